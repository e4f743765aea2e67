#!/bin/sh
# t_render_rounds.sh — the delivery rounds PDF (doorstep-render rounds) and leaflets per
# round: streets cut into rounds of at most [leaflets] round_doors doors, whole where
# they fit, a long one in parts, areas apart, the volunteers of the rota task, tick
# boxes, long rounds over more pages, margins.
. "$SRC/tests/integration/lib.sh"
. "$SRC/tests/integration/pdf.sh"

R=$BIN/doorstep-render
RND=output/rounds-2026-11-25.pdf
LEAF=output/leaflets-2026-11-25.pdf

write_config base.ini
sed -e 's/^north = .*/north = Elm Street:48, Oak Road:36, Birch Close:12, Lime Walk:30/' \
    -e 's/^south = .*/south = Ash Grove:40, Station Road:250, Mill Lane:20/' \
    -e 's/^check-in calls = .*/&\nleaflets = sat 10:00-12:00 x3/' base.ini >doorstep.ini
printf '\n[leaflets]\nround_doors = 100\n' >>doorstep.ini
cp doorstep.ini rounds.ini

# --- no sign-ups yet: seven rounds, every one needs a volunteer ---
expect_exit 0 "$R" -c doorstep.ini rounds
expect_pages $RND 7
expect_size $RND "595.28 x 841.89"
pdffonts $RND >fonts 2>/dev/null || fail "pdffonts $RND"
expect_grep 'DejaVuSans.* yes +yes' fonts
within_margins $RND 40
[ "$(pdftotext $RND - 2>/dev/null | grep -c 'Volunteer needed')" = 7 ] ||
    fail "not every round says a volunteer is needed"
ok "rounds without volunteers"

# --- volunteers: the Nth sign-up of the next Saturday takes round N ---
sql "INSERT INTO members (id, email, name, status, joined_at) VALUES
  (1, 'maria.lopez@elmpark.example.org', 'Maria Lopez', 'coordinator', 0),
  (2, 'tom.baker@example.net', 'Tom Baker', 'member', 0),
  (3, 'barred@example.net', 'Barred Person', 'blocked', 0),
  (4, 'sam.okafor@example.net', 'Sam Okafor', 'member', 0);
INSERT INTO rota_slots (task, day, member_id, created_at) VALUES
  ('leaflets', '2026-11-28', 3, 5),
  ('leaflets', '2026-11-28', 2, 20),
  ('leaflets', '2026-11-28', 1, 10),
  ('leaflets', '2026-12-05', 4, 1),
  ('food bank', '2026-11-28', 4, 1);" || fail "cannot fill the database"
expect_exit 0 "$R" -c doorstep.ini rounds
expect_pages $RND 7
n=1
while [ $n -le 7 ]; do
    text $RND p$n.txt $n $n
    expect_grep "Delivery round $n of 7" p$n.txt
    expect_grep 'Delivery on Saturday 28 November 2026' p$n.txt
    expect_grep 'Street \(in walking order\) +Doors +Leaflets' p$n.txt
    expect_grep '0161 496 0000' p$n.txt
    expect_grep 'help@elmpark\.example\.org' p$n.txt
    expect_grep 'Printed 25 November 2026' p$n.txt
    expect_no_grep '@example\.net|maria\.lopez@|Barred' p$n.txt
    # the total of each page is at most round_doors, doors and leaflets alike
    total=$(sed -n 's/^ *Total  *\([0-9]*\)  *\([0-9]*\) *$/\1 \2/p' p$n.txt)
    [ -n "$total" ] || fail "round $n has no total"
    set -- $total
    [ "$1" = "$2" ] && [ "$1" -le 100 ] || fail "round $n: total $total"
    n=$((n + 1))
done
# signed up first (created_at 10) takes round 1; the blocked member takes none
expect_grep 'Volunteer: Maria L\.' p1.txt
expect_grep 'Volunteer: Tom B\.' p2.txt
expect_grep 'Volunteer needed' p3.txt
expect_no_grep 'Sam O\.' p3.txt                       # signed up for another day or task
# whole streets, in listed order, areas apart
expect_grep '^ *North *$' p1.txt
expect_grep 'Elm Street +48 +48' p1.txt
expect_grep 'Oak Road +36 +36' p1.txt
expect_grep 'Birch Close +12 +12' p1.txt
expect_grep 'Total +96 +96' p1.txt
expect_grep 'Lime Walk +30 +30' p2.txt
expect_grep '^ *North *$' p2.txt
expect_grep '^ *South *$' p3.txt
expect_grep 'Ash Grove +40 +40' p3.txt
expect_no_grep 'Station' p3.txt                       # 40 + 250 would not fit
# the long street in three parts of nearly equal size
expect_grep 'Station Road \(1 of 3\) +84 +84' p4.txt
expect_grep 'Station Road \(2 of 3\) +83 +83' p5.txt
expect_grep 'Station Road \(3 of 3\) +83 +83' p6.txt
expect_grep 'Mill Lane +20 +20' p7.txt                # 83 + 20 > 100
for street in 'Elm Street' 'Oak Road' 'Birch Close' 'Lime Walk' 'Ash Grove' 'Mill Lane'; do
    [ "$(pdftotext $RND - 2>/dev/null | grep -c "$street")" = 1 ] ||
        fail "$street is not on exactly one round"
