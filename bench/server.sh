#!/usr/bin/env bash
# Load test of `psirt serve` (issue 7) on the demo data scaled to the
# design's portfolio: bench_serve_data's store (the `make run` demo's five
# product kinds as PRODUCTS products x VERSIONS versions x COMPONENTS
# components, the demo's real vulnerability snapshot, matched and triaged by
# psirt; generated once into BENCH_DIR and kept), served with 2 worker
# threads; wrk (2 threads, 64 connections, 10 s each, with an analyst's
# session cookie) against the dashboard figures, pages of 50 findings
# (default sort; one product's, random among all; one state's; KEV-listed;
# a deep page),
# a product page, a version page, a vulnerability page and the versions it
# reaches, a page of products. Each on a fresh server: prints the time of its
# first (uncached) request, then requests/s and the 99th percentile latency.
# Goals on 2 cores: dashboard >= 5,000 requests/s with p99 <= 20 ms, a
# findings page of 50 >= 1,000 requests/s. wrk runs on the same 2 cores.
# Run by `make bench` with the build dir as $1.
#
# usage: bench/server.sh BUILD_DIR [PRODUCTS [VERSIONS [COMPONENTS]]]
#        (defaults 5000 10 100: the design's products and versions, 100
#        components a version instead of 500, see bench_serve_data.c)
# environment: BENCH_DIR (default build/bench-data), BENCH_SECONDS (10),
#              BENCH_THREADS (server worker threads, 2), BENCH_ONLY (a regular
#              expression: only the measurements whose label matches)
set -uo pipefail
build=${1:?usage: bench/server.sh BUILD_DIR [PRODUCTS [VERSIONS [COMPONENTS]]]}
products=${2:-5000} versions=${3:-10} components=${4:-100}
secs=${BENCH_SECONDS:-10}
psirt=$(realpath "$build/psirt")
if ! command -v wrk >/dev/null; then
	echo "server: wrk is not installed (make setup installs it): skipped"
	exit 0
fi
if ! command -v curl >/dev/null; then
	echo "server: curl is not installed: skipped"
	exit 0
fi
dir=$(mktemp -d /tmp/psirt-bench-server-XXXXXX)
server_pid=
cleanup() {
	[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

# -- the store (generated once, then reused) -----------------------------------
"$build/bench/bench_serve_data" "$products" "$versions" "$components" | tee "$dir/data.out" |
	sed 's/^/server: /' || exit 1
db=$(sed -n 's/^store: //p' "$dir/data.out")
[[ -n $db && -f $db ]] || { echo "server: no store"; exit 1; }
export PSIRT_DB=$db PSIRT_USER=bench

# -- the server ---------------------------------------------------------------
# A fresh server for each measurement: requests still queued from the one
# before (a slow endpoint leaves many) must not weigh on the next.
# tls_args set: over HTTPS with the test certificate of tests/data/tls (EC P-256)
tls_args=()
start_server() {
	"$psirt" serve --listen 127.0.0.1:0 --threads "${BENCH_THREADS:-2}" "${tls_args[@]}" \
		>"$dir/serve.out" 2>"$dir/serve.err" &
	server_pid=$!
	url=
	for _ in $(seq 3000); do # the whole line, not a part of it
		url=$(sed -n 's|^psirt serve: listening on \(https\{0,1\}://[^/]*\)/$|\1|p' "$dir/serve.out")
		[[ -n $url ]] && break
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.05
	done
	[[ -n $url ]] || { echo "server: psirt serve did not start"; cat "$dir/serve.out" "$dir/serve.err"; exit 1; }
	# log in once: the session (in the store) outlives the server; logging
	# in at every start would meet the login rate limit
	[[ -n ${cookie:-} ]] && return
	cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
		--data '{"name":"bench","password":"correct horse battery"}' "$url/api/login" |
		tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
	[[ -n $cookie ]] || { echo "server: login failed"; exit 1; }
}
stop_server() {
	kill "$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
	server_pid=
}

ms() { # wrk latency text (us, ms, s) → milliseconds
	awk -v t="$1" 'BEGIN {
		v = t + 0
		if (t ~ /us$/) v /= 1000; else if (t ~ /ms$/) v += 0; else if (t ~ /s$/) v *= 1000
		printf "%.2f", v
	}'
}
first() { # path → the time of one request in ms, its status
	curl -s --cacert tests/data/tls/ca.pem -o "$dir/first.json" -w '%{time_total} %{http_code}' -H "Cookie: $cookie" "$url$1" |
		awk '{ printf "%.1f ms (HTTP %s)", $1 * 1000, $2 }'
}
# A wrk script drawing one of the store's products per request: KIND-NNNN as
# bench_serve_data names them; %s in the path is the product (URL-encoded).
cat >"$dir/product.lua" <<EOF
local kinds = { "Lumen%20NC-400", "Hearth%20HR-3000", "Vireo%20SM-200", "Voltra%20AC22",
                "Medirex%20IP-7" }
local n = $products
math.randomseed(7)
request = function()
	local i = math.random(0, n - 1)
	local name = kinds[i % 5 + 1] .. string.format("-%04d", math.floor(i / 5))
	return wrk.format(nil, string.format(wrk.path, name))
end
EOF
run() { # label path [lua] → a line with requests/s and p99; goal checked by the caller
	local label=$1 path=$2 lua=${3:-} rps p99 bad one errs
	if [[ -n ${BENCH_ONLY:-} && ! $label =~ $BENCH_ONLY ]]; then
		echo "skip 0 0" >"$dir/last"
		return
	fi
	start_server
	# the first request of a fresh server (nothing cached), then the load
	one=$(first "${path//%s/$product}")
	wrk -t2 -c64 -d"${secs}s" --timeout 30s --latency -H "Cookie: $cookie" ${lua:+-s "$lua"} "$url$path" \
		>"$dir/wrk.out" 2>&1
	stop_server
	rps=$(sed -n 's/^Requests\/sec: *//p' "$dir/wrk.out")
	p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$dir/wrk.out")")
	bad=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$dir/wrk.out")
	errs=$(sed -n 's/^ *Socket errors: *//p' "$dir/wrk.out")
	printf 'server: %-48s %9s requests/s  p99 %8s ms  %s non-2xx  first %s%s\n' "$label" \
		"${rps:-?}" "$p99" "${bad:-0}" "$one" "${errs:+  socket errors: $errs}"
	printf '%s %s %s\n' "${rps:-0}" "$p99" "${bad:-0}" >"$dir/last"
}
verdict() { # min-rps max-p99-ms (0: none) → met / MISSED for the last run
	read -r rps p99 bad <"$dir/last"
	[[ $rps == skip ]] && { echo "not run"; return; }
	awk -v r="$rps" -v l="$p99" -v b="$bad" -v mr="$1" -v ml="$2" \
		'BEGIN { print (r >= mr && (ml == 0 || l <= ml) && b == 0) ? "met" : "MISSED" }'
}

