# Moderation and the coordinators' commands around process: with moderation =
# unknown a new sender's post is held; `doorstep member approve` releases it and
# `member block` withdraws posts and ignores later mail; only the author or a
# coordinator closes a post (anyone else is noted for triage); posts expire on the
# first run after their expires_at.
. "$SRC/tests/integration/lib.sh"

write_config doorstep.ini
sed -i 's/^moderation = none/moderation = unknown/' doorstep.ini
mkdir -p Maildir/cur Maildir/new Maildir/tmp
n=0
mail() { # FROM SUBJECT DATE BODY
    n=$((n + 1))
    printf 'From: %s\nTo: help@elmpark.example.org\nSubject: %s\nDate: %s\nMessage-ID: <m%d@example.org>\n\n%s\n' \
        "$1" "$2" "$3" "$n" "$4" >"Maildir/new/17950000$(printf '%02d' $n).test"
}
mail "Ann Lee <ann@example.com>" "REQUEST: lift to the GP Friday (Oak Road)" \
    "Mon, 23 Nov 2026 09:00:00 +0000" "Could anyone give me a lift to the GP on Friday?"
mail "Bob Ray <bob@example.net>" "OFFER: spare ladder (Elm Street)" \
    "Mon, 23 Nov 2026 10:00:00 +0000" "Happy to lend my ladder to anyone."
mail "maria.lopez@elmpark.example.org" "OFFER: tea and a chat on Fridays (Elm Street)" \
    "Mon, 23 Nov 2026 11:00:00 +0000" "I'm happy to pop round for a cuppa and a chat."

expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
[ "$(sql "SELECT ref || ' ' || status FROM posts ORDER BY id" | tr '\n' ,)" = "R-0001 held,O-0001 held,O-0002 open," ] ||
    fail "held posts: $(sql 'SELECT ref, status FROM posts')"
sql "SELECT reason FROM messages WHERE id = 1" >reason
expect_grep "held until a coordinator approves the sender" reason

expect_exit 0 "$BIN/doorstep" -c doorstep.ini member list
expect_grep "^pending +ann@example.com +Ann Lee +\(1 held of 1 posts\)" out
expect_grep "^coordinator +maria.lopez@elmpark.example.org" out
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member list pending
[ "$(wc -l <out)" = 2 ] || fail "member list pending: $(cat out)"

expect_exit 0 "$BIN/doorstep" -c doorstep.ini member approve Ann@Example.com
expect_grep "ann@example.com approved; 1 held posts released" out
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0001'")" = open ] || fail "approve did not release R-0001"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member block bob@example.net
expect_grep "bob@example.net blocked; 1 posts withdrawn" out
[ "$(sql "SELECT status FROM posts WHERE ref = 'O-0001'")" = withdrawn ] || fail "block did not withdraw O-0001"
expect_exit 65 "$BIN/doorstep" -c doorstep.ini member block maria.lopez@elmpark.example.org
expect_exit 64 "$BIN/doorstep" -c doorstep.ini member approve not-an-address
expect_exit 64 "$BIN/doorstep" -c doorstep.ini member frobnicate

# a blocked sender is ignored; a new sender approved in advance posts at once
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member approve cat@example.org
mail "Bob Ray <bob@example.net>" "OFFER: more ladders" "Tue, 24 Nov 2026 09:00:00 +0000" "Happy to lend."
mail "Cat <cat@example.org>" "REQUEST: dog walk Saturday (Ash Grove)" "Tue, 24 Nov 2026 10:00:00 +0000" \
    "Could someone walk my dog?"
# closings: by someone else (triage), by the author, by a coordinator
mail "Cat <cat@example.org>" "DONE R-0001" "Tue, 24 Nov 2026 11:00:00 +0000" "Did it!"
mail "Ann Lee <ann@example.com>" "R-0002 is sorted" "Tue, 24 Nov 2026 12:00:00 +0000" "Just kidding."
mail "maria.lopez@elmpark.example.org" "TAKEN O-0002" "Tue, 24 Nov 2026 13:00:00 +0000" "All gone."
# an out-of-office reply to the digest without the headers that say so
mail "Ann Lee <ann@example.com>" "Re: Elm Park Neighbours: 3 new requests" "Tue, 24 Nov 2026 14:00:00 +0000" \
    "Thank you for your email. I am currently out of the office. If you need anything urgent, ring me."
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
[ "$(sql "SELECT reason FROM messages WHERE message_id = 'm4@example.org'")" = "the sender is blocked" ] ||
    fail "blocked sender: $(sql "SELECT state, reason FROM messages WHERE message_id = 'm4@example.org'")"
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0002'")" = open ] || fail "pre-approved sender held"
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0001'")" = open ] || fail "R-0001 closed by another member"
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0002'")" = open ] || fail "R-0002 closed by another member"
[ "$(sql "SELECT count(*) FROM triage WHERE reason LIKE '%only its author or a coordinator%'")" = 2 ] ||
    fail "triage notes: $(sql 'SELECT reason FROM triage')"
[ "$(sql "SELECT status FROM posts WHERE ref = 'O-0002'")" = taken ] || fail "a coordinator could not close O-0002"
[ "$(sql "SELECT reason FROM messages WHERE message_id = 'm9@example.org'")" = \
    "an automatic reply (the text says out of office)" ] || fail "an out-of-office text became a post"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export triage
[ "$(grep -c '"ref":"R-000[12]"' out)" = 2 ] || fail "export triage: $(cat out)"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export triage --format csv
head -1 out | tr -d '\r' | grep -qx 'id,message_id,ref,reason,created_at,resolved_at,resolution,resolved_by' || fail "triage csv: $(head -1 out)"

# expiry: requests last [process] request_days = 7, offers offer_days = 30
[ "$(sql "SELECT expires_at FROM posts WHERE ref = 'R-0001'")" = 2026-11-30 ] || fail "request expiry"
DOORSTEP_NOW=2026-12-01T08:00:00 "$BIN/doorstep-process" -c doorstep.ini || fail "process a week on"
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0001'")" = expired ] || fail "R-0001 did not expire"
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0002'")" = open ] || fail "R-0002 expired early"
printf '\n[process]\nrequest_days = 2\n' >>doorstep.ini
DOORSTEP_NOW=2026-12-01T08:00:00 "$BIN/doorstep-process" -c doorstep.ini --reprocess || fail "reprocess"
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0002'")" = expired ] || fail "request_days not applied on --reprocess"
[ "$(sql "SELECT ref FROM posts WHERE message = (SELECT id FROM messages WHERE message_id = 'm5@example.org')")" = R-0002 ] ||
    fail "--reprocess changed a reference code"
ok "members, closings and expiry"
