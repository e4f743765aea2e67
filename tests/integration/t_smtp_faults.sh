# SMTP faults: doorstep-render sending the digest to a real SMTP server on 127.0.0.1
# (aiosmtpd, smtpd.py) through cutproxy.py, which cuts the connection at every step of
# a plain session (greeting, EHLO, AUTH, MAIL, RCPT, DATA, the body, after the final
# "." before the 250, QUIT) and of a STARTTLS one (the handshake and every record
# after it), from either side; stalls it ([smtp] timeout); and a scripted server
# (badsmtpd.py) that answers garbage. After each fault: the exit code is 75 (76 for
# garbage), the database is whole, the outbox says 'failed' (to be tried again;
# 'queued' after a refused login) or, when the message had left whole, 'failed' as
# "may have arrived" (never sent again by itself: send/outbox.c); then a clean run,
# and --resend where a person would have to decide, leave exactly one copy of the
# digest at the server.
. "$SRC/tests/integration/imap.sh" # ca_make, free_port, ini_set, cutproxy_*, cleanup

/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || skip "python3-aiosmtpd is not installed"
ca_make ca
PASSWORD='smtp s3cret'
KEY=digest:2026-11-25

# smtp_start DIR OPTION...: smtpd.py writing what it receives into DIR; sets SMTP_PORT
smtp_start() {
    _dir=$1; shift
    mkdir -p "$_dir"
    SMTP_PORT=$(free_port)
    /usr/bin/python3 "$SRC/tests/integration/smtpd.py" --port "$SMTP_PORT" --out "$_dir" \
        "$@" >"$_dir.log" 2>&1 &
    _imap_pids="$_imap_pids $!"
    _k=0
    until grep -q '^ready' "$_dir.log" 2>/dev/null; do
        _k=$((_k + 1)); [ $_k -lt 100 ] || { cat "$_dir.log"; fail "smtpd did not start"; }
        sleep 0.1
    done
}
# bad_start SCRIPT: badsmtpd.py answering by SCRIPT; sets BAD_PORT, BAD_PID
bad_start() {
    rm -f bad.port bad.log bad.log.count
    /usr/bin/python3 "$SRC/tests/integration/badsmtpd.py" --log bad.log "$1" >bad.port 2>bad.err &
    BAD_PID=$!
    _imap_pids="$_imap_pids $BAD_PID"
    _k=0
    while [ ! -s bad.port ] && [ $_k -lt 100 ]; do sleep 0.05; _k=$((_k + 1)); done
    BAD_PORT=$(head -1 bad.port)
    [ -n "$BAD_PORT" ] || { cat bad.err >&2; fail "badsmtpd did not start"; }
}
bad_stop() { _imap_kill "$BAD_PID"; wait "$BAD_PID" 2>/dev/null; _imap_forget "$BAD_PID"; }

