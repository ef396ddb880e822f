/*
 * ccs_test.h — shared by every test file: suite declarations, tolerances,
 * a reader for the reference CSV files in tests/data/, and a way to run the
 * ccsim binary and capture what it prints.
 */
#ifndef CCS_TEST_H
#define CCS_TEST_H

#include <check.h>
#include <float.h>
#include <stddef.h>

#define CCS_SUITE(n) Suite *n##_suite(void);
#include "suites.h"
#undef CCS_SUITE

/* Named tolerances (after GSL's TEST_TOL*). */
#define CCS_TOL_TIGHT (16.0 * DBL_EPSILON)
#define CCS_TOL_REF 1e-9     /* relative, against the 60-digit reference vectors */
#define CCS_TOL_ABS 1e-14    /* absolute floor for tiny tail probabilities */

/* |got - ref| <= rel*|ref| + abs, with a message naming what and both values. */
#define CCS_ASSERT_CLOSE(what, got, ref, rel, abs)                                   \
    do {                                                                             \
        double g_ = (got), r_ = (ref);                                               \
        double d_ = g_ > r_ ? g_ - r_ : r_ - g_;                                     \
        double m_ = (r_ < 0 ? -r_ : r_) * (rel) + (abs);                             \
        ck_assert_msg(d_ <= m_, "%s: got %.17g, want %.17g (diff %.3g > %.3g)",      \
                      (what), g_, r_, d_, m_);                                       \
    } while (0)

/* A CSV file with a header line; fields may be double-quoted. */
typedef struct ccs_csv {
    int ncols;
    int nrows;
    char **head;     /* [ncols] */
    char ***cell;    /* [nrows][ncols] */
} ccs_csv;

/* Reads path (relative to the project root, where the tests run); aborts
 * the test with a message when the file cannot be read. */
ccs_csv *ccs_csv_read(const char *path);
void ccs_csv_free(ccs_csv *c);
/* Column index of name; fails the test when absent. */
int ccs_csv_col(const ccs_csv *c, const char *name);
/* Cell as a double ("inf" allowed) / as the raw string. */
double ccs_csv_num(const ccs_csv *c, int row, const char *col);
const char *ccs_csv_str(const ccs_csv *c, int row, const char *col);

/* Runs "$CCSIM_BIN <args>" (default bin/ccsim) through /bin/sh with stdin
 * from /dev/null.  Stores malloc'd stdout and stderr (free them) and
 * returns the exit status (-1 if it did not exit normally). */
int ccs_test_run(const char *args, char **out, char **err);

/* Runs the shell script (sh, from the project root, stdin /dev/null) with
 * $CCSIM the absolute path of the binary under test; output and status as
 * ccs_test_run(). */
int ccs_test_sh(const char *script, char **out, char **err);

/* Path of the binary under test. */
const char *ccs_test_bin(void);

/* Reads a whole file into a malloc'd string (NULL if missing). */
char *ccs_test_slurp(const char *path);

#endif
