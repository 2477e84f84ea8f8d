"""The lean field includes write an input's markup by hand; it must be Django's, byte for byte."""

import datetime

import pytest
from django import forms

from advising import engine
from advising.recommendation_forms import WhatIfForm
from careercenter.templatetags.lean_fields import PLAIN_INPUTS, field_parts, plain_input
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
GOOD = {"name": "Ada <Lovelace> & co", "hours": "12", "weeks": "2.5", "starts": "2026-09-01"}


def whatif(data=None):
    windows = [engine.Window("Spring", 14, 6), engine.Window("Summer", 10.5, 30)]
    student = engine.StudentProfile(
        windows=tuple(windows), career_clarity="exploring", learning_goal="broad"
    )
    return WhatIfForm(data, windows=windows, student=student)


FORMS = [
    pytest.param(lambda: EveryInput(), id="unbound"),
    pytest.param(lambda: EveryInput(initial={"starts": datetime.date(2026, 9, 1)}), id="initial"),
    pytest.param(lambda: EveryInput(GOOD), id="valid"),
    pytest.param(lambda: EveryInput(BAD), id="errors"),
    pytest.param(lambda: ListingFilterForm({"q": "data", "max_weekly_hours": "x"}), id="filters"),
    pytest.param(lambda: whatif(), id="whatif"),
    pytest.param(lambda: whatif({"w0_weeks": "99", "w1_hours": "5"}), id="whatif-errors"),
]


@pytest.mark.parametrize("make", FORMS)
@pytest.mark.parametrize("extra", [{}, {"class": "form-control", "aria-describedby": "a b"}])
def test_a_plain_input_is_written_as_django_writes_it(db, make, extra):
    form = make()
    form.is_valid()
    plain = [form[name] for name, f in form.fields.items() if type(f.widget) in PLAIN_INPUTS]
    assert plain
    for field in plain:
        assert plain_input(field, dict(extra)) == field.as_widget(attrs=dict(extra))


def test_field_parts_uses_the_hand_written_input_for_plain_widgets_only(db):
    form = EveryInput(BAD)
    form.is_valid()
    assert 'name="name" value="&quot;&gt;&lt;script&gt;"' in field_parts(form["name"])["widget"]
    assert 'aria-invalid="true"' in field_parts(form["hours"])["widget"]
    assert "options" in field_parts(ListingFilterForm()["sort"])
