"""One canonical name per news outlet: its registered domain.

"beta.goal.com", "m.goal.com" and "www.goal.com" are one publisher, and so are "Berita
Nusantara" (a site name in HTML metadata) and "beritanusantara.co.id". A URL or host gives its
registered domain (the ``tld`` package, which trafilatura's courlan already brings, knows the
public suffixes such as .co.id); a name goes through ``lang/<code>/outlets.toml``.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from tld import get_fld

from warta import lang

_DOMAIN = re.compile(r"^[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+$")


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


@cache
def _outlet_tables() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    for code in lang.languages():
        data = lang.table(code, "outlets")
        names.update({_key(k): v for k, v in data.get("names", {}).items()})
        domains.update({k.lower(): v for k, v in data.get("domains", {}).items()})
    return names, domains


def registered_domain(host_or_url: str) -> str | None:
    """ "https://m.goal.com/x" or "beta.goal.com" -> "goal.com"; None when it is no domain."""
    text = host_or_url.strip().lower()
    if "://" not in text:
        if not _DOMAIN.match(text):
            return None
        text = "http://" + text
    host = urlsplit(text).hostname
    if not host:
        return None
    found = get_fld(text, fail_silently=True)
    domain = str(found) if found else host.removeprefix("www.")
    return _outlet_tables()[1].get(domain, domain)


def canonical_site(site: str | None, url: str | None = None) -> str | None:
    """The outlet of a page: the registered domain of its URL, else of ``site`` when that is a
    host, else the domain the outlet table gives a name, else ``site`` as written."""
    if url:
        found = registered_domain(url)
        if found:
            return found
    if not site or not site.strip():
        return None
    found = registered_domain(site)
    if found:
        return found
    return _outlet_tables()[0].get(_key(site), site.strip())
