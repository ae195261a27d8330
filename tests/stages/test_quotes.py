"""The quotes stage on news sentences written for these tests in the style of Indonesian
outlets (Kompas, Antara, Detik), and on the seed article.

Input documents are built by hand: tokens and sentences from the sentences module's own
functions, entities written out, so the tests do not depend on the NER model's quality.
"""

from __future__ import annotations

import re

import pytest

from warta.document import Document, Entity, Mention, Quote
from warta.registry import create_stage
from warta.stages.quotes import QuotesStage, affiliation
from warta.stages.quotes_lexicon import lexicon
from warta.stages.sentences import split_sentences, tokenize


def make_doc(
    text: str, entities: dict[str, tuple[str, ...]] | None = None, language: str = "id"
) -> Document:
    """A document with tokens, sentences and the given entities: ``{"PER:Full Name": (forms)}``,
    each form found everywhere in the text."""
    doc = Document(text=text, language=language)
    doc.tokens = tokenize(text, language)
    doc.sentences = split_sentences(text, doc.tokens, language)
    for key, forms in (entities or {}).items():
        kind, name = key.split(":", 1)
        pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        mentions = [
            Mention(m.start(), m.end(), m.group()) for m in re.finditer(rf"\b(?:{pattern})\b", text)
        ]
        doc.entities.append(Entity(name, kind, mentions))
    return doc


def run(
    text: str, entities: dict[str, tuple[str, ...]] | None = None, language: str = "id"
) -> list[Quote]:
    return QuotesStage()(make_doc(text, entities, language)).quotes


def spoken(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind != "indirect"]


