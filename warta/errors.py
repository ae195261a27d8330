"""warta's error hierarchy: callers catch ``WartaError`` and learn why from the subclass."""


class WartaError(Exception):
    """Base class of every error warta raises on purpose."""


class InputError(WartaError):
    """Input that cannot be read as a news text: empty, binary, undecodable, truncated."""


class StageError(WartaError):
    """A stage failed on one document."""


class PipelineError(WartaError):
    """A pipeline that cannot be built: unknown stage, unmet requirement."""


class SchemaError(WartaError):
    """Serialized data of a schema version this warta cannot read."""


class ModelError(WartaError):
    """A shipped model is missing or broken."""
