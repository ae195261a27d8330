"""The web UI: server-rendered pages (Jinja2, autoescaped) and the static files they load.

Every script and style is a file under ``static/`` (vendored libraries with their licences
in ``static/vendor``), so the UI works offline and under a Content-Security-Policy that
forbids inline scripts.
"""

from pathlib import Path

STATIC_DIR = Path(__file__).with_name("static")
TEMPLATES_DIR = Path(__file__).with_name("templates")