# a version, a vulnerability of the store for the pages
product="Hearth%20HR-3000-$(printf %04d $((products / 10)))"
start_server
version=$(curl -s -H "Cookie: $cookie" "$url/api/products/$product" |
	grep -o '"version":"[^"]*"' | head -1 | cut -d'"' -f4)
# the keyset cursor of the deep page: the 100,000th finding by priority
after=$(curl -s -H "Cookie: $cookie" "$url/api/findings?limit=1&offset=99999" |
	grep -o '"items":\[{"id":[0-9]*' | grep -o '[0-9]*$')
vuln=CVE-2021-44228
# the keyset cursor of a deep page of the versions it reaches: after the
# 2,000th (two pages of 1,000)
vafter=
for _ in 1 2; do
	vafter=$(curl -s -H "Cookie: $cookie" "$url/api/vulns/$vuln/affected?limit=1000${vafter:+&after=$vafter}" |
		grep -o '"next":[0-9]*' | grep -o '[0-9]*$')
done
stop_server

echo "server: wrk -t2 -c64 -d${secs}s --timeout 30s, ${BENCH_THREADS:-2} worker threads, $(nproc) cores shared with wrk;" \
	"load average before: $(cut -d' ' -f1 /proc/loadavg)"
run "GET /api/dashboard" /api/dashboard
dash=$(verdict 5000 20)
run "GET /api/findings?limit=50" '/api/findings?limit=50'
f1=$(verdict 1000 0)
run "GET /api/findings?product=(random)&limit=50" '/api/findings?product=%s&limit=50' \
	"$dir/product.lua"
f2=$(verdict 1000 0)
run "GET /api/findings?state=affected&limit=50" '/api/findings?state=affected&limit=50'
f3=$(verdict 1000 0)
run "GET /api/findings?kev=true&limit=50" '/api/findings?kev=true&limit=50'
f4=$(verdict 1000 0)
run "GET /api/findings?limit=50&offset=100000" '/api/findings?limit=50&offset=100000'
f5=$(verdict 1000 0)
run "GET /api/findings?limit=50&after=(the 100,000th)" "/api/findings?limit=50&after=${after:-1}"
f6=$(verdict 1000 0)
run "GET /api/products/(random)" '/api/products/%s' "$dir/product.lua"
run "GET /api/products/$product/versions/$version" \
	"/api/products/$product/versions/$version?limit=50"
run "GET /api/vulns/$vuln" "/api/vulns/$vuln"
run "GET /api/vulns/$vuln/affected (a page of 100)" "/api/vulns/$vuln/affected"
run "GET /api/vulns/$vuln/affected?after=(the 2,000th)" "/api/vulns/$vuln/affected?after=${vafter:-1}"
run "GET /api/products?limit=50" '/api/products?limit=50'
# the dashboard over HTTPS: wrk keeps its connections, so this is the cost
# of TLS records, not of handshakes (the session lives in the store)
tls_args=(--tls-cert tests/data/tls/server.pem --tls-key tests/data/tls/server.key)
run "GET /api/dashboard over HTTPS" /api/dashboard
tls_args=()
echo "server: goals: dashboard >= 5000 requests/s and p99 <= 20 ms: $dash;" \
	"findings pages of 50 >= 1000 requests/s: default $f1, by product $f2, by state $f3," \
	"KEV $f4, offset 100000 $f5, keyset after the 100,000th $f6"
