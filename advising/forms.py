from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from careercenter.forms import BoundedModelMultipleChoiceField, BoundedMultipleChoiceField
from opportunities.models import Format, Industry, Skill, WorkMode, stated

from .engine import WINDOW_MAX_WEEKLY_HOURS, WINDOW_MAX_WEEKS
from .models import (
    CATALOGUE_LINKS,
    PAY_AND_WORK_MODES,
    AvailabilityWindow,
    Experience,
    StudentProfile,
)

# A profile may list at most this many windows: far more than anyone's terms and breaks.
MAX_WINDOWS = 20
# Typed weeks may differ this much from the weeks the dates give (e.g. 14 for 13.4).
WEEKS_TOLERANCE = Decimal(1)

# An experience's hours must fit its dates: nobody works more than this.
MAX_HOURS_PER_DAY = 16
MAX_HOURS_PER_WEEK = 80
# Two years full time: above this a number is a typo whatever the dates.
MAX_TOTAL_HOURS = 4000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class YesNoUnsureSelect(forms.NullBooleanSelect):
    """Yes / No, and an honest "not answered yet" that keeps the field unset."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Not answered yet"), ("true", "Yes"), ("false", "No")]


class IdsMultipleChoiceField(BoundedModelMultipleChoiceField):
    """Refuses an id too large for the database with the field's error; Django's own field
    lets the database driver's OverflowError through, a 500 (found by the bad-input tests)."""

    def _check_values(self, value):
        for pk in value:
            try:
                too_large = abs(int(pk)) >= 2**63
            except (TypeError, ValueError):
                continue  # Django's own check reports it
            if too_large:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ProfileForm(forms.ModelForm):
    work_modes = BoundedMultipleChoiceField(
        label="Work modes you accept",
        choices=stated(WorkMode.choices),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick every way of working that suits you.",
    )

    class Meta:
        model = StudentProfile
        field_classes = dict.fromkeys(CATALOGUE_LINKS, IdsMultipleChoiceField)
        fields = [
            "programme",
            "level",
            "expected_graduation",
            "career_clarity",
            "learning_goal",
            *CATALOGUE_LINKS,
            *PAY_AND_WORK_MODES,
            "networking_goal",
            "application_ready",
            "directory_hold",
        ]
        labels = {
            "programme": "Programme",
            "level": "Level of study",
            "expected_graduation": "Expected graduation",
            "career_clarity": "How clear is your career direction?",
            "learning_goal": "What do you want to learn?",
            "target_industries": "Industries you would like to try",
            "skills": "Skills you already have",
            "skills_to_build": "Skills you want to build",
            "needs_pay": "Do you need paid work?",
            "credit_ok": "Is academic credit acceptable instead of pay?",
            "can_be_paid": "May you take paid work?",
            "networking_goal": "What kind of network do you want to build?",
            "application_ready": "Are you ready for a formal application (résumé, interviews)?",
            "directory_hold": "Keep my directory information private (FERPA hold)",
        }
        help_texts = {
            "programme": "What you study, for example BSc Economics.",
            "level": "Where you are in your studies.",
            "expected_graduation": "Roughly when you expect to finish. A month is enough.",
            "career_clarity": (
                "Exploring students get several short formats across fields; decided students "
                "get room for a longer placement."
            ),
            "learning_goal": "Many skills a little, or a few skills in depth.",
            "target_industries": "Tick as many as you like, or none if you are open to anything.",
            "skills": "What you can already offer an employer.",
            "skills_to_build": "What you want your next experiences to teach you.",
            "needs_pay": "If yes, unpaid listings are left out of your suggestions.",
            "credit_ok": (
                "Some placements give course credit rather than pay. If you need paid work and "
                "leave this unanswered, credit-only listings are left out."
            ),
            "can_be_paid": (
                "Answer no if, for example, your visa does not allow paid work: then only "
                "academic-credit and unpaid listings are shown, never paid ones."
            ),
            "networking_goal": (
                "A long placement builds a few strong relationships; many short projects "
                "build a wide circle of contacts."
            ),
            "application_ready": (
                "Internships usually ask for a résumé and interviews; many short formats only "
                "need a simple online application."
            ),
            "directory_hold": (
                "Tick this if you have opted out of directory information. Your name is then "
                "shown only to you, your advisor and career-center staff: never in a list, "
                "report or message anyone else sees."
            ),
        }
        widgets = {
            "expected_graduation": DateInput,
            "target_industries": forms.CheckboxSelectMultiple,
            "skills": forms.CheckboxSelectMultiple,
            "skills_to_build": forms.CheckboxSelectMultiple,
            "needs_pay": YesNoUnsureSelect,
            "credit_ok": YesNoUnsureSelect,
            "can_be_paid": YesNoUnsureSelect,
            "application_ready": YesNoUnsureSelect,
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("needs_pay") is True and cleaned.get("can_be_paid") is False:
            self.add_error(
                "can_be_paid",
                ValidationError(
                    "You said you need paid work but may not take it: no listing can meet "
                    "both. Answer one of the two differently (academic credit may help).",
                    code="pay_conflict",
                ),
            )
        return cleaned

    def clean_expected_graduation(self):
        graduation = self.cleaned_data["expected_graduation"]
        if graduation is None:
            return graduation
        today = timezone.localdate()
        if graduation < today - timedelta(days=366):
            raise ValidationError(
                "That is more than a year ago. Give the date you expect to graduate.",
                code="graduation_past",
            )
        if graduation > today + timedelta(days=3653):
            raise ValidationError(
                "That is more than ten years away. Check the year.", code="graduation_far"
            )
        return graduation


class AvailabilityWindowForm(forms.ModelForm):
    """A period the student can work; weeks come from the dates when both are given."""

    weeks = forms.DecimalField(
        label="Weeks",
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.1"),
        max_value=WINDOW_MAX_WEEKS,
        help_text="How many weeks. Leave empty when you give both dates: we count them for you.",
    )
    weekly_hours = forms.IntegerField(
        label="Hours per week",
        min_value=0,
        max_value=WINDOW_MAX_WEEKLY_HOURS,
        help_text=f"Hours per week you can give, from 0 to {WINDOW_MAX_WEEKLY_HOURS}.",
        error_messages={
            "min_value": f"Weekly hours must be between 0 and {WINDOW_MAX_WEEKLY_HOURS}.",
            "max_value": f"Weekly hours must be between 0 and {WINDOW_MAX_WEEKLY_HOURS}.",
        },
    )

    class Meta:
        model = AvailabilityWindow
        fields = ["label", "kind", "starts_on", "ends_on", "weeks", "weekly_hours"]
        labels = {
            "label": "Name",
            "kind": "Term time or a break?",
            "starts_on": "Starts on",
            "ends_on": "Ends on",
        }
        help_texts = {
            "label": 'A name for the period, for example "Spring term" or "Summer".',
            "kind": (
                "Suggestions leave more headroom in term time, when classes take your time. "
                "Not sure? We work it out from the name and dates."
            ),
            "starts_on": "Optional: the first day you are free. Dates let us spot overlaps.",
            "ends_on": "Optional: the last day.",
        }
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def clean(self):
        cleaned = super().clean()
        starts, ends, weeks = (cleaned.get(k) for k in ("starts_on", "ends_on", "weeks"))
        if starts and ends:
            if ends <= starts:
                self.add_error(
                    "ends_on",
                    ValidationError(
                        "The window must end after it starts.", code="ends_before_start"
                    ),
                )
                return cleaned
            derived = (Decimal((ends - starts).days) / 7).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
            if derived > WINDOW_MAX_WEEKS:
                self.add_error(
                    "ends_on",
                    ValidationError(
                        "A window lasts at most %(max)s weeks: split a longer period in two.",
                        code="window_too_long",
                        params={"max": WINDOW_MAX_WEEKS},
                    ),
                )
            elif weeks is not None and abs(weeks - derived) > WEEKS_TOLERANCE:
                self.add_error(
                    "weeks",
                    ValidationError(
                        "The dates give %(derived)s weeks but you typed %(weeks)s. Correct one "
                        "of them, or leave weeks empty.",
                        code="weeks_mismatch",
                        params={"derived": f"{derived:g}", "weeks": f"{weeks:g}"},
                    ),
                )
            else:
                cleaned["weeks"] = derived
        elif weeks is None and "weeks" not in self.errors:
            self.add_error(
                "weeks",
                ValidationError(
                    "Give the number of weeks, or both a start and an end date.",
                    code="weeks_required",
                ),
            )
        return cleaned


class BaseWindowFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this window"
            form.fields["DELETE"].help_text = "Tick and save to delete it."


WindowFormSet = forms.inlineformset_factory(
    StudentProfile,
    AvailabilityWindow,
    form=AvailabilityWindowForm,
    formset=BaseWindowFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=MAX_WINDOWS,
    absolute_max=MAX_WINDOWS,
    validate_max=True,
)


class ExperienceForm(forms.ModelForm):
    hours = forms.IntegerField(
        label="Hours",
        min_value=1,
        max_value=MAX_TOTAL_HOURS,
        help_text="Total hours, roughly. For a planned experience, your estimate.",
        error_messages={"min_value": "Hours must be more than 0."},
    )

    class Meta:
        model = Experience
        field_classes = {"skills": IdsMultipleChoiceField}
        fields = [
            "title",
            "organization_name",
            "format",
            "industry",
            "started_on",
            "ended_on",
            "hours",
            "skills",
            "reflection",
        ]
        labels = {
            "title": "Title",
            "organization_name": "Organization",
            "format": "Format",
            "industry": "Industry",
            "started_on": "Started on",
            "ended_on": "Ended on",
            "skills": "Skills you used or gained",
            "reflection": "Reflection",
        }
        help_texts = {
            "title": "What you did, for example “Social media audit”.",
            "organization_name": "Who you did it for.",
            "format": "The kind of experience. See the formats guide if unsure.",
            "industry": "The field the work was in.",
            "started_on": "A date in the future marks a planned experience.",
            "ended_on": "Leave empty if it is still going on or not finished yet.",
            "skills": "Tick the skills this experience gave you practice in.",
            "reflection": "What you did and what you learned, in up to 2000 characters.",
        }
        widgets = {
            "started_on": DateInput,
            "ended_on": DateInput,
            "skills": forms.CheckboxSelectMultiple,
            "reflection": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Retired formats stay selectable on the experiences that already use them.
        self.fields["format"].queryset = Format.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.format_id)
        )
        self.fields["format"].empty_label = "Not sure / other"
        self.fields["industry"].queryset = Industry.objects.all()
        self.fields["industry"].empty_label = "Not sure / other"
        self.fields["skills"].queryset = Skill.objects.all()

    def clean_started_on(self):
        started = self.cleaned_data["started_on"]
        today = timezone.localdate()
        if started.year < today.year - 50:
            raise ValidationError(
                "Check the year: that is over 50 years ago.", code="start_far_past"
            )
        if started > today + timedelta(days=5 * 365):
            raise ValidationError(
                "Plans more than five years ahead are too far to log.", code="start_far_future"
            )
        return started

    def clean(self):
        cleaned = super().clean()
        started, ended, hours = (cleaned.get(k) for k in ("started_on", "ended_on", "hours"))
        if started and ended:
            if ended < started:
                self.add_error(
                    "ended_on",
                    ValidationError(
                        "The end date cannot be before the start date.", code="ends_before_start"
                    ),
                )
            elif hours:
                days = (ended - started).days + 1
                limit = plausible_hours(days)
                if hours > limit:
                    self.add_error(
                        "hours",
                        ValidationError(
                            "%(hours)s hours in %(days)s days is more than anyone can work "
                            "(at most %(limit)s: 16 hours a day, 80 a week). Check the hours "
                            "or the dates.",
                            code="hours_implausible",
                            params={"hours": hours, "days": days, "limit": limit},
                        ),
                    )
        return cleaned


def plausible_hours(days: int) -> int:
    """The most hours anyone could log over `days` calendar days (both ends included)."""
    return min(MAX_HOURS_PER_DAY * days, max(MAX_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK * days // 7))


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="We ask for it again to be sure it is you.",
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Through authenticate(), not check_password(): failed attempts count toward the
        # same lockout as the login form, so this cannot be used to guess passwords.
        user = authenticate(self.request, email=self.request.user.email, password=password)
        if user is None or user.pk != self.request.user.pk:
            raise ValidationError("That is not your password.", code="wrong_password")
        return password
