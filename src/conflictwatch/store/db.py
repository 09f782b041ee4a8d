"""Open the ledger database from a URL: engine set-up, SQLite pragmas, automatic migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from conflictwatch.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass
class Store:
    """The ledger database: an Engine whose schema is at the latest migration."""

    engine: Engine

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection in a transaction: committed on success, rolled back on error."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {describe_error(exc)}") from exc

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading."""
        try:
            with self.engine.connect() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {describe_error(exc)}") from exc

    def close(self) -> None:
        self.engine.dispose()


def describe_error(exc: SQLAlchemyError) -> str:
    """The driver's message on one line, without the SQL statement and its parameters (which
    can be long, and hold the documents' text)."""
    origin = getattr(exc, "orig", None) or exc
    text = " ".join(str(origin).split())[:300]
    if getattr(exc, "connection_invalidated", False):
        return f"lost the connection to the database ({type(origin).__name__}: {text})"
    return f"{type(origin).__name__}: {text}"


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` go to psycopg 3; anything else is kept."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def create_store_engine(url: str) -> Engine:
    """An Engine for ``url``; SQLite files get their directory, WAL mode and foreign keys."""
    try:
        parsed = make_url(normalize_url(url))
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() != "sqlite":
        try:
            return sa.create_engine(parsed, pool_pre_ping=True)
        except (ArgumentError, ImportError) as exc:
            raise StoreError(f"unsupported database URL {parsed.render_as_string()!r}: {exc}"
                             ) from exc
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # Wait up to 30 s for another writer's lock; ``?timeout=N`` in the URL says otherwise.
    busy = {} if "timeout" in parsed.query else {"timeout": 30}
    engine = sa.create_engine(parsed, connect_args=busy)
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API objects)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"could not migrate the database: {describe_error(exc)}") from exc


def open_store(url: str) -> Store:
    """Open (and create or upgrade) the ledger at ``url``: ``sqlite:///path`` or PostgreSQL."""
    engine = create_store_engine(url)
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {engine.url.render_as_string()}: "
                         f"{describe_error(exc)}") from exc
    migrate(engine)
    return Store(engine)
