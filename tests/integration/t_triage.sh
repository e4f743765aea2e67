# The coordinators' toolkit over three weeks of a generated group (DOORSTEP_NOW):
# triage notes made by each cause (a kind the rules were unsure of, held or not; a
# closing by someone other than the poster; a closing naming no post; a closing word
# outside any thread; a rota sign-up with no day, or no task) listed one a line
# (`triage list`, also JSON) and resolved each way (as it is, --as request, offer,
# none, closing, closing --ref); notes of a post closed since settling themselves and
# gone from the coordinators' digest; `post edit` (--street beech finds Beech Avenue
# and its area, --kind gives a new code that still finds the post, --category,
# --title, --needed-by), `reopen` and `renew`, read back from `export posts`, `member
# export` (post_edits, with the Unix user) and the next digest; and the error cases.
. "$SRC/tests/integration/lib.sh"

write_config doorstep.ini
sed -i 's/^moderation = none/moderation = unknown/' doorstep.ini
sed -i 's/^south = .*/&\nwest = Beech Avenue:30, Cedar Drive:20/' doorstep.ini
cat >>doorstep.ini <<'INI'

[replies]
closed = yes
INI
mkdir -p Maildir/cur Maildir/new Maildir/tmp
n=0
mail() { # FROM SUBJECT DATE BODY [IN-REPLY-TO]
    n=$((n + 1))
    {
        printf 'From: %s\nTo: help@elmpark.example.org\nSubject: %s\nDate: %s\nMessage-ID: <t%d@example.org>\n' \
            "$1" "$2" "$3" "$n"
        [ -n "${5:-}" ] && printf 'In-Reply-To: <%s>\n' "$5"
        printf '\n%s\n' "$4"
    } >"Maildir/new/17960000$(printf '%02d' $n).test"
}
run_day() { # DATE: fetch and process on that morning
    DOORSTEP_NOW="$1T08:00:00" "$BIN/doorstep-fetch" -c doorstep.ini || fail "fetch $1"
    DOORSTEP_NOW="$1T08:00:00" "$BIN/doorstep-process" -c doorstep.ini || fail "process $1"
}
D() { "$BIN/doorstep" -c doorstep.ini "$@"; }
note_of() { # LIKE: the number of the open note whose reason is like LIKE
    sql "SELECT id FROM triage WHERE reason LIKE '$1' AND resolved_at IS NULL ORDER BY id LIMIT 1"
}
status_of() { sql "SELECT status FROM posts WHERE ref = '$1'"; }

export DOORSTEP_NOW=2026-11-02T08:00:00
for who in ann@example.com bob@example.net cat@example.org dan@example.org eve@example.org \
    gus@example.org; do
    expect_exit 0 "$BIN/doorstep" -c doorstep.ini member approve "$who"
done

# ---- week 1: posts, and a note of each cause ---------------------------------------
mail "Ann Lee <ann@example.com>" "REQUEST: lift to the GP Friday (Oak Road)" \
    "Mon, 02 Nov 2026 07:00:00 +0000" "Could anyone give me a lift to the GP on Friday?"
mail "Bob Ray <bob@example.net>" "OFFER: spare ladder (Elm Street)" \
    "Mon, 02 Nov 2026 07:01:00 +0000" "Happy to lend my ladder to anyone."
# words that both ask and offer: the rules are unsure (a request in triage); a subject
# word the body contradicts clearly is published as the body says, with a note
mail "Cat Ng <cat@example.org>" "Shopping (Ash Grove)" \
    "Mon, 02 Nov 2026 07:02:00 +0000" "I could do with help, or I could help, not sure which."
# a closing by someone other than the poster
mail "Dan Fox <dan@example.org>" "DONE R-0001" "Mon, 02 Nov 2026 07:03:00 +0000" "Ann got her lift."
# a closing that names no post
mail "Bob Ray <bob@example.net>" "TAKEN O-0099" "Mon, 02 Nov 2026 07:04:00 +0000" "Gone."
# a closing word with no code, in no thread
mail "Eve Moss <eve@example.org>" "DONE" "Mon, 02 Nov 2026 07:05:00 +0000" "All sorted, thanks."
# rota sign-ups: no task of the rota; no day for a task that needs one
mail "Dan Fox <dan@example.org>" "ROTA: juggling lessons" "Mon, 02 Nov 2026 07:06:00 +0000" "Put me down."
mail "Eve Moss <eve@example.org>" "ROTA: check-in calls" "Mon, 02 Nov 2026 07:07:00 +0000" "I can help some time."
# a newcomer (held) whose post the rules are unsure of
mail "Fay Hill <fay@example.org>" "OFFER: dog walking (Willow Lane)" \
    "Mon, 02 Nov 2026 07:08:00 +0000" "Could someone walk my dog please? I need help with it, I am unwell."
