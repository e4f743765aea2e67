# Every message of the shared MIME corpus (../shared/corpus/mime: third-party test mail,
# much of it broken on purpose) goes through fetch (as a maildir) and process without a
# crash or a hang, and ends processed, ignored or quarantined, with a reason unless it
# made a post. Prints how many ended where.
. "$SRC/tests/integration/lib.sh"

corpus=$SRC/../shared/corpus/mime
[ -d "$corpus" ] || skip "no MIME corpus at $corpus"
command -v timeout >/dev/null || skip "timeout(1) is missing"

mkdir -p Maildir/cur Maildir/new Maildir/tmp
n=0
for f in "$corpus"/*.eml; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "Maildir/cur/$(printf '%05d' $n).corpus:2,S"
done
[ $n -gt 0 ] || skip "the corpus folder holds no .eml files"
# identical files are one message: that is deduplication, not loss
distinct=$(for f in "$corpus"/*.eml; do sha256sum <"$f"; done |
    sort -u | wc -l)

write_config doorstep.ini
sed -i 's/^moderation = none/moderation = unknown/' doorstep.ini

timeout 120 "$BIN/doorstep-fetch" -c doorstep.ini >fetch.out 2>fetch.err
rc=$?
[ $rc = 0 ] || { cat fetch.err; fail "doorstep-fetch exited $rc on the corpus"; }
timeout 300 "$BIN/doorstep-process" -c doorstep.ini >process.out 2>process.err
rc=$?
[ $rc = 124 ] && fail "doorstep-process hung on the corpus"
[ $rc -ge 128 ] && { tail process.err; fail "doorstep-process crashed (exit $rc)"; }
[ $rc = 0 ] || { tail process.err; fail "doorstep-process exited $rc"; }

stored=$(sql "SELECT count(*) FROM messages")
[ "$stored" = "$distinct" ] || fail "$n files ($distinct distinct), $stored stored"
[ "$(sql "SELECT count(*) FROM messages WHERE state = 'new'")" = 0 ] ||
    fail "messages left unprocessed: $(sql "SELECT id FROM messages WHERE state = 'new'")"
[ "$(sql "SELECT count(*) FROM messages WHERE state <> 'processed' AND (reason IS NULL OR reason = '')")" = 0 ] ||
    fail "a message ended without a reason"
echo "corpus: $n files, $distinct distinct messages"
sql "SELECT state, count(*) FROM messages GROUP BY state ORDER BY state" | sed 's/|/: /; s/^/  /'
echo "reasons:"
sql "SELECT count(*), CASE WHEN state = 'processed' THEN substr(reason, 1, instr(reason || ' ', ' ') - 1)
     ELSE reason END AS r FROM messages GROUP BY state, r ORDER BY 1 DESC" | sed 's/|/  /; s/^/  /'
echo "attachments noted: $(sql "SELECT count(*) FROM attachments")"

# a rerun finds nothing to do and does not crash either
timeout 60 "$BIN/doorstep-process" -c doorstep.ini || fail "second run"
ok "MIME corpus"
