#!/bin/sh
# tests/run.sh — runs every test: the Check unit programs, then the integration
# scripts (tests/integration/t_*.sh) against the real programs. Prints one line per
# test and ends with "N passed, N failed, N skipped"; exits 1 if anything failed.
#   BUILD, BIN   where make put the unit-test programs and the doorstep programs
#   TESTS=globs  run only the integration scripts matching the globs (e.g. TESTS='t_conf* t_cli')
#   SKIP_TESTS=globs  leave out the integration scripts matching these (after TESTS)
#   JOBS=N       unit programs, then integration scripts, run N at a time (default:
#                the number of CPUs, at most 4); each script has its own folder and
#                free ports, so they do not meet
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# run.sh --one NAME DIR: one integration script (tests/integration/NAME.sh) in its
# folder DIR, for the loop below
# (which runs JOBS of these at once): its output in DIR/log, its exit code in DIR/rc,
# and its lines (PASS/FAIL, the end of the log of a failure) printed in one write.
if [ "${1:-}" = --one ]; then
    t=tests/integration/$2.sh work=$3 name=integration/$2
    mkdir -p "$work"
    t0=$(date +%s)
    (cd "$work" && TMPDIR=$work SRC=$top sh "$top/$t") </dev/null >"$work/log" 2>&1
    rc=$?
    secs=$(($(date +%s) - t0))
    case $rc in
    0) report="PASS: $name ($secs s)" ;;
    77) report="$(grep -i 'skip' "$work/log" | head -3 | sed 's/^/  /')
SKIP: $name" ;;
    *) report="$(sed 's/^/  | /' "$work/log" | tail -40)
FAIL: $name ($secs s)" ;;
    esac
    printf '%s\n' "$report"
    echo $rc >"$work/rc"
    exit 0
fi
# run.sh --unit PROGRAM DIR: one Check program (BUILD/tests/test_NAME: its summary, and
# its failures) or fuzz replay (BUILD/tests/replay_NAME over every seed and crash so far:
# the end of its output), for the loop below; its log and exit code in DIR, its lines
# printed in one write.
if [ "${1:-}" = --unit ]; then
    t=$2 work=$3/${2##*/}
    case ${t##*/} in
    replay_*)
        n=${t##*/replay_} name=fuzz-replay/${t##*/replay_}
        # shellcheck disable=SC2046
        "$t" $(tests/fuzz/seeds.sh "$n" --replay) </dev/null >"$work.log" 2>&1
        rc=$?
        report=$(sed 's/^/  /' "$work.log" | tail -3)
        ;;
    *)
        name=unit/${t##*/}
        CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-30} "$t" </dev/null >"$work.log" 2>&1
        rc=$?
        report=$(grep -E '^[0-9]+%: Checks|:[FE]:|^SKIP' "$work.log" | sed 's/^/  /')
        [ $rc = 0 ] || report="$report
$(sed 's/^/  | /' "$work.log" | tail -40)"
        ;;
    esac
    case $rc in 0) st=PASS ;; 77) st=SKIP ;; *) st=FAIL ;; esac
    printf '%s%s: %s\n' "${report:+$report
}" "$st" "$name"
    echo $rc >"$work.rc"
    exit 0
fi
BUILD=${BUILD:-build}
BIN=$(cd "${BIN:-bin}" && pwd)
export BIN BUILD
pass=0 fail=0 skip=0 failed=

# One scratch folder for the whole run, removed at the end unless KEEP=1.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/doorstep-tests.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$scratch"' EXIT INT TERM

# The integration scripts start python3 hundreds of times: they get the system's,
# /usr/bin/python3 (the one make deps installs, with python3-aiosmtpd and python3-yaml),
# ahead of a version manager's shim earlier in PATH, which can cost more than a second
# a start (pyenv's: 1.4 s against 0.14 s; t_kill.sh alone spent 5 minutes in it).
# PYTHON3=... names another.
py=${PYTHON3:-/usr/bin/python3}
if [ -x "$py" ]; then
    mkdir "$scratch/bin" && ln -s "$py" "$scratch/bin/python3" && PATH=$scratch/bin:$PATH
    export PATH
fi

jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -le 4 ] 2>/dev/null || jobs=4

# The unit programs and the fuzz replays (every harness over its seeds and every crash
# found so far), JOBS at a time: under the sanitizers they take a minute one by one.
if [ -z "${TESTS:-}" ]; then
    progs=$(for t in "$BUILD"/tests/test_* "$BUILD"/tests/replay_*; do
        [ -x "$t" ] && echo "$t"; done)
    mkdir "$scratch/units"
    # shellcheck disable=SC2086
    [ -z "$progs" ] || printf '%s\n' $progs |
        xargs -P "$jobs" -I{} sh "$top/tests/run.sh" --unit {} "$scratch/units"
    for t in $progs; do
        case ${t##*/} in replay_*) name=fuzz-replay/${t##*/replay_} ;; *) name=unit/${t##*/} ;; esac
        rc=$(cat "$scratch/units/${t##*/}.rc" 2>/dev/null || echo 1)
        case $rc in
        0) pass=$((pass + 1)) ;;
        77) skip=$((skip + 1)) ;;
        *) fail=$((fail + 1)); failed="$failed $name" ;;
        esac
    done
fi

# TESTS may hold several globs: TESTS='t_hostile t_purge*'
# shellcheck disable=SC2086
scripts=$(for g in ${TESTS:-t_*}; do ls tests/integration/$g.sh 2>/dev/null; done | sort -u |
    sed 's|.*/||; s|\.sh$||')
for g in ${SKIP_TESTS:-}; do
    # shellcheck disable=SC2086
    scripts=$(for t in $scripts; do case $t in $g) ;; *) echo "$t" ;; esac; done)
done
# The long scripts start first, longest first, so that the JOBS slots end together (a
# long one started last runs on alone while the other slots stand idle): the slowest as
# run.sh times them, plain and under make check-asan. A script that grows long belongs
# in this list; the rest follow in name order.
slow='t_smtp_faults t_kill t_report t_imap_faults t_imap_tls t_concurrent t_valgrind
    t_imap_fetch t_cli t_connect_loop t_smtp t_mailbox_delete t_digest t_imap_mailbox
    t_config_errors t_commands'
# shellcheck disable=SC2086
scripts=$(printf '%s\n' $scripts | awk -v slow="$slow" '
    BEGIN { n = split(slow, s) }
    { have[$0] = 1; all[++m] = $0 }
    END {
        for (i = 1; i <= n; i++) if (s[i] in have) { print s[i]; first[s[i]] = 1 }
        for (i = 1; i <= m; i++) if (!(all[i] in first)) print all[i]
    }')
# shellcheck disable=SC2086
[ -z "$scripts" ] || printf '%s\n' $scripts |
    xargs -P "$jobs" -I{} sh "$top/tests/run.sh" --one {} "$scratch/{}"
for t in $scripts; do
    rc=$(cat "$scratch/$t/rc" 2>/dev/null || echo 1)
    case $rc in
    0) pass=$((pass + 1)) ;;
    77) skip=$((skip + 1)) ;;
    *) fail=$((fail + 1)); failed="$failed integration/$t" ;;
    esac
done

echo "$pass passed, $fail failed, $skip skipped"
[ -z "$failed" ] || echo "failed:$failed"
[ $fail = 0 ]
