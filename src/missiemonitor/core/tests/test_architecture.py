"""The layers of docs/architecture.md hold: imports point down (core <- domain apps <- reporting
<- interchange <- synthetic <- web, api), and no module takes part in an import circle. The
contract is import-linter's, in pyproject.toml; these tests run it, show that it catches an
upward import, and look for circles between modules (which import-linter does not)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[4]
SRC = ROOT / "src"


def _lint_imports(src: Path, config: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", str(config)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=src, timeout=300)


def test_the_layer_contract_is_kept():
    result = _lint_imports(SRC, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(SRC / "missiemonitor", copy / "missiemonitor",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "locale", "*.yaml"))
    planted = copy / "missiemonitor" / "core" / "periods.py"
    planted.write_text(planted.read_text() + "\nfrom missiemonitor.web import urls  # planted\n")
    result = _lint_imports(copy, ROOT / "pyproject.toml")
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "missiemonitor.core.periods -> missiemonitor.web.urls" in result.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_no_module_takes_part_in_an_import_circle():
    graph = grimp.build_graph("missiemonitor", cache_dir=None)
    for module in [m for m in graph.modules if ".tests" in m]:
        graph.remove_module(module)
    assert _cycles(graph) == []


def test_the_circle_finder_finds_a_planted_circle():
    graph = grimp.ImportGraph()
    for module in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(module)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.a")
    graph.add_import(importer="p.b", imported="p.c")
    assert _cycles(graph) == [["p.a", "p.b"]]
