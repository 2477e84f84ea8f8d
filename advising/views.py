"""The student's own pages under /me/.

Who may see them: only a logged-in user whose role is Student (`student_required`); anonymous
users are sent to the login page, advisors and admins get a 403 page that points them to their
own pages. A student reaches only their own rows: everything is looked up through
`profile__user=request.user`, so another student's experience answers 404.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from careercenter.roles import STUDENT, role_required
from opportunities.models import Opportunity, SavedOpportunity, Status

from .export import delete_student_account, export_data
from .forms import MAX_TOTAL_HOURS, DeleteAccountForm, ExperienceForm, ProfileForm, WindowFormSet
from .inputs import load_student
from .matching import advise_student
from .models import Experience, StudentProfile
from .recommendations import shared_recommendations
from .summary import (
    exposure_chart,
    logged_from,
    profile_completeness,
    summarize,
)

EXPERIENCES_PER_PAGE = 20
SAVED_ON_DASHBOARD = 5
RECENT_EXPERIENCES_ON_DASHBOARD = 3


student_required = role_required(STUDENT, template="advising/students_only.html")


def _own_profile(user) -> StudentProfile:
    """The student's profile; sign-up creates it, but older accounts get theirs on first use."""
    profile, _ = StudentProfile.objects.get_or_create(user=user)
    return profile


@require_safe
@student_required
def dashboard(request):
    """Eight queries besides the session and the user's role, whatever the student's data.

    The profile, its windows, its experiences, the ids of its industries and skills (one
    query, see `inputs.load_student`), the saved listings, the suggestion's ranking and its
    listings, and the shared recommendations with their lines.
    """
    today = timezone.localdate()
    profile = _own_profile(request.user)
    loaded = load_student(profile)
    experiences = loaded.experiences
    summary = summarize(logged_from(experiences, loaded.experience_skills), today=today)
    saved = (
        SavedOpportunity.objects.for_user(request.user)
        .select_related("opportunity__organization", "opportunity__format")
        .order_by("-created_at", "-id")[:SAVED_ON_DASHBOARD]
    )
    advice = advise_student(profile, today=today, loaded=loaded)
    return render(
        request,
        "advising/dashboard.html",
        {
            "profile": profile,
            "completeness": profile_completeness(profile),
            "summary": summary,
            "chart": exposure_chart(summary),
            "saved": saved,
            "recent_experiences": experiences[:RECENT_EXPERIENCES_ON_DASHBOARD],
            "advice": advice,
            "recommendations": shared_recommendations(profile),
        },
    )


