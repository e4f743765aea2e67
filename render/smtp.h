/* smtp.h — sending a message with libetpan's SMTP client, TLS verified by lib/tls. */
#ifndef DOORSTEP_SMTP_H
#define DOORSTEP_SMTP_H

#include <stddef.h>

#include "conf.h"

/* Sends RAW (LEN bytes, CRLF line ends) from FROM to RECIPIENTS (NULL-terminated) via
 * the [smtp] server: TLS (port 465) or STARTTLS (587, never falling back to plain
 * text) with the certificate and host name verified before AUTH, AUTH when [smtp]
 * user is set. Recipients the server refuses are listed in REJECTED ("addr: reply;
 * ..."); the message is sent to the others. Returns 0, or a sysexits code with ERR set:
 * EX_TEMPFAIL (server down, cut, timeout, 4xx: try again later), EX_NOPERM (login
 * refused), EX_UNAVAILABLE (certificate refused, no STARTTLS, every recipient refused),
 * EX_PROTOCOL (an answer that is not SMTP, or an unexpected one), EX_CONFIG (no
 * password). *MAYBE_SENT is set to 1 when the failure came after the whole message had
 * left (the reply to its final "." was lost or unreadable): the server may have taken
 * it, so it must not be sent again blindly; else to 0. */
int smtp_send(const conf *c, const char *from, char *const *recipients, const char *raw,
              size_t len, char *rejected, size_t rejlen, int *maybe_sent, char *err,
              size_t errlen);

/* For `doorstep check`: connects to [smtp] host as a send would (TLS verified), logs
 * in when [smtp] user is set, and quits, sending nothing. Returns 0 or a sysexits code
 * with ERR set, as smtp_send. */
int smtp_check(const conf *c, char *err, size_t errlen);

#endif
