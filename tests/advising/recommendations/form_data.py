"""The recommendation form's data, as a browser posts it."""

import datetime

from django.urls import reverse

from tests.factories import (
    today,
)


def add_url(profile):
    return reverse("advising:recommendation_add", args=[profile.pk])


def management(total, initial=0, prefix="items"):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "12",
    }


def line(i, *, fmt, window=None, count=1, rationale="", listings="", picked=(), delete=False):
    data = {
        f"items-{i}-window": str(window.pk) if window else "",
        f"items-{i}-format": str(fmt.pk),
        f"items-{i}-count": str(count),
        f"items-{i}-rationale": rationale,
        f"items-{i}-listing_ids": listings,
    }
    if picked:
        data[f"items-{i}-picked"] = [str(pk) for pk in picked]
    if delete:
        data[f"items-{i}-DELETE"] = "on"
    return data


def recommendation(next_step="Apply to two micro-internships.", follow_up=None, notes=""):
    follow_up = follow_up or today() + datetime.timedelta(days=14)
    return {"next_step": next_step, "follow_up_on": follow_up.isoformat(), "notes": notes}
