#!/usr/bin/env bash
# The test suite under the sanitizers, as routine:
#   Scripts/sanitize.sh [address|thread|all]     (default: all)
# address: the whole suite under AddressSanitizer with leak checking (its own build folder,
#          .build-asan); thread: the tests that share a tokenizer or pipeline across threads, under
#          ThreadSanitizer (.build-tsan). The tok binary the CLI tests run is built with the same
#          sanitizer, so its reports fail those tests too. Exit status 1 when anything is reported.
#          Scripts/lsan.supp names the two leaks outside the package the checker reports falsely.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-all}"
status=0

if [ "$mode" = address ] || [ "$mode" = all ]; then
  echo "== AddressSanitizer + leaks: the whole suite" >&2
  started=$(date +%s)
  if ! ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1" LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan.supp:print_suppressions=0" \
      swift test --sanitize=address --scratch-path .build-asan 2>&1 | tee .build-asan.log | tail -3; then status=1; fi
  grep -q "ERROR: AddressSanitizer\|ERROR: LeakSanitizer" .build-asan.log && status=1
  echo "address: $(( $(date +%s) - started )) s" >&2
fi

if [ "$mode" = thread ] || [ "$mode" = all ]; then
  echo "== ThreadSanitizer: concurrent use, batches, threads, streams" >&2
  started=$(date +%s)
  filter='ConcurrentUse|[Bb]atch|[Tt]hread|CorpusPipeline|[Ss]tream'
  if ! TSAN_OPTIONS="halt_on_error=1" \
      swift test --sanitize=thread --scratch-path .build-tsan --filter "$filter" 2>&1 | tee .build-tsan.log | tail -3; then status=1; fi
  grep -q "WARNING: ThreadSanitizer" .build-tsan.log && status=1
  echo "thread: $(( $(date +%s) - started )) s" >&2
fi
exit $status
