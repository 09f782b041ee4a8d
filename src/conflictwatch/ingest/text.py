"""Plain-text inputs: decode bytes robustly, and take the first line as title when it is one.

A file is read up to ``MAX_FILE_BYTES`` (the rest is left with a warning), so memory stays
bounded however large it is; UTF-16 without a byte-order mark is recognised by its NUL bytes.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from conflictwatch.clean import find_title
from conflictwatch.cleaning.sanitize import looks_binary
from conflictwatch.errors import InputError
from conflictwatch.ingest.documents import InputFailure, ReadDocument

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
MAX_FILE_BYTES = 16_000_000
_UTF16_NUL_SHARE = 0.9  # ASCII-range UTF-16: one byte of every pair is NUL


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used, and what went wrong on the way."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


class BinaryInput(ValueError):
    """The bytes are not text (private to ingest: becomes an ``InputFailure``)."""


def decode_bytes(data: bytes, *, fallback: str | None = None) -> Decoded:
    """Decode with a BOM's encoding, else UTF-8, else ``fallback``; bad bytes are replaced.

    Raises BinaryInput when the bytes hold NULs without a UTF-16/32 BOM, or decode to junk.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return _checked(Decoded(text=text, encoding=encoding, warnings=_replaced(text)))
    if b"\x00" in data[:_SNIFF_BYTES]:
        return _checked(_utf16_without_bom(data))
    try:
        return _checked(Decoded(text=data.decode("utf-8"), encoding="utf-8"))
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if fallback:
        try:
            return _checked(Decoded(text=data.decode(fallback), encoding=fallback))
        except (LookupError, UnicodeDecodeError):
            pass
    text = data.decode("utf-8", errors="replace")
    warning = f"invalid UTF-8 (first at byte {bad_at}): {text.count(chr(0xFFFD))} replaced"
    return _checked(Decoded(text=text, encoding="utf-8", warnings=[warning]))


def _utf16_without_bom(data: bytes) -> Decoded:
    """UTF-16 text saved without a byte-order mark (NULs in every other byte), else binary."""
    sample = data[:_SNIFF_BYTES]
    pairs = len(sample) // 2
    for encoding, nuls in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if pairs and nuls.count(0) >= _UTF16_NUL_SHARE * pairs:
            text = data.decode(encoding, errors="replace")
            warning = f"no byte-order mark: decoded as {encoding.upper()}"
            return Decoded(text=text, encoding=encoding, warnings=[warning, *_replaced(text)])
    raise BinaryInput("binary data (NUL bytes), not text")


def _replaced(text: str) -> list[str]:
    count = text.count("\ufffd")
    return [f"{count} undecodable character(s) replaced"] if count else []


def _checked(decoded: Decoded) -> Decoded:
    if looks_binary(decoded.text):
        raise BinaryInput("binary data, not text")
    return decoded


@dataclass(frozen=True)
class FileBytes:
    """The bytes read from a file, and a warning when it was longer than the read limit."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


def read_bytes(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> FileBytes:
    """At most ``max_bytes`` of a file (cut at a line end when one is near the limit); an
    unreadable path raises InputError."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
            size = max(path.stat().st_size, len(data))
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from exc
    if len(data) <= max_bytes:
        return FileBytes(data)
    line_end = data.rfind(b"\n", max_bytes - _SNIFF_BYTES, max_bytes)
    data = data[: line_end + 1 if line_end >= 0 else max_bytes]
    return FileBytes(data, [f"file of {size:,} bytes: only its first {len(data):,} were read"])


def text_document(
    text: str, *, doc_id: str, published: date | None, warnings: list[str]
) -> ReadDocument:
    """A document from plain text; the first line is the title when it looks like one."""
    return ReadDocument(
        id=doc_id, text=text, title=find_title(text), published=published, warnings=warnings
    )


def read_text_file(
    path: Path, *, doc_id: str, published: date | None = None
) -> ReadDocument | InputFailure:
    """Read a ``.txt`` file into one document (or a failure when it is binary)."""
    read = read_bytes(path)
    try:
        decoded = decode_bytes(read.data)
    except BinaryInput as exc:
        return InputFailure(id=doc_id, error=str(exc), path=str(path))
    return text_document(
        decoded.text, doc_id=doc_id, published=published, warnings=read.warnings + decoded.warnings
    )
