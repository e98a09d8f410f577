"""API of the audit trail: the history of one record, read only. The same selector as the
History tab (:func:`missiemonitor.audit.selectors.history_for_record`): a record the caller may
not see is not found, and values above their clearance are withheld. Entries cannot be
created, changed or deleted through the API."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from missiemonitor.api.fields import KEY_REGEX
from missiemonitor.api.queries import QuerySerializer
from missiemonitor.audit.capture import audited_models
from missiemonitor.audit.models import Action
from missiemonitor.audit.selectors import history_for_record
from missiemonitor.core.models import Record

ACTIONS = {Action.CREATE: "created", Action.UPDATE: "changed", Action.DELETE: "deleted"}


class AuditQuerySerializer(QuerySerializer):
    type = serializers.RegexField(
        r"^[a-z]+\.[a-z]+$", max_length=100,
        help_text=_("The kind of record, as app.model in lower case, such as missions.contribution."))
    key = serializers.RegexField(KEY_REGEX, max_length=100, help_text=_("The record's key."))


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField(source="name", help_text=_("The field's name."))
    label = serializers.CharField(help_text=_("The field's name for people, in the language asked for."))
    withheld = serializers.BooleanField(
        source="hidden",
        help_text=_("True when the values are above the caller's clearance or name records the "
                    "caller may not see: the field changed, its values are not shown."))
    old = serializers.CharField(allow_null=True, help_text=_("The value before, as text."))
    new = serializers.CharField(allow_null=True, help_text=_("The value after, as text."))
    added = serializers.ListField(child=serializers.CharField(),
                                  help_text=_("For a list of references: the keys added."))
    removed = serializers.ListField(child=serializers.CharField(),
                                    help_text=_("For a list of references: the keys removed."))
    items = serializers.ListField(child=serializers.CharField(),
                                  help_text=_("For a nested list: each item added, changed or removed."))


class AuditEntrySerializer(serializers.Serializer):
    sequence = serializers.IntegerField(help_text=_("The entry's number in the audit trail."))
    timestamp = serializers.DateTimeField(help_text=_("When the change was made."))
    action = serializers.SerializerMethodField(help_text=_("created, changed or deleted"))
    actor = serializers.CharField(help_text=_("Who made the change (a user name, or system)."))
    channel = serializers.CharField(help_text=_("Through what: web, api, admin, cli or system."))
    command = serializers.CharField(help_text=_("For the command line: the command."))
    withheld = serializers.BooleanField(
        source="hidden",
        help_text=_("True when the record was classified above the caller's clearance at the "
                    "time: which fields changed is shown, not their values."))
    changes = FieldChangeSerializer(many=True, help_text=_("The fields changed."))

    def get_action(self, entry: Any) -> str:
        return ACTIONS.get(entry.action, str(entry.action))


class AuditEntriesView(APIView):
    """The history of one record: who changed what, when and through which channel, newest
    first (at most 200 entries)."""

    problems = (400, 404)

    @extend_schema(parameters=[AuditQuerySerializer], responses=AuditEntrySerializer(many=True),
                   operation_id="audit_entries_list")
    def get(self, request: Request) -> Response:
        query = AuditQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            model = apps.get_model(query.validated_data["type"])
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, Record) or model not in audited_models():
            raise ValidationError({"type": [_("No kind of record is called this.")]})
        record = model.objects.visible_to(request.user).filter(key=query.validated_data["key"]).first()
        if record is None:
            raise NotFound(_("No record with this key exists."))
        entries = history_for_record(user=request.user, record=record)
        return Response(AuditEntrySerializer(entries, many=True).data)


URLS = [("audit-entries", AuditEntriesView)]
