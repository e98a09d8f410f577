"""The Dutch catalogue is complete and in step with the code.

Every entry has a checked Dutch text (no empty msgstr, no fuzzy flag), every placeholder of the
English text reappears in the Dutch one, and ``makemessages`` (what ``make messages`` runs)
finds no msgid in the code that the catalogue lacks, nor keeps one the code no longer has.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.test import override_settings

import missiemonitor

pytestmark = pytest.mark.engine_independent

PACKAGE = Path(missiemonitor.__file__).resolve().parent
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"

# %(name)s, %s, %d, %r, %.1f …; "%%" is a literal percent sign, not a placeholder.
PERCENT = re.compile(r"%(?:\([A-Za-z_]\w*\))?[#0 +-]*\d*(?:\.\d+)?[sdrifgeExXoc]|%%")
# {name}, {name!r}, {name:spec}; a literal brace such as {"tasking": …} is no placeholder.
BRACE = re.compile(r"\{[A-Za-z_]\w*(?:![rsa])?(?::[^{}]*)?\}")


def placeholders(text: str) -> Counter[str]:
    return Counter(m for m in PERCENT.findall(text) + BRACE.findall(text) if m != "%%")


def describe(message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    context = f"[{message.context}] " if message.context else ""
    return f"{context}{msgid!r} ({', '.join(sorted({path for path, _ in message.locations}))})"


@pytest.fixture(scope="module")
def catalogue():
    with PO.open("rb") as handle:
        return read_po(handle, locale="nl")


def entries(catalogue):
    return [message for message in catalogue if message.id]


def test_every_entry_is_translated(catalogue):
    untranslated = [
        describe(m)
        for m in entries(catalogue)
        if not m.string or (isinstance(m.string, tuple) and not all(m.string))
    ]
    assert not untranslated, f"{len(untranslated)} entries without Dutch:\n" + "\n".join(
        untranslated
    )


def test_no_entry_is_fuzzy(catalogue):
    fuzzy = [describe(m) for m in entries(catalogue) if m.fuzzy]
    assert not catalogue.fuzzy, "the catalogue header is marked fuzzy"
    assert not fuzzy, (
        f"{len(fuzzy)} fuzzy entries (check the Dutch, then remove the flag):\n" + "\n".join(fuzzy)
    )


def test_placeholders_are_kept(catalogue):
    wrong = []
    for message in entries(catalogue):
        if isinstance(message.id, tuple):
            singular, plural = (placeholders(text) for text in message.id)
            forms = message.string
            # A singular form may leave out the count ("Correct the field below."), so each
            # Dutch form may use only the English placeholders, and the plural form all of them.
            allowed = singular | plural
            if any(set(placeholders(form)) - set(allowed) for form in forms) or (
                forms and set(placeholders(forms[-1])) != set(plural)
            ):
                wrong.append(describe(message))
        elif message.string and placeholders(message.id) != placeholders(message.string):
            wrong.append(f"{describe(message)}: {sorted(placeholders(message.string).elements())}")
    assert not wrong, "placeholders differ between English and Dutch:\n" + "\n".join(wrong)


def test_placeholder_pattern():
    assert placeholders(
        '%(count)d of %(total)s, %s and {name!r} at {when}; 50%% {"a": 1}'
    ) == Counter(["%(count)d", "%(total)s", "%s", "{name!r}", "{when}"])


def test_catalogue_matches_the_code(tmp_path):
    """What `make messages` would extract now is exactly what the catalogue holds.

    makemessages runs over a copy of the package's sources (the same .py, .html and .txt files)
    and writes into a copy of the catalogue, so the real one is never touched; it takes a few
    seconds (xgettext and msgmerge).
    """
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        pytest.fail(
            "GNU gettext (xgettext, msgmerge) is needed for the catalogue check and for "
            "`make venv`; install Debian's gettext package"
        )
    source = tmp_path / "missiemonitor"

    def ignore(directory: str, names: list[str]) -> list[str]:
        skipped = {"locale", "var", "__pycache__", "node_modules"}
        return [
            name
            for name in names
            if name in skipped
            or (Path(directory, name).is_file() and not name.endswith((".py", ".html", ".txt")))
        ]

    shutil.copytree(PACKAGE, source, ignore=ignore)
    locale = tmp_path / "locale"
    (locale / "nl" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PO, locale / "nl" / "LC_MESSAGES" / "django.po")

    with override_settings(LOCALE_PATHS=[str(locale)]), pytest.MonkeyPatch.context() as patch:
        patch.chdir(source)
        call_command(
            "makemessages",
            locale=["nl"],
            no_obsolete=True,
            add_location="file",
            stdout=StringIO(),
            stderr=StringIO(),
        )

    def ids(path: Path) -> set[tuple[str | None, str]]:
        with path.open("rb") as handle:
            return {
                (m.context, m.id[0] if isinstance(m.id, tuple) else m.id)
                for m in read_po(handle)
                if m.id
            }

    extracted = ids(locale / "nl" / "LC_MESSAGES" / "django.po")
    committed = ids(PO)
    missing, stale = sorted(extracted - committed, key=str), sorted(committed - extracted, key=str)
    assert not missing and not stale, (
        "the catalogue is out of step with the code; run `make messages` and translate:\n"
        + "".join(f"  new in the code: {m!r}\n" for m in missing)
        + "".join(f"  no longer in the code: {m!r}\n" for m in stale)
    )
