"""API resources of accounts: API tokens. Creating one checks a password (and, for an account
with two-factor sign-in, the code too), so it is rate limited per client address; listing and
revoking act on the caller's own tokens only."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from missiemonitor.accounts.backends import client_address
from missiemonitor.accounts.models import ApiToken, TokenScope
from missiemonitor.accounts.tokens import (
    DEFAULT_DAYS,
    MAX_DAYS,
    token_create,
    token_revoke,
    tokens_of,
)
from missiemonitor.accounts.twofactor import TwoFactorError, token_sign_in_check
from missiemonitor.api.authentication import BearerTokenAuthentication
from missiemonitor.api.fields import StrictCharField, StrictChoiceField, StrictIntegerField
from missiemonitor.api.pagination import RecordCursorPagination
from missiemonitor.api.throttling import AuthenticationThrottle


class TokenSerializer(serializers.ModelSerializer):
    """An API token, without its secret."""

    class Meta:
        model = ApiToken
        fields = ("prefix", "name", "scope", "created_at", "expires_at", "revoked_at", "last_used_at")
        read_only_fields = fields
        extra_kwargs = {
            "scope": {"help_text": _("'read': GET, HEAD and OPTIONS only; 'read-write': also "
                                     "changes, within what the user's role allows.")},
            "created_at": {"help_text": _("When the token was created.")},
            "expires_at": {"help_text": _("From this moment the token is refused.")},
            "revoked_at": {"help_text": _("When the token was revoked; null while it is valid.")},
            "last_used_at": {
                "help_text": _("When the token was last used (to within ten minutes).")
            },
        }


class NewTokenSerializer(TokenSerializer):
    """A new API token, with its secret. The secret is shown only this once."""

    token = serializers.CharField(
        read_only=True,
        help_text=_(
            "The token to send as 'Authorization: Bearer <token>'. It is not stored and cannot be "
            "shown again."
        ),
    )

    class Meta(TokenSerializer.Meta):
        fields = ("token", *TokenSerializer.Meta.fields)
        read_only_fields = fields


class TokenCredentialsSerializer(serializers.Serializer):
    """Who asks for a token, and what for."""

    username = StrictCharField(max_length=150, help_text=_("Your username."))
    password = StrictCharField(
        max_length=256, write_only=True, trim_whitespace=False, help_text=_("Your password.")
    )
    name = StrictCharField(
        max_length=100, help_text=_("What the token is for, such as the script that uses it.")
    )
    days = StrictIntegerField(
        min_value=1,
        max_value=MAX_DAYS,
        default=DEFAULT_DAYS,
        help_text=_("Days until the token expires."),
    )
    scope = StrictChoiceField(
        choices=TokenScope.choices,
        default=TokenScope.READ,
        help_text=_("'read' (the default): GET, HEAD and OPTIONS only; 'read-write': also changes."),
    )
    code = StrictCharField(
        max_length=32,
        required=False,
        default="",
        write_only=True,
        help_text=_(
            "For an account with two-factor sign-in: the code from the authenticator app, or a "
            "backup code."
        ),
    )


class TokenPagination(RecordCursorPagination):
    ordering = ("-created_at", "prefix")


class TokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """API tokens of the signed-in user. Create one with your username and password."""

    serializer_class = TokenSerializer
    authentication_classes = [BearerTokenAuthentication, SessionAuthentication]
    pagination_class = TokenPagination
    lookup_field = "prefix"
    lookup_value_regex = r"[0-9a-f]{1,16}"
    http_method_names = ["get", "post", "delete", "head"]
    ordering_tiebreak = "prefix"

    queryset = ApiToken.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return tokens_of(user=self.request.user)

    def get_permissions(self):
        return [AllowAny()] if self.action == "create" else [IsAuthenticated()]

    def get_throttles(self):
        return [AuthenticationThrottle()] if self.action == "create" else []

    @extend_schema(request=TokenCredentialsSerializer, responses={201: NewTokenSerializer}, auth=[])
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = TokenCredentialsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise exceptions.AuthenticationFailed(_("The username or password is not right."))
        try:
            token_sign_in_check(
                user=user, code=data.validated_data["code"], address=client_address(request)
            )
        except TwoFactorError as exc:
            raise exceptions.AuthenticationFailed(exc.message) from None
        token, text = token_create(
            user=user,
            name=data.validated_data["name"],
            days=data.validated_data["days"],
            scope=data.validated_data["scope"],
        )
        body = NewTokenSerializer(token).data
        body["token"] = text
        return Response(body, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Revoke the token: it is refused from now on."""
        token_revoke(token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


TokenViewSet.create.problems = (401, 429)

ROUTES = [("tokens", TokenViewSet)]
