/* test_mail.c — render/mail: composing outgoing mail (header fields, RFC 2047 words,
 * folding, list and reply fields, quoted-printable, multipart/alternative) and the
 * sender (message_from). Each message is also read back with process's own MIME reader
 * (mime_parse), which must find what was put in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "conf.h"
#include "message.h"
#include "mime.h"
#include "unit.h"
#include "unit_conf.h"

static char err[1024];

static void
setup(void)
{
    setenv("DOORSTEP_NOW", "2026-11-25T08:00:00", 1);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
}

static void
teardown(void)
{
    unsetenv("DOORSTEP_NOW");
}

static struct message
base(void)
{
    struct message m = {0};

    m.from_name = "Elm Park Neighbours";
    m.from_addr = "help@elmpark.example.org";
    m.to = "all@elmpark.example.org";
    m.subject = "Digest for Wednesday";
    m.message_id = "doorstep.digest-2026-11-25.0123456789abcdef@elmpark.example.org";
    m.date = clock_now();
    m.body = "Hello.\n";
    return m;
}

/* The header block of RAW (up to the first empty line), malloc'd. */
static char *
header_of(const char *raw)
{
    const char *end = strstr(raw, "\r\n\r\n");
    ck_assert_ptr_nonnull(end);
    return strndup(raw, (size_t)(end - raw) + 2);
}

/* Every line of RAW ends in CRLF (no bare CR or LF) and is at most MAX characters;
 * a header line holding an encoded word at most 76 (RFC 2047 section 2). */
static void
lines_ok(const char *raw, size_t max)
{
    const char *body = strstr(raw, "\r\n\r\n");

    for (const char *p = raw; *p;) {
        const char *e = strstr(p, "\r\n");
        size_t len;
        ck_assert_msg(e != NULL, "no CRLF at the end: %s", p);
        len = (size_t)(e - p);
        ck_assert_msg(!memchr(p, '\n', len) && !memchr(p, '\r', len), "bare CR or LF: %.*s",
                      (int)len, p);
        ck_assert_msg(len <= max, "line of %zu characters: %.*s", len, (int)len, p);
        if (p < body && memmem(p, len, "=?", 2))
            ck_assert_msg(len <= 76, "encoded header line of %zu characters: %.*s", len,
                          (int)len, p);
        p = e + 2;
    }
}

/* Composes M and reads it back; the caller frees *RAW and mime_free()s *OUT. */
static void
compose_and_read(const struct message *m, char **raw, struct mime_msg *out)
{
    size_t len;
    char reason[256];

    *raw = message_compose(m, &len);
    ck_assert_ptr_nonnull(*raw);
    ck_assert_uint_eq(len, strlen(*raw));
    lines_ok(*raw, 78);
    ck_assert_msg(mime_parse(*raw, len, out, reason, sizeof reason) == 0, "%s", reason);
}

