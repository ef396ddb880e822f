/*
 * check_forecast.c — forecast and requirements CSV files (forecast.h) and
 * `ccsim erlang --forecast` end to end.
 *
 * tests/data/forecast/day48.csv and day96.csv are synthetic forecasts made
 * for these tests (a two-hump weekday; see their header comments).  Each
 * tests/data/forecast/bad/NAME.csv is paired with NAME.expected, the start
 * of the one stderr line (after "ccsim erlang: tests/data/forecast/") that
 * it must give, with exit status 2 and nothing on stdout.
 */
#include "ccs_test.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/erlang.h"
#include "ccsim/forecast.h"

static const char *const bad_files[] = {"unequal", "order",   "nocalls", "negative",
                                        "control", "fields",  "clock",   "header_only",
                                        "aht",     "days",    "quote"};
#define N_BAD (int)(sizeof bad_files / sizeof bad_files[0])

START_TEST(test_bad_forecast)
{
    char args[256], path[256], *out, *err;
    snprintf(args, sizeof args, "erlang --forecast tests/data/forecast/bad/%s.csv --aht 180",
             bad_files[_i]);
    snprintf(path, sizeof path, "tests/data/forecast/bad/%s.expected", bad_files[_i]);
    char *want = ccs_test_slurp(path);
    ck_assert_ptr_nonnull(want);
    want[strcspn(want, "\n")] = '\0';
    int rc = ccs_test_run(args, &out, &err);
    char prefix[512];
    snprintf(prefix, sizeof prefix, "ccsim erlang: tests/data/forecast/%s", want);
    ck_assert_msg(rc == 2, "%s: exit %d", bad_files[_i], rc);
    ck_assert_msg(out[0] == '\0', "%s: stdout not empty", bad_files[_i]);
    ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0 && strchr(err, '\n') ==
                      err + strlen(err) - 1,
                  "%s: stderr\n  %s\nwant a line starting\n  %s", bad_files[_i], err, prefix);
    free(want);
    free(out);
    free(err);
}
END_TEST

START_TEST(test_reader)
{
    ccs_error e;
    ccs_forecast *f = ccs_forecast_load("tests/data/forecast/day96.csv", &e);
    ck_assert_msg(f != NULL, "%s", e.msg);
    ck_assert_int_eq(f->g.n, 96);
    ck_assert_int_eq(f->g.n_days, 1);
    ck_assert_double_eq(f->g.interval_s, 900);
    ck_assert_double_eq(f->g.start_s, 0);
    ck_assert(f->has_aht && !f->has_patience);
    ck_assert_double_eq(f->aht_s[0], 360);
    ck_assert_double_eq(f->aht_s[40], 300);
    ck_assert_int_eq(f->g.line[0], 3);
    ccs_forecast_free(f);
    /* A requirements file in the staff CSV's form: start_min, scheduled_agents. */
    char tmp[] = "/tmp/ccs_req_XXXXXX";
    int fd = mkstemp(tmp);
    ck_assert(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fprintf(fp, "interval,start_min,scheduled_agents\r\n0,420,5\r\n1,450,7\r\n\r\n2,480,9\r\n");
    fclose(fp);
    ccs_requirements *r = ccs_requirements_load(tmp, &e);
    ck_assert_msg(r != NULL, "%s", e.msg);
    ck_assert_int_eq(r->g.n, 3);
    ck_assert_double_eq(r->g.start_s, 420 * 60.0);
    ck_assert_double_eq(r->required[2], 9);
    ck_assert_str_eq(r->column, "scheduled_agents");
    ccs_requirements_free(r);
    unlink(tmp);
    ck_assert_ptr_null(ccs_forecast_load("tests/data/forecast/none.csv", &e));
    ck_assert_int_eq(e.code, CCS_EIO);
}
END_TEST

/* Each interval's required agents equal `ccsim erlang --calls` for it. */
START_TEST(test_forecast_json)
{
    char *out, *err;
    int rc = ccs_test_run("erlang --forecast tests/data/forecast/day48.csv --aht 300 --sl 80/20 "
                          "--shrinkage 30% --format json",
                          &out, &err);
    ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_ptr_nonnull(root);
    json_t *ivs = json_object_get(root, "intervals");
    ck_assert_int_eq((int)json_array_size(ivs), 48);
    double hours = 0;
    static const char *const keys[] = {"start",         "calls",         "offered_load",
                                       "required_agents", "scheduled_agents", "service_level",
                                       "asa_s",         "occupancy",     "prob_abandon"};
    for (size_t i = 0; i < 48; i++) {
        json_t *o = json_array_get(ivs, i);
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            ck_assert_msg(json_object_get(o, keys[k]) != NULL, "interval %zu lacks %s", i,
                          keys[k]);
        }
        double calls = json_number_value(json_object_get(o, "calls"));
        int req = (int)json_integer_value(json_object_get(o, "required_agents"));
        hours += 0.5 * req;
        if (calls > 0 && i % 7 == 0) {
            ccs_erlang_query q = {calls * 2, 300, 0, 20};
            ccs_staffing_targets t = {0};
            t.service_level = 0.8;
            t.shrinkage = 0.3;
            ccs_staffing_result s;
            ccs_error e;
            ck_assert_int_eq(ccs_erlang_staff(&q, &t, &s, &e), CCS_OK);
            ck_assert_int_eq(req, s.agents);
            ck_assert_int_eq((int)json_integer_value(json_object_get(o, "scheduled_agents")),
                             s.scheduled_agents);
        }
    }
    json_t *tot = json_object_get(root, "total");
    CCS_ASSERT_CLOSE("required agent-hours",
                     json_number_value(json_object_get(tot, "required_agent_hours")), hours,
                     1e-12, 0);
    json_decref(root);
    free(out);
    free(err);
}
END_TEST

