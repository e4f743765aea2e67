#!/bin/sh
# t_commands.sh — the coordinators' commands `doorstep post request|offer`, `close` and
# `status`: a phone-in post gets its code and reaches the digest without its private
# details, closing says what it did, status counts what waits; usage errors exit 64.
. "$SRC/tests/integration/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip "sqlite3 is not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"

D=$BIN/doorstep
write_config doorstep.ini
mkdir -p Maildir/new Maildir/cur Maildir/tmp
# today is Wednesday 25 November 2026 (lib.sh sets DOORSTEP_NOW)

# --- post request: flags, the next code, area from a loosely written street ---
expect_exit 0 "$D" -c doorstep.ini post request \
    --title "Lift to the clinic, ring 07700 900123 at 14 Elm Street" --street "elm st" \
    --needed-by thu --name "Joan Smith" --phone "07700 900123" --address "14 Elm Street" \
    --notes "knock loudly"
expect_grep '^R-0001 request: ' out
row=$(sql "SELECT ref||'|'||kind||'|'||status||'|'||area||'|'||street||'|'||category||'|'||
           needed_by||'|'||expires_at||'|'||(message IS NULL)||'|'||(member_id IS NULL)
           FROM posts WHERE ref = 'R-0001'")
[ "$row" = "R-0001|request|open|north|Elm Street|transport|2026-11-26|2026-12-02|1|1" ] ||
    fail "request row: $row"
# the private details are kept, for the coordinators, in the body only
body=$(sql "SELECT body FROM posts WHERE ref = 'R-0001'")
case $body in *"Joan Smith"*"07700 900123"*"14 Elm Street"*"knock loudly"*) ;;
*) fail "private body: $body" ;; esac
# an offer, --flag=value, a category by name, a street not in [areas]: warned, no area
expect_exit 0 "$D" -c doorstep.ini post offer --title="Spare pram" --category=Household \
    --street="Nowhere Lane" --phone=07700900999 --name="Sam"
expect_grep '^O-0001 offer: Spare pram \(household, no area\)$' out
expect_grep 'warning: post offer: "Nowhere Lane" is not a street or area' err
expect_exit 0 "$D" -c doorstep.ini post request --title "Shopping on Friday" --street "Oak Road"
expect_grep '^R-0002 request: ' out
ok "post request|offer"

# --- nothing private in the public columns, nor in the digest ---
expect_exit 0 "$D" -c doorstep.ini export posts
cp out posts.jsonl
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest
python3 - posts.jsonl output/digest-2026-11-25.eml <<'PY' || fail "private details leaked"
import email, json, sys
from email import policy
secrets = ("07700", "900123", "900999", "Joan", "Smith", "14 Elm", "knock", "Sam")
for line in open(sys.argv[1]):
    r = json.loads(line)
    for k in ("title", "summary", "street", "area"):
        for s in secrets:
            assert s not in (r[k] or ""), (k, s, r)
msg = email.message_from_binary_file(open(sys.argv[2], "rb"), policy=policy.default)
text = "".join(p.get_content() for p in msg.walk() if p.get_content_maintype() == "text")
for s in secrets:
    assert s not in text, ("digest", s)
for ref in ("R-0001", "R-0002", "O-0001"):
    assert ref in text, ("not in the digest", ref)
assert "Spare pram" in text and "Shopping on Friday" in text
PY
ok "phone-in posts reach the digest without private details"

# --- close: default done, withdrawn, already closed, unknown, loosely written code ---
expect_exit 0 "$D" -c doorstep.ini close r-2
expect_grep '^R-0002 closed: done \(was open\)$' out
[ "$(sql "SELECT status||'|'||(closed_at IS NOT NULL) FROM posts WHERE ref = 'R-0002'")" = "done|1" ] ||
    fail "R-0002 not done"
