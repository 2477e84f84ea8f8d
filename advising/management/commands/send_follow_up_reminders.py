from advising.notices import send_follow_up_reminders
from advising.tasks import send_follow_up_reminders_task
from careercenter.commands import JobCommand, plural


class Command(JobCommand):
    help = (
        "Remind advisors of their students' follow-up dates that have come. Each is said once, "
        "however often this runs (cron: daily)."
    )
    task = send_follow_up_reminders_task

    def run(self, **options):
        return f"Made {plural(send_follow_up_reminders(), 'reminder')}."
