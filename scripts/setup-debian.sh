#!/usr/bin/env bash
# Installs the Debian packages given as arguments that are not installed yet.
# An argument COMMAND:PACKAGE installs PACKAGE only when COMMAND is not on the
# PATH, whoever provided it: a nodejs from nodesource bundles npm and conflicts
# with Debian's npm package, so node and npm are asked for by command. These are
# handled one by one after the plain packages, each after the one before it
# was installed (Debian's nodejs does not bring npm; nodesource's does).
# Uses sudo when not root. Runs `apt-get update` only when something is missing.
set -euo pipefail

pkgs=() by_cmd=()
for arg in "$@"; do
	if [[ $arg == *:* ]]; then by_cmd+=("$arg"); else pkgs+=("$arg"); fi
done

missing=()
for pkg in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[[ $status == "install ok installed" ]] || missing+=("$pkg")
done
cmds_missing=()
for pair in "${by_cmd[@]}"; do
	command -v "${pair%%:*}" >/dev/null || cmds_missing+=("${pair#*:}")
done
[[ ${#missing[@]} -eq 0 && ${#cmds_missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
	command -v sudo >/dev/null || {
		echo "setup: need root or sudo to install: ${missing[*]} ${cmds_missing[*]}" >&2; exit 1; }
	sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# apt's output (debconf's notes on a minimal system among it) is shown only
# when a step fails.
log=$(mktemp "${TMPDIR:-/tmp}/psirt-setup.XXXXXX")
trap 'rm -f "$log"' EXIT
run_apt() {
	"${sudo[@]}" apt-get "$@" >"$log" 2>&1 && return
	cat "$log" >&2
	echo "setup: apt-get $* failed" >&2
	exit 1
}
apt_install() {
	echo "setup: installing $*"
	run_apt install -y -q --no-install-recommends "$@"
}
run_apt update -q
[[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
for pair in "${by_cmd[@]}"; do
	hash -r
	command -v "${pair%%:*}" >/dev/null || apt_install "${pair#*:}"
done
