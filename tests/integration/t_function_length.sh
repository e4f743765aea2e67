# No function over 100 lines (issue 15): every function of the programs' sources (not
# the tests), counted from its name's line to its closing brace as ctags reports them
# (universal-ctags' end: field), or, without ctags, by the house layout that awk can
# read (the name at the start of a line, the body's braces in column 0). Lists every
# function over the limit, longest first. And no C file of the programs' folders over
# 800 lines (STYLE.md: split by concept before a file passes about 800 lines). Both
# checks are first run on a copy of the sources with a violation of each planted,
# which they must find.
. "$SRC/tests/integration/lib.sh"

max=100
# Functions that may be longer for now, as FILE:NAME, each with the reason.
allow="
"

maxfile=800
# The folders whose C files are the programs' (the Makefile's LAYERS).
folders="lib fetch mail rules process send render front"
# C files that may be longer, as FILE: the reason.
# (none since rules/phrases.c was split into the matcher and the lists of each language)
allow_files=""

# lengths ROOT: "LINES FILE:FUNCTION" for every function of ROOT's C sources (not the
# tests) into ./lengths, FILE relative to ROOT; sets $how (ctags or awk).
lengths() {
    root=$1
    srcs=$(cd "$root" && find . -name '*.c' ! -path './tests/*' ! -path './bench/*' \
        ! -path './build/*' ! -path './out/*' ! -path './.git/*' | sed 's|^\./||' | sort)
    [ -n "$srcs" ] || fail "no C sources under $root"
    if command -v ctags >/dev/null 2>&1 && ctags --version 2>/dev/null | grep -q 'Universal Ctags'; then
        how='ctags'
        # NAME<TAB>FILE<TAB>...line:N...end:M
        # shellcheck disable=SC2086 # one word a file
        (cd "$root" && ctags -f - --c-kinds=f --fields=+ne $srcs) | awk -F'\t' '{
            line = end = 0
            for (i = 4; i <= NF; i++) {
                if ($i ~ /^line:/) line = substr($i, 6)
                if ($i ~ /^end:/) end = substr($i, 5)
            }
            if (line && end) print end - line + 1, $2 ":" $1
        }' >lengths
    else
        how='awk'
        for f in $srcs; do
            awk -v f="$f" '
                /^[A-Za-z_][A-Za-z0-9_]*\(/ && !/;[ \t]*$/ { name = $0; sub(/\(.*/, "", name); start = FNR; next }
                /^\{/ && name != "" { open = 1; next }
                /^\}/ && open { print FNR - start + 1, f ":" name; open = 0; name = "" }
            ' "$root/$f"
        done >lengths
    fi
    [ -s lengths ] || fail "no functions found with $how under $root"
}

# long_functions ROOT: prints each function of ROOT over $max lines but the allowed
# ones, longest first, as "  FILE:NAME: N lines"; the allowed ones go to ./allowed.
long_functions() {
    lengths "$1"
    : >allowed
    sort -rn lengths | awk -v max=$max '$1 > max' | while read -r n fn; do
        case "$allow" in
        *"
$fn
"*) echo "allowed: $fn ($n lines)" >>allowed ;;
        *) echo "  $fn: $n lines" ;;
        esac
    done
}

# long_files ROOT: prints each C file of ROOT's $folders over $maxfile lines but the
# allowed ones, as "  FILE: N lines"; the allowed ones, with their reason, go to
# ./allowed_files.
long_files() {
    : >allowed_files
    for d in $folders; do
        for f in "$1/$d"/*.c; do
            [ -e "$f" ] || continue
            n=$(wc -l <"$f" | tr -d ' ')
            [ "$n" -gt $maxfile ] || continue
            name=$d/${f##*/}
            why=$(printf '%s\n' "$allow_files" | sed -n "s|^$name: ||p")
            if [ -n "$why" ]; then
                echo "allowed: $name ($n lines): $why" >>allowed_files
            else
                echo "  $name: $n lines"
            fi
        done
    done
}

# a copy of the sources with a function of 101 lines and a file of 801 planted; the
# file of exactly 800 lines passes
mkdir planted
for d in $folders; do
    mkdir "planted/$d" && cp "$SRC/$d"/*.c "planted/$d/"
done
{
    printf '/* planted.c */\nint\nplanted_long(int x)\n{\n'
    i=0
    while [ $i -lt 97 ]; do printf '    x++;\n'; i=$((i + 1)); done
    printf '    return x;\n}\n'
} >planted/lib/planted_long.c
{
    printf '/* planted_big.c */\n'
    i=0
    while [ $i -lt 800 ]; do printf '/* %d */\n' $i; i=$((i + 1)); done
} >planted/render/planted_big.c
head -800 planted/render/planted_big.c >planted/front/planted_edge.c
long_functions "$PWD/planted" >planted.out
expect_grep '^  lib/planted_long.c:planted_long: 101 lines$' planted.out
long_files "$PWD/planted" >planted_files.out
expect_grep '^  render/planted_big.c: 801 lines$' planted_files.out
expect_no_grep 'planted_edge|phrases' planted_files.out

long_functions "$SRC" >over
[ ! -s over ] || fail "functions over $max lines ($how):
$(cat over)"
cat allowed
long_files "$SRC" >over_files
[ ! -s over_files ] || fail "C files over $maxfile lines (split them by concept, as rules/classify*.c and rules/redact*.c were):
$(cat over_files)"
cat allowed_files
ok "$(wc -l <lengths | tr -d ' ') functions ($how), none over $max lines but the allowed $(wc -l <allowed | tr -d ' '); no C file of $folders over $maxfile lines but the allowed $(wc -l <allowed_files | tr -d ' ')"
