"""conflictwatch: an auditable, geolocated ledger of violent events and death tolls, read from news reports."""

from conflictwatch.config import Settings

__all__ = ["Settings"]
__version__ = "0.1.0"
