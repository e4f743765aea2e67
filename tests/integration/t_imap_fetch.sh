# doorstep-fetch from a real Dovecot on 127.0.0.1: every message once, exactly the
# bytes served, incremental by UID (a second run fetches nothing, new mail only the
# new), a UIDVALIDITY change stores no duplicates, a message above [fetch] max_size is
# recorded and left on the server, after_fetch = seen | move:FOLDER.
. "$SRC/tests/integration/imap.sh"
imap_skip_if_stub

dovecot_start srv
gen_messages gen 300
gen_messages big 1 big 600000
set -- gen/*.eml big/*.eml
corpus=$SRC/../shared/corpus/mime
if ls "$corpus"/*.eml >/dev/null 2>&1; then
    echo "with the MIME corpus: $(ls "$corpus"/*.eml | wc -l) messages from $corpus"
    set -- "$@" "$corpus"/*.eml
else
    echo "note: no $corpus: without the MIME corpus, only generated messages"
fi
imap_append "$@"
imap_list >server.list
total=$(wc -l <server.list)
uidvalidity=$(imap_uidvalidity)
ok "$total messages on the server (UIDVALIDITY $uidvalidity)"

# --- the first fetch: everything, exactly as served -----------------------------------
write_imap_config doorstep.ini tls "$IMAPS_PORT"
run_fetch 0 -c doorstep.ini -v
expect_grep "$total new, 0 already stored" err
[ "$(sql 'SELECT count(*) FROM messages')" = "$total" ] || fail "$total rows expected"
expect_stored_is_server
expect_raw_matches_sha
# each row: its UID, size, sha256 and UIDVALIDITY as on the server
awk '{print $1, $2, $3}' server.list >want.rows
sql "SELECT uid || ' ' || size || ' ' || sha256 FROM messages ORDER BY uid" >got.rows
cmp -s want.rows got.rows || { diff want.rows got.rows | head -5 >&2; fail "uid/size/sha256"; }
[ "$(sql "SELECT count(*) FROM messages LEFT JOIN message_raw ON message = id WHERE uidvalidity IS NOT $uidvalidity
          OR internal_date IS NULL OR internal_date < 1000000000 OR fetched_at IS NULL
          OR size != length(raw) OR state != 'new'")" = 0 ] ||
    fail "rows with a wrong uidvalidity, internal_date, fetched_at, size or state"
[ "$(sql "SELECT message_id FROM messages WHERE uid = 1")" = gen-1@elmpark.example.org ] ||
    fail "message_id of UID 1"
[ "$(sql "SELECT uidvalidity || ' ' || last_uid FROM mailbox_state")" = \
    "$uidvalidity $(tail -1 server.list | cut -d' ' -f1)" ] || fail "mailbox_state"
# keep (the default): the server's flags are untouched (BODY.PEEK, EXAMINE)
imap_list | grep -q 'Seen' && fail "after_fetch = keep marked messages \\Seen"
ok "first fetch: $total messages, bytes and sha256 as served"

# --- a second run fetches nothing, new mail only the new -------------------------------
run_fetch 0 -c doorstep.ini -v
expect_grep " 0 new, 0 already stored" err
[ "$(sql 'SELECT count(*) FROM messages')" = "$total" ] || fail "the second run changed the rows"
gen_messages new 5 new
imap_append new/*.eml
run_fetch 0 -c doorstep.ini -v
expect_grep " 5 new, 0 already stored" err
total=$((total + 5))
[ "$(sql 'SELECT count(*) FROM messages')" = "$total" ] || fail "$total rows expected"
[ "$(sql "SELECT count(*) FROM messages WHERE message_id LIKE 'new-%'")" = 5 ] ||
    fail "the 5 new messages"
expect_stored_is_server
ok "second run: nothing; new mail: only the 5 new"

# --- UIDVALIDITY changes: everything again, nothing twice ------------------------------
imap_uidvalidity_bump
run_fetch 0 -c doorstep.ini -v
expect_grep " 0 new, $total already stored" err
[ "$(sql 'SELECT count(*) FROM messages')" = "$total" ] || fail "duplicates after UIDVALIDITY"
[ "$(sql 'SELECT uidvalidity FROM mailbox_state')" = "$(imap_uidvalidity)" ] ||
    fail "new UIDVALIDITY not recorded"
gen_messages new2 2 new2
imap_append new2/*.eml
run_fetch 0 -c doorstep.ini -v
expect_grep " 2 new, 0 already stored" err
total=$((total + 2))
expect_stored_is_server
ok "UIDVALIDITY change: no duplicates, then incremental again"

# --- above max_size: recorded (headers, reason), left on the server, once -------------
rm -f doorstep.db doorstep.db-* doorstep.db.lock
ini_set doorstep.ini fetch max_size 200000
ini_set doorstep.ini fetch batch 50
imap_list >server.list
awk '$2 > 200000 {print $1, $2}' server.list >big.want
nbig=$(wc -l <big.want)
[ "$nbig" -ge 1 ] || fail "no message above 200000 bytes on the server"
run_fetch 0 -c doorstep.ini -v
expect_grep "max_size" err
expect_grep " $((total - nbig)) new, 0 already stored, $nbig too large" err
sql "SELECT uid || ' ' || size FROM messages WHERE state = 'quarantined' ORDER BY uid" >big.got
cmp -s big.want big.got || { diff big.want big.got >&2; fail "quarantined rows"; }
sql "SELECT uid, size, reason FROM messages WHERE state = 'quarantined'" >reasons
while read -r uid size; do
    grep -q "^$uid|$size|.*too large: $size bytes" reasons || { cat reasons >&2; fail "reason of UID $uid"; }
done <big.want
[ "$(sql "SELECT count(*) FROM messages WHERE message_id = 'big-1@elmpark.example.org'
          AND state = 'quarantined'")" = 1 ] || fail "the big message's headers"
awk '$2 <= 200000 {print $3}' server.list | sort -u >small.sha
sql "SELECT sha256 FROM messages WHERE state != 'quarantined' ORDER BY sha256" >db.sha
cmp -s small.sha db.sha || fail "the messages under max_size are not all stored"
[ "$(imap_list | wc -l)" = "$total" ] || fail "messages left the server"
run_fetch 0 -c doorstep.ini -v
expect_grep " 0 new, 0 already stored, 0 too large" err
[ "$(sql 'SELECT count(*) FROM messages')" = "$total" ] || fail "oversize recorded twice"
ini_set doorstep.ini fetch max_size
ini_set doorstep.ini fetch batch
ok "max_size: $nbig recorded as quarantined, the rest stored"

# --- small windows: listed and fetched window by window, across gaps -----------------
# DOORSTEP_FETCH_WINDOW=4 (instead of 5000): UIDs listed 4 at a time, the window doubling
# over a gap of 22 expunged UIDs, batches of 3 committed across windows, oversize
# messages among the others, \Seen set window by window.
imap_create Windows
gen_messages win 60 win
gen_messages winbig 2 winbig 600000
# UIDs 1-4, 5 (big), 6-35, 36 (big), 37-62; then 9-30 expunged
imap_append -m Windows $(ls win/*.eml | head -4) winbig/winbig-0001.eml \
    $(ls win/*.eml | sed -n 5,34p) winbig/winbig-0002.eml $(ls win/*.eml | sed -n 35,60p)
"$DOVEADM" -c "$DOVECOT_CONF" expunge -u "$IMAP_USER" mailbox Windows uid 9:30 >&2 ||
    fail "doveadm expunge failed"
imap_list Windows >win.list
[ "$(wc -l <win.list)" = 40 ] || fail "Windows holds $(wc -l <win.list) messages, not 40"
rm -f doorstep.db doorstep.db-* doorstep.db.lock
write_imap_config doorstep.ini tls "$IMAPS_PORT" "mailbox = Windows" "after_fetch = seen"
ini_set doorstep.ini fetch max_size 200000
ini_set doorstep.ini fetch batch 3
DOORSTEP_FETCH_WINDOW=4 run_fetch 0 -c doorstep.ini -vv
expect_grep " 38 new, 0 already stored, 2 too large" err
# empty windows: the next one twice as wide (then kept); the last one open
tr '\n' ' ' <err >err.line
expect_grep "UIDs 5:8: 4 new.*UIDs 9:12: 0 new.*UIDs 13:20: 0 new.*UIDs 21:36: 6 new.*UIDs 37:52: 16 new.*UIDs 53:\*: 10 new" \
    err.line
awk '$2 <= 200000 {print $3}' win.list | sort >small.sha
sql "SELECT sha256 FROM messages WHERE state != 'quarantined' ORDER BY sha256" >db.sha
cmp -s small.sha db.sha || fail "the messages of Windows under max_size are not all stored"
[ "$(sql "SELECT count(*) FROM messages WHERE state = 'quarantined'")" = 2 ] ||
    fail "the 2 oversize messages"
[ "$(sql 'SELECT last_uid FROM mailbox_state')" = "$(tail -1 win.list | cut -d' ' -f1)" ] ||
    fail "last_uid after small windows"
[ "$(imap_list Windows | grep -c 'Seen')" = 40 ] || fail "not every message \\Seen"
gen_messages win2 9 win2
imap_append -m Windows win2/*.eml
DOORSTEP_FETCH_WINDOW=4 run_fetch 0 -c doorstep.ini -vv
expect_grep " 9 new, 0 already stored, 0 too large" err
[ "$(sql "SELECT count(*) FROM messages WHERE state != 'quarantined'")" = 47 ] ||
    fail "47 messages expected after 9 new"
ok "small windows: gaps, batches across windows, oversize, after_fetch"

# --- after_fetch = seen: \Seen on the server, only for what was committed -------------
# (the cut comes first: a connection lost part-way must leave no message \Seen that is
# not in the database)
rm -f doorstep.db doorstep.db-* doorstep.db.lock
imap_list | grep -q 'Seen' && fail "messages already \\Seen"
cutproxy_start "$IMAPS_PORT" 400000
write_imap_config doorstep.ini tls "$PROXY_PORT" "after_fetch = seen"
ini_set doorstep.ini fetch batch 20
run_fetch 75 -c doorstep.ini
cutproxy_stop
sql "SELECT sha256 FROM messages ORDER BY sha256" >db.sha
imap_list | awk '/Seen/ {print $3}' | sort >seen.sha
[ -s db.sha ] || fail "nothing committed before the cut (batch = 20, 400000 bytes)"
[ -z "$(comm -13 db.sha seen.sha)" ] || fail "messages marked \\Seen but not stored"
ok "after_fetch = seen, cut part-way: $(wc -l <seen.sha) \\Seen, $(wc -l <db.sha) stored"
write_imap_config doorstep.ini tls "$IMAPS_PORT" "after_fetch = seen"
run_fetch 0 -c doorstep.ini -v
expect_stored_is_server
[ "$(imap_list | grep -c 'Seen')" = "$total" ] || fail "not every message is \\Seen"
ok "after_fetch = seen"

# --- after_fetch = move:Archive ------------------------------------------------------
rm -f doorstep.db doorstep.db-* doorstep.db.lock
imap_sha256s >all.sha
imap_create Archive
cutproxy_start "$IMAPS_PORT" 400000
write_imap_config doorstep.ini tls "$PROXY_PORT" "after_fetch = move:Archive"
ini_set doorstep.ini fetch batch 20
run_fetch 75 -c doorstep.ini
cutproxy_stop
sql "SELECT sha256 FROM messages ORDER BY sha256" >db.sha
imap_sha256s Archive >archive.sha
[ -s db.sha ] || fail "nothing committed before the cut"
[ -z "$(comm -13 db.sha archive.sha)" ] || fail "messages moved but not stored"
{ imap_sha256s INBOX; cat archive.sha; } | sort >both.sha
cmp -s all.sha both.sha || fail "messages lost or doubled on the server by the move"
write_imap_config doorstep.ini tls "$IMAPS_PORT" "after_fetch = move:Archive"
run_fetch 0 -c doorstep.ini -v
[ "$(imap_list INBOX | wc -l)" = 0 ] || fail "messages left in INBOX after move:Archive"
expect_stored_is_server Archive
gen_messages new3 3 new3
imap_append new3/*.eml
run_fetch 0 -c doorstep.ini -v
expect_grep " 3 new, 0 already stored" err
[ "$(imap_list INBOX | wc -l)" = 0 ] || fail "new messages not moved"
expect_stored_is_server Archive
ok "after_fetch = move:Archive"

! grep -qF "$IMAP_PASSWORD" all.out || fail "the password appears in the output"
ok "IMAP fetch"
