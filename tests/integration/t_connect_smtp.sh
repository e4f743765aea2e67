# Connecting people over SMTP (issue 16): relays, confirmations and acknowledgements
# reach a real SMTP server on 127.0.0.1 (tests/integration/smtpd.py) once each, with
# the right envelope, To, Reply-To and Auto-Submitted, parsed by Python's email
# package; a run killed after a reply is queued, and one killed after a message is
# claimed for sending, never send anything twice (the second is reported, and
# --resend sends it); [replies] per_address_per_day holds back the rest, a relay then
# going to the coordinators; a held sender gets only the "held" note, and held posts
# and rota sign-ups stay out of the digest.
. "$SRC/tests/integration/imap.sh" # free_port, ini_set, the cleanup at exit
. "$SRC/tests/integration/connect.sh"

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
ini_set doorstep.ini group moderation unknown
ini_set doorstep.ini group coordinators "maria.lopez@elmpark.example.org"
# known members: their posts are public at once
sqlite_members() {
    for m in "$@"; do
        sql "INSERT INTO members(email, name, status, joined_at) VALUES ('$m', '', 'member', 0)"
    done
}
"$BIN/doorstep-process" -c doorstep.ini -q >/dev/null 2>&1 # creates the database
sqlite_members bob@example.net tom@example.net ann@example.net kemi@example.net

# the messages the server got, one JSON a line (with the envelope)
received() {
    /usr/bin/python3 - got <<'PY'
import email, email.policy, glob, json, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml")), key=lambda p: int(os.path.basename(p)[:-4])):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    env = json.load(open(f[:-4] + ".json"))
    body = m.get_body(("plain",))
    print(json.dumps({"file": os.path.basename(f), "env_to": env["to"], "env_from": env["from"],
        "to": str(m["To"] or ""), "reply_to": str(m["Reply-To"] or ""),
        "subject": str(m["Subject"] or ""), "auto": str(m["Auto-Submitted"] or ""),
        "message_id": str(m["Message-ID"]),
        "text": " ".join((body.get_content() if body else "").split())}))
PY
}

# day 1: posts, a held newcomer's post and rota sign-up; a render killed right after
# the replies were queued (its first commit): the rerun sends each once
export DOORSTEP_NOW=2026-12-07T07:00:00
mail bob1 "Bob Smith <bob@example.net>" "REQUEST: lift to the hospital on Thursday" "I need a lift, please."
mail ann1 "Ann <ann@example.net>" "OFFER: spare pram" "A spare pram, free."
mail new1 "Newcomer <new@example.net>" "REQUEST: help with my garden" "Could someone help with the garden?"
mail new2 "Newcomer <new@example.net>" "ROTA: food bank Thursday" "Put me down please."
mail new3 "Newcomer <new@example.net>" "DONE R-0002" "sorted"
"$BIN/doorstep-fetch" -c doorstep.ini -q && "$BIN/doorstep-process" -c doorstep.ini -q || fail "day 1"
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0002'")" = done ] || fail "new's post: $(sql 'SELECT ref, status FROM posts')"
env DOORSTEP_CRASH_AFTER_COMMITS=1 "$BIN/doorstep-render" -c doorstep.ini digest >log 2>&1
[ "$(ls got/*.eml 2>/dev/null | wc -l)" = 0 ] || fail "sent before the kill"
[ "$(sql "SELECT count(*) FROM outbox WHERE kind = 'reply' AND state = 'queued'")" -ge 2 ] ||
    fail "nothing queued before the kill"
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest coordinators
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest coordinators
received >r1.json
/usr/bin/python3 - r1.json <<'PY' || fail "day 1 as received"
import json, sys
msgs = [json.loads(l) for l in open(sys.argv[1])]
ids = [m["message_id"] for m in msgs]
assert len(ids) == len(set(ids)), "a message twice: %s" % ids
to = sorted(m["to"] for m in msgs)
assert to.count("new@example.net") == 1, to  # only the held note
held = [m for m in msgs if m["to"] == "new@example.net"][0]
assert "waits for a coordinator" in held["text"], held
for m in msgs:
    assert m["env_to"] == [a.strip() for a in m["to"].split(",")], m
    assert m["env_from"] == "help@elmpark.example.org", m
    assert m["auto"] in ("auto-generated", "auto-replied"), m
acks = [m for m in msgs if "received" in m["subject"]]
assert sorted(m["to"] for m in acks) == ["ann@example.net", "bob@example.net"], acks
d = [m for m in msgs if m["to"] == "help@elmpark.example.org"]
assert len(d) == 1, d
t = d[0]["text"]
# the held post, its closing and the held sender's rota sign-up: nowhere public
assert "garden" not in t and "R-0002" not in t and "Newcomer" not in t, t
PY
ok "killed after queueing: each sent once; held sender: only the held note, nothing public"

