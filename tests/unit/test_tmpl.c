/* test_tmpl.c — unit tests for lib/tmpl.c: errors, escaping, partials, names, hostile input. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "tmpl.h"
#include "unit.h"

/* Partials for tests: a JSON object mapping names to sources; counts callback calls. */
struct parts {
    json_t *map;
    int calls;
};

static const char *
part_cb(const char *name, void *ud)
{
    struct parts *p = ud;
    p->calls++;
    const json_t *v = json_object_get(p->map, name);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Renders SRC with DATA_JSON and PARTIALS_JSON (may be NULL); malloc'd output or NULL + ERR. */
static char *
render_ex(const char *src, const char *data_json, const char *partials_json, char *err,
          size_t errlen)
{
    json_t *data = data_json ? json_loads(data_json, JSON_DECODE_ANY, NULL) : NULL;
    if (data_json)
        ck_assert_msg(data != NULL, "bad test JSON: %s", data_json);
    struct parts p = {partials_json ? json_loads(partials_json, 0, NULL) : NULL, 0};
    char *out = NULL;
    tmpl *t = tmpl_parse(src, strlen(src), "t.mustache", err, errlen);
    if (t)
        out = tmpl_render(t, data, part_cb, &p, err, errlen);
    tmpl_free(t);
    json_decref(data);
    json_decref(p.map);
    return out;
}

#define CHECK_RENDER(src, data, partials, want)                                                    \
    do {                                                                                           \
        char err_[512] = "";                                                                       \
        char *got_ = render_ex((src), (data), (partials), err_, sizeof err_);                      \
        ck_assert_msg(got_ != NULL, "render of %s failed: %s", (src), err_);                       \
        ck_assert_str_eq(got_, (want));                                                            \
        free(got_);                                                                                \
    } while (0)

/* Asserts that parsing SRC fails and that the message contains WANT. */
#define CHECK_PARSE_ERR(src, len, want)                                                            \
    do {                                                                                           \
        char err_[512] = "";                                                                       \
        tmpl *t_ = tmpl_parse((src), (len), "t.mustache", err_, sizeof err_);                      \
        ck_assert_msg(t_ == NULL, "parse of %s should fail", (src));                               \
        ck_assert_msg(strstr(err_, (want)) != NULL, "error '%s' lacks '%s'", err_, (want));        \
    } while (0)

#define PERR(src, want) CHECK_PARSE_ERR((src), strlen(src), (want))

START_TEST(test_parse_errors)
{
    PERR("abc {{name", "t.mustache:1:5: unclosed tag");
    PERR("x\n  {{{name}}", "t.mustache:2:3: unclosed tag");
    PERR("line1\n{{#a}}\n{{#b}}x{{/b}}\n", "t.mustache:2:1: unclosed section 'a'");
    PERR("{{#a}}{{#b}}{{/a}}{{/b}}",
         "t.mustache:1:13: close tag 'a' does not match open section 'b'");
    PERR("ok\n\n   {{/a}}", "t.mustache:3:4: close tag 'a' without an open section");
    PERR("{{=<% =}}", "t.mustache:1:1: bad set-delimiter tag");
    PERR("{{= =}}", "bad set-delimiter tag");
    PERR("{{=a b c=}}", "bad set-delimiter tag");
    PERR("{{=a= b=}}", "bad set-delimiter tag");
    PERR("{{=<% %>}}", "bad set-delimiter tag");
    PERR("{{==}}", "bad set-delimiter tag");
    PERR("{{=}}", "bad set-delimiter tag");
    PERR("a {{}}", "t.mustache:1:3: empty tag name");
    PERR("{{  }}", "empty tag name");
    PERR("{{# }}{{/ }}", "empty tag name");
    PERR("{{{}}}", "empty tag name");
    PERR("{{&}}", "empty tag name");
    PERR("{{>}}", "empty tag name");
    PERR("{{a b}}", "invalid tag name 'a b'");
    /* columns count UTF-8 characters, not bytes */
    PERR("h\xc3\xa9llo {{", "t.mustache:1:7: unclosed tag");
    /* errors after a delimiter change use the new delimiters */
    PERR("{{=<% %>=}}\n<%#a%>x", "t.mustache:2:1: unclosed section 'a'");
    PERR("{{=<% %>=}} <%x", "t.mustache:1:13: unclosed tag");
    /* tiny and NULL error buffers must be safe */
    char small[8];
    ck_assert_ptr_null(tmpl_parse("{{#a}}", 6, "name-longer-than-buffer", small, sizeof small));
    ck_assert_uint_eq(strlen(small), sizeof small - 1);
    ck_assert_ptr_null(tmpl_parse("{{#a}}", 6, "t", NULL, 0));
    ck_assert_ptr_null(tmpl_parse("{{#a}}", 6, "t", small, 0));
}
END_TEST

START_TEST(test_escaping_and_values)
{
    CHECK_RENDER("{{x}}", "{\"x\": \"& \\\" < > '\"}", NULL, "&amp; &quot; &lt; &gt; '");
    CHECK_RENDER("{{{x}}}|{{&x}}|{{& x }}", "{\"x\": \"<&>\"}", NULL, "<&>|<&>|<&>");
    CHECK_RENDER("{{i}} {{n}} {{big}}", "{\"i\": 85, \"n\": -3, \"big\": 9007199254740993}", NULL,
                 "85 -3 9007199254740993");
    CHECK_RENDER("{{a}} {{b}} {{c}} {{d}} {{e}}",
                 "{\"a\": 1.210, \"b\": 0.1, \"c\": 3.0, \"d\": 1e21, \"e\": -2.5e-7}", NULL,
                 "1.21 0.1 3 1e+21 -2.5e-07");
    CHECK_RENDER("[{{t}}|{{f}}|{{n}}|{{o}}|{{l}}|{{missing}}]",
                 "{\"t\": true, \"f\": false, \"n\": null, \"o\": {\"k\": 1}, \"l\": [1]}", NULL,
                 "[true|false||||]");
    CHECK_RENDER("{{a.b.c}}|{{a.x.c}}", "{\"a\": {\"b\": {\"c\": \"deep\"}}}", NULL, "deep|");
    CHECK_RENDER("{{.}}", "\"<root>\"", NULL, "&lt;root&gt;");
    CHECK_RENDER("no tags at all\n", "{}", NULL, "no tags at all\n");
    CHECK_RENDER("", "{}", NULL, "");
}
END_TEST

START_TEST(test_render_text_does_not_escape)
{
    char err[256];
    json_t *d = json_pack("{s:s}", "x", "fish & <chips>");
    tmpl *t = tmpl_parse("{{x}} {{{x}}} {{#y}}{{/y}}", 26, "t", err, sizeof err);
    ck_assert_ptr_nonnull(t);
    char *html = tmpl_render(t, d, NULL, NULL, err, sizeof err);
    char *text = tmpl_render_text(t, d, NULL, NULL, err, sizeof err);
    ck_assert_str_eq(html, "fish &amp; &lt;chips&gt; fish & <chips> ");
    ck_assert_str_eq(text, "fish & <chips> fish & <chips> ");
    free(html);
    free(text);
    tmpl_free(t);
    json_decref(d);
}
END_TEST

START_TEST(test_sections)
{
    const char *data = "{\"items\": [{\"n\": \"a\"}, {\"n\": \"b\"}], \"empty\": [], \"s\": \"\","
                       " \"zero\": 0, \"who\": {\"name\": \"Ann\"}, \"top\": \"T\"}";
    CHECK_RENDER("{{#items}}<{{n}}{{top}}>{{/items}}", data, NULL, "<aT><bT>");
    CHECK_RENDER("{{#items}}\n- {{n}}\n{{/items}}\n", data, NULL, "- a\n- b\n");
    CHECK_RENDER("{{^empty}}none{{/empty}}{{#empty}}x{{/empty}}", data, NULL, "none");
    CHECK_RENDER("{{^s}}blank{{/s}}{{#s}}x{{/s}}", data, NULL, "blank");
    CHECK_RENDER("{{#zero}}z={{.}}{{/zero}}", data, NULL, "z=0");
    CHECK_RENDER("{{#who}}Hi {{name}}{{/who}}{{#who.name}}/{{.}}{{/who.name}}", data, NULL,
                 "Hi Ann/Ann");
    CHECK_RENDER("{{^missing}}gone{{/missing}}", data, NULL, "gone");
    CHECK_RENDER("{{#items}}{{#items}}{{n}}{{/items}};{{/items}}", data, NULL, "ab;ab;");
    /* a missing root: everything is a context miss */
    char err[256];
    const char *src = "[{{a}}{{#b}}x{{/b}}{{^c}}y{{/c}}{{.}}]";
    tmpl *t = tmpl_parse(src, strlen(src), "t", err, sizeof err);
    ck_assert_ptr_nonnull(t);
    char *out = tmpl_render(t, NULL, NULL, NULL, err, sizeof err);
    ck_assert_str_eq(out, "[y]");
    free(out);
    tmpl_free(t);
}
END_TEST

START_TEST(test_partials)
{
    const char *parts =
        "{\"item\": \"<li>{{name}}</li>\\n\", \"list\": \"{{#items}}\\n  {{>item}}\\n"
        "{{/items}}\\n\", \"bad\": \"ok\\n  {{#x}}\", \"self\": \"{{>self}}\"}";
    const char *data = "{\"items\": [{\"name\": \"a\"}, {\"name\": \"<b>\"}]}";
    CHECK_RENDER("<ul>\n  {{>list}}\n</ul>\n", data, parts,
                 "<ul>\n    <li>a</li>\n    <li>&lt;b&gt;</li>\n</ul>\n");
    CHECK_RENDER("[{{>nope}}]", data, parts, "[]");
    CHECK_RENDER("{{#items}}{{>item}}{{/items}}", data, NULL, "");

    char err[512];
    char *out = render_ex("line one\n\n{{>bad}}", "{}", parts, err, sizeof err);
    ck_assert_ptr_null(out);
    ck_assert_msg(strstr(err, "bad:2:3: unclosed section 'x'") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "included from t.mustache:3") != NULL, "%s", err);

    out = render_ex("x {{>self}}", "{}", parts, err, sizeof err);
    ck_assert_ptr_null(out);
    ck_assert_msg(strstr(err, "nested deeper than 64") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "self") != NULL, "%s", err);

    /* recursion that stops on its own at depth 64 is fine, 65 is not */
    json_t *pm = json_pack("{s:s}", "n", "{{#c}}.{{>n}}{{/c}}");
    for (int levels = 63; levels <= 64; levels++) {
        json_t *d = json_pack("{s:b}", "c", 0);
        for (int i = 0; i < levels; i++)
            d = json_pack("{s:o}", "c", d);
        struct parts p = {pm, 0};
        tmpl *t = tmpl_parse("{{>n}}", 6, "t", err, sizeof err);
        ck_assert_ptr_nonnull(t);
        out = tmpl_render(t, d, part_cb, &p, err, sizeof err);
        if (levels == 63) {
            ck_assert_msg(out != NULL, "%s", err);
            ck_assert_uint_eq(strlen(out), 63);
            ck_assert_int_eq(p.calls, 1); /* asked once per name and render */
        } else {
            ck_assert_ptr_null(out);
            ck_assert_msg(strstr(err, "nested deeper than 64") != NULL, "%s", err);
        }
        free(out);
        tmpl_free(t);
        json_decref(d);
    }
    json_decref(pm);
}
END_TEST

