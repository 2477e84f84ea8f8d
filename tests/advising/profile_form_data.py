"""The profile form's data, as the browser posts it."""

import datetime

PROFILE_URL = "/me/profile/"
TODAY = datetime.date.today()


def windows(*rows, initial=0, prefix="windows"):
    """Management form plus one dict per row, as the browser posts them."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def profile_data(**overrides):
    data = {
        "programme": "BSc Economics",
        "level": "undergraduate",
        "expected_graduation": (TODAY + datetime.timedelta(days=400)).isoformat(),
        "career_clarity": "exploring",
        "learning_goal": "broad",
        "needs_pay": "true",
        "credit_ok": "unknown",
        "work_modes": ["remote", "hybrid"],
        "networking_goal": "broad",
        "application_ready": "false",
    }
    data.update(overrides)
    return data


def window(**overrides):
    row = {"label": "Spring term", "starts_on": "", "ends_on": "", "weeks": "14"}
    row["weekly_hours"] = "6"
    row.update(overrides)
    return row
