# Two `doorstep daily` at once: the second waits up to [database] lock_wait, then
# exits 75 (EX_TEMPFAIL) with a clear line.
. "$SRC/tests/integration/lib.sh"

mkdir -p Maildir/cur
write_config doorstep.ini
sed -i 's/^path = doorstep.db$/path = doorstep.db\nlock_wait = 1/' doorstep.ini
# hold the lock as daily would
python3 - <<'PY' &
import fcntl, time
f = open("doorstep.db.lock", "w")
fcntl.flock(f, fcntl.LOCK_EX)
open("held", "w").close()
time.sleep(5)
PY
holder=$!
i=0; while [ ! -e held ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_exit 75 "$BIN/doorstep" -c doorstep.ini daily
expect_grep "another doorstep daily is running: .*doorstep.db.lock: still locked after 1 s" err
kill $holder 2>/dev/null; wait $holder 2>/dev/null
expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily
ok "lock"
