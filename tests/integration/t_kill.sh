# Kill test: fetch (from a real Dovecot), process and render run as `doorstep daily`
# and are SIGKILLed at many moments (KILLS, default 50: at random times, and right
# after the Nth commit of each stage); then a clean run finishes. The end state must
# equal that of a run never interrupted: PRAGMA integrity_check ok, the same messages
# (by sha256), the same posts (by reference, kind, status), the same outbox, every
# output file whole, and no digest sent twice.
. "$SRC/tests/integration/imap.sh"

KILLS=${KILLS:-50}
N=${KILL_MESSAGES:-1500}
SEED=${KILL_SEED:-$$}
echo "kill test: $N messages, $KILLS kills, seed $SEED"
# fetch's checkpoints (in a thread of their own) every 16 pages of WAL, and the WAL
# starting over every 128: kills also land while the log is copied into the database
export DOORSTEP_FETCH_CHECKPOINT=16

# a group's mail: offers and requests on the demo streets, closings, chatter
python3 "$SRC/tests/integration/groupmail.py" mail "$N" --seed 42 --lines 20 --tag kill
ca_make ca
dovecot_start dv
imap_append mail/*.eml

setup() { # DIR: a fresh working folder with its config
    rm -rf "$1"
    mkdir -p "$1"
    write_imap_config "$1/doorstep.ini" tls "$IMAPS_PORT"
    ini_set "$1/doorstep.ini" fetch batch 50
    ini_set "$1/doorstep.ini" group moderation none
}
state() { # DIR: what must not depend on interruptions
    (
        cd "$1" || exit 1
        sqlite3 -batch doorstep.db 'PRAGMA integrity_check'
        echo "-- messages"
        sqlite3 -batch doorstep.db "SELECT sha256, state, coalesce(reason, '') FROM messages ORDER BY sha256"
        echo "-- posts"
        sqlite3 -batch doorstep.db "SELECT p.ref, p.kind, p.status, p.category, coalesce(p.street, ''),
            m.sha256 FROM posts p LEFT JOIN messages m ON m.id = p.message ORDER BY p.ref"
        echo "-- outbox"
        sqlite3 -batch doorstep.db "SELECT key, state FROM outbox ORDER BY key"
        # the outputs' names; their content depends on what was there when a killed
        # daily went on to render (a stage that fails does not stop the next)
        echo "-- files"
        for f in output/* output/sent/*; do [ -f "$f" ] && echo "$f"; done
    )
}
daily() { (cd "$1" && "$BIN/doorstep" -c doorstep.ini -q daily); }

# the reference: never interrupted
setup ref
daily ref >ref.log 2>&1 || { cat ref.log; fail "the uninterrupted run failed"; }
state ref >ref.state
[ "$(sed -n 1p ref.state)" = ok ] || fail "integrity of the reference"
[ "$(grep -c . ref/output/sent/* 2>/dev/null | wc -l)" -ge 1 ] || fail "no digest in the reference"

setup run
kills=0
i=0
# kills right after the Nth commit of every stage (fetch, then process, then render)
for n in 1 2 3 5 8 13 21 34; do
    [ $kills -lt $((KILLS / 3)) ] || break
    (cd run && DOORSTEP_CRASH_AFTER_COMMITS=$n "$BIN/doorstep" -c doorstep.ini -q daily) \
        >>kill.log 2>&1
    kills=$((kills + 1))
done
# kills at random moments: the Ith after 5 to 900 ms, drawn from SEED and I (all drawn
# at once, as python3 takes a while to start)
python3 -c "import random
for i in range(1, $KILLS + 1): print(random.Random($SEED * 1000 + i).randint(5, 900))" >kill.ms
while [ $kills -lt "$KILLS" ]; do
    i=$((i + 1))
    ms=$(sed -n "${i}p" kill.ms)
    (cd run && exec "$BIN/doorstep" -c doorstep.ini -q daily) >>kill.log 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' "$ms")"
    # the whole process group: daily and whichever stage it is running
    pkill -KILL -P $pid 2>/dev/null
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    kills=$((kills + 1))
    # never a half-written output
    for f in run/output/*.pdf; do
        [ -f "$f" ] || continue
        tail -c 8 "$f" | grep -q '%%EOF' || fail "$f is not whole after kill $kills"
    done
done
daily run >final.log 2>&1 || { cat final.log; fail "the clean run after $kills kills failed"; }
state run >run.state
diff ref.state run.state >state.diff || {
    head -40 state.diff
    fail "the state after $kills kills differs from an uninterrupted run (seed $SEED)"
}
# every output whole
for f in run/output/*.pdf; do
    pdfinfo "$f" >/dev/null 2>&1 || fail "$f is not a whole PDF"
done
# (one python3 for the 200 files: a start each took minutes)
python3 - run/output/*.eml run/output/sent/*.eml <<'PY' >eml.bad 2>&1 || fail "$(cat eml.bad)"
import email, sys
for f in sys.argv[1:]:
    m = email.message_from_binary_file(open(f, "rb"))
    if not m["Message-ID"] or m.defects:
        sys.exit("%s is not a whole message: %s" % (f, m.defects or "no Message-ID"))
PY
# no digest sent twice: one file per key in the transport's folder
[ "$(ls run/output/sent | wc -l)" = "$(ls ref/output/sent | wc -l)" ] || fail "sent files"
! ls run/output | grep -q '\.tmp\.' || fail "a temporary file was left behind"
ok "$kills kills (seed $SEED), then the same end state as an uninterrupted run"
