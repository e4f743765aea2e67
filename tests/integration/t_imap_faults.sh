# doorstep-fetch when the network fails, against a real Dovecot on 127.0.0.1: a server
# that is down (EX_TEMPFAIL, one line), a server that stops answering ([imap] timeout),
# a connection cut part-way at several points (cutproxy.py: in the TLS handshake, in
# the first batch, later batches; closed or reset) and a fetch killed part-way: each
# followed by a run that completes, with nothing lost and nothing stored twice.
. "$SRC/tests/integration/imap.sh"
imap_skip_if_stub

dovecot_start srv
gen_messages gen 300
gen_messages big 4 big 150000
set -- gen/*.eml big/*.eml
corpus=$SRC/../shared/corpus/mime
if ls "$corpus"/*.eml >/dev/null 2>&1; then
    echo "with the MIME corpus: $(ls "$corpus"/*.eml | wc -l) messages from $corpus"
    set -- "$@" "$corpus"/*.eml
else
    echo "note: no $corpus: without the MIME corpus, only generated messages"
fi
imap_append "$@"
total=$(imap_list | wc -l)
ok "$total messages on the server"

fresh() { rm -f doorstep.db doorstep.db-* doorstep.db.lock; }
rows() { sql 'SELECT count(*) FROM messages' 2>/dev/null || echo 0; }

# partial: what a broken run left is a part of the server's messages, each once
expect_partial() {
    imap_sha256s >server.sha
    sql "SELECT sha256 FROM messages ORDER BY sha256" >db.sha
    [ -z "$(comm -13 server.sha db.sha)" ] || fail "$1: stored messages the server lacks"
    [ "$(sql 'SELECT count(*) FROM (SELECT uid FROM messages GROUP BY uid HAVING count(*) > 1)')" = 0 ] ||
        fail "$1: a UID stored twice"
}

# complete: a clean run then gets everything, nothing twice
expect_complete() {
    write_imap_config doorstep.ini tls "$IMAPS_PORT"
    ini_set doorstep.ini fetch batch 20
    run_fetch 0 -c doorstep.ini -v
    expect_stored_is_server
    [ "$(rows)" = "$total" ] || fail "$1: $(rows) rows after the clean run, $total expected"
    expect_raw_matches_sha
}

# --- the server is down ------------------------------------------------------------------
port=$(free_port)
for sec in tls starttls none; do
    fresh
    write_imap_config doorstep.ini $sec "$port"
    run_fetch 75 -c doorstep.ini
    [ "$(grep -c . err)" = 1 ] || { cat err >&2; fail "server down: not one line"; }
    expect_grep "127\\.0\\.0\\.1" err
done
ok "server down: 75, $(cat err)"

# --- the server stops answering: [imap] timeout ------------------------------------------
for stall in 50:none 1500:tls; do
    fresh
    cutproxy_start "$IMAP_PORT" "${stall%%:*}" --stall
    [ "${stall#*:}" = none ] || { cutproxy_stop; cutproxy_start "$IMAPS_PORT" "${stall%%:*}" --stall; }
    write_imap_config doorstep.ini "${stall#*:}" "$PROXY_PORT"
    ini_set doorstep.ini imap timeout 2
    t0=$(date +%s)
    run_fetch 75 -c doorstep.ini
    t1=$(date +%s)
    [ $((t1 - t0)) -le 10 ] || fail "timeout = 2, but it took $((t1 - t0)) s"
    cutproxy_stop
    ok "no answer after ${stall%%:*} bytes (${stall#*:}): 75 after $((t1 - t0)) s: $(head -1 err)"
done

# --- cut part-way, each followed by a clean run --------------------------------------------
# SECURITY:N[:reset]: the connection closed (or reset) after N bytes from the server.
# With TLS, 2000 is in the handshake (the certificate), 50000 in the first batch,
# 400000 and 1500000 after batches were committed; in plain text, 60 is in the
# greeting; with STARTTLS, 300 is around the STARTTLS command. Every cut must give
# EX_TEMPFAIL (75) promptly, keep only whole batches, and let the next run complete.
# (Wrong exit codes are gathered and reported at the end, after every other case.)
wrong=
for cut in tls:2000 tls:50000 tls:400000 tls:1500000 tls:120000:reset \
    none:60 none:120000 none:120000:reset starttls:300 starttls:300:reset starttls:90000:reset; do
    sec=${cut%%:*} n=${cut#*:} opt=
    case $n in *:reset) n=${n%:reset} opt=--reset ;; esac
    port=$IMAP_PORT
    [ "$sec" != tls ] || port=$IMAPS_PORT
    fresh
    cutproxy_start "$port" "$n" $opt
    write_imap_config doorstep.ini "$sec" "$PROXY_PORT"
    ini_set doorstep.ini fetch batch 20
    FETCH_TIMEOUT=20 fetch -c doorstep.ini >out 2>err
    rc=$?
    { echo "== $cut (exit $rc)"; cat out err; } >>all.out
    cutproxy_stop
    msg=$(head -1 err)
    # without the shared MIME corpus the mailbox is smaller than the latest cuts
    mbytes=$(imap_list | awk '{ t += $2 } END { print t + 0 }')
    case $rc in
    75) ;;
    0) [ "$n" -gt "$mbytes" ] || wrong="$wrong
  $cut: exit 0 although the mailbox ($mbytes bytes) is larger than the cut" ;;
    124) wrong="$wrong
  $cut: still running after 20 s (killed)" ;;
    *) wrong="$wrong
  $cut: exit $rc ($msg)" ;;
    esac
    expect_partial "$cut"
    case $cut in
    tls:400000 | tls:1500000) [ "$(rows)" -ge 20 ] || fail "$cut: no batch committed" ;;
    esac
    left=$(rows)
    expect_complete "$cut"
    ok "cut $cut: exit $rc ($msg), $left kept, then complete"
done
# cut again and again: each run goes on from the last batch committed (a batch must
# fit in what passes before the cut: 2 messages, at most ~450 KB here, in 700000 bytes)
fresh
cutproxy_start "$IMAPS_PORT" 700000
write_imap_config doorstep.ini tls "$PROXY_PORT"
ini_set doorstep.ini fetch batch 2
before=0
for i in 1 2 3; do
    run_fetch "0 75" -c doorstep.ini
    expect_partial "cut $i"
    [ "$(rows)" -gt "$before" ] || fail "cut $i: the run did not go on from the last one"
    before=$(rows)
    [ "$_rf_got" = 75 ] || break # all fetched before the third cut
done
[ "$i" -ge 2 ] || fail "the first run should have been cut"
cutproxy_stop
expect_complete "three cuts"
ok "three cuts in a row, each run going on: then complete"

# --- killed part-way (SIGKILL while the server is sending) -----------------------------
fresh
cutproxy_start "$IMAPS_PORT" 600000 --stall
write_imap_config doorstep.ini tls "$PROXY_PORT"
ini_set doorstep.ini fetch batch 20
"$BIN/doorstep-fetch" -c doorstep.ini >out 2>err &
fpid=$!
k=0
until grep -q stalled proxy.log; do
    k=$((k + 1))
    [ $k -lt 200 ] || { kill -9 $fpid; fail "the fetch never reached 600000 bytes"; }
    sleep 0.05
done
kill -9 $fpid
wait $fpid 2>/dev/null
cutproxy_stop
expect_partial "killed"
left=$(rows)
expect_complete "killed"
ok "killed part-way ($left kept): then complete"

! grep -qF "$IMAP_PASSWORD" all.out || fail "the password appears in the output"
# (reported last, so that every other case ran)
[ -z "$wrong" ] || fail "a cut connection must end with exit 75 (EX_TEMPFAIL) at once:$wrong"
ok "IMAP faults"
