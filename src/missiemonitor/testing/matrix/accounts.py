"""The writes of the matrix on accounts and the audit trail: API tokens, second factors, a
pending onboarding and audit entries, through the pages, the API and the admin.

They have rules of their own (``accounts.tokens``, ``accounts.twofactor``, the onboarding's
session, the audit trail's append-only admin), so each endpoint is a :class:`Rule`: who tries
what, and why the rules refuse it (the users chosen by ``core.permissions`` and
``accounts.twofactor`` computed directly), what must stay as it was, and, where someone may, the
same write by them. The targets are other users' tokens and second factors:

* **tokens**: the owner revokes their own (page, API); no one revokes another's on their own
  account page or through the API; on a user's page and in the admin only those who manage
  users, of users not cleared above them, and only a token that is that user's;
* **second factors**: only those who manage users reset a user's (not their own, not one
  cleared above them); switching one's own off is refused to those who must have one, and
  takes one's own code, not another's; setting one up takes a code of one's own new app;
  new backup codes only with an app; an authenticator app is not added, changed or deleted in
  the admin at all;
* **a pending onboarding** is its uploader's: no one else posts to it;
* **audit entries** are not added, changed or deleted by anyone.

A refused write must change nothing the rule names (tokens, second factors, audit entries, the
uploader's session) and answer one of the refusals the rule expects. A wrong code counts against
the device (django-otp's throttling), so tries with a wrong code are rolled back after the check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.plugins.otp_totp.models import TOTPDevice

from missiemonitor.accounts.devices import BackupCode, BackupCodeDevice
from missiemonitor.accounts.models import ApiToken, User
from missiemonitor.accounts.twofactor import totp_setup_begin, two_factor_required
from missiemonitor.audit.models import AuditChainHead, AuditEntry
from missiemonitor.core.permissions import can_manage_users
from missiemonitor.testing.otp import code_for

OWNER = ("analyst", 2, "none")  # whose token and second factor others try: cleared Stg. Confidentieel
OTHER = ("analyst", 0, "none")  # a user without an authenticator app
OWN_APP = ("analyst", 0, "one")  # a user with an app who need not have one


@dataclass
class Try:
    """One write by one user: the URL, the body, and the answers that count as refused."""

    user: User
    why: str
    url: str
    body: dict[str, Any]
    refusals: tuple[int, ...] = ()
    rollback: bool = False  # a wrong code: the device counts it (throttling), so undo it after


class Rule:
    """One write endpoint on accounts or the audit trail."""

    method = "POST"
    nobody = False  # no one may: no permitted write to try

    def __init__(self, writer: Any, path: Any) -> None:
        self.writer, self.path, self.world = writer, path, writer.world

    def user(self, profile: tuple[str, int, str]) -> User:
        return self.writer.user(*profile)

    def rotate(self, turn: int, test: Callable[[User], bool]) -> User:
        users = [u for u in self.world.users if test(u)]
        return users[turn % len(users)]

    def prepare(self) -> None:
        """What must exist before the database's checksum is taken."""

    def tries(self, turn: int) -> list[Try]:
        raise NotImplementedError

    def state(self) -> tuple:
        raise NotImplementedError

    def permitted(self) -> Try | None:
        return None


def _managers(user: User) -> bool:
    return can_manage_users(user)


def _token(user: User) -> ApiToken:
    return ApiToken.objects.get(user=user, name=f"matrix {user.username}")


def _token_rows(*prefixes: str) -> tuple:
    return tuple(ApiToken.objects.filter(prefix__in=prefixes).order_by("prefix").values_list())


def second_factors() -> tuple:
    """Everyone's second factor: confirmed apps (owner, key) and backup codes (owner, salt,
    codes); a device's throttling counters are not part of it."""
    apps = tuple(TOTPDevice.objects.filter(confirmed=True).order_by("pk").values_list("pk", "user_id", "key"))
    backups = tuple(BackupCodeDevice.objects.order_by("pk").values_list("pk", "user_id", "salt"))
    codes = tuple(BackupCode.objects.order_by("pk").values_list("pk", "device_id", "digest", "used_at"))
    return apps, backups, codes


# -- tokens ------------------------------------------------------------------------------------

