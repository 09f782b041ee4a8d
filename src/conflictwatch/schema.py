"""Generate the JSON Schemas of the contract records from ``models.py``.

    python -m conflictwatch.schema docs/schema      # write
    python -m conflictwatch.schema --check docs/schema   # fail when the files drift
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conflictwatch.generated import write_or_check
from conflictwatch.models import DocumentRecord, Incident

SCHEMAS = {"document-record.schema.json": DocumentRecord, "incident.schema.json": Incident}


def render_schemas() -> dict[str, str]:
    """File name -> schema text, in serialisation mode (what the JSON output looks like)."""
    rendered = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://conflictwatch.invalid/schema/{name}"
        rendered[name] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return rendered


def main(argv: list[str]) -> int:
    target = Path(next((a for a in argv if not a.startswith("--")), "docs/schema"))
    return write_or_check(render_schemas(), target, check="--check" in argv,
                          remedy="make schema")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
