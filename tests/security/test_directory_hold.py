"""The directory-information hold (FERPA): one query method, and a check that code uses it.

A student's name may reach the student, their advisors and career-center staff. Anywhere else
(a list other students see, a report, an e-mail or notification to someone else) the students
come from `StudentProfile.objects.listable()`, which leaves out those with a hold. The scan
below finds every product file that reads a person's name or e-mail address: it passes if the
file uses `listable()`, or if it is listed in REVIEWED with whom the names it reads reach. A new
file that reads names fails here until one or the other is true, which is where it is reviewed.
"""

import re
from pathlib import Path

import pytest
from django.test import Client

from advising.models import StudentProfile
from tests.factories import StudentFactory, StudentProfileFactory
from tests.security.test_static_checks import source_files

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = [
    ROOT / "careercenter",
    ROOT / "notifications",
    ROOT / "opportunities",
    ROOT / "advising",
    ROOT / "templates",
]
READS_A_NAME = re.compile(
    r"get_full_name|first_name|last_name|user__email|user\.email"
    # A user or profile written out whole is its name (User.__str__, StudentProfile.__str__):
    # in a template, in an f-string, through str(); and an access-log entry's record is too.
    r"|\{\{\s*(?:\w+\.)*(?:user|student|profile)\s*(?:\||\}\})"
    r"|\{(?:\w+\.)*(?:user|student|profile)\}"
    r"|\bstr\(\s*(?:\w+\.)*(?:user|student|profile)\s*\)"
    r"|\bobject_repr\b"
)
USES_THE_HOLD = re.compile(r"\.listable\(\)")

ADVISORS_AND_STAFF = "advisors (their own caseload) and career-center staff"
# File -> whom the names it reads reach. Reviewed: none of these shows a student's name to
# anyone but the student, their advisor or staff.
REVIEWED: dict[str, str] = {
    "advising/admin.py": "the Django admin: staff only",
    "careercenter/admin.py": "the Django admin: staff only",
    "advising/managers.py": f"the caseload's order and search: {ADVISORS_AND_STAFF}",
    "templates/advising/caseload.html": ADVISORS_AND_STAFF,
    "templates/advising/student_detail.html": ADVISORS_AND_STAFF,
    "templates/advising/recommendation_form.html": ADVISORS_AND_STAFF,
    "templates/advising/recommendation_detail.html": "the student, who reads their advisor's name",
    "advising/export.py": "the student's own data export (their name, their advisor's)",
    "advising/models.py": "the default order of profiles, for the pages above; a calendar "
    "link named with its person, in the Django admin: staff",
    "careercenter/models.py": "how a user's name is written (User.__str__)",
    "advising/forms.py": "the account-deletion form checks the signed-in user's own password",
    "opportunities/admin/listings.py": "the Django admin (saved listings, searched by e-mail): "
    "staff only",
    "opportunities/admin/alerts.py": "the Django admin (saved searches, searched by e-mail): "
    "staff only",
    "templates/includes/nav.html": "the signed-in user's own address, to themselves",
    "advising/demo_caseload.py": "creates the demo students; shows nothing",
    "advising/audit.py": "the access log: staff, and the student's own entries in their export",
    "opportunities/models/saved.py": "a saved listing named with its student, in the Django "
    "admin: staff",
    "careercenter/demo.py": "creates the demo accounts; shows nothing",
    "notifications/models.py": "a delivery choice named with its person, in the Django admin: "
    "staff",
    "notifications/admin.py": "the Django admin (notifications, searched by e-mail): staff only",
    "notifications/services.py": "the recipient's own address, to send them their e-mail",
    "advising/notices.py": "a student's name in a notification to the student's own advisor; "
    "the advisor's name to their student",
}


def name_readers() -> dict[str, bool]:
    """Product files that read a name or e-mail address -> whether they use listable()."""
    found = {}
    for suffix in (".py", ".html", ".txt"):
        for path in source_files(suffix, PRODUCT):
            if "migrations" in path.parts:
                continue
            text = path.read_text()
            if READS_A_NAME.search(text):
                found[str(path.relative_to(ROOT))] = bool(USES_THE_HOLD.search(text))
    return found


def test_student_names_reach_others_only_through_listable():
    readers = name_readers()
    unreviewed = sorted(
        f for f, uses_hold in readers.items() if not uses_hold and f not in REVIEWED
    )
    stale = sorted(set(REVIEWED) - set(readers))

    assert not unreviewed, (
        "These read names or e-mail addresses. If a student's name can reach anyone but the "
        "student, their advisors and staff, take the students from "
        "StudentProfile.objects.listable(); otherwise add the file to REVIEWED with whom the "
        "names reach:\n" + "\n".join(unreviewed)
    )
    assert not stale, f"REVIEWED lists files that read no names any more: {stale}"


def test_the_name_scan_finds_what_it_looks_for():
    assert READS_A_NAME.search("{{ student.user.get_full_name }}")
    assert READS_A_NAME.search('.filter(user__email__icontains="x")')
    assert READS_A_NAME.search("profile.user.email")
    # The name written out whole, however it is spelled.
    assert READS_A_NAME.search("{{ saved.user }}")
    assert READS_A_NAME.search('{{ profile|default:"" }}')
    assert READS_A_NAME.search('f"{self.user} saved {self.opportunity}"')
    assert READS_A_NAME.search("writer.writerow([str(profile), listing.title])")
    assert READS_A_NAME.search("entry.object_repr")
    assert not READS_A_NAME.search("{{ listing.organization.name }}")
    assert not READS_A_NAME.search("{{ user_count }} students")
    assert USES_THE_HOLD.search("StudentProfile.objects.listable().filter(...)")


@pytest.mark.django_db
def test_listable_leaves_out_the_students_with_a_hold():
    open_ = StudentProfileFactory()
    held = StudentProfileFactory(directory_hold=True)

    assert list(StudentProfile.objects.listable()) == [open_]
    assert held not in StudentProfile.objects.all().listable()
    # It chains with the other profile methods, in either order.
    assert list(StudentProfile.objects.for_advisor(open_.advisor).listable()) == [
        p for p in [open_] if p.advisor_id == open_.advisor_id
    ]


@pytest.mark.django_db
def test_a_student_sets_the_hold_on_their_profile_and_listable_honours_it(client):
    student = StudentFactory()
    profile = StudentProfileFactory(user=student)
    client.force_login(student)
    from tests.security.hostile import page_form

    page = client.get("/me/profile/")
    data = page_form(page.content.decode(), "directory_hold")["data"]
    data.pop("csrfmiddlewaretoken", None)
    data["directory_hold"] = ["on"]

    assert client.post("/me/profile/", data).status_code == 302
    assert profile not in StudentProfile.objects.listable()
    data["directory_hold"] = []
    assert Client().get("/").status_code == 200
    assert client.post("/me/profile/", data).status_code == 302
    assert profile in StudentProfile.objects.listable()


HOLD_PROMISE = "only to you, your advisor and career-center staff"


@pytest.mark.django_db
def test_the_student_is_told_what_the_hold_guarantees(client):
    """The promise on the profile form and the dashboard is the rule above, not less."""
    student = StudentFactory()
    StudentProfileFactory(user=student, directory_hold=True)
    client.force_login(student)

    for page in ("/me/profile/", "/me/"):
        body = client.get(page).content.decode()
        assert HOLD_PROMISE in body, page
        assert "other students or employers" not in body, page
