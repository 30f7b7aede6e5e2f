#!/usr/bin/env bash
# `make run`: a fresh demo store (build/demo/psirt.db) with the real vulnerability
# snapshot of data/demo/feeds, the made-up portfolio of data/demo/portfolio.tsv and
# its SBOMs, two users; then matching and the prioritised findings (when the
# matcher is built in) and `psirt serve` in the foreground.
#
# The store is given nine weeks of history, so that the dashboard's chart of
# open findings over time has a curve: each step runs with PSIRT_NOW set to its
# day (counted back from today, or from PSIRT_NOW's day when that is set): the
# older releases' SBOMs arrive and are matched first, the newer ones weeks
# later, and on later days the demo analyst closes some findings (not_affected,
# fixed, false_positive). The same steps and counts on every run.
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

# The history's days: $1 days before today (09:00 UTC), as PSIRT_NOW takes it.
today=${PSIRT_NOW:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
today=${today:0:10}
day() { date -u -d "$today -$1 days" +%Y-%m-%dT09:00:00Z; }
at() { # at DAYS-AGO: the following commands' clock
	export PSIRT_NOW
	PSIRT_NOW=$(day "$1")
}
final_now=${PSIRT_NOW:-}

# When each version's SBOM arrived (days ago): older releases first.
declare -A arrived=(
	["Lumen NC-400@2.1.4"]=63 ["Hearth HR-3000@1.4.2"]=63
	["Voltra AC22@1.8.3"]=56 ["Vireo SM-200@3.2.1"]=56
	["Medirex IP-7@4.0.2"]=49
	["Lumen NC-400@2.3.0"]=35 ["Hearth HR-3000@1.6.0"]=35
	["Vireo SM-200@3.4.0"]=21 ["Voltra AC22@2.0.1"]=21
)
stages=(63 56 49 42 35 28 21 14 7 3)

at 63
step "store $db ($(day 63), nine weeks ago)"
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
versions=()
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
		[[ -n ${arrived["$a@$b"]:-} ]] || {
			echo "run-demo: no arrival day for $a $b in run-demo.sh" >&2
			exit 3
		}
		versions+=("$a"$'\t'"$b"$'\t'"$c"$'\t'"$d"$'\t'"$e"$'\t'"$f")
		;;
	*)
		echo "run-demo: portfolio.tsv: unknown line kind '$kind'" >&2
		exit 3
		;;
	esac
done <"$demo/portfolio.tsv"

# The matcher and findings are built on another branch: use them when this
# binary has them, say so plainly when it does not.
# Exit code 1 is psirt's "policy failure" (e.g. findings over a threshold): for
# the demo that is a result to show, not an error.
tolerate_policy() {
	local rc=0
	"$@" || rc=$?
	[[ $rc -le 1 ]] || exit "$rc"
}
have_match=0
p match --help >/dev/null 2>&1 && have_match=1

# analyse DAYS-AGO PRODUCT VERSION COUNT STATE [JUSTIFICATION] COMMENT: the demo
# analyst sets the first COUNT open findings of the version (by id) to STATE.
analyse() {
	local product=$2 version=$3 count=$4 state=$5 just=$6 comment=$7 id
	((have_match)) || return 0
	local ids
	ids=$(p --json findings --product "$product" --version "$version" --state in_triage |
		jq -r '.[].id' | sort -n | head -n "$count")
	for id in $ids; do
		if [[ -n $just ]]; then
			PSIRT_USER=$demo_user p finding set "$id" "$state" --justification "$just" --comment "$comment" >/dev/null
		else
			PSIRT_USER=$demo_user p finding set "$id" "$state" --comment "$comment" >/dev/null
		fi
	done
	echo "$demo_user: $(wc -w <<<"$ids") findings of $product $version set $state"
}

for ago in "${stages[@]}"; do
	at "$ago"
	step "$PSIRT_NOW ($ago days ago)"
	imported=0
	for v in "${versions[@]}"; do
		IFS=$'\t' read -r a b c d e f <<<"$v"
		[[ ${arrived["$a@$b"]} == "$ago" ]] || continue
		args=(product version add "$a" "$b" --released "$c" --units "$e")
		[[ $d == - ]] || args+=(--eos "$d")
		p "${args[@]}"
		p sbom import "$a" "$b" "$demo/sbom/$f"
		imported=1
	done
	if ((imported && have_match)); then
		tolerate_policy p match
	fi
	case $ago in
	42) analyse 42 'Hearth HR-3000' 1.4.2 8 not_affected vulnerable_code_not_in_execute_path \
		'demo: the affected service is not built into this firmware' ;;
	28) analyse 28 'Lumen NC-400' 2.1.4 5 fixed '' 'demo: fixed by the 2.1.5 hotfix' ;;
	14) analyse 14 'Medirex IP-7' 4.0.2 6 not_affected vulnerable_code_cannot_be_controlled_by_adversary \
		'demo: reachable only from the service port' ;;
	7) analyse 7 'Voltra AC22' 1.8.3 5 fixed '' 'demo: fixed by the 1.8.4 field update' ;;
	3) analyse 3 'Hearth HR-3000' 1.4.2 4 false_positive '' 'demo: the vendor backported the fix' ;;
	esac
done

# today: the users, the products, a last (empty) match
if [[ -n $final_now ]]; then PSIRT_NOW=$final_now; else unset PSIRT_NOW; fi
p product list

step "users"
printf '%s\n' "$admin_password" | p user add "$admin_user" --role admin
printf '%s\n' "$demo_password" | p user add "$demo_user" --role analyst

step "matching"
if ((have_match)); then
	tolerate_policy p match
	step "open findings over the last 70 days"
	p findings trend --days 70 | awk 'NR == 1 || $3 != 0 || $4 != 0'
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
