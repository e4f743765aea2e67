# Announcements (issue 19): doorstep announce queues a one-off message for the
# digest's recipients (each member who gets the digest, with [digest] to = members:
# never one awaiting approval, blocked or unsubscribed), which a real SMTP server on
# 127.0.0.1 (tests/integration/smtpd.py) receives exactly once per recipient however
# many renders follow, also after a render killed once it claimed a copy for sending
# (that copy is reported, not sent twice, and --resend sends it); with the digest's
# list headers, From the group and the line about privacy; --dry-run queues nothing;
# the errors each have their sysexits code and words.
. "$SRC/tests/integration/imap.sh" # free_port, ini_set, the cleanup at exit

command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null ||
    skip "python3-aiosmtpd is not installed"
SMTP_PORT=$(free_port)
/usr/bin/python3 "$SRC/tests/integration/smtpd.py" --port "$SMTP_PORT" --out got >smtpd.log 2>&1 &
_imap_pids="$_imap_pids $!"
i=0
until grep -q '^ready' smtpd.log 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { cat smtpd.log; fail "smtpd did not start"; }
    sleep 0.1
done
write_config doorstep.ini
ini_set doorstep.ini smtp method smtp
ini_set doorstep.ini smtp host 127.0.0.1
ini_set doorstep.ini smtp port "$SMTP_PORT"
ini_set doorstep.ini smtp security none
ini_set doorstep.ini smtp timeout 10
ini_set doorstep.ini digest to members
mkdir -p Maildir/new Maildir/cur Maildir/tmp
"$BIN/doorstep-process" -c doorstep.ini -q >/dev/null 2>&1 # creates the database
member() { # ADDRESS STATUS DIGEST
    sql "INSERT INTO members(email, name, status, joined_at, digest) VALUES ('$1', '', '$2', 0, $3)"
}
member ann@example.net member 1
member bob@example.net member 1
member maria.lopez@elmpark.example.org coordinator 1
member kemi@example.net member 1
member new@example.net pending 1
member spam@example.net blocked 1
member quiet@example.net member 0
everyone="ann@example.net bob@example.net kemi@example.net maria.lopez@elmpark.example.org"

# the messages the server got, one JSON a line
received() {
    /usr/bin/python3 - got <<'PY'
import email, email.policy, glob, json, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml")), key=lambda p: int(os.path.basename(p)[:-4])):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    env = json.load(open(f[:-4] + ".json"))
    body = m.get_body(("plain",))
    print(json.dumps({"env_to": env["to"], "env_from": env["from"], "to": str(m["To"] or ""),
        "from": str(m["From"] or ""), "subject": str(m["Subject"] or ""),
        "list_id": str(m["List-Id"] or ""), "list_unsub": str(m["List-Unsubscribe"] or ""),
        "list_post": str(m["List-Post"] or ""), "auto": str(m["Auto-Submitted"] or ""),
        "message_id": str(m["Message-ID"]), "text": body.get_content() if body else ""}))
PY
}
# copies SUBJECT-WORDS: "address count" per recipient of the announcement, sorted
copies() {
    received | /usr/bin/python3 -c '
import json, sys, collections
n = collections.Counter(m["to"] for m in map(json.loads, sys.stdin) if sys.argv[1] in m["subject"])
print(" ".join("%s:%d" % kv for kv in sorted(n.items())))' "$1"
}
each_once() { echo "$everyone" | tr ' ' '\n' | sed 's/$/:1/' | tr '\n' ' ' | sed 's/ $//'; }

