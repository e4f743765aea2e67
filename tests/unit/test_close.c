/* test_close.c — process/close: posts closed by mail, on a database db_open made, with
 * the mail stored as fetch stores it and processed as doorstep-process does: by
 * reference code ("DONE R-0001", several codes, a code of no post), only by the author
 * or a coordinator (anyone else: a note for triage), a reply in the post's thread (by
 * In-Reply-To, or by the sender's own title when that was lost), and closing words
 * outside any thread ("the cats were fed") for the sender's own post, and a mail with no
 * words of a post that may still be one (triage, not silence). */
#include <string.h>

#include "unit.h"
#include "unit_process.h"

static void
setup(void)
{
    unit_group_open("[group]\nname = Elm Park\naddress = help@group.example.org\n"
                    "timezone = Europe/London\nmoderation = none\n"
                    "coordinators = coord@group.example.org\n"
                    "[fetch]\nsource = mbox:x\n"
                    "[areas]\nnorth = Elm Street, Oak Road\nsouth = Ash Grove\n",
                    "2026-11-24T09:00:00");
}

static void
teardown(void)
{
    unit_group_close();
}

static const char *
status_of(const char *ref)
{
    return unit_text("SELECT status FROM posts WHERE ref = ?1", ref);
}

/* Maria's request R-0001 and offer O-0001, Sam's request R-0002. */
static void
three_posts(void)
{
    const char *r;

    r = unit_mail("p1", "Maria Lopez <maria@example.org>", "REQUEST: shopping on Thursday", "",
                  "Could someone pick up groceries for me on Thursday? Thanks, Maria");
    ck_assert_msg(strstr(r, "processed") && strstr(r, "R-0001"), "%s", r);
    r = unit_mail("p2", "Maria Lopez <maria@example.org>", "OFFER: a spare cot (Oak Road)", "",
                  "I have a cot we no longer need, free to a good home.");
    ck_assert_msg(strstr(r, "processed") && strstr(r, "O-0001"), "%s", r);
    r = unit_mail("p3", "Sam Okoro <sam@example.org>", "REQUEST: lift to the clinic", "",
                  "Does anyone have a car on Friday morning? I need a lift to the clinic.");
    ck_assert_msg(strstr(r, "processed") && strstr(r, "R-0002"), "%s", r);
    ck_assert_str_eq(status_of("R-0001"), "open");
    ck_assert_str_eq(status_of("O-0001"), "open");
}

START_TEST(t_by_code_from_the_author)
{
    const char *r;

    three_posts();
    r = unit_mail("c1", "maria@example.org", "DONE R-0001", "", "All sorted, thank you!");
    ck_assert_str_eq(r, "processed: closing: R-0001 done");
    ck_assert_str_eq(status_of("R-0001"), "done");
    ck_assert_int_eq(unit_long("SELECT closed_at FROM posts WHERE ref = 'R-0001'", NULL),
                     (long)clock_now());
    ck_assert_str_eq(status_of("O-0001"), "open");
    ck_assert_int_eq(unit_group.stats.closings, 1);
    /* the author's address in any case */
    r = unit_mail("c2", "MARIA@Example.ORG", "TAKEN: O-1", "", "");
    ck_assert_str_eq(r, "processed: closing: O-0001 taken");
    ck_assert_str_eq(status_of("O-0001"), "taken");
    /* closed already: nothing to do */
    r = unit_mail("c3", "maria@example.org", "DONE R-0001", "", "");
    ck_assert_str_eq(r, "ignored: a closing that closes nothing: R-0001 was already done");
    ck_assert_int_eq(unit_long("SELECT count(*) FROM triage", NULL), 0);
}
END_TEST

