#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 30) each, one after another, seeded with the
# repository's own content files; prints the executions per target. A crash fails the run and
# leaves its input in fuzz/artifacts/<target>/ (turn it into a regression test in tests/).
# Usage: bash fuzz/run.sh [SECONDS]   (needs nightly and cargo-fuzz; FUZZ_TARGETS="a b" picks targets)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
repo=$(cd .. && pwd)

seed() { # seed TARGET FILES...
  local dir=corpus/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do cp -f "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
}
mapfile -t md < <(cd "$repo" && find tests/fixtures content -name '*.md' 2>/dev/null | sort | sed "s|^|$repo/|")
mapfile -t yml < <(cd "$repo" && find tests/fixtures content -name '*.yaml' 2>/dev/null | sort | sed "s|^|$repo/|")
mapfile -t csv < <(cd "$repo" && find tests/fixtures content -name '*.csv' 2>/dev/null | sort | sed "s|^|$repo/|")
seed front_matter "${md[@]}" "${yml[@]}"
seed procedure "${md[@]}"
seed markdown "${md[@]}"
seed search_query "${md[@]}"
seed statistics_csv "${csv[@]}"
seed statistics_per_procedure "${csv[@]}"

cargo +nightly fuzz build -O
for target in ${FUZZ_TARGETS:-$(cargo +nightly fuzz list)}; do
  log=$(mktemp)
  if ! cargo +nightly fuzz run -O "$target" -- -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 >"$log" 2>&1; then
    tail -60 "$log"
    echo "fuzz $target: FAILED (input kept in fuzz/artifacts/$target/)"
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  [[ -z $execs ]] && execs=$(grep -Eo '#[0-9]+' "$log" | tail -1 | tr -d '#')
  echo "fuzz $target: ${execs} executions in ${seconds} s, no crash"
  rm -f "$log"
done
