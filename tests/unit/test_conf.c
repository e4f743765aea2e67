/* test_conf.c — the configuration loader: valid files, every kind of mistake, and
 * config/example.ini documenting every key of the schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "unit.h"

static char dir[] = "/tmp/doorstep-test-conf.XXXXXX";
static char err[4096];

static const char minimal[] = "[group]\n"
                              "name = Elm Park\n"
                              "address = help@elmpark.example.org\n"
                              "[fetch]\n"
                              "source = maildir:Maildir\n";

static char *
write_file(const char *name, const char *text)
{
    static char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Loads MINIMAL followed by EXTRA; returns the conf or NULL with err set. */
static conf *
load_with(const char *extra)
{
    char text[4096];

    snprintf(text, sizeof text, "%s%s", minimal, extra);
    return conf_load(write_file("t.ini", text), err, sizeof err);
}

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-test-conf.XXXXXX");
}

START_TEST(t_minimal_defaults)
{
    conf *c = load_with("");
    ck_assert_msg(c != NULL, "%s", err);
    ck_assert_str_eq(conf_str(c, "group", "name"), "Elm Park");
    ck_assert_str_eq(conf_str(c, "group", "timezone"), "Europe/London");
    ck_assert_str_eq(conf_str(c, "group", "moderation"), "unknown");
    ck_assert_int_eq(conf_int(c, "fetch", "max_size"), 25L * 1024 * 1024);
    ck_assert_int_eq(conf_int(c, "rota", "days"), 7);
    ck_assert_int_eq(conf_bool(c, "leaflets", "large_print"), 1);
    ck_assert_int_eq(conf_isset(c, "group", "name"), 1);
    ck_assert_int_eq(conf_isset(c, "group", "phone"), 0);
    /* relative paths are relative to the file's folder */
    char want[600];
    snprintf(want, sizeof want, "%s/doorstep.db", dir);
    ck_assert_str_eq(conf_str(c, "database", "path"), want);
    /* built-in categories when [categories] is absent */
    size_t n;
    const struct conf_category *cats = conf_categories(c, &n);
    ck_assert_int_eq(n, 9);
    ck_assert_str_eq(cats[0].name, "food");
    ck_assert_str_eq(cats[8].name, "other");
    conf_free(c);
}
END_TEST

START_TEST(t_unknown_key_names_file_line_section_key)
{
    conf *c = load_with("[imap]\nhots = x\n");
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "t.ini:7: [imap] hots: unknown key (did you mean host?)"), "%s",
                  err);
}
END_TEST

START_TEST(t_unknown_key_suggestions)
{
    conf *c = load_with("[imap]\npasword_file = x\nzzzz = 1\n[smtp]\nmailbox = INBOX\n"
                        "[output]\ntemplate = t\n[rota]\ndais = 3\n");
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "[imap] pasword_file: unknown key (did you mean password_file?)"),
                  "%s", err);
    /* nothing near: no guess */
    ck_assert_msg(strstr(err, "[imap] zzzz: unknown key\n"), "%s", err);
    /* a key of another section */
    ck_assert_msg(strstr(err, "[smtp] mailbox: unknown key (it belongs in [imap])"), "%s", err);
    ck_assert_msg(strstr(err, "[output] template: unknown key (did you mean templates?)"), "%s",
                  err);
}
END_TEST

START_TEST(t_unknown_section)
{
    conf *c = load_with("[imapp]\nhost = x\n");
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "t.ini:6: [imapp]: unknown section (did you mean [imap]?)"), "%s",
                  err);
    c = load_with("[smpt]\nhost = x\n[colour]\nx = 1\n[catgories]\nfood = soup\n");
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "[smpt]: unknown section (did you mean [smtp]?)"), "%s", err);
    ck_assert_msg(strstr(err, "[colour]: unknown section\n"), "%s", err);
    ck_assert_msg(strstr(err, "[catgories]: unknown section (did you mean [categories]?)"), "%s",
                  err);
}
END_TEST

