# A post given a new code by `post edit --kind` or `triage resolve --as` (issue 19):
# mail naming its old code
# (a response, a closing by its author) still finds it, and its author is told the new
# code ([replies] recoded), once; with recoded = no, nothing is sent. A RENEW by mail
# is confirmed to its sender with the new last day ([replies] renewed), once, and not
# to a sender who may not renew it.
. "$SRC/tests/integration/lib.sh"
. "$SRC/tests/integration/connect.sh"

write_config doorstep.ini
SENT=output/sent

export DOORSTEP_NOW=2026-12-07T07:00:00
mail ann1 "Ann <ann@example.net>" "REQUEST: lift to the GP" "Could anyone drive me to the GP on Friday?"
mail ann2 "Ann <ann@example.net>" "OFFER: garden ladder" "I can lend my ladder to anyone who needs one."
mail bob1 "Bob <bob@example.net>" "OFFER: spare pram" "I have a spare pram, free to anyone."
day 2026-12-07
ladder=$(sql "SELECT ref FROM posts WHERE title LIKE '%ladder%'")
[ "${ladder%%-*}" = O ] || fail "the ladder post is not an offer: $(sql 'SELECT ref, title FROM posts')"

# a coordinator makes it a request: a new code, and its author hears it once
export DOORSTEP_NOW=2026-12-07T10:00:00
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post edit "$ladder" --kind request
new=$(sql "SELECT ref FROM posts WHERE title LIKE '%ladder%'")
expect_grep "$ladder kind: request, now $new" out
day 2026-12-07
[ -f "$SENT/ack-recoded-$new.eml" ] || fail "no note of the new code: $(ls $SENT)"
sent_json "$SENT" >sent.json
python3 - sent.json "$new" "$ladder" <<'PY' || fail "the note of the new code (above)"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
note = [r for r in rows if r["file"] == "ack-recoded-%s.eml" % sys.argv[2]]
assert len(note) == 1, rows
n = note[0]
assert "ann@example.net" in n["to"] and n["auto"], n
assert sys.argv[2] in n["subject"], n
assert sys.argv[2] in n["text"] and sys.argv[3] in n["text"], n["text"]
PY
day 2026-12-07
[ "$(ls $SENT | grep -c "^ack-recoded-")" = 1 ] || fail "the note twice: $(ls $SENT)"
ok "a new code: its author told once"

# triage resolve --as offer of a post read as a request: a new code, told the same way
export DOORSTEP_NOW=2026-12-07T11:00:00
mail kim1 "Kim <kim@example.net>" "Ladder" "I could do with help with a ladder, or I could help, not sure which."
day 2026-12-07
unsure=$(sql "SELECT ref FROM posts WHERE title LIKE '%ladder%' AND title NOT LIKE '%garden%' AND status = 'triage'")
[ -n "$unsure" ] || fail "no post in triage: $(sql 'SELECT ref, status, title FROM posts')"
note=$(sql "SELECT t.id FROM triage t JOIN posts p ON p.id = t.post WHERE p.ref = '$unsure'")
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage resolve "$note" --as offer
kims=$(sql "SELECT ref FROM posts WHERE title LIKE '%ladder%' AND title NOT LIKE '%garden%'")
expect_grep "$unsure is now $kims" out
day 2026-12-07
[ -f "$SENT/ack-recoded-$kims.eml" ] || fail "no note of the new code after triage resolve: $(ls $SENT)"
grep -q "^To: .*kim@example.net" "$SENT/ack-recoded-$kims.eml" || fail "the note is not to Kim"
ok "triage resolve --as: the new code told too"

# mail naming the old code finds the post: a response is relayed to its author, a
# closing by its author closes it
export DOORSTEP_NOW=2026-12-08T07:00:00
mail tom1 "Tom <tom@example.net>" "$ladder" "Could I borrow it on Saturday?"
day 2026-12-08
sql "SELECT message_id, state, reason FROM messages ORDER BY id" >states
expect_grep "^tom1@test\|processed\|response to $new, relayed$" states
[ "$(sql "SELECT p.ref FROM responses s JOIN posts p ON p.id = s.post")" = "$new" ] ||
    fail "the response is not on $new: $(sql 'SELECT * FROM responses')"
mail ann3 "Ann <ann@example.net>" "DONE $ladder" "Tom has it now, thanks."
day 2026-12-08
[ "$(sql "SELECT status FROM posts WHERE ref = '$new'")" = done ] ||
    fail "closing by the old code: $(sql "SELECT status FROM posts WHERE ref = '$new'"); $(sql 'SELECT message_id, reason FROM messages')"
ok "the old code still finds the post (a response, a closing)"

# RENEW by mail: confirmed with the new date, to the author only
export DOORSTEP_NOW=2026-12-10T09:00:00
lift=$(sql "SELECT ref FROM posts WHERE title LIKE '%lift%'")
before=$(sql "SELECT expires_at FROM posts WHERE ref = '$lift'")
mail ann4 "Ann <ann@example.net>" "RENEW $lift" "still needed"
mail tom2 "Tom <tom@example.net>" "RENEW $lift" "not mine"
day 2026-12-10
after=$(sql "SELECT expires_at FROM posts WHERE ref = '$lift'")
[ "$after" \> "$before" ] || fail "RENEW: $before, then $after"
[ -f "$SENT/ack-renewed-$lift-$after.eml" ] || fail "RENEW not confirmed: $(ls $SENT)"
sent_json "$SENT" >sent.json
python3 - sent.json "$lift" "$after" <<'PY' || fail "the RENEW confirmation (above)"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
note = [r for r in rows if r["file"].startswith("ack-renewed-")]
assert len(note) == 1, rows
n = note[0]
assert "ann@example.net" in n["to"] and "tom@" not in n["to"], n
assert n["in_reply_to"] == "<ann4@test>", n
assert sys.argv[2] in n["subject"] and sys.argv[3] in n["text"], n
PY
day 2026-12-10
[ "$(ls $SENT | grep -c "^ack-renewed-")" = 1 ] || fail "the confirmation twice: $(ls $SENT)"
ok "RENEW confirmed with the new date, once, to its author"

# switched off: no note of a new code, no RENEW confirmation
cat >>doorstep.ini <<'INI'

[replies]
recoded = no
renewed = no
INI
export DOORSTEP_NOW=2026-12-11T10:00:00
pram=$(sql "SELECT ref FROM posts WHERE title LIKE '%pram%'")
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post edit "$pram" --kind request
mail ann5 "Ann <ann@example.net>" "RENEW $lift" "still needed, again"
day 2026-12-11
[ "$(sql "SELECT expires_at FROM posts WHERE ref = '$lift'")" \> "$after" ] || fail "the second RENEW"
[ "$(ls $SENT | grep -c "^ack-recoded-\|^ack-renewed-")" = 3 ] || fail "sent though switched off: $(ls $SENT)"
ok "[replies] recoded = no, renewed = no: nothing sent"
