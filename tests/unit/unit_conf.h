/* unit_conf.h — a config for a unit test, from INI text: written to a temporary file,
 * loaded with conf_load (which reads files only) and the file removed. */
#ifndef UNIT_CONF_H
#define UNIT_CONF_H
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"

/* The config INI describes; fails the test when it does not load. Caller conf_free()s. */
static inline conf *
unit_conf(const char *ini)
{
    char path[] = "/tmp/doorstep-unit.XXXXXX", err[1024];
    int fd = mkstemp(path);
    size_t n = strlen(ini);
    conf *c;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, ini, n), (ssize_t)n);
    close(fd);
    c = conf_load(path, err, sizeof err);
    unlink(path);
    ck_assert_msg(c != NULL, "%s", err);
    return c;
}
#endif
