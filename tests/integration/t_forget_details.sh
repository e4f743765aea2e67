# member forget forgets the details, not only the address: the person's surname,
# street address, postcode and phone, found in their own mail, leave every stored
# copy (a neighbour's quoted reply, its raw message, the coordinators' digest in the
# outbox and in the output folder, the mail copies, the write-ahead log), while a
# neighbour's own details and words stay.
. "$SRC/tests/integration/lib.sh"

write_config doorstep.ini
sed -i 's/^\[smtp\]/[digest]\nto = members\n\n[smtp]/' doorstep.ini
mkdir -p Maildir/cur Maildir/new Maildir/tmp
n=0
mail() { # FROM SUBJECT DATE BODY
    n=$((n + 1))
    printf 'From: %s\nTo: help@elmpark.example.org\nSubject: %s\nDate: %s\nMessage-ID: <d%d@example.org>\n\n%s\n' \
        "$1" "$2" "$3" "$n" "$4" >"Maildir/new/17950000$(printf '%02d' $n).test"
}
mail "Ann Quartermaine <ann@example.com>" "REQUEST: lift to the GP Friday (Oak Road)" \
    "Tue, 24 Nov 2026 07:00:00 +0000" "Could anyone give me a lift to the GP on Friday?
I'm at 14 Oak Road, EP1 4XY. Ring me on 07700 900123 or write to ann.q@example.net.

Ann Quartermaine"
# a note of the post that the coordinators' digest quotes: unsure, so triaged
mail "Ann Quartermaine <ann@example.com>" "help with it" "Tue, 24 Nov 2026 07:05:00 +0000" \
    "Not sure what to ask. Quartermaine, 14 Oak Road, phone 07700 900 123."
# Bob quotes her in full, and gives his own details
mail "Bob Ray <bob@example.net>" "Re: REQUEST: lift to the GP Friday (Oak Road)" \
    "Tue, 24 Nov 2026 07:30:00 +0000" "I can take you, Mrs Quartermaine! My number is 07700 900456, 3 Elm Street.

On Tue, Ann Quartermaine <ann@example.com> wrote:
> Could anyone give me a lift to the GP on Friday?
> I'm at 14 Oak Road, EP1 4XY. Ring me on 07700900123 or write to ann.q@example.net."
mail "Cat Jones <cat@example.org>" "OFFER: spare ladder (Elm Street)" \
    "Tue, 24 Nov 2026 07:40:00 +0000" "Happy to lend my ladder. Ring 07700 900789."

DOORSTEP_NOW=2026-11-24T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
# the details are there before (else the test proves nothing)
for d in Quartermaine '07700 900123' 'EP1 4XY' '14 Oak Road' ann.q@example.net; do
    grep -q -a -F "$d" doorstep.db doorstep.db-wal 2>/dev/null || fail "'$d' not in the database before forget"
done
grep -r -q -a -F Quartermaine output || fail "no output names her before forget: $(ls -R output)"
[ "$(sql "SELECT count(*) FROM outbox WHERE kind = 'coordinators' AND CAST(raw AS TEXT) LIKE '%ann@example.com%'")" -ge 1 ] ||
    fail "the coordinators' digest in the outbox does not quote her (the test proves nothing): $(sql 'SELECT kind, key FROM outbox')"

# a coordinator's corrections: of her post (their record goes with it), and of Cat's
# in words that name her (kept, redacted)
her=$(sql "SELECT p.ref FROM posts p JOIN members m ON m.id = p.member_id WHERE m.email = 'ann@example.com' AND p.title LIKE '%lift%'")
cat_ref=$(sql "SELECT ref FROM posts WHERE title LIKE '%ladder%'")
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post edit "$her" --title "Lift to the GP for Mrs Quartermaine"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post edit "$cat_ref" --title "Ladder, as Ann Quartermaine asked"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post edit "$cat_ref" --title "spare ladder"
[ "$(sql "SELECT count(*) FROM post_edits WHERE old LIKE '%Quartermaine%' OR new LIKE '%Quartermaine%'")" = 3 ] ||
    fail "the corrections do not name her (the test proves nothing): $(sql 'SELECT * FROM post_edits')"
printf 'Subject: a note\n\nCall ann@example.com or Ann Quartermaine, or Bob.\n' >output/sent/note.eml
chmod 600 output/sent/note.eml
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member forget ann@example.com
[ "$(cat output/sent/note.eml)" = "$(printf 'Subject: a note\n\nCall [forgotten] or [forgotten], or Bob.')" ] ||
    fail "a mail file with her address: $(cat output/sent/note.eml)"
expect_grep "^ann@example.com forgotten: 2 messages, 2 posts, [0-9]+ output files, [1-9][0-9]* details" out

# every detail, in every spelling seen, is gone from the database files and outputs
for d in Quartermaine QUARTERMAINE '07700 900123' '07700900123' '07700 900 123' 'EP1 4XY' '14 Oak Road' \
    ann.q@example.net ann@example.com; do
    for f in doorstep.db doorstep.db-wal; do
        [ -f "$f" ] || continue
        c=$(grep -c -a -F "$d" "$f")
        [ "$c" = 0 ] || fail "$f still holds '$d' ($c lines)"
    done
    c=$(grep -r -l -a -F "$d" output || true)
    [ -z "$c" ] || fail "output files still hold '$d': $c"
