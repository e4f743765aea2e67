/* phrases_int.h — what the built-in phrase lists share (rules/phrases_en.c, the English
 * ones; rules/phrases_langs.c, the other languages', the categories' keywords and the
 * look-ups in them) and nothing else sees. */
#ifndef DOORSTEP_PHRASES_INT_H
#define DOORSTEP_PHRASES_INT_H

#include <stddef.h>

#include "phrases.h"

/* Weight 3: says the kind on its own and beats a shorter phrase of the other kind;
 * 2: a clear phrase; 1: a hint. A phrase is matched by whole words, with stems, so
 * "I need" also finds "I needed"; longer phrases hide the shorter ones they contain. */
struct builtin {
    const char *text;
    int tag, weight;
};

/* The English lists (phrases_en.c): a post's kind, and a closing's status. */
extern const struct builtin phrases_kind_en[], phrases_closing_en[];
extern const size_t phrases_nkind_en, phrases_nclosing_en;

#endif
