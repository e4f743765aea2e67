# tests/integration/imap.sh — a real IMAP server for the integration tests (sourced;
# it sources lib.sh). Dovecot runs as a throwaway server on 127.0.0.1 only, on ports
# chosen at run time, with its own config, a passwd-file user and certificates from a
# throwaway CA made in the test's folder; every server and proxy it starts is stopped
# by its PID when the script exits (its EXIT trap: a script that needs its own must
# call _imap_cleanup from it). Never the system's Dovecot, never another address.
#
#   ca_make DIR                   CA + certificates in DIR; sets CA_DIR, CA_FILE
#   dovecot_start DIR [VARIANT]   starts Dovecot (VARIANT: good, wrong, self, nostarttls);
#                                 sets IMAP_PORT, IMAPS_PORT, DOVECOT_PID, DOVECOT_CONF,
#                                 DOVECOT_DIR, DOVECOT_LOG
#   dovecot_stop                  stops it (by PID) and waits until it has exited
#   imap_append [-m BOX] FILE...  puts the files into BOX (default INBOX) over IMAP
#   imap_sha256s [BOX]            sha256 of every message as served, sorted
#   imap_list [BOX]               "UID SIZE SHA256 FLAGS..." per message, by UID
#   imap_uidvalidity [BOX]        the mailbox's UIDVALIDITY
#   imap_uidvalidity_bump [BOX]   gives the mailbox a new UIDVALIDITY (doveadm)
#   imap_create BOX               creates a mailbox (names as sent: modified UTF-7)
#   imap_flag BOX UID FLAG        adds FLAG to a message
#   gen_messages DIR N [TAG [SIZE]]  writes N distinct CRLF messages into DIR
#   write_imap_config FILE SECURITY PORT [LINE...]
#                                 a doorstep config reading the IMAP server
#   ini_set FILE SECTION KEY [VALUE]  sets (or, without VALUE, removes) a config key
#   cutproxy_start TARGET N [OPTION...]  starts cutproxy.py; sets PROXY_PORT, PROXY_PID
#   cutproxy_stop                 stops it
#   free_port                     prints a TCP port free on 127.0.0.1 now
#   fetch ARG...                  runs doorstep-fetch, killed after $FETCH_TIMEOUT s
#   imap_skip_if_stub             exits 77 while doorstep-fetch has no IMAP yet
#   run_fetch CODES ARG...        fetch ARG..., exit code one of CODES ("0", "69 77")
#   expect_stored_is_server [BOX] the stored messages are exactly BOX's, each once
#   expect_raw_matches_sha        every stored raw hashes to its sha256 column
#   log_mark, log_since, expect_log PATTERN, expect_no_login: Dovecot's log since the mark
#
# Root and non-root: Dovecot (master and every service) always runs as one ordinary
# user. Run as a normal user, that is the user itself. Run as root (CI), Dovecot
# refuses to keep mail as uid 0, so it runs as the system user doorstep-test (created
# once with useradd when missing), started through setpriv, in a folder under /tmp
# that this user owns (the test's own folder is 0700 root, which that user cannot
# enter); DIR/dovecot is then a symbolic link to it, and the folder is removed at exit
# (kept with KEEP=1).
. "$SRC/tests/integration/lib.sh"

IMAP_USER=group
IMAP_PASSWORD='s3cret pass'
# lib.sh's ok, with the seconds since the start (to see what takes time)
_imap_t0=$(date +%s)
ok() { echo "ok: $* [$(($(date +%s) - _imap_t0)) s]"; }
FETCH_TIMEOUT=${FETCH_TIMEOUT:-30}

_imap_pids=        # Dovecot masters and proxies still to stop
_imap_rmdirs=      # folders outside the test's folder to remove at exit

_imap_alive() { # PID: true while the process exists and is not a zombie
    [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
    if [ -r "/proc/$1/stat" ]; then
        case $(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1) in Z | X | '') return 1 ;; esac
    fi
    return 0
}

