"""Incidents in the period."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from missiemonitor.context.models import Incident
from missiemonitor.core.provenance import refs
from missiemonitor.monitoring.attention.base import AttentionPoint, Fmt, Rule, Severity, register


@register
class IncidentRule(Rule):
    """Every incident dated in the period; its severity maps to the point's severity through
    ``MM_ATTENTION["INCIDENT_SEVERITY"]``."""

    id = "incident"
    severity = Severity.MEDIUM

    def run(self) -> Iterator[AttentionPoint]:
        mapping = self.ctx.threshold("INCIDENT_SEVERITY")
        incidents = (Incident.objects.visible_to(self.ctx.user).filter(self.ctx.scope.q())
                     .filter(date__gte=self.ctx.start, date__lte=self.ctx.end)
                     .with_visible(self.ctx.user, "contribution").order_by("date", "key"))
        for incident in incidents:
            def render(fmt: Fmt, incident=incident) -> str:
                values = {"date": fmt.date(incident.date, incident.date_precision),
                          "type": incident.get_incident_type_display(),
                          "severity": incident.get_severity_display(),
                          "description": fmt.short(fmt.text(incident, "description"), 120)}
                # "op 3 december 2024", but "in december 2024" when only the month is known.
                on_day = incident.date_precision == "day"
                if incident.contribution is not None:  # None when the user may not see it
                    values["contribution"] = fmt.text(incident.contribution, "name")
                    if on_day:
                        return _("Incident on %(date)s at %(contribution)s (%(type)s, %(severity)s): "
                                 "%(description)s") % values
                    return _("Incident in %(date)s at %(contribution)s (%(type)s, %(severity)s): "
                             "%(description)s") % values
                if on_day:
                    return _("Incident on %(date)s (%(type)s, %(severity)s): %(description)s") % values
                return _("Incident in %(date)s (%(type)s, %(severity)s): %(description)s") % values

            yield self.point(render, records=refs([incident]),
                             mission_key=self.ctx.scope.key_of(incident.mission_id), date=incident.date,
                             severity=mapping.get(incident.severity, self.severity),
                             incident_severity=incident.severity)
