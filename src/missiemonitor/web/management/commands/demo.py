import secrets
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from missiemonitor.accounts.services import demo_user_ensure
from missiemonitor.audit.context import cli_command
from missiemonitor.datasets import dataset_path
from missiemonitor.interchange.dataset import dataset_load
from missiemonitor.interchange.dataset.errors import DatasetError

DEMO_USERNAME = "demo"


def demo_password() -> str:
    """A password generated once per installation and kept under var/."""
    path = settings.VAR_DIR / "demo-password"
    if path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password)
    path.chmod(0o600)
    return password


class Command(BaseCommand):
    help = ("Migrate the embedded database, load the bundled dataset, create the demo account, "
            "and serve the application on http://127.0.0.1:8000.")

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Set up, but do not serve.")
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument("--dataset", type=Path, default=None,
                            help="Load this dataset instead of the bundled one.")

    @cli_command("demo")
    def handle(self, *args, no_serve: bool, addrport: str, dataset: Path | None, **options):
        if settings.PRODUCTION:
            raise CommandError("'demo' is for demo mode; unset MM_ENV=production")
        self.stdout.write("Migrating the database…")
        call_command("migrate", interactive=False, verbosity=0)
        path = dataset or dataset_path()
        self.stdout.write(f"Loading {path.name}…")
        try:
            stats = dataset_load(path=path)
        except DatasetError as exc:
            raise CommandError(exc.summary()) from None
        self.stdout.write(f"  {stats.total_created} created, {stats.total_updated} updated, "
                          f"{stats.total_unchanged} unchanged")
        password = demo_password()
        demo_user_ensure(username=DEMO_USERNAME, password=password)
        self._write_report()
        self.stdout.write(self.style.SUCCESS(
            f"Demo account: username '{DEMO_USERNAME}', password '{password}'"))
        self.stdout.write(
            f"Sign in at http://{addrport}/inloggen/ with that user name and password. The demo "
            "account needs no second factor: it is cleared up to Departementaal Vertrouwelijk and "
            "is no administrator. Administrators and users cleared Stg. Confidentieel or higher "
            "set up an authenticator app the first time they sign in.")
        if no_serve:
            return
        self.stdout.write(f"Serving on http://{addrport}/ (Ctrl-C to stop)")
        call_command("runserver", addrport, use_reloader=False)

    def _write_report(self) -> None:
        """The progress report of the dataset's latest report period, in all five formats, into out/."""
        from missiemonitor.core.principals import SYSTEM
        from missiemonitor.reporting.selectors import report_periods
        from missiemonitor.reporting.services import report_generate

        periods = report_periods(user=SYSTEM)
        if not periods:
            self.stdout.write("The dataset holds no report text; no progress report written.")
            return
        start, end = periods[0]
        self.stdout.write(f"Writing the progress report {start}..{end}…")
        for path in report_generate(user=SYSTEM, start=start, end=end, language="nl", audience="public",
                                    out_dir=Path("out")):
            self.stdout.write(f"  {path}")
