"""The values the lean field includes write a field from: its widget with the error state."""

from django import forms

from careercenter.templatetags.lean_fields import field_parts
from opportunities.forms import ListingFilterForm


class EveryInput(forms.Form):
    name = forms.CharField(
        help_text="Your name.", widget=forms.TextInput(attrs={"autofocus": True})
    )
    search = forms.CharField(required=False, widget=forms.SearchInput(attrs={"spellcheck": False}))
    hours = forms.IntegerField(min_value=0, max_value=60)
    weeks = forms.DecimalField(max_digits=4, decimal_places=1, min_value=0.1)
    email = forms.EmailField(disabled=True, initial="ada@example.edu")
    site = forms.URLField(required=False, assume_scheme="https")
    phone = forms.CharField(required=False, widget=forms.TelInput)
    starts = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    fixed_id = forms.CharField(required=False, widget=forms.TextInput(attrs={"id": "mine"}))


BAD = {"name": '"><script>', "hours": "many", "weeks": "0", "starts": "2026-13-40"}


def test_field_parts_writes_the_widget_escaped_and_marked_invalid(db):
    form = EveryInput(BAD)
    form.is_valid()
    assert 'name="name" value="&quot;&gt;&lt;script&gt;"' in field_parts(form["name"])["widget"]
    assert 'aria-invalid="true"' in field_parts(form["hours"])["widget"]
    assert "options" in field_parts(ListingFilterForm()["sort"])
