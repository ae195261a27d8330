"""Hand-built Documents with every layer filled, for the corpus tests."""

from __future__ import annotations

from warta.document import Document, Entity, Mention, Quote, Speaker


def make_doc(
    doc_id: str,
    text: str,
    *,
    title: str | None = None,
    site: str | None = "example.com",
    published: str | None = "2017-03-27T10:00:00+07:00",
    entities: list[tuple[str, str]] | None = None,
    canonical: dict[str, str] | None = None,
    quotes: list[tuple[str, str]] | None = None,
    events: list[dict[str, object]] | None = None,
    dates: list[dict[str, object]] | None = None,
) -> Document:
    """A document whose entities are found by name in ``text``; ``quotes`` are
    (quoted text, speaker name) pairs, the speaker linked to the entity of that name."""
    names = entities or []
    ents = []
    for name, kind in names:
        mentions = []
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(start, start + len(name), name))
            start = text.find(name, start + 1)
        ents.append(Entity(name=name, type=kind, mentions=mentions, id=(canonical or {}).get(name)))
    qs = []
    for quoted, speaker in quotes or []:
        start = max(text.find(quoted), 0)
        idx = next((i for i, (n, _) in enumerate(names) if n == speaker), None)
        qs.append(
            Quote(
                text=quoted,
                start=start,
                end=start + len(quoted),
                kind="direct",
                cue="kata",
                speaker=Speaker(name=speaker, entity=idx),
                when={"value": (published or "")[:10] or None},
            )
        )
    return Document(
        id=doc_id,
        source=f"https://{site}/{doc_id}",
        url=f"https://{site}/{doc_id}",
        text=text,
        language="id",
        title=title,
        published=published,
        site=site,
        entities=ents,
        quotes=qs,
        events=list(events or []),
        dates=list(dates or []),
    )
