from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.dataset import dataset_export


class Command(BaseCommand):
    help = "Write the database as a dataset file (the format that 'load' reads)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write; '-' for standard output.")
        parser.add_argument("--mission", action="append", dest="missions", metavar="KEY",
                            help="Only this mission (repeatable), with records that belong to no mission.")
        parser.add_argument("--user", help="Export what this user may see (default: everything).")
        parser.add_argument("--title", help="A title for the file's header.")

    def handle(self, *args, file: Path, missions, user, title, **options):
        principal = SYSTEM
        if user:
            from django.contrib.auth import get_user_model

            try:
                principal = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"no user {user!r}") from None
        if missions:
            from missiemonitor.missions.models import Mission

            known = set(Mission.objects.visible_to(principal).filter(key__in=missions).values_list("key", flat=True))
            unknown = sorted(set(missions) - known)
            if unknown:
                raise CommandError(f"unknown mission key(s): {', '.join(unknown)}")
        text = dataset_export(user=principal, mission_keys=missions, title=title)
        if str(file) == "-":
            self.stdout.write(text, ending="")
            return
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(file.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(file)
        self.stderr.write(f"wrote {file}")
