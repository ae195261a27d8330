"""The ``warta`` command line: thin click commands over library functions. Only the CLI prints.

Start-up is kept short: this module imports click and small warta modules only; every command
imports what it needs (the pipeline, spaCy, the store) itself, so ``warta stats``, ``--help`` and
every error about arguments or files answer without loading any model.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from warta import __version__
from warta.errors import WartaError

if TYPE_CHECKING:
    from warta.batch.runner import IngestSummary
    from warta.document import Document
    from warta.pipeline import Pipeline
    from warta.store import Store

db_option = click.option(
    "--db",
    "db",
    default="warta.db",
    show_default=True,
    help="SQLite file, or an SQLAlchemy URL (postgresql://...).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warta")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """warta: structured intelligence from Indonesian and English news."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s"
    )


@cli.command()
def stages() -> None:
    """List the pipeline's stages in order, with what each requires and assigns."""
    from warta.config import load_config
    from warta.registry import registered_stages

    known = registered_stages()
    order = [name for name in load_config()["pipeline"]["stages"] if name in known]
    for name in order + [name for name in known if name not in order]:
        cls = known[name]
        summary = _plain((cls.__doc__ or "").strip().split("\n", 1)[0])
        if name not in order:
            summary += " (not in the default pipeline)"
        click.echo(f"{name:<12} {summary}")
        click.echo(f"{'':<12} requires: {', '.join(cls.requires) or '-'}")
        click.echo(f"{'':<12} assigns:  {', '.join(cls.assigns)}")


def _plain(text: str) -> str:
    """Docstring markup (``literal``, `name`) as plain text for the terminal."""
    return re.sub(r"`+([^`]*)`+", r"\1", text)


def _sqlite_path(db: str) -> Path | None:
    """The file a ``--db`` value names (None for ``:memory:`` and URLs), without SQLAlchemy."""
    if "://" in db or db in ("", ":memory:"):
        return None
    return Path(db).expanduser()


def _open_store(db: str, *, create: bool = False) -> Store:
    """The one place commands open a database. Readers (the default) never create one."""
    path = _sqlite_path(db)
    if path is not None and not path.exists():
        if not create:
            raise click.ClickException(f"no database at {db}")
        if not path.parent.is_dir():
            raise click.ClickException(f"cannot create database {db}: no folder {path.parent}")
    from warta.store import Store

    try:
        return Store.open(db, create=create)
    except WartaError as e:
        raise click.ClickException(str(e)) from e


def _build_pipeline(config_path: str | None) -> Pipeline:
    from warta.config import load_config
    from warta.pipeline import Pipeline

    try:
        return Pipeline.from_config(load_config(config_path))
    except WartaError as e:
        raise click.ClickException(str(e)) from e


#: Document layers of [start, end] pairs, written one per line by ``--json`` (not one number
#: a line), so a report of thousands of tokens stays readable.
_SPAN_LAYERS = ("paragraphs", "sentences", "tokens")


def _document_json(doc: Document) -> str:
    """The document as indented JSON, its offset layers compact (one span pair a line)."""
    data = doc.to_dict(include_raw=False)
    placeholders = {key: f"\u0000{key}" for key in _SPAN_LAYERS if key in data}
    text = json.dumps({**data, **placeholders}, ensure_ascii=False, indent=2)
    for key, placeholder in placeholders.items():
        spans = data[key]
        if spans:
            rows = ",\n    ".join(json.dumps(span, separators=(",", ":")) for span in spans)
            compact = f"[\n    {rows}\n  ]"
        else:
            compact = "[]"
        text = text.replace(json.dumps(placeholder), compact, 1)
    return text


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False),
    help="A TOML file overriding parts of the shipped config.",
)


