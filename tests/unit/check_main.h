/*
 * check_main.h - the end of every unit test's main(): run the Check suite
 * (forked per test unless CK_FORK=no), print the summary at the given
 * verbosity, and turn the failure count into the exit status ctest reads.
 * Header-only, static inline.
 */
#ifndef SOFTPC_TESTS_UNIT_CHECK_MAIN_H
#define SOFTPC_TESTS_UNIT_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

/* Runs s (and frees it); EXIT_SUCCESS when every test passed. */
static inline int check_run(Suite *s, enum print_output verbosity)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, verbosity);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
