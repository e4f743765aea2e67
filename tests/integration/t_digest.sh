# The digest's memory: a post is "new" in the first digest after it is processed,
# however late it was fetched; a quiet day sends nothing; a send interrupted after
# the transport took it is not repeated blindly; old digests are not sent late.
. "$SRC/tests/integration/lib.sh"

mkdir -p Maildir/cur
ls "$SRC/config/demo/Maildir/cur" | sort >all
head -12 all >first
write_config doorstep.ini
for f in $(cat first); do cp "$SRC/config/demo/Maildir/cur/$f" Maildir/cur/; done
run() { # DATE [render args]: fetch, process, render on DATE at 08:00
    d=$1; shift
    env DOORSTEP_NOW="${d}T08:00:00" "$BIN/doorstep-fetch" -c doorstep.ini -q &&
        env DOORSTEP_NOW="${d}T08:00:00" "$BIN/doorstep-process" -c doorstep.ini -q &&
        env DOORSTEP_NOW="${d}T08:00:00" "$BIN/doorstep-render" -c doorstep.ini -v "$@"
}
body() { # DATE: the text part of that day's digest
    python3 - "output/digest-$1.eml" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m.get_body(("plain",)).get_content())
PY
}
run 2026-11-25 digest >log 2>&1 || { cat log; fail "day 1"; }
body 2026-11-25 >d1
expect_grep "R-0001 prescription pick-up Monday" d1
expect_no_grep "R-0007" d1

# the rest of the mailbox arrives a day late (its Date fields are older than the
# first digest): its posts are new in the next digest all the same
for f in $(tail -n +13 all); do cp "$SRC/config/demo/Maildir/cur/$f" Maildir/cur/; done
run 2026-11-26 digest >log 2>&1 || { cat log; fail "day 2"; }
body 2026-11-26 >d2
expect_grep "R-0007 weekly shop" d2
# no longer new: under "still open" or "done", not under "new requests"
awk '/^NEW REQUESTS/ { on = 1; next } /^(NEW OFFERS|STILL OPEN|DONE|ROTA)/ { on = 0 } on' d2 >d2new
expect_grep "R-0007" d2new
expect_no_grep "R-0001" d2new
[ "$(sql "SELECT count(*) FROM posts WHERE first_digest IS NULL AND status = 'open'")" = 0 ] ||
    fail "open posts never announced"

# a quiet day: nothing new, nothing sent
run 2026-11-27 digest >log 2>&1 || { cat log; fail "day 3"; }
expect_grep "nothing new since the last digest" log
[ ! -e output/digest-2026-11-27.eml ] || fail "a digest on a quiet day"
[ "$(sql "SELECT count(*) FROM outbox WHERE key = 'digest:2026-11-27'")" = 0 ] || fail "queued"

# a send interrupted after the transport took it: with sendmail, not sent again
cat >fake-sendmail <<'SH'
#!/bin/sh
cat >>"$(dirname "$0")/sendmail.log"
echo "--- sent to $*" >>"$(dirname "$0")/sendmail.log"
SH
chmod +x fake-sendmail
cat >>doorstep.ini <<INI
[digest]
send_when_empty = yes
INI
sed -i "s|^method = file|method = sendmail\nsendmail = $PWD/fake-sendmail|" doorstep.ini
sql "UPDATE outbox SET state = 'sending' WHERE key = 'digest:2026-11-26'"
run 2026-11-27 digest >log 2>&1 || { cat log; fail "day 3 with sendmail"; }
expect_grep "interrupted while being sent" log
[ "$(sql "SELECT state FROM outbox WHERE key = 'digest:2026-11-26'")" = failed ] || fail "state"
[ "$(grep -c -- '--- sent' sendmail.log)" = 1 ] || fail "only today's digest should be sent"
grep -q 'digest-2026-11-27' sendmail.log || fail "today's digest"
# an old queued digest is not sent late
sql "UPDATE outbox SET state = 'queued', attempts = 0 WHERE key = 'digest:2026-11-25'"
run 2026-11-28 digest >log 2>&1 || { cat log; fail "day 4"; }
[ "$(sql "SELECT last_error FROM outbox WHERE key = 'digest:2026-11-25'")" = "not sent: more than a day old" ] ||
    fail "an old digest was sent late"
! grep -q 'digest-2026-11-25' sendmail.log || fail "the old digest went out"
# --resend sends today's again, once
run 2026-11-28 digest --resend >log 2>&1 || { cat log; fail "--resend"; }
[ "$(grep -c 'digest-2026-11-28' sendmail.log)" -ge 2 ] || fail "--resend"
ok "new, quiet, interrupted and old digests"