/* With uncertainty: CSV columns, P(meet) >= confidence, and volume-cv 0 /
 * absenteeism 0 gives the plain answer row for row. */
START_TEST(test_forecast_csv_confidence)
{
    char *out, *err, *out0, *err0;
    int rc = ccs_test_run("erlang --forecast tests/data/forecast/day96.csv --volume-cv 10% "
                          "--absenteeism 8% --confidence 90% --format csv --out -",
                          &out, &err);
    ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
    ck_assert(strncmp(out, "start,calls,offered_load,required_agents,scheduled_agents,"
                           "service_level,asa_s,occupancy,prob_abandon,prob_meet_target,",
                      95) == 0);
    char tmp[] = "/tmp/ccs_fc_XXXXXX";
    int fd = mkstemp(tmp);
    FILE *fp = fdopen(fd, "w");
    fputs(out, fp);
    fclose(fp);
    ccs_csv *c = ccs_csv_read(tmp);
    ck_assert_int_eq(c->nrows, 96);
    for (int i = 0; i < 96; i++) {
        ck_assert(ccs_csv_num(c, i, "prob_meet_target") >= 0.9);
        ck_assert(ccs_csv_num(c, i, "required_agents") >= ccs_csv_num(c, i, "erlang_agents"));
    }
    ccs_csv_free(c);
    rc = ccs_test_run("erlang --forecast tests/data/forecast/day96.csv --volume-cv 0 "
                      "--absenteeism 0 --confidence 95% --format csv",
                      &out0, &err0);
    ck_assert_int_eq(rc, 0);
    fp = fopen(tmp, "w");
    fputs(out0, fp);
    fclose(fp);
    c = ccs_csv_read(tmp);
    for (int i = 0; i < 96; i++) {
        ck_assert_double_eq(ccs_csv_num(c, i, "required_agents"),
                            ccs_csv_num(c, i, "erlang_agents"));
    }
    ccs_csv_free(c);
    unlink(tmp);
    free(out);
    free(err);
    free(out0);
    free(err0);
}
END_TEST

START_TEST(test_forecast_options)
{
    static const char *const bad[] = {
        "erlang --forecast tests/data/forecast/day48.csv --calls 100 --aht 3m",
        "erlang --forecast tests/data/forecast/day48.csv",
        "erlang --forecast tests/data/forecast/day48.csv --aht 3m --agents 5",
        "erlang --calls 100 --aht 3m --volume-cv 2",
        "erlang --calls 100 --aht 3m --absenteeism 95%",
        "erlang --calls 100 --aht 3m --confidence 1",
        "erlang --calls 100 --aht 3m --confidence 0",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out, *err;
        int rc = ccs_test_run(bad[i], &out, &err);
        ck_assert_msg(rc == 2 && out[0] == '\0' && err[0] != '\0', "%s: exit %d", bad[i], rc);
        free(out);
        free(err);
    }
}
END_TEST

/* One interval: the JSON's required_agents is the confidence answer, and
 * C = A = 0 leaves the Erlang answer (56 for 1000/h, 180 s, 80/20). */
static int required_of(const char *args, double *p_erlang)
{
    char *out, *err;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "%s: exit %d: %s", args, rc, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_ptr_nonnull(root);
    int n = (int)json_integer_value(json_object_get(root, "required_agents"));
    json_t *u = json_object_get(root, "uncertainty");
    ck_assert_ptr_nonnull(u);
    *p_erlang = json_number_value(json_object_get(u, "prob_meet_target_erlang"));
    json_decref(root);
    free(out);
    free(err);
    return n;
}

START_TEST(test_single_interval_confidence)
{
    double p;
    ck_assert_int_eq(required_of("erlang --calls 1000 --aht 180 --volume-cv 0 --absenteeism 0 "
                                 "--confidence 90% --format json",
                                 &p),
                     56);
    ck_assert_double_eq(p, 1.0);
    int n = required_of("erlang --calls 1000 --aht 180 --volume-cv 10% --absenteeism 5% "
                        "--confidence 90% --format json",
                        &p);
    ck_assert_msg(n > 56 && p < 0.9, "n %d, P(meet) at Erlang %g", n, p);
}
END_TEST

Suite *forecast_suite(void)
{
    Suite *s = suite_create("forecast");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 60);
    tcase_add_test(core, test_reader);
    tcase_add_test(core, test_forecast_json);
    tcase_add_test(core, test_forecast_csv_confidence);
    tcase_add_test(core, test_single_interval_confidence);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_set_timeout(errors, 60);
    tcase_add_loop_test(errors, test_bad_forecast, 0, N_BAD);
    tcase_add_test(errors, test_forecast_options);
    suite_add_tcase(s, errors);
    return s;
}
