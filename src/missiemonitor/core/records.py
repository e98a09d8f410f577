"""Generic writes of domain records: create, update and delete one record on behalf of a user.

These are the services behind plain record edits (the API's create/update/delete, and any page
that edits a record as a whole). Workflow transitions and imports have their own services in
their apps. The rules they enforce:

* **Need-to-know is derived from the model's description** (:mod:`missiemonitor.core.structure`,
  which the dataset loader reads too): a role takes its contribution's mission, a condition its objective's, and so on. A record's
  mission is fixed when it is created; moving records between missions is not an edit.
* **The user must be able to see what they write**: every referenced record, and the record
  itself afterwards (its classification at most their clearance, its mission one of theirs).
* **Optimistic concurrency**: an update or delete names the version it is based on; if the
  record changed since, :class:`StaleVersion` is raised and nothing is written.
* **Deletes do not reach what the user cannot see**: a delete that would cascade to, or is
  blocked by, other records is refused with :class:`RecordInUse`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from missiemonitor.core import structure
from missiemonitor.core.hierarchy import classification_check
from missiemonitor.core.models import Record
from missiemonitor.core.visibility import can_see, visibility_q


class StaleVersion(Exception):
    """The record changed since the version the edit was based on; nothing was written."""

    def __init__(self, current: int) -> None:
        self.current = current
        super().__init__(f"the record is at version {current}")


class RecordInUse(Exception):
    """The record cannot be deleted (or a nested list cannot shrink) because other records
    depend on it. ``dependents`` names them by kind, when known (see :class:`Dependents`)."""

    def __init__(self, message: str, dependents: Dependents | None = None) -> None:
        super().__init__(message)
        self.dependents = dependents


@dataclass
class RecordChanges:
    """What an edit sets: attribute values (foreign keys as model instances), many-to-many
    lists (model instances) and unkeyed nested lists (dicts of attribute values, matched
    within the parent by their natural key, as the dataset loader does)."""

    values: dict[str, Any] = field(default_factory=dict)
    m2m: dict[str, list[models.Model]] = field(default_factory=dict)
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def mission_field_mode(model: type[models.Model]) -> str:
    """``"writable"`` when the caller chooses the mission, ``"derived"`` when it comes from a
    referenced record, ``"none"`` for records that never belong to a mission and ``"self"``
    for missions."""
    mode = structure.mission_from(model)
    if mode is None:
        return "none"
    if mode in {"explicit", "required"}:
        return "writable"
    if mode in {"self", "none"}:
        return mode
    return "derived"


def _derived_mission_id(model: type[models.Model], obj: models.Model, given: Any) -> int | None:
    mode = structure.mission_from(model)
    if mode == "none":
        return None
    if mode in {"explicit", "required"}:
        # A record about a contribution belongs to the contribution's mission: without it, an
        # incident or finding linked only to a contribution would be visible to everyone.
        has_contribution = structure.has_field(model, "contribution")
        contribution = getattr(obj, "contribution", None) if has_contribution else None
        if contribution is not None:
            given_id = given.pk if given is not None else None
            if given_id is not None and given_id != contribution.mission_id:
                raise ValidationError({"contribution": [
                    _("This contribution belongs to another mission than the record.")]})
            return contribution.mission_id
        if given is not None:
            return given.pk
        parent_attr = structure.part_of(model)
        if parent_attr:  # a nested record without its own mission takes its parent's
            parent = getattr(obj, parent_attr, None)
            return getattr(parent, "mission_id", None)
        return None
    owner = getattr(obj, mode, None)
    return getattr(owner, "mission_id", None)


def _check_references(user: Any, changes: RecordChanges) -> None:
    """Every referenced record must be visible, checked before anything else looks at them."""
    errors: dict[str, list[str]] = {}
    for name, value in changes.values.items():
        if isinstance(value, Record) and not can_see(user, value):
            errors.setdefault(name, []).append(_("No record with this key exists."))
    for name, values in changes.m2m.items():
        if any(isinstance(v, Record) and not can_see(user, v) for v in values):
            errors.setdefault(name, []).append(_("No record with this key exists."))
    if errors:
        raise ValidationError(errors)


def _check_visible(user: Any, obj: models.Model, changes: RecordChanges) -> None:
    _check_references(user, changes)
    if isinstance(obj, Record) and not can_see(user, obj):
        if obj.classification > user.clearance:
            raise ValidationError(
                {
                    "classification": [
                        _("You may not write a record classified above your clearance.")
                    ]
                }
            )
        raise ValidationError({"mission": [_("You may only write records of your own missions.")]})


def record_links_check(*, record: models.Model) -> None:
    """A record that cites another (an evidence item its finding, say) is classified at least
    as high as what it cites; otherwise a reader cleared for the citation only would learn of
    the cited record. Raises ``ValidationError`` on ``classification``."""
    for name in getattr(type(record), "visibility_links", ()):
        linked = getattr(record, name)
        if linked is not None and linked.classification > record.classification:
            raise ValidationError({"classification": [
                _("A record may not be classified lower than the %(model)s %(key)s it cites.")
                % {"model": linked._meta.verbose_name, "key": linked.key}
            ]})


def _current(obj: models.Model, name: str) -> Any:
    """The attribute's value, a reference as its primary key (unset references do not raise)."""
    field = obj._meta.get_field(name)
    if field.many_to_one or field.one_to_one:
        return getattr(obj, field.attname)
    return getattr(obj, name)