START_TEST(t_plain_message)
{
    struct message m = base();
    struct mime_msg r;
    char *raw, *h;

    compose_and_read(&m, &raw, &r);
    h = header_of(raw);
    ck_assert_msg(strncmp(h, "From: \"Elm Park Neighbours\" <help@elmpark.example.org>\r\n", 56) == 0,
                  "%s", h);
    ck_assert_msg(strstr(h, "\r\nTo: all@elmpark.example.org\r\n"), "%s", h);
    ck_assert_msg(strstr(h, "\r\nSubject: Digest for Wednesday\r\n"), "%s", h);
    ck_assert_msg(strstr(h, "\r\nDate: Wed, 25 Nov 2026 08:00:00 +0000\r\n"), "%s", h);
    ck_assert_msg(strstr(h, "\r\nMessage-ID: <doorstep.digest-2026-11-25.0123456789abcdef@"
                            "elmpark.example.org>\r\n"),
                  "%s", h);
    ck_assert_msg(strstr(h, "\r\nMIME-Version: 1.0\r\n"), "%s", h);
    ck_assert_msg(strstr(h, "\r\nAuto-Submitted: auto-generated\r\n"), "%s", h);
    ck_assert_msg(strstr(h, "\r\nPrecedence: bulk\r\n"), "%s", h);
    ck_assert_msg(strstr(h, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"), "%s", h);
    ck_assert_msg(strstr(h, "\r\nContent-Transfer-Encoding: quoted-printable\r\n"), "%s", h);
    /* nothing asked for, nothing written */
    ck_assert_msg(!strstr(h, "List-") && !strstr(h, "In-Reply-To") && !strstr(h, "Reply-To") &&
                      !strstr(h, "References") && !strstr(h, "multipart"),
                  "%s", h);
    ck_assert_str_eq(r.subject, "Digest for Wednesday");
    ck_assert_str_eq(r.from_addr, "help@elmpark.example.org");
    ck_assert_str_eq(r.from_name, "Elm Park Neighbours");
    ck_assert_str_eq(r.message_id, m.message_id);
    ck_assert_int_eq(r.date, m.date);
    ck_assert_str_eq(r.text, "Hello.\n");
    /* our own mail is automatic mail, to any reader (RFC 3834) */
    ck_assert_ptr_nonnull(r.automatic);
    free(h);
    free(raw);
    mime_free(&r);
}
END_TEST

START_TEST(t_no_recipients_reply_to)
{
    struct message m = base();
    size_t len;
    char *raw;

    m.to = "";
    m.reply_to = "jo@example.org";
    raw = message_compose(&m, &len);
    ck_assert_msg(strstr(raw, "\r\nTo: undisclosed-recipients:;\r\n"), "%s", raw);
    ck_assert_msg(strstr(raw, "\r\nReply-To: jo@example.org\r\n"), "%s", raw);
    free(raw);
}
END_TEST

/* Whether the base64 text B (LEN characters) decodes to whole UTF-8 characters: RFC
 * 2047 words must each hold whole characters (section 5). */
static int
word_is_whole_utf8(const char *b, size_t len)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char out[128];
    size_t n = 0;
    unsigned v = 0;
    int bits = 0;

    for (size_t i = 0; i < len && b[i] != '='; i++) {
        const char *at = strchr(b64, b[i]);
        ck_assert_msg(at && b[i], "not base64: %.*s", (int)len, b);
        v = v << 6 | (unsigned)(at - b64);
        if ((bits += 6) >= 8) {
            bits -= 8;
            ck_assert_uint_lt(n, sizeof out);
            out[n++] = (unsigned char)(v >> bits);
        }
    }
    for (size_t i = 0; i < n;) {
        size_t seq = out[i] < 0x80 ? 1 : out[i] >> 5 == 6 ? 2 : out[i] >> 4 == 14 ? 3
                   : out[i] >> 3 == 30                    ? 4
                                                          : 0;
        if (seq == 0 || i + seq > n)
            return 0;
        for (size_t k = 1; k < seq; k++)
            if (out[i + k] >> 6 != 2)
                return 0;
        i += seq;
    }
    return 1;
}

/* non-ASCII text in encoded words of at most 75 characters, lines of at most 76, no
 * UTF-8 character cut between two words: read back whole */
START_TEST(t_rfc2047_words)
{
    static const char *const subjects[] = {
        "Pomoc: \xC5\xBC\xC3\xB3\xC5\x82w", /* żółw */
        "\xC5\xBC\xC3\xB3\xC5\x82te \xC5\x82\xC3\xB3\xC5\xBCko dla dziecka, odbi\xC3\xB3r "
        "w sobot\xC4\x99 rano przy ulicy Wi\xC5\x9Bniowej, prosz\xC4\x99 o kontakt "
        "\xE2\x80\x94 dzi\xC4\x99kuj\xC4\x99 bardzo! \xF0\x9F\x98\x8A\xF0\x9F\x98\x8A",
        "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0"
        "\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD"
        "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0",
        "caf\xC3\xA9",
        /* shifted by one and two bytes, so that a word's end falls inside characters */
        "1 \xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0"
        "\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD"
        "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xBD\xA0",
        "\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A"
        "\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A"
        "\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A",
    };

    for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++) {
        struct message m = base();
        struct mime_msg r;
        char *raw;

        m.subject = subjects[i];
        m.from_name = subjects[i];
        compose_and_read(&m, &raw, &r);
        ck_assert_str_eq(r.subject, subjects[i]);
        ck_assert_str_eq(r.from_name, subjects[i]);
        ck_assert_str_eq(r.from_addr, "help@elmpark.example.org");
        /* each encoded word at most 75 characters */
        for (const char *w = raw; (w = strstr(w, "=?UTF-8?B?"));) {
            const char *e = strstr(w + 10, "?=");
            ck_assert_ptr_nonnull(e);
            ck_assert_msg(e + 2 - w <= 75, "word of %d characters", (int)(e + 2 - w));
            ck_assert_msg(word_is_whole_utf8(w + 10, (size_t)(e - w - 10)),
                          "a character cut between two words: %.*s", (int)(e + 2 - w), w);
            w = e + 2;
        }
        free(raw);
        mime_free(&r);
    }
}
END_TEST

