"""JSON Lines batches (``.jsonl``, ``.jsonl.gz``): one document per line, streamed.

A line needs ``id`` and one of ``text``/``html``; ``title``, ``published`` (ISO date or
datetime), ``url`` and ``source`` are optional and other keys are ignored. A broken line or an
invalid record becomes an ``InputFailure`` naming the line, and the batch goes on.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from conflictwatch.errors import InputError
from conflictwatch.ingest.documents import InputFailure, ReadDocument

_STRING_FIELDS = ("text", "html", "title", "url", "source")


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
    raw: bytes | str, lineno: int, *, name: str, path: str | None = None
) -> ReadDocument | InputFailure | None:
    """One batch line as a document, a failure, or None for a blank line."""
    text, warnings = _decode_line(raw, lineno)
    if not text.strip():
        return None
    fallback_id = f"{name}:{lineno}"
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputFailure(fallback_id, f"line {lineno}: invalid JSON: {exc.msg}", lineno, path)
    except RecursionError:
        return InputFailure(fallback_id, f"line {lineno}: JSON nested too deeply", lineno, path)
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
    lines: Iterable[bytes | str], *, name: str, path: str | None = None
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
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from exc
    with handle:
        yield from read_jsonl_lines(handle, name=name, path=str(path))