_imap_kill() { # PID: TERM, wait up to 10 s, then KILL
    _imap_alive "$1" || return 0
    kill "$1" 2>/dev/null
    _k=0
    while _imap_alive "$1" && [ $_k -lt 100 ]; do sleep 0.1; _k=$((_k + 1)); done
    if _imap_alive "$1"; then
        echo "imap.sh: $1 still running after 10 s: killing it" >&2
        kill -9 "$1" 2>/dev/null
    fi
}

_imap_cleanup() {
    for _p in $_imap_pids; do _imap_kill "$_p"; wait "$_p" 2>/dev/null; done
    _imap_pids=
    if [ "${KEEP:-0}" != 1 ]; then
        for _d in $_imap_rmdirs; do rm -rf "$_d"; done
    else
        for _d in $_imap_rmdirs; do echo "imap.sh: kept $_d"; done
    fi
}
trap '_rc=$?; _imap_cleanup; exit $_rc' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

_imap_forget() { # PID: no longer to be stopped at exit
    _new=
    for _p in $_imap_pids; do [ "$_p" = "$1" ] || _new="$_new $_p"; done
    _imap_pids=$_new
}

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed (make deps)"
command -v openssl >/dev/null 2>&1 || skip "openssl is not installed (make deps)"
DOVECOT=$(command -v dovecot 2>/dev/null || echo /usr/sbin/dovecot)
DOVEADM=$(command -v doveadm 2>/dev/null || echo /usr/bin/doveadm)

# fetch ARG...: doorstep-fetch, killed if it runs longer than $FETCH_TIMEOUT seconds
# (exit 124), so that a hang fails the test instead of blocking make check.
fetch() { timeout -k 5 "$FETCH_TIMEOUT" "$BIN/doorstep-fetch" "$@"; }

