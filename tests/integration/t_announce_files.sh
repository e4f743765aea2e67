# Announcements with [smtp] method = file and [digest] to = members: each member's copy
# is one .eml in the sent folder, named by its outbox key, also for an address of 100
# characters (whose key is longer than the name the outbox once cut keys to) and for
# two long addresses that differ only at their end (their names never collide); purge
# deletes every copy after [privacy] outbox_days, the long ones too. The recipients are
# those subscribed when announce ran (doorstep(1)).
. "$SRC/tests/integration/lib.sh"

write_config doorstep.ini
ini_set() { # FILE SECTION KEY VALUE (a section appended when absent)
    python3 - "$@" <<'PY'
import configparser, sys
f, sec, key, val = sys.argv[1:]
c = configparser.ConfigParser(interpolation=None, delimiters=("=",))
c.optionxform = str
c.read(f)
if not c.has_section(sec):
    c.add_section(sec)
c.set(sec, key, val)
with open(f, "w") as o:
    c.write(o)
PY
}
ini_set doorstep.ini digest to members
mkdir -p Maildir/new Maildir/cur Maildir/tmp
export DOORSTEP_NOW=2026-12-07T08:00:00
"$BIN/doorstep-process" -c doorstep.ini -q >/dev/null 2>&1 # creates the database
pad=$(printf 'a%.0s' $(seq 1 84))
long1="${pad}.one@example.net"   # 100 characters
long2="${pad}.two@example.net"
[ ${#long1} = 100 ] || fail "the long address is ${#long1} characters"
for who in ann@example.net "$long1" "$long2"; do
    sql "INSERT INTO members(email, name, status, joined_at, digest) VALUES ('$who', '', 'member', 0, 1)"
done

printf 'The hall is closed on Saturday.\n' >body.txt
expect_exit 0 "$BIN/doorstep" -c doorstep.ini announce --subject "Hall closed" body.txt
"$BIN/doorstep-render" -c doorstep.ini -q digest >log 2>&1 || { cat log; fail "render"; }
ls output/sent >sent.txt
[ "$(grep -c '^announce-' sent.txt)" = 3 ] || fail "three copies, one a member: $(cat sent.txt)"
for who in ann@example.net "$long1" "$long2"; do
    f=$(grep -l "^To: .*$who" output/sent/announce-*.eml) || fail "no copy for $who: $(cat sent.txt)"
    [ "$(echo "$f" | wc -l)" = 1 ] || fail "copies for $who: $f"
done
while read -r f; do
    [ ${#f} -lt 250 ] || fail "a name of ${#f} bytes: $f"
done <sent.txt
ok "one file a copy, a 100-character address too, no two alike"

# a member who joins after the announcement does not get it from the next render (the
# recipients are those subscribed when it was sent); the same announcement run again
# the same day queues a copy for the newcomer only
sql "INSERT INTO members(email, name, status, joined_at, digest) VALUES ('new@example.net', '', 'member', 0, 1)"
"$BIN/doorstep-render" -c doorstep.ini -q digest --resend >log 2>&1 || { cat log; fail "render 2"; }
[ "$(ls output/sent | grep -c '^announce-')" = 3 ] || fail "a copy for the newcomer: $(ls output/sent)"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini announce --subject "Hall closed" body.txt
"$BIN/doorstep-render" -c doorstep.ini -q digest >log 2>&1 || { cat log; fail "render 3"; }
[ "$(ls output/sent | grep -c '^announce-')" = 4 ] || fail "four copies: $(ls output/sent)"
grep -l "^To: .*new@example.net" output/sent/announce-*.eml >/dev/null || fail "no copy for the newcomer"
[ "$(sql "SELECT count(*) FROM outbox WHERE kind = 'announce'")" = 4 ] || fail "outbox: $(sql 'SELECT key FROM outbox')"
ok "a newcomer: none from the next render, one when it is run again"

# after [privacy] outbox_days (30), purge deletes every copy
DOORSTEP_NOW=2027-01-20T08:00:00 expect_exit 0 "$BIN/doorstep" -c doorstep.ini purge
[ -z "$(ls output/sent | grep '^announce-')" ] || fail "copies left after purge: $(ls output/sent)"
ok "purge deletes the copies of long addresses"
