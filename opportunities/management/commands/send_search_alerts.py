from careercenter.commands import JobCommand, plural
from opportunities import alerts
from opportunities.models import Cadence
from opportunities.tasks import send_search_alerts_task

CADENCES = [c.value for c in Cadence if c != Cadence.OFF]


class Command(JobCommand):
    help = (
        "Send the saved-search alerts of one cadence for the current period: the listings "
        "published since the previous run. A period is sent once, however often this runs; a "
        "run that was stopped half-way goes on where it stopped. Run it from cron: instant "
        "every 5 minutes, daily once a day, weekly once a week (see the README)."
    )
    task = send_search_alerts_task

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--cadence", required=True, choices=CADENCES)
        parser.add_argument(
            "--batch-size",
            type=int,
            default=alerts.BATCH_SIZE,
            help=f"Searches per transaction (default {alerts.BATCH_SIZE}).",
        )

    def task_arguments(self, options):
        return (options["cadence"], options["batch_size"])

    def run(self, *, cadence, batch_size, **options):
        made = alerts.send_search_alerts(Cadence(cadence), batch_size=batch_size)
        return f"Sent {plural(made, cadence + ' alert')}."
