/* test_addr.c — bare addresses and "Name <address>" mailboxes as the config takes
 * them, and the From header render writes from them. */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "message.h"
#include "unit.h"

/* Parses S; checks the name and address, or (WANT_ADDR NULL) a refusal. */
static void
mailbox(const char *s, const char *want_name, const char *want_addr)
{
    char *name, *addr, err[256];
    int rc = addr_parse_mailbox(s, &name, &addr, err, sizeof err);

    if (!want_addr) {
        ck_assert_msg(rc == -1, "accepted \"%s\"", s);
        ck_assert_ptr_null(name);
        ck_assert_ptr_null(addr);
        ck_assert_msg(*err, "no reason given for \"%s\"", s);
        return;
    }
    ck_assert_msg(rc == 0, "refused \"%s\": %s", s, err);
    ck_assert_str_eq(name, want_name);
    ck_assert_str_eq(addr, want_addr);
    free(name);
    free(addr);
}

START_TEST(t_valid)
{
    ck_assert(addr_valid("help@elmpark.example.org"));
    ck_assert(addr_valid("o'neill+group@x.org"));
    ck_assert(!addr_valid("help"));
    ck_assert(!addr_valid("@x.org"));
    ck_assert(!addr_valid("help@"));
    ck_assert(!addr_valid("a@b@c"));
    ck_assert(!addr_valid("help @x.org"));
    ck_assert(!addr_valid("<help@x.org>"));
    ck_assert(!addr_valid("help@x.org,"));
    ck_assert(!addr_valid("help@.x.org"));
    ck_assert(!addr_valid("help@x.org."));
}
END_TEST

START_TEST(t_mailboxes)
{
    mailbox("help@elmpark.example.org", "", "help@elmpark.example.org");
    mailbox("  help@elmpark.example.org  ", "", "help@elmpark.example.org");
    mailbox("<help@elmpark.example.org>", "", "help@elmpark.example.org");
    mailbox("Elm Park Neighbours <help@elmpark.example.org>", "Elm Park Neighbours",
            "help@elmpark.example.org");
    mailbox("Elm   Park\tNeighbours<help@x.org>", "Elm Park Neighbours", "help@x.org");
    mailbox("\"Lopez, Maria\" <maria@x.org>", "Lopez, Maria", "maria@x.org");
    mailbox("\"Elm <Park>\" <help@x.org>", "Elm <Park>", "help@x.org");
    mailbox("\"The \\\"Good\\\" Neighbours\" <g@x.org>", "The \"Good\" Neighbours", "g@x.org");
    mailbox("\"Elm Park\" Neighbours <help@x.org>", "Elm Park Neighbours", "help@x.org");
    mailbox("J. Smith <j@x.org>", "J. Smith", "j@x.org");
    /* UTF-8 names (RFC 6532), encoded in the header when written */
    mailbox("Voisins d\xE2\x80\x99" "Elm Park <v@x.org>", "Voisins d\xE2\x80\x99" "Elm Park",
            "v@x.org");
    mailbox("Zo\xC3\xAB <zoe@x.org>", "Zo\xC3\xAB", "zoe@x.org");
}
END_TEST

START_TEST(t_refused)
{
    mailbox("", NULL, NULL);
    mailbox("   ", NULL, NULL);
    mailbox("Elm Park Neighbours", NULL, NULL);
    mailbox("Lopez, Maria <maria@x.org>", NULL, NULL); /* two addresses to a mail program */
    mailbox("a@x.org, b@x.org", NULL, NULL);
    mailbox("Elm Park <help@x.org", NULL, NULL);
    mailbox("Elm Park <help@x.org> extra", NULL, NULL);
    mailbox("Elm Park <help>", NULL, NULL);
    mailbox("Elm Park <>", NULL, NULL);
    mailbox("\"Elm Park <help@x.org>", NULL, NULL);
    mailbox("Elm <Park> <help@x.org>", NULL, NULL);
    mailbox("Elm Park <help@x.org>\r\nBcc: all@x.org", NULL, NULL);
    mailbox("Bad \xC3 <b@x.org>", NULL, NULL);
    mailbox("help@x.org (Elm Park)", NULL, NULL);
}
END_TEST

/* The From field of a composed message, unfolded, or NULL. */
static char *
from_header(const char *name, const char *addr)
{
    struct message m = {
        .from_name = name,
        .from_addr = addr,
        .to = "a@x.org",
        .subject = "s",
        .message_id = "id@x.org",
        .date = 0,
        .body = "b\n",
    };
    size_t len, o = 0;
    char *raw = message_compose(&m, &len), *from, *end, *out;

    ck_assert_ptr_nonnull(raw);
    from = strstr(raw, "From: ");
    ck_assert_ptr_nonnull(from);
    end = strstr(from, "\r\nTo: ");
    ck_assert_ptr_nonnull(end);
    out = calloc(1, (size_t)(end - from) + 1);
    for (const char *p = from + 6; p < end; p++) {
        if (p[0] == '\r' && p[1] == '\n') {
            p++;
            continue;
        }
        out[o++] = *p;
    }
    free(raw);
    return out;
}

START_TEST(t_from_header)
{
    char *h;

    h = from_header("Elm Park Neighbours", "help@x.org");
    ck_assert_str_eq(h, "\"Elm Park Neighbours\" <help@x.org>");
    free(h);
    h = from_header("Lopez, Maria", "m@x.org");
    ck_assert_str_eq(h, "\"Lopez, Maria\" <m@x.org>");
    free(h);
    h = from_header("The \"Good\" \\ Neighbours", "g@x.org");
    ck_assert_str_eq(h, "\"The \\\"Good\\\" \\\\ Neighbours\" <g@x.org>");
    free(h);
    h = from_header("", "help@x.org");
    ck_assert_str_eq(h, "<help@x.org>");
    free(h);
    /* RFC 2047: "Zoë" is UTF-8 "Zo\xC3\xAB", base64 "Wm/Dqw==" */
    h = from_header("Zo\xC3\xAB", "zoe@x.org");
    ck_assert_str_eq(h, "=?UTF-8?B?Wm/Dqw==?= <zoe@x.org>");
    free(h);
    /* a long name is cut into several encoded words, never inside a character */
    h = from_header("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9",
                    "e@x.org");
    ck_assert_msg(strstr(h, "?= =?UTF-8?B?") != NULL, "one word: %s", h);
    ck_assert(strstr(h, "<e@x.org>") != NULL);
    free(h);
}
END_TEST

static Suite *
addr_suite(void)
{
    Suite *s = suite_create("addr");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, t_valid);
    tcase_add_test(tc, t_mailboxes);
    tcase_add_test(tc, t_refused);
    tcase_add_test(tc, t_from_header);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(addr_suite)
