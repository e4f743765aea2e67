# tests/integration/pdf.sh — helpers to read PDFs back with poppler (sourced by the
# t_render_* and t_rota_* scripts after lib.sh). Skips the script when a tool is missing.
for tool in sqlite3 pdfinfo pdffonts pdftotext; do
    command -v $tool >/dev/null 2>&1 || skip "$tool is not installed (sqlite3, poppler-utils)"
done

# Every render in these scripts fails on text outside the margins or cut silently.
export DOORSTEP_PDF_STRICT=1

# Every poppler program these scripts run fails the script when it says anything on
# stderr (Syntax Warning, Syntax Error, Invalid ... in a CMap): the functions below
# shadow the programs, so a call redirected with 2>/dev/null is checked all the same.
# A call in the script's own shell fails at once; one in a pipeline or $(...) (a
# subshell, whose exit is lost) is logged and fails the script when it exits.
POPPLER_LOG=$PWD/poppler.log
: >"$POPPLER_LOG"
exec 9>&2 # the script's stderr, for messages from calls whose stderr is redirected
poppler() {
    _tool=$1
    shift
    _err=$(mktemp "${TMPDIR:-/tmp}/poppler.XXXXXX")
    command "$_tool" "$@" 2>"$_err"
    _rc=$?
    if [ -s "$_err" ]; then
        { echo "$_tool $*:"; cat "$_err"; } >>"$POPPLER_LOG"
        # the shell that runs sh is its parent: the script's own, or a subshell
        sh -c 'echo $PPID' >"$_err"
        _pid=$(cat "$_err")
        rm -f "$_err"
        if [ "$_pid" = "$$" ]; then
            sed 's/^/    /' "$POPPLER_LOG" >&9
            echo "FAIL: poppler warned while reading a PDF (above)" >&9
            : >"$POPPLER_LOG" # said once
            exit 1
        fi
        return 1
    fi
    rm -f "$_err"
    return $_rc
}
pdfinfo() { poppler pdfinfo "$@"; }
pdffonts() { poppler pdffonts "$@"; }
pdftotext() { poppler pdftotext "$@"; }
pdftoppm() { poppler pdftoppm "$@"; }
pdfimages() { poppler pdfimages "$@"; }
poppler_check() {
    [ -s "$POPPLER_LOG" ] || return 0
    sed 's/^/    /' "$POPPLER_LOG" >&9
    echo "FAIL: poppler warned while reading a PDF (above)" >&9
    return 1
}
trap '_rc=$?; poppler_check || _rc=1; exit $_rc' EXIT

# pages FILE: the page count; size FILE: "W x H" in points as pdfinfo prints it.
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
size() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]* x [0-9.]*\).*/\1/p'; }
expect_pages() { [ "$(pages "$1")" = "$2" ] || fail "$1 has $(pages "$1") pages, expected $2"; }
expect_size() { [ "$(size "$1")" = "$2" ] || fail "$1 is $(size "$1") pts, expected $2"; }
# text FILE OUT [FIRST LAST]: the text of FILE (or of pages FIRST..LAST) into OUT.
text() { pdftotext -layout ${3:+-f $3 -l $4} "$1" "$2" 2>/dev/null || fail "pdftotext $1"; }
# smallest FILE: the height of the smallest word (DejaVu: about 1.16 x the font size).
smallest() {
    pdftotext -bbox "$1" - 2>/dev/null |
        awk -F'"' '/<word/ { h = $8 - $4; if (min == "" || h < min) min = h } END { print min }'
}
# height FILE WORD: the height of the first WORD.
height() {
    pdftotext -bbox "$1" - 2>/dev/null |
        awk -F'"' -v w="$2" '/<word/ && index($0, ">" w "<") { print $8 - $4; exit }'
}
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }' || fail "$3: $1 < $2"; }

# within_margins FILE M: every word of every page lies at least M points (less half a
# point for rounding) inside the page's edges; fails naming the first words outside.
within_margins() {
    pdftotext -bbox "$1" - 2>/dev/null | awk -v m="$2" '
    /<page / {
        page++
        match($0, /width="[0-9.]+"/); w = substr($0, RSTART + 7, RLENGTH - 8) + 0
        match($0, /height="[0-9.]+"/); h = substr($0, RSTART + 8, RLENGTH - 9) + 0
    }
    /<word / {
        split($0, a, "\""); words++
        if (a[2] < m - 0.5 || a[4] < m - 0.5 || a[6] > w - m + 0.5 || a[8] > h - m + 0.5) {
            bad++; if (bad <= 3) print "page " page ": " $0
        }
    }
    END { if (words == 0) { print "no words"; exit 1 } exit bad > 0 }' >margins.out ||
        { cat margins.out >&2; fail "$1: text outside the $2 pt margins (above)"; }
}
