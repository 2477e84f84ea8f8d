"""The advisor's pages: caseload, a student's page with the what-if panel, recommendations.

Who may see what (every view below):
- anonymous visitors are sent to the login page;
- students get 403 on every /advising/ page;
- an advisor sees the students whose advisor they are, and only those: another advisor's
  student, or a recommendation for one, answers 404 (it exists, but not for them);
- career-center admins see every student;
- a draft recommendation is edited or shared only by its author or a career-center admin
  (`advising.edit_draft`, see rules.py): another advisor with the student gets 403.
Changes happen only on POST.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from careercenter.roles import ADMIN, ADVISOR, has_role, role_required
from opportunities.models import Format

from .audit import log_access
from .inputs import StudentInputs, engine_profile, load_student, what_if, window_order_key
from .matching import advise
from .models import (
    Experience,
    Recommendation,
    RecommendationItem,
    RecommendationStatus,
    StudentProfile,
)
from .recommendation_forms import CaseloadFilterForm, RecommendationForm, WhatIfForm, item_formset
from .recommendations import ItemData, save_recommendation, share_recommendation

CASELOAD_PAGE_SIZE = 25
RECENT_EXPERIENCES = 20  # the student page shows the latest ones; the student keeps the full log


# Logged in (else the login page), and an advisor or career-center admin (else 403).
advisor_required = role_required(ADVISOR, ADMIN)


def with_latest_recommendation(students) -> list[StudentProfile]:
    """`students` (one page) with `last_status`, `last_follow_up` and `last_responded_at` from
    each one's latest recommendation, in one query for the whole page.

    Done per page rather than as annotations of the caseload, so a deep page of a large
    caseload does not compute them for every student before the OFFSET.
    """
    students = list(students)
    latest = Recommendation.objects.latest_by_profile(
        students, "status", "follow_up_on", "responded_at"
    )
    for student in students:
        row = latest.get(student.pk, {})
        student.last_status = row.get("status")
        student.last_follow_up = row.get("follow_up_on")
        student.last_responded_at = row.get("responded_at")
    return students


def _student(request, pk, *, what: str = "student page"):
    """The student `pk` of the user's caseload (404 otherwise); the view is access-logged."""
    profile = get_object_or_404(
        StudentProfile.objects.for_advisor(request.user).select_related("user", "advisor"), pk=pk
    )
    log_access(request, profile, what=what)
    return profile


def _stored_inputs(profile) -> tuple[list[Experience], StudentInputs]:
    """The profile's experiences and its engine inputs, its relations read once for both and
    kept on `profile` for the page (see `inputs.load_student`)."""
    loaded = load_student(profile)
    return loaded.experiences, engine_profile(profile, loaded=loaded)


@require_safe
@advisor_required
def caseload(request):
    today = timezone.localdate()
    form = CaseloadFilterForm(request.GET or None)
    students = StudentProfile.objects.caseload_of(request.user)
    if form.is_bound and form.is_valid():
        students = form.filter(students, today=today)
    page = Paginator(students, CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_latest_recommendation(page.object_list)
    return render(
        request,
        "advising/caseload.html",
        {
            "form": form,
            "page": page,
            "today": today,
            "sees_everyone": has_role(request.user, ADMIN),
        },
    )


def _student_context(profile, experiences, stored, *, overrides=None, whatif=None):
    """Everything the student page shows, in a constant number of queries.

    `experiences` and `stored` come from `_stored_inputs(profile)`.
    """
    inputs = what_if(stored, overrides) if overrides else stored
    advice = advise(inputs)
    if whatif is None:
        whatif = WhatIfForm(windows=stored.profile.windows, student=stored.profile)
    recommendations = profile.recommendations.with_lines()
    return {
        "profile": profile,
        "windows": sorted(profile.windows.all(), key=window_order_key),
        "experiences": experiences[:RECENT_EXPERIENCES],
        "target_industries": stored.profile.target_industries,
        "skills_to_build": stored.profile.skills_to_build,
        "advice": advice,
        "whatif": whatif,
        "is_whatif": overrides is not None,
        "recommendations": recommendations,
    }


@require_safe
@advisor_required
def student_detail(request, pk):
    profile = _student(request, pk)
    context = _student_context(profile, *_stored_inputs(profile))
    return render(request, "advising/student_detail.html", context)


@require_safe
@vary_on_headers("HX-Request")
@advisor_required
def whatif(request, pk):
    """The student page with other hours, weeks, clarity or goal; saves nothing.

    htmx requests get only the suggestion panel (and, when a value is wrong, the form with its
    errors, swapped out of band); a plain GET gets the whole page.
    """
    profile = _student(request, pk, what="what-if")
    experiences, stored = _stored_inputs(profile)
    form = WhatIfForm(request.GET or None, windows=stored.profile.windows, student=stored.profile)
    overrides = form.overrides() if form.is_valid() else None
    context = _student_context(profile, experiences, stored, overrides=overrides, whatif=form)
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "advising/_whatif_response.html", context)
    return render(request, "advising/student_detail.html", context)


