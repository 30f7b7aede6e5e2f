#!/usr/bin/env bash
# Compares psirt's purl canonicalisation with npm's packageurl-js on the
# inputs bench_purl wrote: speed (ns/op and the ratio) and every
# disagreement. Run by `make bench` with the build dir as $1, after
# BUILD/bench/bench_purl. Skipped (exit 0) when node is not installed.
# usage: bench/purl-js.sh BUILD_DIR
set -uo pipefail
build=${1:?usage: bench/purl-js.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "purl-js: node or npm not installed, comparison skipped"
	exit 0
fi
for f in purls.txt purls.psirt.txt purls.psirt-ns.txt; do
	if [[ ! -f $build/$f ]]; then
		echo "purl-js: $build/$f missing: run $build/bench/bench_purl first" >&2
		exit 1
	fi
done
if [[ ! -f $here/node_modules/packageurl-js/package.json ]]; then
	# the version is pinned by bench/package.json and package-lock.json
	npm install --prefix "$here" --no-audit --no-fund packageurl-js@2 >/dev/null || {
		echo "purl-js: npm install of packageurl-js failed" >&2
		exit 1
	}
fi
exec node "$here/purl.mjs" "$build/purls.txt" "$build/purls.psirt.txt" "$build/purls.psirt-ns.txt"
