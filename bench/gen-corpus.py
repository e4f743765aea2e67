#!/usr/bin/env python3
"""gen-corpus.py — a deterministic, seeded corpus of a mutual-aid group's mail.

Writes messages FIRST .. FIRST+N-1 of an endless, reproducible stream of the mail a
very local group receives: offers and requests (with and without subject prefixes),
replies in threads (In-Reply-To, References, quotes above or below), closings
("DONE R-0012"), rota sign-ups, chatter, automatic replies, bounces, a newsletter now
and then, and a few large attachments (1 in 500 messages carries a 1-3 MB base64
part). Each member writes with one client: Apple Mail, iPhone Mail, Gmail's web mail,
Outlook, phone apps that send HTML only, old web mail in windows-1252 or ISO-8859-1
quoted-printable, Thunderbird (format=flowed), Android apps in base64 UTF-8.

The stream does not depend on N or FIRST: message i is always the same bytes for a
given seed, so "--first 10001 -n 100" gives the next day's mail of a 10,000-message
history. Python 3 standard library only.

    gen-corpus.py -n 10000 -o bench/work/corpus-10000       # maildir in .../Maildir
    gen-corpus.py -n 100 --first 10001 -o DIR               # the 100 that follow
    gen-corpus.py -n 1000 -o DIR --mbox DIR/all.mbox        # and an mbox of the same
    gen-corpus.py --areas 1000 --print-areas                # an [areas] section

DIR/meta.json describes what was written (counts, bytes, dates, a DOORSTEP_NOW just
after the last message).
"""

import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import quopri
import random
import sys

GROUP = "help@elmpark.example.org"
GROUP_NAME = "Elm Park Neighbours"
COORDINATORS = [("Maria Lopez", "maria.lopez@elmpark.example.org"),
                ("Tom O'Neill", "tom.oneill@example.net")]
START = dt.datetime(2025, 1, 6, 7, 0, 0, tzinfo=dt.timezone.utc)

DEMO_AREAS = [("north", ["Elm Street", "Oak Road", "Birch Close"]),
              ("south", ["Ash Grove", "Willow Lane", "Station Road"])]
TREES = ("Elm Oak Birch Ash Willow Station Alder Aspen Beech Cedar Cherry Chestnut Cypress "
         "Hawthorn Hazel Holly Hornbeam Juniper Larch Laurel Lime Linden Maple Medlar Mulberry "
         "Myrtle Olive Pear Pine Plane Poplar Quince Rowan Rose Sloe Spruce Sycamore Walnut "
         "Whitebeam Yew Acacia Bramble Clover Daisy Fern Heather Ivy Lavender Lilac Meadow "
         "Orchard Primrose Thistle Violet Bluebell Foxglove Harebell Marigold Poppy Sorrel "
         "Tansy Yarrow Abbey Bridge Church Mill Market School Chapel Castle Canal Quarry "
         "Forge Wharf Dock Rope Tannery Brewery Granary Priory Vicarage Manor Park Garden "
         "Grange Lodge Croft Paddock Spinney Copse Dale Glen Brook Beck Ford Well Spring "
         "Pond Marsh Heath Moor Fell Ridge Hill Bank Cliff Vale Combe Coppice Warren Green "
         "Common Field Acre Furlong Fold Knoll Lea Holme Carr Ings Nook Shaw Hurst Wick "
         "Stow Thorpe Cote Worth Barton Hamlet Kiln Pottery Foundry Tollgate Turnpike").split()
SUFFIXES = ("Street Road Close Grove Lane Avenue Way Drive Crescent Gardens Place Terrace Mews "
            "Row Walk Court").split()

FIRST = ("Priya Margaret Hamza Aisha Tom Maria Grace Oliver Amelia Jack Sophie Harry Chloe "
         "Mohammed Fatima Olivia George Emily Noah Isla Leo Ava Arthur Mia Freddie Zara Ewa "
         "Piotr Agnieszka Tomasz Siobhan Declan Niamh Kwame Ama Chidi Ngozi Wei Mei Hiroshi "
         "Yuki Rahul Anjali Sunita Imran Bilal Yasmin Dylan Rhys Megan Cerys Hannah Ruth "
         "Bernard Doreen Pat Kath Les Brian Sandra Gary Tracey Wayne Julie Darren Janet Renee "
         "Zoe Sean Ali Omar Layla Sofia Mateo Luca Elena Ines Joao Ana Dawit Hana Selam Ioana "
         "Andrei Kasia Marek Lena Jonas").split()
LAST = ("Shah Doyle Qureshi Khan Lopez O'Neill Smith Jones Taylor Brown Williams Wilson "
        "Evans Thomas Roberts Walker Wright Robinson Thompson White Hughes Edwards Green Hall "
        "Wood Harris Clarke Patel Kowalski Nowak Wisniewska Murphy Kelly Byrne Mensah Okafor "
        "Adeyemi Chen Wang Li Tanaka Sato Sharma Gupta Begum Hussain Ahmed Rahman Davies Lewis "
        "Morgan Price Griffiths Baker Fletcher Dunn Marsh Pearce Cole Ferreira Silva Popescu "
        "Rossi Bianchi Haile Tesfaye Novak Berg Lindqvist Fischer Duval").split()
