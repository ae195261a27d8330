"""Clean text out of a raw page: the article's paragraphs, verbatim, and its metadata.

Every later offset points into the text this stage writes, so it keeps body lines exactly as
written and only drops whole lines. What it drops is decided by rules read from
``lang/<code>/boilerplate.txt`` (comment forms, ad markers, "Baca juga" teasers, share lines,
copyright footers, photo credits, bylines); jusText only confirms the removal of short, link-ish
debris at the edges of the text, because on Indonesian news it marks a fifth of real body
paragraphs "bad" (see docs/cleaning.md). Each dropped line is kept in ``Document.boilerplate``
with its reason, so nothing disappears silently.

HTML goes through trafilatura first (main text and metadata); the same line rules then run on
the lines it extracted.
"""

from __future__ import annotations

import email.utils
import html as html_lib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from warta import lang
from warta.document import Document, RemovedLine, Span
from warta.errors import InputError, WartaError
from warta.outlets import canonical_site
from warta.registry import register_stage
from warta.stages.dates_published import parse_published

if TYPE_CHECKING:
    from lxml import etree  # type: ignore[import-untyped]

# trafilatura, jusText and lxml are imported where they are used, so that listing the stages
# (``warta stages``) or reading a database imports none of them.

log = logging.getLogger(__name__)

#: Lines of a "then=headlines" teaser block after its header ("Baca juga:" and its titles).
MAX_TEASER_HEADLINES = 5
#: jusText is consulted only for edge lines at most this many words long.
MAX_DEBRIS_WORDS = 10

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
#: Tokens of navigation and link debris; a bare domain counts only after the body, since
#: datelines at the start name the outlet's domain ("Suara.com -").
_LINK_TOKEN = re.compile(r"(?:https?://|www\.|[@#]\w|[|»›·•>]$)", re.IGNORECASE)
_DOMAIN_TOKEN = re.compile(r"[\w-]+\.(?:com|co\.id|id|net|org|co|tv)\b", re.IGNORECASE)
#: Share of a line's tokens that must be link debris before jusText is asked about it.
MIN_LINK_SHARE = 1 / 3
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer form h1 h2 h3"
    " h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
_INVISIBLE_TAGS = frozenset(
    "script style noscript template head title svg iframe object embed select option".split()
)


@dataclass(frozen=True, slots=True)
class LineRule:
    """One boilerplate pattern from a language's ``boilerplate.txt``."""

    reason: str
    pattern: re.Pattern[str]
    then_headlines: bool = False

    @property
    def is_byline(self) -> bool:
        return "author" in self.pattern.groupindex


@dataclass(frozen=True, slots=True)
class CleaningRules:
    """Everything the cleaner knows about the languages it cleans, read once from lang data."""

    line_rules: tuple[LineRule, ...]
    headline_lowercase: frozenset[str]
    name_particles: frozenset[str]
    name_conjunctions: tuple[str, ...]
    stoplist: frozenset[str]
    months: dict[str, int]
    timezones: dict[str, float]


@dataclass(slots=True)
class CleanedText:
    """The result of cleaning: kept paragraphs joined with blank lines, and what went."""

    text: str
    paragraphs: list[Span]
    boilerplate: list[RemovedLine]
    authors: list[str]


@dataclass(slots=True)
class ExtractedPage:
    """An HTML page reduced to clean text plus the metadata found in it."""

    cleaned: CleanedText
    title: str | None = None
    published: str | None = None
    site: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)


def _parse_rule(language: str, entry: str) -> LineRule:
    reason, _, rest = entry.partition("\t")
    regex, _, flags = rest.partition("\t")
    where = f"lang/{language}/boilerplate.txt"
    if not reason or not regex:
        raise WartaError(f"{where}: a rule needs REASON<TAB>REGEX, got {entry!r}")
    if flags not in ("", "then=headlines"):
        raise WartaError(f"{where}: unknown flag {flags!r} in {entry!r}")
    try:
        pattern = re.compile(regex, re.IGNORECASE)
    except re.error as e:
        raise WartaError(f"{where}: bad regex {regex!r}: {e}") from e
    return LineRule(reason, pattern, then_headlines=flags == "then=headlines")


def available_languages() -> tuple[str, ...]:
    """Languages that ship boilerplate rules: the cleaner runs before language detection."""
    return tuple(code for code in lang.languages() if lang.word_list(code, "boilerplate"))


