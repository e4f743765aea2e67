# doorstep purge, alone and at the end of doorstep daily: after [privacy]
# retention_days a closed post goes with its message, and so do ignored, quarantined
# and post-less mail; sent mail goes after outbox_days; open and recently closed posts
# stay; the space is reclaimed (the purged words are gone from the database files);
# purged mail still in the maildir is not fetched again; -q prints nothing.
. "$SRC/tests/integration/lib.sh"

write_config doorstep.ini
cat >>doorstep.ini <<'INI'

[privacy]
retention_days = 90
outbox_days = 30
INI
mkdir -p Maildir/cur Maildir/new Maildir/tmp
n=0
mail() { # FROM SUBJECT DATE BODY [EXTRA HEADER]
    n=$((n + 1))
    { [ -z "$1" ] || printf 'From: %s\n' "$1"
      [ -z "${5:-}" ] || printf '%s\n' "$5"
      printf 'To: help@elmpark.example.org\nSubject: %s\nDate: %s\nMessage-ID: <p%d@example.org>\n\n%s\n' \
        "$2" "$3" "$n" "$4"; } >"Maildir/new/17950000$(printf '%02d' $n).test"
}
mail "Ann Lee <ann@example.com>" "REQUEST: lift to the GP Friday (Oak Road)" \
    "Mon, 3 Aug 2026 07:00:00 +0000" "Could anyone give me a lift? purgemarker-request"
mail "Bob Ray <bob@example.net>" "OFFER: spare ladder (Elm Street)" \
    "Mon, 3 Aug 2026 07:10:00 +0000" "Happy to lend my ladder to anyone."
mail "Ann Lee <ann@example.com>" "DONE R-0001" "Mon, 3 Aug 2026 07:20:00 +0000" "Sorted, thanks! purgemarker-closing"
mail "Ann Lee <ann@example.com>" "Out of office" "Mon, 3 Aug 2026 07:30:00 +0000" \
    "I am away. purgemarker-ignored" "Auto-Submitted: auto-replied"
mail "" "REQUEST: no sender" "Mon, 3 Aug 2026 07:40:00 +0000" "purgemarker-quarantined"

DOORSTEP_NOW=2026-08-03T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
[ ! -s out ] || fail "daily prints nothing on stdout by default: $(cat out)"
expect_no_grep "purged" err
DOORSTEP_NOW=2026-08-03T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini -v daily
expect_grep "info: purged 0 posts, 0 messages, 0 quarantined or ignored messages, 0 sent mails, 0 output files$" err
[ "$(sql "SELECT ref || ' ' || status FROM posts ORDER BY id" | tr '\n' ,)" = "R-0001 done,O-0001 open," ] ||
    fail "day 1 posts: $(sql 'SELECT ref, status FROM posts')"
[ "$(sql "SELECT group_concat(state, ',') FROM (SELECT state FROM messages ORDER BY id)")" = \
    "processed,processed,processed,ignored,quarantined" ] || fail "day 1 messages: $(sql 'SELECT id, state FROM messages')"
[ "$(sql "SELECT count(*) FROM outbox WHERE state = 'sent'")" -ge 1 ] || fail "no digest sent on day 1"

# 38 days on: the sent digest is older than outbox_days; every post is younger than
# retention_days
DOORSTEP_NOW=2026-09-10T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini purge
expect_grep "^purged 0 posts, 0 messages, 0 quarantined or ignored messages, [1-9][0-9]* sent mails, [1-9][0-9]* output files$" out
# the copies the file transport wrote went with them; the PDFs stay (retention_days)
[ -z "$(ls output/sent | grep 2026-08-03)" ] || fail "day 1 sent mail files stayed: $(ls output/sent)"
ls output | grep -q '^rota-2026-08-03\.pdf$' || fail "day 1 rota went too early: $(ls output)"
[ "$(sql "SELECT count(*) FROM outbox")" = 0 ] || fail "the old sent digest stayed"
[ "$(sql "SELECT count(*) FROM messages")" = 5 ] || fail "messages went too early"
ok "outbox_days"

# 114 days on, a daily run: R-0001 (done 114 days ago) goes with its message, the
# closing, the ignored and the quarantined mail; O-0001 expires today and stays
DOORSTEP_NOW=2026-11-25T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini -v daily
expect_grep "info: purged 1 posts, 2 messages, 2 quarantined or ignored messages, 0 sent mails, [1-9][0-9]* output files$" err
# the files written on day 1 were older than retention_days; today's were written
[ -z "$(ls output | grep 2026-08-03)" ] || fail "day 1 outputs stayed: $(ls output)"
ls output | grep -q '^digest-2026-11-25\.eml$' || fail "today's digest is missing: $(ls output)"
ls output | grep -q '^rota-2026-11-25\.pdf$' || fail "today's rota is missing: $(ls output)"
[ "$(sql "SELECT ref || ' ' || status FROM posts ORDER BY id" | tr '\n' ,)" = "O-0001 expired," ] ||
    fail "posts after the purge: $(sql 'SELECT ref, status FROM posts')"
[ "$(sql "SELECT count(*) FROM messages")" = 1 ] || fail "messages after the purge: $(sql 'SELECT id, state FROM messages')"
[ "$(sql "SELECT count(*) FROM posts p JOIN messages m ON m.id = p.message")" = 1 ] ||
    fail "O-0001 lost its message"
[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "integrity after the purge"
[ "$(sql 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || fail "dangling references after the purge"
ok "retention_days"

# the space is reclaimed: not a byte of the purged mail is left in the files
for f in doorstep.db doorstep.db-wal; do
    [ -f "$f" ] || continue
    c=$(grep -c -a purgemarker "$f")
    [ "$c" = 0 ] || fail "$f still holds purged text ($c lines)"
done
ok "purged text is gone from the database files"

# the maildir still holds the purged mail (it is read whole every time): the next
# day does not bring it back
DOORSTEP_NOW=2026-11-26T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
[ "$(sql "SELECT count(*) FROM messages")" = 1 ] || fail "purged mail came back: $(sql 'SELECT id, state FROM messages')"
[ "$(sql "SELECT count(*) FROM forgotten")" = 4 ] || fail "forgotten: $(sql 'SELECT count(*) FROM forgotten')"
ok "purged mail is not fetched again"

# -q: nothing on stdout; a second purge finds nothing
DOORSTEP_NOW=2026-11-25T09:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini -q purge
[ ! -s out ] || fail "purge -q printed: $(cat out)"
expect_exit 64 "$BIN/doorstep" -c doorstep.ini purge now
ok "purge -q is quiet; purge takes no arguments"
