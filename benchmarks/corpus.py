"""Development texts from ../shared/eval as :class:`~geomap.records.Document` records.

Shared by the throughput benchmark and the regression check. Nothing here is copied into
the repository: the texts are read from ``../shared/eval`` at run time, and every loader
returns ``[]`` when that directory is absent.

* ``lgl``: the 588 LGL news articles (English, ~1.9 KB each);
* ``geowebnews``: the 200 GeoWebNews articles (English);
* ``idrisi``: the IDRISI-D tweets (Arabic, short);
* ``aqmar``: the AQMAR Wikipedia articles, one document per file (Arabic, ~15 KB each);
* ``aqmar_paragraphs``: AQMAR sentences grouped into news-length pseudo-articles (~2 KB).

Every document gets a fixed date so that date resolution runs as it would on news.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from geomap.records import Document

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DATE = dt.date(2017, 3, 7)


def _docs(gold, prefix: str, language: str) -> list[Document]:
    return [
        Document(doc_id=f"{prefix}-{i}", text=g.text, source=f"{prefix}-{i}", date=DATE, language=language)
        for i, g in enumerate(gold)
        if g.text.strip()
    ]


def lgl(limit: int | None = None) -> list[Document]:
    from geomap.evaluation.readers import read_lgl

    path = EVAL / "en" / "lgl.xml"
    return _docs(read_lgl(path, limit=limit), "lgl", "en") if path.is_file() else []


def geowebnews(limit: int | None = None) -> list[Document]:
    from geomap.evaluation.readers import read_geowebnews

    path = EVAL / "en" / "geowebnews.xml"
    return _docs(read_geowebnews(path, limit=limit), "gwn", "en") if path.is_file() else []


def idrisi(limit: int | None = None) -> list[Document]:
    from geomap.evaluation.readers import read_idrisi

    paths = sorted((EVAL / "ar" / "idrisi_lmd").glob("*.jsonl"))
    return _docs(read_idrisi(paths, limit=limit), "idrisi", "ar") if paths else []


def _aqmar_files() -> list[Path]:
    return sorted((EVAL / "ar" / "aqmar").glob("*.txt"))


def aqmar(limit: int | None = None) -> list[Document]:
    """One document per AQMAR article (tokens joined by spaces, sentences by new lines)."""
    from geomap.evaluation.readers import read_conll

    out = []
    for path in _aqmar_files()[:limit]:
        text = "\n".join(s.text for s in read_conll(path))
        out.append(Document(doc_id=f"aqmar-{path.stem}", text=text, source=path.name, date=DATE, language="ar"))
    return out


def aqmar_paragraphs(size: int = 2000, limit: int | None = None) -> list[Document]:
    """AQMAR sentences grouped into pseudo-articles of about ``size`` characters."""
    from geomap.evaluation.readers import read_conll

    out: list[Document] = []
    buf: list[str] = []
    n = 0
    for sent in read_conll(_aqmar_files()):
        buf.append(sent.text)
        n += len(sent.text) + 1
        if n >= size:
            out.append(Document(doc_id=f"aqmar-p{len(out)}", text="\n".join(buf), source="aqmar",
                                date=DATE, language="ar"))
            buf, n = [], 0
            if limit is not None and len(out) >= limit:
                return out
    if buf:
        out.append(Document(doc_id=f"aqmar-p{len(out)}", text="\n".join(buf), source="aqmar",
                            date=DATE, language="ar"))
    return out


def seed() -> list[Document]:
    text = (ROOT / "seeds" / "000_10ecb58a6e64aa15.txt").read_text("utf-8")
    return [Document(doc_id="seed", text=text, source="seed", date=DATE, language="ar")]


CORPORA = {
    "lgl": lgl,
    "geowebnews": geowebnews,
    "idrisi": idrisi,
    "aqmar": aqmar_paragraphs,
}
