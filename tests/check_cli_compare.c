/*
 * check_cli_compare.c — `ccsim compare` end to end, through the binary:
 * usage errors (fewer than two scenarios, bad options, a bad scenario file)
 * exit 2 with one line on stderr; a change of wage alone gives the
 * hand-computed cost difference and exactly no service difference (same
 * callers); the paired interval of a service difference equals the one
 * computed here from the two scenarios' replications; the JSON contract
 * keys; CSV shape; and `ccsim run --format json` carrying the cost object.
 */
#include "ccs_test.h"
#include "ccs_testsc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unistd.h>

#include "ccsim/scenario.h"
#include "ccsim/sim.h"

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

/* Writes the text of src with one literal edit to a temporary file. */
static void write_edited(const char *src, const char *from, const char *to, char *path)
{
    char *text = ccs_test_slurp(src);
    ck_assert_msg(text != NULL, "cannot read %s", src);
    char *at = strstr(text, from);
    ck_assert_msg(at != NULL, "%s: no '%s'", src, from);
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fprintf(fp, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    fclose(fp);
    free(text);
}

/* captive.cfg against itself with the wage at $21 instead of $19: the same
 * callers, so every service figure differs by exactly 0 with a zero-width
 * interval, and the cost by the wage bill: paid hours (agent-hours / (1 -
 * shrinkage 0.32)) x $2 x (1 + benefits 0.30) per day, x 21.7 days a month,
 * also exactly (wages are deterministic). */
START_TEST(test_wage_change)
{
    char b[] = "/tmp/ccs_cmp_wageXXXXXX";
    write_edited("scenarios/captive.cfg", "wage_per_hour = 19.0;", "wage_per_hour = 21.0;", b);
    char args[512];
    snprintf(args, sizeof args, "compare scenarios/captive.cfg %s --reps 3 --format json%s", b,
             ccs_test_seed_arg(121));
    json_t *root = run_json(args);
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load("scenarios/captive.cfg", NULL, 0, &err);
    ck_assert_ptr_nonnull(sc);
    double agent_hours = 0;
    for (int k = 0; k < sc->n_intervals; k++) {
        agent_hours += sc->groups[0].count[k] * 0.5;
    }
    ccs_scenario_free(sc);
    double per_month = agent_hours / (1 - 0.32) * 2.0 * 1.30 * 21.7;
    json_t *d = json_array_get(json_object_get(root, "differences"), 0);
    static const char *const same[] = {"service_level", "asa_s", "abandon_rate", "agents"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        double lo, hi;
        double m = est(d, same[i], &lo, &hi);
        ck_assert_msg(m == 0.0 && lo == 0.0 && hi == 0.0, "%s: %g [%g, %g]", same[i], m, lo, hi);
    }
    double lo, hi;
    double m = est(d, "per_month", &lo, &hi);
    CCS_ASSERT_CLOSE("per_month difference", m, per_month, 1e-9, 0);
    CCS_ASSERT_CLOSE("no width", hi - lo, 0, 0, 1e-6);
    ck_assert(est(d, "per_handled_call", NULL, NULL) > 0);
    json_decref(root);
    unlink(b);
}
END_TEST

/* M/M/c on 55 against 56 agents, 5 replications: the service-level
 * difference and its paired interval against the formula of cost.h worked
 * here from the two runs' raw tallies: z_r = (yb_r - Rb xb_r) / mean(xb) -
 * (ya_r - Ra xa_r) / mean(xa), half-width t(0.975, 4) sd(z) / sqrt(5), with
 * t(0.975, 4) = 2.7764451051977987 (mpmath). */
START_TEST(test_paired_interval)
{
    enum { R = 5 };
    char b[] = "/tmp/ccs_cmp_56XXXXXX";
    write_edited("scenarios/mmc.cfg", "count = 55;", "count = 56;", b);
    uint64_t seed = ccs_test_seed(122);
    char args[512];
    snprintf(args, sizeof args, "compare scenarios/mmc.cfg %s --reps %d --format json%s", b, R,
             ccs_test_seed_arg(122));
    json_t *root = run_json(args);
    double y[2][R], x[2][R];
    const char *files[2] = {"scenarios/mmc.cfg", b};
    for (int s = 0; s < 2; s++) {
        char set[40];
        snprintf(set, sizeof set, "run.seed=%llu", (unsigned long long)seed);
        const char *sets[] = {set};
        ccs_error err;
        ccs_scenario *sc = ccs_scenario_load(files[s], sets, 1, &err);
        ck_assert_ptr_nonnull(sc);
        ccs_run_options ro = {R, 1, NULL, NULL};
        ccs_results *r = ccs_sim_run(sc, &ro, &err);
        ck_assert_ptr_nonnull(r);
        for (int rep = 0; rep < R; rep++) {
            y[s][rep] = x[s][rep] = 0;
            for (int k = 0; k < sc->n_intervals; k++) {
                y[s][rep] += ccs_test_raw(r, rep, k, 0)->answered_in_sl;
                x[s][rep] += ccs_test_raw(r, rep, k, 0)->offered;
            }
        }
        ccs_results_free(r);
        ccs_scenario_free(sc);
    }
    double sy[2] = {0, 0}, sx[2] = {0, 0};
    for (int s = 0; s < 2; s++) {
        for (int rep = 0; rep < R; rep++) {
            sy[s] += y[s][rep];
            sx[s] += x[s][rep];
        }
    }
    double ra = sy[0] / sx[0], rb = sy[1] / sx[1], zs[R], zm = 0, ss = 0;
    for (int rep = 0; rep < R; rep++) {
        zs[rep] = (y[1][rep] - rb * x[1][rep]) / (sx[1] / R) - (y[0][rep] - ra * x[0][rep]) / (sx[0] / R);
        zm += zs[rep] / R;
    }
    for (int rep = 0; rep < R; rep++) {
        ss += (zs[rep] - zm) * (zs[rep] - zm);
    }
    double hw = 2.7764451051977987 * sqrt(ss / (R - 1) / R);
    json_t *d = json_array_get(json_object_get(root, "differences"), 0);
    double lo, hi;
    double m = est(d, "service_level", &lo, &hi);
    CCS_ASSERT_CLOSE("SL difference", m, rb - ra, 1e-9, 1e-12);
    CCS_ASSERT_CLOSE("paired half-width", hi - m, hw, 1e-6, 1e-12);
    CCS_ASSERT_CLOSE("paired half-width (lower)", m - lo, hw, 1e-6, 1e-12);
    /* CRN: far narrower than the two scenarios' own intervals. */
    double alo, ahi;
    est(json_object_get(json_array_get(json_object_get(root, "scenarios"), 0), "summary"),
        "service_level", &alo, &ahi);
    ck_assert_msg(hw < (ahi - alo) / 2, "paired %g vs unpaired %g", hw, (ahi - alo) / 2);
    ck_assert(m > 0);
    json_decref(root);
    unlink(b);
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
/* Cost per chat and per item in compare, shown only when some scenario's
 * cost is split by channel: the e-mail desk's price per item down by 1.00
 * lowers the cost per item done by exactly the desk's share of the items
 * (the same items, common random numbers), leaves the cost per chat as it
 * was, and each scenario's figure is its run's own cost per item. */
START_TEST(test_per_channel)
{
    json_t *j = run_json("compare scenarios/contact-center-costs.cfg "
                         "scenarios/contact-center-costs.cfg "
                         "--set 2:agents.[1].cost.price_per_item=1.5 --reps 6 --format json");
    json_t *a = json_object_get(json_array_get(json_object_get(j, "scenarios"), 0), "cost");
    json_t *b = json_object_get(json_array_get(json_object_get(j, "scenarios"), 1), "cost");
    json_t *d = json_array_get(json_object_get(j, "differences"), 0);
    double pa = est(a, "per_item_done", NULL, NULL), pb = est(b, "per_item_done", NULL, NULL);
    double items = est(a, "items_done", NULL, NULL);
    double desk = est(json_object_get(json_object_get(a, "groups"), "email-desk"), "items_done",
                      NULL, NULL);
    ck_assert_double_gt(desk, 0);
    ck_assert_double_lt(desk, items);
    double lo, hi, dm = est(d, "per_item_done", &lo, &hi);
    CCS_ASSERT_CLOSE("diff of the ratios", dm, pb - pa, 1e-9, 1e-12);
    CCS_ASSERT_CLOSE("the desk's share x -1.00", dm, -desk / items, 1e-9, 1e-12);
    ck_assert_double_lt(hi, 0);
    ck_assert_double_eq(est(d, "per_chat_handled", NULL, NULL), 0);
    json_decref(j);

    /* CSV: the scenario rows carry the same figure as its run */
    char *out, *err;
    ck_assert_int_eq(ccs_test_run("compare scenarios/contact-center-costs.cfg "
                                  "scenarios/contact-center-costs.cfg --reps 6 --format csv",
                                  &out, &err),
                     0);
    /* the CSV writes the shortest digits that read back as the double */
    const char *at = strstr(out, ",per_item_done,");
    ck_assert_msg(at != NULL, "no per_item_done row in:\n%s", out);
    double csv = strtod(at + strlen(",per_item_done,"), NULL);
    ck_assert_msg(csv == pa, "per_item_done %.17g in the CSV, %.17g in the JSON", csv, pa);
    free(out);
    free(err);

    /* without chat or a back office: no such rows or keys */
    j = run_json("compare scenarios/captive.cfg scenarios/captive.cfg --reps 3 --format json");
    d = json_array_get(json_object_get(j, "differences"), 0);
    ck_assert_ptr_null(json_object_get(d, "per_chat_handled"));
    ck_assert_ptr_null(json_object_get(d, "per_item_done"));
    json_decref(j);
    ck_assert_int_eq(ccs_test_run("compare scenarios/captive.cfg scenarios/captive.cfg --reps 3",
                                  &out, &err),
                     0);
    ck_assert_ptr_null(strstr(out, "cost per item"));
    free(out);
    free(err);
}
END_TEST

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
    tcase_add_test(core, test_wage_change);
    tcase_add_test(core, test_paired_interval);
    tcase_add_test(core, test_json_contract);
    tcase_add_test(core, test_csv_and_text);
    tcase_add_test(core, test_run_json_cost);
    tcase_add_test(core, test_per_channel);
    tcase_add_test(core, test_help);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_set_timeout(errors, 60);
    tcase_add_test(errors, test_usage_errors);
    suite_add_tcase(s, errors);
    return s;
}
