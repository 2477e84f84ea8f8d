"""Adapters: how one source's rows become our listing fields.

An adapter is a small class per kind of file. It reads a row (a dict from a reader) and
returns a `ListingRecord`: the listing's key in its source, its organization, the model fields
the source states (written at every import that changes them), and `defaults`, the fields the
source does not give, for listings it creates (an admin's later edits to those are kept).
Whatever the source leaves out is "not stated", never invented. Values are converted and
checked here only as far as the source's own shape needs (dates, lists, choices by label);
the model's fields check the rest in the pipeline.

To add a source: subclass `Adapter`, set `name` and `defaults`, write `rows()` (which reader)
and `record()`, and add it to `ADAPTERS` and to `models.ImportFormat`. README, "Importing
listings", documents each mapping.
"""

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, BinaryIO, ClassVar

from django.utils import timezone

from careercenter.spreadsheets import restore_formula

from ..models import Compensation, Sponsorship, Status, WorkMode, has_remote_location
from .readers import FileProblem, Row, read_csv, read_json_array

ISO_DATE = "YYYY-MM-DD (ISO 8601)"
# Day and month in either order, as spreadsheets in different countries write them.
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
# Unix timestamps a feed may carry: 2000-01-01 to 2100-01-01, in seconds.
_TIMESTAMPS = (946_684_800, 4_102_444_800)


class RowInvalid(Exception):
    """A row that cannot become a listing; `messages` maps a field (or "") to what is wrong."""

    def __init__(self, messages: dict[str, str]):
        super().__init__(messages)
        self.messages = messages


@dataclass
class ListingRecord:
    """One row, in our terms. `key` is the listing's id in its source ("" when the row has
    none); `listing_id` our own id when the row names one (the CSV's `id` column)."""

    number: int
    key: str
    organization: str
    values: dict[str, Any]
    defaults: dict[str, Any] = field(default_factory=dict)
    website: str = ""
    skills: list[str] | None = None  # None: the source says nothing about skills
    status: str | None = None  # None: new listings are published, existing ones keep theirs
    listing_id: int | None = None


