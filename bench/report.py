#!/usr/bin/env python3
"""report.py — the table of make bench, from RESULTS/raw.jsonl (measure.py's lines and
run.sh's info lines) and RESULTS/machine.json: printed, and written to
RESULTS/latest.txt and RESULTS/latest.json, with the issue's targets checked.

    report.py bench/results
"""
import json
import os
import statistics
import sys


def load(results):
    rows, info = [], {}
    with open(os.path.join(results, "raw.jsonl")) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            if "info" in r:
                info[r["info"]] = r["value"]
            else:
                rows.append(r)
    with open(os.path.join(results, "machine.json")) as f:
        machine = json.load(f)
    return machine, rows, info


def find(rows, stage, size=None, tool=None, role=None):
    for r in rows:
        if r["stage"] == stage and (size is None or r["size"] == size) and \
                (tool is None or r["tool"] == tool) and (role is None or r["role"] == role):
            return r
    return None


def fmt_rate(x):
    return "%.0f" % x if x >= 100 else "%.1f" % x


def table(machine, rows, info):
    out = []
    w = out.append
    w("doorstep make bench  %s" % machine["date"])
    w("commit   %s" % machine["commit"])
    w("machine  %s, nproc %s, %s GB RAM, Linux %s" % (machine["cpu"], machine["nproc"],
                                                      machine["mem_gb"], machine["kernel"]))
    w("build    CFLAGS %s; sizes %s; median of %s runs; corpus seed %s" % (
        machine["cflags"], " ".join(machine["sizes"]), machine["runs"], machine["seed"]))
    w("")
    head = "%-8s %7s  %-40s %8s %9s %7s %7s %8s  %s" % (
        "stage", "size", "program", "wall s", "msg/s", "MB/s", "CPU s", "RSS MiB", "vs peer / floor")
    w(head)
    w("-" * len(head))
    last_stage = None
    for r in rows:
        if r["stage"] == "groups":
            continue
        if last_stage and r["stage"] != last_stage:
            w("")
        last_stage = r["stage"]
        me = find(rows, r["stage"], r["size"], role="doorstep")
        ratio = ""
        if me and r is not me and me["wall"] > 0:
            if r["role"] == "peer":
                x = r["wall"] / me["wall"]
                ratio = ("doorstep %.1fx faster" % x) if x >= 1 else ("doorstep %.1fx slower" % (1 / x))
            elif r["role"] == "floor":
                ratio = "doorstep at %.2fx the floor" % (me["wall"] / r["wall"]) if r["wall"] > 0 else ""
        name = r["tool"] + (" (floor)" if r["role"] == "floor" else "")
        if r["runs"] < machine["runs"]:
            name += " (%d run%s)" % (r["runs"], "" if r["runs"] == 1 else "s")
        msgs = fmt_rate(r["messages"] / r["wall"]) if r["messages"] and r["wall"] > 0 else ""
        mbs = "%.1f" % (r["bytes"] / 1e6 / r["wall"]) if r["bytes"] and r["wall"] > 0 else ""
        w("%-8s %7s  %-40s %8.3f %9s %7s %7.2f %8.1f  %s%s" % (
            r["stage"], r["size"] or "", name[:40], r["wall"], msgs, mbs, r["cpu"],
            r["maxrss_kb"] / 1024, ratio, "" if r["ok"] else "  FAILED: " + r["log"]))
    return out


