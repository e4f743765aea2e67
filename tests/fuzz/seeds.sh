#!/bin/sh
# tests/fuzz/seeds.sh NAME — prints the seed folders of fuzz harness NAME: its own
# seeds, the crashes found so far, and the shared corpora that fit it (when present).
top=$(cd "$(dirname "$0")/../.." && pwd)
n=$1
echo "$top/tests/fuzz/seeds/$n" "$top/tests/fuzz/regress/$n"
case $n in
mime | classify | html | quote | places | dates | mailhdr | process)
    [ -d "$top/../shared/corpus/mime" ] && echo "$top/../shared/corpus/mime"
    echo "$top/config/demo/Maildir/cur"
    [ -d "$top/tests/fixtures/process/Maildir/cur" ] && echo "$top/tests/fixtures/process/Maildir/cur"
    ;;
tmpl) echo "$top/templates" ;;
esac
exit 0
