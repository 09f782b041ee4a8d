"""Fuzzing: atheris (libFuzzer, coverage-guided) drives ``Extractor.extract``, cleaning and the
JSONL and WARC readers for a fixed time budget each; then hostile text shapes are timed through
extract.

    python -m bench.bench_fuzz [--quick] [--seconds N] [--targets extract,clean,jsonl,warc]
                               [--keep DIR]

Each target runs in its own subprocess (``--target NAME``: model loaded before the clock),
``-seed=1``, a dictionary of casualty words and markup, and a seed corpus of reports. An input
is a *crash* when the target raises, when ``extract`` turns an unexpected Python error into a
document's ``error`` (it logs those as "document ... failed"), or when a record breaks an
invariant (a span outside its text or not quoting it, bounds out of order, an archive of junk
read as nothing, neither document nor failure). Each distinct crash (exception type and the
innermost frame in conflictwatch) is saved as ``<target>-<n>.json`` (the decoded input) with a
``.txt`` traceback; the inputs found become cases in ``tests/fixtures/fuzz/`` (replayed by
``tests/test_hostile_inputs.py``).

Input decoding (``decode``): byte 0 holds flags (bit 0: HTML instead of text; bit 1: no
publication date; bit 2: an extreme date, bit 3 which one; bit 4: the first line is also given
as the title), bytes 1-3 a date ordinal, the rest is the text, UTF-8 with invalid bytes kept
as lone surrogates (``surrogateescape``), as a careless caller
could hand them over. The JSONL and WARC targets read the raw bytes as a batch or an archive.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import re
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

TARGETS = ("extract", "clean", "jsonl", "warc")
FULL_SECONDS, QUICK_SECONDS = 60, 10
SHAPE_CHARS, QUICK_SHAPE_CHARS = 100_000, 20_000
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
DICTIONARY = [
    "killed", "wounded", "injured", "people", "civilians", "soldiers", "more than ", "at least ",
    "between ", " and ", "dozens", "hundreds of", "police said", "according to ", "Homs",
    "Aleppo", "Kabul", "on Monday", "yesterday", "last week", "in March", "2024-03-11",
    "10^100", "1,000,000", "twenty-five", "<p>", "</p>", "<div>", "<script>", "<figcaption>",
    "<!--", "&amp;", "&#0;", "Mr. ", "U.S.", '"', "\u202e", "\u200f", "\n\n", "\r\n", "\x00",
    '{"id": "', '", "text": "', '", "html": "', '", "published": "', '"}\n', "\\ud800",
]
SEEDS = [
    "Gunmen kill 12 in Tillia\n\nGunmen killed 12 people in the village of Tillia in Niger on "
    "Sunday, officials said. At least 5 others were wounded.",
    "More than 1,000 people have been killed since Thursday in clashes in Tartus, according to "
    "the Syrian Observatory. Two soldiers were wounded near Goma on Friday, the army said.",
    "<html><body><article><h1>Blast kills four</h1><p>A blast killed four people in the market "
    "on Tuesday, police said.</p><figure><figcaption>Rescuers in Homs</figcaption></figure>"
    "</article></body></html>",
]


# ---------------------------------------------------------------- one input per target


def decode(data: bytes) -> dict:
    """Fuzz bytes as an InputDocument's fields (see the module docstring)."""
    flags = data[0] if data else 0
    text = data[4:].decode("utf-8", errors="surrogateescape")
    published = None
    if not flags & 2:
        ordinal = int.from_bytes(data[1:4].ljust(3, b"\0"), "big")
        published = (date.max if flags & 8 else date.min) if flags & 4 else \
            date.fromordinal(730_000 + ordinal % 20_000)  # 1999 to 2054
    field = "html" if flags & 1 else "text"
    title = text.split("\n", 1)[0][:200] if flags & 16 else None
    return {"id": "fuzz", field: text, "published": published, "title": title}


def encode(text: str, *, html: bool = False) -> bytes:
    """A seed: ``text`` as ``decode`` reads it, published in 2024."""
    return bytes([1 if html else 0]) + (9_000).to_bytes(3, "big") + text.encode()