def groups_summary(machine, rows):
    g = find(rows, "groups")
    if not g:
        return None
    walls = [e["wall"] for e in g["each"]]
    n = len(walls)
    tenth = max(1, n // 10)
    s = {
        "groups": n, "total_s": sum(walls), "median_s": statistics.median(walls),
        "p95_s": sorted(walls)[min(n - 1, int(n * 0.95))], "max_s": max(walls),
        "first_tenth_mean_s": statistics.mean(walls[:tenth]),
        "last_tenth_mean_s": statistics.mean(walls[-tenth:]),
        "cpu_total_s": sum(e["cpu"] for e in g["each"]),
        "maxrss_kb": g["maxrss_kb"], "ok": g["ok"],
        "failed_runs": sum(1 for e in g["each"] if e["exit"] != 0),
    }
    s["for_1000_s"] = s["total_s"] * 1000 / n
    s["extrapolated"] = n < 1000
    return s


def check_targets(machine, rows, info, groups):
    t = []

    def add(name, ok, value):
        t.append({"target": name, "status": "not measured" if ok is None else ("MET" if ok else "MISSED"),
                  "value": value})

    sizes = sorted(int(s) for s in machine["sizes"])
    key = 10000 if 10000 in sizes else (sizes[-1] if sizes else None)
    # fetch
    if "fetch" in machine["stages"] and key:
        me, mb, fl = (find(rows, "fetch", key, "doorstep-fetch"), find(rows, "fetch", key, "mbsync"),
                      find(rows, "fetch", key, role="floor"))
        if me and mb:
            x = mb["wall"] / me["wall"]
            add("fetch: >= 5x faster than mbsync, as installed (%d messages)" % key, x >= 5,
                "%.1fx (%.2f s vs %.2f s)" % (x, me["wall"], mb["wall"]))
        mbn = find(rows, "fetch", key, "mbsync FSync=no")
        if me and mbn:
            # doorstep does not fsync each message either (WAL, synchronous = NORMAL)
            x = mbn["wall"] / me["wall"]
            add("fetch: >= 5x faster than mbsync with FSync no (%d)" % key, x >= 5,
                "%.1fx (%.2f s vs %.2f s)" % (x, me["wall"], mbn["wall"]))
        if me and fl:
            x = me["wall"] / fl["wall"]
            add("fetch: within 2x of the imaplib floor (%d messages)" % key, x <= 2,
                "%.2fx (%.2f s vs %.2f s)" % (x, me["wall"], fl["wall"]))
        fr = [r for r in rows if r["stage"] == "fetch" and r["tool"] == "doorstep-fetch"]
        if len(fr) >= 2:
            lo, hi = min(fr, key=lambda r: r["size"]), max(fr, key=lambda r: r["size"])
            g = hi["maxrss_kb"] / lo["maxrss_kb"]
            add("fetch: memory bounded (peak RSS %d vs %d messages)" % (hi["size"], lo["size"]), g <= 1.5,
                "%.1f MiB vs %.1f MiB (%.2fx)" % (hi["maxrss_kb"] / 1024, lo["maxrss_kb"] / 1024, g))
    # process
    if "process" in machine["stages"]:
        for n in (10000, 100000):
            me = find(rows, "process", n, "doorstep-process")
            if not me:
                add("process: >= 20,000 messages/s at %d" % n, None, "BENCH_SIZES has no %d" % n)
                continue
            rate = n / me["wall"]
            add("process: >= 20,000 messages/s at %d" % n, rate >= 20000,
                "%.0f msg/s (%.2f s wall, %.2f s CPU)" % (rate, me["wall"], me["cpu"]))
        if key:
            me, mu = find(rows, "process", key, "doorstep-process"), find(rows, "process", key, "mu index")
            if me and mu:
                x = mu["wall"] / me["wall"]
                add("process: >= 5x faster than mu index (%d messages)" % key, x >= 5,
                    "%.1fx (%.2f s vs %.2f s)" % (x, me["wall"], mu["wall"]))
        me = find(rows, "process", 100000, "doorstep-process")
        pr = [r for r in rows if r["stage"] == "process" and r["tool"] == "doorstep-process"]
        if me:
            add("process: peak memory < 64 MB at 100,000", me["maxrss_kb"] < 64 * 1024,
                "%.1f MiB" % (me["maxrss_kb"] / 1024))
        elif pr:
            big = max(pr, key=lambda r: r["size"])
            add("process: peak memory < 64 MB at 100,000", None,
                "not run at 100000; %.1f MiB at %d" % (big["maxrss_kb"] / 1024, big["size"]))
        if len(pr) >= 2:
            lo, hi = min(pr, key=lambda r: r["size"]), max(pr, key=lambda r: r["size"])
            g = hi["maxrss_kb"] / lo["maxrss_kb"]
            add("process: memory not growing with mailbox size (%d vs %d)" % (hi["size"], lo["size"]),
                g <= 1.5, "%.1f MiB vs %.1f MiB (%.2fx)" % (hi["maxrss_kb"] / 1024, lo["maxrss_kb"] / 1024, g))
    # render
    if "render" in machine["stages"]:
        me = find(rows, "render", tool="doorstep-render leaflets")
        if me:
            add("render: %d leaflets in under 1 s" % me["size"], me["wall"] < 1.0, "%.2f s" % me["wall"])
        fonts = info.get("render-leaflets-embedded-fonts")
        if fonts is not None:
            pdf = int(info.get("render-leaflets-pdf-bytes", 0))
            floor = int(info.get("render-leaflets-floor-pdf-bytes", 0)) or 1
            add("render: fonts embedded once per file, PDF small", int(fonts) <= 2,
                "%s embedded font files; %.0f KB (%.1f KB a leaflet; libharu floor %.0f KB)" % (
                    fonts, pdf / 1024, pdf / 1024 / max(1, me["size"] if me else 1), floor / 1024))
    # daily
    if "daily" in machine["stages"]:
        me = find(rows, "daily", tool="doorstep daily")
        if me:
            add("daily: a typical group (%d + %d new) well under 1 s" % (me["size"], machine["new"]),
                me["wall"] < 1.0, "%.2f s" % me["wall"])
    if groups:
        add("daily: 1,000 groups in under 5 minutes", groups["for_1000_s"] < 300,
            "%.0f s%s" % (groups["for_1000_s"], (" (extrapolated from %d groups: %.1f s)" %
                                                  (groups["groups"], groups["total_s"]))
                          if groups["extrapolated"] else ""))
    return t


def main():
    results = sys.argv[1]
    machine, rows, info = load(results)
    out = table(machine, rows, info)
    groups = groups_summary(machine, rows)
    if groups:
        out += ["", "groups: %d groups one after another, each its own config and database "
                    "(%d messages of history, %d new), copied before its run, not timed" % (
                        groups["groups"], machine["history"], machine["new"]),
                "  total %.1f s (%.1f s CPU); per group median %.3f s, p95 %.3f s, max %.3f s; "
                "first tenth %.3f s, last tenth %.3f s; peak RSS %.1f MiB%s" % (
                    groups["total_s"], groups["cpu_total_s"], groups["median_s"], groups["p95_s"],
                    groups["max_s"], groups["first_tenth_mean_s"], groups["last_tenth_mean_s"],
                    groups["maxrss_kb"] / 1024,
                    "" if groups["ok"] else "; %d runs FAILED" % groups["failed_runs"]),
                "  1,000 groups: %.0f s%s" % (groups["for_1000_s"],
                                              " (EXTRAPOLATED linearly from %d)" % groups["groups"]
                                              if groups["extrapolated"] else " (measured)")]
    targets = check_targets(machine, rows, info, groups)
    if targets:
        out += ["", "targets (issue 7)"]
        for t in targets:
            out.append("  %-13s %-62s %s" % ("[" + t["status"] + "]", t["target"], t["value"]))
    cg = {k[len("callgrind-"):]: v for k, v in info.items() if k.startswith("callgrind-")}
    if cg:
        out += ["", "instructions (valgrind --tool=callgrind; perf has no instruction counter here)"
                if not machine.get("perf_instructions") else "instructions (valgrind --tool=callgrind)"]
        for k, v in cg.items():
            out.append("  %-28s %15s   top functions: bench/results/callgrind-%s.txt" % (
                k, "{:,}".format(int(v)) if str(v).isdigit() else v, k))
    other = {k: v for k, v in info.items() if not k.startswith("callgrind-") and k != "elapsed"}
    if other:
        out += ["", "checks and sizes"]
        for k, v in other.items():
            out.append("  %-32s %s" % (k, v))
    if "elapsed" in info:
        out += ["", "make bench took %s s" % info["elapsed"]]
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(results, "latest.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(results, "latest.json"), "w") as f:
        json.dump({"machine": machine, "rows": rows, "info": info, "groups": groups,
                   "targets": targets}, f, indent=1)
        f.write("\n")
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
