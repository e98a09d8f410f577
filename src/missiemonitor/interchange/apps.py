from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "missiemonitor.interchange"
    label = "interchange"
    verbose_name = _("Interchange")
    default_auto_field = "django.db.models.BigAutoField"
