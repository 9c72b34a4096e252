"""The ``geomap`` command: parse options, call the library, format the result.

Every :class:`~geomap.errors.GeomapError` becomes a one-line ``Error: ...`` on stderr with
exit code 1, never a traceback.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .errors import GeomapError, InputError

log = logging.getLogger("geomap")

#: C0 controls but tab and newline, DEL and C1: a file name, an article or a shared knowledge
#: file could carry an escape sequence that retitles, recolours or rewrites the terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """``text`` for the terminal: control characters shown as ``\\xNN``, never sent."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


class _PrintableFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return _printable(super().format(record))


#: Library parameter -> the option that sets it. Library errors start with the parameter
#: they are about ("since: ..."); the command line speaks of its options instead.
PARAM_FLAGS: dict[str, str] = {
    "actor": "--actor",
    "event_type": "--event-type",
    "since": "--since",
    "until": "--until",
    "country": "--country",
    "bbox": "--bbox",
    "status": "--status",
    "driver": "--format",
    "service": "--geocoder",
    "user_agent": "--user-agent",
    "url": "--geocoder-url",
    "options": "--geocoder-option",
}


def _message(err: GeomapError) -> str:
    text = str(err)
    m = re.match(r"^([a-z_]+): ", text)
    if m and m[1] in PARAM_FLAGS:
        return PARAM_FLAGS[m[1]] + text[len(m[1]):]
    return text


