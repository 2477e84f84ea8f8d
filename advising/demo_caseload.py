"""The demo advisor's caseload for `make run`: the demo student and a dozen more, with varied
profiles, availability and history, some with recommendations in every state.

Deterministic and idempotent: students are found by e-mail, and a student's windows,
experiences and recommendations are added only when they have none, so running `seed_demo`
again adds nothing. Formats, industries and skills come from the catalogue's data migrations;
anything missing is skipped rather than invented here.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from careercenter.demo import DEMO_PASSWORD, mark_address_verified
from careercenter.roles import STUDENT
from opportunities.models import Format, Industry, Skill

from .models import AvailabilityWindow, Experience, Recommendation, StudentProfile
from .recommendations import ItemData, respond_to_recommendation, save_recommendation

DEMO_ADVISOR = "advisor@demo.edu"
DEMO_STUDENT = "student@demo.edu"


@dataclass(frozen=True)
class DemoRecommendation:
    state: str  # "draft", "shared", "accepted" or "declined"
    lines: tuple[tuple[str, str | None, int, str], ...]  # format, window label, count, rationale
    next_step: str
    follow_up_days: int  # from today; negative: the follow-up is due
    notes: str = ""
    answer: str = ""


@dataclass(frozen=True)
class DemoStudent:
    email: str
    first_name: str
    last_name: str
    programme: str = ""
    level: str = ""
    career_clarity: str = ""
    learning_goal: str = ""
    industries: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    needs_pay: bool | None = None
    credit_ok: bool | None = None
    work_modes: tuple[str, ...] = ()
    networking_goal: str = ""
    application_ready: bool | None = None
    windows: tuple[tuple[str, float, int], ...] = ()  # label, weeks, hours per week
    history: tuple[tuple[str, str, str, str | None, int, int], ...] = ()
    # ^ title, organization, format slug, industry slug, hours, started how many days ago
    recommendation: DemoRecommendation | None = None


SPRING_SUMMER = (("Spring term", 14, 6), ("Summer", 10, 40))

STUDENTS = (
    DemoStudent(
        "maya.patel@demo.edu",
        "Maya",
        "Patel",
        "BA Media Studies",
        "undergraduate",
        "exploring",
        "broad",
        ("technology", "marketing", "media"),
        ("writing", "data-analysis"),
        needs_pay=True,
        credit_ok=True,
        work_modes=("remote", "hybrid", "onsite"),
        networking_goal="broad",
        application_ready=False,
        windows=SPRING_SUMMER,
    ),
    DemoStudent(
        "jordan.lee@demo.edu",
        "Jordan",
        "Lee",
        "BSc Finance",
        "undergraduate",
        "decided",
        "targeted",
        ("finance",),
        ("data-analysis",),
        needs_pay=True,
        credit_ok=True,
        work_modes=("onsite", "hybrid"),
        networking_goal="deep",
        application_ready=True,
        windows=(("Summer", 12, 35),),
        history=(
            ("Budget review sprint", "Northwind Bank", "micro-internship", "finance", 20, 200),
        ),
        recommendation=DemoRecommendation(
            "accepted",
            (("internship", "Summer", 1, "A summer inside one bank builds the depth you want."),),
            "Apply to three summer finance internships by the end of February.",
            follow_up_days=21,
            notes="Jordan is set on corporate finance and has a résumé ready.",
            answer="Yes, I will apply to the three we picked.",
        ),
    ),
    DemoStudent(
        "aisha.khan@demo.edu",
        "Aisha",
        "Khan",
        "BSc Computer Science",
        "undergraduate",
        "narrowing",
        "targeted",
        ("technology",),
        ("python",),
        needs_pay=True,
        credit_ok=False,
        work_modes=("remote",),
        networking_goal="broad",
        application_ready=False,
        windows=(("Term", 12, 15),),
        recommendation=DemoRecommendation(
            "shared",
            (
                ("remote-micro-engagement", "Term", 2, "Paid, remote and short: fits your term."),
                ("micro-internship", "Term", 1, "A paid Python task to show in your portfolio."),
            ),
            "Pick one paid remote engagement this week and apply.",
            follow_up_days=10,
            notes="Aisha needs paid work and can only work remotely.",
        ),
    ),
    DemoStudent(
        "lucas.martin@demo.edu",
        "Lucas",
        "Martin",
        "BA Economics",
        "undergraduate",
        "narrowing",
        "broad",
        ("finance", "government"),
        (),
        needs_pay=False,
        work_modes=("onsite", "remote", "hybrid"),
        networking_goal="deep",
        application_ready=True,
        windows=(("Term", 12, 20),),
        history=(
            ("Market sizing task", "Bright Analytics", "micro-internship", "finance", 15, 300),
            ("Policy brief", "City Hall", "micro-internship", "government", 20, 150),
            ("Survey clean-up", "Civic Lab", "nano-internship", "government", 6, 60),
        ),
        recommendation=DemoRecommendation(
            "draft",
            (("flexternship", "Term", 1, "After three short tasks, a longer hybrid adds depth."),),
            "Talk to two organizations you already worked with about a longer project.",
            follow_up_days=14,
        ),
    ),
    DemoStudent(
        "sofia.garcia@demo.edu",
        "Sofia",
        "Garcia",
        "BSc Nursing",
        "undergraduate",
        "exploring",
        "broad",
        ("healthcare", "education", "nonprofit"),
        (),
        needs_pay=True,
        credit_ok=True,
        work_modes=("onsite", "hybrid"),
        windows=(("Clinical term", 15, 5), ("Winter break", 3, 30)),
        recommendation=DemoRecommendation(
            "shared",
            (("flashternship", "Clinical term", 2, "Fits around clinical placements."),),
            "Try one flashternship in a health nonprofit before the break.",
            follow_up_days=-3,
            notes="Very busy term; keep it light until the break.",
        ),
    ),
    DemoStudent(
        "noah.williams@demo.edu",
        "Noah",
        "Williams",
        "BEng Mechanical Engineering",
        "undergraduate",
        "decided",
        "targeted",
        ("engineering",),
        ("python",),
        needs_pay=True,
        credit_ok=True,
        work_modes=("onsite",),
        networking_goal="deep",
        application_ready=True,
        windows=(("Summer", 10, 40), ("Fall term", 14, 8)),
        recommendation=DemoRecommendation(
            "declined",
            (("internship", "Summer", 1, "An engineering internship for the whole summer."),),
            "Apply to the two plant internships we discussed.",
            follow_up_days=7,
            answer="I have a family commitment in July; can we look at shorter options?",
        ),
    ),
    DemoStudent("emma.brown@demo.edu", "Emma", "Brown", "BA History", "undergraduate"),
    DemoStudent(
        "liam.nguyen@demo.edu",
        "Liam",
        "Nguyen",
        "MDes Interaction Design",
        "masters",
        "narrowing",
        "targeted",
        ("design", "media"),
        ("writing",),
        needs_pay=False,
        work_modes=("remote", "hybrid"),
        networking_goal="broad",
        windows=(("Term", 14, 10),),
    ),
    DemoStudent(
        "olivia.johnson@demo.edu",
        "Olivia",
        "Johnson",
        "PhD Epidemiology",
        "doctoral",
        "decided",
        "targeted",
        ("healthcare",),
        ("data-analysis", "python"),
        needs_pay=True,
        credit_ok=False,
        work_modes=("remote", "hybrid"),
        application_ready=True,
        windows=(("Summer", 8, 20),),
    ),
    DemoStudent(
        "ethan.davis@demo.edu",
        "Ethan",
        "Davis",
        "BSc Business",
        "undergraduate",
        "exploring",
        "broad",
        ("marketing", "technology"),
        (),
        needs_pay=False,
        work_modes=("onsite", "remote", "hybrid"),
        windows=(("Term", 12, 12),),
        history=(("Marketing intern", "Acme Retail", "internship", "marketing", 400, 400),),
    ),
    DemoStudent(
        "zoe.wilson@demo.edu",
        "Zoe",
        "Wilson",
        "BA Education",
        "undergraduate",
        "narrowing",
        "broad",
        ("education", "nonprofit"),
        ("writing",),
        needs_pay=True,
        credit_ok=True,
        work_modes=("onsite",),
        windows=(("Summer", 10, 30),),
    ),
    DemoStudent(
        "amir.hassan@demo.edu",
        "Amir",
        "Hassan",
        "BA Public Policy",
        "undergraduate",
        "exploring",
        "broad",
        ("government", "healthcare"),
        (),
        needs_pay=True,
        credit_ok=True,
        work_modes=("remote",),
        windows=(("Term", 14, 4),),
    ),
    DemoStudent(
        "chloe.martinez@demo.edu",
        "Chloe",
        "Martinez",
        "Certificate in Digital Marketing",
        "other",
        "decided",
        "targeted",
        ("marketing",),
        ("writing",),
        needs_pay=True,
        credit_ok=False,
        work_modes=("remote", "hybrid", "onsite"),
        networking_goal="deep",
        application_ready=True,
        windows=(("Spring term", 14, 10), ("Summer", 10, 35)),
    ),
)

# The demo student (whose profile the dashboard's demo fills) gets a shared recommendation.
DEMO_STUDENT_RECOMMENDATION = DemoRecommendation(
    "shared",
    (
        ("micro-internship", None, 2, "Short paid tasks that fit a busy term."),
        ("internship", None, 1, "Depth when a freer stretch comes."),
    ),
    "Apply to one micro-internship this week.",
    follow_up_days=14,
    notes="We agreed to start small and keep the summer for something longer.",
)


def _user(email: str, first: str, last: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=STUDENT))
        mark_address_verified(user)
    return user


def _recommend(profile, advisor, demo: DemoRecommendation, formats, today) -> None:
    windows = {w.label: w for w in profile.windows.all()}
    items = [
        ItemData(format=formats[slug], count=count, window=windows.get(label), rationale=rationale)
        for slug, label, count, rationale in demo.lines
        if slug in formats
    ]
    if not items:
        return
    recommendation = Recommendation(
        profile=profile,
        advisor=advisor,
        next_step=demo.next_step,
        notes=demo.notes,
        follow_up_on=today + datetime.timedelta(days=demo.follow_up_days),
    )
    save_recommendation(recommendation, items=items, share=demo.state != "draft")
    if demo.state in ("accepted", "declined"):
        respond_to_recommendation(
            recommendation, accept=demo.state == "accepted", comment=demo.answer
        )


def _fill(profile, demo: DemoStudent, advisor, catalogue, today) -> None:
    formats, industries, _ = catalogue
    if not profile.windows.exists():
        AvailabilityWindow.objects.bulk_create(
            AvailabilityWindow(profile=profile, label=label, weeks=weeks, weekly_hours=hours)
            for label, weeks, hours in demo.windows
        )
    if not profile.experiences.exists():
        for title, organization, fmt, industry, hours, days_ago in demo.history:
            Experience.objects.create(
                profile=profile,
                title=title,
                organization_name=organization,
                format=formats.get(fmt),
                industry=industries.get(industry),
                hours=hours,
                started_on=today - datetime.timedelta(days=days_ago),
                ended_on=today - datetime.timedelta(days=max(days_ago - 14, 1)),
            )
    if demo.recommendation and not profile.recommendations.exists():
        _recommend(profile, advisor, demo.recommendation, formats, today)


@transaction.atomic
def create_demo_caseload() -> int:
    """Give the demo advisor their caseload; returns how many students are in it."""
    advisor = get_user_model().objects.get(email=DEMO_ADVISOR)
    today = timezone.localdate()
    catalogue = (
        {f.slug: f for f in Format.objects.active()},
        {i.slug: i for i in Industry.objects.all()},
        {s.slug: s for s in Skill.objects.all()},
    )
    _, industries, skills = catalogue

    demo_student = get_user_model().objects.get(email=DEMO_STUDENT)
    profile, _ = StudentProfile.objects.get_or_create(user=demo_student)
    if profile.advisor_id is None:
        profile.advisor = advisor
        profile.save(update_fields=["advisor", "updated_at"])
    if not profile.recommendations.exists():
        _recommend(profile, advisor, DEMO_STUDENT_RECOMMENDATION, catalogue[0], today)

    for demo in STUDENTS:
        user = _user(demo.email, demo.first_name, demo.last_name)
        profile, created = StudentProfile.objects.get_or_create(
            user=user,
            defaults={
                "advisor": advisor,
                "programme": demo.programme,
                "level": demo.level,
                "career_clarity": demo.career_clarity,
                "learning_goal": demo.learning_goal,
                "needs_pay": demo.needs_pay,
                "credit_ok": demo.credit_ok,
                "work_modes": list(demo.work_modes),
                "networking_goal": demo.networking_goal,
                "application_ready": demo.application_ready,
            },
        )
        if created:
            profile.target_industries.set(industries[s] for s in demo.industries if s in industries)
            profile.skills_to_build.set(skills[s] for s in demo.skills if s in skills)
        _fill(profile, demo, advisor, catalogue, today)
    return StudentProfile.objects.filter(advisor=advisor).count()
