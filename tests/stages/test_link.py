"""The link stage: canonical identity, merges, countries and actor codes on hand-made entities,
and one end-to-end run on the seed article."""

from __future__ import annotations

import re

import pytest

from warta.document import Document, Entity, Mention, Quote, Span, Speaker
from warta.pipeline import analyze
from warta.registry import stage_class
from warta.stages.link import LinkStage, link_entities, lookup, normalize, spelling_key


def make_doc(text: str, *groups: tuple[str, list[str]], language: str = "id") -> Document:
    """A document whose entities are ``groups`` of (type, surface forms), each form a mention
    wherever it is written (longer forms first, so "Kim" inside "Kim Jong Un" is not one)."""
    taken: list[tuple[int, int]] = []
    entities = []
    order = sorted(
        ((len(form), n, form) for n, (_, forms) in enumerate(groups) for form in forms),
        reverse=True,
    )
    mentions: dict[int, list[Mention]] = {n: [] for n in range(len(groups))}
    for _, n, form in order:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            a, b = match.span()
            if any(a < e and s < b for s, e in taken):
                continue
            taken.append((a, b))
            mentions[n].append(Mention(a, b, form))
    for n, (etype, forms) in enumerate(groups):
        found = sorted(mentions[n], key=lambda m: m.start)
        assert found, f"{forms} not in the text"
        name = max(forms, key=lambda f: (len(f.split()), len(f)))
        entities.append(Entity(name=name, type=etype, mentions=found))
    entities.sort(key=lambda e: e.mentions[0].start)
    tokens = [Span(*t.span()) for t in re.finditer(r"\w+(?:-\w+)*|[^\w\s]", text)]
    return Document(text=text, language=language, tokens=tokens, entities=entities)


def linked(text: str, *groups: tuple[str, list[str]]) -> list[Entity]:
    return link_entities(make_doc(text, *groups))


def entity_of(entities: list[Entity], form: str) -> Entity:
    hits = [e for e in entities if any(m.text == form for m in e.mentions)]
    assert len(hits) == 1, f"{form!r} in {len(hits)} entities"
    return hits[0]


# (text, entity groups as the entities stage leaves them, forms that must end as one entity)
MERGES = [
    (
        "Presiden Joko Widodo meresmikan jalan tol. Jokowi mengatakan jalan itu penting.",
        [("PER", ["Joko Widodo"]), ("PER", ["Jokowi"])],
        ["Joko Widodo", "Jokowi"],
    ),
    (
        "Amerika Serikat menuduh Rusia. AS juga menyebut Negeri Paman Sam tidak akan diam.",
        [
            ("LOC", ["Amerika Serikat"]),
            ("LOC", ["Rusia"]),
            ("LOC", ["AS"]),
            ("LOC", ["Negeri Paman Sam"]),
        ],
        ["Amerika Serikat", "AS", "Negeri Paman Sam"],
    ),
    (
        "Tiongkok membantah tuduhan itu. China menyebut laporan itu palsu. RRT menolak.",
        [("LOC", ["Tiongkok"]), ("LOC", ["China"]), ("ORG", ["RRT"])],
        ["Tiongkok", "China", "RRT"],
    ),
    (
        "Jepang menambah anggaran. Negeri Sakura khawatir.",
        [("LOC", ["Jepang"]), ("LOC", ["Negeri Sakura"])],
        ["Jepang", "Negeri Sakura"],
    ),
    (
        "Korea Selatan dan Korut bertemu. Korsel meminta Korea Utara menahan diri.",
        [
            ("LOC", ["Korea Selatan"]),
            ("LOC", ["Korut"]),
            ("LOC", ["Korsel"]),
            ("LOC", ["Korea Utara"]),
        ],
        ["Korea Selatan", "Korsel"],
    ),
    (
        "Korea Selatan dan Korut bertemu. Korsel meminta Korea Utara menahan diri.",
        [
            ("LOC", ["Korea Selatan"]),
            ("LOC", ["Korut"]),
            ("LOC", ["Korsel"]),
            ("LOC", ["Korea Utara"]),
        ],
        ["Korut", "Korea Utara"],
    ),
    (
        "Uni Emirat Arab membuka kedutaan. UEA berjanji membantu.",
        [("LOC", ["Uni Emirat Arab"]), ("ORG", ["UEA"])],
        ["Uni Emirat Arab", "UEA"],
    ),
    (
        "Kementerian Kesehatan mencatat kasus baru. Kemenkes meminta warga waspada.",
        [("ORG", ["Kementerian Kesehatan"]), ("ORG", ["Kemenkes"])],
        ["Kementerian Kesehatan", "Kemenkes"],
    ),
    (
        "Komisi Pemberantasan Korupsi menahan dua orang. Juru bicara KPK membenarkan.",
        [("ORG", ["Komisi Pemberantasan Korupsi"]), ("ORG", ["KPK"])],
        ["Komisi Pemberantasan Korupsi", "KPK"],
    ),
    (  # an acronym no table knows, spelled by the initials of the long name
        "Lembaga Riset Kelautan Nusantara merilis data. Menurut LRKN, suhu laut naik.",
        [("ORG", ["Lembaga Riset Kelautan Nusantara"]), ("ORG", ["LRKN"])],
        ["Lembaga Riset Kelautan Nusantara", "LRKN"],
    ),
    (
        "Volodymyr Zelenskyy berpidato. Zelensky meminta bantuan.",
        [("PER", ["Volodymyr Zelenskyy"]), ("PER", ["Zelensky"])],
        ["Volodymyr Zelenskyy", "Zelensky"],
    ),
    (  # spelling variants of a name no table knows
        "Oleksandr Syrskyi memimpin. Syrsky mengatakan pasukannya bertahan.",
        [("PER", ["Oleksandr Syrskyi"]), ("ORG", ["Syrsky"])],
        ["Oleksandr Syrskyi", "Syrsky"],
    ),
    (
        "Perdana Menteri Keir Starmer tiba. Starmer disambut.",
        [("PER", ["Keir Starmer"]), ("PER", ["Starmer"])],
        ["Keir Starmer", "Starmer"],
    ),
]


