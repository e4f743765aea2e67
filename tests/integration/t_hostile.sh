# Hostile mail, one check per class: CR/LF and control characters in names and
# subjects never make new header fields in outgoing mail (and are stored as one line
# without control characters, so no terminal escapes reach `member list`); {{...}} in member text is
# shown literally, never run as a template; SQL metacharacters are data; attachment
# names with ../ are never used as paths; a forged closing leaves the post open; a
# message with thousands of recipients, invalid UTF-8 and NUL bytes, 5000 nested
# multiparts and a self-referencing multipart each go through doorstep daily without
# a crash or a hang, end processed, ignored or quarantined with a reason, and every
# outgoing mail stays valid.
. "$SRC/tests/integration/lib.sh"

command -v timeout >/dev/null 2>&1 || skip "timeout (coreutils) is not installed"
write_config doorstep.ini
sed -i 's/^\[smtp\]/[digest]\nto = members\n\n[smtp]/' doorstep.ini
ESC=hostile-escape-$$
python3 - Maildir "$ESC" <<'PY'
import os, sys
d, esc = sys.argv[1], sys.argv[2]
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(d, sub), exist_ok=True)
n = 0
def mail(name, raw):
    global n
    n += 1
    if isinstance(raw, str):
        raw = raw.encode()
    open(os.path.join(d, "new", "1795000%03d.%s" % (n, name)), "wb").write(raw)
def msg(frm, subj, body, extra=b"", date="Tue, 24 Nov 2026 07:%02d:00 +0000"):
    h = (b"From: " + frm + b"\r\nTo: help@elmpark.example.org\r\nSubject: " + subj +
         b"\r\nDate: " + (date % (n + 1)).encode() + b"\r\nMessage-ID: <h%d@example.org>\r\n" % (n + 1) + extra)
    return h + b"\r\n" + body
# forged closing: Ann's request (R-0001), closed by Mallory
mail("ann", msg(b"Ann Lee <ann@example.com>", b"REQUEST: lift to the GP Friday (Oak Road)",
                b"Could anyone give me a lift to the GP?\r\n"))
mail("forged", msg(b"Mallory <mallory@example.net>", b"DONE R-0001", b"Done! (not really)\r\n"))
# CR/LF and control characters in the name and subject, raw and RFC 2047 encoded
mail("crlf", msg(b"=?UTF-8?Q?Eve=0D=0ABcc:_victim@evil.example=0D=0AX-Injected:_1?= <eve@example.com>",
                 b"=?UTF-8?Q?REQUEST:_soup=0D=0ABcc:_victim2@evil.example=0D=0A=0D=0Abody?= (Elm Street)",
                 b"Soup please.\r\n"))
mail("ctrl", msg(b"Ctl\x01\x1b[31m\x7f Name <ctl@example.com>",
                 b"OFFER: spare\rX-Injected: 2\x0b\x0c\x1b[2J chairs (Ash Grove)",
                 b"Chairs to give away.\r\n"))
# templates
mail("tmpl", msg(b"{{group.name}} <tmpl@example.com>",
                 b"OFFER: {{group.name}} {{#posts}}loop{{/posts}} {{{raw}}} {{>partial}} lawnmower (Willow Lane)",
                 b"{{=<% %>=}} <% group.name %> {{! comment }}\r\n"))
# SQL metacharacters everywhere
mail("sql", msg(b'"Robert\'); DROP TABLE members;--" <bobby@example.com>',
                b"REQUEST: '; DROP TABLE posts; -- help with bins (Station Road)",
                b"'; DELETE FROM messages; --\r\n\" OR 1=1 --\r\n",
                extra=b"In-Reply-To: <'); DROP TABLE outbox;--@x>\r\n"))
# attachment names that climb out
att = ("--b1\r\nContent-Type: text/plain\r\n\r\nOFFER of a ladder.\r\n"
       "--b1\r\nContent-Type: application/octet-stream\r\n"
       "Content-Disposition: attachment; filename=\"../../../../tmp/%s-a\"\r\n\r\nX\r\n"
       "--b1\r\nContent-Type: text/plain; name=\"/tmp/%s-b\"\r\n"
       "Content-Disposition: attachment; filename*=UTF-8''..%%2F..%%2F%s-c\r\n\r\nY\r\n--b1--\r\n"
       % (esc, esc, esc)).encode()
