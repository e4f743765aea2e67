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

/* A TCP connection to HOST:PORT within TIMEOUT seconds (libetpan 1.9.4 connects for
 * implicit TLS with no timeout at all). Returns a blocking socket, or -1. */
int tls_tcp_connect(const char *host, int port, int timeout);

/* What a server sent first on a new connection, before the client said anything. */
enum tls_hello {
    TLS_HELLO_NONE,   /* nothing yet: a server of implicit TLS waits for our hello */
    TLS_HELLO_TEXT,   /* a greeting in plain text ("* OK", "220"): plain or STARTTLS */
    TLS_HELLO_TLS,    /* a TLS record: the server wants TLS from the start */
    TLS_HELLO_CLOSED, /* the connection ended or failed */
};

/* Waits up to WAIT_MS milliseconds for the first bytes the server sends on FD and
 * says what they are, leaving them unread for whoever reads the greeting. */
enum tls_hello tls_peek_hello(int fd, int wait_ms);

/* Whether a server that said nothing on connecting wants TLS from the start: tries a
 * TLS handshake with HOST:PORT on a new connection, waiting at most TIMEOUT seconds.
 * The certificate is not looked at (the connection is closed at once, nothing sent
 * over it): this only tells which [security] to ask for. Returns 1 when the handshake
 * completed, else 0. */
int tls_probe_implicit(const char *host, int port, int timeout);

/* True when HOST is an IP address literal (v4 or v6). */
int tls_is_ip(const char *host);

/* True when HOST is this machine (localhost, 127.0.0.0/8, ::1). */
int tls_is_loopback(const char *host);

#endif
