"""Template tags for the advising pages and the student dashboard.

{% load advising_tags %}
{% suggested_mix profile %}        the engine's suggestion for the student, with listings
{% recommendations_for profile %}  the recommendations shared with the student
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join

from opportunities import fragments
from opportunities.models import Family

from ..engine import plain
from ..matching import advise_student
from ..models import AdvisingPolicy, RecommendationStatus
from ..recommendations import shared_recommendations

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
    "made_for": "What it is made for",
}


# A reason's sign: (CSS modifier, what a screen reader hears first).
REASON_STANCES = {1: ("for", "In favour."), -1: ("against", "Against."), 0: ("neutral", "Neutral.")}


@register.inclusion_tag("advising/_suggested_mix_panel.html", takes_context=True)
def suggested_mix(context, profile):
    """The suggested mix for `profile` (a StudentProfile, or None before it exists).

    Uses the page's `advice` when the view computed it already (the dashboard does, from the
    rows it loaded), so the suggestion is never worked out twice.
    """
    if profile is None:
        return {"profile": None}
    advice = context.get("advice") or advise_student(profile)
    return {"profile": profile, "advice": advice, "audience": "student"}


@register.simple_tag
def policy_line(policy) -> str:
    """The advising policy in one sentence, where a plan's size needs explaining."""
    term, breaks = round(policy.term_load_share * 100), round(policy.break_load_share * 100)
    return (
        f"Plans keep term time to {term}% of the hours stated and breaks to {breaks}%, with at "
        f"most {policy.term_max_engagements} engagements in a term window and "
        f"{policy.break_max_engagements} in a break; weeks reaching "
        f"{plain(policy.weekly_load_warning, 1)} h/week are flagged (the career center's advising "
        "policy)."
    )


LOAD_CHART_LABEL = 110  # the week labels sit left of this
LOAD_CHART_SPACE = 220  # hours a week up to the chart's top value
LOAD_CHART_BAR = 14
LOAD_CHART_ROW = 22


@register.inclusion_tag("advising/_year_view.html")
def year_view(advice, audience: str = "student"):
    """The year view: sequencing notes, load warnings and the week-by-week load, as a table
    and the same figures as bars (an addition for sighted readers; the table is the content).
    Weeks with no window and no load are left out."""
    spans = [span for span in advice.load if span.stated or span.total]
    policy = advice.policy or AdvisingPolicy()  # the policy's defaults when none is given
    line = policy.weekly_load_warning
    top = max([line * 1.1, *(span.total for span in spans)], default=line)
    scale = LOAD_CHART_SPACE / top
    bars = []
    for index, span in enumerate(spans):
        y = 4 + index * LOAD_CHART_ROW
        committed = round(span.committed * scale, 1)
        bars.append(
            {
                "label": f"{span.starts_on.day} {span.starts_on:%b}",
                "y": y,
                "text_y": y + LOAD_CHART_BAR - 3,
                "committed": committed,
                "planned_x": round(LOAD_CHART_LABEL + committed, 1),
                "planned": round(span.planned * scale, 1),
            }
        )
    chart = {
        "bars": bars,
        "width": LOAD_CHART_LABEL + LOAD_CHART_SPACE + 10,
        "height": 8 + len(bars) * LOAD_CHART_ROW,
        "bar_x": LOAD_CHART_LABEL,
        "bar_height": LOAD_CHART_BAR,
        "line_x": round(LOAD_CHART_LABEL + line * scale, 1),
    }
    return {
        "advice": advice,
        "audience": audience,
        "spans": spans,
        "chart": chart,
        "line": plain(line, 1),
    }


@register.inclusion_tag("advising/_recommendations_list.html", takes_context=True)
def recommendations_for(context, profile):
    """The recommendations shared with `profile`'s student, newest first (drafts never);
    the page's `recommendations` when the view loaded them already."""
    if profile is None:
        return {"recommendations": []}
    recommendations = context.get("recommendations")
    if recommendations is None:
        recommendations = shared_recommendations(profile)
    return {"recommendations": recommendations}


# One reason's `<li>`: its stance's CSS modifier and words for screen readers, its criterion
# and its text.
REASON_ITEM = (
    '<li class="reason reason-{}"><span class="visually-hidden">{}</span> '
    "<strong>{}:</strong> {}</li>"
)


@register.simple_tag
def reason_items(reasons) -> str:
    """The `<li>`s of a suggestion's reasons: its criterion, its text, and whether it counts
    for or against (a colour and words for screen readers).

    Written in Python rather than a template loop: a suggestion page lists up to ninety
    reasons, and the template loop was a fifth of the advisor's student page's CPU.
    `format_html_join` escapes the criterion and the text (0.5 ms for ninety reasons, against
    0.26 ms with `html.escape` and `mark_safe`: issue 16 chose the documented one).
    """
    return format_html_join(
        "\n",
        REASON_ITEM,
        (
            (*REASON_STANCES[(r.weight > 0) - (r.weight < 0)], criterion_label(r.criterion), r.text)
            for r in reasons
        ),
    )


LISTING_LINE = "advising/_listing_match.html"


@register.simple_tag
def listing_lines(matched) -> str:
    """The `<li>` lines of a suggestion's matching listings (a `MatchedSuggestion`), best first.

    A line reads the same for every student, so it is kept rendered (`opportunities.fragments`)
    under the listing's id and `updated_at`, which the match returns: a page whose lines are
    all kept reads no listing row. The others are read for the whole page in one query.
    """
    keys = {pk: f"listing-match:{pk}:{version.isoformat()}" for pk, version in matched.versions}

    def render(missing):
        wanted = set(missing)
        for listing in matched.listings:
            if listing.pk in wanted:
                yield listing.pk, render_to_string(LISTING_LINE, {"listing": listing})

    # Each line is a SafeString from a template with autoescaping on; anything else is escaped.
    return format_html_join("", "{}", ((line,) for line in fragments.kept(keys, render).values()))


@register.filter
def criterion_label(criterion: str) -> str:
    return CRITERION_LABELS.get(criterion, criterion.replace("_", " ").capitalize())


@register.filter
def family_label(family: str) -> str:
    return Family(family).label if family in Family.values else family


@register.filter
def hours(value) -> str:
    """6 h, 7.5 h: hours as people write them."""
    return f"{plain(value, 1)} h"


@register.filter
def recommendation_status(status: str) -> str:
    return RecommendationStatus(status).label if status in RecommendationStatus.values else status
