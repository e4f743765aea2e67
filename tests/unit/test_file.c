/* test_file.c — lib/file: atomic writes, capped reads, locks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "file.h"
#include "unit.h"

static char dir[] = "/tmp/doorstep-test-file.XXXXXX";
static char err[1024];

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-test-file.XXXXXX");
}

START_TEST(t_atomic_write)
{
    char file[700], *data;
    size_t len;
    snprintf(file, sizeof file, "%s/out.txt", dir);
    ck_assert_int_eq(file_write_atomic(file, "hello", 5, err, sizeof err), 0);
    ck_assert_int_eq(file_read(file, 100, &data, &len, err, sizeof err), 0);
    ck_assert_int_eq(len, 5);
    ck_assert_str_eq(data, "hello");
    free(data);
    ck_assert_int_eq(file_read(file, 3, &data, &len, err, sizeof err), -1);
    ck_assert_int_eq(len, 5); /* the real size, for the caller's message */
    snprintf(file, sizeof file, "%s/missing/out.txt", dir);
    ck_assert_int_eq(file_write_atomic(file, "x", 1, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "missing/out.txt"), "%s", err);
}
END_TEST

START_TEST(t_lock_times_out)
{
    char file[700];
    snprintf(file, sizeof file, "%s/lock", dir);
    int fd = file_lock(file, 0, err, sizeof err);
    ck_assert_int_ge(fd, 0);
    pid_t pid = fork();
    if (pid == 0) {
        /* another process must wait, then give up */
        int fd2 = file_lock(file, 1, err, sizeof err);
        _exit(fd2 == -2 && strstr(err, "still locked") ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    close(fd);
    fd = file_lock(file, 0, err, sizeof err);
    ck_assert_int_ge(fd, 0);
    close(fd);
}
END_TEST

static void
touch(const char *path)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
}

/* A temporary file left by a killed writer ("PATH.tmp.PID") goes at the next write to
 * PATH, the folder being listed once: the second file's is found in that listing. */
START_TEST(t_stale_temporaries)
{
    char out[700], other[700], dead_out[800], dead_other[800], live[800];
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0); /* PID is now no one's */
    snprintf(out, sizeof out, "%s/out.txt", dir);
    snprintf(other, sizeof other, "%s/other.txt", dir);
    snprintf(dead_out, sizeof dead_out, "%s.tmp.%ld", out, (long)pid);
    snprintf(dead_other, sizeof dead_other, "%s.tmp.%ld", other, (long)pid);
    snprintf(live, sizeof live, "%s.tmp.1", out); /* init's: alive */
    touch(dead_out);
    touch(dead_other);
    touch(live);
    ck_assert_int_eq(file_write_atomic(out, "hello", 5, err, sizeof err), 0);
    ck_assert_int_ne(access(dead_out, F_OK), 0);
    ck_assert_int_eq(access(dead_other, F_OK), 0); /* another file's: left */
    ck_assert_int_eq(access(live, F_OK), 0);       /* its writer may still be writing */
    ck_assert_int_eq(file_write_private(other, "hi", 2, err, sizeof err), 0);
    ck_assert_int_ne(access(dead_other, F_OK), 0);
    ck_assert_int_eq(access(live, F_OK), 0);
}
END_TEST

/* A batch: no file has its name before the commit, each has it after (with its mode),
 * and a batch freed uncommitted leaves nothing behind. */
START_TEST(t_batch)
{
    struct file_batch b = {0};
    char path[40][700], *data;
    size_t len;
    struct stat st;

    for (int i = 0; i < 40; i++) {
        snprintf(path[i], sizeof path[i], "%s/m%d.eml", dir, i);
        ck_assert_int_eq(
            file_batch_add(&b, path[i], path[i], strlen(path[i]), i % 2, err, sizeof err), 0);
        ck_assert_int_ne(access(path[i], F_OK), 0);
    }
    ck_assert_int_eq(file_batch_add(&b, path[3], "x", 1, 0, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "twice"), "%s", err);
    ck_assert_int_eq(file_batch_commit(&b, err, sizeof err), 0);
    for (int i = 0; i < 40; i++) {
        ck_assert_int_eq(b.e[i].done, 1);
        ck_assert_int_eq(file_read(path[i], 1000, &data, &len, err, sizeof err), 0);
        ck_assert_str_eq(data, path[i]);
        free(data);
        ck_assert_int_eq(stat(path[i], &st), 0);
        ck_assert_int_eq(st.st_mode & 0777, i % 2 ? FILE_MODE_PRIVATE : FILE_MODE_PUBLIC);
    }
    file_batch_free(&b);
    /* freed before its commit: neither the file nor its temporary */
    snprintf(path[0], sizeof path[0], "%s/never.eml", dir);
    ck_assert_int_eq(file_batch_add(&b, path[0], "x", 1, 1, err, sizeof err), 0);
    file_batch_free(&b);
    char cmd[800];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls '%s' | grep -v '^m[0-9]*\\.eml$')\"", dir);
    ck_assert_int_eq(system(cmd), 0);
    /* a folder that is not there: the add fails, the batch is unchanged */
    snprintf(path[0], sizeof path[0], "%s/missing/x.eml", dir);
    ck_assert_int_eq(file_batch_add(&b, path[0], "x", 1, 1, err, sizeof err), -1);
    ck_assert_int_eq(b.n, 0);
    ck_assert_int_eq(file_batch_commit(&b, err, sizeof err), 0);
    file_batch_free(&b);
}
END_TEST

static Suite *
file_suite(void)
{
    Suite *s = suite_create("file");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_atomic_write);
    tcase_add_test(tc, t_lock_times_out);
    tcase_add_test(tc, t_stale_temporaries);
    tcase_add_test(tc, t_batch);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(file_suite)
