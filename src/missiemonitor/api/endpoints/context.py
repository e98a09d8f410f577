"""API resources of the context: events with their figures, threat assessments, incidents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from missiemonitor.api.resources import record_serializer, record_viewset
from missiemonitor.api.serializers import RecordSerializer
from missiemonitor.context.models import ContextEvent, EventFigure, Incident, ThreatAssessment


class EventFigureSerializer(RecordSerializer):
    """A figure an event states, such as seven attacks; written with its event."""

    class Meta:
        model = EventFigure
        exclude = ("id", "event")


ContextEventSerializer = record_serializer(
    ContextEvent,
    nested=("figures",),
    figures=EventFigureSerializer(
        many=True,
        required=False,
        help_text=_(
            "The figures the event states. On a change the list replaces the stored one; figures "
            "are matched by order and unit."
        ),
    ),
)

ROUTES = [
    ("context-events", record_viewset(ContextEvent, serializer=ContextEventSerializer)),
    ("threat-assessments", record_viewset(ThreatAssessment)),
    ("incidents", record_viewset(Incident, search=("key", "description", "outcome"))),
]
