from django.core.management.base import BaseCommand

from advising.notices import send_follow_up_reminders
from advising.tasks import send_follow_up_reminders_task


class Command(BaseCommand):
    help = (
        "Remind advisors of their students' follow-up dates that have come. Each is said once, "
        "however often this runs (cron: daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker instead of doing it now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_follow_up_reminders_task.enqueue()
            self.stdout.write(f"Queued for the background worker (task {result.id}).")
            return
        made = send_follow_up_reminders()
        self.stdout.write(self.style.SUCCESS(f"Made {made} reminder{'s' * (made != 1)}."))
