"""``missiemonitor audit verify``: walk the audit trail's hash chain."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from missiemonitor.audit.verify import chain_verify


class Command(BaseCommand):
    help = ("Check the audit trail: every entry as written, none missing, none out of order. "
            "Prints the number of entries and OK, or names the first bad entry and exits 1.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Walk the hash chain from the first entry to the last.")

    def handle(self, *args, action: str, **options):
        started = time.monotonic()

        def progress(count: int) -> None:
            if sys.stderr.isatty():
                sys.stderr.write(f"\r{count} entries checked")

        result = chain_verify(progress=progress)
        seconds = time.monotonic() - started
        if result.problem is not None:
            raise CommandError(
                _("audit trail NOT OK after %(count)d good entries: %(problem)s")
                % {"count": result.count, "problem": result.problem.message}, returncode=1)
        self.stdout.write(_("%(count)d audit entries, chain intact: OK (%(seconds).1f s)")
                          % {"count": result.count, "seconds": seconds})
