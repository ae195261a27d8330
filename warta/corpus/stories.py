"""Stories: articles from any outlet about the same specific event.

Each stored document is compared with the documents of the sliding window around its day
(``WINDOW_DAYS`` either side, at most ``MAX_CANDIDATES`` of them) and joins the story of
the most similar one when that similarity reaches ``THRESHOLD``; otherwise it starts a
story of its own. Similarity mixes the TF-IDF cosine of the title and lead words (stemmed,
function words left out, IDF counted over the window, so words every article of those days
uses weigh little) with the overlap of named entities (canonical ids once linked). Event
dates that both articles state and that differ (two matches of one club) count against.

A story's id is its founding document's id; its label the title most central among its
members; ``first`` its earliest published member.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, select

from warta import lang
from warta.corpus.text import normalize, stem, words
from warta.document import Document
from warta.store.schema import documents, story_members

if TYPE_CHECKING:
    from warta.store import Store

WINDOW_DAYS = 3
MAX_CANDIDATES = 2000
THRESHOLD = 0.34
#: Weight of the word cosine; the entity overlap has the rest.
TERM_WEIGHT = 0.7
LEAD_SENTENCES = 3
LEAD_CHARS = 600
_ENTITY_TYPES = frozenset({"PER", "ORG", "LOC", "GPE", "NORP", "FAC", "EVT", "EVENT"})

Features = dict[str, Any]


@cache
def _stopwords(language: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in lang.word_list(language, "stopwords"))


def lead(doc: Document) -> str:
    """The first ``LEAD_SENTENCES`` sentences (or ``LEAD_CHARS`` characters) of the text."""
    if doc.sentences:
        end = doc.sentences[min(LEAD_SENTENCES, len(doc.sentences)) - 1].end
        return doc.text[:end]
    return doc.text[:LEAD_CHARS]


def content_words(text: str, language: str) -> list[str]:
    """Stemmed words of ``text`` that can tell events apart (no function words, numbers)."""
    stop = _stopwords(language)
    out = []
    for word in words(text):
        if len(word) < 3 or word.isdigit() or word in stop:
            continue
        root = stem(word, language)
        if root not in stop:
            out.append(root)
    return out


def features(doc: Document) -> Features:
    """What a story match looks at, small enough to store per document (JSON)."""
    language = doc.language or "id"
    terms = Counter(content_words(doc.title or "", language) * 2)
    terms.update(content_words(lead(doc), language))
    lead_end = len(lead(doc))
    entities: dict[str, int] = {}
    for entity in doc.entities:
        if entity.type not in _ENTITY_TYPES or not entity.mentions:
            continue
        in_lead = any(m.start < lead_end for m in entity.mentions)
        if not in_lead and len(entity.mentions) < 2:
            continue
        key = entity.id or " ".join(words(entity.name))
        if key:
            entities[key] = entities.get(key, 0) + len(entity.mentions)
    event_dates = sorted(
        {
            str(d["value"])[:10]
            for d in doc.dates
            if isinstance(d, Mapping)
            and d.get("type") in ("DATE", "date")
            and isinstance(d.get("value"), str)
            and len(d["value"]) >= 10
        }
    )
    return {
        "terms": dict(terms),
        "entities": entities,
        "dates": event_dates,
        "title": doc.title or "",
    }


def idf_table(window: Sequence[Features]) -> dict[str, float]:
    """Inverse document frequency of every term and entity (``@`` + key) in ``window``."""
    df: Counter[str] = Counter()
    for f in window:
        df.update(f["terms"].keys())
        df.update("@" + k for k in f["entities"])  # entities apart from words
    n = len(window) + 1
    return {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


def _weighted(f: Features, idf: Mapping[str, float], default_idf: float) -> dict[str, float]:
    return {t: (1.0 + math.log(c)) * idf.get(t, default_idf) for t, c in f["terms"].items()}


def similarity(
    a: Features,
    b: Features,
    idf: Mapping[str, float],
    default_idf: float,
    *,
    weighted_a: Mapping[str, float] | None = None,
) -> float:
    """How likely two articles report the same event, 0..1. ``weighted_a``: ``a``'s
    TF-IDF vector when the caller compares ``a`` with many articles."""
    if weighted_a is None:
        weighted_a = _weighted(a, idf, default_idf)
    score = _cosine(weighted_a, _weighted(b, idf, default_idf))
    ea, eb = a["entities"], b["entities"]
    if ea and eb:  # without entities on both sides (no NER run), the words decide alone
        # Weighted by rarity in the window, so "Jakarta" or an outlet's own name in every
        # dateline counts for little and a name few articles share for much.
        def weight(key: str) -> float:
            return max(idf.get("@" + key, default_idf) - 1.0, 0.0)

        shared = sum(weight(k) for k in ea.keys() & eb.keys())
        smaller = min(sum(weight(k) for k in ea), sum(weight(k) for k in eb))
        overlap = shared / smaller if smaller > 0 else 0.0
        score = TERM_WEIGHT * score + (1.0 - TERM_WEIGHT) * overlap
    if a["dates"] and b["dates"] and not set(a["dates"]) & set(b["dates"]):
        score *= 0.5
    return score


def day_of(doc: Document) -> str:
    """The window key: the publication day, or today's when the date is unknown."""
    if doc.published and len(doc.published) >= 10:
        try:
            return date.fromisoformat(doc.published[:10]).isoformat()
        except ValueError:
            pass
    return datetime.now(UTC).date().isoformat()


