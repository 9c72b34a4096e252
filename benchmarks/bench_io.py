"""Input reading and export speed, with baselines measured in the same process.

Run: ``python benchmarks/bench_io.py [N]`` (N synthetic events/rows, default 20000).
Prints seconds and ratios; asserts nothing.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geomap.export import read_events, write_events
from geomap.inputs import iter_documents
from geomap.schema import conform

ARABIC = "قصفت طائرات حربية مدينة حلب صباح اليوم وقتل خمسة مدنيين في ريف المدينة الشرقي."


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def synthetic_events(n: int) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(0)
    return conform(
        pd.DataFrame(
            {
                "event_id": [f"ev{i}" for i in range(n)],
                "event_date": "2016-04-28",
                "time_precision": 1,
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actors": [["A", "B"]] * n,
                "latitude": rng.uniform(32, 37, n),
                "longitude": rng.uniform(35, 42, n),
                "geo_precision": 1,
                "language": "ar",
                "source": [f"news/{i}.txt" for i in range(n)],
                "sentence": ARABIC,
                "doc_id": [f"d{i}" for i in range(n)],
            }
        )
    )


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        jsonl = tmp / "rows.jsonl"
        jsonl.write_text(
            "".join(json.dumps({"text": ARABIC, "date": "2016-04-28"}) + "\n" for _ in range(n)),
            encoding="utf-8",
        )
        base, _ = timed(lambda: [json.loads(line) for line in jsonl.open(encoding="utf-8")])
        ours, _ = timed(lambda: list(iter_documents([jsonl])))
        print(
            f"JSONL {n} rows: iter_documents {ours:.2f}s, json.loads baseline {base:.2f}s, "
            f"ratio {ours / base:.1f}x ({n / ours:,.0f} docs/s)"
        )

        frame = synthetic_events(n)
        for suffix in (".geojson", ".gpkg", ".parquet", ".csv"):
            path = tmp / f"events{suffix}"
            w, _ = timed(lambda p=path: write_events(frame, p))
            r, _ = timed(lambda p=path: read_events(p))
            print(
                f"{suffix:9} {n} events: write {w:.2f}s, read {r:.2f}s, "
                f"{path.stat().st_size / 1e6:.1f} MB"
            )
        gdal = tmp / "gdal.geojson"
        b, _ = timed(
            lambda: frame.assign(
                actors=frame["actors"].map(json.dumps), sources=frame["sources"].map(json.dumps)
            ).to_file(gdal, driver="GeoJSON")
        )
        w, _ = timed(lambda: write_events(frame, tmp / "again.geojson"))
        print(
            f"GeoJSON write: geomap {w:.2f}s vs GDAL to_file baseline {b:.2f}s, ratio {w / b:.1f}x"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
