# tests/integration/connect.sh — helpers for t_connect*.sh (sourced after lib.sh):
# writing mail into ./Maildir, running a day, reading what doorstep sent.

# mail NAME FROM SUBJECT BODY [HEADER: VALUE]...: writes Maildir/new/NAME with a
# Message-ID <NAME@test> (extra header lines as given).
mail() {
    _n=$1 _f=$2 _s=$3 _b=$4; shift 4
    mkdir -p Maildir/new Maildir/cur Maildir/tmp
    {
        printf 'From: %s\nTo: help@elmpark.example.org\nSubject: %s\n' "$_f" "$_s"
        printf 'Date: %s\nMessage-ID: <%s@test>\n' "$(date -R -d "${DOORSTEP_NOW:-2026-12-07T08:00:00}")" "$_n"
        for h in "$@"; do printf '%s\n' "$h"; done
        printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n%b\n' "$_b"
    } >"Maildir/new/$_n"
}

# day DATE: fetch, process, render all on DATE at 08:00 (output in ./log)
day() {
    export DOORSTEP_NOW="${1}T08:00:00"
    "$BIN/doorstep-fetch" -c doorstep.ini -q >log 2>&1 &&
        "$BIN/doorstep-process" -c doorstep.ini -q >>log 2>&1 &&
        "$BIN/doorstep-render" -c doorstep.ini -v digest coordinators >>log 2>&1 ||
        { cat log >&2; fail "day $1"; }
}

# sent_json DIR: every .eml in DIR parsed by Python's email package, one JSON object
# a line: file, to, from, reply_to, subject, auto, in_reply_to, message_id, text.
sent_json() {
    /usr/bin/python3 - "$1" <<'PY'
import email, email.policy, glob, json, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml"))):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    body = m.get_body(("plain",))
    print(json.dumps({"file": os.path.basename(f), "to": str(m["To"] or ""),
        "from": str(m["From"] or ""), "reply_to": str(m["Reply-To"] or ""),
        "subject": str(m["Subject"] or ""), "auto": str(m["Auto-Submitted"] or ""),
        "in_reply_to": str(m["In-Reply-To"] or ""), "message_id": str(m["Message-ID"] or ""),
        "text": body.get_content() if body else ""}))
PY
}
