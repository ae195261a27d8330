"""warta: structured intelligence from Indonesian and English news."""

from warta.document import SCHEMA_VERSION, Document
from warta.pipeline import Pipeline, analyze

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "Document", "Pipeline", "analyze", "__version__"]
