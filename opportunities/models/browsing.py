"""The browse filters as a QuerySet method: what /opportunities/ (and saved searches' alerts)
apply for the valid values of `opportunities.forms.ListingFilterForm`."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import F, Q

from .choices import Sponsorship, WorkMode


class BrowseQuerySet(models.QuerySet):
    def browse_filtered(self, f: dict):
        """These listings, narrowed by the browse filters in `f` (field name -> valid value,
        as `ListingFilterForm.valid_filters()` gives them; absent or empty: no filter).

        A fact a listing does not state never passes a filter on it, unless `f["unstated"]`
        asks for those too (never for pay)."""

        def stating(says: Q, silent: Q) -> Q:
            """The listings that `says` selects, and with `unstated=1` those `silent` about it."""
            return says | silent if f.get("unstated") else says

        qs = self
        # Ids rather than a subquery, so that PostgreSQL's planner sees the values.
        if f.get("format"):
            qs = qs.filter(format_id__in=[fmt.pk for fmt in f["format"]])
        if f.get("family"):
            qs = qs.filter(format__family=f["family"])
        no_mode = Q(work_mode=WorkMode.NOT_STATED)
        if f.get("work_mode"):
            says = Q(work_mode=f["work_mode"])
            if f["work_mode"] == WorkMode.REMOTE:  # a location says remote, the mode is not given
                says |= no_mode & Q(is_remote=True)
            qs = qs.filter(stating(says, no_mode))
        places = [
            *([Q(locations__has_element_containing=f["location"])] if f.get("location") else []),
            *([Q(is_remote=True)] if f.get("remote") else []),
        ]
        if places:  # in the location, or remote: either will do
            qs = qs.filter(stating(reduce(or_, places), no_mode & Q(locations=[])))
        if f.get("term"):
            qs = qs.filter(stating(Q(terms__has_element=f["term"]), Q(terms=[])))
        if f.get("sponsorship"):
            qs = qs.filter(
                stating(Q(sponsorship=f["sponsorship"]), Q(sponsorship=Sponsorship.NOT_STATED))
            )
        if f.get("paid"):
            qs = qs.paid()  # pay not stated is not paid, whatever `unstated` says
        if f.get("industry"):
            qs = qs.filter(industry_id=f["industry"].pk)
        if f.get("skill"):
            qs = qs.with_any_skill([skill.pk for skill in f["skill"]])
        if f.get("max_weekly_hours"):
            qs = qs.filter(
                stating(
                    Q(weekly_hours_min__lte=f["max_weekly_hours"]),
                    Q(weekly_hours_min__isnull=True),
                )
            )
        if f.get("max_weeks"):
            weeks = f["max_weeks"]
            # A listing given only in total hours fits if it can be done at its top weekly pace;
            # without that pace, its length is not stated.
            qs = qs.filter(
                stating(
                    Q(duration_weeks__lte=weeks)
                    | Q(
                        duration_weeks__isnull=True, total_hours__lte=F("weekly_hours_max") * weeks
                    ),
                    Q(duration_weeks__isnull=True)
                    & (Q(total_hours__isnull=True) | Q(weekly_hours_max__isnull=True)),
                )
            )
        if f.get("deadline_after"):
            qs = qs.filter(stating(Q(deadline__gte=f["deadline_after"]), Q(deadline__isnull=True)))
        return qs