@pytest.mark.parametrize(("text", "groups", "one"), MERGES)
def test_one_entity_per_real_thing(
    text: str, groups: list[tuple[str, list[str]]], one: list[str]
) -> None:
    entities = linked(text, *groups)
    assert len({id(entity_of(entities, form)) for form in one}) <= 1


# (text, groups, forms that must stay different entities)
APART = [
    (
        "Kim Jong Un menerima surat. Adiknya, Kim Yo Jong, mengecam Seoul.",
        [("PER", ["Kim Jong Un"]), ("PER", ["Kim Yo Jong"]), ("LOC", ["Seoul"])],
        ["Kim Jong Un", "Kim Yo Jong"],
    ),
    (
        "Prabowo Subianto bertemu Kapolri Listyo Sigit Prabowo. Prabowo lalu pergi.",
        [("PER", ["Prabowo Subianto"]), ("PER", ["Listyo Sigit Prabowo"]), ("PER", ["Prabowo"])],
        ["Prabowo Subianto", "Listyo Sigit Prabowo", "Prabowo"],
    ),
    (
        "Joko Widodo menemui Gibran di Solo.",
        [("PER", ["Joko Widodo"]), ("PER", ["Gibran"]), ("LOC", ["Solo"])],
        ["Joko Widodo", "Gibran"],
    ),
    (
        "Korea Utara menembakkan rudal ke arah Semenanjung Korea.",
        [("LOC", ["Korea Utara"]), ("LOC", ["Korea"])],
        ["Korea Utara", "Korea"],
    ),
    (  # "AS" spells the initials of Arab Saudi, but it is the United States
        "Arab Saudi dan AS menandatangani perjanjian.",
        [("LOC", ["Arab Saudi"]), ("LOC", ["AS"])],
        ["Arab Saudi", "AS"],
    ),
    (
        "Moskow menyambut delegasi. Rusia menyatakan siap.",
        [("LOC", ["Moskow"]), ("LOC", ["Rusia"])],
        ["Moskow", "Rusia"],
    ),
]


@pytest.mark.parametrize(("text", "groups", "apart"), APART)
def test_different_things_stay_apart(
    text: str, groups: list[tuple[str, list[str]]], apart: list[str]
) -> None:
    entities = linked(text, *groups)
    assert len({id(entity_of(entities, form)) for form in apart}) == len(apart)


