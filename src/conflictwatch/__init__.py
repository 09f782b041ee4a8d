"""conflictwatch: an auditable, geolocated ledger of violent events and death tolls.

The library is the product; the CLI and the API are thin adapters over these functions.
"""

from conflictwatch.config import Settings
from conflictwatch.extract import Extractor, extract_document, extract_documents
from conflictwatch.ledger import ingest

__all__ = ["Extractor", "Settings", "extract_document", "extract_documents", "ingest"]
__version__ = "0.1.0"
