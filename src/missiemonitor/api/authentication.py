"""Token authentication for scripts: ``Authorization: Bearer mm_...``. Tokens are stored as
hashes, expire and can be revoked (``accounts.tokens``). A read-only token is refused (403) any
method but GET, HEAD and OPTIONS, here, before any view or permission class runs, so no resource
can forget it; what the token's user may do besides is decided by the permission classes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from missiemonitor.accounts.tokens import token_authenticate, token_may


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send one token after 'Bearer'."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = token_authenticate(secret=secret)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("The token is not valid, has expired or was revoked.")
            )
        if not token_may(token, request.method):
            raise exceptions.PermissionDenied(
                _("This token may only read (scope 'read'); create a 'read-write' token to change records.")
            )
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "An API token, created with 'missiemonitor token create', on your account "
                    "page or with POST /api/v1/tokens, sent as 'Authorization: Bearer <token>'. "
                    "A token with scope 'read' may only use GET, HEAD and OPTIONS."
                )
            ),
        }
