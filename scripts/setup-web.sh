#!/usr/bin/env bash
# Installs the web UI's third-party files (web/package.json: uPlot for the
# dashboard's chart) with `npm ci --prefix web`, when they are missing or not
# the locked version. Without npm, or offline, it says so and succeeds: the
# dashboard then shows the trend as a table.
# usage: scripts/setup-web.sh
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
web=$root/web

# the version the lock pins, and the one installed (if any)
want=$(sed -nE '/"node_modules\/uplot"/,/}/ s/.*"version": "([^"]+)".*/\1/p' "$web/package-lock.json" | head -1)
have=$(sed -nE 's/^  "version": "([^"]+)".*/\1/p' "$web/node_modules/uplot/package.json" 2>/dev/null | head -1)
[[ -n $want && $want == "$have" ]] && exit 0

if ! command -v npm >/dev/null; then
	echo "setup: no npm: the web UI's chart library (uplot $want) is not installed;" \
		"the dashboard shows the trend as a table (install nodejs and npm, then 'make setup')"
	exit 0
fi
echo "setup: npm ci --prefix web (uplot $want)"
if ! npm ci --prefix "$web" --no-audit --no-fund --silent >/dev/null 2>&1; then
	echo "setup: npm ci --prefix web failed (offline?): the dashboard shows the trend as a table"
fi
exit 0
