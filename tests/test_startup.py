"""Issue 8, the first five minutes: fast commands, safe defaults, clear errors, a working README.

Start-up is checked by what a command imports (``python -X importtime``), never by a clock.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.batch.runner import MIN_WORDS, flag_short
from warta.cli import _document_json, cli
from warta.document import Dateline, Document, Span
from warta.evaluation.ner import read_bio, sentence_hash, training_overlap
from warta.ingest import read_paths
from warta.report import render_report
from warta.stages.entities import model_path
from warta.store import Store

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
HEAVY = ("spacy", "sqlalchemy", "trafilatura", "justext", "py3langid", "thinc", "tqdm")


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def imported(*args: str, cwd: Path = ROOT) -> tuple[int, set[str]]:
    """Exit status of ``python -m warta ARGS`` and the top-level packages it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "warta", *args],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=cwd,
    )
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*([\w.]+)", done.stderr, re.MULTILINE)
    return done.returncode, {name.split(".")[0] for name in names}


@pytest.fixture
def stored_db(tmp_path: Path) -> Path:
    """A database with two documents whose ids share a 6-digit prefix; no pipeline run."""
    path = tmp_path / "w.db"
    with Store.open(str(path)) as store:
        store.save_documents(
            [
                Document(id=f"abcdef{n}0", text=f"Teks {n}.", language="id", source=f"d{n}.txt")
                for n in (1, 2)
            ]
        )
    return path


# --- 1. start fast -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["stages"],
        ["stats", "--db", "missing.db"],
        ["show", "41f7", "--db", "missing.db"],
        ["analyze", "no-such-file.txt"],
        ["ingest", "no-such-file.txt", "--db", "x.db"],
        ["ingest", "x", "--batch-size", "many"],
    ],
)
def test_commands_that_need_no_model_import_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    _, modules = imported(*args, cwd=tmp_path)
    assert not modules & set(HEAVY), modules & set(HEAVY)
    assert list(tmp_path.iterdir()) == []


def test_reading_a_database_does_not_import_spacy(stored_db: Path) -> None:
    for args in (["stats"], ["failures"], ["show", "abcdef10"], ["quotes", "--speaker", "x"]):
        status, modules = imported(*args, "--db", str(stored_db))
        assert status == 0
        assert "spacy" not in modules and "trafilatura" not in modules


