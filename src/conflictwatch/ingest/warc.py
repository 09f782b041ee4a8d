"""Stream WARC and WARC.gz archives into InputDocuments, one record at a time.

Only ``response`` records whose HTTP payload is HTML become documents: the id is the
``WARC-Record-ID`` (else the target URI), ``url`` the target URI, ``published`` the capture
date (``WARC-Date``), ``html`` the decoded payload. The file is read through warcio's streaming
iterator, so memory stays flat however large the archive is.

A damaged record (truncated, a wrong or missing Content-Length, a block digest that does not
match, an unknown WARC-Type, junk warcio would read as an ARC record) becomes a
:class:`~conflictwatch.ingest.InputFailure` (id: ``path@offset``), and reading goes on from the
next record boundary: the next gzip member of a ``.warc.gz``, the next ``WARC/1.x`` version line
of a plain ``.warc``.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from conflictwatch.ingest.documents import InputFailure
from conflictwatch.ingest.url import HTML_TYPES, decode_body
from conflictwatch.models import InputDocument

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_LINE = b"WARC/1."
_SCAN_CHUNK = 1 << 20
WARC_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit",
                        "conversion", "continuation"})


@dataclass(frozen=True)
class _RunEnd:
    failed_at: int | None
    error: str = ""
    produced: bool = False


class _QuietArchiveIterator(ArchiveIterator):
    """warcio's iterator without its stderr warning; we report the damage ourselves."""

    INC_RECORD = ""


def read_warc(path: str | Path, *,
              max_bytes: int = 10_000_000) -> Iterator[InputDocument | InputFailure]:
    """Yield an InputDocument per HTML response record of a WARC(.gz), or a InputFailure.

    Args:
        path: a ``.warc`` or ``.warc.gz`` file (gzip is detected from the content).
        max_bytes: records with a larger payload become failures
            (``Settings.fetch_max_bytes``).
    """
    path = Path(path)
    with path.open("rb") as fh:
        marker = GZIP_MAGIC if fh.read(2) == GZIP_MAGIC[:2] else WARC_LINE
        start: int | None = 0
        in_damage = False
        while start is not None:
            end = yield from _read_run(fh, path, start, max_bytes)
            if end.failed_at is None:
                return
            if end.produced or not in_damage:
                yield InputFailure(id=f"{path}@{end.failed_at}", error=end.error, path=str(path))
            in_damage = True
            start = _find_boundary(fh, end.failed_at + 1, marker)


def _read_run(fh: BinaryIO, path: Path, start: int,
              max_bytes: int) -> Generator[InputDocument | InputFailure, None, _RunEnd]:
    """Read records from ``start`` until the end of the file or the first damaged record."""
    fh.seek(start)
    iterator = _QuietArchiveIterator(fh, check_digests=True)
    produced = False
    try:
        for record in iterator:
            offset = iterator.offset
            if record.format != "warc" or record.rec_type not in WARC_TYPES:  # warcio reads
                return _RunEnd(offset, "not a WARC record", produced)  # junk as ARC or untyped
            if record.rec_headers.get_header("Content-Length") is None:  # read to the end
                return _RunEnd(offset, "record without Content-Length", produced)
            errors_before = iterator.err_count
            item = _record_to_item(record, path, offset, max_bytes)
            iterator.read_to_end()
            if _is_truncated(record) or iterator.err_count != errors_before:
                return _RunEnd(offset, "record truncated or Content-Length wrong", produced)
            if record.digest_checker.passed is False:
                return _RunEnd(offset, "record damaged: digest mismatch", produced)
            if item is not None:
                produced = True
                yield item
    except Exception as exc:  # warcio raises many types (even AttributeError) on damaged input
        message = f"unreadable record: {type(exc).__name__}: {exc}"[:300]
        return _RunEnd(iterator.offset, _printable(message), produced)
    if _has_data_after(fh, iterator.offset):
        return _RunEnd(iterator.offset, "truncated record at the end of the file", produced)
    return _RunEnd(None)


def _record_to_item(record, path: Path, offset: int,
                    max_bytes: int) -> InputDocument | InputFailure | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None
    payload = record.content_stream().read(max_bytes + 1)
    uri = record.rec_headers.get_header("WARC-Target-URI")
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    doc_id = record_id or uri or f"{path}@{offset}"
    if len(payload) > max_bytes:
        return InputFailure(id=doc_id, error=f"payload over {max_bytes} bytes", path=str(path))
    html = decode_body(payload, content_type)
    if not html.strip():
        return InputFailure(id=doc_id, error="empty HTML payload", path=str(path))
    return InputDocument(id=doc_id, html=html, url=uri,
                         published=_warc_date(record.rec_headers.get_header("WARC-Date")))


def _is_truncated(record) -> bool:
    return getattr(record.raw_stream, "limit", 0) > 0


def _has_data_after(fh: BinaryIO, offset: int) -> bool:
    fh.seek(offset)
    return bool(fh.read(4096).strip())


def _find_boundary(fh: BinaryIO, position: int, marker: bytes) -> int | None:
    """The offset of the next record start at or after ``position``; None at end of file."""
    fh.seek(position)
    overlap = b""
    base = position
    while chunk := fh.read(_SCAN_CHUNK):
        window = overlap + chunk
        found = window.find(marker)
        if found >= 0:
            return base - len(overlap) + found
        overlap = window[-(len(marker) - 1):]
        base += len(chunk)
    return None


def _printable(message: str) -> str:
    """warcio quotes the damaged bytes it met: keep the message one printable line."""
    return "".join(ch if ch.isprintable() and ch.isascii() else "?" for ch in message)


def _warc_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None
