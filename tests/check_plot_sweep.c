/*
 * check_plot_sweep.c — the data of `ccsim sweep --plot DIR`
 * (docs/cli.md: "`--plot DIR` draws `sl_vs_<path>` against the first axis,
 * one line per value of the second axis; no chart with three or more
 * axes"), as written to sl_vs_<path>.csv whether or not gnuplot draws it:
 *  - the file is named after the first setting, every run of
 *    non-alphanumerics turned into one '_' (calls.[0].handle_time.mean ->
 *    sl_vs_calls_0_handle_time_mean);
 *  - one axis: columns <path>,service_level,lo,hi and one row per value,
 *    equal (to the CSV's 10 significant digits) to the service level and
 *    its 95% CI that `sweep --format json` reports for that cell, with the
 *    same seed; fractional values are written as such;
 *  - two axes: the columns service_level@v,lo@v,hi@v for each value v of
 *    the second setting, each equal to the JSON cell (first value, v);
 *    a cell whose service level is undefined (no calls offered) leaves its
 *    fields empty, never a 0 or a nan;
 *  - three axes: no chart and no file, and the sweep still succeeds.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccs_testfile.h"

#define BASE "sweep scenarios/mmc.cfg --set horizon.intervals=2 --reps 3 "

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    char p[600];
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    }
    closedir(d);
    ck_assert_int_eq(rmdir(dir), 0);
}

static int n_files(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        n += e->d_name[0] != '.';
    }
    closedir(d);
    return n;
}

/* Splits line (modified) at commas into f[0..max); returns the count. */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        ck_assert_int_lt(n, max);
        f[n++] = p;
        char *c = strchr(p, ',');
        if (!c) {
            break;
        }
        *c = '\0';
        p = c + 1;
    }
    return n;
}

/* The JSON cell whose values match x (first setting) and, if ypath, y. */
static json_t *cell(json_t *j, const char *xpath, double x, const char *ypath, double y)
{
    json_t *cells = json_object_get(j, "cells");
    for (size_t i = 0; i < json_array_size(cells); i++) {
        json_t *v = json_object_get(json_array_get(cells, i), "values");
        if (fabs(json_number_value(json_object_get(v, xpath)) - x) < 1e-9 &&
            (!ypath || fabs(json_number_value(json_object_get(v, ypath)) - y) < 1e-9)) {
            return json_array_get(cells, i);
        }
    }
    ck_abort_msg("no cell %s=%g %s=%g", xpath, x, ypath ? ypath : "", y);
    return NULL;
}

/* Field f against the JSON number want (10 significant digits), or empty
 * when want is null. */
static void same(const char *f, const json_t *want, const char *what)
{
    if (!json_is_number(want)) {
        ck_assert_msg(f[0] == '\0', "%s: '%s' for an undefined value", what, f);
        return;
    }
    ck_assert_msg(f[0] != '\0', "%s: empty, want %.10g", what, json_number_value(want));
    double got = strtod(f, NULL), w = json_number_value(want);
    ck_assert_msg(fabs(got - w) <= 1e-9 * fmax(1.0, fabs(w)), "%s: %s, want %.12g", what, f, w);
}

static void same_estimate(char **f, json_t *c, const char *what)
{
    json_t *sl = json_object_get(json_object_get(c, "summary"), "service_level");
    json_t *ci = json_object_get(sl, "ci95");
    same(f[0], json_object_get(sl, "mean"), what);
    same(f[1], json_array_get(ci, 0), what);
    same(f[2], json_array_get(ci, 1), what);
}

static char *read_csv(const char *dir, const char *name)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    char *s = ccs_test_slurp(p);
    ck_assert_msg(s != NULL, "%s missing", p);
    return s;
}

START_TEST(test_one_axis)
{
    char dir[] = "/tmp/ccs_plotsw_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    const char *vary = "--vary calls.[0].handle_time.mean=170.5:180.5:5";
    char args[600];
    snprintf(args, sizeof args, BASE "%s --format json --plot %s", vary, dir);
    json_t *j = ccs_test_run_json(args, 0);
    char *csv = read_csv(dir, "sl_vs_calls_0_handle_time_mean.csv");
    char *save = NULL, *line = strtok_r(csv, "\n", &save);
    ck_assert_str_eq(line, "calls.[0].handle_time.mean,service_level,lo,hi");
    static const double xs[] = {170.5, 175.5, 180.5};
    int rows = 0;
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f[8];
        ck_assert_int_eq(fields(line, f, 8), 4);
        ck_assert_int_lt(rows, 3);
        ck_assert_double_eq(strtod(f[0], NULL), xs[rows]);
        same_estimate(f + 1, cell(j, "calls.[0].handle_time.mean", xs[rows], NULL, 0), f[0]);
        rows++;
    }
    ck_assert_int_eq(rows, 3);
    free(csv);
    json_decref(j);
    remove_dir(dir);
}
END_TEST

START_TEST(test_two_axes)
{
    char dir[] = "/tmp/ccs_plotsw_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char args[600];
    snprintf(args, sizeof args,
             BASE "--vary calls.[0].calls_per_hour=0:1000:500 --vary agents.[0].count=55:60:5 "
                  "--format json --plot %s",
             dir);
    json_t *j = ccs_test_run_json(args, 0);
    char *csv = read_csv(dir, "sl_vs_calls_0_calls_per_hour.csv");
    char *save = NULL, *line = strtok_r(csv, "\n", &save);
    ck_assert_str_eq(line, "calls.[0].calls_per_hour,service_level@55,lo@55,hi@55,"
                           "service_level@60,lo@60,hi@60");
    int rows = 0, empty = 0;
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f[8];
        ck_assert_int_eq(fields(line, f, 8), 7);
        double x = 500.0 * rows;
        ck_assert_double_eq(strtod(f[0], NULL), x);
        for (int k = 0; k < 2; k++) {
            json_t *c = cell(j, "calls.[0].calls_per_hour", x, "agents.[0].count", 55 + 5 * k);
            same_estimate(f + 1 + 3 * k, c, f[0]);
            empty += f[1 + 3 * k][0] == '\0';
        }
        rows++;
    }
    ck_assert_int_eq(rows, 3);
    ck_assert_int_eq(empty, 2);   /* 0 calls/h: no service level, for both counts */
    free(csv);
    json_decref(j);
    remove_dir(dir);
}
END_TEST

START_TEST(test_three_axes_no_chart)
{
    char dir[] = "/tmp/ccs_plotsw_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char args[600];
    snprintf(args, sizeof args,
             BASE "--vary calls.[0].calls_per_hour=900:1000:100 --vary agents.[0].count=55:56:1 "
                  "--vary calls.[0].handle_time.mean=170:180:10 --format json --plot %s",
             dir);
    json_t *j = ccs_test_run_json(args, 0);
    ck_assert_int_eq((int)json_array_size(json_object_get(j, "cells")), 8);
    ck_assert_int_eq(n_files(dir), 0);
    json_decref(j);
    remove_dir(dir);
}
END_TEST

Suite *plot_sweep_suite(void)
{
    Suite *s = suite_create("plot_sweep");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_one_axis);
    tcase_add_test(tc, test_two_axes);
    tcase_add_test(tc, test_three_axes_no_chart);
    suite_add_tcase(s, tc);
    return s;
}
