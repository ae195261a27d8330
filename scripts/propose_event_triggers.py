"""Propose event trigger candidates for lang/<code>/events.toml from IndoSum news text.

A candidate is a verb-like word (meN-, ber-, di-, memper- forms) or an event noun (pe-an,
ke-an) standing between two names: a capitalized word (not sentence-initial) at most
``--window`` words before it and another at most ``--window`` words after it, the shape of
"X menyerang Y", "X bertemu dengan Y", "kunjungan X ke Y". Candidates are counted over the
corpus; those already in the lexicon are left out; the rest are printed by frequency with an
example sentence, for a reader to sort into PLOVER types (or reject). Nothing is added
automatically.

Usage: python scripts/propose_event_triggers.py [--top 200] [--window 4] [--lang id]
"""

from __future__ import annotations

import argparse
import os
import re
from collections import Counter
from pathlib import Path

import indosum
from make_demo_sample import detokenize

from warta.stages.events_lexicon import lexicon

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("WARTA_DATA", REPO.parent / "shared" / "data"))

VERB = re.compile(r"^(me[nmg]?|meny|ber|di|memper|diper)[a-z]{3,}(kan|i)?$")
NOUN = re.compile(r"^(pe[nmg]?|peny|per|ke)[a-z]{3,}an$")


def is_name(token: str) -> bool:
    return token[:1].isupper() and token.isalpha() and not token.isupper() or token.isupper()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=200)
    parser.add_argument("--window", type=int, default=4)
    parser.add_argument("--lang", default="id")
    args = parser.parse_args()
    known = {words[0] for words in lexicon(args.lang).triggers}
    counts: Counter[str] = Counter()
    example: dict[str, str] = {}
    for sentence in indosum.sentences(DATA):
        names = [i for i, t in enumerate(sentence) if i > 0 and is_name(t)]
        if len(names) < 2:
            continue
        for i, token in enumerate(sentence):
            word = token.lower()
            if word in known or not (VERB.match(word) or NOUN.match(word)):
                continue
            before = any(0 < i - n <= args.window for n in names)
            after = any(0 < n - i <= args.window for n in names)
            if before and after:
                counts[word] += 1
                example.setdefault(word, detokenize(sentence))
    for word, n in counts.most_common(args.top):
        print(f"{n:6d}  {word:<22} {example[word][:110]}")


if __name__ == "__main__":
    main()