def _friendly(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GeomapError as err:
            raise click.ClickException(_printable(_message(err))) from err
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as err:  # a bug: one line for the user, the traceback on request
            if os.environ.get("GEOMAP_TRACEBACK"):
                raise
            log.debug("internal error", exc_info=True)
            raise click.ClickException(_printable(
                f"internal error: {type(err).__name__}: {err} (a bug in geomap; set "
                "GEOMAP_TRACEBACK=1 to see where, and please report it)"
            )) from err

    return wrapper


def _setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    handler = logging.StreamHandler()
    handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geomap")
def main() -> None:
    """geomap: news about wars in Arabic and English -> a map of conflict events."""
    exit_cleanly_on_sigterm()


def exit_cleanly_on_sigterm() -> None:
    """SIGTERM ends the command like Ctrl-C does, through ``finally`` blocks: a half-written
    output's temporary directory is removed (Python's default SIGTERM handling skips them,
    leaving ``.NAME.*.tmp/`` behind). Exit code 143, the shell's for SIGTERM."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread (e.g. some test runners)

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


# -- shared options ----------------------------------------------------------------------
def _input_options(fn: Callable) -> Callable:
    for deco in reversed(
        [
            click.argument("inputs", nargs=-1, required=True),
            click.option(
                "--actors",
                "actors_files",
                multiple=True,
                type=click.Path(exists=True, dir_okay=False),
                help="Extra actors YAML (same format as data/actors.yaml); repeatable.",
            ),
            click.option(
                "--report",
                type=click.Path(dir_okay=False),
                help="Write skipped documents (source, reason) to this JSONL file.",
            ),
            click.option(
                "--max-bytes",
                type=int,
                default=20_000_000,
                show_default=True,
                help="Skip input files larger than this.",
            ),
            click.option(
                "--text-column", default="text", show_default=True, help="JSONL/CSV text column."
            ),
            click.option(
                "--date-column", default="date", show_default=True, help="JSONL/CSV date column."
            ),
            click.option(
                "--date-order",
                type=click.Choice(["auto", "day-first", "month-first"]),
                default="auto",
                show_default=True,
                help="How numeric document dates like 4/5/17 are read: auto only when the day "
                "is over 12; day-first 4 May 2017; month-first April 5, 2017.",
            ),
            click.option(
                "--language",
                type=click.Choice(["ar", "en"]),
                default=None,
                help="Language of every input (default: from metadata, else detected).",
            ),
            click.option("--no-dedup", is_flag=True, help="Keep reports of the same event apart."),
            click.option(
                "-j",
                "--jobs",
                type=click.IntRange(min=1),
                default=1,
                show_default=True,
                help="Worker processes (or Dask workers of a local cluster); same output.",
            ),
            click.option(
                "--scheduler",
                type=click.Choice(["local", "dask"]),
                default="local",
                show_default=True,
                help="local: this machine's processes; dask: dask.bag on a Dask cluster "
                "(pip install 'geomap[dask]').",
            ),
            click.option(
                "--scheduler-address",
                metavar="ADDRESS",
                help="Dask scheduler to use (e.g. tcp://host:8786); implies --scheduler dask. "
                "Default: a local cluster of --jobs workers.",
            ),
            *_gazetteer_option_list(),
            click.option(
                "-q", "--quiet", is_flag=True, help="Only errors: no progress bar, no summary."
            ),
            click.option("-v", "--verbose", is_flag=True, help="Debug logging."),
        ]
    ):
        fn = deco(fn)
    return fn


def _gazetteer_option_list() -> list[Callable]:
    return [
        click.option(
            "--gazetteer-overrides",
            "overrides",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="CSV/YAML of extra places or aliases layered on the gazetteer; repeatable.",
        ),
        click.option(
            "--geocoder",
            help="Also ask this online geocoder (nominatim, photon, geonames, "
            "arcgis ...) for names the gazetteer cannot resolve. Opt-in; needs --user-agent.",
        ),
        click.option(
            "--user-agent", help="Who is asking the geocoder (your e-mail or application)."
        ),
        click.option("--geocoder-url", help="Base URL of the geocoder (e.g. a local Nominatim)."),
        click.option(
            "--geocoder-delay",
            type=float,
            default=1.0,
            show_default=True,
            help="Seconds between geocoder requests (Nominatim allows one a second).",
        ),
        click.option(
            "--geocoder-option",
            "geocoder_options",
            multiple=True,
            metavar="KEY=VALUE",
            help="Option for the geopy geocoder, e.g. username=ME for geonames, "
            "api_key=KEY; repeatable.",
        ),
    ]


def _gazetteer_options(fn: Callable) -> Callable:
    for deco in reversed(_gazetteer_option_list()):
        fn = deco(fn)
    return fn


def _gazetteer(
    overrides=(),
    geocoder=None,
    user_agent=None,
    geocoder_url=None,
    geocoder_delay=1.0,
    geocoder_options=(),
    strict=True,
):
    """The gazetteer the options ask for, built through the backend registry: the active
    index, overrides on top, a geocoder behind."""
    from .gazetteer import get_gazetteer

    gaz = get_gazetteer("index")
    if overrides:
        gaz = get_gazetteer("overrides", paths=overrides, base=gaz)
    if geocoder:
        options = {}
        for opt in geocoder_options:
            k, sep, v = opt.partition("=")
            if not sep or not k.strip():
                raise InputError(f"--geocoder-option expects KEY=VALUE, got {opt!r}")
            options[k.strip()] = v
        online = get_gazetteer(
            "geopy",
            service=geocoder,
            user_agent=user_agent,
            url=geocoder_url,
            min_delay_seconds=geocoder_delay,
            options=options,
        )
        gaz = get_gazetteer("fallback", primary=gaz, secondary=online, strict=strict)
    elif user_agent or geocoder_url or geocoder_options:
        raise InputError(
            "--user-agent, --geocoder-url and --geocoder-option only make sense with "
            "--geocoder NAME"
        )
    return gaz


def _filter_options(fn: Callable) -> Callable:
    for deco in reversed(
        [
            click.option(
                "--actor",
                "actors",
                multiple=True,
                help="Keep events with this actor (any alias, any case); repeatable.",
            ),
            click.option(
                "--include-children",
                is_flag=True,
                help="--actor also matches actors whose parent it is.",
            ),
            click.option(
                "--event-type",
                "event_types",
                multiple=True,
                help="Keep this event type or sub-event type; repeatable.",
            ),
            click.option("--since", help="Keep events on or after this date (YYYY-MM-DD)."),
            click.option("--until", help="Keep events on or before this date (YYYY-MM-DD)."),
            click.option(
                "--country",
                "countries",
                multiple=True,
                help="Country as ISO alpha-2 or alpha-3 code or name, English or Arabic "
                "(SY, SYR, Syria, سوريا); repeatable.",
            ),
            click.option(
                "--bbox", help="min_lon,min_lat,max_lon,max_lat (west, south, east, north)."
            ),
        ]
    ):
        fn = deco(fn)
    return fn


def _bbox(value: str | None) -> list[float] | None:
    if not value:
        return None
    try:
        parts = [float(x) for x in value.split(",")]
    except ValueError:
        raise InputError(
            f"--bbox expects min_lon,min_lat,max_lon,max_lat numbers, got {value!r}"
        ) from None
    if len(parts) != 4:
        raise InputError(f"--bbox expects 4 numbers, got {len(parts)}")
    return parts


def _extract(
    inputs,
    actors_files,
    report,
    max_bytes,
    text_column,
    date_column,
    date_order,
    language,
    no_dedup,
    jobs,
    scheduler,
    scheduler_address,
    quiet,
    verbose,
    overrides=(),
    geocoder=None,
    user_agent=None,
    geocoder_url=None,
    geocoder_delay=1.0,
    geocoder_options=(),
):
    """Run the pipeline; write the report; fail when not one document could be read.

    A batch where some documents are skipped succeeds (exit 0) and its summary names the
    skipped count; only a run that processed no document at all is an error (exit 1), so
    that a script notices a wrong path or an unreadable batch.
    """
    from .pipeline import run
    from .report import summary, write_skipped

    _setup_logging(quiet, verbose)
    if geocoder and (jobs > 1 or scheduler != "local" or scheduler_address):
        raise InputError(
            "--geocoder asks one online service at its rate limit from one process; it cannot "
            "be combined with --jobs, --scheduler dask or --scheduler-address"
        )
    # a long batch survives the network going away: the geocoder is dropped with a warning
    gaz = _gazetteer(
        overrides,
        geocoder,
        user_agent,
        geocoder_url,
        geocoder_delay,
        geocoder_options,
        strict=False,
    )
    result = run(
        list(inputs),
        texts=False,  # every argument is a path; article text comes through - (stdin)
        actors_files=actors_files,
        gazetteer=gaz,
        deduplicate=not no_dedup,
        progress=not quiet and sys.stderr.isatty(),
        jobs=jobs,
        scheduler=scheduler,
        scheduler_address=scheduler_address,
        max_bytes=max_bytes,
        text_column=text_column,
        date_column=date_column,
        date_order=date_order,
        language=language,
    )
    if report:
        write_skipped(result.skipped, report)
    for s in result.skipped if not report else ():
        log.warning("skipped %s: %s", s.source, s.reason)
    line = summary(result.documents, len(result.events), len(result.skipped))
    if getattr(gaz, "error", None) is not None:  # the reason was logged once, above
        line += "; geocoder unavailable, offline gazetteer only"
    if result.documents == 0:
        why = f"; see {report}" if report and result.skipped else ""
        if result.skipped and not report:
            why = f"; first: {result.skipped[0].source}: {result.skipped[0].reason}"
        raise InputError(f"no document could be read ({line}){why}")
    return result, line


def _say(line: str, quiet: bool) -> None:
    """The run's one-line summary, on stderr (stdout stays free for data)."""
    if not quiet:
        click.echo(_printable(line), err=True)


def _read_any(inputs, opts) -> tuple:
    """Read events files as events (several are merged), anything else as articles.

    An events file is one in a format of the format table (GeoJSON, GeoPackage, GeoParquet,
    ACLED-column CSV) that holds events; a ``.json`` or ``.csv`` of articles is input text.
    """
    from .export import read_events
    from .formats import events_format

    kinds = [events_format(p) is not None for p in inputs]
    if not any(kinds):
        result, line = _extract(inputs, **opts)
        return result.frame(), line
    if not all(kinds):
        articles = [p for p, k in zip(inputs, kinds, strict=True) if not k]
        raise InputError(
            f"give either events files or articles, not both: {', '.join(articles[:3])} "
            f"{'is' if len(articles) == 1 else 'are'} not an events file; run geomap extract on "
            "the articles first"
        )
    return _merge_events([read_events(p) for p in inputs], inputs)


def _merge_events(frames: list, paths) -> tuple:
    """One frame from several events files; an event id given twice is kept once (the first)."""
    import pandas as pd

    from .schema import conform

    if len(frames) == 1:
        return frames[0], f"{len(frames[0])} events read from {paths[0]}"
    gdf = conform(pd.concat(frames, ignore_index=True))
    total = len(gdf)
    repeated = gdf["event_id"].duplicated(keep="first") & gdf["event_id"].notna()
    gdf = gdf[~repeated].reset_index(drop=True)
    dup = f", {total - len(gdf)} repeated event ids dropped" if total > len(gdf) else ""
    return gdf, f"{total} events read from {len(frames)} files{dup}"


def _format_option(fn: Callable) -> Callable:
    from .formats import FORMATS

    return click.option(
        "--format",
        "fmt",
        type=click.Choice(sorted(FORMATS)),
        default=None,
        help="Output format when -o does not name it by its extension; with -o - (stdout): "
        "geojson (default) or csv.",
    )(fn)


def _write_output(gdf, output: str, fmt: str | None) -> str:
    """Write events to ``output`` (``-``: stdout); return where they went."""
    from .export import write_events, write_stream

    if output == "-":
        write_stream(gdf, sys.stdout, fmt or "geojson")
        sys.stdout.flush()
        return "stdout"
    write_events(gdf, output, driver=fmt)
    return output


def _check_output(output: str, fmt: str | None, append: bool = False) -> None:
    """Fail on a bad -o/--format/--append before any slow work."""
    from .formats import FORMATS, appendable, format_for

    if output == "-":
        if append:
            raise InputError("--append needs a store file, not - (stdout)")
        chosen = FORMATS[fmt or "geojson"]
        if not chosen.can_stream:
            text = ", ".join(f.name for f in FORMATS.values() if f.can_stream)
            raise InputError(f"--format {chosen.name} needs a file; -o - (stdout) takes {text}")
        return
    chosen = format_for(output, fmt)
    if append and not chosen.can_append:
        can = ", ".join(f.label for f in appendable())
        raise InputError(
            f"--append: cannot append to {output}: {chosen.title} files cannot be "
            f"appended to; formats that can: {can}"
        )


def _drawn(gdf, statuses) -> tuple[int, str]:
    """How many events a map of ``statuses`` draws, and why the others are left out (the
    rule of :func:`geomap.render.build_payload`: a missing status reads as reported)."""
    status = gdf["status"].where(gdf["status"].notna(), "reported")
    geom = gdf.geometry
    located = geom.notna() & ~geom.is_empty
    wanted = status.isin(list(statuses))
    out = []
    other = status[~wanted].value_counts()
    if len(other):
        out.append(", ".join(f"{n} {s}" for s, n in other.items()))
    nowhere = int((wanted & ~located).sum())
    if nowhere:
        out.append(f"{nowhere} without a location")
    return int((wanted & located).sum()), "; ".join(out)


def _explain(gdf, shown, actors, event_types, countries, bbox, book) -> None:
    """Say on stderr why a filter kept nothing, and what would have matched."""
    from .filtering import explain_empty

    if len(shown) or not len(gdf):
        return
    click.echo("No event matches the filters.", err=True)
    for line in explain_empty(
        gdf,
        actors or None,
        event_type=event_types or None,
        country=countries or None,
        bbox=_bbox(bbox),
        book=book,
    ):
        click.echo(_printable(f"  {line}"), err=True)  # names come from the data


# -- commands -------------------------------------------------------------------------------
def _format_help_text() -> str:
    from .formats import format_help

    return "Formats by extension: " + format_help() + "."


_FORMAT_HELP = _format_help_text()


@main.command()
@_input_options
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Events file (- for stdout). " + _FORMAT_HELP,
)
@_format_option
@click.option(
    "--append",
    is_flag=True,
    help="Add to an existing store (GeoPackage: -o *.gpkg), skipping events already there.",
)
@_friendly
def extract(inputs, output, fmt, append, **opts):
    """Extract events from articles (files, directories, JSONL/CSV, HTML, feeds, or - for stdin).

    Prints "N documents, M events, K skipped" on stderr. Exits 0 when at least one
    document was processed (skipped ones are in --report), 1 when none could be read.
    """
    from .export import append_events

    _check_output(output, fmt, append)  # fail on a bad -o before the slow work
    result, line = _extract(inputs, **opts)
    if append:
        added = append_events(result.frame(), output, driver=fmt)
        _say(f"{line}; {added} new -> {output}", opts["quiet"])
        return
    where = _write_output(result.events, output, fmt)  # GeoJSON from the events: no pandas
    _say(f"{line} -> {where}", opts["quiet"])


