"""Entities across the corpus: one ``canonical_entities`` row per real-world thing.

The ``link`` stage gives each entity of an article a stable ``id``; this module files the
article's entity rows under that id, learns aliases that articles spell out ("Presiden Joko
Widodo (Jokowi)") so that an article saying only "Jokowi" joins the same identity, and keeps
each identity's name, codes, aliases and counts. Counts are recomputed from the ``entities``
rows of the identities a save touched, so saving a document twice never counts it twice.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, delete, func, or_, select, update

from warta.document import Document, Entity
from warta.store.schema import canonical_entities, documents, entities, entity_aliases, quotes

if TYPE_CHECKING:
    from warta.store.store import Store

_CHUNK = 500
_WORD = re.compile(r"\w+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ "Kim Jong-un" -> "kim-jong-un": casefolded, diacritics and punctuation gone."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", plain).strip("-") or "x"


def canonical_id(entity: Entity) -> str:
    """The link stage's id, or (for documents analyzed without it) type and name."""
    return entity.id or f"{entity.type.lower()}:{slug(entity.name)}"


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def entity_rows(doc: Document) -> list[dict[str, Any]]:
    """The ``entities`` rows of one document."""
    return [
        {
            "doc_id": doc.id,
            "idx": i,
            "name": entity.name,
            "type": entity.type,
            "canonical_id": canonical_id(entity),
            "kind": entity.kind,
            "country": entity.country,
            "code": entity.code,
            "mention_count": len(entity.mentions),
        }
        for i, entity in enumerate(doc.entities)
    ]


def previous_ids(conn: Connection, doc_ids: Sequence[str]) -> set[str]:
    """Identities the stored versions of these documents named (their counts will change)."""
    found: set[str] = set()
    for chunk in _chunks(doc_ids):
        found.update(
            cid
            for cid in conn.execute(
                select(entities.c.canonical_id).where(entities.c.doc_id.in_(chunk)).distinct()
            ).scalars()
            if cid is not None
        )
    return found


def update_identities(conn: Connection, docs: Iterable[Document], before: set[str]) -> None:
    """After a batch's entity rows are written: learn aliases, file rows under learned
    identities, and refresh the touched identities' records."""
    docs = list(docs)
    touched = set(before)
    aliases_by_id: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for entity in doc.entities:
            cid = canonical_id(entity)
            touched.add(cid)
            aliases_by_id[cid].update(a for a in entity.aliases if a != entity.name)
            for alias in _learnable_aliases(entity):
                touched.update(_learn_alias(conn, alias, entity.type, cid))
    touched.update(_file_under_learned_aliases(conn, [d.id for d in docs]))
    _refresh(conn, touched, aliases_by_id)


def rebuild_canonical_entities(conn: Connection) -> None:
    """File every entity row that has no identity yet, then rebuild every identity record."""
    rows = conn.execute(
        select(entities.c.doc_id, entities.c.idx, entities.c.name, entities.c.type).where(
            entities.c.canonical_id.is_(None)
        )
    ).all()
    for row in rows:
        conn.execute(
            update(entities)
            .where(and_(entities.c.doc_id == row.doc_id, entities.c.idx == row.idx))
            .values(canonical_id=canonical_id(Entity(row.name, row.type)))
        )
    from warta.store.schema import mentions

    counts = select(func.count()).where(
        and_(mentions.c.doc_id == entities.c.doc_id, mentions.c.entity_idx == entities.c.idx)
    )
    conn.execute(update(entities).values(mention_count=counts.scalar_subquery()))
    ids = set(conn.execute(select(entities.c.canonical_id).distinct()).scalars())
    _refresh(conn, ids, {})


def _learnable_aliases(entity: Entity) -> list[str]:
    """Aliases that name this thing and nothing else: acronyms and nicknames, not a word of
    the full name ("Kim" of "Kim Jong Un" names many people; "Jokowi" one)."""
    name_words = set(words(entity.name))
    learnable = []
    for alias in entity.aliases:
        alias_words = words(alias)
        if not alias_words or len("".join(alias_words)) < 2:
            continue
        if set(alias_words) <= name_words:
            continue
        learnable.append(alias)
    return learnable


def _learn_alias(conn: Connection, alias: str, type_: str, cid: str) -> set[str]:
    """Record ``alias`` for ``cid``; the identities whose rows it moves are returned."""
    key = " ".join(words(alias))
    exists = conn.execute(
        select(func.count())
        .select_from(entity_aliases)
        .where(
            and_(
                entity_aliases.c.alias == key,
                entity_aliases.c.type == type_,
                entity_aliases.c.canonical_id == cid,
            )
        )
    ).scalar_one()
    if not exists:
        conn.execute(entity_aliases.insert().values(alias=key, type=type_, canonical_id=cid))
    target = _unambiguous(conn, key, type_)
    if target is None:
        return set()
    # Earlier articles that knew the thing only by this alias join the identity now.
    alias_id = f"{type_.lower()}:{slug(alias)}"
    moved = set(
        conn.execute(
            select(entities.c.canonical_id)
            .where(
                and_(
                    entities.c.type == type_,
                    entities.c.canonical_id == alias_id,
                )
            )
            .distinct()
        ).scalars()
    )
    if moved:
        conn.execute(
            update(entities)
            .where(and_(entities.c.type == type_, entities.c.canonical_id == alias_id))
            .values(canonical_id=target)
        )
    return moved | {target}