@cache
def cleaning_rules(languages: tuple[str, ...]) -> CleaningRules:
    """The merged rules of ``languages``; unknown codes simply contribute nothing."""
    rules: list[LineRule] = []
    lowercase: set[str] = set()
    particles: set[str] = set()
    conjunctions: list[str] = []
    stoplist: set[str] = set()
    months: dict[str, int] = {}
    timezones: dict[str, float] = {}
    for code in languages:
        rules.extend(_parse_rule(code, entry) for entry in lang.word_list(code, "boilerplate"))
        settings: dict[str, Any] = lang.table(code, "clean")
        lowercase.update(settings.get("headline_lowercase", []))
        particles.update(lang.word_list(code, "name_particles"))
        conjunctions.extend(settings.get("name_conjunctions", []))
        if "justext_stoplist" in settings:
            import justext  # type: ignore[import-untyped]

            stoplist |= justext.get_stoplist(settings["justext_stoplist"])
        published = settings.get("published", {})
        months.update(published.get("months", {}))
        timezones.update(published.get("timezones", {}))
    return CleaningRules(
        line_rules=tuple(rules),
        headline_lowercase=frozenset(lowercase),
        name_particles=frozenset(particles),
        name_conjunctions=tuple(dict.fromkeys(conjunctions)),
        stoplist=frozenset(stoplist),
        months=months,
        timezones=timezones,
    )


def _strip(line: str) -> str:
    return line.strip().strip(_ZERO_WIDTH).strip()


def _collapse(line: str) -> str:
    return " ".join(line.split())


