/* test_process.c — the rules of doorstep-process on realistic text: words and stems,
 * kind by phrases, closing words, categories, forgiving streets, house numbers,
 * dates, quotes and signatures, RFC 2231 and attachments, automatic mail. */
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "clock.h"
#include "conf.h"
#include "dates.h"
#include "buf.h"
#include "mime.h"
#include "mimehdr.h"
#include "places.h"
#include "quote.h"
#include "redact.h"
#include "unit.h"
#include "words.h"

static conf *cfg;
static struct rules *rules;

static void
setup(void)
{
    char path[] = "/tmp/doorstep-process.XXXXXX", err[1024];
    int fd = mkstemp(path);
    const char ini[] =
        "[group]\nname = Millbrook Mutual Aid\naddress = help@millbrook.example.org\n"
        "timezone = Europe/London\n"
        "[fetch]\nsource = mbox:x\n"
        "[process]\nrequest_phrases = anyone got a spare, my freezer is empty\n"
        "offer_phrases = going begging\n"
        "[areas]\nnorth = Church Street, Mill Lane, St John's Road\n"
        "south = Victoria Avenue, Chapel Close, Hawthorn Grove\n"
        "east = Queens Road, Bridge Street, Orchard Way\n"
        "riverside = Mill Race\n";
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, ini, sizeof ini - 1), (ssize_t)(sizeof ini - 1));
    close(fd);
    cfg = conf_load(path, err, sizeof err);
    unlink(path);
    ck_assert_msg(cfg != NULL, "%s", err);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
    rules = classify_rules_new(cfg);
    ck_assert_ptr_nonnull(rules);
}

static void
teardown(void)
{
    classify_rules_free(rules);
    conf_free(cfg);
}

START_TEST(t_words_and_stems)
{
    static const char *const same[][2] = {
        {"shopping", "shop"}, {"groceries", "grocery"}, {"walks", "walking"},
        {"prescriptions", "prescription"}, {"babysitting", "babysit"}, {"drives", "driving"},
        {"needed", "need"}, {"boxes", "box"}, {"dogs", "dog"}, {"bills", "bill"},
    };
    struct words w = {0};

    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char a[WORD_KEY], b[WORD_KEY];
        snprintf(a, sizeof a, "%s", same[i][0]);
        snprintf(b, sizeof b, "%s", same[i][1]);
        words_stem(a);
        words_stem(b);
        ck_assert_msg(strcmp(a, b) == 0, "%s -> %s, %s -> %s", same[i][0], a, same[i][1], b);
    }
    /* apostrophes (curly too) stay inside words; hyphens split; breaks are marked */
    ck_assert_int_eq(words_split("I can\xE2\x80\x99t make check-in. Sorry", &w), 0);
    ck_assert_int_eq(w.n, 6);
    ck_assert_str_eq(w.w[1].raw, "cant");
    ck_assert_str_eq(w.w[3].raw, "check");
    ck_assert_int_eq(w.w[5].flags & W_BREAK, W_BREAK);
    ck_assert_int_eq(w.w[0].flags & W_CAP, W_CAP);
    words_free(&w);
}
END_TEST

static enum post_kind
kind_of(const char *title, const char *text, int *sure)
{
    struct kind_guess g;
    classify_kind(rules, title, text, &g);
    if (sure)
        *sure = g.sure;
    return g.kind;
}

