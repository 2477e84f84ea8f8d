"""Seed the advising policy: the numbers the suggestion engine plans with.

Career-center staff tune them in the admin (Advising policy); these are the defaults an
experienced advisor would start from:

* Term-time load ceiling 70 %: students overestimate the hours they can give during classes,
  and applications, interviews and exam weeks need room. 70 % of 15 h/week still allows the
  common part-time internship of 10 h/week.
* Break ceiling 90 %: without classes a full-time placement is the norm (90 % of 40 h/week is
  36, a full-time week), with a little room for applications and rest.
* At most 3 separate engagements in a term window (each run of a short format counts), 4 in a
  break, where short runs follow one another.
* The year view warns at 60 h/week of stated or planned load.
* An internship at 30 h/week or more is full-time: nothing else is booked beside it.
* A term with less than 10 h/week of room is busy: flexible schedules count most.
* Formal applications close about 8 weeks before a placement starts.
* 120 h of internship in the student's field (three full-time weeks, a term at 10 h/week)
  counts as depth; 20 h of short formats counts as having tried them.
"""

from django.db import migrations

DEFAULTS = {
    "term_load_share": 70,
    "break_load_share": 90,
    "term_max_engagements": 3,
    "break_max_engagements": 4,
    "weekly_load_warning": 60,
    "full_time_weekly_hours": 30,
    "busy_weekly_hours": 10,
    "application_lead_weeks": 8,
    "depth_history_hours": 120,
    "breadth_history_hours": 20,
}


def seed_policy(apps, schema_editor):
    AdvisingPolicy = apps.get_model("advising", "AdvisingPolicy")
    AdvisingPolicy.objects.get_or_create(pk=1, defaults=DEFAULTS)


def remove_policy(apps, schema_editor):
    apps.get_model("advising", "AdvisingPolicy").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advising", "0004_window_kind_paid_work_and_policy"),
    ]

    operations = [
        migrations.RunPython(seed_policy, remove_policy),
    ]
