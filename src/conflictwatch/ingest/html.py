"""HTML file inputs: decoded with their BOM, UTF-8, or the charset the page declares."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from conflictwatch.ingest.documents import InputFailure, ReadDocument
from conflictwatch.ingest.text import BinaryInput, decode_bytes, read_bytes

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE
)
_SNIFF_BYTES = 4096


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its top, or None."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii", errors="replace") if match else None


def read_html_file(
    path: Path, *, doc_id: str, published: date | None = None
) -> ReadDocument | InputFailure:
    """Read an ``.html``/``.htm`` file into one document with its ``html`` field."""
    read = read_bytes(path)
    try:
        decoded = decode_bytes(read.data, fallback=declared_charset(read.data))
    except BinaryInput as exc:
        return InputFailure(id=doc_id, error=str(exc), path=str(path))
    return ReadDocument(id=doc_id, html=decoded.text, published=published,
                        warnings=read.warnings + decoded.warnings)