def _comparable(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _apply(obj: models.Model, changes: RecordChanges, *, creating: bool) -> set[str]:
    model = type(obj)
    mode = structure.mission_from(model)
    given_mission = changes.values.get("mission")
    changed: set[str] = set()
    for name, value in changes.values.items():
        if name == "mission":
            continue
        if _current(obj, name) != _comparable(value):
            setattr(obj, name, value)
            changed.add(name)
    if mode is not None and mode != "self":
        keeps = (
            mode in {"explicit", "required"}
            and "mission" not in changes.values
            and not creating
        )
        if keeps:  # an edit that names no mission keeps the record's
            given_mission = obj.mission
        mission_id = _derived_mission_id(model, obj, given_mission)
        if keeps and obj.mission_id is None and getattr(obj, "contribution_id", None) is None:
            mission_id = None
        # A record stored without a mission while it is about a contribution takes the
        # contribution's on its next edit: narrowing who sees it is not a move.
        narrowing = not creating and obj.mission_id is None and mission_id is not None and (
            getattr(obj, "contribution_id", None) is not None
        )
        if mission_id != obj.mission_id:
            if not creating and not narrowing:
                raise ValidationError(
                    {
                        "mission": [
                            _(
                                "A record's mission is fixed when it is created; it cannot move to another "
                                "mission."
                            )
                        ]
                    }
                )
            obj.mission_id = mission_id
            changed.add("mission")
    return changed


def _full_clean(obj: models.Model) -> None:
    obj.full_clean(validate_unique=True, validate_constraints=True)


def _sync_children(obj: models.Model, changes: RecordChanges) -> bool:
    """Replace each nested list: rows are matched by natural key; missing ones are deleted
    first, then changed ones updated and new ones created."""
    parts = structure.parts(type(obj))
    changed = False
    for name, rows in changes.children.items():
        child = parts[name]
        model = child.model
        _check_unique_within(child, rows)
        natural = child.natural_attrs
        existing = {
            tuple(getattr(c, a) for a in natural): c
            for c in model.objects.filter(**{child.owner_attr: obj})
        }
        wanted = {tuple(row.get(a) for a in natural) for row in rows}
        stale = [c.pk for k, c in existing.items() if k not in wanted]
        if stale:
            try:
                with transaction.atomic():
                    model.objects.filter(pk__in=stale).delete()
            except (ProtectedError, RestrictedError):
                raise RecordInUse(
                    _("An item of %(name)s is still in use by other records.") % {"name": name}
                ) from None
            changed = True
        # Changed items first, then new ones: a new item may take a value an old one gives up.
        ordered = sorted(rows, key=lambda row: tuple(row.get(a) for a in natural) not in existing)
        for row in ordered:
            current = existing.get(tuple(row.get(a) for a in natural))
            if current is None:
                current = model(**{child.owner_attr: obj}, **row)
            elif all(getattr(current, a) == v for a, v in row.items()):
                continue
            else:
                for a, v in row.items():
                    setattr(current, a, v)
            try:
                current.full_clean(exclude=[child.owner_attr], validate_unique=False)
                with transaction.atomic():
                    current.save()
            except ValidationError as exc:
                raise ValidationError({name: exc.messages}) from None
            except IntegrityError:
                raise ValidationError(
                    {
                        name: [
                            _(
                                "The items conflict with each other or with the stored ones; change them "
                                "in separate steps."
                            )
                        ]
                    }
                ) from None
            changed = True
    return changed


def _check_unique_within(child: structure.Part, rows: list[dict[str, Any]]) -> None:
    """Rows of one parent must differ in every unique combination of their own fields."""
    name = child.name
    groups = [child.natural_attrs]
    for constraint in child.model._meta.constraints:
        fields = getattr(constraint, "fields", ())
        if isinstance(constraint, models.UniqueConstraint) and child.owner_attr in fields:
            groups.append(tuple(f for f in fields if f != child.owner_attr))
    for group in groups:
        seen: set[tuple] = set()
        for row in rows:
            value = tuple(row.get(f) for f in group)
            if value in seen:
                raise ValidationError(
                    {
                        name: [
                            _("Two items have the same %(fields)s.") % {"fields": ", ".join(group)}
                        ]
                    }
                )
            seen.add(value)


def _sync_m2m(user: Any, obj: models.Model, changes: RecordChanges) -> bool:
    """Set each list of references to the given records, plus the ones already linked that the
    user may not see: a user edits the links they see, and cannot drop what they cannot see."""
    changed = False
    for name, values in changes.m2m.items():
        manager = getattr(obj, name)
        related = manager.model
        have = set(manager.values_list("pk", flat=True))
        hidden = set()
        if hasattr(related, "need_to_know_path") and have:
            hidden = set(manager.exclude(visibility_q(related, user)).values_list("pk", flat=True))
        wanted = {v.pk for v in values} | hidden
        if wanted != have:
            manager.set(wanted)
            changed = True
    return changed


def _save(obj: models.Model, fields: Iterable[str] | None) -> None:
    try:
        with transaction.atomic():
            obj.save(update_fields=fields)
    except IntegrityError as exc:  # a race the checks above could not see
        raise ValidationError(
            _("The database refused the change: %(reason)s") % {"reason": exc}
        ) from None


@transaction.atomic
def record_create(*, user: Any, model: type[Record], key: str, changes: RecordChanges) -> Record:
    """Create one record of ``model`` with ``key``. Raises ``ValidationError`` (by field) when
    the values are not valid or the user could not see the result."""
    obj = model(key=key)
    _check_references(user, changes)
    _apply(obj, changes, creating=True)
    _check_visible(user, obj, changes)
    classification_check(obj)
    record_links_check(record=obj)
    _full_clean(obj)
    _save(obj, None)
    _sync_m2m(user, obj, changes)
    _sync_children(obj, changes)
    return obj


@transaction.atomic
def record_update(
    *, user: Any, record: Record, changes: RecordChanges, expected_version: int
) -> Record:
    """Apply ``changes`` to ``record`` when it is still at ``expected_version``. The version
    goes up by one when anything changed; an edit that changes nothing writes nothing."""
    model = type(record)
    locked = model.objects.select_for_update().filter(visibility_q(model, user)).get(pk=record.pk)
    if locked.version != expected_version:
        raise StaleVersion(locked.version)
    _check_references(user, changes)
    changed = _apply(locked, changes, creating=False)
    _check_visible(user, locked, changes)
    record_links_check(record=locked)
    if changed:
        classification_check(locked, parts="classification" in changed)
    if changed:
        _full_clean(locked)
    m2m_changed = _sync_m2m(user, locked, changes)
    children_changed = _sync_children(locked, changes)
    if changed or m2m_changed or children_changed:
        locked.version += 1
        locked.updated_at = timezone.now()
        _save(locked, sorted(changed | {"version", "updated_at"}))
    return locked


@dataclass(frozen=True)
class Dependents:
    """The domain records that deleting a record would take with it or that forbid deleting it:
    per kind (verbose name) the number the user may see, and how many they may not. Parts
    without a classification of their own (a target of an indicator, a figure of an event, a
    mission membership) are not dependents: they go with the record."""

    visible: tuple[tuple[str, int], ...] = ()
    hidden: int = 0

    def __bool__(self) -> bool:
        return bool(self.visible or self.hidden)

    def describe(self) -> str:
        """"2 planned contributions, 1 condition" (and "3 records you may not see")."""
        parts = [f"{count} {name}" for name, count in self.visible]
        if self.hidden:
            parts.append(ngettext("%(count)d record you may not see", "%(count)d records you may not see",
                                  self.hidden) % {"count": self.hidden})
        return ", ".join(parts)


def _is_domain(model: type[models.Model]) -> bool:
    return "classification" in {f.name for f in model._meta.concrete_fields}


def record_dependents(*, user: Any, record: Record) -> Dependents:
    """What depends on ``record``: the domain records that a delete would cascade to or that
    protect it. A read; a fixed number of queries per related kind."""
    collector = Collector(using=router.db_for_write(type(record)), origin=record)
    counts: dict[type[models.Model], int] = {}
    hidden = 0
    try:
        collector.collect([record])
    except (ProtectedError, RestrictedError) as exc:
        blocking = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
        instances: list[models.Model] = list(blocking)
    else:
        instances = [i for group in collector.data.values() for i in group]
        for queryset in collector.fast_deletes:  # counted in the database: logs can be large
            model = queryset.model
            if _is_domain(model):
                total = queryset.count()
                seen = queryset.filter(visibility_q(model, user)).count() if total else 0
                if seen:
                    counts[model] = counts.get(model, 0) + seen
                hidden += total - seen
    for instance in instances:
        model = type(instance)
        if (model is type(record) and instance.pk == record.pk) or not _is_domain(model):
            continue
        if can_see(user, instance):
            counts[model] = counts.get(model, 0) + 1
        else:
            hidden += 1
    visible = tuple(
        (str(m._meta.verbose_name if n == 1 else m._meta.verbose_name_plural), n)
        for m, n in sorted(counts.items(), key=lambda item: item[0]._meta.label)
    )
    return Dependents(visible, hidden)


@transaction.atomic
def record_delete(*, user: Any, record: Record, expected_version: int, cascade: bool = True) -> None:
    """Delete ``record`` when it is still at ``expected_version`` and deleting it touches
    nothing the user cannot see. Raises :class:`RecordInUse` when other records depend on
    it. With ``cascade=False`` (the pages), any domain record that would go with it refuses
    the delete too, and the error names them (:class:`Dependents`)."""
    model = type(record)
    locked = model.objects.select_for_update().filter(visibility_q(model, user)).get(pk=record.pk)
    if locked.version != expected_version:
        raise StaleVersion(locked.version)
    if not cascade:
        dependents = record_dependents(user=user, record=locked)
        if dependents:
            raise RecordInUse(
                _("Other records depend on this record: %(dependents)s. Delete or change them first.")
                % {"dependents": dependents.describe()},
                dependents,
            )
    collector = Collector(using=router.db_for_write(model), origin=locked)
    try:
        collector.collect([locked])
    except (ProtectedError, RestrictedError):
        raise RecordInUse(
            _("Other records refer to this record; change or delete them first.")
        ) from None
    for instances in collector.data.values():
        for instance in instances:
            if isinstance(instance, Record) and not can_see(user, instance):
                raise RecordInUse(
                    _("Other records refer to this record; change or delete them first.")
                )
    for queryset in collector.fast_deletes:
        qs_model = queryset.model
        if (
            hasattr(qs_model, "need_to_know_path")
            and "classification" in {f.name for f in qs_model._meta.concrete_fields}
            and queryset.exclude(visibility_q(qs_model, user)).exists()
        ):
            raise RecordInUse(_("Other records refer to this record; change or delete them first."))
    try:
        locked.delete()
    except (ProtectedError, RestrictedError):
        raise RecordInUse(
            _("Other records refer to this record; change or delete them first.")
        ) from None
