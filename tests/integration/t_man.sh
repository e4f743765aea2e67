# The man pages: mandoc finds nothing to warn about, every program has a page with
# the sections STYLE.md asks for, every long option of --help is in its program's
# page, and doorstep.ini(5) documents every key config/example.ini documents.
. "$SRC/tests/integration/lib.sh"

command -v mandoc >/dev/null 2>&1 || skip "mandoc is not installed (Debian package mandoc)"
man=$SRC/docs/man
bs=$(printf '\b')

# mandoc renders a page as plain text, on one long line per paragraph so that no
# option is broken across lines, without the backspaces of bold and underline.
render() { mandoc -T ascii -O width=1000 "$1" | sed "s/.$bs//g"; }

# 1. Lint: not a single warning.
found=0
for page in "$man"/*.[15]; do
    [ -f "$page" ] || continue
    found=$((found + 1))
    mandoc -T lint -W warning "$page" >>lint 2>&1
done
[ "$found" -gt 0 ] || fail "no man pages in $man"
if [ -s lint ]; then
    cat lint >&2
    fail "mandoc -T lint -W warning complains (above)"
fi
ok "$found pages pass mandoc -T lint -W warning"

# 2. A page per program, with SYNOPSIS, EXIT STATUS, FILES and EXAMPLES, that names
#    every long option the program's --help prints.
for prog in "$BIN"/*; do
    [ -f "$prog" ] && [ -x "$prog" ] || continue
    p=$(basename "$prog")
    page=$man/$p.1
    [ -f "$page" ] || fail "$p has no man page ($page)"
    for sh in SYNOPSIS DESCRIPTION "EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
        grep -q "^\.Sh $sh\$" "$page" || fail "$page has no $sh section"
    done
    "$prog" --help >help 2>&1 || fail "$p --help failed"
    awk '{ while (match($0, /--[a-z][a-z-]*/)) {
               print substr($0, RSTART, RLENGTH); $0 = substr($0, RSTART + RLENGTH) } }' \
        help | sort -u >options
    [ -s options ] || fail "$p --help prints no long option"
    render "$page" >text
    while read -r opt; do
        grep -Fq -- "$opt" text || fail "$page does not mention $opt (printed by $p --help)"
    done <options
    ok "$p: page, sections and $(wc -l <options | tr -d ' ') long options"
done
[ -f "$man/doorstep.ini.5" ] || fail "no doorstep.ini.5"

# 3. Every key of the schema, as config/example.ini documents it: "key = value" lines
#    under [section], except the free keys of [areas], [categories] and the [rota]
#    tasks. The page lists each key as ".It Ic key ..." under ".Ss [section]".
awk '
/^[ \t]*[;#]/ { next }
/^[ \t]*\[/ {
    s = $0; sub(/^[ \t]*\[[ \t]*/, "", s); sub(/[ \t]*\].*$/, "", s)
    sec = tolower(s); next
}
/=/ {
    k = $0; sub(/[ \t]*=.*$/, "", k); sub(/^[ \t]*/, "", k); k = tolower(k)
    if (sec == "" || k == "" || sec == "areas" || sec == "categories") next
    if (sec == "rota" && k != "days" && k != "paper") next
    print sec "." k
}' "$SRC/config/example.ini" | sort -u >schema_keys
[ "$(wc -l <schema_keys)" -ge 30 ] || { cat schema_keys >&2; fail "too few keys read from config/example.ini"; }

awk '
/^\.Sh / { sec = ""; next }
/^\.Ss / { sec = ""; if (match($0, /\[[a-z_]+\]/)) sec = substr($0, RSTART + 1, RLENGTH - 2); next }
/^\.It Ic / && sec != "" { print sec "." $3 }' "$man/doorstep.ini.5" | sort -u >page_keys

missing=$(comm -23 schema_keys page_keys)
[ -z "$missing" ] || fail "doorstep.ini.5 does not document: $(echo $missing)"
ok "doorstep.ini.5 documents all $(wc -l <schema_keys | tr -d ' ') keys of config/example.ini"