# the coordinators' digest: held and unsure posts, unreadable mail, with details
sql "INSERT INTO triage(message, post, reason, created_at) SELECT message, id, 'test: unsure kind', 0 FROM posts WHERE ref = 'R-0007'"
sql "INSERT INTO messages(source, sha256, fetched_at, size, state, reason) VALUES ('test', 'x', 0, 0, 'quarantined', 'test: no sender address')"
expect_exit 0 env DOORSTEP_NOW=2026-11-28T08:00:00 "$BIN/doorstep-render" -c doorstep.ini coordinators
python3 - output/coordinators-2026-11-28.eml >coord.txt <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
assert m["To"] == "maria.lopez@elmpark.example.org", m["To"]
print(m.get_body(("plain",)).get_content())
PY
expect_grep "UNSURE" coord.txt
expect_grep "R-0007 request: weekly shop" coord.txt
expect_grep "why: test: unsure kind" coord.txt
expect_grep "test: no sender address" coord.txt

# [digest] to = members: a copy per member, their own area first; UNSUBSCRIBE stops it
mkdir members && cd members || fail "cd"
cp -r "$SRC/config/demo/Maildir" Maildir
write_config doorstep.ini
sed -i 's/^\[smtp\]/[digest]\nto = members\n\n[smtp]/' doorstep.ini
day() { env DOORSTEP_NOW="$1T08:00:00" "$BIN/doorstep" -c doorstep.ini -q daily; }
day 2026-11-25 || fail "members: day 1"
members=$(sql "SELECT count(*) FROM members WHERE status IN ('member', 'coordinator')")
[ "$(ls output/sent | grep -c "^digest-")" = "$members" ] || fail "one copy per member: $(ls output/sent | grep -c "^digest-") of $members"
python3 - output/sent/digest-2026-11-25-hamza.q@example.net.eml <<'PY' || fail "area order"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
assert m["To"] == "hamza.q@example.net", m["To"]
t = m.get_body(("plain",)).get_content().split("\n")
assert t.index("South") < t.index("North"), "his own area (south) comes first"
PY
python3 - output/digest-2026-11-25.eml <<'PY' || fail "the kept copy"
import email, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
assert m["To"] == "undisclosed-recipients:;", m["To"]
PY
printf 'From: Hamza Qureshi <hamza.q@example.net>\nTo: help@elmpark.example.org\nSubject: UNSUBSCRIBE\nDate: Wed, 25 Nov 2026 09:00:00 +0000\nMessage-ID: <unsub-1@example.net>\n\nPlease stop the digest.\n' \
    >Maildir/cur/1795600000.unsub.demo
sed -i 's/^\[digest\]$/[digest]\nsend_when_empty = yes/' doorstep.ini
day 2026-11-26 || fail "members: day 2"
[ "$(sql "SELECT digest FROM members WHERE email = 'hamza.q@example.net'")" = 0 ] ||
    fail "UNSUBSCRIBE was not understood"
[ ! -e output/sent/digest-2026-11-26-hamza.q@example.net.eml ] || fail "a digest after UNSUBSCRIBE"
[ -e output/sent/digest-2026-11-26-priya.shah@example.com.eml ] || fail "the others still get it"
ok "members' own digests, UNSUBSCRIBE"

# The words: counts agree ("1 new request", "no new offers"), the rota says "1 more
# needed" and "(full)", never "0 more needed"; the text part wraps within 72 columns
# at spaces only, keeps "(like R-0012)" whole and has the unsubscribe line of the HTML.
cd .. && mkdir words && cd words || fail "cd words"
write_config doorstep.ini
sed -i 's/^address = .*/address = neighbours.help.desk@elm-park-neighbours.example.org/' doorstep.ini
sed -i 's/^food bank = .*/food bank = thu 10:00-12:00 x2\nsoup run = thu 12:00-13:00 x1/' doorstep.ini
printf '[digest]\nsend_when_empty = yes\n' >>doorstep.ini
render() { env DOORSTEP_NOW="$1T08:00:00" "$BIN/doorstep-render" -c doorstep.ini -q "$2"; }
parts() { # FILE: the Subject, the text part and the HTML part into subject, text, html
    python3 - "$1" <<'PY' || fail "cannot read $1"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
open("subject", "w").write(m["Subject"] + "\n")
open("text", "w").write(m.get_body(("plain",)).get_content())
h = m.get_body(("html",))
open("html", "w").write(h.get_content() if h else "")
PY
}
render 2026-11-25 digest || fail "words: first render"
sql "INSERT INTO members (id, email, name, status, joined_at) VALUES
  (1, 'sam.okafor@example.net', 'Sam Okafor', 'member', 0),
  (2, 'tom.baker@example.net', 'Tom Baker', 'member', 0);
