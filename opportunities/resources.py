"""CSV import and export of listings (django-import-export), used by the admin.

Related rows are written by slug and read by slug or name, so a spreadsheet typed by hand
works ("Technology" or "technology"). A file with any bad row imports nothing: the preview
lists each bad row with its message and offers no confirm button, and a direct
`import_data()` call rolls back as well.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from careercenter.spreadsheets import restore_formula

from .models import Format, Industry, Opportunity, Organization, Skill, listing_slug


class SlugOrNameWidget(ForeignKeyWidget):
    """Exports the slug; imports a slug or a name (any letter case)."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip()
        if not value:
            return None
        match = self.model.objects.filter(Q(slug=value) | Q(name__iexact=value)).first()
        if match is None:
            noun = self.model._meta.verbose_name
            raise ValueError(f"There is no {noun} with the slug or name “{value}”.")
        return match


class SkillSlugsWidget(ManyToManyWidget):
    """Skills as comma-separated slugs; an unknown slug is an error, not silently dropped."""

    def __init__(self, **kwargs):
        super().__init__(Skill, separator=",", field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slugs = [s.strip() for s in str(value or "").split(self.separator) if s.strip()]
        skills = list(Skill.objects.filter(slug__in=slugs))
        unknown = sorted(set(slugs) - {skill.slug for skill in skills})
        if unknown:
            raise ValueError("Unknown skill slugs: " + ", ".join(unknown) + ".")
        return skills


class OpportunityResource(resources.ModelResource):
    organization = fields.Field(
        attribute="organization", column_name="organization", widget=SlugOrNameWidget(Organization)
    )
    # Not called `format`: the export form has its own "format" (CSV, ...) field, and
    # django-import-export would mix the two up.
    listing_format = fields.Field(
        attribute="format", column_name="format", widget=SlugOrNameWidget(Format)
    )
    industry = fields.Field(
        attribute="industry", column_name="industry", widget=SlugOrNameWidget(Industry)
    )
    skills = fields.Field(attribute="skills", column_name="skills", widget=SkillSlugsWidget())

    class Meta:
        model = Opportunity
        fields = (
            "id",
            "title",
            "organization",
            "listing_format",
            "industry",
            "skills",
            "summary",
            "description",
            "work_mode",
            "locations",
            "weekly_hours_min",
            "weekly_hours_max",
            "duration_weeks",
            "total_hours",
            "start_date",
            "deadline",
            "compensation_type",
            "compensation_amount",
            "apply_url",
            "apply_instructions",
            "status",
        )
        export_order = fields
        clean_model_instances = True  # full_clean(): field checks and the model's constraints
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row, **kwargs):
        # A file exported here has its formula-like cells quoted: read back the text as typed.
        for column, value in row.items():
            row[column] = restore_formula(value)
        super().before_import_row(row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        # Skills are saved after the row, so check them here to report them with the row's
        # other errors instead of failing half-way through saving.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "skills" in row:
            try:
                self.fields["skills"].clean(row)
            except ValueError as error:
                errors["skills"] = ValidationError(str(error), code="invalid")
        instance.slug = listing_slug(instance.title or "")
        if errors:
            raise ValidationError(errors)

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        kwargs["rollback_on_validation_errors"] = True  # all rows or none
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        imported = [row.object_id for row in result.valid_rows() if row.object_id]
        Opportunity.objects.filter(pk__in=imported).update_search_vector()
