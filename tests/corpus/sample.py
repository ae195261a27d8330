"""A small hand-built corpus: one KPK arrest told by three outlets (one a syndicated copy),
a football match, and a later, different match."""

from __future__ import annotations

from tests.corpus.helpers import make_doc
from warta.document import Document

KPK = (
    "Komisi Pemberantasan Korupsi menangkap Bupati Klaten Sri Hartini dalam operasi tangkap "
    "tangan di Klaten, Jawa Tengah, Jumat. KPK menyita uang ratusan juta rupiah dari rumah "
    'dinas bupati. Ketua KPK Agus Rahardjo membenarkan penangkapan itu. "Benar, ada '
    'penangkapan di Klaten," kata Agus Rahardjo di Jakarta.'
)
KPK_FOLLOW_UP = (
    "KPK menetapkan Bupati Klaten Sri Hartini sebagai tersangka suap jual beli jabatan "
    "setelah operasi tangkap tangan di Klaten. Penyidik KPK menyita uang suap dari rumah "
    "dinas. Agus Rahardjo mengatakan suap itu terkait pengisian jabatan di Pemkab Klaten."
)
MATCH_1 = (
    "Persib Bandung mengalahkan Persija Jakarta 2-1 di Stadion Si Jalak Harupat, Sabtu. Gol "
    "kemenangan Persib dicetak Atep pada menit akhir pertandingan Liga 1."
)
MATCH_2 = (
    "Arema FC menahan imbang Bali United 1-1 di Stadion Kanjuruhan, Malang, Minggu. Bali "
    "United unggul lebih dulu sebelum Arema menyamakan kedudukan lewat penalti."
)

EVENT = {
    "type": "arrest",
    "source": {"name": "KPK", "entity": 1, "code": "IDNGOV"},
    "target": {"name": "Sri Hartini", "entity": 2, "code": None},
    "cameo": "173",
    "when": {"text": "Jumat", "value": "2016-12-30"},
}


def corpus() -> list[Document]:
    kpk_entities = [
        ("Klaten", "LOC"),
        ("KPK", "ORG"),
        ("Sri Hartini", "PER"),
        ("Agus Rahardjo", "PER"),
    ]
    return [
        make_doc(
            "kpk-a",
            KPK,
            title="KPK tangkap Bupati Klaten",
            site="nasional.kompas.com",
            published="2016-12-30T10:00:00+07:00",
            entities=kpk_entities,
            quotes=[("Benar, ada penangkapan di Klaten,", "Agus Rahardjo")],
            events=[EVENT],
        ),
        make_doc(
            "kpk-b",
            KPK.replace("ratusan juta", "Rp 2 miliar") + " Baca juga: KPK periksa saksi.",
            title="KPK Tangkap Bupati Klaten Sri Hartini",
            site="antaranews.com",
            published="2016-12-30T13:00:00+07:00",
            entities=kpk_entities,
            quotes=[("Benar, ada penangkapan di Klaten,", "Agus Rahardjo")],
        ),
        make_doc(
            "kpk-c",
            KPK_FOLLOW_UP,
            title="Bupati Klaten jadi tersangka suap jabatan",
            site="tempo.co",
            published="2016-12-31T09:00:00+07:00",
            entities=kpk_entities,
            events=[dict(EVENT, when={"text": "Sabtu", "value": "2016-12-31"})],
        ),
        make_doc(
            "match-1",
            MATCH_1,
            title="Persib kalahkan Persija",
            site="bola.kompas.com",
            published="2016-12-31T20:00:00+07:00",
            entities=[("Persib Bandung", "ORG"), ("Persija Jakarta", "ORG"), ("Atep", "PER")],
        ),
        make_doc(
            "match-2",
            MATCH_2,
            title="Arema tahan imbang Bali United",
            site="goal.com",
            published="2017-01-08T20:00:00+07:00",
            entities=[("Arema FC", "ORG"), ("Bali United", "ORG")],
        ),
    ]
