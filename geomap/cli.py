"""The ``geomap`` command: parse options, call the library, format the result.

Every :class:`~geomap.errors.GeomapError` becomes a one-line ``Error: ...`` on stderr with
exit code 1, never a traceback.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .errors import GeomapError, InputError

log = logging.getLogger("geomap")


def _friendly(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GeomapError as err:
            raise click.ClickException(str(err)) from err

    return wrapper


def _setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geomap")
def main() -> None:
    """geomap: news about wars in Arabic and English -> a map of conflict events."""


# -- shared options ----------------------------------------------------------------------
def _input_options(fn: Callable) -> Callable:
    for deco in reversed(
        [
            click.argument("inputs", nargs=-1, required=True),
            click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                         help="Extra actors YAML (same format as data/actors.yaml); repeatable."),
            click.option("--report", type=click.Path(dir_okay=False),
                         help="Write skipped documents (source, reason) to this JSONL file."),
            click.option("--max-bytes", type=int, default=20_000_000, show_default=True,
                         help="Skip input files larger than this."),
            click.option("--text-column", default="text", show_default=True, help="JSONL/CSV text column."),
            click.option("--date-column", default="date", show_default=True, help="JSONL/CSV date column."),
            click.option("--language", type=click.Choice(["ar", "en"]), default=None,
                         help="Language of every input (default: from metadata, else detected)."),
            click.option("--no-dedup", is_flag=True, help="Keep reports of the same event apart."),
            click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
                         help="Worker processes (or Dask workers of a local cluster); same output."),
            click.option("--scheduler", type=click.Choice(["local", "dask"]), default="local",
                         show_default=True,
                         help="local: this machine's processes; dask: dask.bag on a Dask cluster "
                              "(pip install 'geomap[dask]')."),
            click.option("--scheduler-address", metavar="ADDRESS",
                         help="Dask scheduler to use (e.g. tcp://host:8786); implies --scheduler dask. "
                              "Default: a local cluster of --jobs workers."),
            *_gazetteer_option_list(),
            click.option("-q", "--quiet", is_flag=True, help="Only errors: no progress bar, no summary."),
            click.option("-v", "--verbose", is_flag=True, help="Debug logging."),
        ]
    ):
        fn = deco(fn)
    return fn


def _gazetteer_option_list() -> list[Callable]:
    return [
        click.option("--gazetteer-overrides", "overrides", multiple=True,
                     type=click.Path(exists=True, dir_okay=False),
                     help="CSV/YAML of extra places or aliases layered on the gazetteer; repeatable."),
        click.option("--geocoder", help="Also ask this online geocoder (nominatim, photon, geonames, "
                     "arcgis ...) for names the gazetteer cannot resolve. Opt-in; needs --user-agent."),
        click.option("--user-agent", help="Who is asking the geocoder (your e-mail or application)."),
        click.option("--geocoder-url", help="Base URL of the geocoder (e.g. a local Nominatim)."),
        click.option("--geocoder-delay", type=float, default=1.0, show_default=True,
                     help="Seconds between geocoder requests (Nominatim allows one a second)."),
        click.option("--geocoder-option", "geocoder_options", multiple=True, metavar="KEY=VALUE",
                     help="Option for the geopy geocoder, e.g. username=ME for geonames, "
                     "api_key=KEY; repeatable."),
    ]


def _gazetteer_options(fn: Callable) -> Callable:
    for deco in reversed(_gazetteer_option_list()):
        fn = deco(fn)
    return fn


def _gazetteer(overrides=(), geocoder=None, user_agent=None, geocoder_url=None, geocoder_delay=1.0,
               geocoder_options=(), strict=True):
    """The gazetteer the options ask for: the default one, overrides on top, a geocoder behind."""
    from .gazetteer import FallbackGazetteer, GeopyGeocoder, OverrideGazetteer, default

    gaz = default()
    if overrides:
        gaz = OverrideGazetteer(gaz, overrides)
    if geocoder:
        options = {}
        for opt in geocoder_options:
            k, sep, v = opt.partition("=")
            if not sep or not k.strip():
                raise InputError(f"--geocoder-option expects KEY=VALUE, got {opt!r}")
            options[k.strip()] = v
        online = GeopyGeocoder(geocoder, user_agent=user_agent, url=geocoder_url,
                               min_delay_seconds=geocoder_delay, options=options)
        gaz = FallbackGazetteer(gaz, online, strict=strict)
    elif user_agent or geocoder_url or geocoder_options:
        raise InputError("--user-agent, --geocoder-url and --geocoder-option only make sense with "
                         "--geocoder NAME")
    return gaz


def _filter_options(fn: Callable) -> Callable:
    for deco in reversed(
        [
            click.option("--actor", "actors", multiple=True,
                         help="Keep events with this actor (any alias, any case); repeatable."),
            click.option("--include-children", is_flag=True,
                         help="--actor also matches actors whose parent it is."),
            click.option("--event-type", "event_types", multiple=True,
                         help="Keep this event type or sub-event type; repeatable."),
            click.option("--since", help="Keep events on or after this date (YYYY-MM-DD)."),
            click.option("--until", help="Keep events on or before this date (YYYY-MM-DD)."),
            click.option("--country", "countries", multiple=True, help="ISO alpha-2 country code; repeatable."),
            click.option("--bbox", help="min_lon,min_lat,max_lon,max_lat"),
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
        raise InputError(f"--bbox expects min_lon,min_lat,max_lon,max_lat numbers, got {value!r}") from None
    if len(parts) != 4:
        raise InputError(f"--bbox expects 4 numbers, got {len(parts)}")
    return parts


def _extract(inputs, actors_files, report, max_bytes, text_column, date_column, language, no_dedup,
             jobs, scheduler, scheduler_address, quiet, verbose, overrides=(), geocoder=None,
             user_agent=None, geocoder_url=None, geocoder_delay=1.0, geocoder_options=()):
    """Run the pipeline; write the report; fail when not one document could be read.

    A batch where some documents are skipped succeeds (exit 0) and its summary names the
    skipped count; only a run that processed no document at all is an error (exit 1), so
    that a script notices a wrong path or an unreadable batch.
    """
    from .pipeline import run
    from .report import summary, write_skipped

    _setup_logging(quiet, verbose)
    # a long batch survives the network going away: the geocoder is dropped with a warning
    gaz = _gazetteer(overrides, geocoder, user_agent, geocoder_url, geocoder_delay, geocoder_options,
                     strict=False)
    result = run(
        list(inputs),
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
        language=language,
    )
    if report:
        write_skipped(result.skipped, report)
    for s in result.skipped if not report else ():
        log.warning("skipped %s: %s", s.source, s.reason)
    line = summary(result.documents, len(result.events), len(result.skipped))
    if getattr(gaz, "error", None) is not None:
        line += f"; geocoder unavailable, offline gazetteer only ({gaz.error})"
    if result.documents == 0:
        why = f"; see {report}" if report and result.skipped else ""
        if result.skipped and not report:
            why = f"; first: {result.skipped[0].source}: {result.skipped[0].reason}"
        raise InputError(f"no document could be read ({line}){why}")
    return result, line


def _say(line: str, quiet: bool) -> None:
    """The run's one-line summary, on stderr (stdout stays free for data)."""
    if not quiet:
        click.echo(line, err=True)


