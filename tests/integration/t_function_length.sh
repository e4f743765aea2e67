# No function over 100 lines (issue 15): every function of the programs' sources (not
# the tests), counted from its name's line to its closing brace as ctags reports them
# (universal-ctags' end: field), or, without ctags, by the house layout that awk can
# read (the name at the start of a line, the body's braces in column 0). Lists every
# function over the limit, longest first.
. "$SRC/tests/integration/lib.sh"

max=100
# Functions that may be longer for now, as FILE:NAME, each with the reason.
allow="
"

# (the lists are written here, in the test's folder; the sources are read in $SRC)
srcs=$(cd "$SRC" && find . -name '*.c' ! -path './tests/*' ! -path './bench/*' \
    ! -path './build/*' ! -path './out/*' ! -path './.git/*' | sed 's|^\./||' | sort)
[ -n "$srcs" ] || fail "no C sources under $SRC"

if command -v ctags >/dev/null 2>&1 && ctags --version 2>/dev/null | grep -q 'Universal Ctags'; then
    how=ctags
    # NAME<TAB>FILE<TAB>...line:N...end:M
    (cd "$SRC" && ctags -f - --c-kinds=f --fields=+ne $srcs) | awk -F'\t' '{
        line = end = 0
        for (i = 4; i <= NF; i++) {
            if ($i ~ /^line:/) line = substr($i, 6)
            if ($i ~ /^end:/) end = substr($i, 5)
        }
        if (line && end) print end - line + 1, $2 ":" $1
    }' >lengths
else
    how=awk
    for f in $srcs; do
        awk -v f="$f" '
            /^[A-Za-z_][A-Za-z0-9_]*\(/ && !/;[ \t]*$/ { name = $0; sub(/\(.*/, "", name); start = FNR; next }
            /^\{/ && name != "" { open = 1; next }
            /^\}/ && open { print FNR - start + 1, f ":" name; open = 0; name = "" }
        ' "$SRC/$f"
    done >lengths
fi
[ -s lengths ] || fail "no functions found with $how"
total=$(wc -l <lengths)
sort -rn lengths | awk -v max=$max '$1 > max' >long
over=
while read -r n fn; do
    case "$allow" in
    *"
$fn
"*) echo "allowed: $fn ($n lines)" ;;
    *) over="$over
  $fn: $n lines" ;;
    esac
done <long
[ -z "$over" ] || fail "functions over $max lines ($how):$over"
ok "$total functions ($how), none over $max lines but the allowed $(wc -l <long | tr -d ' ')"
