"""`make bench` (python -m devtools.bench): how fast DM Casebook is at 17 and at 10,000 cases.

Each figure is measured at least five times (median, min, max) beside its target, and
the table is printed and written to docs/benchmarks.md with the machine it ran on.
`python -m devtools.bench --quick --cases 50 --out build/bench/quick.md` runs the same harness on
a tiny cohort in seconds (tests/test_bench_smoke.py).
"""
