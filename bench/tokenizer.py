"""warta's tokenizer against the one it replaces (``spacy.blank`` + warta's lists): same tokens?

Tokenizes the fixtures, the bundled samples, the IndoSum dev corpus, every NER file under
``../shared/data/ner``, the PFSA-ID quotes, and every merged word in 16 punctuation contexts
with both, and counts the texts whose tokens differ; prints build and tokenizing times.

    python bench/tokenizer.py          # needs ../shared/data (or $WARTA_DATA) for the corpora
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from warta import lang
from warta.stages.tokenizer import blank

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("WARTA_DATA", ROOT.parent / "shared" / "data"))
CONTEXTS = (
    "{w}", "({w})", "{w},", '"{w}."', "x/{w}", "{w}/x", "{w}-nya", "{w}—kata",
    "1-{w}", "{w}-{w}", "ke-{w}", "{w}nya", "{w}:", "[{w}]...", "se-{w}", "{w}-an",
)  # fmt: skip


def reference(code: str) -> Language:
    """The sentences stage's tokenizer before issue 8: every exception a special case."""
    nlp = spacy.blank(code)
    for abbreviation in lang.word_list(code, "abbreviations"):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    patterns = lang.table(code, "token_patterns").get("keep_whole", [])
    keep_whole = re.compile("|".join(f"(?:{p})" for p in patterns))
    nlp.tokenizer.token_match = lambda text: bool(keep_whole.match(text))
    return nlp


def texts(code: str) -> list[str]:
    out = [p.read_text(encoding="utf-8", errors="replace") for p in (ROOT / "samples").iterdir()]
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if path.is_file():
            out.append(path.read_text(encoding="utf-8", errors="replace"))
    for path in sorted((DATA / "ner").glob("*/*")):
        sentence: list[str] = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.split():
                sentence.append(line.split()[0])
            elif sentence:
                out.append(" ".join(sentence))
                sentence = []
    sys.path.insert(0, str(ROOT / "scripts"))
    import indosum

    if (DATA / "corpus").is_dir():
        for article in indosum.articles(DATA):
            out.append("\n".join(" ".join(s) for p in article["paragraphs"] for s in p))
    quotes = DATA / "quotes" / "pfsa-id-dev.jsonl"
    if quotes.is_file():
        out += [json.dumps(json.loads(line), ensure_ascii=False) for line in quotes.open()]
    words = sorted(blank(code).tokenizer.merged_words)
    for k in range(0, len(words), 200):
        out.append(" ".join(c.format(w=w) for w in words[k : k + 200] for c in CONTEXTS))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="id")
    args = parser.parse_args()
    started = time.perf_counter()
    old = reference(args.language)
    old_build = time.perf_counter() - started
    started = time.perf_counter()
    new = blank(args.language)
    new_build = time.perf_counter() - started
    corpus = texts(args.language)
    differing = 0
    old_time = new_time = 0.0
    for text in corpus:
        started = time.perf_counter()
        a = [(t.idx, t.text) for t in old(text)]
        old_time += time.perf_counter() - started
        started = time.perf_counter()
        b = [(t.idx, t.text) for t in new(text)]
        new_time += time.perf_counter() - started
        differing += a != b
    print(f"{len(corpus)} texts, {sum(map(len, corpus)):,} characters")
    print(f"build: spacy.blank + lists {old_build:.2f}s, warta {new_build:.2f}s")
    print(f"tokenize: spacy.blank + lists {old_time:.1f}s, warta {new_time:.1f}s")
    print(f"texts with different tokens: {differing}")


if __name__ == "__main__":
    main()
