"""Derive warta's compact PLOVER -> CAMEO root table from the PLOVER CAMEO2PLOVER-2021 table.

For each PLOVER type (and each type + mode) the CAMEO root is the two-digit root most of its
CAMEO codes fall under (ACCUSE: 11 for disapprove/allege, 09 for investigate).
Usage: python scripts/make_cameo_table.py [CAMEO2PLOVER-2021.txt] > warta/stages/events_cameo.toml
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "events" / "CAMEO2PLOVER-2021.txt"
)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    by_mode: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if not m:
            continue
        code, plover, mode = m.group(1), m.group(2), m.group(3).strip()
        by_type[plover][code[:2]] += 1
        if mode:
            by_mode[(plover, mode)][code[:2]] += 1
    print("# PLOVER 2021 type (and mode) -> CAMEO root, derived by scripts/make_cameo_table.py")
    print("# from openeventdata/PLOVER @ 5e0c24f CAMEO2PLOVER-2021.txt (CC BY-SA 4.0).")
    for plover in sorted(by_type):
        print(f"\n[{plover}]")
        print(f'"" = "{by_type[plover].most_common(1)[0][0]}"')
        for (p, mode), roots in sorted(by_mode.items()):
            if p == plover:
                print(f'"{mode}" = "{roots.most_common(1)[0][0]}"')


if __name__ == "__main__":
    main()
