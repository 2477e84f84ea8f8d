"""Give the seeded formats what sets them apart: what each is made for, and its work modes.

Four short formats (micro-internship, skill-burst internship, flashternship, nano-internship)
had the same value on every comparison criterion but time, so the suggestion engine could not
tell them apart except by hours: a window's three suggestions could be three names for one kind
of experience. The reference (`internship-vs-micro-internship.txt`) does set them apart, and
these two fields say how:

* Experiential sprint, made for a break: "focused, real-world projects lasting from a few days
  to weeks ... immersive, hands-on tasks": full days on one project, which term time rarely has.
* Flashternship, made for busy terms: "short-term, project-based opportunities that fit into
  busy academic schedules".
* Nano-internship, made for a first try: "ultra-short ... within limited timeframes": the
  smallest commitment there is, a low-risk way to see a role.
* Skill-burst internship, made for proof of a skill: "demonstrate competencies in concise,
  measurable tasks that enhance their resumes".
* Project-based micro-internship, also proof of a skill: "build diverse portfolios ... skill
  validation".
* Remote micro-engagement, done remotely only: "work with diverse companies remotely", against
  traditional internships' "onsite presence". A student who accepts on-site work only never
  gets it.

The micro-internship stays the plain baseline (made for nothing in particular); every other
format keeps all three work modes. Career-center staff may change any of this in the admin.
"""

from django.db import migrations

MADE_FOR = {
    "experiential-sprint": "break",
    "flashternship": "busy_term",
    "nano-internship": "first_try",
    "skill-burst-internship": "proof_of_skill",
    "project-based-micro-internship": "proof_of_skill",
}
REMOTE_ONLY = ["remote-micro-engagement"]


def distinguish(apps, schema_editor):
    Format = apps.get_model("opportunities", "Format")
    for slug, made_for in MADE_FOR.items():
        Format.objects.filter(slug=slug).update(made_for=made_for)
    Format.objects.filter(slug__in=REMOTE_ONLY).update(work_modes=["remote"])


def undo(apps, schema_editor):
    Format = apps.get_model("opportunities", "Format")
    Format.objects.filter(slug__in=MADE_FOR).update(made_for="")
    Format.objects.filter(slug__in=REMOTE_ONLY).update(work_modes=["onsite", "remote", "hybrid"])


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0015_format_made_for_and_work_modes"),
    ]

    operations = [
        migrations.RunPython(distinguish, undo),
    ]
