# The digest delivered by SMTP to a real server on 127.0.0.1 (Debian's aiosmtpd,
# tests/integration/smtpd.py): STARTTLS and AUTH, implicit TLS, the message as it
# arrived parsed by Python's email package, nothing sent twice, a server that is down
# (exit 75, queued, sent once it is back), refused certificates, a wrong password,
# a refused recipient.
. "$SRC/tests/integration/imap.sh" # ca_make, free_port, ini_set, the cleanup at exit

command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null ||
    skip "python3-aiosmtpd is not installed"
ca_make ca
PASSWORD='smtp s3cret'

# smtp_start DIR OPTION...: starts smtpd.py writing into DIR; sets SMTP_PORT, SMTP_PID
smtp_start() {
    _dir=$1; shift
    SMTP_PORT=$(free_port)
    /usr/bin/python3 "$SRC/tests/integration/smtpd.py" --port "$SMTP_PORT" --out "$_dir" \
        "$@" >"$_dir.log" 2>&1 &
    SMTP_PID=$!
    _imap_pids="$_imap_pids $SMTP_PID"
    i=0
    until grep -q '^ready' "$_dir.log" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || { cat "$_dir.log"; fail "smtpd did not start"; }
        sleep 0.1
    done
}
smtp_stop() { kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null; }
count() { ls "$1"/*.eml 2>/dev/null | wc -l; }
render() { "$BIN/doorstep-render" -c doorstep.ini "$@"; }

cp -r "$SRC/config/demo/Maildir" Maildir
write_config doorstep.ini
printf '%s\n' "$PASSWORD" >smtp.pw
chmod 600 smtp.pw
ini_set doorstep.ini smtp method smtp
ini_set doorstep.ini smtp host localhost
ini_set doorstep.ini smtp security starttls
ini_set doorstep.ini smtp ca_file "$CA_FILE"
ini_set doorstep.ini smtp user group
ini_set doorstep.ini smtp password_file smtp.pw
ini_set doorstep.ini smtp timeout 10
ini_set doorstep.ini digest to "members@elmpark.example.org, extra@elmpark.example.org"
# only the digest here: the automatic replies (issue 16) are t_connect_smtp's
for k in new_post held triage; do ini_set doorstep.ini replies $k no; done
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini

# 1. STARTTLS + AUTH: the digest arrives once, as written
smtp_start got --starttls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:$PASSWORD"
ini_set doorstep.ini smtp port "$SMTP_PORT"
expect_exit 0 render digest
[ "$(count got)" = 1 ] || fail "one message expected, got $(count got)"
cmp -s got/1.eml output/digest-2026-11-25.eml || fail "the bytes received differ from the .eml"
/usr/bin/python3 - got <<'PY' || fail "the message as received"
import email, email.policy, json, sys
d = sys.argv[1]
env = json.load(open(d + "/1.json"))
assert env["tls"] and env["auth"], env
assert env["from"] == "help@elmpark.example.org", env
assert env["to"] == ["members@elmpark.example.org", "extra@elmpark.example.org"], env
raw = open(d + "/1.eml", "rb").read()
assert max(len(l) for l in raw.split(b"\r\n")) <= 78
m = email.message_from_bytes(raw, policy=email.policy.default)
assert m.get_content_type() == "multipart/alternative"
text = m.get_body(("plain",)).get_content()
html = m.get_body(("html",)).get_content()
assert "R-0001" in text and "R-0001" in html
for s in ("07700", "900123", "14 Oak Road", "EP1", "@example.com"):
    assert s not in text and s not in html, s
assert m["Message-ID"].startswith("<doorstep.digest-2026-11-25.")
assert m["Auto-Submitted"] == "auto-generated" and m["List-Id"]
PY
[ "$(sql "SELECT state FROM outbox WHERE key = 'digest:2026-11-25'")" = sent ] || fail "state"
# doorstep check logs in to the same server, sending nothing
expect_exit 0 "$BIN/doorstep" -c doorstep.ini check
expect_grep "^ok +smtp login and certificate: localhost as group" out
[ "$(count got)" = 1 ] || fail "check sent something"

# 2. a second run sends nothing
expect_exit 0 render digest
[ "$(count got)" = 1 ] || fail "sent twice"
expect_exit 0 render digest --resend
[ "$(count got)" = 2 ] || fail "--resend should send again"

# 3. the server down: exit 75, queued with the error; sent once it is back
smtp_stop
ini_set doorstep.ini digest send_when_empty yes
expect_exit 75 env DOORSTEP_NOW=2026-11-26T08:00:00 "$BIN/doorstep-render" -c doorstep.ini digest
expect_grep "cannot connect" err
[ "$(sql "SELECT state FROM outbox WHERE key = 'digest:2026-11-26'")" = failed ] ||
    fail "the digest should wait in the outbox"
[ -n "$(sql "SELECT last_error FROM outbox WHERE key = 'digest:2026-11-26'")" ] || fail "last_error"
smtp_start back --starttls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:$PASSWORD"
ini_set doorstep.ini smtp port "$SMTP_PORT"
expect_exit 0 env DOORSTEP_NOW=2026-11-26T08:00:00 "$BIN/doorstep-render" -c doorstep.ini digest
[ "$(count back)" = 1 ] || fail "the queued digest should be sent once the server is back"
expect_exit 0 env DOORSTEP_NOW=2026-11-26T09:00:00 "$BIN/doorstep-render" -c doorstep.ini digest
[ "$(count back)" = 1 ] || fail "the late digest was sent twice"
grep -q 'digest-2026-11-26' back/1.eml || fail "wrong digest sent"
smtp_stop

# 4. certificates: self-signed and for another name are refused before AUTH
for variant in self wrong; do
    mkdir -p $variant
    smtp_start $variant --starttls "$CA_DIR/$variant.pem" "$CA_DIR/$variant.key" \
        --auth "group:$PASSWORD"
    ini_set doorstep.ini smtp port "$SMTP_PORT"
    expect_exit 69 render digest --resend
    expect_grep "certificate was refused" err
    [ "$(count $variant)" = 0 ] || fail "sent despite a $variant certificate"
    ! grep -q AUTH "$variant.log" || fail "credentials sent to an untrusted server"
    smtp_stop
done

# 5. a wrong password: 77, naming the user and host, never the password
smtp_start badpw --starttls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:other"
ini_set doorstep.ini smtp port "$SMTP_PORT"
expect_exit 77 render digest --resend
expect_grep "login as group refused" err
expect_grep "check the password \([^)]*smtp.pw\)" err
expect_no_grep "s3cret" err
[ "$(sql "SELECT state || ' ' || attempts FROM outbox WHERE key = 'digest:2026-11-25'")" = "queued 0" ] ||
    fail "a refused login: the digest should wait, queued, its attempts not counted"
smtp_stop

# 5b. a whole day with a wrong password, with the digest, every member's own copy and
# the coordinators' digest queued: one login a run (the server counts them: too many
# lock the account), said once, 77; everything stays queued and goes out, over one
# login, once the password is right
for f in doorstep.db doorstep.db-wal doorstep.db-shm; do rm -f "$f"; done
ini_set doorstep.ini digest to members
ini_set doorstep.ini smtp security starttls
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
mkdir -p day
smtp_start day --starttls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:other"
ini_set doorstep.ini smtp port "$SMTP_PORT"
expect_exit 77 "$BIN/doorstep" -c doorstep.ini daily
[ "$(grep -c . day/auth.log)" = 1 ] || { cat day/auth.log >&2; fail "$(grep -c . day/auth.log) logins in one run, expected 1"; }
[ "$(grep -c "login as group refused" err)" = 1 ] || fail "the refusal should be said once: $(cat err)"
expect_grep "localhost:$SMTP_PORT: login as group refused.*check the password" err
expect_grep "more outgoing messages not tried: they wait in the outbox" err
[ "$(count day)" = 0 ] || fail "sent with a refused login?"
queued=$(sql "SELECT count(*) FROM outbox WHERE state = 'queued' AND attempts = 0")
total=$(sql "SELECT count(*) FROM outbox")
[ "$total" -ge 4 ] || fail "a digest, members' copies and the coordinators': $total queued"
sql "SELECT kind || ' ' || key FROM outbox" | grep -q '^coordinators ' || fail "no coordinators' digest"
[ "$queued" = "$total" ] || fail "$queued of $total messages queued after the refusal: $(sql "SELECT key, state, attempts FROM outbox")"
# the next run, still refused: one more login, nothing lost
expect_exit 77 "$BIN/doorstep" -c doorstep.ini daily
[ "$(grep -c . day/auth.log)" = 2 ] || fail "$(grep -c . day/auth.log) logins after two runs, expected 2"
smtp_stop
mkdir -p dayok
smtp_start dayok --starttls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:$PASSWORD"
ini_set doorstep.ini smtp port "$SMTP_PORT"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
[ "$(count dayok)" = "$total" ] || fail "$(count dayok) of $total sent once the password was right"
[ "$(cat dayok/auth.log)" = "ok group" ] || fail "one login for the whole run expected: $(cat dayok/auth.log)"
[ "$(sql "SELECT count(*) FROM outbox WHERE state != 'sent'")" = 0 ] || fail "not all sent"
smtp_stop
ini_set doorstep.ini digest to "members@elmpark.example.org, extra@elmpark.example.org"
ok "a refused password: one login a run, said once, everything kept and sent later ($total messages)"

# 5c. [smtp] security that does not fit the port: 78, saying which to set, no login
mkdir -p mode1 mode2
smtp_start mode1 --starttls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:$PASSWORD"
ini_set doorstep.ini smtp port "$SMTP_PORT"
ini_set doorstep.ini smtp security tls
expect_exit 78 render digest --resend
expect_grep "localhost:$SMTP_PORT answered in plain text, not TLS: it wants \[smtp\] security = starttls" err
[ "$(grep -c 'error:' err)" = 1 ] || fail "security = tls on a STARTTLS port: not one error: $(cat err)"
expect_exit 78 "$BIN/doorstep" -c doorstep.ini check
expect_grep "security = starttls" out
smtp_stop
smtp_start mode2 --tls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:$PASSWORD"
ini_set doorstep.ini smtp port "$SMTP_PORT"
ini_set doorstep.ini smtp timeout 2
for sec in starttls none; do
    ini_set doorstep.ini smtp security $sec
    expect_exit 78 render digest --resend
    expect_grep "localhost:$SMTP_PORT wants TLS from the start.*set \[smtp\] security = tls" err
done
[ ! -e mode1/auth.log ] && [ ! -e mode2/auth.log ] || fail "logged in with the wrong TLS mode?"
[ "$(count mode1)" = 0 ] && [ "$(count mode2)" = 0 ] || fail "sent with the wrong TLS mode?"
ini_set doorstep.ini smtp timeout 10
smtp_stop
ok "security = tls on a STARTTLS port, starttls and none on a TLS port: 78, saying which to set"

# 6. implicit TLS, and a refused recipient: the others still get it, the refusal noted
smtp_start tls --tls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:$PASSWORD" \
    --reject extra@elmpark.example.org
ini_set doorstep.ini smtp port "$SMTP_PORT"
ini_set doorstep.ini smtp security tls
expect_exit 0 render digest --resend
[ "$(count tls)" = 1 ] || fail "implicit TLS"
expect_grep '"to": \["members@elmpark.example.org"\]' tls/1.json
sql "SELECT last_error FROM outbox WHERE key = 'digest:2026-11-25'" >lasterr
expect_grep "refused for extra@elmpark.example.org" lasterr
smtp_stop

# the password never reaches the database or the outputs
! grep -r "s3cret" doorstep.db output 2>/dev/null | grep -q . || fail "the password leaked"
ok "smtp delivery"
