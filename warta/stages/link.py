"""Canonical identity for the document's entities: one entity per real thing, with its id,
country, kind and CAMEO-style actor code (docs/entities.md).

Knowledge comes from two places, both loaded once per process on first use:

- ``warta/models/actors/`` (``names.tsv``, ``entities.tsv``): countries with their names in
  Indonesian and English, provinces, GeoNames cities, and the Phoenix actor dictionaries,
  built by ``scripts/build_actor_tables.py`` from maintained data;
- ``lang/<code>/actors.toml``: the aliases and metonyms no library has ("AS", "Negeri Paman
  Sam", "Kemenkes", "Gedung Putih", "Jokowi"), and ``lang/<code>/link.toml``: role words and
  organization heads -> sectors, the verbs after which a capital acts as its government.

Within the document, entities are one when their names lead to the same actor id ("Tiongkok"
and "China" -> CHN), when a person's name is a spelling or short form of exactly one longer
person name ("Zelensky" / "Volodymyr Zelenskyy"), or when an acronym spells the initials of
exactly one longer name ("KPK" / "Komisi Pemberantasan Korupsi"). A person's code comes from
the role they are named with ("Menteri Pertahanan Rusia Sergei Shoigu" -> RUS GOV), else from
the tables.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, ClassVar

from warta import lang
from warta.document import Document, Entity, Mention
from warta.errors import WartaError
from warta.registry import register_stage

KINDS = (
    "country", "city", "province", "government", "military", "police", "court", "legislature",
    "party", "company", "media", "igo", "armed_group", "person", "other",
)  # fmt: skip
PLACE_KINDS = frozenset({"country", "city", "province"})
#: The entity type each kind is written with.
TYPE_OF_KIND = {"person": "PER", "country": "LOC", "city": "LOC", "province": "LOC"}
_ID_PREFIX = {"PER": "per", "ORG": "org", "LOC": "loc"}
_WORD = re.compile(r"[\w.'’-]+|[^\w\s]")
_STOP = frozenset('.!?;:"“”‘’()[]—–')
_WINDOW = 90  # characters of context read around a name for its role
_ROLE_WORDS = 8  # at most this many words between a role's first word and the name
_ROLE_MENTIONS = 4  # a person's role is read around this many first mentions


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The lookup key of a name: lower case, no accents, punctuation as spaces, no "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def slug(name: str) -> str:
    return normalize(name).replace(" ", "-")


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """One key for the spellings of a transliterated name ("Zelenskyy", "Zelensky",
    "Zelenskiy"; "Shoigu", "Shoygu"): y as i, doubled letters once."""
    key = normalize(word).replace(" ", "").replace("y", "i")
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"ii$", "i", key)


@dataclass(frozen=True, slots=True)
class Actor:
    """One real thing the tables know."""

    id: str
    kind: str
    country: str | None = None
    code: str | None = None
    name: str | None = None  # the canonical name in this language; None: the article's own
    capital: bool = False
    curated: bool = False  # from lang/<code>/actors.toml: trusted whatever the entity type


@dataclass(slots=True)
class Rules:
    """``lang/<code>/link.toml`` and ``actors.toml``, prepared for lookups."""

    home: str | None
    roles: dict[tuple[str, ...], str]
    domestic_roles: frozenset[tuple[str, ...]]
    org_heads: dict[tuple[str, ...], str]
    domestic_heads: frozenset[tuple[str, ...]]
    org_tails: dict[str, str]
    place_heads: dict[str, str]
    sectors: dict[str, str]
    verbs: frozenset[str]
    skip: frozenset[str]
    agent_words: frozenset[str]
    ranks: frozenset[tuple[str, ...]]
    drop_suffixes: tuple[str, ...]
    home_sectors: frozenset[str]
    curated: dict[str, Actor] = field(default_factory=dict)  # normalized alias -> actor
    written: dict[str, Actor] = field(default_factory=dict)  # alias as written -> actor
    #: the written aliases by their first word, longest first
    by_first_word: dict[str, list[str]] = field(default_factory=dict)


@cache
def _built_tables() -> tuple[dict[str, str], dict[str, str]]:
    """names.tsv (normalized name -> id) and entities.tsv (id -> its raw row), read once."""
    root = resources.files("warta").joinpath("models", "actors")
    names: dict[str, str] = {}
    rows: dict[str, str] = {}
    names_file, rows_file = root.joinpath("names.tsv"), root.joinpath("entities.tsv")
    if not names_file.is_file() or not rows_file.is_file():
        return names, rows
    for line in names_file.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, rid = line.partition("\t")
            names[key] = rid
    for line in rows_file.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows[line.split("\t", 1)[0]] = line
    return names, rows


@cache
def built_actor(actor_id: str, language: str) -> Actor | None:
    """The built tables' actor ``actor_id``; countries carry their name in ``language``."""
    row = _built_tables()[1].get(actor_id)
    if row is None:
        return None
    rid, kind, country, code, name_en, name_id, capital = (row.split("\t") + [""] * 7)[:7]
    name = None
    if kind == "country":
        name = (name_id or name_en) if language == "id" else name_en
    elif kind == "person":
        name = name_en  # used only where the article writes fewer words ("Biden")
    return Actor(rid, kind, country or None, code or None, name, capital == "capital")