def split_blocks(text: str) -> list[list[str]]:
    """Paragraphs as lists of stripped lines.

    Blank lines (spaces and no-break spaces count as blank) separate paragraphs; a text with
    no blank line at all has one paragraph per line.
    """
    lines = [_strip(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    nonblank = [i for i, line in enumerate(lines) if line]
    if not nonblank:
        return []
    inner = lines[nonblank[0] : nonblank[-1] + 1]
    if "" not in inner:
        return [[line] for line in inner]
    blocks: list[list[str]] = [[]]
    for line in inner:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return blocks


def looks_like_name(text: str, rules: CleaningRules) -> bool:
    """A person's name as bylines write it: one to six capitalised words, no digits."""
    words = text.split()
    if not 1 <= len(words) <= 6 or words[0].lower() in rules.name_particles:
        return False
    for word in words:
        if word.lower() in rules.name_particles:
            continue
        if not word[0].isupper() or any(c.isdigit() for c in word):
            return False
        if not all(c.isalpha() or c in ".'’-" for c in word):
            return False
    return True


def _byline_names(text: str, rules: CleaningRules, *, nested: bool = False) -> list[str] | None:
    """The names in a byline's author part, or None when any part is not a name."""
    conjunctions = "|".join(re.escape(c) for c in rules.name_conjunctions)
    separator = r"\s*(?:[|;,/&]" + (rf"|\s(?:{conjunctions})\s" if conjunctions else "") + r")\s*"
    names: list[str] = []
    for piece in re.split(separator, text, flags=re.IGNORECASE):
        piece = piece.strip().rstrip(".").strip()
        if not piece:
            continue
        inner = None if nested else _match_byline(piece, rules)
        if inner is not None:
            names.extend(inner)
        elif looks_like_name(piece, rules):
            names.append(piece)
        else:
            return None
    return names or None


def _match_byline(line: str, rules: CleaningRules) -> list[str] | None:
    for rule in rules.line_rules:
        if rule.is_byline and (m := rule.pattern.search(line)):
            names = _byline_names(m.group("author"), rules, nested=True)
            if names is not None:
                return names
    return None


def looks_like_headline(line: str, rules: CleaningRules) -> bool:
    """A teaser title: short, not closed like a sentence, and mostly capitalised words."""
    words = line.split()
    if not 2 <= len(words) <= 20 or line[-1] in ".,;:":
        return False
    counted = [w for w in words if w[0].isalpha() and w.lower() not in rules.headline_lowercase]
    if not counted or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    return sum(w[0].isupper() for w in counted) / len(counted) >= 0.75


@dataclass(slots=True)
class _Line:
    block: int
    text: str
    reason: str | None = None
    heuristic: bool = False


def _apply_rules(lines: list[_Line], rules: CleaningRules, authors: list[str]) -> None:
    """Mark the lines a rule drops, and the teaser titles that follow a teaser header.

    Titles after a header ("Baca juga:") go while they look like headlines: within the
    header's paragraph, or, when the header stood alone, in following paragraphs made only
    of headline lines, so a subheading that opens the next body paragraph stays.
    """
    by_block: dict[int, list[_Line]] = {}
    for line in lines:
        by_block.setdefault(line.block, []).append(line)
    teaser: LineRule | None = None
    header_block, titles_in_header_block, left = -1, 0, 0
    for line in lines:
        norm = _collapse(line.text)
        if teaser is not None and left and looks_like_headline(norm, rules):
            if line.block == header_block:
                titles_in_header_block += 1
                line.reason, left = teaser.reason, left - 1
                continue
            whole_block = all(
                looks_like_headline(_collapse(other.text), rules) for other in by_block[line.block]
            )
            if not titles_in_header_block and whole_block and _rule_for(norm, rules, []) is None:
                line.reason, left = teaser.reason, left - 1
                continue
        teaser = None
        rule = _rule_for(norm, rules, authors)
        if rule is None:
            continue
        line.reason = rule.reason
        if rule.then_headlines:
            teaser, header_block, titles_in_header_block = rule, line.block, 0
            left = MAX_TEASER_HEADLINES


def _rule_for(norm: str, rules: CleaningRules, authors: list[str]) -> LineRule | None:
    """The first rule that drops this line; a byline rule adds its names to ``authors``."""
    for rule in rules.line_rules:
        m = rule.pattern.search(norm)
        if m is None:
            continue
        if rule.is_byline:
            names = _byline_names(m.group("author"), rules)
            if names is None:
                continue
            authors.extend(names)
        return rule
    return None


def _is_sentence_line(text: str) -> bool:
    return len(text.split()) >= 5 and bool(_SENTENCE_END.search(text))


def _link_share(text: str, *, domains: bool) -> float:
    tokens = text.split()
    links = sum(
        bool(_LINK_TOKEN.search(t) or (domains and _DOMAIN_TOKEN.search(t))) for t in tokens
    )
    return links / len(tokens)


def _edge_debris(lines: list[_Line], rules: CleaningRules) -> None:
    """Drop short, link-ish lines before the first or after the last sentence that jusText
    also marks bad: menus, tag clouds and handles left at the edges of a text."""
    kept = [line for line in lines if line.reason is None]
    sentence_at = [i for i, line in enumerate(kept) if _is_sentence_line(line.text)]
    if not sentence_at:
        return
    first, last = sentence_at[0], sentence_at[-1]
    candidates = [
        i
        for i, line in enumerate(kept)
        if (i < first or i > last)
        and len(line.text.split()) <= MAX_DEBRIS_WORDS
        and not _SENTENCE_END.search(line.text)
        and _link_share(line.text, domains=i > last) >= MIN_LINK_SHARE
    ]
    if not candidates:
        return
    import justext

    page = "".join(f"<p>{html_lib.escape(line.text)}</p>" for line in kept)
    paragraphs = justext.justext(
        f"<html><body>{page}</body></html>".encode(), rules.stoplist, encoding="utf-8"
    )
    if len(paragraphs) != len(kept):
        log.debug("jusText saw %d paragraphs for %d lines; skipped", len(paragraphs), len(kept))
        return
    for i in candidates:
        if paragraphs[i].class_type == "bad":
            kept[i].reason = "justext:link-debris"
            kept[i].heuristic = True


def clean_blocks(
    blocks: Sequence[Sequence[str]], rules: CleaningRules, *, use_justext: bool = True
) -> CleanedText:
    """Drop boilerplate lines from paragraphs of lines; keep the rest verbatim."""
    lines = [_Line(b, text) for b, block in enumerate(blocks) for text in block]
    authors: list[str] = []
    _apply_rules(lines, rules, authors)
    if use_justext:
        _edge_debris(lines, rules)
    if all(line.reason for line in lines):
        # A reader keeps what only a guess would drop: never empty a text on heuristics alone.
        for line in lines:
            if line.heuristic:
                line.reason, line.heuristic = None, False
    paragraphs: list[list[str]] = []
    last_block = -1
    for line in lines:
        if line.reason is None:
            if line.block != last_block:
                paragraphs.append([])
                last_block = line.block
            paragraphs[-1].append(line.text)
    texts = ["\n".join(p) for p in paragraphs]
    spans, offset = [], 0
    for t in texts:
        spans.append(Span(offset, offset + len(t)))
        offset += len(t) + 2
    return CleanedText(
        text="\n\n".join(texts),
        paragraphs=spans,
        boilerplate=[RemovedLine(line.text, line.reason) for line in lines if line.reason],
        authors=_unique(authors),
    )


def clean_text(
    text: str, *, languages: Sequence[str] | None = None, use_justext: bool = True
) -> CleanedText:
    """Clean a plain text: paragraphs split on blank lines, boilerplate lines dropped."""
    rules = cleaning_rules(tuple(languages) if languages else available_languages())
    return clean_blocks(split_blocks(text), rules, use_justext=use_justext)


def visible_blocks(tree: etree._Element) -> list[str]:
    """The text of a page as a reader sees it, one string per block element."""
    from lxml import etree

    body = tree.find(".//body")
    root = body if body is not None else tree
    blocks: list[str] = []
    buffer: list[str] = []
    hidden = 0

    def flush() -> None:
        text = _collapse("".join(buffer))
        if text:
            blocks.append(text)
        buffer.clear()

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if hidden or tag in _INVISIBLE_TAGS or not tag:
                hidden += 1
                continue
            if tag in _BLOCK_TAGS:
                flush()
            if el.text:
                buffer.append(el.text)
            continue
        if hidden:
            hidden -= 1
            if hidden:
                continue
        elif tag in _BLOCK_TAGS:
            flush()
        if el.tail and el is not root:
            buffer.append(el.tail)
    flush()
    return blocks


def extract_html(
    raw: str,
    *,
    url: str | None = None,
    languages: Sequence[str] | None = None,
    use_justext: bool = True,
) -> ExtractedPage:
    """Main text and metadata of an HTML page, cleaned like a plain text.

    Falls back to the page's visible body text when trafilatura finds no main content
    (tiny pages), so a page with words never comes out empty.
    """
    import trafilatura
    from trafilatura.settings import Document as Extraction
    from trafilatura.utils import load_html

    rules = cleaning_rules(tuple(languages) if languages else available_languages())
    tree = load_html(raw)
    if tree is None:
        raise InputError("the HTML could not be parsed")
    page_blocks = visible_blocks(tree)
    found = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, output_format="python"
    )
    result = found if isinstance(found, Extraction) else None
    extracted = [_strip(line) for line in (result.text or "").split("\n")] if result else []
    extracted = [line for line in extracted if line]
    dropped: list[RemovedLine] = []
    if extracted:
        joined = " ".join(_collapse(line) for line in extracted)
        dropped = [
            RemovedLine(block, "html:not-main-content")
            for block in page_blocks
            if block not in joined and any(c.isalnum() for c in block)
        ]
    else:
        log.debug("trafilatura found no main text; using the visible body text")
        extracted = page_blocks
    title = _collapse(result.title or "") if result is not None else ""
    if len(extracted) > 1 and title and _collapse(extracted[0]).casefold() == title.casefold():
        # The headline repeats Document.title and would hide the lead's dateline.
        dropped.append(RemovedLine(extracted.pop(0), "html:title"))
    cleaned = clean_blocks([[line] for line in extracted], rules, use_justext=use_justext)
    cleaned.boilerplate = dropped + cleaned.boilerplate
    page = ExtractedPage(cleaned=cleaned)
    if result is not None:
        page.title = result.title or None
        page.published = result.date or None
        page.site = result.sitename or result.hostname or None
        page.url = result.url or None
        page.authors = [a.strip() for a in (result.author or "").split(";") if a.strip()]
    return page


_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\.?\s+(?P<year>\d{4})"
    r"(?:[,|\s\-–]+(?:pukul\s+|at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    r"(?:\s*(?P<zone>[A-Za-z]{2,4}))?)?",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    r"(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"(?:[,|\s\-–]+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    r"(?:\s*(?P<zone>[A-Za-z]{2,4}))?)?",
    re.IGNORECASE,
)


