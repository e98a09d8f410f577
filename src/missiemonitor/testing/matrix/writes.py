"""The write half of the matrix: every create, edit, delete, submit, approve and return
endpoint (pages: POST; API: POST, PUT, PATCH, DELETE and the workflow actions), tried by users
whom :mod:`missiemonitor.core.permissions` and the visibility rule forbid it, with a body that
a permitted user's write succeeds with. A forbidden write must change nothing (the record it
aims at, the number of records of its model, and in the end the checksum of the database);
the API must answer it 403 or 404. The permitted user's write is then tried too, in a
transaction that is rolled back, to show the body was a real write.

Who tries (for each endpoint, those that apply):

* an **analyst** who may see everything: no role that writes;
* a **field reporter** who may see everything, for reference data (kept by coordinators and
  policy officers);
* a **coordinator** who may not see the record: hidden by clearance, and hidden by need-to-know;
* for an approval, the **reviewer who submitted** the record (four eyes).

The writes on accounts and the audit trail (tokens, second factors, a pending onboarding, and in
the admin tokens, authenticator apps and audit entries) follow rules of their own: each is a
:class:`~missiemonitor.testing.matrix.accounts.Rule` that says who tries and what must stay as
it was (:mod:`missiemonitor.testing.matrix.accounts`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.db import models, transaction
from django.test import Client

from missiemonitor.accounts.models import User
from missiemonitor.core import permissions
from missiemonitor.testing.matrix.accounts import OWN_ACCOUNT, RULES, Rule, Try
from missiemonitor.testing.matrix.paths import Path
from missiemonitor.testing.matrix.world import World

PAGE_WRITES = re.compile(r"_(new|edit|delete|complete|review|approve|activation|settings)$")
REVIEW_ACTIONS = {"submit", "approve", "return"}
# What the API answers a refused write, by the reason: a role that does not write (or a method
# the resource does not offer), a record the user may not see (404, or 403 when their role is
# refused before the record is looked up), or a state or four-eyes rule (a conflict with the
# record's state is 409, as the services say).
REFUSALS = {"role": (403, 405), "clearance": (403, 404, 405), "need-to-know": (403, 404, 405),
            "state": (403, 405, 409), "four eyes": (403, 409)}


@dataclass
class Write:
    """One write endpoint: the path, the HTTP method, what it does, and the record it aims at."""

    path: Path
    method: str
    does: str  # create, edit, delete, submit, approve, return, or a page's own action
    record: models.Model | None
    rule: Rule | None = None  # a write on accounts or the audit trail (matrix.accounts)

    @property
    def label(self) -> str:
        return f"{self.path.label} {self.method} {self.does}"


@dataclass
class WriteOutcome:
    checks: int = 0
    requests: int = 0
    refused: list[str] = field(default_factory=list)  # problems: a forbidden write that was not
    permitted: int = 0  # permitted writes that succeeded
    unproven: list[str] = field(default_factory=list)  # permitted writes that did not succeed
    users: set[str] = field(default_factory=set)


class _Form(HTMLParser):
    """The fields of every POST form of a page, with their current values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str]], list[str]]] = []  # action, fields, buttons
        self.current: tuple[str, list[tuple[str, str]], list[str]] | None = None
        self.select: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.current = (a.get("action", ""), [], [])
            self.forms.append(self.current)
        if self.current is None:
            return
        fields, buttons = self.current[1], self.current[2]
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            fields.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "button" and a.get("name") == "action":
            buttons.append(a.get("value", ""))
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            fields.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a.get("name"), ""

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea and self.current is not None:
            self.current[1].append((self.textarea, self.text.strip("\n")))
            self.textarea = None
        elif tag == "form":
            self.current = None


def page_form(html: str, url: str = "") -> tuple[dict[str, list[str]], list[str]]:
    """The values and action buttons of the page's own form: the first POST form that posts
    to the page itself (not the header's language switch or sign-out)."""
    parser = _Form()
    parser.feed(html)
    own = [f for f in parser.forms if f[0] in ("", url)] or [
        f for f in parser.forms if not f[0].startswith(("/taal/", "/uitloggen/"))] or [("", [], [])]
    data: dict[str, list[str]] = {}
    for name, value in own[0][1]:
        data.setdefault(name, []).append(value)
    return data, own[0][2]


def _changed(data: dict[str, list[str]], record_key: str | None) -> dict[str, list[str]]:
    """The form's values with one text changed, so that a write shows."""
    for name, values in data.items():
        if record_key and values and values[0] == record_key and name not in ("key", "version"):
            return {**data, name: [f"{record_key} (changed)"]}
    return data


