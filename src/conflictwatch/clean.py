"""Boilerplate removal: pasted text or HTML in, cleaned body text and what was removed out.

The title, when found on the first line of the text, stays at the top of ``Cleaned.text`` so
that every offset indexes the text as the reader saw it. Removed lines never leave a gap: the
kept lines are joined again, and a run of blank lines becomes one blank line. Sentence text is
never rewritten; only trailing whitespace is stripped. See docs/cleaning.md.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date

from conflictwatch import models
from conflictwatch.cleaning import layout
from conflictwatch.cleaning.html import extract_html
from conflictwatch.cleaning.language import detect_language
from conflictwatch.cleaning.sanitize import sanitize_text
from conflictwatch.errors import DocumentError

_STAMP_DATE = re.compile(
    r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
)
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


@dataclass(frozen=True)
class Cleaned:
    """A cleaned document: body text, title, and every piece taken out, with the reason."""

    text: str
    title: str | None = None
    removed: list[models.Removed] = field(default_factory=list)
    captions: list[tuple[int, int]] = field(default_factory=list)
    published: date | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)
    author: str | None = None
    site: str | None = None

    def to_json_dict(self) -> dict[str, object]:
        """A JSON-ready dict: dates as ISO strings, captions as ``{start, end}``."""
        return {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "text": self.text,
            "removed": [r.model_dump() for r in self.removed],
            "captions": [{"start": s, "end": e} for s, e in self.captions],
            "warnings": list(self.warnings),
            "author": self.author,
            "site": self.site,
        }


def _removed(lines: list[layout.Line]) -> list[models.Removed]:
    removed: list[models.Removed] = []
    for line in lines:
        if line.reason is not None and line.text.strip():
            removed.append(models.Removed(text=line.text.strip(), reason=line.reason))
        elif line.reason is None and line.cut is not None:
            rest = line.text[line.cut :].strip()
            removed.append(models.Removed(text=rest, reason=line.cut_reason or "timestamp"))
    return removed


def _stamp_date(removed: list[models.Removed]) -> date | None:
    """The date of the first "Posted:"/"Published:" stamp taken out of the text, if any."""
    for item in removed:
        if item.reason != "timestamp" or not item.text.lower().startswith(("posted", "published")):
            continue
        match = _STAMP_DATE.search(item.text)
        if match is None:
            continue
        try:
            if match["iso"]:
                return date.fromisoformat(match["iso"])
            month = _MONTHS.get(match["month"][:3].lower())
            if month is not None:
                return date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            continue
    return None


_TITLE_SCAN_LINES = 40
MAX_CHARS = 100_000  # Settings.max_chars


def find_title(text: str) -> str | None:
    """The headline on the first line of pasted text (a trailing date stamp cut), or None."""
    head = text.lstrip("\ufeff")[:20_000].split("\n", _TITLE_SCAN_LINES)[:_TITLE_SCAN_LINES]
    try:
        lines = layout.split_lines(sanitize_text("\n".join(head)).text)
    except DocumentError:
        return None
    layout.mark_rules(lines)
    index = layout.mark_title(lines, None)
    return None if index is None else lines[index].content


def _mark_known_captions(lines: list[layout.Line], captions: list[str]) -> None:
    wanted = {" ".join(c.split()) for c in captions}
    for line in lines:
        if line.live and " ".join(line.content.split()) in wanted:
            line.caption = True


def clean_text(
    text: str,
    *,
    title: str | None = None,
    captions: list[str] | None = None,
    max_chars: int | None = MAX_CHARS,
) -> Cleaned:
    """Clean pasted text; ``title`` is the known headline, ``captions`` known caption texts.

    Text beyond ``max_chars`` is cut before cleaning, with a warning (``Settings.max_chars``).
    Raises DocumentError when the text is binary junk rather than a report.
    """
    cut_warning: list[str] = []
    if max_chars is not None and len(text) > max_chars:
        text = text[:max_chars]
        cut_warning.append(f"text cut to its first {max_chars:,} characters before cleaning")
    sanitized = sanitize_text(text)
    warnings = cut_warning + sanitized.warnings
    lines = layout.split_lines(sanitized.text)
    layout.mark_rules(lines)
    title_index = layout.mark_title(lines, title)
    if title is None and title_index is not None:
        title = lines[title_index].content
    layout.mark_related(lines)
    layout.mark_head(lines, title_index)
    layout.mark_captions(lines)
    if captions:
        _mark_known_captions(lines, captions)
    layout.mark_duplicates(lines)
    assembled = layout.assemble(lines)
    removed = _removed(lines)
    if not assembled.text:
        warnings.append("no text left after cleaning" if text.strip() else "empty text")
    return Cleaned(
        text=assembled.text,
        title=title,
        removed=removed,
        captions=assembled.captions,
        published=_stamp_date(removed),
        language=detect_language(assembled.text),
        warnings=warnings,
    )


def clean_html(html: str, *, url: str | None = None, max_chars: int | None = MAX_CHARS) -> Cleaned:
    """Clean an HTML page: trafilatura finds the main text and metadata, then ``clean_text``.

    Photo captions (``<figcaption>``) that trafilatura drops are appended after the body and
    marked as captions. Raises DocumentError when the page cannot be parsed at all.
    """
    page = extract_html(html, url=url)
    text = page.text
    missing = [c for c in page.captions if c not in text]
    if missing:
        text = text.rstrip() + "\n\n" + "\n".join(missing)
    cleaned = clean_text(text, title=page.title, captions=page.captions, max_chars=max_chars)
    return dataclasses.replace(
        cleaned,
        published=page.published or cleaned.published,
        warnings=page.warnings + cleaned.warnings,
        author=page.author,
        site=page.site,
    )


def clean_document(
    document: models.InputDocument, *, max_chars: int | None = MAX_CHARS
) -> Cleaned:
    """Clean an input document: its ``html`` when given, else its ``text``.

    Raises DocumentError (with the document id) when it holds no usable text.
    """
    try:
        if document.html is None:
            return clean_text(document.text or "", title=document.title, max_chars=max_chars)
        cleaned = clean_html(document.html, url=document.url, max_chars=max_chars)
    except DocumentError as exc:
        raise DocumentError(exc.message, doc_id=document.id) from exc
    if document.title and cleaned.title is None:
        return dataclasses.replace(cleaned, title=document.title)
    return cleaned
