#!/usr/bin/env python3
"""imap-floor.py — the practical floor of fetching a mailbox from an IMAP server: one
login, EXAMINE, and a single UID FETCH 1:* BODY.PEEK[] whose answer is read whole and
thrown away (what any client must at least wait for). Python's imaplib, plain IMAP.

    imap-floor.py HOST PORT USER PASSWORD_FILE MAILBOX
Prints the number of messages and bytes received.
"""
import imaplib
import sys

host, port, user, pwfile, box = sys.argv[1:6]
with open(pwfile) as f:
    password = f.readline().rstrip("\n")
m = imaplib.IMAP4(host, int(port))
m.login(user, password)
typ, data = m.select('"%s"' % box, readonly=True)
if typ != "OK":
    sys.exit("imap-floor: EXAMINE %s: %s" % (box, data))
typ, data = m.uid("FETCH", "1:*", "(BODY.PEEK[])")
if typ != "OK":
    sys.exit("imap-floor: UID FETCH: %s" % data)
n = sum(1 for item in data if isinstance(item, tuple))
size = sum(len(item[1]) for item in data if isinstance(item, tuple))
m.logout()
print("%d messages, %d bytes" % (n, size))
