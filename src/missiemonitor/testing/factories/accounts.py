"""The user factory: a user with a password and, if given, mission memberships."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from missiemonitor.accounts.models import MissionMembership, User
from missiemonitor.core.models import Classification


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    clearance = Classification.ONGERUBRICEERD
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-1")

    @factory.post_generation
    def missions(self, create, extracted, **kwargs):
        if create and extracted:
            for mission in extracted:
                MissionMembership.objects.create(user=self, mission=mission)
        if create:
            self.save()
