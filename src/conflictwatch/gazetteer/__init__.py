"""The offline gazetteer: build it (``load``), open and query it (``resolve``)."""

from __future__ import annotations

from conflictwatch.gazetteer.load import GazetteerInfo, build_gazetteer, load_geonames_dump
from conflictwatch.gazetteer.resolve import (
    Candidate,
    Gazetteer,
    PlaceContext,
    choose_candidate,
    resolve_place,
    to_resolved,
)

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerInfo",
    "PlaceContext",
    "build_gazetteer",
    "choose_candidate",
    "load_geonames_dump",
    "resolve_place",
    "to_resolved",
]
