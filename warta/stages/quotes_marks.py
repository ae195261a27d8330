"""Finding quotation spans from their marks, in one pass over the marks of a text.

News prints quotations several ways: “…”, "…", «…», and, in Kompas, ”…” with the same mark
at both ends; a quotation may run over several paragraphs (each continued paragraph opens with
a mark, only the last one closes), and hand-typed text misplaces marks (``…, ”kata X``). Which
way a mark faces is read from the spacing around it, so the same code serves every style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.stages.quotes_lexicon import QuoteLexicon

#: Characters after which a word (and so an opening mark) may start.
_OPENS_AFTER = "([{—–-/"
#: Characters before which a word (and so a closing mark) may end.
_CLOSES_BEFORE = ".,;:!?)]}…-—–"
_SENTENCE_PUNCT = ".!?…,:;"
#: An unclosed quotation longer than this lost its closing mark; it is cut to one sentence.
_LONGEST_UNCLOSED = 600
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


@dataclass(slots=True)
class Quoted:
    """A quotation found from its marks: ``[start, end)`` includes the marks."""

    start: int
    end: int
    opener: str
    closed: bool = False
    single: bool = False


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line: cleaned news text has one paragraph a line."""
    bounds = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            bounds.append((pos + lead, pos + lead + len(stripped)))
        pos = end + 1
    return bounds


class _Scanner:
    """The state of one pass: the open quotation, if any, and how deep nested marks go."""

    def __init__(self, text: str, lex: QuoteLexicon) -> None:
        self.text = text
        self.lex = lex
        self.found: list[Quoted] = []
        self.current: Quoted | None = None
        self.depth = 0

    def faces(self, i: int) -> tuple[bool, bool, bool]:
        """Whether the mark at ``i`` looks like an opener, like a closer, or stands loose
        between spaces (``” Tidak …, ”``), from its spacing."""
        text = self.text
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        marks = self.lex.mark_re
        left_free = prev.isspace() or prev in _OPENS_AFTER or bool(marks.match(prev))
        right_free = nxt.isspace() or nxt in _CLOSES_BEFORE or bool(marks.match(nxt))
        opener_like = left_free and not right_free
        closer_like = (not left_free and right_free) or prev in _SENTENCE_PUNCT
        loose = prev.isspace() and nxt.isspace()
        return opener_like, closer_like, loose

    def open(self, i: int, mark: str, *, single: bool = False) -> None:
        self.current = Quoted(i, i + 1, mark, single=single)
        self.depth = 0

    def close(self, end: int, *, closed: bool) -> None:
        quote = self.current
        if quote is None:
            return
        if not closed and end - quote.start > _LONGEST_UNCLOSED:
            # A lost closing mark in a text without paragraph breaks: keep one sentence.
            stop = _SENTENCE_END.search(self.text, quote.start + 1, end)
            end = stop.end() if stop else end
        while end > quote.start + 1 and self.text[end - 1].isspace():
            end -= 1
        quote.end = end
        quote.closed = closed
        if any(c.isalnum() for c in self.text[quote.start : end]):
            self.found.append(quote)
        self.current = None
        self.depth = 0

    def previous_visible(self, i: int) -> str:
        j = i - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        return self.text[j] if j >= 0 else ""

    def next_visible(self, i: int) -> str:
        j = i + 1
        while j < len(self.text) and self.text[j].isspace():
            j += 1
        return self.text[j] if j < len(self.text) else ""

    def _misplaced_closer(self, i: int) -> bool:
        """A mark glued to the cue after it (``…, ”kata Budi``): it closes, whatever its spacing."""
        return bool(
            self.text[i + 1 : i + 2].isalpha() and self.lex.cue_after_re.match(self.text, i + 1)
        )

    def _mirrored(self, i: int) -> bool:
        """A closer-shaped mark where none is open, before a new sentence (``daring.” Bagi``):
        text whose marks were spaced the wrong way round, so this one opens."""
        prev = self.text[i - 1] if i > 0 else ""
        nxt = self.text[i + 1] if i + 1 < len(self.text) else ""
        return prev in ".!?" and nxt == " " and self.next_visible(i)[:1].isupper()

    def loose_mark(self, i: int, mark: str) -> None:
        """A mark with spaces on both sides: it closes after punctuation, else opens."""
        current = self.current
        if current is None:
            if mark in self.lex.closers and self.next_visible(i).isalnum():
                self.open(i, mark)
        elif (
            not current.single
            and not self.depth
            and mark in self.lex.closers[current.opener]
            and self.previous_visible(i) in _SENTENCE_PUNCT
        ):
            self.close(i + 1, closed=True)

    def mark(self, i: int) -> None:
        lex = self.lex
        mark = self.text[i]
        opener_like, closer_like, loose = self.faces(i)
        if loose:
            self.loose_mark(i, mark)
            return
        current = self.current
        if current is None:
            if mark in lex.singles:
                if opener_like:
                    self.open(i, mark, single=True)
            elif self._misplaced_closer(i):
                pass  # "…, ”katanya" whose opener is missing: nothing to open
            elif mark in lex.closers and (mark not in lex.same or opener_like):
                self.open(i, mark)
            elif mark in lex.same and self._mirrored(i):
                self.open(i, mark)
            return
        if current.single:
            if mark == lex.singles[current.opener] and closer_like:
                self.close(i + 1, closed=True)
            elif mark in lex.closers and opener_like:
                # A double mark opening inside a "single quote": that was an apostrophe.
                self.open(i, mark)
            return
        can_close = mark in lex.closers[current.opener]
        if self.depth:
            if can_close and closer_like:
                self.depth -= 1
            elif opener_like:
                self.depth += 1
            return
        if can_close and closer_like and not opener_like:
            self.close(i + 1, closed=True)
        elif can_close and opener_like and self._misplaced_closer(i):
            self.close(i + 1, closed=True)  # a misplaced closer: "…, ”kata Budi"
        elif opener_like and (mark in lex.closers or can_close):
            if self.previous_visible(i) in _SENTENCE_PUNCT:
                # The open quotation was never closed and a new one begins here.
                self.close(i, closed=False)
                self.open(i, mark)
            else:
                self.depth += 1
        elif can_close and closer_like:
            self.close(i + 1, closed=True)


def find_quoted(text: str, paragraphs: list[tuple[int, int]], lex: QuoteLexicon) -> list[Quoted]:
    """The quotations of ``text`` in order, multi-paragraph ones as one span."""
    scanner = _Scanner(text, lex)
    previous_end = 0
    for start, end in paragraphs:
        skip = -1
        if scanner.current is not None:
            first = text[start]
            if first in lex.closers and not scanner.current.single:
                skip = start  # the paragraph continues the open quotation
            else:
                scanner.close(previous_end, closed=False)
        for match in lex.mark_re.finditer(text, start, end):
            if match.start() != skip:
                scanner.mark(match.start())
        if scanner.current is not None and scanner.current.single:
            scanner.current = None  # a lone apostrophe-like mark
        previous_end = end
    if scanner.current is not None:
        scanner.close(previous_end, closed=False)
    return scanner.found
