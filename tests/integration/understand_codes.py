#!/usr/bin/env python3
"""understand_codes.py HALF_DIR MAILDIR posts.jsonl — puts the codes doorstep gave into
the closings of the understanding corpus that name a post by its code.

make_understand.py writes a closing's code ("TAKEN: O-0040") as the code its post
would get if every expected post before it became a post, in order: one message
classified differently earlier shifts every later code, and the closing then names
someone else's post or none, so the closings-linked figure measured the earlier
misses, not the closing rules. The test processes the corpus, reads here which code
each closed post really got, rewrites those codes in its copy of the Maildir and
processes it again (until the codes hold still). A closed post that did not become a
post is named by a code of no post (O-9nnn), as its poster would have no code to give.
Prints how many closings changed."""
import csv
import json
import os
import re
import sys

half, maildir, posts_path = sys.argv[1:4]
rows = list(csv.DictReader(open(os.path.join(half, "EXPECTED.tsv")), delimiter="\t"))
refs_of = {}
for p in map(json.loads, open(posts_path)):
    refs_of.setdefault(p["message_id"].split(".")[0], []).append(p["ref"])
changed = 0
for n, r in enumerate(rows):
    if r["kind"] != "closing" or not r["ref"] or "(closes " not in r["notes"]:
        continue
    key = r["notes"].split("(closes ")[1].rstrip(")")
    want = r["ref"]  # the code make_understand.py wrote in the mail
    got = [c for c in refs_of.get(key, []) if c[0] == want[0]]
    new = got[0] if got else "%s-9%03d" % (want[0], n)
    path = os.path.join(maildir, r["file"])
    raw = open(path, "rb").read()
    # the code the mail names now: the generator's, or one put here in a pass before
    names = [m.group(0) for m in re.finditer(rb"\b[OR]-\d{4}\b", raw)]
    if not names:  # closed in its thread, or by words: no code to put right
        continue
    old = names[0]
    if old == new.encode():
        continue
    open(path, "wb").write(re.sub(rb"\b%s\b" % re.escape(old), new.encode(), raw))
    changed += 1
print(changed)
