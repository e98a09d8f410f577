"""Run as its own process with ``MM_ENV=production`` (web/tests/test_security_headers.py starts
it): signs in through the sign-in page over HTTPS, then fetches a page, a download (the dataset
export) and an API response (with a token), and prints their headers and the cookies set, as
JSON. Only the database (in memory), the password hasher (fast) and the static-files storage
(no collectstatic in a test) differ from a production deployment; none of them sets a header."""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "missiemonitor.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client, override_settings

    assert settings.PRODUCTION, "run with MM_ENV=production"
    os.makedirs(settings.STATIC_ROOT, exist_ok=True)
    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=storages,
                           PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("migrate", verbosity=0, interactive=False)
        from missiemonitor.accounts.services import user_create
        from missiemonitor.accounts.tokens import token_create

        user = user_create(username="probe", password="een-lang-wachtwoord-9")
        _token, text = token_create(user=user, name="probe")
        host = settings.ALLOWED_HOSTS[0]
        client = Client(HTTP_HOST=host, enforce_csrf_checks=True)
        answers = {}

        def keep(name, response):
            answers[name] = {
                "status": response.status_code,
                "headers": dict(response.headers),
                "cookies": {key: {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]),
                                  "samesite": morsel["samesite"], "path": morsel["path"],
                                  "domain": morsel["domain"]}
                            for key, morsel in response.cookies.items()},
            }

        keep("plain-http", client.get("/inloggen/"))
        sign_in = client.get("/inloggen/", secure=True)
        keep("sign-in", sign_in)
        csrf = client.cookies[settings.CSRF_COOKIE_NAME].value
        keep("signed-in", client.post("/inloggen/", {"username": "probe", "password": "een-lang-wachtwoord-9",
                                                     "csrfmiddlewaretoken": csrf},
                                      secure=True, HTTP_REFERER=f"https://{host}/inloggen/"))
        keep("page", client.get("/missies/", secure=True))
        keep("download", client.get("/gegevens/export/", secure=True))
        keep("api", Client(HTTP_HOST=host).get("/api/v1/missions", secure=True,
                                                HTTP_AUTHORIZATION=f"Bearer {text}"))
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