def engine_options(command: Callable[..., None]) -> Callable[..., None]:
    """ingest's options for running on Dask or Spark (see docs/scale.md)."""
    options = [
        click.option(
            "--engine",
            type=click.Choice(["local", "dask", "spark"]),
            default="local",
            show_default=True,
            help="Where the articles are analyzed: this process, Dask or Spark workers.",
        ),
        click.option(
            "--workers", type=click.IntRange(min=1), help="Worker processes (default: cores)."
        ),
        click.option("--scheduler", help="Dask: an existing scheduler's address (tcp://...)."),
        click.option("--master", help="Spark: the master URL (default local[WORKERS])."),
        click.option(
            "--out",
            type=click.Path(file_okay=False),
            help="Write Parquet shards to this folder instead of a database.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@click.argument("path")
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON (to_dict()).")
@click.option("--language", help="Skip language detection: id, en, ...")
@click.option("--url", help="The page's URL, when reading text without one.")
@click.option("--published", help="Publication date (ISO 8601), when the input has none.")
@click.option("--paragraphs", default=3, show_default=True, help="Paragraphs shown in the report.")
@config_option
def analyze(
    path: str,
    as_json: bool,
    language: str | None,
    url: str | None,
    published: str | None,
    paragraphs: int,
    config_path: str | None,
) -> None:
    """Analyze one article (a file, or - for stdin) and print a report or its JSON.

    A container with several articles (JSONL, WARC, a folder) prints each in turn.
    """
    if path != "-" and not Path(path).exists():
        raise click.ClickException(f"no such file or folder: {path}")
    from warta.ingest import ReadFailure, read_paths
    from warta.report import render_report

    pipeline = _build_pipeline(config_path)
    try:
        pipeline.load()  # every stage's models at once: some load side by side
    except WartaError as e:
        raise click.ClickException(str(e)) from e
    stdin = sys.stdin.buffer if path == "-" else None
    failed = False
    for item in read_paths([path], stdin=stdin):
        if isinstance(item, ReadFailure):
            click.echo(f"error: {item.source}: {item.message}", err=True)
            failed = True
            continue
        doc = item.to_document()
        doc.url = url or doc.url
        doc.published = published or doc.published
        doc.language = language
        try:
            doc = pipeline(doc)
        except WartaError as e:
            click.echo(f"error: {item.source}: {e}", err=True)
            failed = True
            continue
        if as_json:
            click.echo(_document_json(doc))
        else:
            click.echo(render_report(doc, paragraphs=paragraphs))
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--batch-size", default=50, show_default=True, help="Documents per transaction.")
@click.option("--force", is_flag=True, help="Re-analyze documents already in the database.")
@click.option(
    "--max-size",
    "max_mb",
    default=20.0,
    show_default=True,
    help="Largest item to read, in MB; larger ones are recorded as failures.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@config_option
@engine_options
def ingest(
    paths: tuple[str, ...],
    db: str,
    batch_size: int,
    force: bool,
    max_mb: float,
    quiet: bool,
    config_path: str | None,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    master: str | None,
    out: str | None,
) -> None:
    """Read, analyze and store articles (files, folders, .jsonl, .warc, - for stdin).

    Each item that cannot be read or analyzed gets one error line and a row in the
    failures table; the run goes on and exits 0. Re-running skips stored documents.
    Creates the database when it does not exist (its folder must). --engine dask or spark
    runs the same analysis on many processes (docs/scale.md).
    """
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise click.ClickException(f"no such file or folder: {', '.join(missing)}")
    _check_engine_options(engine, workers=workers, scheduler=scheduler, master=master)
    if engine != "local" or out is not None:
        summary = _ingest_partitioned(
            paths,
            db=db,
            out=out,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            master=master,
            batch_size=batch_size,
            force=force,
            max_bytes=int(max_mb * 1_000_000),
            quiet=quiet,
            config_path=config_path,
        )
        _echo_ingest_summary(summary, out or db, out=out is not None)
        return
    from tqdm import tqdm

    from warta.batch.runner import Progress
    from warta.batch.runner import ingest as run_ingest

    with _open_store(db, create=True) as store:
        started = time.perf_counter()
        pipeline = _build_pipeline(config_path)
        try:
            pipeline.load()
        except WartaError as e:
            raise click.ClickException(str(e)) from e
        loading = time.perf_counter() - started
        with tqdm(unit=" articles", disable=quiet, dynamic_ncols=True, desc="ingest") as bar:

            def on_progress(progress: Progress) -> None:
                bar.update(1)
                bar.set_postfix(failed=progress.failed, refresh=False)
                if progress.last_failure is not None:
                    failure = progress.last_failure
                    bar.write(
                        f"error: {failure.source}: [{failure.stage}] {failure.message}",
                        file=sys.stderr,
                    )

            summary = run_ingest(
                paths,
                store=store,
                pipeline=pipeline,
                batch_size=batch_size,
                force=force,
                max_bytes=int(max_mb * 1_000_000),
                on_progress=on_progress,
            )
    _echo_ingest_summary(summary, db, loading=loading)


#: The shortest id prefix ``show`` looks up (``Store.get_document`` takes 6 hex digits).
MIN_PREFIX = 6


@cli.command()
@click.argument("doc_id", required=False)
@db_option
@click.option("--source", help="Find the document by the path (or path:line) it was read from.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored JSON.")
@click.option("--paragraphs", default=1000, show_default=True, help="Paragraphs shown.")
def show(doc_id: str | None, db: str, source: str | None, as_json: bool, paragraphs: int) -> None:
    """Show a stored document by id (or a unique prefix of at least 6 characters)."""
    if not doc_id and not source:
        raise click.UsageError("give a document id or --source")
    with _open_store(db) as store:
        try:
            doc = store.find_by_source(source) if source else store.get_document(doc_id or "")
        except WartaError as e:
            raise click.ClickException(str(e)) from e
    if doc is None and doc_id and len(doc_id.strip()) < MIN_PREFIX:
        raise click.ClickException(
            f"no document {doc_id!r} in {db}; an id prefix needs at least {MIN_PREFIX} characters"
        )
    if doc is None:
        raise click.ClickException(f"no document {doc_id or source!r} in {db}")
    if as_json:
        click.echo(_document_json(doc))
    else:
        from warta.report import render_report

        click.echo(render_report(doc, paragraphs=paragraphs))


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(db: str, as_json: bool) -> None:
    """Counts of documents, languages, sites, entities, quotations and failures."""
    with _open_store(db) as store:
        numbers = store.stats()
    if as_json:
        click.echo(json.dumps(numbers, ensure_ascii=False, indent=2, default=str))
        return
    for key, value in numbers.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for name, count in value.items():
                click.echo(f"  {name or '(none)'}: {count}")
        else:
            click.echo(f"{key}: {value}")


@cli.command()
@db_option
@click.option("--limit", default=100, show_default=True)
def failures(db: str, limit: int) -> None:
    """List the items that could not be read or analyzed, newest first."""
    with _open_store(db) as store:
        rows = store.failures(limit=limit)
    if not rows:
        click.echo("no failures")
    for row in rows:
        click.echo(f"{row['source']}  [{row['stage']}] {row['error_type']}: {row['message']}")


@cli.command()
@click.option("--speaker", required=True, help="A name or part of one: Sullivan, Jake Sullivan.")
@db_option
@click.option("--limit", default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON lines.")
def quotes(speaker: str, db: str, limit: int, as_json: bool) -> None:
    """List a speaker's quotations across the corpus."""
    with _open_store(db) as store:
        rows = store.quotes_by_speaker(speaker, limit=limit)
    if not rows:
        click.echo(f"no quotations by {speaker!r} in {db}")
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
            continue
        when = row.get("published") or "(no date)"
        role = f", {row['role']}" if row.get("role") else ""
        click.echo(f"{when}  {row['speaker']}{role}  [{row['kind']}, {row.get('cue') or '-'}]")
        click.echo(textwrap.indent(textwrap.fill(row["text"], 96), "    "))
        click.echo(f"    -- {row.get('title') or row['doc_id']}")


@cli.group(name="eval")
def evaluate() -> None:
    """Score warta's stages against gold data."""


@evaluate.command("ner")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "bio", "bilou", "conll"]),
    default="auto",
    show_default=True,
    help="Tagging scheme of FILE.",
)
@click.option("--label-map", default=None, help="FROM=TO,... or a JSON file; TO may be O.")
@click.option("--model", default=None, help="A spaCy model directory (default: the shipped one).")
@click.option("--raw", is_flag=True, help="Score the model alone, without the stage's gazetteers.")
def eval_ner(fmt: str, file: str, label_map: str | None, model: str | None, raw: bool) -> None:
    """Tag FILE's sentences with the NER model and print P/R/F1 per type (exact spans).

    Warns when FILE's sentences are among the model's training sentences (the shipped model
    was trained on every IndoLEM fold's training portion, so on all of NER-UI and NER-UGM).
    """
    from warta.evaluation.ner import (
        evaluate_ner,
        parse_label_map,
        predict_with_stage,
        read_bio,
        training_overlap,
    )
    from warta.stages.entities import check_model

    try:
        gold = read_bio(file, fmt=fmt, label_map=parse_label_map(label_map))  # type: ignore[arg-type]
        overlap = training_overlap(gold, check_model(model))
    except WartaError as e:
        raise click.ClickException(str(e)) from e
    if overlap:
        click.echo(
            f"warning: {overlap:.0%} of {file}'s sentences are in the model's training data, "
            "so this is no held-out score; docs/ner.md gives the 5-fold held-out figures",
            err=True,
        )
    report = evaluate_ner(gold, predict_with_stage(gold, model=model, gazetteers=not raw))
    click.echo(report.table())


@evaluate.command("quotes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", default=None, type=int, help="Score only the first N articles.")
@click.option("--errors", "n_errors", default=0, show_default=True, help="Print K example errors.")
@click.option(
    "--entities/--no-entities",
    default=True,
    show_default=True,
    help="Run the NER stage first (without it, names come from the quotes stage's own rules).",
)
def eval_quotes(file: str, limit: int | None, n_errors: int, entities: bool) -> None:
    """Score the quotes stage on a gold JSONL file (PFSA-ID style) beside a regex baseline."""
    from warta.evaluation.quotes import analyze_gold, baseline_documents, load_gold, score

    gold = load_gold(file)[:limit]
    system = score(gold, analyze_gold(gold, entities=entities), keep_errors=n_errors)
    baseline = score(gold, baseline_documents(gold))
    click.echo(f"{len(gold)} articles, {system.gold} gold quotations")
    click.echo(f"{'':<18}{'warta':>8}{'baseline':>10}")
    for key, value in system.as_dict().items():
        other = baseline.as_dict()[key]
        click.echo(f"{key:<18}{value:>8}{other:>10}")
    for error in system.errors:
        speakers = f"gold={error.gold_speaker!r} system={error.system_speaker!r}"
        click.echo(f"[{error.kind}] {error.doc_id}: {error.text[:100]!r} {speakers}")


# --- entities across the corpus ---
# --- corpus: duplicates, stories, search, timelines, exports ---


def _doc_line(doc: dict[str, object]) -> str:
    published = str(doc.get("published") or "")[:10] or "-"
    return f"  {published:<10} {doc.get('site') or '-':<22} {doc['id']}  {doc.get('title') or ''}"


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the groups as JSON.")
def duplicates(db: str, as_json: bool) -> None:
    """List groups of near-duplicate documents (re-scrapes, syndicated copy), origin first."""
    from warta.corpus.duplicates import duplicate_groups

    with _open_store(db) as store:
        groups = duplicate_groups(store)
    if as_json:
        click.echo(json.dumps(groups, ensure_ascii=False, indent=2))
        return
    for group in groups:
        click.echo(f"origin {group['origin']} ({len(group['documents'])} documents)")
        for doc in group["documents"]:
            click.echo(_doc_line(doc))
    click.echo(f"{len(groups)} groups")


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON.")
@click.option("--limit", default=100, show_default=True, help="At most this many stories.")
@click.option("--offset", default=0, show_default=True, help="Skip this many stories first.")
@click.option("--min-size", default=1, show_default=True, help="Only stories this large.")
def stories(db: str, as_json: bool, limit: int, offset: int, min_size: int) -> None:
    """List stories (articles from any outlet about one event), latest first."""
    from warta.corpus.stories import list_stories

    with _open_store(db) as store:
        found = [
            s
            for s in list_stories(store, limit=limit, offset=offset)
            if len(s["documents"]) >= min_size
        ]
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for story in found:
        outlets = ", ".join(story["outlets"]) or "-"
        click.echo(f"{story['label'] or story['id']}  [{len(story['documents'])}: {outlets}]")
        for doc in story["documents"]:
            click.echo(_doc_line(doc))


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def search(query: str, db: str, limit: int, offset: int, as_json: bool) -> None:
    """Full-text search: words, prefix*, "phrases", site: entity: speaker: type: since: until:."""
    from warta.corpus.search import search as run_search

    with _open_store(db) as store:
        try:
            hits = run_search(store, query, limit=limit, offset=offset)
        except WartaError as e:
            raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
        return
    for hit in hits:
        click.echo(_doc_line(hit).strip())
        click.echo(textwrap.indent(textwrap.fill(hit["snippet"], 96), "    "))
    if not hits:
        click.echo("no matches")


@cli.command()
@click.argument("name")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.option(
    "--top", default=10, show_default=True, help="Co-mentioned entities and quotes shown."
)
def entity(name: str, db: str, as_json: bool, top: int) -> None:
    """Profile of an entity across the corpus: aliases, codes, mentions per month, the
    entities named beside it and its quotations. NAME is a name, an alias or an id."""
    from warta.store.entities import entity_profile, find_entities

    with _open_store(db) as store:
        profile = entity_profile(store, name, top=top)
        others = find_entities(store, name, limit=6)[1:] if profile else []
    if profile is None:
        raise click.ClickException(f"no entity {name!r} in {db}")
    if as_json:
        click.echo(json.dumps(profile, ensure_ascii=False, indent=2))
        return
    codes = ", ".join(
        f"{key} {profile[key]}" for key in ("kind", "country", "code") if profile.get(key)
    )
    click.echo(
        f"{profile['name']}  [{profile['id']}]  {profile['type']}"
        + (f"  ({codes})" if codes else "")
    )
    if profile["aliases"]:
        click.echo(f"also: {', '.join(profile['aliases'])}")
    click.echo(f"{profile['documents']} articles, {profile['mentions']} mentions")
    widest = max((r["documents"] for r in profile["per_month"]), default=1)
    for row in profile["per_month"]:
        bar = "#" * max(1, round(30 * row["documents"] / widest))
        click.echo(
            f"  {row['month']:<8} {row['documents']:>5} art. {row['mentions']:>6} ment.  {bar}"
        )
    if profile["co_mentioned"]:
        click.echo(
            "named with: "
            + ", ".join(f"{r['name']} ({r['count']})" for r in profile["co_mentioned"])
        )
    for quote in profile["quotes"]:
        when = quote.get("published") or "(no date)"
        click.echo(f"{when}  {quote['speaker']}: " + textwrap.shorten(quote["text"], 90))
    if others:
        click.echo("other matches: " + ", ".join(f"{o['name']} [{o['id']}]" for o in others))


# --- dates ---


@evaluate.command("dates")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", "n_errors", default=0, show_default=True, help="Disagreements shown.")
@click.option("--no-baseline", is_flag=True, help="Skip the dateparser baseline.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_dates(file: str, n_errors: int, no_baseline: bool, as_json: bool) -> None:
    """Score TIMEX3 dates (TempEval-3 measures) beside dateparser, on a gold JSONL file."""
    from pathlib import Path

    from warta.evaluation.dates import evaluate as evaluate_dates
    from warta.evaluation.dates import format_report

    result = evaluate_dates(Path(file), baseline=not no_baseline)
    if as_json:
        result["errors"] = result["errors"][:n_errors]
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(format_report(result, errors=n_errors), nl=False)
# --- entities (issue 9) ---


@evaluate.command("entities")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", default=None, type=int, help="Score only the first N passages.")
@click.option("--errors", "n_errors", default=0, show_default=True, help="Print K example errors.")
def eval_entities(file: str, limit: int | None, n_errors: int) -> None:
    """Score entity identity (same/different pairs), countries and actor codes on a gold
    JSONL file (docs/entities.md), beside the entities stage alone and exact strings."""
    from warta.evaluation.entities import analyze_passages, load_gold, score

    gold = load_gold(file)[:limit]
    linked, unlinked = analyze_passages(gold)
    system = score(gold, linked, keep_errors=n_errors)
    columns = {"warta": system, "no link": score(gold, unlinked), "exact": score(gold, None)}
    click.echo(f"{len(gold)} passages")
    click.echo(f"{'':<18}" + "".join(f"{name:>10}" for name in columns))
    for key in system.as_dict():
        row = "".join(f"{scores.as_dict()[key]:>10}" for scores in columns.values())
        click.echo(f"{key:<18}{row}")


@evaluate.command("events")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", default=None, type=int, help="Score only the first N articles.")
@click.option("--errors", "n_errors", default=0, show_default=True, help="Print K example errors.")
def eval_events(file: str, limit: int | None, n_errors: int) -> None:
    """Score the events stage on a gold JSONL file (docs/events.md) beside a keyword baseline."""
    from warta.evaluation.events import analyze_gold, baseline_documents, load_gold, score

    gold = load_gold(file)[:limit]
    docs = analyze_gold(gold)
    system = score(gold, docs, keep_errors=n_errors)
    baseline = score(gold, baseline_documents(docs))
    click.echo(f"{len(gold)} articles, {system.gold} gold events")
    click.echo(f"{'':<16}{'warta':>8}{'baseline':>10}")
    for key, value in system.as_dict().items():
        click.echo(f"{key:<16}{value:>8}{baseline.as_dict()[key]:>10}")
    for error in system.errors:
        click.echo(error)


@cli.command()
@click.argument("name")
@db_option
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="day", show_default=True)
@click.option("--png", "png", type=click.Path(dir_okay=False), help="Also plot it to this PNG.")
@click.option("--json", "as_json", is_flag=True, help="Print the buckets as JSON.")
def timeline(name: str, db: str, by: str, png: str | None, as_json: bool) -> None:
    """An entity's mentions, quotations and events per day, week or month."""
    from warta.corpus.timeline import plot
    from warta.corpus.timeline import timeline as entity_timeline

    with _open_store(db) as store:
        data = entity_timeline(store, name, by=by)
    if png:
        plot(data, png)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    entity = data["entity"]
    label = f"{entity.get('name', name)} ({entity.get('type', '?')})"
    click.echo(f"{label}: {entity['documents']} documents")
    click.echo(f"{'period':<12}{'mentions':>10}{'quotes':>8}{'events':>8}")
    for bucket in data["buckets"]:
        counts = f"{bucket['mentions']:>10}{bucket['quotes']:>8}{bucket['events']:>8}"
        click.echo(f"{bucket['period']:<12}{counts}")
    undated = data["undated"]
    if any(undated.values()):
        click.echo(
            f"{'undated':<12}{undated['mentions']:>10}{undated['quotes']:>8}{undated['events']:>8}"
        )
    if png:
        click.echo(f"plot written to {png}")


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet", "gdelt"]), required=True)
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Folder.")
def export(db: str, fmt: str, out: str) -> None:
    """Export every document with all layers: JSONL, Parquet tables, or GDELT-style TSVs."""
    from tqdm import tqdm

    from warta.corpus.export import count_documents
    from warta.corpus.export import export as run_export

    with _open_store(db) as store:
        total = count_documents(store)
        with tqdm(total=total, unit="doc", disable=None, file=sys.stderr) as bar:

            def advance(n: int) -> None:
                bar.update(n)

            summary = run_export(store, fmt, out, on_progress=advance)
    click.echo(f"exported {summary.documents} documents to {out} ({len(summary.files)} files)")
    if summary.skipped:
        shown = ", ".join(summary.skipped[:5]) + (", ..." if len(summary.skipped) > 5 else "")
        click.echo(f"skipped {len(summary.skipped)} unreadable rows: {shown}", err=True)


@cli.command()
@db_option
def cluster(db: str) -> None:
    """Recompute the search index, near-duplicate groups and stories from stored documents
    (idempotent: the same documents give the same groups)."""
    from warta.corpus import rebuild

    with _open_store(db) as store:
        n = rebuild(store)
    click.echo(f"indexed and clustered {n} documents")


# --- events ---


@cli.command()
@db_option
@click.option("--actor", default=None, help="A name or code, as source or target: Putin, RUS GOV.")
@click.option("--type", "event_type", default=None, help="A PLOVER type: CONSULT, ASSAULT, ...")
@click.option("--since", default=None, help="Events on or after this ISO date (prefix).")
@click.option("--limit", default=100, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON lines.")
def events(
    db: str,
    actor: str | None,
    event_type: str | None,
    since: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """List stored events: who did what to whom, with modality, newest first."""
    from warta.store.events import list_events

    with _open_store(db) as store:
        rows = list_events(
            store, actor=actor, type=event_type, since=since, limit=limit, offset=offset
        )
    if not rows and not as_json:
        click.echo("no events match")
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
            continue
        source = row["source"]["name"] if row["source"] else "?"
        target = f" -> {row['target']['name']}" if row["target"] else ""
        mode = f"/{row['mode']}" if row["mode"] else ""
        said = f"  (per {row['attribution']})" if row["attribution"] else ""
        click.echo(
            f"{row['date'] or '(no date)'}  {row['type']}{mode} [{row['modality']}]  "
            f"{source}{target}: {row['trigger']!r}{said}"
        )
        click.echo(f"    -- {row.get('title') or row['doc_id']}")


# --- scale: Dask, Spark, Parquet shards ---


def _check_engine_options(
    engine: str, *, workers: int | None, scheduler: str | None, master: str | None
) -> None:
    for option, value, engines in (
        ("--workers", workers, ("dask", "spark")),
        ("--scheduler", scheduler, ("dask",)),
        ("--master", master, ("spark",)),
    ):
        if value is not None and engine not in engines:
            raise click.UsageError(f"{option} needs --engine {' or '.join(engines)}")


def _ingest_partitioned(
    paths: tuple[str, ...],
    *,
    db: str,
    out: str | None,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    master: str | None,
    batch_size: int,
    force: bool,
    max_bytes: int,
    quiet: bool,
    config_path: str | None,
) -> IngestSummary:
    """``warta ingest --engine dask|spark`` or ``--out``: plan partitions, run them on the
    engine with a progress bar over partitions, store or write shards."""
    from collections import Counter
    from contextlib import ExitStack

    from tqdm import tqdm

    from warta.batch.partitions import plan_partitions
    from warta.batch.runner import PartitionProgress, open_engine, run_partitions
    from warta.config import load_config

    passed_over: Counter[str] = Counter()
    try:
        config = load_config(config_path)
        partitions = plan_partitions(paths, passed_over=passed_over)
    except WartaError as e:
        raise click.ClickException(str(e)) from e
    with ExitStack() as stack:
        store = stack.enter_context(_open_store(db, create=True)) if out is None else None
        try:
            runner = open_engine(engine, workers=workers, scheduler=scheduler, master=master)
        except WartaError as e:
            raise click.ClickException(str(e)) from e
        stack.callback(runner.close)
        bar = stack.enter_context(
            tqdm(
                total=len(partitions),
                unit=" partitions",
                disable=quiet,
                dynamic_ncols=True,
                desc=f"ingest ({runner.name}, {runner.workers} workers)",
            )
        )

        def on_partition(progress: PartitionProgress) -> None:
            bar.update(1)
            bar.set_postfix(articles=progress.summary.read, failed=progress.summary.failed)
            for failure in progress.result.failures:
                bar.write(
                    f"error: {failure.source}: [{failure.stage}] {failure.message}", file=sys.stderr
                )

        try:
            summary = run_partitions(
                partitions,
                engine=runner,
                config=config,
                store=store,
                out=out,
                batch_size=batch_size,
                force=force,
                max_bytes=max_bytes,
                on_partition=on_partition,
            )
        except WartaError as e:
            raise click.ClickException(str(e)) from e
    summary.passed_over.update(passed_over)
    return summary


def _echo_ingest_summary(
    summary: IngestSummary, target: str, *, loading: float | None = None, out: bool = False
) -> None:
    """The end-of-run lines of every engine (a distributed run times no model loading of
    its own: the workers load the models inside the run)."""
    loaded = f", after {loading:.1f}s loading models" if loading is not None else ""
    click.echo(
        f"ingested {summary.read} items in {summary.seconds:.1f}s ({summary.rate:.1f} articles/s"
        f"{loaded}): {summary.new} new, {summary.stored - summary.new} updated, "
        f"{summary.skipped} already stored, {summary.failed} failed  -> {target}"
    )
    for reason, count in sorted(summary.passed_over.items()):
        click.echo(f"skipped {count} file{'s' if count != 1 else ''} in folders: {reason}")
    if summary.short:
        click.echo(
            f"{summary.short} stored with a 'short' flag: under {summary.min_words} words "
            "(see docs/ingest.md)"
        )
    if summary.failed:
        where = f"{target}/failures/*.parquet" if out else f"warta failures --db {target}"
        click.echo(f"failures are listed by: {where}")


# --- service ---


@cli.command()
@click.option(
    "--db",
    "db",
    default="warta.db",
    show_default=True,
    help="SQLite file (created when missing), or an SQLAlchemy URL (postgresql+psycopg://...).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--max-body",
    "max_body",
    default=2_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Largest request body accepted, in bytes (413 above it).",
)
@click.option(
    "--cache-ttl",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds an entity profile or filtered list is reused (0: off; writes clear it).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (each with its own connections and cache).",
)
def serve(db: str, host: str, port: int, max_body: int, cache_ttl: float, workers: int) -> None:
    """Serve the REST API (/api, /docs) and the web UI over a database.

    Writes (POST /api/documents, /api/analyze) need the bearer token in WARTA_API_TOKEN;
    without it the server is read-only.
    """
    import os
    from typing import Any

    import uvicorn

    from warta.api import Settings, create_app
    from warta.api.settings import SETTINGS_ENV

    settings = Settings.from_env(db, max_body_bytes=max_body, cache_ttl=cache_ttl)
    try:
        app = create_app(settings)
    except WartaError as e:
        raise click.ClickException(str(e)) from e
    if settings.api_token is None:
        click.echo("WARTA_API_TOKEN is not set: writes are disabled", err=True)
    target: Any = app
    if workers > 1:
        # Each worker opens the database itself; opening it here first ran any migration once.
        app.state.store.close()
        os.environ[SETTINGS_ENV] = settings.to_env()
        target = "warta.api.app:worker_app"
    # Keep-alive longer than uvicorn's 5 s: a busy client reusing a connection the server
    # has just closed gets a reset, not an answer.
    uvicorn.run(
        target,
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        server_header=False,
        log_level="warning",
        timeout_keep_alive=60,
    )


def main() -> None:
    """The console entry point: an unexpected error is one line, not a traceback (set
    WARTA_TRACEBACK=1 to see it)."""
    import os

    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:
        if os.environ.get("WARTA_TRACEBACK"):
            raise
        message = " ".join(str(e).split())
        click.echo(f"error: {type(e).__name__}: {textwrap.shorten(message, 300)}", err=True)
        click.echo("(set WARTA_TRACEBACK=1 to see where it happened)", err=True)
        sys.exit(1)
