"""Listings (`Opportunity`), their QuerySet, and the listings students save."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from .. import (
    fastpath,
    lookups,  # noqa: F401 (registers has_element and has_element_containing)
)
from .browsing import SEARCH_CONFIG, BrowseQuerySet
from .choices import NOT_STATED, PAID_COMPENSATION, Compensation, Sponsorship, Status, WorkMode
from .formats import Format, Industry, Organization, Skill
from .wording import (
    _plural,
    describe_range,
    describe_weeks,
    listing_slug,
    remote_possible,
    term_order,
)


class OpportunityQuerySet(BrowseQuerySet):
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
        return sorted(fastpath.distinct_terms(self), key=term_order)

    def visible(self):
        """Listings anyone may open by their address: published or closed, not drafts."""
        return self.exclude(status=Status.DRAFT)

    def for_detail(self):
        """What a listing's own page shows (not PostgreSQL's search column: parsing it costs,
        nothing shows it)."""
        return self.select_related("organization", "format", "industry").defer("search_vector")

    def versions(self, ids) -> dict:
        """Listing id -> when it was last changed, for the listings `ids`: the keys of their
        kept cards."""
        return dict(self.filter(pk__in=ids).values_list("pk", "updated_at"))

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

    def update_search_vector(self) -> int:
        """Recompute the search column of these listings (PostgreSQL only; one UPDATE).

        Call it after anything that changes a listing's title, texts, organization or skills:
        the admin, the CSV import and the demo seeding do. Weights: title A, organization and
        skills B, summary C, description D.
        """
        if not self._is_postgresql():
            return 0
        return fastpath.update_search_vector(self, config=SEARCH_CONFIG)

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
        self.is_remote = remote_possible(self.work_mode, self.locations)
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

    def related_listings(self, count: int) -> list["Opportunity"]:
        """Up to `count` open listings of the same format and industry, then of the same
        industry; a short card each."""
        others = (
            Opportunity.objects.open()
            .exclude(pk=self.pk)
            .select_related("organization", "format")
            .short()
            .by_deadline()
        )
        related = list(
            others.filter(format_id=self.format_id, industry_id=self.industry_id)[:count]
        )
        if len(related) < count:
            related += others.filter(industry_id=self.industry_id).exclude(
                format_id=self.format_id
            )[: count - len(related)]
        return related

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