@main.command(name="map")
@_input_options
@_filter_options
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Map HTML file."
)
@click.option(
    "--geojson", type=click.Path(dir_okay=False), help="Also write the (unfiltered) events here."
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["reported", "planned", "denied"]),
    help="Statuses drawn (default: reported only); repeatable.",
)
@click.option("--title", help="Map title.")
@click.option("--open", "open_", is_flag=True, help="Open the map in the default browser.")
@_friendly
def map_cmd(
    inputs,
    output,
    geojson,
    actors,
    include_children,
    event_types,
    since,
    until,
    countries,
    bbox,
    statuses,
    title,
    open_,
    **opts,
):
    """Draw events on a layered HTML map (INPUT: articles, or events files of any format
    geomap writes; several events files are merged)."""
    from .events import book_for
    from .export import write_events
    from .filtering import filter_events
    from .render import render_map, save_map

    gdf, line = _read_any(inputs, opts)
    if geojson:
        write_events(gdf, geojson)
    book = book_for(opts.get("actors_files") or ())
    shown = filter_events(
        gdf,
        actors or None,
        event_type=event_types or None,
        since=since,
        until=until,
        country=countries or None,
        bbox=_bbox(bbox),
        include_children=include_children,
        book=book,
    )
    _explain(gdf, shown, actors, event_types, countries, bbox, book)
    drawn_statuses = tuple(statuses) or ("reported",)
    m = render_map(
        shown, title=title, statuses=drawn_statuses, actor_types=_actor_types(shown, book)
    )
    save_map(m, output)
    drawn, why = _drawn(shown, drawn_statuses)
    kept = f"{len(shown)} match the filters, " if len(shown) != len(gdf) else ""
    left = f" ({len(shown) - drawn} left out: {why})" if drawn < len(shown) else ""
    _say(f"{line}; {kept}{drawn} drawn{left} -> {output}", opts["quiet"])
    if open_:
        webbrowser.open(Path(output).resolve().as_uri())


