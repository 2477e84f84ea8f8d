"""Seed the industries and the skills vocabulary that listings, profiles and filters share.

Filters and the suggestion engine match on these slugs, so they have to exist before any
listing or student profile does. Staff can add more in the admin.
"""

from django.db import migrations

INDUSTRIES = [
    ("technology", "Technology"),
    ("finance", "Finance"),
    ("marketing", "Marketing"),
    ("healthcare", "Healthcare"),
    ("education", "Education"),
    ("nonprofit", "Nonprofit"),
    ("design", "Design"),
    ("engineering", "Engineering"),
    ("media", "Media"),
    ("government", "Government and public sector"),
]

SKILLS = [
    ("accounting", "Accounting"),
    ("cad", "CAD"),
    ("cloud-computing", "Cloud computing"),
    ("communication", "Communication"),
    ("community-outreach", "Community outreach"),
    ("content-strategy", "Content strategy"),
    ("copywriting", "Copywriting"),
    ("customer-research", "Customer research"),
    ("cybersecurity", "Cybersecurity"),
    ("data-analysis", "Data analysis"),
    ("data-visualization", "Data visualization"),
    ("digital-marketing", "Digital marketing"),
    ("event-planning", "Event planning"),
    ("excel", "Spreadsheets (Excel)"),
    ("financial-modeling", "Financial modeling"),
    ("fundraising", "Fundraising"),
    ("graphic-design", "Graphic design"),
    ("grant-writing", "Grant writing"),
    ("javascript", "JavaScript"),
    ("machine-learning", "Machine learning"),
    ("market-research", "Market research"),
    ("policy-analysis", "Policy analysis"),
    ("presentation-design", "Presentation design"),
    ("problem-solving", "Problem-solving"),
    ("product-management", "Product management"),
    ("project-management", "Project management"),
    ("public-speaking", "Public speaking"),
    ("python", "Python"),
    ("qa-testing", "Software testing"),
    ("research", "Research"),
    ("sales", "Sales"),
    ("seo", "Search engine optimization"),
    ("social-media", "Social media"),
    ("sql", "SQL"),
    ("statistics", "Statistics"),
    ("teaching", "Teaching and tutoring"),
    ("teamwork", "Teamwork"),
    ("translation", "Translation"),
    ("ux-research", "UX research"),
    ("video-editing", "Video editing"),
    ("web-development", "Web development"),
    ("writing", "Writing"),
]


def seed(apps, schema_editor):
    Industry = apps.get_model("opportunities", "Industry")
    Skill = apps.get_model("opportunities", "Skill")
    for slug, name in INDUSTRIES:
        Industry.objects.get_or_create(slug=slug, defaults={"name": name})
    for slug, name in SKILLS:
        Skill.objects.get_or_create(slug=slug, defaults={"name": name})


def unseed(apps, schema_editor):
    Industry = apps.get_model("opportunities", "Industry")
    Skill = apps.get_model("opportunities", "Skill")
    Industry.objects.filter(slug__in=[slug for slug, _ in INDUSTRIES]).delete()
    Skill.objects.filter(slug__in=[slug for slug, _ in SKILLS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0002_seed_formats"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