/* an ASCII name is a quoted string, its quotes and backslashes escaped */
START_TEST(t_ascii_name_quoted)
{
    struct message m = base();
    struct mime_msg r;
    char *raw;

    m.from_name = "Lopez, Maria \"Mia\" \\ Co";
    compose_and_read(&m, &raw, &r);
    ck_assert_msg(strstr(raw, "From: \"Lopez, Maria \\\"Mia\\\" \\\\ Co\" <help@"), "%s", raw);
    ck_assert_str_eq(r.from_name, "Lopez, Maria \"Mia\" \\ Co");
    free(raw);
    mime_free(&r);
}
END_TEST

/* a line break in a subject cannot add a header field */
START_TEST(t_no_header_injection)
{
    struct message m = base();
    struct mime_msg r;
    char *raw, *h;

    m.subject = "hello\r\nBcc: everyone@example.org";
    m.in_reply_to = "x@y>\r\nBcc: everyone@example.org";
    compose_and_read(&m, &raw, &r);
    h = header_of(raw);
    ck_assert_msg(!strstr(h, "\r\nBcc:") && !strstr(h, "In-Reply-To"), "%s", h);
    free(h);
    free(raw);
    mime_free(&r);
}
END_TEST

/* a long ASCII subject is folded at spaces, and reads back the same */
START_TEST(t_long_ascii_subject_folded)
{
    struct message m = base();
    struct mime_msg r;
    char *raw;

    m.subject = "OFFER: a very long subject line that someone wrote about the bags of "
                "clothes, toys and books they want to give away on Saturday morning";
    compose_and_read(&m, &raw, &r);
    ck_assert_str_eq(r.subject, m.subject);
    free(raw);
    mime_free(&r);
}
END_TEST

START_TEST(t_list_fields)
{
    struct message m = base();
    struct mime_msg r;
    char *raw, *h;

    m.list_id = "Elm Park Neighbours <elmpark.example.org>";
    m.list_address = "help@elmpark.example.org";
    compose_and_read(&m, &raw, &r);
    h = header_of(raw);
    ck_assert_msg(strstr(h, "\r\nList-Id: \"Elm Park Neighbours\" <elmpark.example.org>\r\n"), "%s",
                  h);
    ck_assert_msg(strstr(h, "\r\nList-Post: <mailto:help@elmpark.example.org>\r\n"), "%s", h);
    ck_assert_msg(strstr(h, "\r\nList-Unsubscribe: <mailto:help@elmpark.example.org"
                            "?subject=UNSUBSCRIBE>\r\n"),
                  "%s", h);
    free(h);
    free(raw);
    mime_free(&r);

    /* a name that is not ASCII is encoded; one without <id> is the id alone */
    m.list_id = "S\xC4\x85siedzi <sasiedzi.example.org>";
    compose_and_read(&m, &raw, &r);
    ck_assert_msg(strstr(raw, "\r\nList-Id: =?UTF-8?B?U8SFc2llZHpp?= <sasiedzi.example.org>\r\n"),
                  "%s", raw);
    free(raw);
    mime_free(&r);
    /* without a list address, no List-* fields at all */
    m.list_address = NULL;
    compose_and_read(&m, &raw, &r);
    ck_assert_msg(!strstr(raw, "List-"), "%s", raw);
    free(raw);
    mime_free(&r);
}
END_TEST

START_TEST(t_reply_fields)
{
    struct message m = base();
    struct mime_msg r;
    char *raw;

    m.in_reply_to = "CAB123@mail.example.com";
    m.auto_replied = 1;
    compose_and_read(&m, &raw, &r);
    ck_assert_msg(strstr(raw, "\r\nIn-Reply-To: <CAB123@mail.example.com>\r\n"
                              "References: <CAB123@mail.example.com>\r\n"),
                  "%s", raw);
    ck_assert_msg(strstr(raw, "\r\nAuto-Submitted: auto-replied\r\n"), "%s", raw);
    ck_assert_uint_ge(r.nrefs, 1);
    ck_assert_str_eq(r.refs[0], "CAB123@mail.example.com");
    free(raw);
    mime_free(&r);
}
END_TEST

/* quoted-printable: '=' and non-ASCII encoded, a leading dot too (the wrapper has
 * taken trailing spaces off), soft breaks keep lines under 77; the text reads back as
 * it was */
START_TEST(t_quoted_printable_body)
{
    struct message m = base();
    struct mime_msg r;
    char *raw;
    const char *body;

    m.body = "2 + 2 = 4 \xE2\x80\x94 \xC5\xBC\xC3\xB3\xC5\x82w \n.\n"
             "https://example.org/a/very/long/address/that/cannot/be/wrapped/at/a/space/"
             "anywhere/at/all?x=1\n";
    compose_and_read(&m, &raw, &r);
    body = strstr(raw, "\r\n\r\n") + 4;
    ck_assert_msg(strstr(body, "2 + 2 =3D 4 =E2=80=94 =C5=BC=C3=B3=C5=82w\r\n=2E\r\n"), "%s",
                  body);
    ck_assert_msg(strstr(body, "=\r\n"), "no soft break: %s", body);
    ck_assert_str_eq(r.text, "2 + 2 = 4 \xE2\x80\x94 \xC5\xBC\xC3\xB3\xC5\x82w\n.\n"
                             "https://example.org/a/very/long/address/that/cannot/be/wrapped/at/"
                             "a/space/anywhere/at/all?x=1\n");
    free(raw);
    mime_free(&r);
}
END_TEST