START_TEST(t_kind_by_words)
{
    static const struct {
        const char *title, *text;
        enum post_kind kind;
    } cases[] = {
        {"Hospital appointment on Thursday",
         "Could anyone help me get to my hospital appointment at the General on Thursday 26th? "
         "I can get a taxi back.", KIND_REQUEST},
        {"Dog walks - mornings", "I'm working from home so I can help with dog walks most "
                                 "mornings.", KIND_OFFER},
        {"Soup!", "I've got a huge pot on the go and I'm happy to do a batch of soup for anyone "
                  "who'd like some.", KIND_OFFER},
        {"Mattress on Saturday - could someone give me a hand?",
         "The delivery men will only leave it at the door. I will pay you in cake!", KIND_REQUEST},
        {"Spare sofa bed", "I have a spare sofa bed free to anyone who can collect it.", KIND_OFFER},
        {"Help!!", "My boiler has packed in. Does anyone have a spare electric heater I could "
                   "borrow?", KIND_REQUEST},
        {"Lifts", "Would anyone like a lift to the Christmas market? I've got two seats.",
         KIND_OFFER},
        {"Pram", "Could anyone use a pram? Ours is in the shed doing nothing.", KIND_OFFER},
        {"Shelves", "Would anyone be happy to help me put up two shelves? Happy to pay for your "
                    "time.", KIND_REQUEST},
        {"Thank you!", "Thank you all so much, you have been wonderful.", KIND_NONE},
        {"Freezer", "My freezer is empty and payday is a week off.", KIND_REQUEST},
        {"Apples", "Bags of apples going begging by the gate.", KIND_OFFER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum post_kind k = kind_of(cases[i].title, cases[i].text, NULL);
        ck_assert_msg(k == cases[i].kind, "%s: %d, expected %d", cases[i].title, k,
                      cases[i].kind);
    }
    /* both, evenly: a guess for triage */
    int sure = 1;
    kind_of("Car seat", "Our toddler has outgrown his car seat, it's yours if you want it. "
                        "Also I'm looking for a booster seat if anyone has one.",
            &sure);
    ck_assert_int_eq(sure, 0);
}
END_TEST

START_TEST(t_closing_words)
{
    ck_assert_str_eq(classify_closing(rules, "Sorted now, thank you Priya!"), "done");
    ck_assert_str_eq(classify_closing(rules, "All sorted now - we don't need one any more."),
                     "done");
    ck_assert_str_eq(classify_closing(rules, "All gone, thanks everyone"), "taken");
    ck_assert_str_eq(classify_closing(rules, "No longer needed, my son came home early."),
                     "withdrawn");
    ck_assert_str_eq(classify_closing(rules, "This has been collected now, thank you."), "done");
    ck_assert_ptr_null(classify_closing(rules, "Still need someone for Thursday please!"));
    ck_assert_ptr_null(classify_closing(rules, "Is this still available?"));
    ck_assert_ptr_null(classify_closing(rules, "I could do it on Thursday."));
    ck_assert_ptr_null(classify_closing(rules, "When it's sorted send DONE, e.g. DONE R-0003."));
}
END_TEST

START_TEST(t_categories)
{
    ck_assert_str_eq(classify_category(rules, "Dog walks", ""), "pets");
    ck_assert_str_eq(classify_category(rules, "x", "could someone pick up my prescriptions"),
                     "medicine");
    ck_assert_str_eq(classify_category(rules, "Lift to the station",
                                       "I need to be at the station by 7"), "transport");
    /* the street's words are no keywords: "Church Street" is not about a church, nor
     * "Mill Lane" about anything; "food bank" is a phrase */
    ck_assert_str_eq(classify_category(rules, "Food bank parcel", "I'm on Queens Road"), "food");
    ck_assert_str_eq(classify_category(rules, "Knitting", "hats and scarves"), "other");
    /* things for a baby are household; looking after children is childcare */
    ck_assert_str_eq(classify_category(rules, "Loan of a pushchair", "for my grandson"),
                     "household");
    ck_assert_str_eq(classify_category(rules, "babysitter Saturday", "our two are 4 and 7"),
                     "childcare");
    ck_assert_str_eq(classify_category(rules, "help with electricity top-up",
                                       "my meter is on emergency credit"), "money");
}
END_TEST

START_TEST(t_streets)
{
    const struct places *pl = classify_rules_places(rules);
    const char *street, *area;
    static const struct {
        const char *place, *title, *text, *street, *area;
    } cases[] = {
        {"St Johns Rd", "", "", "St John's Road", "north"},
        {"st. john's road", "", "", "St John's Road", "north"},
        {"Hawthorne Grove", "", "", "Hawthorn Grove", "south"},
        {"Victoria Ave", "", "", "Victoria Avenue", "south"},
        {"Mill Ln", "", "", "Mill Lane", "north"},
        {"Chapel Cl", "", "", "Chapel Close", "south"},
        {"Queens Raod", "", "", "Queens Road", "east"},
        {"EAST", "", "", NULL, "east"},
        {"", "Free firewood on Orchard Way", "", "Orchard Way", "east"},
        {"", "Prescription", "Could someone collect it from the chemist on Bridge Street? I live "
                             "on St John's Road.", "St John's Road", "north"},
        {"", "Lift", "I need a lift to Bridge Street.\n\nDan\nChapel Close\n", "Chapel Close",
         "south"},
        {"", "Mill", "The mill is closed and the lane is muddy.", NULL, NULL},
        /* no street, but an area named: only when its name is no everyday word */
        {"", "Logs", "We're down in Riverside, bring a bag.", NULL, "riverside"},
        {"", "Logs", "I'm on the east side of town.", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        area = places_find(pl, cases[i].place, cases[i].title, cases[i].text, &street);
        if (cases[i].area)
            ck_assert_msg(area && strcmp(area, cases[i].area) == 0, "%zu: area %s", i,
                          area ? area : "(none)");
        else
            ck_assert_msg(!area, "%zu: area %s", i, area);
        if (cases[i].street)
            ck_assert_msg(street && strcmp(street, cases[i].street) == 0, "%zu: street %s", i,
                          street ? street : "(none)");
        else
            ck_assert_msg(!street, "%zu: street %s", i, street);
    }
}
END_TEST

START_TEST(t_redact_house_numbers)
{
    static const struct {
        const char *in, *gone, *kept;
    } cases[] = {
        {"I'm at 31 Queens Raod.", "31", "Queens Raod"},
        {"I'm on Victoria Avenue, number 14.", "14", "Victoria Avenue"},
        {"Flat 2, 9 Chapel Close", "2", "Chapel Close"},
        {"No. 7 St Johns Rd please", "7", "St Johns Rd"},
        {"at 12 Acacia Avenue, MB4 2QT", "12", "Acacia Avenue"},
        {"I'm at 5 chapel close, mb3 7hw.", "mb3", "chapel close"},
        {"Call 07700 900311 or 0161 496 0412", "900311", "Call"},
        {"Thursday 10th at 10:30, 3 bags from 2 shops", "", "Thursday 10th at 10:30, 3 bags"},
    };
    struct places *pl = places_new(cfg);

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact(pl, cases[i].in);
        ck_assert_ptr_nonnull(s);
        if (*cases[i].gone)
            ck_assert_msg(!strstr(s, cases[i].gone), "%s -> %s", cases[i].in, s);
        ck_assert_msg(strstr(s, cases[i].kept), "%s -> %s", cases[i].in, s);
        free(s);
    }
    places_free(pl);
}
END_TEST

static const char *
needed(const char *subject, const char *text, const char *sent)
{
    static char out[DAY_SIZE];
    time_t t;

    ck_assert_int_eq(clock_parse_local(sent, &t), 0);
    if (!dates_needed_by(subject, text, t, out))
        return "";
    return out;
}

/* redact_find: the details redact would remove, as written, for member forget. */
struct found_list {
    char s[16][64];
    size_t n;
};

static void
on_found_detail(const char *kind, const char *s, size_t n, void *ctx)
{
    struct found_list *f = ctx;
    if (f->n < 16)
        snprintf(f->s[f->n++], sizeof f->s[0], "%s:%.*s", kind, (int)n, s);
}

static int
found_has(const struct found_list *f, const char *want)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->s[i], want) == 0)
            return 1;
    return 0;
}