expect_exit 0 "$D" -c doorstep.ini close O-0001 withdrawn
expect_grep '^O-0001 closed: withdrawn' out
expect_exit 0 "$D" -c doorstep.ini close R-0002 withdrawn
expect_grep '^R-0002 is already closed \(done\)$' out
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0002'")" = done ] || fail "closed twice"
expect_exit 65 "$D" -c doorstep.ini close R-0099
expect_grep 'there is no post R-0099' err
expect_exit 65 "$D" -c doorstep.ini close hello
expect_grep '"hello" is not a reference code' err
ok "close"

# --- usage and data errors ---
expect_exit 64 "$D" -c doorstep.ini post
expect_exit 64 "$D" -c doorstep.ini post wish --title x
expect_exit 64 "$D" -c doorstep.ini post request --colour red
expect_exit 64 "$D" -c doorstep.ini post request --title
expect_exit 64 "$D" -c doorstep.ini post request --street "Oak Road" </dev/null
expect_grep 'needs --title|--title TEXT is needed' err
expect_exit 65 "$D" -c doorstep.ini post request --title x --needed-by someday
expect_grep '"someday" is not a date' err
expect_exit 65 "$D" -c doorstep.ini post request --title x --needed-by 2026-11-01
expect_grep 'is in the past' err
expect_exit 65 "$D" -c doorstep.ini post request --title x --category cooking
expect_grep '"cooking" is not a category' err
expect_exit 64 "$D" -c doorstep.ini close
expect_exit 64 "$D" -c doorstep.ini close R-0001 finished
expect_exit 64 "$D" -c doorstep.ini status now
[ "$(sql "SELECT count(*) FROM posts")" = 3 ] || fail "a failed post was stored"
ok "errors"

# --- on a terminal, missing flags are asked for ---
if command -v script >/dev/null 2>&1; then
    printf 'Dog walking\nAsh Grove\n\nfri\nBea\n0161 496 0999\n\n\n' >answers
    script -qec "\"$D\" -c doorstep.ini post request" /dev/null <answers >typescript 2>&1 ||
        { cat typescript; fail "post on a terminal failed"; }
    grep -q 'R-0003 request: Dog walking' typescript || { cat typescript; fail "no R-0003"; }
    row=$(sql "SELECT area||'|'||street||'|'||needed_by FROM posts WHERE ref = 'R-0003'")
    [ "$row" = "south|Ash Grove|2026-11-27" ] || fail "asked post: $row"
    ok "questions on a terminal"
fi

# --- status on the demo mailbox, after doorstep daily ---
mkdir demo && cd demo || fail "cd demo"
cp -r "$SRC/config/demo/Maildir" Maildir
write_config doorstep.ini
sed -i 's/^moderation = none/moderation = unknown/' doorstep.ini
expect_exit 0 "$D" -c doorstep.ini daily
# a quarantined message, a triage note and a failed digest, as the stages leave them
sql "INSERT INTO messages (source, sha256, fetched_at, size, state, reason)
       VALUES ('maildir:Maildir', 'x', 0, 10, 'quarantined', 'too large to keep (30 MB)');
     INSERT INTO triage (reason, created_at) VALUES ('R-0009: offer or request?', 0);
     INSERT INTO outbox (kind, key, message_id, recipients, raw, state, last_error, created_at)
       VALUES ('digest', 'digest:2026-11-24', '<x@y>', 'a@b', x'00', 'failed',
               'smtp.example.org: 535 authentication failed', 0);"
