# The mailbox doorstep-fetch reads, against a real Dovecot on 127.0.0.1: [imap]
# mailbox written in UTF-8 reaches the server in modified UTF-7 (RFC 3501 5.1.3),
# for fetch and for doorstep check, as does a name already written that way; a
# mailbox that does not exist is an error naming it and what the server has (never
# "0 new"); the mailbox is opened with SELECT (a server may keep no UIDs for one
# opened read-only) and no flag of any message changes; an unchanged mailbox is not
# downloaded twice.
. "$SRC/tests/integration/imap.sh"
imap_skip_if_stub

dovecot_start srv
BOX='INBOX.Grüße Nachbarn'
WIRE='INBOX.Gr&APwA3w-e Nachbarn'
BOX2='Tom & Jerry 😀 Ä'
WIRE2='Tom &- Jerry &2D3eAA- &AMQ-'
imap_create "$WIRE"
imap_create "$WIRE2"
gen_messages gen 12
gen_messages other 3 other
imap_append -m "$WIRE" gen/*.eml
imap_append -m "$WIRE2" other/*.eml

fresh() { rm -f doorstep.db doorstep.db-* doorstep.db.lock; }
rows() { sql 'SELECT count(*) FROM messages' 2>/dev/null || echo 0; }

# --- a UTF-8 name: fetch and check --------------------------------------------------------
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT" "mailbox = $BOX"
run_fetch 0 -c doorstep.ini -v
expect_grep "12 new, 0 already stored" err
expect_stored_is_server "$WIRE"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini check
expect_grep "^ok +imap login and certificate: .*$BOX: 12 messages" out
ok "[imap] mailbox = $BOX: sent as $WIRE, 12 fetched, doorstep check agrees"

fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT" "mailbox = $BOX2"
run_fetch 0 -c doorstep.ini -v
expect_grep "3 new, 0 already stored" err
expect_stored_is_server "$WIRE2"
ok "[imap] mailbox = $BOX2 (\"&\", an astral character, a name ending in non-ASCII)"

# a config written before: the modified UTF-7 form goes as it is
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT" "mailbox = $WIRE"
run_fetch 0 -c doorstep.ini -v
expect_grep "12 new, 0 already stored" err
ok "[imap] mailbox = $WIRE (already modified UTF-7) still works"

# --- a mailbox that does not exist ------------------------------------------------------------
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT" "mailbox = INBOX.Grüße Nachbar"
run_fetch 66 -c doorstep.ini -v
expect_grep "\\[imap\\] mailbox = \"INBOX.Grüße Nachbar\" \\(sent as \"INBOX.Gr&APwA3w-e Nachbar\"\\): no such mailbox" err
expect_grep "the server has: .*\"$BOX\"" err
expect_grep "\"$BOX2\"" err
expect_no_grep "0 new" err
[ "$(grep -c . err)" = 1 ] || { cat err >&2; fail "a missing mailbox: not one line"; }
said=$(cut -c1-200 err)
expect_exit 78 "$BIN/doorstep" -c doorstep.ini check
expect_grep "^FAILED +imap login and certificate: .*INBOX.Grüße Nachbar.*the server has" out
ok "a mailbox that does not exist: 66, $said"

# --- SELECT, and no flag changes ------------------------------------------------------------------
# flags of every kind on some messages; after fetching, each message has the same
# flags (\Recent aside: a session flag, which a SELECT takes by definition)
imap_flag "$WIRE" 2 '\Seen'
imap_flag "$WIRE" 3 '\Flagged'
imap_flag "$WIRE" 4 '$Label1'
imap_flag "$WIRE" 5 '\Answered \Seen'
flags() { imap_list "$WIRE" | sed 's/\\Recent//; s/  */ /g; s/ *$//'; }
flags >before.list
grep -q 'Seen' before.list || fail "imap_flag did not set the flags"
fresh
cutproxy_start "$IMAP_PORT" 0 --dump up1.dump
write_imap_config doorstep.ini none "$PROXY_PORT" "mailbox = $BOX" "after_fetch = keep"
run_fetch 0 -c doorstep.ini -v
expect_grep "12 new, 0 already stored" err
cutproxy_stop
flags >after.list
cmp -s before.list after.list || { diff before.list after.list >&2; fail "fetching changed flags"; }
grep -aq "SELECT \"$WIRE\"" up1.dump || { cat up1.dump >&2; fail "the mailbox was not opened with SELECT"; }
! grep -aq "EXAMINE" up1.dump || fail "EXAMINE: a server may then keep no UIDs"
! grep -aEiq "STORE|BODY\\[|RFC822[^.]" up1.dump || { grep -aEi "STORE|BODY\\[|RFC822[^.]" up1.dump >&2; fail "a command that may set \\Seen"; }
grep -aq "BODY.PEEK\\[\\]" up1.dump || fail "no BODY.PEEK[] fetch?"
ok "opened with SELECT, read with BODY.PEEK: flags unchanged ($(grep -c 'Seen\|Flagged\|Label' after.list) flagged messages)"

# --- an unchanged mailbox is not downloaded twice --------------------------------------------
uv=$(sql "SELECT uidvalidity FROM mailbox_state" 2>/dev/null || true)
cutproxy_start "$IMAP_PORT" 0 --dump up2.dump
write_imap_config doorstep.ini none "$PROXY_PORT" "mailbox = $BOX"
run_fetch 0 -c doorstep.ini -v
cutproxy_stop
expect_grep "0 new, 0 already stored" err
! grep -aq "BODY.PEEK" up2.dump || { cat up2.dump >&2; fail "an unchanged mailbox was fetched again"; }
expect_no_grep "UIDVALIDITY changed" err
flags >after2.list
cmp -s before.list after2.list || fail "the second run changed flags"
ok "the second run: nothing downloaded, UIDVALIDITY kept${uv:+ ($uv)}"

# --- after_fetch = move: to a folder named in UTF-8 -------------------------------------------
imap_create 'Erledigt &AMQ-'
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT" "mailbox = $BOX2" "after_fetch = move:Erledigt Ä"
run_fetch 0 -c doorstep.ini -v
expect_grep "3 new, 0 already stored" err
[ "$(imap_list 'Erledigt &AMQ-' | wc -l)" = 3 ] || fail "not moved into 'Erledigt Ä'"
[ "$(imap_list "$WIRE2" | wc -l)" = 0 ] || fail "still in $BOX2 after the move"
ok "after_fetch = move:Erledigt Ä: sent as Erledigt &AMQ-"
