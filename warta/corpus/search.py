"""Full-text search over stored documents: SQLite FTS5, or PostgreSQL full-text search.

Both backends search ``search_index``, whose text ``warta.corpus.text`` normalized in Python
(casefolded, diacritics stripped, words joined by spaces, plus the stems of affixed words),
so a query finds the same documents on either. Query syntax::

    korupsi                 the word (or a word with the same stem: "berantas" finds
                            "pemberantasan")
    koru*                   words starting with "koru"
    "operasi tangkap tangan" the phrase
    site:kompas.com  entity:"Joko Widodo"  speaker:Sullivan  type:protest
    since:2017-03-01  until:2017-03-31

``type:`` matches an event type or an entity type (PER, ORG, ...) present in the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, select, text

from warta.corpus.text import normalize, stem, stems, words
from warta.document import Document
from warta.errors import WartaError
from warta.store.schema import SEARCH_TSVECTOR, documents, search_index

if TYPE_CHECKING:
    from warta.store import Store

_TOKEN = re.compile(r'(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"|(\S+)')
_FILTERS = ("site", "entity", "speaker", "type", "since", "until")
#: FTS5 column weights for title, body, stems, names, speakers, types.
_BM25 = "bm25(search_fts, 4.0, 1.0, 0.5, 0.0, 0.0, 0.0)"
_SNIPPET_CHARS = 200
_WORD_SPAN = re.compile(r"\w+")


@dataclass(slots=True)
class Query:
    """A parsed query: the words, prefixes and phrases all documents must have, and filters."""

    words: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def has_text(self) -> bool:
        return bool(
            self.words
            or self.prefixes
            or self.phrases
            or any(self.filters.get(k) for k in ("entity", "speaker", "type"))
        )


def parse_query(query: str) -> Query:
    """Split a query into words, ``prefix*``, ``"phrases"`` and ``name:value`` filters.

    An unknown ``name:`` is searched as text, so "covid:19" still finds something.
    """
    parsed = Query()
    for m in _TOKEN.finditer(query):
        key = (m.group(1) or m.group(3) or "").lower()
        value = m.group(2) if m.group(1) else m.group(4)
        if key in _FILTERS and value is not None:
            parsed.filters.setdefault(key, []).append(value)
            continue
        if m.group(5) is not None:
            phrase = words(m.group(5))
            if len(phrase) == 1:
                parsed.words.append(phrase[0])
            elif phrase:
                parsed.phrases.append(phrase)
            continue
        raw = m.group(0)
        found = words(raw)
        if raw.endswith("*") and len(found) == 1:
            parsed.prefixes.append(found[0])
        elif len(found) == 1:
            parsed.words.append(found[0])
        elif found:
            parsed.phrases.append(found)
    return parsed


# -- indexing ------------------------------------------------------------------------


def index_row(doc: Document) -> dict[str, Any]:
    """The ``search_index`` row of ``doc``: its normalized words, stems and filter values."""
    language = doc.language or "id"
    names: list[str] = []
    for entity in doc.entities:
        names.append(" ".join(words(entity.name)))
        names.extend(" ".join(words(alias)) for alias in entity.aliases)
        if entity.id:
            names.append(" ".join(words(entity.id)))
    speakers = [" ".join(words(q.speaker.name)) for q in doc.quotes if q.speaker and q.speaker.name]
    types = {e.type for e in doc.entities}
    types.update(str(e["type"]) for e in doc.events if isinstance(e, dict) and e.get("type"))
    return {
        "doc_id": doc.id,
        "site": doc.site.lower() if doc.site else None,
        "published": doc.published,
        "title": " ".join(words(doc.title or "")),
        "body": " ".join(words(doc.text)),
        "stems": " ".join(stems(f"{doc.title or ''} {doc.text}", language)),
        # " ; " keeps one name's last word and the next name's first word apart in a phrase.
        "names": " ; ".join(dict.fromkeys(n for n in names if n)),
        "speakers": " ; ".join(dict.fromkeys(s for s in speakers if s)),
        "types": " ".join(sorted(" ".join(words(t)) for t in types)),
    }


def index_documents(conn: Connection, docs: Sequence[Document]) -> None:
    """(Re)index ``docs`` in ``conn``'s transaction."""
    if not docs:
        return
    ids = [d.id for d in docs]
    conn.execute(delete(search_index).where(search_index.c.doc_id.in_(ids)))
    conn.execute(search_index.insert(), [index_row(d) for d in docs])