def _read_any(inputs, opts) -> tuple:
    """Inputs that are one events file (.geojson/.gpkg/.parquet) are read as events."""
    from .export import read_events

    if len(inputs) == 1 and Path(inputs[0]).suffix.lower() in (".geojson", ".gpkg", ".parquet") and Path(inputs[0]).is_file():
        gdf = read_events(inputs[0])
        return gdf, f"{len(gdf)} events read from {inputs[0]}"
    result, line = _extract(inputs, **opts)
    return result.frame(), line


# -- commands -------------------------------------------------------------------------------
@main.command()
@_input_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Events file: .geojson, .gpkg, .parquet or .csv.")
@click.option("--append", is_flag=True,
              help="Add to an existing GeoPackage store (-o *.gpkg), skipping events already there.")
@_friendly
def extract(inputs, output, append, **opts):
    """Extract events from articles (files, directories, JSONL/CSV, HTML, feeds, or - for stdin).

    Prints "N documents, M events, K skipped" on stderr. Exits 0 when at least one
    document was processed (skipped ones are in --report), 1 when none could be read.
    """
    from .export import append_gpkg, output_format, write_events

    fmt = output_format(output)  # fail on a bad -o before the slow work
    if append and fmt != "gpkg":
        raise InputError(f"--append needs a GeoPackage store (-o something.gpkg), got {output}")
    result, line = _extract(inputs, **opts)
    if append:
        added = append_gpkg(result.frame(), output)
        _say(f"{line}; {added} new -> {output}", opts["quiet"])
        return
    write_events(result.frame(), output)
    _say(f"{line} -> {output}", opts["quiet"])