# errors, each refused before anything is queued
export DOORSTEP_NOW=2026-12-07T09:00:00
expect_exit 64 "$BIN/doorstep" -c doorstep.ini announce </dev/null
expect_grep 'subject TEXT is needed' err
printf 'text\n' >body.txt
expect_exit 64 "$BIN/doorstep" -c doorstep.ini announce --subject '  ' body.txt
expect_grep 'subject is empty' err
printf '\n  \n\n' | expect_exit 65 "$BIN/doorstep" -c doorstep.ini announce --subject 'Hello'
expect_grep 'text is empty' err
printf 'caf\351 on Tuesday\n' | expect_exit 65 "$BIN/doorstep" -c doorstep.ini announce --subject 'Hello'
expect_grep 'not valid UTF-8' err
printf 'ok\n' | expect_exit 65 "$BIN/doorstep" -c doorstep.ini announce --subject "$(printf 'bad \377 subject')"
expect_grep 'subject is not valid UTF-8' err
expect_exit 66 "$BIN/doorstep" -c doorstep.ini announce --subject 'Hello' no-such-file.txt
expect_grep 'no-such-file.txt' err
expect_exit 64 "$BIN/doorstep" -c doorstep.ini announce --subject 'Hello' a.txt b.txt
[ "$(sql "SELECT count(*) FROM outbox")" = 0 ] || fail "an error queued something"
ok "announce errors: no subject 64, empty subject 64, empty text 65, bad UTF-8 65, no file 66"

# --dry-run: the message and its recipients, nothing queued
cat >agm.txt <<'TXT'
Dear neighbours,

The group's annual meeting is on Tuesday 15 December at 7pm in St Mary's church hall.
Tea and cake from 6.30 — everyone is welcome, café regulars too.
TXT
expect_exit 0 "$BIN/doorstep" -c doorstep.ini announce --subject 'Annual meeting on Tuesday' agm.txt --dry-run
expect_grep '^Subject: Elm Park Neighbours: Annual meeting on Tuesday' out
expect_grep '^List-Id: ' out
expect_grep 'everyone is welcome, café regulars too' out
expect_grep 'not queued.*4 recipients' out
for a in new@example.net spam@example.net quiet@example.net; do expect_no_grep "$a" out; done
[ "$(sql "SELECT count(*) FROM outbox")" = 0 ] || fail "--dry-run queued something"
ok "--dry-run prints the message and its 4 recipients, queues nothing"

# queued from a file, sent by two renders: once per recipient
expect_exit 0 "$BIN/doorstep" -c doorstep.ini announce --subject 'Annual meeting on Tuesday' agm.txt
expect_grep 'queued for 4 recipients' out
[ "$(sql "SELECT count(*) FROM outbox WHERE kind = 'announce' AND state = 'queued'")" = 4 ] ||
    fail "not 4 copies queued: $(sql 'SELECT key, state FROM outbox')"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini announce --subject 'Annual meeting on Tuesday' agm.txt
expect_grep 'already queued' out
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest
export DOORSTEP_NOW=2026-12-08T09:00:00
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest
got=$(copies 'Annual meeting')
[ "$got" = "$(each_once)" ] || fail "received: [$got] want [$(each_once)]"
received >r1.json
/usr/bin/python3 - r1.json <<'PY' || fail "the announcement as received"
import json, sys
msgs = [json.loads(l) for l in open(sys.argv[1]) if "Annual meeting" in l]
assert len(msgs) == 4, len(msgs)
assert len({m["message_id"] for m in msgs}) == 4, msgs
for m in msgs:
    assert m["env_to"] == [m["to"]], m
    assert m["env_from"] == "help@elmpark.example.org", m
    assert "help@elmpark.example.org" in m["from"] and "Elm Park Neighbours" in m["from"], m
    assert m["subject"] == "Elm Park Neighbours: Annual meeting on Tuesday", m
    assert m["list_id"] == '"Elm Park Neighbours" <help.elmpark.example.org>', m
    assert m["list_unsub"] == "<mailto:help@elmpark.example.org?subject=UNSUBSCRIBE>", m
    assert m["list_post"] == "<mailto:help@elmpark.example.org>", m
    t = " ".join(m["text"].split())
    assert "St Mary's church hall" in t and "café regulars" in t, t
    assert "with the subject PRIVACY" in t, t
    assert "UNSUBSCRIBE" in t, t
