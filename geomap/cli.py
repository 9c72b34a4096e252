"""geomap's command line: parse, call the library, format. ``GeomapError`` -> one line."""

from __future__ import annotations

import functools

import click

from .errors import GeomapError


def _clean_errors(func):
    """Turn a GeomapError into ``Error: <message>`` and exit status 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GeomapError as err:
            raise click.ClickException(str(err)) from err

    return wrapper


@click.group()
def main() -> None:
    """Turn Arabic and English news about wars into a map of conflict events."""


@main.command(name="import")
@click.argument("dataset", type=click.Choice(["ucdp", "acled"], case_sensitive=False))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Output file: .geojson, .json, .gpkg, .parquet or .csv.",
)
@_clean_errors
def import_(dataset: str, file: str, output: str) -> None:
    """Import a UCDP GED or ACLED CSV export FILE into geomap's events schema."""
    from .export import output_format, write_events
    from .importers import import_acled, import_ucdp

    output_format(output)  # fail on a bad -o before the slow import
    frame = (import_ucdp if dataset.lower() == "ucdp" else import_acled)(file)
    path = write_events(frame, output)
    click.echo(f"{len(frame)} events -> {path}")
