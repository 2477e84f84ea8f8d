"""Form fields and formsets shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

# More values than any multiple choice here offers (the skills vocabulary is the longest).
MAX_VALUES = 100


class BoundedMultipleChoiceMixin:
    """A multiple-choice field that refuses more than `max_values` values before looking at
    any of them: each value costs a check, and for a model field a query parameter."""

    def __init__(self, *args, max_values: int = MAX_VALUES, **kwargs):
        self.max_values = max_values
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if isinstance(value, list | tuple) and len(value) > self.max_values:
            raise ValidationError(
                "Choose at most %(max)d.", code="too_many_values", params={"max": self.max_values}
            )
        return super().clean(value)


class BoundedMultipleChoiceField(BoundedMultipleChoiceMixin, forms.MultipleChoiceField):
    pass


class BoundedTypedMultipleChoiceField(BoundedMultipleChoiceMixin, forms.TypedMultipleChoiceField):
    pass


class BoundedModelMultipleChoiceField(BoundedMultipleChoiceMixin, forms.ModelMultipleChoiceField):
    pass


# New rows one save of an admin page may add to an object's inline (or a list's editable rows).
MAX_NEW_ROWS = 10


class BoundedFormSetMixin:
    """A model formset that builds one form per row it edits and at most `max_new` more,
    whatever the posted TOTAL_FORMS says (Django's own ceiling is max_num + 1 000 forms).
    Over it, the formset says "Please submit at most N forms" and saves nothing."""

    max_new = MAX_NEW_ROWS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_num = self.absolute_max = len(self.get_queryset()) + self.max_new


class BoundedInlineFormSet(BoundedFormSetMixin, forms.BaseInlineFormSet):
    """For an admin inline: `formset = BoundedInlineFormSet`."""


class BoundedModelFormSet(BoundedFormSetMixin, forms.BaseModelFormSet):
    """For an admin changelist with editable columns (`get_changelist_formset`): it edits the
    listed rows and adds none."""

    max_new = 0
