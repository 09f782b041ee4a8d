"""Hostile and broken inputs, one table: each goes the way a user's input goes (``conflictwatch
ingest``: ``read_sources`` -> ``ledger.ingest`` with the real Extractor, into a fresh SQLite
ledger; feeds through ``watch``), in one batch with good documents. Every case states the
failure or warning the user gets, how many of its own documents are stored, and that the good
documents of the batch are stored. Cases with a memory bound run in a subprocess whose peak RSS
growth (after the model is loaded) must stay under it; a hang there fails on the timeout.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import re
import resource
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conflictwatch.config import Settings
from conflictwatch.extract import Extractor
from conflictwatch.ingest.feed import MAX_ITEMS_PER_ROUND, FeedState, watch
from conflictwatch.ingest.url import Fetcher, FetchPolicy, read_sources
from conflictwatch.ledger import IngestReport, ingest
from conflictwatch.models import DocumentRecord, InputDocument
from conflictwatch.store import open_store, tables
from conflictwatch.store import repository as repo

MB = 1_000_000
SENTENCE = "Gunmen killed {n} people in the village of Tillia in Niger on Sunday, officials said. "
FILLER = "Residents of the valley said the council would meet again to discuss the new road. "
GOOD_TEXT = ("Gunmen kill 12 in Tillia\n\nGunmen killed 12 people in the village of Tillia in "
             "Niger on Sunday, officials said.\n")
GOOD_LINES = [
    {"id": "good-a", "published": "2024-03-11",
     "text": "Three people were killed in a market blast in Homs on Monday, police said."},
    {"id": "good-b", "published": "2024-03-11",
     "text": "Two soldiers were wounded near Goma on Friday, the army said."},
]
HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}
Routes = dict[str, tuple[int, dict[str, str], bytes]]


# ---------------------------------------------------------------- what a run gives the user


@dataclass
class Outcome:
    """What one batch did: every failure and warning as the user sees it, what is stored."""

    failures: list[str] = field(default_factory=list)  # "id: reason"
    warnings: list[str] = field(default_factory=list)  # "id: warning"
    stored: dict[str, DocumentRecord] = field(default_factory=dict)
    peak_mb: float | None = None

    def to_json(self) -> str:
        return json.dumps({"failures": self.failures, "warnings": self.warnings,
                           "stored": {k: r.model_dump(mode="json") for k, r in self.stored.items()},
                           "peak_mb": self.peak_mb})

    @classmethod
    def from_json(cls, text: str) -> Outcome:
        data = json.loads(text)
        stored = {k: DocumentRecord.model_validate(r) for k, r in data["stored"].items()}
        return cls(data["failures"], data["warnings"], stored, data["peak_mb"])


@dataclass(frozen=True)
class Case:
    """One hostile input.

    Args:
        id: the case name.
        make: writes the input under a folder (and may serve pages); returns what to ingest.
        failure: a failure reason (``id: reason``) must match this.
        warning: a stored document's warning (``id: warning``) must match this.
        stored: how many of the hostile input's own documents are stored (None: at least one).
        check: further checks on the outcome (the figures read, the text kept).
        memory_mb: peak RSS growth bound; the case then runs in a subprocess.
        via: ``ingest`` (files and URLs, as ``conflictwatch ingest``) or ``watch`` (feeds).
    """

    id: str
    make: Callable[[Path, Routes], list[str]]
    failure: str | None = None
    warning: str | None = None
    stored: int | None = 0
    check: Callable[[Outcome], None] | None = None
    memory_mb: int | None = None
    via: str = "ingest"


# ---------------------------------------------------------------- input builders


def write(path: Path, data: bytes | str) -> list[str]:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return [str(path)]


def jsonl(path: Path, *lines: str | bytes | dict) -> list[str]:
    raw = [json.dumps(x).encode() if isinstance(x, dict) else
           x.encode() if isinstance(x, str) else x for x in lines]
    return write(path, b"\n".join(raw) + b"\n")


def write_lazily(path: Path, size: int, piece: str) -> list[str]:
    """``size`` bytes of ``piece`` repeated, written 1 MB at a time (never held whole)."""
    block = (piece * (MB // len(piece) + 1))[:MB].encode()
    with path.open("wb") as handle:
        for _ in range(size // MB):
            handle.write(block)
    return [str(path)]


def one_line(path: Path, size: int, piece: str) -> list[str]:
    """A file of one ``size``-byte line: ``piece`` repeated, no newline anywhere."""
    return write_lazily(path, size, piece.replace("\n", " "))


def over_limit_line(path: Path) -> list[str]:
    """A good line, a 40 MB line (written 1 MB at a time), a good line."""
    with path.open("wb") as handle:
        handle.write(json.dumps({"id": "around-1", "text": SENTENCE.format(n=1)}).encode())
        handle.write(b'\n{"id": "over", "text": "')
        for _ in range(40):
            handle.write(b"a" * MB)
        handle.write(b'"}\n' + json.dumps({"id": "around-2", "text": FILLER}).encode() + b"\n")
    return [str(path)]


def gzip_bomb(path: Path, inflated: int) -> list[str]:
    """A ``.jsonl.gz`` whose single line inflates to ``inflated`` bytes (~1,000x)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * MB
    with path.open("wb") as handle:
        handle.write(packer.compress(b'{"id": "bomb", "text": "'))
        for _ in range(inflated // MB):
            handle.write(packer.compress(block))
        handle.write(packer.compress(b'"}\n') + packer.flush())
    return [str(path)]


def warc(path: Path, bodies: list[bytes], *, cut: int | None = None,
         edit: tuple[bytes, bytes] | None = None) -> list[str]:
    """A WARC of HTML responses (gzipped for ``.gz``); ``cut`` removes the middle of that
    record; ``edit`` replaces the first occurrence of some bytes (a header of record 0)."""
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for n, body in enumerate(bodies):
            offsets.append(handle.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"http://news.example/{n}", "response", payload=BytesIO(body),
                http_headers=headers, warc_headers_dict={  # the same bytes on every run
                    "WARC-Date": "2025-03-01T10:00:00Z",
                    "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"}))
        offsets.append(handle.tell())
    if cut is not None:
        data = path.read_bytes()
        middle = (offsets[cut] + offsets[cut + 1]) // 2
        path.write_bytes(data[:middle] + data[offsets[cut + 1]:])
    if edit is not None:
        path.write_bytes(path.read_bytes().replace(*edit, 1))
    return [str(path)]


