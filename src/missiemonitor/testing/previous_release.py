"""The database of the previous release, for the upgrade test (interchange/tests/test_upgrade.py).

:data:`PREVIOUS_RELEASE` is the last migration of each app on main before issue 10's audit
trail and two-factor sign-in added theirs. The fixture is a portable backup of a database that
``migrate`` built to exactly those migrations and :func:`~missiemonitor.testing.populated.populate`
filled (the bundled dataset, users, a token, a flight log), with its dataset export beside it.
It was made once, with this release's code, by::

    python -m missiemonitor.testing.previous_release src/missiemonitor/interchange/tests/data

which refuses to run once the code has migrations the previous release did not have: from then
on the files are the previous release's, and only its code could make them again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

PREVIOUS_RELEASE = {
    "accounts": "0002_api_tokens",
    "admin": "0003_logentry_add_action_flag_choices",
    "auth": "0012_alter_user_first_name_max_length",
    "contenttypes": "0002_remove_content_type_name",
    "context": "0001_initial",
    "core": "0002_mission_from_contribution",
    "finance": "0001_initial",
    "missions": "0001_initial",
    "monitoring": "0003_submitted_by",
    "programmes": "0001_initial",
    "reporting": "0001_initial",
    "results": "0005_log_batch",
    "sessions": "0001_initial",
}
BACKUP_NAME = "previous-release.backup"
EXPORT_NAME = "previous-release.export.yaml"

_BUILD = """
import sys
from pathlib import Path

import django

django.setup()
from django.core.management import call_command

from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.backup import backup_write
from missiemonitor.interchange.backup.state import latest_state, describe
from missiemonitor.interchange.dataset import dataset_export
from missiemonitor.testing.populated import populate
from missiemonitor.testing.previous_release import PREVIOUS_RELEASE

if describe(latest_state()) != PREVIOUS_RELEASE:
    sys.exit("this code has migrations the previous release did not have; its fixture stays")
for app, name in PREVIOUS_RELEASE.items():
    call_command("migrate", app, name, verbosity=0)
populate()
out = Path(sys.argv[1])
backup_write(path=out / "previous-release.backup", format="portable")
(out / "previous-release.export.yaml").write_text(dataset_export(user=SYSTEM), encoding="utf-8")
"""


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="mm-previous-") as scratch:
        env = {**os.environ, "MM_DATABASE_URL": f"sqlite:///{Path(scratch) / 'db.sqlite3'}",
               "MM_VAR_DIR": str(Path(scratch) / "var"), "MM_ENV": "demo",
               "DJANGO_SETTINGS_MODULE": "missiemonitor.settings"}
        subprocess.run([sys.executable, "-c", _BUILD, str(out.resolve())], env=env, check=True)  # noqa: S603


if __name__ == "__main__":
    main(Path(sys.argv[1]))
