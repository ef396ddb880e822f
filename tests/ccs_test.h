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
#include <stdint.h>

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

/* ---- stochastic tests (docs/testing.md) -------------------------------
 *
 * Every test whose outcome depends on random numbers takes its seed from
 * ccs_test_seed(salt): the environment variable CCSIM_TEST_SEED (a
 * non-negative integer; default 1) mixed with a salt naming the test, so
 * that `CCSIM_TEST_SEED=n make check` reruns every stochastic test on new
 * random numbers and a failure is reproduced by its seed.
 *
 * Error budget: the suite may fail by chance with probability below 1e-3
 * for any seed.  The validation against theory (check_model.c) spends
 * CCS_ALPHA_VALIDATION over all its checks; every other stochastic test
 * spends at most CCS_ALPHA_TEST over its checks (Bonferroni within the
 * test), and there are fewer than CCS_MAX_STOCHASTIC_TESTS of them. */
#define CCS_ALPHA_VALIDATION 5e-4
#define CCS_ALPHA_TEST 1e-5
#define CCS_MAX_STOCHASTIC_TESTS 50

uint64_t ccs_test_seed(uint64_t salt);

/* " --seed N" with N = ccs_test_seed(salt), for CLI arguments (static
 * buffer: use it before the next call). */
const char *ccs_test_seed_arg(uint64_t salt);

/* Two-sided critical value of a normal (tcrit: Student t with df degrees
 * of freedom) test at level alpha / m: the Bonferroni share of one of m
 * checks in a family with error budget alpha. */
double ccs_test_zcrit(double alpha, int m);
double ccs_test_tcrit(double alpha, int m, double df);

/* |got - want| <= z * se, with a message giving z. */
#define CCS_ASSERT_Z(what, got, want, se, z)                                          \
    do {                                                                            \
        double g_ = (got), w_ = (want), s_ = (se), z_ = (z);                        \
        ck_assert_msg(s_ > 0 ? (g_ - w_ <= z_ * s_ && w_ - g_ <= z_ * s_) : g_ == w_, \
                      "%s: got %.9g, want %.9g: z = %+.2f beyond +-%.2f (se %.3g)",   \
                      (what), g_, w_, s_ > 0 ? (g_ - w_) / s_ : 0.0, z_, s_);        \
    } while (0)

/* Standard error of an estimate from its 95% interval: the half-width
 * over the t quantile of its df degrees of freedom. */
double ccs_test_se(double lo, double hi, double df);

/* ---- allocation failures (tests/failalloc.c) ---------------------------
 * ccs_test_fail_alloc(n) makes the n-th malloc/calloc/realloc from now on
 * (0-based, counted over ccsim's code and the tests' own) return NULL, once;
 * ccs_test_fail_alloc_done() disarms and returns 1 if that happened. */
void ccs_test_fail_alloc(long n);
long ccs_test_fail_alloc_done(void);

/* ---- skips -------------------------------------------------------------
 * A test that cannot run here (a tool missing) calls CCS_SKIP("reason"):
 * it prints "SKIP: <test>: reason", is counted in the summary line the
 * runner prints, and returns.  With CCSIM_TEST_NO_SKIP=1 (CI) a skip is a
 * failure instead, so nothing is skipped where everything is installed. */
void ccs_test_skip(const char *test, const char *reason);
#define CCS_SKIP(reason)                    \
    do {                                    \
        ccs_test_skip(__func__, (reason));  \
        return;                             \
    } while (0)

#endif
