"""Formats (with the reference's comparison criteria as data), industries, skills, organizations
and search synonyms: the rows career-center admins curate."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse

from .choices import (
    ApplicationProcess,
    CompensationModel,
    Depth,
    Family,
    Flexibility,
    LearningScope,
    MadeFor,
    NetworkingStyle,
    WorkMode,
    every_work_mode,
)
from .wording import describe_range, describe_weeks, organization_key

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
