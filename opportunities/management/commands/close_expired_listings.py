from django.core.management.base import BaseCommand
from django.db import transaction

from opportunities.models import Opportunity


class Command(BaseCommand):
    help = (
        "Close published listings whose application deadline has passed. Safe to run as often "
        "as you like (e.g. daily from cron): already closed listings are left alone."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            closed = Opportunity.objects.expired().close()
        noun = "listing" if closed == 1 else "listings"
        self.stdout.write(self.style.SUCCESS(f"Closed {closed} expired {noun}."))
