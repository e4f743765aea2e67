# tests/integration/lib.sh — helpers for the integration scripts (sourced).
# Each script runs in its own empty folder (the cwd, also $TMPDIR) with $BIN (the
# programs) and $SRC (the repository) set; it exits 0 on success, 77 to skip (saying
# why), anything else on failure.
set -u

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
ok() { echo "ok: $*"; }

# expect_exit CODE CMD...: runs CMD, fails unless it exits with CODE. Its output is in
# ./out and ./err afterwards.
expect_exit() {
    want=$1; shift
    "$@" >out 2>err
    got=$?
    [ "$got" = "$want" ] || { cat err >&2; fail "$* exited $got, expected $want"; }
}

# expect_grep PATTERN FILE: fails unless FILE has a line matching PATTERN (grep -E).
expect_grep() { grep -Eq -- "$1" "$2" || { cat "$2" >&2; fail "no '$1' in $2"; }; }
expect_no_grep() { ! grep -Eq -- "$1" "$2" || { grep -E -- "$1" "$2" >&2; fail "'$1' found in $2"; }; }

# write_config FILE: a minimal valid config (append more with cat >>FILE) for the
# demo group reading the maildir ./Maildir, database ./doorstep.db, output ./output
# (./out and ./err hold the output of the last expect_exit).
write_config() {
    cat >"$1" <<INI
[group]
name = Elm Park Neighbours
address = help@elmpark.example.org
phone = 0161 496 0000
timezone = Europe/London
moderation = none
coordinators = maria.lopez@elmpark.example.org

[database]
path = doorstep.db

[fetch]
source = maildir:Maildir

[smtp]
method = file

[output]
dir = output
templates = $SRC/templates

[areas]
north = Elm Street:48, Oak Road:36, Birch Close:12
south = Ash Grove:40, Willow Lane:28, Station Road:60

[rota]
days = 7
food bank = thu 10:00-12:00 x2
check-in calls = daily 18:00-19:00
INI
}

# sql QUERY: runs QUERY on ./doorstep.db with the sqlite3 shell.
sql() { sqlite3 -batch -noheader doorstep.db "$1"; }

export DOORSTEP_NOW=${DOORSTEP_NOW:-2026-11-25T08:00:00}
unset DOORSTEP_CONFIG DOORSTEP_IMAP_PASSWORD DOORSTEP_SMTP_PASSWORD