@cache
def rules(language: str) -> Rules:
    """The language's link rules and curated actors (Indonesian's when it has none)."""
    data = lang.table(language, "link") or lang.table("id", "link")

    def phrases(entries: Iterable[str]) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(e.lower().split()) for e in entries)

    metonymy = data.get("metonymy", {})
    found = Rules(
        home=data.get("home_country"),
        roles={tuple(k.split()): v for k, v in data.get("roles", {}).items()},
        domestic_roles=phrases(data.get("domestic_roles", [])),
        org_heads={tuple(k.split()): v for k, v in data.get("org_heads", {}).items()},
        domestic_heads=phrases(data.get("domestic_heads", [])),
        org_tails=dict(data.get("org_tails", {})),
        place_heads=dict(data.get("place_heads", {})),
        sectors=dict(data.get("sectors", {})),
        verbs=frozenset(metonymy.get("verbs", [])),
        skip=frozenset(metonymy.get("skip", [])),
        agent_words=frozenset(metonymy.get("agent_words", [])),
        ranks=phrases(data.get("ranks", [])),
        drop_suffixes=tuple(f" {x.lower()}" for x in data.get("drop_suffixes", [])),
        home_sectors=frozenset(data.get("home_sectors", [])),
    )
    for entry in lang.table(language, "actors").get("actor", []):
        actor = _curated_actor(entry, language)
        for alias in [*entry.get("aliases", []), entry.get("name", ""), actor.name or ""]:
            if alias:
                found.curated[normalize(alias)] = actor
                found.written[" ".join(alias.split())] = actor
    for alias in sorted(found.written, key=len, reverse=True):
        found.by_first_word.setdefault(re.split(r"[\s-]", alias)[0], []).append(alias)
    return found


def _curated_actor(entry: dict[str, Any], language: str) -> Actor:
    if "id" not in entry:
        raise WartaError(f"lang/{language}/actors.toml: an [[actor]] without an id: {entry}")
    base = built_actor(entry["id"], language)
    kind = entry.get("kind") or (base.kind if base else "other")
    if kind not in KINDS:
        raise WartaError(f"lang/{language}/actors.toml: {entry['id']} has unknown kind {kind!r}")
    return Actor(
        id=entry["id"],
        kind=kind,
        country=entry.get("country") or (base.country if base else None),
        code=entry.get("code") or (base.code if base else None),
        name=entry.get("name") or (base.name if base else None),
        capital=base.capital if base else False,
        curated=True,
    )


