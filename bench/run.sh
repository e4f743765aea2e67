#!/bin/sh
# bench/run.sh — make bench: measures each stage of doorstep against the tools people
# would otherwise use, on the same generated mail, on this machine, in one run (issue
# 7; bench/README.md says what and how). Prints one table and writes it to
# bench/results/latest.txt and latest.json.
#
#   BENCH_SIZES    mailbox sizes for fetch and process (default "1000 10000")
#   BENCH_RUNS     runs per measurement; the median is reported (default 3)
#   BENCH_STAGES   any of: fetch process render daily groups callgrind (default all)
#   BENCH_GROUPS   groups run one after another by the groups stage (default 100;
#                  the issue's target is 1000, extrapolated when fewer are run)
#   BENCH_HISTORY, BENCH_NEW   the typical group: messages of history, new ones (10000, 100)
#   BENCH_LEAFLETS leaflets in the render stage, one per area (default 1000)
#   BENCH_PEER_RUNS_BIG  runs of the peers above 10,000 messages (default 1: mbsync,
#                  mu and notmuch take minutes each at 100,000)
#   BENCH_REV      measure this commit (git archive, into bench/work) instead of the
#                  working tree; e.g. BENCH_REV=HEAD while the tree does not build
#   BENCH_SEED     the corpus generator's seed (default doorstep)
#   BENCH_CFLAGS   (default -O2 -g -DNDEBUG)
#
# The generated corpora stay in bench/work (git-ignored) and are reused while the
# generator is unchanged; everything else is redone every run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bench=$top/bench
work=$bench/work
results=$bench/results
BENCH_SIZES=${BENCH_SIZES:-1000 10000}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_STAGES=${BENCH_STAGES:-fetch process render daily groups callgrind}
BENCH_GROUPS=${BENCH_GROUPS:-100}
BENCH_HISTORY=${BENCH_HISTORY:-10000}
BENCH_NEW=${BENCH_NEW:-100}
BENCH_LEAFLETS=${BENCH_LEAFLETS:-1000}
BENCH_RENDER_MESSAGES=${BENCH_RENDER_MESSAGES:-5000}
BENCH_SEED=${BENCH_SEED:-doorstep}
BENCH_PEER_RUNS_BIG=${BENCH_PEER_RUNS_BIG:-1}
BENCH_REV=${BENCH_REV:-}
BENCH_CFLAGS=${BENCH_CFLAGS:--O2 -g -DNDEBUG}
PY=$(command -v python3)

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }
want() { case " $BENCH_STAGES " in *" $1 "*) return 0 ;; esac; return 1; }
meta() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

mkdir -p "$work" "$results"
run=$work/run
rm -rf "$run" && mkdir -p "$run" || die "cannot make $run"
raw=$results/raw.jsonl
logs=$results/logs
rm -rf "$logs" && mkdir -p "$logs"
rm -f "$results"/callgrind-* # the profiles of an earlier run
: >"$raw"
started=$(date +%s)

# ---- the program under test, built optimised --------------------------------------
if [ -n "$BENCH_REV" ]; then
    rev=$(git -C "$top" rev-parse --short "$BENCH_REV") || die "no commit $BENCH_REV"
    bsrc=$work/src-$rev
    if [ ! -d "$bsrc" ]; then
        mkdir -p "$bsrc.tmp" && git -C "$top" archive "$rev" | tar -x -C "$bsrc.tmp" &&
            mv "$bsrc.tmp" "$bsrc" || die "git archive $rev failed"
    fi
    commit="$(git -C "$top" rev-parse "$rev") (BENCH_REV=$BENCH_REV)"
