"""Form fields shared by the apps."""

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
