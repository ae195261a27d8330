"""Rules that find temporal expressions and give them TIMEX3 values (the ``dates`` stage).

HeidelTime-style: the words of a language (months, weekdays, units, "lalu"/"depan", parts of
the day, holidays) come from ``lang/<code>/dates.toml``; this module only combines word classes
into patterns, picks the longest non-overlapping matches, joins a date with its clock time
("Senin (27/3) pukul 10.00 WIB") and resolves each against the publication date. Relative
expressions need that anchor: "kemarin" is the day before publication, a bare "Senin" the
latest Monday on or before it unless the sentence looks forward ("akan", "depan").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from warta import lang

_B = r"(?<!\w)"
_E = r"(?!\w)"

#: Kinds whose value is a single day: a clock time or part of day may attach to them.
DAY_KINDS = frozenset({"iso", "numdate", "written", "weekday", "dayword", "anaph"})
#: How much farther a date after publication counts when a year is guessed.
FUTURE_WEIGHT = 2
#: Kinds resolved in the second pass, after the dates they lean on.
ANCHORED_KINDS = frozenset({"time", "part", "anaph"})


@dataclass(frozen=True, slots=True)
class Vocab:
    """One language's temporal words, merged from its ``dates.toml``."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    units: dict[str, str]
    repeated_units: dict[str, str]
    offsets: dict[str, int]
    ago: dict[str, int]
    mods: dict[str, str]
    day_words: dict[str, tuple[int, str]]
    anaphoric: dict[str, int]
    parts: dict[str, str]
    pm_parts: dict[str, int]
    ampm: dict[str, int]
    timezones: dict[str, float]
    refs: dict[str, str]
    quarters: dict[str, str]
    calendar_words: tuple[str, ...]
    calendar_fixed: dict[str, str]
    pasaran: tuple[str, ...]
    words: dict[str, tuple[str, ...]]
    set_words: dict[str, str] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    offsets_before: dict[str, int] = field(default_factory=dict)

    def word(self, name: str) -> tuple[str, ...]:
        return self.words.get(name, ())

    def lookup(self, table: dict[str, Any], key: str) -> Any:
        return table.get(" ".join(key.lower().split()))


@cache
def vocab(language: str) -> Vocab:
    """The temporal words of ``language`` (Indonesian's when it has none)."""
    data = lang.table(language, "dates") or lang.table("id", "dates")
    low = _lower_keys
    words = {k: tuple(v) for k, v in data.get("words", {}).items()}
    return Vocab(
        months=low(data.get("months", {})),
        weekdays=low(data.get("weekdays", {})),
        numbers=low(data.get("numbers", {})),
        ordinals=low(data.get("ordinals", {})),
        units=low(data.get("units", {})),
        repeated_units=low(data.get("repeated_units", {})),
        offsets=low(data.get("offsets", {})),
        ago=low(data.get("ago", {})),
        mods=low(data.get("mods", {})),
        day_words={k: (int(v[0]), str(v[1])) for k, v in low(data.get("day_words", {})).items()},
        anaphoric=low(data.get("anaphoric_days", {})),
        parts=low(data.get("parts_of_day", {})),
        pm_parts=low(data.get("pm_parts", {})),
        ampm=low(data.get("ampm", {})),
        timezones=low(data.get("timezones", {})),
        refs=low(data.get("refs", {})),
        quarters=low(data.get("quarters", {})),
        calendar_words=tuple(data.get("calendar", {}).get("words", [])),
        calendar_fixed=dict(data.get("calendar", {}).get("fixed", {})),
        pasaran=tuple(data.get("calendar", {}).get("pasaran", [])),
        words=words,
        offsets_before=low(data.get("offsets_before", {})),
        set_words=low(data.get("set_words", {})),
        seasons=low(data.get("seasons", {})),
    )


def _lower_keys(table: dict[str, Any]) -> dict[str, Any]:
    return {" ".join(k.lower().split()): v for k, v in table.items()}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    unique = sorted({w for w in words if w}, key=len, reverse=True)
    if not unique:
        return r"(?!x)x"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) + ")"


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    regex: re.Pattern[str]