# --- 2. read-only commands never create anything --------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["stats"], ["show", "abcdef"], ["quotes", "--speaker", "Sullivan"], ["failures"]],
)
def test_read_commands_on_a_missing_database(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = run(*args, "--db", str(db))
    assert result.exit_code != 0
    assert f"no database at {db}" in result.output
    assert list(tmp_path.iterdir()) == []


def test_ingest_into_a_missing_folder_is_an_error(tmp_path: Path, fixtures: Path) -> None:
    db = tmp_path / "new" / "w.db"
    result = run("ingest", str(fixtures / "seed-article.txt"), "--db", str(db))
    assert result.exit_code != 0 and "no folder" in result.output
    assert not (tmp_path / "new").exists()


# --- 3. clear errors ----------------------------------------------------------------------


def test_show_with_a_short_prefix_says_six_characters(stored_db: Path) -> None:
    result = run("show", "abcd", "--db", str(stored_db))
    assert result.exit_code != 0
    assert "at least 6 characters" in result.output


def test_show_with_an_ambiguous_prefix_lists_candidates(stored_db: Path) -> None:
    result = run("show", "abcdef", "--db", str(stored_db))
    assert result.exit_code != 0
    assert "abcdef10" in result.output and "abcdef20" in result.output


def test_a_folder_counts_the_files_it_skips(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Satu dua tiga.", encoding="utf-8")
    for name in ("b.pdf", "c.pdf", "README"):
        (tmp_path / name).write_bytes(b"x")
    skipped: Counter[str] = Counter()
    items = list(read_paths([tmp_path], passed_over=skipped))
    assert len(items) == 1
    assert skipped == {
        "not a format warta reads (*.pdf)": 2,
        "not a format warta reads (no extension)": 1,
    }


@pytest.mark.parametrize(
    ("words", "flagged"), [(3, True), (MIN_WORDS - 1, True), (MIN_WORDS, False)]
)
def test_short_documents_are_flagged(words: int, flagged: bool) -> None:
    doc = Document(text=" ".join(["kata"] * words))
    assert flag_short(doc) is flagged
    assert [f["kind"] for f in doc.flags] == (["short"] if flagged else [])


# --- 4. the README works as written ---------------------------------------------------------


def _block_after(heading: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(heading, 1)[1]
    return section.split("```", 2)[1].strip().splitlines()


def test_readme_use_lines_name_real_commands_and_files() -> None:
    for line in _block_after("## Use"):
        command = line.split("  #", 1)[0].split("|")[-1].strip()
        argv = shlex.split(command)
        assert argv[0] == "warta", line
        assert argv[1] in cli.commands, line  # type: ignore[attr-defined]
        for arg in argv[2:]:
            if arg.startswith(("samples/", "tests/")):
                assert (ROOT / arg).exists(), line


def test_eval_ner_warns_when_the_model_saw_the_sentences(tmp_path: Path, fixtures: Path) -> None:
    seen = (fixtures / "ner" / "nergrit-240.bio").read_text(encoding="utf-8").split("\n\n")[:3]
    unseen = (fixtures / "ner" / "gold.bio").read_text(encoding="utf-8").strip().split("\n\n")
    mixed = tmp_path / "mixed.bio"
    mixed.write_text("\n\n".join(seen[:3] + unseen[:3]) + "\n", encoding="utf-8")
    gold = read_bio(mixed)
    assert training_overlap(gold, model_path()) == pytest.approx(0.5)
    result = run("eval", "ner", str(mixed))
    assert result.exit_code == 0
    assert "warning: 50% of" in result.stderr and "docs/ner.md" in result.stderr
    clean = run("eval", "ner", str(fixtures / "ner" / "gold.bio"))
    assert "warning" not in clean.stderr


def test_training_hashes_are_eight_bytes_each_sorted() -> None:
    data = (model_path() / "training_sentences.b2").read_bytes()
    hashes = [data[i : i + 8] for i in range(0, len(data), 8)]
    assert len(data) % 8 == 0 and hashes == sorted(set(hashes))
    assert len(sentence_hash(["Joko", "Widodo"])) == 8


def test_make_demo_runs_from_a_fresh_clone(tmp_path: Path) -> None:
    """The demo's warta commands through the entry point alone (``python -m warta``), in a
    folder holding only the bundled samples, with the Makefile's own arguments."""
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    commands = [
        shlex.split(line.strip().removeprefix("$(BIN)/warta"))
        for line in recipe.splitlines()
        if line.strip().startswith("$(BIN)/warta")
    ]
    assert commands[0][0] == "ingest"
    outputs = []
    for argv in commands:
        done = subprocess.run(
            [sys.executable, "-m", "warta", *argv],
            capture_output=True,
            text=True,
            env=ENV,
            cwd=tmp_path,
        )
        assert done.returncode == 0, (argv, done.stderr)
        outputs.append(done.stdout)
    assert "after" in outputs[0] and "loading models" in outputs[0]
    assert "Sullivan" in outputs[2]
    assert "documents: 51" in outputs[3]
    assert ". $(VENV)/bin/activate" in recipe  # the demo ends by saying how to get warta


# --- 5. small things a user sees ------------------------------------------------------------


def test_stages_are_listed_in_pipeline_order_as_plain_text() -> None:
    from warta.config import load_config

    result = run("stages")
    names = [line.split()[0] for line in result.output.splitlines() if not line.startswith(" ")]
    assert names[: len(load_config()["pipeline"]["stages"])] == load_config()["pipeline"]["stages"]
    assert "`" not in result.output


@pytest.mark.parametrize(
    ("place", "outlet", "shown"),
    [
        (None, None, None),
        ("JAKARTA", None, "JAKARTA"),
        ("JAKARTA", "KOMPAS.com", "JAKARTA / KOMPAS.com"),
    ],
)
def test_report_dateline(place: str | None, outlet: str | None, shown: str | None) -> None:
    doc = Document(text="JAKARTA - Teks.", dateline=Dateline(0, 9, place=place, outlet=outlet))
    report = render_report(doc)
    assert "?" not in report
    lines = [line for line in report.splitlines() if line.startswith("dateline")]
    assert lines == ([f"dateline   {shown}"] if shown else [])


def test_json_writes_offsets_one_pair_a_line() -> None:
    doc = Document(
        text="Satu dua.",
        tokens=[Span(0, 4), Span(5, 8), Span(8, 9)],
        sentences=[Span(0, 9)],
    )
    text = _document_json(doc)
    assert "\n    [0,4],\n    [5,8],\n    [8,9]\n  ]" in text
    assert json.loads(text)["tokens"] == [[0, 4], [5, 8], [8, 9]]
    assert Document.from_dict(json.loads(text)).tokens == doc.tokens


def test_jsonl_items_keep_their_ids(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "berita-42", "text": "Teks."}) + "\n", encoding="utf-8")
    (item,) = read_paths([feed])
    assert item.to_document().id == "berita-42"  # type: ignore[union-attr]