received() { find "$1" -name '*.eml' | wc -l; }
# wait_received DIR N: until DIR holds N messages (the server may still be storing
# one whose reply was lost); fails after 10 s
wait_received() {
    _k=0
    while [ "$(received "$1")" -lt "$2" ]; do
        _k=$((_k + 1)); [ $_k -lt 100 ] || return 1
        sleep 0.1
    done
}
fresh() { rm -f doorstep.db doorstep.db-wal doorstep.db-shm; cp template.db doorstep.db; }
state() { sql "SELECT state || ' ' || attempts FROM outbox WHERE key = '$KEY'"; }
render() { timeout -k 5 60 "$BIN/doorstep-render" -c doorstep.ini digest "$@" >out 2>err; }
whole() { [ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "$1: integrity_check"; }

# the demo group's day, processed once; every case starts from a copy
cp -r "$SRC/config/demo/Maildir" Maildir
write_config doorstep.ini
(umask 077 && printf '%s\n' "$PASSWORD" >smtp.pw)
ini_set doorstep.ini smtp method smtp
# only the digest here: the automatic replies (issue 16) are t_connect_smtp's
for k in new_post held triage; do ini_set doorstep.ini replies $k no; done
ini_set doorstep.ini smtp host localhost
ini_set doorstep.ini smtp ca_file "$CA_FILE"
ini_set doorstep.ini smtp user group
ini_set doorstep.ini smtp password_file smtp.pw
ini_set doorstep.ini smtp timeout 10
ini_set doorstep.ini digest to "members@elmpark.example.org, extra@elmpark.example.org"
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
cp doorstep.db template.db

# plain (AUTH without TLS: loopback), STARTTLS + AUTH, implicit TLS + AUTH
smtp_start plain --auth "group:$PASSWORD"
PLAIN_PORT=$SMTP_PORT
smtp_start starttls --starttls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" \
    --auth "group:$PASSWORD"
STARTTLS_PORT=$SMTP_PORT
smtp_start tls --tls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:$PASSWORD"
TLS_PORT=$SMTP_PORT

# use SECURITY PORT: the config sends to 127.0.0.1:PORT with SECURITY
use() { ini_set doorstep.ini smtp security "$1"; ini_set doorstep.ini smtp port "$2"; }

# proxy_start NAME TARGET_PORT: a cutproxy.py in front of TARGET_PORT that cuts the
# connections NAME.plan asks it to (stopped at exit); sets PROXY_PORT
proxy_start() {
    python3 "$SRC/tests/integration/cutproxy.py" --plan "$PWD/$1.plan" "$2" 0 \
        >"$1.proxy" 2>"$1.proxy.log" &
    _imap_pids="$_imap_pids $!"
    _k=0
    while [ ! -s "$1.proxy" ] && [ $_k -lt 100 ]; do sleep 0.05; _k=$((_k + 1)); done
    [ -s "$1.proxy" ] || { cat "$1.proxy.log" >&2; fail "cutproxy did not start"; }
    PROXY_PORT=$(head -1 "$1.proxy")
}

# --- one case ------------------------------------------------------------------------------
# cut_case NAME EXPECT DIR SECURITY PROXY N [up] [reset] [stall]: one send through the
# proxy of SECURITY, its connection cut after N bytes from the server (with "up", from
# the client; "reset": RST rather than FIN; "stall": silent rather than closed), then
# a clean run (whose connection the proxy leaves whole). EXPECT is what the server can
# have been given:
#   none   the cut came before the body: never the message
#   body   during the body: never the whole message, though the client may have
#          handed it all to the network (then it must count it as "may have arrived")
#   taken  the whole message and its final ".": the server has it
wrong=
ncases=0
cut_case() {
    _name=$1 _expect=$2 _dir=$3 _sec=$4 _pport=$5 _n=$6
    shift 6
    ncases=$((ncases + 1))
    fresh
    _n0=$(received "$_dir")
    echo "$_n $*" >"$_sec.plan"
    use "$_sec" "$_pport"
    ini_set doorstep.ini smtp timeout "${FAULT_TIMEOUT:-10}"
    render
    _rc=$?
    ini_set doorstep.ini smtp timeout 10
    [ ! -e "$_sec.plan" ] || fail "$_name: doorstep-render never connected: $(cat err)"
    cp err fault.err
    { echo "== $_name: exit $_rc"; cat err; } >>all.err
    [ "$_expect" != taken ] || wait_received "$_dir" $((_n0 + 1)) ||
        fail "$_name: the server never got the message"
    _n1=$(received "$_dir")
    whole "$_name"
    _st=$(state)
    _how=
    case $_rc:$_st in
    0:"sent 1") _how=sent ;;
    75:"failed 1" | 76:"failed 1") _how=again ;;
    75:"failed 10") _how=maybe ;;
    *) wrong="$wrong
  $_name: exit $_rc, outbox '$_st': $(grep -v GnuTLS err | head -1)"
        return ;;
    esac
    [ "$_how" != maybe ] || grep -q "may have arrived" err ||
        fail "$_name: 'may have arrived' not said: $(cat err)"
    [ "$_how" = sent ] || grep -q "127\.0\.0\.1:$_pport\|localhost:$_pport" err ||
        fail "$_name: the error does not name the server: $(cat err)"
    # what the client concluded must fit what the server was given
    case $_expect:$_how in
    none:again | body:again | body:maybe | taken:sent | taken:maybe) ;;
    *) fail "$_name: the server was given $_expect, but the outbox says $_how ($_st)" ;;
    esac
    [ "$_n1" = $((_n0 + $([ "$_expect" = taken ] && echo 1 || echo 0))) ] ||
        fail "$_name: the server has $((_n1 - _n0)) copies after the fault"
    # the next run: sends what is to be sent again, never what may have arrived
    render || fail "$_name: the clean run exited $?: $(cat err)"
    whole "$_name"
    case $_how in
    again) [ "$(state)" = "sent 2" ] || fail "$_name: not sent by the clean run: $(state)" ;;
    maybe)
        [ "$(state)" = "failed 10" ] || fail "$_name: the clean run changed '$_st' to '$(state)'"
        [ "$(received "$_dir")" = "$_n1" ] || fail "$_name: sent again blindly"
        if [ "$_n1" = "$_n0" ]; then # it had not arrived: a person sends it
            render --resend || fail "$_name: --resend exited $?: $(cat err)"
            [ "$(state)" = "sent 1" ] || fail "$_name: --resend: $(state)"
        fi
        ;;
    esac
    [ "$(received "$_dir")" = $((_n0 + 1)) ] ||
        fail "$_name: $(($(received "$_dir") - _n0)) copies at the server in the end"
    echo "  $_name: $_expect -> $_how (exit $_rc)"
}

