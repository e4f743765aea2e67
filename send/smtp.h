/* smtp.h — sending a message with libetpan's SMTP client, TLS verified by lib/tls. */
#ifndef DOORSTEP_SMTP_H
#define DOORSTEP_SMTP_H

#include <stddef.h>

#include "conf.h"

/* Sends RAW (LEN bytes, CRLF line ends) from FROM to RECIPIENTS (NULL-terminated) via
 * the [smtp] server, on a connection of its own: TLS (port 465) or STARTTLS (587, never falling back to plain
 * text) with the certificate and host name verified before AUTH, AUTH when [smtp]
 * user is set. Recipients the server refuses are listed in REJECTED ("addr: reply;
 * ..."); the message is sent to the others. Returns 0, or a sysexits code with ERR set:
 * EX_TEMPFAIL (server down, cut, timeout, 4xx: try again later), EX_NOPERM (login
 * refused), EX_UNAVAILABLE (certificate refused, no STARTTLS, every recipient refused),
 * EX_PROTOCOL (an answer that is not SMTP, or an unexpected one), EX_CONFIG (no
 * password, or [smtp] security does not fit the port: the error says which to set). *MAYBE_SENT is set to 1 when the failure came after the whole message had
 * left (the reply to its final "." was lost or unreadable): the server may have taken
 * it, so it must not be sent again blindly; else to 0. */
int smtp_send(const conf *c, const char *from, char *const *recipients, const char *raw,
              size_t len, char *rejected, size_t rejlen, int *maybe_sent, char *err,
              size_t errlen);

/* One run's SMTP session (render: every message of the outbox, whatever output queued
 * it): the connection is opened at the first message and kept for the next ones, so
 * a run logs in once. A failure to connect, to agree on TLS or to log in stops the
 * session for the rest of the run: every later send returns the same code and error
 * at once, touching no server, so that a refused password is tried once a run (a
 * server counts failed logins, and may lock the account). */
struct smtp_session;

/* A session for [smtp] of C (which must outlive it); nothing is connected yet.
 * Returns NULL when out of memory. */
struct smtp_session *smtp_session_new(const conf *c);

/* smtp_send over SS: connects (and logs in) when not connected yet; a kept connection
 * the server has closed meanwhile is opened again once. Returns as smtp_send. */
int smtp_session_send(struct smtp_session *ss, const char *from, char *const *recipients,
                      const char *raw, size_t len, char *rejected, size_t rejlen,
                      int *maybe_sent, char *err, size_t errlen);

/* 0 while SS may still send, or the exit code that stopped it (EX_NOPERM: the login
 * was refused) with ERR set to its error. */
int smtp_session_stopped(const struct smtp_session *ss, char *err, size_t errlen);

/* Says QUIT when connected and frees SS (NULL is allowed). */
void smtp_session_free(struct smtp_session *ss);

/* For `doorstep check`: connects to [smtp] host as a send would (TLS verified), logs
 * in when [smtp] user is set, and quits, sending nothing. Returns 0 or a sysexits code
 * with ERR set, as smtp_send. */
int smtp_check(const conf *c, char *err, size_t errlen);

#endif
