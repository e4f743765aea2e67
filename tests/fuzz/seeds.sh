#!/bin/sh
# tests/fuzz/seeds.sh NAME [--replay] — prints the seed folders of fuzz harness NAME:
# its own seeds, the crashes found so far, and the shared corpora that fit it (when
# present). With --replay (make check), also "--open" and the folder of the crashes
# found but not fixed yet (tests/fuzz/open/NAME/), which the replay driver expects to
# crash still; libFuzzer is not given them, since each would stop it at once.
top=$(cd "$(dirname "$0")/../.." && pwd)
n=$1
echo "$top/tests/fuzz/seeds/$n" "$top/tests/fuzz/regress/$n"
case $n in
mime | classify | html | quote | places | redact | dates | mailhdr | fields | process)
    [ -d "$top/../shared/corpus/mime" ] && echo "$top/../shared/corpus/mime"
    echo "$top/config/demo/Maildir/cur"
    [ -d "$top/tests/fixtures/process/Maildir/cur" ] && echo "$top/tests/fixtures/process/Maildir/cur"
    [ -d "$top/tests/fixtures/privacy/Maildir/cur" ] && echo "$top/tests/fixtures/privacy/Maildir/cur"
    ;;
tmpl) echo "$top/templates" ;;
esac
[ "${2:-}" = --replay ] && [ -d "$top/tests/fuzz/open/$n" ] && echo --open "$top/tests/fuzz/open/$n"
exit 0
