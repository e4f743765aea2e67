/* fuzz_places.c — streets and house numbers on any text (rules/places.c and
 * redact.c) with the streets of a config: every street named in the words, where a
 * post is (its subject's "(place)", title, then text, as process asks), and the
 * redaction of title and text (and of the text squeezed, from the words found before,
 * as a summary is). The input is a subject line and a text (or a message). */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "fuzz.h"
#include "input.h"
#include "places.h"
#include "quote.h"
#include "redact.h"
#include "text.h"
#include "words.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct places *pl = classify_rules_places(fuzz_rules());
    char *text = fuzz_utf8(data, size), *subject, *body, *own, *t;
    struct words w = {0};
    struct place_hit hits[16];
    struct subject_info si;
    const char *street;
    size_t n;

    fuzz_split(text, &subject, &body);
    classify_subject(subject, &si);
    if (words_split(body, &w) < 0)
        abort();
    n = places_all(pl, &w, hits, 16);
    if (n > 16)
        abort();
    for (size_t i = 0; i < n; i++)
        if (!hits[i].street || !hits[i].area || hits[i].n == 0 || hits[i].at + hits[i].n > w.n ||
            (i > 0 && hits[i].at < hits[i - 1].at + hits[i - 1].n))
            abort(); /* left to right, without overlaps, inside the words */
    for (size_t i = 0; i < w.n; i++)
        places_is_suffix(&w.w[i]);
    words_free(&w);
    if (!(own = quote_own_text(body)))
        abort();
    if (places_find(pl, si.place, si.title, own, &street) == NULL && street)
        abort(); /* a street is always in an area */
    free(own);
    /* what redact leaves is public: it must still be text */
    if (!(t = redact(pl, si.title)))
        abort();
    fuzz_check_utf8(t);
    free(t);
    if (!(t = redact(pl, body)))
        abort();
    fuzz_check_utf8(t);
    /* no address, phone or postcode is left for another reading to find: what a
     * house number taken out brought together was read again */
    char *t2 = redact_contacts(t);
    if (!t2 || strcmp(t, t2) != 0)
        abort();
    free(t2);
    free(t);
    /* a summary: the squeezed text redacted with the words found in the text before
     * squeezing (as process does) is what redact gives on the squeezed text */
    struct words bw = {0};
    struct placed_words bp;
    char *flat = strdup(body), *s1, *s2;
    if (!flat || words_split(body, &bw) < 0)
        abort();
    places_in(pl, &bw, &bp);
    text_squeeze(flat);
    s1 = redact_squeezed(pl, body, &bp);
    s2 = redact(pl, flat);
    if (!s1 || !s2 || strcmp(s1, s2) != 0)
        abort();
    free(s1);
    free(s2);
    free(flat);
    words_free(&bw);
    free(text);
    return 0;
}
