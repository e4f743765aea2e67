#!/bin/sh
# t_rota_cmd.sh — `doorstep rota assign|unassign|list`: tasks matched loosely, dates
# read in the group's time zone, members made for unknown addresses, errors with
# sysexits codes, and the result on the printed rota.
. "$SRC/tests/integration/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip "sqlite3 is not installed"

D=$BIN/doorstep
write_config doorstep.ini
sed -i 's/^check-in calls = .*/&\nchecking stock = mon 09:00-10:00/' doorstep.ini
# today is Wednesday 25 November 2026 (lib.sh sets DOORSTEP_NOW)

# slots DAY: "task|email" of DAY's sign-ups, in order
slots() {
    sql "SELECT r.task || '|' || m.email FROM rota_slots r JOIN members m ON m.id = r.member_id
         WHERE r.day = '$1' ORDER BY r.id"
}

# --- assign: a new address becomes a member; weekday names mean the next such day ---
expect_exit 0 "$D" -c doorstep.ini rota assign "food bank" thursday maria@example.org
expect_grep '^maria@example\.org assigned to food bank on Thursday 26 November 2026 \(1 of 2\)$' out
[ "$(slots 2026-11-26)" = "food bank|maria@example.org" ] || fail "slot: $(slots 2026-11-26)"
[ "$(sql "SELECT status FROM members WHERE email = 'maria@example.org'")" = member ] ||
    fail "the new volunteer is not a member"
# loosely: case, hyphens, a unique start; words of the task need no quotes
expect_exit 0 "$D" -c doorstep.ini rota assign Food-Bank 2026-11-26 MARIA@example.org
expect_grep 'already on food bank on Thursday 26 November 2026 \(1 of 2\)' out
expect_exit 0 "$D" -c doorstep.ini rota assign food bank thu tom@example.net
expect_grep 'tom@example\.net assigned to food bank on Thursday 26 November 2026 \(2 of 2\)' out
expect_exit 0 "$D" -c doorstep.ini rota assign "Check In Calls" today sam@example.net
expect_exit 0 "$D" -c doorstep.ini rota assign checkin calls tomorrow sam@example.net
expect_exit 0 "$D" -c doorstep.ini rota assign check-in calls "Mon 30 Nov" sam@example.net
expect_exit 0 "$D" -c doorstep.ini rota assign "check in calls" "1 December" eleni@example.net
[ "$(slots 2026-11-25)" = "check-in calls|sam@example.net" ] || fail "today: $(slots 2026-11-25)"
[ "$(slots 2026-11-30)" = "check-in calls|sam@example.net" ] || fail "Mon: $(slots 2026-11-30)"
[ "$(slots 2026-12-01)" = "check-in calls|eleni@example.net" ] || fail "1 Dec: $(slots 2026-12-01)"
[ "$(sql "SELECT count(*) FROM members")" = 4 ] || fail "members: $(sql "SELECT email FROM members")"
# a third volunteer for two places is taken, with a warning
expect_exit 0 "$D" -c doorstep.ini rota assign food thu extra@example.net
expect_grep '\(3 of 2\)' out
expect_grep 'warning: food bank on Thursday 26 November 2026 now has 3 volunteers for 2 places' err
ok "assign"

