"""The application's settings, with the benchmark's URLs (the floor view) added."""

from missiemonitor.settings import *  # noqa: F403

ROOT_URLCONF = "api_support.urls"
DEBUG = False