expect_exit 0 "$D" -c doorstep.ini status
cp out status.txt
pending=$(sql "SELECT count(*) FROM members WHERE status = 'pending'")
held=$(sql "SELECT count(*) FROM posts WHERE status = 'held'")
[ "$pending" -gt 0 ] || fail "the demo has no pending members"
expect_grep '^Elm Park Neighbours' status.txt
expect_grep '^  last fetch: 2026-11-25 08:00 \(33 messages in the database\)$' status.txt
expect_grep '^  waiting to be read: 0$' status.txt
expect_grep "^  members held: $pending \(with $held held posts\)$" status.txt
expect_grep '^  quarantined messages: 1$' status.txt
expect_grep 'too large to keep \(30 MB\)' status.txt
expect_grep '^  triage: 0 posts, 1 open note$' status.txt
expect_grep 'R-0009: offer or request\?' status.txt
expect_grep '^  queued: 0, failed: 1, sent: [0-9]+$' status.txt
expect_grep 'digest:2026-11-24: failed: smtp.example.org: 535 authentication failed' status.txt
expect_grep '^  2026-11-26  food bank: 0 of 2$' status.txt
expect_grep "^  $pending members wait: doorstep member approve ADDRESS" status.txt
expect_grep '1 quarantined message: ' status.txt
expect_grep '1 message not sent: ' status.txt
expect_grep 'rota places? (is|are) free this week: doorstep rota assign' status.txt
# released members' posts count as open, by area
expect_exit 0 "$D" -c doorstep.ini member approve $(sql "SELECT email FROM members WHERE status = 'pending'")
expect_exit 0 "$D" -c doorstep.ini status
open_north=$(sql "SELECT sum(kind = 'request')||' requests?, '||sum(kind = 'offer')
                  FROM posts WHERE status = 'open' AND area = 'north'")
expect_grep "^  north +$open_north offers?$" out
expect_grep '^  members held: 0 \(with 0 held posts\)$' out
ok "status"

# --- init: a working folder from flags; check says what is ready and what is untested ---
cd .. || fail "cd .."
expect_exit 0 "$D" init group --name "Ash Vale; Neighbours" --address help@ashvale.example.org \
    --phone "0161 496 0111" --imap-host 127.0.0.1 \
    --streets "North: Elm Street:48, Oak Road; south: Ash Grove:40" </dev/null
expect_grep '^Made group: ' out
expect_grep 'group/imap.password' out
expect_grep 'doorstep -c group/doorstep.ini check' out
[ -f group/doorstep.ini ] && [ -d group/out ] && [ -s group/doorstep.db ] ||
    fail "init made: $(ls -la group)"
[ "$(stat -c %a group/imap.password)" = 600 ] || fail "imap.password mode $(stat -c %a group/imap.password)"
[ ! -s group/imap.password ] || fail "imap.password is not empty"
[ "$(stat -c %a group/doorstep.db)" = 600 ] || fail "doorstep.db mode $(stat -c %a group/doorstep.db)"
expect_grep '^name = "Ash Vale; Neighbours"$' group/doorstep.ini
expect_grep '^user = help@ashvale\.example\.org$' group/doorstep.ini
expect_grep '^north = Elm Street:48, Oak Road$' group/doorstep.ini
# the config is valid: check fails on the empty password, then on the login itself
# (nothing listens on 127.0.0.1:993 here; t_imap_tls checks a good server)
# (templates are found beside the programs, which a sanitizer build's are not)
sed -i "s|^dir = out\$|&\ntemplates = $SRC/templates|" group/doorstep.ini
cp group/doorstep.ini kept.ini
expect_exit 78 "$D" -c group/doorstep.ini check
expect_grep '^ok +config: group/doorstep\.ini$' out
expect_grep '^FAILED +imap password: .*imap\.password is empty' out
expect_grep '^ok +templates: ' out
expect_grep '^ok +font: ' out
expect_grep '^Not ready' out
echo secret >group/imap.password
expect_exit 78 "$D" -c group/doorstep.ini check
expect_grep '^ok +imap password: can be read$' out
expect_grep '^FAILED +imap login and certificate: 127\.0\.0\.1:993: cannot connect' out
expect_no_grep 'secret' out
expect_grep '^Not ready' out
expect_exit 0 "$D" -c group/doorstep.ini status
# a second init leaves the folder alone; missing answers off a terminal are usage errors
expect_exit 73 "$D" init group --name x --address a@example.org --imap-host h </dev/null
expect_grep 'already exists' err
cmp -s group/doorstep.ini kept.ini || fail "a second init changed the config"
expect_exit 64 "$D" init other --name x </dev/null
expect_grep 'init: --address is needed' err
[ ! -e other/doorstep.ini ] || fail "init wrote a config without the answers"
expect_exit 64 "$D" init
expect_exit 64 "$D" init other --colour red
expect_exit 65 "$D" init other --name x --address a@example.org --imap-host h --streets "Elm Street" </dev/null
expect_grep 'has no area name' err
expect_exit 65 "$D" init other --name x --address not-an-address --imap-host h </dev/null
expect_grep 'not valid' err
[ ! -e other/doorstep.ini ] || fail "init left an invalid config"
ok "init and check"

# --- check resolves every path from the config's folder, whatever the current one ---
mkdir -p tree
cp -r "$SRC/config" tree/config
ln -s "$SRC/templates" tree/templates
rm -f tree/config/*.db*
(cd tree && expect_exit 0 "$D" -c config/demo.ini check) || exit 1
expect_grep '^ok +mail source: config/demo/Maildir$' tree/out
here=$(pwd)
(cd / && expect_exit 0 "$D" check -c "$here/tree/config/demo.ini" >"$here/out" 2>"$here/err") || {
    cat err; fail "check from / failed"; }
(cd tree/config/demo && expect_exit 0 "$D" -c ../demo.ini check) || exit 1
ok "check from any folder"

# --- [smtp] from with a display name: the From line of the digest, read back ---
write_config named.ini
sed -i 's/^method = file$/method = file\nfrom = "Voisins d’Elm Park, Nord" <news@elmpark.example.org>/' named.ini
printf '[digest]\nsend_when_empty = yes\n' >>named.ini
sed -i 's/^path = doorstep.db$/path = named.db/' named.ini
rm -rf output
expect_exit 0 "$BIN/doorstep-render" digest -c named.ini
python3 - output/digest-2026-11-25.eml <<'PY' || fail "From header"
import email, sys
from email import policy
raw = open(sys.argv[1], "rb").read()
msg = email.message_from_bytes(raw, policy=policy.default)
(addr,) = msg["From"].addresses
assert addr.display_name == "Voisins d’Elm Park, Nord", addr.display_name
assert addr.addr_spec == "news@elmpark.example.org", addr.addr_spec
# encoded as RFC 2047, the raw header is ASCII
line = raw.split(b"\r\nTo:")[0]
assert b"=?UTF-8?B?" in line and all(b < 128 for b in line), line
PY
# an ASCII name with a comma is quoted; without a name, the group's name is used
sed -i 's/^from = .*/from = "Lopez, Maria" <maria@elmpark.example.org>/' named.ini
rm -rf output named.db*
expect_exit 0 "$BIN/doorstep-render" digest -c named.ini
expect_grep '^From: "Lopez, Maria" <maria@elmpark.example.org>' output/digest-2026-11-25.eml
sed -i 's/^from = .*/from = news@elmpark.example.org/' named.ini
rm -rf output named.db*
expect_exit 0 "$BIN/doorstep-render" digest -c named.ini
expect_grep '^From: "Elm Park Neighbours" <news@elmpark.example.org>' output/digest-2026-11-25.eml
ok "[smtp] from with a display name"

# --- the envelope sender is the bare address; [smtp] sendmail by a relative path is
#     found from the config's folder, whatever the current one ---
mkdir -p tools away
cat >tools/fake-sendmail <<SH
#!/bin/sh
printf '%s\n' "\$@" >"$PWD/sendmail.args"
cat >"$PWD/sendmail.msg"
SH
chmod +x tools/fake-sendmail
sed -i 's/^from = .*/from = Elm Park Neighbours <news@elmpark.example.org>/' named.ini
sed -i 's/^method = file$/method = sendmail\nsendmail = tools\/fake-sendmail/' named.ini
rm -rf output named.db*
(cd away && expect_exit 0 "$BIN/doorstep-render" digest -c ../named.ini) || exit 1
[ "$(sed -n 2,3p sendmail.args | tr '\n' ' ')" = "-f news@elmpark.example.org " ] ||
    fail "sendmail envelope: $(cat sendmail.args)"
expect_grep '^From: "Elm Park Neighbours" <news@elmpark.example.org>' sendmail.msg
ok "envelope sender and a sendmail found from the config's folder"