# --- errors name what is wrong; 65 for a bad task, date or address, 64 for usage ---
expect_exit 65 "$D" -c doorstep.ini rota assign cooking thu a@example.net
expect_grep '"cooking" is not a task of \[rota\] in doorstep\.ini \(tasks: .*food bank.*check-in calls' err
expect_exit 65 "$D" -c doorstep.ini rota assign check thu a@example.net
expect_grep '"check" matches more than one task' err
expect_exit 65 "$D" -c doorstep.ini rota assign "food bank" wednesday a@example.net
expect_grep 'food bank does not run on Wednesday 25 November 2026 \(it runs on Thursday\)' err
expect_exit 65 "$D" -c doorstep.ini rota assign "food bank" someday a@example.net
expect_grep '"someday" is not a date' err
expect_exit 65 "$D" -c doorstep.ini rota assign "food bank" 2026-11-31 a@example.net
expect_grep '"2026-11-31" is not a date' err
expect_exit 65 "$D" -c doorstep.ini rota assign "food bank" "Fri 26 Nov" a@example.net
expect_grep '"Fri 26 Nov": the weekday does not match the date' err
expect_exit 65 "$D" -c doorstep.ini rota assign "food bank" 2026-11-19 a@example.net
expect_grep 'Thursday 19 November 2026 is in the past' err
expect_exit 65 "$D" -c doorstep.ini rota assign "food bank" thu not-an-address
expect_grep '"not-an-address" is not an email address' err
expect_exit 64 "$D" -c doorstep.ini rota assign "food bank" thu
expect_grep 'usage: doorstep' err
expect_exit 64 "$D" -c doorstep.ini rota swap a b c
expect_exit 64 "$D" -c doorstep.ini rota
expect_exit 64 "$D" -c doorstep.ini rota list --days 0
sql "INSERT INTO members (email, name, status, joined_at) VALUES ('barred@example.net', 'B', 'blocked', 0)"
expect_exit 65 "$D" -c doorstep.ini rota assign "food bank" thu barred@example.net
expect_grep 'barred@example\.net is blocked' err
[ "$(sql "SELECT count(*) FROM rota_slots")" = 7 ] || fail "an error changed the rota"
ok "errors"

# --- unassign ---
expect_exit 0 "$D" -c doorstep.ini rota unassign FOOD-BANK thu extra@example.net
expect_grep 'extra@example\.net taken off food bank on Thursday 26 November 2026 \(2 of 2\)' out
expect_exit 65 "$D" -c doorstep.ini rota unassign "food bank" thu extra@example.net
expect_grep 'extra@example\.net is not on food bank on Thursday 26 November 2026' err
expect_exit 65 "$D" -c doorstep.ini rota unassign "food bank" thu nobody@example.net
expect_grep 'nobody@example\.net is not a member' err
expect_exit 0 "$D" -c doorstep.ini rota unassign check-in calls 2026-11-26 sam@example.net
[ -z "$(slots 2026-11-26 | grep check-in)" ] || fail "unassign left $(slots 2026-11-26)"
ok "unassign"

# --- list: the coming days, a line per place, filled or needed ---
sql "UPDATE members SET name = 'Maria Lopez' WHERE email = 'maria@example.org'"
expect_exit 0 "$D" -c doorstep.ini rota list
expect_grep '^Wed 2026-11-25  check-in calls  18:00-19:00  sam@example\.net$' out
expect_grep '^Thu 2026-11-26  food bank       10:00-12:00  Maria Lopez <maria@example\.org>$' out
expect_grep '^Thu 2026-11-26  food bank       10:00-12:00  tom@example\.net$' out
expect_grep '^Thu 2026-11-26  check-in calls  18:00-19:00  -- needed --$' out
expect_grep '^Mon 2026-11-30  checking stock  09:00-10:00  -- needed --$' out
expect_grep '^Tue 2026-12-01  check-in calls  18:00-19:00  eleni@example\.net$' out
expect_grep '^2026-11-25 to 2026-12-01: 5 places filled, 5 still needed$' out
[ "$(grep -c . out)" = 11 ] || { cat out >&2; fail "rota list printed $(grep -c . out) lines"; }
expect_exit 0 "$D" -c doorstep.ini rota list --days 2
expect_grep '^2026-11-25 to 2026-11-26: 3 places filled, 1 still needed$' out
expect_no_grep '2026-11-27' out
ok "list"

# --- end to end: the rota PDF shows who was assigned ---
if command -v pdftotext >/dev/null 2>&1; then
    expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini rota
    pdftotext -layout output/rota-2026-11-25.pdf rota.txt 2>/dev/null || fail "pdftotext"
    expect_grep 'Maria L\.' rota.txt
    expect_grep 'a volunteer' rota.txt # assigned by address, no name: never the address
    expect_no_grep 'tom' rota.txt
    expect_no_grep 'extra' rota.txt
    ok "the rota PDF shows the volunteers assigned"
fi