def _unambiguous(conn: Connection, key: str, type_: str) -> str | None:
    ids = conn.execute(
        select(entity_aliases.c.canonical_id).where(
            and_(entity_aliases.c.alias == key, entity_aliases.c.type == type_)
        )
    ).scalars()
    found = set(ids)
    return found.pop() if len(found) == 1 else None


def _file_under_learned_aliases(conn: Connection, doc_ids: Sequence[str]) -> set[str]:
    """This batch's entities whose name is an alias another article defined join that
    identity (unless the alias is ambiguous or the entity already has a known identity)."""
    touched: set[str] = set()
    for chunk in _chunks(doc_ids):
        rows = conn.execute(
            select(
                entities.c.doc_id,
                entities.c.idx,
                entities.c.name,
                entities.c.type,
                entities.c.canonical_id,
            ).where(entities.c.doc_id.in_(chunk))
        ).all()
        for row in rows:
            target = _unambiguous(conn, " ".join(words(row.name)), row.type)
            if target is None or target == row.canonical_id:
                continue
            if row.canonical_id != f"{row.type.lower()}:{slug(row.name)}":
                continue  # the link stage knew this one: keep its identity
            conn.execute(
                update(entities)
                .where(and_(entities.c.doc_id == row.doc_id, entities.c.idx == row.idx))
                .values(canonical_id=target)
            )
            touched.update((row.canonical_id, target))
    return touched


def _refresh(conn: Connection, ids: set[str], new_aliases: dict[str, set[str]]) -> None:
    """Recompute the records of ``ids`` from their entity rows; drop identities left empty."""
    ordered = sorted(ids)
    for chunk in _chunks(ordered):
        rows = conn.execute(
            select(
                entities.c.canonical_id,
                entities.c.name,
                entities.c.type,
                entities.c.kind,
                entities.c.country,
                entities.c.code,
                func.count(func.distinct(entities.c.doc_id)).label("docs"),
                func.count().label("rows"),
                func.coalesce(func.sum(entities.c.mention_count), 0).label("mentions"),
            )
            .where(entities.c.canonical_id.in_(chunk))
            .group_by(
                entities.c.canonical_id,
                entities.c.name,
                entities.c.type,
                entities.c.kind,
                entities.c.country,
                entities.c.code,
            )
        ).all()
        documents_of = _document_counts(conn, chunk)
        existing = {
            r.id: list(r.aliases or [])
            for r in conn.execute(
                select(canonical_entities.c.id, canonical_entities.c.aliases).where(
                    canonical_entities.c.id.in_(chunk)
                )
            )
        }
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[row.canonical_id].append(row)
        conn.execute(delete(canonical_entities).where(canonical_entities.c.id.in_(chunk)))
        records = [
            _record(cid, group, documents_of.get(cid, 0), existing.get(cid, []), new_aliases)
            for cid, group in grouped.items()
        ]
        if records:
            conn.execute(canonical_entities.insert(), records)


