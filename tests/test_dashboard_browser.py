"""The dashboard in Debian's Chromium: load, filter, open an incident, check what is shown.

Serves a seeded temporary SQLite ledger with uvicorn on a free loopback port. Skipped when
/usr/bin/chromium or the vendored assets (scripts/vendor_assets.py) are missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conflictwatch.api.app import DASHBOARD, create_app
from conflictwatch.config import Settings
from test_api_seed import open_seeded_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not (DASHBOARD / "vendor" / "leaflet" / "leaflet.js").exists(),
                       reason="dashboard assets not vendored: npm ci --ignore-scripts --prefix "
                              "dashboard && python scripts/vendor_assets.py"),
]


@pytest.fixture
def base_url(tmp_path: Path, serve_app) -> Iterator[str]:
    store = open_seeded_store(tmp_path)
    yield serve_app(create_app(Settings(data_dir=tmp_path), store=store))
    store.close()


@pytest.fixture
def page(base_url: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1100})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.requests = []
        page.errors = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.goto(base_url + "/")
        page.wait_for_selector("body[data-loaded=true]")
        yield page
        browser.close()


def test_dashboard_filters_and_opens_an_incident(page, base_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    assert page.locator("#list tbody tr").count() == 3
    assert page.locator("path.incident-marker").count() == 3
    assert page.locator("#map path.leaflet-interactive, #map svg path").count() > 100
    assert page.locator("#timeline rect.bar").count() >= 3

    page.fill("input[name=country]", "SY")
    page.click("#filters button[type=submit]")
    expect(page.locator("#list tbody tr")).to_have_count(1)
    assert page.locator("#count").inner_text() == "1"
    assert page.locator("path.incident-marker").count() == 1
    assert "Latakia" in page.locator("#list tbody tr").inner_text()

    page.click("#list tbody tr")
    page.wait_for_selector("#incident:not([hidden]) #claims tbody tr")
    expect(page.locator("#overview")).to_be_hidden()
    assert "Latakia" in page.locator("#incident-title").inner_text()
    claims = page.locator("#claims tbody").inner_text()
    assert "Syrian Observatory for Human Rights" in claims
    assert "unverified" in claims and "2025-03-09" in claims
    marks = page.locator("#reports mark.claim").all_inner_texts()
    assert sorted(marks) == ["140 people were killed", "745 people were killed"]
    assert page.locator("#evolution circle.point").count() == 2
    page.screenshot(path=str(tmp_path / "incident.png"), full_page=True)
    page.click("text=back to the map")
    expect(page.locator("#overview")).to_be_visible()
    expect(page.locator("#list tbody tr")).to_have_count(1)

    assert page.errors == []
    assert all(url.startswith(base_url) for url in page.requests), page.requests


def test_dashboard_shows_markup_in_reports_as_text(page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.fill("input[name=country]", "NG")
    page.click("#filters button[type=submit]")
    expect(page.locator("#list tbody tr")).to_have_count(1)
    page.click("#list tbody tr")
    page.wait_for_selector("#incident:not([hidden]) #reports article")
    text = page.locator("#reports article .text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert page.locator("#reports script, #reports img").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(tmp_path / "escaped.png"), full_page=True)
