"""Importing a feed in the admin: upload, background check on the real database worker,
confirm, background import, and the run's page at each step."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from opportunities.models import ImportRun, ImportStatus, Opportunity
from tests.opportunities.feeds import feed_bytes, simplify_item, small_feed

pytestmark = pytest.mark.django_db

ADD = reverse("admin:opportunities_importrun_add")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def run_url(run):
    return reverse("admin:opportunities_importrun_change", args=[run.pk])


def confirm_url(run):
    return reverse("admin:opportunities_importrun_confirm", args=[run.pk])


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Post a feed to "Import a feed", running what waits for the commit (the task's queueing)."""

    def post(client, items, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return _upload(client, items, **data)

    return post


def _upload(client, items, **data):
    file = SimpleUploadedFile("listings.json", feed_bytes(items), "application/json")
    fields = {"file": file, "source": "simplify", "format": "", "encoding": "utf-8"}
    fields.update(data)
    if "whole_feed" not in data:
        fields["whole_feed"] = "on"
    return client.post(ADD, fields)


def test_the_listings_page_links_to_the_import_page(admin_client_):
    listings = admin_client_.get(reverse("admin:opportunities_opportunity_changelist"))
    page = admin_client_.get(ADD)

    assert f'href="{ADD}"' in listings.content.decode()
    assert "Export" in listings.content.decode()
    assert page.status_code == 200
    assert "Upload and check" in page.content.decode()


def test_a_bad_upload_is_answered_next_to_its_fields(admin_client_):
    response = admin_client_.post(ADD, {"source": "Not a name!", "encoding": "utf-8"})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["file"] == ["This field is required."]
    assert errors["source"][0].startswith("A source name is 1 to 40 lower-case letters")
    assert 'aria-describedby="id_source_helptext id_source_error"' in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_upload_is_stored_and_its_check_queued_for_the_worker(
    admin_client_, career_admin, media, upload
):
    response = upload(admin_client_, small_feed())

    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run_url(run)
    assert run.status == ImportStatus.CHECK_QUEUED
    assert run.filename == "listings.json" and run.requested_by == career_admin
    assert (media / run.file.name).read_bytes() == feed_bytes(small_feed())
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "opportunities.tasks.check_import_task"
    assert task.args_kwargs["args"] == [run.pk]

    page = admin_client_.get(run_url(run)).content.decode()
    assert "Waiting for the background worker" in page
    assert 'hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page


def test_htmx_polls_get_the_status_alone(admin_client_, upload):
    upload(admin_client_, small_feed())
    run = ImportRun.objects.get()

    fragment = admin_client_.get(run_url(run), headers={"HX-Request": "true"}).content.decode()

    assert fragment.lstrip().startswith('<div id="import-status"')
    assert "<html" not in fragment


def test_checked_then_confirmed_then_imported_in_the_background(admin_client_, run_tasks, upload):
    upload(admin_client_, small_feed())
    run = ImportRun.objects.get()

    run_tasks()

    run.refresh_from_db()
    assert run.status == ImportStatus.CHECKED
    assert (run.rows, run.created, run.organizations_created) == (3, 3, 2)
    assert not Opportunity.objects.exists()  # a check writes nothing
    page = admin_client_.get(run_url(run)).content.decode()
    assert "What importing this file would do" in page
    assert "Import these listings" in page and "hx-trigger" not in page

    response = admin_client_.post(confirm_url(run))

    assert response["Location"] == run_url(run)
    run.refresh_from_db()
    assert run.status == ImportStatus.IMPORT_QUEUED
    run_tasks()
    run.refresh_from_db()
    assert run.status == ImportStatus.IMPORTED and run.created == 3
    assert Opportunity.objects.count() == 3
    page = admin_client_.get(run_url(run)).content.decode()
    assert "What the import did" in page and "Import these listings" not in page

    # The same feed again: nothing new.
    upload(admin_client_, small_feed())
    again = ImportRun.objects.latest("pk")
    run_tasks()
    admin_client_.post(confirm_url(again))
    run_tasks()
    again.refresh_from_db()
    assert (again.status, again.created, again.unchanged) == (ImportStatus.IMPORTED, 0, 3)
    assert Opportunity.objects.count() == 3


def test_a_rejected_file_shows_its_rows_and_cannot_be_imported(admin_client_, run_tasks, upload):
    upload(admin_client_, [*small_feed(), simplify_item(4, title="")])
    run = ImportRun.objects.get()

    run_tasks()

    run.refresh_from_db()
    assert run.status == ImportStatus.REJECTED
    assert run.errors == [{"row": 4, "message": "title: is missing."}]
    page = admin_client_.get(run_url(run)).content.decode()
    assert "1 row rejected: nothing was" in page
    assert "<td>4</td><td>title: is missing.</td>" in page
    assert "Import these listings" not in page and "What importing" not in page

    response = admin_client_.post(confirm_url(run), follow=True)

    assert "This import is not waiting for a confirmation." in response.content.decode()
    assert DBTaskResult.objects.filter(task_path__endswith="write_import_task").count() == 0
    assert not Opportunity.objects.exists()


def test_a_file_problem_is_shown(admin_client_, run_tasks, django_capture_on_commit_callbacks):
    text = "title;organization;format\nCafé;A;internship\n"
    file = SimpleUploadedFile("listings.csv", text.encode("cp1252"))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client_.post(ADD, {"file": file, "source": "csv", "encoding": "utf-8"})
    run = ImportRun.objects.get()

    run_tasks()

    page = admin_client_.get(run_url(run)).content.decode()
    assert "The file is not UTF-8: line 2 has the byte 0xE9" in page


def test_confirming_is_a_post_and_happens_once(admin_client_, django_capture_on_commit_callbacks):
    run = ImportRun.objects.create(source="s", filename="f.json", status=ImportStatus.CHECKED)

    assert admin_client_.get(confirm_url(run)).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        admin_client_.post(confirm_url(run))
        admin_client_.post(confirm_url(run))

    assert DBTaskResult.objects.filter(task_path__endswith="write_import_task").count() == 1


def test_students_and_advisors_cannot_import(client, student, advisor):
    run = ImportRun.objects.create(source="s", filename="f.json", status=ImportStatus.CHECKED)
    for user in (student, advisor):
        client.force_login(user)
        for url in (ADD, run_url(run), confirm_url(run)):
            response = client.post(url)
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not DBTaskResult.objects.exists()


def test_deleting_a_run_deletes_its_file(admin_client_, media, upload):
    upload(admin_client_, small_feed())
    run = ImportRun.objects.get()
    stored = media / run.file.name

    admin_client_.post(
        reverse("admin:opportunities_importrun_delete", args=[run.pk]), {"post": "yes"}
    )

    assert not ImportRun.objects.exists() and not stored.exists()
