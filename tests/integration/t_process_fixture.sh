# doorstep-process on the realistic fixture mailbox (tests/fixtures/process): fetch +
# process, then the exports against EXPECTED.tsv field by field, with the accuracy of
# each printed and held to the process issue's goals (kind 95%, area 90%, category 85%);
# no private detail of the fixtures in any public field; a rerun changes nothing;
# --reprocess rebuilds the same posts with the same reference codes.
. "$SRC/tests/integration/lib.sh"

fixture=$SRC/tests/fixtures/process
cp -r "$fixture/Maildir" Maildir
export DOORSTEP_NOW=2026-12-09T08:00:00
cat >doorstep.ini <<INI
[group]
name = Millbrook Mutual Aid
address = help@millbrook.example.org
timezone = Europe/London
moderation = none
coordinators = sam.okafor@millbrook.example.org

[database]
path = doorstep.db

[fetch]
source = maildir:Maildir

[output]
dir = output
templates = $SRC/templates

[areas]
north = Church Street:40, Mill Lane:30, St John's Road:50
south = Victoria Avenue:60, Chapel Close:12, Hawthorn Grove:25
east = Queens Road:45, Bridge Street:35, Orchard Way:20

[rota]
days = 7
food bank = thu 10:00-12:00 x2
check-in calls = daily 18:00-19:00
delivery round = sat 10:00-12:00 x3
INI

expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
"$BIN/doorstep" -c doorstep.ini export posts >posts.jsonl || fail "export posts"
"$BIN/doorstep" -c doorstep.ini export messages >messages.jsonl || fail "export messages"

python3 - "$fixture" posts.jsonl messages.jsonl <<'PY' || fail "fixture results below the goals"
import csv, email, email.policy, json, os, re, sys

fixture, posts_path, messages_path = sys.argv[1:4]
rows = list(csv.DictReader(open(os.path.join(fixture, "EXPECTED.tsv")), delimiter="\t"))
posts = [json.loads(l) for l in open(posts_path)]
messages = [json.loads(l) for l in open(messages_path)]
by_mid = {}
for p in posts:  # a mail of two posts: its first
    by_mid.setdefault(p["message_id"], p)
kinds_of = {}
for p in posts:
    kinds_of.setdefault(p["message_id"], []).append(p["kind"])
by_ref = {p["ref"]: p for p in posts}
msg_by_mid = {m["message_id"]: m for m in messages}

