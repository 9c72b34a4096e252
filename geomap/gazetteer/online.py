"""Online geocoders (opt-in): geopy backends behind the gazetteer contract.

:class:`GeopyGeocoder` wraps any geopy geocoder, chosen by name through geopy's own
registry (``nominatim``, ``photon``, ``geonames``, ``arcgis`` ...). Every request goes
through geopy's :class:`~geopy.extra.rate_limiter.RateLimiter` (Nominatim's usage policy
allows one request a second) and answers are kept in a persistent SQLite cache in the
geomap cache directory, so a name is asked once, ever. A user agent is required: public
services refuse anonymous bulk use.

:class:`FallbackGazetteer` puts a geocoder behind an offline gazetteer: recognition and
every name the gazetteer knows stay offline; only mentions it has no candidate for reach
the network. It also declares itself ``open_world``, which lets recognition propose names
the gazetteer does not know when a cue word announces them ("قرية X", "village of X").

geopy's exceptions are translated here, once: unreachable/timed out ->
:class:`~geomap.errors.GeocoderUnavailable`, anything else -> :class:`~geomap.errors.GeocoderError`.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import logging
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import DependencyError, GeocoderError, GeocoderUnavailable, GeomapError, InputError
from ..records import Mention, Place
from ..resources import cache_dir
from .base import Gazetteer, register
from .overrides import synthetic_id

log = logging.getLogger(__name__)

CACHE_FILE = "geocoder-cache.sqlite"

# Nominatim ``addresstype``/``type`` (and Photon ``type``/``osm_value``) -> GeoNames class, code
_OSM_FEATURES: dict[str, tuple[str, str]] = {
    "country": ("A", "PCLI"),
    "state": ("A", "ADM1"), "province": ("A", "ADM1"), "region": ("A", "ADM1"),
    "state_district": ("A", "ADM2"), "county": ("A", "ADM2"), "district": ("A", "ADM2"),
    "municipality": ("A", "ADM3"),
    "city": ("P", "PPL"), "town": ("P", "PPL"), "village": ("P", "PPL"), "hamlet": ("P", "PPL"),
    "isolated_dwelling": ("P", "PPL"), "locality": ("P", "PPL"),
    "suburb": ("P", "PPLX"), "quarter": ("P", "PPLX"), "neighbourhood": ("P", "PPLX"),
    "river": ("H", "STM"), "stream": ("H", "STM"), "water": ("H", "LK"), "lake": ("H", "LK"),
    "peak": ("T", "MT"), "mountain": ("T", "MT"), "hill": ("T", "HLL"), "valley": ("T", "VAL"),
}


def _geopy():
    try:
        import geopy  # noqa: F401
        from geopy import exc
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import get_geocoder_for_service
    except ImportError as err:  # pragma: no cover - geopy is a core dependency
        raise DependencyError("geopy", purpose="online geocoding") from err
    return exc, RateLimiter, get_geocoder_for_service


class GeocoderCache:
    """A persistent ``(service, endpoint, query) -> [Place]`` cache (SQLite)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            self.db.executescript(
                "CREATE TABLE IF NOT EXISTS answers (service TEXT, endpoint TEXT, query TEXT, "
                "places TEXT, fetched REAL, PRIMARY KEY (service, endpoint, query));"
                "CREATE TABLE IF NOT EXISTS places (geonameid INTEGER PRIMARY KEY, place TEXT);"
            )
        except sqlite3.Error as err:
            raise GeocoderError(f"cannot open the geocoder cache {self.path} ({err}); delete it "
                                "or pass another cache path") from err

    def get(self, service: str, endpoint: str, query: str) -> list[Place] | None:
        row = self.db.execute(
            "SELECT places FROM answers WHERE service=? AND endpoint=? AND query=?",
            (service, endpoint, query),
        ).fetchone()
        return None if row is None else [Place(*p) for p in json.loads(row[0])]

    def put(self, service: str, endpoint: str, query: str, places: list[Place]) -> None:
        rows = [dataclasses.astuple(p) for p in places]
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?)",
                (service, endpoint, query, json.dumps(rows, ensure_ascii=False), time.time()),
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO places VALUES (?, ?)",
                [(r[0], json.dumps(r, ensure_ascii=False)) for r in rows],
            )

    def place(self, geonameid: int) -> Place | None:
        row = self.db.execute("SELECT place FROM places WHERE geonameid=?", (geonameid,)).fetchone()
        return None if row is None else Place(*json.loads(row[0]))

    def close(self) -> None:
        self.db.close()