def test_spelling_variants_of_unknown_names_merge_across_types() -> None:
    text, groups, _ = MERGES[11]
    entities = linked(text, *groups)
    assert len(entities) == 1
    assert entities[0].name == "Oleksandr Syrskyi"
    assert entities[0].type == "PER"
    assert entities[0].aliases == ["Syrsky"]


# (text, groups, form, expected (id, kind, country, code); None: anything)
RECORDS = [
    (
        "Tentara tiba di Moskow.",
        [("LOC", ["Moskow"])],
        "Moskow",
        ("loc:moscow", "city", "RUS", "RUS"),
    ),
    ("Rusia membantah.", [("LOC", ["Rusia"])], "Rusia", ("RUS", "country", "RUS", "RUS")),
    (
        "Banjir melanda Jawa Barat.",
        [("LOC", ["Jawa Barat"])],
        "Jawa Barat",
        (None, "province", "IDN", "IDN"),
    ),
    (
        "Gempa mengguncang Sukabumi.",
        [("LOC", ["Sukabumi"])],
        "Sukabumi",
        (None, "city", "IDN", "IDN"),
    ),
    (
        "Kremlin menolak berkomentar.",
        [("ORG", ["Kremlin"])],
        "Kremlin",
        ("org:kremlin", "government", "RUS", "RUS GOV"),
    ),
    (
        "Gedung Putih menolak berkomentar.",
        [("LOC", ["Gedung Putih"])],
        "Gedung Putih",
        ("org:white-house", "government", "USA", "USA GOV"),
    ),
    (
        "Istana menanggapi kritik itu.",
        [("LOC", ["Istana"])],
        "Istana",
        (None, "government", "IDN", "IDN GOV"),
    ),
    (
        "Pyongyang menyatakan uji coba berhasil.",
        [("LOC", ["Pyongyang"])],
        "Pyongyang",
        ("loc:pyongyang", "city", "PRK", "PRK GOV"),
    ),
    (
        "Pejabat itu terbang ke Pyongyang.",
        [("LOC", ["Pyongyang"])],
        "Pyongyang",
        ("loc:pyongyang", "city", "PRK", "PRK"),
    ),
    (
        "Beijing belum mengumumkan delegasinya.",
        [("LOC", ["Beijing"])],
        "Beijing",
        (None, "city", "CHN", "CHN GOV"),
    ),
    (
        "Sekretaris Jenderal PBB tiba.",
        [("ORG", ["PBB"])],
        "PBB",
        ("org:united-nations", "igo", None, "IGOUNO"),
    ),
    (
        "Juru bicara Dewan Keamanan PBB berbicara.",
        [("ORG", ["Dewan Keamanan PBB"])],
        "Dewan Keamanan PBB",
        (None, "igo", None, "IGOUNO"),
    ),
    (
        "Badan Intelijen Nasional Korea Selatan melapor.",
        [("ORG", ["Badan Intelijen Nasional Korea Selatan"])],
        "Badan Intelijen Nasional Korea Selatan",
        ("org:badan-intelijen-nasional-korea-selatan", "government", "KOR", "KOR GOV"),
    ),
    (
        "Polda Jawa Barat menangkap dua orang.",
        [("ORG", ["Polda Jawa Barat"])],
        "Polda Jawa Barat",
        (None, "police", "IDN", "IDN COP"),
    ),
    (
        "Polres Bogor menangkap dua orang.",
        [("ORG", ["Polres Bogor"])],
        "Polres Bogor",
        (None, "police", "IDN", "IDN COP"),
    ),
    (
        "Partai Buruh Inggris menang.",
        [("ORG", ["Partai Buruh Inggris"])],
        "Partai Buruh Inggris",
        (None, "party", "GBR", "GBR PTY"),
    ),
    (
        "Pasukan Wagner mundur.",
        [("PER", ["Wagner"])],
        "Wagner",
        ("org:wagner-group", "armed_group", "RUS", "RUS UAF"),
    ),
    (
        "Kantor Berita Pusat Korea melaporkan uji coba.",
        [("ORG", ["Kantor Berita Pusat Korea"])],
        "Kantor Berita Pusat Korea",
        ("org:kcna", "media", "PRK", "PRK MED"),
    ),
    (
        "PT Maju Jaya Tbk mencatat laba.",
        [("ORG", ["PT Maju Jaya Tbk"])],
        "PT Maju Jaya Tbk",
        ("org:pt-maju-jaya-tbk", "company", None, None),
    ),
    (
        "Jokowi meresmikan bendungan.",
        [("PER", ["Jokowi"])],
        "Jokowi",
        ("per:joko-widodo", "person", "IDN", "IDN GOV"),
    ),
    (
        "Setelah Menteri Pertahanan Rusia Sergei Shoigu mengunjungi Pyongyang.",
        [("PER", ["Sergei Shoigu"]), ("LOC", ["Rusia"]), ("LOC", ["Pyongyang"])],
        "Sergei Shoigu",
        (None, "person", "RUS", "RUS GOV"),
    ),
    (
        "Menteri Pertahanan Rusia Anatoly Sidorov tiba.",
        [("PER", ["Anatoly Sidorov"]), ("LOC", ["Rusia"])],
        "Anatoly Sidorov",
        ("per:anatoly-sidorov", "person", "RUS", "RUS GOV"),
    ),
    (
        "Anatoly Sidorov, Menteri Pertahanan Rusia, tiba.",
        [("PER", ["Anatoly Sidorov"]), ("LOC", ["Rusia"])],
        "Anatoly Sidorov",
        (None, "person", "RUS", "RUS GOV"),
    ),
    (
        "Presiden AS Joe Biden tiba.",
        [("PER", ["Joe Biden"]), ("LOC", ["AS"])],
        "Joe Biden",
        ("per:joe-biden", "person", "USA", "USA GOV"),
    ),
    (
        "Kapolri Listyo Sigit Prabowo memimpin apel.",
        [("PER", ["Listyo Sigit Prabowo"])],
        "Listyo Sigit Prabowo",
        ("per:listyo-sigit-prabowo", "person", "IDN", "IDN COP"),
    ),
    (
        "Kapolda Metro Jaya Irjen Budi Santoso memimpin apel.",
        [("PER", ["Budi Santoso"])],
        "Budi Santoso",
        (None, "person", "IDN", "IDN COP"),
    ),
    (
        "kata juru bicara Kremlin Ivan Petrov.",
        [("PER", ["Ivan Petrov"]), ("ORG", ["Kremlin"])],
        "Ivan Petrov",
        (None, "person", "RUS", "RUS GOV"),
    ),
    (
        "kata juru bicara Dewan Keamanan PBB, Clara Wong.",
        [("PER", ["Clara Wong"]), ("ORG", ["Dewan Keamanan PBB"])],
        "Clara Wong",
        (None, "person", None, "IGOUNO"),
    ),
    (
        "Menteri Kesehatan Budi Gunadi Sadikin meninjau rumah sakit.",
        [("PER", ["Budi Gunadi Sadikin"])],
        "Budi Gunadi Sadikin",
        (None, "person", "IDN", "IDN GOV"),
    ),
    (
        "Tiongkok mengirim legislator Li Zhanshu.",
        [("PER", ["Li Zhanshu"]), ("LOC", ["Tiongkok"])],
        "Li Zhanshu",
        (None, "person", None, None),
    ),
]


