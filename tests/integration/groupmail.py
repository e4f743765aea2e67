#!/usr/bin/env python3
"""groupmail.py: a group's mail for the tests that run the stages against each other
(t_kill.sh, t_concurrent.sh): offers and requests on the demo streets, closings of
earlier requests and chatter, N messages, deterministic for a seed.

    groupmail.py DIR N --seed S --lines L --tag T [--slices K]

Message I gets 1..L lines of body and Message-ID <T-I@elmpark.example.org>. Without
--slices the files are DIR/00001.eml...; with K slices they are DIR/1 .. DIR/K, in
order, named so that they sort in the order written (fetch reads a maildir in name
order) and as maildir files ("000001.T:2,")."""
import argparse
import os
import random

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("n", type=int)
ap.add_argument("--seed", type=int, required=True)
ap.add_argument("--lines", type=int, required=True)
ap.add_argument("--tag", required=True)
ap.add_argument("--slices", type=int, default=0)
a = ap.parse_args()

rnd = random.Random(a.seed)
streets = ["Elm Street", "Oak Road", "Birch Close", "Ash Grove", "Willow Lane", "Station Road"]
things = ["shopping", "a lift to the hospital", "prescription pick-up", "dog walks",
          "a chat on the phone", "soup", "help with the garden", "a loan of a ladder"]
os.makedirs(a.dir, exist_ok=True)
reqs = 0
for i in range(1, a.n + 1):
    r = rnd.random()
    if r < 0.4:
        subj = "OFFER: %s (%s)" % (rnd.choice(things), rnd.choice(streets))
    elif r < 0.8:
        subj = "REQUEST: %s (%s)" % (rnd.choice(things), rnd.choice(streets))
        reqs += 1
    elif r < 0.9 and reqs:
        subj = "DONE R-%04d" % rnd.randint(1, reqs)
    else:
        subj = "Thanks everyone %d" % i
    who = rnd.randint(1, 40)
    body = "Hello,\r\n\r\nMessage %d about %s.\r\n" % (i, subj) * rnd.randint(1, a.lines)
    msg = ("From: Neighbour %d <n%d@elmpark.example.org>\r\nTo: help@elmpark.example.org\r\n"
           "Subject: %s\r\nDate: Tue, 24 Nov 2026 %02d:%02d:%02d +0000\r\n"
           "Message-ID: <%s-%d@elmpark.example.org>\r\n\r\n%s"
           % (who, who, subj, 6 + i // 3600, (i // 60) % 60, i % 60, a.tag, i, body))
    if a.slices:
        d = os.path.join(a.dir, str((i - 1) * a.slices // a.n + 1))
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, "%06d.%s:2," % (i, a.tag))
    else:
        path = os.path.join(a.dir, "%05d.eml" % i)
    with open(path, "wb") as f:
        f.write(msg.encode())
