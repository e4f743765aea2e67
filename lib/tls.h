/* tls.h — what libetpan leaves out of TLS on Debian: the server name (SNI) and the
 * verification of the server's certificate chain and host name, with GnuTLS. Used by
 * IMAP (fetch) and SMTP (render) before any credentials are sent. */
#ifndef DOORSTEP_TLS_H
#define DOORSTEP_TLS_H

#include <libetpan/libetpan.h>
#include <stddef.h>

/* The connect callback for libetpan's *_with_callback functions: DATA is the host name
 * (a const char *); it is sent as SNI unless it is an IP address. */
void tls_connect_callback(struct mailstream_ssl_context *ctx, void *data);

/* Verifies the certificate chain the server presented on STREAM (a TLS mailstream)
 * against CA_FILE (a PEM bundle) or, when CA_FILE is NULL or "", the system's trust
 * store, and that it was issued for HOST (a name or an IP address). Returns 0 when it
 * is trusted, or -1 with ERR saying why in words a volunteer can act on (self-signed,
 * expired, wrong name...). */
int tls_verify(mailstream *stream, const char *host, const char *ca_file, char *err,
               size_t errlen);

/* True when HOST is an IP address literal (v4 or v6). */
int tls_is_ip(const char *host);

/* True when HOST is this machine (localhost, 127.0.0.0/8, ::1). */
int tls_is_loopback(const char *host);

#endif