@pytest.mark.parametrize(("text", "groups", "form", "expected"), RECORDS)
def test_canonical_record(
    text: str,
    groups: list[tuple[str, list[str]]],
    form: str,
    expected: tuple[str | None, str, str | None, str | None],
) -> None:
    entity = entity_of(linked(text, *groups), form)
    rid, kind, country, code = expected
    if rid is not None:
        assert entity.id == rid
    assert (entity.kind, entity.country, entity.code) == (kind, country, code)


def test_ids_are_the_same_whatever_alias_the_article_uses() -> None:
    a = linked("Jokowi tiba.", ("PER", ["Jokowi"]))[0]
    b = linked("Presiden Joko Widodo tiba.", ("PER", ["Joko Widodo"]))[0]
    assert a.id == b.id == "per:joko-widodo"
    assert a.name == b.name == "Joko Widodo"
    c = linked("AS menolak.", ("LOC", ["AS"]))[0]
    assert (c.id, c.name) == ("USA", "Amerika Serikat")


def test_name_is_the_fullest_properly_cased_form() -> None:
    entities = linked(
        "JAKARTA - Hujan deras. Warga Jakarta Timur mengungsi.",
        ("LOC", ["JAKARTA"]),
        ("LOC", ["Jakarta Timur"]),
    )
    assert entity_of(entities, "JAKARTA").name == "Jakarta"
    assert entity_of(entities, "JAKARTA").country == "IDN"


