"""`manage.py import_listings FILE_OR_URL --source NAME`: import a feed, e.g. from cron."""

from django.core.management.base import BaseCommand, CommandError

from opportunities.importing.fetch import FetchError, open_location
from opportunities.importing.pipeline import check_source
from opportunities.importing.readers import ENCODINGS
from opportunities.importing.runs import perform, record_failure
from opportunities.models import ImportFormat, ImportRun, ImportStatus


class Command(BaseCommand):
    help = (
        "Import listings from a file or an http(s) URL: a SimplifyJobs listings.json, or the "
        "listings CSV or JSON the admin exports. Every row is checked first; a bad row "
        "rejects the whole file (exit status 1, nothing written). Re-importing updates "
        "listings in place; with the whole feed (the default), the source's published "
        "listings that are no longer in it are closed."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", metavar="FILE_OR_URL")
        parser.add_argument(
            "--source",
            required=True,
            help="The feed's name here, e.g. simplify-summer2025 (listings are matched by "
            "their id within it).",
        )
        parser.add_argument(
            "--format",
            choices=ImportFormat.values,
            help="simplify, csv or json (default: told from the file).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count; write nothing."
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="The file is only part of the feed: close no listing for being absent.",
        )
        parser.add_argument("--encoding", choices=list(ENCODINGS), default="utf-8")
        parser.add_argument(
            "--timeout",
            type=float,
            default=60,
            help="Seconds a URL has to download completely (default 60).",
        )

    def handle(self, *args, location, source, format, dry_run, partial, encoding, timeout, **_):
        try:
            check_source(source)
        except ValueError as error:
            raise CommandError(f"--source: {error}") from None
        run = ImportRun.objects.create(
            source=source,
            format=format or "",
            encoding=encoding,
            whole_feed=not partial,
            filename=location,
            status=ImportStatus.CHECKING,
        )
        try:
            with open_location(location, timeout=timeout) as file:
                result = perform(run, file, write=not dry_run)
        except FetchError as error:
            record_failure(run, str(error))
            raise CommandError(str(error)) from None
        for error in result.errors:
            self.stdout.write(f"row {error.row}: {error.message}")
        if result.problem:
            raise CommandError(result.problem)
        if result.rejected:
            shown = "" if len(result.errors) == result.rejected else " (the first 500 above)"
            raise CommandError(
                f"{result.rejected:,} of {result.rows:,} rows rejected{shown}; nothing imported."
            )
        self.stdout.write(result.summary())
