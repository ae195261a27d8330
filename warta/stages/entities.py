"""Named entities (PER / ORG / LOC) found by warta's shipped spaCy model and grouped per document.

The model (``warta/models/ner_id``, trained by ``scripts/train_ner.py``) runs on the document's
own tokens, one sentence per spaCy ``Doc``, so every mention maps back to exact offsets of
``doc.text``. Then, within the document (docs/ner.md gives what each step is worth):

- an acronym defined as "Badan Intelijen Nasional (BIN)" is a mention wherever it is written;
- the language's gazetteers (``lang/<code>/gazetteer_<TYPE>.txt``: countries, cities,
  international bodies, leaders) fix the type of a mention that is exactly a listed name, add
  listed names the model missed, and cut a listed body off a person ("Kremlin Dmitry Peskov");
- English organization names end in a head word (``gazetteer_org_heads.txt``: "... Initiative");
- a listed given name before a person mention joins it ("Jake" + "Sullivan");
- mentions are grouped into entities: one type per surface form (majority), a short form joins
  the one longer same-type name that holds its words ("Kim" -> "Kim Jong Un"), an acronym joins
  its expansion, and the entity's name is its fullest form.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from warta import lang
from warta.document import Document, Entity, Mention
from warta.errors import ModelError
from warta.registry import register_stage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

ENTITY_TYPES = ("PER", "ORG", "LOC")
#: Types whose short forms join a longer name holding their words.
GROUPED_BY_TOKENS = ("PER", "ORG")
#: Where each language's model lives inside the package.
MODEL_DIRS = {"id": "ner_id"}
_ACRONYM = re.compile(r"[A-Z][A-Za-z&]{1,11}")


def model_path(language: str = "id") -> Path:
    """The installed model directory for ``language`` (it may be missing: see ``load_model``)."""
    name = MODEL_DIRS.get(language, MODEL_DIRS["id"])
    return Path(str(resources.files("warta").joinpath("models", name)))


def check_model(path: str | None = None) -> Path:
    """The model directory at ``path`` (default: the shipped one), if it holds a model.

    Cheap (spaCy is not imported), so a pipeline fails when it is built, not on a document.
    """
    where = Path(path) if path else model_path()
    if not (where / "config.cfg").is_file():
        raise ModelError(
            f"no NER model at {where}: reinstall warta, or train one with "
            "`python scripts/train_ner.py full` (see docs/ner.md)"
        )
    return where


@cache
def load_model(path: str | None = None) -> Language:
    """The spaCy NER pipeline at ``path`` (default: the shipped one), loaded once per process.

    It gets warta's tokenizer (``stages/tokenizer.py``) instead of rebuilding spaCy's from its
    config and its saved copy (the stage tags the document's own tokens, so that one is never
    used); a model without static vectors shares the sentences stage's vocabulary and tokenizer
    object, one with vectors keeps a vocabulary of its own so that two models never mix theirs.
    """
    where = check_model(path)
    from warta.stages.tokenizer import load_pipeline

    try:
        nlp = load_pipeline(where)
    except (OSError, ValueError, KeyError) as e:
        raise ModelError(f"cannot load the NER model at {where}: {e}") from e
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"the model at {where} has no 'ner' component")
    log.info("loaded NER model %s", where)
    return nlp


@dataclass(slots=True)
class Found:
    """A mention while grouping: char offsets, type, and token indices into ``doc.tokens``."""

    start: int
    end: int
    type: str
    first: int
    last: int  # exclusive


@register_stage("entities")
class EntitiesStage:
    """Named entities (PER/ORG/LOC), grouped per document, from the shipped spaCy model."""

    requires: ClassVar[tuple[str, ...]] = ("text", "sentences", "tokens")
    assigns: ClassVar[tuple[str, ...]] = ("entities",)

    def __init__(
        self, *, model: str | None = None, batch_size: int = 64, gazetteers: bool = True
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.gazetteers = gazetteers
        check_model(model)  # fail when the pipeline is built; load on the first document

    def load(self) -> None:
        """Load the model now (``Pipeline.load``), not on the first document."""
        load_model(self.model)

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "batch_size": self.batch_size, "gazetteers": self.gazetteers}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.model = state["model"]
        self.batch_size = state["batch_size"]
        self.gazetteers = state["gazetteers"]

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document], *, batch_size: int = 32) -> Iterator[Document]:
        """Documents ``batch_size`` at a time, their sentences sharing ``nlp.pipe`` batches."""
        chunk: list[Document] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= batch_size:
                yield from self._process(chunk)
                chunk = []
        if chunk:
            yield from self._process(chunk)

    def _process(self, docs: list[Document]) -> Iterator[Document]:
        for doc, tagged in zip(docs, self.tag_many(docs), strict=True):
            language = doc.language or "id"
            listed = gazetteer(language) if self.gazetteers else {}
            found = self._complete(doc, tagged, listed)
            doc.entities = group_mentions(doc, found, keep_type=listed.keys())
            yield doc

    def mentions(self, doc: Document) -> list[Found]:
        """Every mention before grouping: the model's, defined acronyms, gazetteer names."""
        listed = gazetteer(doc.language or "id") if self.gazetteers else {}
        return self._complete(doc, self.tag_many([doc])[0], listed)

    def _complete(
        self, doc: Document, tagged: list[Found], listed: dict[tuple[str, ...], str]
    ) -> list[Found]:
        language = doc.language or "id"
        found = drop_common_words(doc, drop_uncased(doc, tagged), not_entities(language))
        found = trim_common_openers(doc, found, common_words(language))
        found = add_defined_acronyms(doc, found)
        written_lower = lower_case_names(language) if listed else frozenset()
        found = apply_gazetteers(doc, found, listed, written_lower=written_lower)
        found = apply_org_heads(doc, found, org_heads(language), listed)
        found = apply_org_openers(doc, found, org_openers(language), listed)
        found = apply_org_prefixes(doc, found, org_prefixes(language))
        found = drop_number_words(doc, found, number_words(language))
        found = trim_lower_openers(doc, found, place_modifiers(language))
        found = apply_group_nouns(doc, found, group_nouns(language))
        found = extend_given_names(doc, found, given_names(language))
        found = extend_person_names(doc, found, title_words(language), common_words(language))
        return join_person_names(doc, found, name_particles(language))

    def tag_many(self, docs: Sequence[Document]) -> list[list[Found]]:
        """The model's mentions per document, on each document's own tokens.

        Every sentence becomes a spaCy ``Doc`` of exactly the document's tokens, so entity
        token indices map straight back to character offsets.
        """
        from spacy.tokens import Doc

        nlp = load_model(self.model)
        pieces: list[tuple[int, int, Doc]] = []
        for n, doc in enumerate(docs):
            starts = [t.start for t in doc.tokens]
            for sent in doc.sentences:
                first = bisect.bisect_left(starts, sent.start)
                last = bisect.bisect_left(starts, sent.end)
                if first >= last:
                    continue
                toks = doc.tokens[first:last]
                words = [doc.text[t.start : t.end] for t in toks]
                spaces = [a.end < b.start for a, b in zip(toks, toks[1:], strict=False)] + [False]
                pieces.append((n, first, Doc(nlp.vocab, words=words, spaces=spaces)))
        found: list[list[Found]] = [[] for _ in docs]
        tagged = nlp.pipe((d for *_, d in pieces), batch_size=self.batch_size)
        for (n, offset, _), sdoc in zip(pieces, tagged, strict=True):
            tokens = docs[n].tokens
            for ent in sdoc.ents:
                a, b = _trim_punctuation(sdoc, ent.start, ent.end)
                if a < b:
                    a, b = offset + a, offset + b
                    found[n].append(Found(tokens[a].start, tokens[b - 1].end, ent.label_, a, b))
        return found


