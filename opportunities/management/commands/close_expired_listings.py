from careercenter.commands import JobCommand, plural
from opportunities.tasks import close_expired_listings, close_expired_listings_task


class Command(JobCommand):
    help = (
        "Close published listings whose application deadline has passed. Safe to run as often "
        "as you like (e.g. daily from cron): already closed listings are left alone."
    )
    task = close_expired_listings_task

    def run(self, **options):
        return f"Closed {plural(close_expired_listings(), 'expired listing')}."
