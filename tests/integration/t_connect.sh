# Connecting people (issue 16), with [smtp] method = file: a post's code in the
# subject, a reply in a post's thread, a reply to the digest, each stored as a
# response, relayed to the poster (Reply-To the responder) or listed for the
# coordinators (a phone-in post), and confirmed to the responder; automatic mail and
# bounces never answered; a second run sends nothing; the poster's address and
# phone never reach a responder; a request lasts to the end of its needed-by day.
. "$SRC/tests/integration/lib.sh"
. "$SRC/tests/integration/connect.sh"

write_config doorstep.ini
SENT=output/sent

# day 1: two requests, an offer, and a request taken by phone
export DOORSTEP_NOW=2026-12-07T07:00:00
mail bob1 "Bob Smith <bob@example.net>" "REQUEST: lift to the hospital on Thursday" \
    "Hi all,\nI need a lift to the hospital on Thursday morning. Ring me on 07700 900456.\nBob"
mail sandra1 "Sandra <sandra@example.net>" "Cat feeding" \
    "I'm away 14-18 December, could someone feed the cat please?"
mail ann1 "Ann <ann@example.net>" "OFFER: spare pram" "I have a spare pram, free to anyone who needs it."
day 2026-12-07
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post request --title "weekly shopping" \
    --name "Edna Jones" --phone "0161 555 0199" --street "Elm Street" --category "" \
    --needed-by "" --address "12 Elm Street" --notes ""
[ "$(sql "SELECT group_concat(ref || ' ' || status, ', ') FROM (SELECT ref, status FROM posts ORDER BY ref)")" = \
    "O-0001 open, R-0001 open, R-0002 open, R-0003 open" ] || fail "posts: $(sql 'SELECT ref, status FROM posts')"
# a request needed 14-18 December lasts to the end of the 18th
[ "$(sql "SELECT needed_by || ' ' || expires_at FROM posts WHERE ref = 'R-0002'")" = \
    "2026-12-18 2026-12-18" ] || fail "R-0002 dates: $(sql "SELECT needed_by, expires_at FROM posts WHERE ref = 'R-0002'")"
for k in ack-new-R-0001 ack-new-R-0002 ack-new-O-0001 digest-2026-12-07; do
    [ -f "$SENT/$k.eml" ] || fail "$k not sent: $(ls $SENT)"
done
DIGEST_ID=$(sed -n 's/^Message-ID: <\(.*\)>.*/\1/p' "$SENT/digest-2026-12-07.eml" | tr -d '\r')
DIGEST_SUBJECT=$(sed -n 's/^Subject: //p' "$SENT/digest-2026-12-07.eml" | tr -d '\r')
RELAYED_BEFORE=$(ls $SENT | wc -l)

# day 2: every way of answering, and mail that must not be answered
export DOORSTEP_NOW=2026-12-08T07:00:00
mail tom1 "Tom Green <tom@example.net>" "R-0001" \
    "I can take Bob to the hospital on Thursday\n\n-- \nTom Green\n07700 900123"
mail kemi1 "Kemi <kemi@example.net>" "Re: $DIGEST_SUBJECT" \
    "I can help with r-0002, I'll feed the cat\n\nOn Mon, 7 Dec 2026, Elm Park Neighbours wrote:\n> * R-0001 lift to the hospital on Thursday\n> * R-0003 weekly shopping" \
    "In-Reply-To: <$DIGEST_ID>" "References: <$DIGEST_ID>"
mail lee1 "Lee <lee@example.net>" "Re: =?UTF-8?Q?OFFER:_spare_pram?= – nearly new" "I'd love the pram for my daughter!\n\n> I have a spare pram" \
    "In-Reply-To: <ann1@test>"
