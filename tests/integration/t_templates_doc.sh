# docs/TEMPLATES.md keeps up with templates/: every template (not the partials, _*.txt)
# has an entry (a "###" heading naming its file), every file an entry names exists, and
# every docs/ file a template's comment points to exists.
. "$SRC/tests/integration/lib.sh"

doc=$SRC/docs/TEMPLATES.md
[ -s "$doc" ] || fail "no docs/TEMPLATES.md"
grep '^### ' "$doc" | tr -s ' ,' '\n\n' | grep -E '^[A-Za-z0-9_.-]+\.(txt|html)$' | sort -u >documented
[ -s documented ] || fail "no template entries (### FILE) in docs/TEMPLATES.md"
(cd "$SRC/templates" && find . -type f ! -name '_*' | sed 's|^\./||') | sort -u >shipped
missing=$(comm -23 shipped documented | tr '\n' ' ')
[ -z "$missing" ] || fail "templates without an entry in docs/TEMPLATES.md: $missing"
gone=$(comm -13 shipped documented | tr '\n' ' ')
[ -z "$gone" ] || fail "docs/TEMPLATES.md has entries for templates that do not exist: $gone"
for f in $(grep -ho 'docs/[A-Za-z0-9_./-]*[A-Za-z0-9]' "$SRC"/templates/* | sort -u); do
    [ -e "$SRC/$f" ] || fail "a template names $f, which does not exist"
done
ok "$(wc -l <shipped) templates, each with its entry"