START_TEST(t_redact_find)
{
    struct found_list f = {0};

    redact_find(NULL,
                "I'm at 14 Oak Road, EP1 4XY. Ring 07700 900123 or (0161) 496-0000, or write to"
                " ann.q@example.net. Flat 2, 9 Acacia Avenue. See you at 10:30 on the 3rd.",
                on_found_detail, &f);
    ck_assert_msg(found_has(&f, "house:14 Oak Road"), "%zu found: %s", f.n, f.n ? f.s[0] : "");
    ck_assert(found_has(&f, "postcode:EP1 4XY"));
    ck_assert(found_has(&f, "phone:07700 900123"));
    ck_assert(found_has(&f, "phone:(0161) 496-0000"));
    ck_assert(found_has(&f, "email:ann.q@example.net"));
    ck_assert_msg(found_has(&f, "house:Flat 2, 9 Acacia Avenue") || found_has(&f, "house:9 Acacia Avenue"), "%s %s %s", f.s[f.n - 3], f.s[f.n - 2], f.s[f.n - 1]);
    for (size_t i = 0; i < f.n; i++)
        ck_assert_msg(!strstr(f.s[i], "10:30") && !strstr(f.s[i], "3rd"), "found %s", f.s[i]);
    f.n = 0;
    redact_find(NULL, "Nothing private here, just soup on Sunday.", on_found_detail, &f);
    ck_assert_uint_eq(f.n, 0);
}
END_TEST