def _actor_types(gdf, book) -> dict[str, str]:
    """Each actor on the map and its type (imported datasets name actors their own way)."""
    names = (
        {a for acts in gdf["actors"] if acts is not None for a in acts}
        if "actors" in gdf
        else set()
    )
    names |= {a for col in ("actor1", "actor2") if col in gdf for a in gdf[col].dropna()}
    return {name: book.type_of(name) for name in sorted(names)}


@main.command(name="filter")
@click.argument("events", type=click.Path(exists=True, dir_okay=False, allow_dash=False))
@_filter_options
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["reported", "planned", "denied"]),
    help="Keep these statuses; repeatable.",
)
@click.option(
    "--actors",
    "actors_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra actors YAML, for their aliases.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Output events file (- for stdout). " + _FORMAT_HELP,
)
@_format_option
@_friendly
def filter_cmd(
    events,
    actors,
    include_children,
    event_types,
    since,
    until,
    countries,
    bbox,
    statuses,
    actors_files,
    output,
    fmt,
):
    """Keep the events that match (actor matching follows aliases, any case or language, and
    the actor names of UCDP and ACLED). EVENTS: any format geomap writes."""
    from .events import book_for
    from .export import read_events
    from .filtering import filter_events

    _check_output(output, fmt)
    gdf = read_events(events)
    book = book_for(actors_files)
    out = filter_events(
        gdf,
        actors or None,
        event_type=event_types or None,
        since=since,
        until=until,
        country=countries or None,
        bbox=_bbox(bbox),
        status=statuses or None,
        include_children=include_children,
        book=book,
    )
    _explain(gdf, out, actors, event_types, countries, bbox, book)
    where = _write_output(out, output, fmt)
    click.echo(f"{len(out)} of {len(gdf)} events -> {where}", err=True)


