"""Whole documents: the reference article (when ../shared is present) and invented fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictwatch.clean import clean_html, clean_text

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"
REFERENCE = SHARED_DEV / "seed-syria-coast-2025-03.txt"
LATAKIA = ("Syrian Security Forces detain a man, suspected former Syrian regime supporter, "
           "following clashes between government forces and supporters of the former Syrian "
           "regime, in Latakia")
CREDIT = "© Mohamad Daboul/EPA-EFE/Shutterstock"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def reference() -> str:
    if not REFERENCE.exists():
        pytest.skip("../shared/dev is not present")
    return REFERENCE.read_text(encoding="utf-8")


def test_clean_reference_title_and_removed(reference: str) -> None:
    cleaned = clean_text(reference)
    assert cleaned.title == "Hundreds killed in clashes and revenge attacks in Syria"
    assert cleaned.text.startswith(cleaned.title + "\n")
    assert [(r.reason, r.text) for r in cleaned.removed] == [
        ("byline", "Micheal"),
        ("promo", "Unlock the Editor’s Digest for free"),
        ("credit", CREDIT),
        ("duplicate", LATAKIA),
        ("credit", CREDIT),
        ("comment_prompt", "Leave a Comment"),
    ]
    assert cleaned.language == "en"


def test_clean_reference_captions(reference: str) -> None:
    cleaned = clean_text(reference)
    spans = [cleaned.text[s:e] for s, e in cleaned.captions]
    assert spans == [
        "Syrian forces deploying in the town of Qadmus in Syria’s Tartus governorate",
        LATAKIA,
    ]
    assert cleaned.text.count(LATAKIA) == 1


def test_clean_reference_body_intact(reference: str) -> None:
    cleaned = clean_text(reference)
    body = [p for p in _paragraphs(reference) if p.endswith(".")]
    assert len(body) == 11
    for paragraph in body:
        assert paragraph in cleaned.text


@pytest.mark.parametrize("name", ["invented-wire.txt", "invented-local.txt",
                                  "invented-page.html"])
def test_clean_invented_fixture(name: str) -> None:
    path = FIXTURES / name
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    raw = path.read_text(encoding="utf-8")
    cleaned = clean_html(raw) if name.endswith(".html") else clean_text(raw)
    assert cleaned.title == expected["title"]
    assert [[r.reason, r.text] for r in cleaned.removed] == expected["removed"]
    assert [cleaned.text[s:e] for s, e in cleaned.captions] == expected["captions"]
    for sentence in expected["kept"]:
        assert sentence in cleaned.text
    if "published" in expected:
        assert str(cleaned.published) == expected["published"]


def test_clean_html_metadata() -> None:
    cleaned = clean_html((FIXTURES / "invented-page.html").read_text(encoding="utf-8"))
    assert str(cleaned.published) == "2024-11-14"
    assert cleaned.author == "Ines Calder"
    assert cleaned.site == "The Meridian Ledger"
    assert "dataLayer" not in cleaned.text
    assert "cookies" not in cleaned.text