/* someone else's post: not closed, the coordinators told; a coordinator may */
START_TEST(t_only_author_or_coordinator)
{
    const char *r;

    three_posts();
    r = unit_mail("c1", "sam@example.org", "DONE R-0001", "", "");
    ck_assert_msg(strncmp(r, "processed: triage: a closing R-0001: not its author", 52) == 0, "%s",
                  r);
    ck_assert_str_eq(status_of("R-0001"), "open");
    ck_assert_str_eq(unit_text("SELECT reason FROM triage WHERE post ="
                               " (SELECT id FROM posts WHERE ref = 'R-0001')",
                               NULL),
                     "sam@example.org says R-0001 is done (by its reference code), but only its "
                     "author or a coordinator can close it");
    r = unit_mail("c2", "Coordinator <coord@group.example.org>", "WITHDRAWN R-0001", "", "");
    ck_assert_str_eq(r, "processed: closing: R-0001 withdrawn");
    ck_assert_str_eq(status_of("R-0001"), "withdrawn");
}
END_TEST

/* several codes at once: each on its own; a code of no post goes to triage */
START_TEST(t_several_codes_and_missing_ones)
{
    const char *r;

    three_posts();
    r = unit_mail("c1", "maria@example.org", "DONE R-0001 O-0001", "", "");
    ck_assert_str_eq(r, "processed: closing: R-0001 done, O-0001 done");
    ck_assert_str_eq(status_of("R-0001"), "done");
    ck_assert_str_eq(status_of("O-0001"), "done");
    /* a mistyped code closes nothing but is not lost */
    r = unit_mail("c2", "sam@example.org", "DONE R-0020", "", "");
    ck_assert_str_eq(r, "processed: triage: a closing R-0020 does not exist");
    ck_assert_str_eq(status_of("R-0002"), "open");
    ck_assert_str_eq(unit_text("SELECT reason FROM triage WHERE post IS NULL", NULL),
                     "sam@example.org says R-0020 is done, but no post has that code");
    /* one closed, one of someone else: closed, and the other noted */
    r = unit_mail("c3", "sam@example.org", "DONE R-0002 R-0001", "", "");
    ck_assert_msg(strstr(r, "processed: closing: R-0002 done") && strstr(r, "R-0001"), "%s", r);
    ck_assert_str_eq(status_of("R-0002"), "done");
}
END_TEST

/* a reply in the post's thread: closing words close it, other words do not */
START_TEST(t_reply_in_the_thread)
{
    const char *r;

    three_posts();
    r = unit_mail("t1", "sam@example.org", "Re: REQUEST: lift to the clinic",
                  "In-Reply-To: <p3@test>\r\n", "Thanks for the offers, I will let you know.");
    ck_assert_msg(strncmp(r, "ignored: ", 9) == 0, "%s", r);
    ck_assert_str_eq(status_of("R-0002"), "open");
    /* the author will say when it is over: not a closing, nor a maybe */
    r = unit_mail("t1b", "sam@example.org", "Re: REQUEST: lift to the clinic",
                  "In-Reply-To: <p3@test>\r\n", "Thank you all, I'll keep you posted.");
    ck_assert_msg(strncmp(r, "ignored: ", 9) == 0, "%s", r);
    ck_assert_str_eq(status_of("R-0002"), "open");
    r = unit_mail("t2", "sam@example.org", "Re: REQUEST: lift to the clinic",
                  "In-Reply-To: <p3@test>\r\nReferences: <p3@test>\r\n",
                  "All sorted now, a neighbour drove me. Thank you!\r\n\r\n"
                  "> Does anyone have a car on Friday morning?");
    ck_assert_msg(strstr(r, "processed: closing: R-0002") && strstr(r, "(a reply in its thread)"),
                  "%s", r);
    ck_assert_str_ne(status_of("R-0002"), "open");
}
END_TEST

/* the reply lost its In-Reply-To: the sender's own post of that title, and a closing
 * word in capitals at the end of the subject */
