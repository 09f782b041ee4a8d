"""Write generated files, or check that the checked-in copies are current."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(pages: dict[str, str], target: Path, *, check: bool, remedy: str) -> int:
    """Write each page under ``target``; with ``check``, report drift instead (exit status)."""
    target.mkdir(parents=True, exist_ok=True)
    drift = []
    for name, text in pages.items():
        path = target / name
        if not check:
            path.write_text(text, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != text:
            drift.append(name)
    if drift:
        sys.stderr.write(f"generated files out of date: {', '.join(drift)}: run {remedy}\n")
        return 1
    return 0
