/* test_quote.c — process/quote: the new words of a message (quotes, attributions,
 * signatures and "Sent from my" lines taken off), the own words and a forward's. */
#include <stdlib.h>

#include "classify.h"
#include "unit_rules.h"
#include "quote.h"
#include "unit.h"

START_TEST(t_new_text)
{
    char *s = quote_new_text("Sorted now, thanks!\n\nOn Tue, 24 Nov 2026, Priya wrote:\n> old\n");
    ck_assert_str_eq(s, "Sorted now, thanks!");
    free(s);
    s = quote_new_text("Can help.\n-- \nJo Bloggs\n07700 900123\n");
    ck_assert_str_eq(s, "Can help.");
    free(s);
    s = quote_new_text("Yes\n\nSent from my iPhone\n");
    ck_assert_str_eq(s, "Yes");
    free(s);
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

static Suite *
quote_suite(void)
{
    Suite *s = suite_create("quote");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_new_text);
    suite_add_tcase(s, tc);
    tc = tcase_create("millbrook");
    tcase_add_checked_fixture(tc, millbrook_setup, millbrook_teardown);
    tcase_add_test(tc, t_quotes_and_signatures);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(quote_suite)
