"""``missiemonitor report``: write the progress report in one or more formats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from missiemonitor.core.principals import SYSTEM
from missiemonitor.core.progress import command_progress
from missiemonitor.reporting.render import FORMATS
from missiemonitor.reporting.selectors import ReportError
from missiemonitor.reporting.services import report_generate


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'2024-05-01..2025-04-30' (also '2024' or '2024-05..2025-04')."""
    from missiemonitor.core.periods import Invalid
    from missiemonitor.core.periods import parse_period as parse

    try:
        return parse(text)
    except (Invalid, ValueError, TypeError) as exc:
        raise CommandError(f"--period {text!r}: {exc} (expected for example 2024-05-01..2025-04-30)") from None


class Command(BaseCommand):
    help = ("Write the progress report over a period, in ODT, PDF/A, DOCX, HTML and Markdown, and "
            "print the paths written. Acts as the system principal unless --user is given.")

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="START..END, for example 2024-05-01..2025-04-30")
        parser.add_argument("--mission", action="append", dest="missions", default=[], metavar="KEY",
                            help="A mission key; repeat for several. Default: every mission with a "
                                 "Dutch contribution in the period.")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl")
        parser.add_argument("--audience", choices=["public", "restricted"], default="public")
        parser.add_argument("--format", default=",".join(FORMATS),
                            help=f"Comma-separated formats out of {','.join(FORMATS)} (default: all).")
        parser.add_argument("--out", type=Path, default=None,
                            help="Directory to write to (default: MM_REPORT_DIR).")
        parser.add_argument("--user", default=None, help="Build the report as this user sees the data.")

    def handle(self, *args, period: str, missions: list[str], lang: str, audience: str, format: str,
               out: Path | None, user: str | None, **options):
        start, end = parse_period(period)
        formats = [f.strip() for f in format.split(",") if f.strip()]
        unknown = [f for f in formats if f not in FORMATS]
        if unknown or not formats:
            raise CommandError(f"--format: unknown format {', '.join(unknown) or '(none)'}; "
                               f"use any of {','.join(FORMATS)}")
        principal = SYSTEM
        if user:
            try:
                principal = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"--user: no user {user!r}") from None
        out_dir = out or Path(settings.REPORT_OUTPUT_DIR)
        bar = command_progress(self, options, f"building the report {start}..{end}")
        started: list[str] = []

        def progress(fmt: str) -> None:  # called as each format is begun
            if not started:
                bar.phase("writing the report", total=len(formats), unit="formats")
            else:
                bar.update()
            started.append(fmt)

        try:
            with bar:
                paths = report_generate(user=principal, start=start, end=end,
                                        mission_keys=missions or None, language=lang,
                                        audience=audience, formats=formats, out_dir=out_dir,
                                        progress=progress)
                bar.update(len(formats) - bar.done)
        except ReportError as exc:
            raise CommandError(str(exc)) from None
        for path in paths:
            self.stdout.write(str(path))
