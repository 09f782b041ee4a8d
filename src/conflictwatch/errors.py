"""One exception tree for conflictwatch; each error carries a stable code.

    ConflictwatchError (CW000)
    ├── ModelMissingError (CW001)      the spaCy model package is not installed
    ├── InputError (CW100)             an input file, batch line or URL could not be read
    │   ├── DocumentError (CW110)      one document could not be processed (becomes `error`)
    │   └── FetchError (CW120)         a URL could not be fetched, or was refused
    ├── GazetteerError (CW200)         the offline gazetteer is missing or corrupt
    ├── StoreError (CW300)             the database could not be read or written
    ├── ConfigError (CW400)            a setting has an invalid value
    └── OutputError (CW500)            an output file could not be written (disk full, ...)

Expected outcomes (a number that is not a casualty figure, a duplicate paragraph, background)
are data in ``removed`` or ``warnings``, never exceptions.
"""

from __future__ import annotations


class ConflictwatchError(Exception):
    """Base of every conflictwatch error."""

    code = "CW000"

    def __init__(self, message: str, *, doc_id: str | None = None) -> None:
        self.message = message
        self.doc_id = doc_id
        where = f" (document {doc_id!r})" if doc_id else ""
        super().__init__(f"[{self.code}] {message}{where}")


class ModelMissingError(ConflictwatchError):
    code = "CW001"


class InputError(ConflictwatchError):
    code = "CW100"


class DocumentError(InputError):
    code = "CW110"


class FetchError(InputError):
    code = "CW120"


class GazetteerError(ConflictwatchError):
    code = "CW200"


class StoreError(ConflictwatchError):
    code = "CW300"


class ConfigError(ConflictwatchError):
    code = "CW400"


class OutputError(ConflictwatchError):
    code = "CW500"
