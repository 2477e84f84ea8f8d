"""The catalogue: formats (with the reference's comparison criteria as data) and listings."""

import re
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from . import lookups  # noqa: F401 (registers has_element and has_element_containing)
from . import search as search_text


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


# Paths under /formats/ that a format's slug must not take.
RESERVED_FORMAT_SLUGS = {"compare"}


class FormatQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Format(models.Model):
    """A kind of opportunity; its criteria drive the suggestion engine."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    family = models.CharField(max_length=12, choices=Family.choices)
    summary = models.CharField(max_length=240, help_text="One or two sentences for students.")
    description = models.TextField(blank=True)
    weeks_min = models.DecimalField(
        "typical weeks (min)",
        max_digits=4,
        decimal_places=1,
        help_text="0.1 week is about half a day.",
    )
    weeks_max = models.DecimalField("typical weeks (max)", max_digits=4, decimal_places=1)
    weekly_hours_min = models.PositiveSmallIntegerField("typical hours per week (min)")
    weekly_hours_max = models.PositiveSmallIntegerField("typical hours per week (max)")
    total_hours_min = models.PositiveIntegerField("typical total hours (min)")
    total_hours_max = models.PositiveIntegerField("typical total hours (max)")
    schedule_flexibility = models.PositiveSmallIntegerField(
        "commitment: schedule", choices=Flexibility.choices
    )
    exposure_depth = models.PositiveSmallIntegerField("exposure", choices=Depth.choices)
    learning_scope = models.PositiveSmallIntegerField(
        "learning outcome", choices=LearningScope.choices
    )
    application_process = models.PositiveSmallIntegerField(choices=ApplicationProcess.choices)
    compensation_model = models.CharField(
        "compensation", max_length=16, choices=CompensationModel.choices
    )
    networking_style = models.CharField("networking", max_length=8, choices=NetworkingStyle.choices)
    suitability = models.CharField(max_length=240, help_text="Which students it suits best.")
    made_for = models.CharField(
        "made for",
        max_length=16,
        choices=MadeFor.choices,
        blank=True,
        help_text="Its distinction among the formats; the suggestion engine weighs it.",
    )
    work_modes = models.JSONField(
        "work modes",
        default=every_work_mode,
        help_text="How its listings are done: a student who refuses all of them never gets it.",
    )
    display_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("active", default=True)

    objects = FormatQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weeks_min__gt=0) & Q(weeks_min__lte=F("weeks_max")),
                name="format_weeks_range",
                violation_error_message="Minimum weeks must be above 0 and at most the maximum.",
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours_min__lte=F("weekly_hours_max"))
                & Q(weekly_hours_max__lte=80),
                name="format_weekly_hours_range",
                violation_error_message="Weekly hours: minimum at most maximum, maximum ≤ 80.",
            ),
            models.CheckConstraint(
                condition=Q(total_hours_min__gt=0) & Q(total_hours_min__lte=F("total_hours_max")),
                name="format_total_hours_range",
                violation_error_message="Total hours: minimum above 0 and at most the maximum.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("opportunities:format", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in RESERVED_FORMAT_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” is the name of a page; choose another slug."},
                code="reserved",
            )
        modes = self.work_modes
        if not isinstance(modes, list) or not modes or set(modes) - set(every_work_mode()):
            raise ValidationError(
                {"work_modes": "Tick at least one of on site, remote and hybrid."},
                code="work_modes",
            )

    @property
    def duration_text(self) -> str:
        return describe_weeks(self.weeks_min, self.weeks_max)

    @property
    def weekly_hours_text(self) -> str:
        return describe_range(self.weekly_hours_min, self.weekly_hours_max, "hours a week")

    @property
    def total_hours_text(self) -> str:
        return describe_range(self.total_hours_min, self.total_hours_max, "hours in total")

    def criteria(self) -> list[tuple[str, str]]:
        """The comparison criteria in plain language, in the reference table's order."""
        return [
            ("Duration", self.duration_text),
            ("Hours per week", self.weekly_hours_text),
            ("Total effort", self.total_hours_text),
            ("Commitment", self.get_schedule_flexibility_display()),
            ("Exposure", self.get_exposure_depth_display()),
            ("Learning outcome", self.get_learning_scope_display()),
            ("Application process", self.get_application_process_display()),
            ("Compensation", self.get_compensation_model_display()),
            ("Networking", self.get_networking_style_display()),
            ("Work modes", self.work_modes_text),
            ("Made for", self.get_made_for_display()),
            ("Suits", self.suitability),
        ]

    @property
    def work_modes_text(self) -> str:
        labels = dict(WorkMode.choices)
        return ", ".join(str(labels[m]) for m in every_work_mode() if m in self.work_modes)


