"""Attention points: critical reporting from the data.

A registry of small rules (``rules/``) each point at something that goes wrong in a reporting
period: a condition that regressed or is overdue, an old assessment, an overdue action, a
handover gap, capacity used for its own mission below a threshold, missing or late field
reports, an incident, a mandate's planned contribution not (or differently) realised, and
conflicting statements in the data. See docs/architecture.md.
"""

from missiemonitor.monitoring.attention.base import (
    REGISTRY,
    AttentionPoint,
    Rule,
    RuleContext,
    Severity,
    register,
)
from missiemonitor.monitoring.attention.engine import attention_points

__all__ = ["REGISTRY", "AttentionPoint", "Rule", "RuleContext", "Severity", "attention_points",
           "register"]
