"""Built-in stages, one module each; the registry imports these modules on first use."""

BUILTIN_STAGE_MODULES = (
    "clean",
    "dateline",
    "language",
    "sentences",
    "entities",
    "quotes",
    "link",
    "dates",
    "events",
)