# -- searching -----------------------------------------------------------------------


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Documents matching ``query``, best first: {id, title, site, published, url, snippet,
    score}. Without words to rank by (only site:/since:/until:), newest first."""
    parsed = parse_query(query)
    if not parsed.has_text and not parsed.filters:
        return []
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            hits = _postgres_hits(conn, parsed, limit, offset)
        else:
            hits = _sqlite_hits(conn, parsed, limit, offset)
        if not hits:
            return []
        ids = [doc_id for doc_id, _ in hits]
        rows = conn.execute(
            select(
                documents.c.id,
                documents.c.title,
                documents.c.site,
                documents.c.published,
                documents.c.url,
                documents.c.data["text"].as_string().label("text"),
            ).where(documents.c.id.in_(ids))
        ).all()
    by_id = {r.id: r for r in rows}
    results = []
    for doc_id, score in hits:
        row = by_id.get(doc_id)
        if row is None:
            continue
        results.append(
            {
                "id": doc_id,
                "title": row.title,
                "site": row.site,
                "published": row.published,
                "url": row.url,
                "snippet": snippet(row.text or "", parsed),
                "score": round(score, 4) + 0.0,  # + 0.0: no "-0.0"
            }
        )
    return results


def _fts_string(tokens: Sequence[str]) -> str:
    return '"' + " ".join(tokens).replace('"', '""') + '"'


def sqlite_match(parsed: Query) -> str:
    """The FTS5 MATCH expression of ``parsed`` (every part must match)."""
    parts = []
    for word in parsed.words:
        root = stem(word)
        alternatives = [_fts_string([word])] + ([_fts_string([root])] if root != word else [])
        parts.append("{title body stems} : (" + " OR ".join(alternatives) + ")")
    parts.extend("{title body stems} : " + _fts_string([p]) + "*" for p in parsed.prefixes)
    parts.extend("{title body} : " + _fts_string(p) for p in parsed.phrases)
    for key, column in (("entity", "names"), ("speaker", "speakers"), ("type", "types")):
        for value in parsed.filters.get(key, []):
            tokens = words(value)
            if tokens:
                parts.append(f"{column} : {_fts_string(tokens)}")
    return " AND ".join(parts)


def _filter_sql(parsed: Query, params: dict[str, Any]) -> list[str]:
    clauses = []
    for i, site in enumerate(parsed.filters.get("site", [])):
        params[f"site{i}"] = site.lower()
        params[f"site_sub{i}"] = "%." + site.lower()
        clauses.append(f"(si.site = :site{i} OR si.site LIKE :site_sub{i})")
    for i, since in enumerate(parsed.filters.get("since", [])):
        params[f"since{i}"] = since
        clauses.append(f"si.published >= :since{i}")
    for i, until in enumerate(parsed.filters.get("until", [])):
        params[f"until{i}"] = until + "~"  # "~" sorts after any time of that day
        clauses.append(f"si.published < :until{i}")
    return clauses


def _sqlite_hits(
    conn: Connection, parsed: Query, limit: int, offset: int
) -> list[tuple[str, float]]:
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    clauses = _filter_sql(parsed, params)
    match = sqlite_match(parsed)
    if match:
        params["match"] = match
        where = " AND ".join(["search_fts MATCH :match", *clauses])
        sql = (
            f"SELECT si.doc_id, {_BM25} AS rank FROM search_fts "
            f"JOIN search_index si ON si.rowid = search_fts.rowid WHERE {where} "
            "ORDER BY rank LIMIT :limit OFFSET :offset"
        )
    else:
        where = " AND ".join(clauses) or "1 = 1"
        sql = (
            "SELECT si.doc_id, 0.0 AS rank FROM search_index si "
            f"WHERE {where} ORDER BY si.published DESC, si.doc_id LIMIT :limit OFFSET :offset"
        )
    try:
        rows = conn.execute(text(sql), params).all()
    except Exception as e:  # FTS5 reports a query it cannot parse as an OperationalError
        raise WartaError(f"cannot search for {match!r}: {e}") from e
    return [(r[0], -float(r[1])) for r in rows]


def postgres_tsquery(parsed: Query) -> str:
    """The ``to_tsquery('simple', ...)`` text of the words, prefixes and phrases."""
    parts = []
    for word in parsed.words:
        root = stem(word)
        parts.append(f"({word} | {root})" if root != word else word)
    parts.extend(f"{p}:*" for p in parsed.prefixes)
    parts.extend("(" + " <-> ".join(p) + ")" for p in parsed.phrases)
    return " & ".join(parts)


def _postgres_hits(
    conn: Connection, parsed: Query, limit: int, offset: int
) -> list[tuple[str, float]]:
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    clauses = _filter_sql(parsed, params)
    for key, column in (("entity", "names"), ("speaker", "speakers"), ("type", "types")):
        for i, value in enumerate(parsed.filters.get(key, [])):
            params[f"{key}{i}"] = " ".join(words(value))
            clauses.append(
                f"to_tsvector('simple', si.{column}) @@ phraseto_tsquery('simple', :{key}{i})"
            )
    tsquery = postgres_tsquery(parsed)
    if tsquery:
        params["q"] = tsquery
        clauses.insert(0, f"{SEARCH_TSVECTOR} @@ q")  # the GIN index's expression
        rank = (
            "ts_rank(setweight(to_tsvector('simple', si.title), 'A') || "
            "to_tsvector('simple', si.body || ' ' || si.stems), q)"
        )
        source = "search_index si, to_tsquery('simple', :q) q"
        order = "rank DESC, si.doc_id"
    else:
        rank, source, order = "0.0", "search_index si", "si.published DESC, si.doc_id"
    where = " AND ".join(clauses) or "TRUE"
    sql = (
        f"SELECT si.doc_id, {rank} AS rank FROM {source} WHERE {where} "
        f"ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    rows = conn.execute(text(sql), params).all()
    return [(r[0], float(r[1])) for r in rows]


def snippet(doc_text: str, parsed: Query) -> str:
    """About 200 characters of ``doc_text`` around the densest run of query words, each
    hit marked ``**like this**``; the opening of the text when no word is in it."""
    wanted = set(parsed.words) | {w for p in parsed.phrases for w in p}
    roots = {stem(w) for w in wanted}
    hits: list[tuple[int, int]] = []
    # The first hits are enough for a snippet: scan the opening, then the rest if need be.
    for m in _WORD_SPAN.finditer(doc_text):
        if hits and m.start() > hits[0][0] + 4 * _SNIPPET_CHARS:
            break
        word = normalize(m.group(0))
        if (
            word in wanted
            or stem(word) in wanted | roots
            or any(word.startswith(p) for p in parsed.prefixes)
        ):
            hits.append((m.start(), m.end()))
    if not hits:
        return _clip(doc_text, 0, _SNIPPET_CHARS)
    best, best_count, j = 0, 0, 0
    for i, (start_i, _) in enumerate(hits):  # the window opening at a hit with most hits
        while j < len(hits) and hits[j][0] - start_i < _SNIPPET_CHARS - 40:
            j += 1
        if j - i > best_count:
            best, best_count = i, j - i
    start = max(0, hits[best][0] - 40)
    end = min(len(doc_text), start + _SNIPPET_CHARS)
    pieces, cursor = [], start
    for s, e in hits:
        if s < start or e > end:
            continue
        pieces.extend([doc_text[cursor:s], "**", doc_text[s:e], "**"])
        cursor = e
    pieces.append(doc_text[cursor:end])
    body = " ".join("".join(pieces).split())
    return ("..." if start > 0 else "") + body + ("..." if end < len(doc_text) else "")


def _clip(doc_text: str, start: int, length: int) -> str:
    body = " ".join(doc_text[start : start + length].split())
    return body + ("..." if start + length < len(doc_text) else "")