def parse_date(value: Any) -> date | None:
    """An ISO 8601 date, or None when empty. Day-first or month-first dates are refused with
    the format to use: "03/04/2025" is 3 April in one country and March 4 in another."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _DAY_MONTH.match(text)
    if match:
        first, second, year = (int(part) for part in match.groups())
        year = year + 2000 if year < 100 else year
        if first <= 12 and second <= 12 and first != second:
            raise ValueError(
                f"“{text}” could be {_day(second, first, year)} or {_day(first, second, year)}: "
                f"write dates as {ISO_DATE}."
            )
        day, month = (first, second) if first > 12 else (second, first)
        if 1 <= month <= 12:
            raise ValueError(
                f"“{text}” is not in the expected format: write dates as {ISO_DATE}, e.g. "
                f"{year:04d}-{month:02d}-{day:02d}."
            )
    raise ValueError(f"“{text}” is not a date: write dates as {ISO_DATE}, e.g. 2025-04-03.")


def _day(month: int, day: int, year: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_datetime(value: Any, *, timestamps: bool = False) -> datetime | None:
    """An ISO 8601 date and time (a date alone is its midnight), or with `timestamps` a Unix
    timestamp in seconds as JSON feeds give them. A time without a zone is the site's."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}” is not a date and time.")
    if isinstance(value, int | float):
        if not timestamps:
            raise ValueError(f"“{value}” is not a date: write dates as {ISO_DATE}.")
        if not _TIMESTAMPS[0] <= value < _TIMESTAMPS[1]:
            raise ValueError(f"“{value}” is not a Unix timestamp in seconds.")
        return datetime.fromtimestamp(value, tz=UTC)
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        parse_date(text)  # raises the date's message (ambiguous day and month, or not a date)
        raise ValueError(
            f"“{text}” is not a date and time: write {ISO_DATE}, or e.g. 2025-04-03T09:30Z."
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_list(value: Any) -> list[str]:
    """A JSON list of strings, or a cell of text with items separated by semicolons."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                raise ValueError(f"“{text[:60]}” is not a JSON list.") from None
        else:
            return [item.strip() for item in text.split(";") if item.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("should be a list of texts.")
    return [" ".join(item.split()) for item in value if item.strip()]


def choice(choices: type, value: Any) -> str:
    """A choice by its value or its label, in any letter case; "" is "not stated"."""
    text = " ".join(str(value or "").split()).lower()
    for member in choices:
        if text in (member.value.lower(), str(member.label).lower()):
            return member.value
    known = ", ".join(m.value for m in choices if m.value)
    raise ValueError(f"“{value}” is not one of: {known} (or empty: not stated).")


class Adapter(ABC):
    """Turns the rows of one kind of file into `ListingRecord`s."""

    name: ClassVar[str]  # the `--format` value, one of models.ImportFormat
    # Fields of listings it creates that the source does not give: format and industry are
    # slugs or names of catalogue rows; None is "not stated".
    defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, *, source: str = ""):
        self.source = source  # the import's source name

    @abstractmethod
    def rows(self, binary: BinaryIO, *, encoding: str) -> Iterator[Row]:
        """The file's rows, numbered, from the reader this kind of file needs."""

    @abstractmethod
    def record(self, row: Row) -> ListingRecord:
        """One row as a listing record; raises RowInvalid with every problem it found."""


class SimplifyJobsAdapter(Adapter):
    """SimplifyJobs' `listings.json` (the Summer2025-Internships feed): a JSON array of objects.

    | feed | listing |
    | --- | --- |
    | `id` | external id (the key: a re-import updates the listing with this id) |
    | `company_name` | organization (created when missing, matched by name) |
    | `company_url` | the organization's website, when the import creates it |
    | `title` | title (spaces tidied) |
    | `locations` | locations; work mode "remote" when every location is remote |
    | `terms` | terms |
    | `url` | application link (none: "how to apply" says the feed gives none) |
    | `sponsorship` | visa sponsorship ("Other" or missing: not stated) |
    | `date_posted`, `date_updated` | posted, updated at the source (Unix timestamps) |
    | `active`, `is_visible` | either false: the listing is closed |

    Not in the feed, so "not stated": industry, summary, description, hours, duration, pay,
    deadline. New listings get the format "internship" (every listing in this feed is one).
    `season`, `source` and other keys are ignored.
    """

    name = "simplify"
    defaults: ClassVar[dict[str, Any]] = {"format": "internship", "industry": None}
    SPONSORSHIP: ClassVar[dict[str, str]] = {
        "offers sponsorship": Sponsorship.OFFERS,
        "does not offer sponsorship": Sponsorship.DOES_NOT_OFFER,
        "u.s. citizenship is required": Sponsorship.CITIZENSHIP_REQUIRED,
        "other": Sponsorship.NOT_STATED,
        "": Sponsorship.NOT_STATED,
    }
    NO_LINK = "The feed gives no application link for this posting."

    def rows(self, binary: BinaryIO, *, encoding: str) -> Iterator[Row]:
        return read_json_array(binary, encoding=encoding)

    def record(self, row: Row) -> ListingRecord:
        data = row.data
        errors: dict[str, str] = {}

        def text(key: str, *, required: bool = False) -> str:
            value = data.get(key)
            if value is None:
                value = ""
            if not isinstance(value, str | int):
                errors[key] = f"should be a text, not {json.dumps(value)[:40]}."
                return ""
            value = " ".join(str(value).split())
            if required and not value:
                errors[key] = "is missing."
            return value

        def listed(key: str) -> list[str]:
            try:
                return parse_list(data.get(key))
            except ValueError as error:
                errors[key] = str(error)
                return []

        def moment(key: str) -> datetime | None:
            try:
                return parse_datetime(data.get(key), timestamps=True)
            except ValueError as error:
                errors[key] = str(error)
                return None

        key = text("id", required=True)
        organization = text("company_name", required=True)
        title = text("title", required=True)
        url = text("url")
        locations = listed("locations")
        sponsorship = self.SPONSORSHIP.get(text("sponsorship").lower())
        if sponsorship is None:
            errors["sponsorship"] = (
                f"“{data.get('sponsorship')}” is not a sponsorship statement this import knows "
                "(“Offers Sponsorship”, “Does Not Offer Sponsorship”, “U.S. Citizenship is "
                "Required”, “Other”)."
            )
        values = {
            "title": title,
            "locations": locations,
            "work_mode": WorkMode.REMOTE if _all_remote(locations) else WorkMode.NOT_STATED,
            "terms": listed("terms"),
            "apply_url": url,
            "apply_instructions": "" if url else self.NO_LINK,
            "sponsorship": sponsorship or "",
            "posted_at": moment("date_posted"),
            "source_updated_at": moment("date_updated"),
        }
        closed = data.get("active") is False or data.get("is_visible") is False
        if errors:
            raise RowInvalid(errors)
        return ListingRecord(
            number=row.number,
            key=key,
            organization=organization,
            website=text("company_url"),
            values=values,
            defaults=dict(self.defaults),
            status=Status.CLOSED if closed else None,
        )


def _all_remote(locations: list[str]) -> bool:
    return bool(locations) and all(has_remote_location([place]) for place in locations)


class ListingColumnsAdapter(Adapter):
    """The project's own listing columns (what the admin's export writes), in a CSV file or
    as the keys of a JSON array's objects.

    A row with an `id` updates that listing. A row with an `external_id` is the listing with
    that id in the import's source: created the first time, updated after. A row with
    neither is a new listing each time it is imported. Only the columns in the file are
    written: a file of `id,deadline` changes deadlines and nothing else.
    """

    name = "csv"
    REQUIRED = ("title", "organization", "format")
    TEXT = ("title", "summary", "description", "apply_url", "apply_instructions")
    NUMBERS = (
        "weekly_hours_min",
        "weekly_hours_max",
        "duration_weeks",
        "total_hours",
        "compensation_amount",
    )
    DATES = ("start_date", "deadline")
    MOMENTS = ("posted_at", "source_updated_at")
    LISTS = ("locations", "terms")
    CHOICES: ClassVar[dict[str, type]] = {
        "work_mode": WorkMode,
        "compensation_type": Compensation,
        "sponsorship": Sponsorship,
    }
    CATALOGUE = ("format", "industry")
    # Read, not written to the listing itself: its keys, its organization, its skills, its
    # status; `location` is the single place column of files exported before `locations`.
    OTHER = (
        "id",
        "external_source",
        "external_id",
        "organization",
        "organization_website",
        "skills",
        "status",
        "location",
    )
    COLUMNS = (*TEXT, *NUMBERS, *DATES, *MOMENTS, *LISTS, *CHOICES, *CATALOGUE, *OTHER)

    def check_columns(self, columns: list[str]) -> None:
        unknown = [c for c in columns if c not in self.COLUMNS]
        if unknown:
            raise FileProblem(
                f"Unknown columns: {', '.join(unknown)}. A listing file may have: "
                f"{', '.join(self.COLUMNS)}."
            )
        doubled = sorted({c for c in columns if columns.count(c) > 1})
        if doubled:
            raise FileProblem(f"Columns named twice: {', '.join(doubled)}.")
        missing = [c for c in self.REQUIRED if c not in columns]
        if missing and "id" not in columns:
            raise FileProblem(
                f"Missing columns: {', '.join(missing)} (needed for new listings; a file "
                "that only updates listings names them in an id column)."
            )
        if "location" in columns and "locations" in columns:
            raise FileProblem("Both location and locations: keep locations.")

    def rows(self, binary: BinaryIO, *, encoding: str) -> Iterator[Row]:
        return read_csv(binary, encoding=encoding, check_columns=self.check_columns)

    def record(self, row: Row) -> ListingRecord:
        data = {k: restore_formula(v) if isinstance(v, str) else v for k, v in row.data.items()}
        errors: dict[str, str] = {}
        values: dict[str, Any] = {}

        def convert(column: str, parse: Callable[[Any], Any]) -> None:
            if column in data:
                try:
                    values[column] = parse(data[column])
                except ValueError as error:
                    errors[column] = str(error)

        for column in self.TEXT:
            convert(column, lambda v: "" if v is None else str(v).strip())
        for column in self.NUMBERS:
            convert(column, _number)
        for column in self.DATES:
            convert(column, parse_date)
        for column in self.MOMENTS:
            convert(column, parse_datetime)
        for column in self.LISTS:
            convert(column, parse_list)
        if "location" in data:
            values["locations"] = [p for p in [str(data["location"] or "").strip()] if p]
        for column, choices in self.CHOICES.items():
            convert(column, lambda v, choices=choices: choice(choices, v))
        for column in self.CATALOGUE:
            convert(column, lambda v: " ".join(str(v or "").split()) or None)

        listing_id = None
        if str(data.get("id") or "").strip():
            try:
                listing_id = int(str(data["id"]).strip())
            except ValueError:
                errors["id"] = f"“{data['id']}” is not a listing number."
        key = " ".join(str(data.get("external_id") or "").split())
        source = str(data.get("external_source") or "").strip()
        if key and not listing_id and source and source != self.source:
            errors["external_source"] = (
                f"this row is from the source “{source}”: import it with that source, "
                f"not “{self.source}”."
            )
        for column in self.REQUIRED:
            if column in data and not str(data[column] or "").strip():
                errors[column] = "cannot be empty."
            elif column not in data and listing_id is None:
                errors[column] = "is needed for a new listing (the row has no id)."
        status = None
        if str(data.get("status") or "").strip():
            try:
                status = choice(Status, data["status"])
            except ValueError as error:
                errors["status"] = str(error)
        skills = None
        if "skills" in data:
            raw = data["skills"]
            skills = raw if isinstance(raw, list) else str(raw or "").split(",")
            skills = sorted({str(s).strip() for s in skills if str(s).strip()})
        if errors:
            raise RowInvalid(errors)
        return ListingRecord(
            number=row.number,
            key=key,
            listing_id=listing_id,
            organization=" ".join(str(data.get("organization") or "").split()),
            website=str(data.get("organization_website") or "").strip(),
            values=values,
            skills=skills,
            status=status,
        )


class ListingJsonAdapter(ListingColumnsAdapter):
    """The same columns as keys of the objects of a JSON array; lists may be JSON lists."""

    name = "json"

    def rows(self, binary: BinaryIO, *, encoding: str) -> Iterator[Row]:
        for row in read_json_array(binary, encoding=encoding):
            unknown = [c for c in row.data if c not in self.COLUMNS]
            if unknown and not row.problem:
                row = Row(row.number, {}, f"unknown keys: {', '.join(unknown)}")
            yield row


def _number(value: Any) -> Any:
    """Empty is not stated (None); anything else goes to the model field to convert."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value.strip() if isinstance(value, str) else value


ADAPTERS: dict[str, type[Adapter]] = {
    adapter.name: adapter
    for adapter in (SimplifyJobsAdapter, ListingColumnsAdapter, ListingJsonAdapter)
}
