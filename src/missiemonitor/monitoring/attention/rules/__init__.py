"""The shipped rules. Importing this package registers them, in this order."""

from missiemonitor.monitoring.attention.rules import (  # noqa: F401
    actions,
    capacity,
    conditions,
    conflicts,
    incidents,
    mandates,
    reports,
    rotations,
)
