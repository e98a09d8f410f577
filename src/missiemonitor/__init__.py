"""Missiemonitor: monitoring, evaluation and progress reporting on mission contributions."""

__version__ = "0.1.0"
