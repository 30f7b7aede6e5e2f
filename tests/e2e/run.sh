#!/usr/bin/env bash
# Browser tests of the web UI: a temp store with a few fixtures, `psirt serve`
# on a free port, then tests/e2e/ui.test.mjs drives Debian's chromium through
# playwright-core. Screenshots go to build/e2e/screenshots/.
#
# usage: tests/e2e/run.sh [PATH/TO/psirt]      (default build/gcc/psirt)
# Prints "e2e: N passed, M failed", or one "e2e: SKIP (reason)" line and exits 0
# when chromium or node is not installed, or npm cannot reach its registry to
# install playwright-core (offline). Needs node >= 18 (Debian 12's nodejs).
# E2E_KEEP=1 keeps the temp folder; E2E_SERVE_ONLY=1 prints the URL and waits.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
psirt_bin=$(realpath "${1:-$root/build/gcc/psirt}")
chromium=${CHROMIUM:-/usr/bin/chromium}
e2e="$root/tests/e2e"

skip() { echo "e2e: SKIP ($*)"; exit 0; }
fail() { echo "$*"; echo "e2e: 0 passed, 1 failed"; exit 1; }
[[ -x $chromium ]] || skip "no chromium at $chromium; 'make setup' installs it"
command -v node >/dev/null || skip "no node; 'make setup' installs Debian's nodejs"
# playwright-core is pinned (package.json) to a release whose engines field
# still allows node 18, the nodejs of Debian 12 (bookworm).
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || node_major=0
[[ $node_major -ge 18 ]] || skip "node $(node --version 2>/dev/null) is older than 18, which playwright-core needs"
# (Re)installs when node_modules is missing or holds another version than the
# lock file pins (a clone that ran an older tests/e2e/package.json).
want=$(node -p 'require(process.argv[1]).packages["node_modules/playwright-core"].version' \
	"$e2e/package-lock.json" 2>/dev/null)
have=$(node -p 'require(process.argv[1]).version' \
	"$e2e/node_modules/playwright-core/package.json" 2>/dev/null)
if [[ -z $have || $have != "$want" ]]; then
	command -v npm >/dev/null || skip "no npm to install playwright-core; 'make setup' installs it"
	npm_log=$(npm ci --prefix "$e2e" --no-audit --no-fund --loglevel=error 2>&1)
	if [[ $? -ne 0 ]]; then
		# No registry (offline, no proxy) is a machine without network: skip.
		# Anything else (a bad lock file, an engines error) is a failure.
		why=$(grep -oiE 'ENOTFOUND|EAI_AGAIN|ECONN[A-Z]*|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|E407|network|proxy' \
			<<<"$npm_log" | head -1)
		[[ -n $why ]] && skip "offline? npm ci --prefix tests/e2e could not reach the registry: $why"
		hint=
		grep -qE 'SELF_SIGNED_CERT|UNABLE_TO_(GET_ISSUER|VERIFY)|CERT_' <<<"$npm_log" &&
			hint=$'\n'"(a TLS-intercepting proxy? give node its CA: NODE_EXTRA_CA_CERTS=FILE or npm config set cafile FILE)"
		fail "npm ci --prefix tests/e2e failed:"$'\n'"$(tail -5 <<<"$npm_log")$hint"
	fi
fi

# the web UI's own npm packages (the trend chart's uPlot); the UI works without
"$root/scripts/setup-web.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/psirt-e2e.XXXXXX")
server_pid=
cleanup() {
	[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	[[ ${E2E_KEEP:-0} == 1 ]] && echo "e2e: kept $work" || rm -rf "$work"
}
trap cleanup EXIT

d="$root/tests/data"
export PSIRT_NOW=2026-01-15T09:00:00Z
setup() {
	cd "$work" &&
	"$psirt_bin" init &&
	"$psirt_bin" feed import nvd "$d/nvd/nvd-cves-iot.json" "$d/nvd/nvd-cves-fixtures.json.gz" &&
	"$psirt_bin" feed import jvn "$d/jvn/rss" "$d/jvn/detail" &&
	"$psirt_bin" feed import osv "$d/osv/records/GHSA-jfh8-c2jp-5v3q.json" &&
	"$psirt_bin" feed import kev "$d/kev/kev-subset.json" &&
	"$psirt_bin" feed import epss "$d/epss/handmade" &&
	PSIRT_USER=alice "$psirt_bin" product add acme-cam --vendor "ACME Cameras" \
		--cpe 'cpe:2.3:o:acme:cam_firmware:*:*:*:*:*:*:*:*' --hardware CAM-100 --regime CRA &&
	"$psirt_bin" sbom import acme-cam 2.4.1 "$d/sbom/camera-fw.cdx.json" &&
	"$psirt_bin" product add acme-router --vendor "ACME Networks" --safety critical &&
	"$psirt_bin" product version add acme-router 1.0 --units 5000 --released 2023-01-10 --eos 2025-12-31 &&
	"$psirt_bin" product add acme-xss --vendor '<img src=x onerror="window.__xss=1">' &&
	PSIRT_USER=alice "$psirt_bin" match &&
	echo 'correct horse battery' | "$psirt_bin" user add alice --role admin
}
setup >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; echo "e2e: 0 passed, 1 failed"; exit 1; }
unset PSIRT_NOW   # sessions need the real clock

cd "$work"
"$psirt_bin" serve --listen 127.0.0.1:0 --web "$root/web" --threads 2 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
url=
for _ in $(seq 100); do
	url=$(sed -nE 's/^psirt serve: listening on (.*)$/\1/p' "$work/serve.out")
	[[ -n $url ]] && break
	kill -0 "$server_pid" 2>/dev/null || break
	sleep 0.1
done
if [[ -z $url ]]; then
	cat "$work/serve.err"; echo "e2e: 0 passed, 1 failed"; exit 1
fi
if [[ ${E2E_SERVE_ONLY:-0} == 1 ]]; then
	echo "e2e: serving $url (alice / correct horse battery); Ctrl-C ends"; wait "$server_pid"; exit 0
fi

shots="$root/build/e2e/screenshots"
mkdir -p "$shots"
cd "$root"
E2E_URL=$url E2E_USER=alice E2E_PASSWORD='correct horse battery' E2E_SHOTS=$shots \
	E2E_CHROMIUM=$chromium E2E_SBOM="$d/portfolio/camera-fw-2.5.0.cdx.json" \
	E2E_SBOM_NEW="$d/sbom/camera-fw.cdx.json" \
	E2E_PROFILE="$work/profile" node "$e2e/ui.test.mjs"
rc=$?
[[ $rc -ne 0 ]] && { echo "server log:"; tail -20 "$work/serve.err"; }
exit $rc
