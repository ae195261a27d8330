"""Who did what to whom: PLOVER 2021 events with actors, modality, time and place.

1. Triggers are found by the language's event vocabulary (``lang/<code>/events.toml``): verbs
   and nouns per PLOVER type, phrases ("menjatuhkan sanksi"), verbs that need an object of the
   type ("mengirim roket"), verbs of receiving ("menerima bantuan dari X"), and the passive forms
   of the verbs. Words inside a name ("Organisasi Kerja Sama Islam") trigger nothing.
2. Only sentences with a trigger are parsed (warta's UD-trained parser, ``events_parse``). The
   agent and the patient come from the tree: subject and object of an active verb, the subject
   and the "oleh" phrase of a passive one, the subject of the governing verb for a serial or
   purpose verb, "X dan Y" for symmetric triggers ("bertemu", "sepakat"), the possessor and
   the "antara X dan Y" of a noun. Phrases become actors through the entities (and the codes
   the ``link`` stage gives them); "kami" in a quotation is its speaker.
3. Modality is read off the trigger, the words governing it (up to a verb of saying) and their
   modifiers; the quotation or "menurut X" that reports the event is its ``attribution``.
4. An event inside another's purpose or content ("berkunjung untuk bertemu", "mendesak untuk
   menghentikan perundingan") is part of it, not an event of its own; a future sanction or
   attack promised or warned of is a THREATEN, made when said.

Without a parser model the actors come from word order (the nearest names before and after).
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from typing import Any, ClassVar

from warta.document import Document, Entity, Quote
from warta.lang import table
from warta.registry import register_stage
from warta.stages import events_parse
from warta.stages.events_lexicon import (
    NOUN,
    OBJECT,
    REVERSE,
    VERB,
    EventLexicon,
    Trigger,
    cameo_root,
    lexicon,
)

log = logging.getLogger(__name__)

ASSERTED = "asserted"
#: Entity types in the order an actor phrase prefers them ("Menteri Pertahanan Rusia Sergei
#: Shoigu" is Shoigu, not Russia).
_TYPE_RANK = {"PER": 0, "ORG": 1, "LOC": 2}
#: Relations that do not belong to an actor's phrase.
_CLAUSE_DEPS = ("acl", "advcl", "ccomp", "parataxis", "conj", "punct", "cc", "xcomp", "mark")
#: Relations through which an event's modality and attribution are inherited from above.
_SCOPE_DEPS = ("xcomp", "ccomp", "obj", "nmod", "obl")
#: A noun trigger is also in the scope of the predicate it is the subject of
#: ("pertemuan itu tidak terjadi").
_NOUN_SCOPE_DEPS = (*_SCOPE_DEPS, "nsubj")
#: How far up the tree an event looks for its subject, its governing event and its cues.
_MAX_UP = 4
_SUBJECT_DEPS = ("nsubj", "nsubj:pass", "csubj")
_NESTING_DEPS = ("xcomp", "ccomp", "advcl", "obj", "nmod", "acl", "obl")
#: Words of an object phrase a verb like "mengirim" may look across for its object.
_OBJECT_WINDOW = 6


@dataclass(slots=True)
class _Candidate:
    trigger: Trigger
    start: int  # sentence-local word indices [start, end)
    end: int
    head: int = 0
    type: str = ""
    mode: str = ""
    source: dict[str, Any] | None = None
    target: dict[str, Any] | None = None
    where: dict[str, Any] | None = None
    modality: str = ASSERTED
    syntax: int = 0  # how many actors came from the tree
    frames: set[str] = field(default_factory=set)
    dropped: bool = False


@dataclass(slots=True)
class _Sentence:
    """A sentence's words with everything the actor and cue rules look up."""

    start: int
    end: int
    first: int  # index of its first token in doc.tokens
    words: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    entity_of: list[int | None]
    in_dateline: list[bool]
    parse: events_parse.Parse | None = None

    def text_of(self, i: int, j: int, doc: Document) -> str:
        return doc.text[self.starts[i] : self.ends[j - 1]]