def lookup(name: str, language: str) -> Actor | None:
    """The actor a name stands for: curated aliases first, then the built tables; a name
    that ends in the home country's designation ("Kemenkes RI") is tried without it."""
    key = normalize(name)
    found = rules(language)
    for suffix in ("", *found.drop_suffixes):
        if suffix:
            if not key.endswith(suffix) or key == suffix.strip():
                continue
            key = key[: -len(suffix)]
        known = found.curated.get(key)
        if known is not None:
            return known
        rid = _built_tables()[0].get(key)
        if rid:
            return built_actor(rid, language)
    return None


def _fits(actor: Actor, entity_type: str) -> bool:
    """Whether a table actor may be what the model typed ``entity_type`` (curated: always)."""
    if actor.curated:
        return True
    if entity_type == "PER":
        return actor.kind == "person"
    if entity_type == "LOC":
        return actor.kind != "person"
    return actor.kind not in ("person", "city", "province")


@dataclass(slots=True)
class _Item:
    """An entity while linking: its members' mentions and what it was found to be."""

    entity: Entity
    actor: Actor | None = None
    parent: int = -1


@register_stage("link")
class LinkStage:
    """One entity per real thing, each with a canonical id, aliases, kind, country and code.

    Entities that name one real thing ("Jokowi", "Joko Widodo") are merged first.
    """

    requires: ClassVar[tuple[str, ...]] = ("text", "tokens", "entities")
    #: It runs after ``quotes`` so that the entities the quotes stage adds for speakers the
    #: model missed are linked too; quotation speakers are re-pointed at the merged entities.
    assigns: ClassVar[tuple[str, ...]] = ("entities", "quotes")

    def __init__(self, *, tables: bool = True) -> None:
        self.tables = tables

    def __call__(self, doc: Document) -> Document:
        new_index: list[int] = []
        doc.entities = link_entities(doc, tables=self.tables, new_index=new_index)
        for quote in doc.quotes:
            speaker = quote.speaker
            if speaker is not None and speaker.entity is not None:
                in_range = 0 <= speaker.entity < len(new_index)
                speaker.entity = new_index[speaker.entity] if in_range else None
        return doc

    def pipe(self, docs: Iterable[Document], *, batch_size: int = 32) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def link_entities(
    doc: Document, *, tables: bool = True, new_index: list[int] | None = None
) -> list[Entity]:
    """The document's entities merged and filled with their canonical fields.

    ``new_index``, when given, is filled with the position in the result of each entity of
    ``doc.entities``, for whatever refers to entities by index.
    """
    language = doc.language or "id"
    items = [_Item(e) for e in doc.entities]
    for item in items:
        item.actor = _find_actor(item.entity, language) if tables else None
    if tables:
        items += _alias_mentions(doc, items, rules(language))
    _merge_spellings(items)
    _merge_acronyms(items)
    _merge_same_actor(items)
    merged, positions = _collapse(items)
    if new_index is not None:
        new_index[:] = positions[: len(doc.entities)]
    ctx = _Context(doc, merged, rules(language), language)
    for item in sorted(merged, key=_is_person):  # people last: their codes read the others'
        ctx.fill(item)
    return [item.entity for item in merged]


def _is_person(item: _Item) -> bool:
    return item.actor.kind == "person" if item.actor else item.entity.type == "PER"


def _find_actor(entity: Entity, language: str) -> Actor | None:
    forms = sorted(
        {" ".join(m.text.split()) for m in entity.mentions} | {entity.name},
        key=lambda t: (-len(t.split()), -len(t)),
    )
    for form in forms:
        actor = lookup(form, language)
        if actor is not None and _fits(actor, entity.type):
            return actor
    return None


