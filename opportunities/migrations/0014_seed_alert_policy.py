"""The alert policy's one row, with the numbers the issue asked for: at most 20 listings in an
alert, and a reminder 3 days before a saved listing's deadline. Staff tune them in the admin."""

from django.db import migrations


def seed(apps, schema_editor):
    AlertPolicy = apps.get_model("opportunities", "AlertPolicy")
    AlertPolicy.objects.get_or_create(
        pk=1, defaults={"digest_size": 20, "deadline_reminder_days": 3}
    )


def unseed(apps, schema_editor):
    apps.get_model("opportunities", "AlertPolicy").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0013_saved_searches_and_alerts")]

    operations = [migrations.RunPython(seed, unseed)]
