#!/bin/sh
# t_render_pdf.sh — the rota and leaflets PDFs from a real database, read back with
# poppler: pages, paper, fonts, text, legible sizes, no member's private details, names
# in other scripts, margins, overflow onto more pages, fonts and libharu errors.
. "$SRC/tests/integration/lib.sh"
. "$SRC/tests/integration/pdf.sh"

R=$BIN/doorstep-render
ROTA=output/rota-2026-11-25.pdf
LEAF=output/leaflets-2026-11-25.pdf

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
expect_grep 'a volunteer' rota.txt             # no name: never the address
expect_no_grep 'sam\.okafor|sam@' rota.txt
# words in a cell may wrap at the larger type: read them as one line
pdftotext $ROTA - | tr -s '\n ' '  ' >rota-flat.txt
expect_grep '1 more needed' rota-flat.txt      # food bank: one of two places taken
expect_grep '  needed' rota.txt                # check-in calls on the empty days
expect_grep 'Printed 25 November 2026' rota.txt
expect_grep '0161 496 0000' rota.txt
expect_no_grep 'Barred' rota.txt               # blocked members are not listed
# large type: names 12 pt or more (a word box is about 1.16 x the size)
for name in Tom Maria volunteer; do
    at_least "$(height $ROTA $name)" 13.9 "the rota name $name"
done
at_least "$(smallest $ROTA)" 10.4 "the smallest word on the rota"
# how to sign up, besides how to swap
expect_grep 'To sign up, email help@elmpark\.example\.org with the subject "ROTA: task day" \(for example "ROTA: food bank Thursday"\), or ring 0161 496 0000\.' rota-flat.txt
expect_grep 'want to swap\? Email help@elmpark\.example\.org with the subject "ROTA CANCEL task day" or ring 0161 496 0000' rota-flat.txt
expect_no_grep '@example\.net|maria\.lopez@' rota.txt
within_margins $ROTA 28
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
# the slip: a line for each field, free help and no money asked, whom to give it to
for f in north south; do
    pdftotext -f $([ $f = north ] && echo 1 || echo 2) -l $([ $f = north ] && echo 1 || echo 2) \
        $LEAF - | tr -s '\n ' '  ' >$f-flat.txt
    expect_grep 'Reply slip for Elm Park Neighbours' $f-flat.txt
    for field in 'Name' 'Phone' 'Address' 'What do you need\?' 'Best time to call'; do
        expect_grep "$field" $f.txt
    done
    expect_grep 'Help is free: volunteers never ask for money, bank cards or PINs\.' $f-flat.txt
    expect_grep 'Give this slip to any volunteer of Elm Park Neighbours, or ring 0161 496 0000\. We will call you back\.' $f-flat.txt
    expect_no_grep 'neighbour who delivered' $f-flat.txt
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
within_margins $LEAF 40
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
[ "$(grep -o '0161 496 0000' a5.txt | wc -l)" -ge 2 ] || fail "the a5 copies lack the phone"
expect_grep 'Best time to call' a5.txt
at_least "$(smallest $LEAF)" 13.9 "smallest word with large_print = no"
at_least "$(height $LEAF Need)" 27.8 "the a5 headline"
within_margins $LEAF 24
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
within_margins $ROTA 28
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

# --- names, streets and titles in other scripts, with the font embedded ---
rmdir output/rota-2026-11-25.pdf
cp base.ini doorstep.ini
sed -i -e 's/^north = .*/north = Łukasza Street:30, Rue Zoë:20, Οδός Ελένης:40/' \
    -e 's/^south = .*/south = Улица Дмитрия:50, Nguyễn Trãi:25, Ayşe Sokak:12/' \
    -e 's/^check-in calls = .*/check-in calls = daily 18:00-19:00\nleaflets = sat 10:00-12:00 x2/' \
    doorstep.ini
