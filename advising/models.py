"""What the product knows about each student, and what advisors recommend to them."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from opportunities.models import Format, Industry, Opportunity, Skill, WorkMode

from .audit import StudentRecord
from .engine import WINDOW_MAX_WEEKLY_HOURS, WINDOW_MAX_WEEKS
from .managers import (
    CalendarFeedQuerySet,
    ExperienceQuerySet,
    RecommendationItemQuerySet,
    RecommendationQuerySet,
    StudentProfileQuerySet,
)


class Level(models.TextChoices):
    UNDERGRADUATE = "undergraduate", "Undergraduate"
    MASTERS = "masters", "Master's"
    DOCTORAL = "doctoral", "Doctoral"
    OTHER = "other", "Other"


class CareerClarity(models.TextChoices):
    EXPLORING = "exploring", "Exploring: I want to try several fields"
    NARROWING = "narrowing", "Narrowing: I have a few fields in mind"
    DECIDED = "decided", "Decided: I know the field I want"


class LearningGoal(models.TextChoices):
    BROAD = "broad", "Broad: a wide range of skills"
    TARGETED = "targeted", "Targeted: specific skills"


class NetworkingGoal(models.TextChoices):
    DEEP = "deep", "A few deep relationships"
    BROAD = "broad", "Many diverse contacts"


class WindowKind(models.TextChoices):
    UNSAID = "", "Work it out from the name and dates"
    TERM = "term", "Term time (classes going on)"
    BREAK = "break", "A break or summer (no classes)"


# A profile's links to the catalogue, and its answers about pay and work modes: two runs of
# fields the profile form and the admin show in this order.
CATALOGUE_LINKS = ("target_industries", "skills", "skills_to_build")
PAY_AND_WORK_MODES = ("needs_pay", "credit_ok", "can_be_paid", "work_modes")


class StudentProfile(StudentRecord, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="student_profile"
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisees",
        limit_choices_to={"groups__name": "Advisor"},
    )
    programme = models.CharField(
        "programme", max_length=120, blank=True, help_text="What you study, e.g. BSc Economics."
    )
    level = models.CharField(max_length=16, choices=Level.choices, blank=True)
    expected_graduation = models.DateField(
        null=True, blank=True, help_text="Roughly when you expect to finish."
    )
    career_clarity = models.CharField(
        "how clear is your career direction?",
        max_length=12,
        choices=CareerClarity.choices,
        blank=True,
    )
    learning_goal = models.CharField(
        "what do you want to learn?", max_length=10, choices=LearningGoal.choices, blank=True
    )
    target_industries = models.ManyToManyField(
        Industry, blank=True, related_name="+", help_text="Fields you would like to work in."
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="+", help_text="Skills you already have."
    )
    skills_to_build = models.ManyToManyField(
        Skill, blank=True, related_name="+", help_text="Skills you want to build next."
    )
    needs_pay = models.BooleanField(
        "do you need paid work?", null=True, blank=True, help_text="Unpaid listings are hidden."
    )
    credit_ok = models.BooleanField(
        "is academic credit acceptable instead of pay?", null=True, blank=True
    )
    can_be_paid = models.BooleanField(
        "may you take paid work?",
        null=True,
        blank=True,
        help_text="No, e.g. when a visa rules it out: paid listings are never shown.",
    )
    work_modes = models.JSONField(
        "work modes you accept",
        default=list,
        blank=True,
        help_text="On site, remote, hybrid: pick all that work for you.",
    )
    networking_goal = models.CharField(
        "what kind of network do you want to build?",
        max_length=8,
        choices=NetworkingGoal.choices,
        blank=True,
    )
    application_ready = models.BooleanField(
        "are you ready for a formal application (résumé, interviews)?", null=True, blank=True
    )
    directory_hold = models.BooleanField(
        "directory-information hold",
        default=False,
        help_text=(
            "FERPA opt-out: the name is shown only to the student, their advisor and "
            "career-center staff (StudentProfile.objects.listable() leaves them out)."
        ),
    )
    legal_hold = models.BooleanField(
        default=False,
        help_text="Set by career-center staff: the account cannot be deleted while on hold.",
    )
    deletion_requested_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StudentProfileQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "user__email"]

    def __str__(self):
        return str(self.user)

    @property
    def accepted_work_modes(self) -> list[str]:
        return [m for m in self.work_modes if m and m in WorkMode.values]


class AvailabilityWindow(StudentRecord, models.Model):
    """A period when the student can take on work, e.g. "Spring term: 14 weeks at 6 h/week"."""

    profile = models.ForeignKey(StudentProfile, on_delete=models.CASCADE, related_name="windows")
    label = models.CharField(max_length=80, help_text='A name, e.g. "Spring term" or "Summer".')
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    weeks = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        help_text="How many weeks (filled in from the dates when you give them).",
    )
    weekly_hours = models.PositiveSmallIntegerField(
        "hours per week",
        help_text=f"Hours per week you can give (0–{WINDOW_MAX_WEEKLY_HOURS}).",
    )
    kind = models.CharField(
        "term time or a break?",
        max_length=8,
        choices=WindowKind.choices,
        blank=True,
        help_text="Plans leave more headroom in term time.",
    )

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_hours__lte=WINDOW_MAX_WEEKLY_HOURS),
                name="window_weekly_hours_max",
                violation_error_message=(
                    f"Weekly hours must be between 0 and {WINDOW_MAX_WEEKLY_HOURS}."
                ),
            ),
            models.CheckConstraint(
                condition=Q(weeks__gt=0) & Q(weeks__lte=WINDOW_MAX_WEEKS),
                name="window_weeks_range",
                violation_error_message=(
                    f"A window lasts more than 0 and at most {WINDOW_MAX_WEEKS} weeks."
                ),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gt=F("starts_on")),
                name="window_ends_after_start",
                violation_error_message="The window must end after it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.weeks:g} weeks × {self.weekly_hours} h/week"


class Experience(StudentRecord, models.Model):
    """One entry of the exposure log: past, current or planned."""

    profile = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="experiences"
    )
    title = models.CharField(max_length=150)
    organization_name = models.CharField("organization", max_length=150)
    format = models.ForeignKey(
        Format, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    industry = models.ForeignKey(
        Industry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hours = models.PositiveIntegerField(help_text="Total hours, roughly.")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True, help_text="Leave empty if ongoing.")
    skills = models.ManyToManyField(Skill, blank=True, related_name="+")
    reflection = models.TextField(
        blank=True, max_length=2000, help_text="What you did and what you learned."
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="experience_hours_positive",
                violation_error_message="Hours must be more than 0.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="experience_ends_after_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.organization_name})"


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SHARED = "shared", "Shared with the student"
    ACCEPTED = "accepted", "Accepted by the student"
    DECLINED = "declined", "Declined by the student"


class Recommendation(StudentRecord, models.Model):
    profile = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="recommendations"
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="recommendations_made",
    )
    status = models.CharField(
        max_length=10, choices=RecommendationStatus.choices, default=RecommendationStatus.DRAFT
    )
    notes = models.TextField(blank=True, max_length=4000)
    next_step = models.CharField(max_length=300, help_text="The one thing to do next.")
    follow_up_on = models.DateField("follow-up date", null=True, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    response_comment = models.TextField(blank=True, max_length=2000)
    responded_at = models.DateTimeField(null=True, blank=True)
    follow_up_reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the advisor was reminded of the follow-up date."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Recommendation for {self.profile} ({self.get_status_display()})"

    @property
    def hidden_from_student(self) -> bool:
        """A draft is the advisor's work in progress: nothing of it reaches the student, on a
        page, in the data export or in the access log the export carries."""
        return self.status == RecommendationStatus.DRAFT


class RecommendationItem(StudentRecord, models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="items"
    )
    window = models.ForeignKey(
        AvailabilityWindow, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    window_label = models.CharField(
        max_length=80, help_text="Kept even if the student later deletes the window."
    )
    format = models.ForeignKey(Format, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveSmallIntegerField(default=1)
    opportunities = models.ManyToManyField(Opportunity, blank=True, related_name="+")
    rationale = models.TextField(blank=True, max_length=2000)

    objects = RecommendationItemQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1) & Q(count__lte=10),
                name="item_count_range",
                violation_error_message="Between 1 and 10.",
            ),
        ]

    def __str__(self):
        return f"{self.count} × {self.format} ({self.window_label})"

    @property
    def hidden_from_student(self) -> bool:
        """A line of a draft is the draft's (see Recommendation.hidden_from_student)."""
        try:
            return self.recommendation.hidden_from_student
        except Recommendation.DoesNotExist:
            return True  # cannot tell: keep it from the student


