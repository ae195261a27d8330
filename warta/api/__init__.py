"""warta's HTTP service: a JSON API and the web UI over one Store (``warta serve``)."""

from warta.api.app import create_app
from warta.api.settings import Settings

__all__ = ["Settings", "create_app"]
