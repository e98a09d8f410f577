"""``missiemonitor attention --start 2024-05-01 --end 2025-04-30``: list the attention points."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from missiemonitor.core.principals import SYSTEM
from missiemonitor.missions.scope import UnknownMission
from missiemonitor.monitoring.attention import attention_points


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r}: expected a date as YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "List the attention points of a reporting period, most severe first."

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, type=_date)
        parser.add_argument("--end", required=True, type=_date)
        parser.add_argument("--mission", action="append", dest="missions", default=None,
                            help="A mission key; repeat for several (default: all missions).")
        parser.add_argument("--language", choices=("nl", "en"), default="nl")

    def handle(self, *args, start: dt.date, end: dt.date, missions: list[str] | None,
               language: str, **options):
        if end < start:
            raise CommandError("--end is before --start")
        try:
            points = attention_points(user=SYSTEM, start=start, end=end, mission_keys=missions)
        except UnknownMission as exc:
            raise CommandError(str(exc)) from None
        for point in points:
            where = f"[{point.mission_key}] " if point.mission_key else ""
            self.stdout.write(f"{point.severity:<6} {point.rule_id:<24} {where}{point.message(language)}")
            self.stdout.write("       " + ", ".join(str(ref) for ref in point.records))
        self.stdout.write(ngettext("%(count)s attention point", "%(count)s attention points",
                                   len(points)) % {"count": len(points)})
