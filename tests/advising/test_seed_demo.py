"""`make run` ends its output with the demo logins: seeding queues no e-mail for the worker."""

from io import StringIO

from django.core import mail
from django.core.management import call_command

from notifications.models import Email, EmailStatus, Kind, Notification


def test_the_demo_history_leaves_the_worker_no_email_to_print(run_tasks):
    out = StringIO()

    call_command("seed_demo", listings=0, stdout=out)
    run_tasks()

    assert Notification.objects.exists()
    assert Email.objects.exists()
    assert not Email.objects.exclude(status=EmailStatus.SENT).exists()
    assert mail.outbox == []
    assert out.getvalue().splitlines()[-1].split() == [
        "Career",
        "center",
        "admin",
        "admin@demo.edu",
    ]


def test_seeding_again_leaves_emails_made_since_alone(run_tasks, student):
    call_command("seed_demo", listings=0, stdout=StringIO())
    run_tasks()
    pending = Email.objects.create(
        notification=Notification.objects.create(user=student, kind=Kind.RECOMMENDATION_SHARED),
        to=student.email,
        subject="Shared with you",
        text="…",
        html="<p>…</p>",
    )

    call_command("seed_demo", listings=0, stdout=StringIO())

    pending.refresh_from_db()
    assert pending.status == EmailStatus.PENDING
