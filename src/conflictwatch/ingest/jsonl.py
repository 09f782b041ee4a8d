"""JSON Lines batches (``.jsonl``, ``.jsonl.gz``): one document per line, streamed.

A line needs ``id`` and one of ``text``/``html``; ``title``, ``published`` (ISO date or
datetime), ``url`` and ``source`` are optional and other keys are ignored. A broken line or an
invalid record becomes an ``InputFailure`` naming the line, and the batch goes on. Memory stays
bounded: a line over ``MAX_LINE_BYTES`` is skipped as a failure without being held, and a
``.gz`` batch that inflates to over ``MAX_GZIP_RATIO`` times its size (a zip bomb) is read no
further. A lone surrogate escape (``"\ud800"``, which has no UTF-8 form) becomes U+FFFD with a
warning.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from conflictwatch.errors import InputError
from conflictwatch.ingest.documents import InputFailure, ReadDocument

_STRING_FIELDS = ("text", "html", "title", "url", "source")
MAX_LINE_BYTES = 16_000_000
MAX_GZIP_RATIO = 100  # news JSONL inflates 3-10x; gzip's own ceiling is about 1,000x
_GZIP_FLOOR = 64_000_000  # a small .gz may always inflate this far
_SKIP_CHUNK = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class _Overlong:
    """A batch line longer than ``MAX_LINE_BYTES``, skipped unread (its size in bytes)."""

    size: int


class _Inflated(OSError):
    """A ``.gz`` batch inflated past its ratio limit (private: becomes an InputFailure)."""


class InvalidRecord(ValueError):
    """A JSON object that is not a valid document (private: becomes an InputFailure)."""


def parse_published(value: Any) -> date | None:
    """An ISO date or datetime (``Z`` allowed) as a date; None stays None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidRecord(f"'published' must be an ISO date string, not {type(value).__name__}")
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise InvalidRecord(f"'published' is not an ISO date or datetime: {value!r}") from exc


def record_to_document(record: dict[str, Any], *, warnings: list[str]) -> ReadDocument:
    """Turn one decoded JSON object into a document; raise InvalidRecord when it is not one."""
    doc_id = record.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or str(doc_id) == "":
        raise InvalidRecord("'id' is required (a non-empty string)")
    fields: dict[str, Any] = {"id": str(doc_id)}
    for name in _STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InvalidRecord(f"'{name}' must be a string, not {type(value).__name__}")
        if value is not None and _SURROGATE.search(value):
            value, count = _SURROGATE.subn("\ufffd", value)
            warnings = [*warnings, f"'{name}': {count} lone surrogate escape(s) replaced"]
        fields[name] = value
    if fields["text"] is None and fields["html"] is None:
        raise InvalidRecord("one of 'text' or 'html' is required")
    fields["published"] = parse_published(record.get("published"))
    try:
        return ReadDocument(**fields, warnings=warnings)
    except ValidationError as exc:
        raise InvalidRecord(f"invalid record: {exc.errors()[0].get('msg', exc)}") from exc


def _decode_line(raw: bytes | str, lineno: int) -> tuple[str, list[str]]:
    if isinstance(raw, str):
        return raw.lstrip("\ufeff") if lineno == 1 else raw, []
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        return text, [f"invalid UTF-8 on line {lineno}: {text.count(chr(0xFFFD))} replaced"]


def parse_line(
    raw: bytes | str | _Overlong, lineno: int, *, name: str, path: str | None = None
) -> ReadDocument | InputFailure | None:
    """One batch line as a document, a failure, or None for a blank line."""
    fallback_id = f"{name}:{lineno}"
    if isinstance(raw, _Overlong):
        error = f"line {lineno}: {raw.size:,} bytes, over the {MAX_LINE_BYTES:,}-byte limit"
        return InputFailure(fallback_id, error, lineno, path)
    text, warnings = _decode_line(raw, lineno)
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputFailure(fallback_id, f"line {lineno}: invalid JSON: {exc.msg}", lineno, path)
    except RecursionError:
        return InputFailure(fallback_id, f"line {lineno}: JSON nested too deeply", lineno, path)
    except ValueError as exc:  # a number of over 4,300 digits (int_max_str_digits)
        return InputFailure(fallback_id, f"line {lineno}: invalid JSON: {exc}", lineno, path)
    if not isinstance(record, dict):
        error = f"line {lineno}: a batch line must be a JSON object"
        return InputFailure(fallback_id, error, lineno, path)
    try:
        return record_to_document(record, warnings=warnings)
    except InvalidRecord as exc:
        raw_id = record.get("id")
        doc_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id) else fallback_id
        return InputFailure(doc_id, f"line {lineno}: {exc}", lineno, path)


def read_jsonl_lines(
    lines: Iterable[bytes | str | _Overlong], *, name: str, path: str | None = None
) -> Iterator[ReadDocument | InputFailure]:
    """Parse batch lines one at a time; a stream that breaks off ends with one failure."""
    lineno = 0
    try:
        for lineno, raw in enumerate(lines, start=1):
            item = parse_line(raw, lineno, name=name, path=path)
            if item is not None:
                yield item
    except (OSError, EOFError, zlib.error) as exc:
        at = lineno + 1
        yield InputFailure(f"{name}:{at}", f"cannot read {name} after line {lineno}: {exc}",
                           at, path)


def read_jsonl_file(path: Path, *, name: str) -> Iterator[ReadDocument | InputFailure]:
    """Stream a ``.jsonl`` or ``.jsonl.gz`` batch; an unreadable file raises InputError."""
    try:
        handle = gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from exc
    inflated = max(_GZIP_FLOOR, size * MAX_GZIP_RATIO) if path.name.endswith(".gz") else None
    with handle:
        yield from read_jsonl_lines(bounded_lines(handle, max_total=inflated), name=name,
                                    path=str(path))


def bounded_lines(stream: BinaryIO, *, max_bytes: int = MAX_LINE_BYTES,
                  max_total: int | None = None) -> Iterator[bytes | _Overlong]:
    """The lines of a binary stream, with bounded memory: a line over ``max_bytes`` is skipped
    in chunks and comes out as ``_Overlong``; past ``max_total`` bytes in all (a ``.gz`` that
    inflates like a zip bomb) reading stops with ``_Inflated``."""
    total = 0
    while line := stream.readline(max_bytes + 1):
        total += len(line)
        _check_total(total, max_total)
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while chunk := stream.readline(_SKIP_CHUNK):
                size += len(chunk)
                total += len(chunk)
                _check_total(total, max_total)
                if chunk.endswith(b"\n"):
                    break
            line = _Overlong(size)
        yield line


def _check_total(total: int, max_total: int | None) -> None:
    if max_total is not None and total > max_total:
        raise _Inflated(f"inflated past {max_total:,} bytes ({MAX_GZIP_RATIO}x the file): "
                        "not read further")