@register_stage("events")
class EventStage:
    """Fill ``doc.events`` with PLOVER events (see docs/events.md for the record)."""

    requires: ClassVar[tuple[str, ...]] = ("text", "sentences", "tokens", "entities", "quotes")
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, parser: bool = True) -> None:
        self.use_parser = parser

    def __call__(self, doc: Document) -> Document:
        language = doc.language or "id"
        lex = lexicon(language)
        doc.events = []
        if not lex.triggers or not doc.tokens:
            return doc
        sentences, found = self._candidates(doc, lex)
        if not found:
            return doc
        parses = None
        if self.use_parser:
            parses = events_parse.parse(language, [(s.words, _spaces(s, doc)) for s in sentences])
        reader = _Reader(doc, lex, language)
        for n, (sent, cands) in enumerate(zip(sentences, found, strict=True)):
            sent.parse = parses[n] if parses is not None else None
            doc.events.extend(reader.events(sent, cands))
        return doc

    def _candidates(
        self, doc: Document, lex: EventLexicon
    ) -> tuple[list[_Sentence], list[list[_Candidate]]]:
        entity_at = _entity_index(doc)
        dateline = doc.dateline
        token_starts = [t.start for t in doc.tokens]
        sentences: list[_Sentence] = []
        found: list[list[_Candidate]] = []
        for span in doc.sentences:
            a = bisect.bisect_left(token_starts, span.start)
            b = bisect.bisect_left(token_starts, span.end)
            toks = doc.tokens[a:b]
            if not toks:
                continue
            words = [doc.text[t.start : t.end] for t in toks]
            sent = _Sentence(
                span.start,
                span.end,
                a,
                words,
                [w.lower() for w in words],
                [t.start for t in toks],
                [t.end for t in toks],
                [entity_at.get(t.start) for t in toks],
                [dateline is not None and dateline.start <= t.start < dateline.end for t in toks],
            )
            cands = _match(sent, lex)
            if cands:
                sentences.append(sent)
                found.append(cands)
        return sentences, found


def _spaces(sent: _Sentence, doc: Document) -> list[bool]:
    return [
        sent.ends[i] < (sent.starts[i + 1] if i + 1 < len(sent.starts) else sent.end)
        or i + 1 == len(sent.starts)
        for i in range(len(sent.words))
    ]


def _entity_index(doc: Document) -> dict[int, int]:
    """Character offset of a token start -> index of the entity whose mention covers it."""
    out: dict[int, int] = {}
    token_starts = [t.start for t in doc.tokens]
    for n, ent in enumerate(doc.entities):
        for m in ent.mentions:
            i = bisect.bisect_left(token_starts, m.start)
            while i < len(doc.tokens) and doc.tokens[i].start < m.end:
                out.setdefault(doc.tokens[i].start, n)
                i += 1
    return out


def _forms(word: str) -> tuple[str, ...]:
    """A word and the word without its clitic pronoun ("kunjungannya" -> "kunjungan")."""
    if word.endswith("nya") and len(word) > 6:
        return (word, word[:-3])
    return (word,)


def _match(sent: _Sentence, lex: EventLexicon) -> list[_Candidate]:
    """Longest trigger phrases, left to right, outside names."""
    out: list[_Candidate] = []
    i = 0
    n = len(sent.words)
    while i < n:
        best: tuple[int, list[Trigger]] | None = None
        for length in range(min(lex.longest, n - i), 0, -1):
            if any(
                sent.entity_of[k] is not None
                or sent.in_dateline[k]
                or (k > 0 and sent.words[k][:1].isupper() and sent.words[k - 1].isalpha())
                for k in range(i, i + length)
            ):
                continue
            heads = _forms(sent.lower[i + length - 1])
            for last in heads:
                key = (*sent.lower[i : i + length - 1], last)
                triggers = lex.triggers.get(key)
                if triggers:
                    usable = [t for t in triggers if _has_object(sent, lex, t, i + length)]
                    if usable:
                        best = (length, usable)
                        break
            if best:
                break
        if best is None:
            i += 1
            continue
        length, triggers = best
        out.append(_Candidate(triggers[0], i, i + length, i, triggers[0].type, triggers[0].mode))
        i += length
    return out


