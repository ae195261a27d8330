"""Write ``warta/lang/<code>/spacy_whole_words.txt``: the spaCy tokenizer exceptions warta's
tokenizer keeps whole by a word set instead of special cases (see warta/stages/tokenizer.py).

Run after upgrading spaCy; the tokenizer recomputes the list (slowly) when the file's spaCy
version is not the installed one.

    python scripts/make_whole_words.py            # id and en
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy

from warta.stages.sentences import SUPPORTED_TOKENIZERS
from warta.stages.tokenizer import WHOLE_WORDS_FILE, WHOLE_WORDS_HEADER, whole_words

LANG = Path(__file__).resolve().parents[1] / "warta" / "lang"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=list(SUPPORTED_TOKENIZERS))
    args = parser.parse_args()
    for code in args.languages:
        words = whole_words(code)
        path = LANG / code / f"{WHOLE_WORDS_FILE}.txt"
        lines = [
            WHOLE_WORDS_HEADER + spacy.about.__version__,
            "# spaCy's data (MIT licence, Copyright (C) 2016-2024 ExplosionAI GmbH)",
            *words,
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{path}: {len(words)} words")


if __name__ == "__main__":
    main()
