"""A student's own view of the recommendations their advisor shared, and their answer to each.

Who may see what: only the student the recommendation is for, and only once it is shared. A
draft, or someone else's recommendation, answers 404; anonymous visitors go to the login page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from .models import Recommendation
from .recommendation_forms import ResponseForm
from .recommendations import respond_to_recommendation


def _own_recommendation(request, pk):
    return get_object_or_404(
        Recommendation.objects.shared_with(request.user).with_lines("organization"), pk=pk
    )


def _initial(recommendation):
    decision = {"accepted": "accept", "declined": "decline"}.get(recommendation.status)
    return {"decision": decision, "comment": recommendation.response_comment}


@require_safe
@login_required
def my_recommendation(request, pk):
    recommendation = _own_recommendation(request, pk)
    form = ResponseForm(initial=_initial(recommendation))
    return render(
        request,
        "advising/recommendation_detail.html",
        {"recommendation": recommendation, "form": form},
    )


@require_POST
@login_required
def recommendation_respond(request, pk):
    recommendation = _own_recommendation(request, pk)
    form = ResponseForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            respond_to_recommendation(
                recommendation, accept=accept, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if accept:
                messages.success(request, "Thank you: your advisor will see that you accepted.")
            else:
                messages.success(request, "Thank you: your advisor will see your answer.")
            return redirect("advising:my_recommendation", pk=recommendation.pk)
    return render(
        request,
        "advising/recommendation_detail.html",
        {"recommendation": recommendation, "form": form},
    )
