"""One canonical outlet per publisher: the registered domain."""

from __future__ import annotations

import pytest

from warta.outlets import canonical_site, registered_domain


@pytest.mark.parametrize(
    ("site", "url", "expected"),
    [
        ("beta.goal.com", None, "goal.com"),
        (None, "http://m.goal.com/s/id-ID/news/1391", "goal.com"),
        ("Goal Indonesia", "http://www.goal.com/id-ID/match/x", "goal.com"),
        ("Berita Nusantara", None, "beritanusantara.co.id"),
        ("beritanusantara.co.id", None, "beritanusantara.co.id"),
        (None, "https://www.beritanusantara.co.id/berita/1", "beritanusantara.co.id"),
        ("KOMPAS.com", None, "kompas.com"),
        ("Kompas", None, "kompas.com"),
        (None, "https://news.detik.com/berita/d-1/x", "detik.com"),
        (None, "http://www.juara.net/read/raket/x", "bolasport.com"),  # renamed outlet
        ("Reuters", None, "reuters.com"),
        ("Blog Pribadi Budi", None, "Blog Pribadi Budi"),  # unknown: kept as written
        ("  ", None, None),
        (None, None, None),
    ],
)
def test_canonical_site(site: str | None, url: str | None, expected: str | None) -> None:
    assert canonical_site(site, url) == expected


def test_registered_domain_of_non_domains() -> None:
    assert registered_domain("Berita Nusantara") is None
    assert registered_domain("http://localhost/x") == "localhost"