def _number(n) -> str:
    """12, 0.5, 1,040: no trailing zeros, thousands separated."""
    if isinstance(n, Decimal) and n != n.to_integral_value():
        return f"{n:,f}".rstrip("0")
    return f"{int(n):,}"


def _plural(n, word: str) -> str:
    return f"{_number(n)} {word}" if n == 1 else f"{_number(n)} {word}s"


def describe_weeks(low: Decimal, high: Decimal | None = None) -> str:
    """'half a day to 3 weeks', '6–26 weeks': short durations read better in days."""

    def one(weeks: Decimal) -> str:
        if weeks >= 1:
            return _plural(weeks, "week")
        days = weeks * 5  # working days
        return "half a day" if days < 1 else _plural(days, "day")

    if high is None or high == low:
        return one(low)
    if low >= 1:
        return f"{_number(low)}–{_number(high)} weeks"
    return f"{one(low)} to {one(high)}"


def describe_range(low: int, high: int, unit: str) -> str:
    if low == high:
        return f"{_number(low)} {unit}"
    return f"{_number(low)}–{_number(high)} {unit}"


class Industry(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "industries"

    def __str__(self):
        return self.name


class Skill(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def organization_key(name: str) -> str:
    """What two spellings of one organization's name share: its letters and digits, case
    folded ("Acme, Inc." and "ACME Inc" are both "acmeinc"). Imports match organizations by
    it; a name with neither letters nor digits keeps its folded self."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum()) or " ".join(folded.split())


class Organization(models.Model):
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    name_key = models.CharField(
        max_length=200,
        unique=True,
        editable=False,
        help_text="The name without case or punctuation (organization_key): one per organization.",
    )
    website = models.URLField(max_length=2048, blank=True)
    description = models.TextField(blank=True)
    industry = models.ForeignKey(Industry, on_delete=models.SET_NULL, null=True, blank=True)
    is_verified = models.BooleanField(
        "verified employer",
        default=False,
        help_text="Checked by career-center staff (a real organization, a real contact).",
    )
    is_demo = models.BooleanField(
        "demo data",
        default=False,
        help_text="Made up by seed_demo for trying the site; never a real organization.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = organization_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        key = organization_key(self.name or "")
        same = Organization.objects.filter(name_key=key).exclude(pk=self.pk).first()
        if same is not None:
            raise ValidationError(
                {
                    "name": f"“{same.name}” is already this organization (the same name but for "
                    "case or punctuation)."
                },
                code="duplicate",
            )


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


# A location naming remote work ("Remote", "Remote in USA", "US (remote)").
_REMOTE = re.compile(r"\bremote\b", re.IGNORECASE)


_SEASONS = {"winter": 0, "spring": 1, "summer": 2, "fall": 3, "autumn": 3}
_TERM = re.compile(r"^\s*(winter|spring|summer|fall|autumn)\s+(\d{4})\s*$", re.IGNORECASE)


def term_order(term: str) -> tuple:
    """Sorts terms in calendar order ("Spring 2026" before "Summer 2026" before "Fall 2026"),
    and any other wording after them, alphabetically."""
    match = _TERM.match(term)
    if match:
        return (0, int(match[2]), _SEASONS[match[1].lower()], "")
    return (1, 0, 0, term.casefold())


def has_remote_location(locations) -> bool:
    """Whether any of `locations` is remote work: what `Opportunity.is_remote` holds."""
    return any(_REMOTE.search(place) for place in locations or ())


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


# Text search: the language of stemming, and how many of the newest matches get ranked. Finding
# them reads rows until that many match, so the bound sets what a broad word ("data") costs:
# at 100 000 listings 1 000 candidates take 6 ms of PostgreSQL, 2 000 took 16 ms. Fifty pages
# of results is more than anyone reads; past that, a filter or a second word is the answer.
SEARCH_CONFIG = "english"
RANKED_CANDIDATES = 1000


class SearchSynonym(models.Model):
    """Words that mean the same to a searcher ("ML", "machine learning"): a search for any of
    them finds listings that use any other. Curated by career-center admins."""

    term = models.CharField(
        max_length=80, help_text="A word or phrase as students type it, e.g. ML."
    )
    equivalents = models.CharField(
        max_length=300,
        help_text="What it means, separated by commas, e.g. machine learning. Works both ways: "
        "a search for an equivalent finds the term too.",
    )

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="search_synonym_term_unique",
                violation_error_message="There is already a synonym entry for this term.",
            ),
        ]

    def __str__(self):
        return f"{self.term} = {self.equivalents}"

    def phrases(self) -> list[str]:
        """The term and each equivalent, lower case, in order, each once."""
        found = [self.term, *self.equivalents.split(",")]
        return list(dict.fromkeys(" ".join(p.split()).lower() for p in found if p.strip()))


def listing_slug(title: str) -> str:
    """The readable part of a listing's address; the id keeps addresses unique."""
    return slugify(title)[:160] or "listing"


class OpportunityQuerySet(models.QuerySet):
    def open(self, today=None):
        """Published and still taking applications: what browse and search show. A listing
        that states no deadline is open until it is closed."""
        today = today or timezone.localdate()
        return self.filter(
            Q(deadline__gte=today) | Q(deadline__isnull=True), status=Status.PUBLISHED
        )

    def expired(self, today=None):
        """Published, but the deadline it states has passed."""
        today = today or timezone.localdate()
        return self.filter(status=Status.PUBLISHED, deadline__lt=today)

    def paid(self):
        """Listings that say they pay (not those that leave pay unstated)."""
        return self.filter(compensation_type__in=PAID_COMPENSATION)

    def by_deadline(self):
        """Soonest deadline first, listings stating none after those that do; real listings
        before demo ones (the order of `opportunity_open_idx`)."""
        return self.order_by("is_demo", F("deadline").asc(nulls_last=True), "id")

    def newest_first(self):
        """Most recently published first; real listings before demo ones."""
        return self.order_by("is_demo", "-published_at", "-id")

    def terms(self) -> list[str]:
        """Every term these listings are offered for, once each, in calendar order."""
        connection = connections[self.db]
        sql, params = self.order_by().values("terms").query.sql_with_params()
        if connection.vendor == "postgresql":
            elements = (
                "jsonb_array_elements_text(CASE WHEN jsonb_typeof(listing.terms) = 'array' "
                "THEN listing.terms ELSE '[]'::jsonb END) AS element(value)"
            )
        else:
            elements = (
                "json_each(CASE WHEN json_type(listing.terms) = 'array' "
                "THEN listing.terms ELSE '[]' END) AS element"
            )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT element.value FROM ({sql}) AS listing, {elements}",  # noqa: S608 (the ORM's compiled SQL)
                params,
            )
            return sorted((term for (term,) in cursor.fetchall() if term), key=term_order)

    def short(self):
        """Without the long columns no card or line shows: the description, the application
        instructions and PostgreSQL's search vector (parsing it costs, nothing shows it)."""
        return self.defer("description", "apply_instructions", "search_vector")

    def for_listing(self):
        """What a list of listing cards shows, in a fixed number of queries."""
        return (
            self.select_related("organization", "format", "industry")
            .prefetch_related(models.Prefetch("skills", queryset=Skill.objects.order_by("name")))
            .short()
        )

    def with_any_skill(self, skills):
        """Listings that ask for at least one of `skills`, each listed once."""
        through = Opportunity.skills.through
        return self.filter(
            Exists(through.objects.filter(opportunity_id=OuterRef("pk"), skill__in=skills))
        )

    def _is_postgresql(self) -> bool:
        return connections[self.db].vendor == "postgresql"

    def search(self, text: str, *, synonyms=None):
        """Listings matching free text (`opportunities.search`: words, "phrases", -words, or),
        widened by `synonyms` (`search.synonym_groups`): full-text search with prefixes on
        PostgreSQL, substrings elsewhere. Text with no word to look for matches nothing."""
        return self._matching(search_text.parse(text, synonyms))

    def _matching(self, query: search_text.Query):
        if not query:
            return self.none()
        if self._is_postgresql():
            return self.filter(search_vector=_search_query(query))
        return self.filter(search_text.to_q(query))

    def by_relevance(
        self, text: str, *, candidates: int = RANKED_CANDIDATES, synonyms=None
    ) -> list[int]:
        """The ids of the matches for `text`, best first: the newest `candidates` matches,
        ranked; real listings before demo ones, whatever their rank.

        Ids, not listings: a page shows 20 of up to 1 000, and its cards are mostly kept
        rendered (`views.listing_cards`). On PostgreSQL the query that finds the candidates
        ranks them too; elsewhere a title match ranks first.
        """
        query = search_text.parse(text, synonyms)
        if not query:
            return []
        matches = self._matching(query)
        if not self._is_postgresql():
            in_title = Case(When(title__icontains=text, then=Value(1)), default=Value(0))
            best_first = matches.annotate(rank=in_title).order_by(
                "is_demo", "-rank", F("deadline").asc(nulls_last=True), "id"
            )
            return list(best_first.values_list("pk", flat=True)[:candidates])
        newest = list(
            matches.annotate(rank=SearchRank(F("search_vector"), _search_query(query)))
            .newest_first()
            .values_list("pk", "is_demo", "rank")[:candidates]
        )
        # A stable sort: equal ranks stay newest first.
        newest.sort(key=lambda row: (row[1], -row[2]))
        return [pk for pk, _, _ in newest]

    def update_search_vector(self) -> int:
        """Recompute the search column of these listings (PostgreSQL only; one UPDATE).

        Call it after anything that changes a listing's title, texts, organization or skills:
        the admin, the CSV import and the demo seeding do. Weights: title A, organization and
        skills B, summary C, description D.
        """
        if not self._is_postgresql():
            return 0
        connection = connections[self.db]
        ids_sql, ids_params = self.order_by().values("pk").query.sql_with_params()
        tables = {
            "listing": Opportunity,
            "organization": Organization,
            "listing_skill": Opportunity.skills.through,
            "skill": Skill,
        }
        names = {key: connection.ops.quote_name(m._meta.db_table) for key, m in tables.items()}
        sql = _SEARCH_VECTOR_SQL.format(ids=ids_sql, **names)
        with connection.cursor() as cursor:
            cursor.execute(sql, [SEARCH_CONFIG] * 4 + list(ids_params))
            return cursor.rowcount

    def publish(self, now=None) -> int:
        """Publish these listings; a listing keeps the date it was first published."""
        now = now or timezone.now()
        # update() skips auto_now: updated_at is set here, or pages kept by the fragment
        # cache (keyed on it) would show the old status for up to a minute.
        return self.exclude(status=Status.PUBLISHED).update(
            status=Status.PUBLISHED,
            published_at=Coalesce("published_at", Value(now)),
            closed_at=None,
            updated_at=now,
        )

    def close(self, now=None) -> int:
        now = now or timezone.now()
        return self.exclude(status=Status.CLOSED).update(
            status=Status.CLOSED, closed_at=now, updated_at=now
        )


# Raw SQL because the ORM's UPDATE cannot join: organization and skill names come from one
# grouped join instead of two correlated subqueries per row (2.7 s against 17 s for 100 000
# listings on a busy 2-core machine). Placeholders in braces are quoted table names and the
# queryset's own SQL for the ids; values are passed as parameters.
_SEARCH_VECTOR_SQL = """
    UPDATE {listing} AS listing
    SET search_vector =
        setweight(to_tsvector(%s::regconfig, listing.title), 'A')
        || setweight(to_tsvector(%s::regconfig, texts.organization || ' ' || texts.skills), 'B')
        || setweight(to_tsvector(%s::regconfig, listing.summary), 'C')
        || setweight(to_tsvector(%s::regconfig, listing.description), 'D')
    FROM (
        SELECT l.id, o.name AS organization,
               coalesce(string_agg(s.name, ' ' ORDER BY s.name), '') AS skills
        FROM {listing} AS l
        JOIN {organization} AS o ON o.id = l.organization_id
        LEFT JOIN {listing_skill} AS ls ON ls.opportunity_id = l.id
        LEFT JOIN {skill} AS s ON s.id = ls.skill_id
        WHERE l.id IN ({ids})
        GROUP BY l.id, o.name
    ) AS texts
    WHERE listing.id = texts.id
"""


def _search_query(query: search_text.Query) -> SearchQuery:
    # Built from what was typed, every word quoted (search.to_tsquery): never a syntax error.
    return SearchQuery(search_text.to_tsquery(query), search_type="raw", config=SEARCH_CONFIG)


class Opportunity(models.Model):
    """A listing. Facts a posting does not give are "not stated" (NULL, or "" for a choice):
    never invented, shown as "Not stated", and filters treat them as unknown."""

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="opportunities"
    )
    format = models.ForeignKey(Format, on_delete=models.PROTECT, related_name="opportunities")
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, related_name="opportunities", null=True, blank=True
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="opportunities")
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    work_mode = models.CharField(max_length=8, choices=WorkMode.choices, blank=True)
    locations = models.JSONField(
        default=list,
        blank=True,
        help_text='Where the work happens, one place each: ["New York, NY", "Remote in USA"].',
    )
    is_remote = models.BooleanField(
        "remote possible",
        default=False,
        editable=False,
        help_text="A remote location is among the locations, or the work mode is remote.",
    )
    terms = models.JSONField(
        default=list, blank=True, help_text='The terms it is offered for: ["Summer 2025"].'
    )
    weekly_hours_min = models.PositiveSmallIntegerField(
        "hours per week (min)", null=True, blank=True
    )
    weekly_hours_max = models.PositiveSmallIntegerField(
        "hours per week (max)", null=True, blank=True
    )
    duration_weeks = models.DecimalField(
        "duration in weeks", max_digits=4, decimal_places=1, null=True, blank=True
    )
    total_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text="For the short formats: the total effort in hours."
    )
    start_date = models.DateField(null=True, blank=True)
    deadline = models.DateField(
        "application deadline",
        null=True,
        blank=True,
        help_text="Empty when the posting states none: open until it is closed.",
    )
    compensation_type = models.CharField(max_length=10, choices=Compensation.choices, blank=True)
    compensation_amount = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Per hour when paid hourly, per project for a fixed fee, in total for a stipend.",
    )
    sponsorship = models.CharField(
        "visa sponsorship", max_length=24, choices=Sponsorship.choices, blank=True
    )
    apply_url = models.URLField("application link", max_length=2048, blank=True)
    apply_instructions = models.TextField("how to apply", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    posted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the source posted it (imported listings)."
    )
    source_updated_at = models.DateTimeField(
        null=True, blank=True, help_text="When the source last changed it (imported listings)."
    )
    external_source = models.CharField(
        max_length=40, blank=True, help_text="The feed it was imported from, e.g. simplify."
    )
    external_id = models.CharField(
        max_length=200, blank=True, help_text="Its id in that feed: one listing per id."
    )
    content_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="A hash of the imported fields: an import leaves an unchanged row alone.",
    )
    is_demo = models.BooleanField(
        "demo data",
        default=False,
        help_text="Made up by seed_demo for trying the site; ranked after every real listing.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(
        null=True,
        blank=True,
        editable=False,
        help_text="Kept up to date by update_search_vector().",
    )

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_hours_min__isnull=True, weekly_hours_max__isnull=True)
                # Both set, spelled out: a CHECK passes when its condition is NULL.
                | Q(
                    weekly_hours_min__isnull=False,
                    weekly_hours_max__isnull=False,
                    weekly_hours_min__lte=F("weekly_hours_max"),
                    weekly_hours_max__lte=80,
                ),
                name="opportunity_weekly_hours_range",
                violation_error_message=(
                    "Weekly hours: give both or neither; minimum at most maximum, maximum ≤ 80."
                ),
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__isnull=True) | Q(duration_weeks__gt=0),
                name="opportunity_duration_positive",
                violation_error_message="Duration must be more than 0 weeks.",
            ),
            models.CheckConstraint(
                condition=Q(compensation_amount__isnull=True) | Q(compensation_amount__gte=0),
                name="opportunity_amount_not_negative",
                violation_error_message="The amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=~Q(apply_url="") | ~Q(apply_instructions=""),
                name="opportunity_how_to_apply",
                violation_error_message="Give an application link or instructions.",
            ),
            models.UniqueConstraint(
                fields=["external_source", "external_id"],
                condition=~Q(external_id=""),
                name="opportunity_external_id_unique",
                violation_error_message="This source already has a listing with this id.",
            ),
        ]
        indexes = [
            # Browse by deadline: real listings first, then the soonest deadline (a listing
            # that states none last: PostgreSQL puts NULLs last in an ascending index).
            models.Index(
                fields=["status", "is_demo", "deadline", "id"], name="opportunity_open_idx"
            ),
            # "Newest first" (real listings first), and the newest matches that search ranks.
            models.Index(
                fields=["is_demo", "-published_at", "-id"],
                condition=Q(status="published"),
                name="opportunity_newest_idx",
            ),
            # The advising engine's listing match (advising.matching.matching_listings): one
            # format's open listings, real ones first, in deadline order. Every column the hard
            # filters and the ranking read is in the index (INCLUDE, PostgreSQL only), so the
            # scan reads index tuples in order, never the rows, and stops after the bounded
            # number of candidates. EXPLAIN ANALYZE at 10 000 open listings, a four-window
            # student: a plain index 41 ms; filter columns as keys (rows still read) 8-17 ms;
            # this covering one 3-4 ms.
            models.Index(
                fields=["format", "status", "is_demo", "deadline", "id"],
                include=[
                    "industry",
                    "work_mode",
                    "is_remote",
                    "compensation_type",
                    "weekly_hours_min",
                    "duration_weeks",
                    "total_hours",
                ],
                name="opportunity_match_idx",
            ),
            # Created on PostgreSQL only (see migration 0004); SQLite has no GIN indexes.
            GinIndex(fields=["search_vector"], name="opportunity_search_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = listing_slug(self.title)
        self.is_remote = self.work_mode == WorkMode.REMOTE or has_remote_location(self.locations)
        if self.status == Status.PUBLISHED:
            self.published_at = self.published_at or timezone.now()
            self.closed_at = None
        elif self.status == Status.CLOSED:
            self.closed_at = self.closed_at or timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("opportunities:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self):
        errors = {}
        for name in ("locations", "terms"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors[name] = ValidationError(
                    'A list of texts, e.g. ["New York, NY", "Remote in USA"].', code="not_a_list"
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_paid(self) -> bool:
        return self.compensation_type in PAID_COMPENSATION

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == Status.PUBLISHED and (self.deadline is None or self.deadline >= today)

    @property
    def where_text(self) -> str:
        """The work mode and the places, e.g. "On site: Boston, MA", "Remote",
        "New York, NY; Remote in USA (work mode not stated)"."""
        places = [
            place
            for place in self.locations or ()
            if not (self.work_mode == WorkMode.REMOTE and place.strip().casefold() == "remote")
        ]
        where = "; ".join(places)
        if not self.work_mode:
            return f"{where} (work mode not stated)" if where else f"Where: {NOT_STATED}"
        mode = self.get_work_mode_display()
        return f"{mode}: {where}" if where else mode

    @property
    def weekly_hours_text(self) -> str:
        if self.weekly_hours_min is None:
            return NOT_STATED
        return describe_range(self.weekly_hours_min, self.weekly_hours_max, "hours a week")

    @property
    def duration_text(self) -> str:
        parts = []
        if self.duration_weeks:
            parts.append(describe_weeks(self.duration_weeks))
        if self.total_hours:
            parts.append(_plural(self.total_hours, "hour") + " in total")
        return ", ".join(parts) or NOT_STATED

    @property
    def compensation_text(self) -> str:
        label = self.get_compensation_type_display()
        if self.compensation_amount is None or not self.is_paid:
            return label
        per = {
            Compensation.HOURLY: "an hour",
            Compensation.FIXED_FEE: "for the project",
            Compensation.STIPEND: "in total",
        }[self.compensation_type]
        amount = f"{self.compensation_amount:,.2f}".removesuffix(".00")
        return f"{label}: ${amount} {per}"


class SavedOpportunity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_opportunities"
    )
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(auto_now_add=True)
    # What the student has been told (opportunities.reminders), so nothing is said twice.
    deadline_reminded_for = models.DateField(
        null=True, blank=True, help_text="The deadline the last reminder was about."
    )
    closed_notice_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "saved opportunities"
        constraints = [
            models.UniqueConstraint(fields=["user", "opportunity"], name="saved_once_per_user"),
        ]

    def __str__(self):
        return f"{self.user} saved {self.opportunity}"


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


class ImportRun(models.Model):
    """One import of a listings file, from the admin or `manage.py import_listings`.

    From the admin it is checked first (a dry run) and written when an admin confirms, each
    step a background task (opportunities.tasks); the command does both at once. The counts
    and the rejected rows (at most the first 500, with their row numbers) are kept.
    """

    source = models.CharField(
        max_length=40,
        help_text="The feed's name in this site (e.g. simplify-summer2025): listings are "
        "matched by their id within it.",
    )
    format = models.CharField(
        max_length=10,
        choices=ImportFormat.choices,
        blank=True,
        help_text="Empty: told from the file (a JSON array with company_name is SimplifyJobs).",
    )
    encoding = models.CharField(
        max_length=16, choices=ImportEncoding.choices, default=ImportEncoding.UTF8
    )
    whole_feed = models.BooleanField(
        "the whole feed",
        default=True,
        help_text="The file is everything the source lists now: close this source's published "
        "listings that are not in it.",
    )
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    filename = models.CharField("file or address", max_length=2048)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the command (cron).",
    )
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.CHECK_QUEUED
    )
    progress = models.PositiveIntegerField(default=0, help_text="Rows read by the running step.")
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    organizations_created = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="Rejected rows and why.")
    problem = models.TextField(blank=True, help_text="Why the file as a whole was refused.")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "import"

    def __str__(self):
        return f"{self.source}: {self.filename.rsplit('/', 1)[-1]}"

    @property
    def is_running(self) -> bool:
        return self.status in IMPORT_RUNNING

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportStatus.CHECKED


# --- saved searches and alerts -------------------------------------------------------------


class Cadence(models.TextChoices):
    INSTANT = "instant", "Instant: as soon as they are published"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"
    OFF = "off", "Off: no alerts"


class SavedSearch(models.Model):
    """A browse query (its filters, as a query string) kept by a student, with its alert."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=80)
    query = models.CharField(
        max_length=2000,
        blank=True,
        help_text="The filters, as /opportunities/ takes them (format=…&paid=1).",
    )
    cadence = models.CharField(
        "alert", max_length=8, choices=Cadence.choices, default=Cadence.WEEKLY
    )
    alerts_from = models.DateTimeField(
        help_text="Listings published after this are new to the search's next alert.",
    )
    last_alert_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                name="saved_search_name_once_per_user",
                violation_error_message="You already have a saved search with this name.",
            ),
        ]
        indexes = [
            # An alert run walks the searches of one cadence in id order, a batch at a time.
            models.Index(
                fields=["cadence", "id"],
                condition=~Q(cadence="off"),
                name="saved_search_alert_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        url = reverse("opportunities:list")
        return f"{url}?{self.query}" if self.query else url


class SearchAlertRun(models.Model):
    """One sending of the alerts of one cadence for one period (a day, a week, a minute for
    instant alerts): the listings published between `since` and `cutoff`.

    Resumable: searches are handled a batch at a time in id order, and `last_search_id` says how
    far it got, so a run stopped half-way (a worker killed, a deploy) goes on from there when
    it is started again. Unique per cadence and period, so a period is run once.
    """

    cadence = models.CharField(max_length=8, choices=Cadence.choices)
    period = models.CharField(max_length=20, help_text="2026-12-07, 2026-W50, or a minute.")
    since = models.DateTimeField()
    cutoff = models.DateTimeField()
    last_search_id = models.BigIntegerField(default=0)
    searches_alerted = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-cutoff", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["cadence", "period"], name="alert_run_once"),
            models.CheckConstraint(condition=Q(since__lt=F("cutoff")), name="alert_run_window"),
        ]

    def __str__(self):
        return f"{self.get_cadence_display()} alerts, {self.period}"


class AlertPolicy(models.Model):
    """The numbers of alerts and reminders career-center staff may tune (one row)."""

    digest_size = models.PositiveSmallIntegerField(
        "listings per alert",
        default=20,
        help_text="At most this many new listings in one alert; it links to the full search.",
    )
    deadline_reminder_days = models.PositiveSmallIntegerField(
        "deadline reminder (days before)",
        default=3,
        help_text="Students are reminded this many days before a saved listing's deadline.",
    )

    class Meta:
        verbose_name = "alert policy"
        verbose_name_plural = "alert policy"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="alert_policy_single_row"),
            models.CheckConstraint(
                condition=Q(digest_size__gte=1) & Q(digest_size__lte=50),
                name="alert_policy_digest_size",
                violation_error_message="Between 1 and 50 listings.",
            ),
            models.CheckConstraint(
                condition=Q(deadline_reminder_days__gte=1) & Q(deadline_reminder_days__lte=30),
                name="alert_policy_reminder_days",
                violation_error_message="Between 1 and 30 days.",
            ),
        ]

    def __str__(self):
        return "Alert policy"

    @classmethod
    def current(cls) -> "AlertPolicy":
        """The row (seeded by a data migration); the defaults if it was deleted."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
