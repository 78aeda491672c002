#!/usr/bin/env bash
# Runs every unit-test binary under BUILD/tests/unit, one process each, and sums up.
set -u
build=${1:-build/release}
pass=0; fail=0; bad=()
while IFS= read -r bin; do
    out=$("$bin" 2>&1); rc=$?
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n1)
    p=$(echo "$line" | awk '{print $1}'); f=$(echo "$line" | awk '{print $3}')
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
    if [ $rc -ne 0 ] || [ -z "$line" ]; then
        [ -z "$line" ] && fail=$((fail + 1))
        bad+=("$bin"); printf '%s\n' "$out" | tail -n 30
        echo "FAIL $bin (exit $rc)"
    else
        echo "ok   $bin ($p)"
    fi
done < <(find "$build/tests/unit" -type f -name '*_test' 2>/dev/null | sort)
echo "unit: $pass passed, $fail failed"
[ ${#bad[@]} -eq 0 ]
