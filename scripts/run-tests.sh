#!/usr/bin/env bash
# Runs the unit test programs and the CLI tests of one build variant.
# usage: run-tests.sh BUILD_DIR TEST_BINARY...
# Prints each program's result and appends "BUILD passed failed" to
# build/results.txt for the final summary. Exits non-zero on any failure.
set -uo pipefail
build=$1; shift
passed=0 failed=0 broken=()
log_dir="$build/test-logs"
mkdir -p "$log_dir"

for t in "$@"; do
	name=${t#"$build"/tests/}
	log="$log_dir/${name//\//_}.log"
	"$t" >"$log" 2>&1
	rc=$?
	# cmocka closes with "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)..."
	p=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$log" | grep -oE '[0-9]+' | head -1)
	f=$(grep -E '^\[  FAILED  \] [0-9]+ test' "$log" | grep -oE '[0-9]+' | head -1)
	p=${p:-0}; f=${f:-0}
	if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; fi   # crashed or exited early
	passed=$((passed + p)); failed=$((failed + f))
	# The suites' own counters ("suite-name: N cases ...") are worth seeing.
	grep -E '^(suite|cases)\b|: [0-9]+ cases' "$log" | sed "s|^|  $name: |"
	if [[ $f -ne 0 ]]; then
		broken+=("$name")
		echo "FAIL $name ($log)"; tail -30 "$log"
	else
		echo "ok   $name ($p tests)"
	fi
done

cli_passed=0 cli_failed=0
if [[ -x tests/cli/run.sh ]]; then
	out=$(tests/cli/run.sh "$build/psirt" 2>&1); rc=$?
	echo "$out" | tail -n 40
	cli_passed=$(echo "$out" | sed -nE 's/^cli: ([0-9]+) passed, ([0-9]+) failed$/\1/p' | tail -1)
	cli_failed=$(echo "$out" | sed -nE 's/^cli: ([0-9]+) passed, ([0-9]+) failed$/\2/p' | tail -1)
	cli_passed=${cli_passed:-0}; cli_failed=${cli_failed:-0}
	if [[ $rc -ne 0 && $cli_failed -eq 0 ]]; then cli_failed=1; fi
	[[ $cli_failed -ne 0 ]] && broken+=("cli")
fi
passed=$((passed + cli_passed)); failed=$((failed + cli_failed))

mkdir -p build
echo "$build $passed $failed" >> build/results.txt
echo "$build: $passed passed, $failed failed"
[[ ${#broken[@]} -eq 0 ]]
