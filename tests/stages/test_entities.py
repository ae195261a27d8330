"""The entities stage: the shipped model on the seed article; grouping on hand-made mentions."""

from __future__ import annotations

import pickle
import socket
from pathlib import Path
from typing import Any

import pytest
import spacy

from warta.document import Dateline, Document, Entity, Span
from warta.errors import ModelError
from warta.pipeline import analyze
from warta.registry import stage_class
from warta.stages.entities import (
    EntitiesStage,
    Found,
    add_defined_acronyms,
    apply_gazetteers,
    apply_org_heads,
    apply_org_openers,
    common_words,
    drop_uncased,
    extend_given_names,
    gazetteer,
    group_mentions,
    join_person_names,
    load_model,
    model_path,
    org_openers,
    trim_common_openers,
)

_TOKENIZER = spacy.blank("id").tokenizer


def make_doc(text: str) -> Document:
    """A document with tokens (spaCy's Indonesian tokenizer) and one sentence per line."""
    tokens = [Span(t.idx, t.idx + len(t.text)) for t in _TOKENIZER(text) if not t.is_space]
    sentences = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            start = pos + len(line) - len(line.lstrip())
            sentences.append(Span(start, pos + len(line.rstrip())))
        pos += len(line) + 1
    return Document(text=text, language="id", tokens=tokens, sentences=sentences)