START_TEST(t_reply_found_by_title)
{
    const char *r;

    three_posts();
    r = unit_mail("t1", "maria@example.org", "Re: OFFER: a spare cot (Oak Road) - TAKEN", "",
                  "It has gone to a family on Ash Grove.");
    ck_assert_msg(strstr(r, "closing: O-0001 taken"), "%s", r);
    ck_assert_str_eq(status_of("O-0001"), "taken");
    /* someone else writing the same subject does not close it */
    r = unit_mail("t2", "sam@example.org", "Re: REQUEST: shopping on Thursday - DONE", "", "");
    ck_assert_str_eq(status_of("R-0001"), "open");
}
END_TEST

/* closing words outside any thread close the sender's own post they name; a question
 * goes to triage */
START_TEST(t_own_post_by_its_words)
{
    const char *r;

    three_posts();
    r = unit_mail("o1", "sam@example.org", "The clinic",
                  "", "I got my lift to the clinic this morning, all sorted now. Thank you!");
    ck_assert_msg(strstr(r, "closing: R-0002"), "%s", r);
    ck_assert_str_ne(status_of("R-0002"), "open");
    r = unit_mail("o2", "maria@example.org", "Shopping",
                  "", "My shopping is sorted now, how do I mark it done?");
    ck_assert_msg(strstr(r, "triage"), "%s", r);
    ck_assert_str_eq(status_of("R-0001"), "open");
    ck_assert_msg(strstr(unit_text("SELECT reason FROM triage ORDER BY id DESC", NULL), "R-0001"),
                  "%s", unit_text("SELECT reason FROM triage ORDER BY id DESC", NULL));
}
END_TEST

/* A new mail with no words of a post or a closing is not dropped in silence when it may
 * be one: by the author of an open post it shares words with, or signed with a street. */
START_TEST(t_no_words_of_a_post)
{
    const char *r;

    three_posts();
    /* Sam's clinic lift, in words no list has: is it over? (not closed) */
    r = unit_mail("n1", "sam@example.org", "Clinic on Friday", "",
                  "My sister is over from Leeds and has the car, she will drive to the clinic.");
    ck_assert_msg(strstr(r, "triage: a mail that may close a post"), "%s", r);
    ck_assert_str_eq(status_of("R-0002"), "open");
    ck_assert_msg(strstr(unit_text("SELECT reason FROM triage ORDER BY id DESC", NULL),
                         "is R-0002 over?"),
                  "%s", unit_text("SELECT reason FROM triage ORDER BY id DESC", NULL));
    /* a situation signed with the sender's street: a request, for a coordinator */
    r = unit_mail("n2", "Lee <lee@example.org>", "The fence", "",
                  "The wind took the fence panel last night and the dog keeps escaping.\n"
                  "Ash Grove");
    ck_assert_msg(strstr(r, "request R-0003") && strstr(r, "triage"), "%s", r);
    ck_assert_str_eq(status_of("R-0003"), "triage");
    /* a street named in passing, or none: not a post */
    r = unit_mail("n3", "Kim <kim@example.org>", "Grey cat", "",
                  "A grey cat has been sitting on the wall in Elm Street all day. Lovely.");
    ck_assert_msg(strstr(r, "ignored"), "%s", r);
    r = unit_mail("n4", "Kim <kim@example.org>", "Frost", "", "Mind the ice on the path.");
    ck_assert_msg(strstr(r, "ignored"), "%s", r);
    ck_assert_int_eq(unit_long("SELECT count(*) FROM posts", NULL), 4);
}
END_TEST

static Suite *
close_suite(void)
{
    Suite *s = suite_create("close");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_by_code_from_the_author);
    tcase_add_test(tc, t_only_author_or_coordinator);
    tcase_add_test(tc, t_several_codes_and_missing_ones);
    tcase_add_test(tc, t_reply_in_the_thread);
    tcase_add_test(tc, t_reply_found_by_title);
    tcase_add_test(tc, t_own_post_by_its_words);
    tcase_add_test(tc, t_no_words_of_a_post);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(close_suite)