DOMAINS = ["example.com", "example.net", "example.org", "mail.example", "post.example",
           "oldisp.example", "elmpark.example.org", "isp.example.co.uk"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WD = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# (title, sentences) per category, for offers and requests; {day}, {time}, {street}, {n}
OFFERS = {
    "food": [("shopping runs on {day}s", "I do a big shop every {day} morning and there's room in the car, so if anyone wants bits picking up just email me your list the night before."),
             ("homemade soup for two, {day}", "Made far too much leek and potato soup again. Happy to drop a portion or two round to anyone who'd like some, still warm."),
             ("spare bread and veg from the allotment", "The allotment has gone mad this year: courgettes, beans, a couple of loaves I baked this morning. Come and take what you can use."),
             ("can collect food bank parcels on {day}s", "I'm at the food bank most {day}s anyway, so I can bring a parcel back for anyone who can't get there."),
             ("cooked meal once a week for someone on their own", "I'm cooking for one and it's no fun; would love to make a proper meal for someone else once a week.")],
    "medicine": [("prescription collection from the pharmacy", "I walk past the pharmacy every day on the way back from work, happy to collect prescriptions for anyone who can't get out."),
                 ("can pop to the chemist on {day}s", "If you need anything from the chemist I go on {day} afternoons, just send me a note.")],
    "transport": [("lifts to appointments, weekday afternoons", "I've got the car free most weekday afternoons. Happy to give lifts to the GP, hospital, dentist, whatever. No charge."),
                  ("lift to the hospital on {day}", "I'm driving to the hospital on {day} at {time} for my own appointment, there's a free seat there and back."),
                  ("taxi money if you can't get a lift", "If a lift isn't possible I can cover a taxi to an appointment now and then.")],
    "childcare": [("babysitting evenings, DBS checked", "I'm a retired teacher, DBS checked, happy to babysit in the evenings so parents can get out for an hour or two."),
                  ("school run help on {day}s", "I do the school run to the primary anyway and can take one more child on {day} mornings.")],
    "pets": [("dog walks in the mornings", "I walk my own dog round the park every morning at about {time} and am happy to take another along."),
             ("cat feeding while you're away", "Can feed and check on cats (or rabbits, or fish) while you are away, I live on {street}.")],
    "befriending": [("phone befriending, evenings", "If anyone would like a regular phone call for a chat, I'm around most evenings and love a natter."),
                    ("a visit and a cup of tea on {day}s", "Happy to visit someone for company and a cup of tea on {day} afternoons.")],
    "household": [("help with small jobs: shelves, flat-pack, bleeding radiators", "I've got tools and some time: shelves, flat-pack furniture, radiators, a dripping tap. No big jobs please."),
                  ("garden tidy and taking bins out", "Happy to do a bit of garden tidying or take the bins out for anyone who struggles."),
                  ("free cot and high chair", "Our youngest has grown out of them. Both clean and in good condition, free to anyone who needs them.")],
    "money": [("a bit of money towards gas and electric top-ups", "We're lucky to be OK this winter and would like to help someone with a top-up or two."),
              ("help filling in forms and bills", "I used to work in benefits advice and can help with forms, bills and phoning the council.")],
}
REQUESTS = {
    "food": [("weekly shop while I'm on crutches", "I've broken my ankle and can't get to the shops for the next few weeks. Could someone do a small weekly shop? I'll pay you back straight away."),
             ("someone to collect a food bank parcel on {day}", "I have a food bank voucher but no way of getting there on {day}. Could anyone collect the parcel for me?"),
             ("a hot meal now and then", "Since my husband died I don't cook much. A hot meal now and then would mean a lot.")],
    "medicine": [("prescription pick-up {day}", "I have a repeat prescription ready at the pharmacy on {day} but can't manage the walk at the moment. It's all paid for, they just need my name and address."),
                 ("repeat prescription collected from the chemist", "Could someone collect my repeat prescription from the chemist this week? My inhaler is running low.")],
    "transport": [("lift to the hospital on {day} at {time}", "I have a hospital appointment on {day} at {time} and the buses don't go near. Could anyone give me a lift there and back?"),
                  ("lift to the GP on {day}", "Just a short lift to the surgery and back on {day}, I can't walk that far at the moment.")],
    "childcare": [("after-school pick-up on {day}", "My shift changed and I can't get to the school by 3.15 on {day}. Could someone collect my daughter and keep her for an hour?"),
                  ("babysitting on {day} evening", "It's our anniversary and we haven't been out in a year. Could anyone babysit on {day} from 7 to 10?")],
    "pets": [("someone to feed my cat Mon-Wed", "I'm in hospital for a few days. Could someone feed my cat morning and evening? Key with my neighbour."),
             ("dog walk while I recover", "The doctor says no walking for two weeks and my dog is going spare. Could anyone take him out once a day?")],
    "befriending": [("someone to ring me for a chat now and then", "I live alone and don't see many people since I stopped driving. A phone call now and then would be lovely."),
                    ("company for my dad on {day} afternoons", "My dad gets lonely while I'm at work. Would anyone visit him for a cup of tea and a chat on {day}s?")],
    "household": [("hand with a mattress on {day}", "The council is collecting an old mattress on {day} and I can't get it down the stairs on my own."),
                  ("shelf put up and a curtain rail", "Could someone with a drill put up a shelf and a curtain rail? I have the screws and plugs.")],
    "money": [("help with electric top-up until Friday", "Bit embarrassing to ask but the meter is nearly out and I get paid on Friday. Could anyone lend ten pounds for a top-up?"),
              ("help with a gas bill", "The gas bill has doubled and I don't know who to talk to. Could someone help me phone them?")],
}
CHATTER = [("Thank you!", "Just wanted to say a huge thank you to whoever left the shopping on my step yesterday. This group is wonderful."),
           ("Quick reminder - how to post offers and requests", "Please start the subject with OFFER: or REQUEST: and put your street in brackets at the end, it helps the digest."),
           ("Lost cat - grey tabby", "Has anyone seen a grey tabby with a white chest? He didn't come home last night."),
           ("Warm space hours at the church hall", "The church hall is open as a warm space on weekday afternoons, with tea and biscuits."),
           ("Anyone know a good plumber?", "Our boiler is making a funny noise. Does anyone know a plumber who doesn't charge the earth?"),
           ("Bin day changed this week", "The council says bin collection moves to {day} this week because of the bank holiday."),
           ("Soup!", "There's a pan of soup on my doorstep at {street}, bring a container."),
           ("Dog walks - mornings", "Would anyone like company on morning dog walks round the park? I go at {time}."),
           ("Mattress on {day} - could someone give me a hand?", "I need a hand carrying a mattress down the stairs on {day}, it will take five minutes."),
           ("Street party planning", "Shall we do a street party again this summer? Ideas welcome, reply to me not the whole list."),
           ("Hospital appointment on {day}", "I have an appointment at the hospital on {day} and no way to get there, could anyone help?"),
           ("Christmas fair volunteers wanted", "We need people for the tombola and the cake stall at the Christmas fair.")]
ROTA = ["ROTA: food bank Thursday", "ROTA: check-in calls {wd} {dm}", "ROTA: delivery round Saturday",
        "rota - food bank {day}", "ROTA CANCEL food bank Thursday", "[ROTA] check-in calls {day}"]
QUIRKY = [(1, "ROTA: check-in calls {wd} {dm}"), (1, "Re: ROTA: food bank Thursday")]

OFFER_PREFIX = ["OFFER: ", "OFFER: ", "OFFER: ", "Offer: ", "offer - ", "[OFFER] ", "OFFERING: ", "Offer - "]
REQUEST_PREFIX = ["REQUEST: ", "REQUEST: ", "Request: ", "NEED: ", "WANTED: ", "HELP NEEDED: ",
                  "[REQUEST] ", "need - "]
CLOSING = ["DONE {ref}", "DONE {ref}", "done {ref} - thank you!", "TAKEN {ref}", "RECEIVED {ref}",
           "WITHDRAWN {ref}", "[DONE] {ref}", "Re: DONE {ref}", "FILLED {ref}", "CANCEL {ref}"]

# client: (weight, kind)
CLIENTS = [(18, "apple"), (14, "iphone"), (22, "gmail"), (14, "outlook"), (9, "phone_html"),
           (8, "webmail_8bit"), (6, "thunderbird"), (9, "android_b64")]
# message type weights
TYPES = [(18, "offer"), (18, "request"), (24, "reply"), (7, "closing"), (5, "rota"),
         (17, "chatter"), (5, "autoreply"), (2, "bounce"), (1, "newsletter"), (3, "noprefix")]


def wchoice(rng, table):
    total = sum(w for w, _ in table)
    r = rng.random() * total
    for w, v in table:
        r -= w
        if r < 0:
            return v
    return table[-1][1]


def make_areas(n):
    """[(name, [streets])]: the demo's two areas for n <= 2, else n areas of 1-3 streets."""
    if n <= 2:
        return DEMO_AREAS[:max(n, 1)] if n >= 1 else DEMO_AREAS
    names = [t + " " + s for s in SUFFIXES for t in TREES]
    rng = random.Random("areas")
    rng.shuffle(names)
    demo = [s for _, ss in DEMO_AREAS for s in ss]
    names = demo + [x for x in names if x not in demo]
    areas, k = [], 0
    for i in range(n):
        m = 1 + (i * 7) % 3
        if k + m > len(names):
            sys.exit("gen-corpus: at most %d streets can be named" % len(names))
        areas.append(("area%04d" % (i + 1), names[k:k + m]))
        k += m
    return areas


class Member:
    def __init__(self, idx, seed, streets):
        r = random.Random("%s:member:%d" % (seed, idx))
        self.first = r.choice(FIRST)
        self.last = r.choice(LAST)
        self.name = "%s %s" % (self.first, self.last)
        dom = r.choice(DOMAINS)
        local = r.choice(["%s.%s", "%s%s", "%s_%s", "%.1s%s", "%s.%s%d"])
        local = (local % ((self.first, self.last, r.randint(1, 99)) if "%d" in local
                          else (self.first, self.last))).lower().replace("'", "")
        self.addr = "%s@%s" % (local, dom)
        self.client = wchoice(r, CLIENTS)
        self.street = r.choice(streets)
        self.house = r.randint(1, 60)
        self.phone = "07700 900%03d" % r.randint(0, 999)
        self.tz = r.choice([0, 0, 0, 0, 1, -5])  # hours; some phones on holiday time
        self.signs = r.random() < 0.5


def fmt_date(t, tz_hours):
    t = t + dt.timedelta(hours=tz_hours)
    sign = "-" if tz_hours < 0 else "+"
    return "%s, %d %s %d %02d:%02d:%02d %s%02d00" % (
        WD[t.weekday()], t.day, MONTHS[t.month - 1], t.year, t.hour, t.minute, t.second, sign,
        abs(tz_hours))


def qp(text, charset="utf-8"):
    return quopri.encodestring(text.encode(charset, "replace")).decode("ascii")


def b64(data):
    return base64.encodebytes(data).decode("ascii")


def enc_word(s, charset="UTF-8", q=True):
    """An RFC 2047 encoded word when S is not ASCII."""
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        pass
    raw = s.encode(charset.lower().replace("windows-", "cp"), "replace")
    if not q:
        return "=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode())
    out = "".join(chr(c) if (48 <= c < 58 or 65 <= c < 91 or 97 <= c < 123) else
                  "_" if c == 32 else "=%02X" % c for c in raw)
    return "=?%s?Q?%s?=" % (charset, out)


def fold(name, value):
    """A header line folded at spaces near 78 columns (as most clients do)."""
    line, out = "%s: " % name, []
    for word in value.split(" "):
        if len(line) + len(word) > 76 and line.strip() and not line.endswith(": "):
            out.append(line.rstrip())
            line = "\t"
        line += word + " "
    out.append(line.rstrip())
    return "\n".join(out) + "\n"


def html_of(text, client):
    paras = "".join("<p>%s</p>\n" % p.replace("&", "&amp;").replace("<", "&lt;")
                    .replace("\n", "<br>\n") for p in text.split("\n\n"))
    if client == "outlook":
        style = "".join("p.Mso%s, li.Mso%s, div.Mso%s\n\t{mso-style-priority:%d;margin:0cm;"
                        "font-size:11.0pt;font-family:\"Calibri\",sans-serif;}\n" % (k, k, k, i)
                        for i, k in enumerate(["Normal", "ListParagraph", "Hyperlink", "Footer",
                                               "Header", "Title", "Quote", "Caption", "Body"]))
        return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-'
                'com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\n<head>\n'
                '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
                '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
                '<style><!--\n/* Font Definitions */\n@font-face\n\t{font-family:"Cambria Math";'
                '\n\tpanose-1:2 4 5 3 5 4 6 3 2 4;}\n' + style +
                '@page WordSection1\n\t{size:612.0pt 792.0pt;margin:72.0pt 72.0pt 72.0pt 72.0pt;}'
                '\n--></style>\n</head>\n<body lang="EN-GB" link="#0563C1" vlink="#954F72" '
                'style="word-wrap:break-word">\n<div class="WordSection1">\n' +
                paras.replace("<p>", '<p class="MsoNormal">') + "</div>\n</body>\n</html>\n")
    if client == "gmail":
        return '<div dir="ltr">' + paras.replace("<p>", "<div>").replace("</p>", "</div><div><br></div>") + "</div>\n"
    if client == "phone_html":
        return ('<html><head></head><body><div class="ydp3b1f9c2yahoo-style-wrap" style="font-'
                'family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:16px;">' + paras +
                '</div><div id="ydp3b1f9c2yahoo_quoted">&nbsp;</div><br><br>Sent from Yahoo Mail '
                'on Android</body></html>\n')
    return ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            '<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: '
            'after-white-space;">' + paras + "</body></html>\n")


