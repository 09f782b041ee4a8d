"""Copy the dashboard's front-end assets from dashboard/node_modules into the package.

Run after ``npm ci --ignore-scripts --prefix dashboard``. The files land in
``src/conflictwatch/dashboard/vendor/`` (gitignored) so the page loads nothing from the
internet::

    python scripts/vendor_assets.py [--node-modules dashboard/node_modules] [--dest DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (package, path inside the package, path inside vendor/)
ASSETS: tuple[tuple[str, str, str], ...] = (
    ("leaflet", "dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet", "dist/images", "leaflet/images"),
    ("leaflet", "LICENSE", "leaflet/LICENSE"),
    ("topojson-client", "dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"),
    ("topojson-client", "LICENSE", "topojson-client/LICENSE"),
    ("world-atlas", "countries-110m.json", "world-atlas/countries-110m.json"),
    ("world-atlas", "LICENSE", "world-atlas/LICENSE"),
    ("swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"),
    ("swagger-ui-dist", "swagger-ui.css", "swagger-ui/swagger-ui.css"),
    ("swagger-ui-dist", "LICENSE", "swagger-ui/LICENSE"),
)


def vendor_assets(node_modules: Path, dest: Path) -> list[Path]:
    """Copy every asset of ASSETS from node_modules into dest; return the copied paths."""
    missing = [node_modules / pkg / src for pkg, src, _ in ASSETS
               if not (node_modules / pkg / src).exists()]
    if missing:
        raise FileNotFoundError(
            "missing npm assets (run `npm ci --ignore-scripts --prefix dashboard` first): "
            + ", ".join(str(m) for m in missing)
        )
    copied = []
    for pkg, src, out in ASSETS:
        source, target = node_modules / pkg / src, dest / out
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
        copied.append(target)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "dashboard" / "node_modules")
    parser.add_argument("--dest", type=Path,
                        default=ROOT / "src" / "conflictwatch" / "dashboard" / "vendor")
    args = parser.parse_args(argv)
    try:
        copied = vendor_assets(args.node_modules, args.dest)
    except FileNotFoundError as exc:
        sys.stderr.write(f"vendor_assets: {exc}\n")
        return 1
    sys.stdout.write(f"vendored {len(copied)} assets into {args.dest}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
