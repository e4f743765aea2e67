# Every file the design documents name exists (nothing is built): each word of
# docs/ARCHITECTURE.md and docs/INTERNALS.md that looks like a path in one of the
# project's folders (lib/conf.c, tests/integration/lib.sh, tests/fixtures/privacy) must
# be a file or folder of the tree. A name with a placeholder in capitals
# (tests/fuzz/fuzz_NAME.c, templates/reply-KIND.txt) or a * (rules/classify*.c) must
# match at least one file, read as a pattern. Lines between <!-- landing --> and
# <!-- /landing --> (the files that other branches bring, for the merge to verify) are
# not read. The check is first run on a copy of a document with a wrong name planted,
# which it must find.
# shellcheck disable=SC2016 # (file-wide) the backquotes planted below are Markdown
. "$SRC/tests/integration/lib.sh"

folders='lib|mail|rules|fetch|process|send|render|front|tests|templates|config|docs|bench'

# check ROOT DOC...: prints each name of the DOCs that is not under ROOT; exits 1 if any
check() {
    root=$1 bad=0
    shift
    for doc in "$@"; do
        [ -f "$doc" ] || { echo "$doc: no such document"; bad=1; continue; }
        # the paths of each line outside the landing list (../ links read from the top),
        # a sentence's full stop off
        awk '/<!-- landing -->/{skip=1} /<!-- \/landing -->/{skip=0; next} !skip' "$doc" |
            sed 's|\.\./||g' | grep -oE "(^|[^A-Za-z0-9_./-])($folders)/[A-Za-z0-9_./@*-]*" |
            sed -E 's/^[^A-Za-z]//; s/[.]+$//' | sort -u >names
        while read -r name; do
            path=${name%/}
            [ -e "$root/$path" ] && continue
            # a placeholder (capitals joined by - or _: fuzz_NAME.c, digest-DATE.eml)
            # stands for any name; README.md and TEMPLATES.md are names
            pattern=$(printf '%s' "$path" | sed -E 's/([_-])[A-Z]{2,}/\1*/g; s/[A-Z]{2,}([_-])/*\1/g')
            if [ "$pattern" != "$path" ] || [ "${path#*\*}" != "$path" ]; then
                # shellcheck disable=SC2086
                set -- $root/$pattern
                [ -e "$1" ] && continue
            fi
            echo "${doc##*/}: $name: no such file"
            bad=1
        done <names
    done
    return $bad
}

docs="$SRC/docs/ARCHITECTURE.md $SRC/docs/INTERNALS.md"

# a planted wrong name (in a copy of the documents) must be found; one in the landing
# list must not be
mkdir planted
for d in $docs; do cp "$d" planted/; done
printf '\nThe loop is `process/post.c` and the outbox `render/outbox.c`.\n' >>planted/ARCHITECTURE.md
printf '\nSee `mail/mime.c`, `tests/fuzz/fuzz_NAME.c`, `lib/nosuch_MODULE.h` and [b](../bench/READ.md).\n' >>planted/INTERNALS.md
printf '\nAll in `mail/mi*.c`, none in `rules/nosuch*.c`.\n' >>planted/INTERNALS.md
printf '<!-- landing -->\n- `lib/landing.c`\n<!-- /landing -->\n' >>planted/ARCHITECTURE.md
(check "$SRC" planted/ARCHITECTURE.md planted/INTERNALS.md) >planted.out &&
    fail "the check found nothing in documents with wrong names planted"
for want in 'ARCHITECTURE.md: process/post.c: no such file' \
    'ARCHITECTURE.md: render/outbox.c: no such file' \
    'INTERNALS.md: lib/nosuch_MODULE.h: no such file' 'INTERNALS.md: bench/READ.md: no such file' \
    'INTERNALS.md: rules/nosuch\*.c: no such file'; do
    expect_grep "$want" planted.out
done
expect_no_grep 'mail/mime.c|mail/mi\*|fuzz_NAME|lib/landing.c' planted.out

# shellcheck disable=SC2086
check "$SRC" $docs >found || { cat found >&2; fail "the documents name files the tree does not have"; }
ok "every file named in docs/ARCHITECTURE.md and docs/INTERNALS.md exists"
