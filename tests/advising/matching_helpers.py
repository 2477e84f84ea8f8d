"""What the listing-match tests share (`advising.matching`)."""

import datetime

from advising import matching
from opportunities import catalogue as opportunity_catalogue
from opportunities.models import Format
from tests.factories import (
    today,
)


def days(n):
    return today() + datetime.timedelta(days=n)


def only(formats, *slugs):
    """Retire every format but `slugs`, so that the plan is about them alone."""
    Format.objects.exclude(slug__in=slugs).update(is_active=False)
    opportunity_catalogue.clear()
    return [formats[slug] for slug in slugs]


def shown(profile, k=0, **options):
    """The listings shown for each suggestion of window `k`, by format slug."""
    advice = matching.advise_student(profile, **options)
    return {m.suggestion.format: [o.pk for o in m.listings] for m in advice.windows[k].suggestions}
