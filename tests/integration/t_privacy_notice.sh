# The privacy notice (issue 19): doorstep privacy prints templates/privacy.txt filled
# from the config ([privacy] contact, else the group's address; retention_days,
# outbox_days, request_days, offer_days, delete_from_mailbox); the digest's text and
# HTML parts end with the line about privacy; a mail whose subject is PRIVACY (any
# case, Re:, Spanish, Polish) is answered once a day by mail with the notice, an
# automatic reply (never to automatic mail, mailing lists, a sender awaiting approval
# or a blocked one) and is never a post; the leaflets' slip says how its details are
# used and kept (read back with pdftotext).
. "$SRC/tests/integration/lib.sh"
. "$SRC/tests/integration/connect.sh" # mail, sent_json
. "$SRC/tests/integration/pdf.sh"

write_config doorstep.ini
cat >>doorstep.ini <<'INI'

[privacy]
retention_days = 45
outbox_days = 12
contact = privacy@elmpark.example.org

[process]
request_days = 9
offer_days = 21
INI

# --- doorstep privacy: the config's values ---
expect_exit 0 "$BIN/doorstep" -c doorstep.ini privacy
cp out notice.txt
expect_grep '^How Elm Park Neighbours uses your details' notice.txt
expect_grep 'Write to privacy@elmpark.example.org\.' notice.txt
expect_grep '45 days after it is closed' notice.txt
expect_grep 'deleted 45 days after they arrived' notice.txt
expect_grep 'deleted after 12 days' notice.txt
expect_grep 'open for 9 days and an offer for 21 days' notice.txt
expect_grep '0161 496 0000' notice.txt
expect_grep '^Where it goes' notice.txt
expect_grep '^Nowhere\.' notice.txt
expect_grep 'mailbox keeps its own copy' notice.txt
expect_grep 'with the subject PRIVACY' notice.txt
expect_no_grep '\{\{|\}\}|doorstep (member|forget|export)' notice.txt
# the defaults: the group's address, 90 days
write_config default.ini
printf '\n[privacy]\ndelete_from_mailbox = yes\n' >>default.ini
expect_exit 0 "$BIN/doorstep" -c default.ini privacy
expect_grep 'Write to help@elmpark.example.org\.' out
expect_grep '90 days after it is closed' out
expect_grep "deleted from the group's mailbox too" out
expect_exit 0 "$BIN/doorstep" -c doorstep.ini privacy --help
expect_grep 'privacy notice' out
ok "doorstep privacy: the config's contact, days and mailbox rule; the defaults"

# --- the digest, both parts ---
cp -r "$SRC/config/demo/Maildir" Maildir
expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
/usr/bin/python3 - output/digest-2026-11-25.eml <<'PY' || fail "the digest's privacy line"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
text = " ".join(m.get_body(("plain",)).get_content().split())
html = " ".join(m.get_body(("html",)).get_content().split())
want = "Your privacy: we use your details only to run the group and never pass them on. To read how, email help@elmpark.example.org with the subject PRIVACY."
assert text.endswith(want), text[-300:]
assert "Your privacy: we use your details only to run the group" in html, html[-600:]
assert 'href="mailto:help@elmpark.example.org?subject=PRIVACY"' in html, html[-600:]
PY
ok "the digest's text and HTML parts end with the line about privacy"

