"""`manage.py suggest_mix`: the engine's suggestion and matching listings as JSON on stdout.

For batch runs and for checking the engine from outside. The input file and the output are
described in the README ("The suggest_mix contract"). Bad input ends with one line on stderr
and exit status 1.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from advising import engine
from advising.contract import InputError, advice_to_contract, inputs_from_json
from advising.inputs import StudentInputs, engine_profile
from advising.matching import LISTINGS_PER_SUGGESTION, advise
from advising.models import StudentProfile

MAX_LIMIT = 50


class Command(BaseCommand):
    help = (
        "Print the suggested mix of formats, with matching open listings, as JSON: for a "
        "profile file (--profile FILE.json) or a stored student (--student EMAIL)."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--profile", metavar="FILE.json", help="a profile as JSON")
        source.add_argument("--student", metavar="EMAIL", help="a stored student's e-mail")
        parser.add_argument(
            "--limit",
            type=int,
            default=LISTINGS_PER_SUGGESTION,
            help=f"listings per suggestion, 0–{MAX_LIMIT} (default {LISTINGS_PER_SUGGESTION})",
        )

    def handle(self, *args, **options):
        limit = options["limit"]
        if not 0 <= limit <= MAX_LIMIT:
            raise CommandError(f"--limit must be between 0 and {MAX_LIMIT}; got {limit}")
        if options["profile"] is not None:
            inputs = self.from_file(options["profile"])
        else:
            inputs = self.from_student(options["student"])
        try:
            advice = advise(inputs, limit=limit)
        except engine.EngineError as error:
            raise CommandError(f"cannot suggest a mix: {error}") from None
        self.stdout.write(json.dumps(advice_to_contract(advice), indent=2))

    def from_file(self, name: str) -> StudentInputs:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {name}: {error}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"{name} is not valid JSON: {error}") from None
        try:
            return inputs_from_json(data)
        except InputError as error:
            raise CommandError(f"{name}: {error}") from None

    def from_student(self, email: str) -> StudentInputs:
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"no user with the e-mail address {email}")
        profile = StudentProfile.objects.filter(user=user).first()
        if profile is None:
            raise CommandError(f"{email} has no student profile")
        return engine_profile(profile)
