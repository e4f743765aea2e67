#!/bin/sh
# tests/run.sh — runs every test: the Check unit programs, then the integration
# scripts (tests/integration/t_*.sh) against the real programs. Prints one line per
# test and ends with "N passed, N failed, N skipped"; exits 1 if anything failed.
#   BUILD, BIN   where make put the unit-test programs and the doorstep programs
#   TESTS=globs  run only the integration scripts matching the globs (e.g. TESTS='t_conf* t_cli')
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
BUILD=${BUILD:-build}
BIN=$(cd "${BIN:-bin}" && pwd)
export BIN BUILD
pass=0 fail=0 skip=0 failed=

# One scratch folder for the whole run, removed at the end unless KEEP=1.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/doorstep-tests.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$scratch"' EXIT INT TERM

record() { # name status
    case $2 in
    0) pass=$((pass + 1)); echo "PASS: $1" ;;
    77) skip=$((skip + 1)); echo "SKIP: $1" ;;
    *) fail=$((fail + 1)); failed="$failed $1"; echo "FAIL: $1" ;;
    esac
}

if [ -z "${TESTS:-}" ]; then
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] || continue
        name=unit/$(basename "$t")
        out=$scratch/$(basename "$t").log
        CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-30} "$t" </dev/null >"$out" 2>&1
        rc=$?
        # Each Check program prints its summary; show it, and the failures.
        grep -E '^[0-9]+%: Checks|:[FE]:|^SKIP' "$out" | sed 's/^/  /'
        [ $rc = 0 ] || sed 's/^/  | /' "$out" | tail -40
        record "$name" $rc
    done
fi

if [ -z "${TESTS:-}" ]; then
    # every fuzz harness over its seeds and every crash found so far
    for r in "$BUILD"/tests/replay_*; do
        [ -x "$r" ] || continue
        n=${r##*/replay_}
        out=$scratch/replay_$n.log
        # shellcheck disable=SC2046
        "$r" $(tests/fuzz/seeds.sh "$n" --replay) </dev/null >"$out" 2>&1
        rc=$?
        sed 's/^/  /' "$out" | tail -3
        record "fuzz-replay/$n" $rc
    done
fi

# TESTS may hold several globs: TESTS='t_hostile t_purge*'
# shellcheck disable=SC2086
for t in $(for g in ${TESTS:-t_*}; do ls tests/integration/$g.sh 2>/dev/null; done | sort -u); do
    [ -f "$t" ] || continue
    name=integration/$(basename "$t" .sh)
    work=$scratch/$(basename "$t" .sh)
    mkdir -p "$work"
    out=$work/log
    (cd "$work" && TMPDIR=$work SRC=$top sh "$top/$t") </dev/null >"$out" 2>&1
    rc=$?
    if [ $rc != 0 ] && [ $rc != 77 ]; then
        sed 's/^/  | /' "$out" | tail -40
    elif [ $rc = 77 ]; then
        grep -i 'skip' "$out" | head -3 | sed 's/^/  /'
    fi
    record "$name" $rc
done

echo "$pass passed, $fail failed, $skip skipped"
[ -z "$failed" ] || echo "failed:$failed"
[ $fail = 0 ]
