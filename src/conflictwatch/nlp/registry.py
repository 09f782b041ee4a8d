"""Every spaCy factory conflictwatch registers, in one place, run by ``build_nlp``.

Nothing is registered at import time; names are versioned.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.language import Language

COMPONENTS: list[tuple[str, str]] = [
    ("cw_dates", "conflictwatch_dates_v1"),
    ("cw_places", "conflictwatch_places_v1"),
    ("cw_actors", "conflictwatch_actors_v1"),
    ("cw_claims", "conflictwatch_claims_v1"),
    ("cw_events", "conflictwatch_events_v1"),
]


FACTORIES: list[tuple[str, str, str]] = [
    ("dates", "conflictwatch_dates_v1", "make_dates"),
    ("places", "conflictwatch_places_v1", "make_places"),
    ("actors", "conflictwatch_actors_v1", "make_actors"),
    ("claims", "conflictwatch_claims_v1", "make_claims"),
    ("events", "conflictwatch_events_v1", "make_events"),
]


def register_factories(names: Collection[str] | None = None) -> None:
    """Register the conflictwatch component factories (all, or those named; idempotent)."""
    import importlib

    for module, name, factory in FACTORIES:
        if names is not None and name not in names:
            continue
        if not Language.has_factory(name):
            made = getattr(importlib.import_module(f"conflictwatch.nlp.{module}"), factory)
            Language.factory(name)(made)
