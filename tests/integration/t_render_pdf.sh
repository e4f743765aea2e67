#!/bin/sh
# t_render_pdf.sh — the rota and leaflets PDFs from a real database, read back with
# poppler: pages, paper, fonts, text, legible sizes, and no member's private details.
. "$SRC/tests/integration/lib.sh"

for tool in sqlite3 pdfinfo pdffonts pdftotext; do
    command -v $tool >/dev/null 2>&1 || skip "$tool is not installed (sqlite3, poppler-utils)"
done

R=$BIN/doorstep-render
ROTA=output/rota-2026-11-25.pdf
LEAF=output/leaflets-2026-11-25.pdf

# pages FILE: the page count; size FILE: "W x H" in points as pdfinfo prints it.
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
size() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]* x [0-9.]*\).*/\1/p'; }
expect_pages() { [ "$(pages "$1")" = "$2" ] || fail "$1 has $(pages "$1") pages, expected $2"; }
expect_size() { [ "$(size "$1")" = "$2" ] || fail "$1 is $(size "$1") pts, expected $2"; }
# text FILE OUT [FIRST LAST]: the text of FILE (or of pages FIRST..LAST) into OUT.
text() { pdftotext -layout ${3:+-f $3 -l $4} "$1" "$2" 2>/dev/null || fail "pdftotext $1"; }
# smallest FILE: the height of the smallest word (DejaVu: about 1.16 x the font size).
smallest() {
    pdftotext -bbox "$1" - 2>/dev/null |
        awk -F'"' '/<word/ { h = $8 - $4; if (min == "" || h < min) min = h } END { print min }'
}
# height FILE WORD: the height of the first WORD.
height() {
    pdftotext -bbox "$1" - 2>/dev/null |
        awk -F'"' -v w="$2" '/<word/ && index($0, ">" w "<") { print $8 - $4; exit }'
}
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }' || fail "$3: $1 < $2"; }

write_config doorstep.ini
cp doorstep.ini base.ini

# Any run creates and migrates the database; with nothing in it the rota still prints.
expect_exit 0 "$R" -c doorstep.ini rota
[ -s $ROTA ] || fail "no $ROTA"

sql "INSERT INTO members (id, email, name, status, joined_at) VALUES
  (1, 'maria.lopez@elmpark.example.org', 'Maria Lopez', 'coordinator', 0),
  (2, 'tom.baker@example.net', 'Tom Baker', 'member', 0),
  (3, 'sam.okafor@example.net', NULL, 'member', 0),
  (4, 'blocked.person@example.net', 'Barred Person', 'blocked', 0);
INSERT INTO posts (ref, kind, category, area, street, title, body, member_id, created_at, status)
VALUES
  ('O-0001', 'offer', 'shopping', 'north', 'Elm Street', 'Tuesday shopping runs to Aldi',
   'I live at 14 Elm Street, ring 07700 900456', 1, 100, 'open'),
  ('O-0002', 'offer', 'pets', 'north', 'Oak Road', 'Dog walks on weekday mornings',
   NULL, 2, 200, 'open'),
  ('O-0003', 'offer', 'transport', 'south', 'Ash Grove', 'Lifts to the hospital on Fridays',
   NULL, 2, 300, 'open'),
  ('O-0004', 'offer', 'food', NULL, NULL, 'Spare soup most Sundays', NULL, 3, 400, 'open'),
  ('O-0005', 'offer', 'shopping', 'north', 'Elm Street', 'Old sofa collection', NULL, 1, 50,
   'done'),
  ('O-0006', 'offer', 'other', 'south', 'Willow Lane',
   'Ironing help, write to tom.baker@example.net or 07700 900789', NULL, 2, 500, 'open'),
  ('R-0001', 'request', 'health', 'north', 'Elm Street', 'Prescription pick-up Thursday',
   'Please ring me on 07700 900123, I am at 12 Elm Street M1 1AA', 3, 600, 'open');
