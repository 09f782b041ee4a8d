"""Schemathesis against the OpenAPI schema: generated requests never get a 5xx.

Drives each operation's hypothesis strategy directly (schemathesis' pytest plugin does not
run under this pytest), valid and invalid data alike, with the API token.
"""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from conflictwatch.api.app import create_app
from conflictwatch.config import Settings
from test_api_seed import open_seeded_store
from test_api_write import AUTH, TOKEN, extract_plainly


def test_api_schemathesis_finds_no_server_error(tmp_path: Path) -> None:
    store = open_seeded_store(tmp_path)
    app = create_app(Settings(data_dir=tmp_path, api_token=TOKEN, api_max_body=20_000),
                     store=store, extract=extract_plainly)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    seen: list[str] = []

    for operation in operations:
        for mode in GenerationMode:
            @given(case=operation.as_strategy(mode))
            @settings(max_examples=8, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def check(case) -> None:
                case.call_and_validate(headers=AUTH, checks=[not_a_server_error])
                seen.append(case.operation.label)

            try:
                check()
            except Unsatisfiable:  # nothing to make invalid (no parameters, no body)
                assert mode is GenerationMode.NEGATIVE
    store.close()
    assert len(set(seen)) == len(operations)
