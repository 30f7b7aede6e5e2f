#!/usr/bin/env bash
# `make run`: until the store, matcher and server exist (issues 3-7), there are
# no findings to show; this says so plainly and shows what works instead.
set -euo pipefail
psirt=$1
"$psirt" --help
cat <<'MSG'

psirt is built. The demo (store, matching, prioritised findings, `psirt serve`)
is not there yet: the vulnerability store, SBOM import, matcher and triage policy
are still being written, so there are no findings to print. What works today:
MSG
run() { printf '\n$ psirt %s\n' "$*"; "$psirt" "$@" || true; }
run version compare deb 1.0~rc1 1.0
run version compare generic 1.0.2k 1.0.2j
run version satisfies 'vers:deb/>=1.0|<2.0~' 1.5
run purl 'pkg:PyPI/Django_Rest@3.0?b=2&a=1'
run cpe match 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*' 'cpe:/a:openssl:openssl:1.0.2k'
run cvss 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'