def test_merged_entity_keeps_every_mention_sorted_and_aliases() -> None:
    doc = make_doc(
        "Amerika Serikat menuduh. AS menolak. Negeri Paman Sam diam.",
        ("LOC", ["Amerika Serikat"]),
        ("LOC", ["AS"]),
        ("LOC", ["Negeri Paman Sam"]),
    )
    (usa,) = link_entities(doc)
    assert [m.text for m in usa.mentions] == ["Amerika Serikat", "AS", "Negeri Paman Sam"]
    assert usa.aliases == ["AS", "Negeri Paman Sam"]
    assert (usa.id, usa.kind, usa.country, usa.code) == ("USA", "country", "USA", "USA")


def test_known_aliases_the_model_missed_become_mentions() -> None:
    entities = linked(
        "Jepang menambah anggaran. Karoshi dikenal di Negeri Sakura. Istana Merdeka diam.",
        ("LOC", ["Jepang"]),
    )
    japan = entity_of(entities, "Jepang")
    assert [m.text for m in japan.mentions] == ["Jepang", "Negeri Sakura"]
    palace = entity_of(entities, "Istana Merdeka")  # several words: a new entity
    assert (palace.type, palace.code) == ("ORG", "IDN GOV")
    assert len(entities) == 2


def test_office_beats_rank_and_brackets_are_skipped() -> None:
    (tito,) = linked("Kapolri Jenderal Tito Karnavian tiba.", ("PER", ["Tito Karnavian"]))
    assert tito.code == "IDN COP"
    entities = linked(
        "Wakil Ketua Dewan Perwakilan Rakyat (DPR) Fahri Hamzah menilai.",
        ("ORG", ["Dewan Perwakilan Rakyat", "DPR"]),
        ("PER", ["Fahri Hamzah"]),
    )
    assert entity_of(entities, "Fahri Hamzah").code == "IDN LEG"
    entities = linked(
        "Menlu Australia (Julie Bishop) menelepon.",
        ("LOC", ["Australia"]),
        ("PER", ["Julie Bishop"]),
    )
    assert entity_of(entities, "Julie Bishop").code == "AUS GOV"


def test_capitals_act_as_governments_as_agents_and_owners() -> None:
    (beijing,) = linked("Putusan itu ditolak oleh Beijing.", ("LOC", ["Beijing"]))
    assert beijing.code == "CHN GOV"
    (washington,) = linked("Ia menjelaskan rencana Washington.", ("LOC", ["Washington"]))
    assert washington.code == "USA GOV"


def test_initials_and_first_names_of_people() -> None:
    entities = linked(
        "Agus Harimurti Yudhoyono atau AHY hadir. Alexander Marwata dan Alex bicara.",
        ("PER", ["Agus Harimurti Yudhoyono"]),
        ("ORG", ["AHY"]),
        ("PER", ["Alexander Marwata"]),
        ("PER", ["Alex"]),
    )
    assert entity_of(entities, "AHY") is entity_of(entities, "Agus Harimurti Yudhoyono")
    assert entity_of(entities, "Alex") is entity_of(entities, "Alexander Marwata")
    assert len(entities) == 2


def test_entities_without_tables_still_get_ids() -> None:
    doc = make_doc("Jokowi tiba di Bandung.", ("PER", ["Jokowi"]), ("LOC", ["Bandung"]))
    entities = link_entities(doc, tables=False)
    assert [e.id for e in entities] == ["per:jokowi", "loc:bandung"]


def test_lookup_and_keys() -> None:
    assert normalize("The White House") == "white house"
    assert spelling_key("Zelenskyy") == spelling_key("Zelensky") == spelling_key("Zelenskiy")
    assert spelling_key("Shoigu") == spelling_key("Shoygu")
    moscow = lookup("Moskow", "id")
    assert moscow is not None and (moscow.id, moscow.capital) == ("loc:moscow", True)
    assert lookup("Negeri Paman Sam", "id") is not None
    assert lookup("Tidak Ada Namanya", "id") is None


