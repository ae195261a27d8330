"""Reading a speaker out of the words around a cue, and naming it as fully as the document does.

A speaker phrase is what follows a cue ("kata juru bicara Kremlin Dmitry Peskov kepada …")
or stands before a verb of saying ("Penasihat keamanan nasional AS Jake Sullivan mengatakan").
Within it, a PER entity from the NER stage marks the name when there is one; otherwise the name
is the last run of capitalized words that are neither titles nor organization words (both from
the language data), so a name the model missed is still found. What precedes the name is the
role, as written.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from warta.document import Document
from warta.stages.quotes_lexicon import QuoteLexicon

_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
#: How many words a speaker phrase may run to.
_MAX_PHRASE_WORDS = 16
#: How many comma-separated segments back a subject is looked for ("Budi, Kepala X, mengatakan").
_MAX_SEGMENTS = 4

PERSON = "person"
ORG = "org"
UNNAMED = "unnamed"
PRONOUN = "pronoun"
TITLE = "title"


@dataclass(slots=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_punct(self) -> bool:
        return not self.text[0].isalnum()

    @property
    def is_capitalized(self) -> bool:
        return self.text[0].isupper()


@dataclass(slots=True)
class Mentioned:
    """A speaker as written at one place: what it is, its name as written, and its role."""

    kind: str
    name: str
    start: int
    end: int
    role: str | None = None
    entity: int | None = None


def words(text: str, start: int, end: int) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


class MentionIndex:
    """The document's PER and ORG entity mentions, sorted, for lookups by position.

    A one-word PER mention that the text also writes in lower case ("Pernah", "Setiap" at a
    sentence start), or that the language data knows as a title, an organization word or a
    function word, is a tagging slip and is left out.
    """

    def __init__(self, doc: Document, lex: QuoteLexicon) -> None:
        lower_words = set(_LOWER_WORD.findall(doc.text))
        spans = []
        for index, entity in enumerate(doc.entities):
            if entity.type not in ("PER", "ORG"):
                continue
            for mention in entity.mentions:
                if entity.type == "PER" and _slip(mention.text, lex, lower_words):
                    continue
                spans.append((mention.start, mention.end, index, entity.type))
        spans.sort()
        self.spans = spans
        self.starts = [s[0] for s in spans]

    def within(
        self, start: int, end: int, kind: str | None = None
    ) -> list[tuple[int, int, int, str]]:
        i = bisect.bisect_left(self.starts, start)
        found = []
        while i < len(self.spans) and self.spans[i][0] < end:
            span = self.spans[i]
            if span[1] <= end and (kind is None or span[3] == kind):
                found.append(span)
            i += 1
        return found


class SpeakerReader:
    """Reads speaker phrases of one document."""

    def __init__(self, doc: Document, lex: QuoteLexicon, mentions: MentionIndex) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.mentions = mentions

    # -- the phrase after a cue ------------------------------------------------------------

    def after_cue(self, start: int, limit: int) -> Mentioned | None:
        """The speaker named after a cue at ``start`` ("kata Sullivan", "menurut dua pejabat")."""
        ws = words(self.text, start, limit)
        if not ws:
            return None
        first = ws[0]
        if first.lower in self.lex.pronouns:
            return Mentioned(PRONOUN, first.text, first.start, first.end)
        phrase = self._phrase_after(ws)
        if not phrase:
            return None
        mentioned = self.analyze(phrase)
        if mentioned is None:
            return None
        rest = ws[len(phrase) :]
        if mentioned.kind in (TITLE, ORG, UNNAMED) and _starts_with_comma(rest):
            # "kata juru bicara Dewan Keamanan PBB, Adrienne Watson, dalam …"
            appositive = self._phrase_after(rest[1:])
            named = self.analyze(appositive) if appositive else None
            if named is not None and named.kind == PERSON:
                named.role = _join(self.text, phrase)
                return named
        if (
            mentioned.kind == PERSON
            and mentioned.entity is None
            and mentioned.role
            and _starts_with_comma(rest)
        ):
            # "kata pemilik Rumah Makan Kopi NYIA, Armanunsah Wahyudi": the name follows
            appositive = self._phrase_after(rest[1:])
            named = self.analyze(appositive) if appositive else None
            if named is not None and named.kind == PERSON and named.role is None:
                named.role = _join(self.text, phrase)
                return named
        if mentioned.kind == PERSON and mentioned.role is None and _starts_with_comma(rest):
            # "kata Joni, Direktur RSUD Sleman, …"
            appositive = self._phrase_after(rest[1:])
            if appositive and self.lex.is_title(appositive[0].text):
                mentioned.role = _join(self.text, appositive)
        return mentioned

    def _phrase_after(self, ws: list[Word]) -> list[Word]:
        """The words of a speaker phrase from the first of ``ws`` up to where it ends."""
        lex = self.lex
        if not ws or ws[0].is_punct:
            return []
        head = ws[0].lower
        open_class = lex.is_title(head) or head in lex.unnamed or head in lex.quantifiers
        phrase: list[Word] = []
        i = 0
        limit = min(len(ws), _MAX_PHRASE_WORDS)
        while i < limit:
            w = ws[i]
            nxt = ws[i + 1] if i + 1 < len(ws) else None
            named = any(lex.is_name_word(p.text) for p in phrase)
            if w.is_punct:
                if w.text == "." and phrase and _abbreviation(phrase[-1], lex):
                    phrase.append(w)
                elif w.text == "(" and phrase and i + 2 < len(ws) and ws[i + 2].text == ")":
                    phrase.extend(ws[i : i + 3])  # "PT Kereta Commuter Indonesia (KCI) Wiwik"
                    i += 2
                else:
                    break
            elif w.is_capitalized or w.text[0].isdigit() and open_class:
                if phrase and w.lower in lex.not_names:
                    break
                phrase.append(w)
            elif phrase and (w.lower in lex.stop_after_speaker or w.lower in lex.cue_stems):
                if not (w.lower == "dan" and not named and nxt is not None and nxt.is_capitalized):
                    break
                phrase.append(w)  # "Menteri Riset dan Teknologi …"
            elif lex.verb_re.fullmatch(w.text):
                break
            elif (
                phrase and w.lower in lex.name_particles and nxt is not None and nxt.is_capitalized
            ):
                phrase.append(w)
            elif open_class and not named and w.lower not in lex.pronouns:
                phrase.append(w)
            else:
                break
            i += 1
        while (
            phrase
            and (phrase[-1].is_punct or not phrase[-1].is_capitalized)
            and not (
                phrase[-1].lower in lex.unnamed
                or lex.is_title(phrase[-1].text)
                or phrase[-1].text == ")"
            )
        ):
            phrase.pop()
        return phrase

    # -- the subject before a verb -------------------------------------------------------------

    def subject_before(self, clause_start: int, verb_start: int) -> Mentioned | None:
        """The subject of a verb of saying: the nearest clause before it, across appositives
        ("Shoigu, Menteri Pertahanan Rusia, mengatakan")."""
        ws = words(self.text, clause_start, verb_start)
        if ws and ws[-1].lower in self.lex.clause_openers and not ws[-1].is_capitalized:
            return None  # "…, seraya menambahkan": the subject is not written here
        segments = _segments(ws, self.lex)
        role: str | None = None
        for segment in reversed(segments[-_MAX_SEGMENTS:]):
            subject = self._subject_words(segment)
            mentioned = self.analyze(subject) if subject else None
            if mentioned is None:
                continue  # "…, yang dihubungi, juga membenarkan": a relative clause
            if mentioned.kind == TITLE:
                role = role or mentioned.name
                continue
            if mentioned.kind == PERSON and mentioned.role is None:
                mentioned.role = role
            return mentioned
        if role is not None:
            return Mentioned(TITLE, role, ws[0].start, ws[-1].end, role)
        return None

    def _subject_words(self, ws: list[Word]) -> list[Word]:
        """A clause's words cut to the subject: up to the first adverbial ("dalam rapat …")."""
        lex = self.lex
        for i, w in enumerate(ws):
            if i and w.lower in lex.stop_after_speaker:
                ws = ws[:i]
                break

        def keeps(w: Word) -> bool:
            low = w.lower
            return (
                w.is_capitalized
                or low in lex.pronouns
                or low in lex.unnamed
                or low in lex.quantifiers
                or lex.is_title(w.text)
            )

        while ws and not keeps(ws[-1]):
            ws = ws[:-1]
        while ws and not keeps(ws[0]):
            ws = ws[1:]
        return ws

    # -- what a phrase names ------------------------------------------------------------------

    def analyze(self, phrase: list[Word]) -> Mentioned | None:
        """What the words of a speaker phrase name, with the role written before the name."""
        if not phrase:
            return None
        lex = self.lex
        start, end = phrase[0].start, phrase[-1].end
        people = self.mentions.within(start, end, "PER")
        run = _last_name_run(phrase, lex)
        if people and run and run[0].start >= people[-1][1]:
            people = []  # the name the model missed comes after what it tagged
        if people:
            m_start, m_end, index, _ = people[-1]
            inside = _last_name_run(words(self.text, m_start, m_end), lex)
            if inside:  # the model's span may hold the title: "Dewan Keamanan Nasional John Kirby"
                m_start = inside[0].start
            role = self.text[start:m_start].strip(" ,")
            return Mentioned(PERSON, self.text[m_start:m_end], m_start, m_end, role or None, index)
        last = phrase[-1]
        if len(phrase) == 1 and last.lower in lex.pronouns:
            return Mentioned(PRONOUN, last.text, last.start, last.end)
        head = next((w for w in phrase if w.lower not in lex.quantifiers), phrase[0])
        if run and not (head.lower in lex.unnamed and not lex.is_title(head.text)):
            role = self.text[start : run[0].start].strip(" ,")
            name = self.text[run[0].start : run[-1].end]
            return Mentioned(PERSON, name, run[0].start, run[-1].end, role or None)
        if head.lower in lex.unnamed:
            return Mentioned(UNNAMED, self.text[start:end], start, end)
        if lex.is_title(head.text):
            return Mentioned(TITLE, self.text[start:end], start, end, self.text[start:end])
        orgs = self.mentions.within(start, end, "ORG")
        if orgs:
            m_start, m_end, index, _ = orgs[-1]
            return Mentioned(ORG, self.text[m_start:m_end], m_start, m_end, None, index)
        capitalized = [w for w in phrase if w.is_capitalized]
        if (
            capitalized
            and capitalized[0].lower in lex.affiliation_words
            and not any(w.lower in lex.not_names for w in capitalized)
        ):
            return Mentioned(ORG, self.text[start:end], start, end)
        return None

    def clean_name(self, name: str) -> str:
        """``name`` without the titles and organization words an entity's span may carry."""
        run = _last_name_run(words(name, 0, len(name)), self.lex)
        return name[run[0].start :] if run else name

    def role_before(self, start: int) -> str | None:
        """The title written right before a name ("Kepala BMKG" in "Kepala BMKG Dwikorita …")."""
        lex = self.lex
        ws = words(self.text, max(0, start - 100), start)
        taken: list[Word] = []
        for w in reversed(ws):
            if w.is_punct or w.lower in lex.not_names:
                break
            if not (w.is_capitalized or lex.is_title(w.text) or w.lower in lex.affiliation_words):
                break
            taken.insert(0, w)
        while taken and not lex.is_title(taken[0].text):
            taken = taken[1:]
        return _join(self.text, taken) if taken else None

    def longest_written(self, name: str) -> str:
        """``name`` with the name words the text writes before it somewhere ("Shoigu" ->
        "Sergei Shoigu" from "Menteri Pertahanan Rusia Sergei Shoigu mengunjungi …")."""
        best = name
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for match in pattern.finditer(self.text):
            before = words(self.text, max(0, match.start() - 60), match.start())
            run: list[Word] = []
            for w in reversed(before[-3:]):
                if not self.lex.is_name_word(w.text) or w.text.isupper() and len(w.text) > 1:
                    break
                run.insert(0, w)
            if run:
                candidate = self.text[run[0].start : match.end()]
                if len(candidate) > len(best):
                    best = candidate
        return best

    def titled_person(self, title: str, near: int) -> Mentioned | None:
        """The person the document introduces with ``title`` ("Presiden" -> "Presiden Joko
        Widodo"), the nearest such place before ``near`` first, else the first after it."""
        pattern = re.compile(rf"(?<!\w){re.escape(title)}(?!\w)")
        found: list[Mentioned] = []
        for match in pattern.finditer(self.text):
            ws = words(self.text, match.end(), min(len(self.text), match.end() + 120))
            phrase = self._phrase_after(ws)
            named = self.analyze(phrase) if phrase else None
            if named is not None and named.kind == PERSON and named.start - match.end() < 60:
                named.role = self.text[match.start() : named.start].strip(" ,") or title
                found.append(named)
        if not found:
            return None
        before = [m for m in found if m.start < near]
        return before[-1] if before else found[0]