@main.command(name="map")
@_input_options
@_filter_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Map HTML file.")
@click.option("--geojson", type=click.Path(dir_okay=False), help="Also write the (unfiltered) events here.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(["reported", "planned", "denied"]),
              help="Statuses drawn (default: reported only); repeatable.")
@click.option("--title", help="Map title.")
@click.option("--open", "open_", is_flag=True, help="Open the map in the default browser.")
@_friendly
def map_cmd(inputs, output, geojson, actors, include_children, event_types, since, until, countries,
            bbox, statuses, title, open_, **opts):
    """Draw events on a layered HTML map (INPUT: articles, or one events file)."""
    from .export import write_events
    from .filtering import filter_events
    from .render import render_map, save_map

    gdf, line = _read_any(inputs, opts)
    if geojson:
        write_events(gdf, geojson)
    from .events import book_for

    book = book_for(opts.get("actors_files") or ())
    shown = filter_events(gdf, actors or None, event_type=event_types or None, since=since, until=until,
                          country=countries or None, bbox=_bbox(bbox), include_children=include_children,
                          book=book)
    m = render_map(shown, title=title, statuses=tuple(statuses) or ("reported",),
                   actor_types=_actor_types(shown, book))
    save_map(m, output)
    _say(f"{line}; {len(shown)} on the map -> {output}", opts["quiet"])
    if open_:
        webbrowser.open(Path(output).resolve().as_uri())


def _actor_types(gdf, book) -> dict[str, str]:
    """Each actor on the map and its type (imported datasets name actors their own way)."""
    names = {a for acts in gdf["actors"] if acts is not None for a in acts} if "actors" in gdf else set()
    names |= {a for col in ("actor1", "actor2") if col in gdf for a in gdf[col].dropna()}
    return {name: book.type_of(name) for name in sorted(names)}


@main.command(name="filter")
@click.argument("events", type=click.Path(exists=True, dir_okay=False))
@_filter_options
@click.option("--status", "statuses", multiple=True, type=click.Choice(["reported", "planned", "denied"]),
              help="Keep these statuses; repeatable.")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actors YAML, for their aliases.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Output events file.")
@_friendly
def filter_cmd(events, actors, include_children, event_types, since, until, countries, bbox, statuses,
               actors_files, output):
    """Keep the events that match (actor matching follows aliases, any case or language)."""
    from .events import book_for
    from .export import read_events, write_events
    from .filtering import filter_events

    gdf = read_events(events)
    out = filter_events(gdf, actors or None, event_type=event_types or None, since=since, until=until,
                        country=countries or None, bbox=_bbox(bbox), status=statuses or None,
                        include_children=include_children, book=book_for(actors_files))
    write_events(out, output)
    click.echo(f"{len(out)} of {len(gdf)} events -> {output}", err=True)