# --- recommendations ----------------------------------------------------------------------------


def _formset_kwargs(profile, advice):
    windows = {w.pk: w for w in profile.windows.all()}  # read by _stored_inputs
    formats = {f.pk: f for f in Format.objects.active()}
    matched = {}
    for window in advice.windows:
        for m in window.suggestions:
            for listing in m.listings:
                matched.setdefault(listing.format_id, {})[listing.pk] = listing
    return {
        "windows": windows,
        "formats": formats,
        "matched": {fid: list(found.values()) for fid, found in matched.items()},
    }


def _prefill(advice, formats):
    """One line per suggested format per window, from the engine's suggestion."""
    by_slug = {f.slug: f for f in formats.values()}
    lines = []
    for window in advice.windows:
        for m in window.suggestions:
            fmt = by_slug.get(m.suggestion.format)
            if fmt is None:
                continue
            reasons = [r.text for r in m.suggestion.reasons if r.weight > 0][:2]
            lines.append(
                {
                    "window": window.window_id,
                    "format": fmt.pk,
                    "count": min(m.suggestion.count, 10),
                    "rationale": " ".join(reasons),
                }
            )
    return lines


def _items(formset):
    return [
        ItemData(
            format=form.cleaned_data["format"],
            count=form.cleaned_data["count"],
            window=form.cleaned_data.get("window"),
            rationale=form.cleaned_data.get("rationale", ""),
            listings=form.cleaned_data.get("listings", []),
        )
        for form in formset.kept_forms()
    ]


def _save(request, recommendation, form, formset):
    """Save from valid forms; returns the redirect, or None when the model refused a value."""
    share = "share" in request.POST
    try:
        save_recommendation(recommendation, items=_items(formset), share=share)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    if share:
        messages.success(request, "Recommendation shared with the student.")
    else:
        messages.success(request, "Draft saved. The student cannot see it until you share it.")
    return redirect("advising:student", pk=recommendation.profile_id)


@advisor_required
def recommendation_add(request, pk):
    profile = _student(request, pk)
    advice = advise(_stored_inputs(profile)[1])
    kwargs = _formset_kwargs(profile, advice)
    prefill = _prefill(advice, kwargs["formats"])
    recommendation = Recommendation(profile=profile, advisor=request.user)
    return _recommendation_page(
        request,
        recommendation,
        advice,
        extra=len(prefill) + 1,
        initial=prefill,
        queryset=RecommendationItem.objects.none(),
        form_kwargs=kwargs,
    )


def _recommendation_page(request, recommendation, advice, *, extra, editing=False, **formset):
    """The recommendation form for `recommendation` (a new one, or a draft when `editing`),
    with its lines (`formset`: the item formset's arguments); a valid POST saves it."""
    profile = recommendation.profile
    form = RecommendationForm(request.POST or None, instance=recommendation)
    formset = item_formset(extra=extra)(
        request.POST or None, instance=recommendation, prefix="items", **formset
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        done = _save(request, recommendation, form, formset)
        if done:
            return done
    context = {"profile": profile, "form": form, "formset": formset, "advice": advice}
    if editing:
        context["recommendation"] = recommendation
    return render(request, "advising/recommendation_form.html", context)


def _recommendation(request, pk):
    return get_object_or_404(Recommendation.objects.for_advisor(request.user), pk=pk)


def _check_may_edit(request, recommendation) -> None:
    if not request.user.has_perm("advising.edit_draft", recommendation):
        raise PermissionDenied


@advisor_required
def recommendation_edit(request, pk):
    recommendation = _recommendation(request, pk)
    profile = recommendation.profile
    if recommendation.status != RecommendationStatus.DRAFT:
        messages.error(request, "A shared recommendation cannot be changed; record a new one.")
        return redirect("advising:student", pk=profile.pk)
    _check_may_edit(request, recommendation)
    advice = advise(_stored_inputs(profile)[1])
    return _recommendation_page(
        request,
        recommendation,
        advice,
        extra=1,
        editing=True,
        queryset=recommendation.items.for_display(),
        form_kwargs=_formset_kwargs(profile, advice),
    )


@require_POST
@advisor_required
def recommendation_share(request, pk):
    recommendation = _recommendation(request, pk)
    _check_may_edit(request, recommendation)
    if share_recommendation(recommendation):
        messages.success(request, "Recommendation shared with the student.")
    else:
        messages.info(request, "That recommendation was already shared.")
    return redirect("advising:student", pk=recommendation.profile_id)