# --- where to cut: from a clean session's trace -----------------------------------------
# reference SECURITY PORT DIR: one clean send through the proxy, its trace in
# SECURITY.trace (and the bytes in SECURITY.up / .down); prints the cut points, one
# "NAME EXPECT N [up]" per line: the middle and the end of each turn (the bytes one
# side sends before waiting for the other), in each direction (with STARTTLS, only the
# middle of the turns before the body), and in the body its first byte, the byte
# before the final ".", and the byte before the last.
reference() {
    rm -f "$1.trace" "$1.up" "$1.down"
    _n0=$(received "$3")
    cutproxy_start "$2" 0 --trace "$1.trace" --dump "$1.up" --dump-down "$1.down"
    use "$1" "$PROXY_PORT"
    fresh
    render || fail "reference $1: exit $?: $(cat err)"
    cutproxy_stop
    [ "$(received "$3")" = $((_n0 + 1)) ] || fail "reference $1: not received once"
    python3 - "$1" <<'PY'
import sys
sec = sys.argv[1]
turns = []  # [direction, start, end] with offsets counted in that direction
pos = {"up": 0, "down": 0}
for line in open(sec + ".trace"):
    d, n = line.split()
    n = int(n)
    if turns and turns[-1][0] == d:
        turns[-1][2] += n
    else:
        turns.append([d, pos[d], pos[d] + n])
    pos[d] += n
body = max((t for t in turns if t[0] == "up"), key=lambda t: t[2] - t[1])
bi = turns.index(body)
data_end = body[2]                                      # up: the final "." has left
reply_at = next(t for t in turns[bi:] if t[0] == "down")[1]  # down: the 250 begins
raw = {"up": open(sec + ".up", "rb").read(), "down": open(sec + ".down", "rb").read()}

def label(t, i):
    word = raw[t[0]][t[1]:t[1] + 4].split(b" ")[0].split(b"\r")[0]
    if t is body:
        return "body"
    if sec != "none" and i > 4:  # after STARTTLS: records
        return "rec%d" % i
    return word.decode("ascii", "replace").strip().lower() or "?"

out = []
for i, t in enumerate(turns):
    d, a, b = t
    name = "%s%d-%s" % (d, i, label(t, i))
    if d == "down":
        pts = [("mid", a + max(1, (b - a) // 2))]
        if i < len(turns) - 1 and (sec == "none" or i >= bi - 1):
            pts.append(("end", b))
        for what, n in pts:
            # (cut right after the 354: the client may still hand the whole body to
            # the network, which no longer leads anywhere)
            expect = "taken" if n > reply_at else "body" if n == reply_at else "none"
            out.append((name + "-" + what, expect, n, ""))
    else:
        pts = [("mid", a + max(1, (b - a) // 2))]
        if sec == "none" or i >= bi:  # (with TLS, the ends of the turns before: fewer)
            pts.append(("end", b))
        if t is body:
            pts += [("first", a + 1), ("before-dot", b - 3), ("before-lf", b - 1)]
        for what, n in pts:
            expect = "taken" if n >= data_end else "body" if t is body else "none"
            out.append((name + "-" + what, expect, n, "up"))
# the reply to the final "." cut after its first byte: the server has the message
out.append(("down-reply-first-byte", "taken", reply_at + 1, ""))
for name, expect, n, opt in out:
    print(sec + ":" + name, expect, n, opt)
PY
}

t0=$(date +%s)
reference none "$PLAIN_PORT" plain >points.none
reference starttls "$STARTTLS_PORT" starttls >points.starttls
ok "$(wc -l <points.none) cut points in a plain session, $(wc -l <points.starttls) with STARTTLS"
# (not in $(...): the proxies must be this shell's children, stopped at exit)
proxy_start none "$PLAIN_PORT"
P_NONE=$PROXY_PORT
proxy_start starttls "$STARTTLS_PORT"
P_STARTTLS=$PROXY_PORT
proxy_start tls "$TLS_PORT"
P_TLS=$PROXY_PORT

# every point, closed (FIN); in the body and after the final "." also reset (RST)
while read -r name expect n opt <&3; do
    cut_case "$name" "$expect" plain none "$P_NONE" "$n" $opt
    case $name in *body-mid | *reply-first-byte)
        cut_case "$name-reset" "$expect" plain none "$P_NONE" "$n" $opt reset ;;
    esac
done 3<points.none
ok "plain: every cut, then exactly one copy [$(($(date +%s) - t0)) s]"
while read -r name expect n opt <&3; do
    cut_case "$name" "$expect" starttls starttls "$P_STARTTLS" "$n" $opt
done 3<points.starttls
ok "STARTTLS: every cut, then exactly one copy [$(($(date +%s) - t0)) s]"
# implicit TLS: in the handshake, from each side
cut_case tls:handshake-down none tls tls "$P_TLS" 700
cut_case tls:handshake-up none tls tls "$P_TLS" 200 up
cut_case tls:handshake-reset none tls tls "$P_TLS" 700 reset
ok "implicit TLS cuts"

# --- stalls: [smtp] timeout -------------------------------------------------------------
# stall_case NAME EXPECT DIR SECURITY PORT N: cut_case with the connection stalled
# after N bytes from the server, [smtp] timeout 1 for that run: 75, naming the server
# and the timeout
stall_case() {
    FAULT_TIMEOUT=1 cut_case "stall:$1" "$2" "$3" "$4" "$5" "$6" stall
    grep -Eq "(127\.0\.0\.1|localhost):$5: .*(within 1 s \(\[smtp\] timeout\)|did not answer in time)" fault.err ||
        fail "stall $1: $(cat fault.err)"
}
ini_set doorstep.ini smtp timeout 1
bad_start '{"greeting": "@silent"}'
use none "$BAD_PORT"
fresh
render
[ $? = 75 ] || fail "a silent server: exit $?, expected 75"
expect_grep "^doorstep-render: error: .*(127\\.0\\.0\\.1|localhost):$BAD_PORT: the greeting: .*within 1 s \\(\\[smtp\\] timeout\\)" err
use tls "$BAD_PORT"
render
[ $? = 75 ] || fail "a silent server, TLS: exit $?, expected 75"
expect_grep "(127\\.0\\.0\\.1|localhost):$BAD_PORT: .*did not answer within 1 s .*TLS handshake" err
[ "$(state)" = "failed 2" ] || fail "a silent server: outbox $(state)"
bad_stop
ini_set doorstep.ini smtp timeout 10
ok "a server that says nothing: 75, $(grep -v GnuTLS err | head -1)"
sn=$(awk '$1 ~ /down[0-9]+-220-mid$/ { print $3; exit }' points.none)
stall_case plain-greeting none plain none "$P_NONE" "$sn"
sn=$(awk '$1 ~ /^starttls:down6/ && $1 ~ /-mid$/ { print $3; exit }' points.starttls)
stall_case starttls-handshake none starttls starttls "$P_STARTTLS" "$sn"
sn=$(awk '$1 == "none:down-reply-first-byte" { print $3 - 1 }' points.none)
stall_case plain-after-354 body plain none "$P_NONE" "$sn"
sn=$(awk '$1 == "none:down-reply-first-byte" { print $3 }' points.none)
stall_case plain-after-dot taken plain none "$P_NONE" "$sn"
ok "stalls: 75 naming the server and [smtp] timeout [$(($(date +%s) - t0)) s]"

# --- garbage ------------------------------------------------------------------------------
# garbage_case NAME CODES SCRIPT: badsmtpd answers by SCRIPT; exit one of CODES, the
# database whole, one clear line naming the server (no control characters); then the
# real server gets the digest exactly once (with --resend where it may have arrived)
garbage_case() {
    fresh
    bad_start "$3"
    use none "$BAD_PORT"
    ini_set doorstep.ini smtp timeout 1
    render
    _rc=$?
    ini_set doorstep.ini smtp timeout 10
    bad_stop
    case " $2 " in *" $_rc "*) ;; *) cat err >&2; fail "garbage $1: exit $_rc, expected $2" ;; esac
    cp err fault.err
    whole "garbage $1"
    expect_grep "^doorstep-render: error: (digest: )?$KEY not sent: (127\\.0\\.0\\.1|localhost):$BAD_PORT: " err
    ! LC_ALL=C grep -q "$(printf '[\001-\010\016-\037]')" err || fail "garbage $1: control characters in the log"
    _st=$(state)
    _n0=$(received plain)
    use none "$PLAIN_PORT"
    render || fail "garbage $1: the clean run exited $?: $(cat err)"
    if [ "$_st" = "failed 10" ]; then
        [ -s bad.log.count ] || fail "garbage $1: 'may have arrived' although it never left whole"
        [ "$(received plain)" = "$_n0" ] || fail "garbage $1: sent again blindly"
        render --resend || fail "garbage $1: --resend exited $?"
    elif [ "$_rc" = 77 ]; then # a refused login: queued again, not counted
        [ "$_st" = "queued 0" ] || fail "garbage $1: outbox '$_st'"
    else
        [ "$_st" = "failed 1" ] || fail "garbage $1: outbox '$_st'"
    fi
    [ "$(received plain)" = $((_n0 + 1)) ] || fail "garbage $1: not exactly one copy in the end"
    echo "  garbage $1: exit $_rc, $_st: $(head -1 fault.err | cut -d: -f4- | cut -c1-110)"
}
garbage_case greeting-words 76 '{"greeting": "hello there\r\n"}'
garbage_case greeting-binary "75 76" '{"greeting": "\u0000\u0001\u001b[31m\u00ff\r\n"}'
garbage_case greeting-escape 76 '{"greeting": "220\u001b[2J\u0007 hi\r\n", "EHLO": "\u001b]0;pwned\u0007\r\n"}'
garbage_case greeting-3MB-line 76 '{"greeting": "@flood:3000000"}'
garbage_case greeting-554 75 '{"greeting": "554 go away\r\n"}'
garbage_case ehlo-endless-then-cut 75 '{"EHLO": "@lines:200000"}'
garbage_case ehlo-no-code 76 '{"EHLO": "bad.example says hi\r\n"}'
garbage_case auth-no-code 77 '{"AUTH": "xyzzy\r\n"}'
garbage_case mail-code-999 76 '{"MAIL": "999 what\r\n"}'
garbage_case mail-half-line 75 '{"MAIL": "25"}'
garbage_case rcpt-close 75 '{"RCPT": "@close"}'
garbage_case data-250 76 '{"DATA": "250 ok\r\n"}'
garbage_case end-garbage 75 '{"END": "garbage\r\n"}'
garbage_case end-code-999 75 '{"END": "999 what\r\n"}'
garbage_case end-554 76 '{"END": "554 5.7.1 no thanks\r\n"}'
garbage_case end-451 75 '{"END": "451 4.3.0 later\r\n"}'
ok "garbage answers: clear errors, nothing sent twice [$(($(date +%s) - t0)) s]"

! grep -q "s3cret" all.err err doorstep.db 2>/dev/null || fail "the password leaked"
[ -z "$wrong" ] || fail "wrong outcomes:$wrong"
ok "$ncases cut and stalled connections, each then delivered exactly once"
