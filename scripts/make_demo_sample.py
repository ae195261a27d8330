"""Build samples/indosum-sample.jsonl: IndoSum articles re-joined from tokens into natural text.

IndoSum (Kurniawan and Louvan, IALP 2018) is CC BY-SA 4.0; the sample keeps each article's
source URL and the attribution lives in samples/ATTRIBUTION.md.

    python scripts/make_demo_sample.py ../shared/data/corpus/indosum-dev/dev.01.jsonl --count 50
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "”", "’", "%", "...", "…"}
NO_SPACE_AFTER = {"(", "[", "“", "‘"}


def detokenize(tokens: list[str]) -> str:
    """Join tokens as a writer would: no space before closing punctuation or after opening."""
    out: list[str] = []
    straight_quote_open = False
    glue_next = False
    for token in tokens:
        glue = glue_next or not out
        glue_next = False
        if token in NO_SPACE_BEFORE:
            glue = True
        elif token == '"':
            if straight_quote_open:
                glue = True
            else:
                glue_next = True
            straight_quote_open = not straight_quote_open
        elif token in NO_SPACE_AFTER:
            glue_next = True
        elif out and out[-1] == "/" and token.isdigit() and len(out) > 1 and out[-2].isdigit():
            glue = True
        if token == "/" and out and out[-1].isdigit():
            glue = True
            glue_next = True
        out.append(token if glue else " " + token)
    text = re.sub(r"\s+", " ", "".join(out)).strip()
    return text.replace(" - - ", " -- ")


def article_text(article: dict) -> str:
    """Paragraphs joined by blank lines; a paragraph is detokenized whole, since a straight
    quote opened in one sentence may close in the next."""
    return "\n\n".join(
        detokenize([token for sentence in paragraph for token in sentence])
        for paragraph in article["paragraphs"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="an IndoSum .jsonl file")
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--out", type=Path, default=Path("samples/indosum-sample.jsonl"))
    args = parser.parse_args()
    with args.source.open(encoding="utf-8") as src, args.out.open("w", encoding="utf-8") as out:
        for line_number, line in enumerate(src):
            if line_number >= args.count:
                break
            article = json.loads(line)
            record = {
                "id": article["id"],
                "url": article.get("source_url"),
                "text": article_text(article),
                "source": article.get("source"),
                "category": article.get("category"),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