class Target:
    """Runs one input; raises on a crash. Built once per process (the model loads once)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.extractor = None
        self.failed: list[logging.LogRecord] = []
        if name == "extract":
            from conflictwatch.config import Settings
            from conflictwatch.extract import Extractor

            self.extractor = Extractor(Settings())
            self.extractor.extract(self.document(encode(SEEDS[0])))
            logging.getLogger("conflictwatch.extract").addHandler(_Keep(self.failed))

    @staticmethod
    def document(data: bytes):
        from conflictwatch.models import InputDocument

        return InputDocument(**decode(data))

    def __call__(self, data: bytes) -> None:
        getattr(self, f"run_{self.name}")(data)

    def run_extract(self, data: bytes) -> None:
        self.failed.clear()
        record = self.extractor.extract(self.document(data))
        if self.failed and self.failed[0].exc_info:
            raise self.failed[0].exc_info[1]
        check_record(record)

    def run_clean(self, data: bytes) -> None:
        from conflictwatch.clean import clean_document
        from conflictwatch.errors import DocumentError

        try:
            cleaned = clean_document(self.document(data))
        except DocumentError:
            return  # binary junk or no HTML at all: an expected answer
        assert all(0 <= s < e <= len(cleaned.text) for s, e in cleaned.captions), "caption"

    def run_warc(self, data: bytes) -> None:
        from conflictwatch.ingest.warc import read_warc

        path = Path(tempfile.gettempdir()) / f"cw-fuzz-{id(self)}.warc"
        path.write_bytes(data)
        items = list(read_warc(path))
        assert items or not data.strip() or _holds_records(path), "junk read as nothing"

    def run_jsonl(self, data: bytes) -> None:
        from conflictwatch.ingest.jsonl import bounded_lines, read_jsonl_lines

        for item in read_jsonl_lines(bounded_lines(io.BytesIO(data)), name="fuzz"):
            assert item.id, "an item without an id"


def _holds_records(path: Path) -> bool:
    """Whether warcio finds a typed WARC record in the file (an archive of requests or images
    rightly gives no document and no failure; junk must give a failure)."""
    from warcio.archiveiterator import ArchiveIterator

    from conflictwatch.ingest.warc import WARC_TYPES

    try:
        with path.open("rb") as handle:
            return any(r.format == "warc" and r.rec_type in WARC_TYPES
                       for r in ArchiveIterator(handle))
    except Exception:  # noqa: BLE001 - warcio raises many types on junk: then it holds none
        return False


class _Keep(logging.Handler):
    def __init__(self, into: list) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)


def check_record(record) -> None:
    """The invariants every record keeps, whatever its input (AssertionError when broken)."""
    size = len(record.text)
    for claim in record.claims:
        assert 0 <= claim.start < claim.end <= size, "claim span outside the text"
        assert record.text[claim.start:claim.end] == claim.text, "claim does not quote the text"
        assert _ordered(claim.low, claim.best, claim.high), "claim bounds out of order"
    for place in record.places:
        assert 0 <= place.start < place.end <= size, "place span outside the text"
        assert record.text[place.start:place.end] == place.name, "place does not quote the text"
    for event in record.events:
        assert all(0 <= s.start < s.end <= size for s in event.evidence), "evidence outside"
        assert all(0 <= i < len(record.claims) for i in event.claims), "event claim index"
        for figures in (event.fatalities, event.injured):
            assert _ordered(figures.low, figures.best, figures.high), "event bounds out of order"


def _ordered(*values: int | None) -> bool:
    known = [v for v in values if v is not None]
    return known == sorted(known)


# ---------------------------------------------------------------- the fuzzing subprocess


def signature(exc: BaseException) -> str:
    """Exception type and the innermost conflictwatch frame: one per distinct bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "conflictwatch" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    detail = str(exc).split(":")[0][:60] if isinstance(exc, AssertionError) else ""
    return f"{type(exc).__name__} {detail} at {where}".replace("  ", " ")


