"""Near-duplicates: re-scrapes with small edits, syndicated agency copy, one story on a
publisher's several subdomains.

A document's MinHash (datasketch) over word shingles of its clean text is cut into LSH
bands; each band's hash is a row of ``doc_bands``, so the candidates for a new document are
the documents sharing a (band, hash) row, found by an indexed SQL lookup: incremental, in
bounded memory, and the same on SQLite and PostgreSQL. A candidate whose estimated Jaccard
similarity reaches ``THRESHOLD`` (or that was read from the same URL) joins the new
document's group. A group's origin is its earliest published member.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Connection, delete, select, update

from warta.corpus.text import words
from warta.document import Document
from warta.store.schema import doc_bands, doc_minhash, documents, duplicate_members

if TYPE_CHECKING:
    from warta.store import Store

NUM_PERM = 128
#: 32 bands of 4 rows: a pair with Jaccard 0.5 shares a band with probability 0.87, a pair
#: with Jaccard 0.3 with 0.23; candidates are then checked against THRESHOLD.
BANDS, ROWS = 32, 4
THRESHOLD = 0.5
SHINGLE = 3
_SEED = 1


def shingles(text: str) -> set[bytes]:
    """Word ``SHINGLE``-grams of the normalized text (its words when it is shorter)."""
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE]).encode() for i in range(len(tokens) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray[Any, np.dtype[np.uint64]] | None:
    """The MinHash signature of ``text``; None for a text without words."""
    from datasketch import MinHash

    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_hash32)
    minhash.update_batch(list(grams))
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def _hash32(data: bytes) -> int:
    """CRC-32 of a shingle: stable across processes (signatures are stored) and much faster
    than datasketch's default SHA-1; MinHash only needs the values spread evenly."""
    return zlib.crc32(data)


def band_hashes(sig: np.ndarray[Any, np.dtype[np.uint64]]) -> list[int]:
    """One signed 64-bit hash per band (the band number is hashed in too)."""
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "big") + chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def similarity(
    a: np.ndarray[Any, np.dtype[np.uint64]], b: np.ndarray[Any, np.dtype[np.uint64]]
) -> float:
    """The estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def add_documents(conn: Connection, docs: Sequence[Document]) -> None:
    """Hash ``docs`` into the LSH tables and merge them into their near-duplicates' groups.

    Documents are added one by one, so two copies in the same batch find each other.
    Re-adding a stored id replaces its earlier signature and group membership.
    """
    if not docs:
        return
    ids = [d.id for d in docs]
    for table in (doc_bands, doc_minhash):
        conn.execute(delete(table).where(table.c.doc_id.in_(ids)))
    _leave_groups(conn, ids)
    for doc in docs:
        sig = signature(doc.text)
        matches: set[str] = set()
        if sig is not None:
            hashes = band_hashes(sig)
            candidates = set(
                conn.execute(
                    select(doc_bands.c.doc_id).where(doc_bands.c.hash.in_(hashes))
                ).scalars()
            )
            candidates.discard(doc.id)
            if candidates:
                for other, blob in conn.execute(
                    select(doc_minhash.c.doc_id, doc_minhash.c.signature).where(
                        doc_minhash.c.doc_id.in_(sorted(candidates))
                    )
                ):
                    other_sig = np.frombuffer(blob, dtype=np.uint64)
                    if similarity(sig, other_sig) >= THRESHOLD:
                        matches.add(other)
            conn.execute(doc_minhash.insert().values(doc_id=doc.id, signature=sig.tobytes()))
            conn.execute(
                doc_bands.insert(),
                [{"band": i, "hash": h, "doc_id": doc.id} for i, h in enumerate(hashes)],
            )
        if doc.url:
            matches.update(
                conn.execute(
                    select(documents.c.id).where(
                        documents.c.url == doc.url, documents.c.id != doc.id
                    )
                ).scalars()
            )
        if matches:
            _join(conn, doc.id, matches)


def _leave_groups(conn: Connection, ids: Sequence[str]) -> None:
    """Take ``ids`` out of their groups before they are re-added; a group left with one
    member is dissolved. (A group that only these ids held together stays one group until
    ``warta.corpus.rebuild``, which recomputes every group.)"""
    groups = set(
        conn.execute(
            select(duplicate_members.c.group_id).where(duplicate_members.c.doc_id.in_(ids))
        ).scalars()
    )
    conn.execute(delete(duplicate_members).where(duplicate_members.c.doc_id.in_(ids)))
    for group in groups:
        left = list(
            conn.execute(
                select(duplicate_members.c.doc_id).where(duplicate_members.c.group_id == group)
            ).scalars()
        )
        if len(left) == 1:
            conn.execute(delete(duplicate_members).where(duplicate_members.c.doc_id == left[0]))


def _join(conn: Connection, doc_id: str, matches: set[str]) -> None:
    """Put ``doc_id`` and ``matches`` in one group, merging their existing groups; the group
    id is the smallest group or document id involved, so the result does not depend on
    which member arrived last."""
    existing = dict(
        conn.execute(
            select(duplicate_members.c.doc_id, duplicate_members.c.group_id).where(
                duplicate_members.c.doc_id.in_(sorted(matches | {doc_id}))
            )
        ).all()
    )
    groups = set(existing.values())
    group_id = min(groups | matches | {doc_id})
    for group in groups - {group_id}:
        conn.execute(
            update(duplicate_members)
            .where(duplicate_members.c.group_id == group)
            .values(group_id=group_id)
        )
    new = sorted((matches | {doc_id}) - set(existing))
    if new:
        conn.execute(duplicate_members.insert(), [{"doc_id": d, "group_id": group_id} for d in new])


def duplicate_groups(store: Store) -> list[dict[str, Any]]:
    """Every near-duplicate group: {origin, documents: [{id, url, site, published, title}]},
    members oldest first, groups by their origin's publication (newest first)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                duplicate_members.c.group_id,
                documents.c.id,
                documents.c.url,
                documents.c.site,
                documents.c.published,
                documents.c.title,
                documents.c.ingested_at,
            )
            .join(documents, documents.c.id == duplicate_members.c.doc_id)
            .order_by(duplicate_members.c.group_id)
        ).all()
    groups: dict[str, list[Any]] = {}
    for row in rows:
        groups.setdefault(row.group_id, []).append(row)
    out = []
    for members in groups.values():
        members.sort(
            key=lambda r: (r.published is None, r.published or "", str(r.ingested_at), r.id)
        )
        out.append(
            {
                "origin": members[0].id,
                "documents": [
                    {
                        "id": r.id,
                        "url": r.url,
                        "site": r.site,
                        "published": r.published,
                        "title": r.title,
                    }
                    for r in members
                ],
            }
        )
    out.sort(key=lambda g: (g["documents"][0]["published"] or "", g["origin"]), reverse=True)
    return out


def _age(row: Any) -> tuple[bool, str, str, str]:
    """Oldest first: by publication, then (undated) by when it was stored."""
    return (row.published is None, row.published or "", str(row.ingested_at), row.id)
