#!/usr/bin/env bash
# Runs crosscheck's whole test suite on a fresh machine: installs what the
# tests need when it is missing, then runs the unit, integration, browser and
# fuzz tests, and the seed checks.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v jq >/dev/null || need+=(jq)
command -v chromium >/dev/null || need+=(chromium)
# The PostgreSQL store tests start a throwaway cluster from these binaries.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

go vet ./...
go test -race -count=1 ./...

# Each fuzzer runs briefly on top of its committed seed corpus. The budget is
# an execution count, not a duration: a duration races Go's fuzz coordinator
# at the deadline and fails with "context deadline exceeded" and no crasher
# (go.dev/issue/75804, fixed only in Go 1.27).
fuzztime=${FUZZTIME:-20000x}
while read -r pkg fuzz; do
  go test "$pkg" -run '^$' -fuzz "^${fuzz}\$" -fuzztime "$fuzztime"
done < <(grep -rl --include='*_test.go' '^func Fuzz' . | while read -r f; do
  pkg="./$(dirname "${f#./}")"
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //' | sed "s|^|$pkg |"
done)

# What a good analysis of the seed article shows, when the shared data is here.
seedcheck=../shared/checks/seed.sh
if [ -x "$seedcheck" ] || [ -f "$seedcheck" ]; then
  go build -o bin/crosscheck ./cmd/crosscheck
  bash "$seedcheck" bin/crosscheck
fi
