"""Forms of the advisor's workflow: caseload filters, what-if, recommendations, responses."""

import dataclasses
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils import timezone

from careercenter.forms import BoundedTypedMultipleChoiceField
from opportunities.models import Format, Opportunity

from . import engine
from .engine import plain_value
from .models import (
    AvailabilityWindow,
    CareerClarity,
    LearningGoal,
    Level,
    Recommendation,
    RecommendationItem,
)
from .recommendations import ANY_TIME

MAX_ITEMS = 12  # a recommendation is a plan for a few windows, not a catalogue
MAX_LISTINGS_PER_ITEM = 10


# --- caseload -----------------------------------------------------------------------------------


class CaseloadFilterForm(forms.Form):
    """The caseload's search and filters, read from the query string (never saved)."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        help_text="Part of a name or e-mail address.",
    )
    level = forms.ChoiceField(
        label="Level", required=False, choices=[("", "Any level"), *Level.choices]
    )
    clarity = forms.ChoiceField(
        label="Career direction",
        required=False,
        choices=[("", "Any"), *CareerClarity.choices, ("unknown", "Not given yet")],
    )
    no_recommendation = forms.BooleanField(
        label="No recommendation yet",
        required=False,
        help_text="Students you have not recorded a recommendation for.",
    )
    follow_up_due = forms.BooleanField(
        label="Follow-up due",
        required=False,
        help_text="The latest recommendation's follow-up date is today or past.",
    )

    def filter(self, students: QuerySet, *, today) -> QuerySet:
        """`students` narrowed by the valid filters (call after is_valid())."""
        data = self.cleaned_data
        students = students.named(data.get("q", ""))
        if data.get("level"):
            students = students.filter(level=data["level"])
        if data.get("clarity"):
            students = students.with_clarity(data["clarity"])
        if data.get("no_recommendation"):
            students = students.without_recommendation()
        if data.get("follow_up_due"):
            students = students.follow_up_due(today)
        return students


# --- what-if ------------------------------------------------------------------------------------


class WhatIfForm(forms.Form):
    """Try other hours, weeks, career direction or learning goal; nothing is saved.

    One pair of fields per stored window (`w0_weeks`, `w0_hours`, ...), or one hypothetical
    window when the student has none yet.
    """

    career_clarity = forms.ChoiceField(
        label="Career direction",
        choices=CareerClarity.choices,
        help_text="Exploring gets several short formats; decided gets an internship anchor.",
    )
    learning_goal = forms.ChoiceField(
        label="Learning goal",
        choices=LearningGoal.choices,
        help_text="Broad or targeted skills.",
    )

    def __init__(
        self, data=None, *, windows: Sequence[engine.Window], student: engine.StudentProfile
    ):
        super().__init__(data)
        self.windows = windows
        self.labels = [w.label for w in windows] or ["A new window"]
        self.fields["career_clarity"].initial = student.career_clarity
        self.fields["learning_goal"].initial = student.learning_goal
        for i, label in enumerate(self.labels):
            window = windows[i] if i < len(windows) else None
            self.fields[f"w{i}_weeks"] = forms.DecimalField(
                label=f"{label}: weeks",
                min_value=Decimal("0.1"),
                max_value=Decimal(engine.WINDOW_MAX_WEEKS),
                max_digits=4,
                decimal_places=1,
                initial=plain_value(window.weeks) if window else 10,
                help_text=f"How many weeks, 0.1 to {engine.WINDOW_MAX_WEEKS}.",
            )
            self.fields[f"w{i}_hours"] = forms.IntegerField(
                label=f"{label}: hours per week",
                min_value=0,
                max_value=engine.WINDOW_MAX_WEEKLY_HOURS,
                initial=plain_value(window.weekly_hours) if window else 10,
                help_text=f"Hours a week, 0 to {engine.WINDOW_MAX_WEEKLY_HOURS}.",
            )
        self.order_fields(
            [f for i in range(len(self.labels)) for f in (f"w{i}_weeks", f"w{i}_hours")]
        )

    def window_fields(self):
        return [(self[f"w{i}_weeks"], self[f"w{i}_hours"]) for i in range(len(self.labels))]

    def overrides(self) -> dict[str, object]:
        """The engine fields to replace (call after is_valid())."""
        data = self.cleaned_data
        # A stored window keeps what the form does not change (term or break, its dates).
        windows = tuple(
            dataclasses.replace(
                self.windows[i] if i < len(self.windows) else engine.Window(label, 0, 0),
                weeks=float(data[f"w{i}_weeks"]),
                weekly_hours=float(data[f"w{i}_hours"]),
            )
            for i, label in enumerate(self.labels)
        )
        return {
            "windows": windows,
            "career_clarity": data["career_clarity"],
            "learning_goal": data["learning_goal"],
        }


# --- recommendations ----------------------------------------------------------------------------


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["next_step", "follow_up_on", "notes"]
        widgets = {
            "follow_up_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"next_step": "Next step"}
        help_texts = {
            "next_step": "The one thing the student does next, in a sentence. Required.",
            "follow_up_on": "When you will check in (optional; today or later).",
            "notes": "What you discussed. The student sees these notes once you share.",
        }

    def clean_follow_up_on(self):
        day = self.cleaned_data.get("follow_up_on")
        if day and day < timezone.localdate():
            raise ValidationError("The follow-up date cannot be in the past.", code="past")
        return day


def _closes(listing: Opportunity) -> str:
    if listing.deadline is None:
        return "deadline not stated"
    return f"closes {listing.deadline:%d %b %Y}"


def _listing_ids(text: str) -> list[int]:
    """Listing numbers from free text such as "1204, 1310 #1400"."""
    tokens = [t for t in re.split(r"[\s,;]+", text.strip()) if t]
    ids = []
    for token in tokens:
        number = token.lstrip("#")
        if not number.isdigit() or len(number) > 12:
            raise ValidationError(
                "Type listing numbers separated by commas, e.g. 1204, 1310; %(token)s is not one.",
                code="not_a_number",
                params={"token": token},
            )
        ids.append(int(number))
    return ids


class RecommendationItemForm(forms.ModelForm):
    """One line of a recommendation: a format, how many, when, and optionally which listings.

    Windows and formats are choices built once per formset (not one query per line); listings
    are chosen among the suggestion's matches or typed as listing numbers, never picked from a
    list of every listing.
    """

    window = forms.TypedChoiceField(
        label="Window",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="When the student does it.",
    )
    format = forms.TypedChoiceField(label="Format", coerce=int, help_text="The kind of experience.")
    count = forms.IntegerField(
        label="How many",
        initial=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        widget=forms.NumberInput(attrs={"min": 1, "max": 10}),
        help_text="1 to 10.",
    )
    picked = BoundedTypedMultipleChoiceField(
        label="Matching listings",
        required=False,
        coerce=int,
        max_values=MAX_LISTINGS_PER_ITEM,
        widget=forms.CheckboxSelectMultiple,
        help_text="Open listings of this format that fit the student (optional).",
    )
    listing_ids = forms.CharField(
        label="Other listing numbers",
        required=False,
        max_length=200,
        help_text="Listing numbers separated by commas, e.g. 1204, 1310 (optional).",
    )

    class Meta:
        model = RecommendationItem
        fields = ["window", "format", "count", "rationale"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"rationale": "Why this suits the student; they will read it."}

    def __init__(
        self,
        *args,
        windows: Mapping[int, AvailabilityWindow],
        formats: Mapping[int, Format],
        matched: Mapping[int, Sequence[Opportunity]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.windows, self.formats = windows, formats
        self.fields["window"].choices = [("", ANY_TIME)] + [
            (pk, f"{w.label}: {plain_value(w.weeks)} weeks × {w.weekly_hours} h/week")
            for pk, w in windows.items()
        ]
        self.fields["format"].choices = [("", "Choose a format")] + [
            (pk, f.name) for pk, f in formats.items()
        ]
        chosen = list(self.instance.opportunities.all()) if self.instance.pk else []
        format_id = self.instance.format_id or self.initial.get("format")
        offered = {o.pk: o for o in matched.get(format_id, ())}
        self.fields["picked"].choices = [
            (pk, f"{o.title} — {o.organization.name}, {_closes(o)} (#{pk})")
            for pk, o in offered.items()
        ]
        if self.instance.pk:
            self.initial["window"] = self.instance.window_id
            self.initial["picked"] = [o.pk for o in chosen if o.pk in offered]
            self.initial["listing_ids"] = ", ".join(
                str(o.pk) for o in chosen if o.pk not in offered
            )

    def clean_window(self):
        pk = self.cleaned_data.get("window")
        if pk is None:
            return None
        if pk not in self.windows:
            raise ValidationError("Choose one of the student's windows.", code="invalid_window")
        return self.windows[pk]

    def clean_format(self):
        pk = self.cleaned_data.get("format")
        if pk not in self.formats:
            raise ValidationError("Choose an active format.", code="invalid_format")
        return self.formats[pk]

    def clean(self):
        cleaned = super().clean()
        cleaned["listings"] = []
        try:
            typed = _listing_ids(cleaned.get("listing_ids", ""))
        except ValidationError as error:
            self.add_error("listing_ids", error)
            return cleaned
        ids = list(dict.fromkeys([*cleaned.get("picked", []), *typed]))
        if len(ids) > MAX_LISTINGS_PER_ITEM:
            self.add_error(
                "listing_ids",
                ValidationError(
                    "At most %(max)d listings per line.",
                    code="too_many_listings",
                    params={"max": MAX_LISTINGS_PER_ITEM},
                ),
            )
            return cleaned
        found = Opportunity.objects.open().filter(pk__in=ids).in_bulk() if ids else {}
        missing = [str(pk) for pk in ids if pk not in found]
        if missing:
            self.add_error(
                "listing_ids",
                ValidationError(
                    "Not an open listing: %(ids)s.",
                    code="unknown_listing",
                    params={"ids": ", ".join(missing)},
                ),
            )
            return cleaned
        fmt = cleaned.get("format")
        wrong = [str(pk) for pk in ids if fmt and found[pk].format_id != fmt.pk]
        if wrong:
            self.add_error(
                "listing_ids",
                ValidationError(
                    "Not a listing of the format %(format)s: %(ids)s.",
                    code="format_mismatch",
                    params={"format": fmt.name, "ids": ", ".join(wrong)},
                ),
            )
            return cleaned
        cleaned["listings"] = [found[pk] for pk in ids]
        return cleaned


class BaseItemFormSet(forms.BaseInlineFormSet):
    """The lines of a recommendation. Lines pre-filled from the suggestion are real lines: they
    are validated and saved even when the advisor leaves them as they are (remove one with its
    "Remove" box); the one blank line at the end is saved only when filled in."""

    def _construct_form(self, i, **kwargs):
        if i < self.initial_form_count() + len(self.initial_extra or ()):
            kwargs["empty_permitted"] = False
        return super()._construct_form(i, **kwargs)

    def kept_forms(self) -> list[RecommendationItemForm]:
        """The lines to save, in order (call after is_valid())."""
        return [
            form
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
            and (form.instance.pk or not form.empty_permitted or form.has_changed())
        ]

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.kept_forms():
            raise ValidationError("Recommend at least one format.", code="no_items")


def item_formset(*, extra: int = 1) -> type[BaseItemFormSet]:
    """The formset class with `extra` lines after the stored ones (pre-filled ones + 1 blank)."""
    return forms.inlineformset_factory(
        Recommendation,
        RecommendationItem,
        form=RecommendationItemForm,
        formset=BaseItemFormSet,
        fields=["window", "format", "count", "rationale"],
        extra=extra,
        max_num=MAX_ITEMS,
        # Forms built for a POST: Django's default is max_num + 1000, from the client's
        # TOTAL_FORMS. Over it, the formset says "at most 12" and builds no more.
        absolute_max=MAX_ITEMS,
        validate_max=True,
        can_delete=True,
    )


class ResponseForm(forms.Form):
    """The student's answer to a shared recommendation."""

    decision = forms.ChoiceField(
        label="Does this plan work for you?",
        choices=[("accept", "I accept this plan"), ("decline", "I decline this plan")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Tell your advisor why, or what you will do first. Required when you decline.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("comment", "").strip():
            self.add_error(
                "comment",
                ValidationError(
                    "Tell your advisor why you decline, so the next meeting can start there.",
                    code="comment_required",
                ),
            )
        return cleaned
