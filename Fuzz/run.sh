#!/usr/bin/env bash
# Fuzz the package's parsers with libFuzzer, coverage-guided over the whole build.
#   Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 60 seconds, every target)
# Builds Fuzz/ in release with -sanitize=fuzzer,address on every Swift module (the libraries too, so
# libFuzzer sees their edges), then runs each target on a working copy of its seeds in
# Fuzz/.corpus/TARGET (grown corpora stay there, uncommitted). A crash, sanitizer report or broken
# invariant stops the script with status 1 and leaves the input as Fuzz/.findings/TARGET/crash-*.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tokenizer-json tiktoken-file json harmony-conversation harmony-completion encode-o200k encode-qwen3 decode-ids)

swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address >&2
binary="$(swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address --show-bin-path)/TokFuzz"

status=0
for target in "${targets[@]}"; do
  corpus=".corpus/$target" findings=".findings/$target"
  mkdir -p "$corpus" "$findings"
  cp -n "Seeds/$target"/* "$corpus"/ 2>/dev/null || true
  echo "== $target (${seconds}s)" >&2
  log=".findings/$target.log"
  if ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1" "$binary" "$target" -max_total_time="$seconds" \
      -rss_limit_mb=4096 -max_len=65536 -timeout=20 -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" >"$log" 2>&1; then
    :
  else
    status=1
    echo "FINDING in $target: see $log and $findings/" >&2
  fi
  grep -E "^#[0-9]+.*(DONE|pulse|NEW)" "$log" | tail -1 >&2 || true
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" >&2 || true
done
exit $status
