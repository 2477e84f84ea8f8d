"""The catalogue: formats (with the reference's comparison criteria as data) and listings."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify


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
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    industry = models.ForeignKey(Industry, on_delete=models.SET_NULL, null=True, blank=True)
    is_verified = models.BooleanField(
        "verified employer",
        default=False,
        help_text="Checked by career-center staff (a real organization, a real contact).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class WorkMode(models.TextChoices):
    ONSITE = "onsite", "On site"
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"


class Compensation(models.TextChoices):
    HOURLY = "hourly", "Paid hourly"
    FIXED_FEE = "fixed_fee", "Fixed fee per project"
    STIPEND = "stipend", "Stipend"
    CREDIT = "credit", "Academic credit"
    UNPAID = "unpaid", "Unpaid"


PAID_COMPENSATION = (Compensation.HOURLY, Compensation.FIXED_FEE, Compensation.STIPEND)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


class OpportunityQuerySet(models.QuerySet):
    def open(self, today=None):
        """Published and still taking applications: what browse and search show."""
        today = today or timezone.localdate()
        return self.filter(status=Status.PUBLISHED, deadline__gte=today)

    def expired(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status=Status.PUBLISHED, deadline__lt=today)

    def paid(self):
        return self.filter(compensation_type__in=PAID_COMPENSATION)


class Opportunity(models.Model):
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="opportunities"
    )
    format = models.ForeignKey(Format, on_delete=models.PROTECT, related_name="opportunities")
    industry = models.ForeignKey(Industry, on_delete=models.PROTECT, related_name="opportunities")
    skills = models.ManyToManyField(Skill, blank=True, related_name="opportunities")
    summary = models.CharField(max_length=300)
    description = models.TextField()
    work_mode = models.CharField(max_length=8, choices=WorkMode.choices)
    location = models.CharField(max_length=120, blank=True)
    weekly_hours_min = models.PositiveSmallIntegerField("hours per week (min)")
    weekly_hours_max = models.PositiveSmallIntegerField("hours per week (max)")
    duration_weeks = models.DecimalField(
        "duration in weeks", max_digits=4, decimal_places=1, null=True, blank=True
    )
    total_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text="For the short formats: the total effort in hours."
    )
    start_date = models.DateField(null=True, blank=True)
    deadline = models.DateField("application deadline")
    compensation_type = models.CharField(max_length=10, choices=Compensation.choices)
    compensation_amount = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Per hour when paid hourly, per project for a fixed fee, in total for a stipend.",
    )
    apply_url = models.URLField("application link", blank=True)
    apply_instructions = models.TextField("how to apply", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_hours_min__lte=F("weekly_hours_max"))
                & Q(weekly_hours_max__lte=80),
                name="opportunity_weekly_hours_range",
                violation_error_message="Weekly hours: minimum at most maximum, maximum ≤ 80.",
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__isnull=True) | Q(duration_weeks__gt=0),
                name="opportunity_duration_positive",
                violation_error_message="Duration must be more than 0 weeks.",
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__isnull=False) | Q(total_hours__isnull=False),
                name="opportunity_has_duration",
                violation_error_message="Give a duration in weeks or the total hours.",
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
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="opportunity_open_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:160] or "listing"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("opportunities:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_paid(self) -> bool:
        return self.compensation_type in PAID_COMPENSATION

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == Status.PUBLISHED and self.deadline >= today


class SavedOpportunity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_opportunities"
    )
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "saved opportunities"
        constraints = [
            models.UniqueConstraint(fields=["user", "opportunity"], name="saved_once_per_user"),
        ]

    def __str__(self):
        return f"{self.user} saved {self.opportunity}"
