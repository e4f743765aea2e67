# doorstep-process on the test half of the understanding corpus (tests/fixtures/understand,
# written by make_understand.py): fetch + process, then the exports against EXPECTED.tsv:
# the confusion matrix of the kind, the accuracy of kind, area, category and closings
# linked, the silent errors (a wrong kind with nothing in triage) and the share of posts
# sent to triage, each held to a threshold printed beside the issue's goal. The
# thresholds are what the rules reach today where they fall short of the goal: raise
# them as the rules improve, never lower them. UNDERSTAND_HALF=tune scores the tuning
# half instead (with the goals as thresholds: for tuning, not a test).
. "$SRC/tests/integration/lib.sh"

half=${UNDERSTAND_HALF:-test}
fixture=$SRC/tests/fixtures/understand/$half
[ -d "$fixture/Maildir/cur" ] || fail "no $fixture"
cp -r "$fixture/Maildir" Maildir
export DOORSTEP_NOW=2026-12-07T08:00:00
cat >doorstep.ini <<INI
[group]
name = Riverside Mutual Aid
address = help@riverside.example.org
timezone = Europe/London
moderation = none
coordinators = coordinators@riverside.example.org
languages = en, es, pl

[database]
path = doorstep.db

[fetch]
source = maildir:Maildir

[output]
dir = output
templates = $SRC/templates

[areas]
north = Albert Road:40, Elm Terrace:30, Canal Street:50
south = Park Avenue:60, Station Road:45, Willow Close:12
east = Market Street:35, Rose Lane:20, Kingsway:70
west = Hill Street:40, Brook Road:30, Cedar Drive:25
INI

# the closings that name a code get the codes the posts got (understand_codes.py: the
# generator's codes assume every expected post before them became one), then a fresh run
for pass in 1 2 3 4; do
    rm -rf doorstep.db output
    expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
    expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
    for what in posts messages triage; do
        "$BIN/doorstep" -c doorstep.ini export $what >$what.jsonl || fail "export $what"
    done
    changed=$(python3 "$SRC/tests/integration/understand_codes.py" "$fixture" Maildir \
        posts.jsonl) || fail "understand_codes.py: $changed"
    [ "$changed" = 0 ] && break
    [ "$pass" != 4 ] || fail "the closings' codes still change after $pass passes"
done

# today's figures on the test half; the goals are kind 95, area 95, category 90,
# closings linked 95, silent <= 2, triage <= 10. The half is held as a whole and in
# three parts: the first round's mail (the 158 the first thresholds were set on), the
# mail written before round 8 (rounds 1-2 in EXPECTED.tsv), and rounds 8 to 12 (3),
# written by someone who had not seen the rules: the closest this corpus has to held-out mail, and
# the one that says how well the rules generalise. (Round 8 joined the same mailbox:
# the older mail's codes moved and some senders gained posts, which the rules of
# before read as kind 88.8, category 85.9, closings 86.7, silent 8.5 on rounds 1-2.)
if [ "$half" = test ]; then
    # round 11 (218 blind mails, 129 of them here) joined the half on 2026-12-08 (round
    # 3 before it: kind 74.2, category 69.2, closings 65.2, silent 13.1, triage 15.7),
    # and round 12 (137, 77 here) the same day, measured before any rule changed for it
    # (both halves: kind 78.8, silent 15.3). The triage share is above the goal, and was
    # raised on purpose once: a mail whose two parts each say their kind clearly became
    # two posts in triage (kind 80.3 to 80.8, triage 11.5 to 12.3% on the half of then)
    set -- kind=81.0 area=95 category=74.5 closing=76.0 silent=10.4 triage=11.9
    parts="1:kind=94.3 area=95 category=90 closing=95 silent=3.8 triage=10
1,2:kind=90.3 area=95 category=86.7 closing=86.6 silent=6.6 triage=10
3:kind=76.3 area=95 category=67.7 closing=70.9 silent=12.4 triage=16.2"
else
    set --
    parts=
fi
python3 "$SRC/tests/integration/understand_score.py" "$fixture" posts.jsonl messages.jsonl \
    triage.jsonl "$@" || fail "understanding below the thresholds ($half half)"
echo "$parts" | while IFS=: read -r rounds limits; do
    [ -n "$rounds" ] || continue
    echo "rounds $rounds only:"
    # shellcheck disable=SC2086 # (FIELD=MIN words)
    python3 "$SRC/tests/integration/understand_score.py" "$fixture" posts.jsonl \
        messages.jsonl triage.jsonl round=$rounds $limits >part.txt
    rc=$?
    grep -v '^  ' part.txt
    [ "$rc" = 0 ] || fail "understanding below the thresholds ($half half, rounds $rounds)"
done || exit 1

# --explain: the words that decided one message of the corpus, without the database
f=$(grep -l '^Subject: Soup going, and a shelf question' "$SRC"/tests/fixtures/understand/*/Maildir/cur/*)
rm -f doorstep.db
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini --explain "$f"
expect_grep '"if anyone wants" \(offer 3\)' out
expect_grep 'two posts: offer, then request from "Also' out
expect_grep '"shelf" \(household\)' out
expect_grep '^  area: west' out
# a phrase after a negation, said so; the body over the subject, quoted (mail of the
# tuning half: the test half's single results are not for reading)
f=$(grep -l '^Subject: Not a lift after all' "$SRC"/tests/fixtures/understand/tune/Maildir/cur/*)
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini --explain "$f"
expect_grep '"need" \(request 1, after a negation: not counted\)' out
expect_grep '"need someone" \(request 2\)' out
f=$(grep -l '^Subject: OFFER: wheelchair' "$SRC"/tests/fixtures/understand/tune/Maildir/cur/*)
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini --explain "$f"
expect_grep "the subject says OFFER but the body asks for something: 'Has anyone got'" out
[ ! -e doorstep.db ] || fail "--explain opened the database"
expect_exit 66 "$BIN/doorstep-process" -c doorstep.ini --explain no-such-file
ok "doorstep-process --explain"
ok "understand ($half half)"
