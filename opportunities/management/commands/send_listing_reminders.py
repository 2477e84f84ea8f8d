from django.core.management.base import BaseCommand

from opportunities.reminders import send_listing_reminders
from opportunities.tasks import send_listing_reminders_task


class Command(BaseCommand):
    help = (
        "Remind students of saved listings whose deadline is near (the alert policy's days) and "
        "tell them of saved listings that closed. Each is said once, however often this runs "
        "(cron: daily, after close_expired_listings)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker instead of doing it now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_listing_reminders_task.enqueue()
            self.stdout.write(f"Queued for the background worker (task {result.id}).")
            return
        made = send_listing_reminders()
        self.stdout.write(self.style.SUCCESS(f"Made {made} reminder{'s' * (made != 1)}."))
