# The digest's HTML part in a real browser engine (Debian's chromium, headless): at
# 360 and 800 pixels wide nothing is wider than the screen, and every post listed
# has its own mailto: link to the group with its code in the subject (URL-encoded),
# the way a member answers it (issue 16). Skipped when chromium is not installed.
. "$SRC/tests/integration/lib.sh"

BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome) ||
    skip "chromium is not installed (Debian package chromium): the digest's HTML is not looked at in a browser"

# the demo's mail, with long words and a long title that must wrap, not widen
cp -r "$SRC/config/demo/Maildir" Maildir
cat >Maildir/cur/1795600000.long.demo <<'MAIL'
From: Grace <grace@example.net>
To: help@elmpark.example.org
Subject: REQUEST: somebody-who-can-help-with-a-very-long-hyphenated-thing-today on Elm Street
Date: Wed, 25 Nov 2026 07:00:00 +0000
Message-ID: <long-1@example.net>

Pneumonoultramicroscopicsilicovolcanoconiosis-resistant-mask-wanted-please, thanks.
MAIL
write_config doorstep.ini
expect_exit 0 "$BIN/doorstep-fetch" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
expect_exit 0 "$BIN/doorstep-render" -c doorstep.ini digest

# the HTML part, inside two iframes of the widths to test (headless windows are never
# narrower than 500 px, an iframe is), measured by a script once both have loaded
/usr/bin/python3 - output/digest-2026-11-25.eml page.html <<'PY' || fail "no HTML part"
import email, email.policy, html, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
h = m.get_body(("html",)).get_content()
open("digest.html", "w").write(h)
frames = "".join('<iframe id="w%d" style="width:%dpx;height:20000px;border:0;display:block" srcdoc="%s"></iframe>'
                 % (w, w, html.escape(h, quote=True)) for w in (360, 800))
open(sys.argv[2], "w").write("""<!DOCTYPE html><html><body style="margin:0;width:1700px">%s
<script>
window.addEventListener("load", function () {
  var out = {};
  [360, 800].forEach(function (w) {
    var d = document.getElementById("w" + w).contentDocument;
    var links = Array.prototype.map.call(d.querySelectorAll('a[href^="mailto:"]'),
                                         function (a) { return a.getAttribute("href"); });
    var wide = Array.prototype.filter.call(d.querySelectorAll("body *"), function (e) {
      return e.getBoundingClientRect().right > d.documentElement.clientWidth + 0.5; }).map(function (e) { return e.tagName; });
    out[w] = {scroll: d.documentElement.scrollWidth, client: d.documentElement.clientWidth,
              links: links, wide: wide};
  });
  document.body.setAttribute("data-result", JSON.stringify(out));
});
</script></body></html>""" % frames)
PY
timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --window-size=1700,20000 \
    --virtual-time-budget=10000 --dump-dom "file://$PWD/page.html" >dom.html 2>browser.log ||
    { tail -5 browser.log; fail "chromium failed"; }
/usr/bin/python3 - dom.html digest.html <<'PY' || fail "the digest in chromium"
import html, json, re, sys, urllib.parse
dom = open(sys.argv[1]).read()
m = re.search(r'data-result="([^"]*)"', dom)
assert m, "the measuring script did not run"
r = json.loads(html.unescape(m.group(1)))
page = open(sys.argv[2]).read()
# the posts the digest lists: new requests, new offers and open requests each have a link
refs = sorted(set(re.findall(r"<strong>([RO]-\d{4})</strong>", page)))
assert refs, "no posts in the digest"
for w in ("360", "800"):
    x = r[w]
    assert x["client"] == int(w), x
    assert x["scroll"] <= int(w), "at %s px the digest is %s px wide (%s)" % (w, x["scroll"], x["wide"][:5])
    assert not x["wide"], "at %s px wider than the screen: %s" % (w, x["wide"][:5])
    answers = {}
    for href in x["links"]:
        u = urllib.parse.urlsplit(href)
        if not u.query:
            continue
        q = urllib.parse.parse_qs(u.query)
        assert u.path == "help@elmpark.example.org", href
        subject = q["subject"][0]
        assert " " not in href, "not URL-encoded: " + href
        answers[subject.split()[0]] = subject
    # every post of the new requests, new offers and still open has its own link
    # (matches and "done" name posts too: those need none)
    for part in re.split(r"<h2", page)[1:]:
        title = re.sub(r"<[^>]*>", "", part.split(">", 1)[1].split("</h2>")[0]).strip().lower()
        if title not in ("new requests", "new offers", "still open"):
            continue
        for ref in re.findall(r"<strong>([RO]-\d{4})</strong>", part):
            assert ref in answers and answers[ref].startswith(ref + " "), (title, ref, sorted(answers))
    assert len(answers) >= 5, answers
print("ok: %d posts, each with its answer link, at 360 and 800 px" % len(answers))
PY
ok "the digest's HTML in chromium at 360 and 800 px"