mail zed1 "Zed <zed@example.net>" "R-0003: I can help" "I can do the shopping on Friday."
mail pat1 "Pat <pat@example.net>" "Re: $DIGEST_SUBJECT" "Is there a meeting soon?"
mail jo1 "Jo <jo@example.net>" "Re: R-0001" "I could drive too if Tom cannot."
mail auto1 "Bob Smith <bob@example.net>" "Re: R-0001" "I am out of the office until Monday." \
    "Auto-Submitted: auto-replied"
mail list1 "News <news@example.org>" "R-0002 in our newsletter" "We saw R-0002." "List-Id: <news.example.org>"
mail bulk1 "Promo <promo@example.org>" "R-0001" "Special offer" "Precedence: bulk"
mail bounce1 "MAILER-DAEMON@example.net" "Undelivered Mail Returned to Sender" "R-0001 could not be delivered"
mail noreply1 "no-reply@example.com" "R-0001" "Your ticket was updated"
mail self1 "Elm Park Neighbours <help@elmpark.example.org>" "R-0001" "a copy of our own mail"
day 2026-12-08
sql "SELECT g.message_id, g.state, g.reason FROM messages g ORDER BY id" >states
expect_grep "^tom1@test\|processed\|response to R-0001, relayed$" states
expect_grep "^kemi1@test\|processed\|response to R-0002, relayed$" states
expect_grep "^lee1@test\|processed\|response to O-0001, relayed$" states
expect_grep "^zed1@test\|processed\|response to R-0003, for the coordinators" states
expect_grep "^pat1@test\|processed\|a reply to the digest naming no post, for the coordinators" states
expect_grep "^jo1@test\|processed\|response to R-0001, relayed$" states
for m in auto1 list1 bulk1 bounce1 noreply1 self1; do
    expect_grep "^$m@test\|ignored\|" states
done
[ "$(sql "SELECT count(*) FROM posts")" = 4 ] || fail "a response became a post"
[ "$(sql "SELECT count(*) FROM responses")" = 6 ] || fail "responses: $(sql 'SELECT * FROM responses')"

# what was sent, parsed by Python's email package
sent_json "$SENT" >sent.json
/usr/bin/python3 - sent.json "$DIGEST_ID" <<'PY' || fail "what was sent"
import json, sys
msgs = [json.loads(l) for l in open(sys.argv[1])]
for m in msgs:  # the text as words: mail is wrapped at 76 characters
    m["text"] = " ".join(m["text"].split())
by = {m["file"]: m for m in msgs}
def one(f):
    assert f in by, (f, sorted(by))
    return by[f]
# every message doorstep sends says it is automatic; replies to a person's mail say auto-replied
for m in msgs:
    assert m["auto"] in ("auto-generated", "auto-replied"), m
    assert "help@elmpark.example.org" in m["from"], m
# nothing twice: one file a key, and no two messages with one Message-ID
assert len({m["message_id"] for m in msgs}) == len(msgs)
# relays: To the poster, Reply-To the responder, the code and title in the subject,
# the responder's name, address and own words (no signature, no quotes), how to close
r = [m for m in msgs if m["file"].startswith("relay-")]
assert len(r) == 4, [m["file"] for m in r]
tom = [m for m in r if "tom@example.net" in m["reply_to"]]
assert len(tom) == 1, r
tom = tom[0]
assert tom["to"] == "bob@example.net", tom
assert "R-0001" in tom["subject"] and "lift to the hospital" in tom["subject"], tom
assert "Tom Green <tom@example.net>" in tom["text"], tom["text"]
assert "I can take Bob to the hospital on Thursday" in tom["text"]
assert "07700 900123" not in tom["text"], "the signature was relayed"
assert "DONE R-0001" in tom["text"]
kemi = [m for m in r if "kemi@example.net" in m["reply_to"]][0]
assert kemi["to"] == "sandra@example.net" and "R-0002" in kemi["subject"], kemi
assert "R-0003" not in kemi["text"] and "weekly shopping" not in kemi["text"], "quoted digest relayed"
lee = [m for m in r if "lee@example.net" in m["reply_to"]][0]
assert lee["to"] == "ann@example.net" and "O-0001" in lee["subject"], lee
assert "I have a spare pram" not in lee["text"], "quote relayed"
jo = [m for m in r if "jo@example.net" in m["reply_to"]][0]
assert jo["to"] == "bob@example.net", jo
# confirmations to each responder, in reply to their mail
conf = {m["to"]: m for m in msgs if m["file"].startswith("confirm-")}
assert sorted(conf) == ["jo@example.net", "kemi@example.net", "lee@example.net",
                        "pat@example.net", "tom@example.net", "zed@example.net"], sorted(conf)
