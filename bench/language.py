"""Language identification on short Indonesian text: single sentences from IndoSum.

    .venv/bin/python bench/language.py [--data ../shared/data] [--limit N]

Whole articles are easy; a headline, a caption or a one-line item is where py3langid guesses
(Danish, Javanese, Luxembourgish, ...). Every IndoSum sentence is Indonesian, so the share
called "id" is the accuracy. Printed for warta's `identify` and for py3langid's own top guess,
in the same run, and for `identify` without its preference for warta's languages on unsure
guesses. Needs ../shared/data (or --data / $WARTA_DATA).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import indosum  # noqa: E402
from make_demo_sample import detokenize  # noqa: E402

from warta.stages.language import _identifier, identify  # noqa: E402


def sentences(data: Path, limit: int) -> list[str]:
    """The first ``limit`` distinct sentences of IndoSum (by article, in file order)."""
    seen: dict[str, None] = {}
    for sent in indosum.sentences(data):
        seen.setdefault(detokenize(sent), None)
        if len(seen) >= limit:
            break
    return list(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(os.environ.get("WARTA_DATA", ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=default)
    parser.add_argument("--limit", type=int, default=20000)
    args = parser.parse_args()
    texts = sentences(args.data, args.limit)
    warta = Counter(identify(t)[0] for t in texts)
    unsure_kept = Counter(identify(t, prefer_spoken=False)[0] for t in texts)
    plain = Counter(_identifier().classify(t)[0] for t in texts)
    n = len(texts)
    print(f"{n} IndoSum sentences (median {sorted(map(len, texts))[n // 2]} characters)")
    print(f"  warta identify   id {warta['id'] / n:.2%}   others {warta.most_common(6)[1:]}")
    print(
        f"  without preferring warta's languages when unsure   id"
        f" {unsure_kept['id'] / n:.2%}   others {unsure_kept.most_common(6)[1:]}"
    )
    print(f"  py3langid top-1  id {plain['id'] / n:.2%}   others {plain.most_common(6)[1:]}")


if __name__ == "__main__":
    main()
