/* redact.h — removing private details from text that will be public (titles and
 * summaries in the digest and on leaflets). */
#ifndef DOORSTEP_REDACT_H
#define DOORSTEP_REDACT_H

#include "conf.h"

/* Returns a malloc'd copy of TEXT with email addresses, phone numbers and UK postcodes
 * replaced by "[email]", "[phone]", "[postcode]", and house numbers before a
 * configured street name removed ("14 Oak Road" becomes "Oak Road"). NULL on OOM. */
char *redact(const conf *c, const char *text);

#endif
