#!/usr/bin/env bash
# Runs the side-by-side NER benchmarks, one system per process on one core,
# and prints each one's benchmark line and peak resident memory.
# usage: bench/ner/run.sh [BENCHTIME]   (default 5x)
set -euo pipefail
cd "$(dirname "$0")"
benchtime=${1:-5x}
go test -c -o /tmp/bench-ner.test .
for sys in crosscheck prose-v2 crosscheck-entity; do
  GOMAXPROCS=1 /usr/bin/time -f "$sys peak RSS %M KiB" \
    /tmp/bench-ner.test -test.run '^$' -test.bench "^BenchmarkNER/$sys\$" -test.benchtime "$benchtime" 2>&1 |
    grep -E '^(Benchmark|.* peak RSS)'
done