else
    bsrc=$top
    commit=$(git -C "$top" rev-parse HEAD 2>/dev/null || echo unknown)
    # read-only: no index refresh, no lock
    if [ -n "$(GIT_OPTIONAL_LOCKS=0 git -C "$top" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        commit="$commit + uncommitted changes"
    fi
fi
say "bench: building $bsrc with CFLAGS='$BENCH_CFLAGS'"
if ! make -C "$bsrc" NO_DEPS=1 BUILD=build/bench BIN=build/bench/bin CFLAGS="$BENCH_CFLAGS" \
    >"$logs/build.log" 2>&1; then
    tail -20 "$logs/build.log" >&2
    die "the build failed (log: $logs/build.log); BENCH_REV=HEAD measures the last commit"
fi
BIN=$bsrc/build/bench/bin
templates=$bsrc/templates
cc -O2 -Wall -Wextra -Werror -o "$run/hpdf-floor" "$bench/hpdf-floor.c" -lhpdf \
    >"$logs/hpdf-floor.log" 2>&1 || die "cannot build bench/hpdf-floor.c (log: $logs/hpdf-floor.log)"

# ---- the machine -------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
perf_ok=no
if command -v perf >/dev/null 2>&1 &&
    perf stat -x, -e instructions true 2>&1 >/dev/null | grep -q '^[0-9]'; then
    perf_ok=yes
fi
"$PY" - "$results/machine.json" <<EOF
import json, os, platform, sys, time
json.dump({"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "commit": """$commit""",
           "nproc": os.cpu_count(), "cpu": """$cpu""", "kernel": platform.release(),
           "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
           "sizes": "$BENCH_SIZES".split(), "runs": $BENCH_RUNS, "stages": "$BENCH_STAGES".split(),
           "groups": $BENCH_GROUPS, "history": $BENCH_HISTORY, "new": $BENCH_NEW,
           "leaflets": $BENCH_LEAFLETS, "seed": "$BENCH_SEED", "cflags": "$BENCH_CFLAGS",
           "perf_instructions": "$perf_ok" == "yes", "src": "$bsrc"},
          open(sys.argv[1], "w"), indent=1)
EOF

# ---- corpora (cached while the generator is unchanged) -----------------------------
gen_key=$(sha256sum "$bench/gen-corpus.py" | cut -c1-16)
# corpus DIR ARGS...: DIR/Maildir and DIR/meta.json, made unless made with the same ARGS
corpus() {
    _dir=$1
    shift
    _key="$gen_key $BENCH_SEED $*"
    if [ -f "$_dir/meta.json" ] && [ "$(cat "$_dir/.key" 2>/dev/null)" = "$_key" ]; then
        return 0
    fi
    say "bench: generating $_dir ($*)"
    rm -rf "$_dir"
    "$PY" "$bench/gen-corpus.py" --seed "$BENCH_SEED" -o "$_dir" "$@" || die "gen-corpus.py failed"
    printf '%s\n' "$_key" >"$_dir/.key"
}
for n in $BENCH_SIZES; do corpus "$work/corpus-$n" -n "$n"; done
if want daily || want groups; then
    corpus "$work/corpus-$BENCH_HISTORY" -n "$BENCH_HISTORY"
    corpus "$work/corpus-$BENCH_HISTORY-next$BENCH_NEW" --first $((BENCH_HISTORY + 1)) -n "$BENCH_NEW"
fi
if want render || want callgrind; then
    corpus "$work/corpus-render-$BENCH_LEAFLETS" --areas "$BENCH_LEAFLETS" -n "$BENCH_RENDER_MESSAGES"
fi

# ---- helpers -----------------------------------------------------------------------
failed=0
m() { # measure.py ARGS...: one measurement, appended to $raw
    "$PY" "$bench/measure.py" --out "$raw" --logdir "$logs" --runs "$BENCH_RUNS" "$@" || failed=1
}
# peer_runs N: how many runs for the peers at N messages
peer_runs() { if [ "$1" -gt 10000 ]; then echo "$BENCH_PEER_RUNS_BIG"; else echo "$BENCH_RUNS"; fi; }
# info KEY VALUE: a figure that is not a timing (sizes of PDFs, counts checked)
info() { printf '{"info": "%s", "value": "%s"}\n' "$1" "$2" >>"$raw"; }

# local_config FILE MAILDIR DB: a doorstep config reading the maildir MAILDIR into DB
local_config() {
    write_config "$1"
    ini_set "$1" fetch source "maildir:$2"
    ini_set "$1" database path "$3"
    ini_set "$1" output templates "$templates"
}

# Sourcing imap.sh gives Dovecot and the config writers of the integration tests; it
# also sets the traps that stop Dovecot when this script exits.
SRC=$top
export SRC BIN
. "$top/tests/integration/imap.sh"
set +u
unset DOORSTEP_NOW
cd "$run" || die "$run"

# ---- Dovecot, once, with one mailbox per size -------------------------------------
need_imap=no
if want fetch || want daily || want groups; then need_imap=yes; fi
if [ $need_imap = yes ]; then
    if [ ! -x "$DOVECOT" ]; then
        say "bench: dovecot is not installed: no fetch, daily or groups stages (make bench installs it)"
        need_imap=no
        BENCH_STAGES=$(echo " $BENCH_STAGES " | sed 's/ fetch / /; s/ daily / /; s/ groups / /')
    else
        dovecot_start "$run/imap" good
        (umask 077 && printf '%s\n' "$IMAP_PASSWORD" >"$run/imap.password")
        say "bench: Dovecot on 127.0.0.1:$IMAP_PORT"
    fi
fi
# fill BOX MAILDIR: MAILDIR's messages into the server's mailbox BOX, as new messages
# in the order of their file names (their arrival order). Copied into Dovecot's own
# maildir, then doveadm force-resync (LIBRARIES.md, section 9): seconds where one
# IMAP APPEND a message (imap_append) takes about a minute for 10,000, since Dovecot
# rescans the folder after each one. imap_append is the fallback.
fill() {
    _box=$DOVECOT_DIR/mail/$IMAP_USER/.$1
    if [ -d "$_box/cur" ] && [ -x "$DOVEADM" ]; then
        find "$2/cur" -type f -exec cp -p -t "$_box/cur" {} + &&
            find "$2/new" -type f -exec cp -p -t "$_box/new" {} + || return 1
        chown -R --reference="$_box" "$_box" || return 1 # Dovecot's user, not root
        "$DOVEADM" -c "$DOVECOT_CONF" force-resync -u "$IMAP_USER" "$1" || return 1
    else
        (cd "$2" && imap_append -m "$1" $(find cur new -type f | sort -t/ -k2))
    fi
}
# served BOX: the number of messages the server serves in BOX (and its cache warmed)
served() {
    "$PY" "$bench/imap-floor.py" 127.0.0.1 "$IMAP_PORT" "$IMAP_USER" "$run/imap.password" "$1" |
        cut -d' ' -f1
}
made=
mailbox() { # mailbox N: the mailbox cN holds messages 1..N of the corpus
    case " $made " in *" $1 "*) return 0 ;; esac
    say "bench: filling mailbox c$1 with $1 messages"
    imap_create "c$1" || die "cannot create mailbox c$1"
    fill "c$1" "$work/corpus-$1/Maildir" || die "filling c$1 failed"
    _n=$(served "c$1")
    [ "$_n" = "$1" ] || die "mailbox c$1 serves $_n messages, not $1"
    made="$made $1"
}

# ---- fetch -------------------------------------------------------------------------
if want fetch; then
    say "bench: fetch"
    for n in $BENCH_SIZES; do
        mailbox "$n"
        d=$run/fetch-$n
        mkdir -p "$d" && cd "$d" || die "$d"
        write_imap_config doorstep.ini none "$IMAP_PORT" "mailbox = c$n"
        ini_set doorstep.ini output templates "$templates"
        # the size the server serves (CRLF), from a first fetch that also warms the server
        "$BIN/doorstep-fetch" -c doorstep.ini >"$logs/fetch-$n-first.log" 2>&1 ||
            die "doorstep-fetch from Dovecot failed (log: $logs/fetch-$n-first.log)"
        bytes=$(sqlite3 doorstep.db "SELECT sum(size) FROM messages")
        got=$(sqlite3 doorstep.db "SELECT count(*) FROM messages")
        [ "$got" = "$n" ] || say "bench: WARNING: doorstep-fetch stored $got of $n messages"
        info "fetch-$n-stored" "$got"
        fresh='rm -f doorstep.db doorstep.db-wal doorstep.db-shm'
        m --stage fetch --size "$n" --tool doorstep-fetch --messages "$n" --bytes "$bytes" \
            --cwd "$d" --prepare "$fresh" -- "$BIN/doorstep-fetch" -c doorstep.ini
        # the largest batch allowed: fewer round trips; memory must stay bounded all the same
        cp doorstep.ini batch.ini && ini_set batch.ini fetch batch 10000
        m --stage fetch --size "$n" --tool "doorstep-fetch, batch = 10000" --role info --messages "$n" \
            --bytes "$bytes" --cwd "$d" --prepare "$fresh" -- "$BIN/doorstep-fetch" -c batch.ini
        for fs in yes no; do
            # FSync is a global option: before the first section
            cat >"mbsyncrc-$fs" <<EOF
FSync $fs

IMAPAccount bench
Host 127.0.0.1
Port $IMAP_PORT
User $IMAP_USER
PassCmd "cat $run/imap.password"
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path $d/mb/
Inbox $d/mb/INBOX

Channel bench
Far :remote:c$n
Near :local:INBOX
Sync Pull
Create Near
SyncState *
EOF
        done
        if command -v mbsync >/dev/null 2>&1; then
            m --runs "$(peer_runs "$n")" --stage fetch --size "$n" --tool mbsync --role peer --messages "$n" --bytes "$bytes" \
                --cwd "$d" --prepare 'rm -rf mb && mkdir mb' -- mbsync -c mbsyncrc-yes -q bench
            m --runs "$(peer_runs "$n")" --stage fetch --size "$n" --tool "mbsync FSync=no" --role peer --messages "$n" \
                --bytes "$bytes" --cwd "$d" --prepare 'rm -rf mb && mkdir mb' \
                -- mbsync -c mbsyncrc-no -q bench
        else
            say "bench: mbsync (isync) is not installed: no fetch peer"
        fi
        m --stage fetch --size "$n" --tool "imaplib UID FETCH 1:*" --role floor --messages "$n" \
            --bytes "$bytes" --cwd "$d" -- "$PY" "$bench/imap-floor.py" 127.0.0.1 "$IMAP_PORT" \
            "$IMAP_USER" "$run/imap.password" "c$n"
        cd "$run" || exit 1
    done
fi

# ---- process -----------------------------------------------------------------------
# base DIR N: DIR/base.db holds corpus N fetched from its maildir, every message new
process_base() {
    mkdir -p "$1" && cd "$1" || die "$1"
    local_config fetch.ini "$work/corpus-$2/Maildir" base.db
    local_config doorstep.ini "$work/corpus-$2/Maildir" run.db
    rm -f base.db*
    DOORSTEP_NOW=$(meta "$work/corpus-$2/meta.json" now) "$BIN/doorstep-fetch" -c fetch.ini \
        >"$logs/process-$2-base.log" 2>&1 || die "doorstep-fetch of corpus $2 failed"
}
if want process || want callgrind; then
    say "bench: process"
    for n in $BENCH_SIZES; do
        d=$run/process-$n
        process_base "$d" "$n"
        want process || continue
        now=$(meta "$work/corpus-$n/meta.json" now)
        bytes=$(meta "$work/corpus-$n/meta.json" bytes)
        M=$work/corpus-$n/Maildir
        m --stage process --size "$n" --tool doorstep-process --messages "$n" --bytes "$bytes" \
            --cwd "$d" --env "DOORSTEP_NOW=$now" --prepare 'rm -f run.db*; cp base.db run.db && sync run.db' \
            -- "$BIN/doorstep-process" -c doorstep.ini
        left=$(sqlite3 run.db "SELECT count(*) FROM messages WHERE state = 'new'")
        [ "$left" = 0 ] || say "bench: WARNING: $left messages still new after doorstep-process"
        info "process-$n-outcomes" "$(sqlite3 run.db "SELECT group_concat(s || ' ' || c, ', ') FROM (SELECT state s, count(*) c FROM messages GROUP BY 1)")"
        if command -v mu >/dev/null 2>&1; then
            m --runs "$(peer_runs "$n")" --stage process --size "$n" --tool "mu index" --role peer --messages "$n" --bytes "$bytes" \
                --cwd "$d" --prepare "rm -rf mu && mu init --quiet --muhome=$d/mu --maildir=$M" \
                -- mu index --quiet --muhome="$d/mu"
        fi
        if command -v notmuch >/dev/null 2>&1; then
            printf '[database]\npath=%s/nm\nmail_root=%s\n[new]\ntags=unread;inbox;\n[maildir]\nsynchronize_flags=true\n' \
                "$d" "$M" >notmuch.cfg
            m --runs "$(peer_runs "$n")" --stage process --size "$n" --tool "notmuch new" --role peer --messages "$n" --bytes "$bytes" \
                --cwd "$d" --env "NOTMUCH_CONFIG=$d/notmuch.cfg" --prepare 'rm -rf nm && mkdir nm' \
                -- notmuch new --quiet
        fi
        m --stage process --size "$n" --tool "cat (read the files)" --role floor --messages "$n" \
            --bytes "$bytes" --cwd "$d" -- sh -c 'find "$1" -type f -print0 | xargs -0 cat >/dev/null' \
            sh "$M"
        cd "$run" || exit 1
    done
fi

# ---- render ------------------------------------------------------------------------
rdir=$run/render
render_base() {
    _c=$work/corpus-render-$BENCH_LEAFLETS
    mkdir -p "$rdir" && cd "$rdir" || die "$rdir"
    write_config doorstep.ini
    ini_set doorstep.ini fetch source "maildir:$_c/Maildir"
    ini_set doorstep.ini output templates "$templates"
    # the areas of the made-up group: one leaflet each; a rota of 31 days
    awk '/^\[areas\]/{skip=1; next} /^\[/{skip=0} !skip' doorstep.ini >x.ini
    "$PY" "$bench/gen-corpus.py" --areas "$BENCH_LEAFLETS" --print-areas >>x.ini
    mv x.ini doorstep.ini
    ini_set doorstep.ini rota days 31
    ini_set doorstep.ini rota "delivery round" "sat 10:00-12:00 x3"
    rnow=$(meta "$_c/meta.json" now)
    export DOORSTEP_NOW=$rnow
    { "$BIN/doorstep-fetch" -c doorstep.ini && "$BIN/doorstep-process" -c doorstep.ini; } \
        >"$logs/render-base.log" 2>&1 || die "preparing the render database failed (log: $logs/render-base.log)"
    unset DOORSTEP_NOW
}
if want render || want callgrind; then
    say "bench: render"
    render_base
fi
if want render; then
    date=$(echo "$rnow" | cut -c1-10)
    m --stage render --size "$BENCH_LEAFLETS" --tool "doorstep-render leaflets" --messages 0 \
        --cwd "$rdir" --env "DOORSTEP_NOW=$rnow" --note "$BENCH_LEAFLETS leaflets, one per area" \
        -- "$BIN/doorstep-render" -c doorstep.ini leaflets
    m --stage render --size 31 --tool "doorstep-render rota" --messages 0 \
        --cwd "$rdir" --env "DOORSTEP_NOW=$rnow" --note "31-day rota, 3 tasks" \
        -- "$BIN/doorstep-render" -c doorstep.ini rota
    for what in leaflets rota; do
        pdf=$rdir/output/$what-$date.pdf
        [ -f "$pdf" ] || { say "bench: no $pdf"; failed=1; continue; }
        pdftotext -layout "$pdf" "$rdir/$what.txt" 2>/dev/null
        orient=portrait
        [ $what = rota ] && orient=landscape
        size=$BENCH_LEAFLETS
        [ $what = rota ] && size=31
        m --stage render --size "$size" --tool "libharu alone ($what text)" --role floor \
            --cwd "$rdir" -- "$run/hpdf-floor" "$rdir/$what.txt" "$rdir/floor-$what.pdf" "$orient"
        info "render-$what-pdf-bytes" "$(wc -c <"$pdf")"
        info "render-$what-floor-pdf-bytes" "$(wc -c <"$rdir/floor-$what.pdf")"
        info "render-$what-pages" "$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')"
        # fonts embedded: one FontFile2 stream per embedded TrueType font
        info "render-$what-embedded-fonts" "$(grep -ac '/FontFile2' "$pdf")"
    done
    cd "$run" || exit 1
fi

# ---- daily: a typical group, then many groups one after another ---------------------
if want daily || want groups; then
    H=$BENCH_HISTORY
    say "bench: daily (a group with $H messages of history, $BENCH_NEW new)"
    mailbox "$H"
    tpl=$run/daily-template
    mkdir -p "$tpl" && cd "$tpl" || die "$tpl"
    write_imap_config doorstep.ini none "$IMAP_PORT" "mailbox = c$H"
    ini_set doorstep.ini output templates "$templates"
    ini_set doorstep.ini imap password_file "$run/imap.password"
    rm -f imap.password
    # yesterday: the history fetched, processed and rendered (the digest sent)
    DOORSTEP_NOW=$(meta "$work/corpus-$H/meta.json" now) "$BIN/doorstep" -c doorstep.ini daily \
        >"$logs/daily-yesterday.log" 2>&1 || die "the history's daily run failed (log: $logs/daily-yesterday.log)"
    # today's new mail arrives
    nx=$work/corpus-$H-next$BENCH_NEW
    fill "c$H" "$nx/Maildir" || die "adding the new messages failed"
    _n=$(served "c$H")
    [ "$_n" = $((H + BENCH_NEW)) ] || die "mailbox c$H serves $_n messages, not $((H + BENCH_NEW))"
    made=$(echo " $made " | sed "s/ $H / /") # c$H is no longer the corpus alone
    today=$(meta "$nx/meta.json" now)
    cd "$run" || exit 1
    # the copy is flushed to disk before the clock starts: otherwise the run's first
    # fsync would write the whole copied database
    fresh="rm -rf g && cp -a '$tpl' g && sync g/doorstep.db"
    if want daily; then
        m --stage daily --size "$H" --tool "doorstep daily" --messages "$BENCH_NEW" --cwd "$run" \
            --env "DOORSTEP_NOW=$today" --prepare "$fresh" \
            --note "$H messages of history, $BENCH_NEW new, over IMAP" -- "$BIN/doorstep" -c g/doorstep.ini daily
        stored=$(sqlite3 g/doorstep.db "SELECT count(*) FROM messages")
        info "daily-stored-after" "$stored"
        info "daily-outputs" "$(ls g/output | tr '\n' ' ')"
        # the same day, stage by stage, to see where the time goes
        m --stage daily --size "$H" --tool "  of which doorstep-fetch" --role info --messages "$BENCH_NEW" \
            --cwd "$run" --env "DOORSTEP_NOW=$today" --prepare "$fresh" -- "$BIN/doorstep-fetch" -c g/doorstep.ini
        m --stage daily --size "$H" --tool "  of which doorstep-process" --role info --messages "$BENCH_NEW" \
            --cwd "$run" --env "DOORSTEP_NOW=$today" \
            --prepare "$fresh && DOORSTEP_NOW=$today '$BIN/doorstep-fetch' -c g/doorstep.ini" \
            -- "$BIN/doorstep-process" -c g/doorstep.ini
        m --stage daily --size "$H" --tool "  of which doorstep-render all" --role info \
            --cwd "$run" --env "DOORSTEP_NOW=$today" \
            --prepare "$fresh && DOORSTEP_NOW=$today '$BIN/doorstep-fetch' -c g/doorstep.ini && DOORSTEP_NOW=$today '$BIN/doorstep-process' -c g/doorstep.ini" \
            -- "$BIN/doorstep-render" -c g/doorstep.ini all
    fi
    if want groups; then
        say "bench: $BENCH_GROUPS groups one after another (each: own config and database, $H + $BENCH_NEW messages)"
        # one group at a time exists on disk: its folder is copied before its run and
        # removed after it (neither is timed)
        "$PY" "$bench/measure.py" --out "$raw" --logdir "$logs" --runs "$BENCH_GROUPS" \
            --stage groups --size "$BENCH_GROUPS" --tool "doorstep daily, group after group" \
            --messages "$BENCH_NEW" --cwd "$run" --env "DOORSTEP_NOW=$today" \
            --prepare "rm -rf grp && cp -a '$tpl' grp && sync grp/doorstep.db" --cleanup "rm -rf grp" \
            --note "each run is one group's day" -- "$BIN/doorstep" -c grp/doorstep.ini daily || failed=1
    fi
fi

# ---- instruction counts ------------------------------------------------------------
if want callgrind; then
    if ! command -v valgrind >/dev/null 2>&1; then
        say "bench: valgrind is not installed: no instruction counts"
    else
        cgsize=
        for n in $BENCH_SIZES; do [ "$n" = 10000 ] && cgsize=10000; done
        [ -n "$cgsize" ] || for n in $BENCH_SIZES; do cgsize=$n; done
        say "bench: callgrind (process $cgsize, render)"
        # callgrind NAME DIR NOW PREPARE ARGS...: instructions of one run under callgrind
        callgrind() {
            _name=$1 _dir=$2 _now=$3 _prep=$4
            shift 4
            (cd "$_dir" && sh -c "$_prep" && DOORSTEP_NOW=$_now valgrind --tool=callgrind \
                --callgrind-out-file="$results/callgrind-$_name.out" "$@") \
                >"$logs/callgrind-$_name.log" 2>&1 || { say "bench: callgrind $_name failed"; failed=1; return; }
            callgrind_annotate --inclusive=no "$results/callgrind-$_name.out" 2>/dev/null |
                head -45 >"$results/callgrind-$_name.txt"
            callgrind_annotate --inclusive=yes "$results/callgrind-$_name.out" 2>/dev/null |
                head -60 >"$results/callgrind-$_name-inclusive.txt"
            _ir=$(sed -n 's/^summary: *//p' "$results/callgrind-$_name.out" | head -1)
            info "callgrind-$_name" "$_ir"
            say "  callgrind $_name: $_ir instructions"
        }
        pd=$run/process-$cgsize
        pnow=$(meta "$work/corpus-$cgsize/meta.json" now)
        callgrind "process-$cgsize" "$pd" "$pnow" 'rm -f run.db*; cp base.db run.db' \
            "$BIN/doorstep-process" -c doorstep.ini
        # render everything for the processed mailbox (digest, rota, leaflets of 2 areas)
        callgrind "render-all-$cgsize" "$pd" "$pnow" 'rm -rf output' "$BIN/doorstep-render" -c doorstep.ini all
        callgrind "render-leaflets-$BENCH_LEAFLETS" "$rdir" "$rnow" true \
            "$BIN/doorstep-render" -c doorstep.ini leaflets
    fi
fi

# ---- the table ---------------------------------------------------------------------
info elapsed "$(($(date +%s) - started))"
"$PY" "$bench/report.py" "$results" || failed=1
exit $failed