def _alias_mentions(doc: Document, items: list[_Item], rules: Rules) -> list[_Item]:
    """Mentions the model missed of names the curated tables know ("Negeri Sakura" beside
    "Jepang", "dolar AS" beside "Amerika Serikat"): added to the entity of the same actor, or,
    for a name of several words, as a new entity. Returns the new entities."""
    present = {it.actor.id: it for it in items if it.actor is not None}
    taken = sorted((m.start, m.end) for it in items for m in it.entity.mentions)
    starts = [a for a, _ in taken]
    text = doc.text
    added: dict[str, _Item] = {}
    for token in doc.tokens:
        start = token.start
        if not text[start : start + 1].isupper():
            continue
        candidates = rules.by_first_word.get(text[start : token.end].split("-")[0], ())
        for alias in candidates:
            end = start + len(alias)
            if text.startswith(alias, start) and not text[end : end + 1].isalnum():
                break
        else:
            continue
        k = bisect.bisect_left(starts, end)
        if k and taken[k - 1][1] > start:  # inside or across a mention the model found
            continue
        taken.insert(k, (start, end))
        starts.insert(k, start)
        actor = rules.written[alias]
        mention = Mention(start, end, alias)
        owner = present.get(actor.id) or added.get(actor.id)
        if owner is not None:
            owner.entity.mentions.append(mention)
            owner.entity.mentions.sort(key=lambda m: m.start)
        elif " " in alias:
            entity = Entity(name=alias, type=TYPE_OF_KIND.get(actor.kind, "ORG"))
            entity.mentions.append(mention)
            added[actor.id] = _Item(entity, actor)
    return list(added.values())


def _root(items: list[_Item], n: int) -> int:
    while items[n].parent >= 0:
        n = items[n].parent
    return n


def _join(items: list[_Item], short: int, long: int) -> None:
    """Make ``short`` part of ``long`` (the entity kept is the one with the fuller name)."""
    a, b = _root(items, short), _root(items, long)
    if a != b:
        items[a].parent = b
        items[b].actor = items[b].actor or items[a].actor


def _compatible(a: _Item, b: _Item) -> bool:
    return a.actor is None or b.actor is None or a.actor.id == b.actor.id


def _merge_spellings(items: list[_Item]) -> None:
    """A person name whose words (as spelling keys) all belong to exactly one longer person
    name joins it; two names with the same keys are one. A one-word name the model typed as
    a place or body joins too when it is the first or last word of that one person's name
    ("Syrsky" beside "Oleksandr Syrskyi") and no table knows it."""
    people = [n for n, it in enumerate(items) if it.entity.type == "PER"]
    keys = {n: tuple(spelling_key(w) for w in it.entity.name.split()) for n, it in enumerate(items)}
    strays = [
        n
        for n, it in enumerate(items)
        if it.entity.type != "PER"
        and it.actor is None
        and len(keys[n]) == 1
        and it.entity.name[:1].isupper()
        and not it.entity.name.isupper()
    ]
    for n in people + strays:
        holders = {
            _root(items, m)
            for m in people
            if m != n
            and (len(keys[m]) > len(keys[n]) or (keys[m] == keys[n] and m < n))
            and (
                set(keys[n]) <= set(keys[m]) or _short_first_name(items[n].entity, items[m].entity)
            )
            and (items[n].entity.type == "PER" or keys[n][0] in (keys[m][0], keys[m][-1]))
        }
        if len(holders) == 1:
            holder = holders.pop()
            if _compatible(items[n], items[holder]):
                _join(items, n, holder)


def _short_first_name(short: Entity, long: Entity) -> bool:
    """ "Alex" for "Alexander Marwata": a one-word person name of four letters or more that
    begins the first word of a longer one, three letters or more short of it."""
    words = long.name.split()
    return (
        short.type == "PER"
        and " " not in short.name
        and len(short.name) >= 4
        and len(words) > 1
        and len(words[0]) >= len(short.name) + 3  # "Marc" is not "Marco"
        and words[0].startswith(short.name)
    )


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _merge_acronyms(items: list[_Item]) -> None:
    """An upper-case word spelling the initials of exactly one longer name joins it (of a
    person, only of a name of three words or more: "SBY", "AHY")."""
    longs = [
        (n, _initials(it.entity.name))
        for n, it in enumerate(items)
        if len(it.entity.name.split()) > (2 if it.entity.type == "PER" else 1)
    ]
    for n, item in enumerate(items):
        word = item.entity.name
        if " " in word or not (2 <= len(word) <= 8):
            continue
        if not word.isupper():
            continue
        fits = [m for m, initials in longs if initials == word]
        if len(fits) == 1 and _compatible(item, items[fits[0]]):
            _join(items, n, fits[0])


