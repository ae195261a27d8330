"""The event vocabulary of a language (``lang/<code>/events.toml``), compiled for matching.

Triggers are token sequences in lower case. Passive forms of the active verbs are derived
(``menyerang`` -> ``diserang``, ``menembak`` -> ``ditembak``) so the data lists each verb once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from warta.lang import table

VERB = "verb"
NOUN = "noun"
#: A verb that is a trigger only with one of the type's objects after it.
OBJECT = "object"
#: A verb of receiving: its subject is the target, "dari X" the source.
REVERSE = "reverse"

#: PLOVER 2021 event types.
TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: Active prefixes and the consonant each may have swallowed (meN- + tembak = menembak).
_ACTIVE_PREFIXES = (("meny", "s"), ("meng", "k"), ("mem", "p"), ("men", "t"), ("me", ""))


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    mode: str
    kind: str  # VERB, NOUN, OBJECT or REVERSE
    symmetric: bool
    passive: bool = False


@dataclass(slots=True)
class EventLexicon:
    language: str
    triggers: dict[tuple[str, ...], list[Trigger]] = field(default_factory=dict)
    objects: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    target_cases: dict[str, frozenset[str]] = field(default_factory=dict)
    speech: frozenset[str] = frozenset()
    #: modality kind -> cue phrases (tuples of words), and the kinds in precedence order
    modality: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    modality_order: tuple[str, ...] = ()
    attribution: frozenset[str] = frozenset()
    #: Phrases whose first word is a cue word that does not act as one ("tak cuma").
    not_cues: tuple[tuple[str, ...], ...] = ()
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)
    longest: int = 1

    def words(self, name: str) -> frozenset[str]:
        return self.grammar.get(name, frozenset())


def passive_forms(verb: str) -> set[str]:
    """The di- forms an active meN- verb may have (over-generating is harmless)."""
    forms: set[str] = set()
    for prefix, lost in _ACTIVE_PREFIXES:
        if verb.startswith(prefix) and len(verb) > len(prefix) + 2:
            rest = verb[len(prefix) :]
            forms.add("di" + rest)
            if lost and rest[0] in "aeiou":
                forms.add("di" + lost + rest)
            break
    return forms


def _split(entry: str) -> tuple[tuple[str, ...], str]:
    words, _, mode = entry.partition("=")
    return tuple(words.lower().split()), mode.strip()


def _add(lex: EventLexicon, words: tuple[str, ...], trigger: Trigger) -> None:
    entries = lex.triggers.setdefault(words, [])
    if all(
        (t.type, t.kind, t.passive) != (trigger.type, trigger.kind, trigger.passive)
        for t in entries
    ):
        entries.append(trigger)
    lex.longest = max(lex.longest, len(words))


@cache
def lexicon(language: str) -> EventLexicon:
    """The compiled event vocabulary of ``language``; empty when it has no events.toml."""
    data = table(language, "events")
    lex = EventLexicon(language)
    types: dict[str, Any] = data.get("types", {})
    speech = set()
    for name, spec in types.items():
        symmetric = {_split(e)[0] for e in spec.get("symmetric", [])}
        if spec.get("speech"):
            speech.add(name)
        lex.target_cases[name] = frozenset(w.lower() for w in spec.get("target_cases", []))
        lex.objects[name] = {_split(e)[0] for e in spec.get("objects", [])}
        for key, kind in (
            ("verbs", VERB),
            ("nouns", NOUN),
            ("object_verbs", OBJECT),
            ("reverse", REVERSE),
        ):
            for entry in spec.get(key, []):
                words, mode = _split(entry)
                trig = Trigger(name, mode, kind, words in symmetric)
                _add(lex, words, trig)
                if kind != NOUN:
                    for form in passive_forms(words[0]):
                        passive = Trigger(name, mode, kind, trig.symmetric, passive=True)
                        _add(lex, (form, *words[1:]), passive)
    lex.speech = frozenset(speech)
    modality = data.get("modality", {})
    lex.modality_order = tuple(modality.get("order", ()))
    for kind in lex.modality_order:
        lex.modality[kind] = {_split(e)[0] for e in modality.get(kind, [])}
    lex.attribution = frozenset(w.lower() for w in modality.get("attribution", []))
    lex.not_cues = tuple(_split(e)[0] for e in modality.get("not_cues", []))
    lex.grammar = {
        key: frozenset(w.lower() for w in value)
        for key, value in data.get("grammar", {}).items()
        if isinstance(value, list)
    }
    return lex


@cache
def cameo_roots() -> dict[str, dict[str, str]]:
    """PLOVER type -> {mode or "": CAMEO root}, derived from PLOVER's CAMEO2PLOVER table."""
    path = resources.files("warta.stages").joinpath("events_cameo.toml")
    roots: dict[str, dict[str, str]] = tomllib.loads(path.read_text(encoding="utf-8"))
    return roots


def cameo_root(event_type: str, mode: str) -> str | None:
    roots = cameo_roots().get(event_type, {})
    return roots.get(mode) or roots.get("")