def _document_counts(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    rows = conn.execute(
        select(entities.c.canonical_id, func.count(func.distinct(entities.c.doc_id)))
        .where(entities.c.canonical_id.in_(ids))
        .group_by(entities.c.canonical_id)
    ).all()
    return {cid: int(n) for cid, n in rows}


def _record(
    cid: str,
    group: Sequence[Any],
    docs: int,
    known_aliases: list[str],
    new_aliases: dict[str, set[str]],
) -> dict[str, Any]:
    """One identity's row: its most used name (the longest on a tie) and most used codes."""
    names: Counter[str] = Counter()
    types: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    mentions = 0
    for row in group:
        names[row.name] += row.docs
        types[row.type] += row.rows
        mentions += int(row.mentions)
        for counter, value in ((kinds, row.kind), (countries, row.country), (codes, row.code)):
            if value:
                counter[value] += row.rows
    name = max(names, key=lambda n: (names[n], len(n), n))
    aliases = sorted(
        (set(known_aliases) | set(names) | new_aliases.get(cid, set())) - {name},
        key=str.casefold,
    )
    return {
        "id": cid,
        "name": name,
        "type": types.most_common(1)[0][0],
        "kind": _top(kinds),
        "country": _top(countries),
        "code": _top(codes),
        "aliases": aliases,
        "documents": docs,
        "mentions": mentions,
        "search_key": " " + " ".join(dict.fromkeys(words(" ".join([name, *aliases])))) + " ",
    }


def _top(counter: Counter[str]) -> str | None:
    return counter.most_common(1)[0][0] if counter else None


# -- reading -------------------------------------------------------------------------


def find_entities(store: Store, name: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Identities whose name or an alias has every word of ``name``, most documents first;
    an exact id or a whole-name match comes first."""
    with store.engine.connect() as conn:
        return _find(conn, name, limit=limit)


def matching_ids(conn: Connection, name: str, *, limit: int = 50) -> list[str]:
    return [r["id"] for r in _find(conn, name, limit=limit)]


def _find(conn: Connection, name: str, *, limit: int) -> list[dict[str, Any]]:
    wanted = words(name)
    if not wanted:
        return []
    conditions = [
        canonical_entities.c.search_key.like(f"% {_escape_like(w)} %", escape="\\") for w in wanted
    ]
    rows = conn.execute(
        select(canonical_entities)
        .where(or_(canonical_entities.c.id == name.strip(), and_(*conditions)))
        .order_by(canonical_entities.c.documents.desc(), canonical_entities.c.id)
        .limit(limit * 4)
    ).all()
    whole = " ".join(wanted)

    def rank(row: Any) -> tuple[int, int]:
        exact = row.id == name.strip() or " ".join(words(row.name)) == whole
        alias = any(" ".join(words(a)) == whole for a in row.aliases or [])
        return (0 if exact else 1 if alias else 2, -int(row.documents))

    return [_summary(r) for r in sorted(rows, key=rank)[:limit]]


def _summary(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "type": row.type,
        "kind": row.kind,
        "country": row.country,
        "code": row.code,
        "aliases": list(row.aliases or []),
        "documents": int(row.documents),
        "mentions": int(row.mentions),
    }


def entity_profile(store: Store, name_or_id: str, *, top: int = 10) -> dict[str, Any] | None:
    """Everything the corpus knows about one identity: aliases, codes, articles and mentions
    per month, the entities most often named beside it, and its latest quotations."""
    with store.engine.connect() as conn:
        found = _find(conn, name_or_id, limit=1)
        if not found:
            return None
        profile = found[0]
        cid = profile["id"]
        month = func.substr(documents.c.published, 1, 7)
        per_month = conn.execute(
            select(
                month.label("month"),
                func.count(func.distinct(entities.c.doc_id)),
                func.coalesce(func.sum(entities.c.mention_count), 0),
            )
            .join(documents, documents.c.id == entities.c.doc_id)
            .where(entities.c.canonical_id == cid)
            .group_by(month)
            .order_by(month)
        ).all()
        profile["per_month"] = [
            {"month": m or "unknown", "documents": int(d), "mentions": int(n)}
            for m, d, n in per_month
        ]
        own_docs = select(entities.c.doc_id).where(entities.c.canonical_id == cid)
        other = entities.alias("other")
        co = conn.execute(
            select(other.c.canonical_id, func.count(func.distinct(other.c.doc_id)).label("n"))
            .where(other.c.doc_id.in_(own_docs), other.c.canonical_id != cid)
            .group_by(other.c.canonical_id)
            .order_by(func.count(func.distinct(other.c.doc_id)).desc(), other.c.canonical_id)
            .limit(top)
        ).all()
        names = dict(
            conn.execute(
                select(canonical_entities.c.id, canonical_entities.c.name).where(
                    canonical_entities.c.id.in_([r.canonical_id for r in co])
                )
            ).all()
        )
        profile["co_mentioned"] = [
            {"id": r.canonical_id, "name": names.get(r.canonical_id, r.canonical_id), "count": r.n}
            for r in co
        ]
        profile["quotes"] = quote_rows(conn, entities.c.canonical_id == cid, limit=top)
    return profile


def quote_rows(conn: Connection, condition: Any, *, limit: int) -> list[dict[str, Any]]:
    """Quotations matching ``condition`` (on ``quotes``, ``documents`` and the speaker's
    ``entities`` row), newest first: the rows of ``Store.quotes_by_speaker`` and profiles."""
    rows = conn.execute(
        select(
            quotes.c.doc_id,
            documents.c.title,
            documents.c.published,
            quotes.c.text,
            quotes.c.kind,
            quotes.c.cue,
            quotes.c.speaker_name,
            quotes.c.speaker_role,
            quotes.c.speaker_affiliation,
            quotes.c.start,
            quotes.c.end,
        )
        .join(documents, documents.c.id == quotes.c.doc_id)
        .outerjoin(
            entities,
            and_(entities.c.doc_id == quotes.c.doc_id, entities.c.idx == quotes.c.speaker_entity),
        )
        .where(condition)
        .order_by(documents.c.published.desc().nulls_last(), quotes.c.doc_id, quotes.c.idx)
        .limit(limit)
    ).all()
    return [
        {
            "doc_id": r.doc_id,
            "title": r.title,
            "published": r.published,
            "text": r.text,
            "kind": r.kind,
            "cue": r.cue,
            "speaker": r.speaker_name,
            "role": r.speaker_role,
            "affiliation": r.speaker_affiliation,
            "start": r.start,
            "end": r.end,
        }
        for r in rows
    ]


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