def found(doc: Document, phrase: str, typ: str, occurrence: int = 0) -> Found:
    """A mention of ``phrase`` (its n-th occurrence) as the model would report it."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(phrase, start + 1)
    end = start + len(phrase)
    first = next(i for i, t in enumerate(doc.tokens) if t.start == start)
    last = next(i for i, t in enumerate(doc.tokens) if t.end == end) + 1
    return Found(start, end, typ, first, last)


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    text = (Path(__file__).parents[1] / "fixtures" / "seed-article.txt").read_text(encoding="utf-8")
    return EntitiesStage()(make_doc(text))


def test_registered_with_its_contract() -> None:
    cls = stage_class("entities")
    assert cls is EntitiesStage
    assert cls.requires == ("text", "sentences", "tokens")
    assert cls.assigns == ("entities",)


def test_model_loads_from_the_package_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the model must not touch the network")

    monkeypatch.setattr(socket, "socket", no_network)
    load_model.cache_clear()
    nlp = load_model()
    assert "ner" in nlp.pipe_names
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert model_path().parts[-3:] == ("warta", "models", "ner_id")


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no NER model"):
        EntitiesStage(model=str(tmp_path / "nowhere"))


def test_stage_pickles_without_the_model() -> None:
    stage = EntitiesStage(batch_size=8)
    clone = pickle.loads(pickle.dumps(stage))
    assert clone.batch_size == 8
    doc = clone(make_doc("Presiden Joko Widodo tiba di Surabaya."))
    assert [(e.type, e.name) for e in doc.entities] == [("PER", "Joko Widodo"), ("LOC", "Surabaya")]


@pytest.mark.parametrize(
    ("typ", "name"),
    [
        ("PER", "Kim Jong Un"),
        ("PER", "Vladimir Putin"),
        ("PER", "Sergei Shoigu"),
        ("PER", "Jake Sullivan"),
        ("PER", "John Kirby"),
        ("PER", "Dmitry Peskov"),
        ("PER", "Adrienne Watson"),
        ("LOC", "Rusia"),
        ("LOC", "Korea Utara"),
        ("LOC", "Pyongyang"),
        ("LOC", "Vladivostok"),
        ("LOC", "Ukraina"),
        ("ORG", "Kremlin"),
        ("ORG", "CNN"),
        ("ORG", "Nuclear Threat Initiative"),
    ],
)
def test_seed_article_entities(seed_doc: Document, typ: str, name: str) -> None:
    assert name in by_name(seed_doc.entities)
    assert by_name(seed_doc.entities)[name].type == typ


@pytest.mark.parametrize(
    ("name", "short"),
    [("Kim Jong Un", "Kim"), ("Sergei Shoigu", "Shoigu"), ("Vladimir Putin", "Putin")],
)
def test_seed_short_forms_join_the_full_name(seed_doc: Document, name: str, short: str) -> None:
    assert short in {m.text for m in by_name(seed_doc.entities)[name].mentions}
    assert short not in by_name(seed_doc.entities)


def test_seed_mentions_point_into_the_text(seed_doc: Document) -> None:
    mentions = [m for e in seed_doc.entities for m in e.mentions]
    assert len(mentions) > 60
    assert all(seed_doc.text[m.start : m.end] == m.text for m in mentions)


def test_no_mention_ends_or_opens_with_punctuation(seed_doc: Document) -> None:
    """Regression: the model took in the comma after "Dewan Keamanan PBB"."""
    mentions = [m.text for e in seed_doc.entities for m in e.mentions]
    assert "Dewan Keamanan PBB" in mentions
    assert not [m for m in mentions if m[0] in ',;:“”"(' or m[-1] in ',;:“”"(']


@pytest.mark.parametrize(
    "text",
    [
        "Bulan lalu, upaya kedua Korea Utara untuk meluncurkan satelit gagal.",
        "Pekan depan, Presiden Joko Widodo akan berkunjung ke Surabaya.",
    ],
)
def test_time_words_opening_a_sentence_are_no_entities(text: str) -> None:
    doc = make_doc(text)
    names = {e.name for e in stage_class("entities")()(doc).entities}
    assert not names & {"Bulan", "Pekan"}


def test_kim_and_putin_are_never_places(seed_doc: Document) -> None:
    places = {m.text for e in seed_doc.entities if e.type == "LOC" for m in e.mentions}
    assert not places & {"Kim", "Putin", "Kim Jong Un", "Shoigu"}


def test_short_form_joins_the_longer_name_written_later() -> None:
    doc = make_doc("Kim tiba kemarin.\nKim Jong Un bertemu Putin.")
    entities = group_mentions(
        doc,
        [found(doc, "Kim", "PER"), found(doc, "Kim Jong Un", "PER"), found(doc, "Putin", "PER")],
    )
    assert [(e.name, [m.text for m in e.mentions]) for e in entities] == [
        ("Kim Jong Un", ["Kim", "Kim Jong Un"]),
        ("Putin", ["Putin"]),
    ]


def test_ambiguous_short_form_stays_apart() -> None:
    doc = make_doc("Kim Jong Un dan Kim Yo Jong hadir.\nKim berbicara.")
    entities = group_mentions(
        doc,
        [
            found(doc, "Kim Jong Un", "PER"),
            found(doc, "Kim Yo Jong", "PER"),
            found(doc, "Kim", "PER", occurrence=2),
        ],
    )
    assert sorted(e.name for e in entities) == ["Kim", "Kim Jong Un", "Kim Yo Jong"]


def test_places_do_not_group_by_words() -> None:
    doc = make_doc("Korea Utara menembakkan rudal.\nKorea menolak.")
    entities = group_mentions(
        doc, [found(doc, "Korea Utara", "LOC"), found(doc, "Korea", "LOC", occurrence=1)]
    )
    assert sorted(e.name for e in entities) == ["Korea", "Korea Utara"]


def test_majority_type_wins_for_one_surface_form() -> None:
    doc = make_doc("Putin tiba.\nPutin berbicara.\nKata Putin.")
    mentions = [
        found(doc, "Putin", "PER"),
        found(doc, "Putin", "LOC", occurrence=1),
        found(doc, "Putin", "PER", occurrence=2),
    ]
    entities = group_mentions(doc, mentions)
    assert [(e.type, len(e.mentions)) for e in entities] == [("PER", 3)]


def test_acronym_joins_its_expansion_and_is_found_where_missed() -> None:
    doc = make_doc(
        "Badan Intelijen Nasional (BIN) memantau.\nMenurut BIN, situasi aman.\nBIN menolak."
    )
    mentions = [found(doc, "Badan Intelijen Nasional", "ORG"), found(doc, "BIN", "LOC", 1)]
    entities = group_mentions(doc, add_defined_acronyms(doc, mentions))
    assert [(e.type, e.name, [m.text for m in e.mentions]) for e in entities] == [
        ("ORG", "Badan Intelijen Nasional", ["Badan Intelijen Nasional", "BIN", "BIN", "BIN"])
    ]


@pytest.mark.parametrize(
    ("text", "mentions", "expected"),
    [
        # a listed name found with the wrong type gets the listed type
        ("Ia terbang ke Moskow.", [("Moskow", "PER")], [("Moskow", "LOC")]),
        # a capitalized listed name the model missed is added
        ("Ia terbang ke Pyongyang kemarin.", [], [("Pyongyang", "LOC")]),
        # a longer mention that holds a listed name is left alone
        (
            "Kantor Berita Pyongyang melapor.",
            [("Kantor Berita Pyongyang", "ORG")],
            [("Kantor Berita Pyongyang", "ORG")],
        ),
        # lower case is not a name
        ("Ia suka makanan rusia.", [], []),
    ],
)
def test_gazetteers(
    text: str, mentions: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    doc = make_doc(text)
    table = {("moskow",): "LOC", ("pyongyang",): "LOC", ("rusia",): "LOC"}
    result = apply_gazetteers(doc, [found(doc, p, t) for p, t in mentions], table)
    assert [(doc.text[f.start : f.end], f.type) for f in result] == expected


def test_pipe_batches_documents_like_single_calls(seed_doc: Document) -> None:
    texts = [
        "Presiden Joko Widodo tiba di Surabaya.\nJokowi disambut Gubernur Khofifah.",
        "Menteri Luar Negeri Retno Marsudi bertemu Sekjen PBB Antonio Guterres di New York.",
        seed_doc.text,
    ]
    stage = EntitiesStage()
    one_by_one = [stage(make_doc(t)).entities for t in texts]
    batched = [d.entities for d in stage.pipe([make_doc(t) for t in texts], batch_size=2)]
    assert batched == one_by_one


def test_person_opening_with_a_listed_body_is_cut() -> None:
    doc = make_doc("kata juru bicara Kremlin Dmitry Peskov kepada wartawan.")
    table = {("kremlin",): "ORG"}
    result = apply_gazetteers(doc, [found(doc, "Kremlin Dmitry Peskov", "PER")], table)
    assert [(doc.text[f.start : f.end], f.type) for f in result] == [
        ("Kremlin", "ORG"),
        ("Dmitry Peskov", "PER"),
    ]


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Penasihat AS Jake Sullivan berkata.", "Sullivan", "Jake Sullivan"),
        ("Presiden Putin berkata.", "Putin", "Putin"),  # a title is not a given name
        ("Kata Sullivan.", "Sullivan", "Sullivan"),
    ],
)
def test_listed_given_name_joins_the_surname(text: str, mention: str, expected: str) -> None:
    doc = make_doc(text)
    result = extend_given_names(doc, [found(doc, mention, "PER")], frozenset({"Jake"}))
    assert [doc.text[f.start : f.end] for f in result] == [expected]


@pytest.mark.parametrize(
    ("text", "mentions", "expected"),
    [
        (
            "Menurut penilaian dari Nuclear Threat Initiative, Korea Utara tidak punya kapal.",
            [("Korea Utara", "LOC")],
            [("Nuclear Threat Initiative", "ORG"), ("Korea Utara", "LOC")],
        ),
        (
            "Laporan Brookings Institution terbit.",
            [("Brookings Institution", "PER")],
            [("Brookings Institution", "ORG")],
        ),
        ("Institute itu tutup.", [], []),  # a head word alone, opening the sentence, is no name
    ],
)
def test_english_organization_heads(
    text: str, mentions: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    doc = make_doc(text)
    heads = frozenset({"Initiative", "Institution", "Institute"})
    result = apply_org_heads(doc, [found(doc, p, t) for p, t in mentions], heads, {})
    assert [(doc.text[f.start : f.end], f.type) for f in result] == expected


@pytest.mark.parametrize(
    ("text", "mentions", "kept"),
    [
        ("Ia bernostalgia di Bandung.", [("bernostalgia", "LOC"), ("Bandung", "LOC")], ["Bandung"]),
        ("ia bernostalgia di bandung.", [("bernostalgia", "LOC")], ["bernostalgia"]),  # no capitals
    ],
)
def test_lower_case_mentions_go_in_cased_text(
    text: str, mentions: list[tuple[str, str]], kept: list[str]
) -> None:
    doc = make_doc(text)
    result = drop_uncased(doc, [found(doc, p, t) for p, t in mentions])
    assert [doc.text[f.start : f.end] for f in result] == kept


@pytest.mark.parametrize(
    ("text", "mention", "typ", "expected"),
    [
        # a common word opening the sentence is no part of the name
        (
            "Sejak The Walt Disney Company membeli Pixar.",
            "Sejak The Walt Disney Company",
            "ORG",
            [("The Walt Disney Company", "ORG")],
        ),
        (
            "Nasib Karim Benzema belum jelas.",
            "Nasib Karim Benzema",
            "PER",
            [("Karim Benzema", "PER")],
        ),
        # tagged alone, it goes
        ("Tekad itu bulat.", "Tekad", "PER", []),
        # a name that opens the sentence stays whole
        (
            "Bank Indonesia menaikkan suku bunga.",
            "Bank Indonesia",
            "ORG",
            [("Bank Indonesia", "ORG")],
        ),
        # inside a sentence the capital letter means something: left alone
        (
            "Ia bertemu Direktur Konsumer Telkom.",
            "Konsumer Telkom",
            "ORG",
            [("Konsumer Telkom", "ORG")],
        ),
    ],
)
def test_common_word_opening_a_sentence_leaves_the_mention(
    text: str, mention: str, typ: str, expected: list[tuple[str, str]]
) -> None:
    doc = make_doc(text)
    result = trim_common_openers(doc, [found(doc, mention, typ)], common_words("id"))
    assert [(doc.text[f.start : f.end], f.type) for f in result] == expected


@pytest.mark.parametrize("outlet", ["detikcom", "Kompas.com", "CNN Indonesia", "Tribunnews"])
def test_news_outlets_are_organizations(outlet: str) -> None:
    doc = make_doc(f"Hal itu dilaporkan {outlet} pada Senin.")
    entities = stage_class("entities")()(doc).entities
    assert (outlet, "ORG") in {(e.name, e.type) for e in entities}


@pytest.mark.parametrize(
    ("text", "mentions", "expected"),
    [
        # the listed name swallows the model's shorter mention inside it
        ("Sidang Dewan Keamanan PBB ditunda.", [("PBB", "ORG")], [("Dewan Keamanan PBB", "ORG")]),
        ("Kata Bank Indonesia kemarin.", [("Indonesia", "LOC")], [("Bank Indonesia", "ORG")]),
        # a mention reaching past the listed name is not cut
        (
            "Gubernur Bank Indonesia Perry Warjiyo hadir.",
            [("Indonesia Perry Warjiyo", "PER")],
            [("Indonesia Perry Warjiyo", "PER")],
        ),
    ],
)
def test_listed_name_replaces_mentions_inside_it(
    text: str, mentions: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    doc = make_doc(text)
    table = {("dewan", "keamanan", "pbb"): "ORG", ("pbb",): "ORG", ("bank", "indonesia"): "ORG"}
    result = apply_gazetteers(doc, [found(doc, p, t) for p, t in mentions], table)
    assert [(doc.text[f.start : f.end], f.type) for f in result] == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kiper Marc-Andre ter Stegen tampil baik.", "Marc-Andre ter Stegen"),
        ("Menurut Eugenia Oviedo-Joekes, hasilnya baik.", "Eugenia Oviedo-Joekes"),
        ("Aktor Song Joong-ki tiba di Jakarta.", "Song Joong-ki"),
        ("Petenis Prancis Jo-Wilfried Tsonga kalah di Paris.", "Jo-Wilfried Tsonga"),
    ],
)
def test_person_names_cut_by_the_tokenizer_are_joined(text: str, name: str) -> None:
    people = [e.name for e in analyze(text).entities if e.type == "PER"]
    assert name in people


def test_join_person_names_rules() -> None:
    doc = make_doc("Marc-Andre ter Stegen, Rafael Nadal dan Roger Federer, serta PT Marc-Andre.")
    pieces = [
        found(doc, "Marc", "PER"),
        found(doc, "Andre", "PER"),
        found(doc, "Stegen", "PER"),
        found(doc, "Rafael Nadal", "PER"),
        found(doc, "Roger Federer", "PER"),
        found(doc, "PT Marc", "ORG"),
    ]
    result = join_person_names(doc, pieces, frozenset({"ter"}))
    assert [(doc.text[f.start : f.end], f.type) for f in result] == [
        ("Marc-Andre ter Stegen", "PER"),
        ("Rafael Nadal", "PER"),  # "dan" is no particle
        ("Roger Federer", "PER"),
        ("PT Marc", "ORG"),  # only person names are joined
    ]


@pytest.mark.parametrize(
    ("text", "mentions", "expected"),
    [
        # a run opening with an organization word is one ORG, the person after it stays apart
        (
            "Kepala Dinas Pekerjaan Umum Bina Marga dan Pematusan Erna Purnawati hadir.",
            [("Erna Purnawati", "PER")],
            [("Dinas Pekerjaan Umum Bina Marga dan Pematusan", "ORG"), ("Erna Purnawati", "PER")],
        ),
        # a place inside the name is swallowed
        (
            "Ia kuliah di Universitas Indonesia.",
            [("Indonesia", "LOC")],
            [("Universitas Indonesia", "ORG")],
        ),
        # a second organization word opens a second body
        (
            "Dosen Fakultas Ekonomi Universitas Indonesia hadir.",
            [],
            [("Fakultas Ekonomi", "ORG"), ("Universitas Indonesia", "ORG")],
        ),
        # the model's exact span keeps its type; a lone opener adds nothing
        ("Ia ke Partai Demokrat.", [("Partai Demokrat", "LOC")], [("Partai Demokrat", "LOC")]),
        ("Ia bertemu Dinas setempat.", [], []),
    ],
)
def test_indonesian_organization_openers(
    text: str, mentions: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    doc = make_doc(text)
    found_ = [found(doc, p, t) for p, t in mentions]
    result = apply_org_openers(doc, found_, org_openers("id"), {})
    assert [(doc.text[f.start : f.end], f.type) for f in result] == expected


# Mention boundaries a reader sees wrong (issue 9): (text, the model's mentions, expected
# mentions after the stage's rules). The rules run through ``_complete`` with the shipped
# lists, so the language data is tested with them; the model itself is not loaded.
BOUNDARIES = [
    pytest.param(
        "Sekretaris Jenderal ASEAN Kao Kim Hourn mengatakan hal itu.",
        [("Kim Hourn", "PER")],
        [("ASEAN", "ORG"), ("Kao Kim Hourn", "PER")],
        id="person-after-acronym-takes-its-first-word",
    ),
    pytest.param(
        "Menteri Perhubungan Ignasius Jonan tiba.",
        [("Ignasius Jonan", "PER")],
        [("Ignasius Jonan", "PER")],
        id="word-after-a-title-is-the-office",
    ),
    pytest.param(
        "ASEAN berpegang pada Konsensus Lima Poin.",
        [("ASEAN", "ORG"), ("Lima", "LOC")],
        [("ASEAN", "ORG")],
        id="number-word-in-a-title-is-no-place",
    ),
    pytest.param(
        "Ia tinggal di Lima, Peru.",
        [("Lima", "LOC"), ("Peru", "LOC")],
        [("Lima", "LOC"), ("Peru", "LOC")],
        id="number-word-alone-may-be-a-place",
    ),
    pytest.param(
        "Wakil Pemerintah Persatuan Nasional Myanmar hadir.",
        [("Persatuan Nasional Myanmar", "ORG")],
        [("Pemerintah Persatuan Nasional Myanmar", "ORG")],
        id="pemerintah-joins-the-organization",
    ),
    pytest.param(
        "Ia bertemu Pemerintah Indonesia.",
        [("Indonesia", "LOC")],
        [("Indonesia", "LOC")],
        id="pemerintah-before-a-place-joins-nothing",
    ),
    pytest.param(
        "CNN meminta komentar dari Kedutaan Besar Rusia di Washington.",
        [("CNN", "ORG"), ("Rusia", "LOC"), ("Washington", "LOC")],
        [("CNN", "ORG"), ("Kedutaan Besar Rusia", "ORG"), ("Washington", "LOC")],
        id="embassy-is-an-organization",
    ),
    pytest.param(
        "Laporan itu dari Kantor Berita Pusat Korea yang dikelola pemerintah.",
        [("Korea", "LOC")],
        [("Kantor Berita Pusat Korea", "ORG")],
        id="news-agency-listed",
    ),
    pytest.param(
        "Roket itu digunakan oleh pasukan Wagner akhir tahun lalu.",
        [("Wagner", "PER")],
        [("Wagner", "ORG")],
        id="group-noun-makes-an-organization",
    ),
    pytest.param(
        "Kelompok tentara bayaran Wagner menarik diri.",
        [],
        [("Wagner", "ORG")],
        id="group-noun-adds-a-missed-organization",
    ),
    pytest.param(
        "Ia memuji pasukan Laurent Blanc.",
        [("Laurent Blanc", "PER")],
        [("Laurent Blanc", "PER")],
        id="a-coach-s-squad-keeps-the-person",
    ),
    pytest.param(
        "Pertemuan di kota pelabuhan timur Vladivostok.",
        [("pelabuhan timur Vladivostok", "LOC")],
        [("Vladivostok", "LOC")],
        id="lower-case-description-before-a-place-goes",
    ),
    pytest.param(
        "Ia datang ke kantor Menko Polhukam.",
        [("kantor Menko Polhukam", "LOC")],
        [("kantor Menko Polhukam", "LOC")],
        id="lower-case-facility-head-stays",
    ),
]


@pytest.mark.parametrize(("text", "mentions", "expected"), BOUNDARIES)
def test_mention_boundaries(
    text: str, mentions: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    doc = make_doc(text)
    stage = EntitiesStage()
    result = stage._complete(doc, [found(doc, p, t) for p, t in mentions], gazetteer("id"))
    assert [(doc.text[f.start : f.end], f.type) for f in result] == expected


def test_dateline_in_capitals_names_the_place_properly() -> None:
    doc = make_doc("JAKARTA, KOMPAS.com - Hujan turun.")
    doc.dateline = Dateline(0, 21, "JAKARTA", "KOMPAS.com")
    entities = group_mentions(doc, [found(doc, "JAKARTA", "LOC")])
    assert [e.name for e in entities] == ["Jakarta"]
    doc = make_doc("JAKARTA, KOMPAS.com - Hujan turun di Jakarta.")
    entities = group_mentions(doc, [found(doc, "JAKARTA", "LOC"), found(doc, "Jakarta", "LOC")])
    assert [(e.name, len(e.mentions)) for e in entities] == [("Jakarta", 2)]
