"""The ``warta`` command line: thin click commands over library functions. Only the CLI prints."""

from __future__ import annotations

import logging
import sys

import click

from warta import __version__
from warta.registry import registered_stages

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
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")


@cli.command()
def stages() -> None:
    """List the registered pipeline stages with what each requires and assigns."""
    for name, cls in registered_stages().items():
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        click.echo(f"{name:<12} {doc}")
        click.echo(f"{'':<12} requires: {', '.join(cls.requires) or '-'}")
        click.echo(f"{'':<12} assigns:  {', '.join(cls.assigns)}")


@cli.group(name="eval")
def evaluate() -> None:
    """Score warta's stages against gold data."""


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
