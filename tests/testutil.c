/*
 * testutil.c — helpers declared in ccs_test.h.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>

char *ccs_test_slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
        len += n;
        if (cap - len <= 1) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    buf[len] = '\0';
    fclose(fp);
    return buf;
}

static char **split_line(char *line, int *n)
{
    int cap = 8;
    char **f = malloc((size_t)cap * sizeof *f);
    *n = 0;
    char *p = line;
    for (;;) {
        if (*n == cap) {
            cap *= 2;
            f = realloc(f, (size_t)cap * sizeof *f);
        }
        char *start = p, *w = p;
        if (*p == '"') {
            p++;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            while (*p && *p != ',') {
                p++;
            }
        } else {
            while (*p && *p != ',') {
                *w++ = *p++;
            }
        }
        char sep = *p;
        *w = '\0';
        f[(*n)++] = strdup(start);
        if (sep != ',') {
            break;
        }
        p++;
    }
    return f;
}

ccs_csv *ccs_csv_read(const char *path)
{
    char *text = ccs_test_slurp(path);
    ck_assert_msg(text != NULL, "cannot read %s (tests run from the project root)", path);
    ccs_csv *c = calloc(1, sizeof *c);
    int cap = 16;
    c->cell = malloc((size_t)cap * sizeof *c->cell);
    char *save = NULL;
    for (char *line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
        if (!*line) {
            continue;
        }
        int n;
        char **f = split_line(line, &n);
        if (!c->head) {
            c->head = f;
            c->ncols = n;
            continue;
        }
        ck_assert_msg(n == c->ncols, "%s: row %d has %d fields, header %d", path,
                      c->nrows + 2, n, c->ncols);
        if (c->nrows == cap) {
            cap *= 2;
            c->cell = realloc(c->cell, (size_t)cap * sizeof *c->cell);
        }
        c->cell[c->nrows++] = f;
    }
    free(text);
    ck_assert_msg(c->head != NULL, "%s: empty", path);
    return c;
}

void ccs_csv_free(ccs_csv *c)
{
    if (!c) {
        return;
    }
    for (int r = 0; r < c->nrows; r++) {
        for (int j = 0; j < c->ncols; j++) {
            free(c->cell[r][j]);
        }
        free(c->cell[r]);
    }
    for (int j = 0; j < c->ncols; j++) {
        free(c->head[j]);
    }
    free(c->head);
    free(c->cell);
    free(c);
}

int ccs_csv_col(const ccs_csv *c, const char *name)
{
    for (int j = 0; j < c->ncols; j++) {
        if (strcmp(c->head[j], name) == 0) {
            return j;
        }
    }
    ck_abort_msg("no column '%s'", name);
    return -1;
}

const char *ccs_csv_str(const ccs_csv *c, int row, const char *col)
{
    return c->cell[row][ccs_csv_col(c, col)];
}

double ccs_csv_num(const ccs_csv *c, int row, const char *col)
{
    const char *s = ccs_csv_str(c, row, col);
    if (strcmp(s, "inf") == 0) {
        return INFINITY;
    }
    char *end;
    double v = strtod(s, &end);
    ck_assert_msg(*s && *end == '\0', "column %s row %d: not a number: '%s'", col, row, s);
    return v;
}

const char *ccs_test_bin(void)
{
    const char *b = getenv("CCSIM_BIN");
    return b && *b ? b : "bin/ccsim";
}

int ccs_test_run(const char *args, char **out, char **err)
{
    char of[] = "/tmp/ccs_test_outXXXXXX";
    char ef[] = "/tmp/ccs_test_errXXXXXX";
    int ofd = mkstemp(of), efd = mkstemp(ef);
    ck_assert(ofd >= 0 && efd >= 0);
    close(ofd);
    close(efd);
    size_t n = strlen(args) + strlen(ccs_test_bin()) + 200;
    char *cmd = malloc(n);
    snprintf(cmd, n, "%s %s </dev/null >%s 2>%s", ccs_test_bin(), args, of, ef);
    int st = system(cmd);
    free(cmd);
    char *o = ccs_test_slurp(of), *e = ccs_test_slurp(ef);
    unlink(of);
    unlink(ef);
    if (out) {
        *out = o;
    } else {
        free(o);
    }
    if (err) {
        *err = e;
    } else {
        free(e);
    }
    if (st == -1 || !WIFEXITED(st)) {
        return -1;
    }
    return WEXITSTATUS(st);
}

/* ---- stochastic tests --------------------------------------------------- */

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= UINT64_C(0xff51afd7ed558ccd);
    k ^= k >> 33;
    k *= UINT64_C(0xc4ceb9fe1a85ec53);
    k ^= k >> 33;
    return k;
}

