"""Add the full-text search column and the indexes that browse and search need.

The GIN index on the search column exists only on PostgreSQL: SQLite has neither GIN indexes
nor full-text search (the app falls back to substring matching there). The index is still
declared in the model's Meta, so the migration state records it for every database while the
database operation runs only on PostgreSQL.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

SEARCH_INDEX = django.contrib.postgres.indexes.GinIndex(
    fields=["search_vector"], name="opportunity_search_idx"
)


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("opportunities", "Opportunity"), SEARCH_INDEX)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("opportunities", "Opportunity"), SEARCH_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0003_seed_industries_and_skills"),
    ]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True,
                editable=False,
                help_text="Kept up to date by update_search_vector().",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="opportunity",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["-published_at", "-id"],
                name="opportunity_newest_idx",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(model_name="opportunity", index=SEARCH_INDEX),
            ],
            database_operations=[
                migrations.RunPython(create_search_index, drop_search_index),
            ],
        ),
    ]
