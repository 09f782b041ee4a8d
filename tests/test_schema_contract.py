"""Real output validates against the checked-in JSON Schema, and the schema does not drift."""

import json
from pathlib import Path

import jsonschema

from conflictwatch.ingest import read_inputs
from conflictwatch.schema import render_schemas

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "docs" / "schema"


def test_schema_checked_in_copy_matches_models():
    for name, text in render_schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"run make schema ({name})"


def test_schema_validates_real_records(extractor):
    from tests.conftest import EXAMPLES

    schema = json.loads((SCHEMA_DIR / "document-record.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    records = [extractor.extract_item(i) for i in read_inputs([EXAMPLES / "reports.jsonl"])]
    assert records and all(r.error is None for r in records)
    for record in records:
        validator.validate(json.loads(json.dumps(record.to_json_dict())))
    assert sum(len(r.claims) for r in records) >= 10
    assert any(r.events for r in records)


def test_schema_rejects_what_the_contract_forbids():
    schema = json.loads((SCHEMA_DIR / "document-record.schema.json").read_text())
    bad = {"id": "x", "text": "", "claims": [{"outcome": "exploded", "qualifier": "exact",
                                              "victims": "", "start": 0, "end": 0}]}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert errors
