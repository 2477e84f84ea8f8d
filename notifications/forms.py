from django import forms

from .models import ADVISOR_KINDS, STUDENT_KINDS, Delivery, Kind


def kinds_for(*, student: bool, advisor: bool) -> list[Kind]:
    """The kinds a person can receive: students' and advisors' (career-center admins: both)."""
    return [*(STUDENT_KINDS if student else ()), *(ADVISOR_KINDS if advisor else ())]


class PreferencesForm(forms.Form):
    """One choice per kind the person can receive: by e-mail, in the app only, or off."""

    def __init__(self, *args, kinds, current, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[kind],
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict[Kind, Delivery]:
        return {Kind(name): Delivery(value) for name, value in self.cleaned_data.items()}
