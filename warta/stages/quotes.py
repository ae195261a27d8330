"""Who said what: direct, partial and indirect quotations with their speakers.

1. Quotation spans come from their marks (``quotes_marks``): “…”, "…", Kompas's ”…”, «…», and
   quotations over several paragraphs. A quotation that opens its sentence, or follows a frame
   such as "X mengatakan:", is ``direct``; a quoted fragment inside a sentence is ``partial``.
   A quotation broken by its cue (“…,” kata X, “…”) gives two quotes with the same speaker.
2. Indirect speech without marks (``X mengatakan (bahwa) …``, ``menurut X, …``, ``…, kata X.``)
   gives ``indirect`` quotes whose span is the reported content.
3. Each quote's speaker is read from its cue: the phrase after "kata"/"ujar"/…, the subject
   before a verb of saying, the phrase after "menurut"; a clitic ("ujarnya"), a pronoun
   ("kata dia") or no cue at all takes the most recent speaker or person in the last three
   sentences. Names are made as full as the document writes them, through the NER entities
   when they have the name, else through the other names found as speakers.

Everything language-specific is data in ``warta/lang/<code>/quotes.toml`` and its lists.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from warta.document import Document, Entity, Mention, Quote, Speaker
from warta.registry import register_stage
from warta.stages.quotes_lexicon import QuoteLexicon, lexicon
from warta.stages.quotes_marks import Quoted, find_quoted, paragraph_bounds
from warta.stages.quotes_speakers import (
    ORG,
    PERSON,
    PRONOUN,
    TITLE,
    UNNAMED,
    Mentioned,
    MentionIndex,
    SpeakerReader,
    Word,
    words,
)

log = logging.getLogger(__name__)

DIRECT = "direct"
PARTIAL = "partial"
INDIRECT = "indirect"
#: The kinds a quote may have, in the order of how much of the utterance they give word for word.
KINDS = (DIRECT, PARTIAL, INDIRECT)

#: How many sentences back a clitic or pronoun looks for its speaker.
CONTEXT_SENTENCES = 3
#: At most this many words between a verb of saying and the quotation it introduces.
_FRAME_WORDS = 12
#: At most this many words between a verb of saying and the "bahwa" that opens its content.
_COMPLEMENT_WORDS = 20
#: Partial quotations shorter than this (in words), with no cue of their own, are terms
#: ("penanganan ekonomi belum ”menendang”"), not speech.
_MIN_PARTIAL_WORDS = 4
_MIN_INDIRECT_WORDS = 3
#: A quotation of at most this many words, with no punctuation inside and no cue of its own,
#: names a term or a title ("”Undangan” itu …"); speech that short carries its "!" or ",".
_MAX_TERM_WORDS = 3
#: A one-word name at least this long may stand for a longer name that one of its words
#: begins with ("Risma" for "Tri Rismaharini"); shorter ones ("Ari", "Adi") are too ambiguous.
_MIN_SHORT_FORM = 4


@dataclass(slots=True)
class _Item:
    """A quotation while its speaker is being resolved."""

    start: int
    end: int
    kind: str
    anchor: int
    cue: str | None = None
    mention: Mentioned | None = None
    follow: _Item | None = None
    speaker: Speaker | None = None
    #: False for reportage ("Presiden sudah menyampaikan data …") rather than attribution
    #: ("X mengatakan, …"): a later clitic prefers a speaker who was attributed.
    strong: bool = True


class _Finder:
    """Finds and attributes the quotations of one document."""

    def __init__(self, doc: Document, lex: QuoteLexicon, *, indirect: bool) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.with_indirect = indirect
        self.mentions = MentionIndex(doc, lex)
        self.reader = SpeakerReader(doc, lex, self.mentions)
        paragraphs = paragraph_bounds(self.text)
        spans = [(s.start, s.end) for s in doc.sentences] or paragraphs
        self.sentences = spans
        self.sentence_starts = [s for s, _ in spans]
        self.quoted = find_quoted(self.text, paragraphs, lex)
        self.quoted_starts = [q.start for q in self.quoted]

    # -- positions ------------------------------------------------------------------------------

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def sentence_end(self, pos: int) -> int:
        """The end of the sentence holding ``pos``, running on into a next sentence that opens
        with a lower-case word (a splitter that cut "…jalan.” kata Budi" in two)."""
        i = self.sentence_index(pos)
        end = self.sentences[i][1]
        while i + 1 < len(self.sentences) and end <= pos + 1:
            i += 1
            nxt = self.text[self.sentences[i][0] : self.sentences[i][0] + 1]
            if not nxt.islower():
                break
            end = self.sentences[i][1]
        return max(end, pos)

    def inside_quote(self, pos: int) -> Quoted | None:
        i = bisect.bisect_right(self.quoted_starts, pos) - 1
        if i >= 0 and self.quoted[i].start <= pos < self.quoted[i].end:
            return self.quoted[i]
        return None

    def next_quote_start(self, pos: int) -> int:
        i = bisect.bisect_left(self.quoted_starts, pos)
        return self.quoted[i].start if i < len(self.quoted) else len(self.text)

    # -- direct and partial ---------------------------------------------------------------------

    def direct_items(self) -> list[_Item]:
        items: list[_Item] = []
        previous: _Item | None = None
        for q in self.quoted:
            item = self.classify(q, previous)
            if item is not None:
                items.append(item)
                previous = item
        return items

    def classify(self, q: Quoted, previous: _Item | None) -> _Item | None:
        text = self.text
        lex = self.lex
        s_start = self.sentences[self.sentence_index(q.start)][0]
        s_start = max(s_start, previous.end if previous and previous.end <= q.start else 0)
        pre = text[s_start : q.start]
        limit = min(self.sentence_end(q.end - 1), self.next_quote_start(q.end))
        item = _Item(q.start, q.end, DIRECT, q.start)
        cue = lex.cue_after_re.match(text, q.end, limit) if q.end < limit else None
        if cue:
            item.cue = cue.group("cue").lower()
            if cue.group("clitic"):
                item.mention = Mentioned(PRONOUN, cue.group("cue"), cue.start("cue"), cue.end())
            else:
                item.mention = self.reader.after_cue(cue.end(), limit)
                if item.mention is None:
                    item.mention = Mentioned(PRONOUN, "", cue.end(), cue.end())
        else:
            self.cue_elsewhere(item, q.end, limit)
        if previous is not None and self.continues(previous, q):
            item.follow = previous
            item.cue = item.cue or previous.cue
            return item
        if not pre.strip():
            return self.keep(q, item, has_cue=item.cue is not None)
        frame = self.frame_before(s_start, q.start)
        if frame is not None:
            if item.mention is None:
                if self.is_term(q):
                    return None  # "memastikan, Senin, ”kota hujan” tersebut kembali …"
                item.cue, item.mention = frame
            return self.keep(q, item, has_cue=True)
        item.kind = PARTIAL
        return self.keep(q, item, has_cue=item.cue is not None)

    def cue_elsewhere(self, item: _Item, end: int, limit: int) -> None:
        """A cue after the quotation that names its speaker first ("“…,” Sullivan said."),
        or the next sentence of its paragraph attributing it ("”…” Demikian disampaikan
        Budi", "”…” Hal itu dikatakan oleh Budi")."""
        text = self.text
        first = self.lex.name_first_re.match(text, end, limit)
        if first is not None:
            item.cue = first.group("cue").lower()
            ws = words(text, first.start("name"), first.end("name"))
            item.mention = self.reader.analyze(ws) or Mentioned(
                PRONOUN, first.group("name").strip(), first.start("name"), first.end("name")
            )
            return
        ahead = self.lex.lookahead_re.match(text, end)
        if ahead is None or "\n" in ahead.group():
            return
        mention = self.reader.after_cue(ahead.end(), self.sentence_end(ahead.end()))
        if mention is not None:
            item.cue = " ".join(ahead.group().split()).lower()
            item.mention = mention

    def continues(self, previous: _Item, q: Quoted) -> bool:
        """“…,” kata X, “…”: the text between two quotations is the first one's cue only."""
        between = self.text[previous.end : q.start]
        if not between.rstrip().endswith((",", ":")) or "\n" in between:
            return False
        if any(p in between for p in ".!?"):
            return False
        return bool(self.lex.cue_after_re.match(between))

    def frame_before(self, s_start: int, q_start: int) -> tuple[str, Mentioned] | None:
        """An attribution that introduces the quotation: "X mengatakan, “…”", "Menurut X: “…”"."""
        pre = self.text[s_start:q_start].rstrip()
        if not pre.endswith((",", ":")):
            return None
        lex = self.lex
        verbs = list(lex.verb_re.finditer(self.text, s_start, q_start))
        if verbs:
            verb = verbs[-1]
            if len(words(self.text, verb.end(), q_start)) <= _FRAME_WORDS:
                subject = self.reader.subject_before(s_start, verb.start())
                implicit = Mentioned(PRONOUN, "", verb.start(), verb.start())
                return verb.group().lower(), subject or implicit
        according = list(lex.according_re.finditer(self.text, s_start, q_start))
        if according:
            m = according[-1]
            if m.group("clitic"):
                return m.group().lower(), Mentioned(PRONOUN, m.group(), m.start(), m.end())
            named = self.reader.after_cue(m.end(), q_start)
            if named is not None:
                return m.group().lower(), named
        cue = lex.cue_unquoted_re.search(
            self.text, max(s_start - 1, 0), q_start
        ) or lex.cue_after_re.match(self.text, s_start)
        if cue is not None:
            named = self.reader.after_cue(cue.end(), q_start)
            if named is not None:
                return cue.group("cue").lower(), named
        return None

    def keep(self, q: Quoted, item: _Item, *, has_cue: bool) -> _Item | None:
        """Drop what is quoted but not said: terms, titles of works, lone apostrophes."""
        if q.single and not has_cue:
            return None
        if not has_cue and self.is_term(q):
            return None
        if item.kind == PARTIAL and not has_cue:
            inner = self.text[q.start + 1 : q.end - 1]
            ws = [w for w in words(inner, 0, len(inner)) if not w.is_punct]
            if len(ws) < _MIN_PARTIAL_WORDS:
                return None
            if sum(w.is_capitalized for w in ws) * 2 > len(ws):
                return None  # a title: "webinar ”Berdamai dengan Covid-19”"
            before = words(self.text, max(0, q.start - 40), q.start)
            if before and before[-1].lower in self.lex.work_nouns:
                return None
        return item

    def is_term(self, q: Quoted) -> bool:
        """A quoted name or term rather than speech: at most a few words with no punctuation
        of an utterance inside ("”Undangan” itu pun …", "”Bumi Raflesia” seakan …")."""
        inner = self.text[q.start + 1 : q.end - 1]
        ws = words(inner, 0, len(inner))
        spoken = [w for w in ws if not w.is_punct]
        return len(spoken) <= _MAX_TERM_WORDS and not any(w.text in ".,!?…" for w in ws)

    # -- indirect -------------------------------------------------------------------------------

    def indirect_items(self) -> list[_Item]:
        items = []
        for s_start, s_end in self.sentences:
            item = (
                self.unquoted_cue(s_start, s_end)
                or self.according_to(s_start, s_end)
                or self.verb_of_saying(s_start, s_end)
            )
            if item is not None:
                items.append(item)
        return items

    def content(self, start: int, end: int) -> tuple[int, int] | None:
        """``[start, end)`` trimmed of spaces and edge punctuation, if it says enough."""
        text = self.text
        while start < end and (text[start].isspace() or text[start] in ",:;"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
            end -= 1
        ws = [w for w in words(text, start, end) if not w.is_punct]
        if len(ws) < _MIN_INDIRECT_WORDS:
            return None
        quote = self.inside_quote(start)
        if quote is not None and quote.end >= end:
            return None  # the content is a direct quotation: no indirect speech here
        return start, end

    def unquoted_cue(self, s_start: int, s_end: int) -> _Item | None:
        """ "…, kata X." with no quotation marks."""
        for m in self.lex.cue_unquoted_re.finditer(self.text, s_start, s_end):
            if self.inside_quote(m.start()) or self.lex.mark_re.match(self.text, m.start() - 1):
                continue
            if m.group("clitic"):
                mention: Mentioned | None = Mentioned(
                    PRONOUN, m.group("cue"), m.start("cue"), m.end()
                )
            else:
                mention = self.reader.after_cue(m.end(), s_end)
            if mention is None:
                continue
            begin = s_start
            last_quote = bisect.bisect_right(self.quoted_starts, m.start()) - 1
            if last_quote >= 0 and self.quoted[last_quote].end > s_start:
                begin = max(begin, self.quoted[last_quote].end)
            span = self.content(begin, m.start())
            if span is None and self.text[mention.end : mention.end + 1] == ",":
                span = self.content(mention.end + 1, s_end)  # "Dalam hal itu, terang Budi, …"
            if span is None:
                continue
            return _Item(span[0], span[1], INDIRECT, s_start, m.group("cue").lower(), mention)
        return None

    def according_to(self, s_start: int, s_end: int) -> _Item | None:
        """ "menurut X, …" and "…, menurut X."."""
        text = self.text
        for m in self.lex.according_re.finditer(text, s_start, s_end):
            if self.inside_quote(m.start()):
                continue
            cue = m.group().lower()
            if m.group("clitic"):
                mention: Mentioned | None = Mentioned(PRONOUN, m.group(), m.start(), m.end())
                after = m.end()
            else:
                mention = self.reader.after_cue(m.end(), s_end)
                if mention is None:
                    continue
                after = mention.end
            rest = text[after:s_end].lstrip()
            span = None
            if rest.startswith(",") and not text[s_start : m.start()].strip(" ,").endswith(","):
                ws_before = words(text, s_start, m.start())
                if len([w for w in ws_before if not w.is_punct]) <= 2:
                    span = self.content(after, s_end)
            if span is None and text[s_start : m.start()].rstrip().endswith(","):
                span = self.content(s_start, m.start())
            if span is not None:
                return _Item(span[0], span[1], INDIRECT, m.start(), cue, mention)
        return None

    def verb_of_saying(self, s_start: int, s_end: int) -> _Item | None:
        """ "X mengatakan (bahwa) …": the subject speaks, the rest of the sentence is said."""
        text = self.text
        lex = self.lex
        for m in lex.verb_re.finditer(text, s_start, s_end):
            if self.inside_quote(m.start()):
                continue
            before = words(text, max(s_start, m.start() - 30), m.start())
            if before and (before[-1].lower in lex.negators or before[-1].lower == "yang"):
                continue
            clause_start = s_start
            last_quote = bisect.bisect_right(self.quoted_starts, m.start()) - 1
            if last_quote >= 0 and self.quoted[last_quote].end > s_start:
                clause_start = self.quoted[last_quote].end
            mention = self.reader.subject_before(clause_start, m.start())
            if mention is None:
                if not self.implicit_subject(clause_start, m.start()):
                    continue
                mention = Mentioned(PRONOUN, "", m.start(), m.start())
            begin = m.end()
            comp = lex.complementizer_re.search(text, m.end(), s_end)
            if comp and len(words(text, m.end(), comp.start())) <= _COMPLEMENT_WORDS:
                begin = comp.end()
            span = self.content(begin, s_end)
            if span is None:
                continue
            item = _Item(span[0], span[1], INDIRECT, m.start(), m.group().lower(), mention)
            item.strong = begin != m.end() or text[m.end() : m.end() + 1] in (",", ":")
            if not item.strong and item.cue in lex.object_verbs:
                continue  # "CNN meminta komentar dari …": an object, not speech
            return item
        return None

    def implicit_subject(self, clause_start: int, verb_start: int) -> bool:
        """ "…, seraya menambahkan bahwa …": the verb's subject is the one speaking already."""
        before = words(self.text, clause_start, verb_start)
        return bool(before) and before[-1].lower in self.lex.clause_openers

    # -- speakers -------------------------------------------------------------------------------

    def attach_frames(self, direct: list[_Item], indirect: list[_Item]) -> None:
        """A partial quotation without its own cue takes the speaker of the reported speech it
        sits in ("X mengatakan bahwa negosiasi “secara aktif mengalami kemajuan,”")."""
        for item in direct:
            if item.kind != PARTIAL or item.mention is not None or item.follow is not None:
                continue
            for frame in indirect:
                if frame.start <= item.start < frame.end + 1:
                    item.follow = frame
                    item.cue = frame.cue
                    break
            else:
                s_end = self.sentence_end(item.end)
                cue = self.lex.cue_unquoted_re.search(self.text, item.end, s_end)
                if cue is not None:
                    item.cue = cue.group("cue").lower()
                    if cue.group("clitic"):
                        item.mention = Mentioned(PRONOUN, cue.group("cue"), cue.start(), cue.end())
                    else:
                        item.mention = self.reader.after_cue(cue.end(), s_end)

    def run(self) -> list[Quote]:
        direct = self.direct_items()
        indirect = self.indirect_items() if self.with_indirect else []
        self.attach_frames(direct, indirect)
        items = sorted(direct + indirect, key=lambda i: (i.anchor, i.kind != INDIRECT))
        resolver = _Resolver(self, items)
        resolver.resolve()
        return [
            Quote(
                text=self.text[i.start : i.end],
                start=i.start,
                end=i.end,
                kind=i.kind,
                cue=i.cue,
                speaker=i.speaker,
            )
            for i in sorted(items, key=lambda i: (i.start, i.end))
        ]


class _Resolver:
    """Turns each item's speaker mention into a ``Speaker``, in text order, so that clitics and
    pronouns can take the speaker before them."""

    def __init__(self, finder: _Finder, items: list[_Item]) -> None:
        self.finder = finder
        self.doc = finder.doc
        self.lex = finder.lex
        self.items = items
        #: (position, sentence index, speaker, strong) of every speaker resolved so far.
        self.events: list[tuple[int, int, Speaker, bool]] = []
        self.topics = self.topic_people()
        self.known_names = self.person_names(items)

    def topic_people(self) -> list[tuple[int, int, int | None, int]]:
        """(position, sentence, entity, end) of the people who open a clause outside
        quotations ("Wali Kota Bekasi Rahmat Effendi sudah …", "Meski begitu, Yusri …"): who
        a clitic may point back to when no one spoke just before. So do people introduced
        the way news introduces someone, whether the model tagged them or not: opening a
        sentence ("Minda (21), pengunjung asal Gedebage, …", "Ruli, salah satu peserta,
        merasa …"), ending one after a copula ("Salah satunya adalah … Hasbullah Thabrany."),
        or given an age anywhere; one the model missed has entity None until linked."""
        finder = self.finder
        found: list[tuple[int, int, int | None, int]] = []
        counts = Counter(index for _, _, index, _ in finder.mentions.spans)
        for start, end, index, _ in finder.mentions.within(0, len(finder.text), "PER"):
            if finder.inside_quote(start):
                continue
            entity = self.doc.entities[index]
            if (
                len(entity.name.split()) < 2
                and counts[index] < 2
                and not finder.reader.role_before(start)
            ):
                continue  # a lone capitalized word the model called a person
            sentence = finder.sentence_index(start)
            if finder.reader.is_subject(start, finder.sentences[sentence][0]):
                found.append((start, sentence, index, end))
        taken = {start for start, *_ in found}
        for sentence, (s_start, s_end) in enumerate(finder.sentences):
            if finder.inside_quote(s_start):
                continue
            named = finder.reader.opening_person(s_start, s_end)
            if named is not None and named.start not in taken:
                found.append((named.start, sentence, named.entity, named.end))
                taken.add(named.start)
            named = finder.reader.closing_person(s_start, s_end)
            if named is not None and named.start not in taken:
                found.append((named.start, sentence, named.entity, named.end))
                taken.add(named.start)
        for named in finder.reader.aged_people():
            if named.start not in taken and not finder.inside_quote(named.start):
                sentence = finder.sentence_index(named.start)
                found.append((named.start, sentence, named.entity, named.end))
                taken.add(named.start)
        return sorted(found, key=lambda t: t[0])

    def person_names(self, items: list[_Item]) -> list[str]:
        """Every person's name as the document writes it, as cut by the mention index."""
        clean = self.finder.reader.clean_name
        text = self.finder.text
        names = [clean(text[s:e]) for s, e, _, kind in self.finder.mentions.spans if kind == "PER"]
        for item in items:
            if item.mention is not None and item.mention.kind == PERSON:
                names.append(item.mention.name)
        return names

    def name_words(self, name: str) -> set[str]:
        return {
            w.lower
            for w in words(name, 0, len(name))
            if not w.is_punct and not self.lex.is_title(w.text)
        }

    def fullest(self, name: str, *, from_text: bool = True) -> str:
        """The longest name in the document holding every word of ``name`` ("Sullivan" ->
        "Jake Sullivan")."""
        mine = self.name_words(name)
        if not mine:
            return name
        best = name
        for candidate in self.known_names:
            if len(candidate) > len(best) and mine <= self.name_words(candidate):
                best = candidate
        if best == name and from_text:
            best = self.finder.reader.longest_written(name)
        if best == name and len(mine) == 1:
            best = self.expanded(name) or name
        return best

    def expanded(self, name: str) -> str | None:
        """The one longer name in the document with a word that ``name`` begins ("Risma" ->
        "Tri Rismaharini"): a short form; None when no name or several names fit."""
        short = name.strip()
        if len(short) < _MIN_SHORT_FORM or not short[:1].isupper():
            return None
        found = {
            candidate
            for candidate in self.known_names
            if len(candidate.split()) > 1
            and any(w.startswith(short) and len(w) > len(short) for w in candidate.split())
        }
        return found.pop() if len(found) == 1 else None

    def entity_for(self, name: str, kind: str) -> int | None:
        wanted = "PER" if kind == PERSON else "ORG"
        mine = self.name_words(name)
        for index, entity in enumerate(self.doc.entities):
            if entity.type == wanted and (
                entity.name == name
                or (mine and mine <= self.name_words(entity.name))
                or (self.name_words(entity.name) and self.name_words(entity.name) <= mine)
            ):
                return index
        return None

    def linked(self, name: str, kind: str, start: int, end: int) -> int | None:
        """The index of the entity a named speaker is: the entity of that name, else the
        entity the model tagged where the speaker is written (an ORG the reader took for a
        name, "menurut … Nuclear Threat Initiative"), else a new entity for a speaker the
        model missed, so that every named speaker has one."""
        found = self.entity_for(name, kind)
        if found is not None:
            return found
        allowed = ("PER", "ORG") if kind == PERSON else ("ORG", "LOC", "PER")
        for index, entity in enumerate(self.doc.entities):
            if entity.type in allowed and any(
                m.start < end and start < m.end for m in entity.mentions
            ):
                return index
        for index, entity in enumerate(self.doc.entities):
            if entity.type in allowed and entity.name == name:
                return index
        written = self.finder.text[start:end]
        if not written.strip():
            return None
        self.doc.entities.append(
            Entity(name, "PER" if kind == PERSON else "ORG", [Mention(start, end, written)])
        )
        return len(self.doc.entities) - 1

    def speaker(self, mention: Mentioned, pos: int) -> Speaker | None:
        lex = self.lex
        if mention.kind == TITLE:
            titled = self.finder.reader.titled_person(mention.name, pos)
            if titled is None:
                return Speaker(
                    name=mention.name, role=mention.role, affiliation=affiliation(mention.role, lex)
                )
            mention = titled
        if mention.kind == PERSON:
            if mention.entity is not None:
                entity_name = self.finder.reader.clean_name(self.doc.entities[mention.entity].name)
                name = self.fullest(entity_name, from_text=False)
                entity: int | None = mention.entity
            else:
                name = self.fullest(mention.name)
                entity = self.linked(name, PERSON, mention.start, mention.end)
            return Speaker(
                name=name,
                entity=entity,
                role=mention.role,
                affiliation=affiliation(mention.role, lex),
            )
        if mention.kind == ORG:
            entity = mention.entity
            if entity is None:
                entity = self.linked(mention.name, ORG, mention.start, mention.end)
            return Speaker(name=mention.name, entity=entity)
        if mention.kind == UNNAMED:
            return Speaker(name=mention.name)
        return None

    def from_context(self, pos: int) -> Speaker | None:
        """The speaker or person most recently named before ``pos`` in the last sentences:
        attributed speakers and sentence subjects first, then speakers of mere reportage."""
        sentence = self.finder.sentence_index(pos)
        lowest = sentence - CONTEXT_SENTENCES
        spoken = {e[1] for e in self.events}
        for strong in (True, False):
            best_pos = -1
            best: Speaker | None = None
            for event_pos, event_sentence, speaker, event_strong in self.events:
                if event_strong != strong or event_pos >= pos or event_sentence < lowest:
                    continue
                if event_pos > best_pos:
                    best_pos, best = event_pos, speaker
            for topic_pos, topic_sentence, index, topic_end in self.topics if strong else ():
                if topic_pos >= pos:
                    break
                if (
                    topic_sentence >= lowest
                    and topic_sentence not in spoken
                    and topic_pos > best_pos
                ):
                    best_pos = topic_pos
                    best = self.topic_speaker(topic_pos, topic_end, index)
            if best is not None:
                return best
        earlier = [e for e in self.events if e[0] < pos]
        topics = [t for t in self.topics if t[0] < pos]
        if topics and (not earlier or topics[-1][0] > earlier[-1][0]):
            # no one spoke since: the person the article last put forward
            start, _, index, end = topics[-1]
            return self.topic_speaker(start, end, index)
        if earlier:
            return earlier[-1][2]
        return None

    def topic_speaker(self, start: int, end: int, index: int | None) -> Speaker:
        reader = self.finder.reader
        role = reader.role_before(start)
        name = self.fullest(reader.clean_name(self.finder.text[start:end]), from_text=False)
        return Speaker(
            name=name,
            entity=index if index is not None else self.linked(name, PERSON, start, end),
            role=role,
            affiliation=affiliation(role, self.lex),
        )

    def resolve(self) -> None:
        for item in self.items:
            if item.follow is not None:
                item.speaker = item.follow.speaker
            elif item.mention is not None and item.mention.kind != PRONOUN:
                item.speaker = self.speaker(item.mention, item.mention.start)
                if item.speaker is None:
                    item.speaker = self.from_context(item.start)
            else:
                item.speaker = self.from_context(item.start)
            if item.speaker is not None:
                pos = item.mention.start if item.mention is not None else item.start
                # reportage by an organization or an unnamed group ("sebagian umat menilai …")
                # is no antecedent for a later "katanya"
                named = item.mention is None or item.mention.kind in (PERSON, TITLE, PRONOUN)
                self.events.append(
                    (pos, self.finder.sentence_index(pos), item.speaker, item.strong or named)
                )
                self.events.sort(key=lambda e: e[0])
        self.share_roles()

    def share_roles(self) -> None:
        """A speaker named once with a role keeps it where the text shortens the name."""
        roles: dict[str, Speaker] = {}
        for item in self.items:
            if item.speaker is not None and item.speaker.role and item.speaker.name not in roles:
                roles[item.speaker.name] = item.speaker
        for item in self.items:
            speaker = item.speaker
            if speaker is not None and not speaker.role and speaker.name in roles:
                known = roles[speaker.name]
                item.speaker = Speaker(
                    name=speaker.name,
                    entity=speaker.entity if speaker.entity is not None else known.entity,
                    role=known.role,
                    affiliation=known.affiliation,
                )


def affiliation(role: str | None, lex: QuoteLexicon) -> str | None:
    """The organization or country in a role as written: the first run of capitalized words
    that are not titles ("juru bicara Dewan Keamanan PBB" -> "Dewan Keamanan PBB"), named
    for the institution where the title implies one ("Menteri Pertahanan Rusia" ->
    "Kementerian Pertahanan Rusia")."""
    if not role:
        return None
    run: list[Word] = []
    for w in words(role, 0, len(role)):
        if w.is_capitalized and not lex.is_title(w.text):
            run.append(w)
        elif run and w.text == "." and len(run[-1].text) == 1:
            run.append(w)  # "U.S."
        elif run:
            break
    if not run:
        return None
    name = role[run[0].start : run[-1].end]
    title = role[: run[0].start].strip().lower()
    prefix = next((p for t, p in lex.affiliation_prefixes.items() if title.endswith(t)), None)
    return f"{prefix} {name}" if prefix and not name.startswith(prefix) else name


FLAG_KIND = "speaker_affiliation"


def affiliation_flags(doc: Document, lex: QuoteLexicon) -> list[dict[str, object]]:
    """Places where the article contradicts itself about who speaks for whom.

    One speaker given two affiliations that cannot both hold ("juru bicara Dewan Keamanan
    Nasional" here, "juru bicara Dewan Keamanan PBB" there), and one statement tied to two
    organizations: an organization's statement, and right after it a spokesperson of a
    different organization with a confusably similar name saying it (the seed: "Dewan
    Keamanan Nasional memperingatkan …" then "… kata juru bicara Dewan Keamanan PBB, Adrienne
    Watson"). Each flag holds the spans of both places, for a reader to check.
    """
    quotes = sorted(doc.quotes, key=lambda q: q.start)
    flags: list[dict[str, object]] = []
    first: dict[object, Quote] = {}
    for quote in quotes:
        speaker = quote.speaker
        if speaker is None or not speaker.affiliation:
            continue
        key = speaker.entity if speaker.entity is not None else speaker.name
        earlier = first.setdefault(key, quote)
        assert earlier.speaker is not None
        one, two = earlier.speaker.affiliation or "", speaker.affiliation
        if earlier is not quote and _confusable(one, two):
            flags.append(
                {
                    "kind": FLAG_KIND,
                    "message": f"{speaker.name} is given two affiliations: {one} and {two}",
                    "spans": [_near(doc.text, one, earlier), _near(doc.text, two, quote)],
                    "speaker": speaker.name,
                }
            )
            first[key] = quote
    for before, after in zip(quotes, quotes[1:], strict=False):
        said, spoke = before.speaker, after.speaker
        if said is None or spoke is None or said.entity is None or said.name == spoke.name:
            continue
        if doc.entities[said.entity].type != "ORG" or said.role or not spoke.affiliation:
            continue
        role = (spoke.role or "").lower()
        if not any(role.startswith(t) for t in lex.spokesperson_titles):
            continue
        if _confusable(said.name, spoke.affiliation):
            flags.append(
                {
                    "kind": FLAG_KIND,
                    "message": (
                        f"a statement of {said.name} is given to {spoke.name}, "
                        f"{spoke.role}: two organizations for one statement"
                    ),
                    "spans": [
                        _near(doc.text, said.name, before),
                        _near(doc.text, spoke.affiliation, after),
                    ],
                    "speaker": spoke.name,
                }
            )
    return flags


def _confusable(one: str, two: str) -> bool:
    """Two different organization names that share their first two words ("Dewan Keamanan
    Nasional", "Dewan Keamanan PBB"): one of them is likely a slip for the other."""
    a, b = one.lower().split(), two.lower().split()
    if a == b or len(a) < 2 or len(b) < 2:
        return False
    return a[:2] == b[:2] and not (set(a) <= set(b) or set(b) <= set(a))


def _near(text: str, phrase: str, quote: Quote) -> list[int]:
    """The span of ``phrase`` written closest to ``quote``, else the quote's own span."""
    best: list[int] | None = None
    for m in re.finditer(re.escape(phrase), text):
        if best is None or abs(m.start() - quote.start) < abs(best[0] - quote.start):
            best = [m.start(), m.end()]
    return best or [quote.start, quote.end]


@register_stage("quotes")
class QuotesStage:
    """Direct, partial and indirect quotations with speaker, role and cue (rules + lang data)."""

    requires: ClassVar[tuple[str, ...]] = ("text", "sentences", "tokens", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("quotes", "flags")

    def __init__(self, *, indirect: bool = True) -> None:
        self.indirect = indirect

    def __call__(self, doc: Document) -> Document:
        lex = lexicon(doc.language)
        doc.quotes = _Finder(doc, lex, indirect=self.indirect).run()
        kept = [f for f in doc.flags if f.get("kind") != FLAG_KIND]
        doc.flags = kept + affiliation_flags(doc, lex)
        log.debug("%s: %d quotations", doc.id, len(doc.quotes))
        return doc
