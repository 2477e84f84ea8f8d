"""Background work of advising (django-tasks; see settings.TASKS and the README)."""

from django_tasks import task

from .notices import send_follow_up_reminders


@task()
def send_follow_up_reminders_task() -> int:
    """`send_follow_up_reminders` on a worker (`manage.py send_follow_up_reminders --enqueue`)."""
    return send_follow_up_reminders()
