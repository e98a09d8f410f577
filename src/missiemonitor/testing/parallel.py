"""How the tests are spread over pytest-xdist workers (``make test`` runs ``-n auto``), loaded
by the root ``conftest.py``. With ``-n`` and no ``--dist`` of one's own, the mode is
``loadgroup``, and ``auto`` counts the CPUs this process may use.

* Tests that share an expensive fixture run on one worker, so that it is built once: the
  headless browser (``browser``), the bundled dataset's rendered report (``demo``), any class-
  or module-scoped fixture of ours (its class or module stays together), and what is marked
  ``xdist_group``.
* The order is kept as pytest-django sets it: database tests, then transactional ones (which
  empty the database after them, so no database test may follow one on the same worker), then
  the rest; the transactional tests that reload the migrations' rows come first of their phase. Within each of those phases the longest work comes first (the fuzz parts, then the
  browser tests, then the other groups), so that no worker is left with a long test at the end.

xdist's own ``loadgroup`` reads the groups from test ids that it rewrites, which pytest 9.2 no
longer allows (pytest-dev/pytest-xdist#1386: the groups are silently ignored). Here the workers
write the groups to a file instead, and the controller's scheduler reads them from there.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Session-scoped fixtures that are worth building once per run rather than once per worker.
SHARED_FIXTURES = {"browser": "browser", "demo": "reporting-demo"}
OURS = Path(__file__).resolve().parents[3]  # the checkout
VENV = OURS / ".venv"
GROUPS_DIR = "mm_groups_dir"


def _ours(fixturedef) -> bool:
    filename = Path(fixturedef.func.__code__.co_filename).resolve()
    return filename.is_relative_to(OURS) and not filename.is_relative_to(VENV)


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def group_of(item: pytest.Item) -> str | None:
    """The group an item belongs to, if it shares an expensive fixture with other items."""
    marker = item.get_closest_marker("xdist_group")
    if marker is not None:
        return str(marker.args[0] if marker.args else marker.kwargs.get("name", "default"))
    for name in item.fixturenames:
        if name in SHARED_FIXTURES:
            return SHARED_FIXTURES[name]
    if _transactional(item):  # never grouped with the database tests of its module
        return None
    info = getattr(item, "_fixtureinfo", None)
    for name in item.fixturenames:
        fixturedefs = info.name2fixturedefs.get(name) if info else None
        if not fixturedefs or not _ours(fixturedefs[-1]):
            continue
        scope = fixturedefs[-1].scope
        node = item.getparent(pytest.Class) if scope == "class" else None
        if scope == "module" or (scope == "class" and node is None):
            node = item.getparent(pytest.Module)
        if node is not None:
            return node.nodeid
    return None


def _rank(item: pytest.Item, group: str | None) -> int:
    """Lower runs earlier within its phase."""
    if item.get_closest_marker("slow"):
        return 0
    if group == SHARED_FIXTURES["browser"]:
        return 1
    return 2 if group else 3


# --- In the workers -----------------------------------------------------------------------------

def _serialized(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker is not None and marker.kwargs.get("serialized_rollback"))


@pytest.hookimpl(tryfirst=True)  # before pytest-django sorts the items by phase (a stable sort)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Transactional tests that reload the migrations' rows (serialized_rollback) come before the
    # other transactional tests: those empty the tables and let post_migrate make the content
    # types again, under new ids, which the serialized rows would then collide with.
    worker = getattr(config, "workerinput", None)
    if worker is None or GROUPS_DIR not in worker:
        items.sort(key=lambda item: not _serialized(item))
        return
    groups = {item.nodeid: group_of(item) for item in items}
    items.sort(key=lambda item: (not _serialized(item), _rank(item, groups[item.nodeid])))
    target = Path(worker[GROUPS_DIR]) / f"{worker['workerid']}.json"
    partial = target.with_suffix(".partial")
    partial.write_text(json.dumps({nodeid: group for nodeid, group in groups.items() if group}))
    partial.replace(target)


# --- In the controller --------------------------------------------------------------------------

def usable_cpus() -> int:
    """The CPUs this process may use: its affinity, capped by a cgroup CPU quota (a container
    limited to 2 CPUs on a 64-CPU host gets 2). ``-n auto`` would count the host's cores."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = None
    cgroup = Path("/sys/fs/cgroup")
    with contextlib.suppress(OSError, ValueError):
        if (cgroup / "cpu.max").exists():  # cgroup v2: "<quota> <period>" or "max <period>"
            limit, period = (cgroup / "cpu.max").read_text().split()
            quota = None if limit == "max" else int(limit) / int(period)
        elif (cgroup / "cpu" / "cpu.cfs_quota_us").exists():  # cgroup v1; -1 is no limit
            limit = int((cgroup / "cpu" / "cpu.cfs_quota_us").read_text())
            period = int((cgroup / "cpu" / "cpu.cfs_period_us").read_text())
            quota = limit / period if limit > 0 else None
    if quota:
        count = min(count, max(1, math.ceil(quota)))
    return max(1, count)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist reads it
    return usable_cpus()


@pytest.hookimpl(tryfirst=True)  # before xdist makes "load" the default mode
def pytest_cmdline_main(config: pytest.Config) -> None:
    if getattr(config.option, "numprocesses", None) and getattr(config.option, "dist", "no") == "no":
        config.option.dist = "loadgroup"


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "dist", "no") == "loadgroup" and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Controller(), "mm-parallel-controller")


class Controller:
    def __init__(self) -> None:
        self.groups_dir = Path(tempfile.mkdtemp(prefix="mm-xdist-groups-"))

    def pytest_configure_node(self, node) -> None:
        node.workerinput[GROUPS_DIR] = str(self.groups_dir)

    @pytest.hookimpl(tryfirst=True)
    def pytest_xdist_make_scheduler(self, config: pytest.Config, log):
        return _group_scheduler(config, log, self.groups_dir)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        shutil.rmtree(self.groups_dir, ignore_errors=True)


def _group_scheduler(config: pytest.Config, log, groups_dir: Path):
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        """xdist's scope scheduling, with the groups the workers wrote as scopes (a test without
        a group is a scope of its own), in the order the workers collected them."""

        def __init__(self) -> None:
            super().__init__(config, log)
            self.groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:  # first asked once every worker has collected
                files = sorted(groups_dir.glob("*.json"))
                self.groups = json.loads(files[0].read_text()) if files else {}
            group = self.groups.get(nodeid)
            return f"group:{group}" if group else nodeid

    config.option.loadscopereorder = False  # keep the collected order (see the module's text)
    return GroupScheduling()

