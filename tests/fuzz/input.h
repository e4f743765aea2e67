/* input.h — what the harnesses of process's rules share (fuzz_classify, fuzz_places,
 * fuzz_dates, fuzz_quote, fuzz_html): the rules compiled from a config as
 * doorstep-process compiles them, and the fuzz input turned into what the rules are
 * given after the MIME parse (NUL-terminated UTF-8, a one-line subject and a text).
 * Static inline functions: each harness is one program of its own. */
#ifndef DOORSTEP_FUZZ_INPUT_H
#define DOORSTEP_FUZZ_INPUT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "clock.h"
#include "conf.h"
#include "text.h"

/* The streets of the demo and of tests/fixtures/process (so that the seeds name
 * them), phrases and categories added by the config, several words long, and rota
 * tasks. Loaded once; kept for the whole run, like process keeps them. */
static inline struct rules *
fuzz_rules(void)
{
    static conf *cfg;
    static struct rules *rules;
    char path[] = "/tmp/doorstep-fuzz-rules.XXXXXX", err[1024];
    const char ini[] =
        "[group]\nname = Elm Park\naddress = help@elmpark.example.org\n"
        "[fetch]\nsource = mbox:x\n"
        "[process]\noffer_phrases = spare, going begging, anyone want my\n"
        "request_phrases = in need of, could someone possibly, help!\n"
        "[areas]\nnorth = Elm Street:48, Oak Road:36, Birch Close:12, St John's Road:50\n"
        "south = Ash Grove:40, Willow Lane:28, Station Road:60, Victoria Avenue:60\n"
        "east = Church Street:40, Mill Lane:30, Chapel Close:12, Hawthorn Grove:25, "
        "Queens Road:45, Bridge Street:35, Orchard Way:20, The Crescent:10\n"
        "[categories]\nfood = food, shopping, groceries, meal, food bank, hot meal\n"
        "medicine = prescription, pharmacy, chemist\n"
        "transport = lift, hospital appointment, taxi\n"
        "pets = dog, cat, dog walk, vet\nhousehold = repair, flat pack, diy\nother =\n"
        "[rota]\nfood bank = thu 10:00-12:00 x2\ncheck-in calls = daily 18:00-19:00\n";
    int fd;

    if (rules)
        return rules;
    if ((fd = mkstemp(path)) < 0 || write(fd, ini, sizeof ini - 1) != (ssize_t)(sizeof ini - 1))
        abort();
    close(fd);
    cfg = conf_load(path, err, sizeof err);
    unlink(path);
    if (!cfg || clock_setup("Europe/London", err, sizeof err) < 0 ||
        !(rules = classify_rules_new(cfg))) {
        fprintf(stderr, "fuzz_rules: %s\n", err);
        abort();
    }
    return rules;
}

/* DATA as the rules see text: UTF-8, invalid bytes and NULs as U+FFFD. Malloc'd. */
static inline char *
fuzz_utf8(const uint8_t *data, size_t size)
{
    char *s = text_to_utf8((const char *)data, size, "utf-8", NULL);

    if (!s)
        abort();
    return s;
}

/* Whether TEXT starts like a message (the seeds are mail): an mbox "From " line or a
 * header field, and one of the usual fields before the first blank line. A text that
 * merely starts "OFFER: ..." is not one. */
static inline int
fuzz_is_mail(const char *text)
{
    static const char *const fields[] = {"from:",        "subject:", "date:",
                                         "to:",          "received:", "message-id:",
                                         "mime-version:", "return-path:"};
    size_t n = strcspn(text, ": \t\r\n");

    if (strncmp(text, "From ", 5) != 0 && !(n > 0 && text[n] == ':'))
        return 0;
    for (const char *l = text; l && *l != '\n' && strncmp(l, "\r\n", 2) != 0;) {
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
            if (strncasecmp(l, fields[i], strlen(fields[i])) == 0)
                return 1;
        if ((l = strchr(l, '\n')))
            l++;
    }
    return 0;
}

/* Splits TEXT (modified) into a subject and the text after it: a message gives its
 * Subject field (folded lines joined) and its body after the first blank line, or ""
 * for either it lacks; anything else its first line and the rest. Line breaks and
 * tabs in the subject become spaces, as the MIME parse makes them. */
static inline void
fuzz_split(char *text, char **subject, char **body)
{
    char *s, *end;

    if (fuzz_is_mail(text)) {
        char *blank = strstr(text, "\n\n"), *crlf = strstr(text, "\r\n\r\n");
        if (crlf && (!blank || crlf < blank))
            blank = crlf + 2;
        *body = blank ? blank + 2 : text + strlen(text);
        if (blank)
            *blank = '\0';
        s = strncasecmp(text, "subject:", 8) == 0 ? text : strcasestr(text, "\nsubject:");
        *subject = s ? s + (*s == '\n') + 8 : text + strlen(text);
        for (end = *subject; *end; end++) /* the field ends where a line is not folded */
            if (*end == '\n' && end[1] != ' ' && end[1] != '\t') {
                *end = '\0';
                break;
            }
    } else {
        *subject = text;
        s = strchr(text, '\n');
        *body = s ? s + 1 : text + strlen(text);
        if (s)
            *s = '\0';
    }
    for (s = *subject; *s; s++)
        if (*s == '\r' || *s == '\n' || *s == '\t')
            *s = ' ';
}

/* The text of TEXT (modified): a message's body, or all of it. */
static inline char *
fuzz_body(char *text)
{
    char *subject, *body;

    if (!fuzz_is_mail(text))
        return text;
    fuzz_split(text, &subject, &body);
    return body;
}

/* Aborts unless S is valid UTF-8: what the rules give is stored, and jansson (render)
 * takes strict UTF-8 only. */
static inline void
fuzz_check_utf8(const char *s)
{
    for (size_t i = 0, n = strlen(s); i < n;) {
        size_t k = text_utf8_seq((const unsigned char *)s + i, n - i);
        if (k == 0)
            abort();
        i += k;
    }
}

#endif
