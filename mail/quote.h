/* quote.h — the new words of a message: what the sender wrote, without what they
 * quoted or forwarded and (for the new words) without their signature. */
#ifndef DOORSTEP_QUOTE_H
#define DOORSTEP_QUOTE_H

/* The new words of a message: TEXT without quoted replies ("> " lines, "On ... wrote:"
 * even folded over two lines, Outlook's "-----Original Message-----" and "From:/Sent:"
 * blocks, a quoted doorstep digest) and without the signature ("-- ", "Sent from my
 * ..."). Returns a malloc'd string, NULL on OOM. */
char *quote_new_text(const char *text);

/* The same, but keeping the signature (where senders often name their street); a mail
 * app's "Sent from my ..." line is still dropped. Malloc'd, NULL on OOM. */
char *quote_own_text(const char *text);

/* Both at once, from one reading of TEXT: *NEWTEXT as quote_new_text gives it and
 * *OWNTEXT as quote_own_text does, each malloc'd. Returns 0, or -1 on OOM (both
 * then NULL or to be freed). */
int quote_texts(const char *text, char **newtext, char **owntext);

/* The new words of a forwarded message: the forwarder's note and the forwarded text,
 * without the forward's header lines ("---------- Forwarded message ---------",
 * From:, Date:, Subject:, To:) or quotes. Malloc'd, NULL on OOM. */
char *quote_forwarded_text(const char *text);

#endif
