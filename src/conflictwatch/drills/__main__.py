"""``python -m conflictwatch.drills POINT N MARKER -- ARGS...``: a paused child CLI."""

import sys

from conflictwatch.drills.child import child_main

child_main(sys.argv[1:])
