"""The advising models' QuerySets: every read the views, forms and services make, named in
the domain's words (`StudentProfile.objects.caseload_of(user)`,
`Recommendation.objects.newest_first()`), attached in models.py with `as_manager()`."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery

# A student's recommendations, latest first: the one order that says which is their latest.
NEWEST_FIRST = ("-created_at", "-id")


class StudentProfileQuerySet(models.QuerySet):
    def for_advisor(self, user):
        """The caseload: an advisor's own students; career-center admins see everyone."""
        from careercenter.roles import is_career_admin

        if is_career_admin(user):
            return self
        return self.filter(advisor=user)

    def listable(self):
        """The students whose name may reach people other than themselves, their advisor and
        career-center staff: those without a directory-information hold (FERPA).

        Every list, report, e-mail or notification that can show a student's name to anyone
        else takes its students from here (tests/security/test_directory_hold.py checks it).
        """
        return self.filter(directory_hold=False)

    def caseload_of(self, user):
        """The students `user` may see, by name.

        A total order on the user's name and the profile id: pages are stable, and
        keyset-friendly should a caseload grow past what OFFSET serves well.
        """
        return (
            self.for_advisor(user)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "user__email", "pk")
        )

    def named(self, text: str):
        """The students whose first name, last name or e-mail holds every word of `text`."""
        students = self
        for term in text.split():
            students = students.filter(
                Q(user__first_name__icontains=term)
                | Q(user__last_name__icontains=term)
                | Q(user__email__icontains=term)
            )
        return students

    def with_clarity(self, clarity: str):
        """The students at career clarity `clarity`; "unknown": those who have not said."""
        return self.filter(career_clarity="" if clarity == "unknown" else clarity)

    def without_recommendation(self):
        """The students no recommendation was recorded for, draft or shared."""
        from .models import Recommendation

        return self.filter(~Exists(Recommendation.objects.filter(profile=OuterRef("pk"))))

    def follow_up_due(self, today):
        """The students whose latest recommendation's follow-up date is `today` or past
        (annotated `last_follow_up`)."""
        from .models import Recommendation

        latest = Recommendation.objects.filter(profile=OuterRef("pk")).newest_first()
        return self.annotate(last_follow_up=Subquery(latest.values("follow_up_on")[:1])).filter(
            last_follow_up__lte=today
        )


class RecommendationQuerySet(models.QuerySet):
    def visible_to_student(self):
        from .models import RecommendationStatus

        return self.exclude(status=RecommendationStatus.DRAFT)

    def newest_first(self, *then):
        """Latest first (then by `then`): the first of a student's is their latest."""
        return self.order_by(*NEWEST_FIRST, *then)

    def latest_by_profile(self, profiles, *fields: str) -> dict[int, dict]:
        """`fields` of each of `profiles`' latest recommendation, by profile id, in one query
        (a profile without one is absent)."""
        latest: dict[int, dict] = {}
        for row in self.filter(profile__in=profiles).newest_first().values("profile_id", *fields):
            latest.setdefault(row["profile_id"], row)
        return latest

    def for_advisor(self, user):
        """The recommendations for the students of `user`'s caseload, with their student."""
        from .models import StudentProfile

        return self.filter(profile__in=StudentProfile.objects.for_advisor(user)).select_related(
            "profile__user"
        )

    def follow_ups_since(self, since):
        """Those whose follow-up date is `since` or later."""
        return self.filter(follow_up_on__gte=since)

    def shared_with(self, user):
        """The recommendations shared with the student `user`."""
        return self.visible_to_student().filter(profile__user=user)

    def with_lines(self, *listing_related: str):
        """With their advisor and their lines (`RecommendationItemQuerySet.for_display`), the
        lines' listings with `listing_related`."""
        from .models import RecommendationItem

        items = RecommendationItem.objects.for_display(*listing_related)
        return self.select_related("advisor").prefetch_related(Prefetch("items", queryset=items))


class RecommendationItemQuerySet(models.QuerySet):
    def for_display(self, *listing_related: str):
        """With their format and their listings (and the listings' `listing_related`)."""
        listings = "__".join(("opportunities", *listing_related))
        return self.select_related("format").prefetch_related(listings)


class ExperienceQuerySet(models.QuerySet):
    def of_student(self, user):
        """The experiences of `user`'s log."""
        return self.filter(profile__user=user)

    def for_log(self):
        """With what the log shows of each: format, industry, listing and skills."""
        return self.select_related("format", "industry", "opportunity").prefetch_related("skills")


class CalendarFeedQuerySet(models.QuerySet):
    def for_token(self, token: str):
        """The feed behind `token`, if its owner's account is active, with its owner."""
        return self.filter(token=token, user__is_active=True).select_related("user")
