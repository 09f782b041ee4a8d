"""The child side of a drill: install a pause point, then run the real CLI.

Pause points (``POINT`` of ``python -m conflictwatch.drills POINT N MARKER -- ARGS...``):

* ``none``: no pause (the drill watches the database instead);
* ``link``: the N-th chunk's incident changes are written and the chunk is not committed yet;
* ``export``: N incidents have gone to the export writer.

At the point the child writes MARKER and sleeps until it is killed. The pause wraps one library
function in the child only; everything else is the CLI as users run it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path


def _hold(marker: str) -> None:
    Path(marker).write_text("paused", encoding="utf-8")
    while True:
        time.sleep(60)


def _pause_after_link(after: int, marker: str) -> None:
    from conflictwatch.store import repository

    original, calls = repository.apply_changes, [0]

    def apply_changes(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - same signature
        result = original(*args, **kwargs)
        calls[0] += 1
        if calls[0] == after:
            _hold(marker)
        return result

    repository.apply_changes = apply_changes


def _pause_in_export(after: int, marker: str) -> None:
    from conflictwatch.cli import ledger

    original = ledger.iter_incidents

    def iter_incidents(*args, **kwargs) -> Iterator:  # noqa: ANN002, ANN003
        for count, incident in enumerate(original(*args, **kwargs), start=1):
            yield incident
            if count == after:
                _hold(marker)

    ledger.iter_incidents = iter_incidents


def child_main(argv: list[str]) -> None:
    """``POINT N MARKER -- ARGS...``: install the pause, then run the real CLI on ARGS."""
    pause, after, marker = argv[0], int(argv[1]), argv[2]
    if pause == "link":
        _pause_after_link(after, marker)
    elif pause == "export":
        _pause_in_export(after, marker)
    from conflictwatch.cli import main

    sys.argv = ["conflictwatch", *argv[argv.index("--") + 1:]]
    main()
