#!/usr/bin/env bash
# Real binaries: downloads Debian packages (apt-get download, ~21 MB, cached
# in build/fwscan-debs/), unpacks them with dpkg-deb -x into one root file
# system WITHOUT a dpkg database, scans it with `psirt sbom scan --no-pkgdb`
# and checks that the signatures find each package's software in exactly the
# upstream part of the package's version (epoch, Debian revision and
# +dfsg-like repacking marks taken off).
#
# usage: tests/fwscan/real-debs.sh PATH/TO/psirt
# Exit 0 all found, 1 some missing, 77 skipped (no apt-get / no downloads).
set -uo pipefail
psirt=$(realpath "$1")
cache=build/fwscan-debs

# package  component
checks=(
	"busybox busybox"
	"dropbear-bin dropbear"
	"dnsmasq-base dnsmasq"
	"lighttpd lighttpd"
	"libssl3 openssl"
	"libcurl4 curl"
	"zlib1g zlib"
	"libsqlite3-0 sqlite"
	"openssh-client openssh"
	"libexpat1 expat"
	"libpng16-16 libpng"
	"libc6 glibc"
	"nginx nginx"
	"libmbedcrypto7 mbedtls"
	"libwolfssl35 wolfssl"
	"hostapd hostapd"
	"wpasupplicant wpa_supplicant"
	"miniupnpd-nftables miniupnpd"
	"avahi-daemon avahi"
	"openvpn openvpn"
	"iptables iptables"
	"libjansson4 jansson"
	"libjson-c5 json-c"
	"libxml2 libxml2"
	"samba-libs samba"
	"u-boot-qemu u-boot"
)

skip() { echo "real-debs: skipped: $*" >&2; exit 77; }
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || skip "no apt-get/dpkg-deb here"

mkdir -p "$cache"
missing=()
for c in "${checks[@]}"; do
	p=${c%% *}
	compgen -G "$cache/${p}_*.deb" >/dev/null || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
	echo "real-debs: downloading ${missing[*]}" >&2
	( cd "$cache" && timeout 300 apt-get download -q "${missing[@]}" >/dev/null 2>&1 ) ||
		skip "apt-get download failed (no network or no package lists: apt-get update)"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"
for c in "${checks[@]}"; do
	p=${c%% *}
	deb=$(ls "$cache/${p}"_*.deb | head -1)
	dpkg-deb -x "$deb" "$root" || { echo "real-debs: cannot unpack $deb" >&2; exit 1; }
done
[[ ! -e $root/var/lib/dpkg/status ]] || { echo "real-debs: a dpkg database crept in" >&2; exit 1; }

start=$(date +%s%N)
"$psirt" sbom scan --no-pkgdb "$root" > "$work/table" 2> "$work/warnings" ||
	{ echo "real-debs: psirt sbom scan failed:" >&2; cat "$work/warnings" >&2; exit 1; }
ms=$(( ($(date +%s%N) - start) / 1000000 ))

upstream() {
	local v=$1
	[[ $v == *:* ]] && v=${v#*:}
	[[ $v == *-* ]] && v=${v%-*}
	v=${v%%+*}
	v=${v%.dfsg}
	v=${v%.ds}
	echo "$v"
}

passed=0 failed=0
for c in "${checks[@]}"; do
	p=${c%% *} comp=${c#* }
	deb=$(ls "$cache/${p}"_*.deb | head -1)
	want=$(upstream "$(dpkg-deb -f "$deb" Version)")
	if awk -v n="$comp" -v v="$want" '$1 == n && $2 == v { found = 1 } END { exit !found }' "$work/table"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "real-debs: FAIL $p: expected $comp $want, found: $(awk -v n="$comp" '$1 == n { printf "%s ", $2 }' "$work/table")" >&2
	fi
done
echo "real-debs: $(du -sm "$root" | cut -f1) MB of $(( ${#checks[@]} )) packages scanned in $ms ms"
echo "real-debs: $((passed + failed)) cases, $failed failed"
[[ $failed -eq 0 ]]
