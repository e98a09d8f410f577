from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "missiemonitor.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from missiemonitor.audit import capture, services
        from missiemonitor.audit.models import AuditEntryManager

        AuditEntryManager.hooks.update(signal=capture.entry_from_signal,
                                       m2m=capture.entry_from_m2m,
                                       append=services.entries_append)
        capture.register_audited_models()
