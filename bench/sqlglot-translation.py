#!/usr/bin/env python3
"""sqlglot's cost per statement translating the corpus to DuckDB, the baseline of bench/translation.sh.

Reads `source<TAB>sql` lines (CorpusExport) on stdin. Like the JMH benchmark it cycles through the
corpus one statement at a time, after warm-up passes, and prints the median, p90 and mean of all
samples in microseconds, as `sqlglot p50=... p90=... mean=... failed=N`.
"""
import statistics
import sys
import time

import sqlglot

READ = {"mysql": "mysql", "postgres": "postgres", "trino": "trino"}
WARMUP_PASSES = 3
MEASURED_PASSES = 30


def unescape(sql):
    return sql.replace("\\n", "\n").replace("\\\\", "\\")


def translate(source, sql):
    try:
        sqlglot.transpile(sql, read=READ[source], write="duckdb")
        return True
    except Exception:  # counted like QueryFlux's bestEffort: the time is spent either way
        return False


def main():
    cases = []
    for line in sys.stdin:
        if line.strip():
            source, sql = line.rstrip("\n").split("\t", 1)
            cases.append((source, unescape(sql)))
    for _ in range(WARMUP_PASSES):
        for source, sql in cases:
            translate(source, sql)
    samples = []
    failed = sum(not translate(source, sql) for source, sql in cases)
    for _ in range(MEASURED_PASSES):
        for source, sql in cases:
            start = time.perf_counter_ns()
            translate(source, sql)
            samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    p90 = samples[int(len(samples) * 0.9)]
    print(f"sqlglot {sqlglot.__version__}: {len(cases)} statements, p50={statistics.median(samples):.1f} "
          f"p90={p90:.1f} mean={statistics.fmean(samples):.1f} us, failed={failed}")


if __name__ == "__main__":
    main()
