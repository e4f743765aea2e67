# Only From says who wrote: a closing, a post under moderation or a blocked sender's
# mail is judged by its From field alone, never by Sender or Reply-To (anyone can
# write those); mail with no usable From (missing, empty, a group, unreadable, or two
# of them) is quarantined with that reason.
. "$SRC/tests/integration/lib.sh"

write_config doorstep.ini
sed -i 's/^moderation = none/moderation = unknown/' doorstep.ini
mkdir -p Maildir/cur Maildir/new Maildir/tmp
n=0
mail() { # FIELDS SUBJECT BODY (FIELDS: the sender fields, one per line)
    n=$((n + 1))
    printf '%sTo: help@elmpark.example.org\nSubject: %s\nDate: Tue, 24 Nov 2026 %02d:00:00 +0000\nMessage-ID: <i%d@example.org>\n\n%s\n' \
        "$1" "$2" "$n" "$n" "$3" >"Maildir/new/17950000$(printf '%02d' $n).test"
}
state() { sql "SELECT state || ': ' || reason FROM messages WHERE message_id = 'i$1@example.org'"; }

mail "From: Ann Lee <ann@example.com>
" "REQUEST: lift to the GP Friday (Oak Road)" "Could anyone give me a lift?"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member approve ann@example.com
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member block bob@example.net
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0001'")" = open ] || fail "R-0001 not open"

# forged closings: a stranger's From with the author in Reply-To or Sender
mail "From: Mallory <mallory@example.net>
Reply-To: Ann Lee <ann@example.com>
" "DONE R-0001" "Done! (not really)"
mail "Sender: ann@example.com
From: mallory@example.net
" "DONE R-0001" "Done! (not really)"
# no usable From, the author elsewhere
mail "Reply-To: Ann Lee <ann@example.com>
" "DONE R-0001" "no From at all"
mail "From:
Sender: ann@example.com
" "DONE R-0001" "an empty From"
mail "From: undisclosed-recipients:;
Reply-To: ann@example.com
" "DONE R-0001" "a group"
mail "From: Ann Lee
Sender: Ann Lee <ann@example.com>
" "DONE R-0001" "no address in From"
mail "From: Mallory <mallory@example.net>
From: Ann Lee <ann@example.com>
" "DONE R-0001" "two From fields"
# moderation and blocking go by From too
mail "From: Mallory <mallory@example.net>
Sender: Ann Lee <ann@example.com>
" "OFFER: spare chairs (Elm Street)" "Chairs to give away."
mail "From: Bob Ray <bob@example.net>
Reply-To: ann@example.com
" "OFFER: spare ladder (Elm Street)" "Happy to lend my ladder."
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini

[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0001'")" = open ] ||
    fail "a forged closing closed R-0001: $(sql 'SELECT message_id, state, reason FROM messages')"
[ "$(sql "SELECT count(*) FROM triage WHERE reason LIKE '%only its author or a coordinator%'")" = 2 ] ||
    fail "the forged closings are not triage notes: $(sql 'SELECT reason FROM triage')"
for i in 2 3; do
    state $i | grep -q '^processed: ' || fail "message $i: $(state $i)"
done
[ "$(state 4)" = "quarantined: no sender address: no From field" ] || fail "message 4: $(state 4)"
[ "$(state 5)" = "quarantined: no sender address: an empty From field" ] || fail "message 5: $(state 5)"
[ "$(state 6)" = "quarantined: no sender address: a From field with a group and no address" ] ||
    fail "message 6: $(state 6)"
[ "$(state 7)" = "quarantined: no sender address: a From field with no readable address" ] ||
    fail "message 7: $(state 7)"
[ "$(state 8)" = "quarantined: no sender address: more than one From field" ] || fail "message 8: $(state 8)"
ok "closings go by From alone; no usable From is quarantined"

[ "$(sql "SELECT p.status || ' ' || m.email FROM posts p JOIN members m ON m.id = p.member_id WHERE p.title LIKE '%chairs%'")" = \
    "held mallory@example.net" ] || fail "a stranger with the author's Sender posted as her: $(sql 'SELECT title, status, member_id FROM posts')"
[ "$(state 10)" = "ignored: the sender is blocked" ] || fail "a blocked sender with another's Reply-To: $(state 10)"
[ "$(sql "SELECT count(*) FROM members WHERE email = 'ann@example.com' AND status = 'member'")" = 1 ] ||
    fail "ann's membership changed: $(sql 'SELECT email, status FROM members')"
ok "moderation and blocking go by From alone"
