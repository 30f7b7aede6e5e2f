#!/usr/bin/env bash
# Runs every benchmark program of a build, from the repository root.
# usage: bench.sh BUILD_DIR
set -uo pipefail
build=$1
status=0
for b in "$build"/bench/bench_*; do
	[[ -x $b ]] || continue
	echo "== $(basename "$b")"
	"$b" || status=1
done
for s in bench/*.sh; do
	[[ -x $s ]] || continue
	echo "== $(basename "$s")"
	"$s" "$build" || status=1
done
exit $status
