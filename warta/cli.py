"""The ``warta`` command line: thin click commands over library functions. Only the CLI prints."""

from __future__ import annotations

import json
import logging
import sys
import textwrap
from collections.abc import Callable

import click
from tqdm import tqdm

from warta import __version__
from warta.batch.runner import IngestSummary, Progress
from warta.batch.runner import ingest as run_ingest
from warta.config import load_config
from warta.errors import WartaError
from warta.ingest import ReadFailure, read_paths
from warta.pipeline import Pipeline
from warta.registry import registered_stages
from warta.report import render_report
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
    """List the registered pipeline stages with what each requires and assigns."""
    for name, cls in registered_stages().items():
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        click.echo(f"{name:<12} {doc}")
        click.echo(f"{'':<12} requires: {', '.join(cls.requires) or '-'}")
        click.echo(f"{'':<12} assigns:  {', '.join(cls.assigns)}")


def _open_store(db: str) -> Store:
    try:
        return Store.open(db)
    except WartaError as e:
        raise click.ClickException(str(e)) from e


def _build_pipeline(config_path: str | None) -> Pipeline:
    try:
        return Pipeline.from_config(load_config(config_path))
    except WartaError as e:
        raise click.ClickException(str(e)) from e


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
    pipeline = _build_pipeline(config_path)
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
            click.echo(json.dumps(doc.to_dict(include_raw=False), ensure_ascii=False, indent=2))
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
    --engine dask or spark runs the same analysis on many processes (docs/scale.md).
    """
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
    pipeline = _build_pipeline(config_path)
    with (
        _open_store(db) as store,
        tqdm(unit=" articles", disable=quiet, dynamic_ncols=True, desc="ingest") as bar,
    ):

        def on_progress(progress: Progress) -> None:
            bar.update(1)
            bar.set_postfix(failed=progress.failed, refresh=False)
            if progress.last_failure is not None:
                failure = progress.last_failure
                bar.write(
                    f"error: {failure.source}: [{failure.stage}] {failure.message}", file=sys.stderr
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
    _echo_ingest_summary(summary, db)


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
    if doc is None:
        raise click.ClickException(f"no document {doc_id or source!r} in {db}")
    if as_json:
        click.echo(json.dumps(doc.to_dict(include_raw=False), ensure_ascii=False, indent=2))
    else:
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
    """Tag FILE's sentences with the NER model and print P/R/F1 per type (exact spans)."""
    from warta.evaluation.ner import evaluate_ner, parse_label_map, predict_with_stage, read_bio

    gold = read_bio(file, fmt=fmt, label_map=parse_label_map(label_map))  # type: ignore[arg-type]
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
    from contextlib import ExitStack

    from warta.batch.partitions import plan_partitions
    from warta.batch.runner import PartitionProgress, open_engine, run_partitions

    try:
        config = load_config(config_path)
        partitions = plan_partitions(paths)
    except WartaError as e:
        raise click.ClickException(str(e)) from e
    with ExitStack() as stack:
        store = stack.enter_context(_open_store(db)) if out is None else None
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
            return run_partitions(
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


def _echo_ingest_summary(summary: IngestSummary, target: str, *, out: bool = False) -> None:
    click.echo(
        f"ingested {summary.read} items in {summary.seconds:.1f}s ({summary.rate:.1f} articles/s): "
        f"{summary.new} new, {summary.stored - summary.new} updated, "
        f"{summary.skipped} already stored, {summary.failed} failed  -> {target}"
    )
    if summary.failed:
        where = f"{target}/failures/*.parquet" if out else f"warta failures --db {target}"
        click.echo(f"failures are listed by: {where}")


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
