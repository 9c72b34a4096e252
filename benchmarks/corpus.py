"""Development texts from ../shared/eval as :class:`~geomap.records.Document` records.

Shared by the throughput benchmark and the regression check. Nothing here is copied into
the repository: the texts are read from ``../shared/eval`` at run time, and every loader
returns ``[]`` when that directory is absent.

* ``lgl``: the 588 LGL news articles (English, ~1.9 KB each);
* ``geowebnews``: the 200 GeoWebNews articles (English);
* ``idrisi``: the IDRISI-D tweets (Arabic, short);
* ``aqmar``: the AQMAR Wikipedia articles, one document per file (Arabic, ~15 KB each);
* ``aqmar_paragraphs``: AQMAR sentences grouped into news-length pseudo-articles (~2 KB).

Conflict news, where (nearly) every document reports an event, so that every document
takes the pipeline's full path (``conflict``; each loader takes ``half="tune"`` or
``"check"``, two disjoint halves, so that a speed-up can be checked on text it was not
measured on):

* ``hrdsattack``: HRDsAttack news articles (attacks on human-rights defenders, worldwide;
  English, ~3 KB), text from the article HTML, the title first; tune = train, check = dev;
* ``ucdp_headlines``: the source headlines of UCDP GED's Syria events, one news office's
  headlines in date order grouped into ~2 KB documents; tune = 2016-2017, check = 2018-2019;
* ``event_location_grouped``: the event_location news sentences (wire services, much about
  Syria and Iraq) grouped by source into ~2 KB documents; the two halves alternate.

Every document gets a fixed date so that date resolution runs as it would on news (the
conflict corpora keep their own dates where they have them).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

from geomap.records import Document

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DATE = dt.date(2017, 3, 7)


def _docs(gold, prefix: str, language: str) -> list[Document]:
    return [
        Document(
            doc_id=f"{prefix}-{i}",
            text=g.text,
            source=f"{prefix}-{i}",
            date=DATE,
            language=language,
        )
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
        out.append(
            Document(
                doc_id=f"aqmar-{path.stem}", text=text, source=path.name, date=DATE, language="ar"
            )
        )
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
            out.append(
                Document(
                    doc_id=f"aqmar-p{len(out)}",
                    text="\n".join(buf),
                    source="aqmar",
                    date=DATE,
                    language="ar",
                )
            )
            buf, n = [], 0
            if limit is not None and len(out) >= limit:
                return out
    if buf:
        out.append(
            Document(
                doc_id=f"aqmar-p{len(out)}",
                text="\n".join(buf),
                source="aqmar",
                date=DATE,
                language="ar",
            )
        )
    return out


def seed() -> list[Document]:
    text = (ROOT / "seeds" / "000_10ecb58a6e64aa15.txt").read_text("utf-8")
    return [Document(doc_id="seed", text=text, source="seed", date=DATE, language="ar")]


def _grouped(items, size: int, make) -> list[Document]:
    """Consecutive ``(text, date)`` items joined into documents of about ``size`` characters."""
    out: list[Document] = []
    buf: list[str] = []
    n = 0
    date = None
    for text, date in items:
        buf.append(text)
        n += len(text) + 1
        if n >= size:
            out.append(make(len(out), "\n".join(buf), date))
            buf, n = [], 0
    if buf:
        out.append(make(len(out), "\n".join(buf), date))
    return out


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def hrdsattack(half: str = "tune", limit: int | None = None) -> list[Document]:
    """HRDsAttack articles as documents: title, then the article's text (from its HTML)."""
    from geomap.inputs.readers import html_to_text

    path = EVAL / "events" / "hrdsattack" / ("train.json" if half == "tune" else "dev.json")
    if not path.is_file():
        return []
    out = []
    for i, item in enumerate(json.loads(path.read_text("utf-8"))[:limit]):
        s = item["sample"]
        title = (s.get("Input.title") or "").strip()
        body = html_to_text(s.get("Input.article_interface") or "")
        text = f"{title}\n\n{body}" if title else body
        if text.strip():
            out.append(
                Document(
                    doc_id=f"hrds-{half}-{i}",
                    text=text,
                    source=f"hrds-{half}-{i}",
                    title=title,
                    date=_date(s.get("Input.publish_date") or "") or DATE,
                    language="en",
                )
            )
    return out


def ucdp_headlines(
    half: str = "tune", size: int = 2000, limit: int | None = None
) -> list[Document]:
    """UCDP GED source headlines, per news office in date order, grouped into ~2 KB documents."""
    path = EVAL / "events" / "ucdp_ged_syria_2016_2019.csv"
    if not path.is_file():
        return []
    years = ("2016", "2017") if half == "tune" else ("2018", "2019")
    by_office: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            head = (row.get("source_headline") or "").strip()
            day = row.get("date_start") or ""
            if not head or not day.startswith(years) or head in seen:
                continue
            seen.add(head)  # one headline often codes several events
            by_office[row.get("source_office") or "?"].append((day, head))
    items = [(head, day) for office in sorted(by_office) for day, head in sorted(by_office[office])]
    docs = _grouped(
        items,
        size,
        lambda i, text, day: Document(
            doc_id=f"ucdp-{half}-{i}",
            text=text,
            source=f"ucdp-{half}-{i}",
            date=_date(day) or DATE,
            language="en",
        ),
    )
    return docs[:limit]


def event_location_grouped(
    half: str = "tune", size: int = 2000, limit: int | None = None
) -> list[Document]:
    """event_location sentences grouped by source into ~2 KB documents; the halves alternate."""
    path = EVAL / "en" / "event_location_dev.jsonl"
    if not path.is_file():
        return []
    by_source: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            by_source[rec.get("source") or "?"].append(rec["text"])
    items = [(text, None) for src in sorted(by_source) for text in by_source[src]]
    docs = _grouped(
        items,
        size,
        lambda i, text, _: Document(
            doc_id=f"evloc-{i}", text=text, source=f"evloc-{i}", date=DATE, language="en"
        ),
    )
    keep = 0 if half == "tune" else 1
    return [d for i, d in enumerate(docs) if i % 2 == keep][:limit]


def conflict(half: str = "tune", limit: int | None = None) -> list[Document]:
    """The conflict-news corpus: HRDsAttack articles, UCDP headlines (at most 300 documents, so
    that no source dominates), event_location sentences; about 800 documents per half."""
    ucdp = min(limit or UCDP_DOCS, UCDP_DOCS)
    return (
        hrdsattack(half, limit)
        + ucdp_headlines(half, limit=ucdp)
        + event_location_grouped(half, limit=limit)
    )


#: UCDP headline documents in :func:`conflict` (the source has 900).
UCDP_DOCS = 300


def write_jsonl(docs: list[Document], path: Path) -> Path:
    """The documents as JSON Lines (``text``, ``title``, ``date``, ``language``, ``id``), as
    ``geomap extract FILE.jsonl`` reads them."""
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(
                json.dumps(
                    {
                        "id": d.doc_id,
                        "title": d.title,
                        "date": d.date.isoformat() if d.date else None,
                        "language": d.language,
                        "text": d.text,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return path


CORPORA = {
    "lgl": lgl,
    "geowebnews": geowebnews,
    "idrisi": idrisi,
    "aqmar": aqmar_paragraphs,
}
