from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "missiemonitor.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from missiemonitor.audit.capture import register_audited_models

        register_audited_models()
