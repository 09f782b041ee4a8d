"""Input readers: files, directories, batches and standard input, as documents, in order.

``read_inputs`` yields a ``ReadDocument`` (an ``InputDocument`` carrying reading warnings) or
an ``InputFailure`` per document, in input order, streaming. Formats by file name:

- ``.txt`` (and any other name given explicitly): one text document, id = the file name;
- ``.html`` / ``.htm``: one HTML document; ``.jsonl`` / ``.jsonl.gz``: a batch, one per line;
- ``.warc`` / ``.warc.gz``: HTML responses of a web archive (``ingest/warc.py``);
- a directory: its files with those suffixes, recursively, sorted; ids are relative paths;
- ``-``: standard input, a JSONL batch when its first non-empty line is a JSON object,
  otherwise one text document with id ``stdin``.

An unreadable path raises InputError; a binary file or a broken batch line is a failure.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import chain
from pathlib import Path
from typing import BinaryIO, TextIO

from conflictwatch.errors import InputError
from conflictwatch.ingest.documents import InputFailure, ReadDocument
from conflictwatch.ingest.html import read_html_file
from conflictwatch.ingest.jsonl import read_jsonl_file, read_jsonl_lines
from conflictwatch.ingest.text import BinaryInput, decode_bytes, read_text_file, text_document

__all__ = ["InputFailure", "ReadDocument", "read_inputs"]

STDIN_ID = "stdin"
_DIRECTORY_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz")

Item = ReadDocument | InputFailure


def _check_exists(inputs: list[str | Path]) -> None:
    for item in inputs:
        if str(item) != "-" and not Path(item).exists():
            raise InputError(f"no such file or directory: {str(item)!r}")


def read_inputs(
    inputs: Iterable[str | Path],
    *,
    stdin: TextIO | None = None,
    published: date | None = None,
) -> Iterator[Item]:
    """Yield every document of ``inputs`` in order; ``published`` dates plain files and stdin.

    Every path is checked before the first document is yielded; a path that disappears or
    cannot be opened later raises InputError when it is reached.
    """
    items = list(inputs)
    _check_exists(items)
    for item in items:
        if str(item) == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin, published=published)
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                doc_id = file.relative_to(path).as_posix()
                yield from read_file(file, doc_id=doc_id, published=published)
        else:
            yield from read_file(path, doc_id=path.name, published=published)


def _walk(root: Path) -> list[Path]:
    try:
        files = [p for p in root.rglob("*") if p.is_file()]
    except OSError as exc:
        raise InputError(f"cannot list {str(root)!r}: {exc.strerror or exc}") from exc
    wanted = [p for p in files if p.name.lower().endswith(_DIRECTORY_SUFFIXES)
              and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    return sorted(wanted, key=lambda p: p.relative_to(root).as_posix())


def read_file(path: Path, *, doc_id: str, published: date | None = None) -> Iterator[Item]:
    """The documents of one file, chosen by its suffix (plain text when unknown)."""
    name = path.name.lower()
    if not path.is_file():
        raise InputError(f"not a readable file: {str(path)!r}")
    if name.endswith((".jsonl", ".jsonl.gz")):
        yield from read_jsonl_file(path, name=doc_id)
    elif name.endswith((".warc", ".warc.gz")):
        from conflictwatch.ingest.warc import read_warc

        yield from read_warc(path)
    elif name.endswith((".html", ".htm")):
        yield read_html_file(path, doc_id=doc_id, published=published)
    else:
        yield read_text_file(path, doc_id=doc_id, published=published)


def _byte_lines(stream: TextIO | BinaryIO) -> Iterator[bytes | str]:
    buffer = getattr(stream, "buffer", None)
    return iter(buffer if buffer is not None else stream)


def read_stdin(stream: TextIO, *, published: date | None = None) -> Iterator[Item]:
    """Standard input: a JSONL batch when its first non-empty line is a JSON object, else
    one text document (streamed as a batch; read whole as text)."""
    lines = _byte_lines(stream)
    head: list[bytes | str] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    if head and _is_json_object(head[-1]):
        yield from read_jsonl_lines(chain(head, lines), name=STDIN_ID)
        return
    parts = list(chain(head, lines))
    data = b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in parts)
    try:
        decoded = decode_bytes(data)
    except BinaryInput as exc:
        yield InputFailure(id=STDIN_ID, error=str(exc))
        return
    yield text_document(decoded.text, doc_id=STDIN_ID, published=published,
                        warnings=decoded.warnings)


def _is_json_object(line: bytes | str) -> bool:
    text = line.decode("utf-8", errors="replace") if isinstance(line, bytes) else line
    text = text.strip().lstrip("\ufeff")
    if not text.startswith("{"):
        return False
    try:
        return isinstance(json.loads(text), dict)
    except (json.JSONDecodeError, RecursionError):
        return False