# (text, entities, [(quote text starts with, kind, speaker, cue, role)])
DIRECT = [
    pytest.param(
        "“Kami akan menambah armada bus pada musim mudik tahun ini,” kata Kepala Dinas "
        "Perhubungan DKI Jakarta Syafrin Liputo di Jakarta, Senin (3/4).",
        None,
        [
            (
                "“Kami akan",
                "direct",
                "Syafrin Liputo",
                "kata",
                "Kepala Dinas Perhubungan DKI Jakarta",
            )
        ],
        id="kata-title-name",
    ),
    pytest.param(
        "”Stok beras aman sampai Lebaran,” ujar Direktur Utama Perum Bulog Budi Waseso.",
        {"PER:Budi Waseso": ("Budi Waseso",)},
        [("”Stok beras", "direct", "Budi Waseso", "ujar", "Direktur Utama Perum Bulog")],
        id="kompas-same-mark",
    ),
    pytest.param(
        '"Harga tiket pesawat turun 10 persen," kata Menteri Perhubungan Budi Karya Sumadi.',
        None,
        [('"Harga tiket', "direct", "Budi Karya Sumadi", "kata", "Menteri Perhubungan")],
        id="straight-marks",
    ),
    pytest.param(
        "«Kami menolak rencana itu,» kata Ketua Serikat Pekerja Andi Gani.",
        None,
        [("«Kami menolak", "direct", "Andi Gani", "kata", "Ketua Serikat Pekerja")],
        id="guillemets",
    ),
    pytest.param(
        "‘Ini bukan akhir perjuangan kami,’ ujar Andi Gani.",
        None,
        [("‘Ini bukan", "direct", "Andi Gani", "ujar", None)],
        id="single-marks-with-cue",
    ),
    pytest.param(
        "Menteri Kesehatan Budi Gunadi Sadikin meninjau RSUD Cengkareng, Selasa. ”Kapasitas "
        "tempat tidur masih cukup untuk pasien,” ujarnya.",
        {"PER:Budi Gunadi Sadikin": ("Budi Gunadi Sadikin",)},
        [("”Kapasitas", "direct", "Budi Gunadi Sadikin", "ujarnya", "Menteri Kesehatan")],
        id="clitic-to-person-named-before",
    ),
    pytest.param(
        "Juru bicara Kementerian Luar Negeri Teuku Faizasyah mengatakan, pemerintah terus "
        "memantau situasi di Sudan. ”Kami sudah menghubungi KBRI di Khartoum,” kata Faizasyah.",
        None,
        [
            (
                "”Kami sudah",
                "direct",
                "Teuku Faizasyah",
                "kata",
                "Juru bicara Kementerian Luar Negeri",
            )
        ],
        id="short-name-to-fullest-and-role-shared",
    ),
    pytest.param(
        "Kepala BMKG Dwikorita Karnawati meminta warga waspada. ”Curah hujan masih tinggi "
        "sampai akhir bulan,” kata dia.",
        {"PER:Dwikorita Karnawati": ("Dwikorita Karnawati",)},
        [("”Curah hujan", "direct", "Dwikorita Karnawati", "kata", "Kepala BMKG")],
        id="pronoun-kata-dia",
    ),
    pytest.param(
        "Gubernur Jawa Tengah Ganjar Pranowo mengatakan: ”Semua sekolah wajib menerapkan "
        "protokol kesehatan.”",
        None,
        [("”Semua sekolah", "direct", "Ganjar Pranowo", "mengatakan", "Gubernur Jawa Tengah")],
        id="frame-before-quote",
    ),
    pytest.param(
        "Presiden Joko Widodo meresmikan Bendungan Sadawarna di Subang, Kamis. ”Bendungan ini "
        "akan mengairi 4.000 hektar sawah,” kata Presiden.",
        None,
        [("”Bendungan ini", "direct", "Joko Widodo", "kata", "Presiden")],
        id="title-only-speaker",
    ),
    pytest.param(
        "”Kami sudah siap menghadapi arus balik, ”kata Kapolres Bogor AKBP Iman Imanuddin.",
        None,
        [("”Kami sudah", "direct", "Iman Imanuddin", "kata", "Kapolres Bogor AKBP")],
        id="misplaced-closing-mark",
    ),
    pytest.param(
        "”Pembangunan jembatan ditargetkan selesai akhir tahun,” kata Joko Santoso, Kepala "
        "Dinas PUPR Kabupaten Bantul.",
        None,
        [("”Pembangunan", "direct", "Joko Santoso", "kata", "Kepala Dinas PUPR Kabupaten Bantul")],
        id="role-after-name",
    ),
    pytest.param(
        "“Tidak ada korban jiwa dalam kejadian ini,” kata juru bicara Badan Nasional "
        "Penanggulangan Bencana, Abdul Muhari, dalam keterangan tertulis.",
        None,
        [
            (
                "“Tidak ada",
                "direct",
                "Abdul Muhari",
                "kata",
                "juru bicara Badan Nasional Penanggulangan Bencana",
            )
        ],
        id="name-after-role",
    ),
    pytest.param(
        "”Pelaku sudah kami amankan beserta barang bukti,” kata Kepala Unit Reserse Kriminal "
        "Kepolisian Sektor Tamansari Ajun Komisaris Roland Manurung.",
        None,
        [
            (
                "”Pelaku",
                "direct",
                "Roland Manurung",
                "kata",
                "Kepala Unit Reserse Kriminal Kepolisian Sektor Tamansari Ajun Komisaris",
            )
        ],
        id="long-police-role",
    ),
    pytest.param(
        "”Kami tidak akan mundur,” kata Ketua Umum Partai Buruh Said Iqbal, ”karena para "
        "pekerja menunggu keputusan ini.”",
        None,
        [
            ("”Kami tidak", "direct", "Said Iqbal", "kata", "Ketua Umum Partai Buruh"),
            ("”karena", "direct", "Said Iqbal", "kata", "Ketua Umum Partai Buruh"),
        ],
        id="broken-by-cue",
    ),
    pytest.param(
        "”Jalur mudik tahun ini sudah jauh lebih siap dibanding tahun lalu.\n\n”Kami juga "
        "menyiapkan posko kesehatan di setiap rest area,” kata Budi Setiyadi.",
        None,
        [("”Jalur mudik", "direct", "Budi Setiyadi", "kata", None)],
        id="multi-paragraph",
    ),
    pytest.param(
        "Menurut Kusnawan, penumpang kapal cepat turun drastis. ”Kemarin sangat terasa "
        "dampak ekonominya bagi warga,” ujarnya.",
        None,
        [("”Kemarin", "direct", "Kusnawan", "ujarnya", None)],
        id="regression-menurut-is-not-a-name",
    ),
    pytest.param(
        "”Kami siap melayani pemudik sepanjang libur Lebaran,” kata Budi Rahardjo, Senin (4/5).",
        None,
        [("”Kami siap", "direct", "Budi Rahardjo", "kata", None)],
        id="regression-day-is-not-a-role-or-name",
    ),
    pytest.param(
        "Angga menyebut usahanya nyaris tutup, ”Ini bukan saja membunuh korona, tetapi juga "
        "membunuh kami, ”keluhnya.",
        None,
        [("”Ini bukan", "direct", "Angga", "keluhnya", None)],
        id="regression-keluhnya-cue",
    ),
    pytest.param(
        "”Kami belum menerima datanya,” kata Kepala Dusun Sukorejo, Kelurahan Margomulyo, "
        "Kecamatan Seyegan, Hadi Prasetyo di Sleman.",
        None,
        [
            (
                "”Kami belum",
                "direct",
                "Hadi Prasetyo",
                "kata",
                "Kepala Dusun Sukorejo, Kelurahan Margomulyo, Kecamatan Seyegan",
            )
        ],
        id="regression-place-appositions-before-name",
    ),
    pytest.param(
        "Pengunjung Candi Prambanan terus bertambah sejak Juni. ”Kami batasi 2.000 orang per "
        "hari,” ujarnya.",
        {"PER:Candi Prambanan": ("Candi Prambanan",)},
        [("”Kami batasi", "direct", None, "ujarnya", None)],
        id="regression-place-tagged-person-is-no-antecedent",
    ),
    pytest.param(
        "Warga berkumpul di Nglegok sejak pagi. ”Airnya belum mengalir,” katanya.",
        {"PER:Nglegok": ("Nglegok",)},
        [("”Airnya", "direct", None, "katanya", None)],
        id="regression-name-after-di-is-a-place",
    ),
    pytest.param(
        "Imam Besar Masjid Istiqlal Nasaruddin Umar menuturkan masih menunggu arahan pemerintah. "
        "”Kapasitas masjid akan kami batasi,” ucapnya.",
        {"PER:Nasaruddin Umar": ("Istiqlal Nasaruddin Umar",)},
        [("”Kapasitas", "direct", "Nasaruddin Umar", "ucapnya", "Imam Besar Masjid Istiqlal")],
        id="regression-place-head-cut-from-model-name",
    ),
    pytest.param(
        "Bambang Wijaya, kuasa hukum Andi Saputra, menyatakan kliennya akan hadir dalam "
        "pemeriksaan. ”Kami menghormati proses hukum,” ujarnya.",
        {"PER:Bambang Wijaya": ("Bambang Wijaya",), "PER:Andi Saputra": ("Andi Saputra",)},
        [("”Kami menghormati", "direct", "Bambang Wijaya", "ujarnya", "kuasa hukum Andi Saputra")],
        id="regression-lowercase-apposition-is-role",
    ),
    pytest.param(
        "Ketua Umum IDI Daeng Faqih, Senin (20/4/2020), mengatakan, data kematian harus dibuka. "
        "Jumlah pasien terus naik. ”Kami sudah berkoordinasi dengan BNPB,” katanya.",
        None,
        [("”Kami sudah", "direct", "Daeng Faqih", "katanya", "Ketua Umum IDI")],
        id="regression-subject-before-date-parenthesis",
    ),
    pytest.param(
        "Kepala Dinas Sosial Rina Marlina mengatakan, bantuan tahap kedua sudah disalurkan. "
        "Sebelumnya, Andi Wijaya diberhentikan dari jabatannya karena kasus suap. "
        "”Penyaluran kami awasi bersama kepolisian,” katanya.",
        None,
        [("”Penyaluran", "direct", "Rina Marlina", "katanya", "Kepala Dinas Sosial")],
        id="regression-clitic-skips-person-not-in-subject-position",
    ),
    pytest.param(
        "Warga Desa Sukamaju mencuci di sungai. ”Setiap sore kami antre air,” ujar Marni "
        "sambil berjalan pulang.",
        {"LOC:Marni": ("Marni",)},
        [("”Setiap sore", "direct", "Marni", "ujar", None)],
        id="name-after-cue-the-model-called-a-place",
    ),
    pytest.param(
        "”Kami akan menambah petugas,” kata Kepala Dinas Sosial Rina Marlina. Sinta (21), "
        "pengunjung asal Cicaheum, Bandung, memilih tempat terbuka. ”Saya suka duduk di luar "
        "karena udaranya segar,” ujarnya.",
        None,
        [
            ("”Kami akan", "direct", "Rina Marlina", "kata", "Kepala Dinas Sosial"),
            ("”Saya suka", "direct", "Sinta", "ujarnya", None),
        ],
        id="clitic-takes-person-introduced-with-age",
    ),
    pytest.param(
        "”Kami akan menambah petugas,” kata Kepala Dinas Sosial Rina Marlina. Dodi, salah satu "
        "peserta, merasa senang. ”Lombanya seru sekali, lain dari biasanya,” katanya. Acara "
        "itu juga dihadiri Dodi.",
        None,
        [
            ("”Kami akan", "direct", "Rina Marlina", "kata", "Kepala Dinas Sosial"),
            ("”Lombanya", "direct", "Dodi", "katanya", None),
        ],
        id="clitic-takes-person-introduced-by-apposition",
    ),
    pytest.param(
        "”Kami akan menambah petugas,” kata Kepala Dinas Sosial Rina Marlina. Salah satu siswa "
        "yang meminjam laptop sekolah adalah Bagas Pratama (17). ”Laptop saya rusak sejak "
        "bulan lalu,” kata siswa jurusan Mesin itu.",
        None,
        [
            ("”Kami akan", "direct", "Rina Marlina", "kata", "Kepala Dinas Sosial"),
            ("”Laptop", "direct", "Bagas Pratama", "kata", None),
        ],
        id="description-with-demonstrative-points-back",
    ),
    pytest.param(
        "Kepala Dinas Sosial yang juga Ketua Satgas Bencana Hendra Wijaya, saat dihubungi, "
        "Senin (30/11/2020), mengatakan, pihaknya menyiapkan dapur umum. ”Bantuan kami kirim "
        "hari ini juga,” katanya.",
        {"PER:Hendra Wijaya": ("Hendra Wijaya",)},
        [
            (
                "”Bantuan",
                "direct",
                "Hendra Wijaya",
                "katanya",
                "Kepala Dinas Sosial yang juga Ketua Satgas Bencana",
            )
        ],
        id="two-roles-and-a-participle-before-the-verb",
    ),
    pytest.param(
        "”Kelurahan di perbatasan mencatat kasus tinggi,” kata peneliti senior Urbanlab, "
        "Bayu Santoso, di Jakarta.",
        {"ORG:Urbanlab": ("Urbanlab",), "PER:Bayu Santoso": ("Bayu Santoso",)},
        [("”Kelurahan", "direct", "Bayu Santoso", "kata", "peneliti senior Urbanlab")],
        id="body-name-then-apposed-person",
    ),
    pytest.param(
        "Sejumlah pakar mempertanyakan keputusan itu. Salah satunya adalah Ketua Ikatan Ahli "
        "Kesehatan Masyarakat Indonesia Ratna Dewi Lestari. Risiko penularan masih tinggi. "
        "”Banyak kantor masih bekerja dari rumah,” ujarnya.",
        None,
        [
            (
                "”Banyak",
                "direct",
                "Ratna Dewi Lestari",
                "ujarnya",
                "Ketua Ikatan Ahli Kesehatan Masyarakat Indonesia",
            )
        ],
        id="person-put-forward-by-a-copula",
    ),
    pytest.param(
        "”Kami siap,” kata Kepala Dinas Sosial Rina Marlina. Anggota pengurus Masjid Al-Ikhlas, "
        "Sarmin, juga menunggu aturan teknis. ”Kami memasang tanda jarak di lantai,” katanya.",
        None,
        [
            ("”Kami siap", "direct", "Rina Marlina", "kata", "Kepala Dinas Sosial"),
            ("”Kami memasang", "direct", "Sarmin", "katanya", None),
        ],
        id="role-then-apposed-name-opens-a-sentence",
    ),
    pytest.param(
        "Lestari (28), warga Bekasi yang biasa naik ojek, berharap pemerintah menjamin "
        "pengawasan angkutan umum. ”Sopir angkot harus ditegur lagi,” ujarnya. Warga "
        "lain seperti Gilang (24), pegawai negeri, juga berharap operator menambah armada. "
        "”Kalau armadanya terbatas, sama saja,” ujarnya.",
        None,
        [
            ("”Sopir", "direct", "Lestari", "ujarnya", "warga Bekasi"),
            ("”Kalau", "direct", "Gilang", "ujarnya", "pegawai"),
        ],
        id="aged-name-then-description-and-example-person",
    ),
    pytest.param(
        "”Ada 500 subyek yang akan dilibatkan,” kata anggota Tim Peneliti Sensa dari UNS, "
        "Rina Kusumawati, seusai bertemu Gubernur.",
        None,
        [
            (
                "”Ada 500",
                "direct",
                "Rina Kusumawati",
                "kata",
                "anggota Tim Peneliti Sensa dari UNS",
            )
        ],
        id="origin-inside-the-role",
    ),
    pytest.param(
        "Hendrik dari PT Rotan Jaya mengatakan, pesanan kursi rotan anjlok. ”Ekspor kami "
        "bisa naik lagi tahun depan,” katanya.",
        {"PER:Hendrik": ("Hendrik",), "ORG:PT Rotan Jaya": ("PT Rotan Jaya",)},
        [("”Ekspor", "direct", "Hendrik", "katanya", None)],
        id="name-dari-organization-before-the-verb",
    ),
    pytest.param(
        "Sekolah tatap muka dibuka kembali pekan depan. ”Kami siapkan protokol kesehatan ketat "
        "di setiap kelas.” Demikian disampaikan Kepala Dinas Pendidikan Kota Malang Suwarjana.",
        None,
        [
            (
                "”Kami siapkan",
                "direct",
                "Suwarjana",
                "demikian disampaikan",
                "Kepala Dinas Pendidikan Kota Malang",
            )
        ],
        id="regression-look-ahead-demikian-disampaikan",
    ),
    pytest.param(
        "”Penularan dari klaster keluarga masih tinggi,” kata juru bicara Satgas Covid - 19 "
        "Kabupaten Bogor, Agus Salim, Senin.",
        None,
        [
            (
                "”Penularan",
                "direct",
                "Agus Salim",
                "kata",
                "juru bicara Satgas Covid - 19 Kabupaten Bogor",
            )
        ],
        id="regression-role-with-hyphen-then-name",
    ),
    pytest.param(
        "”Kereta akan berangkat tiap jam,” kata Direktur Utama PT Kereta Commuter Indonesia "
        "(KAI Commuter) Rina Lestari.",
        None,
        [
            (
                "”Kereta",
                "direct",
                "Rina Lestari",
                "kata",
                "Direktur Utama PT Kereta Commuter Indonesia (KAI Commuter)",
            )
        ],
        id="regression-parenthesis-of-two-words-in-role",
    ),
    pytest.param(
        "”Kami perketat pengawasan,” kata Menteri Koordinator Bidang Politik, Hukum, dan "
        "Keamanan Mahfud MD.",
        None,
        [
            (
                "”Kami perketat",
                "direct",
                "Mahfud MD",
                "kata",
                "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan",
            )
        ],
        id="regression-list-inside-role",
    ),
    pytest.param(
        "”Anggaran sudah kami ajukan,” kata Hari. Kepala Biro Umum Bambang Hari Santoso "
        "menjelaskan prosesnya.",
        {"PER:Bambang Hari Santoso": ("Bambang Hari Santoso",)},
        [("”Anggaran", "direct", "Bambang Hari Santoso", "kata", None)],
        id="regression-hari-is-a-name-after-a-cue",
    ),
    pytest.param(
        "Wali Kota Surabaya Tri Rismaharini meninjau pasar. ”Tolong masker dipakai,” kata Risma.",
        {"PER:Tri Rismaharini": ("Tri Rismaharini",), "PER:Risma": ("Risma",)},
        [("”Tolong", "direct", "Tri Rismaharini", "kata", None)],
        id="regression-short-form-to-full-name",
    ),
    pytest.param(
        "Rizky Aqilah (29), warga Cipayung, Jakarta Timur, berharap masjid segera dibuka. "
        "”Kami ingin Tarawih berjemaah lagi,” ucapnya.",
        {"LOC:Jakarta Timur": ("Jakarta Timur",)},
        [("”Kami ingin", "direct", "Rizky Aqilah", "ucapnya", "warga Cipayung")],
        id="regression-place-apposition-is-not-the-subject",
    ),
]


