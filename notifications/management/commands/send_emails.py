from careercenter.commands import JobCommand, plural
from notifications.services import send_due_emails
from notifications.tasks import send_due_emails_task


class Command(JobCommand):
    help = (
        "Send every e-mail of the outbox that is due: retries whose time has come, and any a "
        "stopped worker left unsent. Safe to run as often as you like (cron: every 10 minutes)."
    )
    task = send_due_emails_task

    def run(self, **options):
        return f"Sent {plural(send_due_emails(), 'e-mail')}."
