"""What a running service is configured with: one frozen object built once at startup."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

#: The environment variable holding the bearer token that write requests must present.
TOKEN_ENV = "WARTA_API_TOKEN"
#: Settings (without the token) handed to worker processes, as JSON.
SETTINGS_ENV = "WARTA_SERVE_SETTINGS"
#: Default request body limit: a news page of a few hundred kilobytes fits many times over.
DEFAULT_MAX_BODY_BYTES = 2_000_000
#: Seconds an expensive read's answer is reused (see warta/api/cache.py); 0 turns it off.
DEFAULT_CACHE_TTL = 30.0


@dataclass(frozen=True, slots=True)
class Settings:
    """The service's configuration; ``from_env`` reads the token from the environment.

    ``api_token`` None means writes are refused: a server started without a token is a
    read-only view of its database.
    """

    db: str = "warta.db"
    api_token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    cache_ttl: float = DEFAULT_CACHE_TTL

    @classmethod
    def from_env(
        cls,
        db: str,
        *,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        cache_ttl: float = DEFAULT_CACHE_TTL,
    ) -> Settings:
        token = os.environ.get(TOKEN_ENV, "").strip() or None
        return cls(db=db, api_token=token, max_body_bytes=max_body_bytes, cache_ttl=cache_ttl)

    def to_env(self) -> str:
        """These settings for a worker process; the token stays in its own variable."""
        return json.dumps({k: v for k, v in asdict(self).items() if k != "api_token"})

    @classmethod
    def from_worker_env(cls) -> Settings:
        """The settings ``warta serve --workers`` put in the environment, and the token."""
        values = json.loads(os.environ[SETTINGS_ENV])
        return cls.from_env(
            values["db"], max_body_bytes=values["max_body_bytes"], cache_ttl=values["cache_ttl"]
        )
