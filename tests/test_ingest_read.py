"""Input readers: files, directories, JSONL batches (plain and gzip), stdin, bad bytes."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from conflictwatch.errors import InputError
from conflictwatch.ingest import InputFailure, ReadDocument, read_inputs
from conflictwatch.models import InputDocument

REPORT = ("Two hurt in Elm Row shooting\n\n"
          "Two men were hurt in a shooting on Elm Row, police said.\n")


def _ids(items: list) -> list[tuple[str, str]]:
    return [(type(i).__name__, i.id) for i in items]


def _jsonl(path: Path, lines: list[str], *, gz: bool = False) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if gz:
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def test_ingest_text_file_title_and_published(tmp_path: Path) -> None:
    path = tmp_path / "elm.txt"
    path.write_text(REPORT, encoding="utf-8")
    [doc] = read_inputs([path], published=date(2025, 3, 9))
    assert isinstance(doc, ReadDocument) and isinstance(doc, InputDocument)
    assert (doc.id, doc.title, doc.published) == ("elm.txt", "Two hurt in Elm Row shooting",
                                                  date(2025, 3, 9))
    assert doc.text == REPORT


def test_ingest_text_first_line_not_a_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Two men were hurt in a shooting on Elm Row, police said.\nMore.", "utf-8")
    [doc] = read_inputs([path])
    assert doc.title is None


@pytest.mark.parametrize(
    ("data", "text", "warned"),
    [
        (codecs.BOM_UTF8 + "Caf\u00e9 shooting".encode(), "Caf\u00e9 shooting", False),
        (codecs.BOM_UTF16_LE + "Caf\u00e9 shooting".encode("utf-16-le"), "Caf\u00e9 shooting",
         False),
        (codecs.BOM_UTF16_BE + "Caf\u00e9 shooting".encode("utf-16-be"), "Caf\u00e9 shooting",
         False),
        (b"Caf\xe9 shooting", "Caf\ufffd shooting", True),
    ],
)
def test_ingest_decodes_bytes(tmp_path: Path, data: bytes, text: str, warned: bool) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    [doc] = read_inputs([path])
    assert doc.text == text
    assert bool(doc.warnings) is warned


def test_ingest_binary_file_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    (tmp_path / "b.txt").write_text(REPORT, "utf-8")
    items = list(read_inputs([tmp_path / "a.txt", tmp_path / "b.txt"]))
    assert _ids(items) == [("InputFailure", "a.txt"), ("ReadDocument", "b.txt")]
    assert "binary" in items[0].error


def test_ingest_html_file_uses_declared_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9</p></body></html>'
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("cp1252"))
    [doc] = read_inputs([path])
    assert doc.html is not None and "Caf\u00e9" in doc.html
    assert doc.text is None and doc.warnings == []


@pytest.mark.parametrize("gz", [False, True])
def test_ingest_jsonl_batch_goes_on_after_bad_lines(tmp_path: Path, gz: bool) -> None:
    name = "batch.jsonl.gz" if gz else "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "x", "published": "2025-03-09", "extra": 1}),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": 5, "html": "<p>y</p>", "published": "2025-03-09T23:10:00Z"}),
        json.dumps({"id": "a7", "text": "z", "published": "yesterday"}),
        json.dumps({"text": "no id"}),
    ]
    items = list(read_inputs([_jsonl(tmp_path / name, lines, gz=gz)]))
    assert _ids(items) == [
        ("ReadDocument", "a1"), ("InputFailure", f"{name}:2"), ("InputFailure", "a3"),
        ("InputFailure", f"{name}:4"), ("ReadDocument", "5"), ("InputFailure", "a7"),
        ("InputFailure", f"{name}:8"),
    ]
    assert [i.line for i in items if isinstance(i, InputFailure)] == [2, 3, 4, 7, 8]
    assert items[0].published == date(2025, 3, 9)
    assert items[4].published == date(2025, 3, 9)


def test_ingest_truncated_gzip_ends_with_a_failure(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": "x" * 200}) for i in range(200)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_inputs([path]))
    assert isinstance(items[-1], InputFailure)
    assert all(isinstance(i, ReadDocument) for i in items[:-1])


def test_ingest_directory_recursive_sorted_with_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(REPORT, "utf-8")
    (tmp_path / "a.html").write_text("<p>x</p>", "utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text(REPORT, "utf-8")
    _jsonl(tmp_path / "b" / "c.jsonl", [json.dumps({"id": "j1", "text": "x"})])
    items = list(read_inputs([tmp_path]))
    assert _ids(items) == [("ReadDocument", "a.html"), ("ReadDocument", "j1"),
                           ("ReadDocument", "b/z.txt")]


def test_ingest_inputs_keep_their_order(tmp_path: Path) -> None:
    (tmp_path / "2.txt").write_text(REPORT, "utf-8")
    (tmp_path / "1.txt").write_text(REPORT, "utf-8")
    items = list(read_inputs([tmp_path / "2.txt", tmp_path / "1.txt"]))
    assert [i.id for i in items] == ["2.txt", "1.txt"]


def test_ingest_missing_path_raises_before_reading(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, "utf-8")
    with pytest.raises(InputError, match="missing.txt"):
        next(read_inputs([tmp_path / "a.txt", tmp_path / "missing.txt"]))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_ingest_unreadable_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(REPORT, "utf-8")
    path.chmod(0)
    with pytest.raises(InputError):
        list(read_inputs([path]))


def test_ingest_stdin_text(tmp_path: Path) -> None:
    [doc] = read_inputs(["-"], stdin=io.StringIO(REPORT), published=date(2025, 1, 2))
    assert (doc.id, doc.title, doc.published) == ("stdin", "Two hurt in Elm Row shooting",
                                                  date(2025, 1, 2))


def test_ingest_stdin_jsonl_from_bytes() -> None:
    data = b"\n" + json.dumps({"id": "s1", "text": "x"}).encode() + b"\nnot json\n"
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    items = list(read_inputs(["-"], stdin=stream))
    assert _ids(items) == [("ReadDocument", "s1"), ("InputFailure", "stdin:3")]


def test_ingest_stdin_binary_is_a_failure() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02" * 50), encoding="utf-8")
    [item] = read_inputs(["-"], stdin=stream)
    assert isinstance(item, InputFailure) and item.id == "stdin"
