"""The access log of student records: who changed or viewed them, and when (django-auditlog).

Changes are recorded by auditlog's signals for the models in `STUDENT_RECORDS`, with the actor
taken from the request by the audit middleware. Reads are recorded by views calling
`log_access()`. Every entry carries `additional_data["student_profile"]`, the id of the profile
it concerns, so `access_history()` finds a student's entries with one query, including entries
about rows deleted since.

A record whose `hidden_from_student` is true when the entry is written (a draft recommendation
and its lines) marks the entry `additional_data["hidden_from_student"]`: staff see it in the
access history, the student's data export (`history_rows`) leaves it out.
"""

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet

from careercenter.security import client_ip

# Model label -> the path from an instance to its StudentProfile ("" for the profile itself).
STUDENT_RECORDS = {
    "advising.StudentProfile": "",
    "advising.AvailabilityWindow": "profile",
    "advising.Experience": "profile",
    "advising.Recommendation": "profile",
    "advising.RecommendationItem": "recommendation.profile",
}
# Many-to-many fields whose changes are recorded too (added or removed rows, by name).
M2M_FIELDS = {
    "advising.StudentProfile": ["target_industries", "skills", "skills_to_build"],
    "advising.Experience": ["skills"],
    "advising.RecommendationItem": ["opportunities"],
}
# Timestamps the database sets itself: noise in every diff.
EXCLUDED_FIELDS = ["created_at", "updated_at"]


def student_profile_id(obj) -> int | None:
    """The id of the StudentProfile that a student record belongs to."""
    try:
        path = STUDENT_RECORDS[obj._meta.label]
    except KeyError:
        raise ValueError(f"{obj._meta.label} is not a student record") from None
    if not path:
        return obj.pk
    *hops, last = path.split(".")
    try:
        for hop in hops:
            obj = getattr(obj, hop)
    except ObjectDoesNotExist:
        return None
    return getattr(obj, f"{last}_id")


def entry_data(obj) -> dict:
    """What every entry about `obj`, a student record, carries in `additional_data`."""
    data = {"student_profile": student_profile_id(obj)}
    if getattr(obj, "hidden_from_student", False):
        data["hidden_from_student"] = True
    return data


class StudentRecord:
    """The base of the models in `STUDENT_RECORDS` (advising.models)."""

    def get_additional_data(self) -> dict:
        # auditlog stores what a model's get_additional_data() returns with each entry.
        return entry_data(self)


def register_student_records() -> None:
    """Register the student-record models with auditlog; called from AdvisingConfig.ready."""
    from auditlog.registry import auditlog

    for label in STUDENT_RECORDS:
        model = apps.get_model(label)
        if auditlog.contains(model):
            continue
        if not issubclass(model, StudentRecord):
            raise TypeError(f"{label} is in STUDENT_RECORDS but is not a StudentRecord")
        auditlog.register(
            model, exclude_fields=list(EXCLUDED_FIELDS), m2m_fields=M2M_FIELDS.get(label, [])
        )


def log_access(request, obj, *, what: str = ""):
    """Record that `request.user` viewed `obj`, a student record, unless it is their own.

    Call it from views that show a student's records to someone else (advisor, admin) and from
    the data export; `what` says what was shown, e.g. "data export". Returns the entry or None.
    """
    from auditlog.models import LogEntry

    StudentProfile = apps.get_model("advising", "StudentProfile")
    profile_id = student_profile_id(obj)
    user = request.user
    if isinstance(obj, StudentProfile):
        owner_id = obj.user_id
    else:
        owner_id = (
            StudentProfile.objects.filter(pk=profile_id).values_list("user_id", flat=True).first()
        )
    if user.is_authenticated and owner_id == user.pk:
        return None
    data = {**entry_data(obj), "path": request.path}
    if what:
        data["what"] = what
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user if user.is_authenticated else None,
        actor_email=getattr(user, "email", None) or None,
        remote_addr=client_ip(request),
        additional_data=data,
        changes=None,
    )


def access_history(profile) -> QuerySet:
    """Every entry about a student's records, newest first: who (`actor`, or `actor_email` if
    the account is gone), what (`action`, `object_repr`, `changes`) and when (`timestamp`)."""
    from auditlog.models import LogEntry

    return (
        LogEntry.objects.filter(additional_data__student_profile=profile.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def history_rows(profile) -> list[dict]:
    """`access_history()` as plain values, for the student's data export: without the entries
    about records kept from the student (drafts; see `entry_data`)."""
    return [
        {
            "time": entry.timestamp.isoformat(),
            "who": str(entry.actor) if entry.actor else (entry.actor_email or "system"),
            "action": entry.get_action_display(),
            "record": f"{entry.content_type.name}: {entry.object_repr}",
            "what": (entry.additional_data or {}).get("what", ""),
        }
        for entry in access_history(profile)
        if not (entry.additional_data or {}).get("hidden_from_student")
    ]
