# docs/k8s/*.yaml, the Kubernetes example of docs/SCALING.md, read with PyYAML: every
# document parses; the kinds and API versions are those meant (CronJob batch/v1,
# PersistentVolumeClaim v1); the CronJob has a valid five-field schedule,
# concurrencyPolicy Forbid, runs doorstep daily as a non-root user with the config
# given by -c on a mounted volume; every claim, volume and Secret it names exists or is
# the one the comments say to create; the group's name is the same everywhere, so
# that one sed makes another group's copy. The same checks fail on a broken copy.
. "$SRC/tests/integration/lib.sh"

py=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import yaml' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || skip "no python3 with PyYAML (make deps: python3-yaml)"

cat >check.py <<'PY'
import re, sys, yaml

def fail(path, msg):
    print("%s: %s" % (path, msg))
    sys.exit(1)

def check(path):
    text = open(path).read()
    if "\t" in text:
        fail(path, "a tab (YAML indents with spaces)")
    try:
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as e:
        fail(path, "does not parse: %s" % e)
    kinds = {}
    for d in docs:
        if not isinstance(d, dict) or "kind" not in d or "apiVersion" not in d:
            fail(path, "a document without kind and apiVersion")
        if not d.get("metadata", {}).get("name"):
            fail(path, "a %s without a name" % d["kind"])
        kinds.setdefault(d["kind"], []).append(d)
    want = {"CronJob": "batch/v1", "PersistentVolumeClaim": "v1"}
    for k, v in want.items():
        if k not in kinds:
            fail(path, "no %s" % k)
        for d in kinds[k]:
            if d["apiVersion"] != v:
                fail(path, "%s has apiVersion %s, not %s" % (k, d["apiVersion"], v))
    extra = set(kinds) - set(want)
    if extra:
        fail(path, "unexpected kinds: %s" % ", ".join(sorted(extra)))
    claims = {d["metadata"]["name"] for d in kinds["PersistentVolumeClaim"]}
    for d in kinds["PersistentVolumeClaim"]:
        s = d["spec"]
        if "ReadWriteOnce" not in s.get("accessModes", []):
            fail(path, "the claim is not ReadWriteOnce")
        if not s.get("resources", {}).get("requests", {}).get("storage"):
            fail(path, "the claim requests no storage")
    secrets = set(re.findall(r"kubectl create secret generic (\S+)", text))
    for cj in kinds["CronJob"]:
        s = cj["spec"]
        fields = str(s.get("schedule", "")).split()
        rng = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
        if len(fields) != 5:
            fail(path, "schedule %r is not five fields" % s.get("schedule"))
        for f, (lo, hi) in zip(fields, rng):
            for part in f.split(","):
                base = part.split("/")[0]
                if base == "*":
                    continue
                for n in base.split("-"):
                    if not n.isdigit() or not lo <= int(n) <= hi:
                        fail(path, "schedule field %r out of range %d-%d" % (f, lo, hi))
        if s.get("concurrencyPolicy") != "Forbid":
            fail(path, "concurrencyPolicy is %r, not Forbid" % s.get("concurrencyPolicy"))
        job = s["jobTemplate"]["spec"]
        pod = job["template"]["spec"]
        if pod.get("restartPolicy") not in ("Never", "OnFailure"):
            fail(path, "restartPolicy must be Never or OnFailure")
        if "podFailurePolicy" in job and pod.get("restartPolicy") != "Never":
            fail(path, "podFailurePolicy needs restartPolicy Never")
        psc = pod.get("securityContext", {})
        if psc.get("runAsNonRoot") is not True or not psc.get("runAsUser"):
            fail(path, "the pod does not run as a non-root user")
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for v in volumes.values():
            c = v.get("persistentVolumeClaim", {}).get("claimName")
            if c is not None and c not in claims:
                fail(path, "volume %s names the claim %s, which is not in the file" % (v["name"], c))
            sn = v.get("secret", {}).get("secretName")
            if sn is not None and sn not in secrets:
                fail(path, "volume %s names the Secret %s, which the comments do not create" % (v["name"], sn))
        if not any("persistentVolumeClaim" in v for v in volumes.values()):
            fail(path, "no persistent volume: the database would be lost")
        containers = pod.get("containers", [])
        if len(containers) != 1:
            fail(path, "one container expected")
        c = containers[0]
        cmd = c.get("command", []) + c.get("args", [])
        if not cmd or cmd[0].rsplit("/", 1)[-1] != "doorstep" or cmd[-1] != "daily" or "-c" not in cmd:
            fail(path, "the container does not run doorstep -c FILE daily: %r" % cmd)
        conf = cmd[cmd.index("-c") + 1]
        mounts = c.get("volumeMounts", [])
        for m in mounts:
            if m["name"] not in volumes:
                fail(path, "volumeMount %s has no volume" % m["name"])
        if not any(conf.startswith(m["mountPath"].rstrip("/") + "/") for m in mounts):
            fail(path, "the config %s is on no mounted volume" % conf)
        for e in c.get("env", []):
            ref = e.get("valueFrom", {}).get("secretKeyRef")
            if ref and ref["name"] not in secrets:
                fail(path, "env %s names the Secret %s, which the comments do not create" % (e["name"], ref["name"]))
            if ref and not ref.get("optional") and not re.search(r"--from-file=%s=" % re.escape(ref["key"]), text):
                fail(path, "env %s needs the key %s, which the comments do not put in the Secret" % (e["name"], ref["key"]))
        csc = c.get("securityContext", {})
        if csc.get("allowPrivilegeEscalation") is not False:
            fail(path, "allowPrivilegeEscalation is not false")
        pfp = job.get("podFailurePolicy", {}).get("rules", [])
        for r in pfp:
            oe = r.get("onExitCodes")
            if oe and oe.get("containerName") not in (None, c["name"]):
                fail(path, "podFailurePolicy names container %s" % oe.get("containerName"))
    # one group's name throughout: every doorstep-NAME and group label is the same NAME
    names = set(re.findall(r"\bdoorstep-([a-z0-9-]+)", text))
    names = {n for n in names if not n.startswith("daily") and not n.endswith("-now")}
    names |= set(re.findall(r"doorstep\.example\.org/group: (\S+)", text))
    if len(names) != 1:
        fail(path, "more than one group's name: %s" % ", ".join(sorted(names)))

