"""Seed the search synonyms students most often need on technology and business postings.

Abbreviations against their spelled-out forms: a search for either finds both. Admins edit
the list under Opportunities > Search synonyms. The reverse deletes only these rows, as
seeded (an admin's edits to them or other rows are left alone).
"""

from django.db import migrations

SYNONYMS = [
    ("ML", "machine learning"),
    ("AI", "artificial intelligence"),
    ("SWE", "software engineer, software engineering"),
    ("UX", "user experience"),
    ("UI", "user interface"),
    ("PM", "product manager, product management"),
    ("QA", "quality assurance"),
    ("HR", "human resources"),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("opportunities", "SearchSynonym")
    for term, equivalents in SYNONYMS:
        SearchSynonym.objects.get_or_create(term=term, defaults={"equivalents": equivalents})


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("opportunities", "SearchSynonym")
    for term, equivalents in SYNONYMS:
        SearchSynonym.objects.filter(term=term, equivalents=equivalents).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0010_drop_location_and_key_organizations_by_name"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
