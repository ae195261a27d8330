"""The quotes stage's language data, read once per language and compiled to regexes.

Everything language-specific the quotes stage knows (quotation marks, cue verbs, titles,
pronouns, unnamed-source nouns) comes from ``warta/lang/<code>/quotes.toml`` and the word
lists it names, so adding a language or a cue verb touches no code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta import lang
from warta.errors import WartaError

DEFAULT_LANGUAGE = "id"


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Compiled quotation data for one language."""

    language: str
    #: Opening mark -> the marks that may close it.
    closers: dict[str, frozenset[str]]
    #: Marks printed at both ends; open or close is read from the spacing around them.
    same: frozenset[str]
    #: Single opening mark -> its closing mark (quotes only beside a speech cue).
    singles: dict[str, str]
    #: Any quotation mark.
    mark_re: re.Pattern[str]
    #: A cue right after a quotation: ``,” kata X`` / ``,” ujarnya``; groups ``cue``, ``clitic``.
    cue_after_re: re.Pattern[str]
    #: ``…, kata X.`` without quotation marks (the unambiguous stems only).
    cue_unquoted_re: re.Pattern[str]
    #: Verbs of saying whose subject is the speaker.
    verb_re: re.Pattern[str]
    #: ``menurut X``.
    according_re: re.Pattern[str]
    #: ``bahwa``: where reported content starts after a verb.
    complementizer_re: re.Pattern[str]
    clitic: str
    cue_stems: frozenset[str]
    negators: frozenset[str]
    #: Lower-cased title words ("presiden", "juru", "bicara", "akbp").
    title_words: frozenset[str]
    pronouns: frozenset[str]
    unnamed: frozenset[str]
    quantifiers: frozenset[str]
    #: Lower-cased words of organizations and places, never of a person's name.
    affiliation_words: frozenset[str]
    stop_after_speaker: frozenset[str]
    work_nouns: frozenset[str]
    clause_openers: frozenset[str]
    clause_boundaries: frozenset[str]
    object_verbs: frozenset[str]
    affiliation_prefixes: dict[str, str]
    name_particles: frozenset[str]
    #: Lower-cased words that never begin or make a name, even capitalized.
    not_names: frozenset[str]
    #: Lower-cased titles of more than one word ("wali kota", "kepala desa").
    title_phrases: frozenset[str]
    #: Lower-cased head nouns of places and organizations whose name follows ("dusun", "candi").
    place_heads: frozenset[str]
    #: Prepositions after which a name is a place, never a speaker ("di", "ke", "dari").
    place_prepositions: frozenset[str]
    #: A later sentence that attributes the quotation before it: "Demikian disampaikan X".
    lookahead_re: re.Pattern[str]
    #: Passive verbs of saying ("disampaikan") and the word that introduces their agent ("oleh").
    passive: frozenset[str]
    agents: frozenset[str]
    #: A speaker written before its cue after a quotation: ``,” Sullivan said``; groups
    #: ``name`` and ``cue``. Never matches for languages without ``name_first`` cues.
    name_first_re: re.Pattern[str]
    #: Lower-cased words the language's news almost never capitalizes inside a sentence
    #: (``common_words.txt``): capitalized at a sentence start they open no name.
    common_words: frozenset[str] = frozenset()
    #: Prepositions between a name and the body it comes from ("Reynaldi dari PT …").
    origin_prepositions: frozenset[str] = frozenset()
    #: Words that introduce an example person in a subject ("seperti").
    example_markers: frozenset[str] = frozenset()
    #: Copulas that put a person forward at a sentence's end ("… adalah Budi Santoso.").
    introducers: frozenset[str] = frozenset()
    #: Demonstratives that make a description point back at someone named ("itu").
    demonstratives: frozenset[str] = frozenset()
    #: Words that join two roles of one person ("yang juga"), as word tuples.
    role_joiners: tuple[tuple[str, ...], ...] = ()
    #: Prefixes of passive verbs ("di" in "diberhentikan").
    passive_prefixes: tuple[str, ...] = ()
    #: Lower-case words inside a title ("of" in "Secretary of State").
    title_links: frozenset[str] = frozenset()
    #: Lower-cased titles of people who speak for an organization ("juru bicara").
    spokesperson_titles: tuple[str, ...] = ()

    def is_title(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.title_words

    def is_place_head(self, word: str, previous: str | None = None) -> bool:
        """Whether ``word`` heads a place or organization name, not a title ("Kota" in
        "Kota Bekasi" but not in "Wali Kota")."""
        if word.lower() not in self.place_heads:
            return False
        return previous is None or f"{previous} {word}".lower() not in self.title_phrases

    def is_name_word(self, word: str) -> bool:
        """A capitalized word that may belong to a person's name."""
        low = word.lower()
        return (
            word[:1].isupper()
            and low.rstrip(".") not in self.title_words
            and low not in self.affiliation_words
            and low not in self.not_names
        )


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _words_of(entries: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for entry in entries for w in entry.split())


@cache
def lexicon(language: str | None) -> QuoteLexicon:
    """The compiled data for ``language``, falling back to Indonesian when it has none."""
    code = language or DEFAULT_LANGUAGE
    data = lang.table(code, "quotes")
    if not data:
        code = DEFAULT_LANGUAGE
        data = lang.table(code, "quotes")
    if not data:
        raise WartaError(f"no quotation data in lang/{code}/quotes.toml")
    try:
        marks = data["marks"]
        cues = data["cues"]
        lists = data["lists"]
    except KeyError as e:
        raise WartaError(f"lang/{code}/quotes.toml lacks the [{e.args[0]}] table") from e

    closers: dict[str, set[str]] = {}
    for opener, closer in marks.get("pairs", []):
        closers.setdefault(opener, set()).add(closer)
    same = frozenset(marks.get("same", []))
    for mark in same:
        closers.setdefault(mark, set()).add(mark)
    for opener in closers:
        closers[opener] |= same
    singles = {o: c for o, c in marks.get("single", [])}
    all_marks = set(closers) | {c for cs in closers.values() for c in cs}
    all_marks |= set(singles) | set(singles.values())

    def listed(key: str) -> tuple[str, ...]:
        return lang.word_list(code, lists[key]) if key in lists else ()

    pronoun_re = _alternation(listed("pronouns")) or "(?!)"
    clitic = cues.get("clitic", "")
    stems = list(cues["after"])
    clitic_re = f"(?P<clitic>{re.escape(clitic)})?" if clitic else "(?P<clitic>)"
    before = _alternation(cues.get("before_cue", [])) or "(?!)"
    space = r"[^\S\n]"  # a space within the line: a cue never starts the next paragraph
    cue_after = (
        rf"{space}*,?{space}*(?:(?:{before}){space}+)?"
        rf"(?P<cue>(?:{_alternation(stems)}){clitic_re})(?!\w)"
    )
    unquoted = cues.get("unquoted", stems)
    cue_unquoted = (
        rf",\s*(?:(?:{before})\s+)?(?P<cue>(?:{_alternation(unquoted)}){clitic_re}"
        rf"|(?:{_alternation(stems)}){re.escape(clitic)}"
        rf"|(?:{_alternation(stems)})(?=[^\S\n]+[A-Z]))(?!\w)"
    )
    verbs = list(cues["verbs"])
    openers = _alternation(cues.get("lookahead_openers", [])) or "(?!)"
    passive = _alternation(cues.get("passive", [])) or "(?!)"
    agent = _alternation(cues.get("agent", [])) or "(?!)"
    lookahead = rf"\s*(?:{openers})\s+(?:{passive})(?:\s+(?:{agent}))?(?=\s)"
    name_first = _alternation(cues.get("name_first", [])) or "(?!)"
    name_first_re = (
        rf"{space}*,?{space}*(?P<name>[A-Z](?:[\w.'’-]*{space}+){{1,8}}?|(?:{pronoun_re}){space}+)"
        rf"(?P<cue>{name_first})(?!\w)"
    )

    return QuoteLexicon(
        language=code,
        closers={k: frozenset(v) for k, v in closers.items()},
        same=same,
        singles=singles,
        mark_re=re.compile("[" + re.escape("".join(sorted(all_marks))) + "]"),
        cue_after_re=re.compile(cue_after, re.IGNORECASE),
        cue_unquoted_re=re.compile(cue_unquoted),
        verb_re=re.compile(rf"(?<!\w)(?:{_alternation(verbs)})(?!\w)"),
        according_re=re.compile(
            rf"(?<!\w)(?:{_alternation(cues.get('according', []))}){clitic_re}(?!\w)",
            re.IGNORECASE,
        ),
        complementizer_re=re.compile(
            rf"(?<!\w)(?:{_alternation(cues.get('complementizers', []))})(?!\w)"
        ),
        clitic=clitic,
        cue_stems=frozenset(s.lower() for s in stems),
        negators=frozenset(w.lower() for w in cues.get("negators", [])),
        title_words=_words_of(listed("titles")),
        pronouns=frozenset(w.lower() for w in listed("pronouns")),
        unnamed=_words_of(listed("unnamed_sources")),
        quantifiers=frozenset(w.lower() for w in cues.get("quantifiers", [])),
        affiliation_words=frozenset(w.lower() for w in listed("affiliation_words")),
        stop_after_speaker=frozenset(w.lower() for w in cues.get("stop_after_speaker", [])),
        work_nouns=frozenset(w.lower() for w in cues.get("work_nouns", [])),
        clause_openers=frozenset(w.lower() for w in cues.get("clause_openers", [])),
        clause_boundaries=frozenset(w.lower() for w in cues.get("clause_boundaries", [])),
        object_verbs=frozenset(w.lower() for w in cues.get("object_verbs", [])),
        affiliation_prefixes={
            k.lower(): v for k, v in data.get("affiliation_prefixes", {}).items()
        },
        name_particles=frozenset(lang.word_list(code, "name_particles")),
        not_names=(
            frozenset(
                w.lower()
                for key in ("not_names", "stop_after_speaker", "clause_openers", "according")
                for w in cues.get(key, [])
            )
            | frozenset(w.lower() for w in listed("pronouns"))
        )
        - frozenset(w.lower() for w in cues.get("also_names", [])),
        title_phrases=frozenset(t.lower() for t in listed("titles") if " " in t),
        place_heads=frozenset(w.lower() for w in listed("place_heads")),
        place_prepositions=frozenset(w.lower() for w in cues.get("place_prepositions", [])),
        lookahead_re=re.compile(lookahead, re.IGNORECASE),
        passive=frozenset(w.lower() for w in cues.get("passive", [])),
        agents=frozenset(w.lower() for w in cues.get("agent", [])),
        name_first_re=re.compile(name_first_re),
        common_words=frozenset(lang.word_list(code, "common_words")),
        passive_prefixes=tuple(cues.get("passive_prefixes", [])),
        origin_prepositions=frozenset(w.lower() for w in cues.get("origin_prepositions", [])),
        example_markers=frozenset(w.lower() for w in cues.get("example_markers", [])),
        introducers=frozenset(w.lower() for w in cues.get("introducers", [])),
        demonstratives=frozenset(w.lower() for w in cues.get("demonstratives", [])),
        role_joiners=tuple(tuple(j.lower().split()) for j in cues.get("role_joiners", [])),
        title_links=frozenset(w.lower() for w in cues.get("title_links", [])),
        spokesperson_titles=tuple(w.lower() for w in cues.get("spokesperson_titles", [])),
    )