sql "INSERT INTO members (id, email, name, status, joined_at) VALUES
  (11, 'zoe@example.net', 'Zoë Ångström', 'member', 0),
  (12, 'lukasz@example.net', 'Łukasz Żółć', 'member', 0),
  (13, 'ayse@example.net', 'Ayşe Yılmaz', 'member', 0),
  (14, 'nguyen@example.net', 'Nguyễn Thị Lan', 'member', 0),
  (15, 'eleni@example.net', 'Ελένη Παπαδοπούλου', 'member', 0),
  (16, 'dmitry@example.net', 'Дмитрий Иванов', 'member', 0);
INSERT INTO rota_slots (task, day, member_id, created_at) VALUES
  ('check-in calls', '2026-11-28', 11, 0), ('check-in calls', '2026-11-29', 12, 0),
  ('check-in calls', '2026-11-30', 13, 0), ('check-in calls', '2026-12-01', 14, 0),
  ('food bank', '2026-11-26', 15, 0), ('leaflets', '2026-11-28', 16, 1),
  ('leaflets', '2026-11-28', 11, 2);
INSERT INTO posts (ref, kind, category, area, title, member_id, created_at, status) VALUES
  ('O-0101', 'offer', 'food', 'north', 'Борщ для соседей, Ελληνικό φαγητό', 16, 700, 'open'),
  ('O-0102', 'offer', 'pets', 'south', 'Dog walks by Nguyễn — Ayşe helps too', 14, 701, 'open');" ||
    fail "cannot add the names"
expect_exit 0 "$R" -c doorstep.ini rota leaflets rounds
text $ROTA scripts-rota.txt
text $LEAF scripts-leaf.txt
text output/rounds-2026-11-25.pdf scripts-rounds.txt
for name in 'Zoë Å\.' 'Łukasz Ż\.' 'Ayşe Y\.' 'Nguyễn' 'Ελένη Π\.' 'Дмитрий И\.'; do
    expect_grep "$name" scripts-rota.txt
done
for street in 'Łukasza Street' 'Rue Zoë' 'Οδός Ελένης' 'Улица Дмитрия' 'Nguyễn Trãi' 'Ayşe Sokak'; do
    expect_grep "$street" scripts-leaf.txt
    expect_grep "$street" scripts-rounds.txt
done
expect_grep 'Борщ для соседей, Ελληνικό φαγητό' scripts-leaf.txt
expect_grep 'Dog walks by Nguyễn — Ayşe helps too' scripts-leaf.txt
expect_grep 'Volunteer: Дмитрий И\.' scripts-rounds.txt
expect_grep 'Volunteer: Zoë Å\.' scripts-rounds.txt
expect_no_grep '@example\.net' scripts-rounds.txt
for f in $ROTA $LEAF output/rounds-2026-11-25.pdf; do
    pdffonts $f >fonts 2>/dev/null || fail "pdffonts $f"
    expect_grep 'DejaVuSans.* yes +yes' fonts
done
within_margins $ROTA 28
within_margins $LEAF 40
within_margins output/rounds-2026-11-25.pdf 40
if command -v pdftoppm >/dev/null 2>&1; then
    pdftoppm -png -r 50 -f 1 -l 1 $ROTA scripts 2>/dev/null && [ -s scripts-1.png ] ||
        fail "pdftoppm cannot draw the rota"
fi
ok "names and streets in Latin, Greek, Cyrillic and Vietnamese"

# copy and paste: the text read back from a leaflet is the text that was printed, for
# accents, dashes, currency and curly quotes (a valid ToUnicode map, no poppler warning)
title='Café soup — “fresh” £2, jamón, piñata, Łódź, Ærø, ½ price'
sql "INSERT INTO posts (ref, kind, category, area, title, member_id, created_at, status)
  VALUES ('O-0103', 'offer', 'food', 'north', '$title', 11, 702, 'open')" || fail "sql"
expect_exit 0 "$R" -c doorstep.ini leaflets
pdftotext -raw $LEAF - | grep -F -- "$title" >pasted || fail "not read back whole: $title"
pdftotext -raw $LEAF - | grep -c '�' >bad || true
[ "$(cat bad)" = 0 ] || fail "replacement characters read back from $LEAF"
ok "text copied from a leaflet is the text printed"

