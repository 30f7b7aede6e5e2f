#!/usr/bin/env bash
# Fails when a C file calls a banned libc function (git's banned.h list):
# unbounded copies and formats, strtok, atoi (cannot report errors), and the
# non-reentrant time functions. A compile-time macro ban would have to be
# included after every system header; a grep cannot be forgotten.
set -euo pipefail
pattern='\b(strcpy|strcat|strncpy|strncat|sprintf|vsprintf|strtok|atoi|atol|gmtime|localtime|ctime|asctime)[[:space:]]*\('
hits=$(grep -nE "$pattern" --include='*.c' --include='*.h' -r src include tests fuzz bench 2>/dev/null \
	| grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)' || true)
if [[ -n $hits ]]; then
	echo "banned calls (use psirt_buf, snprintf, strtol/psirt_str_to_u64, gmtime_r):" >&2
	echo "$hits" >&2
	exit 1
fi
