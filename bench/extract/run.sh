#!/usr/bin/env bash
# Runs the side-by-side extraction benchmarks, one extractor per process on
# one core, and prints each one's benchmark line and peak resident memory.
# usage: bench/extract/run.sh [BENCHTIME]   (default 3x)
set -euo pipefail
cd "$(dirname "$0")"
benchtime=${1:-3x}
go test -c -o /tmp/bench-extract.test .
for ex in crosscheck go-trafilatura go-readability-v2; do
  GOMAXPROCS=1 /usr/bin/time -f "$ex peak RSS %M KiB" \
    /tmp/bench-extract.test -test.run '^$' -test.bench "^BenchmarkExtract/$ex\$" -test.benchtime "$benchtime" 2>&1 |
    grep -E '^(Benchmark|.* peak RSS)'
done