@cache
def rules(language: str) -> tuple[Rule, ...]:
    """The compiled patterns of ``language``, in priority order (earlier wins a tie)."""
    v = vocab(language)
    w = v.word
    month = _alt(v.months)
    full_month = _alt(_full_month_names(v.months))
    weekday = _alt(v.weekdays)
    unit = _alt(v.units)
    rel_unit = _alt(k for k, u in v.units.items() if u in ("W", "M", "Y", "DE", "CE"))
    week_unit = _alt(k for k, u in v.units.items() if u == "W")
    count = r"(?:\d+(?:[.,]\d+)?|" + _alt(v.numbers) + "|" + _alt(w("fuzzy_counts")) + ")"
    offset = _alt(v.offsets)
    ago = _alt(v.ago)
    mod = _alt(v.mods)
    part = _alt(v.parts)
    zone = _alt(v.timezones)
    clock = _alt(w("clock"))
    rng = _alt(w("range_words"))
    hari = _alt(w("day_word"))
    tgl = _alt(w("day_words_before"))
    tahun = _alt(w("year_word"))
    bulan = _alt(w("month_word"))
    year = r"(?:1[5-9]|20)\d{2}"
    off_before = _alt(v.offsets_before)
    ob = rf"(?:(?P<offb>{off_before})\s+)?" if v.offsets_before else ""
    ampm = rf"(?:\s*(?P<ampm>{_alt(v.ampm)}))?" if v.ampm else ""
    tail = rf"(?:\s+(?:{_alt(w('date_after'))}))?"
    weekday_head = rf"(?:(?:{hari}\s+)?(?P<wd>{weekday}){tail}\s*,?\s*)"
    patterns: list[tuple[str, str, int]] = [
        ("iso", rf"{_B}(?P<year>\d{{4}})-(?P<mon>\d{{1,2}})-(?P<day>\d{{1,2}}){_E}", 0),
        (
            "numdate",
            rf"{_B}{weekday_head}?(?P<open>\(\s*)?(?P<day>\d{{1,2}})\s*/\s*(?P<mon>\d{{1,2}})"
            rf"(?:\s*/\s*(?P<year>\d{{4}}|\d{{2}}))?(?(open)\s*\)|(?![/\d])){tail}(?!\w)",
            0,
        ),
    ]
    if "dmy" in w("date_orders"):
        patterns.append(
            (
                "written",
                rf"{_B}(?:{weekday_head}(?P<open>\(\s*)?)?(?:{tgl}\s+)?"
                rf"(?:(?P<day1>\d{{1,2}})\s*,?\s*(?P<rng>{rng})\s*)?"
                rf"(?P<day>\d{{1,2}})\s+(?P<month>{month})(?:\.(?=\s+\d))?(?:\s*,?\s+(?P<year>\d{{4}}))?"
                rf"(?(open)\s*\)){tail}{_E}",
                0,
            )
        )
    if "mdy" in w("date_orders"):
        patterns.append(
            (
                "written",
                rf"{_B}{weekday_head}?(?P<month>{month})(?:\.(?=\s+\d))?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:\s*(?P<rng>{rng})\s*(?P<day2>\d{{1,2}}))?(?:,?\s+(?P<year>\d{{4}}))?{_E}",
                re.IGNORECASE,
            )
        )
    patterns += [
        (
            "yearrange",
            rf"{_B}(?:{tahun}\s+)?(?P<year1>{year})\s*(?:-|–|—|{rng})\s*(?P<year>{year}){_E}",
            0,
        ),
        (
            "monthyear",
            rf"{_B}(?:(?P<mod>{mod})\s+)?(?:(?P<bulan>{bulan})\s+)?{ob}(?P<month>{full_month})"
            rf"(?:\s+(?:(?P<tahun>{tahun})\s+)?(?P<year>{year})(?![\d/]){tail}|\s+{tahun}\s+(?P<yoff>{offset})"
            rf"|\s+(?P<off>{offset}))?"
            rf"{_E}",
            0,
        ),
        (
            "year",
            rf"{_B}(?:(?P<mod>{mod})\s+)?(?:(?P<tahun>{tahun})\s+)?(?P<year>{year})(?P<an>-?an)?"
            rf"(?:\s+(?P<off>{_alt(w('year_after'))}))?(?![\w/%]|[.,]\d)",
            0,
        ),
        (
            "decade",
            rf"{_B}(?:{_alt(w('decade_before'))})\s+(?P<yy>\d0)-?an{_E}",
            0,
        ),
        (
            "century",
            rf"{_B}(?:{_alt(w('century'))})\s+(?:ke-?\s*)?(?P<cent>\d{{1,2}})(?:st|nd|rd|th)?{_E}",
            0,
        ),
        (
            "weekday",
            rf"{_B}(?:(?P<hari>{hari})\s+)?{ob}(?P<wd>{weekday})(?:\s+(?P<pas>{_alt(v.pasaran)}))?"
            rf"(?:\s+(?P<wunit>{week_unit})\s+(?P<woff>{offset})|\s+(?P<off>{offset}))?{_E}",
            0,
        ),
        ("dayword", rf"{_B}(?P<dw>{_alt(v.day_words)}){_E}", 0),
        ("anaph", rf"{_B}(?P<an>{_alt(v.anaphoric)}){_E}", 0),
        (
            "quarter",
            rf"{_B}(?P<q>{_alt(v.quarters)})\s+(?:ke-?)?(?P<qn>{_alt(v.ordinals)}|\d)"
            rf"(?:\s+(?:{tahun}\s+)?(?:(?P<year>{year})|(?P<off>{offset})))?{_E}",
            0,
        ),
        (
            "ago",
            rf"{_B}(?:(?P<count>{count})\s+|(?P<se>se))(?P<unit>{unit})\s+(?P<ago>{ago}){_E}",
            0,
        ),
        (
            "unitrel",
            rf"{_B}(?:(?P<we>{_alt(w('weekend'))})|(?:(?P<mod>{mod})\s+)?{ob}(?P<unit>{rel_unit}))"
            rf"(?:\s+(?P<off>{offset}))?{_E}",
            0,
        ),
        (
            "set",
            rf"{_B}(?P<set>{_alt(w('sets'))})\s+(?:(?P<wd>{weekday})|(?P<part>{part})|"
            rf"(?:(?P<count>{count})\s+)?(?P<unit>{unit})){_E}",
            0,
        ),
        ("set", rf"{_B}(?P<per>{_alt(w('per'))})\s+(?P<unit>{unit}){_E}", 0),
        (
            "duration",
            rf"{_B}(?:(?P<count>{count})\s+|(?P<se>se))(?P<unit>{unit})"
            rf"(?:\s+(?P<last>{_alt(w('duration_after'))}))?(?![\w-])",
            0,
        ),
        ("duration", rf"{_B}(?P<rep>{_alt(v.repeated_units)}){_E}", 0),
        (
            "time",
            rf"{_B}(?:(?P<clock>{clock})\s+)?(?P<hour>\d{{1,2}})(?:[.:](?P<minute>\d{{2}}))?"
            rf"(?:\s*(?P<rng>-|–|—|{rng})\s*(?:{clock}\s+)?(?P<hour2>\d{{1,2}})"
            rf"(?:[.:](?P<minute2>\d{{2}}))?)?{ampm}(?:\s+(?P<part>{part}))?"
            rf"(?:\s*(?P<zone>{zone}))?{_E}",
            0,
        ),
        (
            "part",
            rf"{_B}(?P<part>{part})(?:\s+(?P<hari>{hari}))?(?:\s+(?P<zone>{zone}))?{_E}",
            0,
        ),
        ("setword", rf"{_B}(?P<setw>{_alt(v.set_words)}){_E}", 0),
        (
            "season",
            rf"{_B}(?P<season>{_alt(v.seasons)})(?:\s+(?:{tahun}\s+)?(?:(?P<year>{year})|"
            rf"(?P<off>{offset})))?{_E}",
            0,
        ),
        ("ref", rf"{_B}(?P<ref>{_alt(v.refs)}){_E}", 0),
    ]
    compiled = [
        Rule(kind, re.compile(regex, re.IGNORECASE | flags)) for kind, regex, flags in patterns
    ]
    calendar = _alt(v.calendar_words)
    compiled.append(
        Rule(
            "calendar",
            re.compile(rf"{_B}(?P<cal>{calendar})(?:\s+(?P<year>{year}))?{_E}"),
        )
    )
    return tuple(compiled)


