/* tls.c — SNI and certificate verification for libetpan streams, with GnuTLS. */
#include "tls.h"

#include <arpa/inet.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
