"""Started by test_production.py in a fresh interpreter with production settings.

It prepares a throw-away SQLite database and collected static files the way a deployment does
(migrate, createcachetable, collectstatic into the real whitenoise manifest storage), sends
requests through the whole middleware stack with Django's test client, and writes what came
back as JSON to the path given as its only argument. The test makes the assertions.
"""

import json
import re
import sys

import django

HOST = "careers.example.edu"
ORIGIN = f"https://{HOST}"
PASSWORD = "a-Long-and-unusual-pass-42"


def observe(response) -> dict:
    cookies = {
        name: {
            "secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"],
        }
        for name, morsel in response.cookies.items()
    }
    body = b"".join(response) if response.streaming else response.content
    return {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": cookies,
        "body": body.decode(errors="replace") if "html" in response["Content-Type"] else "",
    }


def main(out_path: str) -> None:
    django.setup()
    # Imported here, after setup(), because they need the app registry.
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

    from careercenter import roles

    # The one change to production settings: hashing strength is not checked here, and each
    # PBKDF2 hash takes over a second on these machines.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    User = get_user_model()
    student = User.objects.create_user("sam@uni.example.edu", PASSWORD)
    student.groups.add(Group.objects.get(name=roles.STUDENT))
    # A student who signed up and proved the address, so the login below signs straight in.
    EmailAddress.objects.create(user=student, email=student.email, primary=True, verified=True)
    User.objects.create_superuser("root@uni.example.edu")

    seen = {}
    anonymous = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    seen["http home"] = observe(anonymous.get("/", secure=False))
    for name, path in [
        ("home", "/"),
        ("help", "/help/"),
        ("login page", "/accounts/login/"),
        ("signup page", "/accounts/signup/"),
        ("password reset page", "/accounts/password/reset/"),
        ("admin login page", "/admin/login/"),
        ("missing page", "/no-such-page/"),
    ]:
        seen[name] = observe(anonymous.get(path, secure=True))

    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', seen["home"]["body"])
    if stylesheet:
        seen["static file"] = observe(anonymous.get(stylesheet[1], secure=True))

    # A real login over HTTPS, CSRF checks on, as a browser does it.
    browser = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    page = browser.get("/accounts/login/", secure=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    seen["login"] = observe(
        browser.post(
            "/accounts/login/",
            {"login": student.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            secure=True,
            headers={"Origin": ORIGIN},
        )
    )
    seen["home signed in"] = observe(browser.get("/", secure=True))
    seen["help signed in"] = observe(browser.get("/help/", secure=True))
    seen["login without token"] = observe(
        Client(enforce_csrf_checks=True, HTTP_HOST=HOST).post(
            "/accounts/login/",
            {"login": student.email, "password": PASSWORD},
            secure=True,
            headers={"Origin": ORIGIN},
        )
    )

    admin = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    admin.force_login(User.objects.get(is_superuser=True))
    seen["admin index"] = observe(admin.get("/admin/", secure=True))
    seen["admin user list"] = observe(admin.get("/admin/careercenter/user/", secure=True))
    seen["admin user change"] = observe(
        admin.get(f"/admin/careercenter/user/{student.pk}/change/", secure=True)
    )

    with open(out_path, "w") as out:
        json.dump(seen, out)


if __name__ == "__main__":
    main(sys.argv[1])