for p in sys.argv[1:]:
    check(p)
    print("ok %s" % p)
PY

n=0
for f in "$SRC"/docs/k8s/*.yaml; do
    [ -f "$f" ] || continue
    "$py" check.py "$f" >check.log 2>&1 || { cat check.log; fail "$f"; }
    n=$((n + 1))
done
[ $n -gt 0 ] || fail "no manifests in docs/k8s/"
ok "$n manifests read"

# the checks are real: each broken copy is refused
m=$SRC/docs/k8s/doorstep-daily.yaml
n=0
broken() { # REASON SED-EXPRESSION: the copy made by SED is refused, for REASON
    n=$((n + 1))
    sed "$2" "$m" >broken-$n.yaml
    cmp -s "$m" broken-$n.yaml && fail "the sed for '$1' changed nothing"
    ! "$py" check.py broken-$n.yaml >broken-$n.log 2>&1 || fail "the check passed broken-$n.yaml"
    expect_grep "$1" broken-$n.log
}
broken "not Forbid" 's/concurrencyPolicy: Forbid/concurrencyPolicy: Allow/'
broken "names the claim doorstep-other, which is not in the file" \
    's/claimName: doorstep-elm-park/claimName: doorstep-other/'
broken "CronJob has apiVersion batch/v1beta1" 's|apiVersion: batch/v1|apiVersion: batch/v1beta1|'
broken "is not five fields" 's/schedule: "30 6 \* \* \*"/schedule: "30 6 * *"/'
broken "out of range 0-23" 's/schedule: "30 6 \* \* \*"/schedule: "30 25 * * *"/'
broken "non-root" 's/runAsNonRoot: true/runAsNonRoot: false/'
broken "does not parse" 's/^spec:$/spec: [/'
broken "no PersistentVolumeClaim" 's/^kind: PersistentVolumeClaim$/kind: ConfigMap/'
broken "does not run doorstep -c FILE daily" 's/"-c", "\/etc\/doorstep\/doorstep.ini", //'
broken "is on no mounted volume" 's|mountPath: /etc/doorstep$|mountPath: /etc/other|'
broken "more than one group's name" '0,/group: elm-park/s//group: oak-lane/'
broken "the comments do not create" 's/secretName: doorstep-elm-park/secretName: doorstep-elm-park-2/'
# and one sed makes another group's manifest, which passes
sed 's/elm-park/oak-lane/g' "$m" >oak-lane.yaml
"$py" check.py oak-lane.yaml >check.log 2>&1 || { cat check.log; fail "the copy for another group"; }
ok "broken manifests refused, another group's copy accepted"