INSERT INTO posts (ref, kind, category, area, street, title, member_id, created_at, status)
VALUES ('R-0012', 'request', 'shopping', 'north', 'Elm Street',
  'Shopping from the big Tesco on Thursday, a long list with many words in it', 1, 100, 'open');
INSERT INTO rota_slots (task, day, member_id, created_at) VALUES
  ('food bank', '2026-11-26', 1, 0), ('soup run', '2026-11-26', 2, 0);" ||
    fail "words: cannot fill the database"
render 2026-11-26 digest || fail "words: day 1"
parts output/digest-2026-11-26.eml
expect_grep ': 1 new request, no new offers \(2026-11-26\)$' subject
expect_grep '^New: 1 request, no offers\. Still open: 1 request\.' text
expect_grep 'New: 1 request, no offers\.' html
expect_grep 'food bank 10:00-12:00: Sam O\., 1 more needed$' text
expect_grep 'soup run 12:00-13:00: Tom B\. \(full\)$' text
expect_grep 'check-in calls 18:00-19:00: 1 volunteer needed$' text
expect_no_grep '0 more needed|1 new requests|1 requests|1 offers|, full' text
expect_no_grep '0 more needed' html
# lines: at most 72 columns unless one word; no code or address cut; no "(like" alone
python3 - text <<'PY' || fail "the text part's lines (above)"
import re, sys
t = open(sys.argv[1]).read()
bad = [l for l in t.split("\n") if len(l) > 72 and " " in l.strip()]
assert not bad, bad
assert "(like R-0012)" in t, "the example code was split from its bracket"
assert not re.search(r"\(like\s*$", t, re.M), "a line ends with '(like'"
assert re.search(r"^\s*neighbours\.help\.desk@elm-park-neighbours\.example\.org", t, re.M) or \
    "neighbours.help.desk@elm-park-neighbours.example.org" in t, "the address was cut"
assert "-- \n" in t, "no signature separator"
PY
# the unsubscribe line in both parts, with the address and the subject word
tr '\n' ' ' <text | tr -s ' ' >text1
expect_grep 'To stop it, write UNSUBSCRIBE in the subject of an email to neighbours\.help\.desk@elm-park-neighbours\.example\.org\.' text1
expect_grep 'To stop it, write UNSUBSCRIBE in the subject of an email to neighbours\.help\.desk@elm-park-neighbours\.example\.org\.' html
ok "singular counts, rota words, wrapped text part with its unsubscribe line"

# zero new requests, two new offers; then nothing new at all (sent anyway)
sql "INSERT INTO posts (ref, kind, category, area, street, title, member_id, created_at, status)
VALUES ('O-0001', 'offer', 'pets', 'north', 'Oak Road', 'Dog walks', 2, 200, 'open'),
       ('O-0002', 'offer', 'food', 'north', 'Oak Road', 'Soup', 2, 200, 'open')" || fail "sql"
render 2026-11-27 digest || fail "words: day 2"
parts output/digest-2026-11-27.eml
expect_grep ': no new requests, 2 new offers \(2026-11-27\)$' subject
expect_grep '^New: no requests, 2 offers\. Still open: 1 request\.' text
render 2026-11-28 digest || fail "words: day 3"
parts output/digest-2026-11-28.eml
expect_grep ': no new requests or offers \(2026-11-28\)$' subject
expect_grep '^New: no requests, no offers\.' text
# the coordinators: one thing, a failed send after one attempt
sql "INSERT INTO outbox (kind, key, message_id, recipients, raw, state, attempts, last_error, created_at)
  VALUES ('digest', 'digest:test', '<t@x>', 'a@example.org', 'x', 'failed', 1, 'refused', 0)" ||
    fail "sql outbox"
render 2026-11-28 coordinators || fail "words: coordinators"
parts output/coordinators-2026-11-28.eml
expect_grep ': 1 thing for coordinators \(2026-11-28\)$' subject
tr '\n' ' ' <text | tr -s ' ' >text1
expect_grep '2026-11-28: 1 thing needs you\.' text1
expect_grep 'digest:test after 1 attempt: refused' text
ok "zero counts and the coordinators' singulars"
