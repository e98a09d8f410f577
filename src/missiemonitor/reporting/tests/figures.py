"""Finding the figures a report states in its text: numbers, money, dates and Kamerstuk
citations, each with the word that qualifies it ("circa", "een kleine"). Used by the golden
fidelity test on the Markdown and on the PDF's text layer."""

from __future__ import annotations

import re
from collections import Counter

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
QUALIFIER = r"(?:(?:circa|een kleine|ten minste|ruim|tot) )?"
KAMERSTUK = rf"Kamerstuk \d{{1,3}}(?: \d{{3}})*, nr\. \d+ – d\.d\. \d{{1,2}} (?:{MONTHS}) \d{{4}}"
DATE = rf"(?:\d{{1,2}} )?(?:{MONTHS}) \d{{4}}"
ARTICLE = r"artikel \d+(?:\.\d+)+"  # a budget article, "artikel 31.1"
MONEY = r"€ ?\d{1,3}(?:\.\d{3})*(?:,\d+)?(?: (?:miljoen|miljard))?"
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?: miljoen| miljard)?%?|\d+(?:,\d+)?(?: miljoen| miljard)?%?"
FIGURE = re.compile(
    rf"(?<![\w.,/]){QUALIFIER}(?:{KAMERSTUK}|{ARTICLE}|{DATE}|{MONEY}|{NUMBER})(?!\w)",
)
# Page footers of the PDF ("pagina 3 / 17") are not figures of the report.
PAGE_FOOTER = re.compile(r"^\s*pagina \d+ / \d+\s*$", re.M)


def normalise(text: str) -> str:
    """One line of text with single spaces, as the PDF text layer and Markdown both reduce to."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split())


def figures(text: str, *, names: tuple[str, ...] = ()) -> Counter:
    """The figures in ``text``; the digits of ``names`` (such as "artikel 100") are not figures."""
    text = PAGE_FOOTER.sub(" ", text)
    text = re.sub(r"\[\^\d+\]:?", " ", text)  # Markdown footnote markers
    text = normalise(text.replace("\\", ""))
    for name in names:
        text = text.replace(name, " ")
    return Counter(match.group(0) for match in FIGURE.finditer(text))


def markdown_body(markdown: str, sources_heading: str) -> str:
    """The Markdown without its closing source list (which repeats every figure)."""
    marker = f"\n## {sources_heading}\n"
    return markdown.split(marker)[0]


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
