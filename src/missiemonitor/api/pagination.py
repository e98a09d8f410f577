"""Cursor pagination: stable pages however much data is added meanwhile, and no COUNT query,
so listing costs the same on the first page and the thousandth."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination


class RecordCursorPagination(CursorPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = ("key",)
    invalid_cursor_message = _("The cursor is not valid; use a next or previous link as given.")
    page_size_query_description = _("Records per page (at most 1000; default 100).")
    cursor_query_description = _(
        "The position to continue from, as given in a next or previous link."
    )

    def get_ordering(self, request, queryset, view):
        ordering = tuple(super().get_ordering(request, queryset, view))
        tiebreak = getattr(view, "ordering_tiebreak", "key")
        if tiebreak.lstrip("-") not in {field.lstrip("-") for field in ordering}:
            ordering = (*ordering, tiebreak)
        return ordering

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Expected a whole number from 1 to %(max)d.")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return int(value)

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.page_size_query_param:
                param["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return params

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except Exception:
            raise ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, ValueError, TypeError, OverflowError):
            # a cursor whose position does not fit the ordering field
            raise ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None

    def get_paginated_response_schema(self, schema):
        data = super().get_paginated_response_schema(schema)
        data["properties"]["next"]["description"] = str(
            _("Address of the next page; null on the last page.")
        )
        data["properties"]["previous"]["description"] = str(
            _("Address of the previous page; null on the first page.")
        )
        data["properties"]["results"]["description"] = str(_("The records of this page."))
        return data