# free_port: a TCP port nobody listens on at 127.0.0.1 (now).
free_port() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ini_set FILE SECTION KEY [VALUE]: sets KEY in [SECTION] (adding the section or the key
# when missing), or removes it when VALUE is not given.
ini_set() {
    _is_f=$1
    if [ $# -ge 4 ]; then _is_del=0 _is_val=$4; else _is_del=1 _is_val=; fi
    # (the value through the environment: awk -v would interpret its backslashes)
    _is_val=$_is_val awk -v sec="$2" -v key="$3" -v del="$_is_del" '
        BEGIN { val = ENVIRON["_is_val"] }
        function emit() { if (!done && !del) print key " = " val; done = 1 }
        function flush() { printf "%s", held; held = "" }
        /^[ \t]*$/ { held = held $0 "\n"; next }
        /^[ \t]*\[.*\][ \t]*$/ {
            if (insec) emit()
            flush()
            name = $0; gsub(/^[ \t]*\[|\][ \t]*$/, "", name)
            insec = (name == sec); if (insec) seen = 1
            print; next
        }
        insec && $0 ~ "^[ \t]*" key "[ \t]*=" {
            flush(); if (!del && !done) print key " = " val; done = 1; next
        }
        { flush(); print }
        END {
            if (insec) emit()
            flush()
            if (!seen && !del) { print ""; print "[" sec "]"; print key " = " val }
        }' "$_is_f" >"$_is_f.tmp" && mv "$_is_f.tmp" "$_is_f"
}

# ca_make DIR: a throwaway CA (ca.pem) and, signed by it, localhost.pem (DNS:localhost,
# IP:127.0.0.1) and wrong.pem (DNS:wrong.example); self.pem is self-signed for
# localhost and 127.0.0.1. Each NAME.pem has its key in NAME.key. Sets CA_DIR, CA_FILE.
ca_make() {
    mkdir -p "$1" || fail "ca_make: cannot create $1"
    CA_DIR=$(cd "$1" && pwd)
    cat >"$CA_DIR/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[localhost]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[wrong]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[self]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
EOF
    (
        cd "$CA_DIR" || exit 1
        set -e
        exec 2>openssl.log
        openssl req -x509 -config openssl.cnf -extensions ca -newkey rsa:2048 -nodes \
            -days 3 -subj "/CN=doorstep test CA" -keyout ca.key -out ca.pem
        for n in localhost wrong; do
            cn=localhost; [ $n = wrong ] && cn=wrong.example
            openssl req -new -config openssl.cnf -newkey rsa:2048 -nodes -subj "/CN=$cn" \
                -keyout $n.key -out $n.csr
            openssl x509 -req -in $n.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3 \
                -extfile openssl.cnf -extensions $n -out $n.pem
        done
        openssl req -x509 -config openssl.cnf -extensions self -newkey rsa:2048 -nodes \
            -days 3 -subj "/CN=localhost" -keyout self.key -out self.pem
        openssl verify -CAfile ca.pem localhost.pem wrong.pem >/dev/null
        ! openssl verify -CAfile ca.pem self.pem >/dev/null 2>&1
        chmod 644 ./*.pem ./*.key
    ) || { cat "$CA_DIR/openssl.log" >&2; fail "ca_make: openssl failed"; }
    CA_FILE=$CA_DIR/ca.pem
    export CA_DIR CA_FILE
}

# The user Dovecot runs as (see the top); sets _dv_user, _dv_uid, _dv_gid, _dv_group.
_dv_user() {
    if [ "$(id -u)" = 0 ]; then
        _dv_user=doorstep-test
        if ! id -u "$_dv_user" >/dev/null 2>&1; then
            useradd --system --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin "$_dv_user" >/dev/null 2>&1 ||
                id -u "$_dv_user" >/dev/null 2>&1 ||
                fail "cannot create the system user $_dv_user for Dovecot's mail"
        fi
        command -v setpriv >/dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
    else
        _dv_user=$(id -un)
    fi
    _dv_uid=$(id -u "$_dv_user") _dv_gid=$(id -g "$_dv_user") _dv_group=$(id -gn "$_dv_user")
}

# dovecot_start DIR [VARIANT]: writes DIR/dovecot/dovecot.conf and starts Dovecot on
# 127.0.0.1: IMAP_PORT (plain IMAP, STARTTLS offered) and IMAPS_PORT (IMAPS), user
# "group", password "s3cret pass", mail in DIR/dovecot/mail/group (a maildir). The
# server certificate is VARIANT: good (default; localhost and 127.0.0.1, from the CA),
# wrong (wrong.example, from the CA), self (self-signed); nostarttls runs plain IMAP
# only, with no TLS at all (IMAPS_PORT is then empty). Calling it again for the same
# DIR (after dovecot_stop) keeps the mail. Makes the CA (ca_make DIR/ca) if there is
# none yet.
dovecot_start() {
    [ -x "$DOVECOT" ] || skip "dovecot is not installed (make deps: dovecot-imapd)"
    _dir=$1 _variant=${2:-good}
    mkdir -p "$_dir" && _dir=$(cd "$_dir" && pwd) || fail "dovecot_start: no folder $1"
    [ -n "${CA_DIR:-}" ] || ca_make "$_dir/ca"
    case $_variant in
    good) _cert=localhost ;;
    wrong) _cert=wrong ;;
    self) _cert=self ;;
    nostarttls) _cert= ;;
    *) fail "dovecot_start: unknown variant $_variant" ;;
    esac
    _dv_user
    # (a link left by an earlier run, to a folder since removed: made again)
    [ ! -L "$_dir/dovecot" ] || [ -e "$_dir/dovecot" ] || rm -f "$_dir/dovecot"
    if [ ! -e "$_dir/dovecot" ]; then
        if [ "$(id -u)" = 0 ]; then
            _d=$(mktemp -d /tmp/doorstep-dovecot.XXXXXX) || fail "mktemp"
            _imap_rmdirs="$_imap_rmdirs $_d"
            ln -s "$_d" "$_dir/dovecot"
        else
            mkdir -m 700 "$_dir/dovecot"
        fi
    fi
    DOVECOT_DIR=$(cd "$_dir/dovecot" && pwd -P) || fail "dovecot_start: $_dir/dovecot"
    _d=$DOVECOT_DIR
    # a server of ours still running on this folder: stopped first (one per folder)
    if [ -s "$_d/run/master.pid" ]; then
        _old=$(cat "$_d/run/master.pid")
        case " $_imap_pids " in *" $_old "*)
            _imap_kill "$_old"; wait "$_old" 2>/dev/null; _imap_forget "$_old" ;;
        esac
    fi
    mkdir -p "$_d/run" "$_d/state" "$_d/mail" "$_d/home"
    printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$IMAP_USER" "$IMAP_PASSWORD" "$_dv_uid" "$_dv_gid" \
        "$_d/home" >"$_d/passwd"
    if [ -n "$_cert" ]; then
        cp "$CA_DIR/$_cert.pem" "$_d/server.pem" && cp "$CA_DIR/$_cert.key" "$_d/server.key" ||
            fail "dovecot_start: no certificate $CA_DIR/$_cert.pem"
    fi

    _try=0
    while :; do
        _try=$((_try + 1))
        IMAP_PORT=$(free_port) IMAPS_PORT=
        [ -z "$_cert" ] || IMAPS_PORT=$(free_port)
        [ "$IMAP_PORT" != "$IMAPS_PORT" ] || continue
        DOVECOT_CONF=$_d/dovecot.conf DOVECOT_LOG=$_d/dovecot.log
        _dovecot_conf >"$DOVECOT_CONF"
        rm -f "$_d/run/master.pid"
        : >>"$DOVECOT_LOG"
        [ "$(id -u)" != 0 ] || chown -R "$_dv_uid:$_dv_gid" "$_d"
        _l0=$(wc -l <"$DOVECOT_LOG")
        # in the foreground (-F) as a child of this shell, so that it can be waited
        # for (no zombie left where nothing reaps orphans, as in containers)
        # (a simple command, so that $! is Dovecot's PID: setpriv execs it)
        if [ "$(id -u)" = 0 ]; then
            setpriv --reuid="$_dv_uid" --regid="$_dv_gid" --init-groups \
                "$DOVECOT" -F -c "$DOVECOT_CONF" >"$_dir/dovecot.start" 2>&1 &
        else
            "$DOVECOT" -F -c "$DOVECOT_CONF" >"$_dir/dovecot.start" 2>&1 &
        fi
        _dv_child=$!
        _imap_pids="$_imap_pids $_dv_child"
        if _dv_wait "$_d/run/master.pid" "$_dv_child" "$IMAP_PORT" "$IMAPS_PORT"; then
            break
        fi
        _imap_kill "$_dv_child"
        wait "$_dv_child" 2>/dev/null
        _imap_forget "$_dv_child"
        if [ $_try -lt 3 ] && { cat "$_dir/dovecot.start"; tail -n +"$((_l0 + 1))" "$DOVECOT_LOG"; } |
            grep -q 'in use'; then
            continue # a port taken meanwhile: new ports
        fi
        cat "$_dir/dovecot.start" >&2
        tail -n +"$((_l0 + 1))" "$DOVECOT_LOG" >&2
        fail "dovecot_start: Dovecot did not start ($_variant)"
    done
    export IMAP_PORT IMAPS_PORT DOVECOT_PID DOVECOT_CONF DOVECOT_DIR DOVECOT_LOG
}

_dovecot_conf() {
    _u=$_dv_user _g=$_dv_group
    cat <<EOF
# written by tests/integration/imap.sh: a throwaway server on 127.0.0.1
base_dir = $_d/run
state_dir = $_d/state
instance_name = doorstep-test-$$
log_path = $_d/dovecot.log
protocols = imap
listen = 127.0.0.1
shutdown_clients = yes
default_internal_user = $_u
default_internal_group = $_g
default_login_user = $_u
first_valid_uid = $_dv_uid
last_valid_uid = $_dv_uid
first_valid_gid = $_dv_gid
last_valid_gid = $_dv_gid
mail_location = maildir:$_d/mail/%u
mail_fsync = never
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = $_d/passwd
}
userdb {
  driver = passwd-file
  args = $_d/passwd
}
EOF
    if [ -n "$_cert" ]; then
        echo "ssl = yes"
        echo "ssl_cert = <$_d/server.pem"
        echo "ssl_key = <$_d/server.key"
        [ ! -r /usr/share/dovecot/dh.pem ] || echo "ssl_dh = </usr/share/dovecot/dh.pem"
    else
        echo "ssl = no"
    fi
    cat <<EOF
service imap-login {
  chroot =
  user = $_u
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${IMAPS_PORT:-0}
EOF
    [ -z "$_cert" ] || echo "    ssl = yes"
    cat <<EOF
  }
}
service anvil {
  chroot =
  user = $_u
}
EOF
    for _s in auth auth-worker imap log config stats dict doveadm; do
        printf 'service %s {\n  user = %s\n}\n' "$_s" "$_u"
    done
}

_dv_wait() { # PIDFILE PID PORT [PORT]: waits (up to 15 s) until PID, the master (its
    # PIDFILE written), answers on the ports
    python3 - "$@" <<'PY' || return 1
import os, socket, sys, time
pidfile, pid, ports = sys.argv[1], int(sys.argv[2]), [int(p) for p in sys.argv[3:] if p]
deadline = time.time() + 15
def alive():
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        try:
            os.kill(pid, 0)
            return True
        except OSError:
            return False
while time.time() < deadline:
    if not alive():
        print("dovecot_start: Dovecot exited", file=sys.stderr)
        sys.exit(1)
    try:
        if int(open(pidfile).read().split()[0]) != pid:
            time.sleep(0.05); continue
        for p in ports:
            socket.create_connection(("127.0.0.1", p), timeout=1).close()
        sys.exit(0)
    except (OSError, ValueError, IndexError):
        time.sleep(0.05)
print("dovecot_start: Dovecot does not answer on 127.0.0.1 port(s) %s" % ports, file=sys.stderr)
sys.exit(1)
PY
    DOVECOT_PID=$2
}

# dovecot_stop: stops the server started last, by its PID, and waits until it exited.
dovecot_stop() {
    [ -n "${DOVECOT_PID:-}" ] || return 0
    _imap_kill "$DOVECOT_PID"
    wait "$DOVECOT_PID" 2>/dev/null
    _imap_alive "$DOVECOT_PID" && fail "dovecot_stop: $DOVECOT_PID did not exit"
    _imap_forget "$DOVECOT_PID"
    DOVECOT_PID=
}

# The IMAP client helpers: python3's imaplib, plain IMAP with LOGIN to 127.0.0.1:IMAP_PORT.
_imap_py() {
    [ -n "${IMAP_PORT:-}" ] || fail "imap helpers: no server (dovecot_start)"
    IMAP_PORT=$IMAP_PORT IMAP_USER=$IMAP_USER IMAP_PASSWORD=$IMAP_PASSWORD python3 - "$@" <<'PY'
import hashlib, imaplib, os, re, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)

def connect():
    m = imaplib.IMAP4("127.0.0.1", int(os.environ["IMAP_PORT"]))
    m.login(os.environ["IMAP_USER"], os.environ["IMAP_PASSWORD"])
    return m

def ok(r, what):
    if r[0] != "OK":
        sys.exit("imap helper: %s: %s %s" % (what, r[0], r[1]))
    return r[1]

def examine(m, box):
    n = int(ok(m.select('"%s"' % box, readonly=True), "EXAMINE " + box)[0])
    return n

def bodies(m, box, uidset="1:*"):
    """{uid: bytes} as served"""
    out = {}
    if examine(m, box) == 0:
        return out
    for item in ok(m.uid("FETCH", uidset, "(BODY.PEEK[])"), "UID FETCH"):
        if isinstance(item, tuple):
            uid = int(re.search(rb"UID (\d+)", item[0]).group(1))
            out[uid] = item[1]
    return out

def meta(m, box):
    """{uid: (size, flags)}"""
    out = {}
    if examine(m, box) == 0:
        return out
    for item in ok(m.uid("FETCH", "1:*", "(RFC822.SIZE FLAGS)"), "UID FETCH"):
        if isinstance(item, tuple):
            item = item[0]
        if not item:
            continue
        uid = int(re.search(rb"UID (\d+)", item).group(1))
        size = int(re.search(rb"RFC822\.SIZE (\d+)", item).group(1))
        flags = re.search(rb"FLAGS \(([^)]*)\)", item).group(1).decode()
        out[uid] = (size, flags)
    return out

def sha(b):
    return hashlib.sha256(b).hexdigest()

def as_served(data):
    # What Dovecot serves for the bytes appended: CRLF line ends (a bare LF becomes
    # CRLF) and NUL bytes as 0x80. Sending exactly that keeps file == served.
    return re.sub(rb"(?<!\r)\n", b"\r\n", data.replace(b"\0", b"\x80"))

cmd, args = sys.argv[1], sys.argv[2:]
m = connect()
if cmd == "append":
    box = args[0]
    with open(args[1]) as fh:
        files = [line.rstrip("\n") for line in fh if line.strip()]
    sent = {}
    for f in files:
        with open(f, "rb") as fh:
            data = as_served(fh.read())
        # not imaplib's append(), which would turn a bare CR into CRLF
        m.literal = data
        typ, dat = m._simple_command("APPEND", '"%s"' % box)
        got = re.search(rb"APPENDUID \d+ (\d+)", dat[0] or b"") if typ == "OK" else None
        if not got:
            sys.exit("imap_append: %s: %s %s" % (f, typ, dat))
        sent[int(got.group(1))] = (f, sha(data))
    if sent:
        lo, hi = min(sent), max(sent)
        served = bodies(m, box, "%d:%d" % (lo, hi))
        for uid, (f, h) in sorted(sent.items()):
            if uid not in served:
                sys.exit("imap_append: %s (UID %d) is not served back" % (f, uid))
            if sha(served[uid]) != h:
                sys.exit("imap_append: %s (UID %d): the server serves other bytes than "
                         "those appended" % (f, uid))
elif cmd == "sha256s":
    for h in sorted(sha(b) for b in bodies(m, args[0]).values()):
        print(h)
elif cmd == "list":
    box = args[0]
    md, bd = meta(m, box), bodies(m, box)
    for uid in sorted(md):
        print(uid, md[uid][0], sha(bd[uid]), md[uid][1])
elif cmd == "body":
    sys.stdout.buffer.write(bodies(m, args[0], args[1]).get(int(args[1]), b""))
elif cmd == "uidvalidity":
    examine(m, args[0])
    print(m.response("UIDVALIDITY")[1][0].decode())
elif cmd == "create":
    ok(m.create('"%s"' % args[0]), "CREATE " + args[0])
elif cmd == "flag":
    ok(m.select('"%s"' % args[0]), "SELECT " + args[0])
    ok(m.uid("STORE", args[1], "+FLAGS", "(%s)" % args[2]), "UID STORE")
else:
    sys.exit("imap helper: unknown command " + cmd)
m.logout()
PY
}

# imap_append [-m MAILBOX] FILE...: appends each file (no flags: unseen) as one message,
# sent as Dovecot serves it (CRLF line ends, NUL as 0x80; files written with CRLF, like
# gen_messages's, go unchanged), then checks that the server serves back exactly the
# bytes appended (sha256 of BODY.PEEK[]); fails otherwise.
imap_append() {
    _box=INBOX
    if [ "${1:-}" = -m ]; then _box=$2; shift 2; fi
    [ $# -gt 0 ] || return 0
    # the names go through a file (the list can be long), outside the current folder
    _ia_list=$(mktemp "${TMPDIR:-/tmp}/imap_append.XXXXXX") || fail "imap_append: mktemp"
    printf '%s\n' "$@" >"$_ia_list"
    _imap_py append "$_box" "$_ia_list" || { rm -f "$_ia_list"; fail "imap_append failed"; }
    rm -f "$_ia_list"
}

# imap_sha256s [MAILBOX]: the sha256 of every message as the server serves it, sorted
# (a message stored twice on the server is listed twice).
imap_sha256s() { _imap_py sha256s "${1:-INBOX}"; }

# imap_list [MAILBOX]: one line per message, by UID: "UID SIZE SHA256 FLAGS".
imap_list() { _imap_py list "${1:-INBOX}"; }

# imap_body MAILBOX UID: the message's bytes as served.
imap_body() { _imap_py body "$1" "$2"; }

imap_uidvalidity() { _imap_py uidvalidity "${1:-INBOX}"; }
imap_create() { _imap_py create "$1"; }
# imap_flag MAILBOX UID FLAG: adds FLAG (\Seen, $Label...) to the message UID.
imap_flag() { _imap_py flag "$1" "$2" "$3"; }

# imap_uidvalidity_bump [MAILBOX]: the mailbox gets a new, higher UIDVALIDITY (its
# messages keep their UIDs and bytes), as after a server migration or a mailbox rebuilt.
imap_uidvalidity_bump() {
    _box=${1:-INBOX}
    _old=$(imap_uidvalidity "$_box") || fail "imap_uidvalidity_bump: no UIDVALIDITY"
    "$DOVEADM" -c "$DOVECOT_CONF" mailbox update -u "$IMAP_USER" --uid-validity "$((_old + 7))" \
        "$_box" >&2 || fail "imap_uidvalidity_bump: doveadm failed"
    _new=$(imap_uidvalidity "$_box")
    [ "$_new" != "$_old" ] || fail "imap_uidvalidity_bump: UIDVALIDITY still $_old"
}

# gen_messages DIR N [TAG [SIZE]]: N distinct messages with CRLF line ends (so exactly
# the bytes Dovecot serves), DIR/TAG-0001.eml ..., Message-ID <TAG-1@elmpark.example.org>
# ...; bodies of 1 to 40 lines, or of about SIZE bytes each when SIZE is given.
gen_messages() {
    mkdir -p "$1"
    python3 - "$1" "$2" "${3:-gen}" "${4:-0}" <<'PY'
import os, sys
d, n, tag, size = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
for i in range(1, n + 1):
    lines = 1 + (i * 7) % 40 if size == 0 else max(1, size // 56)
    body = "".join("Line %05d of message %d: a ladder, a pram, some soup.\r\n" % (j, i)
                   for j in range(lines))
    msg = ("From: Neighbour %d <n%d@elmpark.example.org>\r\n"
           "To: help@elmpark.example.org\r\n"
           "Subject: OFFER: item %s %d\r\n"
           "Date: Tue, 24 Nov 2026 %02d:%02d:00 +0000\r\n"
           "Message-ID: <%s-%d@elmpark.example.org>\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=us-ascii\r\n"
           "\r\n" % (i, i, tag, i, (i // 60) % 24, i % 60, tag, i)) + body
    with open(os.path.join(d, "%s-%04d.eml" % (tag, i)), "wb") as f:
        f.write(msg.encode())
PY
}

# write_imap_config FILE SECURITY PORT [LINE...]: write_config's config reading the
# test server: [fetch] source = imap and an [imap] section (host $IMAP_HOST, default
# 127.0.0.1; the throwaway CA; user group; password in ./imap.password, mode 0600;
# timeout 10), then each LINE ("key = value") added to [imap].
write_imap_config() {
    _wc_f=$1 _wc_sec=$2 _wc_port=$3
    shift 3
    write_config "$_wc_f"
    ini_set "$_wc_f" fetch source imap
    (umask 077 && printf '%s\n' "$IMAP_PASSWORD" >imap.password)
    chmod 600 imap.password
    cat >>"$_wc_f" <<EOF

[imap]
host = ${IMAP_HOST:-127.0.0.1}
port = $_wc_port
security = $_wc_sec
ca_file = ${CA_FILE:-}
user = $IMAP_USER
password_file = $PWD/imap.password
timeout = 10
EOF
    for _wc_l in "$@"; do printf '%s\n' "$_wc_l" >>"$_wc_f"; done
}

# cutproxy_start TARGET_PORT N [OPTION...]: cutproxy.py from 127.0.0.1:PROXY_PORT to
# 127.0.0.1:TARGET_PORT, cutting after N bytes from the server (0: never); OPTIONs as
# cutproxy.py's (--cuts K, --stall, --reset). Sets PROXY_PORT and PROXY_PID.
cutproxy_start() {
    _t=$1 _n=$2
    shift 2
    rm -f proxy.port
    python3 "$SRC/tests/integration/cutproxy.py" "$@" "$_t" "$_n" >proxy.port 2>proxy.log &
    PROXY_PID=$!
    _imap_pids="$_imap_pids $PROXY_PID"
    _k=0
    while [ ! -s proxy.port ] && [ $_k -lt 100 ]; do
        _imap_alive "$PROXY_PID" || break
        sleep 0.05; _k=$((_k + 1))
    done
    PROXY_PORT=$(head -1 proxy.port 2>/dev/null)
    [ -n "$PROXY_PORT" ] || { cat proxy.log >&2; fail "cutproxy did not start"; }
}

cutproxy_stop() {
    [ -n "${PROXY_PID:-}" ] || return 0
    _imap_kill "$PROXY_PID"
    wait "$PROXY_PID" 2>/dev/null
    _imap_forget "$PROXY_PID"
    PROXY_PID=
}

# imap_skip_if_stub: exits 77 while doorstep-fetch answers "source = imap" with "not in
# this version yet" (before the IMAP code lands), so that make check stays green.
imap_skip_if_stub() {
    mkdir -p .stubcheck
    (
        cd .stubcheck || exit 1
        write_imap_config doorstep.ini none "$(free_port)"
        fetch -c doorstep.ini >out 2>err
        grep -q "not in this version yet" err
    ) && { rm -rf .stubcheck; skip "IMAP not implemented yet (doorstep-fetch: source = imap)"; }
    rm -rf .stubcheck
}

# run_fetch CODES ARG...: fetch ARG..., failing unless it exits with one of CODES
# ("0", "69 77"). Its output is in ./out and ./err, and added to ./all.out (which the
# tests search for the password at the end).
run_fetch() {
    _rf_want=$1
    shift
    fetch "$@" >out 2>err
    _rf_got=$?
    { echo "== doorstep-fetch $* (exit $_rf_got)"; cat out err; } >>all.out
    case " $_rf_want " in *" $_rf_got "*) return 0 ;; esac
    cat err >&2
    fail "doorstep-fetch $* exited $_rf_got, expected $(echo "$_rf_want" | sed 's/ / or /g')"
}

# expect_stored_is_server [MAILBOX]: the messages stored (quarantined ones aside) are
# exactly those the server serves in MAILBOX, compared by sha256, each stored once.
expect_stored_is_server() {
    imap_sha256s "${1:-INBOX}" | uniq >server.sha
    sql "SELECT sha256 FROM messages WHERE state != 'quarantined' ORDER BY sha256" >db.sha
    if ! cmp -s server.sha db.sha; then
        echo "server: $(wc -l <server.sha) messages, stored: $(wc -l <db.sha)" >&2
        diff server.sha db.sha | head -5 >&2
        fail "the messages stored are not those of the server's ${1:-INBOX}"
    fi
}

# expect_raw_matches_sha: each stored message's raw bytes have the sha256 of its row.
expect_raw_matches_sha() {
    rm -rf raw && mkdir raw
    sql "SELECT writefile('raw/' || id, raw) FROM messages LEFT JOIN message_raw ON message = id WHERE state != 'quarantined'" \
        >/dev/null
    sql "SELECT sha256 || ' ' || id FROM messages WHERE state != 'quarantined'" | sort >raw.want
    (cd raw && find . -type f -exec sha256sum {} + | sed 's|  \./| |') | sort >raw.got
    cmp -s raw.want raw.got || { diff raw.want raw.got | head -5 >&2; fail "raw != sha256"; }
}

# log_mark: remember where Dovecot's log ends; log_since: the lines logged since.
log_mark() { _log_mark=$(wc -l <"$DOVECOT_LOG"); }
log_since() { tail -n +"$((_log_mark + 1))" "$DOVECOT_LOG"; }

# expect_log PATTERN: Dovecot logged a line matching PATTERN (grep -E) since log_mark;
# waits up to 3 s (its log process writes a moment later).
expect_log() {
    _el=0
    while ! log_since | grep -Eq -- "$1"; do
        _el=$((_el + 1))
        [ $_el -lt 30 ] || { log_since >&2; fail "Dovecot logged no '$1'"; }
        sleep 0.1
    done
}

# expect_no_login: since log_mark, a client came and left without ever sending the
# user name (so without the password): Dovecot logged its disconnection, with no user.
expect_no_login() {
    expect_log 'Disconnected'
    ! log_since | grep -q "user=<$IMAP_USER>" ||
        { log_since >&2; fail "credentials were sent to the server"; }
}

