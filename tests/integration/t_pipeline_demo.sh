# The whole pipeline on the bundled demo mailbox: doorstep daily fetches, processes
# and renders; the exports match the demo's manifest; a second run changes nothing;
# no private detail reaches the digest.
. "$SRC/tests/integration/lib.sh"

cp -r "$SRC/config/demo/Maildir" Maildir
write_config doorstep.ini

expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
[ ! -s err ] || { cat err; fail "daily printed something while quiet by default"; }

# every message is accounted for
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export messages
[ "$(wc -l <out)" = 32 ] || fail "expected 32 messages, got $(wc -l <out)"
python3 - out <<'PY' || fail "messages export"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for r in rows:
    for k in ("id", "message_id", "sha256", "state", "reason"):
        assert k in r, (k, r)
    assert r["state"] in ("processed", "ignored", "quarantined"), r
    assert r["state"] == "processed" or r["reason"], r
    assert len(r["sha256"]) == 64
PY

# posts: every offer and request of the manifest, with or without a subject prefix,
# with its reference code, kind, category and street; closings by code and by a reply
# in the thread; rota sign-ups and their cancellation
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export posts
cp out posts.jsonl
"$BIN/doorstep" -c doorstep.ini export messages >messages.jsonl
python3 - posts.jsonl messages.jsonl "$SRC/config/demo/MANIFEST.tsv" <<'PY' || fail "posts export against the manifest"
import csv, json, sys
posts = {p["ref"]: p for p in map(json.loads, open(sys.argv[1]))}
messages = [json.loads(l) for l in open(sys.argv[2])]
fields = ("ref", "message_id", "kind", "category", "area", "street", "status", "title",
          "member", "created_at", "needed_by", "expires_at")
for p in posts.values():
    for f in fields:
        assert f in p, (f, p)
rows = list(csv.DictReader(open(sys.argv[3]), delimiter="\t"))
checked = 0
for r in rows:
    if r["expected_kind"] not in ("offer", "request"):
        continue
    p = posts[r["ref"]]
    assert p["kind"] == r["expected_kind"], (p, r)
    assert p["category"] == r["category"], (p["ref"], p["category"], r["category"])
    assert (p["street"] or "") == r["street"], (p["ref"], p["street"], r["street"])
    checked += 1
assert checked == 20 and len(posts) == 20, (checked, len(posts))
for ref, status in (("R-0001", "done"), ("R-0006", "done"), ("R-0002", "done"),
                    ("O-0003", "withdrawn"), ("R-0009", "open"), ("O-0010", "open")):
    assert posts[ref]["status"] == status, (ref, posts[ref]["status"])
assert posts["O-0001"]["created_at"].startswith("2026-11-"), posts["O-0001"]
assert posts["R-0009"]["needed_by"] == "2026-11-26", posts["R-0009"]
assert posts["O-0001"]["expires_at"] == "2026-12-20", posts["O-0001"]  # offers: 30 days
assert posts["R-0001"]["expires_at"] == "2026-11-27", posts["R-0001"]  # requests: 7 days
ignored = [m for m in messages if m["state"] == "ignored"]
assert len(ignored) == 5 and all(m["reason"] for m in ignored), ignored
rota = [m["reason"] for m in messages if (m["reason"] or "").startswith("rota")]
assert len(rota) == 3, rota
PY
[ "$(sql "SELECT r.task || ' ' || r.day || ' ' || m.email FROM rota_slots r JOIN members m ON m.id = r.member_id")" = \
    "check-in calls 2026-11-30 kwame.mensah@example.net" ] || fail "rota sign-ups: $(sql 'SELECT * FROM rota_slots')"

# outputs
for f in digest-2026-11-25.eml rota-2026-11-25.pdf leaflets-2026-11-25.pdf sent/digest-2026-11-25.eml; do
    [ -s "output/$f" ] || fail "output/$f is missing"
done
python3 - output/digest-2026-11-25.eml <<'PY' >digest.txt || fail "digest is not a valid message"
import email, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
assert m["Message-ID"].startswith("<doorstep.digest-2026-11-25."), m["Message-ID"]
assert m.get_content_type() == "multipart/alternative", m.get_content_type()
parts = list(m.walk())[1:]
assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
for p in parts:
    assert p.get_content_charset() == "utf-8"
raw = open(sys.argv[1], "rb").read()
assert max(len(l) for l in raw.split(b"\r\n")) <= 78, "a line over 78 characters"
for h in ("List-Id", "List-Post", "List-Unsubscribe", "Auto-Submitted", "Reply-To", "Date"):
    assert m[h], h
print(m["Subject"])
print(parts[0].get_payload(decode=True).decode("utf-8"))
open("digest.html", "w").write(parts[1].get_payload(decode=True).decode("utf-8"))
PY
expect_grep "NEW REQUESTS" digest.txt
expect_grep "R-0009 Hospital appointment on Thursday \(Elm Street\)" digest.txt
expect_grep "R-0001 prescription pick-up Monday" digest.txt
expect_grep "O-0004 homemade żurek for two \(Ash Grove\)" digest.txt
expect_grep "DONE, WITH THANKS" digest.txt
expect_grep "SUGGESTED MATCHES" digest.txt
expect_grep "R-0008 help with electric top-up until Friday: perhaps O-0008" digest.txt
expect_grep "food bank 10:00-12:00: 2 volunteers needed" digest.txt
expect_no_grep "&amp;|&quot;|&lt;" digest.txt
# privacy: no requester's phone, email, house number or postcode
for f in digest.txt digest.html; do
    expect_no_grep "07700|900[0-9]{3}|@example\.(com|net)|[0-9]+[A-Za-z]? (Oak Road|Elm Street|Ash Grove|Willow Lane|Station Road|Birch Close)|EP[0-9] ?[0-9][A-Z]{2}" $f
done
expect_grep "<strong>R-0009</strong> Hospital appointment on Thursday \(Elm Street\)" digest.html

# a second run stores, posts and sends nothing twice
sum1=$(cat posts.jsonl | md5sum)
expect_exit 0 "$BIN/doorstep" -c doorstep.ini -v daily
expect_grep "0 new, 32 already stored" err
expect_grep "digest:2026-11-25 was already sent" err
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export posts
[ "$(md5sum <out)" = "$sum1" ] || fail "posts changed on a second run"
[ "$(sql "SELECT count(*) FROM outbox WHERE kind = 'digest'")" = 1 ] || fail "outbox should hold one digest"
[ "$(sql "SELECT state FROM outbox WHERE kind = 'digest'")" = sent ] || fail "the digest should be sent"

# CSV export for spreadsheets
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export posts --format csv
head -1 out | grep -q '^ref,message_id,kind,category,area,street,status,title,member,created_at,needed_by,expires_at' ||
    fail "csv header: $(head -1 out)"
[ "$(wc -l <out)" = "$(($(wc -l <posts.jsonl) + 1))" ] || fail "csv rows"
ok "demo pipeline"
