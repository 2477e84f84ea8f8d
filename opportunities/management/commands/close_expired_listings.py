from django.core.management.base import BaseCommand

from opportunities.tasks import close_expired_listings, close_expired_listings_task


class Command(BaseCommand):
    help = (
        "Close published listings whose application deadline has passed. Safe to run as often "
        "as you like (e.g. daily from cron): already closed listings are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker instead of doing it now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = close_expired_listings_task.enqueue()
            self.stdout.write(f"Queued for the background worker (task {result.id}).")
            return
        closed = close_expired_listings()
        noun = "listing" if closed == 1 else "listings"
        self.stdout.write(self.style.SUCCESS(f"Closed {closed} expired {noun}."))
