"""Reading every path as a user and comparing what it shows with what the user may see.

"What it shows" is the set of world keys in the answer (:func:`world.keys_in`): in links,
attributes and texts of a page (every world record's texts are its key), in the JSON of the
API, in a YAML export, in a report file, and in a redirect's ``Location``. "What the user may
see" is :meth:`World.visible`, computed directly with ``visible_to``. A key shown that the user
may not see is a leak.

A path with a key is read with a record the user may see, chosen to have as much hidden around
it as the world offers (the user's own clearance level, so its parts and references one level
up are hidden; the classified mission first for users with need-to-know for all missions), or,
when the user may see no record of that model, with one they may not: then the answer must be
a refusal (403, 404, 405, or the admin's redirect) that shows nothing either. Some users also
read a record hidden from them by clearance or by need-to-know (:data:`HIDDEN_PROBES`).

The History tab and the API's audit entries are read per model like the record's own page; a
text a record had while classified above the reader (:attr:`World.classified_texts`) counts as
a key they may not see. An audit entry in the admin is read for an event's (:data:`PROBE_MODELS`).
Accounts have secrets of their own: an answer shows no API token of another user (by its
prefix; those who manage users see everyone's on the pages), and no authenticator app's key at
all. A pending onboarding (its token in the path) is its uploader's only: it is read by the
uploader and refused to everyone else.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from missiemonitor.accounts.models import ApiToken, User
from missiemonitor.accounts.twofactor import totp_secret_text
from missiemonitor.audit.models import AuditEntry
from missiemonitor.context.models import ContextEvent
from missiemonitor.testing.matrix.paths import Path
from missiemonitor.testing.matrix.world import NONE, ONE_MISSION, World, keys_in, slot_of

REFUSALS = frozenset({403, 404, 405})
MISSING = "k-nothing-z0"  # a key of no record: a path with nothing to show this user
# Admin pages of rows that are not records read a row of a record: an audit entry, an event's
# (the entry of its creation, with its references, and its latest, with its classified texts).
PROBE_MODELS: dict[type, type] = {AuditEntry: ContextEvent}
LATEST = "#latest"  # after a record's key: its latest audit entry
HEX = re.compile(r"[0-9a-f]{8,}")  # an API token's prefix (8), an authenticator app's key (40)
APP_KEY_TEXT = re.compile(r"[A-Z2-7]{4}(?: ?[A-Z2-7]{4}){7}")  # the key as the set-up page shows it
# A short document to onboard: a letter with a mission, a contribution and its period.
LETTER = ("Artikel 100-brief over de bijdrage aan de VN-missie in Valdoria\n\n"
          "Met deze brief informeert het kabinet uw Kamer over het besluit om van 1 april 2026 tot "
          "en met 31 maart 2027 bij te dragen aan de United Nations Stabilisation Mission in "
          "Valdoria (UNSMV).\n\nNederland levert vanaf april 2026 zes stafofficieren aan het "
          "hoofdkwartier van UNSMV.\n")


@dataclass
class Outcome:
    """What the matrix found: leaks (keys shown that the user may not see), errors (a server
    error, or an answer that cannot be right), and the number of checks."""

    checks: int = 0
    requests: int = 0
    leaks: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    answered: set[str] = field(default_factory=set)  # paths that showed something to someone
    refused_all: dict[str, bool] = field(default_factory=dict)  # path -> every answer was 400

    def merge(self, other: Outcome) -> None:
        self.checks += other.checks
        self.requests += other.requests
        self.leaks += other.leaks
        self.errors += other.errors
        self.answered |= other.answered
        for label, bad in other.refused_all.items():
            self.refused_all[label] = self.refused_all.get(label, True) and bad


def body_text(response: Any) -> str:
    """The text of an answer, including the XML inside ODT and DOCX files."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            raw = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    text = raw.decode("utf-8", errors="replace")
    return text + "\n" + response.get("Location", "")


