"""The enumerations of the catalogue, the listings, the imports and the alerts."""

from django.db import models


class Family(models.TextChoices):
    INTERNSHIP = "internship", "Internship"
    MICRO = "micro", "Micro-internship"
    HYBRID = "hybrid", "Hybrid"


class Flexibility(models.IntegerChoices):
    FIXED = 1, "Fixed schedule"
    PARTLY = 2, "Partly flexible"
    FLEXIBLE = 3, "Flexible, self-paced"


class Depth(models.IntegerChoices):
    TASK = 1, "Targeted tasks"
    PROJECT = 2, "A focused project"
    IMMERSIVE = 3, "In-depth, immersive"


class LearningScope(models.IntegerChoices):
    SPECIFIC = 1, "One specific skill"
    RELATED = 2, "A few related skills"
    COMPREHENSIVE = 3, "Comprehensive skill development"


class ApplicationProcess(models.IntegerChoices):
    SIMPLE = 1, "Simple, often platform-based"
    SHORT = 2, "A short application"
    FORMAL = 3, "Formal, with interviews"


class CompensationModel(models.TextChoices):
    PER_TASK = "per_task", "Usually paid per task or project"
    PAID = "paid", "Usually paid (hourly or a stipend)"
    PAID_OR_CREDIT = "paid_or_credit", "Often paid or for academic credit"
    VARIES = "varies", "Varies"


class NetworkingStyle(models.TextChoices):
    DEEP = "deep", "Strong internal connections"
    BROAD = "broad", "Limited but diverse contacts"
    MIXED = "mixed", "Some depth, several contacts"


class MadeFor(models.TextChoices):
    """What a format is made for: the reference's distinctions between the short formats."""

    NOTHING = "", "Nothing in particular"
    BREAK = "break", "A free block of days, such as a break"
    BUSY_TERM = "busy_term", "Busy terms: a few hours a week beside classes"
    FIRST_TRY = "first_try", "A low-risk first try"
    PROOF_OF_SKILL = "proof_of_skill", "A measurable result that proves a skill"


def every_work_mode() -> list[str]:
    """A new format's work modes: all of them (listings of it may be done any way)."""
    return [mode for mode in WorkMode.values if mode]


# A fact a listing leaves out is "not stated": NULL for numbers and dates, "" for choices.
NOT_STATED = "Not stated"


class WorkMode(models.TextChoices):
    NOT_STATED = "", NOT_STATED
    ONSITE = "onsite", "On site"
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"


class Compensation(models.TextChoices):
    NOT_STATED = "", NOT_STATED
    HOURLY = "hourly", "Paid hourly"
    FIXED_FEE = "fixed_fee", "Fixed fee per project"
    STIPEND = "stipend", "Stipend"
    CREDIT = "credit", "Academic credit"
    UNPAID = "unpaid", "Unpaid"


PAID_COMPENSATION = (Compensation.HOURLY, Compensation.FIXED_FEE, Compensation.STIPEND)


class Sponsorship(models.TextChoices):
    """What a listing says about sponsoring a work visa."""

    NOT_STATED = "", NOT_STATED
    OFFERS = "offers", "Offers visa sponsorship"
    DOES_NOT_OFFER = "does_not_offer", "Does not offer visa sponsorship"
    CITIZENSHIP_REQUIRED = "citizenship_required", "Requires citizenship"


def stated(choices) -> list[tuple[str, str]]:
    """`choices` without the "not stated" one: what a person can pick as a preference."""
    return [(value, label) for value, label in choices if value]


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


class ImportFormat(models.TextChoices):
    """The kinds of file an import reads (opportunities.importing.adapters, one adapter each)."""

    SIMPLIFY = "simplify", "SimplifyJobs listings.json"
    CSV = "csv", "Listings CSV (the export's columns)"
    JSON = "json", "Listings JSON (objects with the export's columns)"


class ImportEncoding(models.TextChoices):
    UTF8 = "utf-8", "UTF-8"
    WINDOWS_1252 = "windows-1252", "Windows-1252 (Excel on Windows, “CSV (Comma delimited)”)"


class ImportStatus(models.TextChoices):
    CHECK_QUEUED = "check_queued", "Waiting to be checked"
    CHECKING = "checking", "Checking"
    CHECKED = "checked", "Checked: ready to import"
    REJECTED = "rejected", "Rejected: nothing imported"
    IMPORT_QUEUED = "import_queued", "Waiting to be imported"
    RECHECKING = "rechecking", "Checking again before writing"
    WRITING = "writing", "Writing"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Failed: nothing imported"


IMPORT_RUNNING = (
    ImportStatus.CHECK_QUEUED,
    ImportStatus.CHECKING,
    ImportStatus.IMPORT_QUEUED,
    ImportStatus.RECHECKING,
    ImportStatus.WRITING,
)


class Cadence(models.TextChoices):
    INSTANT = "instant", "Instant: as soon as they are published"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"
    OFF = "off", "Off: no alerts"