@pytest.mark.parametrize(("text", "entities", "expected"), DIRECT)
def test_direct_quotes(
    text: str, entities: dict[str, tuple[str, ...]] | None, expected: list[tuple[str, ...]]
) -> None:
    quotes = spoken(run(text, entities))
    got = [
        (
            q.text[: len(want[0])],
            q.kind,
            q.speaker.name if q.speaker else None,
            q.cue,
            q.speaker.role if q.speaker else None,
        )
        for q, want in zip(quotes, expected, strict=False)
    ]
    assert got == expected
    assert len(quotes) == len(expected)
    for q in quotes:
        assert q.text == text[q.start : q.end]


# (text, entities, [(kind, speaker, cue)]) for reported speech and quoted fragments
REPORTED = [
    pytest.param(
        "Menteri Keuangan Sri Mulyani Indrawati mengatakan bahwa perekonomian nasional “masih "
        "tumbuh cukup kuat di tengah tekanan global,” meski ada perlambatan ekspor.",
        None,
        [
            ("indirect", "Sri Mulyani Indrawati", "mengatakan"),
            ("partial", "Sri Mulyani Indrawati", "mengatakan"),
        ],
        id="partial-inside-indirect",
    ),
    pytest.param(
        "Menurut Kepala BMKG Dwikorita Karnawati, puncak musim hujan diperkirakan terjadi pada "
        "Februari.",
        None,
        [("indirect", "Dwikorita Karnawati", "menurut")],
        id="menurut-first",
    ),
    pytest.param(
        "Harga cabai naik dua kali lipat dalam sepekan terakhir, menurut para pedagang di Pasar "
        "Induk Kramat Jati.",
        None,
        [("indirect", "para pedagang", "menurut")],
        id="menurut-last-unnamed",
    ),
    pytest.param(
        "Pasokan listrik di wilayah itu akan pulih dalam dua hari, kata seorang pejabat PLN.",
        None,
        [("indirect", "seorang pejabat PLN", "kata")],
        id="kata-without-marks-unnamed",
    ),
    pytest.param(
        "Kementerian Kesehatan menyatakan bahwa kasus demam berdarah meningkat di 12 provinsi.",
        None,
        [("indirect", "Kementerian Kesehatan", "menyatakan")],
        id="organization-speaks",
    ),
    pytest.param(
        "Pada hari Senin, Shoigu, Menteri Pertahanan Rusia, mengatakan bahwa latihan bersama "
        "sedang dibahas.",
        {"PER:Sergei Shoigu": ("Shoigu",)},
        [("indirect", "Sergei Shoigu", "mengatakan")],
        id="subject-with-appositive-role",
    ),
    pytest.param(
        "Kepala Dinas Kesehatan Jawa Barat Nina Susana mengatakan, vaksinasi lansia terus "
        "dikebut. Ia mengatakan, stok vaksin di gudang provinsi masih mencukupi.",
        None,
        [
            ("indirect", "Nina Susana", "mengatakan"),
            ("indirect", "Nina Susana", "mengatakan"),
        ],
        id="pronoun-subject",
    ),
    pytest.param(
        "Dalam kasus ini, terang Fredly, polisi sudah memeriksa lima orang saksi.",
        None,
        [("indirect", "Fredly", "terang")],
        id="cue-inside-sentence",
    ),
    pytest.param(
        "Watson tidak mengatakan kapan pertemuan itu akan berlangsung di Vladivostok.",
        None,
        [],
        id="negated-verb-is-not-speech",
    ),
    pytest.param(
        "Warga menyebut jalan itu sebagai ”jalur tengkorak” karena sering terjadi kecelakaan.",
        None,
        [],
        id="scare-quote-is-not-speech",
    ),
    pytest.param(
        "Hal itu disampaikan dalam webinar bertajuk ”Masa Depan Energi Terbarukan di Indonesia” "
        "di Jakarta.",
        None,
        [],
        id="title-of-event-is-not-speech",
    ),
    pytest.param(
        "Istilah ‘new normal’ mulai dipakai pejabat sejak Mei.",
        None,
        [],
        id="single-quoted-term",
    ),
    pytest.param(
        "”Kota hujan” itu kembali masuk zona oranye pekan ini.",
        None,
        [],
        id="regression-short-quoted-term-opening-a-sentence",
    ),
    pytest.param(
        "Wali Kota Bogor Bima Arya memastikan, pada Senin, ”kota hujan” tersebut kembali masuk "
        "zona oranye.",
        {"LOC:Bogor": ("Bogor",)},
        [("indirect", "Bima Arya", "memastikan")],
        id="regression-short-quoted-term-after-a-frame",
    ),
    pytest.param(
        "Ada 604 data dengan kata kunci ”KTP elektronik data kependudukan” dalam arsip itu.",
        None,
        [],
        id="regression-kata-kunci-is-not-a-cue",
    ),
    pytest.param(
        "Kunjungan itu terjadi ketika Jepang telah menyatakan keprihatinannya atas uji coba "
        "rudal Pyongyang.",
        {"PER:Kim Jong Un": ("Kim",), "LOC:Jepang": ("Jepang",)},
        [("indirect", "Jepang", "menyatakan")],
        id="regression-subject-after-ketika-is-the-speaker",
    ),
    pytest.param(
        "Redaksi telah meminta komentar dari Kedutaan Besar Rusia di Jakarta.",
        None,
        [],
        id="regression-meminta-with-an-object-is-not-speech",
    ),
    pytest.param(
        "Gubernur Jawa Timur Khofifah Indar Parawansa meminta agar warga tidak mudik.",
        None,
        [("indirect", "Khofifah Indar Parawansa", "meminta")],
        id="regression-meminta-agar-is-speech",
    ),
]