def fuzz(name: str, seconds: int, out: Path) -> None:
    """Run atheris on one target until ``seconds`` have passed (does not return)."""
    import atheris

    with atheris.instrument_imports(include=["conflictwatch"]):
        import conflictwatch.clean  # noqa: F401  (instrumented for coverage guidance)
        import conflictwatch.extract  # noqa: F401
        import conflictwatch.ingest.jsonl  # noqa: F401
        import conflictwatch.ingest.warc  # noqa: F401
    target = Target(name)
    seen: set[str] = set()

    def one_input(data: bytes) -> None:
        try:
            target(data)
        except Exception as exc:  # noqa: BLE001 - every escape is a finding, saved, not fatal
            key = signature(exc)
            if key not in seen:
                seen.add(key)
                _save(out, name, len(seen), data, key, exc)

    corpus = out / f"corpus-{name}"
    corpus.mkdir(parents=True, exist_ok=True)
    for n, seed in enumerate(_seeds(name)):
        (corpus / f"seed-{n}").write_bytes(seed)
    (out / "fuzz.dict").write_text("".join(f'"{_dict_entry(w)}"\n' for w in DICTIONARY))
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-seed=1", "-timeout=30",
                   "-rss_limit_mb=4096", f"-dict={out / 'fuzz.dict'}", "-print_final_stats=1",
                   f"-artifact_prefix={out}/{name}-libfuzzer-", str(corpus)], one_input)
    atheris.Fuzz()


def _dict_entry(word: str) -> str:
    """A libFuzzer dictionary entry: printable ASCII as is, every other byte as \\xNN."""
    return "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02x}"
                   for b in word.encode("utf-8", errors="surrogatepass"))


def _seeds(name: str) -> list[bytes]:
    if name == "jsonl":
        lines = [json.dumps({"id": f"s{n}", "text": s}) for n, s in enumerate(SEEDS)]
        return [("\n".join(lines) + "\n{not json\n").encode()]
    if name == "warc":
        return [_warc_seed(gzip) for gzip in (False, True)]
    return [encode(s, html=s.startswith("<html")) for s in SEEDS]


def _warc_seed(gzip: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for n, html in enumerate((SEEDS[2], "<html><body><p>" + SEEDS[0] + "</p></body></html>")):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"http://news.example/{n}", "response", payload=io.BytesIO(html.encode()),
            http_headers=headers))
    return buffer.getvalue()


def _save(out: Path, name: str, n: int, data: bytes, key: str, exc: BaseException) -> None:
    stem = out / f"{name}-{n}"
    if name in ("jsonl", "warc"):
        found = {"target": name, "bytes": data.decode("latin-1")}
    else:
        fields = decode(data)
        found = {"target": name, **fields, "published": str(fields["published"] or "") or None}
    stem.with_suffix(".json").write_text(json.dumps(found, ensure_ascii=True))
    stem.with_suffix(".txt").write_text(key + "\n\n" + "".join(traceback.format_exception(exc)))


# ---------------------------------------------------------------- hostile shapes, timed


SHAPES = {
    "one line of casualty sentences": "{n} people were killed in Homs on Monday, police said. ",
    "one sentence naming places": "in Homs ",
    "abbreviations": "Mr. ",
    "capitalised words": "Aa ",
    "casualty words": "killed ",
    "quotes": '"',
    "emoji": "\U0001F525",
    "initials": "U.S.",
    "one long word": "A",
    "digits and commas": "1,",
    "number words": "one hundred and ",
}


