"""Seed the twelve formats of the reference text with their comparison criteria.

The catalogue is data, not code: the suggestion engine, the guide and the filters read these
rows, and career-center staff may edit them in the admin. Numbers are the team's reading of
`internship-vs-micro-internship.txt`; the comment beside each format says which phrase of the
reference each value comes from. Values are literals (not the model's enums) so this migration
keeps working if the enums change later.

Scales: schedule_flexibility 1 fixed, 2 partly flexible, 3 flexible; exposure_depth 1 targeted
tasks, 2 a focused project, 3 immersive; learning_scope 1 one skill, 2 a few related skills,
3 comprehensive; application_process 1 simple/platform, 2 short application, 3 formal with
interviews. 0.1 week is about half a working day, 0.2 a day.
"""

from django.db import migrations

FORMATS = [
    # Reference: "several weeks to months", "part-time or full-time", "in-depth company
    # experience", "comprehensive skill development", "formal with interviews", "often paid or
    # credit-based", "strong internal connections", "students seeking long-term experience".
    {
        "slug": "internship",
        "name": "Internship",
        "family": "internship",
        "display_order": 10,
        "weeks_min": "6.0",
        "weeks_max": "26.0",
        "weekly_hours_min": 10,
        "weekly_hours_max": 40,
        "total_hours_min": 60,
        "total_hours_max": 1040,
        "schedule_flexibility": 1,
        "exposure_depth": 3,
        "learning_scope": 3,
        "application_process": 3,
        "compensation_model": "paid_or_credit",
        "networking_style": "deep",
        "summary": (
            "A term or a summer inside one organization, part-time or full-time, working on its "
            "real projects alongside its staff."
        ),
        "description": (
            "The traditional format. You join a team for several weeks to several months on a "
            "set schedule, learn how the organization works from the inside and grow a broad "
            "set of skills in one field. Expect a formal application with a résumé and "
            "interviews. Most are paid or count for academic credit, and the people you work "
            "with become lasting professional contacts and references."
        ),
        "suitability": (
            "Students who know the field they want, can give it a term or a summer, and want "
            "long-term, in-depth experience."
        ),
    },
    # Reference: "a hybrid approach combining the depth of traditional internships with the
    # agility of micro-internships", "short-term, project-based assignments that fit various
    # schedules", "real-world experience across multiple industries".
    {
        "slug": "flexternship",
        "name": "Flexternship",
        "family": "hybrid",
        "display_order": 20,
        "weeks_min": "4.0",
        "weeks_max": "16.0",
        "weekly_hours_min": 5,
        "weekly_hours_max": 20,
        "total_hours_min": 20,
        "total_hours_max": 320,
        "schedule_flexibility": 3,
        "exposure_depth": 2,
        "learning_scope": 2,
        "application_process": 2,
        "compensation_model": "varies",
        "networking_style": "mixed",
        "summary": (
            "An internship's depth with a micro-internship's agility: a run of short project "
            "assignments that fit around your timetable."
        ),
        "description": (
            "A hybrid. Over one or a few months you take on a series of short, project-based "
            "assignments, often for organizations in different industries, at hours you "
            "arrange. You get more continuity and context than from a single micro-internship "
            "without committing to a full internship schedule."
        ),
        "suitability": (
            "Students who want more than one-off tasks but whose schedule cannot take a fixed "
            "internship, and who like trying several industries."
        ),
    },
    # Reference: "short, targeted projects", "comprehensive exposure by combining multiple
    # modules".
    {
        "slug": "modular-internship",
        "name": "Modular internship",
        "family": "hybrid",
        "display_order": 30,
        "weeks_min": "4.0",
        "weeks_max": "20.0",
        "weekly_hours_min": 8,
        "weekly_hours_max": 20,
        "total_hours_min": 40,
        "total_hours_max": 400,
        "schedule_flexibility": 2,
        "exposure_depth": 2,
        "learning_scope": 3,
        "application_process": 2,
        "compensation_model": "paid_or_credit",
        "networking_style": "mixed",
        "summary": (
            "An internship cut into short modules, each a targeted project, that together add up "
            "to broad exposure to one organization or field."
        ),
        "description": (
            "Each module is a short, skill-specific project you can finish on its own; taken "
            "together, the modules cover much of what a full internship would. You can pause "
            "between modules, for example during exams, and pick up the next one later."
        ),
        "suitability": (
            "Students who want an internship's comprehensive learning but can only commit a few "
            "weeks at a time."
        ),
    },
    # Reference: "targeted, short-term", "align precisely with their immediate learning needs",
    # "more effective for deep skill acquisition and meaningful industry engagement" than
    # micro-internships.
    {
        "slug": "just-in-time-internship",
        "name": "Just-in-time internship",
        "family": "hybrid",
        "display_order": 40,
        "weeks_min": "2.0",
        "weeks_max": "8.0",
        "weekly_hours_min": 10,
        "weekly_hours_max": 25,
        "total_hours_min": 20,
        "total_hours_max": 200,
        "schedule_flexibility": 2,
        "exposure_depth": 3,
        "learning_scope": 1,
        "application_process": 2,
        "compensation_model": "varies",
        "networking_style": "mixed",
        "summary": (
            "A short placement timed to what you need to learn right now, deeper and more "
            "immersive than a micro-internship."
        ),
        "description": (
            "Built around one immediate learning need, such as a method for your thesis or a "
            "tool your next course assumes. It lasts a few weeks, but you work closely with the "
            "team, so you learn that one thing in depth and see how it is used in practice."
        ),
        "suitability": (
            "Students with a specific, immediate skill to master who want more depth than a "
            "micro-internship gives."
        ),
    },
    # Reference: "combines the benefits of both", "gig-style assignments".
    {
        "slug": "gigternship",
        "name": "Gigternship",
        "family": "hybrid",
        "display_order": 50,
        "weeks_min": "2.0",
        "weeks_max": "12.0",
        "weekly_hours_min": 5,
        "weekly_hours_max": 20,
        "total_hours_min": 10,
        "total_hours_max": 200,
        "schedule_flexibility": 3,
        "exposure_depth": 2,
        "learning_scope": 2,
        "application_process": 2,
        "compensation_model": "per_task",
        "networking_style": "mixed",
        "summary": (
            "Gig-style assignments, paid per gig, that mix an internship's real-world "
            "responsibility with a micro-internship's flexibility."
        ),
        "description": (
            "You take on a string of small paid gigs for an organization over several weeks. "
            "Each gig is self-contained, but repeated gigs for the same people build a working "
            "relationship and practical skills that employers recognise."
        ),
        "suitability": (
            "Students who want paid, flexible work that still builds a relationship with an "
            "employer."
        ),
    },
    # Reference: "few hours to a few days" (elsewhere "to a few weeks"), "short-term,
    # flexible", "targeted project-based tasks", "specific skill enhancement", "simple, often
    # platform-based", "usually paid per task", "limited but diverse contacts", "students
    # needing quick project exposure".
    {
        "slug": "micro-internship",
        "name": "Micro-internship",
        "family": "micro",
        "display_order": 60,
        "weeks_min": "0.1",
        "weeks_max": "3.0",
        "weekly_hours_min": 5,
        "weekly_hours_max": 20,
        "total_hours_min": 5,
        "total_hours_max": 60,
        "schedule_flexibility": 3,
        "exposure_depth": 1,
        "learning_scope": 1,
        "application_process": 1,
        "compensation_model": "per_task",
        "networking_style": "broad",
        "summary": (
            "A short, paid, project-based task for a real organization: a few hours to a few "
            "weeks, done on your own schedule."
        ),
        "description": (
            "Organizations post a well-defined piece of work, such as a market scan, a dataset "
            "to clean or a set of social posts, and pay per task. Applying is quick, usually "
            "through a platform. Each one sharpens a specific skill and adds a new contact; "
            "several of them across industries build a broad network and a varied portfolio."
        ),
        "suitability": (
            "Students who need quick project exposure, want to explore several career paths, or "
            "have little time during term."
        ),
    },
    # Reference: "targeted, short-term experiences", "real-world tasks", "build diverse
    # portfolios", "skill validation".
    {
        "slug": "project-based-micro-internship",
        "name": "Project-based micro-internship",
        "family": "micro",
        "display_order": 70,
        "weeks_min": "1.0",
        "weeks_max": "6.0",
        "weekly_hours_min": 5,
        "weekly_hours_max": 15,
        "total_hours_min": 10,
        "total_hours_max": 80,
        "schedule_flexibility": 3,
        "exposure_depth": 2,
        "learning_scope": 1,
        "application_process": 1,
        "compensation_model": "per_task",
        "networking_style": "broad",
        "summary": (
            "One complete project with a clear deliverable, the kind of work you can show in a "
            "portfolio as proof of a skill."
        ),
        "description": (
            "Slightly longer than a typical micro-internship: you own a whole small project, "
            "from brief to finished deliverable. The result is a portfolio piece and a "
            "reference that confirm you can apply a specific skill to a real problem."
        ),
        "suitability": (
            "Students early in their career who want portfolio pieces and proof of a skill "
            "without a long commitment."
        ),
    },
    # Reference: "focused, real-world projects lasting from a few days to weeks", "immersive,
    # hands-on tasks", "diverse exposure across industries".
    {
        "slug": "experiential-sprint",
        "name": "Experiential sprint",
        "family": "micro",
        "display_order": 80,
        "weeks_min": "0.4",
        "weeks_max": "4.0",
        "weekly_hours_min": 15,
        "weekly_hours_max": 40,
        "total_hours_min": 15,
        "total_hours_max": 120,
        "schedule_flexibility": 2,
        "exposure_depth": 2,
        "learning_scope": 1,
        "application_process": 2,
        "compensation_model": "per_task",
        "networking_style": "broad",
        "summary": (
            "An intensive, hands-on project of a few days to a few weeks, often done with a "
            "small team on set dates."
        ),
        "description": (
            "A sprint packs a focused real-world project into a short, intense period, for "
            "example over a reading week or between terms. It is more immersive than a "
            "task-based micro-internship and accelerates one specific skill."
        ),
        "suitability": (
            "Students with a free block of days, such as a break between terms, who want an "
            "immersive taste of an industry."
        ),
    },
    # Reference: "concise, measurable tasks", "targeted skill development", "quickly".
    {
        "slug": "skill-burst-internship",
        "name": "Skill-burst internship",
        "family": "micro",
        "display_order": 90,
        "weeks_min": "0.2",
        "weeks_max": "2.0",
        "weekly_hours_min": 5,
        "weekly_hours_max": 15,
        "total_hours_min": 5,
        "total_hours_max": 30,
        "schedule_flexibility": 3,
        "exposure_depth": 1,
        "learning_scope": 1,
        "application_process": 1,
        "compensation_model": "per_task",
        "networking_style": "broad",
        "summary": (
            "A concise task with a measurable result that shows one competency, finished in days "
            "rather than weeks."
        ),
        "description": (
            "Each skill burst is scoped around a clear, measurable outcome, such as a number of "
            "records cleaned or a test plan written, so what you achieved is easy to state on a "
            "résumé."
        ),
        "suitability": (
            "Students who want to demonstrate a specific competency quickly and add a "
            "measurable result to their résumé."
        ),
    },
    # Reference: "remote", "short-term, project-based", "work with diverse companies remotely",
    # "versatile portfolio".
    {
        "slug": "remote-micro-engagement",
        "name": "Remote micro-engagement",
        "family": "micro",
        "display_order": 100,
        "weeks_min": "0.2",
        "weeks_max": "4.0",
        "weekly_hours_min": 3,
        "weekly_hours_max": 15,
        "total_hours_min": 5,
        "total_hours_max": 50,
        "schedule_flexibility": 3,
        "exposure_depth": 1,
        "learning_scope": 2,
        "application_process": 1,
        "compensation_model": "per_task",
        "networking_style": "broad",
        "summary": (
            "Short project work done entirely online, which lets you work with organizations "
            "anywhere, several of them in one term."
        ),
        "description": (
            "No commute and no relocation: everything happens remotely. Because each engagement "
            "is small, you can work with many different organizations and build a varied "
            "portfolio and a widely spread network."
        ),
        "suitability": (
            "Students far from employers, with caring or travel constraints, or who want to "
            "work with many organizations."
        ),
    },
    # Reference: "short-term, project-based opportunities that fit into busy academic
    # schedules", "gain specific skills quickly".
    {
        "slug": "flashternship",
        "name": "Flashternship",
        "family": "micro",
        "display_order": 110,
        "weeks_min": "1.0",
        "weeks_max": "4.0",
        "weekly_hours_min": 2,
        "weekly_hours_max": 8,
        "total_hours_min": 4,
        "total_hours_max": 30,
        "schedule_flexibility": 3,
        "exposure_depth": 1,
        "learning_scope": 1,
        "application_process": 1,
        "compensation_model": "per_task",
        "networking_style": "broad",
        "summary": (
            "A very light project, a few hours a week for a few weeks, designed to fit into a "
            "busy term."
        ),
        "description": (
            "Flashternships ask for little time each week, so you can keep one going next to a "
            "full course load. You pick up a specific skill quickly and add a line to your "
            "résumé while exploring a possible career."
        ),
        "suitability": (
            "Students with a heavy academic load who still want regular contact with the world "
            "of work."
        ),
    },
    # Reference: "ultra-short", "project-based", "high-impact", "within limited timeframes".
    {
        "slug": "nano-internship",
        "name": "Nano-internship",
        "family": "micro",
        "display_order": 120,
        "weeks_min": "0.1",
        "weeks_max": "0.4",
        "weekly_hours_min": 2,
        "weekly_hours_max": 15,
        "total_hours_min": 2,
        "total_hours_max": 10,
        "schedule_flexibility": 3,
        "exposure_depth": 1,
        "learning_scope": 1,
        "application_process": 1,
        "compensation_model": "per_task",
        "networking_style": "broad",
        "summary": (
            "The shortest format: a self-contained task of a few hours, done in one or two days."
        ),
        "description": (
            "Nano-internships are ultra-short: a single task with a quick turnaround. They are "
            "a low-risk way to see what a role or an industry involves, and many of them give a "
            "wide view of different careers in very little time."
        ),
        "suitability": (
            "Students curious about many careers who have only a few spare hours at a time."
        ),
    },
]


def seed_formats(apps, schema_editor):
    Format = apps.get_model("opportunities", "Format")
    for values in FORMATS:
        values = dict(values)
        Format.objects.get_or_create(slug=values.pop("slug"), defaults=values)


def remove_formats(apps, schema_editor):
    Format = apps.get_model("opportunities", "Format")
    Format.objects.filter(slug__in=[f["slug"] for f in FORMATS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_formats, remove_formats),
    ]
