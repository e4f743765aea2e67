#!/usr/bin/env python3
"""report_check.py: the group of t_report.sh, and the report's figures counted again
from `doorstep export posts` and the sqlite3 shell, independently of lib/report.c.

    report_check.py gen BIN FIRST DAYS SEED   run the group day by day (cwd: its folder)
    report_check.py check FROM TO REPORT.json compare a report with a count of our own

gen: each day from FIRST (YYYY-MM-DD) for DAYS days, with DOORSTEP_NOW at 09:00 that
day: phone-in requests and offers (doorstep post, with a private name, phone and
address), closings (doorstep close: done, taken, withdrawn), replies by mail to posts
(relayed by the next daily), rota sign-ups for today (doorstep rota assign), then
doorstep daily (fetch, process: expiry; render: digest, leaflets...). Writes
secrets.txt (every name, address, phone and title used, a line each)."""
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/London")
STREETS = ["Elm Street", "Oak Road", "Birch Close", "Ash Grove", "Willow Lane",
           "Station Road", None]
CATS = {"food": "Food parcel", "medicine": "Prescription pick-up", "transport": "Lift to clinic",
        "befriending": "Phone chat", "household": "Fix a shelf", "pets": "Dog walks"}
TASKS = {"food bank": (2, {3}), "check-in calls": (1, set(range(7)))}  # needed, weekdays