def time_shapes(chars: int) -> list[tuple[str, float, int]]:
    """(shape, seconds, claims) of extracting ``chars`` characters of each shape."""
    from conflictwatch.config import Settings
    from conflictwatch.extract import Extractor
    from conflictwatch.models import InputDocument

    extractor = Extractor(Settings())
    extractor.extract(InputDocument(id="warm-up", text=SEEDS[0]))
    timed = []
    for shape, piece in SHAPES.items():
        text = "".join(piece.format(n=n) for n in range(chars))[:chars] if "{n}" in piece \
            else (piece * (chars // len(piece) + 1))[:chars]
        started = time.perf_counter()
        record = extractor.extract(InputDocument(id=shape, text=text,
                                                 published=date(2024, 3, 11)))
        timed.append((shape, time.perf_counter() - started, len(record.claims)))
    return timed


# ---------------------------------------------------------------- bench rows


def run_target(name: str, seconds: int, out: Path) -> dict:
    """Fuzz one target in a subprocess; its executions, rate and distinct crashes."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bench.bench_fuzz", "--target", name,
                           "--seconds", str(seconds), "--keep", str(out)],
                          capture_output=True, text=True, timeout=seconds * 4 + 300,
                          cwd=Path(__file__).resolve().parents[1])
    runs = _DONE.search(done.stderr)
    crashes = [c.read_text().splitlines()[0] for c in sorted(out.glob(f"{name}-*.txt"))]
    # libFuzzer's own findings: an input over -timeout (a hang), over -rss_limit_mb, a signal
    crashes += [f"libFuzzer {a.name.split('-libfuzzer-')[1].split('-')[0]}: {a.name}"
                for a in sorted(out.glob(f"{name}-libfuzzer-*"))]
    return {"target": name, "executions": int(runs.group(1)) if runs else None,
            "seconds": int(runs.group(2)) if runs else round(time.perf_counter() - started),
            "crashes": crashes, "exit": done.returncode,
            "tail": done.stderr.strip().splitlines()[-1:] if not runs else []}


def run(shared: Path, quick: bool, *, seconds: int | None = None,
        targets: tuple[str, ...] = TARGETS, keep: Path | None = None) -> list[dict]:
    """Table rows: per target executions, exec/s and crashes; then the slowest hostile shape."""
    seconds = seconds or (QUICK_SECONDS if quick else FULL_SECONDS)
    out = keep or Path(tempfile.mkdtemp(prefix="cw-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    clean_targets = 0
    for name in targets:
        result = run_target(name, seconds, out)
        runs, took = result["executions"], max(result["seconds"], 1)
        note = f"atheris {seconds} s budget, -seed=1; inputs in {out}"
        if result["tail"]:
            note += f"; libFuzzer stopped: {result['tail'][0][:80]}"
        rows.append({"bench": "fuzz", "metric": f"atheris {name}: executions", "value": runs,
                     "note": note})
        rows.append({"bench": "fuzz", "metric": f"atheris {name}: exec/s",
                     "value": round(runs / took, 1) if runs else None, "note": ""})
        rows.append({"bench": "fuzz", "metric": f"atheris {name}: crashes",
                     "value": len(result["crashes"]),
                     "note": "; ".join(result["crashes"])[:300] or "none"})
        clean_targets += not result["crashes"] and runs is not None
    rows.append({"bench": "fuzz", "metric": "targets fuzzed without a crash",
                 "value": clean_targets, "floor": len(targets),
                 "note": ", ".join(targets)})
    chars = QUICK_SHAPE_CHARS if quick else SHAPE_CHARS
    timed = time_shapes(chars)
    shape, slowest, _ = max(timed, key=lambda t: t[1])
    rows.append({"bench": "fuzz", "metric": f"hostile shapes: slowest extract of {chars:,} chars"
                 " (s)", "value": round(slowest, 2),
                 "note": f"{shape}; all: " + ", ".join(f"{s} {t:.1f}" for s, t, _ in timed)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SECONDS} s per target")
    parser.add_argument("--seconds", type=int, default=None, help="budget per target")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--keep", type=Path, default=None, help="where crash inputs go")
    parser.add_argument("--target", choices=TARGETS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.target:  # the subprocess side of run_target
        fuzz(args.target, args.seconds or FULL_SECONDS, args.keep)
        return
    from bench.table import print_table

    rows = run(Path(), args.quick, seconds=args.seconds,
               targets=tuple(args.targets.split(",")), keep=args.keep)
    raise SystemExit(1 if print_table(rows) else 0)


if __name__ == "__main__":
    main()
