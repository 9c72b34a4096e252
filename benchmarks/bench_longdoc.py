"""One long document: seconds and peak memory for 1, 5 and 20 MB, time per MB flat.

A document is made at each size from real news text -- the development articles of
``../shared/eval`` (English: LGL and GeoWebNews; Arabic: AQMAR paragraphs) joined by
blank lines and repeated as needed -- or, with ``--synthetic`` or without the corpora,
from a pool of conflict-news sentences written for this benchmark (every sentence an
event: the densest text there is). It is run through the whole job (:func:`geomap.pipeline.run`:
extraction, deduplication, the events frame) in a fresh process, whose peak RSS is read
from the operating system. ``--baseline MB`` also runs documents of those sizes with the
windows switched off (the whole text at once, as before), side by side::

    python benchmarks/bench_longdoc.py [--mb 1 5 20] [--language en|ar] [--baseline 0.25 0.5]
        [--synthetic]

The figures depend on the machine's load: the last column runs the same text as separate
articles (the normal batch), the speed a long document should match.

Seconds are CPU seconds of the process (wall-clock time on a loaded machine says little).
Target (#16): at most 2 s per MB at every size, at most 600 MB peak at 20 MB. Prints a
Markdown table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

SENTENCES = {
    "en": [
        ("Syrian army air strikes near the town of Saraqeb in Idlib province killed 12 civilians "
        "on Monday, a monitoring group said."),
        "Islamic State fighters attacked Kurdish YPG positions in Hasakah on Sunday.",
        "Turkish troops deployed to Manbij, while Russian forces withdrew from Tal Rifaat.",
        "Rebels shelled government-held districts of Aleppo, wounding five people.",
        "Protesters gathered in central Damascus to demand the release of detainees.",
        "The United Nations said aid convoys reached Douma for the first time in months.",
        "A car bomb exploded at a checkpoint in Azaz, killing three fighters.",
        "Officials met in Geneva to discuss a ceasefire.",
    ],
    "ar": [
        "قصفت طائرات حربية مدينة حلب صباح اليوم وقتل خمسة مدنيين.",
        "اشتبكت قوات النظام مع فصائل المعارضة في ريف إدلب الجنوبي يوم الاثنين.",
        "سيطر تنظيم داعش على قرية قرب دير الزور بعد معارك عنيفة.",
        "انسحبت القوات الروسية من تل رفعت بينما انتشرت القوات التركية في منبج.",
        "انفجرت سيارة مفخخة عند حاجز في أعزاز ما أدى إلى مقتل ثلاثة مقاتلين.",
        "تظاهر مئات في وسط دمشق للمطالبة بالإفراج عن المعتقلين.",
        "قالت الأمم المتحدة إن قوافل المساعدات وصلت إلى دوما.",
    ],
}


def document(mb: float, language: str, synthetic: bool = False, seed: int = 1) -> str:
    articles = [] if synthetic else _articles(language)
    if articles:
        text, size, out = "", 0, []
        while size < mb * 1e6:
            for a in articles:
                out.append(a)
                size += len(a.encode()) + 2
                if size >= mb * 1e6:
                    break
        text = "\n\n".join(out)
        return text
    rnd = random.Random(seed)
    pool = SENTENCES[language]
    paragraphs, size = [], 0
    while size < mb * 1e6:
        p = " ".join(rnd.choice(pool) for _ in range(rnd.randint(2, 6)))
        paragraphs.append(p)
        size += len(p.encode()) + 2
    return "\n\n".join(paragraphs)


def _articles(language: str) -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus

    docs = corpus.lgl() + corpus.geowebnews() if language == "en" else corpus.aqmar_paragraphs()
    return [d.text for d in docs]


CHILD = """
import json, resource, sys, time, datetime as dt
from geomap.pipeline import run
from geomap.records import Document
from geomap.text import windows
mb, language, windowed = float(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
synthetic = sys.argv[5] == "1"
sys.path.insert(0, sys.argv[4])
from bench_longdoc import document
if not windowed:
    import geomap.events.extract as extract
    extract.WINDOW_CHARS = 1 << 62
text = document(mb, language, synthetic)
run([Document(doc_id="warm", text="Shelling hit Idlib.", language=language)])  # load once
doc = Document(doc_id="long", text=text, source="long", date=dt.date(2017, 3, 7), language=language)
start = time.process_time()
result = run([doc])
frame = result.frame()
seconds = time.process_time() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
# the same text as separate articles (cut at the blank lines), the normal batch
parts = [Document(doc_id=f"a{i}", text=p, source=f"a{i}", date=doc.date, language=language)
         for i, p in enumerate(text.split("\\n\\n")) if p.strip()]
start = time.process_time()
run(parts).frame()
articles = time.process_time() - start
print(json.dumps({"mb": len(text.encode()) / 1e6, "seconds": seconds, "events": len(frame),
                  "rss": rss, "articles": articles}))
"""


def measure(
    mb: float, language: str, windowed: bool, synthetic: bool, timeout: float
) -> dict | None:
    here = str(Path(__file__).resolve().parent)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(mb), language, "1" if windowed else "0", here,
             "1" if synthetic else "0"],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        sys.exit(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[1, 5, 20])
    ap.add_argument("--language", choices=sorted(SENTENCES), default="en")
    ap.add_argument("--baseline", type=float, nargs="*", default=[],
                    help="Also run these sizes without windows (slow: keep them small).")
    ap.add_argument("--timeout", type=float, default=1800, help="Seconds before giving up a run.")
    ap.add_argument("--synthetic", action="store_true", help="Generated sentences, no corpora.")
    args = ap.parse_args()
    print(f"Language {args.language}; one document per run, in a fresh process.\n")
    print("| windows | document MB | seconds | s/MB | events | peak RSS MB | as articles s/MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    runs = [(mb, False) for mb in args.baseline] + [(mb, True) for mb in args.mb]
    for mb, windowed in runs:
        got = measure(mb, args.language, windowed, args.synthetic, args.timeout)
        label = "on" if windowed else "off (before)"
        if got is None:
            print(f"| {label} | {mb:.2f} | > {args.timeout:.0f} | - | - | - | - |", flush=True)
            continue
        print(
            f"| {label} | {got['mb']:.2f} | {got['seconds']:.1f} | "
            f"{got['seconds'] / got['mb']:.2f} | {got['events']:,} | {got['rss']:.0f} | "
            f"{got['articles'] / got['mb']:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
