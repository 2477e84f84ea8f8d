"""Forms for the public pages: the browse filters and the format comparison picker."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator

from careercenter.forms import BoundedModelMultipleChoiceField, BoundedMultipleChoiceField

from . import catalogue
from .models import RANKED_CANDIDATES, Family, Format, Sponsorship, WorkMode, stated

MAX_QUERY_LENGTH = 200


class Sort:
    RELEVANCE = "relevance"
    DEADLINE = "deadline"
    NEWEST = "newest"
    CHOICES = [
        (RELEVANCE, "Best match"),
        (DEADLINE, "Deadline, soonest first"),
        (NEWEST, "Newest first"),
    ]


class SlugMultipleChoiceField(BoundedModelMultipleChoiceField):
    """Repeatable slugs in the query string (`?format=a&format=b`), with friendly errors."""

    default_error_messages = {
        "invalid_choice": "“%(value)s” is not one of the choices.",
        "invalid_pk_value": "“%(pk)s” is not one of the choices.",
    }

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)

    def clean(self, value):
        # `?format=` (an empty value) means "no choice", not an unknown one.
        if isinstance(value, list | tuple):
            value = [v for v in value if v not in self.empty_values]
        return super().clean(value)


def _no_null_characters(values) -> None:
    for value in values:
        if isinstance(value, str):
            ProhibitNullCharactersValidator()(value)


class CatalogueSlugsField(BoundedMultipleChoiceField):
    """Repeatable slugs of catalogue rows (`?format=a&format=b`), cleaned to the rows.

    Choices and validation come from the rows each process keeps (`catalogue.current()`, its
    attribute `by_slug`, e.g. "formats_by_slug"), so the browse form costs no query; the rows
    come back in the catalogue's order. Shown as checkboxes.
    """

    default_error_messages = {"invalid_choice": "“%(value)s” is not one of the choices."}
    widget = forms.CheckboxSelectMultiple

    def __init__(self, by_slug: str, **kwargs):
        self.by_slug = by_slug
        super().__init__(required=False, choices=self._choices, **kwargs)

    def rows(self) -> dict:
        return getattr(catalogue.current(), self.by_slug)

    def _choices(self):
        return [(slug, str(row)) for slug, row in self.rows().items()]

    def valid_value(self, value):
        return value in self.rows()

    def clean(self, value):
        # `?format=` (an empty value) means "no choice", not an unknown one.
        if isinstance(value, list | tuple):
            value = [v for v in value if v not in self.empty_values]
        if isinstance(value, list | tuple):
            _no_null_characters(value)
        chosen = set(super().clean(value))
        return [row for slug, row in self.rows().items() if slug in chosen]


class CatalogueSlugField(forms.ChoiceField):
    """One slug of a catalogue row (`?industry=health`), cleaned to the row or None."""

    default_error_messages = {
        "invalid_choice": "Select a valid choice. That choice is not one of the available choices."
    }

    def __init__(self, rows, *, empty_label, **kwargs):
        self.rows = rows
        self.empty_label = empty_label
        super().__init__(required=False, choices=self._choices, **kwargs)

    def _choices(self):
        return [("", self.empty_label), *((slug, str(row)) for slug, row in self.rows().items())]

    def valid_value(self, value):
        return value in self.rows()

    def clean(self, value):
        _no_null_characters([value])
        slug = super().clean(value)
        return self.rows()[slug] if slug else None


class TermField(forms.ChoiceField):
    """A term open listings are offered for (`?term=Summer 2026`): choices from the data."""

    def __init__(self, **kwargs):
        super().__init__(required=False, choices=self._choices, **kwargs)

    @staticmethod
    def _choices():
        return [("", "Any term"), *((term, term) for term in catalogue.current().terms)]

    def valid_value(self, value):
        return value in catalogue.current().terms

    def clean(self, value):
        _no_null_characters([value])
        return super().clean(value)


class ListingFilterForm(forms.Form):
    """The filters of /opportunities/, read from the query string.

    Every field is optional. An invalid value is reported next to its field and ignored, so the
    results always come from the filters that are valid.

    A fact a listing does not state never passes a filter on it (`paid=1` shows listings that
    say they pay), unless `unstated=1` asks for those too: for work mode, location and remote,
    term, sponsorship, hours a week, weeks and deadline (never for pay).
    """

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text="Words from the title, organization, summary, description or skills.",
    )
    format = CatalogueSlugsField(
        "formats_by_slug",
        label="Format",
        help_text="Pick any number; none means every format.",
    )
    family = forms.ChoiceField(
        label="Family",
        required=False,
        choices=[("", "Any family"), *Family.choices],
        help_text="Internships, the short micro formats, or the hybrids in between.",
    )
    work_mode = forms.ChoiceField(
        label="Work mode",
        required=False,
        choices=[("", "Any"), *stated(WorkMode.choices)],
        help_text="Where the work happens.",
    )
    location = forms.CharField(
        label="Location",
        required=False,
        max_length=100,
        help_text="A city, state or country, as listings name it (e.g. Boston, NY, Canada).",
    )
    remote = forms.BooleanField(
        label="Remote work",
        required=False,
        widget=forms.CheckboxInput(attrs={"value": "1"}),
        help_text="Listings that can be done remotely; with a location, those there or remote.",
    )
    term = TermField(label="Term", help_text="The term the listing is offered for.")
    sponsorship = forms.ChoiceField(
        label="Visa sponsorship",
        required=False,
        choices=[("", "Any"), *stated(Sponsorship.choices)],
        help_text="What the listing says about sponsoring a work visa.",
    )
    paid = forms.BooleanField(
        label="Paid only",
        required=False,
        widget=forms.CheckboxInput(attrs={"value": "1"}),  # ?paid=1 rather than ?paid=on
        help_text="Listings that say they pay: hourly, a fixed fee or a stipend (not credit-only, "
        "unpaid, or pay not stated).",
    )
    industry = CatalogueSlugField(
        lambda: catalogue.current().industries_by_slug,
        label="Industry",
        empty_label="Any industry",
        help_text="The field the listing is in.",
    )
    skill = CatalogueSlugsField(
        "skills_by_slug",
        label="Skills",
        help_text="Listings that use at least one of the skills you pick.",
    )
    max_weekly_hours = forms.IntegerField(
        label="At most this many hours a week",
        required=False,
        min_value=1,
        max_value=80,
        help_text="Listings you can do within this many hours a week (1–80).",
    )
    max_weeks = forms.DecimalField(
        label="At most this many weeks",
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal("104"),
        decimal_places=1,
        help_text="Listings that can be finished within this many weeks (0.1 week ≈ half a day).",
    )
    deadline_after = forms.DateField(
        label="Deadline on or after",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, to skip listings that close before your exams end.",
    )
    unstated = forms.BooleanField(
        label="Include listings that don't say",
        required=False,
        widget=forms.CheckboxInput(attrs={"value": "1"}),
        help_text="With the filters above (not “Paid only”), also show listings that do not "
        "state that fact: many imported postings give no hours, length or deadline.",
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("", "Best match, or soonest deadline"), *Sort.CHOICES],
        help_text="Best match needs search words; without them, soonest deadline first.",
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # Errors are shown, but the query string must never turn into a page of red fields
        # nobody asked for: an empty form is a valid "show everything".
        self.use_required_attribute = False

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def clean_location(self):
        return " ".join(self.cleaned_data["location"].split())

    def valid_filters(self) -> dict:
        """The values that passed validation, whether or not the whole form did."""
        if not self.is_bound:
            return {}
        self.is_valid()  # runs validation once; errors stay on self.errors
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def sort_order(self) -> str:
        filters = self.valid_filters()
        sort = filters.get("sort")
        if sort == Sort.RELEVANCE or not sort:
            return Sort.RELEVANCE if filters.get("q") else Sort.DEADLINE
        return sort

    def matching(self, queryset, *, ranked_candidates: int = RANKED_CANDIDATES):
        """The ids of the listings of `queryset` that pass the valid filters, in the chosen
        order: a QuerySet, or for relevance the list of ranked candidates. Ids are what a page
        of cards needs (see `views.listing_cards`)."""
        f = self.valid_filters()
        queryset = queryset.browse_filtered(f)
        sort = self.sort_order
        synonyms = catalogue.current().synonyms
        if sort == Sort.RELEVANCE:
            return queryset.by_relevance(f["q"], candidates=ranked_candidates, synonyms=synonyms)
        if f.get("q"):
            queryset = queryset.search(f["q"], synonyms=synonyms)
        queryset = queryset.newest_first() if sort == Sort.NEWEST else queryset.by_deadline()
        return queryset.values_list("pk", flat=True)


class CompareForm(forms.Form):
    """Two or three formats to put side by side (`?f=internship&f=flashternship`)."""

    MIN, MAX = 2, 3

    f = SlugMultipleChoiceField(
        Format.objects.active(),
        label="Formats to compare",
        widget=forms.CheckboxSelectMultiple,
        help_text="Pick two or three.",
    )

    def clean_f(self):
        formats = self.cleaned_data["f"]
        count = len(formats)
        if count < self.MIN:
            raise ValidationError("Pick at least two formats to compare.", code="too_few")
        if count > self.MAX:
            raise ValidationError(
                "Pick at most three formats (you picked %(count)d).",
                code="too_many",
                params={"count": count},
            )
        return formats