START_TEST(t_dates)
{
    /* Thursday 3 December 2026, 11:00 */
    const char *at = "2026-12-03T11:00";
    ck_assert_str_eq(needed("", "Could someone help today?", at), "2026-12-03");
    ck_assert_str_eq(needed("", "tonight if possible", at), "2026-12-03");
    ck_assert_str_eq(needed("", "Needed tomorrow morning", at), "2026-12-04");
    ck_assert_str_eq(needed("lift Tuesday", "", at), "2026-12-08");
    ck_assert_str_eq(needed("", "by Friday please", at), "2026-12-04");
    ck_assert_str_eq(needed("", "on Thursday", at), "2026-12-10"); /* not today: a week on */
    ck_assert_str_eq(needed("", "this weekend", at), "2026-12-05");
    ck_assert_str_eq(needed("", "some time next week", at), "2026-12-07");
    ck_assert_str_eq(needed("", "next Friday", at), "2026-12-11");
    ck_assert_str_eq(needed("", "next Monday", at), "2026-12-07");
    ck_assert_str_eq(needed("", "on 27/12", at), "2026-12-27");
    ck_assert_str_eq(needed("", "on 2/1/27", at), "2027-01-02");
    ck_assert_str_eq(needed("", "on 27 Dec", at), "2026-12-27");
    ck_assert_str_eq(needed("", "the 27th of December", at), "2026-12-27");
    ck_assert_str_eq(needed("", "December 27th", at), "2026-12-27");
    ck_assert_str_eq(needed("", "Monday 14th", at), "2026-12-14");
    ck_assert_str_eq(needed("", "on 5 January", at), "2027-01-05"); /* the next one */
    /* a weekday beside a date picks the year where they agree */
    ck_assert_str_eq(needed("", "check-in calls Thu 8 Oct", "2025-01-18T07:00"), "2026-10-08");
    ck_assert_str_eq(needed("lift Tues 8th", "I can drop a key round on Sunday", at),
                     "2026-12-08");
    /* times, amounts and verbs are no dates */
    ck_assert_str_eq(needed("", "at 10.40, 3 bags, 50/50, I sat down, may I", at), "");
    /* the group's time zone: 23:30 UTC on 3 December is 4 December in Berlin */
    char err[128];
    ck_assert_int_eq(clock_setup("Europe/Berlin", err, sizeof err), 0);
    ck_assert_str_eq(needed("", "today", "2026-12-04T00:30"), "2026-12-04");
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
}
END_TEST

/* A range is needed until its last day (issue 16: "away 14-18 December" expired on
 * the 13th). */
START_TEST(t_date_ranges)
{
    const char *at = "2026-12-07T11:00"; /* a Monday */
    ck_assert_str_eq(needed("", "I'm away 14-18 December, could someone feed the cat", at),
                     "2026-12-18");
    ck_assert_str_eq(needed("", "away 14 December to 18 December", at), "2026-12-18");
    ck_assert_str_eq(needed("", "from the 14th until the 18th", at), "2026-12-18");
    ck_assert_str_eq(needed("", "Tuesday - Friday", at), "2026-12-11");
    ck_assert_str_eq(needed("", "14/12 \xe2\x80\x93 18/12", at), "2026-12-18");
    /* two days that are not a range: the first is the need */
    ck_assert_str_eq(needed("", "on Tuesday, and a key round on Friday", at), "2026-12-08");
    ck_assert_str_eq(needed("", "Friday to Tuesday", at), "2026-12-11");
}
END_TEST

START_TEST(t_quotes_and_signatures)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        /* attribution folded over two lines, bottom-posting */
        {"On Sat, 5 Dec 2026 at 13:00, Harry Patel <\nharry@example.org> wrote:\n> old\n> "
         "text\n\nNo longer available.\n\nHarry\n",
         "No longer available.\n\nHarry"},
        /* Outlook */
        {"Done, thanks!\n\n________________________________\nFrom: Bev <b@example.com>\n"
         "Sent: 03 December 2026 08:40\nTo: help@example.org\nSubject: REQUEST: x\n\nold\n",
         "Done, thanks!"},
        {"Thanks\n\n-----Original Message-----\nFrom: x\n", "Thanks"},
        {"Sorted.\n\nFrom: Bev Shaw\nSent: Thursday\nSubject: x\n\nold", "Sorted."},
        /* a digest quoted without > under the new words */
        {"Could anyone help with my bins?\n\nMillbrook Mutual Aid: Saturday 5 December 2026\n"
         "New: 3 requests, 2 offers. Still open: 9 requests.\n\nNEW REQUESTS\n============\n",
         "Could anyone help with my bins?"},
        /* signatures */
        {"Yes please\n\nSent from my Galaxy\n", "Yes please"},
        {"Yes\n\nGet Outlook for Android\n", "Yes"},
        {"Yes\n-- \nJo Bloggs\n07700 900123\n", "Yes"},
        /* HTML converted without > : an attribution followed by unquoted old text */
        {"Sorted!\nOn Tue, 1 Dec 2026, Jo wrote:\nCould anyone lend me a ladder?\n", "Sorted!"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = quote_new_text(cases[i].in);
        ck_assert_msg(s && strcmp(s, cases[i].want) == 0, "%zu: [%s]", i, s);
        free(s);
    }
    char *fwd = quote_forwarded_text(
        "Passing this on.\n\n---------- Forwarded message ---------\nFrom: A <a@example.org>\n"
        "Date: Mon, 7 Dec 2026\nSubject: x\nTo: b@example.org\n\nCould someone help Mrs P?\n");
    ck_assert_str_eq(fwd, "Passing this on.\n\n\nCould someone help Mrs P?");
    free(fwd);
    char *own = quote_own_text("Free sofa.\n-- \nZara\nBridge Street\n\nSent from my iPhone\n");
    ck_assert_str_eq(own, "Free sofa.\nZara\nBridge Street");
    free(own);
    /* both from one reading: the signature cut from one, kept in the other; a digest
     * quoted under the signature cuts the own text shorter than the new one */
    char *nw, *ow;
    ck_assert_int_eq(quote_texts("\n\n  Free sofa.\n\n-- \nZara\nBridge Street\n", &nw, &ow), 0);
    ck_assert_str_eq(nw, "  Free sofa.");
    ck_assert_str_eq(ow, "  Free sofa.\n\nZara\nBridge Street");
    free(nw);
    free(ow);
    ck_assert_int_eq(quote_texts("Elm Group: Monday\n-- \nNew: 1 requests, 2 offers\n", &nw, &ow),
                     0);
    ck_assert_str_eq(nw, "Elm Group: Monday");
    ck_assert_str_eq(ow, "");
    free(nw);
    free(ow);
    ck_assert_int_eq(quote_texts("No signature here.\n", &nw, &ow), 0);
    ck_assert_str_eq(nw, "No signature here.");
    ck_assert_str_eq(ow, "No signature here.");
    free(nw);
    free(ow);
}
END_TEST

