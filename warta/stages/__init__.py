"""Built-in stages; importing this package registers them by name."""

from warta.stages import clean, dateline, language, sentences  # noqa: F401