# --- PRIVACY by mail ---
export DOORSTEP_NOW=2026-11-26T08:00:00
sql "INSERT INTO members(email, name, status, joined_at) VALUES ('held@example.net', '', 'pending', 0)"
sql "INSERT INTO members(email, name, status, joined_at) VALUES ('blocked@example.net', '', 'blocked', 0)"
posts=$(sql "SELECT count(*) FROM posts")
rm -rf Maildir && mkdir -p Maildir/new
mail p1 "Sam Reed <sam@example.net>" "PRIVACY" "Please send me the notice."
mail p2 "Sam Reed <sam@example.net>" "Re: privacy" "And again, please."
mail p3 "Lena <lena@example.net>" "Re: [Privacy]" ""
mail p4 "Rosa <rosa@example.net>" "Privacidad" "Gracias."
mail p5 "Auto <auto@example.net>" "PRIVACY" "I am away." "Auto-Submitted: auto-replied"
mail p6 "List <list@lists.example.net>" "PRIVACY" "list traffic" "List-Id: <street.lists.example.net>" "Precedence: list"
mail p7 "Held <held@example.net>" "PRIVACY" "What do you keep?"
mail p8 "Blocked <blocked@example.net>" "privacy" "What do you keep?"
mail p9 "Tom <tom@example.net>" "OFFER: privacy screen for a window (Elm Street)" "I have a privacy screen to give away."
expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
sent_json output/sent >sent.json
/usr/bin/python3 - sent.json <<'PY' || fail "PRIVACY answered"
import json, sys
msgs = [json.loads(l) for l in open(sys.argv[1])]
notices = [m for m in msgs if "how we use your details" in m["subject"]]
to = sorted(m["to"] for m in notices)
assert to == ["lena@example.net", "rosa@example.net", "sam@example.net"], to
for m in notices:
    assert m["auto"] == "auto-replied", m
    assert m["in_reply_to"], m
    t = " ".join(m["text"].split())
    assert "Write to privacy@elmpark.example.org." in t, t
    assert "45 days after it is closed" in t, t
PY
[ "$(sql "SELECT count(*) FROM posts")" = $((posts + 1)) ] ||
    fail "a PRIVACY mail made a post: $(sql "SELECT ref, title FROM posts ORDER BY id DESC LIMIT 3")"
[ "$(sql "SELECT count(*) FROM posts WHERE title LIKE '%privacy screen%'")" = 1 ] || fail "the offer of a privacy screen is not a post"
for m in p1 p3 p4; do
    [ "$(sql "SELECT reason FROM messages WHERE message_id = '$m@test'")" = "asked for the privacy notice: sent by mail" ] ||
        fail "$m: $(sql "SELECT state, reason FROM messages WHERE message_id = '$m@test'")"
done
expect_grep 'already sent to this address today' /dev/stdin <<R
$(sql "SELECT reason FROM messages WHERE message_id = 'p2@test'")
R
expect_grep 'awaits' /dev/stdin <<R
$(sql "SELECT reason FROM messages WHERE message_id = 'p7@test'")
R
[ "$(sql "SELECT count(*) FROM replies WHERE kind = 'privacy'")" = 3 ] ||
    fail "replies: $(sql "SELECT key, to_addr, state FROM replies WHERE kind = 'privacy'")"
# a second run, and the next day's: nothing more to anyone who was answered
expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
[ "$(grep -l 'how we use your details' output/sent/*.eml | wc -l)" = 3 ] || fail "a notice sent twice"
export DOORSTEP_NOW=2026-11-27T08:00:00
mail p10 "Sam Reed <sam@example.net>" "PRIVACY" "Lost it, sorry."
expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
[ "$(grep -l 'how we use your details' output/sent/*.eml | wc -l)" = 4 ] || fail "no notice the next day"
ok "PRIVACY answered once a day by mail (Re:, brackets, Spanish), not to automatic mail, lists, held or blocked senders; never a post"

# --- the leaflets: one line on the slip ---
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini leaflets
text output/leaflets-2026-11-27.pdf leaflets.txt
tr -s ' \n' '  ' <leaflets.txt >leaflets.flat
expect_grep 'Used only to arrange your help, never passed on, deleted after 45 days\.' leaflets.flat
[ "$(grep -o 'Used only to arrange your help' leaflets.flat | wc -l)" = "$(pages output/leaflets-2026-11-27.pdf)" ] ||
    fail "not one privacy line a leaflet"
poppler_check
ok "each leaflet's slip says how its details are used and kept"
