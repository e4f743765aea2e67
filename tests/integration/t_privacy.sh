# t_privacy.sh — the privacy corpus (tests/fixtures/privacy: 150 member mails with phone
# numbers, addresses, house numbers and postcodes written the ways people write them,
# in subjects, bodies and display names) through `doorstep daily`, plus a phone-in post
# with the caller's name. Fails on any planted detail found in any public output: the
# digest's text and HTML parts decoded, and every PDF read back (leaflets, rota,
# rounds); and on any ordinary string (times, prices, sizes...) the digest lost.
# Prints the counts.
. "$SRC/tests/integration/lib.sh"
command -v pdftotext >/dev/null 2>&1 || skip "pdftotext is not installed (poppler-utils)"

fixture=$SRC/tests/fixtures/privacy
cp -r "$fixture/Maildir" Maildir
export DOORSTEP_NOW=2026-11-25T08:00:00
write_config doorstep.ini
sed -i 's/^check-in calls = .*/&\ndelivery round = sat 10:00-12:00 x3/' doorstep.ini
printf '\n[leaflets]\nrota_task = delivery round\n' >>doorstep.ini

# a phone-in request: the caller's name and its words never reach public text
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post request --name "Ethel Pargeter" \
    --phone "07700 900999" --address "12 Elm Street" \
    --title "Lift for Mrs Ethel Pargeter to the clinic, Pargeter's daughter is away" \
    --street "Elm Street"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini post offer --name "o'neill, pat" \
    --title "Pat O'Neill offers ironing" --street "Oak Road"
expect_exit 0 "$BIN/doorstep" -c doorstep.ini daily

ls output/digest-*.eml output/leaflets-*.pdf output/rota-*.pdf output/rounds-*.pdf >/dev/null ||
    fail "daily did not write the digest and the three PDFs: $(ls output)"
for f in output/*.pdf; do
    pdftotext "$f" "$f.txt" 2>/dev/null || fail "pdftotext $f"
done

python3 - "$fixture/TRUTH.tsv" output <<'PY' || fail "the privacy corpus leaked or lost text"
import csv, email, email.policy, glob, os, re, sys

truth, out = sys.argv[1:3]
docs = {}
for path in glob.glob(os.path.join(out, "digest-*.eml")):
    m = email.message_from_binary_file(open(path, "rb"), policy=email.policy.default)
    for part in m.walk():
        if part.get_content_maintype() == "text":
            docs["%s (%s)" % (os.path.basename(path), part.get_content_subtype())] = \
                part.get_content()
    docs[os.path.basename(path) + " (subject)"] = str(m["Subject"])
for path in glob.glob(os.path.join(out, "*.pdf.txt")):
    docs[os.path.basename(path)[:-4]] = open(path, encoding="utf-8").read()
digest_text = [v for k, v in docs.items() if k.endswith("(plain)")]

def squeeze(s):
    return re.sub(r"\s+", " ", s).strip().lower()

def alnum(s):
    return re.sub(r"[^0-9a-z]", "", s.lower())

def digit_runs(s):
    # digits with what people put between them taken out: "07700 900 461" -> one run
    return ["".join(re.findall(r"\d", r)) for r in re.findall(r"\d(?:[\d\s().+/-]*\d)?", s)]

def leaked(cls, needle, text):
    if cls == "digits":
        return any(needle in run for run in digit_runs(text))
    if cls == "alnum":
        return alnum(needle) in alnum(text)
    if cls == "word":
        return re.search(r"(?<![0-9a-z])%s(?![0-9a-z])" % re.escape(needle.lower()),
                         text.lower()) is not None
    return squeeze(needle) in squeeze(text)

import html
plain_docs = {k: html.unescape(v) if k.endswith("(html)") else v for k, v in docs.items()}
rows = list(csv.DictReader(open(truth, encoding="utf-8"), delimiter="\t"))
# the phone-in posts' callers
rows += [{"kind": "private", "class": "word", "needle": n, "note": "phone-in caller",
          "file": "post request"} for n in ("Ethel", "Pargeter", "O'Neill", "Neill")]
rows += [{"kind": "public", "class": "text", "needle": n, "note": "phone-in",
          "file": "post request"} for n in ("to the clinic", "offers ironing")]

leaks, lost = [], []
n_private = n_public = 0
for r in rows:
    if r["kind"] == "private":
        n_private += 1
        where = [k for k, v in plain_docs.items() if leaked(r["class"], r["needle"], v)]
        if where:
            leaks.append("%s %r (%s) in %s" % (r["file"], r["needle"], r["note"], ", ".join(where)))
    else:
        n_public += 1
        if not any(leaked("text", r["needle"], v) or
                   squeeze(r["needle"]).replace(" ", "") in squeeze(v).replace(" ", "")
                   for v in digest_text):
            lost.append("%s %r (%s)" % (r["file"], r["needle"], r["note"]))
for l in leaks:
    print("  LEAK:", l)
for l in lost:
    print("  LOST:", l)
print("privacy corpus: %d of %d planted details leaked, %d of %d ordinary strings lost"
      % (len(leaks), n_private, len(lost), n_public))
sys.exit(1 if leaks or lost else 0)
PY
ok "privacy corpus"