/* Collects tmpl_names output as "KIND name [s1/s2] line;" */
static void
name_cb(tmpl_tag_kind kind, const char *name, const char *const *sections, size_t nsections,
        int line, void *ud)
{
    static const char kinds[] = "VS^P";
    char *acc = ud;
    size_t n = strlen(acc);
    n += (size_t)snprintf(acc + n, 1024 - n, "%c %s [", kinds[kind], name);
    for (size_t i = 0; i < nsections; i++)
        n += (size_t)snprintf(acc + n, 1024 - n, "%s%s", i ? "/" : "", sections[i]);
    snprintf(acc + n, 1024 - n, "] %d;", line);
}

START_TEST(test_names)
{
    const char *src = "Hi {{name}}\n"
                      "{{! comment }}\n"
                      "{{#people}}\n"
                      "  {{first}} {{{last}}}\n"
                      "  {{^phone}}no phone{{/phone}}{{#addr.city}}{{.}}{{/addr.city}}\n"
                      "  {{=<% %>=}}\n"
                      "  <%> card%>\n"
                      "<%/people%>\n"
                      "<%& footer.text %>";
    char err[256], acc[1024] = "";
    tmpl *t = tmpl_parse(src, strlen(src), "n", err, sizeof err);
    ck_assert_msg(t != NULL, "%s", err);
    tmpl_names(t, name_cb, acc);
    ck_assert_str_eq(acc, "V name [] 1;S people [] 3;V first [people] 4;V last [people] 4;"
                          "^ phone [people] 5;S addr.city [people] 5;V . [people/addr.city] 5;"
                          "P card [people] 7;V footer.text [] 9;");
    tmpl_free(t);
    /* an empty template reports nothing */
    t = tmpl_parse("", 0, "e", err, sizeof err);
    acc[0] = '\0';
    tmpl_names(t, name_cb, acc);
    ck_assert_str_eq(acc, "");
    tmpl_free(t);
}
END_TEST

