"""A test hook, and only that: with ``MM_TEST_PAUSE_HALFWAY=SECONDS`` in the environment, a
command that has written half of its work says ``halfway`` on stderr and sleeps, so that
``interchange/tests/test_crash_safety.py`` can kill it with SIGKILL in the middle of its
transaction. Without the variable (always, outside that test) it does nothing."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable


def counting(total: int, then: Callable[[int], object] | None = None) -> Callable[[int], None]:
    """A progress callback that passes each step to ``then`` and pauses once, halfway."""
    seconds = float(os.environ.get("MM_TEST_PAUSE_HALFWAY") or 0)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        if then is not None:
            then(n)
        before, done = done, done + n
        if seconds and total and before * 2 < total <= done * 2:
            sys.stderr.write("halfway\n")
            sys.stderr.flush()
            time.sleep(seconds)

    return step
