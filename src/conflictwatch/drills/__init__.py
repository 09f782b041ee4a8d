"""Fault drills: run the real CLI in a child process, stop it at a chosen point (SIGKILL, a
held lock, a dropped connection, a full disk), and read back what the ledger holds.

``harness`` holds the pieces (invented reports, the ledger's state, child CLIs), ``child`` the
pause points a child can stop at, ``scenarios`` the drills themselves. ``tests/test_faults.py``
asserts on what each drill observed; ``bench/bench_faults.py`` times them and reports whether
the ledger held.
"""