done
# rewritten, not emptied: the mail files keep everything else, and their modes
for f in output/digest-2026-11-24.eml output/sent/digest-*.eml; do
    grep -q '^Subject: ' "$f" && grep -q -a 'ladder' "$f" || fail "$f lost more than her details: $(head -c 300 "$f")"
done
grep -q -a -F '[forgotten]' output/digest-2026-11-24.eml || fail "the digest was not rewritten"
[ "$(stat -c %a output/digest-2026-11-24.eml)" = 644 ] || fail "the public digest's mode changed"
for f in output/sent/*.eml; do
    [ "$(stat -c %a "$f")" = 600 ] || fail "$f is no longer private"
done
ok "her name, address, postcode, phone and other address are gone from the files"

# others' words and details stay; Bob's message is rewritten, keeping its hash
[ "$(sql "SELECT count(*) FROM message_raw WHERE CAST(raw AS TEXT) LIKE '%My number is 07700 900456, 3 Elm Street%'")" = 1 ] ||
    fail "Bob's own details went: $(sql "SELECT CAST(raw AS TEXT) FROM message_raw")"
[ "$(sql "SELECT count(*) FROM message_raw WHERE CAST(raw AS TEXT) LIKE '%I can take you, Mrs [forgotten]!%'")" = 1 ] ||
    fail "Bob's message: $(sql "SELECT CAST(raw AS TEXT) FROM message_raw")"
sha=$(sql "SELECT sha256 FROM messages WHERE message_id = 'd3@example.org'")
[ "$sha" = "$(cat $(find Maildir -name "1795000003*") | sha256sum | cut -d" " -f1)" ] ||
    fail "Bob's message lost the hash of what was fetched"
[ "$(sql "SELECT count(*) FROM message_raw WHERE CAST(raw AS TEXT) LIKE '%> I''m at [forgotten], [forgotten]. Ring me on [forgotten] or write to [forgotten].%'")" = 1 ] ||
    fail "Bob's quote of her: $(sql "SELECT CAST(raw AS TEXT) FROM message_raw")"
grep -q -a 'Ring 07700 900789' doorstep.db || fail "Cat's phone went"
[ "$(sql "SELECT count(*) FROM post_edits WHERE post NOT IN (SELECT id FROM posts) OR post IN (SELECT id FROM posts WHERE title LIKE '%GP%')")" = 0 ] ||
    fail "the record of her post's corrections stayed: $(sql 'SELECT * FROM post_edits')"
[ "$(sql "SELECT count(*) FROM post_edits WHERE new = 'Ladder, as [forgotten] asked' OR old = 'Ladder, as [forgotten] asked'")" = 2 ] ||
    fail "the record of Cat's post's corrections: $(sql 'SELECT * FROM post_edits')"
[ "$(sql "SELECT count(*) FROM posts WHERE title LIKE '%ladder%' AND status = 'open'")" = 1 ] || fail "Cat's post went"
[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "integrity after forget"
ok "others' details stay"

# the next days do not bring them back, and her mail in the maildir stays out
DOORSTEP_NOW=2026-11-25T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
c=$(grep -r -l -a -F Quartermaine output doorstep.db || true)
[ -z "$c" ] || fail "her name came back in: $c"
[ "$(ls Maildir/new Maildir/cur | grep -c 1795)" = 4 ] || fail "the maildir changed with delete_from_mailbox = no"
ok "forgotten for good"

# with [privacy] delete_from_mailbox = yes, a maildir's copies go too, and only those
printf '\n[privacy]\ndelete_from_mailbox = yes\n' >>doorstep.ini
cat_file=$(grep -l -r 'From: Cat Jones' Maildir)
[ -n "$cat_file" ] || fail "no maildir file of Cat's"
DOORSTEP_NOW=2026-11-25T09:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini -v member forget cat@example.org
expect_grep "1 messages deleted from the maildir" err
[ ! -e "$cat_file" ] || fail "Cat's maildir file stayed"
[ "$(find Maildir -type f | wc -l)" = 3 ] || fail "other maildir files went: $(find Maildir -type f)"
[ "$(sql 'SELECT count(*) FROM mailbox_deletions')" = 0 ] || fail "the queue stayed"
ok "delete_from_mailbox = yes: the maildir file of a forgotten member goes, and only it"

# an mbox is never rewritten: said, and left
mkdir mb && cd mb || fail cd
write_config doorstep.ini
sed -i 's|^source = maildir:Maildir|source = mbox:group.mbox|' doorstep.ini
printf '\n[privacy]\ndelete_from_mailbox = yes\n' >>doorstep.ini
printf 'From dan@example.org Tue Nov 24 07:00:00 2026\nFrom: Dan <dan@example.org>\nSubject: OFFER: apples (Elm Street)\nMessage-ID: <mb1@example.org>\n\nApples.\n\n' >group.mbox
cp group.mbox before.mbox
DOORSTEP_NOW=2026-11-24T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member forget dan@example.org
expect_grep "1 messages are left there \(doorstep never rewrites an mbox\)" err
cmp -s group.mbox before.mbox || fail "the mbox was changed"
[ "$(sql 'SELECT count(*) FROM mailbox_deletions')" = 0 ] || fail "the mbox's queue stayed"
[ "$(sql 'SELECT count(*) FROM messages')" = 0 ] || fail "his message stayed in the database"
ok "an mbox is left as it is"
