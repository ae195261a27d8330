"""What a running service is configured with: one frozen object built once at startup."""

from __future__ import annotations

import os
from dataclasses import dataclass

#: The environment variable holding the bearer token that write requests must present.
TOKEN_ENV = "WARTA_API_TOKEN"
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
