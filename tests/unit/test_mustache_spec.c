/* test_mustache_spec.c — runs every case of the vendored Mustache spec JSON files through tmpl. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tmpl.h"

static const char *const spec_files[] = {
    "comments.json", "delimiters.json", "interpolation.json",
    "inverted.json", "partials.json",   "sections.json",
};
#define NFILES (sizeof spec_files / sizeof spec_files[0])
#define SPEC_TOTAL 136 /* cases in the six files at the vendored commit */

static int total_cases;

static const char *
spec_dir(void)
{
    const char *d = getenv("DOORSTEP_MUSTACHE_SPEC_DIR");
    return d && *d ? d : "tests/fixtures/mustache-spec";
}

static const char *
partial_cb(const char *name, void *ud)
{
    const json_t *v = json_object_get((const json_t *)ud, name);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Prints S as a JSON string literal so whitespace differences are visible. */
static void
show(const char *label, const char *s)
{
    json_t *j = json_string(s ? s : "(null)");
    char *d = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    fprintf(stderr, "    %-9s %s\n", label, d ? d : "?");
    free(d);
    json_decref(j);
}

/* Runs one case; returns 1 when it passes. */
static int
run_case(const char *file, const json_t *tc)
{
    const char *name = json_string_value(json_object_get(tc, "name"));
    const char *src = json_string_value(json_object_get(tc, "template"));
    const char *want = json_string_value(json_object_get(tc, "expected"));
    const json_t *data = json_object_get(tc, "data");
    json_t *partials = json_object_get(tc, "partials");
    char err[512] = "";
    char *got = NULL;
    if (src && want) {
        tmpl *t = tmpl_parse(src, strlen(src), name, err, sizeof err);
        if (t)
            got = tmpl_render(t, data, partial_cb, partials, err, sizeof err);
        tmpl_free(t);
    }
    int ok = got && want && strcmp(got, want) == 0;
    if (!ok) {
        fprintf(stderr, "FAIL %s: %s\n", file, name ? name : "(unnamed)");
        show("template", src);
        show("expected", want);
        show("got", got);
        if (!got)
            fprintf(stderr, "    error     %s\n", err);
    }
    free(got);
    return ok;
}

START_TEST(test_spec_file)
{
    const char *file = spec_files[_i];
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", spec_dir(), file);
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_DECODE_ANY, &jerr);
    ck_assert_msg(root != NULL, "%s:%d: %s", path, jerr.line, jerr.text);
    json_t *tests = json_object_get(root, "tests");
    ck_assert_msg(json_array_size(tests) > 0, "%s: no tests", path);
    size_t i, failed = 0;
    json_t *tc;
    json_array_foreach(tests, i, tc)
    {
        failed += !run_case(file, tc);
    }
    size_t n = json_array_size(tests);
    total_cases += (int)n;
    printf("mustache spec %-19s %2zu/%2zu passed\n", file, n - failed, n);
    json_decref(root);
    ck_assert_msg(failed == 0, "%s: %zu of %zu cases failed (details on stderr)", file, failed, n);
}
END_TEST

static Suite *
spec_suite(void)
{
    Suite *s = suite_create("mustache_spec");
    TCase *tc = tcase_create("spec");
    tcase_add_loop_test(tc, test_spec_file, 0, (int)NFILES);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    struct stat st;
    if (stat(spec_dir(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("SKIP test_mustache_spec: spec folder '%s' not found (run from the repo root or set "
               "DOORSTEP_MUSTACHE_SPEC_DIR)\n",
               spec_dir());
        return 77;
    }
    SRunner *sr = srunner_create(spec_suite());
    srunner_set_fork_status(sr, CK_NOFORK); /* so total_cases adds up across the loop */
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (failed == 0 && total_cases != SPEC_TOTAL) {
        printf("FAIL test_mustache_spec: ran %d cases, expected %d\n", total_cases, SPEC_TOTAL);
        return EXIT_FAILURE;
    }
    printf("mustache spec: %d cases run\n", total_cases);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