@main.command(name="export")
@click.argument("events", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Output (- for stdout). " + _FORMAT_HELP,
)
@_format_option
@click.option(
    "--append", is_flag=True, help="Append to a store (GeoPackage), skipping events already there."
)
@_friendly
def export_cmd(events, output, fmt, append):
    """Convert an events file (any format geomap writes) to GeoJSON, GeoPackage, GeoParquet
    or CSV, or append it to a GeoPackage store."""
    from .export import append_events, read_events

    _check_output(output, fmt, append)
    gdf = read_events(events)
    if append:
        added = append_events(gdf, output, driver=fmt)
        click.echo(f"{added} new of {len(gdf)} events -> {output}", err=True)
        return
    where = _write_output(gdf, output, fmt)
    click.echo(f"{len(gdf)} events -> {where}", err=True)


# -- gazetteer ---------------------------------------------------------------------------
@main.group()
def gazetteer() -> None:
    """Build, inspect and query the offline gazetteer."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the index exists.")
@_friendly
def gazetteer_build(force):
    """Build the embedded GeoNames index from the installed packages (no network)."""
    from .gazetteer.embedded import build_embedded, default_index_path
    from .gazetteer.store import index_problem

    path = default_index_path()
    if path.is_file() and not force:
        problem = index_problem(path)
        if problem is None:
            click.echo(f"already built: {path} (use --force to rebuild)")
            return
        click.echo(f"the index is damaged, building it again: {problem}", err=True)
    click.echo(f"building {path} ...", err=True)
    build_embedded(path)
    click.echo(str(path))


@gazetteer.command("info")
@_friendly
def gazetteer_info():
    """Show which index is active, where it is and what it holds."""
    from .gazetteer import active_index, default

    active = active_index()
    info = {"active": str(active) if active else "embedded", **default().info()}
    click.echo(json.dumps(info, ensure_ascii=False, indent=2))


@gazetteer.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--index",
    "index",
    type=click.Path(dir_okay=False),
    help="Write the index here (default: <cache>/imported-<hash>.sqlite).",
)
@click.option(
    "--base",
    default="active",
    show_default=True,
    help="Index the import starts from: active, embedded, none, or a path.",
)
@click.option(
    "--classes",
    default="PALHTS",
    show_default=True,
    help="GeoNames feature classes to keep (P places, A admin, L areas, H water, T terrain, "
    "S spots).",
)
@click.option(
    "--languages",
    default=",ar,en",
    show_default=True,
    help="Comma-separated languages of alternate names to keep (empty: no language).",
)
@click.option("--no-activate", is_flag=True, help="Do not make the new index the default.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@_friendly
def gazetteer_import(paths, index, base, classes, languages, no_activate, quiet):
    """Import GeoNames dump files (allCountries.zip, SY.zip, cities500.zip, alternateNamesV2.zip,
    admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt) and overrides (.csv/.yaml) into a
    new index merged with the current one, and make it the default."""
    _setup_logging(quiet, False)
    _import_and_report(paths, index, base, classes, languages, no_activate, quiet)


def _import_and_report(paths, index, base, classes, languages, no_activate, quiet):
    from .gazetteer import embedded, import_geonames, set_active

    base_arg = {"active": True, "none": None, "embedded": "embedded"}.get(base, base)
    if base_arg == "embedded":
        base_arg = embedded().path
    res = import_geonames(
        paths,
        index,
        base=base_arg,
        classes=classes.upper(),
        languages=[x.strip() for x in languages.split(",")],
        progress=not quiet and sys.stderr.isatty(),
    )
    if not no_activate:
        set_active(res.path)
    skipped = f", {res.skipped_rows} malformed rows skipped" if res.skipped_rows else ""
    click.echo(
        f"{res.rows} rows imported -> {res.places} places, {res.names} names in "
        f"{res.seconds:.1f}s{skipped}" + ("" if no_activate else " (now the default)"),
        err=True,
    )
    click.echo(str(res.path))


@gazetteer.command("download")
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--dest",
    type=click.Path(file_okay=False),
    help="Directory for the files (default: <cache>/geonames).",
)
@click.option(
    "--base-url",
    help="Mirror of https://download.geonames.org/export/dump/ (or $GEOMAP_GEONAMES_URL).",
)
@click.option(
    "--no-alternate-names", is_flag=True, help="Skip the per-country alternate names files."
)
@click.option(
    "--no-import", is_flag=True, help="Only download; import later with geomap gazetteer import."
)
@click.option(
    "--index", "index", type=click.Path(dir_okay=False), help="Where to write the imported index."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@_friendly
def gazetteer_download(names, dest, base_url, no_alternate_names, no_import, index, quiet):
    """Fetch GeoNames files for countries (SY IQ TR; or cities500, allCountries) and import them."""
    from .gazetteer import download

    _setup_logging(quiet, False)
    files = download(
        names,
        dest,
        base_url=base_url,
        alternate_names=not no_alternate_names,
        progress=not quiet and sys.stderr.isatty(),
    )
    for f in files:
        click.echo(f"downloaded {f}", err=True)
    if not no_import:
        _import_and_report(files, index, "active", "PALHTS", ",ar,en", False, quiet)


@gazetteer.command("use")
@click.argument("index")
@_friendly
def gazetteer_use(index):
    """Make INDEX the default gazetteer: 'embedded', or the path of an imported index."""
    from .gazetteer import set_active

    path = set_active(index)
    click.echo(f"default gazetteer: {path or 'embedded'}")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--limit", default=10, show_default=True, help="How many candidates to show.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@_gazetteer_options
@_friendly
def gazetteer_lookup(name, limit, as_json, **gaz_opts):
    """Places named NAME (any spelling: Arabic, English, with clitics or diacritics);
    with --geocoder, names the gazetteer does not know are asked online."""
    from .gazetteer import FallbackGazetteer
    from .geoparse import candidates
    from .geoparse.resolve import prior

    gaz = _gazetteer(**gaz_opts)
    offline = gaz.primary if isinstance(gaz, FallbackGazetteer) else gaz
    cands = candidates(name, gazetteer=offline)
    if not cands and offline is not gaz:
        cands = gaz.secondary.lookup(name)  # the geocoder gets the name as written
    cands = sorted(cands, key=prior, reverse=True)[:limit]
    if not cands:
        click.echo(f"no place named {name!r}", err=True)
        sys.exit(1)
    for p in cands:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "geonameid": p.geonameid,
                        "name": p.name,
                        "lat": p.lat,
                        "lon": p.lon,
                        "country_code": p.country_code,
                        "admin1": p.admin1_name,
                        "feature_code": p.feature_code,
                        "population": p.population,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(
                f"{p.geonameid:>10}  {_printable(p.name):<30} {p.feature_code:<5} "
                f"{p.country_code:<2} "
                f"{p.admin1_name[:20]:<20} {p.lat:9.4f} {p.lon:9.4f} pop {p.population}"
            )


# -- existing datasets ---------------------------------------------------------------------
@main.command(name="import")
@click.argument("dataset", type=click.Choice(["ucdp", "acled"], case_sensitive=False))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Output file (- for stdout). " + _FORMAT_HELP,
)
@_format_option
@_friendly
def import_(dataset: str, file: str, output: str, fmt: str | None) -> None:
    """Import a UCDP GED or ACLED CSV export FILE into geomap's events schema."""
    from .importers import import_acled, import_ucdp

    _check_output(output, fmt)  # fail on a bad -o before the slow import
    frame = (import_ucdp if dataset.lower() == "ucdp" else import_acled)(file)
    where = _write_output(frame, output, fmt)
    click.echo(f"{len(frame)} events -> {where}", err=output == "-")


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
    help="System to evaluate: geomap, geomap-demonyms (demonyms count as mentions of "
    "their countries, as the LGL schema annotates them), geomap-literal (associative uses "
    "such as 'U.S. forces' or 'The UK has said' left out, as re3d's Location counts places), "
    "geotext (baseline) or "
    f"module:factory (also from ${SYSTEM_ENV}).",
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
            span_candidate_fn=s.span_candidate_fn,
            place_fn=s.place_fn,
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


