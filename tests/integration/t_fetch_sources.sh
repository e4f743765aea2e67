# doorstep-fetch from a maildir and an mbox: bytes kept exactly, each message once,
# oversize messages recorded (not dropped), a missing source a clear error.
. "$SRC/tests/integration/lib.sh"

mkdir -p Maildir/cur Maildir/new
cp "$SRC"/config/demo/Maildir/cur/* Maildir/cur/
first=$(ls Maildir/cur | head -1)
write_config doorstep.ini
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
[ "$(sql 'SELECT count(*) FROM messages')" = 32 ] || fail "32 messages expected"
# the bytes are exactly those of the file
sql "SELECT hex(raw) FROM messages LEFT JOIN message_raw ON message = id WHERE id = 1" >stored.hex
od -An -tx1 -v "Maildir/cur/$first" | tr -d ' \n' | tr a-f A-F >file.hex
echo >>file.hex
cmp -s stored.hex file.hex || fail "stored bytes differ from the file"
[ "$(sql 'SELECT sha256 FROM messages WHERE id = 1')" = "$(sha256sum "Maildir/cur/$first" | cut -d' ' -f1)" ] ||
    fail "sha256"
[ -n "$(sql 'SELECT message_id FROM messages WHERE id = 1')" ] || fail "message_id"
# the same message delivered again (another file name) is not stored twice
cp "Maildir/cur/$first" "Maildir/new/9999999999.copy.demo"
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini -v
expect_grep "0 new, 33 already stored" err

# mbox, mboxrd-quoted, with an oversize message
{
    printf 'From alice@example.org Tue Nov 24 09:00:00 2026\n'
    printf 'From: alice@example.org\nSubject: OFFER: ladder\nMessage-ID: <mb1@example.org>\n\n'
    printf 'Here is a line\n>From the start of a line\n\n'
    printf 'From bob@example.org Tue Nov 24 10:00:00 2026\n'
    printf 'From: bob@example.org\nSubject: big\nMessage-ID: <mb2@example.org>\n\n'
    head -c 3000 /dev/zero | tr '\0' 'x'
    printf '\n'
} >mail.mbox
write_config doorstep.ini
sed -i 's/^source = .*/source = mbox:mail.mbox/; s/^\[fetch\]$/[fetch]\nmax_size = 2K/' doorstep.ini
rm -f doorstep.db*
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_grep "over \[fetch\] max_size" err
[ "$(sql "SELECT count(*) FROM messages")" = 2 ] || fail "2 mbox messages expected"
sql "SELECT CAST(raw AS TEXT) FROM messages LEFT JOIN message_raw ON message = id WHERE message_id = 'mb1@example.org'" >m1
expect_grep '^From the start of a line$' m1
[ "$(sql "SELECT state FROM messages LEFT JOIN message_raw ON message = id WHERE raw IS NULL")" = quarantined ] || fail "oversize state"
sql "SELECT reason FROM messages LEFT JOIN message_raw ON message = id WHERE raw IS NULL" >reason
expect_grep "too large: 30[0-9][0-9] bytes" reason
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
[ "$(sql "SELECT count(*) FROM messages")" = 2 ] || fail "oversize recorded twice"

# a missing source
sed -i 's/^source = .*/source = maildir:nowhere/' doorstep.ini
expect_exit 66 "$BIN/doorstep-fetch" -c doorstep.ini
expect_grep "nowhere: not a maildir folder" err
printf 'not an mbox\n' >bad.mbox
sed -i 's/^source = .*/source = mbox:bad.mbox/' doorstep.ini
expect_exit 65 "$BIN/doorstep-fetch" -c doorstep.ini
expect_grep 'bad.mbox: not an mbox file' err
ok "fetch sources"
