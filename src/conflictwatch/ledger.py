"""``ingest``: read documents into the ledger, extract them, store them, link them.

Inputs are ``InputDocument`` (extracted with the injected ``extract``), ready ``DocumentRecord``
(stored as they are) or ``InputFailure`` (reported). Work is committed one chunk of
``batch_size`` documents at a time, each chunk in one transaction holding its documents,
derived rows, link features and incident changes together: a run killed mid-chunk loses that
chunk only, and a rerun stores it without duplicating what was committed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from conflictwatch.link import LinkSettings, report_features
from conflictwatch.models import DocumentRecord, InputDocument
from conflictwatch.store import repository
from conflictwatch.store.db import Store


class InputFailureLike(Protocol):
    """An input that could not be read (``conflictwatch.ingest.InputFailure``)."""

    id: str
    error: str


@dataclass(frozen=True)
class Failure:
    id: str
    reason: str


@dataclass
class IngestReport:
    """What one ingest run did."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    new_versions: int = 0
    failed: list[Failure] = field(default_factory=list)
    incidents_touched: set[str] = field(default_factory=set)

    def summary(self) -> dict[str, int]:
        return {"read": self.read, "stored": self.stored, "unchanged": self.unchanged,
                "new_versions": self.new_versions, "failed": len(self.failed),
                "incidents_touched": len(self.incidents_touched)}


Item = InputDocument | DocumentRecord | InputFailureLike
Extract = Callable[[InputDocument], DocumentRecord]
NUL_REFUSED = "its {field} holds a NUL byte (\\x00), which the ledger does not store"
SURROGATE_REFUSED = "its {field} holds a lone surrogate (no UTF-8 form), which cannot be stored"
MAX_KEY_CHARS = 512  # store.tables: ids and source names
MAX_FIGURE = 2**31 - 1  # store.tables: claim figures are 32-bit INTEGER in PostgreSQL
_SURROGATE = re.compile("[\ud800-\udfff]")


def _body(item: InputDocument | DocumentRecord) -> str:
    if isinstance(item, DocumentRecord):
        return item.text
    return item.text if item.text is not None else "\x00html\x00" + (item.html or "")


def ingest(
    inputs: Iterable[Item],
    *,
    store: Store,
    extract: Extract | None = None,
    batch_size: int = 64,
    link_settings: LinkSettings | None = None,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Store and link ``inputs``; return the counts. Idempotent per (id, text hash).

    Args:
        inputs: documents, records, or read failures, in order.
        store: the open ledger.
        extract: turns an ``InputDocument`` into a record; needed when inputs hold documents.
        batch_size: documents per committed chunk (``Settings.batch_size``).
        link_settings: linker knobs; the defaults are tuned on the gva dev set.
        progress: called with the running report after each chunk.
    """
    report = IngestReport()
    with store.connect() as connection:
        linker = repository.load_linker(connection, link_settings)
        next_member = repository.next_member_seq(connection)
    items = iter(inputs)
    while chunk := list(islice(items, max(batch_size, 1))):
        entries = _prepare_chunk(chunk, store, extract, report)
        if entries:
            with store.begin() as connection:
                previous = repository.current_versions(connection, [r.id for r, _ in entries])
                repository.save_documents(connection, entries, previous)
                features = [report_features(r, linker.settings) for r, _ in entries]
                repository.save_features(connection, features)
                changes = [c for f in features for c in linker.add(f)]
                next_member = repository.apply_changes(connection, changes, next_member)
            report.incidents_touched.update(c.incident_id for c in changes)
        if progress is not None:
            progress(report)
    return report


def _prepare_chunk(
    chunk: list[Item], store: Store, extract: Extract | None, report: IngestReport
) -> list[tuple[DocumentRecord, str]]:
    """Hash, skip unchanged, extract the rest; the last of duplicate ids in a chunk wins."""
    report.read += len(chunk)
    readable = [x for x in chunk if isinstance(x, InputDocument | DocumentRecord)
                and _unstorable_id(x.id) is None]
    for item in chunk:
        if not isinstance(item, InputDocument | DocumentRecord):
            report.failed.append(Failure(str(getattr(item, "id", "?")),
                                         str(getattr(item, "error", "unreadable input"))))
        elif (problem := _unstorable_id(item.id)) is not None:
            report.failed.append(Failure(item.id[:MAX_KEY_CHARS], problem))
    with store.connect() as connection:
        stored = repository.current_versions(connection, sorted({x.id for x in readable}))
    chosen: dict[str, tuple[DocumentRecord, str]] = {}
    for item in readable:
        digest = repository.content_hash(_body(item))
        known = chosen.get(item.id)
        if (known and known[1] == digest) or (not known and item.id in stored
                                              and stored[item.id].content_hash == digest):
            report.unchanged += 1
            continue
        record = item if isinstance(item, DocumentRecord) else _extract(item, extract)
        problem = record.error or _unstorable(record)
        if problem is not None:
            report.failed.append(Failure(item.id, problem))
            continue
        if known or item.id in stored:
            report.new_versions += 1
        else:
            report.stored += 1
        chosen.pop(item.id, None)
        chosen[item.id] = (record, digest)
    return list(chosen.values())


def _unstorable_id(doc_id: str) -> str | None:
    """Why a document id cannot be a ledger key, or None."""
    if "\x00" in doc_id:
        return NUL_REFUSED.format(field="id")
    if _SURROGATE.search(doc_id):
        return SURROGATE_REFUSED.format(field="id")
    if len(doc_id) > MAX_KEY_CHARS:
        return f"its id is {len(doc_id):,} characters, over the ledger's {MAX_KEY_CHARS}"
    return None


def _unstorable(record: DocumentRecord) -> str | None:
    """Why ``record`` cannot be stored, or None: a NUL byte (PostgreSQL refuses them in text),
    a lone surrogate (no UTF-8 form), a source name or a figure too large for its column. One
    such record must not fail its chunk."""
    for name in ("title", "url", "source", "text"):
        value = getattr(record, name) or ""
        if "\x00" in value:
            return NUL_REFUSED.format(field=name)
        if _SURROGATE.search(value):
            return SURROGATE_REFUSED.format(field=name)
    if len(record.source or "") > MAX_KEY_CHARS:
        return f"its source is {len(record.source):,} characters, over the ledger's {MAX_KEY_CHARS}"
    for index, claim in enumerate(record.claims):
        if max(claim.low or 0, claim.best or 0, claim.high or 0) > MAX_FIGURE:
            return f"claim {index} states a figure over {MAX_FIGURE:,}, which cannot be stored"
    return None


def _extract(document: InputDocument, extract: Extract | None) -> DocumentRecord:
    if extract is None:
        return DocumentRecord(id=document.id, error="no extractor given for a raw document")
    try:
        return extract(document)
    except Exception as exc:  # noqa: BLE001 - the per-document edge: report it, go on
        return DocumentRecord(id=document.id, error=f"{type(exc).__name__}: {exc}")
