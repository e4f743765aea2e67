# Every program answers --help and --version, and refuses bad usage with exit 64.
. "$SRC/tests/integration/lib.sh"

for p in doorstep doorstep-fetch doorstep-process doorstep-render; do
    expect_exit 0 "$BIN/$p" --help
    expect_grep "^usage: $p " out
    expect_grep "--config FILE" out
    expect_exit 0 "$BIN/$p" --version
    expect_grep "^$p \(doorstep\) [0-9]+\.[0-9]+\.[0-9]+$" out
    expect_exit 64 "$BIN/$p" --no-such-option
    expect_grep "unknown option --no-such-option" err
    expect_exit 64 "$BIN/$p" -c
    expect_grep "needs a value" err
done
expect_exit 64 "$BIN/doorstep"
expect_grep "no command given" err
expect_exit 64 "$BIN/doorstep" frobnicate
expect_grep 'unknown command "frobnicate"' err
expect_exit 64 "$BIN/doorstep-render" sideways
expect_grep 'unknown output "sideways"' err
expect_exit 64 "$BIN/doorstep" export
expect_exit 64 "$BIN/doorstep" export posts --format xml

# Without -c, $DOORSTEP_CONFIG, else ./doorstep.ini
expect_exit 78 "$BIN/doorstep-process"
expect_grep '\./doorstep.ini: No such file' err
expect_exit 78 env DOORSTEP_CONFIG=elsewhere.ini "$BIN/doorstep-process"
expect_grep 'elsewhere.ini: No such file' err
ok "options and usage errors"

# Every command and sub-command answers --help with its own usage, exit 0
D=$BIN/doorstep
for c in daily "export" "export posts" "export messages" "export triage" rota "rota assign" \
    "rota unassign" "rota list" member "member list" "member approve" "member block" \
    "member export" "member forget" purge status post "post request" "post offer" close \
    init check "post edit" reopen renew triage "triage list" "triage resolve"; do
    # shellcheck disable=SC2086
    expect_exit 0 "$D" $c --help
    expect_grep "^usage: doorstep $c( |$)" out
    expect_grep "^  -c, --config FILE" out
    # -h, and --help before the command, say the same
    # shellcheck disable=SC2086
    expect_exit 0 "$D" -h $c
    expect_grep "^usage: doorstep $c( |$)" out
done
expect_exit 0 "$D" export posts --help
expect_grep "^      --format jsonl\|csv" out
expect_exit 0 "$D" post request --help
expect_grep "^      --needed-by DATE" out
expect_exit 0 "$D" --help
for c in daily export rota member purge status post close init check; do
    expect_grep "^  $c( |$)" out
done
# --help wins over a mistake, and shows the help of the command reached
expect_exit 0 "$D" member bogus --help
expect_grep "^usage: doorstep member " out
expect_exit 0 "$BIN/doorstep-render" --help --colour
ok "--help for every command and sub-command"

# Mistyped commands, sub-commands and options get the nearest suggested
expect_exit 64 "$D" stauts
expect_grep '^doorstep: unknown command "stauts" \(did you mean status\?\)' err
expect_exit 64 "$D" member aprove x@y.org
expect_grep 'unknown command "aprove" \(did you mean approve\?\)' err
expect_exit 64 "$D" export psots
expect_grep 'unknown command "psots" \(did you mean posts\?\)' err
expect_exit 64 "$D" export posts --formt csv
expect_grep 'unknown option --formt \(did you mean --format\?\)' err
expect_exit 64 "$D" status --cofnig x.ini
expect_grep 'unknown option --cofnig \(did you mean --config\?\)' err
expect_exit 64 "$BIN/doorstep-render" --resnd
expect_grep 'unknown option --resnd \(did you mean --resend\?\)' err
expect_exit 64 "$BIN/doorstep-render" digets
expect_grep 'unknown output "digets" \(did you mean digest\?\)' err
expect_exit 64 "$D" export posts --format=xml
expect_grep 'unknown format "xml"; one of jsonl, csv' err
expect_exit 64 "$D" member
expect_grep 'no command given \(one of list, approve, block, export, forget\)' err
expect_exit 64 "$D" status now
expect_grep 'doorstep status: takes no operands' err
expect_exit 64 "$D" member export
expect_grep 'doorstep member export: missing ADDRESS$' err
expect_exit 64 "$D" close R-1 done twice
expect_grep 'unexpected operand "twice"' err
expect_exit 64 "$D" post request --title
expect_grep 'option --title needs a value' err
expect_exit 64 "$D" status --quiet=yes
expect_grep 'option --quiet takes no value' err
ok "did you mean"

# Shared options anywhere: before, between and after the command words
write_config doorstep.ini
mkdir -p Maildir/new Maildir/cur Maildir/tmp
mkdir elsewhere
for args in "-c doorstep.ini status" "status -c doorstep.ini" "status --config=doorstep.ini" \
    "-q status -cdoorstep.ini" "status -v --config doorstep.ini"; do
    # shellcheck disable=SC2086
    expect_exit 0 "$D" $args
    expect_grep '^Elm Park Neighbours \(doorstep.ini\)' out
done
expect_exit 0 "$D" export posts -c doorstep.ini
expect_exit 0 "$D" export -c doorstep.ini --format csv posts
expect_grep '^ref,message_id,kind,' out
expect_exit 0 "$D" --format csv export posts -c doorstep.ini
expect_grep '^ref,message_id,kind,' out
expect_exit 64 "$D" --format csv status -c doorstep.ini
expect_grep 'unknown option --format \(not an option of doorstep status\)' err
expect_exit 0 "$D" member list -c doorstep.ini
expect_exit 0 "$D" rota list --days 2 -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -q -c doorstep.ini
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini -v
expect_exit 0 "$BIN/doorstep-render" digest -c doorstep.ini --check-templates
# a value may start with "-"; "--" ends the options
expect_exit 0 "$D" post request --title "-5 degrees: blankets needed" -c doorstep.ini
expect_grep '^R-0001 request: -5 degrees' out
expect_exit 0 "$D" -c doorstep.ini close -- R-0001 done
expect_grep '^R-0001 closed: done' out
(cd elsewhere && expect_exit 0 "$D" status -c ../doorstep.ini) || exit 1
ok "options anywhere"

# member list takes only known statuses; member export gives ISO 8601 times
expect_exit 64 "$D" member list bogus -c doorstep.ini
expect_grep 'unknown status "bogus"; one of pending, member, coordinator, blocked' err
expect_exit 64 "$D" member list blokced -c doorstep.ini
expect_grep 'unknown status "blokced" \(did you mean blocked\?\)' err
expect_exit 0 "$D" member approve ann@example.org -c doorstep.ini
expect_exit 0 "$D" member list member -c doorstep.ini
expect_grep 'ann@example.org' out
expect_exit 0 "$D" member export ann@example.org -c doorstep.ini
expect_grep '"joined_at": "2026-11-25T08:00:00\+00:00"' out
expect_no_grep '"[a-z_]*_at": [0-9]' out
ok "member list and export"
