# Who may include whom, read from the sources (nothing is built): the Makefile's
# INC_FOLDER lines say which folders' headers each folder's files may include (the
# compiler gets the same lines as -I paths). Every #include "x.h" of a folder must
# name a header of one of its allowed folders; no file name is in two folders (an
# include would depend on the -I order, a name on its folder); mail/ and rules/ never
# use SQLite. The
# check is first run on a copy of the tree with a violation planted, which it must
# find.
. "$SRC/tests/integration/lib.sh"

# check ROOT: prints each violation under ROOT; exits 1 if there is any.
check() {
    root=$1 bad=0
    sed -n 's/^INC_\([a-z]*\) *= *\(.*\)$/\1 \2/p' "$root/Makefile" >table
    [ -s table ] || { echo "no INC_FOLDER lines in the Makefile"; return 1; }
    layers=$(cut -d' ' -f1 table | tr '\n' ' ')
    # every source folder of the Makefile has its line
    for d in $(sed -n 's/^LAYERS *= *//p' "$root/Makefile"); do
        grep -q "^$d " table || { echo "LAYERS names $d, which has no INC_$d line"; bad=1; }
    done
    # a file name in one folder only (but each program's main.c): one name, one concept
    for d in $layers; do ls "$root/$d" | grep -E '\.[ch]$'; done | grep -vx main.c | sort |
        uniq -d >twice
    [ ! -s twice ] || { echo "file names in two folders: $(tr '\n' ' ' <twice)"; bad=1; }
    while read -r d allowed; do
        [ -d "$root/$d" ] || { echo "INC_$d: no folder $d"; bad=1; continue; }
        for f in "$root/$d"/*.[ch]; do
            [ -e "$f" ] || continue
            for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
                found=
                for a in $allowed; do
                    [ -e "$root/$a/$h" ] && found=$a
                done
                [ -n "$found" ] && continue
                where=
                for a in $layers; do
                    [ -e "$root/$a/$h" ] && where="$where $a/"
                done
                where=${where# }
                echo "$d/${f##*/} includes \"$h\" (${where:-nowhere}): $d may include $allowed only"
                bad=1
            done
        done
    done <table
    for d in mail rules; do
        if grep -ni 'sqlite' "$root/$d"/*.[ch] >sqlite_uses 2>/dev/null; then
            sed "s|^$root/||; s|^|SQLite in $d/: |" sqlite_uses
            bad=1
        fi
    done
    return $bad
}

# a copy of the sources (only what the check reads), with one violation per rule
mkdir planted
cp "$SRC/Makefile" planted/
for d in $(sed -n 's/^INC_\([a-z]*\) *=.*/\1/p' "$SRC/Makefile"); do
    mkdir -p "planted/$d" && cp "$SRC/$d"/*.[ch] "planted/$d/" 2>/dev/null
done
printf '#include "classify.h"\n' >>planted/render/digest.c
printf '#include "db.h"\nstatic sqlite3 *x;\n' >>planted/rules/words.c
printf '#include "store.h"\n' >>planted/mail/quote.c
cp planted/render/rota.c planted/front/rota.c
(check "$PWD/planted") >planted.out && fail "the check found nothing in a tree with violations planted"
for want in 'render/digest.c includes "classify.h" \(rules/\)' \
    'SQLite in rules/: rules/words.c' 'mail/quote.c includes "store.h" \(fetch/\)' \
    'file names in two folders: rota.c'; do
    expect_grep "$want" planted.out
done

check "$SRC" >found || { cat found >&2; fail "the sources break the Makefile's include table (INC_FOLDER)"; }
ok "$(wc -l <table) folders, each including only what its INC_ line allows; no SQLite in mail/ or rules/"
