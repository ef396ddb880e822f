/*
 * check_cli_compare.c — `ccsim compare` end to end, through the binary:
 * usage errors (fewer than two scenarios, bad options, a bad scenario file)
 * exit 2 with one line on stderr; a scenario compared with itself shows
 * exactly zero difference with a zero-width interval; the JSON contract
 * keys; CSV shape; and `ccsim run --format json` carrying the cost object.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const char *const metrics[] = {
    "service_level", "asa_s",    "abandon_rate", "agents", "per_handled_call",
    "per_resolved_contact", "per_month"};

#define N_METRICS (sizeof metrics / sizeof metrics[0])

static json_t *run_json(const char *args)
{
    char *out, *err;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "ccsim %s: exit %d, stderr: %s", args, st, err);
    ck_assert_msg(err[0] == '\0', "ccsim %s: unexpected stderr: %s", args, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "ccsim %s: JSON does not parse: %s", args, je.text);
    free(out);
    free(err);
    return root;
}

/* {"mean": x, "ci95": [lo, hi]} with lo <= x <= hi; returns x. */
static double est(const json_t *o, const char *key, double *lo, double *hi)
{
    json_t *e = json_object_get(o, key);
    ck_assert_msg(json_is_object(e), "no estimate %s", key);
    json_t *ci = json_object_get(e, "ci95");
    ck_assert_msg(json_is_array(ci) && json_array_size(ci) == 2, "%s: no ci95", key);
    double m = json_number_value(json_object_get(e, "mean"));
    double l = json_number_value(json_array_get(ci, 0));
    double h = json_number_value(json_array_get(ci, 1));
    ck_assert_msg(json_is_number(json_object_get(e, "mean")), "%s: mean not a number", key);
    ck_assert_msg(l <= m && m <= h, "%s: [%g, %g] does not hold %g", key, l, h, m);
    if (lo) {
        *lo = l;
    }
    if (hi) {
        *hi = h;
    }
    return m;
}

static void expect_usage(const char *args, const char *needle)
{
    char *out, *err;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 2, "ccsim %s: exit %d, want 2", args, st);
    ck_assert_msg(out[0] == '\0', "ccsim %s: stdout not empty", args);
    size_t len = strlen(err);
    ck_assert_msg(len > 0 && err[len - 1] == '\n' && strchr(err, '\n') == err + len - 1,
                  "ccsim %s: stderr is not one line: %s", args, err);
    ck_assert_msg(strstr(err, needle) != NULL, "ccsim %s: stderr lacks '%s': %s", args, needle,
                  err);
    free(out);
    free(err);
}

START_TEST(test_usage_errors)
{
    expect_usage("compare", "at least two scenario files");
    expect_usage("compare scenarios/captive.cfg", "at least two scenario files");
    expect_usage("compare scenarios/captive.cfg scenarios/captive.cfg --reps 0", "--reps");
    expect_usage("compare scenarios/captive.cfg scenarios/captive.cfg --format xml", "--format");
    expect_usage("compare scenarios/captive.cfg scenarios/captive.cfg --bogus 1", "--bogus");
    expect_usage("compare scenarios/captive.cfg tests/data/cost/neg_wage.cfg",
                 "tests/data/cost/neg_wage.cfg:11: agents.[0].cost.wage_per_hour");
    expect_usage("compare scenarios/captive.cfg no/such/file.cfg", "no/such/file.cfg");
}
END_TEST

START_TEST(test_help)
{
    char *out, *err;
    int st = ccs_test_run("compare --help", &out, &err);
    ck_assert_int_eq(st, 0);
    ck_assert_msg(strstr(out, "usage: ccsim compare") != NULL, "help: %s", out);
    free(out);
    free(err);
}
END_TEST

/* A scenario against itself: every difference exactly 0, interval [0, 0]. */
START_TEST(test_self_zero)
{
    json_t *root = run_json("compare scenarios/captive.cfg scenarios/captive.cfg --reps 3 "
                            "--format json");
    json_t *sc = json_object_get(root, "scenarios");
    json_t *diffs = json_object_get(root, "differences");
    ck_assert_int_eq(json_array_size(sc), 2);
    ck_assert_int_eq(json_array_size(diffs), 1);
    json_t *d = json_array_get(diffs, 0);
    for (size_t i = 0; i < N_METRICS; i++) {
        double lo, hi;
        double m = est(d, metrics[i], &lo, &hi);
        ck_assert_msg(m == 0.0 && lo == 0.0 && hi == 0.0, "self %s: %g [%g, %g]", metrics[i], m,
                      lo, hi);
    }
    json_decref(root);
}
END_TEST

/* Captive against offshore: the contract keys, a difference that is the
 * difference of the two scenarios' own figures, and costs that differ. */
