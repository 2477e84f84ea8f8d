"""No page shows S's data to anyone who may not see it.

Every page of the project (list and search pages with and without a search for S, the admin
for non-staff) is rendered as each principal who has no business with S, and the body is scanned
for what identifies S or comes from S's records. S has a directory hold, so this also checks
that S appears nowhere another student can reach.
"""

import pytest
from django.test import Client
from django.utils.html import escape

from tests.security.routes import all_routes, sample_kwargs
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

# Those who may not see S's records (the deactivated user is an anonymous visitor).
OUTSIDERS = ["anonymous", "other_student", "other_advisor", "deactivated"]
# Pages that search or filter: requested again with S's name, e-mail and programme as q.
SEARCHED = {
    "opportunities:list",
    "opportunities:saved",
    "advising:caseload",
    "advising:experiences",
    "advising:dashboard",
    "opportunities:formats",
}


@pytest.fixture
def world(db):
    world = build_world()
    s, profile = world.student, world.profile
    s.first_name, s.last_name = "Quillon", "Marwick-Oduya"
    s.save()
    profile.programme = "BSc Lichenology and Moss Studies"
    profile.directory_hold = True
    profile.save()
    world.experience.title = "Herbarium digitisation assistant"
    world.experience.reflection = "Mossy reflections nobody else may read."
    world.experience.save()
    world.recommendation.notes = "Private advising note about Quillon."
    world.recommendation.next_step = "Write to the herbarium curator by Friday."
    world.recommendation.save()
    world.window.label = "Moss season"
    world.window.save()
    return world


def secrets_of_s(world) -> list[str]:
    s = world.student
    return [
        s.first_name,
        s.last_name,
        s.email,
        world.profile.programme,
        world.experience.title,
        world.experience.reflection,
        world.recommendation.notes,
        world.recommendation.next_step,
        world.window.label,
    ]


def leaks(body: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s in body or escape(s) in body]


def test_no_page_shows_s_to_someone_who_may_not_see_s(world):
    secrets = secrets_of_s(world)
    found, pages = [], 0
    for name in OUTSIDERS:
        client = Client()
        if name != "anonymous":
            client.force_login(getattr(world, name))
        for route in all_routes():
            if route.key == "account_logout":
                continue
            path = route.build_path(sample_kwargs(route, world))
            queries = [{}]
            if route.key in SEARCHED:
                queries += [{"q": world.student.last_name}, {"q": world.student.email}]
                queries += [{"q": world.profile.programme}]
            for query in queries:
                response = client.get(path, query, follow=True)
                if response.streaming:
                    continue
                pages += 1
                # What the visitor typed comes back in the search box and the login link;
                # everything else of S's must not.
                unasked = [x for x in secrets if x not in query.values()]
                for secret in leaks(response.content.decode(errors="replace"), unasked):
                    found.append(f"{path} {query} as {name}: {secret!r}")
    print(f"leak scan: {pages} pages")
    assert pages > 4 * len(all_routes())
    assert not found, "S's data shown to someone who may not see it:\n" + "\n".join(found)


def test_the_scan_finds_s_where_s_may_be_seen(world):
    """So that an empty result above means something: S's own pages and S's advisor's do
    carry these strings."""
    secrets = secrets_of_s(world)
    student, advisor = Client(), Client()
    student.force_login(world.student)
    advisor.force_login(world.advisor)

    assert leaks(student.get("/me/profile/").content.decode(), secrets)
    assert leaks(student.get("/me/experiences/").content.decode(), secrets)
    caseload = advisor.get("/advising/", {"q": world.student.last_name}).content.decode()
    assert world.student.last_name in caseload


def test_admin_lists_send_non_staff_to_the_admin_login(world):
    changelists = [r for r in all_routes() if r.key.endswith("_changelist")]
    for name in ["student", "other_student", "advisor", "other_advisor"]:
        client = Client()
        client.force_login(getattr(world, name))
        for route in changelists:
            response = client.get(route.build_path({}), {"q": world.student.email})
            assert response.status_code == 302, (route.key, name)
            assert response["Location"].startswith("/admin/login/")
