from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """Every page: the shell (layout, design-system assets, the classification banner, sign-in,
    navigation) and the views, forms and templates of each domain (``views/<domain>.py``,
    ``forms/<domain>.py``, ``templates/<domain>/``), which call the domain's services and
    selectors (docs/decisions/0004-views-in-web-resources-in-api.md)."""

    name = "missiemonitor.web"
    label = "web"
    verbose_name = _("web interface")