def _merge_same_actor(items: list[_Item]) -> None:
    first: dict[str, int] = {}
    for n in range(len(items)):
        actor = items[_root(items, n)].actor
        if actor is None:
            continue
        if actor.id in first:
            _join(items, n, first[actor.id])
        else:
            first[actor.id] = _root(items, n)


def _collapse(items: list[_Item]) -> tuple[list[_Item], list[int]]:
    """One item per group, in the order of first mentions, mentions merged and sorted; and
    for each of ``items``, the position of its group's item."""
    groups: dict[int, list[int]] = {}
    for n in range(len(items)):
        groups.setdefault(_root(items, n), []).append(n)
    merged: list[_Item] = []
    for root, members in groups.items():
        head = items[root].entity
        seen: set[tuple[int, int]] = set()
        mentions: list[Mention] = []
        for n in members:
            for m in items[n].entity.mentions:
                if (m.start, m.end) not in seen:
                    seen.add((m.start, m.end))
                    mentions.append(m)
        mentions.sort(key=lambda m: (m.start, m.end))
        entity = Entity(name=head.name, type=head.type, mentions=mentions)
        merged.append(_Item(entity, items[root].actor))
    order = sorted(
        range(len(merged)),
        key=lambda k: merged[k].entity.mentions[0].start if merged[k].entity.mentions else 0,
    )
    position_of_group = {old: new for new, old in enumerate(order)}
    roots = list(groups)
    group_of_root = {root: k for k, root in enumerate(roots)}
    positions = [position_of_group[group_of_root[_root(items, n)]] for n in range(len(items))]
    return [merged[k] for k in order], positions


def _proper_name(entity: Entity, actor: Actor | None) -> str:
    """The curated name, else the fullest form written (mixed case before all capitals: a
    "JAKARTA" dateline), else a table person's fuller name ("Biden" -> "Joe Biden")."""
    if actor is not None and actor.name and (actor.curated or actor.kind == "country"):
        return actor.name
    forms = [" ".join(m.text.split()) for m in entity.mentions] or [entity.name]
    best = max(forms, key=lambda t: (len(t.split()), not t.isupper(), len(t)))
    if actor is not None and actor.name and len(actor.name.split()) > len(best.split()):
        return actor.name
    if best.isupper() and len(best) > 4 and entity.type == "LOC":
        return best.title()
    return best