uint64_t ccs_test_seed(uint64_t salt)
{
    const char *s = getenv("CCSIM_TEST_SEED");
    uint64_t base = 1;
    if (s && *s) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(s, &end, 10);
        ck_assert_msg(*s != '-' && *end == '\0' && errno == 0,
                      "CCSIM_TEST_SEED: expected a non-negative integer, got '%s'", s);
        base = (uint64_t)v;
    }
    /* Below 2^31 so that it passes through --seed and libconfig as is. */
    return 1 + mix64(mix64(base + UINT64_C(0x9e3779b97f4a7c15)) ^ salt) % 2000000000u;
}

const char *ccs_test_seed_arg(uint64_t salt)
{
    static char buf[40];
    snprintf(buf, sizeof buf, " --seed %llu", (unsigned long long)ccs_test_seed(salt));
    return buf;
}

double ccs_test_zcrit(double alpha, int m)
{
    return gsl_cdf_ugaussian_Qinv(alpha / (2.0 * m));
}

double ccs_test_tcrit(double alpha, int m, double df)
{
    return gsl_cdf_tdist_Qinv(alpha / (2.0 * m), df);
}

double ccs_test_se(double lo, double hi, double df)
{
    return (hi - lo) / 2.0 / gsl_cdf_tdist_Pinv(0.975, df);
}

/* ---- skips -------------------------------------------------------------- */

void ccs_test_skip(const char *test, const char *reason)
{
    const char *strict = getenv("CCSIM_TEST_NO_SKIP");
    char name[128];
    /* Check names the function of START_TEST(x) x_fn. */
    snprintf(name, sizeof name, "%s", test);
    size_t n = strlen(name);
    if (n > 3 && strcmp(name + n - 3, "_fn") == 0) {
        name[n - 3] = '\0';
    }
    if (strict && strcmp(strict, "1") == 0) {
        ck_abort_msg("%s cannot run: %s (CCSIM_TEST_NO_SKIP=1 forbids skipping)", name,
                     reason);
    }
    printf("SKIP: %s: %s\n", name, reason);
    fflush(stdout);
    const char *log = getenv("CCS_SKIP_LOG");
    FILE *fp = log && *log ? fopen(log, "a") : NULL;
    if (fp) {
        fprintf(fp, "%s: %s\n", name, reason);
        fclose(fp);
    }
}

int ccs_test_sh(const char *script, char **out, char **err)
{
    char bin[4096];
    ck_assert_msg(realpath(ccs_test_bin(), bin) != NULL, "no binary at %s", ccs_test_bin());
    ck_assert_int_eq(setenv("CCSIM", bin, 1), 0);
    char sf[] = "/tmp/ccs_test_shXXXXXX";
    int fd = mkstemp(sf);
    ck_assert(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    ck_assert(fp != NULL);
    fputs(script, fp);
    fclose(fp);
    char args[200];   /* the script runs from a file: any quoting goes */
    char of[] = "/tmp/ccs_test_outXXXXXX";
    char ef[] = "/tmp/ccs_test_errXXXXXX";
    int ofd = mkstemp(of), efd = mkstemp(ef);
    ck_assert(ofd >= 0 && efd >= 0);
    close(ofd);
    close(efd);
    snprintf(args, sizeof args, "sh %s </dev/null >%s 2>%s", sf, of, ef);
    int st = system(args);
    unlink(sf);
    char *o = ccs_test_slurp(of), *e = ccs_test_slurp(ef);
    unlink(of);
    unlink(ef);
    if (out) {
        *out = o;
    } else {
        free(o);
    }
    if (err) {
        *err = e;
    } else {
        free(e);
    }
    if (st == -1 || !WIFEXITED(st)) {
        return -1;
    }
    return WEXITSTATUS(st);
}
