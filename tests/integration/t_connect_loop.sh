# Two doorstep groups that are members of each other must not ping-pong (RFC 3834):
# each group's sent mail (digests, relays, confirmations, acknowledgements) is
# delivered into the other's maildir, and both run `doorstep daily` for several days;
# the mail must stop after the people stop writing, and neither group answers the
# other's automatic mail.
. "$SRC/tests/integration/lib.sh"
. "$SRC/tests/integration/connect.sh"

group() { # DIR NAME ADDRESS
    mkdir -p "$1/Maildir/new" "$1/Maildir/cur" "$1/Maildir/tmp"
    write_config "$1/doorstep.ini"
    sed -i -e "s/^name = .*/name = $2/" -e "s/^address = .*/address = $3/" \
        -e "s|^\[digest\]|[digest]|" "$1/doorstep.ini"
    printf '[digest]\nto = members\n' >>"$1/doorstep.ini"
}
group a "Larch Street Helpers" help@larch.example.org
group b "Birch Close Helpers" help@birch.example.org

# each group's address is a member of the other: it gets the other's digest
export DOORSTEP_NOW=2026-12-07T07:00:00
(cd a && mail a1 "Bob <bob@example.net>" "REQUEST: lift to the hospital on Thursday" "A lift please.")
(cd a && mail a2 "Help Birch <help@birch.example.org>" "Hello" "We are Birch Close Helpers.")
(cd b && mail b1 "Sue <sue@example.net>" "OFFER: spare pram" "A spare pram.")
(cd b && mail b2 "Help Larch <help@larch.example.org>" "Hello" "We are Larch Street Helpers.")
# a person in B answers A's request through A's address
(cd a && mail a3 "Sue <sue@example.net>" "R-0001" "I can drive Bob.")

deliver() { # FROM TO: every .eml FROM sent, once, into TO's maildir
    for f in "$1"/output/sent/*.eml; do
        [ -f "$f" ] || continue
        n=$(basename "$f" .eml)
        [ -e "$2/delivered.$1.$n" ] && continue
        cp "$f" "$2/Maildir/new/from-$1-$n"
        : >"$2/delivered.$1.$n"
    done
}
counts=""
for d in 07 08 09 10 11 12; do
    for g in a b; do
        (cd $g && env DOORSTEP_NOW="2026-12-${d}T08:00:00" "$BIN/doorstep" -c doorstep.ini -q daily) ||
            fail "daily $g 2026-12-$d"
    done
    deliver a b
    deliver b a
    counts="$counts $(ls a/output/sent | wc -l)/$(ls b/output/sent | wc -l)"
done
echo "sent a/b by day:$counts"
# once the people stop writing, nothing more is sent: a quiet day sends no digest,
# and automatic mail is never answered
set -- $counts
[ "$4" = "$6" ] || fail "still sending: $counts"
for g in a b; do
    other=$([ $g = a ] && echo birch || echo larch)
    # nothing but a digest ever went to the other group's address
    for f in $g/output/sent/*.eml; do
        if grep -qi "^To: help@$other" "$f" && ! grep -q "^List-Id:" "$f"; then
            fail "$g answered the other group: $f"
        fi
    done
    (cd $g && sql "SELECT count(*) FROM messages WHERE message_id LIKE 'doorstep.%' AND state != 'ignored'") >n
    [ "$(cat n)" = 0 ] || fail "$g took the other's automatic mail for a person's"
    (cd $g && sql "SELECT count(*) FROM replies WHERE to_addr LIKE 'help@%'") >n
    [ "$(cat n)" = 0 ] || fail "$g queued a reply to a group"
done
# Sue's answer reached Bob, once
[ "$(grep -l '^To: bob@example.net' a/output/sent/relay-*.eml | wc -l)" = 1 ] || fail "the relay to Bob"
ok "two groups, members of each other: no loop"
