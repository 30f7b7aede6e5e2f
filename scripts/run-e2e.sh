#!/usr/bin/env bash
# Runs the browser tests (tests/e2e/run.sh) for `make test` and appends
# "e2e passed failed" to build/results.txt for the final summary. When
# chromium, node or playwright-core is missing, run.sh prints one
# "e2e: SKIP (...)" line and nothing is counted.
# usage: run-e2e.sh PATH/TO/psirt
set -uo pipefail
mkdir -p build
out=$(tests/e2e/run.sh "$1" 2>&1); rc=$?
echo "$out" | grep -vE '^ok   ' | sed 's/^/  /' | grep -v '^  e2e: ' || true
echo "$out" | grep -E '^e2e: '
p=$(echo "$out" | sed -nE 's/^e2e: ([0-9]+) passed, ([0-9]+) failed$/\1/p' | tail -1)
f=$(echo "$out" | sed -nE 's/^e2e: ([0-9]+) passed, ([0-9]+) failed$/\2/p' | tail -1)
if echo "$out" | grep -q '^e2e: SKIP'; then exit 0; fi
p=${p:-0}; f=${f:-0}
[[ $rc -ne 0 && $f -eq 0 ]] && f=1
echo "e2e $p $f" >> build/results.txt
[[ $f -eq 0 ]]
