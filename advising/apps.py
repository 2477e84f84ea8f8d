from django.apps import AppConfig


class AdvisingConfig(AppConfig):
    name = "advising"
    verbose_name = "Advising"

    def ready(self):
        from .audit import register_student_records

        register_student_records()
