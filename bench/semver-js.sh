#!/usr/bin/env bash
# Compares psirt's semver scheme with npm's semver@7 on the pairs that
# bench_version_lang wrote to bench/data/semver-pairs.txt: node's ns per
# semver.compare, the speed ratio, and every disagreement (count + first 20).
# usage: semver-js.sh BUILD_DIR    (run by `make bench` from the repository root)
# Skips (exit 0) when node or npm is missing or the install cannot be done.
set -uo pipefail
build=${1:-build/bench-opt}
pairs=bench/data/semver-pairs.txt
cns=bench/data/semver-c-ns.txt
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "semver-js: node/npm not found, skipped"
	exit 0
fi
if [[ ! -s $pairs ]]; then
	if [[ -x $build/bench/bench_version_lang ]]; then
		"$build/bench/bench_version_lang" >/dev/null || exit 1
	else
		echo "semver-js: $pairs missing and $build/bench/bench_version_lang not built"
		exit 1
	fi
fi
# bench/semver/ holds its own package.json + lock (bench/package.json may
# belong to another benchmark); node_modules is not committed.
if [[ ! -f bench/semver/node_modules/semver/package.json ]]; then
	if ! npm install --prefix bench/semver --no-audit --no-fund semver@7 >/dev/null 2>&1; then
		echo "semver-js: npm install of semver@7 failed (offline?), skipped"
		exit 0
	fi
fi
node bench/semver/compare.js "$pairs" "$(cat "$cns" 2>/dev/null || echo 0)"