START_TEST(test_json_contract)
{
    json_t *root = run_json("compare scenarios/captive.cfg scenarios/bpo-offshore.cfg "
                            "scenarios/kpo-specialist.cfg --reps 3 --format json");
    json_t *sc = json_object_get(root, "scenarios");
    ck_assert_int_eq(json_array_size(sc), 3);
    static const char *const cost_keys[] = {"total",    "per_handled_call", "per_resolved_contact",
                                            "per_hour", "per_month",        "sla_adjustment"};
    double pm[3];
    for (size_t s = 0; s < 3; s++) {
        json_t *o = json_array_get(sc, s);
        ck_assert(json_is_string(json_object_get(o, "name")));
        ck_assert(json_is_string(json_object_get(o, "file")));
        json_t *sum = json_object_get(o, "summary");
        est(sum, "service_level", NULL, NULL);
        json_t *cost = json_object_get(o, "cost");
        for (size_t i = 0; i < sizeof cost_keys / sizeof cost_keys[0]; i++) {
            est(cost, cost_keys[i], NULL, NULL);
        }
        ck_assert(json_is_object(json_object_get(cost, "breakdown")));
        pm[s] = est(cost, "per_month", NULL, NULL);
        ck_assert_msg(pm[s] > 0, "scenario %zu: per_month %g", s, pm[s]);
    }
    json_t *diffs = json_object_get(root, "differences");
    ck_assert_int_eq(json_array_size(diffs), 2);
    for (size_t s = 1; s < 3; s++) {
        json_t *d = json_array_get(diffs, s - 1);
        ck_assert(json_is_string(json_object_get(d, "name")));
        double lo, hi;
        double m = est(d, "per_month", &lo, &hi);
        /* per_month is a plain mean, so the difference of means is exact. */
        CCS_ASSERT_CLOSE("per_month diff", m, pm[s] - pm[0], 1e-9, 1e-6);
        for (size_t i = 0; i < N_METRICS; i++) {
            est(d, metrics[i], NULL, NULL);
        }
    }
    json_decref(root);
}
END_TEST

START_TEST(test_csv_and_text)
{
    char *out, *err;
    int st = ccs_test_run("compare scenarios/captive.cfg scenarios/bpo-onshore.cfg --reps 2 "
                          "--format csv",
                          &out, &err);
    ck_assert_msg(st == 0, "exit %d: %s", st, err);
    int lines = 0;
    for (char *p = out; *p; p++) {
        lines += *p == '\n';
    }
    ck_assert_msg(lines == 1 + 2 * (int)N_METRICS, "csv has %d lines", lines);
    ck_assert_msg(strncmp(out, "scenario,file,metric,mean,lo,hi,diff,diff_lo,diff_hi\n", 53) == 0,
                  "csv header: %.80s", out);
    free(out);
    free(err);
    st = ccs_test_run("compare scenarios/captive.cfg scenarios/bpo-onshore.cfg --reps 2", &out,
                      &err);
    ck_assert_msg(st == 0, "exit %d: %s", st, err);
    ck_assert_msg(strstr(out, "Difference from A") != NULL, "text: %s", out);
    ck_assert_msg(strstr(out, "cost per resolved") != NULL, "text: %s", out);
    free(out);
    free(err);
}
END_TEST

/* `ccsim run --format json` carries the cost object of the contract, and
 * its breakdown adds up to the total. */
START_TEST(test_run_json_cost)
{
    json_t *root = run_json("run scenarios/hybrid-overflow.cfg --reps 2 --format json");
    json_t *cost = json_object_get(root, "cost");
    ck_assert_msg(json_is_object(cost), "no cost object");
    double total = est(cost, "total", NULL, NULL);
    json_t *bd = json_object_get(cost, "breakdown");
    const char *key;
    json_t *v;
    double sum = 0;
    json_object_foreach(bd, key, v)
    {
        sum += est(bd, key, NULL, NULL);
    }
    CCS_ASSERT_CLOSE("breakdown sum", sum, total, 1e-9, 1e-6);
    est(cost, "sla_adjustment", NULL, NULL);
    json_t *groups = json_object_get(cost, "groups");
    ck_assert_int_eq(json_object_size(groups), 2);
    double share = est(json_object_get(groups, "vendor-ph"), "our_share", NULL, NULL);
    ck_assert_msg(share > 0 && share < 1, "vendor share %g", share);
    json_decref(root);
}
END_TEST

Suite *cli_compare_suite(void)
{
    Suite *s = suite_create("cli_compare");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 120);
    tcase_add_test(core, test_self_zero);
    tcase_add_test(core, test_json_contract);
    tcase_add_test(core, test_csv_and_text);
    tcase_add_test(core, test_run_json_cost);
    tcase_add_test(core, test_help);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_set_timeout(errors, 60);
    tcase_add_test(errors, test_usage_errors);
    suite_add_tcase(s, errors);
    return s;
}
