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

# posts: every prefixed offer and request of the manifest, with its reference code,
# in arrival order
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export posts
cp out posts.jsonl
python3 - posts.jsonl "$SRC/config/demo/MANIFEST.tsv" <<'PY' || fail "posts export against the manifest"
import csv, json, sys
posts = {p["ref"]: p for p in map(json.loads, open(sys.argv[1]))}
fields = ("ref", "message_id", "kind", "category", "area", "street", "status", "title",
          "member", "created_at", "needed_by", "expires_at")
for p in posts.values():
    for f in fields:
        assert f in p, (f, p)
rows = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
closed = {r["ref"] for r in rows if r["expected_kind"] == "closing" and r["ref"]}
checked = 0
for r in rows:
    if r["expected_kind"] not in ("offer", "request"):
        continue
    if r["ref"] not in posts:
        # posts without a subject prefix are the process issue's work; prefixed ones must be here
        assert "no prefix" in r["notes"].lower() or "no-prefix" in r["notes"].lower(), r
        continue
    p = posts[r["ref"]]
    assert p["kind"] == r["expected_kind"], (p, r)
    if r["street"]:
        assert p["street"] == r["street"], (p["ref"], p["street"], r["street"])
    checked += 1
assert checked >= 16, checked
assert posts["R-0002"]["status"] == "done", posts["R-0002"]
assert posts["O-0003"]["status"] == "withdrawn", posts["O-0003"]
assert posts["O-0001"]["created_at"].startswith("2026-11-"), posts["O-0001"]
PY

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
expect_grep "R-0001 prescription pick-up Monday \(Oak Road\)" digest.txt
expect_grep "O-0004 homemade żurek for two \(Ash Grove\)" digest.txt
expect_grep "DONE, WITH THANKS" digest.txt
expect_grep "food bank 10:00-12:00: 2 more needed" digest.txt
expect_no_grep "&amp;|&quot;|&lt;" digest.txt
# privacy: no requester's phone, email, house number or postcode
for f in digest.txt digest.html; do
    expect_no_grep "07700|900[0-9]{3}|@example\.(com|net)|[0-9]+[A-Za-z]? (Oak Road|Elm Street|Ash Grove|Willow Lane|Station Road|Birch Close)|EP[0-9] ?[0-9][A-Z]{2}" $f
done
expect_grep "<strong>R-0001</strong> prescription pick-up Monday \(Oak Road\)" digest.html

# a second run stores, posts and sends nothing twice
sum1=$(cat posts.jsonl | md5sum)
expect_exit 0 "$BIN/doorstep" -c doorstep.ini -v daily
expect_grep "0 new, 32 already stored" err
expect_grep "digest:2026-11-25 was already sent" err
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export posts
[ "$(md5sum <out)" = "$sum1" ] || fail "posts changed on a second run"
[ "$(sql "SELECT count(*) FROM outbox")" = 1 ] || fail "outbox should hold one digest"
[ "$(sql "SELECT state FROM outbox")" = sent ] || fail "the digest should be sent"

# CSV export for spreadsheets
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export posts --format csv
head -1 out | grep -q '^ref,message_id,kind,category,area,street,status,title,member,created_at,needed_by,expires_at' ||
    fail "csv header: $(head -1 out)"
[ "$(wc -l <out)" = "$(($(wc -l <posts.jsonl) + 1))" ] || fail "csv rows"
ok "demo pipeline"
