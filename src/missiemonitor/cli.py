"""The ``missiemonitor`` console script: ``manage.py`` under the product's name."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "missiemonitor.settings")
    import django
    from django.core.management import execute_from_command_line

    argv = argv if argv is not None else sys.argv
    django.setup()
    from missiemonitor.audit.context import audit_context
    from missiemonitor.core.principals import SYSTEM

    # Every command writes as channel "cli" with its name; commands that write on a user's
    # behalf narrow it (missiemonitor.audit.context.cli_command).
    command = argv[1] if len(argv) > 1 else ""
    with audit_context(channel="cli", command=command[:60], actor=SYSTEM):
        execute_from_command_line(argv)


if __name__ == "__main__":  # pragma: no cover
    main()