START_TEST(test_deep_nesting)
{
    enum { N = 100000 };
    char *src = malloc(N * 12 + 1);
    ck_assert_ptr_nonnull(src);
    char err[256];
    /* 100000 opens, with or without their closes: rejected at the 101st open */
    size_t n = 0;
    for (int i = 0; i < N; i++, n += 6)
        memcpy(src + n, i % 2 ? "{{^a}}" : "{{#a}}", 6);
    ck_assert_ptr_null(tmpl_parse(src, n, "deep", err, sizeof err));
    ck_assert_msg(strstr(err, "deep:1:601: sections nested deeper than 100") != NULL, "%s", err);
    for (int i = 0; i < N; i++, n += 6)
        memcpy(src + n, "{{/a}}", 6);
    ck_assert_ptr_null(tmpl_parse(src, n, "deep", err, sizeof err));
    ck_assert_msg(strstr(err, "deep:1:601: sections nested deeper than 100") != NULL, "%s", err);

    /* exactly TMPL_MAX_NESTING levels work */
    n = 0;
    for (int i = 0; i < TMPL_MAX_NESTING; i++, n += 6)
        memcpy(src + n, "{{#a}}", 6);
    memcpy(src + n, "{{b}}", 5);
    n += 5;
    for (int i = 0; i < TMPL_MAX_NESTING; i++, n += 6)
        memcpy(src + n, "{{/a}}", 6);
    tmpl *t = tmpl_parse(src, n, "deep", err, sizeof err);
    ck_assert_msg(t != NULL, "%s", err);
    json_t *data = json_pack("{s:b,s:s}", "a", 1, "b", "x");
    char *out = tmpl_render(t, data, NULL, NULL, err, sizeof err);
    ck_assert_msg(out != NULL, "%s", err);
    ck_assert_str_eq(out, "x");
    free(out);
    tmpl_names(t, NULL, NULL); /* NULL callback is a no-op */
    tmpl_free(t);
    json_decref(data);

    /* 100000 open sections closed one by one stay flat */
    n = 0;
    for (int i = 0; i < N; i++, n += 12)
        memcpy(src + n, "{{#a}}{{/a}}", 12);
    t = tmpl_parse(src, n, "flat", err, sizeof err);
    ck_assert_msg(t != NULL, "%s", err);
    tmpl_free(t);

    /* 60 sections nested over a two-element list would run 2^60 times: stopped by the budget */
    n = 0;
    for (int i = 0; i < 60; i++, n += 6)
        memcpy(src + n, "{{#l}}", 6);
    for (int i = 0; i < 60; i++, n += 6)
        memcpy(src + n, "{{/l}}", 6);
    t = tmpl_parse(src, n, "blowup", err, sizeof err);
    ck_assert_msg(t != NULL, "%s", err);
    data = json_pack("{s:[i,i]}", "l", 1, 2);
    ck_assert_ptr_null(tmpl_render(t, data, NULL, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "blowup: render stopped after 10000000 steps") != NULL, "%s", err);
    tmpl_free(t);
    json_decref(data);

    /* 100000 unclosed triple mustaches, inverted sections and partial tags */
    n = 0;
    for (int i = 0; i < N; i++, n += 3)
        memcpy(src + n, "{{{", 3);
    ck_assert_ptr_null(tmpl_parse(src, n, "deep", err, sizeof err));
    ck_assert_msg(strstr(err, "deep:1:1: unclosed tag") != NULL, "%s", err);
    free(src);
}
END_TEST

