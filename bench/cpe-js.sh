#!/usr/bin/env bash
# Compares psirt's CPE parsing speed with npm's @thefaultvault/tfv-cpe-parser
# on the names bench_cpe wrote. Run by `make bench` with the build dir as $1,
# after BUILD/bench/bench_cpe. Skipped (exit 0) when node is not installed.
# usage: bench/cpe-js.sh BUILD_DIR
set -uo pipefail
build=${1:?usage: bench/cpe-js.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "cpe-js: node or npm not installed, comparison skipped"
	exit 0
fi
for f in cpes.txt cpes.psirt-ns.txt; do
	if [[ ! -f $build/$f ]]; then
		echo "cpe-js: $build/$f missing: run $build/bench/bench_cpe first" >&2
		exit 1
	fi
done
if [[ ! -f $here/cpe/node_modules/@thefaultvault/tfv-cpe-parser/package.json ]]; then
	# the version is pinned by bench/cpe/package.json and package-lock.json
	npm ci --prefix "$here/cpe" --no-audit --no-fund --loglevel=error >/dev/null || {
		echo "cpe-js: npm ci of tfv-cpe-parser failed" >&2
		exit 1
	}
fi
exec node "$here/cpe/bench.mjs" "$build/cpes.txt" "$build/cpes.psirt-ns.txt"
