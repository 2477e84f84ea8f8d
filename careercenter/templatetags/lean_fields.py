"""Lean form-field markup for pages rendered on every request (the browse filters).

crispy-forms renders each field through several nested templates, and each choice of a
checkbox group through Django's widget templates; on /opportunities/ that was half the page's
CPU. The includes in templates/includes/fields/ write the same Bootstrap markup by hand, from
the values this filter gathers once per field:

{% load lean_fields %}
{% include "includes/fields/checkboxes.html" with field=form.format %}

The markup keeps what crispy gave: a label (a legend for groups), the help text with its id,
`aria-describedby` naming the help text and the error, `is-invalid`/`aria-invalid` and the
error text next to the field, and the asterisk of a required field. An input is written by
its widget's own templates (`field.as_widget`). Until issue 16 inputs were written here in
Python, byte for byte as those templates write them; re-measured, that saved 0.4 ms of CPU per
render of the advisor's what-if form (four windows: 0.94 against 1.36 ms) and nothing on browse,
whose filters are kept rendered (`{% cache %}`), so Django's widgets are back.
"""

from django import template

register = template.Library()

WIDGET_CLASSES = {
    "select": "form-select",
    "checkbox": "form-check-input",
}


@register.filter
def field_parts(field) -> dict:
    """What the includes need to write one field: ids, errors, choices or the widget."""
    auto_id = field.auto_id
    help_id = f"{auto_id}_helptext" if field.help_text else ""
    error_id = f"{auto_id}_error" if field.errors else ""
    described_by = " ".join(part for part in (help_id, error_id) if part)
    parts = {
        "id": auto_id,
        "name": field.html_name,
        "label": field.label,
        "required": field.field.required,
        "help_text": field.help_text,
        "help_id": help_id,
        "errors": field.errors,
        "error_id": error_id,
        "described_by": described_by,
    }
    widget_type = field.widget_type
    if widget_type in ("checkboxselectmultiple", "select"):
        value = field.value()
        if widget_type == "select":
            chosen = {"" if value is None else str(value)}
        else:
            chosen = {str(v) for v in value or ()}
        parts["options"] = [
            {
                "value": str(choice_value),
                "label": choice_label,
                "id": f"{auto_id}_{index}",
                "chosen": str(choice_value) in chosen,
            }
            for index, (choice_value, choice_label) in enumerate(field.field.choices)
        ]
    else:
        css = WIDGET_CLASSES.get(widget_type, "form-control")
        attrs = {"class": f"{css} is-invalid" if field.errors else css}
        if described_by:
            attrs["aria-describedby"] = described_by
        if field.errors:
            attrs["aria-invalid"] = "true"
        parts["widget"] = field.as_widget(attrs=attrs)
    return parts
