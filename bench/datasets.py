"""Loaders for the dev data in ../shared/dev (read at bench time only, never committed)."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from conflictwatch.cleaning.html import iso_date
from conflictwatch.models import InputDocument

csv.field_size_limit(10**8)


@dataclass(frozen=True)
class GoldDoc:
    """A dev document with its gold killed / injured counts (None: not known)."""

    document: InputDocument
    killed: int | None
    injured: int | None
    group: str | None = None  # incident id, where the set groups reports


def load_gvdb(shared: Path) -> Iterator[GoldDoc]:
    """gvdb dev: killed = victims whose victim-was has killed; injured = injured, not killed."""
    path = shared / "gvdb" / "dev.tsv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            info = json.loads(row["Json"])
            victims = info.get("victim-section") or []
            killed = sum(1 for v in victims if "killed" in (v.get("victim-was") or []))
            injured = sum(1 for v in victims if "injured" in (v.get("victim-was") or [])
                          and "killed" not in (v.get("victim-was") or []))
            day = (info.get("date-and-time") or {}).get("date")
            published = _date(day)
            yield GoldDoc(InputDocument(id=f"gvdb-{row['Article id']}", text=row["Full text"],
                                        title=row["Article title"] or None, published=published,
                                        url=row["Article url"] or None), killed, injured)


def load_gva(shared: Path, limit: int | None = None) -> Iterator[GoldDoc]:
    """gva: each article with its incident's Gun Violence Archive totals."""
    totals = {}
    with gzip.open(shared / "gva" / "incidents.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            totals[row["incident_id"]] = (row.get("num_killed"), row.get("num_injured"))
    with gzip.open(shared / "gva" / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            row = json.loads(line)
            killed, injured = totals.get(row["incident_id"], (None, None))
            yield GoldDoc(InputDocument(id=row["doc_id"], text=row["content"],
                                        title=row.get("title") or None,
                                        published=_date(row.get("dct")), url=row.get("uri")),
                          killed, injured, group=row["incident_id"])


def load_acled(shared: Path) -> Iterator[tuple[InputDocument, dict[str, str]]]:
    """ACLED Jan 2016: NOTES as text, EVENT_DATE (dd/mm/yyyy) as published; the row as gold."""
    with (shared / "acled" / "acled-africa-2016-01.csv").open(encoding="utf-8",
                                                                errors="replace") as handle:
        for row in csv.DictReader(handle):
            published = datetime.strptime(row["EVENT_DATE"], "%d/%m/%Y").date()
            yield InputDocument(id=row["EVENT_ID_CNTY"], text=row["NOTES"],
                                published=published), row


def _date(value: str | None) -> date | None:
    """The gold date, or None where the dev data has none or a malformed one."""
    return iso_date(value)