def test_stage_is_registered_and_pickles() -> None:
    import pickle

    stage = stage_class("link")()
    assert isinstance(stage, LinkStage)
    assert stage.requires == ("text", "tokens", "entities")
    assert stage.assigns == ("entities", "quotes")
    again = pickle.loads(pickle.dumps(stage))
    assert again.tables


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    from pathlib import Path

    text = (Path(__file__).parents[1] / "fixtures" / "seed-article.txt").read_text("utf-8")
    return analyze(text)


def test_seed_end_to_end(seed_doc: Document) -> None:
    entities = seed_doc.entities
    korea = entity_of(entities, "Korea Utara")
    assert korea.id == "PRK" and korea.kind == "country"
    assert {"DPRK", "Republik Demokratik Rakyat Korea"} <= {m.text for m in korea.mentions}
    kim = entity_of(entities, "Kim Jong Un")
    assert "Kim" in {m.text for m in kim.mentions}
    assert (kim.id, kim.code) == ("per:kim-jong-un", "PRK GOV")
    shoigu = entity_of(entities, "Sergei Shoigu")
    assert shoigu.country == "RUS"
    assert entity_of(entities, "Kremlin").code == "RUS GOV"
    assert entity_of(entities, "Gedung Putih").code == "USA GOV"
    assert entity_of(entities, "Moskow").country == "RUS"
    assert entity_of(entities, "AS") is entity_of(entities, "AS")
    assert entity_of(entities, "Tiongkok") is entity_of(entities, "China")
    ids = [e.id for e in entities]
    assert len(ids) == len(set(ids))
    for quote in seed_doc.quotes:
        if quote.speaker is not None and quote.speaker.entity is not None:
            assert 0 <= quote.speaker.entity < len(entities)


def test_english_roles_and_names() -> None:
    doc = make_doc(
        "U.S. Secretary of State Antony Blinken said the United States will act. "
        "Pyongyang said it would respond.",
        ("LOC", ["U.S."]),
        ("PER", ["Antony Blinken"]),
        ("LOC", ["United States"]),
        ("LOC", ["Pyongyang"]),
        language="en",
    )
    entities = link_entities(doc)
    usa = entity_of(entities, "U.S.")
    assert usa is entity_of(entities, "United States") and usa.name == "United States"
    assert entity_of(entities, "Antony Blinken").code == "USA GOV"
    assert entity_of(entities, "Pyongyang").code == "PRK GOV"


def test_place_heads_give_the_kind_and_the_inner_name_the_country() -> None:
    (regency,) = linked("Banjir di Kabupaten Sukabumi.", ("LOC", ["Kabupaten Sukabumi"]))
    assert (regency.kind, regency.country, regency.id) == ("city", "IDN", "loc:kabupaten-sukabumi")


def test_a_name_one_letter_short_is_another_name() -> None:
    entities = linked(
        "Marco Asensio mencetak gol. Marc menyusul.",
        ("PER", ["Marco Asensio"]),
        ("PER", ["Marc"]),
    )
    assert len(entities) == 2


def test_quotation_speakers_follow_merged_entities() -> None:
    """The link stage runs after quotes: a speaker pointing at "Jokowi" points at the entity
    "Jokowi" was merged into, and later entities move up."""
    doc = make_doc(
        "Joko Widodo tiba di Bandung. Jokowi berkata ia senang. Retno juga hadir.",
        ("PER", ["Joko Widodo"]),
        ("LOC", ["Bandung"]),
        ("PER", ["Jokowi"]),
        ("PER", ["Retno"]),
    )
    doc.quotes = [
        Quote("ia senang", 44, 53, "indirect", "berkata", Speaker("Jokowi", 2)),
        Quote("juga hadir", 61, 71, "indirect", None, Speaker("Retno", 3)),
    ]
    LinkStage()(doc)
    speakers = [doc.entities[q.speaker.entity].name for q in doc.quotes if q.speaker]
    assert speakers == ["Joko Widodo", "Retno"]
    assert len(doc.entities) == 3