@eval_group.command("events")
@click.argument("paths", nargs=-1, required=True, type=_existing)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["ucdp", "acled", "hrdsattack", "plover"]),
    help="Coded data format (ucdp: UCDP GED CSV; acled: ACLED export CSV).",
)
@click.option(
    "--text",
    type=click.Choice(["source_headline", "source_article"]),
    default=None,
    help="UCDP text column to run on (default: source_headline).",
)
@click.option(
    "--system",
    envvar=SYSTEM_ENV,
    default="geomap",
    show_default=True,
    help=f"System to evaluate: geomap or geotext (the baseline); also from ${SYSTEM_ENV}.",
)
@_limit_option
@_table_option
def eval_events_cmd(paths, fmt, text, system, limit, table):
    """Whole events against human coders: event, type, place, actors, date, fatalities."""
    from .evaluation.event_scoring import eval_events

    try:
        result = eval_events(list(paths), fmt, system=system, limit=limit, text=text)
    except GeomapError as err:
        raise click.ClickException(str(err)) from err
    if not table:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    halves = result.pop("halves")
    width = max(len(k) for k in result)
    click.echo(f"{'':<{width}}  {'all':>7}  {'tune':>7}  {'check':>7}")
    for key, value in result.items():
        cells = [value, halves["tune"].get(key, ""), halves["check"].get(key, "")]
        if key not in halves["tune"]:
            click.echo(f"{key:<{width}}  {'-' if value is None else value}")
            continue
        shown = [
            f"{c:.4f}" if isinstance(c, float) else "-" if c is None else str(c) for c in cells
        ]
        click.echo(f"{key:<{width}}  " + "  ".join(f"{s:>7}" for s in shown))


if __name__ == "__main__":  # pragma: no cover
    main()