INSERT INTO rota_slots (task, day, member_id, created_at) VALUES
  ('food bank', '2026-11-26', 1, 0),
  ('food bank', '2026-11-26', 4, 0),
  ('check-in calls', '2026-11-25', 2, 0),
  ('check-in calls', '2026-11-27', 3, 0),
  ('check-in calls', '2026-12-24', 1, 0);" || fail "cannot fill the database"

# --- the rota: A4 landscape, one page for 7 days ---
expect_exit 0 "$R" -c doorstep.ini rota
expect_pages $ROTA 1
expect_size $ROTA "841.89 x 595.28"
pdffonts $ROTA >fonts 2>/dev/null || fail "pdffonts $ROTA"
expect_grep 'DejaVuSans(,Book)? .* yes +yes' fonts
expect_grep 'DejaVuSans-Bold.* yes +yes' fonts
text $ROTA rota.txt
expect_grep 'Volunteer rota — Elm Park Neighbours' rota.txt
expect_grep 'Wednesday 25 November 2026 – Tuesday 1 December 2026' rota.txt
expect_grep 'Thursday' rota.txt
expect_grep '1 December' rota.txt
expect_grep 'Food bank' rota.txt
expect_grep 'Check-in calls' rota.txt
expect_grep '10:00–12:00' rota.txt
expect_grep 'needs 2' rota.txt
expect_grep 'Maria L\.' rota.txt
expect_grep 'Tom B\.' rota.txt
expect_grep 'sam\.okafor' rota.txt             # no name: the address before the @
expect_grep '1 more needed' rota.txt           # food bank: one of two places taken
expect_grep '  needed' rota.txt                # check-in calls on the empty days
expect_grep 'Printed 25 November 2026' rota.txt
expect_grep '0161 496 0000' rota.txt
expect_no_grep 'Barred' rota.txt               # blocked members are not listed
expect_no_grep '@example\.net|maria\.lopez@' rota.txt
ok "rota"

# --- the leaflets: one A4 page per area ---
expect_exit 0 "$R" -c doorstep.ini leaflets
expect_pages $LEAF 2
expect_size $LEAF "595.28 x 841.89"
pdffonts $LEAF >fonts 2>/dev/null || fail "pdffonts $LEAF"
expect_grep 'DejaVuSans.* yes +yes' fonts
text $LEAF north.txt 1 1
text $LEAF south.txt 2 2
for f in north.txt south.txt; do
    expect_grep 'Need a hand\? Your' $f
    expect_grep '0161 496 0000' $f
    expect_grep 'help@elmpark\.example\.org' $f
    expect_grep 'Spare soup most Sundays' $f  # an offer without an area is everywhere
    expect_grep 'Name' $f
    expect_grep 'Address' $f
    expect_grep 'What do you need\?' $f
    expect_grep 'Best time to call' $f
    expect_grep 'Printed 25 November 2026' $f
    expect_grep '✂' $f
    # only the group's own address and phone: nothing of members, no request at all
    expect_no_grep '@example\.net|maria\.lopez|07700|900123|900456|M1 1AA|1[24] Elm Street' $f
    expect_no_grep 'Prescription|Old sofa' $f
done
expect_grep 'North: Elm Street, Oak Road, Birch Close' north.txt
expect_grep 'Tuesday shopping runs to Aldi' north.txt
expect_grep 'Dog walks on weekday mornings' north.txt
expect_grep 'Shopping \(1 offer\)' north.txt
expect_no_grep 'Lifts to the hospital' north.txt
expect_grep 'South: Ash Grove' south.txt
expect_grep 'Lifts to the hospital on Fridays' south.txt
expect_grep 'Ironing help, write to …' south.txt
expect_no_grep 'Tuesday shopping|Dog walks' south.txt
# legible: body text 14 pt or more (a word box is about 1.16 x the size), a large phone
at_least "$(smallest $LEAF)" 16.2 "smallest word on the leaflets"
at_least "$(height $LEAF 0161)" 30 "the phone number"
at_least "$(height $LEAF Need)" 28 "the headline"
if command -v zbarimg >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
    pdftoppm -png -r 150 -f 1 -l 1 $LEAF page 2>/dev/null || fail "pdftoppm $LEAF"
    zbarimg -q page-1.png 2>/dev/null >qr
    expect_grep '^QR-Code:mailto:help@elmpark\.example\.org\?subject=REQUEST$' qr
    ok "the QR code reads back"
else
    echo "note: zbarimg (zbar-tools) missing, the QR code is not read back"
fi
left=$(ls output | grep -v '\.pdf$')
[ -z "$left" ] || fail "temporary files left in output: $left"
# the same database and time give the same bytes
cp $LEAF first.pdf
expect_exit 0 "$R" -c doorstep.ini leaflets
cmp -s first.pdf $LEAF || fail "a second run wrote a different $LEAF"
ok "leaflets"

# --- A5: two copies side by side on A4 landscape, cut between them; smaller print ---
cp base.ini doorstep.ini
printf '\n[leaflets]\npaper = a5\nlarge_print = no\n' >>doorstep.ini
expect_exit 0 "$R" -c doorstep.ini leaflets
expect_pages $LEAF 2
expect_size $LEAF "841.89 x 595.28"
text $LEAF a5.txt 1 1
[ "$(grep -o 'Need a hand' a5.txt | wc -l)" = 2 ] || fail "page 1 of the a5 leaflets is not two copies"
[ "$(grep -o '0161 496 0000' a5.txt | wc -l)" = 2 ] || fail "the a5 copies lack the phone"
expect_grep 'Best time to call' a5.txt
at_least "$(smallest $LEAF)" 13.9 "smallest word with large_print = no"
at_least "$(height $LEAF Need)" 27.8 "the a5 headline"
ok "a5 leaflets, large_print = no"

# --- US Letter, and no areas: one leaflet for the whole group ---
sed '/^\[areas\]/,/^$/d' base.ini >doorstep.ini
printf '\n[leaflets]\npaper = letter\n' >>doorstep.ini
expect_exit 0 "$R" -c doorstep.ini leaflets
expect_pages $LEAF 1
expect_size $LEAF "612 x 792"
text $LEAF all.txt
expect_grep 'Tuesday shopping runs to Aldi|Lifts to the hospital' all.txt
expect_grep 'Elm Park Neighbours' all.txt
ok "letter leaflets without areas"

# --- a month of rota on US Letter: 7 days a page ---
sed 's/^days = 7$/days = 31/' base.ini >doorstep.ini
printf 'paper = letter\n' >>doorstep.ini
expect_exit 0 "$R" -c doorstep.ini rota
expect_pages $ROTA 5
expect_size $ROTA "792 x 612"
text $ROTA month.txt 5 5
expect_grep 'Friday 25 December 2026' month.txt
expect_grep '23 December' month.txt
expect_grep 'Maria L\.' month.txt               # her sign-up for 24 December
ok "31-day rota"

# --- no tasks: a page that says so ---
sed -e '/^food bank/d' -e '/^check-in calls/d' base.ini >doorstep.ini
expect_exit 0 "$R" -c doorstep.ini rota
expect_pages $ROTA 1
text $ROTA none.txt
expect_grep 'No rota tasks are set up yet' none.txt
ok "rota without tasks"

# --- errors: a broken template, an output that cannot be written ---
cp -R "$SRC/templates" tpl
sed "s|^templates = .*|templates = $PWD/tpl|" base.ini >doorstep.ini
printf '{{#area}}\n' >>tpl/leaflet.txt
expect_exit 78 "$R" -c doorstep.ini leaflets
expect_grep 'leaflet\.txt' err
rm -f output/*.pdf
mkdir output/rota-2026-11-25.pdf
expect_exit 73 "$R" -c doorstep.ini rota
expect_grep 'rota-2026-11-25\.pdf' err
left=$(ls output | grep -v '\.pdf$')
[ -z "$left" ] || fail "temporary files left in output: $left"
ok "errors"
