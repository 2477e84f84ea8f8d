"""An example profile for `manage.py suggest_mix`, and running the command on one."""

import json
from io import StringIO

from django.core.management import call_command

EXAMPLE = {
    "windows": [
        {"label": "Spring term", "weeks": 14, "weekly_hours": 6},
        {"label": "Summer", "weeks": 10, "weekly_hours": 40},
    ],
    "career_clarity": "exploring",
    "learning_goal": "broad",
    "target_industries": ["technology", "marketing"],
    "skills_to_build": ["data-analysis"],
    "needs_pay": True,
    "credit_ok": False,
    "work_modes": ["remote", "hybrid", "onsite"],
    "networking_goal": "broad",
    "application_ready": False,
    "history": [{"format": "internship", "industry": "finance", "hours": 400}],
}


def run(tmp_path, document, *extra):
    path = tmp_path / "profile.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    out = StringIO()
    call_command("suggest_mix", "--profile", str(path), *extra, stdout=out)
    return json.loads(out.getvalue())
