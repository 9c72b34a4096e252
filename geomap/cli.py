"""geomap's command line: parse, call the library, format.

``GeomapError`` becomes a one-line error with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .errors import GeomapError


@click.group()
def main() -> None:
    """Turn Arabic and English news about wars into a map of conflict events."""


# --------------------------------------------------------------------------- eval

#: Environment variable naming the default ``--system`` (a name or ``module:factory``).
SYSTEM_ENV = "GEOMAP_EVAL_SYSTEM"


def _system(spec: str):
    """``geomap``/``geotext``, or ``package.module:factory`` returning a ``System``.

    The ``module:factory`` form lets a test or a developer evaluate any callable through
    the same scorer without changing geomap (e.g. a fake geoparser in the test suite).
    """
    from .errors import InputError
    from .evaluation import runner

    if ":" in spec:
        import importlib

        module, _, attr = spec.partition(":")
        try:
            factory = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as err:
            raise InputError(
                f"--system {spec!r}: cannot import {attr} from {module} ({err}); "
                "expected module:factory returning a geomap.evaluation.runner.System"
            ) from err
        return factory()
    return runner.get_system(spec)


def _emit(result: dict[str, Any], table: bool) -> None:
    if not table:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    width = max(len(k) for k in result)
    for key, value in result.items():
        if isinstance(value, float):
            value = f"{value:.4f}"
        elif value is None:
            value = "-"
        click.echo(f"{key:<{width}}  {value}")


def _run(fn: Callable[[], dict[str, Any]], table: bool) -> None:
    try:
        result = fn()
    except GeomapError as err:
        raise click.ClickException(str(err)) from err
    _emit(result, table)


_system_option = click.option(
    "--system",
    envvar=SYSTEM_ENV,
    default="geomap",
    show_default=True,
    help="System to evaluate: geomap, geotext (baseline) or module:factory "
    f"(also from ${SYSTEM_ENV}).",
)
_table_option = click.option(
    "--table", is_flag=True, help="Print a readable table instead of JSON."
)
_limit_option = click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Evaluate only the first N documents."
)
_existing = click.Path(exists=True, dir_okay=False, path_type=Path)


@main.group(name="eval")
def eval_group() -> None:
    """Measure geomap on annotated corpora; each command prints one JSON object."""


@eval_group.command("toponyms")
@click.argument("path", type=_existing)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["lgl", "geowebnews", "geovirus", "idrisi"]),
    help="Corpus format (lgl: any corpus in the LGL schema).",
)
@click.option("--gold-spans", is_flag=True, help="Resolve the gold spans; skip recognition.")
@click.option(
    "--language", default=None, help="Language passed to the system (default: the corpus')."
)
@_system_option
@_limit_option
@_table_option
def eval_toponyms_cmd(path, fmt, gold_spans, language, system, limit, table):
    """Toponym recognition and resolution: P/R/F1, acc@161, mean/median km, AUC."""
    from .evaluation.runner import eval_toponyms

    def run():
        s = _system(system)
        return eval_toponyms(
            path,
            fmt,
            gold_spans=gold_spans,
            geoparser=s.geoparser,
            resolver=s.resolver,
            candidate_fn=s.candidate_fn,
            limit=limit,
            language=language,
        )

    _run(run, table)


@eval_group.command("ner")
@click.argument("paths", nargs=-1, required=True, type=_existing)
@click.option(
    "--format",
    "fmt",
    default="conll",
    type=click.Choice(["conll"]),
    show_default=True,
    help="Token file format (one 'token TAG' a line).",
)
@click.option(
    "--labels", default="LOC,GPE", show_default=True, help="Comma-separated gold entity types."
)
@click.option("--language", default=None, help="Language passed to the recogniser (e.g. ar).")
@click.option("--nested", is_flag=True, help="Also score inner annotation layers (Wojood).")
@_system_option
@_limit_option
@_table_option
def eval_ner_cmd(paths, fmt, labels, language, nested, system, limit, table):
    """Place-name recognition on token files, conlleval-style strict and overlap F1."""
    from .evaluation.runner import eval_ner

    wanted = tuple(x.strip() for x in labels.split(",") if x.strip())

    def run():
        s = _system(system)
        return eval_ner(
            list(paths), fmt, wanted, s.geoparser, language=language, nested=nested, limit=limit
        )

    _run(run, table)


@eval_group.command("idrisi")
@click.argument("paths", nargs=-1, required=True, type=_existing)
@_system_option
@_limit_option
@_table_option
def eval_idrisi_cmd(paths, system, limit, table):
    """Arabic tweet location mentions: recognition (overlap) and acc@161 against OSM."""
    from .evaluation.runner import eval_idrisi

    _run(lambda: eval_idrisi(list(paths), _system(system).geoparser, limit=limit), table)


@eval_group.command("event-location")
@click.argument("path", type=_existing)
@_system_option
@_limit_option
@_table_option
def eval_event_location_cmd(path, system, limit, table):
    """Which place each event verb happened at: accuracy with/without a gold place."""
    from .evaluation.runner import eval_event_location

    _run(lambda: eval_event_location(path, _system(system).locator, limit=limit), table)


@eval_group.command("actors")
@click.argument("path", type=_existing)
@_system_option
@_limit_option
@_table_option
def eval_actors_cmd(path, system, limit, table):
    """PLOVER source/target actors by ISO-3 country: precision, recall, F1."""
    from .evaluation.runner import eval_actors

    _run(lambda: eval_actors(path, _system(system).extractor, limit=limit), table)


if __name__ == "__main__":  # pragma: no cover
    main()
