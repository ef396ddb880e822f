/*
 * check_arg_names.c — the library's errors name an argument by the
 * library's own name (a struct field or a parameter; error.h, ccs_error.key),
 * never by a command-line option: every argument error of the public API
 * is provoked here and its key and message are checked for the name and
 * for the absence of "--".  The CLI spells the same errors as its options
 * (src/cli/common.c); tests/data/bad/options.tsv checks those lines byte
 * for byte.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/erlang.h"
#include "ccsim/erlang_table.h"
#include "ccsim/forecast.h"
#include "ccsim/plot.h"
#include "ccsim/requirements.h"
#include "ccsim/schedule.h"
#include "ccsim/scenario_write.h"
#include "ccsim/staff.h"
#include "ccsim/sweep.h"
#include "ccsim/uncertainty.h"
#include "ccsim/workload.h"

/* err's key is `key` and neither it nor the message names an option. */
static void expect_named(const ccs_error *err, const char *key, const char *what)
{
    ck_assert_msg(strcmp(err->key, key) == 0, "%s: key '%s', want '%s' (%s)", what, err->key,
                  key, err->msg);
    ck_assert_msg(strstr(err->msg, "--") == NULL, "%s: message names an option: '%s'", what,
                  err->msg);
    ck_assert_msg(err->msg[0] != '\0', "%s: no message", what);
}

static ccs_staffing_targets sl_only(void)
{
    ccs_staffing_targets t;
    memset(&t, 0, sizeof t);
    t.service_level = 0.8;
    return t;
}

START_TEST(test_erlang)
{
    const ccs_erlang_query good = {.calls_per_hour = 100, .aht_s = 180, .threshold_s = 20};
    struct {
        ccs_erlang_query q;
        double sl, asa, occ, ab, shr;
        const char *key;
    } cases[] = {
        {{-1, 180, 0, 20}, 0.8, 0, 0, 0, 0, "calls_per_hour"},
        {{1e12, 180, 0, 20}, 0.8, 0, 0, 0, 0, "calls_per_hour"},
        {{100, 0, 0, 20}, 0.8, 0, 0, 0, 0, "aht_s"},
        {{100, 180, NAN, 20}, 0.8, 0, 0, 0, 0, "patience_s"},
        {{100, 180, 1e-9, 20}, 0.8, 0, 0, 0, 0, "patience_s"},
        {{100, 180, 0, -2}, 0.8, 0, 0, 0, 0, "threshold_s"},
        {good, 1.0, 0, 0, 0, 0, "service_level"},
        {good, 0.8, -1, 0, 0, 0, "max_asa_s"},
        {good, 0.8, 0, 1.5, 0, 0, "max_occupancy"},
        {good, 0.8, 0, 1e-9, 0, 0, "max_occupancy"},
        {good, 0.8, 0, 0, 2, 0, "max_abandon"},
        {good, 0.8, 0, 0, 0.05, 0, "max_abandon"},   /* needs a patience */
        {good, 0.8, 0, 0, 0, 1.0, "shrinkage"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ccs_staffing_targets t = sl_only();
        t.service_level = cases[i].sl;
        t.max_asa_s = cases[i].asa;
        t.max_occupancy = cases[i].occ;
        t.max_abandon = cases[i].ab;
        t.shrinkage = cases[i].shr;
        ccs_staffing_result r;
        ccs_error err;
        ccs_error_clear(&err);
        ck_assert_int_eq(ccs_erlang_staff(&cases[i].q, &t, &r, &err), CCS_EINVAL);
        char what[64];
        snprintf(what, sizeof what, "ccs_erlang_staff case %zu", i);
        expect_named(&err, cases[i].key, what);
    }
    /* The message that names another argument quotes its library name. */
    ccs_staffing_targets t = sl_only();
    t.max_abandon = 0.05;
    ccs_staffing_result r;
    ccs_error err;
    ck_assert_int_eq(ccs_erlang_staff(&good, &t, &r, &err), CCS_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.msg, "`patience_s`"));
}
END_TEST

