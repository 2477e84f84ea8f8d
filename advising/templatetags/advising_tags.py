"""Template tags for the advising pages and the student dashboard.

{% load advising_tags %}
{% suggested_mix profile %}        the engine's suggestion for the student, with listings
{% recommendations_for profile %}  the recommendations shared with the student
"""

from django import template

from opportunities.models import Family

from .. import services
from ..models import RecommendationStatus

register = template.Library()

CRITERION_LABELS = {
    "duration": "Duration",
    "commitment": "Commitment",
    "exposure": "Exposure",
    "learning": "Learning outcome",
    "application": "Application",
    "compensation": "Pay",
    "networking": "Networking",
    "suitability": "Suitability",
    "history": "Your experience so far",
    "industries": "Industries",
}


@register.inclusion_tag("advising/_suggested_mix_panel.html", takes_context=True)
def suggested_mix(context, profile):
    """The suggested mix for `profile` (a StudentProfile, or None before it exists).

    Uses the page's `advice` when the view computed it already (the dashboard does, from the
    rows it loaded), so the suggestion is never worked out twice.
    """
    if profile is None:
        return {"profile": None}
    advice = context.get("advice") or services.advise_student(profile)
    return {"profile": profile, "advice": advice, "audience": "student"}


@register.inclusion_tag("advising/_recommendations_list.html", takes_context=True)
def recommendations_for(context, profile):
    """The recommendations shared with `profile`'s student, newest first (drafts never);
    the page's `recommendations` when the view loaded them already."""
    if profile is None:
        return {"recommendations": []}
    recommendations = context.get("recommendations")
    if recommendations is None:
        recommendations = services.shared_recommendations(profile)
    return {"recommendations": recommendations}


@register.filter
def criterion_label(criterion: str) -> str:
    return CRITERION_LABELS.get(criterion, criterion.replace("_", " ").capitalize())


@register.filter
def family_label(family: str) -> str:
    return Family(family).label if family in Family.values else family


@register.filter
def hours(value) -> str:
    """6 h, 7.5 h: hours as people write them."""
    number = float(value)
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return f"{text} h"


@register.filter
def recommendation_status(status: str) -> str:
    return RecommendationStatus(status).label if status in RecommendationStatus.values else status