class _Context:
    """What filling one entity needs from the rest of the document."""

    def __init__(self, doc: Document, items: list[_Item], rules: Rules, language: str) -> None:
        self.doc = doc
        self.rules = rules
        self.language = language
        self.spans = sorted(
            (m.start, m.end, n) for n, it in enumerate(items) for m in it.entity.mentions
        )
        self.starts = [s for s, _, _ in self.spans]
        self.items = items
        self.max_role = max((len(k) for k in rules.roles), default=0)
        self.max_head = max((len(k) for k in rules.org_heads), default=0)
        #: A role that names no country is the home country's only in an article that names
        #: its places at least as often as any other country's ("legislator Li Zhanshu" in a
        #: story about China and Russia is not Indonesian).
        counts: Counter[str] = Counter()
        for it in items:
            if it.actor is not None and it.actor.kind in PLACE_KINDS and it.actor.country:
                counts[it.actor.country] += len(it.entity.mentions)
        foreign = max((n for c, n in counts.items() if c != rules.home), default=0)
        self.home = rules.home if counts[rules.home or ""] >= foreign else None

    def fill(self, item: _Item) -> None:
        entity, actor = item.entity, item.actor
        if actor is not None and actor.kind in TYPE_OF_KIND:
            entity.type = TYPE_OF_KIND[actor.kind]
        elif actor is not None and entity.type in ("PER", "LOC") and actor.kind != "other":
            entity.type = "ORG"
        entity.name = _proper_name(entity, actor)
        forms = dict.fromkeys(" ".join(m.text.split()) for m in entity.mentions)
        entity.aliases = [f for f in forms if f != entity.name]
        if entity.type == "PER":
            self._fill_person(item)
        elif actor is not None:
            entity.kind, entity.country, entity.code = actor.kind, actor.country, actor.code
            if actor.capital and actor.country and self._acts(entity):
                entity.code = f"{actor.country} GOV"
        elif entity.type == "LOC":
            self._fill_place(entity)
        else:
            self._fill_organization(entity)
        prefix = _ID_PREFIX.get(entity.type, "ent")
        entity.id = actor.id if actor else f"{prefix}:{slug(entity.name)}"

    def _acts(self, entity: Entity) -> bool:
        """Whether a mention is the subject of a verb ("Pyongyang menyatakan ..."), the agent
        of a passive or the owner of a policy ("ditolak oleh Beijing", "rencana Washington")."""
        for m in entity.mentions:
            before = _WORD.findall(self.doc.text[max(0, m.start - 30) : m.start])
            if before and before[-1].lower() in self.rules.agent_words:
                return True
            for word in _WORD.findall(self.doc.text[m.end : m.end + 60]):
                word = word.lower()
                if word in self.rules.skip:
                    continue
                if word in self.rules.verbs:
                    return True
                break
        return False

    def _inner_place(self, name: str) -> Actor | None:
        """The rightmost, longest known place or body named inside ``name`` ("Badan
        Intelijen Nasional Korea Selatan" -> KOR, "Dewan Keamanan PBB" -> the UN)."""
        words = name.split()
        for end in range(len(words), 0, -1):
            for start in range(max(0, end - 4), end):
                if (start, end) == (0, len(words)) or not words[start][:1].isupper():
                    continue
                actor = lookup(" ".join(words[start:end]), self.language)
                if actor is not None and actor.kind in (*PLACE_KINDS, "igo"):
                    return actor
        return None

    def _fill_place(self, entity: Entity) -> None:
        words = [w.lower() for w in entity.name.split()]
        entity.kind = self.rules.place_heads.get(words[0], "other") if len(words) > 1 else "other"
        inner = self._inner_place(entity.name)
        if inner is not None and inner.kind in PLACE_KINDS:
            entity.country = inner.country
            entity.code = inner.country

    def _head(self, words: list[str]) -> tuple[tuple[str, ...], str] | None:
        for size in range(min(self.max_head, len(words)), 0, -1):
            kind = self.rules.org_heads.get(tuple(words[:size]))
            if kind is not None:
                return tuple(words[:size]), kind
        return None

    def _fill_organization(self, entity: Entity) -> None:
        words = [w.lower() for w in entity.name.split()]
        head = self._head(words)
        kind = head[1] if head else self.rules.org_tails.get(words[-1], "other")
        inner = self._inner_place(entity.name)
        entity.kind = kind
        if inner is not None and inner.kind == "igo":
            entity.kind, entity.code = "igo", inner.code
            return
        country = inner.country if inner is not None else None
        if country is None and head is not None and head[0] in self.rules.domestic_heads:
            country = self.rules.home
        entity.country = country
        sector = self.rules.sectors.get(kind)
        if country and sector:
            entity.code = f"{country} {sector}"

    def _fill_person(self, item: _Item) -> None:
        entity, actor = item.entity, item.actor
        entity.kind = "person"
        found: tuple[str | None, str | None] | None = None  # (country, code) the text says
        fallback: str | None = None
        for m in entity.mentions[:_ROLE_MENTIONS]:  # a role comes with the first mentions
            said = self._role_before(m) or self._role_after(m)
            if said is None:
                continue
            if said[1] is not None and said[1] != "?":
                found = said
                break
            fallback = fallback or said[0]
        if found is not None:
            entity.code = found[1]
        elif actor is not None and actor.code:
            entity.code = actor.code
        elif fallback and self.home and fallback in self.rules.home_sectors:
            entity.code = f"{self.home} {fallback}"
        root = entity.code.split()[0] if entity.code else None
        is_country = root is not None and len(root) == 3 and root.isupper() and root != "IGO"
        entity.country = root if is_country else (actor.country if actor else None)

    def _role_before(self, m: Mention) -> tuple[str | None, str | None] | None:
        """(sector, code) from a role phrase just before the name; code "?" when the role
        names no country or body. None when no role is written. An office beats a rank
        ("Kapolri Jenderal Tito Karnavian" is police); a bracketed acronym is skipped
        ("Wakil Ketua Dewan Perwakilan Rakyat (DPR) Fahri Hamzah")."""
        start = max(0, m.start - _WINDOW)
        text = self.doc.text[start : m.start]
        tokens = [(t.group(), start + t.start()) for t in _WORD.finditer(text)]
        if tokens and tokens[-1][0] in (",", "("):
            tokens.pop()  # apposition: "juru bicara Kremlin, Dmitry Peskov", "Menlu (Retno)"
        words: list[tuple[str, int]] = []
        depth = 0
        for word, at in reversed(tokens):
            if word == ")":
                depth += 1
            elif depth:
                depth -= word == "("
            elif word in _STOP or word == "," or len(words) >= _ROLE_WORDS:
                break
            else:
                words.append((word, at))
        words.reverse()
        lowered = [w.lower() for w, _ in words]
        found: list[tuple[int, tuple[str, ...]]] = []
        for i in range(len(words) - 1, -1, -1):
            for size in range(min(self.max_role, len(words) - i), 0, -1):
                phrase = tuple(lowered[i : i + size])
                if phrase in self.rules.roles:
                    found.append((i, phrase))
                    break
        if not found:
            return None
        offices = [f for f in found if f[1] not in self.rules.ranks]
        i, phrase = (offices or found)[0]
        return self._role(phrase, words[i][1], m.start)

    def _role_after(self, m: Mention) -> tuple[str | None, str | None] | None:
        """The same for an apposition after the name: "Sergei Shoigu, Menteri Pertahanan"."""
        text = self.doc.text[m.end : m.end + _WINDOW]
        tokens = [(t.group(), m.end + t.start()) for t in _WORD.finditer(text)]
        if not tokens or tokens[0][0] != ",":
            return None
        words: list[tuple[str, int]] = []
        for word, at in tokens[1:]:
            if word in _STOP or word == "," or len(words) >= _ROLE_WORDS:
                break
            words.append((word, at))
        lowered = [w.lower() for w, _ in words]
        for size in range(min(self.max_role, len(words)), 0, -1):
            phrase = tuple(lowered[:size])
            if phrase in self.rules.roles:
                end = words[-1][1] + len(words[-1][0]) if words else m.end
                return self._role(phrase, words[0][1], end)
        return None

    def _role(self, phrase: tuple[str, ...], start: int, end: int) -> tuple[str | None, str]:
        sector = self.rules.roles[phrase]
        if phrase in self.rules.domestic_roles and self.rules.home:
            return sector, f"{self.rules.home} {sector}"
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.spans) and self.spans[i][0] < end:
            other = self.items[self.spans[i][2]].entity
            i += 1
            if other.type == "PER" or not (other.code or other.country):
                continue
            if other.kind in PLACE_KINDS and other.country:
                # a spokesperson or head of a place speaks for its government
                return sector, f"{other.country} {sector or 'GOV'}"
            if other.code:
                return sector, other.code
        return sector, "?"
