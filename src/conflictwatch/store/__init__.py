"""The ledger's storage: ``open_store(url)`` gives a migrated :class:`Store`."""

from conflictwatch.store.db import Store, open_store

__all__ = ["Store", "open_store"]