START_TEST(t_from_with_display_name)
{
    static const struct {
        const char *written, *name, *addr;
    } ok[] = {
        {"Elm Park Neighbours <news@elmpark.example.org>", "Elm Park Neighbours",
         "news@elmpark.example.org"},
        {"\"Lopez, Maria\" <maria@elmpark.example.org>", "Lopez, Maria",
         "maria@elmpark.example.org"},
        {"\"news@elmpark.example.org\"", "", "news@elmpark.example.org"},
        {"news@elmpark.example.org", "", "news@elmpark.example.org"},
        {"Voisins d\xE2\x80\x99" "Elm Park <news@elmpark.example.org>",
         "Voisins d\xE2\x80\x99" "Elm Park", "news@elmpark.example.org"},
    };
    char extra[512];
    conf *c;

    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        snprintf(extra, sizeof extra, "[smtp]\nfrom = %s\n", ok[i].written);
        c = load_with(extra);
        ck_assert_msg(c != NULL, "%s: %s", ok[i].written, err);
        ck_assert_str_eq(conf_str(c, "smtp", "from"), ok[i].addr);
        ck_assert_str_eq(conf_mailbox_name(c, "smtp", "from"), ok[i].name);
        conf_free(c);
    }
    c = load_with("");
    ck_assert_str_eq(conf_str(c, "smtp", "from"), "");
    ck_assert_str_eq(conf_mailbox_name(c, "smtp", "from"), "");
    conf_free(c);
    /* garbage, and a name with an unquoted comma, are refused with the reason */
    ck_assert_ptr_null(load_with("[smtp]\nfrom = Elm Park Neighbours\n"));
    ck_assert_msg(strstr(err, "t.ini:7: [smtp] from: \"Elm Park Neighbours\": is not an email"),
                  "%s", err);
    ck_assert_ptr_null(load_with("[smtp]\nfrom = Lopez, Maria <m@x.org>\n"));
    ck_assert_msg(strstr(err, "must be in double quotes"), "%s", err);
    ck_assert_ptr_null(load_with("[smtp]\nfrom = Elm Park <news@x.org\n"));
    ck_assert_msg(strstr(err, "[smtp] from: "), "%s", err);
    /* [group] address stays a bare address, and says where a name goes */
    c = conf_load(write_file("g.ini", "[group]\nname = A\naddress = A <a@x.org>\n"
                                      "[fetch]\nsource = mbox:m\n"),
                  err, sizeof err);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "[group] address: \"A <a@x.org>\" is not an email address (a bare "
                              "address here"),
                  "%s", err);
}
END_TEST

START_TEST(t_relative_paths_resolved)
{
    char want[700];
    conf *c = load_with("[smtp]\nsendmail = bin/fake-sendmail\ndir = sent\n"
                        "[output]\ndir = ../out\ntemplates = /abs/templates\n");

    ck_assert_msg(c != NULL, "%s", err);
    snprintf(want, sizeof want, "maildir:%s/Maildir", dir);
    ck_assert_str_eq(conf_str(c, "fetch", "source"), want);
    snprintf(want, sizeof want, "%s/bin/fake-sendmail", dir);
    ck_assert_str_eq(conf_str(c, "smtp", "sendmail"), want);
    snprintf(want, sizeof want, "%s/sent", dir);
    ck_assert_str_eq(conf_str(c, "smtp", "dir"), want);
    snprintf(want, sizeof want, "%s/../out", dir);
    ck_assert_str_eq(conf_str(c, "output", "dir"), want);
    ck_assert_str_eq(conf_str(c, "output", "templates"), "/abs/templates");
    conf_free(c);
    /* a bare program name is looked up in PATH; absolute sources stay */
    c = conf_load(write_file("p.ini", "[group]\nname = A\naddress = a@x.org\n[fetch]\n"
                                      "source = mbox:/var/mail/group\n[smtp]\nsendmail = msmtp\n"),
                  err, sizeof err);
    ck_assert_msg(c != NULL, "%s", err);
    ck_assert_str_eq(conf_str(c, "fetch", "source"), "mbox:/var/mail/group");
    ck_assert_str_eq(conf_str(c, "smtp", "sendmail"), "msmtp");
    conf_free(c);
}
END_TEST

START_TEST(t_bad_types)
{
    conf *c = load_with("[imap]\nport = 99999\nsecurity = ssl\n[rota]\ndays = 7x\n"
                        "[leaflets]\nlarge_print = maybe\n[group]\n");
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "[imap] port: \"99999\" is not a port number"), "%s", err);
    ck_assert_msg(strstr(err, "[imap] security: \"ssl\" is not one of tls|starttls|none"), "%s",
                  err);
    ck_assert_msg(strstr(err, "[rota] days: \"7x\" is not a whole number"), "%s", err);
    ck_assert_msg(strstr(err, "[leaflets] large_print: \"maybe\" is not yes or no"), "%s", err);
}
END_TEST

START_TEST(t_octal_and_hex_refused)
{
    conf *c = load_with("[rota]\ndays = 010\n");
    ck_assert_msg(c != NULL, "%s", err);
    ck_assert_int_eq(conf_int(c, "rota", "days"), 10); /* decimal, not octal 8 */
    conf_free(c);
    c = load_with("[rota]\ndays = 0x10\n");
    ck_assert_ptr_null(c);
}
END_TEST