def _preference(user: User) -> list[str]:
    """The missions whose records a user is shown first: the classified mission for users who
    may see every mission (a record they may see in a mission they may not), their own mission,
    then the rest."""
    if user.all_missions:
        return ["c", ONE_MISSION, "b", NONE]
    return [ONE_MISSION, NONE, "b", "c"]


class Reader:
    """Reads paths as users with one test client per user (signed in once)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.clients: dict[int, Client] = {}
        self.reports: dict[int, tuple[str, str]] = {}  # user -> (batch, file name)
        self.pending: str | None = None  # the onboarder's pending onboarding
        self.uploader_read: set[str] = set()  # paths the onboarder read
        apps = TOTPDevice.objects.filter(pk__in=[d.pk for d in world.apps.values()])
        self.app_keys = {d.key for d in apps} | {totp_secret_text(d).replace(" ", "") for d in apps}

    def client(self, user: User) -> Client:
        if user.pk not in self.clients:
            client = Client()
            client.force_login(user)
            self.clients[user.pk] = client
        return self.clients[user.pk]

    # -- choosing records --------------------------------------------------------------------

    def visible_probe(self, model: Any, user: User) -> str | None:
        """The record of ``model`` the user may see with the most hidden around it."""
        visible = self.world.visible(user)
        candidates = [k for k in self.world.keys_of(model) if k in visible]
        if not candidates:
            return None
        order = _preference(user)
        return min(candidates, key=lambda k: (-slot_of(k)[1], order.index(slot_of(k)[0])))

    def hidden_probe(self, model: Any, user: User, reason: str) -> str | None:
        """A record of ``model`` hidden from the user: by ``clearance`` (in a mission they
        may see, one level up) or by ``mission`` (at their level, in a mission they may not
        see)."""
        visible = self.world.visible(user)
        hidden = [k for k in self.world.keys_of(model) if k not in visible]
        if reason == "clearance":
            hidden = [k for k in hidden if slot_of(k)[1] > user.clearance
                      and (slot_of(k)[0] in (ONE_MISSION, NONE) or user.all_missions)]
        else:
            hidden = [k for k in hidden if slot_of(k)[1] <= user.clearance]
        return min(hidden, key=lambda k: (slot_of(k)[1], k)) if hidden else None

    def pk(self, record_key: str | None, model: Any) -> Any:
        if record_key is None or record_key == MISSING:
            return 987654321
        return self.world[record_key].pk

    # -- reading -----------------------------------------------------------------------------

    def values(self, path: Path, user: User, record_key: str | None) -> dict[str, Any]:
        """The path's parameters for this user, with ``record_key`` for its record."""
        values: dict[str, Any] = {}
        for name in path.params:
            if name == "key":
                values[name] = record_key or MISSING
            elif name == "object_id" and path.model is not None:
                values[name] = self._object_id(path.model, record_key)
            elif name == "object_id":  # the admin's "view on site": a hidden contribution
                values[name] = self.pk(record_key, None)
            elif name == "content_type_id":
                values[name] = ContentType.objects.get_for_model(self.world["k-contribution-a0"]).pk
            elif name == "app_label":
                values[name] = "missions"
            elif name == "username":
                values[name] = self.world.author.username
            elif name in ("batch", "report_id"):
                values[name] = self.report(user)[0]
            elif name in ("filename", "name"):
                values[name] = self.report(user)[1]
            elif name == "kind":
                values[name] = "flight"
            elif name == "prefix":
                values[name] = self.world.token_prefix
            elif name == "pk":  # another user's authenticator app
                values[name] = self.world.apps[self.world.author.pk].pk
            elif name == "token":
                values[name] = self.onboarding()
            else:  # pragma: no cover - paths.all_paths refuses unknown parameters
                raise KeyError(name)
        if "kind" in values and "batch" in path.params:  # a log batch, not a report
            values["batch"] = self.batch(user)
        return values

    def _object_id(self, model: Any, record_key: str | None) -> Any:
        if model is AuditEntry:  # an entry of the record: its creation, or its latest
            record_key, latest, _rest = (record_key or "").partition(LATEST)
            record = self.world.records.get(record_key)
            entry = AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(PROBE_MODELS[AuditEntry]),
                object_id=record.pk if record is not None else None).order_by(
                "-sequence" if latest else "sequence").first()
            return entry.pk if entry is not None else 987654321
        if record_key is not None and record_key in self.world.records:
            return self.world[record_key].pk
        if model is User:
            return self.world.author.pk
        if model is TOTPDevice:  # another user's
            return self.world.apps[self.world.author.pk].pk
        if model is ApiToken:
            return ApiToken.objects.get(prefix=self.world.token_prefix).pk
        first = model._default_manager.order_by("pk").first()
        return first.pk if first is not None and record_key != MISSING else 987654321

    def batch(self, user: User) -> str:
        """A log batch with rows the user may see, or else one without."""
        visible = self.world.visible(user)
        batches = sorted(self.world.batches, key=lambda b: (b not in visible, b))
        return batches[0]

    def onboarding(self) -> str:
        """The token of a pending onboarding the onboarder uploaded (in their session)."""
        if self.pending is None:
            from django.core.files.uploadedfile import SimpleUploadedFile

            response = self.client(self.world.onboarder).post("/gegevens/onboarding/", {
                "file": SimpleUploadedFile("brief.txt", LETTER.encode()), "classification": "0"})
            found = re.search(r"/gegevens/onboarding/([^/]+)/$", response.get("Location", ""))
            assert found, f"the onboarder's upload answered {response.status_code}"
            self.pending = found[1]
        return self.pending

    def report(self, user: User) -> tuple[str, str]:
        """A report this user generated through the report builder: its batch and file."""
        if user.pk not in self.reports:
            response = self.client(user).post("/rapportage/", {
                "start": "2024-05-01", "end": "2025-04-30", "audience": "restricted",
                "language": "nl", "formats": ["md"]})
            found = re.search(r"/rapportage/bestanden/([0-9a-f]+)/([^\"<>]+)", response.content.decode())
            self.reports[user.pk] = found.groups() if found else ("0" * 32, "missing.md")
        return self.reports[user.pk]

    def check(self, path: Path, user: User, *, probes: Iterable[str] = ()) -> Outcome:
        """Read ``path`` as ``user``: with the record they may see (or, without one, with one
        they may not), and with a hidden record for each reason in ``probes``."""
        outcome = Outcome(checks=1)
        if "token" in path.params:  # a pending onboarding: its uploader's, no one else's
            if path.label not in self.uploader_read:  # the uploader reads it: the token is real
                self.uploader_read.add(path.label)
                self._read(path, self.world.onboarder, None, expect_refusal=False, outcome=outcome)
                if path.label not in outcome.answered:
                    outcome.errors.append(f"{path.label}: its uploader could not read it")
            self._read(path, user, None, expect_refusal=True, outcome=outcome)
            return outcome
        if path.model is None and "object_id" not in path.params:
            self._read(path, user, None, expect_refusal=False, outcome=outcome)
            if "htmx" in probes:  # the fragment an htmx request gets instead of the page
                self._read(path, user, None, expect_refusal=False, outcome=outcome, htmx=True)
            return outcome
        if path.model is None:  # "view on site": a record the user may not see
            hidden = self.hidden_probe(type(self.world["k-contribution-a0"]), user, "mission") or MISSING
            self._read(path, user, hidden, expect_refusal=True, outcome=outcome)
            return outcome
        model = PROBE_MODELS.get(path.model, path.model)
        seen = self.visible_probe(model, user) if model in self.world.models else None
        if seen is None and model in self.world.models:
            hidden = self.hidden_probe(model, user, "mission") or self.hidden_probe(
                model, user, "clearance") or MISSING
            self._read(path, user, hidden, expect_refusal=True, outcome=outcome)
        else:
            self._read(path, user, seen, expect_refusal=False, outcome=outcome)
            if path.model is AuditEntry and seen is not None:
                self._read(path, user, seen + LATEST, expect_refusal=False, outcome=outcome)
        for reason in probes:
            hidden = self.hidden_probe(model, user, reason)
            if hidden is not None and hidden != seen:
                self._read(path, user, hidden, expect_refusal=True, outcome=outcome)
        return outcome

    def _read(self, path: Path, user: User, record_key: str | None, *, expect_refusal: bool,
              outcome: Outcome, htmx: bool = False) -> None:
        url = path.url(**self.values(path, user, record_key))
        headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "visits"} if htmx else {}
        response = self.client(user).get(url, **headers)
        outcome.requests += 1
        where = f"{path.label} {url} as {user.username}"
        outcome.refused_all[path.label] = outcome.refused_all.get(path.label, True) and response.status_code == 400
        if response.status_code >= 500:
            outcome.errors.append(f"{where}: {response.status_code}")
            return
        text = body_text(response)
        # A key the user asked for, echoed back (a problem's "instance"), tells them nothing.
        shown = keys_in(text) - self.world.visible(user) - keys_in(url)
        if expect_refusal:
            if 200 <= response.status_code < 300:
                outcome.leaks.append(f"{where}: {response.status_code} for a record the user may not see")
        elif response.status_code == 200:
            outcome.answered.add(path.label)
        if shown:
            outcome.leaks.append(f"{where}: shows {sorted(shown)}")
        self._account_secrets(path, user, text, url, outcome, where)
        if path.surface == "api" and response.status_code == 200 and "key" not in path.params:
            self._api_list_complete(path, user, response, outcome, where)

    def _account_secrets(self, path: Path, user: User, text: str, url: str, outcome: Outcome,
                         where: str) -> None:
        """No API token of another user (those who manage users see everyone's on the pages;
        a prefix the user asked for, echoed back, tells them nothing) and no authenticator
        app's key."""
        mine = {p for p, owner in self.world.tokens.items() if owner == user.pk}
        allowed = mine if path.surface == "api" else self.world.tokens_of(user)
        hexes = set(HEX.findall(text))
        tokens = hexes & set(self.world.tokens) - allowed - set(HEX.findall(url))
        if tokens:
            outcome.leaks.append(f"{where}: shows the API tokens {sorted(tokens)} of other users")
        keys = hexes | {k.replace(" ", "") for k in APP_KEY_TEXT.findall(text)}
        if keys & self.app_keys:
            outcome.leaks.append(f"{where}: shows the key of an authenticator app")

    def _api_list_complete(self, path: Path, user: User, response: Any, outcome: Outcome,
                           where: str) -> None:
        """An API list of records shows every record of its model the user may see."""
        model = getattr(getattr(getattr(path.view, "cls", None), "queryset", None), "model", None)
        if model is None or "key" in path.params or not (
                hasattr(model.objects, "visible_to") or model is ApiToken):
            return
        body = json.loads(response.content)
        if model is ApiToken:  # the caller's own tokens, every one
            shown = {item["prefix"] for item in body.get("results", [])}
            mine = {p for p, owner in self.world.tokens.items() if owner == user.pk}
            if shown != mine and not body.get("next"):
                outcome.leaks.append(f"{where}: lists the tokens {sorted(shown)}; the user's are {sorted(mine)}")
            return
        if not any(f.name == "key" for f in model._meta.fields):  # log entries: count them
            shown, expected = len(body.get("results", [])), model.objects.visible_to(user).count()
            if shown != expected and not body.get("next"):
                outcome.leaks.append(f"{where}: lists {shown} rows; the user may see {expected}")
            return
        shown = {item["key"] for item in body.get("results", [])}
        expected = set(model.objects.visible_to(user).values_list("key", flat=True))
        if shown != expected and not body.get("next"):
            outcome.leaks.append(f"{where}: lists {len(shown)} of the {len(expected)} records the user "
                                 f"may see (missing {sorted(expected - shown)[:5]})")


