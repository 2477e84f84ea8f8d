from django.core.management.base import BaseCommand

from opportunities import alerts
from opportunities.models import Cadence
from opportunities.tasks import send_search_alerts_task

CADENCES = [c.value for c in Cadence if c != Cadence.OFF]


class Command(BaseCommand):
    help = (
        "Send the saved-search alerts of one cadence for the current period: the listings "
        "published since the previous run. A period is sent once, however often this runs; a "
        "run that was stopped half-way goes on where it stopped. Run it from cron: instant "
        "every 5 minutes, daily once a day, weekly once a week (see the README)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cadence", required=True, choices=CADENCES)
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker instead of doing it now.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=alerts.BATCH_SIZE,
            help=f"Searches per transaction (default {alerts.BATCH_SIZE}).",
        )

    def handle(self, *args, cadence, enqueue=False, batch_size=alerts.BATCH_SIZE, **options):
        if enqueue:
            result = send_search_alerts_task.enqueue(cadence, batch_size)
            self.stdout.write(f"Queued for the background worker (task {result.id}).")
            return
        made = alerts.send_search_alerts(Cadence(cadence), batch_size=batch_size)
        self.stdout.write(self.style.SUCCESS(f"Sent {made} {cadence} alert{'s' * (made != 1)}."))