mail("attach", msg(b"Att <att@example.com>", b"OFFER: ladder (Birch Close)", att,
                   extra=b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n"))
# thousands of recipients
to = b",\r\n ".join(b"n%d@example.org" % i for i in range(5000))
mail("many", msg(b"Many <many@example.com>", b"OFFER: apples (Elm Street)", b"Apples.\r\n",
                 extra=b"Cc: " + to + b"\r\n"))
# invalid UTF-8 and NUL bytes in the name, subject and body
mail("bytes", msg(b"Bad \xff\xfe\xc0\xaf Bytes <bytes@example.com>",
                  b"REQUEST: help \xed\xa0\x80 with\x00 shopping (Oak Road)",
                  b"Body with \x00 NUL and \xf8\x88\x80\x80\x80 bad bytes.\r\n",
                  extra=b"Content-Type: text/plain; charset=utf-8\r\n"))
# 5000 nested multiparts
depth = 5000
nested = b"".join(b"--n%d\r\nContent-Type: multipart/mixed; boundary=\"n%d\"\r\n\r\n" % (i, i + 1)
                  for i in range(depth))
nested += b"--n%d\r\nContent-Type: text/plain\r\n\r\nOFFER deep.\r\n--n%d--\r\n" % (depth, depth)
nested += b"".join(b"--n%d--\r\n" % i for i in reversed(range(depth)))
mail("nested", msg(b"Deep <deep@example.com>", b"OFFER: deep (Elm Street)", nested,
                   extra=b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"n0\"\r\n"))
# a multipart whose part is a multipart with the same boundary, and a message/rfc822
# that holds itself
selfref = (b"--s\r\nContent-Type: multipart/mixed; boundary=\"s\"\r\n\r\n"
           b"--s\r\nContent-Type: multipart/mixed; boundary=\"s\"\r\n\r\n--s--\r\n--s--\r\n")
mail("selfref", msg(b"Self <self@example.com>", b"OFFER: loops (Elm Street)", selfref,
                    extra=b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"s\"\r\n"))
PY

# every class in one run, then a second one: no crash, no hang
DOORSTEP_NOW=2026-11-24T08:00:00 expect_exit 0 timeout 300 "$BIN/doorstep" -c doorstep.ini daily
DOORSTEP_NOW=2026-11-25T08:00:00 expect_exit 0 timeout 300 "$BIN/doorstep" -c doorstep.ini daily
nmail=$(ls Maildir/new | wc -l)
[ "$(sql "SELECT count(*) FROM messages")" = "$nmail" ] || fail "messages stored: $(sql 'SELECT count(*) FROM messages') of $nmail"
[ "$(sql "SELECT count(*) FROM messages WHERE state = 'new'
          OR (state IN ('ignored', 'quarantined') AND coalesce(reason, '') = '')")" = 0 ] ||
    fail "messages without a defined end: $(sql "SELECT id, state, reason FROM messages")"
[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "integrity"
sql "SELECT id, state, coalesce(reason, '') FROM messages ORDER BY id" | cut -c1-160
ok "every message ends processed, ignored or quarantined with a reason"

# 1. headers: every mail doorstep wrote parses cleanly, with only the fields it
#    writes, each once, and none of the injected ones
ls output/*.eml output/sent/* >mails 2>/dev/null
[ -s mails ] || fail "no outgoing mail"
python3 - $(cat mails) <<'PY' || fail "outgoing mail headers (above)"
import email, email.policy, sys
allowed = {"from", "to", "cc", "reply-to", "subject", "date", "message-id", "mime-version",
           "auto-submitted", "precedence", "content-type", "content-transfer-encoding",
           "list-id", "list-unsubscribe", "list-post", "list-help", "in-reply-to", "references",
           "x-doorstep"}
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    names = [k.lower() for k in m.keys()]
    assert set(names) <= allowed, (path, set(names) - allowed)
    assert len(names) == len(set(names)), (path, names)
    assert "bcc" not in names and "x-injected" not in names, path
    for k, v in m.items():
        assert "\r" not in str(v) and "\n" not in str(v), (path, k, v)
    for part in m.walk():
        for k in part.keys():
            assert k.lower() not in ("bcc", "x-injected"), (path, k)
        if not part.is_multipart():
            part.get_content()
    assert not m.defects, (path, m.defects)
    head = raw.split(b"\r\n\r\n" if b"\r\n\r\n" in raw else b"\n\n", 1)[0]
    assert b"victim" not in head and not any(c < 32 and c not in (9, 10, 13) for c in head), (path, head)
PY
ok "CR/LF and control characters make no header fields"

# 2. templates: shown as written
python3 - output/digest-2026-11-24.eml >digest.txt <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m.get_body(("plain",)).get_content())
PY
expect_grep "\{\{group\.name\}\} \{\{#posts\}\}loop\{\{/posts\}\}" digest.txt
ok "{{...}} in member text is shown literally"

# 3. SQL metacharacters: every table is there, the title is data
for t in posts members messages outbox; do
    sql "SELECT count(*) FROM $t" >/dev/null 2>&1 || fail "table $t is gone"
done
[ "$(sql "SELECT count(*) FROM posts WHERE title LIKE '%DROP TABLE posts%'")" = 1 ] ||
    fail "the SQL-ish post: $(sql 'SELECT ref, title FROM posts')"
[ "$(sql "SELECT count(*) FROM members WHERE name LIKE '%DROP TABLE members%'")" = 1 ] ||
    fail "the SQL-ish name: $(sql 'SELECT email, name FROM members')"
ok "SQL metacharacters are data"

# 4. attachment names: noted, never a path
[ "$(sql "SELECT count(*) FROM attachments WHERE name LIKE '%$ESC%'")" -ge 1 ] ||
    fail "attachments not noted: $(sql 'SELECT name FROM attachments')"
found=$(find "$TMPDIR/.." /tmp "$SRC" -name "$ESC*" 2>/dev/null | head -3)
[ -z "$found" ] || fail "an attachment became a file: $found"
ok "attachment names with ../ are never paths"

# 5. a forged closing leaves the post open and asks a coordinator
[ "$(sql "SELECT status FROM posts WHERE ref = 'R-0001'")" = open ] ||
    fail "R-0001 closed by someone else: $(sql "SELECT status FROM posts WHERE ref = 'R-0001'")"
[ "$(sql "SELECT count(*) FROM triage t JOIN posts p ON p.id = t.post WHERE p.ref = 'R-0001'")" -ge 1 ] ||
    fail "no triage note for the forged closing"
ok "a forged closing leaves the post open"

# 6-9: the rest each end with a state (and a reason when not processed)
state_of() { # CLASS: the state and reason of the message written as CLASS
    id=$(ls Maildir/new | sort | grep -n "\.$1\$" | cut -d: -f1)
    sql "SELECT state || ': ' || coalesce(reason, 'a post ' || (SELECT ref FROM posts
         WHERE message = messages.id)) FROM messages WHERE message_id = 'h$id@example.org'"
}
for c in many bytes nested selfref; do
    st=$(state_of $c)
    [ -n "$st" ] || fail "$c: not stored"
    echo "$c: $st"
done
case $(state_of nested) in quarantined:*nested*) ;; *) fail "5000 nested multiparts: $(state_of nested)" ;; esac
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' output/digest-2026-11-24.eml ||
    fail "the digest is not valid UTF-8"
python3 - <<'PY' || fail "stored text is not valid UTF-8 (above)"
import sqlite3
db = sqlite3.connect("doorstep.db")
db.text_factory = bytes
for table, cols in (("posts", "ref, title, summary, body, street"), ("members", "email, name"),
                    ("attachments", "name, type"), ("triage", "reason")):
    for row in db.execute("SELECT %s FROM %s" % (cols, table)):
        for v in row:
            if isinstance(v, bytes):
                v.decode("utf-8")
                assert b"\0" not in v, (table, row)
# names and titles are one line of text: no control characters (terminal escapes)
for table, cols in (("posts", "title"), ("members", "name")):
    for (v,) in db.execute("SELECT %s FROM %s" % (cols, table)):
        t = (v or b"").decode("utf-8")
        assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in t), (table, t)
PY
expect_exit 0 "$BIN/doorstep" -c doorstep.ini member list
! grep -q "$(printf '\033')" out || fail "member list prints terminal escapes"
ok "many recipients, bad bytes, deep and self-referencing MIME end in a defined state"
