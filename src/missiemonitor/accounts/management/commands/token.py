from django.core.management.base import BaseCommand, CommandError

from missiemonitor.accounts.models import ApiToken, TokenScope, User
from missiemonitor.accounts.tokens import (
    DEFAULT_DAYS,
    MAX_DAYS,
    token_create,
    token_revoke,
    tokens_of,
)
from missiemonitor.audit.context import cli_command


class Command(BaseCommand):
    help = "Create, list and revoke API tokens for scripts."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create", help="Create a token and print it (it is shown only once)."
        )
        create.add_argument("--user", required=True, help="The username the token acts as.")
        create.add_argument("--name", required=True, help="What the token is for.")
        create.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"Days until it expires (1-{MAX_DAYS}; default {DEFAULT_DAYS}).",
        )
        create.add_argument(
            "--scope",
            choices=TokenScope.values,
            default=TokenScope.READ,
            help="read: GET only (the default); read-write: also create, change and delete, "
            "within what the user's role allows.",
        )
        revoke = sub.add_parser("revoke", help="Revoke a token by its prefix.")
        revoke.add_argument("prefix", help="The token's prefix (the part after 'mm_').")
        listing = sub.add_parser("list", help="List a user's tokens.")
        listing.add_argument("--user", required=True)

    def _user(self, username: str) -> User:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"no user {username!r}") from None

    @cli_command("token")
    def handle(self, *args, action: str, **options):
        if action == "create":
            if not 1 <= options["days"] <= MAX_DAYS:
                raise CommandError(f"--days must be between 1 and {MAX_DAYS}")
            token, text = token_create(
                user=self._user(options["user"]), name=options["name"], days=options["days"],
                scope=options["scope"],
            )
            self.stderr.write(
                f"token {token.prefix} ({token.scope}) for {token.user.username}, expires "
                f"{token.expires_at:%Y-%m-%d %H:%M %Z}; store it now, it is not shown again:"
            )
            self.stdout.write(text)
        elif action == "revoke":
            try:
                token = ApiToken.objects.get(
                    prefix=options["prefix"].removeprefix("mm_").split("_")[0]
                )
            except ApiToken.DoesNotExist:
                raise CommandError(f"no token {options['prefix']!r}") from None
            token_revoke(token=token)
            self.stdout.write(f"revoked {token.prefix} ({token.name}) of {token.user.username}")
        else:
            for token in tokens_of(user=self._user(options["user"])):
                state = "revoked" if token.revoked_at else f"expires {token.expires_at:%Y-%m-%d}"
                self.stdout.write(f"{token.prefix}\t{token.name}\t{token.scope}\t{state}")