# day 2: responses; a render killed right after it claimed a relay for sending
export DOORSTEP_NOW=2026-12-08T07:00:00
mail tom1 "Tom Green <tom@example.net>" "Re: R-0001" "I can take you on Thursday."
mail kemi1 "Kemi <kemi@example.net>" "I would like O-0001" "Is the pram still free? O-0001"
"$BIN/doorstep-fetch" -c doorstep.ini -q && "$BIN/doorstep-process" -c doorstep.ini -q || fail "day 2"
before=$(ls got/*.eml | wc -l)
# commits: the replies queued (1) (no digest: nothing new, responses are not posts),
# the first claim (2)
env DOORSTEP_CRASH_AFTER_COMMITS=2 "$BIN/doorstep-render" -c doorstep.ini digest >log 2>&1
[ "$(ls got/*.eml | wc -l)" = "$before" ] || fail "sent after a kill at the claim"
claimed=$(sql "SELECT key FROM outbox WHERE state = 'sending'")
[ -n "$claimed" ] || fail "nothing left sending: $(sql 'SELECT key, state FROM outbox')"
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest coordinators
[ "$(sql "SELECT state FROM outbox WHERE key = '$claimed'")" = failed ] || fail "$claimed not failed"
grep -l "$claimed" got/*.eml | while read -r f; do
    grep -q "^Subject: .*things for coordinators" "$f" && exit 0
done || fail "the coordinators were not told of $claimed"
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini --resend digest
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest coordinators
[ "$(sql "SELECT state FROM outbox WHERE key = '$claimed'")" = sent ] || fail "--resend did not send $claimed"
received >r2.json
/usr/bin/python3 - r2.json <<'PY' || fail "day 2 as received"
import json, sys
msgs = [json.loads(l) for l in open(sys.argv[1])]
keys = {}
relays = [m for m in msgs if "can help" in m["subject"]]
assert len(relays) == 2, [m["subject"] for m in msgs]
for m in relays:
    assert m["auto"] == "auto-generated", m
tom = [m for m in relays if m["reply_to"] == "tom@example.net"]
assert len(tom) == 1 and tom[0]["to"] == "bob@example.net", relays
kemi = [m for m in relays if m["reply_to"] == "kemi@example.net"]
assert len(kemi) == 1 and kemi[0]["to"] == "ann@example.net", relays
# each message once, but the digest resent on purpose (--resend)
ids = [m["message_id"] for m in msgs if "Elm Park Neighbours:" not in m["subject"]]
assert len(ids) == len(set(ids)), sorted(ids)
for m in msgs:
    if m["to"] in ("tom@example.net", "kemi@example.net"):
        assert "bob@" not in m["text"] and "ann@" not in m["text"], m
PY
ok "killed after a claim: reported, not sent twice; --resend sends it"

# the per-day limit: Tom answers seven posts at once, and gets no more than 2
ini_set doorstep.ini replies per_address_per_day 2
export DOORSTEP_NOW=2026-12-09T07:00:00
for i in 1 2 3 4 5 6 7; do
    mail "flood$i" "Tom Green <tom@example.net>" "R-0001 again $i" "Still happy to drive, $i."
done
before=$(ls got/*.eml | wc -l)
"$BIN/doorstep-fetch" -c doorstep.ini -q && "$BIN/doorstep-process" -c doorstep.ini -q || fail "day 3"
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest coordinators
received >r3.json
[ "$(sql "SELECT count(*) FROM replies WHERE day = '2026-12-09' AND to_addr = 'tom@example.net' AND state != 'suppressed'")" -le 2 ] ||
    fail "more than 2 to tom"
[ "$(sql "SELECT count(*) FROM replies WHERE day = '2026-12-09' AND to_addr = 'bob@example.net' AND state != 'suppressed'")" = 2 ] ||
    fail "bob's relays: $(sql "SELECT key, state FROM replies WHERE day = '2026-12-09'")"
/usr/bin/python3 - r3.json "$before" <<'PY' || fail "day 3 as received"
import json, sys
msgs = [json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2]):]
for who in ("tom@example.net", "bob@example.net"):
    n = sum(1 for m in msgs if m["to"] == who)
    assert n <= 2, (who, n)
c = [m for m in msgs if m["to"] == "maria.lopez@elmpark.example.org"]
assert c and "too many automatic messages to the poster today" in c[-1]["text"], c
PY
ok "at most per_address_per_day a day; the rest of the relays to the coordinators"
