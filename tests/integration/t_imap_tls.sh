# doorstep-fetch's connection and login, against a real Dovecot on 127.0.0.1: TLS
# (IMAPS) and STARTTLS verified against [imap] ca_file and the host name; refusals
# (the system store, a self-signed certificate, a certificate for another name,
# STARTTLS not offered) before any credential is sent; a [imap] security that does
# not fit the port, saying which to set; security = none on loopback;
# LOGIN and AUTHENTICATE PLAIN; a wrong password; DOORSTEP_IMAP_PASSWORD and
# password_command; the password never in any output nor in the database.
. "$SRC/tests/integration/imap.sh"
imap_skip_if_stub

dovecot_start srv
gen_messages gen 20
imap_append gen/*.eml

# fresh: a new database (the old one searched for the passwords first)
fresh() {
    for f in doorstep.db doorstep.db-*; do
        [ -e "$f" ] || continue
        ! grep -aqF "$IMAP_PASSWORD" "$f" || fail "the password is in the database"
        ! grep -aqF 'not the password' "$f" || fail "the wrong password is in the database"
    done
    rm -f doorstep.db doorstep.db-* doorstep.db.lock
}
rows() { sql 'SELECT count(*) FROM messages' 2>/dev/null || echo 0; }
expect_all() { [ "$(rows)" = 20 ] || fail "20 messages expected, $(rows) stored"; }
expect_none() { [ "$(rows)" = 0 ] || fail "messages stored from a refused server"; }

# refused CODES SECURITY PORT WHY: the fetch is refused before login, with a message
# naming the host
refused() {
    fresh
    write_imap_config doorstep.ini "$2" "$3"
    log_mark
    run_fetch "$1" -c doorstep.ini
    expect_grep '127\.0\.0\.1' err
    [ "$(grep -c . err)" -le 2 ] || { cat err >&2; fail "$4: more than a short error"; }
    expect_no_login
    expect_none
    ok "$4: refused ($(head -1 err))"
}

# --- what works ------------------------------------------------------------------------
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT"
log_mark
run_fetch 0 -c doorstep.ini
expect_all
expect_log "Login: user=<$IMAP_USER>.*TLS"
ok "security = tls (IMAPS)"
# doorstep check logs in the same way, fetching nothing
expect_exit 0 "$BIN/doorstep" -c doorstep.ini check
expect_grep "^ok +imap login and certificate: 127\.0\.0\.1:$IMAPS_PORT as $IMAP_USER, INBOX: [0-9]+ messages" out
ok "doorstep check: imap login"

fresh
write_imap_config doorstep.ini starttls "$IMAP_PORT"
log_mark
run_fetch 0 -c doorstep.ini
expect_all
expect_log "Login: user=<$IMAP_USER>.*TLS"
ok "security = starttls"

fresh
write_imap_config doorstep.ini none "$IMAP_PORT"
log_mark
run_fetch 0 -c doorstep.ini
expect_all
expect_log "Login: user=<$IMAP_USER>"
! log_since | grep "Login: user=<$IMAP_USER>" | grep -q TLS || fail "none used TLS?"
expect_no_grep '[Ww]arn' err
ok "security = none on loopback, no warning"

# auth: the commands seen through the proxy (plain text, so --dump can read them)
cutproxy_start "$IMAP_PORT" 0 --dump up.dump
for a in login:'[^ ]+ LOGIN ' plain:'AUTHENTICATE PLAIN'; do
    fresh
    rm -f up.dump
    write_imap_config doorstep.ini none "$PROXY_PORT" "auth = ${a%%:*}"
    run_fetch 0 -c doorstep.ini
    expect_all
    grep -Eaq "${a#*:}" up.dump || { cat up.dump >&2; fail "auth = ${a%%:*}: no ${a#*:}"; }
    ok "auth = ${a%%:*}"
done
cutproxy_stop
rm -f up.dump

# --- passwords ---------------------------------------------------------------------------
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT"
printf 'not the password\n' >imap.password
log_mark
run_fetch 77 -c doorstep.ini
expect_grep "127\\.0\\.0\\.1:$IMAPS_PORT: login as $IMAP_USER refused: check the password \\([^)]*imap.password\\)" err
# one login tried, on one connection (a server counts them, and may lock the account)
expect_log 'auth failed, 1 attempts'
[ "$(log_since | grep -c 'auth failed')" = 1 ] || { log_since >&2; fail "more than one login tried"; }
expect_no_grep 'not the password' err
expect_no_grep 'not the password' out
expect_none
ok "wrong password: refused ($(head -1 err))"

# DOORSTEP_IMAP_PASSWORD, alone and over a wrong password_file
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT"
ini_set doorstep.ini imap password_file
export DOORSTEP_IMAP_PASSWORD="$IMAP_PASSWORD"
run_fetch 0 -c doorstep.ini
expect_all
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT"
printf 'not the password\n' >imap.password
run_fetch 0 -c doorstep.ini
expect_all
unset DOORSTEP_IMAP_PASSWORD
ok "DOORSTEP_IMAP_PASSWORD"

# no password anywhere: a configuration error, nothing sent
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT"
ini_set doorstep.ini imap password_file
log_mark
run_fetch 78 -c doorstep.ini
expect_grep 'password' err
expect_none
ok "no password: $(head -1 err)"

# password_command: run without a shell, its first line is the secret
printf '%s\nsecond line\n' "$IMAP_PASSWORD" >pw.txt
chmod 600 pw.txt
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT"
ini_set doorstep.ini imap password_file
ini_set doorstep.ini imap password_command "/bin/cat $PWD/pw.txt"
run_fetch 0 -c doorstep.ini
expect_all
fresh
ini_set doorstep.ini imap password_command "/bin/cat $PWD/pw.txt ; touch $PWD/shell-ran"
fetch -c doorstep.ini >out 2>err
{ echo "== password_command with ;"; cat out err; } >>all.out
[ ! -e shell-ran ] || fail "password_command was run by a shell"
fresh
ini_set doorstep.ini imap password_command /bin/false
log_mark
run_fetch "77 78" -c doorstep.ini
expect_grep 'password_command' err
expect_none
ok "password_command"

# --- [imap] security that does not fit the port: 78, saying which to set -----------------
# security = tls on the port of STARTTLS: the server greets in plain text
fresh
write_imap_config doorstep.ini tls "$IMAP_PORT"
log_mark
t0=$(date +%s)
run_fetch 78 -c doorstep.ini
expect_grep "127\.0\.0\.1:$IMAP_PORT answered in plain text, not TLS: it wants \[imap\] security = starttls" err
# (one error line; libetpan adds a "GnuTLS error" line of its own only when the
# greeting came after doorstep stopped waiting for it, as on a loaded machine)
[ "$(grep -c 'error:' err)" = 1 ] || { cat err >&2; fail "tls on a plain port: not one error"; }
expect_no_login
expect_none
said="$(($(date +%s) - t0)) s, $(head -1 err)"
expect_exit 78 "$BIN/doorstep" -c doorstep.ini check
expect_grep "^FAILED +imap login.*security = starttls" out
ok "security = tls on the STARTTLS port: 78 in $said"
# security = starttls (or none) on the port of implicit TLS: the server waits for our
# hello, saying nothing; told within the greeting wait, not [imap] timeout
for sec in starttls none; do
    fresh
    write_imap_config doorstep.ini $sec "$IMAPS_PORT"
    ini_set doorstep.ini imap timeout 30
    log_mark
    t0=$(date +%s)
    run_fetch 78 -c doorstep.ini
    t1=$(date +%s)
    expect_grep "127\.0\.0\.1:$IMAPS_PORT wants TLS from the start .*set \[imap\] security = tls" err
    [ $((t1 - t0)) -le 15 ] || fail "$sec on the TLS port: $((t1 - t0)) s to say so"
    expect_no_login
    expect_none
    ok "security = $sec on the IMAPS port: 78 in $((t1 - t0)) s, $(head -1 err)"
done

# --- what is refused -------------------------------------------------------------------
# the throwaway CA is in no system store
fresh
write_imap_config doorstep.ini tls "$IMAPS_PORT"
ini_set doorstep.ini imap ca_file
log_mark
run_fetch "69 77" -c doorstep.ini
expect_grep '127\.0\.0\.1' err
expect_no_login
expect_none
ok "a CA unknown to the system store: refused ($(head -1 err))"

dovecot_stop
dovecot_start srv self
refused "69 77" tls "$IMAPS_PORT" "self-signed certificate, tls"
refused "69 77" starttls "$IMAP_PORT" "self-signed certificate, starttls"

dovecot_stop
dovecot_start srv wrong
refused "69 77" tls "$IMAPS_PORT" "certificate for wrong.example, tls"
refused "69 77" starttls "$IMAP_PORT" "certificate for wrong.example, starttls"

dovecot_stop
dovecot_start srv nostarttls
refused "69 77" starttls "$IMAP_PORT" "STARTTLS not offered"
fresh
write_imap_config doorstep.ini none "$IMAP_PORT"
run_fetch 0 -c doorstep.ini
expect_all
ok "a server without TLS, security = none"

# --- the password is nowhere -----------------------------------------------------------
fresh
! grep -aqF "$IMAP_PASSWORD" all.out || fail "the password is in the output"
! grep -aqF 'not the password' all.out || fail "the wrong password is in the output"
ok "IMAP connection, TLS and login"
