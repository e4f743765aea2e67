# Disk full: the database and the output folder on a small tmpfs (in a mount
# namespace of its own) that is filled up: fetch, process and render each say so
# clearly and exit non-zero; once there is space again, doorstep daily completes and
# the result equals that of a run that never lacked space. Needs root (or a user
# namespace) for unshare -m and mount; otherwise skipped.
. "$SRC/tests/integration/lib.sh"

if [ -z "${DISKFULL_INNER:-}" ]; then
    command -v unshare >/dev/null 2>&1 || skip "unshare (util-linux) is not installed"
    [ "$(id -u)" = 0 ] || skip "not root: cannot mount a tmpfs"
    unshare -m sh -c 'mkdir -p probe && mount -t tmpfs -o size=64k tmpfs probe' >/dev/null 2>&1 ||
        skip "unshare -m or mount -t tmpfs is not permitted here"
    rmdir probe 2>/dev/null
    exec unshare -m env DISKFULL_INNER=1 sh "$0"
fi

mkdir -p disk mail/cur
mount -t tmpfs -o size=2560k tmpfs disk || fail "mount tmpfs"
ls "$SRC/config/demo/Maildir/cur" | sort >all
head -16 all >first

setup() { # DIR: a config with its database and output folder in DIR
    write_config "$1.ini"
    sed -i "s|^path = doorstep.db\$|path = $1/doorstep.db|; s|^dir = output\$|dir = $1/output|;
            s|^source = maildir:Maildir\$|source = maildir:mail|" "$1.ini"
}
state() { # DIR: what must not depend on the disk having been full
    sqlite3 -batch "$1/doorstep.db" 'PRAGMA integrity_check'
    sqlite3 -batch "$1/doorstep.db" "SELECT sha256, state, coalesce(reason, '') FROM messages ORDER BY sha256"
    sqlite3 -batch "$1/doorstep.db" "SELECT p.ref, p.kind, p.status, m.sha256 FROM posts p
        LEFT JOIN messages m ON m.id = p.message ORDER BY p.ref"
    sqlite3 -batch "$1/doorstep.db" "SELECT key, state FROM outbox ORDER BY key"
    (cd "$1/output" && ls)
}
run() { # CONFIG STAGE [ARGS]
    c=$1; p=$2; shift 2
    expect_exit 0 timeout 120 "$BIN/$p" -c "$c" "$@"
}
fill() { # fills the tmpfs to the last block
    dd if=/dev/zero of=disk/filler bs=4k >/dev/null 2>&1
    dd if=/dev/zero of=disk/filler2 bs=512 >/dev/null 2>&1
    [ "$(df -P disk | awk 'NR == 2 { print $4 }')" = 0 ] || fail "the tmpfs is not full: $(df -P disk)"
}
# say STAGE: it failed (not 0, not a crash) and said why in plain words
say() {
    rc=$(cat rc)
    [ "$rc" != 0 ] || fail "$1 succeeded on a full disk"
    [ "$rc" -lt 128 ] || fail "$1 crashed (exit $rc)"
    grep -Eiq 'disk is full|no space left|full' err || { cat err >&2; fail "$1 did not say the disk is full"; }
    echo "$1 on a full disk: exit $rc: $(grep -Ei 'full|space' err | head -1)"
}
stage() { # CONFIG STAGE [ARGS]: runs a stage expected to fail, records rc
    c=$1; p=$2; shift 2
    timeout 120 "$BIN/$p" -c "$c" "$@" >out 2>err; echo $? >rc
}

# the reference, with space: half the mail, then the rest
mkdir -p ref
setup ref
for f in $(cat first); do cp "$SRC/config/demo/Maildir/cur/$f" mail/cur/; done
run ref.ini doorstep-fetch
for f in $(cat all); do cp "$SRC/config/demo/Maildir/cur/$f" mail/cur/; done
run ref.ini doorstep daily
state ref >ref.state
rm -rf mail/cur/*

# the same on the tmpfs, full at every stage
setup disk
for f in $(cat first); do cp "$SRC/config/demo/Maildir/cur/$f" mail/cur/; done
run disk.ini doorstep-fetch
# an empty write-ahead log, so that the next write needs new blocks
sqlite3 disk/doorstep.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
for f in $(cat all); do cp "$SRC/config/demo/Maildir/cur/$f" mail/cur/; done
all_stages() {
    stage disk.ini doorstep-fetch
    say doorstep-fetch
    stage disk.ini doorstep-process
    say doorstep-process
    stage disk.ini doorstep-render all
    say doorstep-render
    stage disk.ini doorstep daily
    say "doorstep daily"
}
# A: full before anything is open (SQLite cannot even size its shared-memory file)
fill
all_stages
rm -f disk/filler disk/filler2
[ "$(sqlite3 disk/doorstep.db 'PRAGMA integrity_check' 2>&1)" = ok ] || fail "integrity after A"
ok "A: on a disk already full, every stage says so and exits non-zero"

# B: full while the database is open elsewhere (its shared memory sized), so that
# the stages fail on their writes: inserts, commits, output files
python3 - disk/doorstep.db <<'PY' &
import sqlite3, sys, time, os
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.execute("SELECT count(*) FROM messages").fetchall()
open("holding", "w").close()
while os.path.exists("holding"):
    time.sleep(0.1)
PY
holder=$!
i=0; while [ ! -e holding ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
fill
all_stages
rm -f holding; wait $holder
rm -f disk/filler disk/filler2
[ "$(sqlite3 disk/doorstep.db 'PRAGMA integrity_check' 2>&1)" = ok ] || fail "integrity after B"
ok "B: when the disk fills with the database open, every stage says so and exits non-zero"

# space again: the day completes, with nothing lost
run disk.ini doorstep daily
state disk >disk.state
if ! diff ref.state disk.state >state.diff; then
    cat state.diff >&2
    fail "after the disk was full, the state differs from the reference (above)"
fi
for f in disk/output/*.pdf; do
    pdfinfo "$f" >/dev/null 2>&1 || fail "$f is not a whole PDF"
done
ok "with space again, daily completes with nothing lost"
