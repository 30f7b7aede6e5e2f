#!/usr/bin/env bash
# `make run`: until the store, matcher and server exist (issues 3-7), there are
# no findings to show; this says so plainly instead of pretending.
set -euo pipefail
psirt=$1
"$psirt" --help
cat <<'MSG'

psirt is built. The demo (store, matching, prioritised findings, `psirt serve`)
is not there yet: the vulnerability store, SBOM import, matcher and triage are
still to be written. What works today: `psirt cpe`, `psirt purl`,
`psirt version` — try
  build/default/psirt version compare deb 1.0~rc1 1.0
MSG
