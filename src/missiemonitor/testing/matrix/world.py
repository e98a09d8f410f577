"""The world of the authorisation matrix: a record of every kind in every *slot*, and a user for
every role × clearance × mission membership.

A slot is a mission (``a``, ``b``, ``c``, or ``n`` for none) and a classification level
(0–3). Every record's key says its kind and slot, ``k-<kind>-<mission><level>``
(``k-contribution-a2``), and its texts (names, titles, descriptions) are that key too, so a
page that names a record, in a link or in words, shows its key: :func:`keys_in` finds them.

The world is built so that every record a user may see stands next to records they may not:

* **parts one level up**: a part of a record (a role of a contribution, a condition of a
  long-term objective) at level ``l`` belongs to the owner at ``l - 1``, so an owner at the
  user's clearance has a part just above it;
* **references one level up**: a reference (a role's location, an event's source, a
  contribution's mandates) of a record at ``l`` points at level ``(l + 1) mod 4``; references
  to records of the same kind in other missions and across missions (a visit's missions,
  evidence citing a finding of the next mission) are there too;
* **a classified mission**: mission ``c`` is Stg. Confidentieel while some of its records are
  not, so a user with need-to-know for all missions may see a record of a mission they may not
  see.

Every record has a history in the audit trail, written by the same capture as any write: its
creation (with its texts, which are its key from the start), its parts and lists. Besides, the events below Stg. Geheim
were Stg. Geheim for a while, with texts of that time that name the level (``k-eventsecret1-a3``
for ``k-event-a1``, :attr:`World.classified_texts`): readers below it may see the event, not
those texts. And an event was created unclassified and raised to Stg. Geheim since
(``k-raised-a3``). Every user has an API token and an authenticator app where sign-in asks for
one (and users of mission ``a`` have one too), made by the services of ``accounts``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import models

from missiemonitor.accounts.models import MissionMembership, Role, User
from missiemonitor.accounts.tokens import token_create
from missiemonitor.accounts.twofactor import (
    totp_setup_begin,
    totp_setup_confirm,
    two_factor_required,
)
from missiemonitor.audit.context import audit_context
from missiemonitor.core.models import Classification, Record
from missiemonitor.core.permissions import can_manage_users
from missiemonitor.results.models import LogBatch, LogEntry, ScaleLevel
from missiemonitor.testing import factories as f

LEVELS = tuple(int(level) for level in Classification.values)  # 0..3
MISSIONS = {"a": Classification.ONGERUBRICEERD, "b": Classification.ONGERUBRICEERD,
            "c": Classification.STG_CONFIDENTIEEL}
NONE = "n"  # the slot of records that belong to no mission
MEMBERSHIPS = ("none", "one", "all")  # no mission, mission a only, need-to-know for all
ONE_MISSION = "a"
# The review state of the assessment and field report of each level: approved ones for progress
# and reports, a draft to submit, a submitted one (above the lowest clearance) to approve.
REVIEW_STATES = ("approved", "draft", "submitted", "returned")
KEY = re.compile(r"k-[a-z0-9]+-[a-z]\d(?![A-Za-z0-9])")
DAY = dt.date(2024, 9, 1)  # inside the reporting period the pages default to
START, END = dt.date(2024, 5, 1), dt.date(2025, 4, 30)
# Texts that are codes a page parses or links (a Kamerstuk dossier, an ISO country, a URL, a
# log category) keep the factory's value; every other free text is the record's key.
KEPT_TEXTS = frozenset({"dossier", "country", "url", "log_category", "unit", "unit_en"})


def key(kind: str, mission: str, level: int) -> str:
    return f"k-{kind}-{mission}{level}"


def slot_of(record_key: str) -> tuple[str, int]:
    """The mission letter and level a world key names."""
    return record_key[-2], int(record_key[-1])


def keys_in(text: str) -> set[str]:
    """Every world key in ``text``."""
    return set(KEY.findall(text))


@dataclass
class World:
    records: dict[str, models.Model] = field(default_factory=dict)  # key -> record
    users: list[User] = field(default_factory=list)
    author: User | None = None  # writes the review records; a member of every mission
    token_prefix: str = ""  # of the author's API token
    batches: dict[str, tuple[str, int]] = field(default_factory=dict)  # log batch -> slot
    # Texts a record had while it was classified higher: text -> (record key, that level).
    classified_texts: dict[str, tuple[str, int]] = field(default_factory=dict)
    tokens: dict[str, int] = field(default_factory=dict)  # API token prefix -> its owner's pk
    apps: dict[int, Any] = field(default_factory=dict)  # user pk -> confirmed authenticator app
    onboarder: User | None = None  # uploads a document to onboard, which no one else may read
    visible_cache: dict[tuple, frozenset[str]] = field(default_factory=dict)

    def __getitem__(self, record_key: str) -> models.Model:
        return self.records[record_key]

    def get(self, kind: str, mission: str, level: int) -> models.Model | None:
        return self.records.get(key(kind, mission, level))

    def tokens_of(self, user: User) -> set[str]:
        """The prefixes of the API tokens ``user`` may see: their own, and for those who manage
        users, every user's (a user's page lists them)."""
        if can_manage_users(user):
            return set(self.tokens)
        return {prefix for prefix, owner in self.tokens.items() if owner == user.pk}

    def keys_of(self, model: type[models.Model]) -> list[str]:
        return sorted(k for k, r in self.records.items() if type(r) is model)

    def visible(self, user: User) -> frozenset[str]:
        """The world keys (records, and log batches by their rows) ``user`` may see, computed
        directly with ``visible_to``: once per visibility profile, since the rule reads only
        the clearance, need-to-know for all missions and the memberships of a user."""
        profile = (user.clearance, user.all_missions, frozenset(user.mission_ids), user.is_active)
        if profile not in self.visible_cache:
            seen: set[str] = set()
            for model in {type(r) for r in self.records.values()}:
                seen.update(model.objects.visible_to(user).values_list("key", flat=True))
            seen.update(LogEntry.objects.visible_to(user).values_list("batch", flat=True))
            seen &= set(self.records) | set(self.batches)
            seen.update(text for text, (record_key, level) in self.classified_texts.items()
                        if record_key in seen and level <= user.clearance)
            self.visible_cache[profile] = frozenset(seen)
        return self.visible_cache[profile]

    @property
    def all_keys(self) -> frozenset[str]:
        return frozenset(self.records) | frozenset(self.batches)

    @property
    def models(self) -> frozenset[type[models.Model]]:
        return frozenset(type(record) for record in self.records.values())


class _Builder:
    def __init__(self) -> None:
        self.world = World()

    def add(self, kind: str, slot: str, level: int, factory, /, **values) -> models.Model:
        """A record of ``factory`` with its key and texts (:func:`text_fields`) from the start."""
        record_key = key(kind, slot, level)
        model = getattr(getattr(factory, "_meta", None), "model", None)
        texts = dict.fromkeys(text_fields(model, record_key), record_key) if model is not None else {}
        record = factory(key=record_key, classification=level, **{**texts, **values})
        self.world.records[record_key] = record
        return record

    def get(self, kind: str, mission: str, level: int) -> models.Model | None:
        return self.world.get(kind, mission, level)

    # -- the records ------------------------------------------------------------------------

    def reference_records(self) -> None:
        for level in LEVELS:
            add = lambda kind, factory, at=level, **v: self.add(kind, NONE, at, factory, **v)  # noqa: E731
            add("organisation", f.OrganisationFactory)
            add("source", f.SourceFactory, date=DAY)
            add("location", f.LocationFactory)
            add("scale", f.RatingScaleFactory)
            add("dimension", f.DimensionFactory, values=["a", "b", "c"])
            add("mandate", f.MandateFactory, date=dt.date(2023, 7, 7))
            add("signatory", f.SignatoryFactory)
        for letter, level in MISSIONS.items():
            self.add("mission", letter, level, f.MissionFactory)

    def chain(self, m: str, level: int) -> None:
        """The records of slot (``m``, ``level``) whose required references exist already."""
        mission = None if m == NONE else self.get("mission", m, MISSIONS[m])
        owner = max(level - 1, 0)
        up = (level + 1) % len(LEVELS)
        ref = lambda kind, at=up: self.get(kind, NONE, at)  # noqa: E731
        add = lambda kind, factory, **v: self.add(kind, m, level, factory, **v)  # noqa: E731
        author = self.world.author
        if mission is not None:
            add("planned", f.PlannedContributionFactory, mandate=ref("mandate", owner), mission=mission)
            add("contribution", f.ContributionFactory, mission=mission, start=dt.date(2023, 1, 1))
            contribution = self.get("contribution", m, owner)
            add("asset", f.AssetFactory, contribution=contribution, mission=mission)
            add("milestone", f.MilestoneFactory, contribution=contribution, mission=mission, date=DAY)
            add("role", f.RoleFactory, contribution=contribution, mission=mission, location=ref("location"))
            add("posting", f.PostingFactory, role=self.get("role", m, owner), mission=mission,
                start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
            add("schedule", f.ReportingScheduleFactory, contribution=contribution, mission=mission,
                start=START, end=END)
            add("fieldreport", f.FieldReportFactory, contribution=contribution, mission=mission,
                author=author, status=REVIEW_STATES[level],
                submitted_by=author if level != 1 else None)
            add("expenditure", f.ExpenditureFactory, mission=mission, contribution=contribution,
                amount=Decimal(1000 + level))
            add("incident", f.IncidentFactory, contribution=contribution, mission=mission,
                location=ref("location"), date=DAY)
        else:
            add("incident", f.IncidentFactory, contribution=None, mission=None,
                location=ref("location"), date=DAY)
        add("framework", f.FrameworkFactory, mission=mission)
        add("version", f.FrameworkVersionFactory, framework=self.get("framework", m, owner),
            mission=mission, scale=ref("scale"), issued=dt.date(2023, 1, 1))
        add("objective", f.ObjectiveFactory, mission=mission, mandate=ref("mandate"))
        add("lto", f.LongTermObjectiveFactory, framework_version=self.get("version", m, owner),
            mission=mission)
        lto = self.get("lto", m, owner)
        add("condition", f.ConditionFactory, objective=lto, mission=mission)
        add("conditionb", f.ConditionFactory, objective=lto, mission=mission)
        condition = self.get("condition", m, owner)
        scale = condition.objective.framework_version.scale
        add("assessment", f.ConditionAssessmentFactory, condition=condition, mission=mission,
            level=ScaleLevel.objects.filter(scale=scale).order_by("rank").last(), date=DAY,
            state=REVIEW_STATES[level], assessor=author,
            submitted_by=author if level != 1 else None)
        add("indicator", f.IndicatorFactory, mission=mission, log_dimension=ref("dimension"),
            log_kind="flight" if mission is not None else "")
        add("observation", f.ObservationFactory, indicator=self.get("indicator", m, owner),
            mission=mission, source=ref("source"))
        add("visit", f.MonitoringVisitFactory, mission=mission, mandate=ref("mandate"), start=DAY)
        add("finding", f.FindingFactory, visit=self.get("visit", m, owner), mission=mission)
        add("action", f.FollowUpActionFactory, finding=self.get("finding", m, owner),
            mission=mission, due=dt.date(2024, 12, 1))
        add("event", f.ContextEventFactory, mission=mission, place=ref("location"),
            source=ref("source"), start=DAY)
        add("threat", f.ThreatAssessmentFactory, mission=mission, location=ref("location"),
            source=ref("source"))
        add("programme", f.ProgrammeFactory, mission=mission, partner=ref("organisation"))
        add("narrative", f.NarrativeBlockFactory, mission=mission)

    def links(self, m: str, level: int) -> None:
        """References across slots, once every slot exists."""
        up = (level + 1) % len(LEVELS)
        get = lambda kind, at=level, mission=m: self.get(kind, mission, at)  # noqa: E731
        ref = lambda kind, at=up: self.get(kind, NONE, at)  # noqa: E731
        missions = [self.get("mission", letter, lvl) for letter, lvl in MISSIONS.items()]
        nxt = {"a": "b", "b": "c", "c": "a", NONE: NONE}[m]
        if m != NONE:
            contribution = get("contribution")
            contribution.mandates.add(ref("mandate", level), ref("mandate"))
            contribution.realises.add(get("planned"), get("planned", up))
            contribution.locations.add(ref("location", level), ref("location"))
        upper = get("contribution", up) if m != NONE else None
        self.update(get("objective"), contribution=upper,
                    parent=get("objective", level + 1) if level + 1 < len(LEVELS) else None)
        lto = get("lto")
        self.update(lto, objective=get("objective", up))
        if m != NONE:
            lto.roles.add(get("role"), get("role", up))
        self.update(get("indicator"), contribution=upper, objective=get("objective", up),
                    programme=get("programme", up))
        get("indicator").dimensions.add(ref("dimension", level), ref("dimension"))
        get("indicator").targets.create(start=START, end=END, value=Decimal(10))
        visit = get("visit")
        visit.missions.add(*missions)
        visit.organisations.add(ref("organisation", level), ref("organisation"))
        self.update(get("finding"), contribution=upper, objective=get("objective", up))
        self.update(get("action"), adjusted_contribution=upper, adjusted_objective=get("objective", up),
                    adjusted_mandate=ref("mandate"))
        self.update(get("programme"), parent=get("programme", level + 1) if level + 1 < len(LEVELS) else None)
        get("programme").transactions.create(kind="disbursement", date=DAY, amount=Decimal(500 + level),
                                              receiver=ref("organisation"), description=get("programme").key)
        self.update(get("narrative"), contribution=upper)
        get("event").figures.create(value=Decimal(7), unit="aanvallen")
        self.add("mapping", m, level, _mapping, source=get("conditionb", up), target=get("condition"),
                 mission=get("condition").mission)
        # An evidence item cites one record: a finding of the next mission, an observation, a
        # field report or a document, by level; never one above its own level.
        kind = ("finding", "observation", "field-report", "document")[level]
        if m == NONE and kind == "field-report":
            kind = "document"
        cited = {"finding": get("finding", level, nxt), "observation": get("observation"),
                 "field-report": get("fieldreport"), "document": ref("source", level)}[kind]
        self.add("evidence", m, level, f.EvidenceFactory, assessment=get("assessment", max(level - 1, 0)),
                 mission=get("assessment").mission, kind=kind,
                 **{"finding": None, "observation": None, "field_report": None, "document": None,
                    kind.replace("-", "_"): cited})
        if m != NONE:
            batch = key("logbatch", m, level)
            self.world.batches[batch] = (m, level)
            LogBatch.objects.create(kind="flight", name=batch)
            LogEntry.objects.bulk_create(
                LogEntry(kind="flight", contribution=get("contribution"), mission=get("contribution").mission,
                         classification=level, date=DAY + dt.timedelta(days=n), quantity=Decimal(2),
                         category="a", asset=batch, batch=batch)
                for n in range(2))

    def reference_links(self) -> None:
        missions = [self.get("mission", letter, lvl) for letter, lvl in MISSIONS.items()]
        for level in LEVELS:
            self.get("mandate", NONE, level).missions.add(*missions)
            if level + 1 < len(LEVELS):
                self.update(self.get("location", NONE, level), parent=self.get("location", NONE, level + 1))

    @staticmethod
    def update(record: models.Model, **values) -> None:
        for name, value in values.items():
            setattr(record, name, value)
        type(record).objects.filter(pk=record.pk).update(**values)

    def texts(self, records: list[models.Model] | None = None, text: str | None = None) -> None:
        """Every free text of every record is its key (or ``text``): a page that names a record
        shows it. Records made with their texts (:meth:`add`) are left as they are; the others
        are saved as a change, so each record's history holds its texts' values."""
        for record in self.world.records.values() if records is None else records:
            names = [name for name in text_fields(type(record), text or record.key)
                     if getattr(record, name) != (text or record.key)]
            for name in names:
                setattr(record, name, text or record.key)
            if names:
                record.save(update_fields=[*names, "classification"])

    def history(self) -> None:
        """A history under classification: the events below Stg. Geheim were Stg. Geheim for a
        while, with texts of that time; an event made unclassified was raised to Stg. Geheim
        since. Saved as changes, so the audit trail holds them as any write."""
        top = max(LEVELS)
        for m, level in itertools.product((*MISSIONS, NONE), LEVELS[:-1]):
            event = self.get("event", m, level)
            secret = key(f"eventsecret{level}", m, top)
            self.world.classified_texts[secret] = (event.key, top)
            event.classification = top
            self.texts([event], secret)  # saves the classification too
            event.classification = level
            self.texts([event])
        for m in (*MISSIONS, NONE):
            mission = None if m == NONE else self.get("mission", m, MISSIONS[m])
            raised = f.ContextEventFactory(key=key("raised", m, top), classification=0, mission=mission,
                                           start=DAY)
            self.world.records[raised.key] = raised
            self.texts([raised])
            raised.classification = top
            raised.save(update_fields=["classification"])

    # -- the users -------------------------------------------------------------------------------

    def users(self) -> None:
        group = Group.objects.create(name="matrix-administrators")
        group.permissions.set(Permission.objects.filter(codename__regex=r"^(view|add|change)_"))
        one = self.get("mission", ONE_MISSION, MISSIONS[ONE_MISSION])
        users = []
        for role, clearance, membership in itertools.product(Role.values, LEVELS, MEMBERSHIPS):
            users.append(User(username=f"u-{role}-{clearance}-{membership}", role=role,
                              clearance=clearance, all_missions=membership == "all",
                              is_staff=role == Role.COORDINATOR,  # the administrators
                              password="!"))  # noqa: S106 - unusable: no slow hashing
        User.objects.bulk_create(users)
        self.world.users = list(User.objects.filter(username__startswith="u-").order_by("pk"))
        group.user_set.add(*self.world.users)
        MissionMembership.objects.bulk_create(
            MissionMembership(user=u, mission=one) for u in self.world.users if u.username.endswith("-one"))

    def accounts(self) -> None:
        """An API token for every user, and an authenticator app for each who must sign in with
        one, the users of mission a and the author, through the services of ``accounts``."""
        from missiemonitor.testing.otp import code_for

        world = self.world
        people = [*world.users, world.author, world.onboarder]
        for user in people:
            token = token_create(user=user, name=f"matrix {user.username}")[0]
            world.tokens[token.prefix] = user.pk
            if user is world.author:
                world.token_prefix = token.prefix
            if two_factor_required(user) or user.username.endswith("-one") or user is world.author:
                device = totp_setup_begin(user=user)
                world.apps[user.pk] = totp_setup_confirm(user=user, code=code_for(device))[0]


def text_fields(model: type[models.Model], text: str) -> list[str]:
    """The free texts of ``model`` that hold ``text`` (not codes a page parses, see
    :data:`KEPT_TEXTS`, nor choices or addresses)."""
    return [fld.name for fld in model._meta.concrete_fields
            if isinstance(fld, models.CharField | models.TextField) and not fld.choices
            and not isinstance(fld, models.URLField) and fld.name not in KEPT_TEXTS
            and fld.name != "key" and (fld.max_length or 100) >= len(text)]


def _mapping(**values):
    from missiemonitor.results.models import ConditionMapping

    return ConditionMapping.objects.create(relation="same", **values)


def build_world() -> World:
    """Build the world in the current database (about 600 records and 72 users)."""
    builder = _Builder()
    builder.world.author = User.objects.create(
        username="matrix-author", role=Role.FIELD_REPORTER, clearance=max(LEVELS), password="!")  # noqa: S106
    builder.reference_records()
    slots = [(m, level) for m in (*MISSIONS, NONE) for level in LEVELS]
    for m, level in slots:
        builder.chain(m, level)
    builder.reference_links()
    for m, level in slots:
        builder.links(m, level)
    builder.texts()
    with audit_context(channel="web", actor=builder.world.author):
        builder.history()
    builder.users()
    MissionMembership.objects.bulk_create(
        MissionMembership(user=builder.world.author, mission=builder.get("mission", letter, level))
        for letter, level in MISSIONS.items())
    builder.world.onboarder = User.objects.create(
        username="matrix-onboarder", role=Role.COORDINATOR, clearance=max(LEVELS), all_missions=True,
        password="!")  # noqa: S106
    builder.accounts()
    _check_complete(builder.world)
    return builder.world


def _check_complete(world: World) -> None:
    """Every record in the database is one of the world's, so none escapes the check, except
    those the migrations bring (the standard rating scales), which everyone may see."""
    stray = []
    for model in apps.get_models():
        if issubclass(model, Record):
            others = model.objects.exclude(key__in=world.records)
            if model is apps.get_model("results", "RatingScale"):
                others = others.exclude(classification=0, mission=None)
            stray += list(others.values_list("key", flat=True))
    assert not stray, f"records outside the matrix world: {sorted(set(stray))[:10]}"
