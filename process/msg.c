/* msg.c — the message being read: its subject and new words (quotes and signature cut
 * away), and the words of its title and new text split, and the streets in them found,
 * once for every rule that reads them. */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "places.h"
#include "proc.h"
#include "quote.h"
#include "words.h"

static const struct words *
split_once(const char *text, struct words *w, int *split)
{
    if (!*split) {
        *split = 1;
        if (words_split(text ? text : "", w) < 0)
            words_free(w);
    }
    return w;
}

const struct words *
msg_title_words(struct msg *x)
{
    return split_once(x->si.title, &x->title_w, &x->title_split);
}

const struct words *
msg_new_words(struct msg *x)
{
    return split_once(x->newtext, &x->new_w, &x->new_split);
}

static const struct placed_words *
placed_once(struct proc *p, const struct words *w, struct placed_words *out, int *placed)
{
    if (!*placed) {
        *placed = 1;
        places_in(classify_rules_places(p->rules), w, out);
    }
    return out;
}

const struct placed_words *
msg_title_placed(struct proc *p, struct msg *x)
{
    return placed_once(p, msg_title_words(x), &x->title_p, &x->title_placed);
}

const struct placed_words *
msg_new_placed(struct proc *p, struct msg *x)
{
    return placed_once(p, msg_new_words(x), &x->new_p, &x->new_placed);
}

/* The subject, then the new words: a forward keeps the forwarded text, which is the
 * post (a coordinator passing on a neighbour's request). */
int
msg_read_text(struct msg *x)
{
    classify_subject(x->m.subject, &x->si);
    if (x->si.forward) {
        x->newtext = quote_forwarded_text(x->m.text);
        x->owntext = x->newtext ? strdup(x->newtext) : NULL;
    } else {
        quote_texts(x->m.text, &x->newtext, &x->owntext);
    }
    return x->newtext && x->owntext ? 0 : -1;
}
