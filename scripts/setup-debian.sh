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
cmds_missing=0
for pair in "${by_cmd[@]}"; do
	command -v "${pair%%:*}" >/dev/null || cmds_missing=1
done
[[ ${#missing[@]} -eq 0 && $cmds_missing -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
	command -v sudo >/dev/null || {
		echo "setup: need root or sudo to install: ${missing[*]} ${by_cmd[*]}" >&2; exit 1; }
	sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
apt_install() {
	echo "setup: installing $*"
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
[[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
for pair in "${by_cmd[@]}"; do
	hash -r
	command -v "${pair%%:*}" >/dev/null || apt_install "${pair#*:}"
done
