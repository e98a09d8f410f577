"""Test support shared by the apps' tests: factories and users."""