def add_documents(conn: Connection, docs: Sequence[Document]) -> None:
    """Place each of ``docs`` in a story (re-placing a stored one), in order.

    Each window is read from the database once per call and then kept up to date with the
    documents placed since, so a batch of one day's articles reads it once.
    """
    if not docs:
        return
    conn.execute(delete(story_members).where(story_members.c.doc_id.in_([d.id for d in docs])))
    windows: dict[tuple[str, str], list[tuple[str, Features]]] = {}
    for doc in docs:
        feats = features(doc)
        day = day_of(doc)
        bounds = _bounds(day)
        if bounds not in windows:
            windows[bounds] = _window(conn, *bounds)
        story = _best_story(windows[bounds], feats) or doc.id
        conn.execute(
            story_members.insert().values(doc_id=doc.id, story_id=story, day=day, features=feats)
        )
        for (low, high), window in windows.items():
            if low <= day <= high:
                window.append((story, feats))


def _bounds(day: str) -> tuple[str, str]:
    d = date.fromisoformat(day)
    return (
        (d - timedelta(days=WINDOW_DAYS)).isoformat(),
        (d + timedelta(days=WINDOW_DAYS)).isoformat(),
    )


def _window(conn: Connection, low: str, high: str) -> list[tuple[str, Features]]:
    """(story id, features) of the newest ``MAX_CANDIDATES`` documents between two days."""
    rows = conn.execute(
        select(story_members.c.story_id, story_members.c.features)
        .where(story_members.c.day >= low, story_members.c.day <= high)
        .order_by(story_members.c.day.desc(), story_members.c.doc_id)
        .limit(MAX_CANDIDATES)
    ).all()
    return [(r.story_id, r.features) for r in rows]


def _best_story(window: list[tuple[str, Features]], feats: Features) -> str | None:
    if not window or (not feats["terms"] and not feats["entities"]):
        return None
    idf = idf_table([f for _, f in window] + [feats])
    default_idf = math.log(len(window) + 2) + 1.0
    weighted = _weighted(feats, idf, default_idf)
    terms, entities = feats["terms"].keys(), feats["entities"].keys()
    best: tuple[float, str] | None = None
    for story_id, other in window:
        if terms.isdisjoint(other["terms"]) and entities.isdisjoint(other["entities"]):
            continue  # nothing shared: the score is 0
        score = similarity(feats, other, idf, default_idf, weighted_a=weighted)
        if score >= THRESHOLD and (best is None or (score, story_id) > best):
            best = (score, story_id)
    return best[1] if best else None


def list_stories(store: Store, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, latest first (then largest): {id, label, first, outlets, timeline,
    documents: [{id, url, site, published, title}]}; a single article is a story of one."""
    with store.engine.connect() as conn:
        latest = func.max(story_members.c.day)
        size = func.count()
        story_ids = list(
            conn.execute(
                select(story_members.c.story_id)
                .group_by(story_members.c.story_id)
                .order_by(latest.desc(), size.desc(), story_members.c.story_id)
                .limit(limit)
                .offset(offset)
            ).scalars()
        )
        if not story_ids:
            return []
        rows = conn.execute(
            select(
                story_members.c.story_id,
                story_members.c.day,
                story_members.c.features,
                documents.c.id,
                documents.c.url,
                documents.c.site,
                documents.c.published,
                documents.c.title,
            )
            .join(documents, documents.c.id == story_members.c.doc_id)
            .where(story_members.c.story_id.in_(story_ids))
        ).all()
    members: dict[str, list[Any]] = {s: [] for s in story_ids}
    for row in rows:
        members[row.story_id].append(row)
    return [_story(story_id, members[story_id]) for story_id in story_ids if members[story_id]]


def _story(story_id: str, rows: list[Any]) -> dict[str, Any]:
    rows.sort(key=lambda r: (r.published is None, r.published or r.day, r.id))
    timeline = Counter(r.day for r in rows)
    return {
        "id": story_id,
        "label": _central_title(rows),
        "first": rows[0].id,
        "outlets": list(dict.fromkeys(r.site for r in rows if r.site)),
        "timeline": [{"day": d, "documents": n} for d, n in sorted(timeline.items())],
        "documents": [
            {
                "id": r.id,
                "url": r.url,
                "site": r.site,
                "published": r.published,
                "title": r.title,
            }
            for r in rows
        ],
    }


def _central_title(rows: list[Any]) -> str | None:
    """The title of the member most similar to the others (the first one's on a tie)."""
    titled = [r for r in rows if r.title]
    if len(titled) <= 2:
        return titled[0].title if titled else None
    feats = [r.features for r in titled]
    idf = idf_table(feats)
    scores = [
        sum(similarity(f, g, idf, 1.0) for j, g in enumerate(feats) if j != i)
        for i, f in enumerate(feats)
    ]
    best = max(range(len(titled)), key=lambda i: (scores[i], -i))
    return str(titled[best].title)