START_TEST(t_required_missing)
{
    conf *c = conf_load(write_file("r.ini", "[group]\nname = X\n[fetch]\nsource = mbox:m\n"), err,
                        sizeof err);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "[group] address: required key is missing"), "%s", err);
    c = conf_load(write_file("r.ini", "[group]\nname = X\naddress = a@b.org\n"), err, sizeof err);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "[imap] host: required when [fetch] source = imap"), "%s", err);
}
END_TEST

START_TEST(t_password_key_refused)
{
    conf *c = load_with("[imap]\npassword = hunter2\n");
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "[imap] password: passwords are never read from the config"), "%s",
                  err);
    ck_assert_msg(!strstr(err, "hunter2"), "the secret leaked into the message: %s", err);
}
END_TEST

START_TEST(t_duplicate_and_sectionless_keys)
{
    conf *c = conf_load(write_file("d.ini", "stray = 1\n[group]\nname = A\nname = B\n"
                                            "address = a@b.org\n[fetch]\nsource = mbox:m\n"),
                        err, sizeof err);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "d.ini:1: stray: key outside any section"), "%s", err);
    ck_assert_msg(strstr(err, "d.ini:4: [group] name: duplicate key (first set on line 3)"),
                  "%s", err);
}
END_TEST

START_TEST(t_syntax_error_and_missing_file)
{
    conf *c = load_with("[group\nfoo\n");
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "t.ini"), "%s", err);
    c = conf_load("/nonexistent/doorstep.ini", err, sizeof err);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "/nonexistent/doorstep.ini: No such file"), "%s", err);
}
END_TEST

START_TEST(t_timezone_and_emails)
{
    conf *c = load_with("[group]\n");
    conf_free(c);
    c = conf_load(write_file("z.ini", "[group]\nname = A\naddress = not-an-address\n"
                                      "timezone = Mars/Olympus\ncoordinators = a@b.org, x\n"
                                      "[fetch]\nsource = mbox:m\n"),
                  err, sizeof err);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "[group] address: \"not-an-address\" is not an email address"), "%s",
                  err);
    ck_assert_msg(strstr(err, "[group] timezone: \"Mars/Olympus\" is not a known time zone"), "%s",
                  err);
    ck_assert_msg(strstr(err, "[group] coordinators: \"x\" is not an email address"), "%s", err);
}
END_TEST

START_TEST(t_areas_categories_tasks)
{
    conf *c = load_with("[areas]\nnorth = Elm Street:48, Oak Road\nsouth = Ash Grove:40\n"
                        "[categories]\nfood = Soup, bread\nother =\n"
                        "[rota]\ndays = 3\nfood bank = mon,thu 10:00-12:00 x2\n"
                        "calls = daily 18:00-19:30\n");
    ck_assert_msg(c != NULL, "%s", err);
    size_t n;
    const struct conf_area *a = conf_areas(c, &n);
    ck_assert_int_eq(n, 2);
    ck_assert_str_eq(a[0].name, "north");
    ck_assert_int_eq(a[0].nstreets, 2);
    ck_assert_str_eq(a[0].streets[0].name, "Elm Street");
    ck_assert_int_eq(a[0].streets[0].doors, 48);
    ck_assert_int_eq(a[0].streets[1].doors, 0);
    const char *canon = NULL;
    ck_assert_str_eq(conf_street_area(c, "oak road", &canon)->name, "north");
    ck_assert_str_eq(canon, "Oak Road");
    ck_assert_ptr_null(conf_street_area(c, "Nowhere Lane", &canon));
    const struct conf_category *cat = conf_categories(c, &n);
    ck_assert_int_eq(n, 2);
    ck_assert_str_eq(cat[0].keywords[0], "soup"); /* lower-cased */
    const struct conf_task *t = conf_tasks(c, &n);
    ck_assert_int_eq(n, 2);
    ck_assert_str_eq(t[0].name, "food bank");
    ck_assert_uint_eq(t[0].days, (1u << 0) | (1u << 3));
    ck_assert_int_eq(t[0].start, 600);
    ck_assert_int_eq(t[0].end, 720);
    ck_assert_int_eq(t[0].needed, 2);
    ck_assert_uint_eq(t[1].days, 0x7f);
    ck_assert_int_eq(t[1].needed, 1);
    conf_free(c);
}
END_TEST

