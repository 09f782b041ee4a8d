"""What the readers yield: a document (with the warnings of reading it), or a failure."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field

from conflictwatch.models import InputDocument


class ReadDocument(InputDocument):
    """An ``InputDocument`` plus what reading it noticed (it is still an InputDocument)."""

    warnings: list[str] = Field(
        default_factory=list, description="addition: problems met while reading (decoding)"
    )


@dataclass(frozen=True)
class InputFailure:
    """An input that could not be read: a binary file, a broken or invalid batch line."""

    id: str
    error: str
    line: int | None = None
    path: str | None = None
