"""Issue 13's figures: the data export and import of a whole casebook, each as a ratio to
writing or reading the same rows with the csv module alone, in the same run."""

from __future__ import annotations

import csv
import shutil
import statistics
import time
from pathlib import Path

from storage.data_export import export_data
from storage.data_import import import_data
from storage.db import open_db
from storage.export_source import TABLES


def _plain_export(db, folder: Path) -> float:
    """The stored rows of every table written with csv.writer alone."""
    folder.mkdir()
    start = time.perf_counter()
    for table in ("cases", *TABLES):
        order = "id" if table in ("cases", "case_sources", "regimen_cycles") else (
            "case_id, position")
        cur = db.execute(f"SELECT * FROM {table} ORDER BY {order}")
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow([d[0] for d in cur.description])
            w.writerows(cur)
    return time.perf_counter() - start


def _plain_read(folder: Path) -> float:
    """Every CSV file of an export read with csv.reader alone (each row made a list)."""
    start = time.perf_counter()
    for path in folder.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as f:
            for _row in csv.reader(f):
                pass
    return time.perf_counter() - start


def data_io_figures(bench, cohorts: list[tuple[Path, int]]) -> None:
    for path, n in cohorts:

        def run(path=path, n=n) -> None:
            bench.log(f"data export and import: {n:,} cases x {bench.runs}")
            work = bench.work / f"data-io-{n}"
            exports, plain_w, imports, plain_r = [], [], [], []
            db = open_db(path)
            try:
                for i in range(bench.runs):
                    shutil.rmtree(work, ignore_errors=True)
                    work.mkdir(parents=True)
                    plain_w.append(_plain_export(db, work / "plain"))
                    start = time.perf_counter()
                    export_data(db, work / "export", ["csv"], "identified", user="bench")
                    exports.append(time.perf_counter() - start)
                    plain_r.append(_plain_read(work / "export"))
                    target = open_db(work / f"import-{i}.sqlite", seed=False)
                    try:
                        start = time.perf_counter()
                        report = import_data(target, work / "export", user="bench")
                        imports.append(time.perf_counter() - start)
                    finally:
                        target.close()
                    if report.problems or len(report.new) != n:
                        raise RuntimeError(f"import: {report.summary()}")
            finally:
                db.close()
            bench.figure(
                "data_export", n, exports, plain_w,
                "`export --format csv --profile identified` (storage.data_export.export_data, "
                "in process: every table, the one-row-per-case file, codebook, README) "
                "divided by csv.writer writing every stored row of the same tables.",
                **{"export s": statistics.median(exports),
                   "csv module s": statistics.median(plain_w)})
            bench.figure(
                "data_import", n, imports, plain_r,
                "`import` of that export into an empty casebook (every cell typed and every "
                "case checked, then every case saved with its audit entries in one "
                "transaction) divided by csv.reader reading the same files.",
                **{"import s": statistics.median(imports),
                   "csv module s": statistics.median(plain_r)})

        bench.attempt(["data_export", "data_import"], n, run)
