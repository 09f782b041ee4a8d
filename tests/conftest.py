"""Shared fixtures. The suite never needs ../shared; tests that read it skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwatch.config import Settings
from conflictwatch.extract import Extractor
from conflictwatch.nlp.pipeline import build_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "dev"
EXAMPLES = ROOT / "src" / "conflictwatch" / "examples"


@pytest.fixture(scope="session")
def shared_dev() -> Path:
    """../shared/dev, or skip: the suite must pass without it."""
    if not SHARED_DEV.is_dir():
        pytest.skip("../shared/dev is not present")
    return SHARED_DEV


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings from the environment (make sets CONFLICTWATCH_DATA_DIR to ./var)."""
    return Settings()


@pytest.fixture(scope="session")
def lexical_extractor(settings: Settings) -> Extractor:
    """An Extractor with the lexical stages only (dates, claims): no gazetteer needed."""
    return Extractor(settings, nlp=build_nlp(settings, components=["cw_dates", "cw_claims"]))


@pytest.fixture(scope="session")
def extractor(settings: Settings) -> Extractor:
    """The full Extractor: every stage, the built gazetteer (built on first use if missing)."""
    return Extractor(settings)


@pytest.fixture(scope="module")
def pg_url():
    """A fresh PostgreSQL database (127.0.0.1:5432) for one test module, dropped afterwards."""
    from conflictwatch.drills.harness import PostgresUnavailable, scratch_postgres

    try:
        with scratch_postgres("cw_test") as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 is unreachable: {exc}")


@pytest.fixture
def serve_app():
    """Serve ASGI apps on free loopback ports for one test: ``serve_app(app) -> base URL``."""
    import socket
    import threading

    import uvicorn

    running = []

    def start(app) -> str:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(200):
            if server.started:
                break
            threading.Event().wait(0.05)
        running.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny gazetteer built from our own GeoNames-format fixture dump."""
    from conflictwatch.gazetteer.load import load_geonames_dump

    fixtures = Path(__file__).parent / "fixtures" / "gazetteer"
    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    load_geonames_dump(path, fixtures / "tiny_dump.txt", fixtures / "tiny_alternate_names.txt")
    return path


@pytest.fixture(scope="module")
def gazetteer(gazetteer_path: Path):
    from conflictwatch.gazetteer.resolve import Gazetteer

    return Gazetteer.open(gazetteer_path)


@pytest.fixture(scope="module")
def nlp():
    """A blank English pipeline with a sentencizer and our extensions."""
    import spacy

    from conflictwatch.nlp.extensions import register_extensions

    register_extensions()
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank
