#!/bin/sh
# t_report.sh — the report of help given (issue 19): a group run day by day over seven
# weeks (phone-in and mail posts, closings, expiry, replies relayed, rota sign-ups,
# leaflets rendered), then `doorstep report` for several periods compared with a count
# of our own from `doorstep export posts` and the database (report_check.py); CSV and
# text agree with the JSON; bad arguments are usage errors; the report PDF is one A4
# page with the totals in words, bar charts drawn as vectors, and no name, address or
# title of any post.
. "$SRC/tests/integration/lib.sh"
. "$SRC/tests/integration/pdf.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
python3 -c 'import zoneinfo; zoneinfo.ZoneInfo("Europe/London")' 2>/dev/null ||
    skip "python3 has no zoneinfo with Europe/London"

D=$BIN/doorstep
write_config doorstep.ini
mkdir -p Maildir/new Maildir/cur Maildir/tmp
CHECK="python3 $SRC/tests/integration/report_check.py"
export BIN

# --- seven weeks of the group: Monday 5 October to Sunday 22 November 2026 ---
$CHECK gen "$BIN" 2026-10-05 49 7 || fail "the group's weeks"
[ "$(sql "SELECT count(*) FROM posts WHERE status = 'expired'")" -gt 0 ] || fail "nothing expired"
[ "$(sql "SELECT count(*) FROM responses WHERE how = 'relay' AND relayed_at IS NOT NULL")" -gt 0 ] ||
    fail "nothing relayed"
[ "$(sql "SELECT count(DISTINCT day) FROM leaflet_prints")" = 49 ] ||
    fail "leaflets recorded on $(sql "SELECT count(DISTINCT day) FROM leaflet_prints") days"
ok "the group's seven weeks"

# --- the JSON equals the independent count, for months, weeks and odd periods ---
export DOORSTEP_NOW=2026-11-23T09:00:00
for period in 2026-10-01:2026-10-31 2026-11-01:2026-11-30 2026-10-14:2026-11-03 \
    2026-10-05:2026-10-05 2026-11-16:2026-11-22 2026-09-01:2026-09-30; do
    from=${period%:*} to=${period#*:}
    expect_exit 0 "$D" report --from "$from" --to "$to" --format json
    cp out report.json
    $CHECK check "$from" "$to" report.json >check.out || { cat check.out; fail "$period"; }
done
# the default is last month by the group's clock; --month the same
expect_exit 0 "$D" report --format json
cp out default.json
expect_grep '"from": "2026-10-01"' default.json
expect_grep '"to": "2026-10-31"' default.json
expect_grep '"month": "2026-10"' default.json
expect_exit 0 "$D" report --month 2026-10 --format json
cmp -s out default.json || fail "--month 2026-10 differs from the default"
$CHECK check 2026-10-01 2026-10-31 default.json >check.out || { cat check.out; fail "default"; }
# words of days: --from monday is the next Monday (today included), --to defaults to today
expect_exit 0 "$D" report --from "2 Nov" --to 2026-11-08 --format json
expect_grep '"from": "2026-11-02"' out
expect_exit 0 "$D" report --from 2026-11-02 --format json
expect_grep '"to": "2026-11-23"' out
# the numbers are not all zero (a test that cannot fail is a defect)
python3 - default.json <<'PY' || fail "October's figures are empty"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["requests"]["made"] > 5 and r["requests"]["met"] > 0 and r["requests"]["expired"] > 0
assert r["requests"]["withdrawn"] > 0 and r["offers"]["made"] > 0
assert r["responses"]["relayed"] > 0 and r["rota"]["filled"] > 0 and r["leaflets"]["doors"] == 224
assert r["leaflets"]["days"] == 27 and r["leaflets"]["printed"] == 54
assert len(r["by_week"]) == 5 and r["by_week"][0] == {**r["by_week"][0], "from": "2026-10-01", "to": "2026-10-04"}
assert "" in r["by_area"] and r["by_area"][""]["requests"]["made"] > 0
PY
expect_exit 0 "$D" report --month 2026-09 --format json
python3 - out <<'PY' || fail "September, before the group began, is not empty"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["rota"] == {"needed": 0, "filled": 0} and r["requests"]["made"] == 0, r["rota"]
PY
ok "JSON equals the independent count for six periods"

# --- CSV and text say the same ---
expect_exit 0 "$D" report --month 2026-10 --format csv
cp out report.csv
python3 - report.csv default.json <<'PY' || fail "CSV and JSON differ"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
r = json.load(open(sys.argv[2]))
def same(row, o):
    for g in ("requests", "offers", "responses", "leaflets", "rota"):
        for k, v in o.get(g, {}).items():
            assert row["%s_%s" % (g, k)] == str(v), (row["section"], row["name"], g, k)
tot = [x for x in rows if x["section"] == "total"]
assert len(tot) == 1 and tot[0]["from"] == "2026-10-01" and tot[0]["to"] == "2026-10-31"
same(tot[0], r)
for sec, by in (("category", "by_category"), ("area", "by_area")):
    got = {x["name"]: x for x in rows if x["section"] == sec}
    assert sorted(got) == sorted(r[by]), (sec, sorted(got))
    for k, v in r[by].items():
        same(got[k], v)
tasks = {x["name"]: x for x in rows if x["section"] == "task"}
for k, v in r["by_task"].items():
    assert tasks[k]["rota_needed"] == str(v["needed"]) and tasks[k]["rota_filled"] == str(v["filled"])
assert len([x for x in rows if x["section"] == "week"]) == len(r["by_week"])
PY
expect_exit 0 "$D" report --month 2026-10
cp out report.txt
made=$(sed -n 's/.*"made": \([0-9]*\).*/\1/p' default.json | head -1)
expect_grep "^Help given by Elm Park Neighbours$" report.txt
expect_grep "^October 2026$" report.txt
expect_grep "^$made requests for help were made\.$" report.txt
expect_grep "^By category:" report.txt
expect_grep "^By area:" report.txt
ok "CSV and text"

# --- counts only: no name, address, phone or title anywhere ---
for f in report.json report.csv report.txt; do
    while IFS= read -r secret; do
        [ -n "$secret" ] || continue
        ! grep -qF -- "$secret" "$f" || fail "$f names \"$secret\""
    done <secrets.txt
done
[ "$(wc -l <secrets.txt)" -gt 40 ] || fail "few secrets to look for"
ok "no name, address or title in the report"

# --- bad arguments: usage errors (64) saying what is wrong ---
expect_exit 64 "$D" report --format jsn
expect_grep 'did you mean json' err
expect_exit 64 "$D" report --month 2026-13
expect_grep '"2026-13" is not a month' err
expect_exit 64 "$D" report --month 2026-10 --from 2026-10-01
expect_exit 64 "$D" report --from 2026-11-10 --to 2026-11-01
expect_grep 'comes before' err
expect_exit 64 "$D" report --from someday
expect_grep '"someday" is not a day' err
expect_exit 64 "$D" report --to 2026-11-01
expect_exit 64 "$BIN/doorstep-render" report --month 11/2026
expect_exit 64 "$BIN/doorstep-render" rota --month 2026-11
ok "usage errors"

# --- the PDF: one A4 page, words, charts as vectors, nothing private ---
expect_exit 0 "$BIN/doorstep-render" report
[ -s output/report-2026-10.pdf ] || fail "no output/report-2026-10.pdf"
expect_pages output/report-2026-10.pdf 1
expect_size output/report-2026-10.pdf "595.28 x 841.89"
within_margins output/report-2026-10.pdf 39
text output/report-2026-10.pdf pdf.txt
expect_grep "Help given by Elm Park Neighbours" pdf.txt
expect_grep "October 2026" pdf.txt
expect_grep "$made requests for help were made\." pdf.txt
expect_grep "Requests by kind of help" pdf.txt
expect_grep "Requests by area" pdf.txt
expect_grep "Requests by week" pdf.txt
expect_grep "North" pdf.txt
expect_grep "Medicine" pdf.txt
expect_grep "5 Oct" pdf.txt
while IFS= read -r secret; do
    [ -n "$secret" ] || continue
    ! grep -qF -- "$secret" pdf.txt || fail "the PDF names \"$secret\""
done <secrets.txt
# the charts are vector drawing: filled rectangles in the bars' colours, no image
[ -z "$(pdfimages -list output/report-2026-10.pdf | sed 1,2d)" ] || fail "the report holds images"
python3 - output/report-2026-10.pdf <<'PY' >bars.out || fail "no bars drawn"
import re, sys, zlib
pdf = open(sys.argv[1], "rb").read()
ops = b""
for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
    try:
        ops += zlib.decompress(m.group(1))
    except zlib.error:
        ops += m.group(1)
blue = len(re.findall(rb"0\.16\d* 0\.32\d* 0\.58\d* rg\s+[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ re\s+f", ops))
green = len(re.findall(rb"0\.42\d* 0\.74\d* 0\.45\d* rg\s+[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ re\s+f", ops))
print(blue, green)
sys.exit(0 if blue >= 12 and green >= 8 else 1)
PY
# --month names the file; a second render replaces it whole
expect_exit 0 "$BIN/doorstep-render" report --month 2026-11
[ -s output/report-2026-11.pdf ] || fail "no output/report-2026-11.pdf"
expect_exit 0 "$BIN/doorstep-render" report --month 2026-11
[ -z "$(ls output | grep -v '^report-2026-1[01]\.pdf$' | grep report)" ] || fail "stray files: $(ls output)"
# "all" never makes it
rm output/report-2026-11.pdf
expect_exit 0 "$BIN/doorstep-render"
[ ! -e output/report-2026-11.pdf ] || fail "render all made the report"
ok "the report PDF ($(cat bars.out) bars)"
