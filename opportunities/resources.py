"""The admin's CSV export of listings (django-import-export).

The columns are the ones the listing importer reads (opportunities.importing.adapters,
`ListingColumnsAdapter`): export a few listings, edit the file, import it back on the listings
page ("Import a feed", format "Listings CSV") and the same listings are updated, matched by
`id`. Organizations are written by name (an import creates the ones it does not know), format
and industry by slug, skills as comma-separated slugs, locations and terms separated by
semicolons. Importing goes through the importer only; this resource exports.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget, Widget

from .models import Format, Industry, Opportunity, Organization, Skill


class ListWidget(Widget):
    """A JSON list of texts as one cell: "New York, NY; Remote"."""

    def render(self, value, obj=None, **kwargs):
        return "; ".join(value or ())


class MomentWidget(Widget):
    """A date and time in ISO 8601 with its offset, as the importer reads it back."""

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class OpportunityResource(resources.ModelResource):
    organization = fields.Field(
        attribute="organization",
        column_name="organization",
        widget=ForeignKeyWidget(Organization, field="name"),
    )
    # Not called `format`: the export form has its own "format" (CSV, ...) field, and
    # django-import-export would mix the two up.
    listing_format = fields.Field(
        attribute="format", column_name="format", widget=ForeignKeyWidget(Format, field="slug")
    )
    industry = fields.Field(
        attribute="industry", column_name="industry", widget=ForeignKeyWidget(Industry, "slug")
    )
    skills = fields.Field(
        attribute="skills",
        column_name="skills",
        widget=ManyToManyWidget(Skill, separator=",", field="slug"),
    )
    locations = fields.Field(attribute="locations", column_name="locations", widget=ListWidget())
    terms = fields.Field(attribute="terms", column_name="terms", widget=ListWidget())
    posted_at = fields.Field(attribute="posted_at", column_name="posted_at", widget=MomentWidget())
    source_updated_at = fields.Field(
        attribute="source_updated_at", column_name="source_updated_at", widget=MomentWidget()
    )

    class Meta:
        model = Opportunity
        fields = (
            "id",
            "external_source",
            "external_id",
            "title",
            "organization",
            "listing_format",
            "industry",
            "skills",
            "summary",
            "description",
            "work_mode",
            "locations",
            "terms",
            "weekly_hours_min",
            "weekly_hours_max",
            "duration_weeks",
            "total_hours",
            "start_date",
            "deadline",
            "compensation_type",
            "compensation_amount",
            "sponsorship",
            "apply_url",
            "apply_instructions",
            "posted_at",
            "source_updated_at",
            "status",
        )
        export_order = fields