PY
ok "one announcement, three renders: each of the 4 recipients got it once, with the digest's list headers"

# a run through doorstep daily sends one too
printf 'The food bank needs volunteers on Thursday.\n' |
    expect_exit 0 "$BIN/doorstep" -c doorstep.ini announce --subject 'Food bank Thursday'
expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
got=$(copies 'Food bank Thursday')
[ "$got" = "$(each_once)" ] || fail "after daily: $got"
ok "doorstep daily sends it, once"

# killed after the second copy was claimed for sending (commits: the replies, then one
# claim a copy): the rerun sends the others, that one is reported and not sent twice
# (it may have arrived); --resend sends it; more renders send nothing more
export DOORSTEP_NOW=2026-12-09T09:00:00
printf 'The hall is closed on Friday.\n' |
    expect_exit 0 "$BIN/doorstep" -c doorstep.ini announce --subject 'Hall closed Friday'
before=$(ls got/*.eml | wc -l)
env DOORSTEP_CRASH_AFTER_COMMITS=3 "$BIN/doorstep-render" -c doorstep.ini digest >log 2>&1 &&
    fail "the render was not killed"
[ "$(ls got/*.eml | wc -l)" = $((before + 1)) ] || fail "not one copy sent before the kill: $(copies 'Hall closed')"
claimed=$(sql "SELECT key FROM outbox WHERE state = 'sending'")
[ -n "$claimed" ] || fail "nothing left sending: $(sql "SELECT key, state FROM outbox WHERE kind = 'announce'")"
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest
[ "$(sql "SELECT state FROM outbox WHERE key = '$claimed'")" = failed ] || fail "$claimed not failed"
[ "$(copies 'Hall closed' | wc -w)" = 3 ] || fail "after the rerun: $(copies 'Hall closed')"
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini coordinators
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini --resend digest
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest
got=$(copies 'Hall closed')
[ "$got" = "$(each_once)" ] || fail "after the kill, rerun and --resend: $got"
[ "$(copies 'Annual meeting')" = "$(each_once)" ] || fail "an old announcement went again"
ok "killed mid-send: the rest sent on the rerun, the claimed copy once with --resend, none twice"

# a member who left (UNSUBSCRIBE) before an announcement does not get it; with a
# [digest] to list, one message to the list
sql "UPDATE members SET digest = 0 WHERE email = 'kemi@example.net'"
printf 'Bins go out on Tuesday this week.\n' |
    expect_exit 0 "$BIN/doorstep" -c doorstep.ini announce --subject 'Bins Tuesday'
ini_set doorstep.ini digest to "list@elmpark.example.org, maria.lopez@elmpark.example.org"
printf 'Carols on Sunday.\n' | expect_exit 0 "$BIN/doorstep" -c doorstep.ini announce --subject 'Carols Sunday'
expect_grep 'queued for 1 recipient' out
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest
got=$(copies 'Bins Tuesday')
[ "$got" = "ann@example.net:1 bob@example.net:1 maria.lopez@elmpark.example.org:1" ] || fail "unsubscribed: $got"
received | grep 'Carols Sunday' >carols.json
[ "$(wc -l <carols.json)" = 1 ] || fail "carols: $(cat carols.json)"
expect_grep '"env_to": \["list@elmpark.example.org", "maria.lopez@elmpark.example.org"\]' carols.json
ok "unsubscribed members left out; [digest] to: one message to its addresses"

# nobody to send to
ini_set doorstep.ini digest to members
sql "UPDATE members SET digest = 0"
printf 'Anyone?\n' | expect_exit 69 "$BIN/doorstep" -c doorstep.ini announce --subject 'Nobody'
expect_grep 'nobody gets the digest' err
ok "nobody subscribed: refused (69)"