def mid_of(path):
    with open(os.path.join(fixture, "Maildir", path), "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.compat32)
    return m["Message-ID"].strip().strip("<>")

score = {f: [0, 0] for f in ("kind", "category", "street", "area", "status", "ref", "closing")}
wrong = []

def check(field, ok, row, got):
    score[field][1] += 1
    if ok:
        score[field][0] += 1
    else:
        wrong.append("%-8s %-28s expected %-16r got %r" % (field, row["notes"].split(":")[0],
                                                          row[field] if field in row else "", got))

for r in rows:
    mid = mid_of(r["file"])
    m = msg_by_mid.get(mid)
    assert m, ("message not stored", r["file"])
    reason = m["reason"] or ""
    p = by_mid.get(mid)
    kind = r["kind"]
    if "+" in kind:  # two posts of one mail: both kinds, then the first's fields
        check("kind", sorted(kinds_of.get(mid, [])) == sorted(kind.split("+")), r,
              "+".join(kinds_of.get(mid, [])) or reason)
        kind = kind.split("+")[0]
        p = next((q for q in posts if q["message_id"] == mid and q["kind"] == kind), None)
    elif kind in ("offer", "request"):
        check("kind", p is not None and p["kind"] == kind and len(kinds_of[mid]) == 1, r,
              p and "+".join(kinds_of[mid]) or reason)
    if kind in ("offer", "request"):
        if not p:
            continue
        check("category", p["category"] == r["category"], r, p["category"])
        check("street", (p["street"] or "") == r["street"], r, p["street"])
        check("area", (p["area"] or "") == r["area"], r, p["area"])
        check("status", p["status"] == r["status"], r, p["status"])
        check("ref", p["ref"] == r["ref"], r, p["ref"])
    elif kind == "closing":
        ok = p is None and (reason.startswith("closing") or reason.startswith("triage: a closing")
                            or reason.startswith("a closing"))
        check("kind", ok, r, reason)
        target = by_ref.get(r["ref"])
        if r["status"]:
            check("closing", target is not None and target["status"] == r["status"], r,
                  target and target["status"])
    elif kind == "response":
        # an answer to a post (issue 16): passed on or listed for the coordinators
        check("kind", p is None and m["state"] == "processed" and
              ("response to" in reason or "for the coordinators" in reason), r, reason)
    elif kind == "rota":
        check("kind", p is None and (reason.startswith("rota") or
                                     reason.startswith("triage: a rota")), r, reason)
    else:
        check("kind", p is None and m["state"] in ("ignored", "quarantined"), r,
              p and p["kind"] or reason)

for line in wrong:
    print("  miss:", line)
for f, (ok, n) in score.items():
    print("%-9s %3d/%-3d %5.1f%%" % (f, ok, n, 100.0 * ok / n if n else 100))

# privacy: nothing private of the fixtures in any public field
private = set()
for r in rows:
    private.update(x for x in r["private"].split("|") if x)
patterns = [r"07700 ?900 ?\d{3}", r"0161 ?496 ?0\d{3}", r"[\w.+-]+@[\w-]+\.(example|invalid)",
            r"\bMB\d+ ?\d[A-Z]{2}\b"]
leaks = []
for p in posts:
    for field in ("title", "summary"):
        text = p.get(field) or ""
        for s in private:
            if s.lower() in text.lower():
                leaks.append((p["ref"], field, s))
        for pat in patterns:
            if re.search(pat, text, re.I):
                leaks.append((p["ref"], field, pat))
for l in leaks:
    print("  LEAK:", l)

def pct(f):
    ok, n = score[f]
    return 100.0 * ok / n if n else 100.0

goals = {"kind": 95, "area": 90, "category": 85}
bad = [f for f, g in goals.items() if pct(f) < g]
if bad or leaks:
    print("below the goals:", bad, "leaks:", len(leaks))
    sys.exit(1)
PY

# the attachment's RFC 2231 name, the rota, the triage list
[ "$(sql "SELECT name FROM attachments WHERE type = 'image/jpeg'")" = "Küchentisch mit Stühlen.jpg" ] ||
    fail "attachment name: $(sql 'SELECT name, type, size FROM attachments')"
[ "$(sql "SELECT task || ' ' || day FROM rota_slots ORDER BY day, task" | tr '\n' ',')" = \
    "check-in calls 2026-12-05,food bank 2026-12-10,delivery round 2026-12-12," ] ||
    fail "rota: $(sql "SELECT task, day FROM rota_slots")"
[ "$(sql "SELECT count(*) FROM triage WHERE reason LIKE '%only its author or a coordinator%'")" = 1 ] ||
    fail "a closing by a helper should be noted for triage"
[ "$(sql "SELECT count(*) FROM triage WHERE reason LIKE '%no task of the rota%'")" = 1 ] ||
    fail "an unknown rota task should be noted for triage"
[ "$(sql "SELECT count(*) FROM matches")" -gt 0 ] || fail "no matches"

# a second run changes nothing
cp posts.jsonl first.jsonl
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
"$BIN/doorstep" -c doorstep.ini export posts >again.jsonl
cmp -s first.jsonl again.jsonl || fail "a second run changed the posts"

# --reprocess: the same posts with the same codes, in one transaction
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini --reprocess
"$BIN/doorstep" -c doorstep.ini export posts >re.jsonl
python3 - first.jsonl re.jsonl <<'PY' || fail "--reprocess changed the posts"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
key = lambda p: (p["ref"], p["message_id"], p["kind"], p["category"], p["area"], p["status"])
assert sorted(map(key, a)) == sorted(map(key, b)), set(map(key, a)) ^ set(map(key, b))
PY
[ "$(sql "SELECT count(*) FROM rota_slots")" = 3 ] || fail "--reprocess: rota slots"
[ "$(sql "SELECT count(*) FROM attachments WHERE type = 'image/jpeg'")" = 1 ] || fail "--reprocess: attachments"
ok "process fixture"