def _slip(text: str, lex: QuoteLexicon, lower_words: set[str]) -> bool:
    """A PER mention that cannot be a person's name (see ``MentionIndex``)."""
    parts = text.split()
    if len(parts) != 1:
        return not lex.is_name_word(parts[-1])
    return not lex.is_name_word(text) or text.lower() in lower_words or text.isupper()


def _starts_with_comma(ws: list[Word]) -> bool:
    return len(ws) > 1 and ws[0].text == ","


def _abbreviation(word: Word, lex: QuoteLexicon) -> bool:
    """A word a period may follow inside a name: a title ("Prof.") or an initial ("H.")."""
    return lex.is_title(word.text) or (len(word.text) == 1 and word.text.isupper())


def _last_name_run(phrase: list[Word], lex: QuoteLexicon) -> list[Word]:
    """The last run of name words in a phrase ("Jake Sullivan" in "… AS Jake Sullivan")."""
    run: list[Word] = []
    best: list[Word] = []
    for w in phrase:
        if lex.is_name_word(w.text) and not (w.text.isupper() and len(w.text) > 1 and not run):
            run.append(w)
        elif run and (w.lower in lex.name_particles or w.text == "." and len(run[-1].text) == 1):
            run.append(w)
        else:
            if run:
                best = run
            run = []
    if run:
        best = run
    while best and not best[-1].text[0].isalnum():
        best = best[:-1]
    return best


def _segments(ws: list[Word], lex: QuoteLexicon) -> list[list[Word]]:
    """A clause's words split at commas; the last segment is the one next to the verb."""
    segments: list[list[Word]] = [[]]
    for w in ws:
        if w.text == ",":
            segments.append([])
        elif w.is_punct and w.text not in ".-":
            segments.append([])
        elif w.lower in lex.clause_openers and not w.is_capitalized:
            segments.append([])
        elif w.lower in lex.clause_openers and segments[-1] == []:
            continue  # "Namun, …" / "Sementara itu, …" at a sentence start
        else:
            segments[-1].append(w)
    return [s for s in segments if s]


def _join(text: str, phrase: list[Word]) -> str:
    return text[phrase[0].start : phrase[-1].end]
