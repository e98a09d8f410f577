"""Synthetic datasets: realistic, clearly fictional missions at any size, in the dataset format
that ``missiemonitor load`` reads, with optional activity-log CSVs.

Entry points:

- :func:`generate_document` builds the dataset as plain dicts (and streams logs to a sink);
- :func:`write_document` writes it as YAML text, section by section, with
  :func:`missiemonitor.interchange.dataset.yamlio.dump_yaml`;
- :func:`generate_dataset_text` does both in memory, for tests and benchmarks:
  ``generate_dataset_text(missions=4, years=2, seed=1)``.

The output depends only on the options: the same options give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, Any

from missiemonitor.interchange.dataset import spec
from missiemonitor.interchange.dataset.yamlio import dump_yaml
from missiemonitor.synthetic.generator import shared
from missiemonitor.synthetic.generator.assessments import build_assessments
from missiemonitor.synthetic.generator.common import (
    GenerateArgumentError,
    Options,
    make_options,
    rng_for,
)
from missiemonitor.synthetic.generator.context import build_context, build_finance
from missiemonitor.synthetic.generator.framework import build_framework
from missiemonitor.synthetic.generator.indicators import build_indicators
from missiemonitor.synthetic.generator.logs import LogSink
from missiemonitor.synthetic.generator.missions import build_missions, mission_record, plan_mission
from missiemonitor.synthetic.generator.monitoring import build_monitoring
from missiemonitor.synthetic.generator.narratives import build_narratives, global_narratives

__all__ = [
    "GenerateArgumentError",
    "LogSink",
    "Options",
    "generate_dataset_text",
    "generate_document",
    "make_options",
    "write_document",
]

CHUNK = 500  # records per dump_yaml call when writing


def generate_document(
    options: Options, *, sink: LogSink | None = None, progress: Callable[[int], None] | None = None
) -> dict[str, Any]:
    """The dataset as a mapping of sections (in the loader's order) to lists of records."""
    sections: dict[str, list[dict[str, Any]]] = {s.name: [] for s in spec.sections()}

    def add(records: dict[str, list[dict[str, Any]]]) -> None:
        for name, items in records.items():
            sections[name].extend(items)

    add(shared.global_records(options))
    countries = {}
    for index in range(options.missions):
        number = shared.country_index(index)
        if number not in countries:
            countries[number] = shared.make_country(options, number)
            add(shared.country_records(countries[number]))
        plan = plan_mission(options, index, countries[number], rng_for(options, "mission", index))
        sections["missions"].append(mission_record(plan))
        add(build_missions(plan, rng_for(options, "mission", index, "missions")))
        add(build_framework(plan, rng_for(options, "mission", index, "framework")))
        add(build_indicators(plan, rng_for(options, "mission", index, "indicators"), options, sink))
        add(build_monitoring(plan, rng_for(options, "mission", index, "monitoring")))
        add(build_assessments(plan, rng_for(options, "mission", index, "assessments")))
        add(build_context(plan, rng_for(options, "mission", index, "context")))
        add(build_finance(plan, rng_for(options, "mission", index, "finance")))
        sections["narratives"].extend(build_narratives(plan))
        if progress:
            progress(1)
    sections["narratives"].extend(global_narratives(options))
    sections["signatories"].extend(shared.signatories(options))
    document: dict[str, Any] = {
        "format": spec.FORMAT_NAME,
        "version": spec.FORMAT_VERSION,
        "title": f"Synthetische oefendata: {options.missions} {'missie' if options.missions == 1 else 'missies'}, "
        f"{options.start}-{options.end_year}, seed {options.seed}",
        "description": "Gegenereerd door 'missiemonitor generate'. Alle missies, landen, organisaties, "
        "personen en cijfers zijn verzonnen.",
    }
    document.update({name: items for name, items in sections.items() if items})
    return document


def write_document(
    document: dict[str, Any], out: IO[str], progress: Callable[[int], None] | None = None
) -> None:
    """Write ``document`` as ``dump_yaml(document)`` would, but section by section and in
    chunks, so that progress can be shown and no second copy of the text is held."""
    header = {name: value for name, value in document.items() if not isinstance(value, list)}
    out.write(dump_yaml(header))
    for name, items in document.items():
        if not isinstance(items, list):
            continue
        out.write(f"{name}:\n")
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            out.write(dump_yaml(chunk))
            if progress:
                progress(len(chunk))


def generate_dataset_text(*, missions: int, years: int, seed: int, start: int | None = None) -> str:
    """The whole dataset as YAML text (no logs). For tests and benchmarks."""
    options = make_options(missions=missions, years=years, seed=seed, start=start)
    buffer = io.StringIO()
    write_document(generate_document(options), buffer)
    return buffer.getvalue()