def _has_object(sent: _Sentence, lex: EventLexicon, trig: Trigger, after: int) -> bool:
    if trig.kind not in (OBJECT, REVERSE):
        return True
    objects = lex.objects.get(trig.type, set())
    window = sent.lower[after : after + _OBJECT_WINDOW]
    for k in range(len(window)):
        if window[k] in {",", ".", ";", ":"}:
            return False
        for obj in objects:
            if tuple(window[k : k + len(obj)]) == obj:
                return True
    return False


class _Reader:
    """Reads the actors, modality, place and time of one document's candidates."""

    def __init__(self, doc: Document, lex: EventLexicon, language: str) -> None:
        self.doc = doc
        self.lex = lex
        self.say_verbs = frozenset(
            w.lower() for w in table(language, "quotes").get("cues", {}).get("verbs", [])
        ) | frozenset(w.lower() for w in table(language, "quotes").get("cues", {}).get("after", []))
        self.mention_starts = sorted(
            (m.start, n) for n, e in enumerate(doc.entities) for m in e.mentions
        )

    # --- per sentence ---

    def events(self, sent: _Sentence, cands: list[_Candidate]) -> list[dict[str, Any]]:
        for c in cands:
            c.head = self._head(sent, c)
            if sent.parse is not None:
                self._syntax_actors(sent, c)
                self._fill_by_order(sent, c)
            else:
                self._linear_actors(sent, c)
            c.modality, c.frames = self._modality(sent, c)
            self._threat(c)
        self._nest(sent, cands)
        self._nest_by_order(sent, cands)
        kept: list[_Candidate] = []
        for c in cands:
            if c.dropped or (c.source is None and c.target is None):
                continue
            if c.trigger.kind == NOUN and not any(
                a is not None and a.get("entity") is not None for a in (c.source, c.target)
            ):
                continue  # a noun without a named participant is a topic, not an event
            same = next((k for k in kept if _same_event(k, c)), None)
            if same is None:
                kept.append(c)
            else:  # one event per real-world event per sentence: fill in what it lacked
                same.source = same.source or c.source
                same.target = same.target or c.target
                same.where = same.where or c.where
        return [self._record(sent, c) for c in kept]

    def _head(self, sent: _Sentence, c: _Candidate) -> int:
        """The phrase's word whose head lies outside it."""
        if sent.parse is None:
            return c.start
        for i in range(c.start, c.end):
            h = sent.parse.heads[i]
            if h == i or not (c.start <= h < c.end):
                return i
        return c.start

    # --- actors ---

    def _syntax_actors(self, sent: _Sentence, c: _Candidate) -> None:
        p = sent.parse
        assert p is not None
        h = c.head
        # the children of every word of the trigger phrase, the phrase itself left out
        kids = [k for w in range(c.start, c.end) for k in p.children(w) if not c.start <= k < c.end]
        trig = c.trigger
        cases = self.lex.target_cases.get(c.type, frozenset())

        def case_of(k: int) -> str:
            for g in p.children(k):
                if p.deps[g] == "case":
                    return sent.lower[g]
            return ""

        obls = [k for k in kids if p.deps[k].startswith(("obl", "nmod")) and k != h]
        # a prepositional phrase the parser hung on the object ("mengirim roket ke Rusia")
        # and prepositional phrases the parser hung on the object or a word coordinated with
        # it ("mengirimkan roket dan rudal ke Rusia")
        obls += [
            k
            for k in _subtree(p, h, stop=_CLAUSE_DEPS[:3])
            if k not in obls and k != h and p.deps[k].startswith("nmod") and case_of(k)
        ]
        subj = next((k for k in kids if p.deps[k] in _SUBJECT_DEPS), None)
        obj = next((k for k in kids if p.deps[k] in ("obj", "iobj")), None)
        source = target = None
        agent_words = self.lex.words("agent")
        if trig.kind == NOUN:
            between = self.lex.words("between")
            for k in obls + [k for k in kids if p.deps[k] in ("nmod:poss", "flat")]:
                case = case_of(k)
                if case in between and source is None:
                    source = self._actor(sent, k)
                    conj = next((g for g in p.children(k) if p.deps[g] == "conj"), None)
                    if conj is not None:
                        target = self._actor(sent, conj)
                elif case == "" and source is None and k > h:
                    source = self._actor(sent, k)
                elif case in agent_words | {"dari"} and source is None:
                    source = self._actor(sent, k)
                elif case in cases and target is None:
                    target = self._actor(sent, k)
            if source is None and p.deps[h] in ("obj", "xcomp", "obl") and not p.is_root(h):
                source = self._subject_up(sent, p.heads[h])
        else:
            obj_actor = self._actor(sent, obj) if obj is not None else None
            agent = next(
                (k for k in obls if case_of(k) in agent_words or p.deps[k] == "obl:agent"), None
            )
            if trig.passive:
                target = self._actor(sent, subj) if subj is not None else None
                if agent is not None:
                    source = self._actor(sent, agent)
                elif obj_actor is not None:
                    source = obj_actor
                if target is None and p.deps[h].startswith("acl") and not p.is_root(h):
                    target = self._actor(sent, p.heads[h])
            elif trig.kind == REVERSE:
                target = self._actor(sent, subj) if subj is not None else self._subject_up(sent, h)
                src = next((k for k in obls if case_of(k) == "dari"), None)
                source = self._actor(sent, src) if src is not None else None
            else:
                source = self._actor(sent, subj) if subj is not None else None
                if source is None:
                    source = self._subject_up(sent, h)
                if obj_actor is not None and (
                    obj_actor.get("entity") is not None or trig.kind != OBJECT
                ):
                    target = obj_actor
                for k in obls:
                    if target is None and case_of(k) in cases:
                        target = self._actor(sent, k)
                    elif c.where is None and case_of(k) in self.lex.words("place_cases"):
                        c.where = self._place(sent, k)
        last = sent.lower[c.end - 1]
        if target is None and not trig.passive and trig.kind == VERB and last.endswith("nya"):
            # "mengecamnya": the clitic is the patient, the latest person or group named before
            target = self._latest_before(sent.starts[c.start], skip=source)
        if trig.symmetric and source is not None and target is None:
            actor_head = subj if subj is not None else None
            if actor_head is not None:
                conj = next((g for g in p.children(actor_head) if p.deps[g] == "conj"), None)
                if conj is not None:
                    target = self._actor(sent, conj)
        if target is not None and source is not None and _actor_key(target) == _actor_key(source):
            target = None
        c.syntax = (source is not None) + (target is not None)
        c.source, c.target = source, target

    def _subject_up(self, sent: _Sentence, i: int) -> dict[str, Any] | None:
        """The subject a verb shares with the verbs above it (serial, purpose, coordinated)."""
        p = sent.parse
        assert p is not None
        for _ in range(_MAX_UP):
            dep = p.deps[i]
            if p.is_root(i) and dep != "root":
                return None
            if dep.startswith("acl"):
                return self._actor(sent, p.heads[i])
            if p.is_root(i) or not dep.startswith(("xcomp", "advcl", "conj")):
                return None
            i = p.heads[i]
            subj = next((k for k in p.children(i) if p.deps[k] in _SUBJECT_DEPS), None)
            if subj is not None:
                return self._actor(sent, subj)
        return None

    def _phrase(self, sent: _Sentence, i: int) -> list[int]:
        """The words of the phrase headed by ``i``, without its clauses."""
        p = sent.parse
        if p is None:
            return [i]
        out = [i]

        def inside(k: int) -> bool:
            # neither a clause nor a prepositional modifier ("kapal ... di Selat Philips")
            return not p.deps[k].startswith(_CLAUSE_DEPS) and not (
                p.deps[k].startswith("nmod") and any(p.deps[g] == "case" for g in p.children(k))
            )

        stack = [k for k in p.children(i) if inside(k)]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(g for g in p.children(k) if inside(g))
        return sorted(out)

    def _actor(self, sent: _Sentence, i: int) -> dict[str, Any] | None:
        """The actor a phrase names: its head's entity, a person named in it ("Menteri
        Pertahanan Rusia Sergei Shoigu"), its head noun ("polisi", "pejabat AS"), else an
        organization or place named in it."""
        words = [k for k in self._phrase(sent, i) if not sent.in_dateline[k]]
        if not words:
            return None
        head_entity = sent.entity_of[i] if i in words else None
        if head_entity is not None:
            return _entity_actor(self.doc.entities[head_entity], head_entity)
        ents = [(n, k) for k in words if (n := sent.entity_of[k]) is not None]
        ranked = sorted(
            ents, key=lambda e: (_TYPE_RANK.get(self.doc.entities[e[0]].type, 3), abs(e[1] - i))
        )
        if ranked and self.doc.entities[ranked[0][0]].type == "PER":
            return _entity_actor(self.doc.entities[ranked[0][0]], ranked[0][0])
        noun = self._noun_actor(sent, i, words)
        if noun is not None:
            return noun
        if ranked and self.doc.entities[ranked[0][0]].type == "ORG":
            return _entity_actor(self.doc.entities[ranked[0][0]], ranked[0][0])
        word = sent.lower[i]
        if word in self.lex.words("first_person"):
            return self._speaker_at(sent.starts[i])
        if word in self.lex.words("third_person") or word.endswith("nya") and len(word) <= 7:
            return self._latest_before(sent.starts[i])
        if sent.words[i][:1].isupper() and sent.words[i].isalpha() and i > 0:
            # a capitalized head no entity covers: a name the entities stage missed
            hi = i + 1
            while hi < len(sent.words) and hi in words and sent.words[hi][:1].isupper():
                hi += 1
            return {"name": sent.text_of(i, hi, self.doc), "entity": None, "code": None}
        if ranked:
            return _entity_actor(self.doc.entities[ranked[0][0]], ranked[0][0])
        return None

    def _noun_actor(self, sent: _Sentence, i: int, words: list[int]) -> dict[str, Any] | None:
        """A common-noun actor: the head (or first) actor noun and up to three words after it."""
        nouns = self.lex.words("actor_nouns")
        heads = [k for k in [i, *words] if _forms(sent.lower[k])[-1] in nouns]
        if not heads:
            return None
        lo = heads[0]
        hi = lo + 1
        preps = self.lex.words("prepositions")
        while (
            hi < len(sent.words)
            and hi - lo < 4
            and hi in words
            and sent.words[hi].isalpha()
            and sent.lower[hi] not in preps
        ):
            hi += 1
        return {"name": sent.text_of(lo, hi, self.doc), "entity": None, "code": None}

    def _speaker_at(self, offset: int) -> dict[str, Any] | None:
        quote = _quote_at(self.doc.quotes, offset)
        if quote is None or quote.speaker is None:
            return None
        sp = quote.speaker
        if sp.entity is not None and sp.entity < len(self.doc.entities):
            return _entity_actor(self.doc.entities[sp.entity], sp.entity)
        return {"name": sp.name, "entity": None, "code": None}

    def _latest_before(
        self, offset: int, skip: dict[str, Any] | None = None
    ) -> dict[str, Any] | None:
        k = bisect.bisect_left(self.mention_starts, (offset, -1)) - 1
        avoid = skip.get("entity") if skip else None
        for wanted in ("PER", "ORG"):  # a clitic or pronoun names a person first
            j = k
            while j >= 0:
                n = self.mention_starts[j][1]
                if self.doc.entities[n].type == wanted and n != avoid:
                    return _entity_actor(self.doc.entities[n], n)
                j -= 1
        return None

    def _place(self, sent: _Sentence, i: int) -> dict[str, Any] | None:
        for k in self._phrase(sent, i):
            n = sent.entity_of[k]
            if n is not None and self.doc.entities[n].type == "LOC":
                ent = self.doc.entities[n]
                return {"name": ent.name, "entity": n, "country": ent.country}
        return None

    def _fill_by_order(self, sent: _Sentence, c: _Candidate) -> None:
        """Where the tree gave no agent (or patient), the nearest actor before (after) the
        trigger in its clause that no preposition governs, swapped for passives."""
        preps = self.lex.words("prepositions")
        agent_words = self.lex.words("agent")

        def actor_at(k: int) -> bool:
            if sent.in_dateline[k] or (k > 0 and sent.lower[k - 1] in preps):
                return False
            return sent.entity_of[k] is not None or sent.lower[k] in self.lex.words("actor_nouns")

        before = after = None
        for k in range(c.start - 1, -1, -1):
            if sent.words[k] in {";", ":", "“", "”", '"'}:
                break
            if actor_at(k):
                before = k
                break
        for k in range(c.end, len(sent.words)):
            if sent.words[k] in {";", ":", ",", "“", "”", '"'} or sent.lower[k] == "yang":
                break
            if actor_at(k) or (k > 0 and sent.lower[k - 1] in agent_words):
                after = k
                break
        if c.trigger.passive or c.trigger.kind == REVERSE:
            before, after = after, before
        if c.source is None and before is not None:
            c.source = self._actor(sent, before)
        if c.target is None and after is not None and c.trigger.kind not in (OBJECT, REVERSE):
            target = self._actor(sent, after)
            if target is not None and _actor_key(target) != _actor_key(c.source):
                c.target = target

    def _linear_actors(self, sent: _Sentence, c: _Candidate) -> None:
        """Nearest names before and after the trigger, within its clause."""
        before = after = None
        for k in range(c.start - 1, -1, -1):
            if sent.words[k] in {";", ":"}:
                break
            if sent.entity_of[k] is not None and not sent.in_dateline[k]:
                before = k
                break
        for k in range(c.end, len(sent.words)):
            if sent.words[k] in {";", ":", ","}:
                break
            if sent.entity_of[k] is not None:
                after = k
                break
        if c.trigger.passive or c.trigger.kind == REVERSE:
            before, after = after, before
        c.source = self._actor(sent, before) if before is not None else None
        c.target = self._actor(sent, after) if after is not None else None
        places = self.lex.words("place_cases")
        if (
            after is not None
            and c.target is not None
            and self._is_place(c.target)
            and (sent.lower[after - 1] in places)
        ):
            c.where = self._place(sent, after)
            c.target = None

    # --- modality ---

    def _scope(self, sent: _Sentence, c: _Candidate) -> list[int]:
        """The trigger and the words governing it, up to a verb of saying."""
        chain = [c.head]
        p = sent.parse
        if p is None:
            return chain
        i = c.head
        deps = _NOUN_SCOPE_DEPS if c.trigger.kind == NOUN else _SCOPE_DEPS
        complementizers = self.lex.words("complementizers")
        for _ in range(_MAX_UP):
            if p.is_root(i):
                break
            # "membantah bahwa X menyerang": a clause the parser calls adverbial is a complement
            # when "bahwa" opens it
            complement = p.deps[i].startswith("advcl") and any(
                p.deps[k] == "mark" and sent.lower[k] in complementizers for k in p.children(i)
            )
            if not (p.deps[i].startswith(deps) or complement):
                break
            i = p.heads[i]
            if sent.lower[i] in self.say_verbs:
                chain.append(i)
                break
            chain.append(i)
        return chain

    def _modality(self, sent: _Sentence, c: _Candidate) -> tuple[str, set[str]]:
        lex = self.lex
        p = sent.parse
        chain = self._scope(sent, c)
        cue_at: set[int] = set(chain[1:])
        for node in chain:
            if node in chain[1:] and sent.lower[node] in self.say_verbs:
                continue
            if p is not None:
                cue_at.update(
                    k
                    for k in p.children(node)
                    if p.deps[k].startswith(
                        (
                            "advmod",
                            "aux",
                            "mark",
                            "cop",
                            "amod",
                            "det",
                            "discourse",
                            "compound",
                            "nmod",
                            "obl",
                        )
                    )
                )
        for k in range(c.start - 1, max(-1, c.start - 4), -1):
            if not sent.words[k].replace("-", "").isalpha():
                break
            cue_at.add(k)
        found: dict[str, str] = {}
        # a promise or warning governs what follows it even where the parse misses the link
        frames = {sent.lower[k] for k in chain[1:]} | set(sent.lower[: c.start])
        for kind in lex.modality_order:
            for cue in lex.modality[kind]:
                if len(cue) == 1:
                    if any(sent.lower[k] == cue[0] and not self._not_cue(sent, k) for k in cue_at):
                        found[kind] = cue[0]
                elif _contains(sent.lower, cue, c.start if kind != "reported_claim" else None):
                    found[kind] = " ".join(cue)
        log.debug(
            "%s %s: scope %s cues %s",
            c.type,
            sent.words[c.head],
            [sent.words[k] for k in chain],
            found,
        )
        if c.type in lex.speech:
            found.pop("future", None)
        for kind in lex.modality_order:
            if kind in found:
                return kind, frames
        return ASSERTED, frames

    def _not_cue(self, sent: _Sentence, k: int) -> bool:
        """A cue word inside a phrase that means something else ("tak cuma itu")."""
        return any(tuple(sent.lower[k : k + len(phrase)]) == phrase for phrase in self.lex.not_cues)

    def _threat(self, c: _Candidate) -> None:
        """A sanction or attack promised or warned of is a threat, made when said."""
        threat = c.type.lower() in self.lex.words("threat_types")
        if threat and c.modality == "future" and c.frames & self.lex.words("threat_frames"):
            c.type, c.mode, c.modality = "THREATEN", "", ASSERTED

    # --- nesting ---

    def _nest(self, sent: _Sentence, cands: list[_Candidate]) -> None:
        p = sent.parse
        if p is None:
            return
        at = {c.head: c for c in cands}
        purpose = self.lex.words("purpose")
        frames = self.lex.words("threat_frames")
        for c in cands:
            i = c.head
            marked = any(p.deps[k] == "mark" and sent.lower[k] in purpose for k in p.children(i))
            for _ in range(3):
                if p.is_root(i) or not p.deps[i].startswith(_NESTING_DEPS):
                    break
                i = p.heads[i]
                if sent.lower[i] in self.say_verbs and i not in at:
                    break
                g = at.get(i)
                if g is None or g is c or g.dropped:
                    marked = marked or any(
                        p.deps[k] == "mark" and sent.lower[k] in purpose for k in p.children(i)
                    )
                    continue
                if c.type == "THREATEN" and sent.lower[g.head] in frames:
                    g.dropped = True
                    if c.source is None:
                        c.source = g.source
                    break
                if (
                    g.type.lower() in self.lex.words("allegations")
                    and g.mode == "allege"
                    and not marked
                ):
                    # what an accusation says happened is an allegation of an event
                    if c.modality == ASSERTED:
                        c.modality = "reported_claim"
                    break
                if marked or c.trigger.kind == NOUN or g.type in self.lex.speech:
                    c.dropped = True
                    if (
                        g.type == c.type
                        and c.target is not None
                        and (g.target is None or self._is_place(g.target))
                    ):
                        if g.target is not None and g.where is None:
                            g.where = {
                                "name": g.target["name"],
                                "entity": g.target["entity"],
                                "country": self.doc.entities[g.target["entity"]].country,
                            }
                        g.target = c.target
                break

    def _nest_by_order(self, sent: _Sentence, cands: list[_Candidate]) -> None:
        """The nesting rules by word order, for what the parse did not link: a trigger right
        after an accusation's verb, in the same clause, is what it alleges ("menuduh Israel
        menyiksa tahanan"); one after a purpose word is part of the trigger before it."""
        allegations = self.lex.words("allegations")
        purpose = self.lex.words("purpose")
        for n, c in enumerate(cands):
            if c.dropped or n == 0:
                continue
            # the trigger before it, dropped or not: what is part of a part is part of the whole
            g = cands[n - 1]
            between = sent.lower[g.end : c.start]
            if any(not w.isalnum() for w in between) or len(between) > 6:
                continue
            if (
                g.trigger.kind != NOUN
                and g.type.lower() in allegations
                and g.mode == "allege"
                and c.modality == ASSERTED
            ):
                c.modality = "reported_claim"
                if _actor_key(c.source) == _actor_key(g.source):
                    c.source = g.target
            elif any(w in purpose for w in between) and (
                g.dropped or g.type == c.type or g.type in self.lex.speech
            ):
                c.dropped = True
            elif c.trigger.kind == NOUN and g.trigger.kind != NOUN and len(between) <= 2:
                c.dropped = True  # the topic or object of the verb before it

    def _is_place(self, actor: dict[str, Any]) -> bool:
        n = actor.get("entity")
        return n is not None and self.doc.entities[n].type == "LOC"

    # --- the record ---

    def _record(self, sent: _Sentence, c: _Candidate) -> dict[str, Any]:
        start, end = sent.starts[c.start], sent.ends[c.end - 1]
        quote = _quote_at(self.doc.quotes, start)
        attribution = None
        if quote is not None and quote.speaker is not None:
            attribution = {
                "speaker": quote.speaker.name,
                "entity": quote.speaker.entity,
                "cue": quote.cue,
                "kind": quote.kind,
            }
        confidence = 0.5 + 0.15 * c.syntax + (0.1 if sent.parse is not None else 0.0)
        return {
            "type": c.type,
            "mode": c.mode or None,
            "sentence": {"start": sent.start, "end": sent.end},
            "trigger": {"start": start, "end": end, "text": self.doc.text[start:end]},
            "source": c.source,
            "target": c.target,
            "modality": c.modality,
            "when": _when(self.doc.dates, sent.start, sent.end, start),
            "where": c.where,
            "attribution": attribution,
            "cameo": cameo_root(c.type, c.mode),
            "confidence": round(min(confidence, 0.95), 2),
        }


