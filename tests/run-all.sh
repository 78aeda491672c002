#!/usr/bin/env bash
# Every test of the project, in order: unit binaries, end-to-end suites, the public
# conformance suite and the project's own conformance cases (tests/conformance) - on
# SQLite, then the end-to-end and both conformance suites again on PostgreSQL. Prints one
# summary line per stage and fails if any stage failed.
#
# PostgreSQL: RELATA_TEST_PG=postgres://... uses that server; otherwise a throw-away
# server is started with tests/pg-server.sh (initdb in a temporary directory) and
# stopped at the end. RELATA_PG=off skips the PostgreSQL stages (reported as skipped).
set -u
build=${1:-build/release}
shared=${2:-../shared}
status=0

conformance() { # conformance LABEL CASES [runner options...]
    local label=$1 cases=$2 log="$build/conformance-$1.log"
    shift 2
    if [ ! -f "$shared/conformance/run.mjs" ]; then
        echo "conformance ($label): suite not found at $shared/conformance"
        status=1
        return
    fi
    [ -e "$cases" ] || return 0
    node "$shared/conformance/run.mjs" --jobs 2 --bin "$build/relata" "$@" "$cases" > "$log" 2>&1
    local rc=$?
    grep -E '^FAIL' "$log" | head -n 40
    echo "conformance ($label): $(tail -n 1 "$log")"
    [ $rc -eq 0 ] || status=1
}

tests/run-unit.sh "$build" || status=1
tests/run-e2e.sh "$build" "$shared" || status=1
conformance sqlite "$shared/conformance/cases"
conformance own-sqlite tests/conformance

if [ "${RELATA_PG:-on}" = off ]; then
    echo "postgres: skipped (RELATA_PG=off)"
else
    pg_url=${RELATA_TEST_PG:-}
    pg_state=
    if [ -z "$pg_url" ]; then
        pg_state=$(mktemp -d /tmp/relata-pg.XXXXXX)
        rmdir "$pg_state"
        port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
        if ! pg_url=$(PG_TEST_STATE=$pg_state tests/pg-server.sh start "$port"); then
            echo "postgres: cannot start a test server (tests/pg-server.sh; RELATA_PG=off skips)"
            status=1
            pg_url=
        fi
    fi
    if [ -n "$pg_url" ]; then
        # unit tests that have a PostgreSQL part (they skip it without RELATA_TEST_PG)
        for t in "$build"/tests/unit/store/stmt_test; do
            out=$(RELATA_TEST_PG=$pg_url "$t" 2>&1) || { echo "$out" | tail -n 20; status=1; }
            echo "unit (postgres) $(basename "$t"): $(echo "$out" | tail -n 1)"
        done
        RELATA_TEST_PG=$pg_url RELATA_E2E_STORE=postgres tests/run-e2e.sh "$build" "$shared" || status=1
        RELATA_TEST_PG=$pg_url conformance postgres "$shared/conformance/cases" --db postgres
        RELATA_TEST_PG=$pg_url conformance own-postgres tests/conformance --db postgres
    fi
    [ -n "$pg_state" ] && PG_TEST_STATE=$pg_state tests/pg-server.sh stop
fi
[ $status -eq 0 ] && echo "all tests passed" || echo "SOME TESTS FAILED"
exit $status
