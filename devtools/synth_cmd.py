"""`synth`: write N synthetic cases into a casebook file (load tests, `make bench`, demos).

Generating and checking the cases, building their rows and staging them in scratch files
runs in worker processes, while this process copies each finished batch into the
casebook in one transaction (devtools/bulk.py). 10,000 cases need ~13 s of CPU in all, of
which the writer needs ~3 s; at a load average of ~1 the pipeline took two thirds of the
time of one process (9.6 s against 14.3 s; figures and their load: docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cli.common import CommandError
from devtools.synth import LABEL_PREFIX, MAX_CASES, synthetic_cases

BATCH = 1000
# batches staged ahead of the writer (each a scratch file of ~10 MB)
AHEAD = 4


def add_parser(sub) -> None:
    p = sub.add_parser(
        "synth",
        help="write N synthetic cases (labelled 'Synthetic 00001' ...) into a casebook file",
        description="Write N clinically plausible synthetic cases into the casebook file "
        "given with --db (never your default casebook). The same seed gives the same "
        "cases; a second run appends cases numbered after the first.",
    )
    # strings, checked in run(): a bad value gets one line on stderr, not argparse's usage
    p.add_argument("--cases", metavar="N", help=f"how many cases, 1 to {MAX_CASES:,}")
    p.add_argument("--seed", metavar="S", default="0", help="random seed, a whole number (0)")
    p.add_argument("--db", dest="synth_db", metavar="PATH", type=Path, help="casebook file")
    p.add_argument(
        "--audit",
        action="store_true",
        help="also record each case's creation in the audit trail, field by field, as a "
        "save does (about 10 ms per case; without it synthetic cases are not in the trail)",
    )
    # processes building batches beside the writer; 0 builds them in this process
    p.add_argument("--workers", metavar="W", default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def _whole(text: str | None, name: str, lo: int, hi: int) -> int:


    t = (text or "").strip()
    if not t:
        raise CommandError(f"{name}: give a whole number from {lo:,} to {hi:,}")
    digits = t[1:] if t[:1] in "+-" else t
    if not (digits.isascii() and digits.isdigit()):
        raise CommandError(f"{name}: '{t}' is not a whole number; use {lo:,} to {hi:,}")
    value = int(t)
    if not lo <= value <= hi:
        raise CommandError(f"{name}: {value} is out of range; allowed {lo:,} to {hi:,}")
    return value


def parse_args(args) -> tuple[int, int, Path, int]:
    """(count, seed, path, workers), or CommandError naming the bad argument."""
    count = _whole(args.cases, "--cases", 1, MAX_CASES)
    seed = _whole(args.seed, "--seed", 0, 2**63 - 1)


    path = args.synth_db or args.db
    if path is None:
        raise CommandError("--db: give the casebook file to write the synthetic cases into")
    from storage.db import default_db_path

    if Path(path).expanduser().resolve() == default_db_path().expanduser().resolve():
        raise CommandError(
            f"--db: {path} is your default casebook; write synthetic cases to another file"
        )
    cpus = os.cpu_count() or 1
    workers = _whole(args.workers, "--workers", 0, 64) if args.workers else min(2, cpus)
    return count, seed, Path(path), workers


def run(args) -> int:
    count, seed, path, workers = parse_args(args)
    from storage.db import open_db

    started = time.perf_counter()
    db = open_db(path)
    start = next_number(db)
    with no_gc():
        written = write_synthetic(db, count, seed, start, workers, args.audit)
    total = db.execute("SELECT count(*) FROM cases").fetchone()[0]
    db.close()
    seconds = time.perf_counter() - started
    print(
        f"wrote {written:,} synthetic cases ({LABEL_PREFIX}{start:05d} to "
        f"{LABEL_PREFIX}{start + written - 1:05d}, seed {seed}) to {path} in {seconds:.1f} s; "
        f"the file holds {total:,} cases"
    )
    return 0


def next_number(db) -> int:
    """The number after the highest synthetic case already in the file (1 if none)."""
    n = len(LABEL_PREFIX)
    row = db.execute(
        f"SELECT max(CAST(substr(label, {n + 1}) AS INTEGER)) FROM cases "
        f"WHERE label GLOB '{LABEL_PREFIX}[0-9]*'"
    ).fetchone()
    return (row[0] or 0) + 1


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: a batch makes ~200,000 objects, none in a
    cycle, and the collector's passes over them cost ~15% of the run."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def build_synthetic_batch(seed: int, start: int, count: int, folder: str) -> Path:
    """Stage synthetic cases start .. start + count - 1 in a scratch file in folder
    (runs in a worker process); returns the file."""
    from devtools.bulk import build_batch, stage_batch

    with no_gc():
        batch = build_batch(list(synthetic_cases(count, seed, start)))
        return stage_batch(batch, Path(folder) / f"batch-{start}.sqlite")


def write_synthetic(
    db, count: int, seed: int, start: int = 1, workers: int = 2, audit: bool = False
) -> int:
    """Write count synthetic cases numbered from start; workers=0 builds them in-process."""
    from devtools.bulk import insert_staged

    reason = f"synthetic cohort (main.py synth, seed {seed})"
    spans = [(s, min(BATCH, start + count - s)) for s in range(start, start + count, BATCH)]

    def report(done: int) -> None:
        if sys.stderr.isatty():
            end = "\n" if done == count else ""
            print(f"\r{done:,} / {count:,}", end=end, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="dm-casebook-synth-") as folder:
        if workers <= 0 or len(spans) == 1:
            staged = (build_synthetic_batch(seed, s, n, folder) for s, n in spans)
            return insert_staged(db, staged, report, audit, reason)
        # imported here: main.py reads this module to build its parser, also for the window
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            # batches are written in order; at most AHEAD wait staged at a time
            pending = [
                pool.submit(build_synthetic_batch, seed, s, n, folder) for s, n in spans[:AHEAD]
            ]
            queue = iter(spans[AHEAD:])

            def staged_in_order() -> Iterator[Path]:
                while pending:
                    path = pending.pop(0).result()
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending.append(pool.submit(build_synthetic_batch, seed, *nxt, folder))
                    yield path

            return insert_staged(db, staged_in_order(), report, audit, reason)
