/*
 * ccs_testfile.h — scratch input files and the CLI's error contract, for
 * the tests that feed ccsim many small files (tests/testfile.c).
 */
#ifndef CCS_TESTFILE_H
#define CCS_TESTFILE_H

#include <stddef.h>

#include <jansson.h>

/* Writes text to a new file /tmp/ccs_t_XXXXXX<suffix> (suffix such as
 * ".cfg" or ".csv") and puts its path in path[n].  The test unlinks it. */
void ccs_test_tmpfile(char *path, size_t n, const char *suffix, const char *text);

/* Runs `ccsim <args>` and checks the contract for bad input: exit status
 * rc, nothing on stdout, and stderr exactly the one line want (compared
 * up to its "..." when want ends with "..."). */
void ccs_test_expect_error(const char *args, int rc, const char *want);

/* Runs `ccsim <args>`, checks exit status rc, and returns what it printed
 * on stdout, parsed as JSON (decref it). */
json_t *ccs_test_run_json(const char *args, int rc);

/* Runs `ccsim <args>`, checks exit status rc and an empty stderr (when
 * rc is 0), returns stdout (free it). */
char *ccs_test_run_ok(const char *args, int rc);

/* The number at key of object o (fails the test when absent or not a
 * number); of an estimate object {"mean": ...} its mean. */
double ccs_test_jnum(const json_t *o, const char *key);

/* Whether text holds line as one whole line. */
int ccs_test_has_line(const char *text, const char *line);

#endif
