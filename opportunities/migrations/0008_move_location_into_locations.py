"""Move each listing's one `location` into the list `locations`, and set `is_remote`.

Real postings name several places ("New York, NY", "Remote in USA"); the old text field held
one. A listing is remote-possible when its work mode is remote or a location says "remote".
The reverse keeps the first location (the old field held one, of at most 120 characters).
"""

from django.db import migrations

from opportunities.models import has_remote_location

BATCH = 2000


def to_locations(apps, schema_editor):
    Opportunity = apps.get_model("opportunities", "Opportunity")
    changed = []
    for listing in Opportunity.objects.only("pk", "location", "work_mode").iterator(BATCH):
        listing.locations = [listing.location.strip()] if listing.location.strip() else []
        listing.is_remote = listing.work_mode == "remote" or has_remote_location(listing.locations)
        changed.append(listing)
    Opportunity.objects.bulk_update(changed, ["locations", "is_remote"], batch_size=BATCH)


def to_location(apps, schema_editor):
    Opportunity = apps.get_model("opportunities", "Opportunity")
    changed = []
    for listing in Opportunity.objects.only("pk", "locations").iterator(BATCH):
        listing.location = (listing.locations[0] if listing.locations else "")[:120]
        changed.append(listing)
    Opportunity.objects.bulk_update(changed, ["location"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0007_listing_facts_may_be_unstated"),
    ]

    operations = [
        migrations.RunPython(to_locations, to_location),
    ]
