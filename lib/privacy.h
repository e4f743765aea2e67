/* privacy.h — the group's privacy notice: who to write to, what the notice is told
 * (its template data, from the config), and whether a mail asks for it. */
#ifndef DOORSTEP_PRIVACY_H
#define DOORSTEP_PRIVACY_H

#include <jansson.h>

#include "conf.h"

/* The subject that asks for the notice by mail (any case, after "Re:"). */
#define PRIVACY_SUBJECT "PRIVACY"

/* Who to write to about one's data: [privacy] contact, else the group's address.
 * The string belongs to C. */
const char *privacy_contact(const conf *c);

/* The data templates/privacy.txt is filled with (docs/TEMPLATES.md): group (name,
 * address, phone), contact, subject (PRIVACY), ask (a mailto: link to the group with
 * that subject), retention_days, outbox_days, request_days, offer_days,
 * delete_from_mailbox, members_digest (the digest goes to each member: [digest] to =
 * members), moderation (newcomers' first mail waits for a coordinator). A new object
 * (caller decrefs), or NULL on OOM. */
json_t *privacy_data(const conf *c);

/* Sets "privacy" in the template data OBJ to privacy_data(C); 0, or -1 on OOM. */
int privacy_add(json_t *obj, const conf *c);

/* Whether SUBJECT asks for the privacy notice: "PRIVACY" in any case, alone but for
 * reply prefixes (Re:, Aw:, Sv:, Odp:), brackets and a final full stop, question or
 * colon; also "privacy notice" and "privacy policy", and the Spanish and Polish
 * words (privacidad, prywatność), whatever [group] languages says. */
int privacy_asked(const char *subject);

#endif