class Writer:
    def __init__(self, world: World, paths: list[Path]) -> None:
        self.world = world
        self.by_name = {p.name: p for p in paths if p.surface == "page"}
        self.users = {(u.role, u.clearance, u.username.rsplit("-", 1)[1]): u for u in world.users}
        self.clients: dict[int, Client] = {}

    def client(self, user: User) -> Client:
        if user.pk not in self.clients:
            self.clients[user.pk] = Client()
            self.clients[user.pk].force_login(user)
        return self.clients[user.pk]

    def user(self, role: str, clearance: int, membership: str) -> User:
        return self.users[(role, clearance, membership)]

    # -- which writes ------------------------------------------------------------------------

    def writes(self, paths: list[Path]) -> list[Write]:
        found = []
        for path in paths:
            if path.label in OWN_ACCOUNT:
                continue
            if path.label in RULES:
                rule = RULES[path.label](self, path)
                found.append(Write(path, rule.method, type(rule).__name__, None, rule))
            elif path.surface == "api":
                actions = getattr(path.view, "actions", None) or {}
                for method, action in actions.items():
                    if method in ("get", "head", "options") or path.model is None:
                        continue
                    does = {"create": "create", "update": "edit", "partial_update": "edit",
                            "destroy": "delete", "return_": "return"}.get(action, action)
                    found.append(Write(path, method.upper(), does, self._target(path.model, does)))
            elif path.surface == "page" and PAGE_WRITES.search(path.name):
                does = PAGE_WRITES.search(path.name).group(1)
                does = {"new": "create", "review": "approve", "complete": "edit",
                        "activation": "edit", "settings": "edit"}.get(does, does)
                record = self._target(path.model, does) if path.model is not None else None
                found.append(Write(path, "POST", does, record))
        return found

    def _target(self, model: type[models.Model] | None, does: str) -> models.Model | None:
        """The record a write aims at: in mission a (or no mission), at level 1 (a draft) or
        the nearest, or, to approve or return, at level 2 (submitted)."""
        if model is None:
            return None
        level = 2 if does in ("approve", "return") else 1  # see world.REVIEW_STATES
        candidates = [(k, r) for k, r in self.world.records.items() if type(r) is model and k[-2] in "an"]
        candidates.sort(key=lambda kr: (abs(int(kr[0][-1]) - level), kr[0][-2] != "a"))
        if does == "delete":  # one nothing depends on, so that only the rules can refuse it
            from missiemonitor.core.records import record_dependents

            free = [kr for kr in candidates if not record_dependents(user=self.permitted(), record=kr[1])]
            candidates = free or candidates
        return candidates[0][1] if candidates else None

    # -- who may not --------------------------------------------------------------------------

    def forbidden(self, write: Write, turn: int) -> list[tuple[User, str]]:
        """Who tries: for each reason the rules give to refuse (the role, the record hidden by
        clearance or by need-to-know), one of the users it applies to, taking turns over the
        writes, so that in the end most of the 72 users have tried; and for an approval, the
        reviewer who submitted the record (four eyes)."""
        by_reason: dict[str, list[User]] = {}
        for user in self.world.users:
            reason = _refusal(user, write, self.world.visible(user))
            if reason is not None:
                by_reason.setdefault(reason, []).append(user)
        tries = [(users[turn % len(users)], reason) for reason, users in sorted(by_reason.items())]
        if write.does == "approve" and write.record is not None and hasattr(write.record, "submitted_by_id"):
            tries.append((self.user("reviewer", 3, "all"), "four eyes"))
        return tries

    def created_model(self, path: Path) -> type[models.Model] | None:
        """The model a page or API path creates: a ``<name>_new`` page's is its
        ``<name>_edit`` sibling's."""
        if path.surface == "api":
            return path.model
        sibling = self.by_name.get(path.name.replace("_new", "_edit"))
        return sibling.model if sibling is not None and sibling is not path else None

    def permitted(self) -> User:
        return self.user("coordinator", 3, "all")

    # -- trying ------------------------------------------------------------------------------

    def body(self, write: Write) -> tuple[str, dict[str, Any] | None, dict[str, str]]:
        """The URL, body and headers of the write, as the permitted user would send it."""
        record, path = write.record, write.path
        values = {"key": record.key} if "key" in path.params and record is not None else {}
        if "username" in path.params:
            values["username"] = self.world.author.username
        url = path.url(**values).split("?")[0]
        client = self.client(self.permitted())
        if path.surface == "api":
            if write.does == "create":
                sample = self._target(path.model, "edit")
                body = client.get(f"{url}/{sample.key}").json() if sample is not None else {}
                body["key"] = f"{body.get('key', 'k-new')}-new"
                return url, body, {}
            got = client.get(url)
            body = got.json() if got.status_code == 200 else {}
            headers = {"HTTP_IF_MATCH": got.get("ETag", '"1"')}
            if write.does in REVIEW_ACTIONS:
                return url, {"version": getattr(record, "version", 1), "comment": "matrix"}, headers
            if write.method == "PATCH":
                text = next((k for k, v in body.items() if v == record.key and k != "key"), None)
                body = {text: f"{record.key} (changed)"} if text else {}
            elif write.method == "PUT":
                body = {k: (f"{v} (changed)" if v == record.key and k != "key" else v) for k, v in body.items()}
            return url, body, headers
        source = url
        if write.does == "create" and path.model is not None:
            edit = path.name.replace("_new", "_edit")
            sample = self._target(self.created_model(path), "edit") if edit != path.name else None
            source = _edit_url(edit, sample) or url
        html = client.get(source).content.decode()
        data, actions = page_form(html, url if source == url else source)
        data = _changed(data, record.key if record is not None else None)
        if actions:
            wanted = {"approve": "approve", "return": "return", "submit": "submit"}.get(write.does)
            data["action"] = [wanted if wanted in actions else actions[0]]
            data.setdefault("comment", ["matrix"])
        return url, data, {}

    def send(self, user: User, write: Write, url: str, body: Any, headers: dict[str, str]) -> Any:
        client = self.client(user)
        if write.path.surface == "api":
            return client.generic(write.method, url, json.dumps(body) if body is not None else "",
                                  content_type="application/json", **headers)
        return client.post(url, body or {})

    def state(self, write: Write) -> tuple:
        model = self.created_model(write.path) if write.does == "create" else write.path.model
        row = None
        if write.record is not None:
            row = tuple(type(write.record).objects.filter(pk=write.record.pk).values_list())
        return row, model.objects.count() if model is not None else None

    def prepare(self, write: Write) -> None:
        """Four eyes: the reviewer who will try to approve is the one who submitted it."""
        if write.rule is not None:
            write.rule.prepare()
            return
        if write.does == "approve" and write.record is not None and hasattr(write.record, "submitted_by_id"):
            four_eyes = self.user("reviewer", 3, "all")
            type(write.record).objects.filter(pk=write.record.pk).update(submitted_by=four_eyes)
            write.record.submitted_by_id = four_eyes.pk

    def check(self, write: Write, outcome: WriteOutcome, turn: int) -> tuple[str, Any, dict[str, str]] | None:
        """Try the forbidden users; answer the write as the permitted user would send it."""
        if write.rule is not None:
            self.check_rule(write, outcome, turn)
            return None
        url, body, headers = self.body(write)
        outcome.requests += 1
        tries = self.forbidden(write, turn)
        assert tries, f"{write.label}: nobody the rules forbid it"
        for user, why in tries:
            assert not _allowed(user, write, self.world.visible(user)), f"{write.label}: {user.username} may ({why})"
            before = self.state(write)
            response = self.send(user, write, url, body, headers)
            outcome.requests += 1
            outcome.checks += 1
            outcome.users.add(user.username)
            where = f"{write.label} {url} as {user.username} ({why})"
            if response.status_code >= 500:
                outcome.refused.append(f"{where}: {response.status_code}")
            elif write.path.surface == "api" and response.status_code not in REFUSALS[why]:
                outcome.refused.append(f"{where}: answered {response.status_code}, not one of {REFUSALS[why]}")
            if self.state(write) != before:
                outcome.refused.append(f"{where}: the write was not refused")
        return url, body, headers

    def send_try(self, write: Write, attempt: Try) -> tuple[Any, tuple, tuple]:
        """Send one try of a rule; answer the response and the rule's state before and after."""
        rule = write.rule
        with transaction.atomic():
            before = rule.state()
            if write.path.surface == "api":
                response = self.client(attempt.user).generic(
                    write.method, attempt.url, json.dumps(attempt.body) if attempt.body else "",
                    content_type="application/json")
            else:
                response = self.client(attempt.user).post(attempt.url, attempt.body)
            after = rule.state()
            transaction.set_rollback(attempt.rollback)
        return response, before, after

    def check_rule(self, write: Write, outcome: WriteOutcome, turn: int) -> None:
        tries = write.rule.tries(turn)
        assert tries, f"{write.label}: nobody the rules forbid it"
        for attempt in tries:
            response, before, after = self.send_try(write, attempt)
            outcome.requests += 1
            outcome.checks += 1
            outcome.users.add(attempt.user.username)
            where = f"{write.label} {attempt.url} as {attempt.user.username} ({attempt.why})"
            if response.status_code >= 500:
                outcome.refused.append(f"{where}: {response.status_code}")
            elif response.status_code not in attempt.refusals:
                outcome.refused.append(f"{where}: answered {response.status_code}, not one of {attempt.refusals}")
            if after != before:
                outcome.refused.append(f"{where}: the write was not refused")

    def _permitted_rule(self, write: Write, outcome: WriteOutcome) -> None:
        attempt = write.rule.permitted()
        if attempt is None:  # no one may, or no one here can (a password)
            return
        attempt.rollback = True
        response, before, after = self.send_try(write, attempt)
        outcome.requests += 1
        if response.status_code < 400 and after != before:
            outcome.permitted += 1
        else:
            outcome.unproven.append(f"{write.label} {attempt.url} as {attempt.user.username}: "
                                    f"{response.status_code}")

    def _permitted(self, write: Write, url: str, body: Any, headers: dict[str, str],
                   outcome: WriteOutcome) -> None:
        user = self.permitted()
        with transaction.atomic():
            before = self.state(write)
            response = self.send(user, write, url, body, headers)
            outcome.requests += 1
            changed = self.state(write) != before
            transaction.set_rollback(True)
        if response.status_code < 400 and changed:
            outcome.permitted += 1
        else:
            outcome.unproven.append(f"{write.label} {url}: {response.status_code}")


