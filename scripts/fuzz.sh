#!/usr/bin/env bash
# Fuzzes dateline's input handling with cargo-fuzz (libFuzzer), each target for SECONDS.
#
#   scripts/fuzz.sh SECONDS [TARGET...]     # default: every target in fuzz/fuzz_targets
#
# Targets: decode (text decoding), html (body extraction), jsonl (JSON Lines records), plain
# (crawl header, dateline, headline and boilerplate scanner), analyze (the whole analysis of
# one article, every span checked). Runs on the stable toolchain without a sanitizer (Rust's
# own checks catch what matters here: panics, overflows, out-of-bounds slicing, stack overflow,
# hangs past 10 s per input and memory past 2 GB). New inputs go to fuzz/corpus/TARGET (not
# committed); the seeds are the example articles (examples/) and, for jsonl, fuzz/seeds/jsonl.
# A crash is saved with its log in fuzz/artifacts and fails the script. Prints each target's
# runs, coverage and corpus size.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(decode html jsonl plain containers analyze)
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
cd fuzz
cargo fuzz build -s none -O 2>&1 | tail -1
status=0
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  log=$(mktemp)
  # Seeds: the example articles, and single JSON lines for the jsonl target.
  seeds=(../examples)
  [ -d "seeds/$target" ] && seeds+=("seeds/$target")
  if cargo fuzz run -s none -O "$target" "corpus/$target" "${seeds[@]}" -- \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 >"$log" 2>&1; then
    verdict=ok
  else
    verdict=FAILED
    status=1
    mkdir -p "artifacts/$target"
    cp "$log" "artifacts/$target/run.log"
    # The panic and where it happened; the whole log is kept beside the saved input.
    grep -A3 "panicked at\|ERROR: libFuzzer\|deadly signal" "$log" | head -20 || true
    grep -o "artifacts/$target/[a-z]*-[0-9a-f]*" "$log" | head -1 || true
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
  echo "fuzz $target: $verdict, $runs runs in ${seconds}s, coverage $cov, corpus $(ls "corpus/$target" | wc -l) inputs"
  rm -f "$log"
done
exit $status
