"""A student's hard filters on listings, never just a ranking: the work modes they accept and
the pay they may take (`accepted_pay`), as the ORM's filters on open listings
(`eligible_listings`, which the listing match compiles, see `fastpath.eligible`) and the same
filters in Python for the counts' sample (`takes`; a test holds the two to the same answers).
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from opportunities.models import (
    PAID_COMPENSATION,
    Compensation,
    Opportunity,
    WorkMode,
    every_work_mode,
)

from . import engine

EVERY_WORK_MODE = tuple(every_work_mode())
# What the student's filters read of a listing: (work mode, is remote, compensation type).
Kind = tuple[str, bool, str]


def accepted_pay(student: engine.StudentProfile) -> tuple[str, ...] | None:
    """The compensation types the student accepts, or None for any: never paid work for one
    who may not take it; paid work (academic credit too, when they said it will do) for one
    who needs pay."""
    if not student.can_be_paid:
        return (Compensation.CREDIT, Compensation.UNPAID)
    if not student.needs_pay:
        return None
    return (*PAID_COMPENSATION, *([Compensation.CREDIT] if student.credit_ok else []))


def in_work_modes(work_modes: tuple[str, ...]) -> Q:
    """Listings in one of `work_modes`. A listing that does not state its work mode is in
    them only when they are every work mode, or when remote is one of them and a location
    says remote (`is_remote`): an unknown is never taken for what the student asked."""
    accepted = Q(work_mode__in=work_modes)
    if set(work_modes) >= set(EVERY_WORK_MODE):
        return accepted | Q(work_mode=WorkMode.NOT_STATED)
    if WorkMode.REMOTE in work_modes:
        return accepted | Q(work_mode=WorkMode.NOT_STATED, is_remote=True)
    return accepted


def eligible_listings(
    alias: str, today: datetime.date, pay: tuple[str, ...] | None, work_modes: tuple[str, ...]
) -> QuerySet[Opportunity]:
    """The open listings in `work_modes`, and of a compensation type in `pay` when given (a
    listing that does not state its pay is not in any)."""
    eligible = Opportunity.objects.using(alias).open(today).filter(in_work_modes(work_modes))
    if pay is not None:
        eligible = eligible.filter(compensation_type__in=pay)
    return eligible


def takes(kind: Kind, pay: tuple[str, ...] | None, work_modes: tuple[str, ...]) -> bool:
    """Whether a student who accepts `pay` (`accepted_pay`) and `work_modes` may take a listing
    of `kind`: `eligible_listings`' filters on them in Python (a test holds the two
    to the same answers)."""
    mode, remote, compensation = kind
    if pay is not None and compensation not in pay:
        return False
    if mode in work_modes:
        return True
    if mode != WorkMode.NOT_STATED:
        return False
    return set(work_modes) >= set(EVERY_WORK_MODE) or (WorkMode.REMOTE in work_modes and remote)
