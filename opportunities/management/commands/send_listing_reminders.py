from careercenter.commands import JobCommand, plural
from opportunities.reminders import send_listing_reminders
from opportunities.tasks import send_listing_reminders_task


class Command(JobCommand):
    help = (
        "Remind students of saved listings whose deadline is near (the alert policy's days) and "
        "tell them of saved listings that closed. Each is said once, however often this runs "
        "(cron: daily, after close_expired_listings)."
    )
    task = send_listing_reminders_task

    def run(self, **options):
        return f"Made {plural(send_listing_reminders(), 'reminder')}."