done
within_margins $RND 40
ok "rounds: whole streets, a long one split, areas apart, volunteers"

# a tick box per street: an empty square left of each street's name (dark pixels in
# the box's column on each street's row of the image)
if command -v pdftoppm >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
    pdftoppm -gray -r 72 -f 1 -l 1 $RND tick 2>/dev/null || fail "pdftoppm $RND"
    pdftotext -bbox -f 1 -l 1 $RND - 2>/dev/null |
        awk -F'"' '/<word/ && />(Elm|Oak|Birch)</ && $2 > 69 && $2 < 71 { print int(($4 + $8) / 2) }' >rows
    python3 - tick-1.pgm rows <<'PY' || fail "no tick box beside a street"
import sys
data = open(sys.argv[1], 'rb').read().split(b'\n', 3)
w, h = map(int, data[1].split()); px = data[3]
rows = [int(r) for r in open(sys.argv[2])]
assert len(rows) == 3, rows
for y in rows:
    # the box spans x 44..58 at 72 dpi: its two sides are dark, its inside light
    line = px[y * w:(y + 1) * w]
    dark = [x for x in range(40, 64) if line[x] < 128]
    assert dark and min(dark) <= 46 and max(dark) >= 56, (y, dark)
    assert line[51] > 200, (y, line[51])
PY
    ok "a tick box beside each street"
fi

# --- one leaflet per round ---
printf 'per = round\n' >>doorstep.ini
expect_exit 0 "$R" -c doorstep.ini leaflets
expect_pages $LEAF 7
text $LEAF l1.txt 1 1
text $LEAF l4.txt 4 4
expect_grep 'North: Elm Street, Oak Road, Birch Close' l1.txt
expect_grep 'round 1 of 7' l1.txt
expect_grep 'South: Station Road' l4.txt
expect_grep 'round 4 of 7' l4.txt
# the slip names the round's volunteer by first name, else any volunteer of the group
pdftotext -f 1 -l 1 $LEAF - | tr -s '\n ' '  ' >l1-flat.txt
pdftotext -f 4 -l 4 $LEAF - | tr -s '\n ' '  ' >l4-flat.txt
expect_grep 'Give this slip to Maria, our volunteer for your street, or to any volunteer of Elm Park Neighbours, or ring 0161 496 0000\.' l1-flat.txt
expect_no_grep 'Lopez|Maria L\.' l1-flat.txt
pdftotext -f 2 -l 2 $LEAF - | tr -s '\n ' '  ' >l2-flat.txt
expect_grep 'Give this slip to Tom,' l2-flat.txt
expect_grep 'Give this slip to any volunteer of Elm Park Neighbours' l4-flat.txt
within_margins $LEAF 40
ok "leaflets per round"

# --- a round of many short streets goes on over more pages ---
streets=$(i=1; while [ $i -le 60 ]; do printf '%sClose %02d:2' "${sep:-}" $i; sep=', '; i=$((i + 1)); done)
sed -e "s/^north = .*/north = $streets/" -e '/^south = /d' rounds.ini >doorstep.ini
sed -i 's/^round_doors = .*/round_doors = 200/' doorstep.ini
expect_exit 0 "$R" -c doorstep.ini rounds
p=$(pages $RND)
[ "$p" -ge 2 ] || fail "60 streets on $p page"
text $RND long.txt
[ "$(grep -c 'Delivery round 1 of 1' long.txt)" = "$p" ] || fail "not every page names the round"
[ "$(grep -c '(continued)' long.txt)" = $((p - 1)) ] || fail "continued pages are not marked"
i=1
while [ $i -le 60 ]; do
    grep -q "Close $(printf %02d $i) " long.txt || fail "Close $i is missing"
    i=$((i + 1))
done
expect_grep 'Total +120 +120' long.txt
within_margins $RND 40
ok "a round of 60 streets over $p pages"

# --- no streets: a page that says so; a rota_task that is not a task ---
sed '/^\[areas\]/,/^$/d' rounds.ini >doorstep.ini
expect_exit 0 "$R" -c doorstep.ini rounds
expect_pages $RND 1
text $RND none.txt
expect_grep 'No streets are set up for delivery rounds' none.txt
sed 's/^round_doors = .*/&\nrota_task = rounds/' rounds.ini >doorstep.ini
expect_exit 78 "$R" -c doorstep.ini rounds
expect_grep 'doorstep\.ini:[0-9]+: \[leaflets\] rota_task: "rounds" is not a task of \[rota\]' err
ok "no streets, a wrong rota_task"

# --- "all" includes the rounds ---
rm -f output/*.pdf
expect_exit 0 "$R" -c rounds.ini all
[ -s $RND ] || fail "all did not write $RND"
left=$(ls output | grep -v '\.pdf$' | grep -v '\.eml$' | grep -v '^sent$')
[ -z "$left" ] || fail "temporary files left in output: $left"
ok "render all"