@pytest.mark.parametrize(("text", "entities", "expected"), REPORTED)
def test_reported_speech(
    text: str, entities: dict[str, tuple[str, ...]] | None, expected: list[tuple[str, ...]]
) -> None:
    quotes = run(text, entities)
    if not expected:
        quotes = spoken(quotes)
    got = [(q.kind, q.speaker.name if q.speaker else None, q.cue) for q in quotes]
    assert got == expected


def test_indirect_span_is_the_reported_content() -> None:
    text = "Kementerian Kesehatan menyatakan bahwa kasus demam berdarah meningkat di 12 provinsi."
    (quote,) = run(text)
    assert quote.text == "kasus demam berdarah meningkat di 12 provinsi"


def test_indirect_can_be_switched_off() -> None:
    doc = make_doc("Kementerian Kesehatan menyatakan bahwa kasus demam berdarah meningkat.")
    assert QuotesStage(indirect=False)(doc).quotes == []


def test_words_before_a_name_without_a_title_are_no_role() -> None:
    text = (
        "Korea Utara tidak memiliki kapal selam nuklir, menurut sebuah penilaian dari "
        "Nuclear Threat Initiative."
    )
    (quote,) = run(text, {"ORG:Nuclear Threat Initiative": ("Nuclear Threat Initiative",)})
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.role) == ("Nuclear Threat Initiative", None)