for who, m in conf.items():
    assert m["auto"] == "auto-replied", m
    assert m["in_reply_to"].startswith("<") and "@test>" in m["in_reply_to"], m
assert "passed on to the person who asked" in conf["tom@example.net"]["text"]
assert "will write to you" in conf["tom@example.net"]["text"]
assert "coordinator, who will ring them" in conf["zed@example.net"]["text"]
assert "coordinators" in conf["pat@example.net"]["text"]
assert "passed on to the person who offered it" in conf["lee@example.net"]["text"]
# their subject, an encoded word and raw UTF-8 (as some webmail writes it), decoded and
# then encoded again as a whole (not a literal "=?UTF-8?Q?" inside an encoded subject)
assert conf["lee@example.net"]["subject"] == "Re: OFFER: spare pram \u2013 nearly new", \
    conf["lee@example.net"]["subject"]
# the poster's address and phone never go to a responder
responders = ["tom", "kemi", "lee", "zed", "pat", "jo"]
for m in msgs:
    if any(m["to"].startswith(x + "@") for x in responders):
        for secret in ("bob@", "sandra@", "ann@", "900456", "0161 555 0199", "Edna", "12 Elm"):
            assert secret not in m["text"] and secret not in m["subject"], (secret, m["file"])
# the phone-in post's response: in the coordinators' digest only, with Edna's phone
c = one("coordinators-2026-12-08.eml")
assert c["to"] == "maria.lopez@elmpark.example.org", c
assert "0161 555 0199" in c["text"] and "Edna Jones" in c["text"], c["text"]
assert "zed@example.net" in c["text"] and "I can do the shopping on Friday" in c["text"]
assert "Is there a meeting soon?" in c["text"]
for m in msgs:
    if m["file"] != "coordinators-2026-12-08.eml":
        assert "0161 555 0199" not in m["text"], m["file"]
# nothing answered automatic mail, lists, bulk, bounces, no-reply senders or ourselves
for m in msgs:
    for robot in ("news@", "promo@", "MAILER-DAEMON", "no-reply@"):
        assert robot not in m["to"], m
    assert m["to"] != "help@elmpark.example.org" or m["file"].startswith("digest"), m
PY
ok "responses relayed, confirmed, and listed for the coordinators"

# the digest that day does not list a response as a post, and shows how to answer
python3 - "$SENT/digest-2026-12-08.eml" <<'PY' >d2 || fail "digest"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m.get_body(("plain",)).get_content())
PY
expect_no_grep "O-0002|R-0004" d2

# a second run sends nothing more, and queues nothing
n=$(ls $SENT | wc -l)
q=$(sql "SELECT count(*) FROM outbox")
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest coordinators
[ "$(ls $SENT | wc -l)" = "$n" ] || fail "a second run sent more: $(ls -t $SENT | head)"
[ "$(sql "SELECT count(*) FROM outbox")" = "$q" ] || fail "a second run queued more"
[ "$(sql "SELECT count(*) FROM outbox WHERE state != 'sent'")" = 0 ] || fail "unsent left"
ok "a second run sends nothing"

