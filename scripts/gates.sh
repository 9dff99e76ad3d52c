#!/usr/bin/env bash
# Quality gates: each eval must stay at or above the floor its issue set.
# usage: scripts/gates.sh DATA_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: scripts/gates.sh DATA_DIR}
go build -o bin/crosscheck ./cmd/crosscheck

# gate TASK DATA 'jq-condition' ; the eval's last stdout line is its metrics.
gate() {
  local task=$1 path=$2 cond=$3 line
  line=$(bin/crosscheck eval "$task" --data "$path" | tail -n 1)
  if echo "$line" | jq -e "$cond" >/dev/null; then
    echo "gate $task: PASS $line"
  else
    echo "gate $task: FAIL ($cond) $line" >&2
    return 1
  fi
}

# Gates are added here as each eval meets its floor.
gate checks "$data/extraction" '.min_recall >= 0.9 and .high_false_flags_per_article <= 0.05'
gate checkworthy "$data/claims/claimbuster-2class" '.f1 >= 0.80'
gate events "$data/events" '.cameo_root_f1 >= 0.60'
gate extract "$data/extraction" '.f1 >= .baseline_f1 and .f1 >= 0.97'
gate ner "$data/ner/conll2003" '.f1 >= 0.86'
gate attribution "$data/attribution/polnear" '.source_f1 >= 0.65 and .cue_f1 >= 0.70 and .content_f1 >= 0.50'
