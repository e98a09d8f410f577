"""API tokens: creating, revoking and checking them.

A token reads ``mm_<prefix>_<secret>``. The prefix finds the row; the SHA-256 of the whole
token is compared in constant time. A high-entropy random secret needs no slow password hash.
A token reads only, or reads and writes (``scope``); the API refuses a read-only token any
method but GET, HEAD and OPTIONS (``api.authentication``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from missiemonitor.accounts.models import ApiToken, TokenScope, User
from missiemonitor.accounts.services import _require_manager, _require_may_change

DEFAULT_DAYS = 90
MAX_DAYS = 366
LAST_USED_RESOLUTION = dt.timedelta(minutes=10)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str, days: int = DEFAULT_DAYS,
                 scope: str = TokenScope.READ) -> tuple[ApiToken, str]:
    """A new token for ``user`` valid for ``days`` (1..366) with ``scope`` (read only unless
    asked). Returns the row and the token text, which is not stored and cannot be shown again."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}")
    if scope not in TokenScope.values:
        raise ValueError(f"scope must be one of {', '.join(TokenScope.values)}")
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # pragma: no cover - 1 in 4 billion
        prefix = secrets.token_hex(4)
    text = f"mm_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        digest=_digest(text),
        expires_at=timezone.now() + dt.timedelta(days=days),
        scope=scope,
    )
    return token, text


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` from now on; revoking twice keeps the first moment."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


@transaction.atomic
def token_revoke_as(*, actor: Any, owner: User, prefix: str) -> ApiToken:
    """Revoke the token ``prefix`` of ``owner`` from the pages: the owner's own, or any user's
    by an administrator who may change that user. Raises ApiToken.DoesNotExist for a token
    that is not ``owner``'s."""
    if getattr(actor, "pk", None) != owner.pk:
        _require_manager(actor)
        _require_may_change(actor, owner)
    return token_revoke(token=ApiToken.objects.get(user=owner, prefix=prefix))


def token_may(token: ApiToken | None, method: str) -> bool:
    """Whether a request with ``method`` is within the token's scope (no token: a session)."""
    return token is None or token.scope == TokenScope.READ_WRITE or method in SAFE_METHODS


def token_authenticate(*, secret: str) -> ApiToken | None:
    """The live token whose text is ``secret``, with its user; ``None`` for anything else."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != "mm" or not parts[1] or len(parts[1]) > 16:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    now = timezone.now()
    if token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def tokens_of(*, user: Any) -> QuerySet[ApiToken]:
    """The tokens of ``user``, newest first."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "prefix")