@main.command(name="export")
@click.argument("events", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Output: .geojson, .gpkg, .parquet or .csv (ACLED column names).")
@click.option("--append", is_flag=True, help="Append to a GeoPackage store, skipping events already there.")
@_friendly
def export_cmd(events, output, append):
    """Convert an events file to GeoJSON, GeoPackage, GeoParquet or CSV."""
    from .export import append_gpkg, read_events, write_events

    gdf = read_events(events)
    if append:
        added = append_gpkg(gdf, output)
        click.echo(f"{added} new of {len(gdf)} events -> {output}", err=True)
        return
    write_events(gdf, output)
    click.echo(f"{len(gdf)} events -> {output}", err=True)


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
    from .gazetteer.store import keys_path

    path = default_index_path()
    if path.is_file() and keys_path(path).is_file() and not force:
        click.echo(f"already built: {path} (use --force to rebuild)")
        return
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
@click.option("--index", "index", type=click.Path(dir_okay=False),
              help="Write the index here (default: <cache>/imported-<hash>.sqlite).")
@click.option("--base", default="active", show_default=True,
              help="Index the import starts from: active, embedded, none, or a path.")
@click.option("--classes", default="PALHTS", show_default=True,
              help="GeoNames feature classes to keep (P places, A admin, L areas, H water, T terrain, S spots).")
@click.option("--languages", default=",ar,en", show_default=True,
              help="Comma-separated languages of alternate names to keep (empty: no language).")
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
    res = import_geonames(paths, index, base=base_arg, classes=classes.upper(),
                          languages=[x.strip() for x in languages.split(",")],
                          progress=not quiet and sys.stderr.isatty())
    if not no_activate:
        set_active(res.path)
    skipped = f", {res.skipped_rows} malformed rows skipped" if res.skipped_rows else ""
    click.echo(f"{res.rows} rows imported -> {res.places} places, {res.names} names in "
               f"{res.seconds:.1f}s{skipped}" + ("" if no_activate else " (now the default)"), err=True)
    click.echo(str(res.path))


@gazetteer.command("download")
@click.argument("names", nargs=-1, required=True)
@click.option("--dest", type=click.Path(file_okay=False), help="Directory for the files (default: <cache>/geonames).")
@click.option("--base-url", help="Mirror of https://download.geonames.org/export/dump/ (or $GEOMAP_GEONAMES_URL).")
@click.option("--no-alternate-names", is_flag=True, help="Skip the per-country alternate names files.")
@click.option("--no-import", is_flag=True, help="Only download; import later with geomap gazetteer import.")
@click.option("--index", "index", type=click.Path(dir_okay=False), help="Where to write the imported index.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@_friendly
def gazetteer_download(names, dest, base_url, no_alternate_names, no_import, index, quiet):
    """Fetch GeoNames files for countries (SY IQ TR; or cities500, allCountries) and import them."""
    from .gazetteer import download

    _setup_logging(quiet, False)
    files = download(names, dest, base_url=base_url, alternate_names=not no_alternate_names,
                     progress=not quiet and sys.stderr.isatty())
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
            click.echo(json.dumps({
                "geonameid": p.geonameid, "name": p.name, "lat": p.lat, "lon": p.lon,
                "country_code": p.country_code, "admin1": p.admin1_name, "feature_code": p.feature_code,
                "population": p.population}, ensure_ascii=False))
        else:
            click.echo(f"{p.geonameid:>10}  {p.name:<30} {p.feature_code:<5} {p.country_code:<2} "
                       f"{p.admin1_name[:20]:<20} {p.lat:9.4f} {p.lon:9.4f} pop {p.population}")


# -- existing datasets ---------------------------------------------------------------------
@main.command(name="import")
@click.argument("dataset", type=click.Choice(["ucdp", "acled"], case_sensitive=False))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Output file: .geojson, .json, .gpkg, .parquet or .csv.")
@_friendly
def import_(dataset: str, file: str, output: str) -> None:
    """Import a UCDP GED or ACLED CSV export FILE into geomap's events schema."""
    from .export import output_format, write_events
    from .importers import import_acled, import_ucdp

    output_format(output)  # fail on a bad -o before the slow import
    frame = (import_ucdp if dataset.lower() == "ucdp" else import_acled)(file)
    path = write_events(frame, output)
    click.echo(f"{len(frame)} events -> {path}")


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


if __name__ == "__main__":  # pragma: no cover
    main()
