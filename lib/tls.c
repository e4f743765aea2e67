/* tls.c — SNI and certificate verification for libetpan streams, with GnuTLS. */
#include "tls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

int
tls_is_ip(const char *host)
{
    unsigned char buf[sizeof(struct in6_addr)];

    return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

int
tls_is_loopback(const char *host)
{
    struct in_addr a4;

    if (strcasecmp(host, "localhost") == 0 || strcmp(host, "::1") == 0)
        return 1;
    return inet_pton(AF_INET, host, &a4) == 1 && (ntohl(a4.s_addr) >> 24) == 127;
}

int
tls_tcp_connect(const char *host, int port, int timeout)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res, *ai;
    char service[16];
    int fd = -1;

    snprintf(service, sizeof service, "%d", port);
    if (getaddrinfo(host, service, &hints, &res) != 0)
        return -1;
    for (ai = res; ai; ai = ai->ai_next) {
        struct pollfd p = {.events = POLLOUT};
        int soerr = 0;
        socklen_t solen = sizeof soerr;

        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    ai->ai_protocol);
        if (fd < 0)
            continue;
        p.fd = fd;
        if ((connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 ||
             (errno == EINPROGRESS && poll(&p, 1, timeout * 1000) == 1 &&
              getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &solen) == 0 && soerr == 0)) &&
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

enum tls_hello
tls_peek_hello(int fd, int wait_ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    unsigned char b[2];
    ssize_t n;
    int r;

    while ((r = poll(&p, 1, wait_ms)) < 0 && errno == EINTR)
        ;
    if (r == 0)
        return TLS_HELLO_NONE;
    if (r < 0)
        return TLS_HELLO_CLOSED;
    while ((n = recv(fd, b, sizeof b, MSG_PEEK | MSG_DONTWAIT)) < 0 && errno == EINTR)
        ;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return TLS_HELLO_NONE;
    if (n <= 0)
        return TLS_HELLO_CLOSED;
    /* a TLS record begins with its content type (20 to 24: an alert is 21, a
     * handshake 22) and the major version 3; no greeting of IMAP ("*") or SMTP (a
     * digit) does */
    if (b[0] >= 20 && b[0] <= 24 && (n == 1 || b[1] == 3))
        return TLS_HELLO_TLS;
    return TLS_HELLO_TEXT;
}

int
tls_probe_implicit(const char *host, int port, int timeout)
{
    int fd = tls_tcp_connect(host, port, timeout);
    mailstream *stream;

    if (fd < 0)
        return 0;
    stream = mailstream_ssl_open_with_callback_timeout(fd, timeout, tls_connect_callback,
                                                       (void *)host);
    if (!stream) {
        close(fd);
        return 0;
    }
    mailstream_close(stream);
    return 1;
}

void
tls_connect_callback(struct mailstream_ssl_context *ctx, void *data)
{
    const char *host = data;

    /* RFC 6066: SNI carries host names only, never addresses */
    if (host && *host && !tls_is_ip(host))
        mailstream_ssl_set_server_name(ctx, (char *)host);
}

/* Words for the verification status bits a user is likely to meet. */
static void
explain(unsigned status, const char *host, char *err, size_t errlen)
{
    const char *why = "it is not trusted";

    if (status & GNUTLS_CERT_UNEXPECTED_OWNER)
        why = "it was issued for another host name";
    else if (status & GNUTLS_CERT_EXPIRED)
        why = "it has expired";
    else if (status & GNUTLS_CERT_NOT_ACTIVATED)
        why = "it is not valid yet (is the clock right?)";
    else if (status & GNUTLS_CERT_REVOKED)
        why = "it was revoked";
    else if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
        why = "no trusted authority signed it (self-signed, or set ca_file)";
    else if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
        why = "it uses an insecure algorithm";
    snprintf(err, errlen, "%s: the server's certificate was refused: %s", host, why);
}

int
tls_verify(mailstream *stream, const char *host, const char *ca_file, char *err, size_t errlen)
{
    gnutls_x509_trust_list_t tl = NULL;
    gnutls_x509_crt_t *crts = NULL;
    carray *chain;
    unsigned n = 0, status = 0;
    int rc = -1, r;

    chain = mailstream_get_certificate_chain(stream);
    if (!chain || carray_count(chain) == 0) {
        snprintf(err, errlen, "%s: the server presented no certificate", host);
        goto done;
    }
    if (!(crts = calloc(carray_count(chain), sizeof *crts))) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (unsigned i = 0; i < carray_count(chain); i++) {
        MMAPString *der = carray_get(chain, i);
        gnutls_datum_t d = {(unsigned char *)der->str, (unsigned)der->len};
        if (gnutls_x509_crt_init(&crts[n]) < 0)
            goto oom;
        if (gnutls_x509_crt_import(crts[n], &d, GNUTLS_X509_FMT_DER) < 0) {
            gnutls_x509_crt_deinit(crts[n]);
            snprintf(err, errlen, "%s: the server's certificate cannot be read", host);
            goto done;
        }
        n++;
    }
    if (gnutls_x509_trust_list_init(&tl, 0) < 0)
        goto oom;
    if (ca_file && *ca_file) {
        r = gnutls_x509_trust_list_add_trust_file(tl, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
        if (r <= 0) {
            snprintf(err, errlen, "%s: no CA certificate could be read (%s)", ca_file,
                     r < 0 ? gnutls_strerror(r) : "empty file");
            goto done;
        }
    } else if ((r = gnutls_x509_trust_list_add_system_trust(tl, 0, 0)) <= 0) {
        snprintf(err, errlen, "the system's CA certificates could not be loaded (%s); "
                 "install ca-certificates or set ca_file",
                 r < 0 ? gnutls_strerror(r) : "none found");
        goto done;
    }
    /* GNUTLS_DT_DNS_HOSTNAME checks the name against the certificate's DNS names, and
     * an IP address against its IP address entries. */
    gnutls_typed_vdata_st vdata = {GNUTLS_DT_DNS_HOSTNAME, (unsigned char *)host, 0};
    r = gnutls_x509_trust_list_verify_crt2(tl, crts, n, &vdata, 1, 0, &status, NULL);
    if (r < 0) {
        snprintf(err, errlen, "%s: certificate verification failed: %s", host, gnutls_strerror(r));
        goto done;
    }
    if (status != 0) {
        explain(status, host, err, errlen);
        goto done;
    }
    rc = 0;
    goto done;
oom:
    snprintf(err, errlen, "out of memory");
done:
    if (tl)
        gnutls_x509_trust_list_deinit(tl, 1);
    for (unsigned i = 0; i < n; i++)
        gnutls_x509_crt_deinit(crts[i]);
    free(crts);
    if (chain)
        mailstream_certificate_chain_free(chain);
    return rc;
}
