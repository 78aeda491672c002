#!/usr/bin/env bash
# Every test of the project, in order: unit binaries, end-to-end suites, the public
# conformance suite, the project's own conformance cases (tests/conformance). Prints one
# summary line per stage and fails if any stage failed.
set -u
build=${1:-build/release}
shared=${2:-../shared}
status=0
tests/run-unit.sh "$build" || status=1
tests/run-e2e.sh "$build" "$shared" || status=1
if [ -f "$shared/conformance/run.mjs" ]; then
    node "$shared/conformance/run.mjs" --jobs 2 --bin "$build/relata" "$shared/conformance/cases" \
        > "$build/conformance.log" 2>&1
    rc=$?
    grep -E '^FAIL' "$build/conformance.log" | head -n 40
    echo "conformance: $(tail -n 1 "$build/conformance.log")"
    [ $rc -eq 0 ] || status=1
else
    echo "conformance: suite not found at $shared/conformance"; status=1
fi
# The project's own cases (tests/conformance), run by the same public runner.
if [ -f "$shared/conformance/run.mjs" ] && [ -d tests/conformance ]; then
    node "$shared/conformance/run.mjs" --jobs 2 --bin "$build/relata" tests/conformance \
        > "$build/conformance-own.log" 2>&1
    rc=$?
    grep -E '^FAIL' "$build/conformance-own.log" | head -n 40
    echo "conformance (own): $(tail -n 1 "$build/conformance-own.log")"
    [ $rc -eq 0 ] || status=1
fi
[ $status -eq 0 ] && echo "all tests passed" || echo "SOME TESTS FAILED"
exit $status
