"""What the benchmarks share: a child process per scale with its own SQLite database under a
temporary directory, and the synthetic data (``missiemonitor generate``) loaded into it."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_APPS = {
    "missions",
    "results",
    "monitoring",
    "context",
    "finance",
    "programmes",
    "reporting",
    "core",
}


def setup_django(directory: Path) -> None:
    """Point the product's settings at a fresh SQLite database in ``directory`` and set up Django."""
    os.environ["MM_VAR_DIR"] = str(directory)
    os.environ["MM_DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "missiemonitor.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def load_synthetic(directory: Path, *, missions: int, years: int = 2, seed: int = 7) -> float:
    """Migrate, generate ``missions`` synthetic missions with their activity logs, load the
    dataset and import the logs; return the seconds it took."""
    from django.core.management import call_command

    from missiemonitor.core.principals import SYSTEM
    from missiemonitor.interchange.dataset import dataset_load
    from missiemonitor.interchange.logs import log_import_csv
    from missiemonitor.synthetic.generator import (
        LogSink,
        generate_document,
        make_options,
        write_document,
    )

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    sink = LogSink(directory / "logs")
    document = generate_document(
        make_options(missions=missions, years=years, seed=seed, start=None), sink=sink
    )
    sink.close()
    dataset = directory / "dataset.yaml"
    with dataset.open("w", encoding="utf-8") as out:
        write_document(document, out)
    del document
    dataset_load(path=dataset, max_bytes=1 << 31)
    for kind, path in sink.paths.items():
        with path.open(encoding="utf-8", newline="") as stream:
            log_import_csv(kind=kind, stream=stream, user=SYSTEM, batch=f"bench-{kind}")
    return time.perf_counter() - began


def domain_rows() -> int:
    """Rows in the domain tables: the size of the data a benchmark ran on."""
    from django.apps import apps

    return sum(
        model.objects.count() for model in apps.get_models() if model._meta.app_label in DOMAIN_APPS
    )


def run_child(
    script: str, arguments: list[str], *, prefix: str, label: str, keep: Path | None
) -> dict:
    """Run ``script --child …`` with a temporary directory (kept under ``keep`` if given) and
    return the JSON its last line of output holds; a failing child stops the benchmark."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix=prefix, dir=keep))
    command = [sys.executable, script, *arguments, "--dir", str(directory)]
    print(f"  preparing and timing {label}…", file=sys.stderr, flush=True)
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        sys.exit(f"the run for {label} failed:\n{result.stderr}")
    if keep is None:
        for path in sorted(directory.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        directory.rmdir()
    return json.loads(result.stdout.strip().splitlines()[-1])


def scale_arguments(description: str) -> argparse.Namespace:
    """The options of a benchmark that compares 1x with ``--scale`` synthetic missions: the
    parent process runs each scale as ``--child N --dir D`` (:func:`run_scale`)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args()


def run_scale(script: str, missions: int, args: argparse.Namespace, *, prefix: str, label: str) -> dict:
    """One scale of ``script`` in its own process (see :func:`run_child`)."""
    return run_child(script, ["--child", str(missions), "--years", str(args.years)],
                     prefix=f"{prefix}-{missions}x-", label=label, keep=args.keep)