class AdvisingPolicy(models.Model):
    """The career center's advising policy: the numbers the suggestion engine plans with.

    One row (seeded by a data migration, edited in the admin); `advising.policy.current()`
    reads it for the engine, and the advisor's pages show what it says where it matters.
    """

    term_load_share = models.PositiveSmallIntegerField(
        "term-time load ceiling (%)",
        default=70,
        validators=[MinValueValidator(10), MaxValueValidator(100)],
        help_text="A term window's plan books at most this share of the hours the student "
        "states; the rest is headroom for courses, exams and applications.",
    )
    break_load_share = models.PositiveSmallIntegerField(
        "break load ceiling (%)",
        default=90,
        validators=[MinValueValidator(10), MaxValueValidator(100)],
        help_text="The same in a break or summer, where a full-time placement is the norm.",
    )
    term_max_engagements = models.PositiveSmallIntegerField(
        "engagements in a term window, at most",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Separate engagements (each run of a short format counts) one term may hold.",
    )
    break_max_engagements = models.PositiveSmallIntegerField(
        "engagements in a break window, at most",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="The same in a break or summer, where short runs follow one another.",
    )
    weekly_load_warning = models.PositiveSmallIntegerField(
        "weekly load warning (h/week)",
        default=60,
        validators=[MinValueValidator(10), MaxValueValidator(80)],
        help_text="The year view warns about weeks whose stated or planned load reaches this.",
    )
    full_time_weekly_hours = models.PositiveSmallIntegerField(
        "full-time internship from (h/week)",
        default=30,
        validators=[MinValueValidator(10), MaxValueValidator(60)],
        help_text="An internship at this many hours a week is the whole window: nothing else "
        "is booked beside it.",
    )
    busy_weekly_hours = models.PositiveSmallIntegerField(
        "busy term below (h/week)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
        help_text="A term with less room than this a week is busy: flexible schedules first.",
    )
    application_lead_weeks = models.PositiveSmallIntegerField(
        "formal applications close (weeks ahead)",
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="How long before a window starts the year view tells the student to have "
        "applied for an internship.",
    )
    depth_history_hours = models.PositiveSmallIntegerField(
        "internship depth from (h)",
        default=120,
        validators=[MinValueValidator(1), MaxValueValidator(2000)],
        help_text="Internship hours in the student's target industries that count as depth "
        "already: short and hybrid formats then rank higher.",
    )
    breadth_history_hours = models.PositiveSmallIntegerField(
        "short formats tried from (h)",
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(2000)],
        help_text="Hours of short formats after which internship and hybrid formats rank "
        "higher, to add depth.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "advising policy"
        verbose_name_plural = "advising policy"
        constraints = [
            models.CheckConstraint(
                condition=Q(pk=1),
                name="advising_policy_one_row",
                violation_error_message="There is one advising policy: edit it.",
            ),
        ]

    def __str__(self):
        return "Advising policy"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar address (/me/calendar/<token>.ics). The token is the only
    key to it: calendar programs fetch it without logging in. Resetting it makes a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now=True)

    objects = CalendarFeedQuerySet.as_manager()

    def __str__(self):
        return f"Calendar of {self.user}"