#: Punctuation a name may end with ("Tbk.", "Jr.") is kept; these never end or open one.
_EDGE_PUNCTUATION = frozenset(",;:!?\"“”‘’'()[]«»—–-/")


def _trim_punctuation(sdoc: Doc, start: int, end: int) -> tuple[int, int]:
    """The model's span less punctuation tokens at its edges ("Dewan Keamanan PBB ," ends at
    "PBB"): the model sometimes takes in the comma after a name."""
    while start < end and sdoc[start].text in _EDGE_PUNCTUATION:
        start += 1
    while end > start and sdoc[end - 1].text in _EDGE_PUNCTUATION:
        end -= 1
    return start, end


@cache
def _listed_names(language: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every name of the ``gazetteer_<TYPE>.txt`` lists as its tokens (as written) and type."""
    from warta.stages.sentences import tokenizer_for

    nlp = tokenizer_for(language)
    return tuple(
        (tuple(t.text for t in nlp(name)), typ)
        for typ in ENTITY_TYPES
        for name in lang.word_list(language, f"gazetteer_{typ}")
    )


@cache
def gazetteer(language: str) -> dict[tuple[str, ...], str]:
    """Listed names as lower-cased token tuples -> type (a later list wins a clash)."""
    return {tuple(w.lower() for w in words): typ for words, typ in _listed_names(language)}


@cache
def lower_case_names(language: str) -> frozenset[tuple[str, ...]]:
    """Listed names that are written in lower case ("detikcom"), as token tuples."""
    return frozenset(words for words, _ in _listed_names(language) if words[0][:1].islower())


def apply_gazetteers(
    doc: Document,
    found: list[Found],
    table: dict[tuple[str, ...], str],
    *,
    written_lower: frozenset[tuple[str, ...]] = frozenset(),
) -> list[Found]:
    """Retype mentions that are exactly a listed name; add listed names the model missed.

    A listed name replaces the shorter mentions that lie wholly inside it ("Dewan Keamanan PBB"
    over the model's "PBB"; "Bank Indonesia" over "Indonesia") and never cuts one that reaches
    past it. Only capitalized occurrences are added, or those written exactly as a lower-case listed
    name ("detikcom"): listed names are proper nouns, and a lower-case word such as "turki" in
    running text is more often something else.
    """
    if not table:
        return found
    longest = max(len(k) for k in table)
    written = doc.token_texts()
    words = [w.lower() for w in written]
    found = [part for f in found for part in _split_listed_prefix(f, words, table, doc)]
    for f in found:
        key = tuple(words[f.first : f.last])
        if key in table:
            f.type = table[key]
    owner = _owners(found, len(words))
    replaced: set[int] = set()
    added: list[Found] = []
    i = 0
    while i < len(words):
        capitalized = doc.text[doc.tokens[i].start].isupper()
        for n in range(min(longest, len(words) - i), 0, -1):
            key = tuple(words[i : i + n])
            if key not in table:
                continue
            inside = _wholly_inside(found, owner, i, i + n)
            if inside is None:
                continue
            if any(found[k].last - found[k].first == n for k in inside):
                break  # the mention is exactly this name, retyped above
            if capitalized or tuple(written[i : i + n]) in written_lower:
                end = doc.tokens[i + n - 1].end
                added.append(Found(doc.tokens[i].start, end, table[key], i, i + n))
                replaced |= inside
                i += n - 1
                break
        i += 1
    return _replace(found, replaced, added)


@cache
def org_heads(language: str) -> frozenset[str]:
    """Last words that make a name an organization ("... Initiative", "... Institute")."""
    return frozenset(lang.word_list(language, "gazetteer_org_heads"))


def apply_org_heads(
    doc: Document,
    found: list[Found],
    heads: frozenset[str],
    listed: dict[tuple[str, ...], str],
) -> list[Found]:
    """Organizations named in English by their last word: "Nuclear Threat Initiative" is ORG.

    A mention of two or more words (not a gazetteer name) that ends with a head becomes ORG;
    a run of capitalized words ending in a head that no mention touches is added, since an
    English name in Indonesian text is easily missed. Measured on NER-UI fold 1 it is neutral
    (+0.1 F1); it is there for the foreign names that news reports more and more.
    """
    if not heads:
        return found
    words = doc.token_texts()
    covered = _covered(found, len(words))
    for f in found:
        key = tuple(w.lower() for w in words[f.first : f.last])
        if key not in listed and f.last - f.first > 1 and words[f.last - 1] in heads:
            f.type = "ORG"
    openers = _sentence_starts(doc)
    added: list[Found] = []
    for i, word in enumerate(words):
        if word not in heads or covered[i]:
            continue
        start = i
        while start > 0 and start not in openers and not covered[start - 1]:
            if not words[start - 1][:1].isupper():
                break
            start -= 1
        if start < i:
            added.append(Found(doc.tokens[start].start, doc.tokens[i].end, "ORG", start, i + 1))
            covered[start : i + 1] = [True] * (i + 1 - start)
    return sorted(found + added, key=lambda f: f.start) if added else found


def _owners(found: list[Found], n_tokens: int) -> list[int | None]:
    """For each token, the index in ``found`` of the mention that holds it."""
    owner: list[int | None] = [None] * n_tokens
    for n, f in enumerate(found):
        owner[f.first : f.last] = [n] * (f.last - f.first)
    return owner


def _wholly_inside(
    found: list[Found], owner: list[int | None], start: int, end: int
) -> set[int] | None:
    """Mentions a new span over tokens [start, end) would replace; None when one of those it
    touches reaches past it (a new span swallows mentions, never cuts one)."""
    inside = {k for k in owner[start:end] if k is not None}
    if any(found[k].first < start or found[k].last > end for k in inside):
        return None
    return inside


def _replace(found: list[Found], replaced: set[int], added: list[Found]) -> list[Found]:
    """``found`` less the ``replaced`` indices, plus ``added``, in text order."""
    kept = [f for n, f in enumerate(found) if n not in replaced]
    return sorted(kept + added, key=lambda f: f.start)


def _covered(found: list[Found], n_tokens: int) -> list[bool]:
    """Which of the document's tokens some mention already holds."""
    covered = [False] * n_tokens
    for f in found:
        covered[f.first : f.last] = [True] * (f.last - f.first)
    return covered


@cache
def org_openers(language: str) -> frozenset[str]:
    """First words that make a name an organization ("Dinas ...", "Universitas ...")."""
    return frozenset(lang.word_list(language, "org_openers"))


def apply_org_openers(
    doc: Document,
    found: list[Found],
    openers: frozenset[str],
    listed: dict[tuple[str, ...], str],
) -> list[Found]:
    """Organizations named in Indonesian by their first word: "Dinas Pekerjaan Umum" is ORG.

    A run of capitalized words (joined by "dan" or "&") that opens with a listed word becomes
    an ORG mention where no mention reaches past it, replacing the mentions inside it; a mention
    that is exactly the run, or a listed name, keeps its type.
    """
    if not openers:
        return found
    words = doc.token_texts()
    owner = _owners(found, len(words))
    replaced: set[int] = set()
    added: list[Found] = []
    i = 0
    while i < len(words):
        if words[i] not in openers:
            i += 1
            continue
        end = i + 1
        while end < len(words) and end - i < 9:
            k = owner[end]
            if k is not None and found[k].type in ("PER", "ORG") and found[k].first == end:
                break  # "Kementerian Pertanian Amran Sulaiman", "Fakultas Pertanian UGM"
            if words[end] in openers or "." in words[end]:
                break  # "Fakultas Ekonomi Universitas Indonesia" is two bodies; "Dr."
            if words[end][:1].isupper():
                end += 1
            elif (
                words[end] in ("dan", "&")
                and end + 1 < len(words)
                and words[end + 1][:1].isupper()
                and words[end + 1] not in openers
            ):
                end += 2
            else:
                break
        inside = _wholly_inside(found, owner, i, end)
        exact = inside is not None and any(
            found[k].first == i and found[k].last == end for k in inside
        )
        key = tuple(w.lower() for w in words[i:end])
        if end - i > 1 and inside is not None and not exact and key not in listed:
            added.append(Found(doc.tokens[i].start, doc.tokens[end - 1].end, "ORG", i, end))
            replaced |= inside
        i = end
    return _replace(found, replaced, added) if added else found


@cache
def not_entities(language: str) -> frozenset[str]:
    """Words never a named entity on their own: day and month names, sentence-opening
    time words ("Bulan lalu, ..." is no person)."""
    return frozenset(lang.word_list(language, "not_entities"))


def drop_common_words(doc: Document, found: list[Found], words: frozenset[str]) -> list[Found]:
    """One-word mentions that are listed common words go."""
    return [
        f for f in found if f.last - f.first > 1 or doc.text[f.start : f.end].lower() not in words
    ]


@cache
def common_words(language: str) -> frozenset[str]:
    """Words the language's news almost never capitalizes inside a sentence."""
    return frozenset(lang.word_list(language, "common_words"))


def trim_common_openers(doc: Document, found: list[Found], words: frozenset[str]) -> list[Found]:
    """A mention that opens a sentence with a common word loses that word.

    Such a word is capitalized only because the sentence starts there, and the model takes it
    into the name ("Sejak The Walt Disney Company", "Nasib Karim Benzema") or tags it alone.
    """
    if not words:
        return found
    openers = _sentence_starts(doc)
    texts = doc.token_texts()
    kept: list[Found] = []
    for f in found:
        if f.first in openers and texts[f.first].lower() in words:
            if f.last - f.first == 1:
                continue
            f.first += 1
            f.start = doc.tokens[f.first].start
        kept.append(f)
    return kept


def drop_uncased(doc: Document, found: list[Found]) -> list[Found]:
    """Mentions without a capital letter are dropped, in a text that uses capitals at all.

    One training corpus (NERP) is all lower case, so the model sometimes tags lower-case words
    ("bernostalgia", "debt refinancing"); in cased news text a name has a capital.
    """
    if not any(c.isupper() for c in doc.text):
        return found
    return [f for f in found if any(c.isupper() for c in doc.text[f.start : f.end])]


@cache
def given_names(language: str) -> frozenset[str]:
    return frozenset(lang.word_list(language, "gazetteer_given_names"))


def extend_given_names(doc: Document, found: list[Found], names: frozenset[str]) -> list[Found]:
    """A person mention takes in the listed given names written right before it.

    The model often finds a foreign surname but not the given name before it ("AS Jake
    Sullivan" -> "Sullivan"); a listed given name ("Jake") that no other mention holds joins.
    """
    if not names:
        return found
    words = doc.token_texts()
    covered = _covered(found, len(words))
    for f in found:
        if f.type != "PER":
            continue
        while f.first > 0 and not covered[f.first - 1] and words[f.first - 1] in names:
            before = doc.tokens[f.first - 1]
            if doc.text[before.end : doc.tokens[f.first].start] != " ":
                break
            f.first -= 1
            f.start = before.start
            covered[f.first] = True
    return found


@cache
def title_words(language: str) -> frozenset[str]:
    """Lower-cased words of the language's titles ("sekretaris", "jenderal", "secretary")."""
    return frozenset(w.lower() for t in lang.word_list(language, "titles") for w in t.split())


def extend_person_names(
    doc: Document, found: list[Found], titles: frozenset[str], common: frozenset[str]
) -> list[Found]:
    """A person mention of two or more words takes in the one capitalized word before it
    that no mention holds, when an acronym the stage tagged stands before that word
    ("Sekretaris Jenderal ASEAN Kao Kim Hourn": the model found "Kim Hourn"). After a title
    the word is the office's ("Menteri Perhubungan Ignasius Jonan"), so nothing joins.

    The word must not be a title, an acronym, a common word or a sentence's first word, and
    must stand alone: a longer untagged run before a name ("Gubernur Jawa Barat Ridwan
    Kamil") is a place or a body, so nothing joins.
    """
    words = doc.token_texts()
    covered = _covered(found, len(words))
    openers = _sentence_starts(doc)
    for f in found:
        i = f.first - 1
        if f.type != "PER" or f.last - f.first < 2 or i < 0 or covered[i] or i in openers:
            continue
        word = words[i]
        low = word.lower()
        if not word[:1].isupper() or word.isupper() or low.rstrip(".") in titles:
            continue
        if low in common or doc.text[doc.tokens[i].end : doc.tokens[f.first].start] != " ":
            continue
        if i == 0 or not (covered[i - 1] and words[i - 1].isupper()):
            continue  # "Menteri Perhubungan Ignasius Jonan": "Perhubungan" is the ministry
        f.first = i
        f.start = doc.tokens[i].start
        covered[i] = True
    return found


@cache
def org_prefixes(language: str) -> frozenset[str]:
    """Words that join the organization named right after them ("Pemerintah")."""
    return frozenset(lang.word_list(language, "org_prefixes"))


def apply_org_prefixes(doc: Document, found: list[Found], prefixes: frozenset[str]) -> list[Found]:
    """ "Pemerintah Persatuan Nasional Myanmar": a listed word right before an ORG mention is
    part of its name. Before a place ("Pemerintah Indonesia") it joins nothing: the model's
    place stays a place."""
    if not prefixes:
        return found
    words = doc.token_texts()
    covered = _covered(found, len(words))
    for f in found:
        i = f.first - 1
        if f.type == "ORG" and i >= 0 and not covered[i] and words[i] in prefixes:
            f.first = i
            f.start = doc.tokens[i].start
    return found


@cache
def number_words(language: str) -> frozenset[str]:
    """Capitalized number words that are also place names ("Lima")."""
    return frozenset(lang.word_list(language, "number_words"))


def drop_number_words(doc: Document, found: list[Found], numbers: frozenset[str]) -> list[Found]:
    """A one-word mention that is a number word inside a capitalized phrase is a numeral of
    a title, not a place: "Konsensus Lima Poin" names no "Lima" (but "di Lima, Peru" does)."""
    if not numbers:
        return found
    words = doc.token_texts()
    tokens = doc.tokens

    def capitalized(i: int, j: int) -> bool:
        """Token j is a capitalized word right beside token i, with only a space between."""
        if not 0 <= j < len(words) or not words[j][:1].isupper():
            return False
        a, b = (i, j) if i < j else (j, i)
        return doc.text[tokens[a].end : tokens[b].start] == " "

    return [
        f
        for f in found
        if not (
            f.last - f.first == 1
            and words[f.first] in numbers
            and (capitalized(f.first, f.first - 1) or capitalized(f.first, f.first + 1))
        )
    ]


@cache
def place_modifiers(language: str) -> frozenset[str]:
    """Lower-case words that describe a place before its name ("timur" in "pelabuhan timur
    Vladivostok") rather than head a facility's name ("kantor Menko Polhukam")."""
    return frozenset(lang.word_list(language, "place_modifiers"))


def trim_lower_openers(doc: Document, found: list[Found], modifiers: frozenset[str]) -> list[Found]:
    """A mention whose lower-case opening words end in a listed modifier loses them:
    "pelabuhan timur Vladivostok" is a mention of "Vladivostok" (the eastern port of it).

    Lower-case heads of facilities stay ("kantor Menko Polhukam", "jalan Medan Merdeka
    Barat"): NER-UI marks them as part of the place, and trimming every lower-case opener
    cost 0.16 F1 there.
    """
    if not modifiers:
        return found
    words = doc.token_texts()
    for f in found:
        first = f.first
        while first < f.last - 1 and words[first].isalpha() and words[first].islower():
            first += 1
        if first > f.first and words[first][:1].isupper() and words[first - 1] in modifiers:
            f.first = first
            f.start = doc.tokens[first].start
    return found


@cache
def group_nouns(language: str) -> tuple[tuple[str, ...], ...]:
    """Lower-case nouns after which a name is an organization ("pasukan", "kelompok")."""
    return tuple(tuple(g.split()) for g in lang.word_list(language, "group_nouns"))


def apply_group_nouns(
    doc: Document, found: list[Found], nouns: tuple[tuple[str, ...], ...]
) -> list[Found]:
    """ "pasukan Wagner", "kelompok Hamas": a name right after a listed group noun is an
    organization. A one-word person mention there becomes ORG (a full name stays a person:
    "pasukan Laurent Blanc" is a coach's squad); a capitalized word there that no mention
    holds is added as ORG. A place keeps its type ("pasukan Israel" are a country's troops,
    and the place is what is named)."""
    if not nouns:
        return found
    words = doc.token_texts()
    covered = _covered(found, len(words))
    by_first = {f.first: f for f in found}
    openers = _sentence_starts(doc)
    added: list[Found] = []
    for i in range(1, len(words)):
        if not words[i][:1].isupper() or words[i].isupper() and len(words[i]) < 2:
            continue
        if not any(tuple(words[max(0, i - len(n)) : i]) == n for n in nouns):
            continue
        mention = by_first.get(i)
        if mention is not None:
            if mention.type == "PER" and mention.last - mention.first == 1:
                mention.type = "ORG"
        elif not covered[i] and i not in openers:
            end = i + 1
            while end < len(words) and words[end][:1].isupper() and not covered[end]:
                end += 1
            added.append(Found(doc.tokens[i].start, doc.tokens[end - 1].end, "ORG", i, end))
            covered[i:end] = [True] * (end - i)
    return sorted(found + added, key=lambda f: f.start) if added else found


@cache
def name_particles(language: str) -> frozenset[str]:
    """Lower-case words inside personal names ("ter" in "Marc-Andre ter Stegen", "bin")."""
    return frozenset(lang.word_list(language, "name_particles"))


def join_person_names(doc: Document, found: list[Found], particles: frozenset[str]) -> list[Found]:
    """A person's name the model cut in pieces is one mention again.

    The tokenizer splits "Marc-Andre" at the hyphen and the model often tags the halves apart
    ("Marc", "Andre"); a hyphen written without spaces joins what stands on either side of it
    into the person mention ("Eugenia Oviedo-Joekes", "Song Joong-ki"). Two person mentions
    with only listed name particles between them are one name ("Marc-Andre ter Stegen").
    """
    words = doc.token_texts()
    tokens = doc.tokens
    by_first = {f.first: f for f in found}
    joined: list[Found] = []
    gone: set[int] = set()

    def attached(i: int) -> bool:
        """Token i is a hyphen touching the tokens on both sides."""
        return (
            0 < i < len(words) - 1
            and words[i] == "-"
            and tokens[i - 1].end == tokens[i].start
            and tokens[i].end == tokens[i + 1].start
            and words[i + 1][:1].isalnum()
        )

    for f in sorted(found, key=lambda f: f.first):
        if id(f) in gone:
            continue
        if f.type == "PER":
            while True:
                nxt = f.last
                if attached(nxt):
                    other = by_first.get(nxt + 1)
                    if other is not None and other is not f:
                        if other.type != "PER":
                            break
                        gone.add(id(other))
                        f.last = other.last
                    else:
                        f.last = nxt + 2
                    continue
                gap = nxt
                while gap < len(words) and words[gap] in particles:
                    gap += 1
                other = by_first.get(gap)
                if gap > nxt and other is not None and other.type == "PER":
                    gone.add(id(other))
                    f.last = other.last
                    continue
                break
            f.end = tokens[f.last - 1].end
        joined.append(f)
    return joined


def _sentence_starts(doc: Document) -> set[int]:
    """Token indices that open a sentence (their capital letter says nothing about names)."""
    starts = [t.start for t in doc.tokens]
    return {bisect.bisect_left(starts, s.start) for s in doc.sentences}


def _split_listed_prefix(
    f: Found, words: Sequence[str], table: dict[tuple[str, ...], str], doc: Document
) -> list[Found]:
    """A person mention that opens with a listed place or body is two mentions.

    "juru bicara Kremlin Dmitry Peskov": the model may take "Kremlin Dmitry Peskov" as one
    name; a person's name does not begin with "Kremlin" or "Rusia", so the listed part is cut off.
    """
    if f.type != "PER":
        return [f]
    for n in range(f.last - f.first - 1, 0, -1):
        typ = table.get(tuple(words[f.first : f.first + n]))
        if typ is not None and typ != "PER":
            cut = f.first + n
            head = Found(f.start, doc.tokens[cut - 1].end, typ, f.first, cut)
            return [head, Found(doc.tokens[cut].start, f.end, "PER", cut, f.last)]
    return [f]


def add_defined_acronyms(doc: Document, found: list[Found]) -> list[Found]:
    """Mentions for an acronym defined as "Long Name (LN)" wherever the model missed it."""
    words = doc.token_texts()
    defined: dict[str, str] = {}
    for f in found:
        acronym = _acronym_after(words, f)
        if acronym:
            defined[acronym] = f.type
    if not defined:
        return found
    covered = _covered(found, len(words))
    added = [
        Found(doc.tokens[i].start, doc.tokens[i].end, defined[w], i, i + 1)
        for i, w in enumerate(words)
        if w in defined and not covered[i]
    ]
    return sorted(found + added, key=lambda f: f.start)


def _acronym_after(words: Sequence[str], f: Found) -> str | None:
    """The acronym in brackets right after a mention, when its first letter fits the name."""
    i = f.last
    if i + 2 >= len(words) or words[i] != "(" or words[i + 2] != ")":
        return None
    acronym = words[i + 1]
    if not _ACRONYM.fullmatch(acronym) or not acronym[:2].isupper():
        return None
    initials = [w[0].upper() for w in words[f.first : f.last] if w[:1].isalpha()]
    return acronym if initials and acronym[0] == initials[0] else None


def group_mentions(
    doc: Document,
    found: Sequence[Found],
    *,
    keep_type: Collection[tuple[str, ...]] = frozenset(),
) -> list[Entity]:
    """Entities from mentions: one type per surface form, short forms and acronyms joined.

    A one-word mention typed as a place or body that is the first or last word of exactly
    one person's name in the document ("Watson" beside "Adrienne Watson") is that person,
    unless it is in ``keep_type`` (names the gazetteers list).

    A short form joins the one longer same-type name holding all its tokens (PER and ORG
    only: "Korea" and "Korea Utara" are different places); when two names would fit, it
    stays apart rather than guess.
    """
    words = doc.token_texts()
    keyed = [(f, tuple(w.lower() for w in words[f.first : f.last])) for f in found]
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for f, key in keyed:
        votes.setdefault(key, Counter())[f.type] += 1
    type_of = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    aliases: dict[tuple[str, ...], tuple[str, ...]] = {}
    for f, key in keyed:
        acronym = _acronym_after(words, f)
        if acronym:
            aliases[(acronym.lower(),)] = key
    for key, target in aliases.items():
        if key in type_of:
            type_of[key] = type_of[target]
    people = [k for k, t in type_of.items() if t == "PER" and len(k) > 1]
    for key, typ in list(type_of.items()):
        if typ != "PER" and len(key) == 1 and key not in aliases and key not in keep_type:
            if sum(key[0] in (p[0], p[-1]) for p in people) == 1:
                type_of[key] = "PER"
    for f, key in keyed:
        f.type = type_of[key]
    forms = sorted(type_of.items(), key=lambda kt: (kt[0] in aliases, -len(kt[0]), kt[0]))
    cluster_of: dict[tuple[str, ...], int] = {}
    heads: list[tuple[str, tuple[str, ...]]] = []
    for key, typ in forms:
        if key in aliases and aliases[key] in cluster_of:
            cluster_of[key] = cluster_of[aliases[key]]
            continue
        fits = [
            n
            for n, (head_type, head) in enumerate(heads)
            if head_type == typ and typ in GROUPED_BY_TOKENS and _contained(key, head)
        ]
        if len(fits) == 1:
            cluster_of[key] = fits[0]
        else:
            cluster_of[key] = len(heads)
            heads.append((typ, key))
    entities: list[Entity] = []
    by_cluster: dict[int, Entity] = {}
    for f, key in sorted(keyed, key=lambda fk: fk[0].start):
        n = cluster_of[key]
        if n not in by_cluster:
            by_cluster[n] = Entity(name="", type=heads[n][0])
            entities.append(by_cluster[n])
        by_cluster[n].mentions.append(Mention(f.start, f.end, doc.text[f.start : f.end]))
    for entity in entities:
        entity.name = max(
            (" ".join(m.text.split()) for m in entity.mentions),
            key=lambda t: (len(t.split()), not _shouted(t), len(t)),
        )
        if _shouted(entity.name) and all(_in_dateline(doc, m) for m in entity.mentions):
            entity.name = entity.name.title()  # "JAKARTA, KOMPAS.com —" names Jakarta
    return entities


def _shouted(name: str) -> bool:
    """A name written in capitals that is no acronym ("JAKARTA", not "ASEAN" or "KPK")."""
    return name.isupper() and len(name) > 5


def _in_dateline(doc: Document, mention: Mention) -> bool:
    line = doc.dateline
    return line is not None and line.start <= mention.start < line.end


def _contained(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every word of the short form is a word of the longer name ("kim" in "kim jong un")."""
    words = [w for w in short if any(c.isalnum() for c in w)]
    return len(short) < len(long) and bool(words) and all(w in long for w in words)
