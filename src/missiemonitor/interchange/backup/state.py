"""Migration states: which migrations a database (or a backup) has applied, whether this
release knows them all, and the historical models of a state, which say what its tables hold.

A state is the sorted list of applied ``(app, migration)`` pairs, as ``django_migrations``
records them. Restoring a backup rebuilds its exact state first, loads the rows into the tables
as they were, and only then migrates forward; so a backup of an older release is upgraded the
same way a running installation is.
"""

from __future__ import annotations

from typing import Any

from django.apps.registry import Apps
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from missiemonitor.interchange.backup.errors import BackupError

State = list[tuple[str, str]]
Target = tuple[str, str | None]


def applied_state(alias: str) -> State:
    """The migrations applied in the database behind ``alias`` (none if it is blank)."""
    recorder = MigrationRecorder(connections[alias])
    if not recorder.has_table():
        return []
    return sorted(recorder.applied_migrations())


def code_loader() -> MigrationLoader:
    """The migrations of this release, as on disk (no database consulted)."""
    return MigrationLoader(None, ignore_no_migrations=True)


def _graph_nodes(state: State, loader: MigrationLoader) -> set[tuple[str, str]]:
    """The state's migrations as nodes of this release's graph: migrations that a squashed
    migration replaces count as the squashed one when all of them were applied."""
    applied = set(state)
    nodes = {key for key in applied if key in loader.graph.nodes}
    for squashed, migration in loader.replacements.items():
        replaced = set(migration.replaces)
        if replaced & applied and squashed in loader.graph.nodes:
            if not replaced <= applied:
                raise BackupError(
                    f"the backup has applied only part of the migrations that {squashed[0]}."
                    f"{squashed[1]} replaces; restore it with the release that made it, then "
                    f"upgrade")
            nodes.add(squashed)
    return nodes


def check_known(state: State, loader: MigrationLoader | None = None) -> None:
    """Refuse a state with migrations this release does not have: a backup of a newer release
    (or of another branch) cannot be migrated backwards safely."""
    loader = loader or code_loader()
    replaced = {key for migration in loader.replacements.values() for key in migration.replaces}
    unknown = [key for key in state if key not in loader.disk_migrations and key not in replaced]
    if unknown:
        named = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise BackupError(
            f"the backup comes from a newer release: this release does not have the migration(s) "
            f"{named}{more}. Restore it with that release (or a later one).")


def targets_for(state: State, loader: MigrationLoader | None = None) -> list[Target]:
    """Per app of this release, the last migration of ``state`` (``None``: no migration),
    as :meth:`MigrationExecutor.migrate` takes them."""
    loader = loader or code_loader()
    check_known(state, loader)
    nodes = _graph_nodes(state, loader)
    apps_with_migrations = sorted({app for app, _name in loader.graph.nodes})
    targets: list[Target] = []
    for app in apps_with_migrations:
        mine = [node for node in nodes if node[0] == app]
        if not mine:
            targets.append((app, None))
            continue
        leaves = [node for node in mine
                  if set(mine) <= set(loader.graph.forwards_plan(node))]
        if len(leaves) != 1:
            raise BackupError(f"the backup's migrations of {app!r} have no single last one: "
                              f"{sorted(name for _app, name in mine)}")
        targets.append(leaves[0])
    return targets


def state_apps(state: State, loader: MigrationLoader | None = None) -> Apps:
    """The historical models of ``state``: what each table held then."""
    loader = loader or code_loader()
    nodes = [target for target in targets_for(state, loader) if target[1] is not None]
    return loader.project_state(nodes, at_end=True).apps


def latest_state(loader: MigrationLoader | None = None) -> State:
    """Every migration of this release (the state a fully migrated database has)."""
    loader = loader or code_loader()
    return sorted(loader.graph.nodes)


def describe(state: State) -> dict[str, Any]:
    """The last migration per app, for messages and file headers."""
    last: dict[str, str] = {}
    for app, name in state:
        last[app] = max(last.get(app, ""), name)
    return last