def run(bin_, now, *args, check=True):
    env = dict(os.environ, DOORSTEP_NOW=now)
    p = subprocess.run([os.path.join(bin_, args[0])] + list(args[1:]), env=env,
                       capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit("FAIL: %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


def gen(bin_, first, days, seed):
    rnd = random.Random(seed)
    secrets = set()
    open_refs = []
    start = datetime.date.fromisoformat(first)
    msgno = 0
    os.makedirs("Maildir/new", exist_ok=True)
    for d in range(days):
        day = start + datetime.timedelta(days=d)
        now = "%sT09:00:00" % day.isoformat()
        for _ in range(rnd.randint(0, 3)):
            kind = "request" if rnd.random() < 0.65 else "offer"
            cat = rnd.choice(sorted(CATS))
            street = rnd.choice(STREETS)
            n = rnd.randint(100, 999)
            title = "%s %d %s" % (CATS[cat], n, "Zebedee" if kind == "request" else "Quixote")
            name, phone = "Ottoline Snark%d" % n, "07700 900%03d" % n
            addr = "%d Marmalade Mews" % n
            secrets.update([title, name, "Snark%d" % n, addr, "Marmalade"])
            args = ["doorstep", "post", kind, "--title", title, "--category", cat,
                    "--name", name, "--phone", phone, "--address", addr]
            if kind == "request" and rnd.random() < 0.5:
                args += ["--needed-by", (day + datetime.timedelta(days=rnd.randint(1, 5))).isoformat()]
            if street:
                args += ["--street", street]
            ref = run(bin_, now, *args).split()[0]
            open_refs.append(ref)
        # a post by mail now and then: their replies are relayed by mail
        if rnd.random() < 0.5:
            msgno += 1
            who = rnd.randint(1, 30)
            kind = rnd.choice(["REQUEST", "OFFER"])
            street = rnd.choice(STREETS[:-1])
            title = "%s %d Pumpernickel" % (rnd.choice(["dog walks", "shopping", "soup"]), msgno)
            secrets.update([title, "Neighbour Wobblethorpe%d" % who, "n%d@elmpark.example.org" % who])
            with open("Maildir/new/%05d.eml" % msgno, "w") as f:
                f.write("From: Neighbour Wobblethorpe%d <n%d@elmpark.example.org>\r\n"
                        "To: help@elmpark.example.org\r\nSubject: %s: %s (%s)\r\nDate: %s\r\n"
                        "Message-ID: <post%d@elmpark.example.org>\r\n\r\nPlease.\r\n"
                        % (who, who, kind, title, street,
                           day.strftime("%a, %d %b %Y 08:00:00 +0000"), msgno))
        # closings of earlier posts
        for ref in list(open_refs):
            r = rnd.random()
            if r < 0.12:
                how = rnd.choice(["done", "done", "taken", "withdrawn"])
                p = run(bin_, now, "doorstep", "close", ref, how, check=False)
                open_refs.remove(ref)
            elif r < 0.2:
                msgno += 1
                who = rnd.randint(1, 30)
                with open("Maildir/new/%05d.eml" % msgno, "w") as f:
                    f.write("From: Helper %d <h%d@example.net>\r\nTo: help@elmpark.example.org\r\n"
                            "Subject: Re: %s\r\nDate: %s\r\nMessage-ID: <rep%d@example.net>\r\n\r\n"
                            "I can help with this, ring me.\r\n"
                            % (who, who, ref, day.strftime("%a, %d %b %Y 08:30:00 +0000"), msgno))
        # rota sign-ups for today
        for task, (needed, wdays) in TASKS.items():
            if day.weekday() in wdays:
                for k in range(rnd.randint(0, needed + 1)):
                    run(bin_, now, "doorstep", "rota", "assign", task, day.isoformat(),
                        "vol%d@example.net" % rnd.randint(1, 9))
        run(bin_, now, "doorstep", "daily")
        for (ref,) in sql("SELECT ref FROM posts WHERE message IS NOT NULL AND status = 'open'"):
            if ref not in open_refs:
                open_refs.append(ref)
    with open("secrets.txt", "w") as f:
        f.write("\n".join(sorted(secrets)) + "\n")


def sql(query):
    out = subprocess.run(["sqlite3", "-batch", "-noheader", "-separator", "|", "doorstep.db", query],
                         capture_output=True, text=True, check=True).stdout
    return [line.split("|") for line in out.splitlines()]


def instant(s):
    return datetime.datetime.fromisoformat(s) if s else None


def check(frm, to, path):
    rep = json.load(open(path))
    begin = datetime.datetime.combine(datetime.date.fromisoformat(frm), datetime.time(), TZ)
    end = datetime.datetime.combine(datetime.date.fromisoformat(to) + datetime.timedelta(days=1),
                                    datetime.time(), TZ)
    posts = [json.loads(l) for l in subprocess.run(
        [os.path.join(os.environ["BIN"], "doorstep"), "export", "posts"],
        capture_output=True, text=True, check=True).stdout.splitlines()]

    def inp(t):
        return t is not None and begin <= t < end

    want = {}

    def bump(key, group, field, n=1):
        want.setdefault(key, {}).setdefault(group, {}).setdefault(field, 0)
        want[key][group][field] += n

    days = {}
    for p in posts:
        if p["status"] in ("held", "triage"):
            continue
        c, cl = instant(p["created_at"]), instant(p["closed_at"])
        keys = ["total", "c:" + p["category"], "a:" + (p["area"] or "")]
        for k in keys:
            if p["kind"] == "request":
                bump(k, "requests", "made", inp(c))
                bump(k, "requests", "met", p["status"] in ("done", "taken") and inp(cl))
                bump(k, "requests", "withdrawn", p["status"] == "withdrawn" and inp(cl))
                bump(k, "requests", "expired", p["status"] == "expired" and inp(cl))
                bump(k, "requests", "open", c < end and (p["status"] == "open" or
                                                         (cl is not None and cl >= end)))
                if p["status"] in ("done", "taken") and inp(cl):
                    days.setdefault(k, []).append((cl - c).total_seconds() / 86400)
            else:
                bump(k, "offers", "made", inp(c))
                bump(k, "offers", "taken", p["status"] in ("done", "taken") and inp(cl))
                bump(k, "offers", "open", c < end and (p["status"] == "open" or
                                                       (cl is not None and cl >= end)))
    b, e = int(begin.timestamp()), int(end.timestamp())
    for cat, area, how, at in sql("SELECT p.category, coalesce(p.area, ''), r.how, r.relayed_at"
                                  " FROM responses r JOIN posts p ON p.id = r.post"):
        if at and b <= int(at) < e and how in ("relay", "coordinators"):
            for k in ("total", "c:" + cat, "a:" + area):
                bump(k, "responses", "relayed" if how == "relay" else "to_coordinators")
    problems = []

    def same(what, got, exp):
        if got != exp:
            problems.append("%s: report %r, counted %r" % (what, got, exp))

    def compare(k, got):
        for group in ("requests", "offers", "responses"):
            for field, v in got[group].items():
                same("%s %s.%s" % (k, group, field), v, want.get(k, {}).get(group, {}).get(field, 0))
        m = days.get(k)
        same("%s median" % k, got["median_days_to_met"],
             round(statistics.median(m), 1) if m else None)

    compare("total", rep)
    for c, v in rep["by_category"].items():
        compare("c:" + c, v)
    for a, v in rep["by_area"].items():
        compare("a:" + a, v)
    # every category and area counted is in the report
    for k in want:
        if k.startswith("c:") and k[2:] not in rep["by_category"]:
            problems.append("category %s missing" % k[2:])
        if k.startswith("a:") and k[2:] not in rep["by_area"]:
            problems.append("area %r missing" % k[2:])
    # rota: each task on each day it runs needs its places; sign-ups fill them, no more
    needed = filled = 0
    slots = {(t, d): int(n) for t, d, n in sql("SELECT task, day, count(*) FROM rota_slots GROUP BY 1, 2")}
    # from the group's first day: its first run, post or sign-up
    first = min(int(t) for (t,) in sql("SELECT min(started_at) FROM runs UNION ALL"
                                       " SELECT min(created_at) FROM posts UNION ALL"
                                       " SELECT min(created_at) FROM rota_slots") if t)
    day = max(begin.date(), datetime.datetime.fromtimestamp(first, TZ).date())
    while day < end.date():
        for task, (n, wdays) in TASKS.items():
            if day.weekday() in wdays:
                needed += n
                filled += min(n, slots.get((task, day.isoformat()), 0))
        day += datetime.timedelta(days=1)
    same("rota.needed", rep["rota"]["needed"], needed)
    same("rota.filled", rep["rota"]["filled"], filled)
    # leaflets: a day's PDF holds one leaflet per area; a street's doors count once
    rows = sql("SELECT day, leaflet, area, street, part, doors FROM leaflet_prints"
               " WHERE day >= '%s' AND day <= '%s'" % (frm, to))
    same("leaflets.printed", rep["leaflets"]["printed"], len({(r[0], r[1]) for r in rows}))
    doors = {}
    for r in rows:
        if r[3]:
            doors[(r[2], r[3], r[4])] = max(doors.get((r[2], r[3], r[4]), 0), int(r[5]))
    same("leaflets.doors", rep["leaflets"]["doors"], sum(doors.values()))
    same("leaflets.days", rep["leaflets"]["days"], len({r[0] for r in rows}))
    # weeks: Monday to Sunday, cut to the period, together the period
    w = rep["by_week"]
    same("first week", w[0]["from"], frm)
    same("last week", w[-1]["to"], to)
    same("weeks' requests made", sum(x["requests"]["made"] for x in w), rep["requests"]["made"])
    same("weeks' requests met", sum(x["requests"]["met"] for x in w), rep["requests"]["met"])
    same("weeks' offers made", sum(x["offers"]["made"] for x in w), rep["offers"]["made"])
    for x in w[1:]:
        same("week %s starts on a Monday" % x["from"],
             datetime.date.fromisoformat(x["from"]).weekday(), 0)
    if problems:
        sys.exit("FAIL: %s to %s:\n  %s" % (frm, to, "\n  ".join(problems)))
    print("made %d met %d withdrawn %d expired %d open %d offers %d relayed %d coord %d" % (
        rep["requests"]["made"], rep["requests"]["met"], rep["requests"]["withdrawn"],
        rep["requests"]["expired"], rep["requests"]["open"], rep["offers"]["made"],
        rep["responses"]["relayed"], rep["responses"]["to_coordinators"]))


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        check(sys.argv[2], sys.argv[3], sys.argv[4])