def _refusal(user: User, write: Write, visible: frozenset[str]) -> str | None:
    """Why the rules refuse ``user`` this write, or None when they allow it."""
    if _allowed(user, write, visible):
        return None
    record = write.record
    if record is not None and record.key not in visible:
        mission = getattr(record, "mission", None) if type(record).__name__ != "Mission" else record
        levels = [record.classification, getattr(mission, "classification", 0)]
        return "clearance" if user.clearance < max(levels) else "need-to-know"
    model = type(record) if record is not None else write.path.model
    roles = permissions.REVIEWER_ROLES if write.does in ("approve", "return") else (
        permissions.writer_roles(model) if model is not None else permissions.WRITER_ROLES)
    if not permissions.has_role(user, roles) or write.path.name.startswith("user_"):
        return "role"
    return "state"  # the record's state, or who wrote or submitted it


def _allowed(user: User, write: Write, visible: frozenset[str]) -> bool:
    """Whether the rules would let ``user`` do ``write`` (the forbidden users must be not):
    ``visible`` is what the user may see, by key."""
    record, model = write.record, write.path.model
    if record is not None and record.key not in visible:
        return False
    if write.path.name.startswith("user_") or write.path.name == "user_activation":
        return permissions.can_manage_users(user)
    if not permissions.can_write_some(user):
        return False
    if record is None:
        return model is None or permissions.can_create(user, model)
    if write.does == "approve":
        return permissions.can_approve(user, record) or not hasattr(record, "submitted_by_id")
    if write.does in ("return", "submit"):
        return True
    if write.does == "delete":
        return permissions.delete_refusal(user, record) is None
    if write.does == "create":  # a record under this one, of a model the URL does not name
        return True
    return permissions.write_refusal(user, record) is None


def _edit_url(name: str, record: models.Model | None) -> str | None:
    from django.urls import NoReverseMatch, reverse

    if record is None:
        return None
    try:
        return reverse(name, args=[record.key])
    except NoReverseMatch:
        return None


def write_all(world: World, paths: list[Path], surfaces: tuple[str, ...]) -> tuple[WriteOutcome, list[Write]]:
    """Try every write of ``surfaces`` as the forbidden users, compare the database's checksum
    before and after, then as the permitted user (each rolled back)."""
    from missiemonitor.testing.dbstate import database_checksum

    writer = Writer(world, paths)
    found = [w for w in writer.writes(paths) if w.path.surface in surfaces]
    for write in found:
        writer.prepare(write)
    for user in [*world.users, writer.permitted(), world.author, world.onboarder]:  # signing in
        writer.client(user)  # touches last_login
    outcome = WriteOutcome()
    before = database_checksum()
    sent = [(write, writer.check(write, outcome, turn)) for turn, write in enumerate(found)]
    if database_checksum() != before:
        outcome.refused.append("the database changed while only forbidden writes were tried")
    for write, request in sent:
        if write.rule is not None:
            writer._permitted_rule(write, outcome)
        else:
            writer._permitted(write, *request, outcome)
    return outcome, found