# a closing of no post, its name and subject in RFC 2047 words ("Gus Lee",
# "TAKEN O-0098, thanks"): shown decoded by triage list and the coordinators' digest alike
mail "=?UTF-8?Q?Gus_Lee?= <gus@example.org>" "=?UTF-8?B?VEFLRU4gTy0wMDk4LCB0aGFua3M=?=" \
    "Mon, 02 Nov 2026 07:09:00 +0000" "All done here."
# (the prefixed contradiction of Cat's above)
mail "Cat Ng <cat@example.org>" "OFFER: a lift (Ash Grove)" \
    "Mon, 02 Nov 2026 07:02:30 +0000" "I need a lift to the clinic on Friday, could anyone take me please?"
run_day 2026-11-02

[ "$(status_of R-0001)" = open ] || fail "R-0001: $(status_of R-0001)"
[ "$(status_of O-0001)" = open ] || fail "O-0001: $(status_of O-0001)"
sql "SELECT id, reason FROM triage ORDER BY id" >notes.txt
for cause in "only its author or a coordinator can close it" "no post has that code" \
    "a closing word without a reference code" "no task of the rota" "rota sign-up" \
    "no day named for check-in calls"; do
    expect_grep "$cause" notes.txt
done
unsure=$(sql "SELECT ref FROM posts WHERE status = 'triage' ORDER BY id LIMIT 1")
[ -n "$unsure" ] || fail "no post waits in triage: $(sql 'SELECT ref, status, title FROM posts')"
held=$(sql "SELECT p.ref FROM posts p JOIN triage t ON t.post = p.id WHERE p.status = 'held'")
[ -n "$held" ] || fail "no held post with a triage note: $(sql 'SELECT ref, status FROM posts')"
total=$(sql "SELECT count(*) FROM triage")

expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage list
[ "$(wc -l <out)" = "$total" ] || fail "triage list: $(cat out) (want $total lines)"
forged=$(note_of '%only its author%')
expect_grep "^$forged  R-0001  Dan Fox <dan@example.org>  \"DONE R-0001\"  why: .*only its author" out
expect_grep "^[0-9]+  $unsure  Cat Ng <cat@example.org>  \"Shopping \(Ash Grove\)\"  why: " out
lift=$(sql "SELECT ref || ' ' || kind || ' ' || status FROM posts WHERE title LIKE '%a lift%'")
case $lift in
R-*" request open") ;;
*) fail "the prefixed contradiction: $lift" ;;
esac
expect_grep "^[0-9]+  ${lift%% *}  Cat Ng <cat@example.org>  \"OFFER: a lift \(Ash Grove\)\"  why: .*the subject says OFFER but the body asks" out
expect_grep "^[0-9]+  -  Eve Moss <eve@example.org>  \"DONE\"  why: a closing word without" out
expect_grep "^[0-9]+  -  Gus Lee <gus@example.org>  \"TAKEN O-0098, thanks\"  why: " out
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage list --format json
python3 - out "$total" <<'PY' || fail "triage list --format json (above)"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == int(sys.argv[2]), rows
for r in rows:
    assert set(r) >= {"id", "ref", "from", "subject", "reason", "created_at"}, r
assert any(r["ref"] == "R-0001" and r["from"] == "Dan Fox <dan@example.org>" for r in rows), rows
PY

# the coordinators' digest: the same lines and the commands
DOORSTEP_NOW=2026-11-02T08:00:00 "$BIN/doorstep-render" -c doorstep.ini digest coordinators >/dev/null 2>&1 ||
    fail "render on day 1"
coord=output/coordinators-2026-11-02.eml
[ -f "$coord" ] || fail "no coordinators' digest: $(ls output)"
expect_grep "^\* $forged  R-0001  Dan Fox <dan@example.org>  \"DONE R-0001\"" "$coord"
expect_grep "doorstep triage resolve $forged" "$coord"
expect_grep "^\* [0-9]+  -  Gus Lee <gus@example.org>  \"TAKEN O-0098, thanks\"" "$coord"
expect_no_grep "=\?UTF-8\?" "$coord"
expect_grep "doorstep triage resolve N --as request\|offer\|none\|closing" "$coord"
ok "a note of each cause, listed (text, JSON, the coordinators' digest)"

