"""Store the hash set of the shipped NER model's training sentences beside it.

``warta eval ner`` reads it to warn when a file's sentences were seen in training (every
IndoLEM test file was: the shipped model trains on all five folds' training portions, which
together hold every sentence). Eight bytes per sentence (BLAKE2b of the same normalized key
``train_ner.py`` dedupes by), sorted; no corpus text is stored.

    python scripts/ner_training_hashes.py            # reads ../shared/data (or $WARTA_DATA)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from train_ner import PACKAGE_MODEL, full_training_data

from warta.evaluation.ner import TRAINING_HASHES_FILE, write_training_hashes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PACKAGE_MODEL)
    args = parser.parse_args()
    meta = json.loads((args.model / "meta.json").read_text(encoding="utf-8"))
    setup = meta.get("warta", {}).get("setup", {})
    sentences, stats = full_training_data(setup.get("extras", []), 1)
    count = write_training_hashes((s.tokens for s in sentences), args.model)
    print(f"{args.model / TRAINING_HASHES_FILE}: {count} sentence hashes ({stats})")


if __name__ == "__main__":
    main()