# day 3: the author closes R-0001; a late answer hears "already sorted", nothing relayed
export DOORSTEP_NOW=2026-12-09T07:00:00
mail bob2 "Bob Smith <bob@example.net>" "DONE R-0001" "Tom is taking me, thank you all."
mail late1 "Late <late@example.net>" "R-0001 can I still help?" "I have a car."
day 2026-12-09
sql "SELECT reason FROM messages WHERE message_id = 'late1@test'" >q.out && expect_grep "already done \(not relayed\)" q.out
ls $SENT | grep -q "^relay-.*" && [ "$(ls $SENT | grep -c '^relay-')" = 4 ] || fail "a relay for a done post"
f=$(grep -l "late@example.net" $SENT/confirm-*.eml) || fail "no confirmation for late"
python3 - "$f" <<'PY' || fail "already sorted confirmation"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
t = " ".join(m.get_body(("plain",)).get_content().split())
assert "already sorted" in t and "not passed on" in t, t
PY
# the poster answering the relay through the group (not Reply-To) is not a response
TOM_RELAY_ID=$(sed -n 's/^Message-ID: <\(.*\)>.*/\1/p' $(grep -l "Reply-To: tom@" $SENT/relay-*.eml) | tr -d '\r')
mail bob3 "Bob Smith <bob@example.net>" "Re: R-0001 lift" "Thanks Tom, see you Thursday" "In-Reply-To: <$TOM_RELAY_ID>"
day 2026-12-09
sql "SELECT state FROM messages WHERE message_id = 'bob3@test'" >q.out && expect_grep "ignored" q.out
ok "a closed post: already sorted, nothing relayed"

# day 8 (2026-12-14): R-0002 is still open (needed to the 18th); 17th: the reminder
export DOORSTEP_NOW=2026-12-14T07:00:00
day 2026-12-14
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0002'")" = open ] || fail "R-0002 expired before it was needed"
day 2026-12-17
[ -f "$SENT/ack-expiring-R-0002-2026-12-18.eml" ] || fail "no reminder: $(ls $SENT)"
expect_grep "RENEW R-0002" "$SENT/ack-expiring-R-0002-2026-12-18.eml"
day 2026-12-17
[ "$(ls $SENT | grep -c '^ack-expiring-R-0002')" = 1 ] || fail "the reminder twice"
export DOORSTEP_NOW=2026-12-17T09:00:00
mail sandra2 "Sandra <sandra@example.net>" "RENEW R-0002" "still away, thanks"
mail tom9 "Tom Green <tom@example.net>" "RENEW R-0002" "not mine"
day 2026-12-17
[ "$(sql "SELECT expires_at FROM posts WHERE ref = 'R-0002'")" = 2026-12-25 ] ||
    fail "RENEW: $(sql "SELECT expires_at FROM posts WHERE ref = 'R-0002'")"
sql "SELECT reason FROM messages WHERE message_id = 'tom9@test'" >q.out && expect_grep "not theirs to renew" q.out
day 2026-12-19
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0002'")" = open ] || fail "R-0002 renewed but expired"
ok "needed-by, reminder and RENEW"

# a coordinator closes Ann's offer: Ann hears of it, once
expect_exit 0 "$BIN/doorstep" -c doorstep.ini close O-0001 taken
day 2026-12-19
[ -f "$SENT/ack-closed-O-0001.eml" ] || fail "no note of the closing: $(ls $SENT)"
expect_grep "^To: ann@example.net" "$SENT/ack-closed-O-0001.eml"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini close O-0001 done
[ "$(sql "SELECT count(*) FROM replies WHERE key = 'ack:closed:O-0001'")" = 1 ] || fail "closed twice"
ok "a post closed by a coordinator: its author hears"

# forgetting a responder takes their answers and what was due to them
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member forget tom@example.net
[ "$(sql "SELECT count(*) FROM responses WHERE responder = 'tom@example.net'")" = 0 ] || fail "Tom's responses stayed"
[ "$(sql "SELECT count(*) FROM replies WHERE to_addr = 'tom@example.net'")" = 0 ] || fail "Tom's replies stayed"
ok "member forget: responses and replies"