# ---- resolving each way ------------------------------------------------------------
# the forged closing as it is: R-0001 stays open
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage resolve "$forged"
expect_grep "resolved \(as it is\)" out
[ "$(status_of R-0001)" = open ] || fail "accepting a forged closing closed R-0001"
[ "$(sql "SELECT resolution FROM triage WHERE id = $forged")" = accepted ] || fail "resolution"
# twice: already settled
expect_exit 65 "$BIN/doorstep" -c doorstep.ini triage resolve "$forged"
expect_grep "note $forged was settled already" err
expect_exit 65 "$BIN/doorstep" -c doorstep.ini triage resolve 999
expect_grep "there is no triage note 999" err
expect_exit 64 "$BIN/doorstep" -c doorstep.ini triage resolve abc
expect_exit 64 "$BIN/doorstep" -c doorstep.ini triage resolve 1 --as maybe
expect_grep "did you mean|request" err
expect_exit 64 "$BIN/doorstep" -c doorstep.ini triage resolve 1 --ref R-0001

# the unsure post --as request: open, a request (a new R- code when it was an offer)
un_note=$(sql "SELECT t.id FROM triage t JOIN posts p ON p.id = t.post WHERE p.ref = '$unsure'")
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage resolve "$un_note" --as request
now_ref=$(sql "SELECT p.ref FROM posts p JOIN triage t ON t.post = p.id WHERE t.id = $un_note")
case $now_ref in R-*) ;; *) fail "--as request left $now_ref";; esac
[ "$(status_of "$now_ref")" = open ] || fail "--as request: $(status_of "$now_ref")"
[ "$(sql "SELECT kind FROM posts WHERE ref = '$now_ref'")" = request ] || fail "not a request"

# the closing naming no post --as offer: a new open offer made from the message
nopost=$(note_of '%no post has that code%')
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage resolve "$nopost" --as offer
new_offer=$(sql "SELECT p.ref FROM posts p JOIN triage t ON t.message = p.message WHERE t.id = $nopost")
case $new_offer in O-*) ;; *) fail "--as offer made '$new_offer'";; esac
[ "$(status_of "$new_offer")" = open ] || fail "--as offer: $(status_of "$new_offer")"

# the rota sign-up with no task --as none: nothing changes but the note
notask=$(note_of '%no task of the rota%')
posts_before=$(sql "SELECT count(*) || group_concat(status) FROM posts")
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage resolve "$notask" --as none
[ "$(sql "SELECT count(*) || group_concat(status) FROM posts")" = "$posts_before" ] || fail "--as none changed posts"
[ "$(sql "SELECT resolution FROM triage WHERE id = $notask")" = none ] || fail "--as none"

# the closing word in no thread --as closing: it names nothing, so --ref says what
noref=$(note_of '%without a reference code%')
expect_exit 65 "$BIN/doorstep" -c doorstep.ini triage resolve "$noref" --as closing
expect_grep "names no post to close: say which with --ref CODE" err
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage resolve "$noref" --as closing --ref o-1
expect_grep "O-0001 closed: done" out
[ "$(status_of O-0001)" = done ] || fail "--as closing --ref: O-0001 $(status_of O-0001)"
[ "$(sql "SELECT count(*) FROM replies WHERE key = 'ack:closed:O-0001'")" = 1 ] ||
    fail "the poster was not told a coordinator closed O-0001"

# the held newcomer's unsure post --as none: withdrawn, never public
held_note=$(sql "SELECT t.id FROM triage t JOIN posts p ON p.id = t.post WHERE p.ref = '$held'")
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage resolve "$held_note" --as none
[ "$(status_of "$held")" = withdrawn ] || fail "--as none: $held $(status_of "$held")"
ok "resolved as it is, --as request, offer, none, closing --ref; the errors"

# ---- week 2: a second forged closing resolved --as closing; notes settle -----------
mail "Dan Fox <dan@example.org>" "Re: REQUEST: lift to the GP Friday (Oak Road)" \
    "Mon, 09 Nov 2026 07:00:00 +0000" "She is sorted now, done." "t1@example.org"
