"""Forms of the user-management pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from missiemonitor.accounts.models import Role, User
from missiemonitor.core.models import Classification
from missiemonitor.missions.models import Mission
from missiemonitor.web.forms.base import StyledForm

CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"


class UserForm(StyledForm):
    """Create (with ``creating``) or change a user. Choices offer only what the administrator may
    grant; the service checks again."""

    username = forms.CharField(label=_("User name"), max_length=150,
                               help_text=_("Letters, digits and @/./+/-/_ only."),
                               validators=[User.username_validator])
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices,
                             help_text=_("Decides which actions the user is offered."))
    clearance = forms.TypedChoiceField(label=_("Clearance"), coerce=int,
                                       help_text=_("The highest classification the user may see."))
    all_missions = forms.BooleanField(label=_("Need-to-know for all missions"), required=False)
    missions = forms.ModelMultipleChoiceField(label=_("Missions"), queryset=Mission.objects.none(),
                                              required=False, to_field_name="key",
                                              widget=forms.CheckboxSelectMultiple)
    password = forms.CharField(label=_("Password"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password_again = forms.CharField(label=_("Password again"), required=False, strip=False,
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, actor, user: User | None = None, **kwargs):
        self.creating = user is None
        super().__init__(*args, **kwargs)
        self.fields["clearance"].choices = [(v, label) for v, label in Classification.choices
                                            if v <= actor.clearance]
        self.fields["missions"].queryset = Mission.objects.visible_to(actor).order_by("key")
        self.fields["missions"].widget.attrs["class"] = CHECKBOX
        if not actor.all_missions and not (user is not None and user.all_missions):
            self.fields["all_missions"].disabled = True
            self.fields["all_missions"].help_text = _("Only an administrator with need-to-know for all missions can grant it.")
        if self.creating:
            self.fields["password"].required = self.fields["password_again"].required = True
        else:
            self.fields["username"].disabled = True
            self.fields["password"].label = _("New password")
            self.fields["password"].help_text = _("Leave empty to keep the current password.")
            self.fields["password_again"].label = _("New password again")

    def clean(self):
        data = super().clean()
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {name: data[name] for name in ("first_name", "last_name", "email", "role", "clearance",
                                                "all_missions", "password")}
        kwargs["missions"] = list(data["missions"])
        return kwargs


class UserStateForm(StyledForm):
    state = forms.CharField(widget=forms.HiddenInput)
