"""Export at scale: time and peak memory (RSS) of exporting a stored corpus.

    .venv/bin/python bench/export.py DB [--format parquet]

Run it on the databases bench/search.py builds (10k and 100k articles) to see that memory
stays flat as the corpus grows: documents are read and written a batch at a time.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time

from warta.corpus.export import export
from warta.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--format", default="parquet", choices=["jsonl", "parquet", "gdelt"])
    args = parser.parse_args()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with Store.open(args.db) as store, tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        summary = export(store, args.format, out)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.format}: {summary.documents} documents in {seconds:.0f} s "
        f"({summary.documents / seconds:.0f} docs/s), {len(summary.files)} files; "
        f"RSS {before:.0f} MB before, {peak:.0f} MB peak"
    )


if __name__ == "__main__":
    main()