def normalize_published(value: str | None, rules: CleaningRules) -> str | None:
    """``value`` as an ISO 8601 date or datetime string, or None when it is not a date.

    Reads ISO strings, RFC 2822 (feeds, WARC headers) and written dates with the month
    names and time zones of the language data ("Selasa, 5 September 2023 10:15 WIB").
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        if _ISO.match(text):
            if len(text) == 10:
                return date.fromisoformat(text).isoformat()
            return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
        if _RFC2822.match(text):
            return email.utils.parsedate_to_datetime(text).isoformat()
        for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
            for m in pattern.finditer(text):
                month = rules.months.get(m["month"].lower())
                if month is not None:
                    return _written_date(m, month, rules)
    except ValueError as e:
        log.info("published %r is not a valid date: %s", value, e)
        return None
    log.info("published %r is not a date this cleaner reads; dropped", value)
    return None


def _written_date(m: re.Match[str], month: int, rules: CleaningRules) -> str:
    day = date(int(m["year"]), month, int(m["day"]))
    if m["hour"] is None:
        return day.isoformat()
    zone = None
    if m["zone"] and m["zone"].lower() in rules.timezones:
        zone = timezone(timedelta(hours=rules.timezones[m["zone"].lower()]))
    moment = datetime(
        day.year,
        day.month,
        day.day,
        int(m["hour"]),
        int(m["minute"]),
        int(m["second"] or 0),
        tzinfo=zone,
    )
    return moment.isoformat()


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def _first_published(
    doc: Document, candidates: list[tuple[str, str | None]], rules: CleaningRules
) -> tuple[str | None, str | None]:
    """The first readable date of ``candidates`` and its source (input, html).

    A string no rule reads (", Jurnalis") is set aside with a note in ``doc.flags``; it never
    fails the document.
    """
    for source, value in candidates:
        iso = normalize_published(value, rules) or parse_published(value)
        if iso:
            return iso, source
        if value and value.strip():
            doc.flags.append(
                {
                    "kind": "published_unreadable",
                    "message": f"{source} publication date {value.strip()[:80]!r} is not a date",
                    "spans": [],
                }
            )
    return None, None


@register_stage("clean")
class CleanStage:
    """Raw input to clean text, paragraphs, metadata and a record of the dropped boilerplate.

    Metadata the input already carries (``title``, ``url``, ``published`` given by a reader
    or a caller) wins over what is extracted from the page: a WARC header or a JSONL field
    is a fact, while a title or date found in HTML is a guess. Set
    ``prefer_input_metadata=False`` to let the page's own metadata win.
    """

    requires: ClassVar[tuple[str, ...]] = ("raw", "raw_format")
    assigns: ClassVar[tuple[str, ...]] = (
        "text",
        "title",
        "published",
        "published_source",
        "site",
        "url",
        "authors",
        "paragraphs",
        "boilerplate",
    )

    def __init__(
        self,
        *,
        languages: list[str] | None = None,
        use_justext: bool = True,
        prefer_input_metadata: bool = True,
    ) -> None:
        self.languages = tuple(languages) if languages else available_languages()
        self.use_justext = use_justext
        self.prefer_input_metadata = prefer_input_metadata

    def __call__(self, doc: Document) -> Document:
        if doc.raw is None:
            raise InputError("the document has no raw input to clean")
        rules = cleaning_rules(self.languages)
        if doc.raw_format == "html":
            page = extract_html(
                doc.raw, url=doc.url, languages=self.languages, use_justext=self.use_justext
            )
            cleaned = page.cleaned
            doc.title = self._pick(doc.title, page.title)
            doc.url = self._pick(doc.url, page.url)
            published = [("input", doc.published), ("html", page.published)]
            site = page.site
            authors = page.authors + cleaned.authors
        else:
            cleaned = clean_blocks(split_blocks(doc.raw), rules, use_justext=self.use_justext)
            published = [("input", doc.published)]
            site = None
            authors = cleaned.authors
        if not self.prefer_input_metadata:
            published.reverse()
        doc.published, doc.published_source = _first_published(doc, published, rules)
        doc.site = canonical_site(site, doc.url)
        doc.text = cleaned.text
        doc.paragraphs = cleaned.paragraphs
        doc.boilerplate = cleaned.boilerplate
        doc.authors = _unique(doc.authors + authors)
        return doc

    def _pick(self, given: str | None, found: str | None) -> str | None:
        first, second = (given, found) if self.prefer_input_metadata else (found, given)
        return first or second
