"""Tiny GeoNames dump files written in the exact published formats, for the import tests.

Ids below 10,000,000 and coordinates of real places follow GeoNames; the village
("Umm Jlud", أم جلود, near Manbij) has a made-up id (99100001) and rounded coordinates,
as does everything marked "fixture".
"""

from __future__ import annotations

import zipfile
from pathlib import Path

VILLAGE_ID = 99100001
STREAM_ID = 99100002
HISTORIC_ID = 99100003
ROAD_ID = 99100004
ALEPPO_CITY = 170063
MANBIJ = 167357


def geoname(
    gid,
    name,
    lat,
    lon,
    fclass,
    fcode,
    cc="SY",
    admin1="09",
    admin2="",
    pop=0,
    asciiname=None,
    alternates=(),
):
    """One row of allCountries/XX.txt: 19 tab-separated columns."""
    cols = [
        str(gid),
        name,
        asciiname if asciiname is not None else name,
        ",".join(alternates),
        f"{lat:.5f}",
        f"{lon:.5f}",
        fclass,
        fcode,
        cc,
        "",
        admin1,
        admin2,
        "",
        "",
        str(pop),
        "",
        "350",
        "Asia/Damascus",
        "2023-01-01",
    ]
    assert len(cols) == 19
    return "\t".join(cols)


def alternate(alt_id, gid, lang, name, historic=False):
    """One row of alternateNamesV2.txt: 10 tab-separated columns."""
    cols = [str(alt_id), str(gid), lang, name, "", "", "", "1" if historic else "", "", ""]
    return "\t".join(cols)


SY_ROWS = [
    geoname(
        ALEPPO_CITY,
        "Aleppo",
        36.20124,
        37.16117,
        "P",
        "PPLA",
        pop=1602264,
        alternates=["Halab", "حلب"],
    ),
    geoname(
        MANBIJ,
        "Manbij",
        36.52815,
        37.95495,
        "P",
        "PPLA2",
        pop=99497,
        admin2="SY0904",
        alternates=["منبج", "Membidj"],
    ),
    geoname(VILLAGE_ID, "Umm Jlud", 36.6125, 38.0114, "P", "PPL", admin2="SY0904"),
    geoname(STREAM_ID, "Nahr as Sajur", 36.6900, 37.9800, "H", "STM", alternates=["Sajur"]),
    geoname(HISTORIC_ID, "Fixtureopolis", 36.1, 37.1, "P", "PPLH"),
    geoname(ROAD_ID, "Fixture Road", 36.1, 37.2, "R", "RD"),
]

ALT_ROWS = [
    alternate(1, VILLAGE_ID, "ar", "أم جلود"),
    alternate(2, VILLAGE_ID, "en", "Umm Jallud"),
    alternate(3, VILLAGE_ID, "link", "https://en.wikipedia.org/wiki/Umm_Jlud"),
    alternate(4, VILLAGE_ID, "fr", "Oum Djeloud"),
    alternate(5, VILLAGE_ID, "", "Umm Julud Fixture Historic", historic=True),
    alternate(6, 424242424, "en", "Nowhere Fixture"),  # a place not in the index: dropped
]

ADMIN1 = ["SY.09\tAleppo\tAleppo\t170062", "SY.04\tAr-Raqqah\tAr-Raqqah\t172957"]
ADMIN2 = ["SY.09.SY0904\tManbij District\tManbij District\t99100010"]

COUNTRY_INFO = """\
# GeoNames.org Country Information
# ================================
#
# ISO	ISO3	ISO-Numeric	fips	Country	Capital	Area(in sq km)	Population	Continent	tld	CurrencyCode	CurrencyName	Phone	Postal Code Format	Postal Code Regex	Languages	geonameid	neighbours	EquivalentFipsCode
SY	SYR	760	SY	Syria	Damascus	185180	17070135	AS	.sy	SYP	Pound	963			ar-SY,ku,hy,arc,fr,en	163843	IQ,JO,IL,TR,LB
"""


def write_zip(path: Path, member: str, lines: list[str], readme: bool = True) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, "\n".join(lines) + "\n")
        if readme:
            zf.writestr("readme.txt", "fixture readme, not a table\n")
    return path


def write_dump(directory: Path) -> list[Path]:
    """SY.zip, alternateNamesV2.zip, admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt."""
    directory.mkdir(parents=True, exist_ok=True)
    sy = write_zip(directory / "SY.zip", "SY.txt", SY_ROWS)
    alt = write_zip(directory / "alternateNamesV2.zip", "alternateNamesV2.txt", ALT_ROWS)
    with zipfile.ZipFile(alt, "a") as zf:
        zf.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
    a1 = directory / "admin1CodesASCII.txt"
    a1.write_text("\n".join(ADMIN1) + "\n", "utf-8")
    a2 = directory / "admin2Codes.txt"
    a2.write_text("\n".join(ADMIN2) + "\n", "utf-8")
    ci = directory / "countryInfo.txt"
    ci.write_text(COUNTRY_INFO, "utf-8")
    return [sy, alt, a1, a2, ci]
