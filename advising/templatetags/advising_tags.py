"""Template tags for the advising pages and the student dashboard.

{% load advising_tags %}
{% suggested_mix profile %}        the engine's suggestion for the student, with listings
{% recommendations_for profile %}  the recommendations shared with the student
"""

from django import template
from django.db.models import Prefetch

from opportunities.models import Family

from .. import services
from ..models import Recommendation, RecommendationItem, RecommendationStatus

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


@register.inclusion_tag("advising/_suggested_mix_panel.html")
def suggested_mix(profile):
    """The suggested mix for `profile` (a StudentProfile, or None before it exists)."""
    if profile is None:
        return {"profile": None}
    return {"profile": profile, "advice": services.advise_student(profile), "audience": "student"}


@register.inclusion_tag("advising/_recommendations_list.html")
def recommendations_for(profile):
    """The recommendations shared with `profile`'s student, newest first (drafts never)."""
    if profile is None:
        return {"recommendations": []}
    items = RecommendationItem.objects.select_related("format")
    recommendations = (
        Recommendation.objects.visible_to_student()
        .filter(profile=profile)
        .select_related("advisor")
        .prefetch_related(Prefetch("items", queryset=items))
    )
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
