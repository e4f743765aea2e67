/* unit_rules.h — the Millbrook group's config and compiled rules, the fixture of the
 * unit tests of the mail-reading rules on realistic text (words, classify, places,
 * redact, dates, quote, mime, mimehdr): cfg and rules, set up for each test with the
 * clock in Europe/London. A file with a fixture of its own assigns the same cfg. */
#ifndef UNIT_RULES_H
#define UNIT_RULES_H
#include <check.h>

#include "classify.h"
#include "clock.h"
#include "conf.h"
#include "unit_conf.h"

static conf *cfg;
static struct rules *rules;

static inline void
millbrook_setup(void)
{
    char err[1024];

    cfg = unit_conf("[group]\nname = Millbrook Mutual Aid\naddress = help@millbrook.example.org\n"
                    "timezone = Europe/London\n"
                    "[fetch]\nsource = mbox:x\n"
                    "[process]\nrequest_phrases = anyone got a spare, my freezer is empty\n"
                    "offer_phrases = going begging\n"
                    "[areas]\nnorth = Church Street, Mill Lane, St John's Road\n"
                    "south = Victoria Avenue, Chapel Close, Hawthorn Grove\n"
                    "east = Queens Road, Bridge Street, Orchard Way\n"
                    "riverside = Mill Race\n");
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
    rules = classify_rules_new(cfg);
    ck_assert_ptr_nonnull(rules);
}

static inline void
millbrook_teardown(void)
{
    classify_rules_free(rules);
    conf_free(cfg);
}
#endif