START_TEST(t_subjects_and_refs)
{
    struct subject_info si;
    char refs[4][CODE_SIZE];

    classify_subject("SORTED R-12", &si);
    ck_assert_int_eq(si.kind, KIND_CLOSING);
    ck_assert_str_eq(si.ref, "R-0012");
    classify_subject("No longer needed R-0004", &si);
    ck_assert_str_eq(si.status, "withdrawn");
    classify_subject("FREE: firewood (Queens Road)", &si);
    ck_assert_int_eq(si.kind, KIND_OFFER);
    ck_assert_str_eq(si.place, "Queens Road");
    classify_subject("ROTA CANCEL food bank Thursday", &si);
    ck_assert_int_eq(si.kind, KIND_ROTA);
    ck_assert_int_eq(si.rota_cancel, 1);
    ck_assert_str_eq(si.title, "food bank Thursday");
    classify_subject("Free sofa", &si); /* no colon: read by its words */
    ck_assert_int_eq(si.kind, KIND_NONE);
    ck_assert_uint_eq(classify_refs("DONE R-0002, r-3 and O-0010 (not XR-1, R-12a)", refs, 4), 3);
    ck_assert_str_eq(refs[1], "R-0003");
    ck_assert_str_eq(refs[2], "O-0010");
    ck_assert_ptr_nonnull(classify_auto_subject("Out of Office: Millbrook digest"));
    ck_assert_ptr_nonnull(classify_auto_subject("Automatic reply: hello"));
    ck_assert_ptr_nonnull(classify_auto_subject("Undeliverable: digest"));
    ck_assert_ptr_null(classify_auto_subject("OFFER: cat sitting while you're on holiday"));
    ck_assert_ptr_null(classify_auto_subject("On holiday next week - could someone feed my cat?"));
    ck_assert_ptr_nonnull(classify_auto_subject("Auto: I am away until Monday"));
    ck_assert_int_eq(classify_chatter_subject("Thank you all!"), 1);
    ck_assert_int_eq(classify_chatter_subject("Christmas social - Saturday 12th"), 1);
    ck_assert_int_eq(classify_chatter_subject("Thanksgiving leftovers"), 0);
}
END_TEST

START_TEST(t_mime_rfc2231_and_attachments)
{
    const char raw[] =
        "From mo@example.org Mon Dec  7 10:00:00 2026\n"
        "From: Mo <mo@example.org>\nSubject: =?UTF-8?Q?OFFER:_table?=\n"
        "In-Reply-To: <a@example.org>\nReferences: <root@example.org> <a@example.org>\n"
        "Content-Type: multipart/mixed; boundary=b\n\n"
        "--b\nContent-Type: text/plain; charset*=us-ascii'en'utf-8\n\nPhoto attached.\n"
        "--b\nContent-Type: image/jpeg; name*=UTF-8''K%C3%BCche.jpg\n"
        "Content-Disposition: attachment;\n filename*0*=UTF-8''K%C3%BCchen;\n filename*1=tisch.jpg\n"
        "Content-Transfer-Encoding: base64\n\nAAECAwQFBgc=\n"
        "--b\nContent-Type: application/pdf\nContent-Disposition: attachment;"
        " filename=\"=?UTF-8?B?UHLDtmZ1bmcucGRm?=\"\n\n%PDF\n--b--\n";
    struct mime_msg m;
    char reason[256];

    ck_assert_int_eq(mime_parse(raw, sizeof raw - 1, &m, reason, sizeof reason), 0);
    ck_assert_str_eq(m.from_addr, "mo@example.org"); /* the mbox line was skipped */
    ck_assert_str_eq(m.text, "Photo attached.");
    ck_assert_uint_eq(m.natt, 2);
    ck_assert_str_eq(m.att[0].name, "K\xC3\xBC" "chentisch.jpg");
    ck_assert_str_eq(m.att[0].type, "image/jpeg");
    ck_assert_uint_eq(m.att[0].size, 8);
    ck_assert_str_eq(m.att[1].name, "Pr\xC3\xB6" "fung.pdf");
    ck_assert_uint_eq(m.nrefs, 2);
    ck_assert_str_eq(m.refs[0], "a@example.org");
    ck_assert_str_eq(m.refs[1], "root@example.org");
    mime_free(&m);

    struct mime_param p[] = {{"title*0*", "utf-8''caf%C3%A9%20"}, {"title*1", "au lait"}};
    char *v = mimehdr_param_decode(p, 2, "title");
    ck_assert_str_eq(v, "caf\xC3\xA9 au lait");
    free(v);
}
END_TEST

