"""Background work of notifications (django-tasks; see settings.TASKS and the README)."""

from django_tasks import task

from . import services


@task()
def send_emails_task(email_ids: list[int]) -> int:
    """Send these outbox e-mails, each in its own transaction; returns how many were sent.
    Enqueued when notifications with e-mail are made, and again for each retry."""
    return sum(services.send_email(pk) for pk in email_ids)


@task()
def send_due_emails_task() -> int:
    """The sweep (`manage.py send_emails --enqueue`): every pending e-mail whose time came."""
    return services.send_due_emails()
