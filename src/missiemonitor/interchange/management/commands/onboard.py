from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missiemonitor.interchange.dataset.errors import DatasetError
from missiemonitor.interchange.dataset.load import read_text, validate_text
from missiemonitor.interchange.onboard import (
    KINDS,
    OnboardError,
    onboard_document,
    proposals_to_dataset,
)
from missiemonitor.interchange.onboard.measure import measure


class Command(BaseCommand):
    help = ("Read an ODT, DOCX, PDF or text file (a letter or progress report to Parliament) and "
            "propose a draft dataset, every value with the passage it came from. Writes nothing "
            "but the draft file (--out); load it, after review, with `missiemonitor load`.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--out", type=Path, default=None,
                            help="Write the draft dataset here (YAML, with the passages as comments).")
        parser.add_argument("--compare", type=Path, default=None, metavar="DATASET",
                            help="Measure the proposals against a dataset file of the same document: "
                                 "recall and precision per category.")
        parser.add_argument("--show", action="store_true", help="List every proposal with its passage.")

    def handle(self, *args, file: Path, out: Path | None, compare: Path | None, show: bool, **options):
        try:
            proposals = onboard_document(path=file)
        except OnboardError as exc:
            raise CommandError(str(exc)) from None
        counts = Counter(p.kind for p in proposals.items)
        period = f", reporting period {proposals.reporting_period}" if proposals.reporting_period else ""
        self.stdout.write(f"{file}: {len(proposals.items)} proposals ({proposals.language}{period})")
        for kind in KINDS:
            if counts[kind]:
                self.stdout.write(f"  {kind:<14}{counts[kind]:>4}")
        if show:
            for p in proposals.items:
                values = ", ".join(f"{k}={v}" for k, v in p.fields.items() if k not in {"source_passage", "description"})
                self.stdout.write(f"{p.id} {p.kind} {p.key}: {values}")
                self.stdout.write(f"    {p.passage.where()}: \"{p.passage.sentence}\"")
        if out is not None:
            text = proposals_to_dataset(proposals)
            try:
                validate_text(text, filename=str(out))
            except DatasetError as exc:
                raise CommandError("the draft does not validate (a bug of the onboarding rules):\n"
                                   + exc.summary()) from None
            out.write_text(text, encoding="utf-8")
            self.stdout.write(f"draft dataset written to {out} (valid); review it, then: missiemonitor load {out}")
        if compare is not None:
            try:
                reference = read_text(compare)
            except DatasetError as exc:
                raise CommandError(exc.summary()) from None
            result = measure(proposals, reference)
            self.stdout.write(f"\nMeasured against {compare}:")
            self.stdout.write(result.table())
            if options.get("verbosity", 1) > 1:
                self.stdout.write(result.details())
