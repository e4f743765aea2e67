# valgrind memcheck on an end-to-end run of the demo: doorstep-fetch (the bundled demo
# maildir), doorstep-process, doorstep-render all, then `doorstep daily` (its stages
# too), `doorstep status` and `export posts`, each under valgrind; any memory error or
# definite (or indirect) leak fails. Skipped without valgrind, and for the sanitizer
# build (make check-asan), which valgrind cannot run.
. "$SRC/tests/integration/imap.sh" # (for the SMTP part: ca_make, free_port, ini_set)

command -v valgrind >/dev/null 2>&1 || skip "valgrind is not installed (make deps)"
case " ${SAN_FLAGS:-} " in *sanitize*) skip "built with sanitizers (SAN_FLAGS): valgrind cannot run them" ;; esac
if ldd "$BIN/doorstep" 2>/dev/null | grep -q 'lib[atlm]san\|libubsan' ||
    nm "$BIN/doorstep" 2>/dev/null | grep -q '__asan_init\|__ubsan_handle'; then
    skip "$BIN is built with sanitizers (make check-asan): valgrind cannot run them"
fi

# vg NAME PROGRAM ARG...: PROGRAM under memcheck, children too; exit 99 on an error
vg() {
    _n=$1; shift
    valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --trace-children=yes \
        --log-file="vg-$_n.%p.log" "$@" >"$_n.out" 2>"$_n.err"
    _rc=$?
    [ $_rc = 0 ] && ! grep -q . "vg-$_n".*.log || {
        cat "vg-$_n".*.log "$_n.err" >&2
        fail "$_n: exit $_rc under valgrind"
    }
    ok "$_n"
}

cp -r "$SRC/config/demo/Maildir" Maildir
write_config doorstep.ini
vg fetch "$BIN/doorstep-fetch" -c doorstep.ini
vg process "$BIN/doorstep-process" -c doorstep.ini
vg render "$BIN/doorstep-render" -c doorstep.ini all
[ "$(ls output/*.pdf | wc -l)" = 3 ] || fail "the PDFs were not all written"
# the next day: daily runs every stage (fetch finds nothing new; render a new day)
DOORSTEP_NOW=2026-11-26T08:00:00 vg daily "$BIN/doorstep" -c doorstep.ini daily
vg status "$BIN/doorstep" -c doorstep.ini status
vg export-posts "$BIN/doorstep" -c doorstep.ini export posts
[ "$(grep -c . export-posts.out)" -ge 10 ] || fail "export posts: $(cat export-posts.out)"

# the digest by SMTP with STARTTLS and AUTH (aiosmtpd), and to a server that is down
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
    ca_make ca
    port=$(free_port)
    /usr/bin/python3 "$SRC/tests/integration/smtpd.py" --port "$port" --out got \
        --starttls "$CA_DIR/localhost.pem" "$CA_DIR/localhost.key" --auth "group:pw" \
        >smtpd.log 2>&1 &
    _imap_pids="$_imap_pids $!"
    i=0
    until grep -q '^ready' smtpd.log; do
        i=$((i + 1)); [ $i -lt 100 ] || { cat smtpd.log; fail "smtpd did not start"; }
        sleep 0.1
    done
    (umask 077 && echo pw >smtp.pw)
    for kv in "method smtp" "host localhost" "port $port" "security starttls" \
        "ca_file $CA_FILE" "user group" "password_file smtp.pw" "timeout 20"; do
        ini_set doorstep.ini smtp "${kv%% *}" "${kv#* }"
    done
    vg smtp "$BIN/doorstep-render" -c doorstep.ini digest --resend
    [ "$(ls got/*.eml | wc -l)" = 1 ] || fail "the digest did not arrive"
    ini_set doorstep.ini smtp port "$(free_port)"
    valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --log-file=vg-smtp-down.log \
        "$BIN/doorstep-render" -c doorstep.ini digest --resend >smtp-down.out 2>smtp-down.err
    rc=$?
    [ $rc = 75 ] && ! grep -q . vg-smtp-down.log ||
        { cat vg-smtp-down.log smtp-down.err >&2; fail "smtp, server down: exit $rc"; }
    ok "smtp, server down"
else
    echo "note: python3-aiosmtpd is not installed: SMTP not checked"
fi
ok "no memory error, no definite leak"
