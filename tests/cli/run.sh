#!/usr/bin/env bash
# CLI end-to-end tests: runs the psirt binary and compares stdout and the exit
# code with the expectations in tests/cli/*.t (stderr too where given).
#
# Format of a .t file, one or more cases:
#   # comment
#   $ psirt cpe match A B          the command, run by bash with psirt on PATH
#   SUPERSET                        expected stdout lines, exactly
#   ! psirt: error: ...             expected stderr line (only checked if given)
#   ? 3                             expected exit code (default 0)
# A blank line ends a case's expected output. PSIRT_NOW is fixed so that
# date-dependent output is stable; each file runs in a fresh temp folder.
#
# usage: tests/cli/run.sh PATH/TO/psirt
set -uo pipefail
psirt_bin=$(realpath "$1")
root=$(pwd)
passed=0 failed=0
export PSIRT_NOW=2026-01-15T09:00:00Z
export PATH="$(dirname "$psirt_bin"):$PATH"
export PSIRT_TESTS="$root/tests" LC_ALL=C

run_case() {
	local file=$1 lineno=$2 cmd=$3 exp_out=$4 exp_err=$5 exp_rc=$6 have_err=$7
	local out err rc
	out=$(cd "$work" && bash -c "$cmd" 2>"$work/.stderr"); rc=$?
	err=$(cat "$work/.stderr")
	if [[ "$out" == "$exp_out" && "$rc" == "$exp_rc" && ( $have_err == 0 || "$err" == "$exp_err" ) ]]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $file:$lineno: \$ $cmd"
		[[ "$rc" != "$exp_rc" ]] && echo "  exit code $rc, expected $exp_rc"
		if [[ "$out" != "$exp_out" ]]; then
			diff <(printf '%s\n' "$exp_out") <(printf '%s\n' "$out") | sed 's/^/  /' | head -20
		fi
		if [[ $have_err == 1 && "$err" != "$exp_err" ]]; then
			echo "  stderr:"; diff <(printf '%s\n' "$exp_err") <(printf '%s\n' "$err") | sed 's/^/  /' | head -20
		fi
	fi
}

for t in "$root"/tests/cli/*.t; do
	[[ -e $t ]] || continue
	work=$(mktemp -d)
	cmd="" out="" err="" rc=0 have_err=0 start=0 n=0
	flush() {
		if [[ -n $cmd ]]; then run_case "${t#"$root"/}" "$start" "$cmd" "$out" "$err" "$rc" "$have_err"; fi
		cmd="" out="" err="" rc=0 have_err=0
	}
	while IFS= read -r line || [[ -n $line ]]; do
		n=$((n + 1))
		case "$line" in
		'$ '*) flush; cmd=${line#'$ '}; start=$n ;;
		'? '*) rc=${line#'? '} ;;
		'! '*) err+="${err:+$'\n'}${line#'! '}"; have_err=1 ;;
		'#'*) [[ -z $cmd ]] || out+="${out:+$'\n'}$line" ;;
		'') flush ;;
		*) [[ -n $cmd ]] && out+="${out:+$'\n'}$line" ;;
		esac
	done < "$t"
	flush
	rm -rf "$work"
done
echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
