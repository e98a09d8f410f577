from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The shell of the pages: layout, design-system assets, the classification banner, and the
    cross-domain pages (dashboard, search, data, accessibility statement). Each domain app keeps
    its own pages in its ``views.py``."""

    name = "missiemonitor.web"
    label = "web"
    verbose_name = _("web interface")