def test_speaker_entity_points_into_doc_entities() -> None:
    text = "”Kami sudah siap,” kata juru bicara Kremlin Dmitry Peskov kepada wartawan."
    doc = make_doc(text, {"LOC:Kremlin": ("Kremlin",), "PER:Dmitry Peskov": ("Dmitry Peskov",)})
    (quote,) = QuotesStage()(doc).quotes
    assert quote.speaker is not None
    assert quote.speaker.entity == 1
    assert doc.entities[quote.speaker.entity].name == "Dmitry Peskov"
    assert quote.speaker.role == "juru bicara Kremlin"
    assert quote.speaker.affiliation == "Kremlin"


# (text, entities, speaker, type of the speaker's entity, its name): every named speaker has an
# entity; one the model missed is added by the quotes stage with a mention where it is named.
LINKED = [
    pytest.param(
        "Korea Utara tidak memiliki kapal selam nuklir, menurut sebuah penilaian dari Nuclear "
        "Threat Initiative.",
        {"ORG:Nuclear Threat Initiative": ("Nuclear Threat Initiative",)},
        "Nuclear Threat Initiative",
        "ORG",
        "Nuclear Threat Initiative",
        id="org-tagged-by-the-model",
    ),
    pytest.param(
        "”Kami sudah siap,” kata Kepala Dinas Sosial Rina Marlina.",
        None,
        "Rina Marlina",
        "PER",
        "Rina Marlina",
        id="person-the-model-missed",
    ),
    pytest.param(
        "”Kami sudah siap,” kata juru bicara Kremlin Dmitry Peskov.",
        {"PER:Peskov": ("Dmitry Peskov",)},
        "Dmitry Peskov",
        "PER",
        "Peskov",
        id="person-tagged-by-the-model",
    ),
]


