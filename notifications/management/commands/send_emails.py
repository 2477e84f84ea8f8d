from django.core.management.base import BaseCommand

from notifications.services import send_due_emails
from notifications.tasks import send_due_emails_task


class Command(BaseCommand):
    help = (
        "Send every e-mail of the outbox that is due: retries whose time has come, and any a "
        "stopped worker left unsent. Safe to run as often as you like (cron: every 10 minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker instead of doing it now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_due_emails_task.enqueue()
            self.stdout.write(f"Queued for the background worker (task {result.id}).")
            return
        sent = send_due_emails()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} e-mail{'s' if sent != 1 else ''}."))