def _with_one_more_row(data, prefix: str):
    """The submitted data with one more (blank) window row, for the no-JS "add another"."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, ""))
    except ValueError:
        return data
    data[key] = str(min(total + 1, WindowFormSet.max_num))
    return data


@require_http_methods(["GET", "POST"])
@student_required
def profile_edit(request):
    profile = _own_profile(request.user)
    prefetch_related_objects([profile], "windows", "target_industries", "skills", "skills_to_build")
    is_new = profile_completeness(profile).done == 0
    adding_row = request.method == "POST" and "add_window" in request.POST
    data = request.POST or None
    if adding_row:
        data = _with_one_more_row(request.POST, WindowFormSet.get_default_prefix())
    form = ProfileForm(data, instance=profile)
    formset = WindowFormSet(data, instance=profile)
    if request.method == "POST" and not adding_row:
        # A list, not `and`: both are validated so every error shows at once.
        if all([form.is_valid(), formset.is_valid()]):
            with transaction.atomic():
                form.save()
                formset.save()
            messages.success(request, "Your profile is saved.")
            return redirect("advising:dashboard")
        messages.error(request, "Nothing was saved: please correct the fields marked below.")
    return render(
        request,
        "advising/profile_form.html",
        {"form": form, "formset": formset, "is_new": is_new},
    )


@require_safe
@student_required
def experience_list(request):
    profile = _own_profile(request.user)
    experiences = profile.experiences.for_log()
    page = Paginator(experiences, EXPERIENCES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "advising/experience_list.html", {"page": page, "today": timezone.localdate()}
    )


def _listing_to_log(request) -> Opportunity | None:
    """The listing named by ?from=, if the student may start an experience from it.

    Allowed: any published listing (its page is public, so pre-filling reveals nothing) and any
    listing the student saved, whatever its status now (they may have done it since it
    closed). Drafts they never saved are treated like ids that do not exist.
    """
    raw = request.GET.get("from")
    if raw is None:
        return None
    listing = None
    if raw.isdigit() and len(raw) <= 18:
        saved_ids = SavedOpportunity.objects.for_user(request.user).values("opportunity_id")
        listing = (
            Opportunity.objects.filter(Q(status=Status.PUBLISHED) | Q(pk__in=saved_ids), pk=raw)
            .select_related("organization")
            .prefetch_related("skills")
            .first()
        )
    if listing is None and request.method == "GET":
        messages.warning(
            request, "That listing could not be found, so nothing was filled in for you."
        )
    return listing


def _estimated_hours(listing: Opportunity) -> int | None:
    if listing.total_hours:
        return min(listing.total_hours, MAX_TOTAL_HOURS)
    if listing.duration_weeks and listing.weekly_hours_min is not None:
        weekly = (listing.weekly_hours_min + listing.weekly_hours_max) / 2
        return min(max(round(float(listing.duration_weeks) * weekly), 1), MAX_TOTAL_HOURS)
    return None


def _initial_from(listing: Opportunity) -> dict:
    return {
        "title": listing.title,
        "organization_name": listing.organization.name,
        "format": listing.format_id,
        "industry": listing.industry_id,
        "skills": [skill.pk for skill in listing.skills.all()],
        "hours": _estimated_hours(listing),
        "started_on": listing.start_date,
    }


@require_http_methods(["GET", "POST"])
@student_required
def experience_add(request):
    profile = _own_profile(request.user)
    listing = _listing_to_log(request)
    form = ExperienceForm(request.POST or None, initial=_initial_from(listing) if listing else None)
    if form.is_valid():
        experience = form.save(commit=False)
        experience.profile = profile
        experience.opportunity = listing
        with transaction.atomic():
            experience.save()
            form.save_m2m()
        messages.success(request, f"“{experience.title}” is in your exposure log.")
        return redirect("advising:experiences")
    return render(request, "advising/experience_form.html", {"form": form, "listing": listing})


@require_http_methods(["GET", "POST"])
@student_required
def experience_edit(request, pk):
    experience = get_object_or_404(
        Experience.objects.of_student(request.user).select_related("opportunity"), pk=pk
    )
    form = ExperienceForm(request.POST or None, instance=experience)
    if form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, f"“{experience.title}” is updated.")
        return redirect("advising:experiences")
    return render(
        request,
        "advising/experience_form.html",
        {"form": form, "experience": experience, "listing": experience.opportunity},
    )


@require_http_methods(["GET", "POST"])
@student_required
def experience_delete(request, pk):
    experience = get_object_or_404(Experience.objects.of_student(request.user), pk=pk)
    if request.method == "POST":
        experience.delete()
        messages.success(request, f"“{experience.title}” was removed from your log.")
        return redirect("advising:experiences")
    return render(request, "advising/experience_confirm_delete.html", {"experience": experience})


@never_cache
@require_safe
@student_required
def export(request):
    """Download everything the site holds about the student (a read, so GET)."""
    now = timezone.now()
    response = JsonResponse(export_data(request.user, now=now), json_dumps_params={"indent": 2})
    filename = f"careercenter-my-data-{timezone.localdate(now):%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@student_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, request=request)
    if form.is_valid():
        if delete_student_account(user=request.user):
            logout(request)
            messages.success(
                request, "Your account and everything careercenter held about you are deleted."
            )
            return redirect("home")
        messages.warning(
            request,
            "Your record is under a hold set by career-center staff, so it cannot be deleted "
            "now. Your request is recorded and staff will delete it when the hold ends.",
        )
        return redirect("advising:dashboard")
    return render(request, "advising/account_confirm_delete.html", {"form": form})
