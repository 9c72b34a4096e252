"""Coordinates written in a text ("33°30′21″N 36°16′11″E", "33.5057°N 36.2696°E").

Military and humanitarian reporting, and encyclopaedic text quoted in the news, give a
place's position outright. Such a pair names a point no gazetteer has to be asked about:
it comes back as a mention whose place is the point itself (feature class ``S``, code
``COORD``, no country: the text says none). Only pairs that carry their hemispheres (N/S,
E/W) are read: two bare numbers are no position.
"""

from __future__ import annotations

import re
import zlib

from ..records import Mention, Place, Resolved
from ..text.normalize import fold

#: one coordinate: degrees with a decimal part, or degrees, minutes and seconds (the
#: marks written as news and encyclopaedias write them, or as letters); spaces anywhere
#: between the parts, as token files write them ("33 ° 30 ′ 21 ″ N")
_MIN = r"[′'’]"
_SEC = r"(?:[″\"”]|′′|'')"
_ONE = (
    rf"(\d{{1,3}}(?:\s*\.\s*\d+)?)\s*°"
    rf"(?:\s*(\d{{1,2}}(?:\s*\.\s*\d+)?)\s*{_MIN})?"
    rf"(?:\s*(\d{{1,2}}(?:\s*\.\s*\d+)?)\s*{_SEC})?"
    r"\s*([NSEW])\b"
)
_PAIR = re.compile(rf"{_ONE}[\s,;/]*{_ONE}")


def _value(deg: str, minutes: str | None, seconds: str | None, hemi: str) -> float:
    def num(s: str | None) -> float:
        return float(re.sub(r"\s+", "", s)) if s else 0.0

    v = num(deg) + num(minutes) / 60 + num(seconds) / 3600
    return -v if hemi in "SW" else v


def coordinate_mentions(text: str, language: str = "en") -> list[Resolved]:
    """The coordinate pairs of ``text``, each a mention resolved to its point.

    >>> [(r.mention.surface, r.place.lat, r.place.lon)
    ...  for r in coordinate_mentions("The dam (33°47′N 44°30′E) was hit.")]
    [('33°47′N 44°30′E', 33.7833, 44.5)]
    """
    out = []
    for m in _PAIR.finditer(text):
        first = _value(*m.group(1, 2, 3, 4))
        second = _value(*m.group(5, 6, 7, 8))
        h1, h2 = m.group(4), m.group(8)
        if h1 in "NS" and h2 in "EW":
            lat, lon = first, second
        elif h1 in "EW" and h2 in "NS":
            lat, lon = second, first
        else:
            continue  # two latitudes, or two longitudes: no position
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        lat, lon = round(lat, 4), round(lon, 4)
        surface = m.group()
        # an id of its own, negative as derived points' are, the same for the same point
        gid = -(zlib.crc32(f"{lat:.4f},{lon:.4f}".encode()) or 1)
        place = Place(gid, surface, lat, lon, feature_class="S", feature_code="COORD",
                      source="coordinates")
        out.append(Resolved(Mention(m.start(), m.end(), surface, fold(surface), language),
                            place, 1.0, 1))
    return out


def with_coordinates(text: str, resolved: list[Resolved], language: str = "en") -> list[Resolved]:
    """``resolved`` plus the :func:`coordinate_mentions` of ``text`` that overlap none of
    its mentions, in text order."""
    if "°" not in text:
        return resolved  # most texts give no position
    spans = [(r.mention.start, r.mention.end) for r in resolved]
    extra = [
        r for r in coordinate_mentions(text, language)
        if not any(s < r.mention.end and r.mention.start < e for s, e in spans)
    ]
    if not extra:
        return resolved
    return sorted([*resolved, *extra], key=lambda r: r.mention.start)
