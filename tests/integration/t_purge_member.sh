# doorstep member export and forget: export prints everything held about a person as
# JSON (member, messages with their raw text, posts, rota places, triage notes,
# outbox mail to them); forget erases it, keeps the public text of a post others
# depend on (withdrawn, without body or author), redacts the address where others
# quote it, and reclaims the space: afterwards the database files do not hold the
# address at all.
. "$SRC/tests/integration/lib.sh"

write_config doorstep.ini
sed -i 's/^\[smtp\]/[digest]\nto = members\n\n[smtp]/' doorstep.ini
mkdir -p Maildir/cur Maildir/new Maildir/tmp
n=0
mail() { # FROM SUBJECT DATE BODY
    n=$((n + 1))
    printf 'From: %s\nTo: help@elmpark.example.org\nSubject: %s\nDate: %s\nMessage-ID: <f%d@example.org>\n\n%s\n' \
        "$1" "$2" "$3" "$n" "$4" >"Maildir/new/17950000$(printf '%02d' $n).test"
}
mail "Ann Lee <Ann.Lee@Example.com>" "REQUEST: lift to the GP Friday (Oak Road)" \
    "Tue, 24 Nov 2026 07:00:00 +0000" "Could anyone give me a lift? Ann (ann.lee@example.com)"
mail "Ann Lee <ann.lee@example.com>" "OFFER: soup on Sundays (Oak Road)" \
    "Tue, 24 Nov 2026 07:10:00 +0000" "Happy to make soup for anyone."
mail "Bob Ray <bob@example.net>" "OFFER: spare ladder (Elm Street)" \
    "Tue, 24 Nov 2026 07:20:00 +0000" "Happy to lend my ladder. Not to be confused with joann.lee@example.com."
# someone else closes Ann's request (a triage note: others depend on the post), and
# quotes her address
mail "Cat <cat@example.org>" "DONE R-0001" "Tue, 24 Nov 2026 07:30:00 +0000" \
    "On Tue, Ann Lee <ann.lee@example.com> wrote: could anyone give me a lift"

DOORSTEP_NOW=2026-11-24T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
expect_exit 0 "$BIN/doorstep" -c doorstep.ini rota assign "food bank" 2026-11-26 ann.lee@example.com
[ "$(sql "SELECT count(*) FROM triage")" -ge 1 ] || fail "no triage note for the forged closing"

# export
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member export ANN.LEE@example.com
cp out export.json
python3 - export.json <<'PY' || fail "member export (above)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["address"] == "ann.lee@example.com", d["address"]
assert d["member"]["email"] == "ann.lee@example.com", d["member"]
assert len(d["messages"]) == 2, [m["message_id"] for m in d["messages"]]
assert all("Subject:" in m["raw"] for m in d["messages"])
assert sorted(p["ref"] for p in d["posts"]) == ["O-0001", "R-0001"], d["posts"]
assert any("lift" in (p["body"] or "") for p in d["posts"])
assert [(r["task"], r["day"]) for r in d["rota_slots"]] == [("food bank", "2026-11-26")], d["rota_slots"]
assert any(t["ref"] == "R-0001" for t in d["triage"]), d["triage"]
assert d["outbox"] and all("ann.lee@example.com" in o["recipients"].lower() for o in d["outbox"]), d["outbox"]
PY
ok "member export"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member export nobody@example.org
python3 -c 'import json,sys; d=json.load(open("out")); assert d["member"] is None and d["posts"] == []' ||
    fail "export of an unknown address: $(cat out)"

# forget
[ "$(grep -c -a -i ann.lee@example.com doorstep.db doorstep.db-wal 2>/dev/null | awk -F: '{s+=$2} END {print s}')" -gt 0 ] ||
    fail "the address is not in the database before forget (the test proves nothing)"
ls output | grep -q '^rota-2026-11-24\.pdf$' || fail "no rota written before forget: $(ls output)"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member forget ann.lee@example.com
expect_grep "^ann.lee@example.com forgotten: 2 messages, 2 posts, [1-9][0-9]* output files" out
# the outputs that name people are gone; the public digest stays
[ -z "$(ls output | grep -E '^(coordinators|rota|rounds)-')" ] || fail "outputs naming people stayed: $(ls output)"
ls output | grep -q '^digest-2026-11-24\.eml$' || fail "the digest went too: $(ls output)"
! grep -r -l -i -a "ann.lee@example.com" output >/dev/null || fail "an output file still holds the address: $(grep -r -l -i -a ann.lee@example.com output)"
for f in doorstep.db doorstep.db-wal; do
    [ -f "$f" ] || continue
    # (not inside joann.lee@example.com, Bob's look-alike)
    c=$(grep -c -a -i -E '(^|[^a-z0-9._%+-])ann\.lee@example\.com' "$f")
    [ "$c" = 0 ] || fail "$f still holds the address ($c lines)"
done
ok "the database files no longer hold the address"
[ "$(sql "SELECT ref || ' ' || status || ' ' || (body IS NULL) || ' ' || (member_id IS NULL) || ' ' || (message IS NULL) FROM posts WHERE ref = 'R-0001'")" = \
    "R-0001 withdrawn 1 1 1" ] || fail "R-0001 after forget: $(sql "SELECT * FROM posts WHERE ref = 'R-0001'")"
[ "$(sql "SELECT title FROM posts WHERE ref = 'R-0001'")" = "lift to the GP Friday" ] || fail "R-0001 lost its title"
[ "$(sql "SELECT count(*) FROM posts WHERE ref = 'O-0001'")" = 0 ] || fail "O-0001 stayed"
[ "$(sql "SELECT count(*) FROM members WHERE email LIKE 'ann%'")" = 0 ] || fail "the member row stayed"
[ "$(sql "SELECT count(*) FROM rota_slots")" = 0 ] || fail "the rota place stayed"
[ "$(sql "SELECT count(*) FROM outbox WHERE recipients LIKE '%forgotten%'")" = 0 ] || fail "mail to her alone stayed"
# others' data stays: Bob's post, his look-alike address, Cat's message (redacted)
[ "$(sql "SELECT count(*) FROM posts WHERE ref = 'O-0002' AND status = 'open'")" = 1 ] || fail "Bob's post went"
grep -q -a 'joann.lee@example.com' doorstep.db || fail "a longer address that holds hers was redacted"
[ "$(sql "SELECT count(*) FROM message_raw WHERE CAST(raw AS TEXT) LIKE '%On Tue, [forgotten] <[forgotten]> wrote%'")" = 1 ] ||
    fail "Cat's quoting message was not redacted"
[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "integrity after forget"
[ "$(sql 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || fail "dangling references after forget"
ok "member forget"

# the next day runs as usual, and her mail still in the maildir does not come back
DOORSTEP_NOW=2026-11-25T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
[ "$(sql "SELECT count(*) FROM members WHERE email = 'ann.lee@example.com'")" = 0 ] ||
    fail "her mail came back from the maildir"
[ "$(sql "SELECT count(*) FROM posts WHERE ref = 'O-0001' OR title LIKE '%soup%'")" = 0 ] ||
    fail "her post came back from the maildir"
expect_exit 64 "$BIN/doorstep" -c doorstep.ini member forget
expect_exit 64 "$BIN/doorstep" -c doorstep.ini member forget a@example.org b@example.org
ok "usage"