START_TEST(t_header_readers)
{
    /* the common shapes are read without libetpan (fuzz_ctype checks that they are
     * read as it would); the others are left to it */
    static const char *const simple[] = {
        "text/plain; charset=\"utf-8\"; format=flowed",
        "multipart/alternative; boundary=\"----=_Part_1.16\"",
        "TEXT/Html;charset=iso-8859-1;", "message/rfc822", "application/pdf; name=\"\"",
    };
    static const char *const other[] = {
        "text/plain (comment)", "text /plain", "x-foo/bar", "textual/plain",
        "text/plain; name=\"a b\"", "text/plain; charset=", "text/plain; a=\"\\\"\"",
        "text/plain; charset=utf-8 x", "text/plain; charset = utf-8",
    };
    struct mailmime_content *c;

    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        c = mimehdr_content_type_simple(simple[i], strlen(simple[i]));
        ck_assert_msg(c != NULL, "%s", simple[i]);
        mailmime_content_free(c);
    }
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        ck_assert_msg(!mimehdr_content_type_simple(other[i], strlen(other[i])), "%s", other[i]);
    c = mimehdr_content_type_simple(simple[2], strlen(simple[2]));
    ck_assert_int_eq(c->ct_type->tp_type, MAILMIME_TYPE_DISCRETE_TYPE);
    ck_assert_int_eq(c->ct_type->tp_data.tp_discrete_type->dt_type, MAILMIME_DISCRETE_TYPE_TEXT);
    ck_assert_str_eq(c->ct_subtype, "Html");
    ck_assert_int_eq(clist_count(c->ct_parameters), 1);
    struct mailmime_parameter *p = clist_content(clist_begin(c->ct_parameters));
    ck_assert_str_eq(p->pa_name, "charset");
    ck_assert_str_eq(p->pa_value, "iso-8859-1");
    mailmime_content_free(c);
    /* the others still read, by libetpan */
    c = mimehdr_content_type(other[0], strlen(other[0]));
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(c->ct_subtype, "plain");
    mailmime_content_free(c);

    /* senders and dates, likewise (fuzz_fields compares them with libetpan's) */
    char *addr, *name;
    ck_assert_int_eq(mimehdr_mailbox_simple("Maria Lopez <M.Lopez@x.org>", &addr, &name), 1);
    ck_assert_str_eq(addr, "M.Lopez@x.org");
    ck_assert_str_eq(name, "Maria Lopez");
    free(addr);
    free(name);
    ck_assert_int_eq(mimehdr_mailbox_simple("\"Lopez, Maria\" <m@x.org>", &addr, &name), 1);
    ck_assert_str_eq(name, "Lopez, Maria");
    free(addr);
    free(name);
    ck_assert_int_eq(mimehdr_mailbox_simple("m@x.org", &addr, &name), 1);
    ck_assert_ptr_null(name);
    free(addr);
    ck_assert_int_eq(mimehdr_mailbox_simple("=?UTF-8?Q?Zo=C3=AB?= <z@x.org>", &addr, &name), 0);
    ck_assert_int_eq(mimehdr_mailbox_simple("m@x.org (Maria)", &addr, &name), 0);
    ck_assert_int_eq(mimehdr_mailbox_simple("A <a@b>, B <b@c>", &addr, &name), 0);
    struct mimehdr_date d;
    ck_assert_int_eq(mimehdr_date_simple("Tue, 4 Nov 2026 10:20:30 -0530 (EST)", &d), 1);
    ck_assert_int_eq(d.year * 10000 + d.month * 100 + d.day, 20261104);
    ck_assert_int_eq(d.hour * 10000 + d.min * 100 + d.sec, 102030);
    ck_assert_int_eq(d.zone, -530);
    ck_assert_int_eq(mimehdr_date_simple("Tue, 24 nov 2026 10:00:00 +0000", &d), 0);
    ck_assert_int_eq(mimehdr_date_simple("Tue, 24 Nov 26 10:00 +0000", &d), 0);
}
END_TEST

