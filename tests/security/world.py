"""A small world with one row of every kind, owned by a student S, and the people around S.

The route checks build URL arguments from it; the audit tests use its records. It creates rows
with the ORM directly so it depends on nothing but the models.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.utils import timezone

from advising.models import (
    AvailabilityWindow,
    CalendarFeed,
    Experience,
    Recommendation,
    RecommendationItem,
    RecommendationStatus,
    StudentProfile,
)
from careercenter import roles
from notifications.models import Delivery, Email, Kind, Notification, Preference
from opportunities.models import (
    Format,
    ImportRun,
    ImportStatus,
    Industry,
    Opportunity,
    Organization,
    SavedOpportunity,
    SavedSearch,
    SearchAlertRun,
    Skill,
    Status,
)
from opportunities.tasks import close_expired_listings_task
from tests.factories import (
    AdvisorFactory,
    CareerAdminFactory,
    StudentFactory,
    UserFactory,
)


@dataclass
class World:
    student: object  # S
    other_student: object  # T
    advisor: object  # assigned to S
    other_advisor: object  # not assigned to S
    career_admin: object
    superuser: object
    deactivated: object
    profile: StudentProfile
    other_profile: StudentProfile
    window: AvailabilityWindow
    experience: Experience
    recommendation: Recommendation
    item: RecommendationItem
    draft: Recommendation  # written by other_advisor while S was theirs; S has moved since
    format: Format
    industry: Industry
    skill: Skill
    organization: Organization
    opportunity: Opportunity
    quiet_opportunity: Opportunity  # states no hours, length, pay, work mode or deadline
    saved: SavedOpportunity
    search: SavedSearch
    notification: Notification
    calendar: CalendarFeed
    group: Group


def build_world() -> World:
    student = StudentFactory(email="s@uni.example.edu")
    other_student = StudentFactory(email="t@uni.example.edu")
    advisor = AdvisorFactory(email="advisor-of-s@uni.example.edu")
    other_advisor = AdvisorFactory(email="other-advisor@uni.example.edu")
    career_admin = CareerAdminFactory(email="staff@uni.example.edu")
    superuser = UserFactory(email="root@uni.example.edu", is_staff=True, is_superuser=True)
    deactivated = StudentFactory(email="gone@uni.example.edu", is_active=False)

    industry = Industry.objects.create(name="Public health", slug="public-health")
    # The catalogue's seeded rows (data migrations).
    skill = Skill.objects.get(slug="data-analysis")
    fmt = Format.objects.get(slug="micro-internship")
    organization = Organization.objects.create(
        name="City Health Lab", slug="city-health-lab", industry=industry, is_verified=True
    )
    opportunity = Opportunity.objects.create(
        title="Survey data clean-up",
        organization=organization,
        format=fmt,
        industry=industry,
        summary="Clean and document a survey data set.",
        description="Two weeks of focused work with the lab's analyst.",
        work_mode="remote",
        weekly_hours_min=5,
        weekly_hours_max=10,
        total_hours=20,
        deadline=timezone.localdate() + timedelta(days=30),
        compensation_type="fixed_fee",
        compensation_amount=Decimal("400"),
        apply_url="https://lab.example.org/apply",
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )
    opportunity.skills.add(skill)
    # As a feed gives it: every fact that may be left out is.
    quiet_opportunity = Opportunity.objects.create(
        title="Quantitative research intern",
        organization=organization,
        format=fmt,
        locations=["New York, NY", "Remote in USA"],
        terms=["Summer 2099"],
        apply_url="https://lab.example.org/careers/" + "q" * 1500,
        external_source="simplify",
        external_id="quiet-1",
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )
    saved = SavedOpportunity.objects.create(user=student, opportunity=opportunity)

    profile = StudentProfile.objects.create(
        user=student, advisor=advisor, programme="BSc Economics", career_clarity="exploring"
    )
    profile.target_industries.add(industry)
    other_profile = StudentProfile.objects.create(user=other_student, programme="BA History")
    # 10 h/week in term is 7 h/week of plan: room for the listing's micro-internship.
    window = AvailabilityWindow.objects.create(
        profile=profile, label="Spring term", weeks=Decimal("14"), weekly_hours=10
    )
    experience = Experience.objects.create(
        profile=profile,
        title="Library data assistant",
        organization_name="University Library",
        hours=40,
        started_on=date(2025, 1, 10),
        format=fmt,
    )
    recommendation = Recommendation.objects.create(
        profile=profile,
        advisor=advisor,
        status=RecommendationStatus.SHARED,
        next_step="Apply to one micro-internship before the end of March.",
        shared_at=timezone.now(),
    )
    item = RecommendationItem.objects.create(
        recommendation=recommendation, window=window, window_label=window.label, format=fmt
    )
    item.opportunities.add(opportunity)
    # S was other_advisor's student when other_advisor wrote this draft; an admin then moved S
    # to advisor, who now has S (and the draft) on their caseload without having written it.
    profile.advisor = other_advisor
    profile.save()
    draft = Recommendation.objects.create(
        profile=profile,
        advisor=other_advisor,
        next_step="Draft: ask the lab about a second project.",
    )
    RecommendationItem.objects.create(
        recommendation=draft, window=window, window_label=window.label, format=fmt
    )
    profile.advisor = advisor
    profile.save()

    # Rows for the admin's other models, so that their object pages can be requested too.
    attempt = {"username": student.email, "ip_address": "203.0.113.66", "user_agent": "probe"}
    AccessAttempt.objects.create(**attempt, failures_since_start=1, get_data="", post_data="")
    AccessFailureLog.objects.create(**attempt)
    AccessLog.objects.create(**attempt)
    close_expired_listings_task.enqueue()  # a background task's row
    ImportRun.objects.create(  # an import checked and waiting for an admin's confirmation
        source="simplify", filename="listings.json", status=ImportStatus.CHECKED, rows=1
    )

    # S's follow-through: a saved search with an alert, a notification, a calendar link.
    search = SavedSearch.objects.create(
        user=student,
        name="Paid remote work",
        query="work_mode=remote&paid=1",
        cadence="daily",
        alerts_from=timezone.now(),
    )
    notification = Notification.objects.create(
        user=student,
        kind=Kind.RECOMMENDATION_SHARED,
        title="Your advisor shared a recommendation with you",
        url=f"/me/recommendations/{recommendation.pk}/",
    )
    calendar = CalendarFeed.objects.create(user=student)
    Preference.objects.create(user=student, kind=Kind.LISTING_CLOSED, delivery=Delivery.OFF)
    Email.objects.create(
        notification=notification, to=student.email, subject=notification.title, text="", html=""
    )
    SearchAlertRun.objects.create(
        cadence="daily",
        period="2026-01-05",
        since=timezone.now() - timedelta(days=1),
        cutoff=timezone.now(),
    )

    return World(
        student=student,
        other_student=other_student,
        advisor=advisor,
        other_advisor=other_advisor,
        career_admin=career_admin,
        superuser=superuser,
        deactivated=deactivated,
        profile=profile,
        other_profile=other_profile,
        window=window,
        experience=experience,
        recommendation=recommendation,
        item=item,
        draft=draft,
        format=fmt,
        industry=industry,
        skill=skill,
        organization=organization,
        opportunity=opportunity,
        quiet_opportunity=quiet_opportunity,
        saved=saved,
        search=search,
        notification=notification,
        calendar=calendar,
        group=Group.objects.get(name=roles.STUDENT),
    )
