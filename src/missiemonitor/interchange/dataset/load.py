"""Reading, validating and loading a dataset file."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from missiemonitor.interchange.dataset import semantics
from missiemonitor.interchange.dataset.errors import DatasetError, DatasetIssue
from missiemonitor.interchange.dataset.validate import Parsed, Validator
from missiemonitor.interchange.dataset.write import LoadStats, Writer
from missiemonitor.interchange.dataset.yamlio import YamlParseError, parse_yaml


def read_text(path: Path, *, max_bytes: int | None = None) -> str:
    """The file's text, refused when it is too large, not UTF-8 or not a file."""
    name = str(path)
    limit = max_bytes if max_bytes is not None else settings.MM_DATASET_MAX_BYTES
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DatasetError([DatasetIssue(None, "", "no such file")], name) from None
    if not path.is_file():
        raise DatasetError([DatasetIssue(None, "", "not a regular file")], name)
    if size > limit:
        raise DatasetError([DatasetIssue(None, "", (
            f"the file is {size / 1_000_000:.1f} MB; the limit is {limit / 1_000_000:.1f} MB "
            "(set MM_DATASET_MAX_BYTES or --max-bytes to allow larger files)"))], name)
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:2]:
        raise DatasetError([DatasetIssue(1, "", "UTF-16 text; save the file as UTF-8")], name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError([DatasetIssue(line, "", f"not UTF-8 text (byte {exc.start})")], name) from None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file's tree is built and written.

    A large file becomes millions of live objects, and each generation-2 collection walks all
    of them again: for a 13 MB file that tripled the parse time. What is built here lives until
    the load ends anyway; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_text(text: str, *, filename: str = "<dataset>") -> Parsed:
    """Parse and validate; raise DatasetError listing every problem."""
    if not text.strip():
        raise DatasetError([DatasetIssue(1, "", "the file is empty")], filename)
    with gc_paused():
        return _validate(text, filename)


def _validate(text: str, filename: str) -> Parsed:
    try:
        root = parse_yaml(text)
    except YamlParseError as exc:
        raise DatasetError([exc.issue], filename) from None
    semantics.clear_caches()
    validator = Validator()
    parsed = validator.run(root)
    if validator.issues or parsed is None:
        raise DatasetError(validator.issues, filename)
    return parsed


def count_items(parsed: Parsed) -> int:
    total = 0
    stack = [item for items in parsed.top.values() for item in items]
    while stack:
        item = stack.pop()
        total += 1
        for children in item.children.values():
            stack.extend(children)
    return total


def load_text(
    text: str,
    *,
    filename: str = "<dataset>",
    progress: Callable[[int], None] | None = None,
    on_validated: Callable[[int], None] | None = None,
) -> LoadStats:
    """Validate the whole text, then write it in one transaction."""
    with gc_paused():
        parsed = validate_text(text, filename=filename)
        if on_validated:
            on_validated(count_items(parsed))
        try:
            with transaction.atomic():
                return Writer(parsed, progress).run()
        except IntegrityError as exc:  # a database rule the validator did not foresee
            raise DatasetError([DatasetIssue(None, "", f"refused by the database: {exc}")], filename) from exc
