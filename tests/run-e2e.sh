#!/usr/bin/env bash
# Runs the end-to-end suites (tests/e2e/*.test.mjs, node's test runner) against the built
# server BUILD/relata. Each suite starts its own servers on temporary databases.
set -u
build=${1:-build/release}
shared=${2:-../shared}
files=$(ls tests/e2e/*.test.mjs 2>/dev/null)
if [ -z "$files" ]; then echo "e2e: no suites"; exit 0; fi
echo "e2e (store: ${RELATA_E2E_STORE:-sqlite})"
RELATA_BIN="$build/relata" RELATA_SHARED="$shared" node --test --test-concurrency=1 $files
