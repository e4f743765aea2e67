# [privacy] delete_from_mailbox against a real Dovecot: with yes, member forget and
# purge also delete from the IMAP mailbox the messages they delete from the database
# (UID STORE \Deleted, then UID EXPUNGE of exactly those UIDs), and nothing else: a
# message someone else flagged \Deleted stays; a kill after the database commit is
# finished by the next fetch; a changed UIDVALIDITY leaves the messages and says so;
# with no (the default) the mailbox is untouched.
. "$SRC/tests/integration/imap.sh"
imap_skip_if_stub

dovecot_start srv
mkdir m
msg() { # N FROM SUBJECT BODY: writes m/N.eml, prints its name
    n=$1
    shift
    printf 'From: %s\r\nTo: help@elmpark.example.org\r\nSubject: %s\r\nDate: Tue, 24 Nov 2026 07:%02d:00 +0000\r\nMessage-ID: <x%d@example.org>\r\n\r\n%s\r\n' \
        "$1" "$2" "$n" "$n" "$3" >"m/$(printf '%03d' $n).eml"
    echo "m/$(printf '%03d' $n).eml"
}
ids() { # the Message-IDs on the server, sorted, one line
    python3 - <<PY
import imaplib, re
m = imaplib.IMAP4("127.0.0.1", $IMAP_PORT)
m.login("$IMAP_USER", "$IMAP_PASSWORD")
m.select("INBOX", readonly=True)
typ, data = m.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
out = sorted(re.search(rb"<(x\d+)@", d[1]).group(1).decode() for d in data if isinstance(d, tuple))
print(" ".join(out))
PY
}
flag_deleted() { # UID: someone else marks it \Deleted (and does not expunge)
    python3 - <<PY
import imaplib
m = imaplib.IMAP4("127.0.0.1", $IMAP_PORT)
m.login("$IMAP_USER", "$IMAP_PASSWORD")
m.select("INBOX")
assert m.uid("STORE", "$1", "+FLAGS.SILENT", r"(\Deleted)")[0] == "OK"
m.logout()
PY
}
day() { DOORSTEP_NOW=$1; export DOORSTEP_NOW; }

imap_append "$(msg 1 'Ann Lee <ann@example.com>' 'REQUEST: lift to the GP Friday (Oak Road)' 'A lift please.')" \
    "$(msg 2 'Ann Lee <ann@example.com>' 'OFFER: soup on Sundays (Oak Road)' 'Soup for anyone.')" \
    "$(msg 3 'Bob Ray <bob@example.net>' 'OFFER: spare ladder (Elm Street)' 'My ladder.')" \
    "$(msg 4 'Cat <cat@example.org>' 'Thanks everyone' 'Thank you all for the help last week!')" \
    "$(msg 5 'undisclosed-recipients:;' 'DONE R-0001' 'no From')"
write_imap_config doorstep.ini tls "$IMAPS_PORT"
ini_set doorstep.ini privacy delete_from_mailbox yes
day 2026-11-24T08:00:00
run_fetch 0 -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
[ "$(ids)" = "x1 x2 x3 x4 x5" ] || fail "server before: $(ids)"
flag_deleted 3
[ "$(sql "SELECT state FROM messages WHERE message_id = 'x5@example.org'")" = quarantined ] || fail "x5 not quarantined"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini check
expect_grep '^ok +privacy: delete_from_mailbox = yes' out

# --- forget: her two messages leave the server, nothing else --------------------------
day 2026-11-25T08:00:00
expect_exit 0 "$BIN/doorstep" -c doorstep.ini -v member forget ann@example.com
expect_grep "2 messages deleted from the mailbox" err
[ "$(ids)" = "x3 x4 x5" ] || fail "after forget the server has: $(ids)"
[ "$(sql 'SELECT count(*) FROM mailbox_deletions')" = 0 ] || fail "the queue was not emptied"
ok "member forget deleted her messages from the mailbox, and only hers"

# --- purge: the messages it deletes (retention 1 day) leave the server too ------------
ini_set doorstep.ini privacy retention_days 1
day 2026-11-27T08:00:00
expect_exit 0 "$BIN/doorstep" -c doorstep.ini -v purge
expect_grep "purged 0 posts, 0 messages, 2 quarantined or ignored messages" out
expect_grep "2 messages deleted from the mailbox" err
[ "$(ids)" = "x3" ] || fail "after purge the server has: $(ids)"
[ "$(sql "SELECT count(*) FROM messages WHERE message_id = 'x3@example.org'")" = 1 ] || fail "Bob's message went"
ok "purge deleted what it purged from the mailbox; the message another flagged \\Deleted stays"

# --- a kill after the commit: the next fetch finishes the deletion -------------------
imap_append "$(msg 6 'Dan <dan@example.org>' 'OFFER: apples (Elm Street)' 'Apples.')" \
    "$(msg 7 'Dan <dan@example.org>' 'OFFER: pears (Elm Street)' 'Pears.')"
run_fetch 0 -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
[ "$(ids)" = "x3 x6 x7" ] || fail "server: $(ids)"
DOORSTEP_CRASH_AFTER_COMMITS=1 "$BIN/doorstep" -c doorstep.ini member forget dan@example.org >out 2>err &&
    fail "the crash hook did not kill member forget"
[ "$(sql "SELECT count(*) FROM messages WHERE message_id IN ('x6@example.org', 'x7@example.org')")" = 0 ] ||
    fail "the kill came before the commit (the test proves nothing)"
[ "$(sql 'SELECT count(*) FROM mailbox_deletions')" = 2 ] || fail "queue after the kill: $(sql 'SELECT * FROM mailbox_deletions')"
[ "$(ids)" = "x3 x6 x7" ] || fail "the server changed before the kill: $(ids)"
run_fetch 0 -c doorstep.ini -v
expect_grep "2 messages deleted from the mailbox" err
[ "$(ids)" = "x3" ] || fail "after the rerun the server has: $(ids)"
[ "$(sql 'SELECT count(*) FROM mailbox_deletions')" = 0 ] || fail "the queue stayed"
[ "$(sql "SELECT count(*) FROM messages WHERE message_id IN ('x6@example.org', 'x7@example.org')")" = 0 ] ||
    fail "the rerun fetched Dan's messages again"
ok "a kill between the commit and the server: the next fetch deletes them"

# --- UIDVALIDITY changed: left, and said ---------------------------------------------
imap_append "$(msg 8 'Eve <eve@example.org>' 'OFFER: plums (Elm Street)' 'Plums.')"
run_fetch 0 -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
imap_uidvalidity_bump
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member forget eve@example.org
expect_grep "1 messages to delete are left in the mailbox: its UIDVALIDITY changed" err
[ "$(ids)" = "x3 x8" ] || fail "a message fetched under another UIDVALIDITY was deleted: $(ids)"
ok "a changed UIDVALIDITY leaves the messages, and says so"

# --- no: untouched -------------------------------------------------------------------
ini_set doorstep.ini privacy delete_from_mailbox no
run_fetch 0 -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member forget bob@example.net
[ "$(ids)" = "x3 x8" ] || fail "delete_from_mailbox = no changed the server: $(ids)"
[ "$(sql 'SELECT count(*) FROM mailbox_deletions')" = 0 ] || fail "no queued deletions"
ok "delete_from_mailbox = no leaves the mailbox as it is"
