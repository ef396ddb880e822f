/*
 * check_sweep.c — what-if grids: axis parsing (sizes, values, integers),
 * the grid's cells and order, common random numbers across cells, each
 * cell equal to `ccsim run` of that value and near Erlang C, and the CSV /
 * JSON output of `ccsim sweep`.
 */
#include "ccs_test.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ccs_ref.h"
#include "ccsim/sweep.h"

START_TEST(test_axis_parse)
{
    ccs_sweep_axis ax;
    ccs_error err;
    ck_assert_int_eq(ccs_sweep_axis_parse("agents.[0].count=40:70:5", &ax, &err), CCS_OK);
    ck_assert_str_eq(ax.path, "agents.[0].count");
    ck_assert_int_eq(ax.n, 7);
    ck_assert_int_eq(ax.integer, 1);
    for (int i = 0; i < 7; i++) {
        ck_assert_double_eq(ccs_sweep_axis_value(&ax, i), 40.0 + 5 * i);
    }
    char buf[64];
    ck_assert_str_eq(ccs_sweep_axis_text(&ax, 6, buf, sizeof buf), "70");

    /* the upper end is included only when it is on the grid */
    ck_assert_int_eq(ccs_sweep_axis_parse("x=40:69:5", &ax, &err), CCS_OK);
    ck_assert_int_eq(ax.n, 6);
    /* decimal steps land on decimal values, not 0.30000000000000004 */
    ck_assert_int_eq(ccs_sweep_axis_parse("calls.[0].handle_time.mean=0.1:0.3:0.1", &ax, &err),
                     CCS_OK);
    ck_assert_int_eq(ax.n, 3);
    ck_assert_int_eq(ax.integer, 0);
    ck_assert_double_eq(ccs_sweep_axis_value(&ax, 2), 0.3);
    ck_assert_str_eq(ccs_sweep_axis_text(&ax, 2, buf, sizeof buf), "0.3");
    /* a single value */
    ck_assert_int_eq(ccs_sweep_axis_parse("x=5:5:1", &ax, &err), CCS_OK);
    ck_assert_int_eq(ax.n, 1);
}
END_TEST

START_TEST(test_axis_errors)
{
    static const char *const bad[] = {"agents.[0].count",   "=1:2:1",     "x=1:2",
                                      "x=1:2:0",            "x=2:1:1",    "x=1:2:-1",
                                      "x=a:2:1",            "x=1:2:1:4",  "x=1::1",
                                      "x=0:1000000:1",      "x=1:2:nan"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ccs_sweep_axis ax;
        ccs_error err;
        ccs_error_clear(&err);
        ck_assert_msg(ccs_sweep_axis_parse(bad[i], &ax, &err) == CCS_EINVAL,
                      "'%s' accepted", bad[i]);
        ck_assert_str_eq(err.key, "axis");
    }
}
END_TEST

/* A 3 x 2 grid: cell order (first axis slowest), values, and common random
 * numbers: every cell sees the same arrivals, so `offered` is identical,
 * while the agents on shift are the cell's value. */
START_TEST(test_grid)
{
    ccs_sweep_axis ax[2];
    ccs_error err;
    ck_assert_int_eq(ccs_sweep_axis_parse("agents.[0].count=52:56:2", &ax[0], &err), CCS_OK);
    ck_assert_int_eq(ccs_sweep_axis_parse("calls.[0].handle_time.mean=170:180:10", &ax[1], &err),
                     CCS_OK);
    const char *sets[] = {"horizon.intervals=2"};
    ccs_run_options ro = {3, 1, NULL, NULL};
    ccs_sweep_result *r = ccs_sweep_run("scenarios/mmc.cfg", sets, 1, ax, 2, &ro, &err);
    ck_assert_msg(r != NULL, "sweep: %s %s", err.key, err.msg);
    ck_assert_int_eq(r->n_cells, 6);
    ck_assert_int_eq(r->replications, 3);
    static const double agents[6] = {52, 52, 54, 54, 56, 56};
    static const double aht[6] = {170, 180, 170, 180, 170, 180};
    for (int c = 0; c < 6; c++) {
        ck_assert_double_eq(r->cells[c].values[0], agents[c]);
        ck_assert_double_eq(r->cells[c].values[1], aht[c]);
        CCS_ASSERT_CLOSE("agents on shift", r->cells[c].summary.agents.mean, agents[c], 1e-12, 0);
        CCS_ASSERT_CLOSE("CRN: offered equal in every cell", r->cells[c].summary.offered.mean,
                         r->cells[0].summary.offered.mean, 0, 0);
    }
    /* more agents, same callers: service can only improve (paired) */
    ck_assert(r->cells[4].summary.service_level.mean > r->cells[0].summary.service_level.mean);
    ccs_sweep_result_free(r);

    /* a path that does not exist is the loader's error, naming it */
    ck_assert_int_eq(ccs_sweep_axis_parse("agents.[3].count=1:2:1", &ax[0], &err), CCS_OK);
    ck_assert_ptr_null(ccs_sweep_run("scenarios/mmc.cfg", NULL, 0, ax, 1, &ro, &err));
    ck_assert_ptr_nonnull(strstr(err.key, "agents.[3].count"));
}
END_TEST

