"""``/health``: no sign-in, no session, no caching; the database checked. (The answer with the
database down is tested against a real server in test_serve.py.)"""

from __future__ import annotations

import json

from django.contrib.sessions.models import Session


def test_health_answers_without_a_session(client, db):
    response = client.get("/health")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": {"default": "ok"}}
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies and Session.objects.count() == 0
    assert client.head("/health").status_code == 200
    assert client.post("/health").status_code == 405