START_TEST(test_nul_bytes_and_len)
{
    char err[256];
    /* LEN is authoritative: text after a NUL is kept, a tag past LEN is not read */
    static const char src[] = "a\0b{{x}}{{y}}";
    tmpl *t = tmpl_parse(src, 8, "nul", err, sizeof err);
    ck_assert_msg(t != NULL, "%s", err);
    json_t *d = json_pack("{s:s,s:s}", "x", "X", "y", "Y");
    char *out = tmpl_render(t, d, NULL, NULL, err, sizeof err);
    ck_assert_ptr_nonnull(out);
    ck_assert_mem_eq(out, "a\0bX", 5);
    free(out);
    tmpl_free(t);
    ck_assert_ptr_null(tmpl_parse(src, 7, "nul", err, sizeof err)); /* "{{x}" */
    ck_assert_msg(strstr(err, "nul:1:4: unclosed tag") != NULL, "%s", err);
    CHECK_PARSE_ERR("{{a\0b}}", 7, "invalid tag name");
    /* NULL source with zero length is an empty template */
    t = tmpl_parse(NULL, 0, NULL, err, sizeof err);
    ck_assert_ptr_nonnull(t);
    out = tmpl_render(t, d, NULL, NULL, err, sizeof err);
    ck_assert_str_eq(out, "");
    free(out);
    tmpl_free(t);
    tmpl_free(NULL);
    json_decref(d);
}
END_TEST

