"""Cleaning benchmark: what is removed per reason on the gva crawl, and no casualty sentence lost.

Run alone with ``python -m bench.bench_clean [--quick] [--show REASON]``.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from bench.table import dev_dir
from conflictwatch.clean import clean_text

_CASUALTY = re.compile(r"\b(killed|shot|injured|wounded|died)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_QUICK_DOCS = 600


def _casualty_sentences(text: str) -> set[str]:
    found: set[str] = set()
    for match in _SENTENCE.finditer(text):
        sentence = " ".join(match.group().split())
        if _CASUALTY.search(sentence):
            found.add(sentence)
    return found


def _articles(shared: Path, quick: bool) -> Iterator[dict]:
    with gzip.open(dev_dir(shared) / "gva" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if quick and i >= _QUICK_DOCS:
                return
            yield json.loads(line)


def measure(shared: Path, quick: bool) -> dict:
    """Removed chars/lines per reason, and casualty sentences before and after cleaning."""
    chars: Counter[str] = Counter()
    lines: Counter[str] = Counter()
    docs = before = after = chars_in = chars_out = 0
    lost: list[tuple[str, str]] = []
    started = time.perf_counter()
    for article in _articles(shared, quick):
        content = article["content"]
        cleaned = clean_text(content)
        docs += 1
        chars_in += len(content)
        chars_out += len(cleaned.text)
        for item in cleaned.removed:
            chars[item.reason] += len(item.text)
            lines[item.reason] += 1
        before_set = _casualty_sentences(content)
        kept = _casualty_sentences(cleaned.text)
        before += len(before_set)
        missing = {s for s in before_set - kept if not any(
            s.startswith(k) and len(k) > 20 for k in kept)}
        after += len(before_set) - len(missing)
        for sentence in sorted(missing):
            reason = next((r.reason for r in cleaned.removed
                           if sentence in " ".join(r.text.split())), "?")
            lost.append((article["doc_id"], reason, sentence))
    seconds = time.perf_counter() - started
    return {"docs": docs, "chars_in": chars_in, "chars_out": chars_out, "chars": chars,
            "lines": lines, "before": before, "after": after,
            "lost": lost, "seconds": seconds}


def run(shared: Path, quick: bool) -> list[dict]:
    """Table rows for the benchmark runner."""
    m = measure(shared, quick)
    rows = [{"bench": "clean", "metric": "gva docs/s", "value": round(m["docs"] / m["seconds"], 1),
             "note": f"{m['docs']} docs"}]
    removed_chars = sum(m["chars"].values())
    rows.append({"bench": "clean", "metric": "removed chars share",
                 "value": round(removed_chars / max(m["chars_in"], 1), 4),
                 "note": f"{removed_chars:,} of {m['chars_in']:,} chars in {m['docs']} docs"})
    for reason, n in m["lines"].most_common():
        rows.append({"bench": "clean", "metric": f"removed {reason}", "value": n,
                     "note": f"{m['chars'][reason]:,} chars"})
    kept_share = m["after"] / m["before"] if m["before"] else 1.0
    elsewhere = sum(1 for _, reason, _ in m["lost"] if reason != "related_links")
    body_share = 1 - elsewhere / m["before"] if m["before"] else 1.0
    rows.append({"bench": "clean", "metric": "casualty sentences kept (body)",
                 "value": round(body_share, 4), "floor": 0.999,
                 "note": f"{elsewhere} lost outside related-link lists"})
    rows.append({"bench": "clean", "metric": "casualty sentences kept",
                 "value": round(kept_share, 4),
                 "note": f"distinct sentences, {m['after']}/{m['before']}"})
    rows.append(_reference_row(shared))
    return rows


def _reference_row(shared: Path) -> dict:
    """1 when the reference article is cleaned as seed-expected.md says, else 0."""
    path = dev_dir(shared) / "seed-syria-coast-2025-03.txt"
    cleaned = clean_text(path.read_text(encoding="utf-8"))
    reasons = [r.reason for r in cleaned.removed]
    ok = (cleaned.title == "Hundreds killed in clashes and revenge attacks in Syria"
          and reasons == ["byline", "promo", "credit", "duplicate", "credit", "comment_prompt"]
          and len(cleaned.captions) == 2)
    return {"bench": "clean", "metric": "reference article as expected", "value": int(ok),
            "floor": 1, "note": "title, 6 removed with reasons, 2 captions"}


def main() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared"
    quick = "--quick" in sys.argv
    if "--show-lost" in sys.argv:
        for doc_id, reason, sentence in measure(shared, quick)["lost"]:
            print(doc_id[:8], reason, sentence[:160])
        return
    for row in run(shared, quick):
        floor = row.get("floor", "")
        print(f"{row['metric']:<32} {row['value']:>10} {floor!s:>6}  {row['note']}")


if __name__ == "__main__":
    main()
