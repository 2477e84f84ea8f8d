"""The shape of a scheduled job's management command: cron runs it, and it does the work at
once or, with `--enqueue`, hands it to the background worker as a task."""

from django.core.management.base import BaseCommand


class JobCommand(BaseCommand):
    task = None  # the django-tasks task that does the same work on a worker

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker instead of doing it now.",
        )

    def task_arguments(self, options) -> tuple:
        """The task's arguments, from the command's options."""
        return ()

    def run(self, **options) -> str:
        """Do the work now; returns what to print."""
        raise NotImplementedError

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = self.task.enqueue(*self.task_arguments(options))
            self.stdout.write(f"Queued for the background worker (task {result.id}).")
            return
        self.stdout.write(self.style.SUCCESS(self.run(**options)))


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