static void
name_cb_noop(tmpl_tag_kind kind, const char *name, const char *const *sections, size_t nsections,
             int line, void *ud)
{
    (void)kind, (void)name, (void)sections, (void)nsections, (void)line, (void)ud;
}

/* xorshift PRNG so failures reproduce */
static uint32_t
rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

START_TEST(test_garbage)
{
    static const char *const frags[] = {
        "{{",          "}}", "{{{", "}}}",    "#",      "^",      "/",  ">",    "!",
        "=",           "&",  ".",   "a",      "b",      " ",      "\n", "\r\n", "\t",
        "{{=<% %>=}}", "<%", "%>",  "{{#a}}", "{{/a}}", "{{>p}}", "\0", "\xff"};
    json_t *data = json_loads("{\"a\": [1, {\"b\": \"<x>\"}, [true]], \"b\": {\"a\": 0.5}, "
                              "\"p\": \"s\"}",
                              0, NULL);
    json_t *pm = json_object();
    struct parts p = {pm, 0};
    uint32_t seed = 0x9e3779b9u;
    char src[512], err[256];
    int parsed = 0;
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = 0, want = rnd(&seed) % 120;
        while (n < want) {
            if (rnd(&seed) % 3 == 0) {
                src[n++] = (char)(rnd(&seed) & 0xff);
                continue;
            }
            const char *f = frags[rnd(&seed) % (sizeof frags / sizeof frags[0])];
            size_t fl = f[0] ? strlen(f) : 1;
            memcpy(src + n, f, fl);
            n += fl;
        }
        if (iter % 7 == 0) { /* use the previous garbage as partial "p" */
            src[n] = '\0';
            json_object_set_new(pm, "p", json_string_nocheck(src));
        }
        tmpl *t = tmpl_parse(src, n, "g", err, sizeof err);
        if (!t) {
            ck_assert_msg(strncmp(err, "g:", 2) == 0, "bad message: %s", err);
            continue;
        }
        parsed++;
        char *out = tmpl_render(t, data, part_cb, &p, err, sizeof err);
        free(out);
        tmpl_names(t, name_cb_noop, NULL);
        tmpl_free(t);
    }
    ck_assert_int_gt(parsed, 100);
    json_decref(pm);
    json_decref(data);
}
END_TEST

START_TEST(test_load)
{
    char err[512];
    ck_assert_ptr_null(tmpl_load("/nonexistent/doorstep.mustache", err, sizeof err));
    ck_assert_str_eq(err, "/nonexistent/doorstep.mustache: No such file or directory");

    char path[] = "/tmp/test_tmpl_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *body = "Dear {{name}},\n{{#x}}\n";
    ck_assert_int_eq(write(fd, body, strlen(body)), (ssize_t)strlen(body));
    close(fd);
    ck_assert_ptr_null(tmpl_load(path, err, sizeof err));
    char want[600];
    snprintf(want, sizeof want, "%s:2:1: unclosed section 'x'", path);
    ck_assert_str_eq(err, want);

    fd = open(path, O_WRONLY | O_TRUNC);
    ck_assert_int_ge(fd, 0);
    body = "Dear {{name}},\n";
    ck_assert_int_eq(write(fd, body, strlen(body)), (ssize_t)strlen(body));
    close(fd);
    tmpl *t = tmpl_load(path, err, sizeof err);
    ck_assert_msg(t != NULL, "%s", err);
    json_t *d = json_pack("{s:s}", "name", "Bo");
    char *out = tmpl_render(t, d, NULL, NULL, err, sizeof err);
    ck_assert_str_eq(out, "Dear Bo,\n");
    free(out);
    json_decref(d);
    tmpl_free(t);
    unlink(path);
}
END_TEST

static Suite *
tmpl_suite(void)
{
    Suite *s = suite_create("tmpl");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_parse_errors);
    tcase_add_test(tc, test_escaping_and_values);
    tcase_add_test(tc, test_sections);
    tcase_add_test(tc, test_partials);
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_deep_nesting);
    tcase_add_test(tc, test_nul_bytes_and_len);
    tcase_add_test(tc, test_garbage);
    tcase_add_test(tc, test_load);
    tcase_add_test(tc, test_render_text_does_not_escape);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(tmpl_suite)