# --- a rota row taller than a page continues on the next, nothing cut ---
cp base.ini doorstep.ini
sed -i 's/^food bank = .*/food bank = thu 10:00-12:00 x40/' doorstep.ini
i=100
# names of letters only (a digit makes a handle, never printed): Helperbaa for 100
while [ $i -lt 145 ]; do
    echo "INSERT INTO members (id, email, name, status, joined_at)
          VALUES ($i, 'v$i@example.net', 'Helper$(echo $i | tr 0-9 a-j) Surname', 'member', 0);
          INSERT INTO rota_slots (task, day, member_id, created_at)
          VALUES ('food bank', '2026-11-26', $i, $i);"
    i=$((i + 1))
done >many.sql
sqlite3 -batch doorstep.db <many.sql || fail "cannot add 45 volunteers"
expect_exit 0 "$R" -c doorstep.ini rota
expect_pages $ROTA 2
text $ROTA tall.txt
i=100
while [ $i -lt 145 ]; do
    n=Helper$(echo $i | tr 0-9 a-j)
    grep -q "$n S\." tall.txt || fail "volunteer $n is missing from the rota"
    i=$((i + 1))
done
text $ROTA tall2.txt 2 2
expect_grep 'Food bank' tall2.txt
expect_grep '\(continued\)' tall2.txt
expect_grep 'Check-in calls' tall2.txt  # the next task follows the continued row
within_margins $ROTA 28
ok "a rota row of 45 volunteers goes on over two pages"

# --- too many kinds of help for a leaflet: named as far as they fit, the rest counted ---
cp base.ini doorstep.ini
printf '\n[categories]\n' >>doorstep.ini
i=0
while [ $i -lt 30 ]; do
    printf 'kind%02d = word%02d\n' $i $i >>doorstep.ini
    echo "INSERT INTO posts (ref, kind, category, area, title, created_at, status)
          VALUES ('O-9$i', 'offer', 'kind$(printf %02d $i)', 'north',
                  'A long offer title number $i that takes a line or two', 900 + $i, 'open');"
    i=$((i + 1))
done >cats.sql
sqlite3 -batch doorstep.db <cats.sql || fail "cannot add 30 kinds of offers"
printf '\n[leaflets]\npaper = a5\n' >>doorstep.ini
expect_exit 0 "$R" -c doorstep.ini leaflets
text $LEAF cats.txt 1 1
expect_grep 'and [0-9]+ other kinds of help \([0-9]+ offers\)' cats.txt
within_margins $LEAF 24
ok "a leaflet with more kinds of help than fit says how many more"

# --- fonts: configurable, checked, and named in errors ---
cp base.ini doorstep.ini
sed -i "s|^templates = .*|&\\nfont = /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf|" doorstep.ini
expect_exit 0 "$R" -c doorstep.ini rota
pdffonts $ROTA >fonts 2>/dev/null || fail "pdffonts $ROTA"
expect_no_grep 'DejaVuSans(,Book)? ' fonts   # the bold face for both
cp base.ini doorstep.ini
sed -i 's|^templates = .*|&\nfont = nowhere/missing.ttf|' doorstep.ini
expect_exit 78 "$R" -c doorstep.ini rota
expect_grep 'doorstep\.ini:[0-9]+: \[output\] font: .*nowhere/missing\.ttf: No such file' err
printf 'not a font' >notafont.ttf
cp base.ini doorstep.ini
sed -i 's|^templates = .*|&\nfont_bold = notafont.ttf|' doorstep.ini
expect_exit 78 "$R" -c doorstep.ini leaflets
expect_grep '\[output\] font_bold: .*notafont\.ttf: not a TrueType font' err
ok "fonts"

# --- a libharu error names its code and page, and leaves no file ---
sed 's/^days = 7$/days = 31/' base.ini >doorstep.ini
rm -f output/*.pdf
DOORSTEP_PDF_FAIL_PAGE=3 expect_exit 70 "$R" -c doorstep.ini rota
expect_grep 'rota-2026-11-25\.pdf: page 3: PDF library error 0x1050 \(invalid font size' err
[ -z "$(ls output)" ] || fail "a failed render left $(ls output)"
ok "libharu errors"
