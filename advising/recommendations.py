"""The recommendation workflow's writes and the student's read of it: an advisor saves a draft
with all its lines at once (`save_recommendation`, all or nothing) and shares it
(`share_recommendation`); the student accepts or declines it (`respond_to_recommendation`) and
reads what was shared, never drafts, with its lines in one query (`shared_recommendations`).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opportunities.models import Format, Opportunity

from . import fastpath, notices
from .models import (
    AvailabilityWindow,
    Recommendation,
    RecommendationItem,
    RecommendationStatus,
    StudentProfile,
)


@dataclass(frozen=True)
class ItemData:
    """One line of a recommendation, as the advisor wrote it."""

    format: Format
    count: int
    window: AvailabilityWindow | None = None
    rationale: str = ""
    listings: Sequence[Opportunity] = ()


ANY_TIME = "Any time"  # the window label of a line not tied to one of the student's windows


def save_recommendation(
    recommendation: Recommendation, *, items: Sequence[ItemData], share: bool = False
) -> Recommendation:
    """Save a new or edited draft together with all its lines (replacing the old ones), and
    share it with the student when `share` is true.

    All or nothing: an invalid line raises ValidationError and leaves the database as it was,
    and `recommendation` as it was passed in (a new one stays unsaved): the work is done on a
    copy, whose saved state `recommendation` takes only when every row is written.
    """
    saved = _save_recommendation(copy.copy(recommendation), items=items, share=share)
    vars(recommendation).update(vars(saved))
    return recommendation


@transaction.atomic
def _save_recommendation(
    recommendation: Recommendation, *, items: Sequence[ItemData], share: bool
) -> Recommendation:
    if recommendation.pk:
        stored = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if stored.status != RecommendationStatus.DRAFT:
            raise ValidationError("Only a draft can be changed.", code="not_a_draft")
    if not items:
        raise ValidationError("Recommend at least one format.", code="no_items")
    # The old lines go while the recommendation is still a draft: their deletion is the
    # draft's history, kept from the student (Recommendation.hidden_from_student).
    if recommendation.pk:
        recommendation.items.all().delete()
    if share:
        recommendation.status = RecommendationStatus.SHARED
        recommendation.shared_at = timezone.now()
    recommendation.full_clean()
    recommendation.save()
    for data in items:
        item = RecommendationItem(
            recommendation=recommendation,
            window=data.window,
            window_label=data.window.label if data.window else ANY_TIME,
            format=data.format,
            count=data.count,
            rationale=data.rationale,
        )
        item.full_clean()
        item.save()
        if data.listings:
            item.opportunities.set(data.listings)
    if share:
        notices.recommendation_shared(recommendation)
    return recommendation


@transaction.atomic
def share_recommendation(recommendation: Recommendation) -> bool:
    """Share a draft with the student; False when it was not a draft (already shared)."""
    stored = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if stored.status != RecommendationStatus.DRAFT:
        return False
    stored.status = RecommendationStatus.SHARED
    stored.shared_at = timezone.now()
    stored.save(update_fields=["status", "shared_at", "updated_at"])
    notices.recommendation_shared(stored)
    recommendation.refresh_from_db()
    return True


RESPONDABLE = (
    RecommendationStatus.SHARED,
    RecommendationStatus.ACCEPTED,
    RecommendationStatus.DECLINED,
)


@transaction.atomic
def respond_to_recommendation(
    recommendation: Recommendation, *, accept: bool, comment: str = ""
) -> Recommendation:
    """The student accepts or declines a shared recommendation (and may change their mind)."""
    stored = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if stored.status not in RESPONDABLE:
        raise ValidationError("This recommendation has not been shared.", code="not_shared")
    stored.status = RecommendationStatus.ACCEPTED if accept else RecommendationStatus.DECLINED
    stored.response_comment = comment.strip()
    stored.responded_at = timezone.now()
    stored.full_clean()
    stored.save(update_fields=["status", "response_comment", "responded_at", "updated_at"])
    notices.recommendation_answered(stored)
    recommendation.refresh_from_db()
    return recommendation


def shared_recommendations(profile: StudentProfile) -> list[Recommendation]:
    """The recommendations shared with `profile`'s student, newest first, each with its lines
    (`items`, their format's name and slug loaded), in one query; drafts never.

    One LEFT JOIN from the recommendations to their lines and formats, split here into model
    instances, rather than one query for the recommendations and one for their lines.
    """
    rec_fields = [f.attname for f in Recommendation._meta.concrete_fields]
    item_fields = ["id", "window_id", "window_label", "format_id", "count", "rationale"]
    rows = (
        Recommendation.objects.visible_to_student()
        .filter(profile=profile)
        .newest_first("items__id")
        .values_list(
            *rec_fields,
            *(f"items__{name}" for name in item_fields),
            "items__format__name",
            "items__format__slug",
        )
    )
    db = rows.db
    found: dict[int, tuple[Recommendation, list[RecommendationItem]]] = {}
    n, m = len(rec_fields), len(item_fields)
    for row in rows:
        pk = row[rec_fields.index("id")]
        if pk not in found:
            found[pk] = (Recommendation.from_db(db, rec_fields, row[:n]), [])
        recommendation, items = found[pk]
        if row[n] is None:  # a recommendation without lines
            continue
        item = RecommendationItem.from_db(
            db, [*item_fields, "recommendation_id"], (*row[n : n + m], pk)
        )
        item.format = Format.from_db(db, ["id", "name", "slug"], (item.format_id, *row[n + m :]))
        item.recommendation = recommendation
        items.append(item)
    recommendations = []
    for recommendation, items in found.values():
        fastpath.store_prefetched(recommendation, "items", items)
        recommendations.append(recommendation)
    return recommendations
