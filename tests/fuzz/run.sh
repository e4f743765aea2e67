#!/bin/sh
# tests/fuzz/run.sh BUILD SECONDS JOBS NAME... — make fuzz-run: each libFuzzer harness
# BUILD/fuzz_NAME for SECONDS over its corpus (BUILD/corpus/NAME, kept between runs)
# and its seeds (seeds.sh), JOBS harnesses at a time (each is one process on one CPU:
# one at a time left the other CPUs idle). Prints two lines a harness when it ends;
# on a crash the end of its log (BUILD/fuzz_NAME.log) and where the crash was kept
# (tests/fuzz/regress/NAME/). Exits 1 if any harness crashed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

# run.sh --one BUILD SECONDS NAME: one harness, its lines printed in one write
if [ "${1:-}" = --one ]; then
    build=$2 secs=$3 n=$4 log=$2/fuzz_$4.log
    mkdir -p "$build/corpus/$n" "tests/fuzz/regress/$n"
    # shellcheck disable=SC2046 # (seeds.sh prints folders, one word each)
    if "$build/fuzz_$n" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=0 -artifact_prefix="tests/fuzz/regress/$n/" \
        "$build/corpus/$n" $(tests/fuzz/seeds.sh "$n") 2>"$log"; then
        printf 'fuzz %s for %s s\n%s\n' "$n" "$secs" \
            "$(grep -E '^(#[0-9]+ *DONE|Done [0-9]+ runs)' "$log" | tail -1)"
        exit 0
    fi
    printf '%s\nfuzz %s: a crash, kept in tests/fuzz/regress/%s/: fix it and commit it\n%s\n' \
        "$(tail -40 "$log")" "$n" "$n" \
        "(or, when the fix is someone else's, move it to tests/fuzz/open/$n/)"
    exit 1
fi

[ $# -ge 3 ] || { echo "usage: tests/fuzz/run.sh BUILD SECONDS JOBS NAME..." >&2; exit 64; }
build=$1 secs=$2 jobs=$3
shift 3
[ $# -gt 0 ] || exit 0
# (xargs exits 123 when a harness exited non-zero, after running them all)
printf '%s\n' "$@" | xargs -P "$jobs" -I{} sh "$top/tests/fuzz/run.sh" --one "$build" "$secs" {} ||
    exit 1