class OwnTokenRevoke(Rule):
    """``api_token_revoke``: the own account page revokes one's own tokens only."""

    def url(self) -> str:
        return f"/mijn-account/tokens/{self.world.token_prefix}/intrekken/"

    def tries(self, turn: int) -> list[Try]:
        author = self.world.author
        return [Try(self.rotate(turn, lambda u: u != author), "another's token", self.url(), {}, (404,)),
                Try(self.rotate(turn, _managers), "another's token (an administrator)", self.url(), {}, (404,))]

    def state(self) -> tuple:
        return _token_rows(self.world.token_prefix)

    def permitted(self) -> Try:
        return Try(self.world.author, "own token", self.url(), {})


class UserTokenRevoke(Rule):
    """``user_token_revoke``: on a user's page, by those who manage users, of a user not cleared
    above them, a token that is that user's."""

    def url(self, prefix: str) -> str:
        return f"/gebruikers/{self.user(OWNER).username}/tokens/{prefix}/intrekken/"

    def tries(self, turn: int) -> list[Try]:
        owner, other = self.user(OWNER), self.user(OTHER)
        url = self.url(_token(owner).prefix)
        return [
            Try(self.rotate(turn, lambda u: not _managers(u)), "role", url, {}, (403,)),
            Try(self.rotate(turn, lambda u: _managers(u) and u.clearance < owner.clearance), "clearance",
                url, {}, (302,)),
            Try(self.rotate(turn, lambda u: _managers(u) and u.clearance >= owner.clearance),
                "not that user's token", self.url(_token(other).prefix), {}, (404,)),
        ]

    def state(self) -> tuple:
        return _token_rows(_token(self.user(OWNER)).prefix, _token(self.user(OTHER)).prefix)

    def permitted(self) -> Try:
        return Try(self.writer.permitted(), "may", self.url(_token(self.user(OWNER)).prefix), {})


class ApiTokenDelete(OwnTokenRevoke):
    """``DELETE /api/v1/tokens/{prefix}``: the caller's own tokens only (the same rule as the
    own account page's)."""

    method = "DELETE"

    def url(self) -> str:
        return f"/api/v1/tokens/{self.world.token_prefix}"


class ApiTokenCreate(Rule):
    """``POST /api/v1/tokens``: a token for whoever gives their password; no token for another
    user without theirs (no world user has a password, so no permitted write is tried)."""

    def tries(self, turn: int) -> list[Try]:
        body = {"username": self.world.author.username, "password": "not-the-authors", "name": "matrix"}
        return [Try(self.rotate(turn, lambda u: True), "another's password", "/api/v1/tokens", body, (401,))]

    def state(self) -> tuple:
        return (ApiToken.objects.count(),)


class AdminTokenRevoke(Rule):
    """The admin's action "revoke" on the tokens' list: as on a user's page."""

    url = "/admin/accounts/apitoken/"

    def body(self) -> dict[str, Any]:
        return {"action": "revoke", "_selected_action": [_token(self.user(OWNER)).pk]}

    def tries(self, turn: int) -> list[Try]:
        owner = self.user(OWNER)
        return [
            Try(self.rotate(turn, lambda u: u.is_staff and not _managers(u)), "role", self.url, self.body(),
                (403,)),
            Try(self.rotate(turn, lambda u: _managers(u) and u.clearance < owner.clearance), "clearance",
                self.url, self.body(), (302,)),
        ]

    def state(self) -> tuple:
        return _token_rows(_token(self.user(OWNER)).prefix)

    def permitted(self) -> Try:
        return Try(self.writer.permitted(), "may", self.url, self.body())


# -- second factors ---------------------------------------------------------------------------

class TwoFactorReset(Rule):
    """``user_two_factor_reset``: by those who manage users, of another user not cleared above
    them."""

    def url(self, user: User) -> str:
        return f"/gebruikers/{user.username}/tweestapsverificatie/herstellen/"

    def tries(self, turn: int) -> list[Try]:
        owner = self.user(OWNER)
        url = self.url(owner)
        myself = self.rotate(turn, lambda u: _managers(u) and u.pk in self.world.apps)
        return [
            Try(self.rotate(turn, lambda u: not _managers(u)), "role", url, {}, (403,)),
            Try(self.rotate(turn, lambda u: _managers(u) and u.clearance < owner.clearance), "clearance",
                url, {}, (302,)),
            Try(myself, "their own", self.url(myself), {}, (302,)),
        ]

    def state(self) -> tuple:
        return second_factors()

    def permitted(self) -> Try:
        return Try(self.writer.permitted(), "may", self.url(self.user(OWNER)), {})


