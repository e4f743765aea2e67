#!/usr/bin/env python3
"""measure.py — runs one command a few times and appends what it cost to a results file.

    measure.py --out RAW.jsonl --stage process --size 10000 --tool doorstep-process \\
        --messages 10000 --bytes 41234567 --runs 3 --prepare 'cp base.db run.db' \\
        -- doorstep-process -c run.ini

Each run: PREPARE (through sh, not timed), then the command itself (no shell), timed
from spawn to exit; wall time from a monotonic clock; user+system CPU time from
wait4(2); the peak resident set size from /usr/bin/time -f %M (the largest of the
process and the children it waited for). The command is started through
/usr/bin/time because the peak RSS of a process forked from Python and then exec'd
would start at Python's own (Linux keeps the larger of the two across exec); time(1)
is a small C program, whose own few hundred KB are that floor instead. Then CLEANUP
(not timed). "{run}" in
PREPARE, CLEANUP and the command's arguments becomes the run's number (1, 2, ...).

One JSON line per call goes to RAW: the median, minimum and maximum wall time, the
median CPU time, the largest peak RSS, every run's figures, and whether every run
exited 0. The command's output goes to LOGDIR/LABEL.log. Python 3 standard library.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def sh(cmd, log, what):
    if not cmd:
        return
    r = subprocess.run(cmd, shell=True, stdout=log, stderr=log)
    if r.returncode != 0:
        raise SystemExit("measure.py: %s failed (exit %d): %s" % (what, r.returncode, cmd))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True, help="JSON Lines file to append to")
    ap.add_argument("--logdir", default=".")
    ap.add_argument("--stage", required=True)
    ap.add_argument("--size", type=int, default=0, help="messages in the corpus (or groups, leaflets)")
    ap.add_argument("--tool", required=True, help="what ran: doorstep-fetch, mbsync, ...")
    ap.add_argument("--role", default="doorstep", choices=["doorstep", "peer", "floor", "info"])
    ap.add_argument("--messages", type=int, default=0, help="messages handled, for messages/s")
    ap.add_argument("--bytes", type=int, default=0, help="bytes handled, for MB/s")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--prepare", default="")
    ap.add_argument("--cleanup", default="")
    ap.add_argument("--cwd")
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for the command")
    ap.add_argument("--note", default="")
    ap.add_argument("--allow-fail", action="store_true", help="record a failing run, do not stop")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")
    env = dict(os.environ)
    for kv in a.env:
        k, _, v = kv.partition("=")
        env[k] = v
    label = "%s-%s-%s" % (a.stage, a.size, a.tool.strip().replace("/", "_").replace(" ", "_"))
    timebin = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    rssfile = os.path.join(os.path.abspath(a.logdir), label + ".rss")
    os.makedirs(a.logdir, exist_ok=True)
    logpath = os.path.join(a.logdir, label + ".log")
    runs, ok = [], True
    with open(logpath, "ab") as log:
        for i in range(1, a.runs + 1):
            log.write(b"== run %d\n" % i)
            log.flush()
            if a.cwd:
                cwd0 = os.getcwd()
                os.chdir(a.cwd)
            try:
                sh(a.prepare.replace("{run}", str(i)), log, "prepare")
                argv = [x.replace("{run}", str(i)) for x in cmd]
                if timebin:
                    argv = [timebin, "-q", "-f", "%M", "-o", rssfile, "--"] + argv
                t0 = time.perf_counter()
                p = subprocess.Popen(argv, stdout=log, stderr=log, env=env)
                _, status, ru = os.wait4(p.pid, 0)
                wall = time.perf_counter() - t0
                p.returncode = os.waitstatus_to_exitcode(status)
                maxrss = ru.ru_maxrss
                if timebin:
                    try:
                        with open(rssfile) as f:
                            maxrss = int(f.read().split()[-1])
                    except (OSError, ValueError, IndexError):
                        maxrss = 0
                sh(a.cleanup.replace("{run}", str(i)), log, "cleanup")
            finally:
                if a.cwd:
                    os.chdir(cwd0)
            runs.append({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "user": ru.ru_utime,
                         "sys": ru.ru_stime, "maxrss_kb": maxrss, "exit": p.returncode})
            if p.returncode != 0:
                ok = False
                if not a.allow_fail:
                    break
    walls = [r["wall"] for r in runs]
    rec = {
        "stage": a.stage, "size": a.size, "tool": a.tool, "role": a.role, "note": a.note,
        "messages": a.messages, "bytes": a.bytes, "runs": len(runs), "ok": ok,
        "wall": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "maxrss_kb": max(r["maxrss_kb"] for r in runs),
        "each": runs, "log": logpath, "argv": cmd, "rss_from": "time(1)" if timebin else "wait4 (approximate: includes python)",
    }
    with open(a.out, "a") as f:
        f.write(json.dumps(rec) + "\n")
    rate = " %8.0f msg/s" % (a.messages / rec["wall"]) if a.messages and rec["wall"] > 0 else ""
    print("  %-8s %7s %-26s %8.3f s%s  %6.1f MB RSS%s" % (
        a.stage, a.size or "", a.tool, rec["wall"], rate, rec["maxrss_kb"] / 1024,
        "" if ok else "  FAILED (see %s)" % logpath), file=sys.stderr)
    if not ok and not a.allow_fail:
        with open(logpath, "rb") as f:
            tail = f.read()[-2000:].decode("utf-8", "replace")
        print(tail, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
