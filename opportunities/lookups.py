"""Lookups on a JSON list of strings (a listing's `locations` and `terms`), on PostgreSQL and
SQLite alike: Django's own `contains` on a JSONField does not run on SQLite.

    Opportunity.objects.filter(terms__has_element="Summer 2026")
    Opportunity.objects.filter(locations__has_element_containing="york")

A value that is not a list has no elements (never an error).
"""

from django.db.models import JSONField, Lookup


class _ElementLookup(Lookup):
    prepare_rhs = False  # the value is a plain string, not a JSON document

    def get_db_prep_lookup(self, value, connection):
        return "%s", [self.element_value(str(value), connection)]

    def element_value(self, value: str, connection) -> str:
        return value

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            elements = (
                f"jsonb_array_elements_text(CASE WHEN jsonb_typeof({lhs}) = 'array' "
                f"THEN {lhs} ELSE '[]'::jsonb END) AS element(value)"
            )
        else:
            elements = (
                f"json_each(CASE WHEN json_type({lhs}) = 'array' THEN {lhs} ELSE '[]' END) "
                "AS element"
            )
        condition = self.condition("element.value", rhs, connection)
        return (
            f"EXISTS (SELECT 1 FROM {elements} WHERE {condition})",  # noqa: S608 (compiled SQL and placeholders)
            [*lhs_params, *lhs_params, *rhs_params],
        )

    def condition(self, element: str, rhs: str, connection) -> str:
        raise NotImplementedError


@JSONField.register_lookup
class HasElement(_ElementLookup):
    """One of the list's strings is exactly the value."""

    lookup_name = "has_element"

    def condition(self, element, rhs, connection):
        return f"{element} = {rhs}"


@JSONField.register_lookup
class HasElementContaining(_ElementLookup):
    """One of the list's strings contains the value, whatever the letter case (ASCII letters
    only on SQLite, as Django's own `icontains` there)."""

    lookup_name = "has_element_containing"

    def element_value(self, value, connection):
        return f"%{connection.ops.prep_for_like_query(value)}%"

    def condition(self, element, rhs, connection):
        if connection.vendor == "postgresql":
            return f"{element} ILIKE {rhs}"
        return f"{element} LIKE {rhs} ESCAPE '\\'"
