/* test_tls.c — lib/tls's telling of a port's TLS mode from the server's first bytes
 * (over a socket pair: what a plain greeting, a TLS record, silence and a closed
 * connection look like), and its address rules. */
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tls.h"
#include "unit.h"

/* What tls_peek_hello says of a server that sent LEN bytes of DATA (and then closed
 * when CLOSE); the bytes must still be there to read afterwards. */
static enum tls_hello
hello_of(const char *data, size_t len, int close_after)
{
    int sv[2];
    char buf[16];
    enum tls_hello h;

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    if (len)
        ck_assert_int_eq(write(sv[1], data, len), (ssize_t)len);
    if (close_after)
        close(sv[1]);
    h = tls_peek_hello(sv[0], 100);
    if (len) { /* peeked, not taken */
        ck_assert_int_eq(read(sv[0], buf, 1), 1);
        ck_assert_int_eq(buf[0], data[0]);
    }
    close(sv[0]);
    if (!close_after)
        close(sv[1]);
    return h;
}

START_TEST(t_peek_hello)
{
    ck_assert_int_eq(hello_of("* OK Dovecot ready.\r\n", 21, 0), TLS_HELLO_TEXT);
    ck_assert_int_eq(hello_of("220 smtp.example ESMTP\r\n", 24, 0), TLS_HELLO_TEXT);
    /* a handshake record (TLS 1.2 framing) and an alert */
    ck_assert_int_eq(hello_of("\x16\x03\x03\x00\x2a", 5, 0), TLS_HELLO_TLS);
    ck_assert_int_eq(hello_of("\x15\x03\x01\x00\x02", 5, 0), TLS_HELLO_TLS);
    /* one byte of a record so far: taken for TLS, no greeting starts so */
    ck_assert_int_eq(hello_of("\x16", 1, 0), TLS_HELLO_TLS);
    /* 0x16 then not version 3: not a record */
    ck_assert_int_eq(hello_of("\x16" "A", 2, 0), TLS_HELLO_TEXT);
    /* garbage is not TLS: read as a greeting, judged by whoever reads it */
    ck_assert_int_eq(hello_of("\x00\x01\x1b[31m", 6, 0), TLS_HELLO_TEXT);
    ck_assert_int_eq(hello_of("", 0, 0), TLS_HELLO_NONE);
    ck_assert_int_eq(hello_of("", 0, 1), TLS_HELLO_CLOSED);
    /* what was sent before the close is still what counts */
    ck_assert_int_eq(hello_of("* BYE\r\n", 7, 1), TLS_HELLO_TEXT);
}
END_TEST

START_TEST(t_connect_refused)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    socklen_t alen = sizeof a;

    /* a port that was free a moment ago: nobody listens there */
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(getsockname(s, (struct sockaddr *)&a, &alen), 0);
    close(s);
    ck_assert_int_eq(tls_tcp_connect("127.0.0.1", ntohs(a.sin_port), 2), -1);
    ck_assert_int_eq(tls_probe_implicit("127.0.0.1", ntohs(a.sin_port), 2), 0);
}
END_TEST

START_TEST(t_addresses)
{
    ck_assert(tls_is_ip("127.0.0.1"));
    ck_assert(tls_is_ip("::1"));
    ck_assert(!tls_is_ip("localhost"));
    ck_assert(tls_is_loopback("localhost"));
    ck_assert(tls_is_loopback("127.3.0.1"));
    ck_assert(!tls_is_loopback("10.0.0.1"));
}
END_TEST

static Suite *
tls_suite(void)
{
    Suite *s = suite_create("tls");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_peek_hello);
    tcase_add_test(tc, t_connect_refused);
    tcase_add_test(tc, t_addresses);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(tls_suite)
