# Private files are private: whatever holds more than the public outputs (the
# coordinators' mail, members' own digests, every sent copy) is written 0600 in a
# folder doorstep makes 0700, whatever the umask; the public outputs (the digest,
# leaflets, rota and rounds PDFs) stay 0644; doorstep check warns about a group
# folder or database that others can read, and names the chmod to run.
. "$SRC/tests/integration/lib.sh"

mode() { stat -c %a "$1"; }

for mask in 022 000 077; do
    mkdir "g$mask" && cd "g$mask" || fail "cd"
    write_config doorstep.ini
    sed -i 's/^\[smtp\]/[digest]\nto = members\n\n[smtp]/' doorstep.ini
    mkdir -p Maildir/cur Maildir/new Maildir/tmp
    printf 'From: Ann Lee <ann@example.com>\nSubject: REQUEST: lift to the GP Friday (Oak Road)\nDate: Tue, 24 Nov 2026 07:00:00 +0000\nMessage-ID: <m1@example.org>\n\nCould anyone give me a lift? Ring 07700 900123.\n' \
        >Maildir/new/1795000001.test
    printf 'From: Ann Lee <ann@example.com>\nSubject: help with it\nDate: Tue, 24 Nov 2026 07:10:00 +0000\nMessage-ID: <m2@example.org>\n\nNot sure what to ask.\n' \
        >Maildir/new/1795000002.test
    (umask $mask && DOORSTEP_NOW=2026-11-24T08:00:00 "$BIN/doorstep" -c doorstep.ini daily) >out 2>err ||
        fail "umask $mask: daily: $(cat err)"
    [ "$(mode output/sent)" = 700 ] || fail "umask $mask: output/sent is $(mode output/sent)"
    n=0
    for f in output/sent/*.eml output/coordinators-*.eml; do
        [ -f "$f" ] || fail "umask $mask: no $f: $(ls -R output)"
        [ "$(mode "$f")" = 600 ] || fail "umask $mask: $f is $(mode "$f")"
        n=$((n + 1))
    done
    [ $n -ge 3 ] || fail "umask $mask: too few private files to prove anything: $(ls -R output)"
    ls output/sent | grep -q 'ann@example.com' || fail "umask $mask: no personal digest: $(ls output/sent)"
    n=0
    for f in output/digest-*.eml output/*.pdf; do
        [ -f "$f" ] || fail "umask $mask: no $f: $(ls output)"
        [ "$(mode "$f")" = 644 ] || fail "umask $mask: public $f is $(mode "$f")"
        n=$((n + 1))
    done
    [ $n -ge 2 ] || fail "umask $mask: too few public files: $(ls output)"
    ! ls -a output output/sent | grep -q '\.tmp\.' || fail "umask $mask: temporary files left"
    [ "$(mode doorstep.db)" = 600 ] || fail "umask $mask: the database is $(mode doorstep.db)"
    cd .. || fail "cd .."
done
ok "private outputs 0600 in a 0700 folder, public ones 0644, under umask 022, 000 and 077"

# doorstep init makes a private config; check warns about what others can read
(umask 000 && "$BIN/doorstep" init g-init --name "Elm Park" --address help@elmpark.example.org \
    --imap-host 127.0.0.1 </dev/null) >out 2>err || fail "init: $(cat err)"
[ "$(mode g-init)" = 700 ] || fail "init made a $(mode g-init) folder"
[ "$(mode g-init/doorstep.ini)" = 600 ] || fail "init made a $(mode g-init/doorstep.ini) config"
cd g022 || fail cd
chmod 700 .
expect_exit 0 "$BIN/doorstep" -c doorstep.ini check
expect_no_grep '^warning' out
expect_grep '^ok +privacy: delete_from_mailbox = no' out
chmod 644 doorstep.db
chmod 755 . output/sent
printf '\n[privacy]\ndelete_from_mailbox = yes\n' >>doorstep.ini
expect_exit 0 "$BIN/doorstep" -c doorstep.ini check
expect_grep "^warning +database file: (\./)?doorstep\.db is mode 644: others can read it; run: chmod 600 (\./)?doorstep\.db" out
expect_grep "^warning +group folder: \. is mode 755: others can read it; run: chmod 700 \." out
expect_grep "^warning +sent mail folder: (\./)?output/sent is mode 755: .*chmod 700 (\./)?output/sent" out
expect_grep '^ok +privacy: delete_from_mailbox = yes' out
ok "doorstep check warns about files others can read"
