#!/usr/bin/env bash
# Compares psirt's CVSS scoring with an npm library on the vectors that
# bench_cvss wrote to bench/data/: node's ns/vector, the speed ratio, and
# every score disagreement (count and the first 20). Needs node and npm;
# skipped (exit 0) without them. Node scores all 1,000,000 v3.1 vectors but
# only 20,000 of the v4.0 ones (ae-cvss-calculator takes milliseconds per
# v4.0 vector); CVSS_JS_LIMIT=N caps both at N, CVSS_JS_LIMIT=all scores all.
# usage: bench/cvss-js.sh BUILD_DIR     (run by `make bench`, from the root)
set -uo pipefail
build=${1:?usage: bench/cvss-js.sh BUILD_DIR}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	echo "cvss-js: node or npm not found, skipped"
	exit 0
fi
if [[ ! -s bench/data/cvss31.scores || ! -s bench/data/cvss40.scores ]]; then
	echo "cvss-js: run $build/bench/bench_cvss first (it writes bench/data/)" >&2
	exit 1
fi
if [[ ! -d bench/cvss/node_modules/ae-cvss-calculator ]]; then
	# the committed lock file pins the version
	npm ci --prefix bench/cvss --no-audit --no-fund --loglevel=error || exit 1
fi
exec node bench/cvss/bench.js ${CVSS_JS_LIMIT:-}
