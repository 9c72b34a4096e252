"""A loopback HTTP server speaking Nominatim's ``/search`` JSON protocol (and the GeoNames web
service's ``/searchJSON``), for offline tests.

It knows a handful of places (coordinates rounded from OpenStreetMap; ids made up), records
every request (path, query, User-Agent) and can be told to fail with an HTTP status.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _result(osm_id, name, lat, lon, cls, typ, addresstype, country_code, state, rank=16):
    return {
        "place_id": osm_id + 1000,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
        "osm_type": "node",
        "osm_id": osm_id,
        "lat": f"{lat:.7f}",
        "lon": f"{lon:.7f}",
        "class": cls,
        "type": typ,
        "place_rank": rank,
        "importance": 0.3,
        "addresstype": addresstype,
        "name": name,
        "display_name": f"{name}, {state}, Syria",
        "address": {
            addresstype: name,
            "state": state,
            "country": "Syria",
            "country_code": country_code,
        },
        "boundingbox": [
            f"{lat - 0.01:.7f}",
            f"{lat + 0.01:.7f}",
            f"{lon - 0.01:.7f}",
            f"{lon + 0.01:.7f}",
        ],
    }


PLACES = {
    "aleppo": [
        _result(
            1001, "Aleppo", 36.2021, 37.1343, "place", "city", "city", "sy", "Aleppo Governorate"
        )
    ],
    "umm jlud": [
        _result(
            1002,
            "Umm Jlud",
            36.6125,
            38.0114,
            "place",
            "village",
            "village",
            "sy",
            "Aleppo Governorate",
            rank=19,
        )
    ],
    "أم جلود": [
        _result(
            1002,
            "Umm Jlud",
            36.6125,
            38.0114,
            "place",
            "village",
            "village",
            "sy",
            "Aleppo Governorate",
            rank=19,
        )
    ],
    "tal shaeer": [
        _result(
            1003,
            "Tal Shaeer",
            36.70,
            38.10,
            "place",
            "hamlet",
            "hamlet",
            "sy",
            "Aleppo Governorate",
            rank=20,
        )
    ],
    "تل شعير": [
        _result(
            1003,
            "Tal Shaeer",
            36.70,
            38.10,
            "place",
            "hamlet",
            "hamlet",
            "sy",
            "Aleppo Governorate",
            rank=20,
        )
    ],
}


GEONAMES_WS = {
    "umm jlud": [
        {
            "geonameId": 99100001,
            "name": "Umm Jlud",
            "lat": "36.6125",
            "lng": "38.0114",
            "countryCode": "SY",
            "countryName": "Syria",
            "adminName1": "Aleppo",
            "fcl": "P",
            "fcode": "PPL",
            "population": 0,
        }
    ],
}


class NominatimServer:
    """``with NominatimServer() as srv: srv.url`` -- a Nominatim look-alike on 127.0.0.1."""

    def __init__(self, places: dict | None = None):
        self.places = PLACES if places is None else places
        self.requests: list[dict] = []
        self.fail_with: int | None = None
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # http.server's naming
                parts = urllib.parse.urlsplit(self.path)
                params = dict(urllib.parse.parse_qsl(parts.query))
                outer.requests.append(
                    {
                        "path": parts.path,
                        "params": params,
                        "user_agent": self.headers.get("User-Agent", ""),
                    }
                )
                if outer.fail_with:
                    self.send_error(outer.fail_with)
                    return
                if parts.path == "/searchJSON":  # the GeoNames web service
                    q = " ".join(params.get("q", "").lower().split())
                    self._json(
                        {"geonames": GEONAMES_WS.get(q, [])}
                        if params.get("username")
                        else {"status": {"message": "username required", "value": 10}}
                    )
                    return
                if parts.path != "/search" or params.get("format") != "json":
                    self.send_error(404)
                    return
                q = " ".join(params.get("q", "").lower().split())
                found = outer.places.get(q, [])[: int(params.get("limit", "10"))]
                if params.get("addressdetails") != "1":
                    found = [{k: v for k, v in r.items() if k != "address"} for r in found]
                self._json(found)

            def _json(self, data):
                body = json.dumps(data, ensure_ascii=False).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def searches(self) -> list[str]:
        return [r["params"].get("q", "") for r in self.requests if r["path"] == "/search"]

    def __enter__(self) -> NominatimServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def closed_port() -> int:
    """A port nothing listens on (connection refused, as when offline)."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
