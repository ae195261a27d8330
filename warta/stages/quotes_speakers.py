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
#: An age after a name, as news gives it for people who are no public figures: "Minda (21)"
#: (two digits: "Pasal 5 Ayat (1)" is no person).
_AGE = re.compile(r"[^\S\n]*\([1-9]\d(?:[^\S\n]*tahun)?\)")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
#: How many words a speaker phrase may run to.
_MAX_PHRASE_WORDS = 16
#: How many words a parenthesis inside a speaker phrase may hold ("(KAI Commuter)").
_MAX_PAREN_WORDS = 6
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
    function word, is a tagging slip and is left out. So is a PER mention that stands where
    only a place can ("di Nglahar", "Candi Borobudur") or that the model calls a place
    elsewhere in the document; a place word the model glued to the front of a name ("Bekasi
    Yana Suyatna" after "Kota") is cut off.
    """

    def __init__(self, doc: Document, lex: QuoteLexicon) -> None:
        lower_words = set(_LOWER_WORD.findall(doc.text))
        people = {m.text for e in doc.entities if e.type == "PER" for m in e.mentions}
        places = {m.text for e in doc.entities if e.type == "LOC" for m in e.mentions} - people
        spans = []
        for index, entity in enumerate(doc.entities):
            if entity.type not in ("PER", "ORG"):
                continue
            for mention in entity.mentions:
                start, end = mention.start, mention.end
                if entity.type == "PER":
                    trimmed = _person_span(doc.text, start, end, lex, places)
                    if trimmed is None or _slip(
                        doc.text[trimmed[0] : trimmed[1]], lex, lower_words
                    ):
                        continue
                    start, end = trimmed
                spans.append((start, end, index, entity.type))
        spans.sort()
        self.lower_words = lower_words
        self.places = places
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


def _person_span(
    text: str, start: int, end: int, lex: QuoteLexicon, places: set[str]
) -> tuple[int, int] | None:
    """The part of a PER mention that can be a person's name, or None where it stands for a
    place: after "di/ke/dari" or a place head ("Masjid Istiqlal Nasaruddin Umar" ->
    "Nasaruddin Umar"), or made of places the model tags as such elsewhere."""
    before = words(text, max(0, start - 40), start)
    previous = before[-1] if before else None
    if previous is not None and previous.lower in lex.place_prepositions:
        return None
    ws = [w for w in words(text, start, end) if not w.is_punct]
    if previous is not None and lex.is_place_head(
        previous.text, before[-2].text if len(before) > 1 else None
    ):
        ws = ws[1:]
    if ws and lex.is_place_head(ws[0].text):
        ws = ws[2:]  # "Candi Borobudur …", "Desa Sukamaju …"
    while ws and ws[0].text in places:
        ws = ws[1:]
    if not ws:
        return None
    return ws[0].start, end


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
        mentioned = self.analyze(phrase) or self._place_named(phrase)
        if mentioned is None:
            return None
        rest = ws[len(phrase) :]
        if mentioned.kind in (UNNAMED, TITLE) and self._points_back(rest):
            # "kata siswa jurusan Otomotif itu", "ujar ibu lima anak ini": someone named before
            return Mentioned(PRONOUN, "", mentioned.start, mentioned.end)
        while rest and rest[0].text.isdigit() and mentioned.kind in (TITLE, ORG, UNNAMED):
            rest = rest[1:]  # "pengelola Gang Hijau RT 008 RW 009, Kelurahan …, Juriah"
        if mentioned.role and rest and rest[0].lower in self.lex.origin_prepositions:
            origin = self._phrase_after(rest[1:])
            if origin and _starts_with_comma(rest[1 + len(origin) :]):
                rest = rest[1 + len(origin) :]  # "anggota Tim Peneliti GeNose dari UGM, Dian …"
        one_word = mentioned.kind == PERSON and len(mentioned.name.split()) == 1
        if _starts_with_comma(rest) and (
            mentioned.kind in (TITLE, ORG, UNNAMED)
            or mentioned.kind == PERSON
            and (mentioned.entity is None or one_word)
            and mentioned.role
        ):
            # "kata juru bicara Dewan Keamanan PBB, Adrienne Watson, dalam …", "kata Kepala
            # Dusun Nglahar, Kelurahan Sumbersari, Wahyu Wibowo"
            named = self._appositive_name(rest)
            if named is not None and (
                mentioned.entity is None or named.entity is not None or len(named.name.split()) > 1
            ):
                # "kata peneliti senior Centropolis, Suryono Herlambang": the role's last
                # word was the body's name
                named.role = self.text[phrase[0].start : named.start].strip(" ,")
                return named
        if mentioned.kind == PERSON and mentioned.role is None and _starts_with_comma(rest):
            # "kata Joni, Direktur RSUD Sleman, …", "said Jake Sullivan, the national …"
            appositive = self._phrase_after(rest[1:])
            if appositive and any(self.lex.is_title(w.text) for w in appositive[:4]):
                mentioned.role = _join(self.text, appositive)
        return mentioned

    def _points_back(self, rest: list[Word]) -> bool:
        """Whether the words after a description open or end their clause with a
        demonstrative ("… itu pun menyampaikan", "… yang mengaku belum punya SIM ini.")."""
        clause: list[Word] = []
        for w in rest[:12]:
            if w.is_punct:
                break
            if w.is_capitalized and clause and clause[-1].lower not in self.lex.demonstratives:
                return False
            clause.append(w)
        demonstratives = self.lex.demonstratives
        return bool(clause) and (
            clause[0].lower in demonstratives or clause[-1].lower in demonstratives
        )

    def _place_named(self, phrase: list[Word]) -> Mentioned | None:
        """A bare name right after a cue that the model tagged as a place elsewhere ("ujar
        Lusia", "kata Pandu"): after "kata" a name speaks, so it is a person here."""
        lex = self.lex
        if len(phrase) > 3 or lex.is_place_head(phrase[0].text):
            return None
        if not all(lex.is_name_word(w.text) and not w.text.isupper() for w in phrase):
            return None
        name = _join(self.text, phrase)
        return Mentioned(PERSON, name, phrase[0].start, phrase[-1].end)

    def _appositive_name(self, rest: list[Word]) -> Mentioned | None:
        """The bare name in the comma-separated appositions after a role, past the places
        and organizations between ("…, Kelurahan Sumbersari, Kecamatan Moyudan, Wahyu
        Wibowo") and the end of a list inside the role ("Politik, Hukum, dan Keamanan Mahfud
        MD")."""
        lex = self.lex
        for _ in range(_MAX_SEGMENTS):
            if not _starts_with_comma(rest):
                return None
            segment = rest[1:]
            listed = bool(segment) and segment[0].lower == "dan"
            if listed:
                segment = segment[1:]
            phrase = self._phrase_after(segment)
            named = self.analyze(phrase) if phrase else None
            if named is None:
                return None
            first = phrase[0]
            place = lex.is_place_head(first.text) or first.lower in lex.affiliation_words
            if named.kind == PERSON and (named.role is None or listed or not place):
                return named
            if not place:
                return None
            rest = segment[len(phrase) :]
        return None

    def _person_in(self, phrase: list[Word]) -> bool:
        return bool(self.mentions.within(phrase[0].start, phrase[-1].end, "PER"))

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
                close = _closing_paren(ws, i) if w.text == "(" and phrase else None
                if w.text == "." and phrase and _abbreviation(phrase[-1], lex):
                    phrase.append(w)
                elif close is not None:
                    phrase.extend(ws[i : close + 1])  # "PT Kereta Commuter Indonesia (KCI) Wiwik"
                    i = close
                elif (
                    w.text in "-/"
                    and phrase
                    and open_class
                    and nxt is not None
                    and (nxt.is_capitalized or nxt.text[0].isdigit())
                ):
                    phrase.append(w)  # "Gugus Tugas Covid - 19", "Menristek / Kepala BRIN"
                else:
                    break
            elif w.is_capitalized or w.text[0].isdigit() and open_class:
                if phrase and w.lower in lex.not_names and w.lower not in lex.affiliation_words:
                    break
                phrase.append(w)
            elif phrase and self._joins_roles(ws, i):
                phrase.append(w)  # "Kepala BNPB yang juga Ketua Satgas …"
            elif phrase and (w.lower in lex.stop_after_speaker or w.lower in lex.cue_stems):
                if not (
                    w.lower == "dan"
                    and nxt is not None
                    and nxt.is_capitalized
                    and (not named or lex.is_title(phrase[0].text) and not self._person_in(phrase))
                ):
                    break
                phrase.append(w)  # "Menteri Riset dan Teknologi …"
            elif (
                phrase
                and w.lower in lex.title_links
                and lex.is_title(phrase[-1].text)
                and nxt is not None
                and nxt.is_capitalized
            ):
                phrase.append(w)  # "Secretary of State"
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
        boundaries = [
            i
            for i, w in enumerate(ws)
            if w.lower in self.lex.clause_boundaries
            and not w.is_capitalized
            and not self._passive_at(ws, i + 1)  # "Doni Monardo, saat dihubungi, mengatakan"
        ]
        if boundaries:
            ws = ws[boundaries[-1] + 1 :]  # "… terjadi ketika AS menyatakan": AS speaks
        segments = _segments(ws, self.lex)[-_MAX_SEGMENTS:]
        role: str | None = None
        for k in range(len(segments) - 1, -1, -1):
            subject = self._subject_words(segments[k])
            mentioned = self.analyze(subject) if subject else None
            if mentioned is None:
                if subject and all(w.lower in self.lex.not_names for w in subject):
                    continue  # "…, Senin (30/11/2020) di Jakarta, mengatakan": a date
                if subject and all(w.is_capitalized for w in subject):
                    return None  # a place where the subject stands: no one speaks here
                continue  # "…, yang dihubungi, juga membenarkan": a relative clause
            if mentioned.kind in (UNNAMED, TITLE) and self._points_back(
                words(self.text, subject[-1].end, verb_start) + [Word(verb_start, verb_start, ".")]
            ):
                return Mentioned(PRONOUN, "", subject[0].start, subject[-1].end)
            if mentioned.kind == TITLE:
                role = role or mentioned.name
                continue
            if (
                k
                and mentioned.kind == ORG
                and all(
                    w.text in self.mentions.places or w.lower in self.lex.affiliation_words
                    for w in subject
                )
            ):
                continue  # "Rizky (29), warga Cipayung, Jakarta Timur, berharap": a place
            if k and (
                subject[0].text[0].islower()
                and subject[0].lower not in self.lex.pronouns
                or self.lex.is_title(subject[0].text)
            ):
                # "Aziz Yanuari, kuasa hukum FPI dan Rizieq Shihab, menyatakan": a role after
                # a bare name is an apposition to it
                earlier = self._subject_words(segments[k - 1])
                named = self.analyze(earlier) if earlier else None
                aged = named is not None and _AGE.match(self.text, named.end) is not None
                if (
                    named is not None
                    and named.kind == PERSON
                    and (named.role is None or aged)
                    and (named.entity is not None or len(named.name.split()) > 1 or aged)
                ):
                    # "Fenny (28), warga Jakarta …, berharap": an age marks the person too
                    named.role = _join(self.text, subject)
                    return named
            if mentioned.kind == PERSON and mentioned.role is None:
                mentioned.role = role
            return mentioned
        if role is not None:
            return Mentioned(TITLE, role, ws[0].start, ws[-1].end, role)
        return None

    def _joins_roles(self, ws: list[Word], i: int) -> bool:
        """Whether ``ws[i]`` is part of a role joiner between two roles of a person not yet
        named ("Kepala BNPB yang juga Ketua …", not "Erick yang juga Menteri …")."""
        if not ws or not self.lex.is_title(ws[0].text) or self._person_in(ws[: i + 1]):
            return False
        for joiner in self.lex.role_joiners:
            for k in range(len(joiner)):
                at = i - k
                end = at + len(joiner)
                if (
                    at >= 0
                    and end < len(ws)
                    and tuple(w.lower for w in ws[at:end]) == joiner
                    and self.lex.is_title(ws[end].text)
                ):
                    return True
        return False

    def _passive_at(self, ws: list[Word], i: int) -> bool:
        """Whether ``ws[i]`` is a passive verb ("dihubungi"): a clause without a subject."""
        if i >= len(ws):
            return False
        w = ws[i]
        return len(w.text) > 5 and w.lower.startswith(self.lex.passive_prefixes)

    def _subject_words(self, ws: list[Word]) -> list[Word]:
        """A clause's words cut to the subject: up to the first adverbial ("dalam rapat …").
        A segment that opens with one ("di Surabaya", "yang dihubungi Kompas") has none."""
        lex = self.lex
        if ws and (ws[0].lower in lex.stop_after_speaker or ws[0].lower in lex.place_prepositions):
            return []
        for i, w in enumerate(ws):
            if (
                w.lower in lex.example_markers
                and i + 1 < len(ws)
                and lex.is_name_word(ws[i + 1].text)
            ):
                return self._subject_words(ws[i + 1 :])  # "Warga lain seperti Rudianta (24)"
            if i and w.lower in lex.stop_after_speaker and not self._joins_roles(ws, i):
                ws = ws[:i]
                break
            if (
                i
                and w.lower in lex.origin_prepositions
                and all(lex.is_name_word(x.text) and not x.text.isupper() for x in ws[:i])
            ):
                ws = ws[:i]  # "Reynaldi dari PT House of Rattan mengatakan"
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
        run = self._name_run(phrase)
        if people and run and run[0].start >= people[-1][1]:
            people = []  # the name the model missed comes after what it tagged
        if people:
            m_start, m_end, index, _ = people[-1]
            inside = _last_name_run(words(self.text, m_start, m_end), lex)
            if inside:  # the model's span may hold the title: "Dewan Keamanan Nasional John Kirby"
                m_start = inside[0].start
            role = self._role(start, m_start)
            return Mentioned(PERSON, self.text[m_start:m_end], m_start, m_end, role, index)
        last = phrase[-1]
        if len(phrase) == 1 and last.lower in lex.pronouns:
            return Mentioned(PRONOUN, last.text, last.start, last.end)
        head = next((w for w in phrase if w.lower not in lex.quantifiers), phrase[0])
        if run and not (head.lower in lex.unnamed and not lex.is_title(head.text)):
            role = self._role(start, run[0].start)
            name = self.text[run[0].start : run[-1].end]
            return Mentioned(PERSON, name, run[0].start, run[-1].end, role)
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

    def _role(self, start: int, end: int) -> str | None:
        """The words before a name as its role, when they hold a title or an office
        ("juru bicara Kremlin"); other words there ("sebuah penilaian dari") are no role."""
        role = self.text[start:end].strip(" ,")
        ws = words(role, 0, len(role))
        if any(self.lex.is_title(w.text) or w.lower in self.lex.affiliation_words for w in ws):
            return role
        return None

    def _name_run(self, phrase: list[Word]) -> list[Word]:
        """The last run of name words in ``phrase``, less the place or organization name
        that a head noun before it opens ("Kepala Dusun Nglahar" has none, "Kepala Desa
        Sukamaju Budi Santoso" has "Budi Santoso") and less places the model knows."""
        run = _last_name_run(phrase, self.lex)
        if run:
            at = next(i for i, w in enumerate(phrase) if w is run[0])
            previous = phrase[at - 1] if at else None
            if previous is not None and self.lex.is_place_head(
                previous.text, phrase[at - 2].text if at > 1 else None
            ):
                run = run[1:]
        while run and run[0].text in self.mentions.places:
            run = run[1:]
        if (
            len(run) == 1
            and run[0].lower in self.mentions.lower_words
            and _sentence_initial(self.text, run[0].start)
        ):
            return []  # "Dikonfirmasi secara terpisah, …": a sentence's first word, not a name
        return run

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

    def is_subject(self, start: int, sentence_start: int) -> bool:
        """Whether the name at ``start`` opens its clause, past its title: "Wali Kota Bekasi
        Rahmat Effendi sudah …", "Meski demikian, Yusri tetap …", not "Bagi Toto, …" or
        "Setelah Orient diberhentikan …"."""
        lex = self.lex
        ws = words(self.text, max(sentence_start, start - 200), start)
        i = len(ws)
        while i and ws[i - 1].lower not in lex.not_names:
            w = ws[i - 1]
            if w.text == ")":
                opening = next(
                    (
                        k
                        for k in range(i - 2, max(-1, i - _MAX_PAREN_WORDS - 2), -1)
                        if ws[k].text == "("
                    ),
                    None,
                )
                if opening is None:
                    break
                i = opening  # "Sekretaris Jenderal Majelis Ulama Indonesia (MUI) Anwar Abbas"
                continue
            if w.is_punct:
                break
            if not (w.is_capitalized or lex.is_title(w.text) or w.lower in lex.affiliation_words):
                break
            i -= 1
        if i == 0:
            return True
        previous = ws[i - 1]
        if previous.text == "," and i < len(ws) and ws[i].text[0].islower():
            return False  # "Bambang, kuasa hukum Andi, …": Andi is named in an apposition
        if i > 1 and previous.lower in lex.agents:
            previous = ws[i - 2]
        return (
            previous.text in ",:;"
            or previous.lower in lex.passive  # "Hal senada disampaikan Rizki Rifai"
            or (previous.lower in lex.clause_openers and not previous.is_capitalized)
        )

    def opening_person(self, s_start: int, s_end: int) -> Mentioned | None:
        """A person a sentence opens with, introduced the way news introduces people: a name
        with an age ("Minda (21), pengunjung …"), a name and an apposition ("Ruli, salah satu
        peserta, merasa …"), a full name and a verb ("Toto Sugito yakin …"), or a role and
        the name in apposition ("Anggota pengurus Masjid At-Tin, Karnali, juga …"). An
        opening adverbial up to a comma is passed over ("Meski demikian, Yusri …")."""
        ws = words(self.text, s_start, min(s_end, s_start + 300))
        named = self._introduced(ws)
        if named is None:
            comma = next((i for i, w in enumerate(ws[:4]) if w.text == ","), None)
            if comma is not None and not any(self.lex.is_name_word(w.text) for w in ws[1:comma]):
                named = self._introduced(ws[comma + 1 :])
        return named

    def closing_person(self, s_start: int, s_end: int) -> Mentioned | None:
        """A person a sentence ends on after a copula: "Salah satunya adalah Ketua
        Perkumpulan Ahli Ekonomi Kesehatan Indonesia Hasbullah Thabrany." """
        ws = words(self.text, s_start, s_end)
        at = max((i for i, w in enumerate(ws) if w.lower in self.lex.introducers), default=-1)
        if at < 0:
            return None
        rest = ws[at + 1 :]
        phrase = self._phrase_after(rest)
        if not phrase or any(not w.is_punct for w in rest[len(phrase) :]):
            return None
        named = self.analyze(phrase)
        if named is None or named.kind != PERSON:
            return None
        return named

    def _introduced(self, ws: list[Word]) -> Mentioned | None:
        lex = self.lex
        if not ws or not ws[0].is_capitalized:
            return None
        phrase = self._phrase_after(ws)
        named = self.analyze(phrase) if phrase else None
        if named is None:
            return None
        rest = ws[len(phrase) :]
        if _starts_with_comma(rest) and (
            named.kind in (TITLE, UNNAMED)
            or named.kind == PERSON
            and named.entity is None
            and named.role
        ):
            # "Anggota pengurus Masjid At-Tin, Karnali, juga …": the role's last word is no name
            in_apposition = self._appositive_name(rest)
            if in_apposition is not None and in_apposition.kind == PERSON:
                return in_apposition
            if named.kind != PERSON:
                return None
        if named.kind != PERSON or named.entity is not None:
            return named if named is not None and named.kind == PERSON else None
        before = [w for w in phrase if w.end <= named.start]
        if before and not any(
            lex.is_title(w.text) and w.lower not in self.mentions.lower_words for w in before
        ):
            return None  # "Pemprov Jabar memberikan …", "BPJS Ketenagakerjaan, …": no person
        if self.mentions.within(named.start, named.end, "ORG") or named.name in (
            self.mentions.places
        ):
            return None
        nxt = rest[0] if rest else None
        after = rest[1] if len(rest) > 1 else None
        if nxt is None or after is None:
            return None
        aged = _AGE.match(self.text, named.end) is not None
        for w in words(self.text, named.start, named.end):
            low = w.lower
            if low in lex.common_words or low in self.mentions.lower_words:
                return None  # "Penyusunan RUU …", "Kartu Prakerja …": common nouns
            if low.endswith("nya") and not aged:
                return None  # "Pasalnya, …", "Sayangnya, …"
        apposed = nxt.text == "," and (
            not after.is_capitalized or lex.is_title(after.text) or after.lower in lex.unnamed
        )
        parts = named.name.split()
        described = apposed and (after.lower in lex.unnamed or after.lower in lex.quantifiers)
        if len(parts) == 1 and not (aged or described or self._written_inside(named.name)):
            # "Alhasil, …": a one-word name needs an age, an apposition that describes a
            # person ("Ruli, salah satu peserta, …", "Fia, warga …") or to recur in a sentence
            return None
        acting = (
            len(parts) > 1
            and nxt.text[0].islower()
            and not self._passive_at(rest, 0)
            and not before
            and not any(p.isupper() and len(p) > 2 for p in parts)
        )
        return named if aged or apposed or acting else None

    def _written_inside(self, name: str) -> bool:
        """Whether ``name`` is written somewhere other than at a sentence start."""
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        return any(not _sentence_initial(self.text, m.start()) for m in pattern.finditer(self.text))

    def aged_people(self) -> list[Mentioned]:
        """People introduced with their age anywhere in the text ("… adalah Fanda Riyanto
        (18)."): news gives an age only to a person, so the name before it is one, even
        where the model took it for an organization ("Gun Gun Heryanto (44)")."""
        found = []
        for m in _AGE.finditer(self.text):
            ws = words(self.text, max(0, m.start() - 80), m.start())
            run = _last_name_run(ws, self.lex)
            if not run or run[-1] is not ws[-1]:
                continue
            if any(
                w.lower in self.lex.common_words
                or w.lower in self.mentions.lower_words
                or w.text in self.mentions.places
                for w in run
            ):
                continue
            start, end = run[0].start, run[-1].end
            people = self.mentions.within(start, end, "PER")
            entity = people[-1][2] if people else None
            found.append(Mentioned(PERSON, self.text[start:end], start, end, None, entity))
        return found

    def longest_written(self, name: str) -> str:
        """``name`` with the name words the text writes before it somewhere ("Shoigu" ->
        "Sergei Shoigu" from "Menteri Pertahanan Rusia Sergei Shoigu mengunjungi …")."""
        best = name
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for match in pattern.finditer(self.text):
            before = words(self.text, max(0, match.start() - 60), match.start())
            run: list[Word] = []
            for w in reversed(before[-3:]):
                if (
                    not self.lex.is_name_word(w.text)
                    or w.text.isupper()
                    and len(w.text) > 1
                    or w.text in self.mentions.places
                ):
                    break
                run.insert(0, w)
            head = len(before) - len(run) - 1
            if (
                run
                and head >= 0
                and self.lex.is_place_head(
                    before[head].text, before[head - 1].text if head else None
                )
            ):
                run = run[1:]  # "Kota Malang Suwarjana": "Malang" names the town
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


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence or paragraph (after closing marks and spaces)."""
    before = text[max(0, pos - 4) : pos].rstrip(' \t”"’')
    return not before or before[-1] in ".!?\n"


def _closing_paren(ws: list[Word], i: int) -> int | None:
    """The index of the ")" closing the "(" at ``i`` within a few words, if any."""
    for j in range(i + 1, min(len(ws), i + _MAX_PAREN_WORDS + 2)):
        if ws[j].text == ")":
            return j
        if ws[j].text == "(":
            return None
    return None


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
    """A clause's words split at commas; the last segment is the one next to the verb.
    Parentheses and segments that only date the statement ("Senin (20/4/2020)") are left
    out, so "Budi Santoso, Senin (20/4/2020), mengatakan" still finds its subject."""
    segments: list[list[Word]] = [[]]
    depth = 0
    for w in ws:
        if w.text == "(":
            depth += 1
        elif w.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif w.text == ",":
            segments.append([])
        elif w.is_punct and w.text not in ".-":
            segments.append([])
        elif w.lower in lex.clause_openers and not w.is_capitalized:
            segments.append([])
        elif w.lower in lex.clause_openers and segments[-1] == []:
            continue  # "Namun, …" / "Sementara itu, …" at a sentence start
        else:
            segments[-1].append(w)
    return [
        s
        for s in segments
        if s
        and not all(
            w.lower in lex.not_names and w.lower not in lex.pronouns or w.text[0].isdigit()
            for w in s
        )
    ]


def _join(text: str, phrase: list[Word]) -> str:
    return text[phrase[0].start : phrase[-1].end]
