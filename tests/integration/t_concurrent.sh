# Stages run by hand at the same time never corrupt anything: in each of several
# rounds, new mail lands in the maildir and doorstep-fetch stores it while two
# doorstep-process and two doorstep-render (all outputs) run again and again, and
# five renders send a digest by SMTP at once. Afterwards PRAGMA integrity_check is
# ok, every message was processed exactly once (no post doubled, reference codes
# unique and consecutive), every PDF is whole (pdfinfo), the end state equals that of
# the same rounds run one stage after the other, and the server got one copy. (Two
# `doorstep daily` at once are t_lock.sh's: the second waits for the lock, then 75.)
. "$SRC/tests/integration/lib.sh"
command -v pdfinfo >/dev/null 2>&1 || skip "pdfinfo is not installed (make deps: poppler-utils)"

N=${CONCURRENT_MESSAGES:-800}
ROUNDS=${CONCURRENT_ROUNDS:-4}
echo "concurrent stages: $N messages in $ROUNDS rounds"

# a group's mail, in 4 slices a round: offers and requests on the demo streets, closings
# of earlier requests, chatter
python3 "$SRC/tests/integration/groupmail.py" mail "$N" --seed 8 --lines 10 --tag conc \
    --slices $((ROUNDS * 4))

setup() { # DIR: a fresh folder with its config and an empty maildir
    rm -rf "$1"
    mkdir -p "$1/Maildir/cur" "$1/Maildir/new" "$1/Maildir/tmp"
    write_config "$1/doorstep.ini"
    # small batches: many commits, so that the stages interleave
    sed -i 's/^source = maildir:Maildir$/source = maildir:Maildir\nbatch = 20/' "$1/doorstep.ini"
}
stage() { # DIR PROGRAM ARG...: one stage in DIR; its exit code and output in DIR/log
    _d=$1 _p=$2
    shift 2
    (cd "$_d" && "$BIN/$_p" -c doorstep.ini "$@") >>"$_d/log" 2>&1
    _r=$?
    echo "$_p $_r" >>"$_d/codes"
    return $_r
}
land() { cp "mail/$2/"* "$1/Maildir/cur/"; } # DIR SLICE: a slice of mail arrives
# fetch_round DIR ROUND: the round's four slices arrive, each then fetched
fetch_round() {
    for _s in 1 2 3 4; do
        land "$1" $((($2 - 1) * 4 + _s))
        stage "$1" doorstep-fetch || return 1
    done
}

# the reference: each round's stages one after the other
setup ref
r=1
while [ $r -le "$ROUNDS" ]; do
    fetch_round ref $r && stage ref doorstep-process && stage ref doorstep-render all ||
        { cat ref/log; fail "the sequential run failed in round $r"; }
    r=$((r + 1))
done

# while_alive PID PROGRAM ARG...: the stage again and again while PID runs (at least twice)
while_alive() {
    _w=$1 _i=0
    shift
    while [ $_i -lt 2 ] || kill -0 "$_w" 2>/dev/null; do
        stage run "$@"
        _i=$((_i + 1))
    done
}

# the same rounds with the stages at once: while fetch stores the round's mail (four
# times), two process loops and two render loops run
setup run
r=1
while [ $r -le "$ROUNDS" ]; do
    fetch_round run $r &
    fpid=$!
    while_alive $fpid doorstep-process -v &
    p1=$!
    while_alive $fpid doorstep-process -v &
    p2=$!
    while_alive $fpid doorstep-render all &
    r1=$!
    while_alive $fpid doorstep-render all &
    r2=$!
    wait $fpid $p1 $p2 $r1 $r2
    r=$((r + 1))
done
# whatever was stored after the last process ran: once more, alone
stage run doorstep-process || fail "the last process failed"
stage run doorstep-render all || fail "the last render failed"
sort run/codes | uniq -c | sed 's/^/  runs, exit code: /'
# (how much they overlapped depends on the machine: said, not tested)
grep -E 'doorstep-process: info: [0-9]+ posts \(' run/log >summaries
echo "  $(grep -cv 'info: 0 posts (0 held, 0 to triage), 0 closings, 0 rota sign-ups, 0 ignored, 0 quarantined' summaries) of $(grep -c . summaries) process runs found mail to process"
# a stage may wait for another's transaction, never fail for it: every run exits 0
# (75, the database busy for 10 s, would be a failure here too: nothing waits that long)
if grep -v ' 0$' run/codes >/dev/null; then
    cat run/log >&2
    fail "a stage run at the same time as others failed"
fi