@pytest.mark.parametrize(("text", "entities", "speaker", "etype", "ename"), LINKED)
def test_named_speakers_have_an_entity(
    text: str, entities: dict[str, tuple[str, ...]] | None, speaker: str, etype: str, ename: str
) -> None:
    doc = QuotesStage()(make_doc(text, entities))
    (quote,) = doc.quotes
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert quote.speaker.entity is not None
    entity = doc.entities[quote.speaker.entity]
    assert (entity.type, entity.name) == (etype, ename)
    assert any(text[m.start : m.end] in speaker for m in entity.mentions)


def test_unnamed_speakers_have_no_entity() -> None:
    doc = QuotesStage()(make_doc("”Kami takut,” kata seorang warga."))
    assert [(q.speaker.name, q.speaker.entity) for q in doc.quotes if q.speaker] == [
        ("seorang warga", None)
    ]
    assert doc.entities == []


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("juru bicara Dewan Keamanan PBB", "Dewan Keamanan PBB"),
        ("Penasihat keamanan nasional AS", "AS"),
        ("Kepala", None),
        ("Menteri Pertahanan Rusia", "Kementerian Pertahanan Rusia"),
        ("Menteri Kesehatan", "Kementerian Kesehatan"),
        (None, None),
    ],
)
def test_affiliation_from_role(role: str | None, expected: str | None) -> None:
    assert affiliation(role, lexicon("id")) == expected


