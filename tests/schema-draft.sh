#!/bin/sh
# tests/schema-draft.sh BIN/doorstep — prints the schema of a database made by the
# migrations of lib/db.c (as `doorstep` makes one), one CREATE statement per table or
# index, indented: a draft for lib/schema.sql after a new migration (`make
# schema-draft` writes it to build/schema-draft.sql). The draft has no comments and
# keeps SQLite's order; carry what changed into lib/schema.sql by hand, with
# comments, then run build/tests/test_schema. Needs the sqlite3 program.
set -eu
doorstep=${1:?usage: tests/schema-draft.sh BIN/doorstep}
command -v sqlite3 >/dev/null || { echo "schema-draft: needs the sqlite3 program" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/doorstep-schema.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
cat >"$dir/draft.ini" <<INI
[group]
name = Schema draft
address = group@example.org
[database]
path = draft.db
[fetch]
source = mbox:/dev/null
INI
# any command that opens the database migrates it; status only reads
"$doorstep" -c "$dir/draft.ini" status >/dev/null
printf -- '-- lib/schema.sql draft (schema version %s), from the migrations of lib/db.c\n' \
    "$(sqlite3 "$dir/draft.db" 'PRAGMA user_version')"
sqlite3 "$dir/draft.db" '.schema --indent' | sed 's/^CREATE/\nCREATE/'