def _point_at(url: str, service: str, params: Mapping[str, Any], kwargs: dict[str, Any]) -> str:
    """Point a geocoder's constructor ``kwargs`` at ``url`` (a server of one's own, when the
    geocoder class takes a ``domain``, of constructor parameters ``params``); the endpoint."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"url: must look like http://host:port, got {url!r}")
    if "domain" not in params:
        raise InputError(
            f"url: the {service} geocoder has a fixed address; another URL is "
            "not supported for it"
        )
    kwargs["domain"] = parts.netloc + parts.path.rstrip("/")
    if "scheme" in params:
        kwargs["scheme"] = parts.scheme
    return f"{parts.scheme}://{kwargs['domain']}"


class GeopyGeocoder(Gazetteer):
    """A geopy geocoder answering the gazetteer contract.

    Parameters
    ----------
    service : geopy's name for the geocoder (``"nominatim"``, ``"photon"``, ``"geonames"``,
        ``"arcgis"`` ...); a wrong name is an :class:`InputError` listing the valid ones.
    user_agent : who is asking (an e-mail or application name); required.
    url : the service's base URL (``http://127.0.0.1:8080`` for a local Nominatim); only for
        geocoders that accept a ``domain``.
    min_delay_seconds, max_retries, error_wait_seconds : passed to geopy's ``RateLimiter``.
    timeout : seconds per request.
    cache : path of the SQLite answer cache (default ``<cache>/geocoder-cache.sqlite``),
        or ``False`` for none.
    limit : how many candidates to ask for.
    options : more keyword arguments for the geopy geocoder (``username`` for GeoNames,
        ``api_key`` for others).

    Examples
    --------
    >>> g = GeopyGeocoder("nominatim", user_agent="me@example.org")  # doctest: +SKIP
    >>> g.lookup("Tal Abyad")[0].country_code  # doctest: +SKIP
    'SY'
    """

    name = "geopy"

    def __init__(
        self,
        service: str = "nominatim",
        *,
        user_agent: str | None = None,
        url: str | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = 1,
        error_wait_seconds: float = 2.0,
        timeout: float = 10.0,
        cache: str | Path | bool = True,
        limit: int = 5,
        options: dict[str, Any] | None = None,
    ):
        exc, rate_limiter, get_geocoder_for_service = _geopy()
        self._exc = exc
        self.service = service.lower()
        if not (user_agent or "").strip():
            raise InputError(
                f"user_agent: the {service} geocoder needs a user agent naming you (an e-mail "
                "address or your application, e.g. 'me@example.org'): public geocoders refuse "
                "anonymous use"
            )
        try:
            cls = get_geocoder_for_service(self.service)
        except exc.GeocoderNotFound as err:
            raise InputError(f"service: unknown geocoder {service!r}: {err}") from err
        kwargs: dict[str, Any] = {
            "user_agent": user_agent.strip(),
            "timeout": timeout,
            **(options or {}),
        }
        params = inspect.signature(cls.__init__).parameters
        self.endpoint = ""
        if url:
            self.endpoint = _point_at(url, service, params, kwargs)
        try:
            self.geocoder = cls(**kwargs)
        except TypeError as err:
            required = [
                p.name
                for p in params.values()
                if p.default is p.empty and p.name != "self" and p.kind is not p.VAR_KEYWORD
            ]
            raise InputError(
                f"options: the {service} geocoder needs options {required} ({err})"
            ) from err
        except exc.ConfigurationError as err:
            raise InputError(f"the {service} geocoder is misconfigured: {err}") from err
        if not self.endpoint:
            self.endpoint = getattr(self.geocoder, "domain", "") or self.service
        self._query_kwargs = self._kwargs_for(cls, limit)
        self._geocode: Callable[..., Any] = rate_limiter(
            self.geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )
        if cache is True:
            cache = cache_dir() / CACHE_FILE
        self.cache = GeocoderCache(cache) if cache else None
        self._places: dict[int, Place] = {}
        self.requests = 0

    @staticmethod
    def _kwargs_for(geocoder_cls: type, limit: int) -> dict[str, Any]:
        params = inspect.signature(geocoder_cls.geocode).parameters
        kw: dict[str, Any] = {"exactly_one": False}
        if "limit" in params:
            kw["limit"] = limit
        if "addressdetails" in params:
            kw["addressdetails"] = True  # country code and state of each result
        return kw

    # -- the contract -----------------------------------------------------------------
    def candidates(self, key: str) -> list[Place]:
        return self.query(key)

    def candidates_for(self, mention: Mention) -> list[Place]:
        # the surface as written: lookup keys drop the article and fold letters, which
        # online services match less well than the original spelling
        return self.query(mention.surface)

    def lookup(self, name: str) -> list[Place]:
        return self.query(name)

    def place(self, geonameid: int) -> Place | None:
        got = self._places.get(geonameid)
        if got is None and self.cache is not None:
            got = self.cache.place(geonameid)
        return got

    def has_key(self, key: str) -> bool:
        # never asks the network: recognition probes every token
        return False

    def info(self) -> dict:
        return {
            "backend": self.name,
            "service": self.service,
            "endpoint": self.endpoint,
            "cache": str(self.cache.path) if self.cache else None,
            "requests": self.requests,
        }

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()

    # -- internals ----------------------------------------------------------------------
    def query(self, text: str) -> list[Place]:
        """Places the service finds for ``text`` (cached; ``[]`` when none)."""
        q = " ".join(text.split())
        if not q or len(q) > 200:
            return []
        if self.cache is not None:
            got = self.cache.get(self.service, self.endpoint, q)
            if got is not None:
                self._remember(got)
                return got
        places = self._ask(q)
        if self.cache is not None:
            self.cache.put(self.service, self.endpoint, q, places)
        self._remember(places)
        return places

    def _remember(self, places: list[Place]) -> None:
        for p in places:
            self._places[p.geonameid] = p

    def _ask(self, q: str) -> list[Place]:
        exc = self._exc
        self.requests += 1
        _quiet_network_logs()
        try:
            found = self._geocode(q, **self._query_kwargs)
        except (exc.GeocoderUnavailable, exc.GeocoderTimedOut) as err:
            raise GeocoderUnavailable(
                f"cannot reach the {self.service} geocoder at {self.endpoint} "
                f"({_reason(err)}); are you online?"
            ) from err
        except exc.GeocoderRateLimited as err:
            raise GeocoderError(
                f"the {self.service} geocoder is rate limiting geomap ({err}); "
                "wait, or raise the delay between requests"
            ) from err
        except exc.GeopyError as err:
            raise GeocoderError(f"the {self.service} geocoder failed on {q!r}: {err}") from err
        if not found:
            return []
        if not isinstance(found, list):
            found = [found]
        return [self._place(loc) for loc in found]

    def _place(self, loc: Any) -> Place:
        raw = loc.raw if isinstance(loc.raw, dict) else {}
        props = raw.get("properties") if isinstance(raw.get("properties"), dict) else {}  # Photon
        address = raw.get("address") if isinstance(raw.get("address"), dict) else {}  # Nominatim
        name = str(
            raw.get("name") or props.get("name") or (loc.address or "").split(",")[0]
        ).strip()
        cc = str(
            address.get("country_code") or raw.get("countryCode") or props.get("countrycode") or ""
        )
        admin1 = str(address.get("state") or raw.get("adminName1") or props.get("state") or "")
        fclass, fcode = raw.get("fcl"), raw.get("fcode")  # GeoNames web service
        if not (fclass and fcode):
            kind = (
                raw.get("addresstype")
                or raw.get("type")
                or props.get("type")
                or props.get("osm_value")
            )
            fclass, fcode = _OSM_FEATURES.get(str(kind), ("S", "")) if kind else ("P", "PPL")
        gid = raw.get("geonameId")
        if not isinstance(gid, int):
            ident = raw.get("osm_id") or props.get("osm_id") or raw.get("place_id") or loc.address
            gid = synthetic_id(
                self.service,
                raw.get("osm_type") or props.get("osm_type") or "",
                ident,
                round(loc.latitude, 5),
                round(loc.longitude, 5),
            )
        try:
            pop = int(raw.get("population") or 0)
        except (TypeError, ValueError):
            pop = 0
        return Place(
            gid,
            name or q_fallback(loc),
            float(loc.latitude),
            float(loc.longitude),
            cc.upper(),
            "",
            admin1,
            str(fclass),
            str(fcode),
            pop,
            f"geocoder:{self.service}",
        )


class _NoRetryNoise(logging.Filter):
    """Drops the retry warnings of geopy's RateLimiter (each with a full traceback) and of
    urllib3's connection pool: an unreachable service is reported once, as a
    :class:`~geomap.errors.GeocoderUnavailable`. They still show with ``--verbose``."""

    def filter(self, record: logging.LogRecord) -> bool:
        verbose = logging.getLogger("geomap").isEnabledFor(logging.DEBUG)
        return record.levelno >= logging.ERROR or verbose


_FILTER = _NoRetryNoise()


def _quiet_network_logs() -> None:
    for name in ("geopy", "urllib3.connectionpool"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def _reason(err: BaseException) -> str:
    """The innermost cause of a network error ("[Errno 111] Connection refused"), not the
    adapter's paragraph about connection pools."""
    seen = 0
    while seen < 10 and (err.__cause__ or err.__context__) is not None:
        err = err.__cause__ or err.__context__
        seen += 1
    text = str(err) or type(err).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def q_fallback(loc: Any) -> str:
    return f"{loc.latitude:.4f},{loc.longitude:.4f}"