class TwoFactorOff(Rule):
    """``two_factor_off``: one's own second factor, with one's own code, if one need not have it."""

    url = "/mijn-account/tweestapsverificatie/uitschakelen/"

    def code(self, user: User) -> dict[str, str]:
        return {"code": code_for(self.world.apps[user.pk])}

    def tries(self, turn: int) -> list[Try]:
        required = self.rotate(turn, lambda u: two_factor_required(u) and u.pk in self.world.apps)
        free = self.rotate(turn, lambda u: not two_factor_required(u) and u.pk in self.world.apps)
        return [Try(required, "must have one", self.url, self.code(required), (400,)),
                Try(free, "another's code", self.url, self.code(self.user(OWNER)), (400,), rollback=True)]

    def state(self) -> tuple:
        return second_factors()

    def permitted(self) -> Try:
        user = self.user(OWN_APP)
        return Try(user, "own code", self.url, self.code(user))


class BackupCodesNew(Rule):
    """``backup_codes_new``: one's own, and only with an authenticator app."""

    url = "/mijn-account/herstelcodes/"

    def tries(self, turn: int) -> list[Try]:
        return [Try(self.rotate(turn, lambda u: u.pk not in self.world.apps), "no app", self.url, {}, (302,))]

    def state(self) -> tuple:
        return second_factors()

    def permitted(self) -> Try:
        return Try(self.user(OWN_APP), "own app", self.url, {})


class TwoFactorSetup(Rule):
    """``two_factor_setup``: one's own new app, confirmed by a code from it, not from another's."""

    url = "/mijn-account/tweestapsverificatie/"

    def prepare(self) -> None:
        self.pending = totp_setup_begin(user=self.user(OTHER))

    def tries(self, turn: int) -> list[Try]:
        code = code_for(self.world.apps[self.user(OWNER).pk])
        return [Try(self.user(OTHER), "another's code", self.url, {"code": code}, (400,), rollback=True)]

    def state(self) -> tuple:
        return second_factors()

    def permitted(self) -> Try:
        return Try(self.user(OTHER), "own new app", self.url, {"code": code_for(self.pending)})


class AdminAppWrite(Rule):
    """An authenticator app in the admin: added, changed or deleted by no one."""

    nobody = True

    def __init__(self, writer: Any, path: Any, does: str) -> None:
        super().__init__(writer, path)
        self.does = does

    def target(self) -> TOTPDevice:
        return self.world.apps[self.user(OWNER).pk]

    def request(self) -> tuple[str, dict[str, Any]]:
        base = "/admin/otp_totp/totpdevice/"
        values = {"user": self.writer.permitted().pk, "name": "matrix", "confirmed": "on",
                  "key": "00" * 20, "step": 30, "t0": 0, "digits": 6, "tolerance": 1, "drift": 0,
                  "throttling_failure_count": 0}
        if self.does == "add":
            return f"{base}add/", values
        if self.does == "edit":  # unconfirmed: the owner's second factor gone
            values.pop("confirmed")
            return f"{base}{self.target().pk}/change/", {**values, "user": self.target().user_id}
        return f"{base}{self.target().pk}/delete/", {"post": "yes"}

    def tries(self, turn: int) -> list[Try]:
        url, body = self.request()
        return [Try(self.rotate(turn, _managers), "no one (an administrator)", url, body, (403,)),
                Try(self.rotate(turn, lambda u: u.is_staff and not _managers(u)), "no one", url, body,
                    (403,))]

    def state(self) -> tuple:
        return second_factors()


# -- a pending onboarding ---------------------------------------------------------------------