/* Only From says who wrote: Sender and Reply-To never stand in for it, and a message
 * without one usable From has no sender (and says why). */
START_TEST(t_mime_from_only)
{
    static const struct {
        const char *fields, *addr, *problem;
    } cases[] = {
        {"From: Mallory <mallory@example.net>\nReply-To: Ann <ann@example.com>\n",
         "mallory@example.net", NULL},
        {"Sender: ann@example.com\nFrom: mallory@example.net\n", "mallory@example.net", NULL},
        {"Reply-To: Ann <ann@example.com>\n", NULL, "no From field"},
        {"Sender: Ann <ann@example.com>\n", NULL, "no From field"},
        {"From:\nSender: ann@example.com\n", NULL, "an empty From field"},
        {"From:   \nReply-To: ann@example.com\n", NULL, "an empty From field"},
        {"From: undisclosed-recipients:;\nReply-To: ann@example.com\n", NULL,
         "a From field with a group and no address"},
        {"From: Ann Lee\nSender: ann@example.com\n", NULL,
         "a From field with no readable address"},
        {"From: <>\nReply-To: ann@example.com\n", NULL, "a From field with no readable address"},
        {"From: Mallory <mallory@example.net>\nFrom: Ann <ann@example.com>\n", NULL,
         "more than one From field"},
        {"From: Ann Lee\nFrom: ann@example.com\n", NULL, "more than one From field"},
        {"Reply-To: x@example.org\nFROM: Ann <Ann@Example.COM>\n", "ann@example.com", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char raw[512], reason[256];
        struct mime_msg m;
        int n = snprintf(raw, sizeof raw, "%sSubject: DONE R-0001\n\nDone.\n", cases[i].fields);

        ck_assert_int_eq(mime_parse(raw, (size_t)n, &m, reason, sizeof reason), 0);
        if (cases[i].addr) {
            ck_assert_msg(m.from_addr && strcmp(m.from_addr, cases[i].addr) == 0,
                          "case %zu: %s", i, m.from_addr ? m.from_addr : "(none)");
            ck_assert_ptr_null(m.from_problem);
        } else {
            ck_assert_msg(!m.from_addr, "case %zu: sender %s", i, m.from_addr);
            ck_assert_msg(m.from_problem && strcmp(m.from_problem, cases[i].problem) == 0,
                          "case %zu: %s", i, m.from_problem ? m.from_problem : "(no problem)");
        }
        mime_free(&m);
    }
}
END_TEST

START_TEST(t_mime_automatic_mail)
{
    static const char *const raws[] = {
        "From: Council <noreply@council.example.gov.uk>\nSubject: bins\n\nhello\n",
        "From: a@example.org\nSubject: news\nList-Unsubscribe: <mailto:x@example.org>\n\nhi\n",
        "From: a@example.org\nSubject: x\nPrecedence: bulk\n\nhi\n",
        "From: a@example.org\nSubject: x\nX-Autoreply: yes\n\nhi\n",
    };
    struct mime_msg m;
    char reason[256];

    for (size_t i = 0; i < sizeof raws / sizeof raws[0]; i++) {
        ck_assert_int_eq(mime_parse(raws[i], strlen(raws[i]), &m, reason, sizeof reason), 0);
        ck_assert_msg(m.automatic != NULL, "%zu", i);
        mime_free(&m);
    }
    const char bounce[] = "From: MAILER DAEMON <>\nSubject: failure\n"
                          "Content-Type: multipart/mixed; boundary=x\n\n--x\n\ntext\n--x\n"
                          "Content-Type: message/delivery-status\n\nAction: failed\n--x--\n";
    ck_assert_int_eq(mime_parse(bounce, sizeof bounce - 1, &m, reason, sizeof reason), 0);
    ck_assert_int_eq(m.bounce, 1);
    mime_free(&m);
    const char spam[] = "From: a@example.com\nX-Spam-Flag: YES\nSubject: win\n\nwin\n";
    ck_assert_int_eq(mime_parse(spam, sizeof spam - 1, &m, reason, sizeof reason), 0);
    ck_assert_int_eq(m.spam, 1);
    mime_free(&m);
}
END_TEST

/* The structure scanner: broken mail read leniently, and the limits that refuse or
 * cut without a crash. */
START_TEST(t_mime_structure_and_limits)
{
    struct mime_msg m;
    char reason[256];
    struct buf b = {0};

    /* a byte order mark, a stray continuation line, a folded Subject, a body with no
     * empty line before it */
    const char odd[] = "\xEF\xBB\xBF \r\nFrom: Ann <ann@example.org>\r\nSubject: lift\r\n"
                       " to the clinic\r\nplease, Thursday\r\n";
    ck_assert_int_eq(mime_parse(odd, sizeof odd - 1, &m, reason, sizeof reason), 0);
    ck_assert_str_eq(m.from_addr, "ann@example.org");
    ck_assert_str_eq(m.from_name, "Ann");
    ck_assert_str_eq(m.subject, "lift to the clinic");
    ck_assert_str_eq(m.text, "please, Thursday\n");
    mime_free(&m);

    /* multiparts nested with the same boundary, a preamble, padding after delimiters,
     * text after the closing one */
    const char nested[] = "From: a@example.org\nContent-Type: multipart/mixed; boundary=\"B\"\n\n"
                          "preamble\n--B \nContent-Type: multipart/alternative; boundary=B\n\n"
                          "--B\nContent-Type: text/plain\n\nthe text\n--B\n"
                          "Content-Type: text/html\n\n<p>html</p>\n--B--\n"
                          "--B\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n\n"
                          "R0lGODlh\n--B--\nepilogue\n";
    ck_assert_int_eq(mime_parse(nested, sizeof nested - 1, &m, reason, sizeof reason), 0);
    ck_assert_str_eq(m.text, "the text");
    ck_assert_uint_eq(m.natt, 1);
    ck_assert_str_eq(m.att[0].type, "image/gif");
    ck_assert_uint_eq(m.att[0].size, 6);
    mime_free(&m);

    /* a cut Content-Type without its boundary: the first delimiter-like line */
    const char nob[] = "From: a@example.org\nContent-Type: multipart/mixed;\n\n--zz\n\nhello\n--zz--\n";
    ck_assert_int_eq(mime_parse(nob, sizeof nob - 1, &m, reason, sizeof reason), 0);
    ck_assert_str_eq(m.text, "hello");
    mime_free(&m);

    /* too many header fields: refused with a reason */
    buf_adds(&b, "From: a@example.org\n");
    for (int i = 0; i < MIME_MAX_FIELDS + 1; i++)
        buf_adds(&b, "X-Pad: x\n");
    buf_adds(&b, "\nbody\n");
    ck_assert_int_eq(mime_parse(b.data, b.len, &m, reason, sizeof reason), -1);
    ck_assert_msg(strstr(reason, "more than 1000 header fields"), "%s", reason);
    buf_free(&b);

    /* a field longer than the limit: refused */
    buf_adds(&b, "From: a@example.org\nSubject: ");
    for (int i = 0; i < MIME_MAX_FIELD / 8 + 1; i++)
        buf_adds(&b, "abcdefg\n ");
    buf_adds(&b, "\n\nbody\n");
    ck_assert_int_eq(mime_parse(b.data, b.len, &m, reason, sizeof reason), -1);
    ck_assert_msg(strstr(reason, "a header field longer than 65536 bytes"), "%s", reason);
    buf_free(&b);

    /* a very long text: cut for the rules, on a character boundary */
    buf_adds(&b, "From: a@example.org\nContent-Type: text/plain; charset=utf-8\n\n");
    for (int i = 0; i < MIME_MAX_TEXT / 3 + 10; i++)
        buf_adds(&b, "\xE2\x82\xAC"); /* the euro sign: 3 bytes */
    ck_assert_int_eq(mime_parse(b.data, b.len, &m, reason, sizeof reason), 0);
    ck_assert_int_eq(m.text_cut, 1);
    ck_assert_uint_le(strlen(m.text), MIME_MAX_TEXT);
    ck_assert_uint_eq(strlen(m.text) % 3, 0);
    mime_free(&m);
    buf_free(&b);
}
END_TEST

static Suite *
process_suite(void)
{
    Suite *s = suite_create("process");
    TCase *tc = tcase_create("rules");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_words_and_stems);
    tcase_add_test(tc, t_kind_by_words);
    tcase_add_test(tc, t_closing_words);
    tcase_add_test(tc, t_categories);
    tcase_add_test(tc, t_streets);
    tcase_add_test(tc, t_redact_house_numbers);
    tcase_add_test(tc, t_redact_find);
    tcase_add_test(tc, t_dates);
    tcase_add_test(tc, t_date_ranges);
    tcase_add_test(tc, t_quotes_and_signatures);
    tcase_add_test(tc, t_subjects_and_refs);
    tcase_add_test(tc, t_mime_rfc2231_and_attachments);
    tcase_add_test(tc, t_header_readers);
    tcase_add_test(tc, t_mime_from_only);
    tcase_add_test(tc, t_mime_automatic_mail);
    tcase_add_test(tc, t_mime_structure_and_limits);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(process_suite)