def test_english_data_only() -> None:
    quotes = run('"We will respond firmly," said Jake Sullivan.', language="en")
    assert [(q.kind, q.speaker.name if q.speaker else None, q.cue) for q in quotes] == [
        ("direct", "Jake Sullivan", "said")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will respond firmly,” said Jake Sullivan.", ("Jake Sullivan", None, "said")),
        (
            "“We will respond firmly,” said Jake Sullivan, the national security adviser.",
            ("Jake Sullivan", "the national security adviser", "said"),
        ),
        (
            "Jake Sullivan met reporters on Monday. “We will respond firmly,” Sullivan said.",
            ("Jake Sullivan", None, "said"),
        ),
        (
            "“The talks are progressing,” National Security Council spokesman John Kirby said.",
            ("John Kirby", "National Security Council spokesman", "said"),
        ),
        (
            "“The talks are going nowhere,” U.S. Secretary of State Antony Blinken said.",
            ("Antony Blinken", "U.S. Secretary of State", "said"),
        ),
        (
            "“The talks are going nowhere,” said U.S. Secretary of State Antony Blinken.",
            ("Antony Blinken", "U.S. Secretary of State", "said"),
        ),
        (
            "U.S. Secretary of State Antony Blinken said: “The talks are going nowhere.”",
            ("Antony Blinken", "U.S. Secretary of State", "said"),
        ),
    ],
)
def test_english_speaker_before_or_after_the_cue(
    text: str, expected: tuple[str, str | None, str]
) -> None:
    quotes = spoken(run(text, language="en"))
    assert [(q.speaker.name, q.speaker.role, q.cue) for q in quotes if q.speaker] == [expected]


def test_unknown_language_falls_back_to_indonesian() -> None:
    quotes = run("”Kami siap,” kata Budi Rahardjo.", language="xx")
    assert [q.speaker.name for q in quotes if q.speaker] == ["Budi Rahardjo"]


def test_registered_with_contract() -> None:
    stage = create_stage("quotes")
    assert stage.requires == ("text", "sentences", "tokens", "entities")
    assert stage.assigns == ("quotes", "flags")


# -- the seed article -------------------------------------------------------------------------

SEED_ENTITIES = {
    "PER:Jake Sullivan": ("Jake Sullivan", "Sullivan"),
    "PER:John Kirby": ("John Kirby", "Kirby"),
    "PER:Dmitry Peskov": ("Dmitry Peskov",),
    "PER:Adrienne Watson": ("Adrienne Watson", "Watson"),
    "PER:Sergei Shoigu": ("Sergei Shoigu", "Shoigu"),
    "PER:Kim Jong Un": ("Kim Jong Un", "Kim"),
    "PER:Vladimir Putin": ("Vladimir Putin", "Putin"),
    "ORG:Dewan Keamanan Nasional": ("Dewan Keamanan Nasional",),
    "ORG:Kremlin": ("Kremlin",),
}

