"""Forms of saved searches: saving a browse query, and renaming it or changing its alert."""

from django import forms
from django.core.exceptions import ValidationError

from . import alerts
from .models import AlertPolicy, Cadence, SavedSearch


class SavedSearchForm(forms.ModelForm):
    """Name and alert of a search; a new one also carries the browse query it keeps."""

    query = forms.CharField(
        required=False,
        max_length=SavedSearch._meta.get_field("query").max_length,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = SavedSearch
        fields = ["name", "cadence"]
        widgets = {"cadence": forms.RadioSelect}
        help_texts = {
            "name": "So you can tell your searches apart, e.g. “Paid remote projects”.",
        }

    def __init__(self, *args, user, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.adding = adding
        if not adding:
            del self.fields["query"]
        self.fields["cadence"].choices = Cadence.choices  # no empty choice
        size = AlertPolicy.current().digest_size
        self.fields["cadence"].help_text = (
            f"We e-mail you the listings published since the last alert, at most {size} at a "
            "time, and only when there is something new."
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = SavedSearch.objects.for_user(self.user).named(name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(
                "You already have a saved search called “%(name)s”.",
                code="duplicate",
                params={"name": name},
            )
        return name

    def clean_query(self):
        query = alerts.normalized_query(self.cleaned_data["query"])
        errors = alerts.filter_errors(query)
        if errors:
            raise ValidationError(
                "These filters cannot be saved: %(errors)s. Fix them on the search page first.",
                code="invalid_filters",
                params={"errors": "; ".join(errors)},
            )
        return query
