"""``runserver`` for development and the demo only: in production mode it refuses and points to
``missiemonitor serve``. Otherwise it is the usual one (without static files: whitenoise
serves them, as in production)."""

from django.conf import settings
from django.core.management.base import CommandError
from whitenoise.runserver_nostatic.management.commands.runserver import (
    Command as DevelopmentServer,
)


class Command(DevelopmentServer):
    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("runserver is for development and the demo; in production, serve "
                               "with 'missiemonitor serve' (gunicorn, docs/configuration.md)")
        return super().handle(*args, **options)
