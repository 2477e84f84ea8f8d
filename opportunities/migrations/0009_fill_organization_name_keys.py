"""Give every organization its `name_key` (`organization_key(name)`) before it becomes unique.

Imports match a feed's company names to organizations by this key, so "Acme, Inc." and
"ACME Inc" are one organization. Two existing organizations whose names differ only in case
or punctuation cannot both have the key: the later one gets its id appended (never matched by
an import), and the pair is printed so that an admin can merge them.
"""

from django.db import migrations

from opportunities.models import organization_key


def fill_keys(apps, schema_editor):
    Organization = apps.get_model("opportunities", "Organization")
    taken: dict[str, str] = {}
    organizations = list(Organization.objects.order_by("pk"))
    for organization in organizations:
        key = organization_key(organization.name)
        if key in taken:
            print(
                f"\n  Organizations “{taken[key]}” and “{organization.name}” differ only in "
                "case or punctuation; merge them in the admin."
            )
            key = f"{key}~{organization.pk}"
        taken[key] = organization.name
        organization.name_key = key
    Organization.objects.bulk_update(organizations, ["name_key"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0008_move_location_into_locations"),
    ]

    operations = [
        # The reverse has nothing to undo: the column it filled is dropped by 0007's reverse.
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