mail "Eve Moss <eve@example.org>" "TAKEN $now_ref" "Mon, 09 Nov 2026 07:01:00 +0000" "I did the shopping."
run_day 2026-11-09
forged2=$(note_of '%says R-0001 is%')
[ -n "$forged2" ] || fail "no note for the second forged closing: $(sql 'SELECT id, reason FROM triage')"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage resolve "$forged2" --as closing
expect_grep "R-0001 closed: done" out
[ "$(status_of R-0001)" = done ] || fail "--as closing: R-0001 $(status_of R-0001)"
# the author closes their own post: the helper's note about it settles itself
settle=$(note_of "%says $now_ref is%")
[ -n "$settle" ] || fail "no note for Eve's closing of $now_ref"
mail "Cat Ng <cat@example.org>" "DONE $now_ref" "Tue, 10 Nov 2026 07:00:00 +0000" "Thank you Eve!"
run_day 2026-11-10
[ "$(status_of "$now_ref")" = done ] || fail "$now_ref not closed by its author"
[ "$(sql "SELECT resolution FROM triage WHERE id = $settle")" = closed ] ||
    fail "the note of a closed post did not settle: $(sql "SELECT * FROM triage WHERE id = $settle")"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini triage list
expect_no_grep "^$settle " out
DOORSTEP_NOW=2026-11-10T08:00:00 "$BIN/doorstep-render" -c doorstep.ini digest coordinators >/dev/null 2>&1 || fail "render day 10"
[ ! -f output/coordinators-2026-11-10.eml ] || expect_no_grep "resolve $settle\$" output/coordinators-2026-11-10.eml
# a note whose post closed without process running since: never in the digest either
left=$(sql "SELECT t.id FROM triage t WHERE t.resolved_at IS NULL AND t.post IS NOT NULL LIMIT 1")
if [ -n "$left" ]; then
    sql "UPDATE posts SET status = 'done' WHERE id = (SELECT post FROM triage WHERE id = $left)"
    DOORSTEP_NOW=2026-11-10T09:00:00 "$BIN/doorstep-render" -c doorstep.ini digest coordinators --resend >/dev/null 2>&1
    [ ! -f output/coordinators-2026-11-10.eml ] || expect_no_grep "resolve $left\$" output/coordinators-2026-11-10.eml
fi
ok "a forged closing resolved --as closing; notes of closed posts settle themselves"

# ---- corrections: post edit, reopen, renew -----------------------------------------
mail "Ann Lee <ann@example.com>" "REQUEST: help with the bins (Elm Street)" \
    "Mon, 16 Nov 2026 07:00:00 +0000" "Could someone help me put the bins out on Thursdays?"
run_day 2026-11-16
bins=$(sql "SELECT ref FROM posts WHERE title LIKE '%bins%'")
[ "$(sql "SELECT area FROM posts WHERE ref = '$bins'")" = north ] || fail "bins area"
export DOORSTEP_NOW=2026-11-16T09:00:00
lower=$(echo "$bins" | tr R r)
expect_exit 0 env SUDO_USER=maria "$BIN/doorstep" -c doorstep.ini post edit "$lower" --street beech
expect_grep "$bins street: Beech Avenue" out
expect_grep "$bins area: west" out
expect_exit 65 "$BIN/doorstep" -c doorstep.ini post edit "$bins" --street "Beach Avenu"
expect_grep "did you mean Beech Avenue\?" err
expect_exit 65 "$BIN/doorstep" -c doorstep.ini post edit "$bins" --category fod
expect_grep "did you mean food\?" err
expect_exit 65 "$BIN/doorstep" -c doorstep.ini post edit R-0999 --title x
expect_grep "there is no post R-0999" err
expect_exit 64 "$BIN/doorstep" -c doorstep.ini post edit "$bins"
expect_exit 64 "$BIN/doorstep" -c doorstep.ini post edit "$bins" --kind maybe
expect_exit 64 "$BIN/doorstep" -c doorstep.ini post edit "$bins" --phone 123
expect_exit 65 "$BIN/doorstep" -c doorstep.ini post edit "$bins" --needed-by 2026-01-01
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post edit "$bins" --title "Bins out on Thursday evenings" \
    --needed-by 2026-11-30