def _full_month_names(months: dict[str, int]) -> list[str]:
    """Names a month may go by alone: the longest of each month and any of five letters or more.

    Abbreviations ("Des", "Mar") only count next to a day number: alone they are words.
    """
    longest: dict[int, str] = {}
    for name, number in months.items():
        if len(name) > len(longest.get(number, "")):
            longest[number] = name
    return [n for n in months if len(n) >= 5 or n == longest[months[n]]]


@dataclass(slots=True)
class Candidate:
    kind: str
    start: int
    end: int
    match: re.Match[str]
    priority: int
    #: A clock time or part of day joined to this date ("Senin malam").
    attached: Candidate | None = None


@dataclass(slots=True)
class Anchor:
    """What relative expressions resolve against: the publication moment, if known."""

    day: date | None
    moment: datetime | None = None


_TOKEN = re.compile(r"\w[\w'’-]*|\(")


@cache
def _first_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words an expression can start with, and the units "se" can prefix ("setahun")."""
    v = vocab(language)
    phrases: list[str] = []
    for table in (
        v.months,
        v.weekdays,
        v.numbers,
        v.units,
        v.repeated_units,
        v.mods,
        v.day_words,
        v.anaphoric,
        v.parts,
        v.refs,
        v.quarters,
        v.set_words,
        v.seasons,
        v.offsets_before,
    ):
        phrases.extend(table)
    phrases += list(v.calendar_words)
    for name in (
        "fuzzy_counts",
        "sets",
        "per",
        "clock",
        "day_words_before",
        "year_word",
        "month_word",
        "day_word",
        "weekend",
        "decade_before",
        "century",
    ):
        phrases += list(v.word(name))
    words = frozenset(p.split()[0].lower() for p in phrases if p.split())
    return words, frozenset(u.lower() for u in v.units)


def trigger_positions(text: str, language: str) -> list[int]:
    """Where an expression may start: a digit, "(", or a word some rule starts with. Trying
    the rules only there is several times faster than scanning the text once per rule."""
    words, units = _first_words(language)
    positions = []
    for t in _TOKEN.finditer(text):
        token = t[0]
        low = token.lower()
        if (
            token[0].isdigit()
            or token == "("
            or low in words
            or (low.startswith("se") and low[2:] in units)
        ):
            positions.append(t.start())
    return positions


def find_candidates(text: str, language: str) -> list[Candidate]:
    """Longest non-overlapping matches of every rule, in text order, with clock times and
    parts of day joined to the day they follow."""
    found: list[Candidate] = []
    compiled = rules(language)
    for pos in trigger_positions(text, language):
        for priority, rule in enumerate(compiled):
            m = rule.regex.match(text, pos)
            if m is not None and m.end() > m.start():
                found.append(Candidate(rule.kind, m.start(), m.end(), m, priority))
    found.sort(key=lambda c: (-_weight(c), c.priority, c.start))
    taken: list[Candidate] = []
    used = bytearray(len(text) + 1)
    for cand in found:
        if any(used[cand.start : cand.end]):
            continue
        if not _plausible(cand, text, language):
            continue
        taken.append(cand)
        used[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    taken.sort(key=lambda c: c.start)
    return _attach_times(taken, text, language)


def _weight(cand: Candidate) -> int:
    """Longer matches win; a counted unit wins over a longer one it overlaps ("46 tahun ini"
    is an age, not "tahun ini")."""
    counted = cand.kind in ("duration", "ago") and _g(cand.match, "count")
    return cand.end - cand.start + (100 if counted else 0)


def _attach_times(cands: list[Candidate], text: str, language: str) -> list[Candidate]:
    glue = re.compile(
        rf"^[\s,|\-–]*(?:{_alt(vocab(language).word('date_time_glue'))}\s+)?$", re.IGNORECASE
    )
    out: list[Candidate] = []
    pending: Candidate | None = None  # a part of day waiting for the day after it
    for cand in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.attached is None
            and prev.kind in DAY_KINDS
            and cand.kind in ("time", "part")
            and glue.match(text[prev.end : cand.start])
        ):
            prev.attached = cand
            prev.end = cand.end
            continue
        if (
            pending is not None
            and cand.kind in DAY_KINDS
            and glue.match(text[pending.end : cand.start])
        ):
            out.append(pending)  # "tengah malam pada 7 November": a time of that day
        pending = None
        if cand.kind == "part" and not _g(cand.match, "hari"):
            pending = cand  # "pagi", "malam" alone: a time only next to a day
            continue
        out.append(cand)
    return out


def _g(m: re.Match[str], name: str) -> Any:
    """A named group of ``m``, None when the rule that made ``m`` has no such group."""
    return m.groupdict().get(name)


def _word_before(text: str, start: int, *, lower: bool = True) -> str:
    m = re.search(r"([\w.'’$-]+)\W*$", text[max(0, start - 40) : start])
    if not m:
        return ""
    return m[1].lower() if lower else m[1]


def _after_month(text: str, start: int, language: str) -> bool:
    """Whether a month range or list leads to ``start`` ("Januari - Maret", "Mei dan Juni")."""
    return bool(_month_range_head(language).search(text[max(0, start - 30) : start]))


@cache
def _month_range_head(language: str) -> re.Pattern[str]:
    v = vocab(language)
    rng = _alt(v.word("range_words"))
    return re.compile(rf"{_B}{_alt(v.months)}\s*(?:{rng})\s*$", re.IGNORECASE)


def _inside_name(cand: Candidate, text: str) -> bool:
    """Every word capitalized, right after a capitalized word: part of a name or title."""
    words = cand.match[0].split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    return bool(re.search(r"[A-Z][\w'’-]*\s+$", text[max(0, cand.start - 40) : cand.start]))


def _in_parentheses(text: str, start: int, end: int) -> bool:
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


def _plausible(cand: Candidate, text: str, language: str) -> bool:
    """Drop matches that are words, not times: "2019 orang", "Des" alone, "Senin" in lowercase."""
    v = vocab(language)
    m = cand.match
    before = _word_before(text, cand.start)
    kind = cand.kind
    not_dates = _lower(v.word("not_date_after"))
    if kind in ("ref", "unitrel") and _inside_name(cand, text):
        return False  # "Aliansi Masa Depan Kosovo", "Aktor Terburuk Abad Ini"
    if (
        kind in ("numdate", "written", "year", "yearrange")
        and text[cand.start].isdigit()
        and before in not_dates
        and re.search(r"[\w.$]\s*$", text[max(0, cand.start - 3) : cand.start])
    ):
        return False  # "Stadion 17 Mei", "Rp 2019"; not "gereja, Minggu (24/12)"
    if kind in ("duration", "ago", "set") and re.match(
        rf"\s+{_alt(v.word('unit_not_before'))}{_E}", text[cand.end :], re.IGNORECASE
    ):
        return False  # "tiga jam tangan"
    if kind == "numdate":
        day, mon = int(_g(m, "day")), int(_g(m, "mon"))
        if not (1 <= day <= 31 and 1 <= mon <= 12):
            return False
        return bool(_g(m, "wd") or _g(m, "open") or _g(m, "year"))
    if kind in ("written", "iso"):
        return 1 <= int(_g(m, "day")) <= 31 and (kind != "iso" or 1 <= int(_g(m, "mon")) <= 12)
    if kind == "monthyear":
        month = _g(m, "month")
        if _g(m, "bulan") or _g(m, "year") or _g(m, "off") or _g(m, "mod") or _g(m, "yoff"):
            return month[0].isupper() or bool(_g(m, "bulan") or _g(m, "year"))
        if not month[0].isupper():
            return False
        if before in _lower(v.word("year_before")) or _after_month(text, cand.start, language):
            return True  # "pada Maret", "Januari - Maret"
        # "bisa diketahui April.": a month between lower-case words or punctuation
        return (
            month.lower() not in _lower(v.word("month_also_names"))
            and _word_before(text, cand.start, lower=False)[:1].islower()
            and not re.match(r"\s*[A-Z0-9]", text[cand.end : cand.end + 2])
        )
    if kind == "year":
        if text[cand.start - 1 : cand.start] == "/":
            return False  # "102/PUU-XIII/2015": a case number
        if re.search(
            rf"(?:{_alt(v.word('law_numbers'))})\s*\d+[A-Za-z]?\s*(?:{_alt(v.word('year_word'))}\s*)?$",
            text[max(0, cand.start - 30) : cand.start],
            re.IGNORECASE,
        ):
            return False  # "Nomor 12 Tahun 2011": a law's number and year
        if _g(m, "tahun") or _g(m, "mod") or _g(m, "an") or _g(m, "off"):
            return True
        if _in_parentheses(text, cand.start, cand.end):
            return True  # "Ibunda (1986)"
        if before in _lower(v.word("year_before")):
            return True
        # A year after a name: "MotoGP 2017", "UMP 2018", "SEA Games 2017", "Euro 2020".
        return _word_before(text, cand.start, lower=False)[:1].isupper() and not re.search(
            r"[.!?]\s*$", text[max(0, cand.start - 3) : cand.start]
        )
    if kind == "yearrange":
        return 0 < int(_g(m, "year")) - int(_g(m, "year1")) < 100
    if kind == "weekday":
        word = _g(m, "wd")
        is_week_word = v.lookup(v.units, word) == "W"
        if is_week_word and not word[0].isupper():
            return False  # "minggu lalu" is a week
        if (
            is_week_word
            and _g(m, "off")
            and not _g(m, "hari")
            and before not in ("pada", "hari", ",")
        ):
            return False  # sentence-initial "Minggu lalu": the week
        return word[0].isupper() or bool(_g(m, "hari"))
    if kind == "set" and _g(m, "per") and before in _lower(v.word("per_not_after")):
        return False  # "257 km per jam": a speed
    if kind == "unitrel":
        return bool(_g(m, "off") or _g(m, "we") or _g(m, "offb") or _g(m, "mod"))
    if kind == "ref":
        return before not in _lower(v.word("ref_not_after"))
    if kind == "quarter":
        n = v.lookup(v.ordinals, _g(m, "qn")) or int(_g(m, "qn")) if _g(m, "qn").isdigit() else None
        n = v.lookup(v.ordinals, _g(m, "qn")) if n is None else n
        letter = v.lookup(v.quarters, _g(m, "q"))
        return n is not None and 1 <= int(n) <= {"Q": 4, "H": 2, "T": 3}.get(letter, 4)
    if kind == "duration":
        if before in _lower(v.word("clock")):
            return False  # "jam 7 malam" is a clock time
        if (
            _g(m, "unit")
            and v.lookup(v.units, _g(m, "unit")) == "Y"
            and re.match(rf"\s+{r'(?:1[5-9]|20)'}\d{{2}}", text[cand.end : cand.end + 6])
        ):
            return False  # "Nomor 12 Tahun 2011": a law's number and year
        return True
    if kind == "time":
        hour = int(_g(m, "hour"))
        minute = int(_g(m, "minute")) if _g(m, "minute") else 0
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            return False
        ampm = _g(m, "ampm")
        return bool(
            _g(m, "clock")
            or (_g(m, "minute") and (_g(m, "zone") or ampm))
            or (ampm and _g(m, "hour"))
        )
    return True


@cache
def _lower_tuple(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _lower(words: tuple[str, ...]) -> frozenset[str]:
    return _lower_tuple(words)


# --- values -------------------------------------------------------------------------------


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _number(v: Vocab, word: str | None) -> float | None:
    """A count as a number; None for a fuzzy count ("beberapa")."""
    if word is None or word == "":
        return 1.0
    if word.lower() == "se":
        return 1.0
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", word):
        return float(word.replace(".", ""))  # "1.000": a thousand
    if re.fullmatch(r"\d+(?:[.,]\d+)?", word):
        return float(word.replace(",", "."))
    found = v.lookup(v.numbers, word)
    return float(found) if found is not None else None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, letter: str) -> str:
    """P3D, PT24H, PXY; "8Y" units (windu) multiply."""
    mult = 1
    m = re.fullmatch(r"(\d+)([A-Z]+)", letter)
    if m:
        mult, letter = int(m[1]), m[2]
    if n is not None and letter == "H" and n != int(n):
        n, letter = n * 60, "MIN"
    amount = "X" if n is None else _fmt(n * mult)
    if letter in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if letter == 'MIN' else letter}"
    return f"P{amount}{letter}"


@dataclass(slots=True)
class Resolver:
    """Turns candidates into TIMEX3 dicts for one text and one anchor."""

    text: str
    language: str
    anchor: Anchor
    sentences: Sequence[tuple[int, int]]
    paragraphs: Sequence[tuple[int, int]]
    v: Vocab = field(init=False)
    day_of: dict[int, date] = field(default_factory=dict)
    #: Expressions resolved so far, by candidate index (earlier ones serve "bulan sebelumnya").
    done: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    #: Indexes of expressions counted from an earlier one: never a reference themselves.
    relative: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.v = vocab(self.language)

    def resolve(self, cands: list[Candidate]) -> list[dict[str, Any]]:
        results = self.done
        for i, cand in enumerate(cands):
            if cand.kind not in ANCHORED_KINDS:
                results[i] = self._safe(self._resolve, cand, i)
        for i, cand in enumerate(cands):
            if cand.kind in ANCHORED_KINDS:
                results[i] = self._safe(self._resolve, cand, i, cands)
        out: list[dict[str, Any]] = []
        for i in range(len(cands)):
            out.extend(results.get(i, []))
        return out

    def _safe(
        self, fn: Callable[..., list[dict[str, Any]]], cand: Candidate, *args: Any
    ) -> list[dict[str, Any]]:
        try:
            return fn(cand, *args)
        except (ValueError, OverflowError, KeyError, TypeError):
            return []  # an impossible date ("31 Februari") is no date

    # -- helpers --

    def _timex(self, start: int, end: int, type_: str, value: str, **extra: Any) -> dict[str, Any]:
        item: dict[str, Any] = {
            "start": start,
            "end": end,
            "text": self.text[start:end],
            "type": type_,
            "value": value,
        }
        item.update({k: v for k, v in extra.items() if v is not None})
        return item

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return 0, len(self.text)

    def _forward(self, cand: Candidate) -> bool:
        s, _ = self._sentence_of(cand.start)
        words = re.findall(r"\w+", self.text[s : cand.start].lower())[-8:]
        return any(w in _lower(self.v.word("forward")) for w in words)

    def _with_time(
        self, cand: Candidate, d: date | None, value: str
    ) -> tuple[str, str, str | None]:
        """The value of a day with the clock time or part of day attached to it."""
        att = cand.attached
        if att is None:
            return "DATE", value, None
        if att.kind == "part":
            return "TIME", f"{value}T{self.v.lookup(self.v.parts, _g(att.match, 'part'))}", None
        clock, zone = self._clock(att.match)
        return "TIME", f"{value}T{clock}", zone

    def _clock(self, m: re.Match[str], second: bool = False) -> tuple[str, str | None]:
        hour = int(m["hour2" if second else "hour"])
        minute = int(m["minute2" if second else "minute"] or 0)
        part = _g(m, "part")
        if part and hour < 12:
            hour += int(self.v.lookup(self.v.pm_parts, part) or 0)
        if _g(m, "ampm"):
            shift = int(self.v.lookup(self.v.ampm, _g(m, "ampm")) or 0)
            if shift and hour < 12:
                hour += shift
            elif not shift and hour == 12:
                hour = 0
        zone = None
        if _g(m, "zone"):
            hours = float(self.v.lookup(self.v.timezones, _g(m, "zone")))
            sign = "+" if hours >= 0 else "-"
            zone = f"{sign}{int(abs(hours)):02d}:{int(abs(hours) * 60 % 60):02d}"
        return f"{hour:02d}:{minute:02d}", zone

    def _year_for(self, month: int, day: int | None, direction: int) -> int:
        """The year of a day-month (or month) without one: the nearest to publication (news
        tells the past more than the future, so a later date counts as twice as far, and a
        tie goes to the past), or the latest before it / earliest after it when the text
        says "lalu" / "mendatang"."""
        pub = self.anchor.day
        assert pub is not None
        options = []
        for y in (pub.year - 1, pub.year, pub.year + 1):
            try:
                d = date(y, month, day or 1)
            except ValueError:
                continue
            if day is None:
                end = date(y + month // 12, month % 12 + 1, 1) - timedelta(days=1)
                dist = 0 if d <= pub <= end else min(abs((pub - d).days), abs((pub - end).days))
                before, after = d <= pub, end >= pub
            else:
                dist = abs((pub - d).days)
                before, after = d <= pub, d >= pub
            if direction < 0 and not before or direction > 0 and not after:
                continue
            if direction == 0 and not before:
                dist *= FUTURE_WEIGHT
            options.append((dist, -y if direction > 0 else y, y))
        return min(options)[2] if options else pub.year

    # -- kinds --

    def _resolve(
        self, cand: Candidate, index: int, cands: list[Candidate] | None = None
    ) -> list[dict[str, Any]]:
        handler = getattr(self, f"_k_{cand.kind}")
        result: list[dict[str, Any]] = handler(cand, index, cands)
        return result

    def _remember(self, index: int, d: date) -> None:
        self.day_of[index] = d

    def _k_iso(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        d = date(int(_g(m, "year")), int(_g(m, "mon")), int(_g(m, "day")))
        self._remember(i, d)
        t, value, zone = self._with_time(c, d, day_value(d))
        return [self._timex(c.start, c.end, t, value, zone=zone)]

    def _k_numdate(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        day, mon = int(_g(m, "day")), int(_g(m, "mon"))
        return self._day_month(c, i, day, mon, _g(m, "year"))

    def _day_month(
        self, c: Candidate, i: int, day: int, mon: int, year_text: str | None
    ) -> list[dict[str, Any]]:
        m = c.match
        off = _g(m, "off") if "off" in m.groupdict() else None
        direction = self.v.lookup(self.v.offsets, off) if off else 0
        if year_text:
            year = int(year_text)
            if year < 100:
                year += 2000 if year < 50 else 1900
        elif self.anchor.day is not None:
            year = self._year_for(mon, day, direction or 0)
        else:
            return [self._timex(c.start, c.end, "DATE", f"XXXX-{mon:02d}-{day:02d}")]
        d = date(year, mon, day)
        self._remember(i, d)
        t, value, zone = self._with_time(c, d, day_value(d))
        return [self._timex(c.start, c.end, t, value, zone=zone)]

    def _k_written(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        mon = int(self.v.lookup(self.v.months, _g(m, "month").rstrip(".")))
        out = self._day_month(c, i, int(_g(m, "day")), mon, _g(m, "year"))
        if not out:
            return out
        groups = m.groupdict()
        first = "day1" if groups.get("day1") else "day2" if groups.get("day2") else None
        if first is None:
            return out
        main = out[0]
        year = int(main["value"][:4]) if main["value"][:4].isdigit() else None
        other_day = int(m[first])
        other_value = (
            day_value(date(year, mon, other_day)) if year else f"XXXX-{mon:02d}-{other_day:02d}"
        )
        if first == "day1":
            # "5–7 September 2023", "10 dan 13 September": two dates; the first is its number.
            main["start"] = m.start("day")
            main["text"] = self.text[main["start"] : main["end"]]
            lead = self._timex(m.start(), m.end("day1"), "DATE", other_value)
            return [lead, main]
        # "September 5-7, 2023"
        main["end"] = m.end("day")
        main["text"] = self.text[main["start"] : main["end"]]
        return [main, self._timex(m.start("day2"), c.end, "DATE", other_value)]

    def _k_monthyear(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        mon = int(self.v.lookup(self.v.months, _g(m, "month")))
        mod = self.v.lookup(self.v.mods, _g(m, "mod")) if _g(m, "mod") else None
        if _g(m, "year"):
            year = int(_g(m, "year"))
        elif self.anchor.day is None:
            return [self._timex(c.start, c.end, "DATE", f"XXXX-{mon:02d}", mod=mod)]
        elif _g(m, "yoff"):  # "Maret tahun lalu"
            year = self.anchor.day.year + int(self.v.lookup(self.v.offsets, _g(m, "yoff")))
        else:
            if _g(m, "off"):
                direction = int(self.v.lookup(self.v.offsets, _g(m, "off")))
            elif _g(m, "offb"):
                direction = int(self.v.lookup(self.v.offsets_before, _g(m, "offb")))
            else:
                direction = 1 if self._forward(c) else 0
            # 0: the nearest such month ("pada Desember" read in March: last December)
            year = self._year_for(mon, None, direction)
        return [self._timex(c.start, c.end, "DATE", month_value(year, mon), mod=mod)]

    def _k_year(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        mod = self.v.lookup(self.v.mods, _g(m, "mod")) if _g(m, "mod") else None
        value = _g(m, "year")[:3] if _g(m, "an") else _g(m, "year")
        return [self._timex(c.start, c.end, "DATE", value, mod=mod)]

    def _k_yearrange(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        return [
            self._timex(c.start, m.end("year1"), "DATE", _g(m, "year1")),
            self._timex(m.start("year"), c.end, "DATE", _g(m, "year")),
        ]

    def _k_decade(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        yy = int(_g(c.match, "yy"))
        return [self._timex(c.start, c.end, "DATE", f"{19 if yy >= 20 else 20}{yy // 10}")]

    def _k_century(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        return [self._timex(c.start, c.end, "DATE", f"{int(_g(c.match, 'cent')) - 1:02d}")]

    def _k_weekday(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        wd = int(self.v.lookup(self.v.weekdays, _g(m, "wd")))
        pub = self.anchor.day
        extra = {"calendar": _g(m, "pas")} if _g(m, "pas") else {}
        if pub is None:
            return [self._timex(c.start, c.end, "DATE", f"XXXX-WXX-{wd}", **extra)]
        delta = wd - pub.isoweekday()
        if _g(m, "wunit"):
            week = pub + timedelta(weeks=int(self.v.lookup(self.v.offsets, _g(m, "woff"))))
            d = week + timedelta(days=wd - week.isoweekday())
        else:
            if _g(m, "off"):
                direction = int(self.v.lookup(self.v.offsets, _g(m, "off")))
            elif _g(m, "offb"):
                direction = int(self.v.lookup(self.v.offsets_before, _g(m, "offb")))
            else:
                direction = 2 if self._forward(c) else -2
            if direction == 0:
                d = pub + timedelta(days=delta)
            elif direction == -1:
                d = pub + timedelta(days=delta - 7 if delta >= 0 else delta)
            elif direction == 1:
                d = pub + timedelta(days=delta + 7 if delta <= 0 else delta)
            elif direction == -2:
                d = pub + timedelta(days=delta - 7 if delta > 0 else delta)
            else:
                d = pub + timedelta(days=delta + 7 if delta < 0 else delta)
        self._remember(i, d)
        t, value, zone = self._with_time(c, d, day_value(d))
        return [self._timex(c.start, c.end, t, value, zone=zone, **extra)]

    def _k_dayword(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        offset, part = self.v.lookup(self.v.day_words, _g(c.match, "dw"))
        pub = self.anchor.day
        if pub is None:
            t, value, zone = self._with_time(c, None, "XXXX-XX-XX")
            if part and c.attached is None:
                t, value = "TIME", f"XXXX-XX-XXT{part}"
            return [self._timex(c.start, c.end, t, value, zone=zone)]
        d = pub + timedelta(days=offset)
        self._remember(i, d)
        if part and c.attached is None:
            return [self._timex(c.start, c.end, "TIME", f"{day_value(d)}T{part}")]
        t, value, zone = self._with_time(c, d, day_value(d))
        return [self._timex(c.start, c.end, t, value, zone=zone)]

    def _nearest_day(
        self, c: Candidate, i: int, cands: list[Candidate], *, within_sentence: bool = False
    ) -> date | None:
        """The day a clock time leans on: a day named earlier in its sentence, else later in
        it, else in its paragraph (earlier, then later), else in the paragraph before, else
        the publication date (None with ``within_sentence`` when the sentence names none)."""
        spans = [self._span_of(c.start, self.sentences)]
        if not within_sentence:
            p_start, p_end = self._span_of(c.start, self.paragraphs)
            spans += [(p_start, p_end), (self._span_of(p_start - 1, self.paragraphs)[0], p_start)]
        for s, e in spans:
            before = [j for j in self.day_of if j < i and s <= cands[j].start < e]
            after = [j for j in self.day_of if j > i and s <= cands[j].start < e]
            if before:
                return self.day_of[max(before)]
            if after:
                return self.day_of[min(after)]
        return None if within_sentence else self.anchor.day

    def _span_of(self, pos: int, spans: Sequence[tuple[int, int]]) -> tuple[int, int]:
        for s, e in spans:
            if s <= pos < e:
                return s, e
        return (0, 0) if pos < 0 else (0, len(self.text))

    def _k_anaph(self, c: Candidate, i: int, cands: list[Candidate]) -> list[dict[str, Any]]:
        earlier = [j for j in self.day_of if j < i]
        base = self.day_of[max(earlier)] if earlier else self.anchor.day
        if base is None:
            return [self._timex(c.start, c.end, "DATE", "XXXX-XX-XX")]
        d = base + timedelta(days=int(self.v.lookup(self.v.anaphoric, _g(c.match, "an"))))
        self._remember(i, d)
        t, value, zone = self._with_time(c, d, day_value(d))
        return [self._timex(c.start, c.end, t, value, zone=zone)]

    def _k_time(self, c: Candidate, i: int, cands: list[Candidate]) -> list[dict[str, Any]]:
        m = c.match
        d = self._nearest_day(c, i, cands)
        prefix = day_value(d) if d else "XXXX-XX-XX"
        clock, zone = self._clock(m)
        if not _g(m, "hour2"):
            return [self._timex(c.start, c.end, "TIME", f"{prefix}T{clock}", zone=zone)]
        clock2, _ = self._clock(m, second=True)
        return [
            self._timex(
                c.start,
                m.end("minute") if _g(m, "minute") else m.end("hour"),
                "TIME",
                f"{prefix}T{clock}",
                zone=zone,
            ),
            self._timex(m.start("hour2"), c.end, "TIME", f"{prefix}T{clock2}", zone=zone),
        ]

    def _k_part(self, c: Candidate, i: int, cands: list[Candidate]) -> list[dict[str, Any]]:
        # "di pagi hari" with no day in its sentence is a habit, not a date.
        d = self._nearest_day(c, i, cands, within_sentence=True)
        prefix = day_value(d) if d else "XXXX-XX-XX"
        part = self.v.lookup(self.v.parts, _g(c.match, "part"))
        return [self._timex(c.start, c.end, "TIME", f"{prefix}T{part}")]

    def _k_quarter(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        qn = _g(m, "qn")
        n = int(qn) if qn.isdigit() else int(self.v.lookup(self.v.ordinals, qn))
        letter = self.v.lookup(self.v.quarters, _g(m, "q"))
        if _g(m, "year"):
            year: str = _g(m, "year")
        elif self.anchor.day is not None:
            shift = int(self.v.lookup(self.v.offsets, _g(m, "off"))) if _g(m, "off") else 0
            year = f"{self.anchor.day.year + shift:04d}"
        else:
            year = "XXXX"
        return [self._timex(c.start, c.end, "DATE", f"{year}-{letter}{n}")]

    def _k_ago(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        n = _number(self.v, _g(m, "count") or _g(m, "se"))
        letter = self.v.lookup(self.v.units, _g(m, "unit"))
        sign = int(self.v.lookup(self.v.ago, _g(m, "ago")))
        pub = self.anchor.day
        if n is None or pub is None or n != int(n):
            return [self._timex(c.start, c.end, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")]
        k = int(n) * sign
        if letter == "D":
            d = pub + timedelta(days=k)
            self._remember(i, d)
            value = day_value(d)
        elif letter == "W":
            value = week_value(pub + timedelta(weeks=k))
        elif letter == "M":
            value = month_value(*shift_month(pub.year, pub.month, k))
        elif letter == "Y":
            value = f"{pub.year + k:04d}"
        elif letter == "DE":
            value = f"{pub.year // 10 + k:03d}"
        elif letter == "CE":
            value = f"{pub.year // 100 + k:02d}"
        elif letter in ("H", "MIN") and self.anchor.moment is not None:
            moment = self.anchor.moment + (
                timedelta(hours=k) if letter == "H" else timedelta(minutes=k)
            )
            return [self._timex(c.start, c.end, "TIME", moment.strftime("%Y-%m-%dT%H:%M"))]
        else:
            value = day_value(pub)
        return [self._timex(c.start, c.end, "DATE", value)]

    def _k_unitrel(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        if _g(m, "off"):
            off = int(self.v.lookup(self.v.offsets, _g(m, "off")))
        elif _g(m, "offb"):
            off = int(self.v.lookup(self.v.offsets_before, _g(m, "offb")))
        else:
            off = 0
        mod = self.v.lookup(self.v.mods, _g(m, "mod")) if _g(m, "mod") else None
        pub = self.anchor.day
        letter = "WE" if _g(m, "we") else self.v.lookup(self.v.units, _g(m, "unit"))
        if _g(m, "off") and _g(m, "off").lower() in _lower(self.v.word("anaphoric_offsets")):
            self.relative.add(i)
            value = self._from_previous(i, letter, off)
            if value is not None:
                return [self._timex(c.start, c.end, "DATE", value, mod=mod)]
        if pub is None:
            placeholder = {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Y": "XXXX"}
            return [self._timex(c.start, c.end, "DATE", placeholder.get(letter, "XXXX"))]
        if letter == "WE":
            if not _g(m, "off") and not self._forward(c) and pub.isoweekday() <= 2:
                off = -1  # "akhir pekan" read early in the week: the one just past
            value = week_value(pub + timedelta(weeks=off)) + "-WE"
        elif letter == "W":
            value = week_value(pub + timedelta(weeks=off))
        elif letter == "M":
            value = month_value(*shift_month(pub.year, pub.month, off))
        elif letter == "Y":
            value = f"{pub.year + off:04d}"
        elif letter == "DE":
            value = f"{pub.year // 10 + off:03d}"
        else:
            value = f"{pub.year // 100 + off:02d}"
        return [self._timex(c.start, c.end, "DATE", value, mod=mod)]

    def _from_previous(self, i: int, letter: str, off: int) -> str | None:
        """ "bulan sebelumnya" after "Maret": the unit before the last one the text named.
        The publication day itself ("kata dia hari ini") sets no topic and is passed over, and
        so is an earlier "bulan sebelumnya": both count from the same month."""
        today = day_value(self.anchor.day) if self.anchor.day else None
        for j in sorted((j for j in self.done if j < i and j not in self.relative), reverse=True):
            for timex in reversed(self.done[j]):
                value = str(timex["value"])
                if today and value.startswith(today):
                    continue
                day = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
                month = re.match(r"(\d{4})-(\d{2})(?!\d)", value)
                year = re.match(r"(\d{4})(?![\d-])|(\d{4})-[WQHS]", value)
                if letter == "M" and month:
                    return month_value(*shift_month(int(month[1]), int(month[2]), off))
                if letter == "W" and day:
                    d = date(int(day[1]), int(day[2]), int(day[3]))
                    return week_value(d + timedelta(weeks=off))
                if letter == "W" and re.match(r"\d{4}-W\d{2}", value):
                    y, w = int(value[:4]), int(value[6:8])
                    return week_value(date.fromisocalendar(y, w, 1) + timedelta(weeks=off))
                if letter == "Y" and (day or month or year):
                    return f"{int(value[:4]) + off:04d}"
        return None

    def _k_duration(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        if _g(m, "rep"):
            letter = self.v.lookup(self.v.repeated_units, _g(m, "rep"))
            return [self._timex(c.start, c.end, "DURATION", duration_value(None, letter))]
        n = _number(self.v, _g(m, "count") or _g(m, "se"))
        letter = self.v.lookup(self.v.units, _g(m, "unit"))
        return [self._timex(c.start, c.end, "DURATION", duration_value(n, letter))]

    def _k_set(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        groups = m.groupdict()
        if groups.get("wd"):
            value = f"XXXX-WXX-{self.v.lookup(self.v.weekdays, _g(m, 'wd'))}"
        elif groups.get("part"):
            value = f"XXXX-XX-XXT{self.v.lookup(self.v.parts, _g(m, 'part'))}"
        else:
            n = _number(self.v, groups.get("count"))
            value = duration_value(n, self.v.lookup(self.v.units, _g(m, "unit")))
        return [self._timex(c.start, c.end, "SET", value)]

    def _k_setword(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        value = self.v.lookup(self.v.set_words, _g(c.match, "setw"))
        return [self._timex(c.start, c.end, "SET", value)]

    def _k_season(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        letter = self.v.lookup(self.v.seasons, _g(m, "season"))
        if _g(m, "year"):
            year = _g(m, "year")
        elif self.anchor.day is not None:
            shift = int(self.v.lookup(self.v.offsets, _g(m, "off"))) if _g(m, "off") else 0
            year = f"{self.anchor.day.year + shift:04d}"
        else:
            year = "XXXX"
        return [self._timex(c.start, c.end, "DATE", f"{year}-{letter}")]

    def _k_ref(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        return [self._timex(c.start, c.end, "DATE", self.v.lookup(self.v.refs, _g(c.match, "ref")))]

    def _k_calendar(self, c: Candidate, i: int, _: Any) -> list[dict[str, Any]]:
        m = c.match
        name = _g(m, "cal")
        fixed = self.v.calendar_fixed.get(name)
        if fixed:
            mon, day = (int(x) for x in fixed.split("-"))
            if _g(m, "year"):
                year = int(_g(m, "year"))
            elif self.anchor.day is not None:
                year = self._year_for(mon, day, 0)
            else:
                return [self._timex(c.start, c.end, "DATE", f"XXXX-{fixed}", calendar=name)]
            d = date(year, mon, day)
            self._remember(i, d)
            return [self._timex(c.start, c.end, "DATE", day_value(d), calendar=name)]
        value = _g(m, "year") if _g(m, "year") else "XXXX"
        return [self._timex(c.start, c.end, "DATE", value, calendar=name)]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“(]?[A-Z0-9])|\n+")


def rough_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation, for texts that did not go through the sentences stage."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def rough_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: text between blank lines."""
    spans = []
    start = 0
    for m in re.finditer(r"\n\s*\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def tag(
    text: str,
    anchor: Anchor,
    *,
    language: str = "id",
    sentences: Sequence[tuple[int, int]] | None = None,
    paragraphs: Sequence[tuple[int, int]] | None = None,
) -> list[dict[str, Any]]:
    """Every temporal expression of ``text`` as a TIMEX3 dict, resolved against ``anchor``."""
    cands = find_candidates(text, language)
    resolver = Resolver(
        text,
        language,
        anchor,
        sentences or rough_sentences(text),
        paragraphs or rough_paragraphs(text),
    )
    return resolver.resolve(cands)
