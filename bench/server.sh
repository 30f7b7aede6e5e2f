#!/usr/bin/env bash
# Load test of `psirt serve` (issue 7): a store with demo-scale data — 300
# products, two firmware versions each with a 40-component SBOM (24,000
# components), the NVD, KEV and EPSS fixtures — served with 2 worker
# threads; wrk (2 threads, 64 connections, 10 s, with a session cookie)
# against the dashboard and a page of 50 products. Prints requests/s and
# the 99th percentile latency; then the dashboard again over HTTPS (the test
# certificate of tests/data/tls, EC P-256; wrk keeps its connections, so
# this is the cost of TLS records, not of handshakes). Goal on 2 cores: dashboard >= 5,000
# requests/s with p99 <= 20 ms. wrk runs on the same 2 cores as the server.
# Run by `make bench` with the build dir as $1.
# usage: bench/server.sh BUILD_DIR [PRODUCTS]
set -uo pipefail
build=${1:?usage: bench/server.sh BUILD_DIR [PRODUCTS]}
products=${2:-300}
psirt=$(realpath "$build/psirt")
if ! command -v wrk >/dev/null; then
	echo "server: wrk is not installed (make setup installs it): skipped"
	exit 0
fi
dir=$(mktemp -d /tmp/psirt-bench-server-XXXXXX)
server_pid=
cleanup() {
	[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
export PSIRT_DB=$dir/psirt.db PSIRT_USER=bench

# -- the store ----------------------------------------------------------------
start=$(date +%s%N)
"$psirt" init >/dev/null || exit 1
"$psirt" feed import nvd tests/data/nvd/nvd-cves-fixtures.json.gz >/dev/null || exit 1
"$psirt" feed import kev tests/data/kev/kev-subset.json >/dev/null || exit 1
"$psirt" feed import epss tests/data/epss/epss_scores-sample.csv >/dev/null || exit 1
sbom() { # product index, version index → a CycloneDX 1.6 document
	awk -v p="$1" -v v="$2" 'BEGIN {
		split("openssl busybox dropbear zlib libcurl lighttpd dnsmasq uclibc musl mbedtls", n, " ")
		printf "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
		for (i = 1; i <= 40; i++) {
			name = n[(i + p) % 10 + 1] "-" i
			printf "%s{\"type\":\"library\",\"name\":\"%s\",\"version\":\"%d.%d.%d\",\"purl\":\"pkg:generic/%s@%d.%d.%d\"}", \
				(i > 1 ? "," : ""), name, v, p % 7, i, name, v, p % 7, i
		}
		print "]}"
	}'
}
safety=(negligible marginal critical catastrophic)
exposure=(internet local-network adjacent physical)
for ((p = 0; p < products; p++)); do
	name=$(printf 'product-%04d' "$p")
	"$psirt" product add "$name" --vendor "Vendor $((p % 17))" --safety "${safety[p % 4]}" \
		--exposure "${exposure[p % 4]}" --owner "team-$((p % 9))" >/dev/null || exit 1
	for v in 1 2; do
		sbom "$p" "$v" >"$dir/sbom.json"
		"$psirt" sbom import "$name" "$v.0" "$dir/sbom.json" >/dev/null 2>&1 || exit 1
	done
done
echo "correct horse battery" | "$psirt" user add bench --role analyst >/dev/null || exit 1
echo "server: store of $products products, $((products * 2)) versions, $((products * 80)) components" \
	"made in $(( ($(date +%s%N) - start) / 1000000 )) ms"

# -- the server ---------------------------------------------------------------
"$psirt" serve --listen 127.0.0.1:0 --threads 2 >"$dir/serve.out" 2>"$dir/serve.err" &
server_pid=$!
for _ in $(seq 100); do
	grep -q 'listening on' "$dir/serve.out" 2>/dev/null && break
	sleep 0.05
done
url=$(sed -n 's/^psirt serve: listening on //p' "$dir/serve.out")
port=${url##*:}; port=${port%/}
[[ -n $url ]] || { echo "server: psirt serve did not start"; cat "$dir/serve.err"; exit 1; }

# log in over a plain socket (bash /dev/tcp): the session cookie
body='{"name":"bench","password":"correct horse battery"}'
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
	"${#body}" "$body" >&3
cookie=$(tr -d '\r' <&3 | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
exec 3<&-
[[ -n $cookie ]] || { echo "server: login failed"; exit 1; }

run() { # name path → "requests/s p99"
	wrk -t2 -c64 -d10s --latency -H "Cookie: $cookie" "${url%/}$2" >"$dir/wrk.$1" 2>&1
	rps=$(sed -n 's/^Requests\/sec: *//p' "$dir/wrk.$1")
	p99=$(awk '$1 == "99%" { print $2 }' "$dir/wrk.$1")
	non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$dir/wrk.$1")
	echo "$rps $p99 ${non2xx:-0}"
}
ms() { # wrk latency text (us, ms, s) → milliseconds
	awk -v t="$1" 'BEGIN {
		v = t + 0
		if (t ~ /us$/) v /= 1000; else if (t ~ /ms$/) v += 0; else if (t ~ /s$/) v *= 1000
		printf "%.2f", v
	}'
}
read -r d_rps d_p99 d_bad < <(run dashboard /api/dashboard)
read -r p_rps p_p99 p_bad < <(run products '/api/products?limit=50')
d_ms=$(ms "$d_p99")
p_ms=$(ms "$p_p99")
verdict=$(awk -v r="$d_rps" -v l="$d_ms" -v b="$d_bad" \
	'BEGIN { print (r >= 5000 && l <= 20 && b == 0) ? "met" : "MISSED" }')
echo "server: GET /api/dashboard: ${d_rps} requests/s, p99 ${d_ms} ms, ${d_bad} non-2xx;" \
	"goal >= 5000 requests/s and p99 <= 20 ms: $verdict"
echo "server: GET /api/products?limit=50: ${p_rps} requests/s, p99 ${p_ms} ms, ${p_bad} non-2xx"

# -- the same server over HTTPS (the session lives in the store: same cookie) -
kill "$server_pid" && wait "$server_pid" 2>/dev/null
"$psirt" serve --listen 127.0.0.1:0 --threads 2 --tls-cert tests/data/tls/server.pem \
	--tls-key tests/data/tls/server.key >"$dir/tls.out" 2>"$dir/tls.err" &
server_pid=$!
for _ in $(seq 100); do
	grep -q 'listening on' "$dir/tls.out" 2>/dev/null && break
	sleep 0.05
done
url=$(sed -n 's/^psirt serve: listening on //p' "$dir/tls.out")
if [[ $url == https://* ]]; then
	read -r t_rps t_p99 t_bad < <(run tls /api/dashboard)
	echo "server: GET /api/dashboard over HTTPS: ${t_rps} requests/s, p99 $(ms "$t_p99") ms," \
		"${t_bad} non-2xx"
else
	echo "server: HTTPS: psirt serve did not start: $(head -1 "$dir/tls.err")"
fi
echo "server: (wrk -t2 -c64 -d10s on the same machine as the server, 2 worker threads;" \
	"$(nproc) cores)"