[ "$(sql "SELECT expires_at FROM posts WHERE ref = '$bins'")" = 2026-11-30 ] || fail "needed-by did not carry the expiry"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export posts
python3 - out "$bins" <<'PY' || fail "export posts after the edit (above)"
import json, sys
rows = {r["ref"]: r for r in map(json.loads, open(sys.argv[1]))}
p = rows[sys.argv[2]]
assert (p["street"], p["area"], p["title"], p["needed_by"]) == \
    ("Beech Avenue", "west", "Bins out on Thursday evenings", "2026-11-30"), p
assert p["edited_at"].startswith("2026-11-16T09:00:00") and p["edited_by"], p
assert all(r["edited_at"] is None for r in rows.values() if r["ref"] == "O-0002"), rows
PY
expect_exit 0 "$BIN/doorstep" -c doorstep.ini export triage --format csv
expect_grep "^$forged,t4@example.org,R-0001,.*,accepted,[a-z]" out
expect_grep "^$settle,.*,closed,.?$" out
# the kind: a new code, and the old one still finds it
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post edit "$bins" --kind offer
expect_grep "$bins kind: offer, now O-" out
newbins=$(sql "SELECT ref FROM posts WHERE title = 'Bins out on Thursday evenings'")
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post edit "$bins" --kind request --category other
expect_grep "$newbins kind: request, now R-" out
bins=$(sql "SELECT ref FROM posts WHERE title = 'Bins out on Thursday evenings'")
# reopen a closed post and renew an open one
expect_exit 0 "$BIN/doorstep" -c doorstep.ini reopen r-0001
expect_grep "R-0001 reopened: open until 2026-11-23 \(was done\)" out
[ "$(status_of R-0001)" = open ] || fail "reopen: $(status_of R-0001)"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini reopen R-0001
expect_grep "already" out
expect_exit 0 "$BIN/doorstep" -c doorstep.ini renew R-0001
expect_grep "R-0001 renewed: open until 2026-11-30" out
expect_exit 0 "$BIN/doorstep" -c doorstep.ini close "$new_offer" withdrawn
expect_exit 65 "$BIN/doorstep" -c doorstep.ini renew "$new_offer"
expect_grep "doorstep reopen opens a closed one" err
expect_exit 65 "$BIN/doorstep" -c doorstep.ini reopen R-0999
expect_exit 65 "$BIN/doorstep" -c doorstep.ini renew nonsense

# every change recorded, with the Unix user, in the poster's export
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member export ann@example.com
python3 - out "$bins" "$(id -un)" <<'PY' || fail "member export: post_edits (above)"
import json, sys
d = json.load(open(sys.argv[1]))
edits = d["post_edits"]
fields = [(e["field"], e["old"], e["new"]) for e in edits]
assert ("street", "Elm Street", "Beech Avenue") in fields, fields
assert ("area", "north", "west") in fields, fields
assert ("status", "done", "open") in fields, fields
assert any(f == "ref" for f, _, _ in fields), fields
by = {e["who"] for e in edits}
assert "maria" in by and sys.argv[3] in by, by  # sudo's user, then the Unix user
assert all(e["edited_at"].startswith("2026-11-16T09:00:00") for e in edits if e["ref"] == sys.argv[2]), edits
assert ("status", "open", "done") in fields, fields  # the triage resolve --as closing, week 2
PY

# the next digest shows the corrected post
export DOORSTEP_NOW=2026-11-17T08:00:00
D daily >/dev/null 2>&1 || fail "daily on the 17th"
digest=output/digest-2026-11-17.eml
[ -f "$digest" ] || fail "no digest: $(ls output)"
expect_grep "Bins out on Thursday evenings" "$digest"
grep -A3 "Bins out on Thursday evenings" "$digest" | grep -q "Beech Avenue" ||
    fail "the digest does not show the corrected street: $(grep -A3 'Bins out' "$digest")"
expect_grep "R-0001" "$digest"
ok "post edit, reopen, renew: in export posts, member export and the next digest"

# member forget takes the audit rows of the forgotten member's posts
[ "$(sql "SELECT count(*) FROM post_edits e JOIN posts p ON p.id = e.post JOIN members m ON m.id = p.member_id WHERE m.email = 'ann@example.com'")" -gt 0 ] ||
    fail "no edits to forget"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member forget ann@example.com
[ "$(sql "SELECT count(*) FROM post_edits WHERE old LIKE '%Elm Street%' OR new LIKE '%Beech%' OR new LIKE '%Bins%'")" = 0 ] ||
    fail "post_edits of a forgotten member's posts: $(sql 'SELECT * FROM post_edits')"
ok "member forget deletes the audit rows"