state() { # DIR: what must not depend on how the stages interleaved
    (
        cd "$1" || exit 1
        echo "-- integrity"
        sqlite3 -batch doorstep.db 'PRAGMA integrity_check'
        echo "-- messages"
        sqlite3 -batch doorstep.db "SELECT sha256, state, coalesce(reason, '') FROM messages ORDER BY sha256"
        echo "-- posts"
        sqlite3 -batch doorstep.db "SELECT p.ref, p.kind, p.status, p.category, coalesce(p.street, ''),
            m.sha256 FROM posts p LEFT JOIN messages m ON m.id = p.message ORDER BY p.ref"
        echo "-- rows per table"
        for t in $(sqlite3 -batch doorstep.db "SELECT name FROM sqlite_master WHERE type = 'table'
                AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
            echo "$t $(sqlite3 -batch doorstep.db "SELECT count(*) FROM \"$t\"")"
        done
        echo "-- outbox"
        sqlite3 -batch doorstep.db "SELECT key, state FROM outbox ORDER BY key"
        echo "-- files"
        for f in output/* output/sent/*; do [ -f "$f" ] && echo "$f"; done
    )
}
state ref >ref.state
state run >run.state
[ "$(sed -n 2p run.state)" = ok ] || fail "integrity_check: $(sed -n 2p run.state)"
ok "integrity_check ok"

# every message processed, exactly once
sql() { sqlite3 -batch -noheader run/doorstep.db "$1"; }
[ "$(sql "SELECT count(*) FROM messages")" = "$N" ] || fail "$(sql "SELECT count(*) FROM messages") messages stored, $N sent"
[ "$(sql "SELECT count(*) FROM messages WHERE state = 'new'")" = 0 ] || fail "messages left new"
[ -z "$(sql "SELECT message FROM posts WHERE message IS NOT NULL GROUP BY message HAVING count(*) > 1")" ] ||
    fail "a message made two posts"
# reference codes: unique, and for each kind 1, 2, 3... without a gap
sql "SELECT ref FROM posts ORDER BY ref" >refs
[ -z "$(uniq -d refs)" ] || fail "a reference code given twice: $(uniq -d refs | head -3)"
for k in R O; do
    grep "^$k-" refs | sed "s/^$k-0*//" >refs.$k
    seq 1 "$(wc -l <refs.$k)" | cmp -s - refs.$k || fail "the $k- codes are not 1..$(wc -l <refs.$k)"
done
ok "$N messages, each processed once; $(grep -c . refs) posts, codes 1..n"

# every output whole
for f in run/output/*.pdf; do
    pdfinfo "$f" >/dev/null 2>&1 || fail "$f is not a whole PDF"
done
for f in run/output/*.eml run/output/sent/*.eml; do
    python3 -c 'import email, sys; m = email.message_from_binary_file(open(sys.argv[1], "rb")); assert m["Message-ID"] and not m.defects, m.defects' "$f" ||
        fail "$f is not a whole message"
done
! ls run/output | grep -q '\.tmp\.' || fail "a temporary file was left behind"
ok "$(ls run/output/*.pdf | wc -l) PDFs read by pdfinfo"

diff ref.state run.state >state.diff || {
    head -40 state.diff
    fail "the end state differs from that of the stages run one after the other"
}
ok "the end state equals the sequential run's"

# renders run at once, sending by SMTP: the next day's digest reaches the server once
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || skip "python3-aiosmtpd is not installed (the rest passed)"
port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 "$SRC/tests/integration/smtpd.py" --port "$port" --out got >smtpd.log 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null' EXIT
i=0
until grep -q '^ready' smtpd.log; do
    i=$((i + 1)); [ $i -lt 100 ] || { cat smtpd.log; fail "smtpd did not start"; }
    sleep 0.1
done
sed -i "s/^method = file\$/method = smtp\\nhost = 127.0.0.1\\nport = $port\\nsecurity = none/" \
    run/doorstep.ini
printf '\n[digest]\nsend_when_empty = yes\n' >>run/doorstep.ini
: >run/codes
pids=
for i in 1 2 3 4 5; do
    DOORSTEP_NOW=2026-11-26T08:00:00 stage run doorstep-render digest &
    pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
grep -v ' 0$' run/codes >/dev/null && { cat run/log >&2; fail "a render sending at once failed"; }
[ "$(ls got/*.eml | wc -l)" = 1 ] || fail "$(ls got/*.eml | wc -l) copies of the digest sent"
[ "$(sql "SELECT state FROM outbox WHERE key = 'digest:2026-11-26'")" = sent ] || fail "not sent"
ok "5 renders at once, sending by SMTP: one copy"