START_TEST(test_erlang_table)
{
    ccs_erlang_table tab;
    memset(&tab, 0, sizeof tab);
    tab.query = (ccs_erlang_query){100000, 1, 31536000, 20};
    tab.targets = sl_only();
    int rows[1] = {25};
    tab.agents = rows;
    FILE *sink = fopen("/dev/null", "w");
    ck_assert_ptr_nonnull(sink);
    ccs_error err;
    tab.n_agents = 0;
    ck_assert_int_eq(ccs_erlang_table_write(sink, &tab, CCS_ERLANG_TEXT, &err), CCS_EINVAL);
    expect_named(&err, "agents", "no rows");
    tab.n_agents = 1;
    ck_assert_int_ne(ccs_erlang_table_write(sink, &tab, CCS_ERLANG_TEXT, &err), CCS_OK);
    expect_named(&err, "patience_s", "a chain too long");
    ck_assert_ptr_nonnull(strstr(err.msg, "`agents` above 25"));
    fclose(sink);
}
END_TEST

START_TEST(test_uncertainty)
{
    ccs_error err;
    ck_assert_ptr_null(ccs_uncertainty_new(-0.1, 0, &err));
    expect_named(&err, "volume_cv", "volume cv");
    ck_assert_ptr_null(ccs_uncertainty_new(0.1, 0.95, &err));
    expect_named(&err, "absenteeism", "absenteeism");
    ccs_uncertainty *u = ccs_uncertainty_new(0.1, 0.1, &err);
    ck_assert_ptr_nonnull(u);
    ccs_erlang_query q = {100, 180, 0, 20};
    ccs_staffing_targets t;
    memset(&t, 0, sizeof t);
    ccs_uncertain_staffing s;
    ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, 0.9, &s, &err), CCS_EINVAL);
    expect_named(&err, "confidence", "no target");
    ck_assert_ptr_nonnull(strstr(err.msg, "`service_level`"));
    t.service_level = 0.8;
    ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, 1.0, &s, &err), CCS_EINVAL);
    expect_named(&err, "confidence", "confidence 1");
    ccs_uncertainty_free(u);
}
END_TEST

START_TEST(test_sweep_staff_plot_workload)
{
    ccs_error err;
    ccs_sweep_axis ax[2];
    ck_assert_int_eq(ccs_sweep_axis_parse("foo", &ax[0], &err), CCS_EINVAL);
    expect_named(&err, "axis", "sweep axis");
    ck_assert_int_eq(ccs_sweep_axis_parse("agents.[0].count=1:1000:1", &ax[0], &err), CCS_OK);
    ck_assert_int_eq(ccs_sweep_axis_parse("calls.[0].calls_per_hour=1:1000:1", &ax[1], &err),
                     CCS_OK);
    ccs_run_options ro = {2, 1, NULL, NULL};
    ck_assert_ptr_null(ccs_sweep_run("scenarios/mmc.cfg", NULL, 0, ax, 2, &ro, &err));
    expect_named(&err, "axes", "sweep grid");

    ccs_scenario *sc = ccs_scenario_load("scenarios/two-types.cfg", NULL, 0, &err);
    ck_assert_ptr_nonnull(sc);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    ck_assert_ptr_null(ccs_staff_search(sc, &o, &err));
    expect_named(&err, "group", "staff without a group");
    o.group = 0;
    o.sl_target = 2;
    ck_assert_ptr_null(ccs_staff_search(sc, &o, &err));
    expect_named(&err, "sl_target", "staff sl");
    ccs_staff_options_init(&o);
    o.group = 0;
    o.max_abandon = 2;
    ck_assert_ptr_null(ccs_staff_search(sc, &o, &err));
    expect_named(&err, "max_abandon", "staff abandon");
    ccs_staff_options_init(&o);
    o.group = 0;
    o.shrinkage = 1;
    ck_assert_ptr_null(ccs_staff_search(sc, &o, &err));
    expect_named(&err, "max_asa_s/shrinkage", "staff shrinkage");
    ccs_staff_options_init(&o);
    o.group = 0;
    o.confidence = 1;
    ck_assert_ptr_null(ccs_staff_search(sc, &o, &err));
    expect_named(&err, "confidence", "staff confidence");
    ccs_staff_options_init(&o);
    o.group = 0;
    o.absenteeism = 0.95;
    ck_assert_ptr_null(ccs_staff_search(sc, &o, &err));
    expect_named(&err, "absenteeism", "staff absenteeism");

    ck_assert_int_eq(ccs_workload_scale(sc, 0, &err), CCS_EINVAL);
    expect_named(&err, "volume_factor", "volume factor");
    ck_assert_int_eq(ccs_plot_prepare_dir("", &err), CCS_EINVAL);
    expect_named(&err, "dir", "plot dir");
    ccs_scenario_free(sc);

    int counts[8] = {50, 50, 50, 50, 50, 50, 50, 50};
    int serves[1] = {0};
    ccs_schedule_edit e = {0, counts, 8, 1, serves, 0, -1};
    char longpath[1100];
    memset(longpath, 'x', sizeof longpath - 1);
    longpath[sizeof longpath - 1] = '\0';
    ck_assert_int_eq(ccs_scenario_write_schedule("scenarios/mmc.cfg", NULL, 0, &e, longpath, &err),
                     CCS_EINVAL);
    expect_named(&err, "out", "write schedule");
}
END_TEST