class OnboardingReview(Rule):
    """``onboard_review``: the uploader's pending onboarding (in their session) is theirs."""

    def prepare(self) -> None:
        from missiemonitor.testing.matrix.reads import LETTER

        response = self.writer.client(self.world.onboarder).post("/gegevens/onboarding/", {
            "file": SimpleUploadedFile("brief.txt", LETTER.encode()), "classification": "0"})
        self.url = response["Location"]
        self.session = self.writer.client(self.world.onboarder).session.session_key

    def tries(self, turn: int) -> list[Try]:
        body = {"action": "load"}
        loader = self.writer.permitted()  # may onboard documents, not this one
        return [Try(self.rotate(turn, lambda u: u != loader), "role", self.url, body, (403,)),
                Try(loader, "another's upload", self.url, body, (404,))]

    def state(self) -> tuple:  # the uploader's session, and any record written (its audit entry)
        return Session.objects.get(session_key=self.session).session_data, AuditEntry.objects.count()

    def permitted(self) -> Try:
        return Try(self.world.onboarder, "own upload", self.url, {"action": "accept-all"})


# -- the audit trail --------------------------------------------------------------------------

class AuditEntryWrite(Rule):
    """An audit entry in the admin: added, changed or deleted by no one (also not with the
    list's actions)."""

    nobody = True
    base = "/admin/audit/auditentry/"

    def __init__(self, writer: Any, path: Any, does: str) -> None:
        super().__init__(writer, path)
        self.does = does

    def target(self) -> AuditEntry:  # an entry every user may see: an unclassified organisation's
        return AuditEntry.objects.filter(object_key="k-organisation-n0").order_by("sequence").first()

    def request(self) -> tuple[str, dict[str, Any]]:
        entry = self.target()
        if self.does == "add":
            return f"{self.base}add/", {"object_key": "k-organisation-n0", "action": 1, "changes": "{}"}
        if self.does == "edit":
            return f"{self.base}{entry.pk}/change/", {"object_key": "k-organisation-n0", "changes": "{}",
                                                      "actor_name": "matrix"}
        if self.does == "delete":
            return f"{self.base}{entry.pk}/delete/", {"post": "yes"}
        return self.base, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}

    def tries(self, turn: int) -> list[Try]:
        url, body = self.request()
        refusals = (200, 302) if self.does == "actions" else (403,)  # no actions: nothing selected
        return [Try(self.rotate(turn, _managers), "no one (an administrator)", url, body, refusals),
                Try(self.rotate(turn, lambda u: u.is_staff and not _managers(u)), "no one", url, body,
                    refusals)]

    def state(self) -> tuple:
        return (tuple(AuditEntry.objects.filter(pk=self.target().pk).values_list()),
                AuditEntry.objects.count(), tuple(AuditChainHead.objects.values_list()))


# -- which rule for which path ------------------------------------------------------------------

RULES: dict[str, Callable[[Any, Any], Rule]] = {
    "page:api_token_revoke": OwnTokenRevoke,
    "page:user_token_revoke": UserTokenRevoke,
    "page:user_two_factor_reset": TwoFactorReset,
    "page:two_factor_off": TwoFactorOff,
    "page:two_factor_setup": TwoFactorSetup,
    "page:backup_codes_new": BackupCodesNew,
    "page:onboard_review": OnboardingReview,
    "api:api/v1/tokens": ApiTokenCreate,
    "api:api/v1/tokens/{prefix}": ApiTokenDelete,
    "admin:admin:accounts_apitoken_changelist": AdminTokenRevoke,
    "admin:admin:otp_totp_totpdevice_add": lambda w, p: AdminAppWrite(w, p, "add"),
    "admin:admin:otp_totp_totpdevice_change": lambda w, p: AdminAppWrite(w, p, "edit"),
    "admin:admin:otp_totp_totpdevice_delete": lambda w, p: AdminAppWrite(w, p, "delete"),
    "admin:admin:audit_auditentry_add": lambda w, p: AuditEntryWrite(w, p, "add"),
    "admin:admin:audit_auditentry_change": lambda w, p: AuditEntryWrite(w, p, "edit"),
    "admin:admin:audit_auditentry_delete": lambda w, p: AuditEntryWrite(w, p, "delete"),
    "admin:admin:audit_auditentry_changelist": lambda w, p: AuditEntryWrite(w, p, "actions"),
}
# Writes on one's own account that the rules allow every signed-in user: nothing to refuse.
OWN_ACCOUNT = {
    "page:api_token_new": "an API token for oneself: every signed-in user may make one",
}