START_TEST(test_cli_csv_json)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("sweep scenarios/mmc.cfg --vary agents.[0].count=50:60:5 "
                          "--set horizon.intervals=1 --reps 2 --format csv",
                          &out, &err);
    ck_assert_msg(rc == 0, "sweep exit %d: %s", rc, err);
    int lines = 0;
    for (const char *p = out; *p; p++) {
        lines += *p == '\n';
    }
    ck_assert_int_eq(lines, 4);   /* header + 50, 55, 60 */
    ck_assert(strncmp(out, "agents.[0].count,service_level,", 31) == 0);
    ck_assert_ptr_nonnull(strstr(out, "\n55,"));
    free(out);
    free(err);

    rc = ccs_test_run("sweep scenarios/mmc.cfg --vary agents.[0].count=50:60:5 "
                      "--vary calls.[0].handle_time.mean=170:190:20 "
                      "--set horizon.intervals=1 --reps 2 --format json",
                      &out, &err);
    ck_assert_msg(rc == 0, "sweep exit %d: %s", rc, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "JSON: %s", je.text);
    ck_assert_str_eq(json_string_value(json_object_get(root, "scenario")), "M/M/c textbook");
    json_t *vary = json_object_get(root, "vary");
    ck_assert_int_eq(json_array_size(vary), 2);
    json_t *cells = json_object_get(root, "cells");
    ck_assert_int_eq(json_array_size(cells), 6);
    json_t *last = json_array_get(cells, 5);
    json_t *vals = json_object_get(last, "values");
    ck_assert(json_is_integer(json_object_get(vals, "agents.[0].count")));
    ck_assert_int_eq(json_integer_value(json_object_get(vals, "agents.[0].count")), 60);
    ck_assert(json_is_integer(json_object_get(vals, "calls.[0].handle_time.mean")));
    json_t *sl = json_object_get(json_object_get(last, "summary"), "service_level");
    ck_assert(json_is_number(json_object_get(sl, "mean")));
    ck_assert_int_eq(json_array_size(json_object_get(sl, "ci95")), 2);
    json_decref(root);
    free(out);
    free(err);
}
END_TEST

static json_t *json_of(const char *args)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "ccsim %s: exit %d: %s", args, rc, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "JSON: %s", je.text);
    free(out);
    free(err);
    return root;
}

/* The numbers of a sweep: each cell is the run of the scenario with that
 * value (the same figures as `ccsim run --set`), and after a 4 h warmup the
 * service level of a 4 h interval agrees with Erlang C (brute force) within
 * the z bound: 0.6616 on 54, 0.7794 on 55, 0.8494 on 56. */
START_TEST(test_sweep_numbers)
{
    char args[512];
    const char *common = "--set horizon.intervals=1 --set horizon.interval_minutes=240 "
                         "--set run.warmup_minutes=240 --reps 10";
    snprintf(args, sizeof args,
             "sweep scenarios/mmc.cfg --vary agents.[0].count=54:56:1 %s --format json%s", common,
             ccs_test_seed_arg(141));
    json_t *root = json_of(args);
    json_t *cells = json_object_get(root, "cells");
    ck_assert_int_eq(json_array_size(cells), 3);
    double z = ccs_test_zcrit(CCS_ALPHA_TEST, 3);
    for (int i = 0; i < 3; i++) {
        int n = 54 + i;
        json_t *cell = json_array_get(cells, (size_t)i);
        json_t *sl = json_object_get(json_object_get(cell, "summary"), "service_level");
        double mean = json_number_value(json_object_get(sl, "mean"));
        json_t *ci = json_object_get(sl, "ci95");
        double lo = json_number_value(json_array_get(ci, 0));
        double hi = json_number_value(json_array_get(ci, 1));
        snprintf(args, sizeof args, "run scenarios/mmc.cfg --set agents.[0].count=%d %s "
                 "--format json%s", n, common, ccs_test_seed_arg(141));
        json_t *run = json_of(args);
        json_t *rsl = json_object_get(json_object_get(run, "summary"), "service_level");
        ck_assert_msg(json_number_value(json_object_get(rsl, "mean")) == mean,
                      "%d agents: sweep SL %.17g, run SL %.17g", n, mean,
                      json_number_value(json_object_get(rsl, "mean")));
        ccs_ref_mmc th;
        ccs_ref_erlang_c_figures(1000, 180, n, 20, &th);
        CCS_ASSERT_Z("swept SL vs Erlang C", mean, th.service_level, ccs_test_se(lo, hi, 9), z);
        json_decref(run);
    }
    json_decref(root);
}
END_TEST

START_TEST(test_cli_errors)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("sweep scenarios/mmc.cfg", &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_ptr_nonnull(strstr(err, "--vary"));
    free(out);
    free(err);
    rc = ccs_test_run("sweep scenarios/mmc.cfg --vary agents.[0].count=40:30:5", &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "PATH=LO:HI:STEP"));
    free(out);
    free(err);
    rc = ccs_test_run("sweep scenarios/mmc.cfg --vary agents.[0].count=40.5:41:1 --reps 1",
                      &out, &err);
    ck_assert_int_eq(rc, 2);   /* 40.5 agents: refused by the scenario reader */
    ck_assert_ptr_nonnull(strstr(err, "agents.[0].count"));
    free(out);
    free(err);
}
END_TEST

Suite *sweep_suite(void)
{
    Suite *s = suite_create("sweep");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_axis_parse);
    tcase_add_test(tc, test_grid);
    tcase_add_test(tc, test_cli_csv_json);
    tcase_add_test(tc, test_sweep_numbers);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_axis_errors);
    tcase_add_test(tc, test_cli_errors);
    suite_add_tcase(s, tc);
    return s;
}