# -- who reads what ----------------------------------------------------------------------------

def _profile_user(users: dict[tuple[str, int, str], User], role: str, clearance: int,
                  membership: str) -> User:
    return users[(role, clearance % 4, membership)]


def plan(paths: list[Path], world: World, *, full: bool | str = False) -> list[tuple[Path, User, tuple[str, ...]]]:
    """Which user reads which path, and which hidden records they also try.

    ``full``: every user (or every user of the role ``full`` names) every path. Otherwise a
    rotation over the 72 users (see the matrix test's docstring): a page is read by three
    users, two coordinators (who may open every page) with need-to-know for mission a and for
    all missions, and one of another role, without need-to-know or for mission a by turns,
    at three consecutive clearances rotating over the paths; the two coordinators also read a
    page without a key as htmx asks for it. An API path is read by three users (mission a,
    all, none) of rotating roles and clearances; an admin path by one staff coordinator, the
    profiles rotating over the paths. A reader of mission a below the top clearance also
    tries a record one level above them, one at the top a record of another mission."""
    by = {(u.role, u.clearance, _membership(u)): u for u in world.users}
    roles = sorted({u.role for u in world.users} - {"coordinator"})
    if full:
        return [(path, user, _probes(user) + (("htmx",) if path.surface == "page" and not path.params else ()))
                for path in paths for user in world.users if full is True or user.role == full]
    reads = []
    for i, path in enumerate(sorted(paths, key=lambda p: (p.surface, p.name))):
        if path.surface == "page":
            readers = [("coordinator", i, "one"), ("coordinator", i + 1, "all"),
                       (roles[i % len(roles)], i + 2, ("none", "one")[(i // 20) % 2])]
        elif path.surface == "api":
            readers = [(roles[i % len(roles)], i, "one"), (roles[(i + 1) % len(roles)], i + 1, "all"),
                       ("coordinator", i + 2, "none")]
        else:
            readers = [("coordinator", i // 3, ("one", "all", "none")[i % 3])]
        for n, (role, clearance, membership) in enumerate(readers):
            user = _profile_user(by, role, clearance, membership)
            fragment = ("htmx",) if path.surface == "page" and not path.params and n < 2 else ()
            reads.append((path, user, _probes(user) + fragment))
    return reads


def _membership(user: User) -> str:
    return user.username.rsplit("-", 1)[1]


def _probes(user: User) -> tuple[str, ...]:
    membership = _membership(user)
    if membership == "one" and user.clearance < 3:
        return ("clearance",)
    if membership == "one":
        return ("mission",)
    return ()


def read_all(world: World, paths: list[Path], request: Any, surface: str, *, full: bool | str = False) -> Outcome:
    """Read ``paths`` as :func:`plan` says, record the figures for the run's summary, and
    answer what was found. ``MM_MATRIX_PATHS`` (labels, comma-separated) limits the paths, to
    look into one."""
    import os

    from missiemonitor.testing.matrix import summary

    only = {label for label in os.environ.get("MM_MATRIX_PATHS", "").split(",") if label}
    if only:
        paths = [p for p in paths if p.label in only]
    reader = Reader(world)
    outcome = Outcome()
    users: set[str] = set()
    for path, user, probes in plan(paths, world, full=full):
        outcome.merge(reader.check(path, user, probes=probes))
        users.add(user.username)
    for label, bad in sorted(outcome.refused_all.items()):
        if bad:  # a required query the matrix does not send: it read nothing
            outcome.errors.append(f"{label}: every read answered 400; add its query to paths.QUERIES")
    summary.record(request, surface=surface, paths=len(paths), users=users, checks=outcome.checks,
                   requests=outcome.requests, leaks=len(outcome.leaks))
    return outcome


def full_mode() -> bool | str:
    """``MM_MATRIX=full``: every user reads every path; ``MM_MATRIX=<role>``: every user of
    that role does; unset: the rotation."""
    import os

    value = os.environ.get("MM_MATRIX", "")
    return {"": False, "full": True}.get(value, value)