def _entity_actor(ent: Entity, index: int) -> dict[str, Any]:
    return {"name": ent.name, "entity": index, "code": ent.code}


def _subtree(p: events_parse.Parse, i: int, stop: tuple[str, ...] = ()) -> list[int]:
    """``i`` and the words under it, not descending into relations that start with ``stop``."""
    out, stack = [], [i]
    while stack:
        k = stack.pop()
        out.append(k)
        stack.extend(g for g in p.children(k) if not (stop and p.deps[g].startswith(stop)))
    return out


def _same_event(a: _Candidate, b: _Candidate) -> bool:
    """Same type and no participant that tells them apart."""
    if a.type != b.type:
        return False
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x is not None and y is not None and _actor_key(x) != _actor_key(y):
            return False
    return True


def _actor_key(actor: dict[str, Any] | None) -> Any:
    if actor is None:
        return None
    return actor["entity"] if actor.get("entity") is not None else actor["name"].lower()


def _contains(words: list[str], cue: tuple[str, ...], before: int | None) -> bool:
    limit = len(words) if before is None else before
    return any(tuple(words[k : k + len(cue)]) == cue for k in range(0, limit - len(cue) + 1))


def _quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    best = None
    for q in quotes:
        if q.start <= offset < q.end and (best is None or q.end - q.start < best.end - best.start):
            best = q
    return best


def _when(dates: list[dict[str, Any]], start: int, end: int, at: int) -> dict[str, Any] | None:
    inside = [d for d in dates if start <= int(d.get("start", -1)) < end]
    if not inside:
        return None
    best = min(inside, key=lambda d: abs(int(d["start"]) - at))
    return {"text": best.get("text"), "value": best.get("value")}