START_TEST(t_multipart_alternative)
{
    struct message m = base();
    struct mime_msg r;
    char *raw, boundary[128];
    const char *b, *e;

    m.body = "Plain words.\n";
    m.html = "<p>HTML <b>words</b> = caf\xC3\xA9</p>\n";
    compose_and_read(&m, &raw, &r);
    b = strstr(raw, "Content-Type: multipart/alternative;\r\n boundary=\"");
    ck_assert_msg(b != NULL, "%s", raw);
    b += strlen("Content-Type: multipart/alternative;\r\n boundary=\"");
    e = strchr(b, '"');
    snprintf(boundary, sizeof boundary, "\r\n--%.*s\r\n", (int)(e - b), b);
    /* two parts, text then HTML, and the closing delimiter last */
    b = strstr(raw, boundary);
    ck_assert_ptr_nonnull(b);
    ck_assert_msg(strncmp(b + strlen(boundary), "Content-Type: text/plain; charset=UTF-8\r\n", 41) == 0,
                  "%s", b);
    b = strstr(b + 1, boundary);
    ck_assert_ptr_nonnull(b);
    ck_assert_msg(strncmp(b + strlen(boundary), "Content-Type: text/html; charset=UTF-8\r\n", 40) == 0,
                  "%s", b);
    ck_assert_msg(strstr(b, "<p>HTML <b>words</b> =3D caf=C3=A9</p>"), "%s", b);
    boundary[strlen(boundary) - 2] = '\0';
    ck_assert_msg(strstr(raw, boundary) && strstr(strstr(raw, boundary), "--\r\n"), "%s", raw);
    {
        char closing[140];
        snprintf(closing, sizeof closing, "%s--\r\n", boundary);
        ck_assert_msg(strlen(raw) > strlen(closing) &&
                          strcmp(raw + strlen(raw) - strlen(closing), closing) == 0,
                      "does not end with the closing delimiter: %s", raw);
    }
    /* a reader takes the text part */
    ck_assert_str_eq(r.text, "Plain words.\n");
    ck_assert_int_eq(r.html_only, 0);
    free(raw);
    mime_free(&r);
}
END_TEST

START_TEST(t_sender)
{
    const char *name, *addr;
    conf *c = unit_conf("[group]\nname = Elm Park\naddress = help@elmpark.example.org\n"
                        "[fetch]\nsource = mbox:x\n");

    message_from(c, &name, &addr);
    ck_assert_str_eq(name, "Elm Park");
    ck_assert_str_eq(addr, "help@elmpark.example.org");
    conf_free(c);
    c = unit_conf("[group]\nname = Elm Park\naddress = help@elmpark.example.org\n"
                  "[fetch]\nsource = mbox:x\n[smtp]\nfrom = Digest Robot <d@elmpark.example.org>\n");
    message_from(c, &name, &addr);
    ck_assert_str_eq(name, "Digest Robot");
    ck_assert_str_eq(addr, "d@elmpark.example.org");
    conf_free(c);
    /* a bare [smtp] from: the group's name */
    c = unit_conf("[group]\nname = Elm Park\naddress = help@elmpark.example.org\n"
                  "[fetch]\nsource = mbox:x\n[smtp]\nfrom = d@elmpark.example.org\n");
    message_from(c, &name, &addr);
    ck_assert_str_eq(name, "Elm Park");
    ck_assert_str_eq(addr, "d@elmpark.example.org");
    conf_free(c);
}
END_TEST

static Suite *
mail_suite(void)
{
    Suite *s = suite_create("mail");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_plain_message);
    tcase_add_test(tc, t_no_recipients_reply_to);
    tcase_add_test(tc, t_rfc2047_words);
    tcase_add_test(tc, t_ascii_name_quoted);
    tcase_add_test(tc, t_no_header_injection);
    tcase_add_test(tc, t_long_ascii_subject_folded);
    tcase_add_test(tc, t_list_fields);
    tcase_add_test(tc, t_reply_fields);
    tcase_add_test(tc, t_quoted_printable_body);
    tcase_add_test(tc, t_multipart_alternative);
    tcase_add_test(tc, t_sender);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(mail_suite)
