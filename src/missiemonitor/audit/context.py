"""Who writes and through which channel, for the entries written meanwhile.

The shell sets it: the request middleware (:mod:`.middleware`: ``/api/`` → api, ``/admin/`` →
admin, else web), the management commands (:func:`cli_command`, and the ``missiemonitor``
entry point for every command) and anything else that writes on someone's behalf. It is
django-auditlog's context (``auditlog.context``), so the library's own receivers see the same
actor; unlike the library's ``set_actor``, leaving the block restores what was there before.
Without a context an entry says channel ``system`` and no actor.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from auditlog.context import auditlog_value, set_extra_data

from missiemonitor.audit.models import Channel
from missiemonitor.core.principals import SYSTEM


@contextmanager
def audit_context(*, channel: str, actor: Any = None, command: str = "",
                  remote_addr: str | None = None) -> Iterator[None]:
    """Entries written inside the block name ``channel``, ``actor`` (a user, a principal such
    as ``SYSTEM``, or a callable returning one, read when an entry is written: an API token is
    only checked in the view) and, on the command line, ``command``."""
    if channel not in Channel.values:
        raise ValueError(f"unknown audit channel {channel!r}")
    token = auditlog_value.set({})
    try:
        with set_extra_data({"audit_actor": actor, "channel": channel, "command": command,
                             "remote_addr": remote_addr}):
            yield
    finally:
        auditlog_value.reset(token)


def cli_command(name: str, *, actor_option: str | None = None
                ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a management command's ``handle``: its writes are entries of channel ``cli``
    with the command's name, as the ``SYSTEM`` principal (the operator at the console), or as
    the user named by the option ``actor_option`` for a command that acts on someone's
    behalf."""

    def decorate(handle: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handle)
        def wrapper(*args: Any, **options: Any) -> Any:
            actor = (options.get(actor_option) if actor_option else None) or SYSTEM
            with audit_context(channel=Channel.CLI, command=name, actor=actor):
                return handle(*args, **options)

        return wrapper

    return decorate


@dataclass(frozen=True)
class Current:
    channel: str
    command: str
    actor: Any
    remote_addr: str | None


def current() -> Current:
    """The context of the entries written now."""
    data = auditlog_value.get(None) or {}
    actor = data.get("audit_actor", data.get("actor"))
    if callable(actor):
        actor = actor()
    return Current(channel=data.get("channel") or Channel.SYSTEM, command=data.get("command") or "",
                   actor=actor, remote_addr=data.get("remote_addr"))