class FallbackGazetteer(Gazetteer):
    """``primary`` first; ``secondary`` (a geocoder) only for what ``primary`` cannot answer.

    With ``strict=False`` an unreachable secondary is reported once (``self.error``) and
    the run goes on with the primary alone, so a long batch survives the network going away.
    """

    name = "fallback"
    #: recognition may propose unknown names announced by a cue word
    open_world = True

    def __init__(self, primary: Gazetteer, secondary: Gazetteer, *, strict: bool = True):
        self.primary = primary
        self.secondary = secondary
        self.strict = strict
        self.error: GeomapError | None = None
        self.asked = 0

    def candidates(self, key: str) -> list[Place]:
        return self.primary.candidates(key) or self._secondary(self.secondary.candidates, key)

    def candidates_for(self, mention: Mention) -> list[Place]:
        return self.primary.candidates_for(mention) or self._secondary(
            self.secondary.candidates_for, mention
        )

    def lookup(self, name: str) -> list[Place]:
        return self.primary.lookup(name) or self._secondary(self.secondary.lookup, name)

    def place(self, geonameid: int) -> Place | None:
        return self.primary.place(geonameid) or self.secondary.place(geonameid)

    def has_key(self, key: str) -> bool:
        return self.primary.has_key(key)

    def prefixes(self) -> frozenset[str]:
        return self.primary.prefixes()

    def prefetch(self, keys: Iterable[str], *, places: bool = False) -> None:
        self.primary.prefetch(keys, places=places)

    def names_for_key(self, key: str) -> list[str]:
        return self.primary.names_for_key(key)

    def keys(self) -> Iterator[str]:
        return self.primary.keys()  # type: ignore[attr-defined]

    def keys_by_shape(self, first: str, length: int) -> tuple[str, ...]:
        return self.primary.keys_by_shape(first, length)

    def info(self) -> dict:
        return {**self.primary.info(), "fallback": self.secondary.info()}

    def _secondary(self, fn: Callable[[Any], list[Place]], arg: Any) -> list[Place]:
        if self.error is not None:
            return []
        self.asked += 1
        try:
            return fn(arg)
        except GeocoderUnavailable as err:
            if self.strict:
                raise
            self.error = err
            log.warning("%s -- going on with the offline gazetteer only", err)
            return []


@register("geopy")
def geopy_geocoder(service: str = "nominatim", **kwargs) -> GeopyGeocoder:
    """An online geocoder through geopy (``user_agent`` required)."""
    return GeopyGeocoder(service, **kwargs)


@register("fallback")
def fallback(
    primary: Gazetteer | None = None,
    secondary: Gazetteer | None = None,
    strict: bool = True,
    **geocoder,
) -> FallbackGazetteer:
    """``primary`` (default: the active index) first, ``secondary`` for the names it cannot
    answer: a gazetteer, or a geopy geocoder built from ``geocoder`` (``service``,
    ``user_agent``, ``url`` ...)."""
    if primary is None:
        from .active import default

        primary = default()
    if secondary is None:
        if not geocoder:
            raise InputError(
                "secondary: a fallback gazetteer needs a geocoder behind it (a "
                "gazetteer, or the options of a geopy geocoder: service, user_agent ...)"
            )
        secondary = GeopyGeocoder(**geocoder)
    return FallbackGazetteer(primary, secondary, strict=strict)
