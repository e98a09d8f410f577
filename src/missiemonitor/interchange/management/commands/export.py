from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.dataset import dataset_export


class Command(BaseCommand):
    help = ("Write the database as a dataset file (the format that 'load' reads), or its "
            "programmes as an IATI 2.03 activity file (--format iati).")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write; '-' for standard output.")
        parser.add_argument("--mission", action="append", dest="missions", metavar="KEY",
                            help="Only this mission (repeatable), with records that belong to no mission.")
        parser.add_argument("--user", help="Export what this user may see (default: everything).")
        parser.add_argument("--title", help="A title for the file's header.")
        parser.add_argument("--format", dest="output_format", choices=("dataset", "iati"),
                            default="dataset",
                            help="dataset (default) or iati: the programmes the user may see "
                                 "at Ongerubriceerd as IATI activities (docs/iati.md).")

    def handle(self, *args, file: Path, missions, user, title, output_format, **options):
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
        if output_format == "iati":
            data = self._iati(principal, missions, title)
        else:
            data = dataset_export(user=principal, mission_keys=missions, title=title).encode()
        if str(file) == "-":
            self.stdout.write(data.decode(), ending="")
            return
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(file.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(file)
        self.stderr.write(f"wrote {file}")

    def _iati(self, principal, missions, title) -> bytes:
        from missiemonitor.interchange.iati import IatiExportError, iati_export

        if title:
            raise CommandError("--title applies to the dataset format only")
        try:
            result = iati_export(user=principal, mission_keys=missions)
        except IatiExportError as error:
            raise CommandError(str(error)) from None
        for entry in result.left_out:
            self.stderr.write(f"left out {entry.key}: {entry.reason}")
        return result.xml