class Corpus:
    def __init__(self, seed, streets, per_day):
        self.seed = seed
        self.rng = random.Random("%s:stream" % seed)
        self.streets = streets
        self.per_day = per_day
        self.nmembers = 400
        self._members = {}
        self.posts = []  # (ref, kind, member idx, msgid, subject, text, date) of recent posts
        self.nref = {"offer": 0, "request": 0}
        self.recent = []  # recent messages to reply to: (msgid, refs, subject, member, text, date)
        self.digest_days = 0

    def member(self, idx):
        if idx not in self._members:
            self._members[idx] = Member(idx, self.seed, self.streets)
        return self._members[idx]

    def pick_member(self, r):
        # a few regulars write most of the mail
        return int(self.nmembers * (r.random() ** 2.2))

    def msgid(self, i, m, t):
        h = hashlib.sha1(("%s:%d" % (self.seed, i)).encode()).hexdigest()
        dom = m.addr.split("@")[1]
        c = m.client
        if c in ("apple", "iphone"):
            return "<%s-%s-%s-%s-%s@%s>" % (h[:8].upper(), h[8:12].upper(), h[12:16].upper(),
                                            h[16:20].upper(), h[20:32].upper(), dom)
        if c == "gmail":
            return "<CA+%s%s=%s@mail.gmail.example.com>" % (h[:10], base64.b64encode(
                bytes.fromhex(h[10:34])).decode().rstrip("=").replace("/", "_"), h[34:38])
        if c == "outlook":
            return "<AM%sPR%s%s@AM9PR0%sMB%s.eurprd0%s.prod.outlook.example.com>" % (
                h[:1].upper(), h[1:2], h[2:18].upper(), h[18], h[19:23], h[23])
        return "<%s.%s@%s>" % (t.strftime("%Y%m%d%H%M%S"), h[:10], dom)

    def fill(self, s, r, m):
        """S with {day}, {time}, {street}, {wd}, {dm}, {n}: the same values for the whole
        of one message (its title and its text agree)."""
        if getattr(r, "vals", None) is None:
            day = START + dt.timedelta(days=r.randint(0, 700))
            r.vals = dict(day=r.choice(DAYS),
                          time=r.choice(["9.30", "10am", "11.15", "2pm", "3.30", "7.45", "8am", "half 6"]),
                          street=m.street if r.random() < 0.5 else r.choice(self.streets),
                          wd=WD[day.weekday()], dm="%d %s" % (day.day, MONTHS[day.month - 1]),
                          n=r.randint(2, 6))
        return s.format(**r.vals)

    def body_of(self, r, m, core, extra_lines):
        greet = r.choice(["Hi all,", "Hi everyone,", "Hello neighbours,", "Dear all,", "Hiya", "",
                          "Morning all!", "Hi,"])
        lines = [greet, ""] if greet else []
        lines.append(core)
        filler = ["It would really help, even just once.", "No worries if not.",
                  "Let me know by replying to me directly.",
                  "I'm at %d %s, the one with the green door." % (m.house, m.street),
                  "My number is %s if that's easier, I'm in all day." % m.phone,
                  "Thanks so much, this group has been brilliant since I moved here.",
                  "I can be flexible on days and times.",
                  "Please don't worry about paying me back.",
                  "We're near the corner of %s." % r.choice(self.streets),
                  "My neighbour said to ask here.", "Happy to help again next week too.",
                  "I can chip in \u00a35 for petrol.", "We're by the caf\u00e9 on the corner.",
                  "It's not urgent \u2013 any day this week is fine."]
        para = [r.choice(filler) for _ in range(extra_lines)]
        while para:
            k = r.randint(1, 4)
            lines += ["", " ".join(para[:k])]
            para = para[k:]
        lines += ["", r.choice(["Thanks", "Thank you", "Cheers", "Many thanks", "x", "Best wishes",
                                "Ta", "Love"]) + ",", m.first]
        if m.signs:
            lines += ["", "-- ", m.name, m.street, m.phone]
        return "\n".join(lines)

    def next_type(self):
        return wchoice(self.rng, TYPES)

    def make(self, i, write):
        """Message i (1-based): (bytes or None, info dict)."""
        r = random.Random("%s:msg:%d" % (self.seed, i))
        t = START + dt.timedelta(seconds=(i - 1) * 86400.0 / self.per_day + r.uniform(0, 86400.0 / self.per_day))
        t = t.replace(microsecond=0)
        kind = self.next_type()
        mi = self.pick_member(self.rng)
        m = self.member(mi)
        subject, text, extra, headers = "", "", [], []
        irt = refs = None
        info = {"type": kind, "client": m.client}
        attach = self.rng.random() < 1 / 500
        quote = None
        if kind in ("offer", "request", "noprefix"):
            table = OFFERS if kind == "offer" or (kind == "noprefix" and r.random() < 0.5) else REQUESTS
            cat = r.choice(sorted(table))
            title, core = r.choice(table[cat])
            title, core = self.fill(title, r, m), self.fill(core, r, m)
            if kind == "noprefix":
                subject = title[0].upper() + title[1:] + (" - could anyone help?" if table is REQUESTS else "")
            else:
                pre = r.choice(OFFER_PREFIX if kind == "offer" else REQUEST_PREFIX)
                subject = pre + title
                if r.random() < 0.7:
                    subject += " (%s)" % (m.street if r.random() < 0.8 else r.choice(self.streets))
                if r.random() < 0.04:  # the odd street or accent in the subject
                    subject = subject.replace("soup", "\u017curek soup").replace("cafe", "caf\u00e9")
            text = self.body_of(r, m, core, r.choice([0, 1, 1, 2, 2, 3, 4, 6, 10, 16]))
            if kind != "noprefix":
                self.nref[kind] += 1
                self.posts.append((self.nref[kind], kind, mi, None, subject, text, t))
                self.posts = self.posts[-300:]
        elif kind == "reply" and self.recent:
            k = len(self.recent) - 1 - int(len(self.recent) * r.random() ** 3)
            pid, prefs, psub, pm, ptext, pdate = self.recent[max(k, 0)]
            subject = ("RE: " if m.client == "outlook" else "Re: ") + (psub[4:] if psub.startswith(("Re: ", "RE: ")) else psub)
            irt, refs = pid, (prefs + " " + pid if prefs else pid)
            core = r.choice(["I can help with this, I'll email you directly.",
                             "Is this still needed? I could do %s." % r.choice(DAYS),
                             "Sorry, can't help this time but hope someone can.",
                             "Thank you so much, that would be perfect!",
                             "Sent you a message.", "+1, I'd be interested too.",
                             "Just seen this - my husband can do it on %s." % r.choice(DAYS)])
            text = self.body_of(r, m, core, r.choice([0, 0, 1, 2]))
            quote = (pm, ptext, pdate, psub)
        elif kind == "closing" and self.posts:
            ref, pkind, pmi, _, psub, _, _ = self.posts[-1 - int(len(self.posts) * r.random() ** 2)]
            if r.random() < 0.8:
                mi, m = pmi, self.member(pmi)  # the author closes it
            elif r.random() < 0.5:
                mi, m = -1, None
            code = "%s-%04d" % ("O" if pkind == "offer" else "R", ref if r.random() < 0.95 else ref + 5000)
            subject = r.choice(CLOSING).format(ref=code)
            if m is None:
                cname, caddr = COORDINATORS[r.randint(0, 1)]
                m = Member(0, self.seed, self.streets)
                m.name, m.first, m.addr, m.client = cname, cname.split()[0], caddr, "thunderbird"
            text = r.choice(["All sorted, thank you everyone!", "Thanks, this is done now.",
                             "Someone has taken it, thank you.", "", "No longer needed, thanks."])
            info["client"] = m.client
        elif kind == "rota":
            subject = self.fill(r.choice(ROTA), r, m)
            text = r.choice(["Put me down please.", "I can do this one.", "", "Count me in, " + m.first])
        elif kind == "autoreply":
            subject = r.choice(["Automatic reply: %s daily digest" % GROUP_NAME,
                                "Out of Office: Re: %s" % r.choice(CHATTER)[0],
                                "Auto: I am away until %s" % r.choice(DAYS),
                                "Abwesenheitsnotiz: %s" % GROUP_NAME])
            text = "I am out of the office with limited access to email until %s.\n\nFor anything urgent please call %s." % (r.choice(DAYS), m.phone)
            headers.append(r.choice(["Auto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\n",
                                     "X-Autoreply: yes\nAuto-Submitted: auto-replied\n",
                                     "Precedence: bulk\nX-Autorespond: yes\n"]))
        elif kind == "bounce":
            return self.bounce(i, r, t, m, write)
        elif kind == "newsletter":
            subject = "%s news: warm space hours, fair & volunteers wanted" % MONTHS[t.month - 1]
            text = "\n\n".join(self.fill(c[1], r, m) for c in r.sample(CHATTER, 6)) * 2
            headers.append("Precedence: bulk\nList-Id: <news.parish.example.org>\n"
                           "List-Unsubscribe: <mailto:leave@parish.example.org>\n")
            m = Member(1, self.seed, self.streets)
            m.name, m.addr, m.client = "Parish Council", "news@parish.example.org", "outlook"
        else:  # chatter (and reply/closing with nothing to refer to yet)
            info["type"] = "chatter"
            title, core = r.choice(CHATTER)
            subject, text = self.fill(title, r, m), self.body_of(r, m, self.fill(core, r, m), r.choice([0, 1, 2, 5]))
        mid = self.msgid(i, m, t)
        if kind in ("offer", "request", "noprefix", "chatter", "reply") and m.addr != GROUP:
            self.recent.append((mid, refs or "", subject, m, text, t))
            self.recent = self.recent[-200:]
        if not write:
            return None, info
        if quote:
            text = self.quoted(r, m, text, quote)
        att = None
        if attach:
            size = r.randint(1_000_000, 3_000_000)
            arng = random.Random("%s:att:%d" % (self.seed, i))
            att = (r.choice([("image/jpeg", "IMG_%04d.jpeg" % r.randint(1, 9999)),
                             ("application/pdf", "flyer.pdf"), ("image/heic", "photo.heic")]),
                   arng.randbytes(size))
            info["attachment"] = size
        raw = self.render(i, r, t, m, subject, text, headers, irt, refs, mid, att)
        return raw, info

    def quoted(self, r, m, text, quote):
        pm, ptext, pdate, psub = quote
        if m.client == "outlook":
            return (text + "\n\n________________________________\nFrom: %s <%s>\nSent: %s\n"
                    "To: %s\nSubject: %s\n\n" % (pm.name, pm.addr, fmt_date(pdate, 0), GROUP, psub) + ptext)
        head = "On %s, %s <%s> wrote:\n" % (fmt_date(pdate, 0)[:-6], pm.name, pm.addr)
        q = "\n".join(("> " + x) if x else ">" for x in ptext.split("\n"))
        if m.client in ("thunderbird",) and r.random() < 0.5:  # bottom-posting
            return head + q + "\n\n" + text
        return text + "\n\n" + head + q

    def bounce(self, i, r, t, m, write):
        info = {"type": "bounce", "client": "mta"}
        if not write:
            return None, info
        qid = hashlib.md5(str(i).encode()).hexdigest()[:10].upper()
        b = "%s.%d/mx.elmpark.example.org" % (qid, i)
        date = fmt_date(t, 0)
        raw = ("Return-Path: <>\nDelivered-To: %s\nReceived: by mx.elmpark.example.org (Postfix)\n"
               "\tid %s; %s (GMT)\nDate: %s\nFrom: MAILER-DAEMON@mx.elmpark.example.org (Mail Delivery System)\n"
               "Subject: Undelivered Mail Returned to Sender\nTo: %s\nAuto-Submitted: auto-replied\n"
               "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;\n"
               "\tboundary=\"%s\"\nContent-Transfer-Encoding: 7bit\nMessage-Id: <%s.%s@mx.elmpark.example.org>\n\n"
               "This is a MIME-encapsulated message.\n\n--%s\nContent-Description: Notification\n"
               "Content-Type: text/plain; charset=us-ascii\n\nThis is the mail system at host "
               "mx.elmpark.example.org.\n\nI'm sorry to have to inform you that your message could not\n"
               "be delivered to one or more recipients. It's attached below.\n\n<%s>: host mx.%s said: "
               "550 5.1.1 User unknown\n\n--%s\nContent-Description: Delivery report\n"
               "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.elmpark.example.org\n"
               "X-Postfix-Queue-ID: %s\n\nFinal-Recipient: rfc822; %s\nAction: failed\nStatus: 5.1.1\n\n"
               "--%s\nContent-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n"
               "From: %s <%s>\nTo: %s\nSubject: %s daily digest\nDate: %s\n\n--%s--\n") % (
            GROUP, qid, date, date, GROUP, b, t.strftime("%Y%m%d%H%M%S"), qid, b, m.addr,
            m.addr.split("@")[1], b, qid, m.addr, b, GROUP_NAME, GROUP, m.addr, GROUP_NAME, date, b)
        return raw.encode(), info

    def render(self, i, r, t, m, subject, text, headers, irt, refs, mid, att):
        c = m.client
        date = fmt_date(t, m.tz)
        h = hashlib.sha256(("%s:%d:h" % (self.seed, i)).encode()).hexdigest()
        rcv = ("Return-Path: <%s>\nDelivered-To: %s\n"
               "Received: from mail.%s (mail.%s [198.51.100.%d])\n\tby mx.elmpark.example.org "
               "(Postfix) with ESMTPS id %s\n\tfor <%s>; %s (GMT)\n") % (
            m.addr, GROUP, m.addr.split("@")[1], m.addr.split("@")[1], i % 250 + 1, h[:10].upper(),
            GROUP, fmt_date(t + dt.timedelta(seconds=3), 0))
        if c in ("gmail", "outlook"):
            rcv += ("Received: from %s (%s.prod.example.net [2603:10a6:%s::%s])\n\tby %s with HTTPS; %s\n"
                    % (h[10:20], h[20:30], h[30:34], h[34:36], h[36:46], date))
            rcv += ("ARC-Seal: i=1; a=rsa-sha256; t=%d; cv=none; d=example.com; s=arc-20240605;\n"
                    "\tb=%s\n" % (int(t.timestamp()), "\n\t ".join(b64(hashlib.sha512(h.encode()).digest() * 3).split())))
            rcv += ("Authentication-Results: mx.elmpark.example.org; dkim=pass header.d=%s;\n"
                    "\tspf=pass smtp.mailfrom=%s; dmarc=pass\n" % (m.addr.split("@")[1], m.addr))
            rcv += ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=20230601; "
                    "t=%d;\n\th=to:subject:message-id:date:from:mime-version:from:to:cc:subject:date;\n"
                    "\tbh=%s;\n\tb=%s\n" % (m.addr.split("@")[1], int(t.timestamp()),
                                           base64.b64encode(hashlib.sha256(h.encode()).digest()).decode(),
                                           "\n\t ".join(b64(hashlib.sha512(h[::-1].encode()).digest() * 4).split())))
        name = m.name
        cs = "windows-1252" if c == "webmail_8bit" and i % 2 else "iso-8859-1" if c == "webmail_8bit" else "UTF-8"
        if c == "webmail_8bit":
            # old web mail: smart quotes, pounds and accents in a legacy charset
            text = text.replace("'", "\u2019" if cs == "windows-1252" else "'").replace("ten pounds", "\u00a310")
            if i % 5 == 0:
                name = name.replace("Renee", "Ren\u00e9e").replace("Joao", "Jo\u00e3o")
        if c == "android_b64" and i % 3 == 0:
            text += "\n\nDzi\u0119kuj\u0119! \U0001F60A"
        hdr = rcv
        hdr += fold("From", "%s <%s>" % (enc_word(name, "UTF-8" if cs == "UTF-8" else "iso-8859-1"), m.addr)
                    if (" " in name and "'" not in name) else '"%s" <%s>' % (name, m.addr))
        hdr += "To: %s\n" % (GROUP if r.random() < 0.9 else "%s <%s>" % (GROUP_NAME, GROUP))
        subj = enc_word(subject, "UTF-8", q=(c != "android_b64"))
        hdr += fold("Subject", subj)
        hdr += "Date: %s\nMessage-ID: %s\n" % (date, mid)
        if irt:
            hdr += "In-Reply-To: %s\n" % irt
            hdr += fold("References", refs)
        hdr += "".join(headers)
        if c == "outlook":
            hdr += ("Thread-Topic: %s\nThread-Index: AQHa%s==\nAccept-Language: en-GB, en-US\n"
                    "Content-Language: en-GB\nX-MS-Has-Attach: %s\nX-MS-TNEF-Correlator:\n"
                    "X-MS-Exchange-Organization-SCL: 1\n" % (subj, h[:22], "yes" if att else ""))
        elif c in ("apple", "iphone"):
            hdr += "X-Mailer: %s\n" % ("Apple Mail (2.3774.500.171.1.1)" if c == "apple" else "iPhone Mail (22B91)")
        elif c == "webmail_8bit":
            hdr += "User-Agent: %s\n" % r.choice(["SquirrelMail/1.4.22", "Internet Messaging Program (IMP) H3 (4.3.11)"])
        elif c == "thunderbird":
            hdr += "User-Agent: Mozilla Thunderbird\nContent-Language: en-GB\n"
        hdr += "MIME-Version: 1.0%s\n" % (" (Mac OS X Mail 16.0 \\(3774.500.171.1.1\\))" if c == "apple" else "")
        text = text.replace("\r", "")
        if c == "iphone":
            text += "\n\nSent from my iPhone"
        elif c == "phone_html":
            pass
        body = self.body(c, cs, text, att, h)
        # everything but Thunderbird's 8bit UTF-8 text is ASCII by now
        return (hdr + body).encode("utf-8")

    def body(self, c, cs, text, att, h):
        def plain(charset="UTF-8"):
            if c == "webmail_8bit":
                return ('Content-Type: text/plain; charset="%s"\nContent-Transfer-Encoding: quoted-printable\n\n'
                        % cs) + qp(text, "cp1252" if cs == "windows-1252" else "latin-1")
            if c == "android_b64":
                return "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n" + b64(text.encode())
            if c == "thunderbird":
                flowed = "\n".join(self.flow(x) for x in text.split("\n"))
                return ("Content-Type: text/plain; charset=UTF-8; format=flowed\n"
                        "Content-Transfer-Encoding: 8bit\n\n") + flowed + "\n"
            try:
                text.encode("ascii")
                return ("Content-Type: text/plain; charset=%s\nContent-Transfer-Encoding: 7bit\n\n"
                        % ("us-ascii" if c == "iphone" else '"UTF-8"')) + text + "\n"
            except UnicodeEncodeError:
                return ('Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: '
                        'quoted-printable\n\n') + qp(text)

        def html():
            enc = "base64" if c == "phone_html" and len(text) % 2 else "quoted-printable"
            data = html_of(text, c)
            return ('Content-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: %s\n\n' % enc
                    + (b64(data.encode()) if enc == "base64" else qp(data)))

        if c in ("apple", "gmail", "outlook"):
            bnd = ("Apple-Mail=_%s" % h[:32].upper() if c == "apple" else "000000000000%s" % h[:16]
                   if c == "gmail" else "_000_%s_" % h[:40].upper())
            alt = ("--%s\n%s\n--%s\n%s\n--%s--\n" % (bnd, plain(), bnd, html(), bnd))
            part = "Content-Type: multipart/alternative; boundary=\"%s\"\n\n%s" % (bnd, alt)
        elif c == "phone_html":
            part = html()
        else:
            part = plain()
        if not att:
            return part if part.endswith("\n") else part + "\n"
        (ctype, fname), data = att
        outer = "mixed_%s" % h[40:60]
        return ("Content-Type: multipart/mixed; boundary=\"%s\"\n\nThis is a multi-part message in MIME format.\n\n"
                "--%s\n%s\n--%s\nContent-Type: %s; name=\"%s\"\nContent-Disposition: attachment; filename=\"%s\"\n"
                "Content-Transfer-Encoding: base64\n\n%s\n--%s--\n") % (
            outer, outer, part, outer, ctype, fname, fname, b64(data), outer)

    @staticmethod
    def flow(line):
        if len(line) <= 72 or line.startswith(">"):
            return line
        # format=flowed: soft breaks end in a space (RFC 3676)
        out, cur = [], ""
        for w in line.split(" "):
            if cur and len(cur) + len(w) > 70:
                out.append(cur)
                cur = ""
            cur += w + " "
        out.append(cur.rstrip())
        return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="messages to write (default 1000)")
    ap.add_argument("--first", type=int, default=1, help="number of the first message (default 1)")
    ap.add_argument("-o", "--out", help="folder: the maildir goes in OUT/Maildir")
    ap.add_argument("--mbox", help="also write the messages to this mbox file")
    ap.add_argument("--seed", default="doorstep", help="the stream's seed (default doorstep)")
    ap.add_argument("--per-day", type=float, default=100.0, help="messages a day (default 100)")
    ap.add_argument("--areas", type=int, default=2,
                    help="areas of the group: 2 is the demo's north and south (default); more "
                         "are made up, 1 to 3 streets each")
    ap.add_argument("--print-areas", action="store_true", help="print the [areas] section and exit")
    a = ap.parse_args()

    areas = make_areas(a.areas)
    if a.print_areas:
        print("[areas]")
        for name, streets in areas:
            print("%s = %s" % (name, ", ".join("%s:%d" % (s, 20 + len(s) % 40) for s in streets)))
        return
    if not a.out:
        ap.error("-o OUT is needed")
    streets = [s for _, ss in areas for s in ss]
    corpus = Corpus(a.seed, streets, a.per_day)
    md = os.path.join(a.out, "Maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md, sub), exist_ok=True)
    mbox = open(a.mbox, "wb") if a.mbox else None
    stats = {"messages": 0, "bytes": 0, "types": {}, "clients": {}, "attachments": 0,
             "largest": 0}
    last_t = None
    for i in range(1, a.first + a.n):
        write = i >= a.first
        raw, info = corpus.make(i, write)
        if not write:
            continue
        t = START + dt.timedelta(seconds=i * 86400.0 / a.per_day)
        last_t = t
        epoch = int(t.timestamp())
        # maildir names sort in arrival order (doorstep-fetch sorts them); a few unread in new/
        unread = i % 17 == 0
        name = "%d.M%07dP%d.bench%s" % (epoch, i, 4000 + i % 997, "" if unread else ":2,S")
        path = os.path.join(md, "new" if unread else "cur", name)
        with open(path, "wb") as f:
            f.write(raw)
        os.utime(path, (epoch, epoch))
        if mbox:
            sender = raw.split(b"Return-Path: <", 1)[-1].split(b">", 1)[0] or b"MAILER-DAEMON"
            mbox.write(b"From %s %s\n" % (sender, t.strftime("%a %b %d %H:%M:%S %Y").encode()))
            for line in raw.split(b"\n")[:-1] if raw.endswith(b"\n") else raw.split(b"\n"):
                if line.lstrip(b">").startswith(b"From "):
                    line = b">" + line
                mbox.write(line + b"\n")
            mbox.write(b"\n")
        stats["messages"] += 1
        stats["bytes"] += len(raw)
        stats["largest"] = max(stats["largest"], len(raw))
        stats["types"][info["type"]] = stats["types"].get(info["type"], 0) + 1
        stats["clients"][info["client"]] = stats["clients"].get(info["client"], 0) + 1
        stats["attachments"] += "attachment" in info
    if mbox:
        mbox.close()
    stats.update({
        "seed": a.seed, "first": a.first, "per_day": a.per_day, "areas": a.areas,
        "first_date": (START + dt.timedelta(seconds=a.first * 86400.0 / a.per_day)).isoformat(),
        "last_date": last_t.isoformat() if last_t else None,
        # DOORSTEP_NOW a little after the last message, in local time (London, no DST
        # subtlety matters at this distance)
        "now": (last_t + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S") if last_t else None,
    })
    with open(os.path.join(a.out, "meta.json"), "w") as f:
        json.dump(stats, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
