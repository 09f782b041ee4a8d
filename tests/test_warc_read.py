"""Reading WARC archives: HTML responses become documents; damage is reported and skipped."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conflictwatch.ingest import InputFailure
from conflictwatch.ingest.warc import read_warc
from conflictwatch.models import InputDocument


def page(n: int) -> bytes:
    return (f"<html><head><title>Story {n}</title></head><body><p>Three people were killed "
            f"in village {n} on Monday, officials said.</p></body></html>").encode()


def write_warc(path: Path, records: list[tuple[str, str, bytes]], *, gzip: bool) -> list[int]:
    """Write (type, content type, body) records; return each record's byte offset."""
    offsets = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for n, (rec_type, content_type, body) in enumerate(records):
            offsets.append(fh.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            if rec_type == "request":
                headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")],
                                           is_http_request=True)
            record = writer.create_warc_record(
                f"http://news.example/{n}", rec_type, payload=BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": f"2025-03-{n + 1:02d}T10:00:00Z"},
            )
            writer.write_record(record)
    return offsets


def html_records(count: int) -> list[tuple[str, str, bytes]]:
    return [("response", "text/html; charset=utf-8", page(n)) for n in range(count)]


def cut_out(path: Path, start: int, end: int) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:start] + data[end:])


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_reads_html_responses_only(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("a.warc.gz" if gzip else "a.warc")
    records = html_records(2) + [("request", "", b""), ("response", "image/png", b"\x89PNG"),
                                 ("response", "text/html", page(4))]
    write_warc(path, records, gzip=gzip)
    items = list(read_warc(path))
    assert all(isinstance(item, InputDocument) for item in items)
    assert [item.url for item in items] == [f"http://news.example/{n}" for n in (0, 1, 4)]
    first = items[0]
    assert first.id.startswith("urn:uuid:")
    assert first.published == date(2025, 3, 1)
    assert first.html == page(0).decode()


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_truncated_middle_record_is_a_failure_and_reading_goes_on(
        tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / "a.warc"
    offsets = write_warc(path, html_records(4), gzip=gzip)
    middle = (offsets[1] + offsets[2]) // 2
    cut_out(path, middle, offsets[2])
    items = list(read_warc(path))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["InputDocument", "InputFailure", "InputDocument", "InputDocument"]
    assert [item.url for item in items if isinstance(item, InputDocument)] == [
        "http://news.example/0", "http://news.example/2", "http://news.example/3"]
    assert items[1].id == f"{path}@{offsets[1]}"


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_truncated_last_record_is_a_failure(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / "a.warc"
    offsets = write_warc(path, html_records(3), gzip=gzip)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[2] + (len(data) - offsets[2]) // 2])
    items = list(read_warc(path))
    assert [type(item).__name__ for item in items] == [
        "InputDocument", "InputDocument", "InputFailure"]


def test_warc_oversize_payload_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    big = b"<html><body>" + b"<p>x</p>" * 5000 + b"</body></html>"
    write_warc(path, [*html_records(1), ("response", "text/html", big), *html_records(1)],
               gzip=True)
    items = list(read_warc(path, max_bytes=10_000))
    assert [type(item).__name__ for item in items] == [
        "InputDocument", "InputFailure", "InputDocument"]
    assert "over 10000 bytes" in items[1].error


def test_warc_decodes_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    body = "<html><body><p>Caf\xe9 bombed in Al-Q\xe2sim</p></body></html>".encode("latin-1")
    write_warc(path, [("response", "text/html; charset=iso-8859-1", body)], gzip=True)
    (document,) = read_warc(path)
    assert "Caf\xe9" in document.html


def test_warc_garbage_file_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file\n" * 100)
    items = list(read_warc(path))
    assert len(items) == 1 and isinstance(items[0], InputFailure)
