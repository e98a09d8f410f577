import pytest
from rest_framework.test import APIClient

from missiemonitor.testing import factories as f


@pytest.mark.django_db
def test_scratch():
    m = f.MissionFactory(key="m1")
    u = f.UserFactory(clearance=3, all_missions=True, role="coordinator")
    c = APIClient()
    c.force_authenticate(u)
    f.RoleFactory(contribution__mission=m)
    r = c.get("/api/v1/roles")
    print(r.status_code, r.json())
    r = c.get("/api/v1/missions/m1")
    print(r.status_code, r.headers, r.json())
    r = c.post("/api/v1/contributions", {"key": "c9", "name": "X", "kind": "unit", "ministry": "def", "mission": "m1"}, format="json")
    print(r.status_code, r.json())
    r = c.patch("/api/v1/contributions/c9", {"name": "Y"}, format="json")
    print(r.status_code, r.headers.get("content-type"), r.json())
    r = c.patch("/api/v1/contributions/c9", {"name": "Y"}, format="json", HTTP_IF_MATCH='"1"')
    print(r.status_code, r.json())
    r = c.patch("/api/v1/contributions/c9", {"name": "Z"}, format="json", HTTP_IF_MATCH='"1"')
    print(r.status_code, r.json())
    r = c.get("/api/v1/nothing")
    print(r.status_code, r.headers, r.content)
    r = c.get("/api/v1/roles?ordering=-key&classification=stg-geheim&period_start=2020-01-01&q=adv")
    print(r.status_code, r.json())
    r = c.post("/api/v1/rating-scales", {"key": "s1", "name": "S", "met_threshold": 1, "levels": [{"rank": 0, "code": "a", "label": "A", "label_en": "A"}, {"rank": 1, "code": "b", "label": "B", "label_en": "B"}]}, format="json")
    print(r.status_code, r.json())
    r = c.delete("/api/v1/contributions/c9", HTTP_IF_MATCH='"2"')
    print(r.status_code, r.content)
    r = c.get("/api/v1/roles", HTTP_ACCEPT_LANGUAGE="nl", data={"cursor": "zzz"})
    print(r.status_code, r.json())