START_TEST(test_requirements_and_schedule)
{
    ccs_error err;
    ccs_forecast *fc = ccs_forecast_load("scenarios/planning/forecast.csv", &err);
    ck_assert_ptr_nonnull(fc);
    ccs_requirements_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.targets = sl_only();
    spec.threshold_s = 20;
    ck_assert_ptr_null(ccs_requirements_compute(fc, &spec, &err));
    ck_assert_str_eq(err.key, "aht");   /* the forecast's column */
    ck_assert_ptr_nonnull(strstr(err.msg, "`aht_s`"));
    ck_assert_ptr_null(strstr(err.msg, "--"));
    ccs_forecast_free(fc);

    ccs_requirements *req = ccs_requirements_load("tests/data/schedule/week.csv", &err);
    ck_assert_ptr_nonnull(req);
    ccs_shift_set *set = ccs_shifts_load("tests/data/schedule/week.cfg", &err);
    ck_assert_ptr_nonnull(set);
    ccs_schedule_options so;
    memset(&so, 0, sizeof so);
    so.days = 3;
    so.time_limit_s = 5;
    ck_assert_ptr_null(ccs_schedule_solve(set, req, &so, &err));
    ck_assert_ptr_nonnull(strstr(err.msg, "`days` 3"));
    ck_assert_ptr_null(strstr(err.msg, "--"));
    ccs_requirements_free(req);
    req = ccs_requirements_load("tests/data/schedule/day.csv", &err);
    ck_assert_ptr_nonnull(req);
    so.days = 0;
    ck_assert_ptr_null(ccs_schedule_solve(set, req, &so, &err));
    expect_named(&err, "days_on", "a tour on one day");
    ck_assert_ptr_nonnull(strstr(err.msg, "`days` 7"));
    ccs_requirements_free(req);
    free(set);
}
END_TEST

Suite *arg_names_suite(void)
{
    Suite *s = suite_create("arg_names");
    TCase *tc = tcase_create("errors");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_erlang);
    tcase_add_test(tc, test_erlang_table);
    tcase_add_test(tc, test_uncertainty);
    tcase_add_test(tc, test_sweep_staff_plot_workload);
    tcase_add_test(tc, test_requirements_and_schedule);
    suite_add_tcase(s, tc);
    return s;
}
