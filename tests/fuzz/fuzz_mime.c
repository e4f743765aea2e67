/* fuzz_mime.c — doorstep-process's reading of one message on any bytes: the MIME parse
 * (libetpan, libxml2, charsets, RFC 2047/2231), then every rule on what it gives: the
 * new words, prefixes, kind, closings, category, streets, dates and redaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "clock.h"
#include "conf.h"
#include "dates.h"
#include "fuzz.h"
#include "mime.h"
#include "quote.h"
#include "redact.h"

static conf *cfg;
static struct rules *rules;

static void
setup(void)
{
    char path[] = "/tmp/doorstep-fuzz-mime.XXXXXX", err[1024];
    const char ini[] = "[group]\nname = Elm Park\naddress = help@elmpark.example.org\n"
                       "[fetch]\nsource = mbox:x\n"
                       "[areas]\nnorth = Elm Street, Oak Road, St John's Road\n"
                       "south = Ash Grove, Willow Lane, Station Road\n"
                       "[rota]\nfood bank = thu 10:00-12:00 x2\n";
    int fd = mkstemp(path);

    if (fd < 0 || write(fd, ini, sizeof ini - 1) != (ssize_t)(sizeof ini - 1))
        abort();
    close(fd);
    cfg = conf_load(path, err, sizeof err);
    unlink(path);
    if (!cfg || clock_setup("Europe/London", err, sizeof err) < 0 ||
        !(rules = classify_rules_new(cfg)))
        abort();
}

static void
free_all(char **p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(p[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mime_msg m;
    struct subject_info si;
    struct kind_guess g;
    char reason[256], refs[MAX_REFS][CODE_SIZE], day[DAY_SIZE];
    const char *street;
    char *t[6] = {0};

    if (!cfg)
        setup();
    if (mime_parse((const char *)data, size, &m, reason, sizeof reason) < 0)
        return 0;
    /* what the rules are given must be text: NUL-terminated UTF-8 */
    if (!m.subject || !m.text || !m.from_name)
        abort();
    classify_subject(m.subject, &si);
    classify_refs(m.subject, refs, MAX_REFS);
    classify_auto_subject(m.subject);
    classify_chatter_subject(m.subject);
    t[0] = quote_new_text(m.text);
    t[1] = quote_own_text(m.text);
    t[2] = quote_forwarded_text(m.text);
    if (t[0] && t[1] && t[2]) {
        classify_kind(rules, si.title, t[0], &g);
        classify_closing(rules, t[0]);
        classify_category(rules, si.title, t[0]);
        places_find(classify_rules_places(rules), si.place, si.title, t[1], &street);
        dates_needed_by(si.title, t[0], m.date ? m.date : 1795000000, day);
        t[3] = redact(classify_rules_places(rules), si.title);
        t[4] = redact(classify_rules_places(rules), t[0]);
        t[5] = redact(classify_rules_places(rules), m.text);
    }
    free_all(t, 6);
    mime_free(&m);
    return 0;
}
