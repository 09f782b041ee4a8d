"""The public API is pinned; every setting and command is documented."""

from tests.conftest import ROOT

import conflictwatch
from conflictwatch.cli import app
from conflictwatch.config import Settings
from conflictwatch.reference import render_cli, render_settings


def test_package_public_api_is_pinned():
    assert conflictwatch.__all__ == ["Extractor", "Settings", "extract_document",
                                     "extract_documents", "ingest"]
    for name in conflictwatch.__all__:
        assert getattr(conflictwatch, name) is not None


def test_package_every_setting_is_described_and_documented():
    page = (ROOT / "docs" / "settings.md").read_text()
    assert page == render_settings(), "run make docs"
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
        assert f"`{name}`" in page


def test_package_cli_reference_is_current():
    page = (ROOT / "docs" / "cli.md").read_text()
    assert page == render_cli(app), "run make docs"
    for command in ("extract", "ingest", "incidents", "export", "serve", "gazetteer lookup"):
        assert f"## `conflictwatch {command}`" in page