def junk(seed: int) -> bytes:
    """6,400 bytes of junk, the same on every run (64 random bytes, repeated)."""
    return random.Random(seed).randbytes(64) * 100


def truncated_gzip() -> bytes:
    """A ``.jsonl.gz`` of 300 documents cut in half."""
    lines = [json.dumps({"id": f"c{i}", "text": SENTENCE.format(n=i) + os.urandom(200).hex()})
             for i in range(300)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    return data[: len(data) // 2]


def page(n: int) -> bytes:
    return (f"<html><body><article><p>{SENTENCE.format(n=n)}</p></article></body></html>"
            ).encode()


def rss(items: str) -> bytes:
    return f'<rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


def feed_100k_links(tmp: Path, routes: Routes) -> list[str]:
    routes["/big.rss"] = (200, RSS, rss("".join(
        f"<item><guid>big-{i}</guid><link>http://news.example/gone/{i}</link></item>"
        for i in range(100_000))))
    return ["http://news.example/big.rss"]


def feed_100k_full(tmp: Path, routes: Routes) -> list[str]:
    routes["/full.rss"] = (200, RSS, rss("".join(
        f"<item><title>Item {i}</title><link>http://news.example/s/{i}</link><guid>full-{i}"
        f"</guid><description>{SENTENCE.format(n=i)}</description><pubDate>Mon, 03 Mar 2025"
        " 10:00:00 GMT</pubDate></item>" for i in range(100_000))))
    return ["http://news.example/full.rss"]


# ---------------------------------------------------------------- checks on what was read


def claims_of(doc_id: str, expected: list[tuple[str, int]]) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        record = outcome.stored[doc_id]
        assert [(c.outcome, c.best) for c in record.claims] == expected, record.claims
        for claim in record.claims:
            assert record.text[claim.start:claim.end] == claim.text
    return check


def text_cut(doc_id: str) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        record = outcome.stored[doc_id]
        assert 0 < len(record.text) <= Settings().max_chars
        assert all(record.text[c.start:c.end] == c.text for c in record.claims)
    return check


def no_absurd_figure(outcome: Outcome) -> None:
    record = outcome.stored["numbers"]
    assert [(c.outcome, c.best) for c in record.claims] == [("injured", 3)], record.claims


def dated_within_range(outcome: Outcome) -> None:
    for doc_id in ("year-1", "year-9999"):
        record = outcome.stored[doc_id]
        assert record.claims, doc_id
        for event in record.events:
            assert event.date_start is None or event.date_start <= record.published


BIDI = ("\u202bقتل مسلحون\u202c Gunmen killed 4 people in \u200fحمص\u200f (Homs) on Monday, "
        "police said. \u202eThe market was closed.\u202c")
ZALGO = "".join(ch + "\u0301\u0316\u0489" * 8 for ch in "Two people were killed in Homs.")
ARABIC = ("قتل أربعة أشخاص في انفجار في سوق حمص يوم الاثنين، "
          "وفقا للشرطة التي قالت إن العدد قد يرتفع.")


def _laughs() -> str:
    """The "billion laughs": nine levels of entities, each ten of the one below."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><html><body><p>&lol9;</p>'
            f"<p>{SENTENCE.format(n=5)}</p></body></html>")


LAUGHS = _laughs()


# ---------------------------------------------------------------- the table

CASES = [
    # plain text files
    Case("empty-file", lambda t, r: write(t / "empty.txt", b""),
         warning=r"empty\.txt: empty document", stored=1),
    Case("whitespace-only", lambda t, r: write(t / "blank.txt", " \n\t\r\n \u3000\n"),
         warning=r"blank\.txt: empty document", stored=1),
    Case("binary-nul-bytes", lambda t, r: write(t / "image.txt", b"\x89PNG\x00\x01\x02" * 999),
         failure=r"image\.txt: binary data \(NUL bytes\)"),
    Case("nul-bytes-late-in-text", lambda t, r: write(
        t / "late-nul.txt", FILLER * 200 + "Two people\x00 were killed in Homs on Monday."),
         warning=r"late-nul\.txt: removed 1 NUL character", stored=1,
         check=claims_of("late-nul.txt", [("killed", 2)])),
    Case("control-characters", lambda t, r: write(
        t / "ctrl.txt", "Two people were \x07killed in \x1bHoms on Monday.\x0c\x7f"),
         warning=r"ctrl\.txt: removed \d control character", stored=1,
         check=claims_of("ctrl.txt", [("killed", 2)])),
    Case("invalid-utf8", lambda t, r: write(
        t / "bad-utf8.txt", b"Five people were injured in Homs.\n\xff\xfe\xfa Caf\xe9\n"),
         warning=r"bad-utf8\.txt: invalid UTF-8 \(first at byte 34\)", stored=1,
         check=claims_of("bad-utf8.txt", [("injured", 5)])),
    Case("utf16-le-without-bom", lambda t, r: write(
        t / "u16le.txt", SENTENCE.format(n=7).encode("utf-16-le")),
         warning=r"u16le\.txt: no byte-order mark: decoded as UTF-16-LE", stored=1,
         check=claims_of("u16le.txt", [("killed", 7)])),
    Case("utf16-be-without-bom", lambda t, r: write(
        t / "u16be.txt", SENTENCE.format(n=8).encode("utf-16-be")),
         warning=r"u16be\.txt: no byte-order mark: decoded as UTF-16-BE", stored=1,
         check=claims_of("u16be.txt", [("killed", 8)])),
    Case("utf32-with-bom", lambda t, r: write(
        t / "u32.txt", codecs.BOM_UTF32_LE + SENTENCE.format(n=9).encode("utf-32-le")),
         warning=None, stored=1, check=claims_of("u32.txt", [("killed", 9)])),
    Case("text-50mb", lambda t, r: write_lazily(t / "huge.txt", 50 * MB, FILLER + "\n"),
         warning=r"huge\.txt: file of 50,000,000 bytes: only its first 1[56],\d{3},\d{3} were",
         stored=1, check=text_cut("huge.txt"), memory_mb=64),
    Case("one-5mb-line-of-casualties", lambda t, r: one_line(
        t / "line.txt", 5 * MB, "".join(SENTENCE.format(n=n) for n in range(1, 50))),
         warning=r"line\.txt: text cut to its first 100,000 characters", stored=1,
         check=text_cut("line.txt"), memory_mb=100),
    Case("5mb-run-of-quotes", lambda t, r: write(t / "quotes.txt", '"' * (5 * MB)),
         warning=r"quotes\.txt: text cut to its first 100,000", stored=1),
    Case("run-of-emoji", lambda t, r: write(
        t / "emoji.txt", SENTENCE.format(n=6) + "\U0001F525" * 30_000),
         warning=None, stored=1, check=claims_of("emoji.txt", [("killed", 6)])),
    Case("arabic-rtl", lambda t, r: write(t / "arabic.txt", ARABIC),
         warning=r"arabic\.txt: language 'ar' is not supported", stored=1),
    Case("mixed-scripts-and-bidi-controls", lambda t, r: write(t / "bidi.txt", BIDI),
         warning=None, stored=1, check=claims_of("bidi.txt", [("killed", 4)])),
    Case("combining-marks", lambda t, r: write(t / "zalgo.txt", ZALGO),
         warning=r"zalgo\.txt: language '\w+' is not supported", stored=1),
    # HTML files
    Case("html-empty", lambda t, r: write(t / "empty.html", b""),
         failure=r"empty\.html: \[CW110\] empty HTML document"),
    Case("html-nested-100k-deep", lambda t, r: write(
        t / "deep.html", "<html><body>" + "<div>" * 100_000 + page(3).decode()
        + "</div>" * 100_000 + "</body></html>"),  # past libxml2's depth limit: text lost
         warning=r"deep\.html: no main text found in the HTML", stored=1),
    Case("html-unclosed-tags", lambda t, r: write(
        t / "open.html", "<html><body>" + "<div><span><b><i><table><tr><td>" * 20_000
        + f"<p>{SENTENCE.format(n=3)}"),
         warning=r"open\.html: no main text found in the HTML", stored=1),
    Case("html-not-html", lambda t, r: write(t / "junk.html", "<<<>>> <? ?> <!-- --!> </>"),
         warning=r"junk\.html: no main text found in the HTML", stored=1),
    Case("html-only-scripts", lambda t, r: write(
        t / "scripts.html", "<html><head><script>" + "var a=1;" * 50_000
        + "</script></head><body><script>alert(1)</script></body></html>"),
         warning=r"scripts\.html: empty document: no text left", stored=1),
    Case("html-entity-expansion", lambda t, r: write(t / "laughs.html", LAUGHS),
         warning=r"laughs\.html: no main text found in the HTML", stored=1,
         check=lambda o: "lol" not in o.stored["laughs.html"].text),
    Case("html-lying-charset", lambda t, r: write(
        t / "charset.html", b'<html><head><meta charset="x-no-such-codec"></head><body><p>'
        + SENTENCE.format(n=2).encode() + b"\xff\xfe</p></body></html>"),
         warning=r"charset\.html: invalid UTF-8", stored=1),
    # JSONL batches
    Case("jsonl-broken-lines", lambda t, r: jsonl(
        t / "broken.jsonl", "{not json", "[1, 2]", {"text": "no id"}, {"id": "no-body"},
        {"id": "bad-date", "text": "x", "published": "yesterday"}, "", "   ",
        {"id": "ok-1", "text": SENTENCE.format(n=4)}, '{"id": "cut", "text": "Two peo'),
         failure=r"broken\.jsonl:1: line 1: invalid JSON", stored=1,
         check=lambda o: [f.split(": ", 1)[0] for f in o.failures] == [
             "broken.jsonl:1", "broken.jsonl:2", "broken.jsonl:3", "no-body", "bad-date",
             "broken.jsonl:9"]),
    Case("jsonl-number-of-5000-digits", lambda t, r: jsonl(
        t / "digits.jsonl", b'{"id": "d", "text": "x", "n": ' + b"9" * 5000 + b"}"),
         failure=r"digits\.jsonl:1: line 1: invalid JSON: Exceeds the limit"),
    Case("jsonl-nested-100k-deep", lambda t, r: jsonl(
        t / "deep.jsonl", "[" * 100_000 + "]" * 100_000),
         failure=r"deep\.jsonl:1: line 1: JSON nested too deeply"),
    Case("jsonl-lone-surrogates", lambda t, r: jsonl(
        t / "sur.jsonl", '{"id": "sur", "text": "Two people were killed \\ud800 in Homs on '
        'Monday.", "title": "A \\udfff b", "source": "\\udbff Wire"}'),
         warning=r"sur: 'text': 1 lone surrogate escape\(s\) replaced", stored=1,
         check=claims_of("sur", [("killed", 2)])),
    Case("jsonl-nul-in-title", lambda t, r: jsonl(
        t / "nul.jsonl", {"id": "nul", "text": SENTENCE.format(n=2), "title": "a\x00b"}),
         failure=r"nul: its title holds a NUL byte"),
    Case("jsonl-100k-char-id", lambda t, r: jsonl(
        t / "long-id.jsonl", {"id": "i" * 100_000, "text": SENTENCE.format(n=2)}),
         failure=r"i{512}: its id is 100,000 characters, over the ledger's 512"),
    Case("jsonl-huge-numbers-in-text", lambda t, r: jsonl(
        t / "numbers.jsonl", {"id": "numbers", "published": "2024-03-11", "text":
                              "Officials said 10^100 people were killed in the blast. A "
                              "spokesman said 5 billion people were killed, and 1e400 died. "
                              "In Homs " + "9" * 400 + " people were killed. Three people "
                              "were wounded in Homs on Monday, police said."}),
         stored=1, check=no_absurd_figure),
    Case("jsonl-published-year-1-and-9999", lambda t, r: jsonl(
        t / "dates.jsonl", {"id": "year-1", "published": "0001-01-01", "text": "Two people were"
                            " killed in Homs yesterday and last week, police said."},
        {"id": "year-9999", "published": "9999-12-31", "text": "Two people were killed in "
         "Homs next Monday and in December, police said."}),
         warning=r"year-1: publication date 0001-01-01 is out of range", stored=2,
         check=dated_within_range),
    Case("jsonl-one-5mb-line", lambda t, r: jsonl(
        t / "big-line.jsonl", {"id": "big-line", "text": FILLER * 60_000}),
         warning=r"big-line: text cut to its first 100,000", stored=1),
    Case("jsonl-line-over-the-limit", lambda t, r: over_limit_line(t / "over.jsonl"),
         failure=r"over\.jsonl:2: line 2: 40,000,\d{3} bytes, over the 16,000,000-byte limit",
         stored=2, memory_mb=64),
    Case("jsonl-gzip-bomb", lambda t, r: gzip_bomb(t / "bomb.jsonl.gz", 1000 * MB),
         failure=r"bomb\.jsonl\.gz:1: cannot read bomb\.jsonl\.gz after line 0: inflated past",
         memory_mb=64),
    Case("jsonl-gzip-truncated", lambda t, r: write(t / "cut.jsonl.gz", truncated_gzip()),
         failure=r"cut\.jsonl\.gz:\d+: cannot read cut\.jsonl\.gz after line \d+", stored=None),
    # web archives
    Case("warc-truncated-record", lambda t, r: warc(
        t / "cut.warc.gz", [page(1), page(2), page(3)], cut=1),
         failure=r"cut\.warc\.gz@\d+: unreadable record: ArchiveLoadFailed: Invalid WARC "
                 r"record, first line: [\x20-\x7e]*$",  # one printable line, no raw bytes
         stored=2),
    Case("warc-garbage", lambda t, r: write(t / "junk.warc.gz", junk(0)),
         failure=r"junk\.warc\.gz@0: unreadable record"),
    Case("warc-junk-warcio-reads-as-arc", lambda t, r: write(t / "arc.warc.gz", junk(6)),
         failure=r"arc\.warc\.gz@0: not a WARC record"),  # was read as nothing, silently
    Case("warc-junk-after-a-blank-line", lambda t, r: write(t / "blank.warc", junk(153)),
         failure=r"blank\.warc@\d+: not a WARC record"),  # was read as nothing, silently
    Case("warc-record-without-content-length", lambda t, r: warc(
        t / "nolength.warc", [page(1), page(2)], edit=(b"Content-Length: ", b"Content-Lengthy: ")),
         failure=r"nolength\.warc@0: record without Content-Length", stored=1),
    Case("warc-unknown-record-type", lambda t, r: warc(
        t / "badtype.warc", [page(1), page(2)], edit=(b"WARC-Type: response", b"WARC-Type: \x01")),
         failure=r"badtype\.warc@0: not a WARC record", stored=1),
    # URLs
    Case("url-50mb-page", lambda t, r: (r.update({"/huge": (200, HTML, b"x" * (50 * MB))})
                                       or ["http://news.example/huge"]),
         failure=r"/huge: .*over fetch_max_bytes=10000000"),
    Case("url-not-html", lambda t, r: (r.update({"/img": (200, {"Content-Type": "image/png"},
                                                          b"\x89PNG")})
                                       or ["http://news.example/img"]),
         failure=r"/img: .*'image/png', not an HTML page"),
    # feeds
    Case("feed-100k-items", feed_100k_links, via="watch",
         warning=rf"big\.rss: {100_000 - MAX_ITEMS_PER_ROUND:,} left for the next rounds",
         failure=r"big-0: .*answered HTTP 404", memory_mb=150),
    Case("feed-100k-items-over-the-byte-limit", feed_100k_full, via="watch",
         failure=r"full\.rss: .*over fetch_max_bytes=10000000"),
    Case("feed-garbage", lambda t, r: (r.update({"/junk.rss": (200, RSS, os.urandom(3000))})
                                       or ["http://news.example/junk.rss"]), via="watch",
         failure=r"junk\.rss: .*not a readable feed"),
]
CASES_BY_ID = {case.id: case for case in CASES}


# ---------------------------------------------------------------- running one case


def mock_fetcher(routes: Routes) -> Fetcher:
    """A Fetcher over an in-memory web (``routes`` by path); nothing leaves the process."""
    def answer(request: httpx.Request) -> httpx.Response:
        status, headers, body = routes.get(request.url.path, (404, {}, b"not found"))
        return httpx.Response(status, headers=headers, content=body)

    client = httpx.Client(transport=httpx.MockTransport(answer))
    return Fetcher(client, Settings(allow_private_urls=True), sleep=lambda s: None,
                   policy=FetchPolicy(retries=0, host_delay=0))


def run_case(case: Case, folder: Path, extractor: Extractor, inputs: list[str] | None = None,
             routes: Routes | None = None) -> Outcome:
    """Ingest the case's input between good documents into a fresh ledger in ``folder``."""
    routes = {} if routes is None else routes
    inputs = case.make(folder, routes) if inputs is None else inputs
    store = open_store(f"sqlite:///{folder / 'ledger.sqlite'}")
    outcome = Outcome()
    reports: list[IngestReport] = []
    if case.via == "ingest":
        first = write(folder / "good-first.txt", GOOD_TEXT)
        last = jsonl(folder / "good-last.jsonl", *GOOD_LINES)
        items = read_sources([*first, *inputs, *last], fetcher=mock_fetcher(routes))
        reports.append(ingest(items, store=store, extract=extractor.extract))
    else:
        routes["/good.rss"] = (200, RSS, rss("".join(
            f"<item><guid>good-{n}</guid><link>http://news.example/good/{n}</link></item>"
            for n in (1, 2))))
        routes.update({f"/good/{n}": (200, HTML, page(n)) for n in (1, 2)})
        feeds = [*inputs, "http://news.example/good.rss"]
        for feed in watch(feeds, fetcher=mock_fetcher(routes), state=FeedState(),
                          ingest_fn=lambda docs: reports.append(
                              ingest(docs, store=store, extract=extractor.extract)),
                          once=True):
            name = feed.url.rsplit("/", 1)[-1]
            outcome.failures += [f"{name}: {feed.error}"] if feed.error else []
            outcome.failures += [f"{item}: {reason}" for item, reason in feed.failed]
            if feed.deferred:
                outcome.warnings.append(f"{name}: {feed.deferred:,} left for the next rounds")
    outcome.failures += [f"{f.id}: {f.reason}" for r in reports for f in r.failed]
    with store.connect() as connection:
        ids = connection.execute(sa.select(tables.documents.c.id).where(
            tables.documents.c.is_current)).scalars().all()
        outcome.stored = {doc_id: repo.load_record(connection, doc_id) for doc_id in ids}
    outcome.warnings += [f"{i}: {w}" for i, r in outcome.stored.items() for w in r.warnings]
    return outcome


def run_in_subprocess(case: Case, folder: Path) -> Outcome:
    """Run the case in a fresh interpreter; its peak RSS growth is measured from after the
    model is loaded and the input is written. A hang fails on the timeout."""
    script = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
              "import test_hostile_inputs as t; t.measure(sys.argv[1], sys.argv[2])")
    done = subprocess.run([sys.executable, "-c", script, case.id, str(folder)],
                          capture_output=True, text=True, timeout=120, env=os.environ.copy())
    assert done.returncode == 0, done.stderr[-3000:]
    return Outcome.from_json(done.stdout.strip().splitlines()[-1])


def measure(case_id: str, folder: str) -> None:
    """Subprocess side of ``run_in_subprocess``: print the outcome as one JSON line."""
    case = CASES_BY_ID[case_id]
    extractor = Extractor(Settings())
    extractor.extract(InputDocument(id="warm-up", text=GOOD_TEXT))
    routes: Routes = {}
    inputs = case.make(Path(folder), routes)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = run_case(case, Path(folder), extractor, inputs, routes)
    outcome.peak_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(outcome.to_json())


# ---------------------------------------------------------------- the tests


def test_hostile_inputs_table_is_large_enough() -> None:
    assert len(CASES) >= 30 and len(CASES_BY_ID) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_is_reported_and_the_batch_is_stored(case: Case, tmp_path: Path,
                                                           extractor: Extractor) -> None:
    if case.memory_mb is None:
        outcome = run_case(case, tmp_path, extractor)
    else:
        outcome = run_in_subprocess(case, tmp_path)
        assert outcome.peak_mb < case.memory_mb, f"peak RSS grew {outcome.peak_mb:.0f} MB"
    good = ["good-1", "good-2"] if case.via == "watch" else ["good-first.txt", "good-a", "good-b"]
    assert set(good) <= set(outcome.stored), (sorted(outcome.stored), outcome.failures)
    figure = 1 if case.via == "watch" else 12  # the first good document was read, not just kept
    assert [c.best for c in outcome.stored[good[0]].claims][:1] == [figure]
    if case.failure is not None:
        assert any(re.search(case.failure, f) for f in outcome.failures), outcome.failures
    if case.warning is not None:
        assert any(re.search(case.warning, w) for w in outcome.warnings), outcome.warnings
    if case.failure is None and case.warning is None:
        assert outcome.failures == [], outcome.failures
    own = len(outcome.stored) - len(good)
    assert own == case.stored if case.stored is not None else own >= 1, sorted(outcome.stored)
    if case.check is not None:
        case.check(outcome)


def test_hostile_inputs_cli_ingest_names_each_failure_and_stores_the_rest(tmp_path: Path) -> None:
    from conflictwatch.cli import app

    chosen = ("binary-nul-bytes", "jsonl-broken-lines", "warc-garbage", "html-empty",
              "utf16-le-without-bom")
    inputs = [*write(tmp_path / "good-first.txt", GOOD_TEXT)]
    for case_id in chosen:
        folder = tmp_path / case_id
        folder.mkdir()
        inputs += CASES_BY_ID[case_id].make(folder, {})
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    result = CliRunner().invoke(app, ["ingest", *inputs, "--db", url])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "read 12, stored 3," in output and "failed 9," in output, output
    for expected in ("failed image.txt: binary data (NUL bytes), not text",
                     "failed broken.jsonl:1: line 1: invalid JSON",
                     "failed empty.html: [CW110] empty HTML document"):
        assert expected in output, output
    with open_store(url).connect() as connection:
        assert repo.count_rows(connection)["documents"] == 3


FUZZ_FINDINGS = sorted((Path(__file__).parent / "fixtures" / "fuzz").glob("*.json"))


@pytest.mark.parametrize("path", FUZZ_FINDINGS, ids=[p.stem for p in FUZZ_FINDINGS])
def test_hostile_fuzz_finding_stays_fixed(path: Path, extractor: Extractor) -> None:
    """Inputs the fuzzer (bench/bench_fuzz.py) broke extract with: read without an error,
    and every span of the record inside its text."""
    from test_properties import check_offsets

    found = json.loads(path.read_text(encoding="utf-8"))
    record = extractor.extract(InputDocument(**found["document"]))
    assert record.error is None, (found["found"], record.error)
    check_offsets(record)
