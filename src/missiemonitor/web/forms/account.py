"""Forms of signing in with a second factor and of the own account page (API tokens)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from missiemonitor.accounts.models import TokenScope
from missiemonitor.accounts.tokens import DEFAULT_DAYS, MAX_DAYS
from missiemonitor.web.forms.base import StyledForm


class CodeForm(StyledForm):
    """A code from the authenticator app, or a backup code. Not numeric-only: backup codes have
    letters."""

    code = forms.CharField(
        label=_("Code"), max_length=32, strip=True,
        help_text=_("The six digits your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none",
                                      "spellcheck": "false"}),
    )


class SetupCodeForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The six digits the app shows for Missiemonitor after "
                                          "you added it.")
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class TokenForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("What the token is for, such as the script that uses it."))
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS,
                              initial=DEFAULT_DAYS)
    scope = forms.ChoiceField(
        label=_("Scope"), choices=TokenScope.choices, initial=TokenScope.READ,
        help_text=_("Read only is enough for scripts that fetch data; read and write allows "
                    "changes, within what your role allows."))
