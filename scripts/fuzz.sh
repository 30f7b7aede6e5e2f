#!/usr/bin/env bash
# usage: fuzz.sh regress TARGET...        replay each corpus once
#        fuzz.sh run SECONDS TARGET...    fuzz each target, growing its corpus
# Corpus of fuzz/fuzz_X.c: fuzz/corpus/X/. Crashes land in build/fuzz/crashes/.
set -uo pipefail
mode=$1; shift
seconds=0
if [[ $mode == run ]]; then seconds=$1; shift; fi
status=0
mkdir -p build/fuzz/crashes
for bin in "$@"; do
	name=$(basename "$bin"); name=${name#fuzz_}
	corpus=fuzz/corpus/$name
	mkdir -p "$corpus"
	dict=(); [[ -f fuzz/$name.dict ]] && dict=(-dict="fuzz/$name.dict")
	if [[ $mode == regress ]]; then
		if "$bin" -runs=0 "${dict[@]}" "$corpus" >"build/fuzz/$name.log" 2>&1; then
			echo "fuzz $name: corpus of $(ls "$corpus" | wc -l) inputs replayed, no crash"
		else
			echo "fuzz $name: FAILED on its corpus (build/fuzz/$name.log)"; tail -20 "build/fuzz/$name.log"; status=1
		fi
	else
		if "$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 "${dict[@]}" \
			-artifact_prefix="build/fuzz/crashes/$name-" "$corpus" >"build/fuzz/$name.log" 2>&1; then
			echo "fuzz $name: ${seconds}s, $(grep -oE '#[0-9]+' "build/fuzz/$name.log" | tail -1 | tr -d '#') runs, corpus $(ls "$corpus" | wc -l)"
		else
			echo "fuzz $name: CRASH, see build/fuzz/$name.log and build/fuzz/crashes/"; status=1
		fi
	fi
done
exit $status
