#!/usr/bin/env bash
# `make run`: a fresh demo store (build/demo/psirt.db) with the real vulnerability
# snapshot of data/demo/feeds, the made-up portfolio of data/demo/portfolio.tsv and
# its SBOMs, two users; then matching and the prioritised findings (when the
# matcher is built in) and `psirt serve` in the foreground.
#
# usage: scripts/run-demo.sh PATH/TO/psirt
# environment:
#   DEMO_DIR=DIR      where the store goes (default build/demo; emptied of the old store)
#   DEMO_NO_SERVE=1   stop after loading (tests)
#   DEMO_LISTEN=ADDR  address for psirt serve (default 127.0.0.1:8080)
set -euo pipefail

if [[ $# -ne 1 ]]; then
	echo "usage: $0 PATH/TO/psirt" >&2
	exit 2
fi
psirt=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
demo=$root/data/demo
dir=${DEMO_DIR:-$root/build/demo}
db=$dir/psirt.db
listen=${DEMO_LISTEN:-127.0.0.1:8080}
# Fixed, printed demo passwords: this store is for showing psirt on one's own
# machine (the server listens on loopback), never for real data.
demo_user=demo demo_password=demo-psirt-2026
admin_user=admin admin_password=admin-psirt-2026

p() { "$psirt" --db "$db" "$@"; }
step() { printf '\n== %s\n' "$*"; }

mkdir -p "$dir"
rm -f "$db" "$db-wal" "$db-shm" "$db-journal"

step "store $db"
p init

step "vulnerability snapshot (real records, see data/demo/PROVENANCE.md)"
p feed import nvd "$demo/feeds/nvd/demo-cves.json"
p feed import kev "$demo/feeds/kev/kev-demo.json"
p feed import osv "$demo/feeds/osv/records"
p feed import jvn "$demo/feeds/jvn"
if compgen -G "$demo/feeds/epss/*.csv" >/dev/null; then
	p feed import epss "$demo/feeds/epss"
fi

step "portfolio (data/demo/portfolio.tsv)"
while IFS=$'\t' read -r kind a b c d e f g h i j; do
	case "$kind" in
	'' | '#'*) continue ;;
	product)
		# a=name b=vendor c=safety d=weight e=exposure f=update g=hardware h=cpe i=owner j=regimes
		args=(product add "$a" --vendor "$b" --safety "$c" --weight "$d" --exposure "$e"
			--update "$f" --cpe "$h" --owner "$i")
		IFS=, read -r -a hw <<<"$g"
		for m in "${hw[@]}"; do args+=(--hardware "$m"); done
		IFS=, read -r -a regimes <<<"$j"
		for r in "${regimes[@]}"; do args+=(--regime "$r"); done
		p "${args[@]}"
		;;
	version)
		# a=product b=version c=released d=end of support e=units f=SBOM file
		args=(product version add "$a" "$b" --released "$c" --units "$e")
		[[ $d == - ]] || args+=(--eos "$d")
		p "${args[@]}"
		p sbom import "$a" "$b" "$demo/sbom/$f"
		;;
	*)
		echo "run-demo: portfolio.tsv: unknown line kind '$kind'" >&2
		exit 3
		;;
	esac
done <"$demo/portfolio.tsv"
p product list

step "users"
printf '%s\n' "$admin_password" | p user add "$admin_user" --role admin
printf '%s\n' "$demo_password" | p user add "$demo_user" --role analyst

step "matching"
# The matcher and findings are built on another branch: use them when this
# binary has them, say so plainly when it does not.
# Exit code 1 is psirt's "policy failure" (e.g. findings over a threshold): for
# the demo that is a result to show, not an error.
tolerate_policy() {
	local rc=0
	"$@" || rc=$?
	[[ $rc -le 1 ]] || exit "$rc"
}
if p match --help >/dev/null 2>&1; then
	tolerate_policy p match
	step "prioritised findings"
	tolerate_policy p findings
else
	echo "matching is not available yet in this build (no 'psirt match'): no findings to show"
fi

if [[ ${DEMO_NO_SERVE:-} == 1 ]]; then
	step "loaded; DEMO_NO_SERVE=1, not starting the server"
	exit 0
fi

step "server"
cat <<MSG
Open http://$listen/ in a browser and log in as
  $demo_user / $demo_password    (analyst)
  $admin_user / $admin_password   (admin)
Stop the server with Ctrl-C. The store stays in $db.
MSG
exec "$psirt" --db "$db" serve --listen "$listen" --web "$root/web"
