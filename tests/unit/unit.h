/* unit.h — shared main() for the Check unit-test programs: one suite per file. */
#ifndef UNIT_H
#define UNIT_H
#include <check.h>
#include <stdlib.h>
#define UNIT_MAIN(suite_fn)                                                \
    int main(void)                                                         \
    {                                                                      \
        SRunner *sr = srunner_create(suite_fn());                          \
        srunner_run_all(sr, CK_NORMAL);                                    \
        int failed = srunner_ntests_failed(sr);                            \
        srunner_free(sr);                                                  \
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;                  \
    }
#endif
