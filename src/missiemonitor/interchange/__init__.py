"""Bringing data in from outside and taking it out: onboarding from existing documents."""
