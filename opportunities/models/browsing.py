"""Browsing as QuerySet methods: the filters /opportunities/ (and saved searches' alerts) apply
for the valid values of `opportunities.forms.ListingFilterForm`, and the text search."""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import Case, F, Q, Value, When

from .. import search as search_text
from .choices import Sponsorship, WorkMode

# Text search: the language of stemming, and how many of the newest matches get ranked. Finding
# them reads rows until that many match, so the bound sets what a broad word ("data") costs:
# at 100 000 listings 1 000 candidates take 6 ms of PostgreSQL, 2 000 took 16 ms. Fifty pages
# of results is more than anyone reads; past that, a filter or a second word is the answer.
SEARCH_CONFIG = "english"
RANKED_CANDIDATES = 1000


def _search_query(query: search_text.Query) -> SearchQuery:
    # Built from what was typed, every word quoted (search.to_tsquery): never a syntax error.
    return SearchQuery(search_text.to_tsquery(query), search_type="raw", config=SEARCH_CONFIG)


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

    def _is_postgresql(self) -> bool:
        return connections[self.db].vendor == "postgresql"

    def search(self, text: str, *, synonyms=None):
        """Listings matching free text (`opportunities.search`: words, "phrases", -words, or),
        widened by `synonyms` (`search.synonym_groups`): full-text search with prefixes on
        PostgreSQL, substrings elsewhere. Text with no word to look for matches nothing."""
        return self._matching(search_text.parse(text, synonyms))

    def _matching(self, query: search_text.Query):
        if not query:
            return self.none()
        if self._is_postgresql():
            return self.filter(search_vector=_search_query(query))
        return self.filter(search_text.to_q(query))

    def by_relevance(
        self, text: str, *, candidates: int = RANKED_CANDIDATES, synonyms=None
    ) -> list[int]:
        """The ids of the matches for `text`, best first: the newest `candidates` matches,
        ranked; real listings before demo ones, whatever their rank.

        Ids, not listings: a page shows 20 of up to 1 000, and its cards are mostly kept
        rendered (`views.listing_cards`). On PostgreSQL the query that finds the candidates
        ranks them too; elsewhere a title match ranks first.
        """
        query = search_text.parse(text, synonyms)
        if not query:
            return []
        matches = self._matching(query)
        if not self._is_postgresql():
            in_title = Case(When(title__icontains=text, then=Value(1)), default=Value(0))
            best_first = matches.annotate(rank=in_title).order_by(
                "is_demo", "-rank", F("deadline").asc(nulls_last=True), "id"
            )
            return list(best_first.values_list("pk", flat=True)[:candidates])
        newest = list(
            matches.annotate(rank=SearchRank(F("search_vector"), _search_query(query)))
            .newest_first()
            .values_list("pk", "is_demo", "rank")[:candidates]
        )
        # A stable sort: equal ranks stay newest first.
        newest.sort(key=lambda row: (row[1], -row[2]))
        return [pk for pk, _, _ in newest]
