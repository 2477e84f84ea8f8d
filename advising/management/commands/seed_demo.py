from django.core.management.base import BaseCommand
from django.utils import timezone

from advising.demo import create_demo_profile
from advising.demo_caseload import create_demo_caseload
from careercenter.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts
from careercenter.roles import STUDENT
from notifications.models import Email, EmailStatus
from opportunities.demo import create_demo_searches, seed_listings
from opportunities.models import Opportunity


class Command(BaseCommand):
    help = "Create the demo accounts and demo data. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--listings", type=int, default=300, help="how many demo listings (default 300)"
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed (deterministic)")

    def handle(self, *args, **options):
        last_email = Email.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        accounts = create_demo_accounts()
        created = seed_listings(count=options["listings"], seed=options["seed"])
        self.stdout.write(
            f"Demo listings: {created} created, {Opportunity.objects.count()} in the database."
        )
        create_demo_profile(accounts[STUDENT])
        create_demo_searches(accounts[STUDENT])
        caseload = create_demo_caseload()
        self.stdout.write(f"The demo advisor's caseload: {caseload} students (/advising/).")
        # The demo's history happened before today, so its e-mails (to made-up @demo.edu
        # addresses) count as sent: the worker `make run` starts has none to print after the
        # logins below. Its notifications are in the app, unread, as after any past e-mail.
        Email.objects.filter(pk__gt=last_email, status=EmailStatus.PENDING).update(
            status=EmailStatus.SENT, sent_at=timezone.now()
        )
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for each: {DEMO_PASSWORD}):"))
        for email, role, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<20} {email}")