SULLIVAN = ("Jake Sullivan", "Penasihat keamanan nasional AS")
KIRBY = ("John Kirby", "juru bicara Dewan Keamanan Nasional")
SHOIGU = ("Sergei Shoigu", "Menteri Pertahanan Rusia")
# The 13 direct and partial quotations of the seed: (opening words, kind, (speaker, role), cue)
SEED = [
    ("“secara aktif", "partial", ("Dewan Keamanan Nasional", None), "memperingatkan"),
    ("“Kami memiliki", "direct", ("Adrienne Watson", "juru bicara Dewan Keamanan PBB"), "kata"),
    ("“memantau", "partial", ("Badan Intelijen Nasional Korea Selatan", None), "mengatakan"),
    ("“Kami tidak punya", "direct", ("Dmitry Peskov", "juru bicara Kremlin"), "kata"),
    ("“secara aktif", "partial", SULLIVAN, "mengatakan"),
    ("“Kami akan terus", "direct", SULLIVAN, "kata"),
    ("“Saya tidak dapat", "direct", SULLIVAN, "ujarnya"),
    ("“diskusi tingkat", "partial", SULLIVAN, "menambahkan"),
    ("“berjanji", "partial", KIRBY, "kata"),
    ("“Di bawah", "direct", KIRBY, "katanya"),
    ("“Kesepakatan", "direct", KIRBY, "tambah"),
    ("“Kami sedang", "direct", SHOIGU, "kata"),
    ("“Anda tidak", "direct", SHOIGU, "katanya"),
]


@pytest.mark.parametrize("with_entities", [True, False], ids=["entities", "no-entities"])
def test_seed_article_quotes(seed_text: str, with_entities: bool) -> None:
    doc = QuotesStage()(make_doc(seed_text, SEED_ENTITIES if with_entities else None))
    got = [
        (
            q.text[: len(want[0])],
            q.kind,
            (q.speaker.name, q.speaker.role) if q.speaker else None,
            q.cue,
        )
        for q, want in zip(spoken(doc.quotes), SEED, strict=False)
    ]
    assert got == SEED
    assert len(spoken(doc.quotes)) == 13


def test_seed_article_indirect_speech(seed_text: str) -> None:
    doc = QuotesStage()(make_doc(seed_text, SEED_ENTITIES))
    indirect = {
        (q.speaker.name if q.speaker else None, q.cue) for q in doc.quotes if q.kind == "indirect"
    }
    assert ("dua pejabat AS", "menurut") in indirect
    assert ("para pejabat", "kata") in indirect
    assert ("John Kirby", "menurut") in indirect
    assert ("Sergei Shoigu", "mengatakan") in indirect


# (text, entities, expected flags as (speaker, [span texts]))
FLAGS = [
    pytest.param(
        "Dewan Keamanan Nasional memperingatkan pada hari Senin bahwa negosiasi senjata antara "
        "Rusia dan Korea Utara “secara aktif mengalami kemajuan.” “Kami memiliki informasi "
        "bahwa Kim berharap diskusi ini berlanjut,” kata juru bicara Dewan Keamanan PBB, "
        "Adrienne Watson, dalam sebuah pernyataan.",
        {"ORG:Dewan Keamanan Nasional": ("Dewan Keamanan Nasional",)},
        [("Adrienne Watson", ["Dewan Keamanan Nasional", "Dewan Keamanan PBB"])],
        id="one-statement-two-organizations",
    ),
    pytest.param(
        "”Kami memantau,” kata juru bicara Dewan Keamanan Nasional Adrienne Watson. ”Kami "
        "prihatin,” kata juru bicara Dewan Keamanan PBB Adrienne Watson.",
        None,
        [("Adrienne Watson", ["Dewan Keamanan Nasional", "Dewan Keamanan PBB"])],
        id="one-speaker-two-affiliations",
    ),
    pytest.param(
        "”Kami memantau,” kata juru bicara Dewan Keamanan Nasional John Kirby. ”Kami "
        "prihatin,” kata Menteri Luar Negeri Retno Marsudi.",
        None,
        [],
        id="two-speakers-no-flag",
    ),
    pytest.param(
        "Kementerian Kesehatan menyatakan stok vaksin aman. ”Stok cukup sampai Desember,” kata "
        "juru bicara Kementerian Kesehatan Siti Nadia Tarmizi.",
        {"ORG:Kementerian Kesehatan": ("Kementerian Kesehatan",)},
        [],
        id="spokesperson-of-the-same-organization",
    ),
]


@pytest.mark.parametrize(("text", "entities", "expected"), FLAGS)
def test_affiliation_flags(
    text: str,
    entities: dict[str, tuple[str, ...]] | None,
    expected: list[tuple[str, list[str]]],
) -> None:
    doc = QuotesStage()(make_doc(text, entities))
    got = [
        (f["speaker"], [text[start:end] for start, end in f["spans"]])
        for f in doc.flags
        if f["kind"] == "speaker_affiliation"
    ]
    assert got == expected


def test_report_shows_flags() -> None:
    from warta.report import render_report

    text = FLAGS[0].values[0]
    doc = QuotesStage()(
        make_doc(str(text), {"ORG:Dewan Keamanan Nasional": ("Dewan Keamanan Nasional",)})
    )
    report = render_report(doc)
    assert "Flags (1)" in report
    assert "'Dewan Keamanan PBB'" in report
