"""HTML to plain text plus metadata, through trafilatura (and htmldate for the date)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from conflictwatch.errors import DocumentError

_MAX_HTML_CHARS = 30_000_000
# lxml refuses a str that declares its own encoding; the text is decoded already
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractedHtml:
    """What trafilatura found in a page: the main text and its metadata."""

    text: str
    title: str | None = None
    published: date | None = None
    author: str | None = None
    site: str | None = None
    captions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _parse_tree(html: str) -> lxml.html.HtmlElement:
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentError(f"HTML could not be parsed: {exc}") from exc
    if tree is None:
        raise DocumentError("HTML could not be parsed: empty document")
    return tree


def _figure_captions(tree: lxml.html.HtmlElement) -> list[str]:
    """Photo captions (``<figcaption>``), which trafilatura drops, whitespace-normalised."""
    captions: list[str] = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text and text not in captions:
            captions.append(text)
    return captions


def iso_date(value: str | None) -> date | None:
    """The ISO date a string starts with ("2014-01-31T10:00"), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _find_date(tree: lxml.html.HtmlElement, url: str | None) -> date | None:
    """The publication date htmldate finds (original date, not the last update)."""
    try:
        found = htmldate.find_date(tree, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None
    return iso_date(found)


def extract_html(html: str, *, url: str | None = None) -> ExtractedHtml:
    """The main text, title, date, author and site of a page; raise DocumentError if none."""
    warnings: list[str] = []
    if len(html) > _MAX_HTML_CHARS:
        html = html[:_MAX_HTML_CHARS]
        warnings.append(f"HTML cut to its first {_MAX_HTML_CHARS:,} characters")
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        raise DocumentError("empty HTML document")
    tree = _parse_tree(html)
    captions = _figure_captions(tree)
    try:
        found = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except (ValueError, TypeError, lxml.etree.LxmlError) as exc:
        raise DocumentError(f"trafilatura could not read the HTML: {exc}") from exc
    if found is None or not (found.text or "").strip():
        warnings.append("no main text found in the HTML; fell back to all visible text")
        _, text, _ = trafilatura.baseline(html)
        return ExtractedHtml(text=text or "", captions=captions, warnings=warnings)
    published = iso_date(found.date) or _find_date(tree, url)
    return ExtractedHtml(
        text=found.text,
        title=found.title or None,
        published=published,
        author=found.author or None,
        site=found.sitename or None,
        captions=captions,
        warnings=warnings,
    )
