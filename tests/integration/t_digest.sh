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