START_TEST(t_bad_task_and_street)
{
    conf *c = load_with("[areas]\nnorth = Elm Street:lots, Elm Street\n"
                        "[rota]\nfood bank = someday 10:00-09:00\n");
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "[areas] north: \"lots\": doors must be a whole number"), "%s", err);
    ck_assert_msg(strstr(err, "street \"Elm Street\" is listed twice"), "%s", err);
    ck_assert_msg(strstr(err, "[rota] food bank: \"someday 10:00-09:00\" is not a task"), "%s", err);
}
END_TEST

START_TEST(t_password_file_permissions)
{
    conf *c = load_with("[imap]\npassword_file = pw\n");
    ck_assert_msg(c != NULL, "%s", err);
    char *pw = write_file("pw", "s3cret\nignored second line\n");
    unsetenv("DOORSTEP_IMAP_PASSWORD");
    chmod(pw, 0644);
    char *secret = conf_password(c, "imap", err, sizeof err);
    ck_assert_ptr_null(secret);
    ck_assert_msg(strstr(err, "may be read by others (mode 0644)"), "%s", err);
    ck_assert_msg(strstr(err, "[imap] password_file"), "%s", err);
    chmod(pw, 0600);
    secret = conf_password(c, "imap", err, sizeof err);
    ck_assert_ptr_nonnull(secret);
    ck_assert_str_eq(secret, "s3cret");
    free(secret);
    setenv("DOORSTEP_IMAP_PASSWORD", "from-env", 1);
    secret = conf_password(c, "imap", err, sizeof err);
    ck_assert_str_eq(secret, "from-env");
    free(secret);
    unsetenv("DOORSTEP_IMAP_PASSWORD");
    secret = conf_password(c, "smtp", err, sizeof err);
    ck_assert_ptr_null(secret);
    ck_assert_msg(strstr(err, "DOORSTEP_SMTP_PASSWORD"), "%s", err);
    conf_free(c);
}
END_TEST

/* config/example.ini must load and must mention every key of the schema. */
START_TEST(t_example_documents_every_key)
{
    conf *c = conf_load("config/example.ini", err, sizeof err);
    FILE *f;
    char line[512], section[64] = "", *keys = conf_schema_keys(), *save = NULL;
    char *seen = calloc(1, 65536);

    ck_assert_msg(c != NULL, "config/example.ini: %s", err);
    conf_free(c);
    f = fopen("config/example.ini", "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f)) {
        char key[128];
        if (sscanf(line, "[%63[^]]]", section) == 1)
            continue;
        if (line[0] != ';' && sscanf(line, "%127[^=]=", key) == 1) {
            for (char *e = key + strlen(key); e > key && e[-1] == ' ';)
                *--e = '\0';
            strcat(seen, section);
            strcat(seen, ".");
            strcat(seen, key);
            strcat(seen, "\n");
        }
    }
    fclose(f);
    for (char *k = strtok_r(keys, "\n", &save); k; k = strtok_r(NULL, "\n", &save)) {
        char want[160];
        snprintf(want, sizeof want, "%s\n", k);
        ck_assert_msg(strstr(seen, want) != NULL, "config/example.ini does not document %s", k);
    }
    free(keys);
    free(seen);
}
END_TEST

START_TEST(t_demo_config_loads)
{
    conf *c = conf_load("config/demo.ini", err, sizeof err);
    ck_assert_msg(c != NULL, "config/demo.ini: %s", err);
    conf_free(c);
}
END_TEST

static Suite *
conf_suite(void)
{
    Suite *s = suite_create("conf");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_minimal_defaults);
    tcase_add_test(tc, t_unknown_key_names_file_line_section_key);
    tcase_add_test(tc, t_unknown_section);
    tcase_add_test(tc, t_unknown_key_suggestions);
    tcase_add_test(tc, t_from_with_display_name);
    tcase_add_test(tc, t_relative_paths_resolved);
    tcase_add_test(tc, t_bad_types);
    tcase_add_test(tc, t_octal_and_hex_refused);
    tcase_add_test(tc, t_required_missing);
    tcase_add_test(tc, t_password_key_refused);
    tcase_add_test(tc, t_duplicate_and_sectionless_keys);
    tcase_add_test(tc, t_syntax_error_and_missing_file);
    tcase_add_test(tc, t_timezone_and_emails);
    tcase_add_test(tc, t_areas_categories_tasks);
    tcase_add_test(tc, t_bad_task_and_street);
    tcase_add_test(tc, t_password_file_permissions);
    tcase_add_test(tc, t_example_documents_every_key);
    tcase_add_test(tc, t_demo_config_loads);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(conf_suite)
