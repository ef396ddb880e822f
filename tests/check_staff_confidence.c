/*
 * check_staff_confidence.c — `ccsim staff --confidence P --absenteeism A`:
 * staffing by simulation so that the interval meets its targets on a share
 * P of days (staff.h), and the absenteeism it simulates (model.h).
 *
 *  - absence: with counts N and N + 1 (same seed) the agents present differ
 *    by 0 or 1 in every replication (common random numbers: agent j's
 *    absence is one draw of its own stream), the same agents are present
 *    in every interval with the same count, and the share present is
 *    1 - A within its sampling error; the run's agents and occupancy
 *    figures count the agents present;
 *  - validation: on a stationary M/M/c scenario (a warm-up, one 4-hour
 *    interval, volume_cv in the scenario), the simulated answer is within
 *    one agent of the closed form of uncertainty.h, which is what
 *    `ccsim erlang --confidence` prints (compared here too);
 *  - the reported share of days is inside its 95% Wilson interval, whose
 *    ends are recomputed from the share and the replications;
 *  - outputs: CSV columns and JSON keys are added, never renamed; bad
 *    options are refused with exit status 2.
 */
#include "ccs_test.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/uncertainty.h"

#define ABSENCE_FMT \
    "name = \"absence\";\n" \
    "horizon = { intervals = 2; interval_minutes = 30; };\n" \
    "calls = ( { name = \"c\"; calls_per_hour = 300.0;\n" \
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n" \
    "agents = ( { name = \"a\"; count = %d; serves = [\"c\"]; } );\n" \
    "run = { replications = 200; seed = 5; };\n"

static ccs_scenario *absence_scenario(int count, double absent)
{
    char text[1024];
    snprintf(text, sizeof text, ABSENCE_FMT, count);
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_parse(text, "absence.cfg", NULL, 0, &e);
    ck_assert_msg(sc != NULL, "%s", e.msg);
    sc->groups[0].absenteeism = absent;
    return sc;
}

START_TEST(test_absence_common_random_numbers)
{
    const int n = 20, reps = 400;
    const double absent = 0.2;
    ccs_scenario *a = absence_scenario(n, absent), *b = absence_scenario(n + 1, absent);
    ccs_error e;
    ccs_model *ma = ccs_model_new(a, &e), *mb = ccs_model_new(b, &e);
    ck_assert(ma && mb);
    ccs_tally_dims da = ccs_tally_dims_of(a), db = ccs_tally_dims_of(b);
    ccs_tallies *ta = ccs_tallies_new(&da, 1), *tb = ccs_tallies_new(&db, 1);
    ccs_tally_rep va = ccs_tallies_rep(ta, 0), vb = ccs_tallies_rep(tb, 0);
    uint64_t ev;
    long sum = 0;
    int lo = n, hi = 0;
    for (int r = 0; r < reps; r++) {
        ck_assert_int_eq(ccs_model_run(ma, r, &va, &ev), CCS_OK);
        ck_assert_int_eq(ccs_model_run(mb, r, &vb, &ev), CCS_OK);
        int pa = ccs_model_present(ma, 0, 0), pb = ccs_model_present(mb, 0, 0);
        ck_assert_msg(pb - pa == 0 || pb - pa == 1, "rep %d: %d present of %d, %d of %d", r, pa,
                      n, pb, n + 1);
        ck_assert_int_eq(ccs_model_present(ma, 0, 1), pa);   /* the same agents all day */
        ck_assert(pa >= 0 && pa <= n);
        sum += pa;
        lo = pa < lo ? pa : lo;
        hi = pa > hi ? pa : hi;
    }
    ck_assert_msg(hi > lo, "the same agents absent on every day");
    double share = (double)sum / (reps * n);
    double sd = sqrt(absent * (1 - absent) / (reps * n));
    ck_assert_msg(fabs(share - (1 - absent)) < 4 * sd, "share present %g, want %g +- %g", share,
                  1 - absent, 4 * sd);
    ccs_tallies_free(ta);
    ccs_tallies_free(tb);
    ccs_model_free(ma);
    ccs_model_free(mb);
    ccs_scenario_free(a);
    ccs_scenario_free(b);
}
END_TEST

START_TEST(test_absence_figures_count_present)
{
    ccs_scenario *sc = absence_scenario(20, 0.2);
    ccs_error e;
    ccs_run_options ro = {0};
    ccs_results *res = ccs_sim_run(sc, &ro, &e);
    ck_assert_msg(res != NULL, "%s", e.msg);
    ck_assert_ptr_nonnull(res->present);
    double present = 0;
    for (int r = 0; r < res->replications; r++) {
        present += ccs_results_present(res, r, 0, 0);
    }
    ck_assert_int_eq(ccs_results_present(res, res->replications, 0, 0), -1);
    ck_assert_int_eq(ccs_results_present(res, 0, 0, 1), -1);
    present /= res->replications;
    /* agents on shift: the time average of those present, not the 20
     * scheduled */
    CCS_ASSERT_CLOSE("agents present", res->groups[0].agents.mean, present, 1e-12, 0);
    ck_assert(res->groups[0].agents.mean < 18.0 && res->groups[0].agents.mean > 14.0);
    /* occupancy = busy time over the time of the agents present: about
     * 0.86 here (15 Erlangs on 16 present on average, fewer on some days);
     * counting the absent as idle would give about 0.86 x 16 / 20 = 0.69.
     * 0.80 lies between, 10 standard errors from each. */
    ck_assert_msg(res->summary.occupancy.mean > 0.80,
                  "occupancy %g counts absent agents as idle", res->summary.occupancy.mean);
    ccs_results_free(res);
    /* Without absenteeism nothing changes: no present table. */
    sc->groups[0].absenteeism = 0;
    res = ccs_sim_run(sc, &ro, &e);
    ck_assert_ptr_null(res->present);
    ck_assert_double_eq(res->groups[0].agents.mean, 20.0);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- staff --confidence against the closed form ------------------------ */

#define STATIONARY_FMT \
    "name = \"stationary M/M/c\";\n" \
    "horizon = { intervals = 1; interval_minutes = 240; start = \"08:00\"; };\n" \
    "calls = ( { name = \"c\"; calls_per_hour = %g; volume_cv = %g;\n" \
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n" \
    "            service_level = \"80/20\"; } );\n" \
    "agents = ( { name = \"a\"; count = 30; serves = [\"c\"]; } );\n" \
    "run = { replications = 100; seed = 11; warmup_minutes = 60; };\n"

static json_t *run_json(const char *args)
{
    char *out, *err;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "ccsim %s: exit %d: %s", args, rc, err);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    ck_assert_msg(j != NULL, "ccsim %s: not JSON: %s", args, je.text);
    free(out);
    free(err);
    return j;
}

static double jnum(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_number(v), "no number %s", key);
    return json_number_value(v);
}

static const struct {
    double rate, cv, absent, conf;
} cases[] = {
    {400, 0.10, 0.08, 0.90},
    {400, 0.20, 0.00, 0.80},
};

START_TEST(test_staff_confidence_matches_erlang)
{
    double rate = cases[_i].rate, cv = cases[_i].cv, absent = cases[_i].absent,
           conf = cases[_i].conf;
    char path[] = "/tmp/ccs_staffconf_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *fp = fdopen(fd, "w");
    fprintf(fp, STATIONARY_FMT, rate, cv);
    fclose(fp);

    /* The closed form, here and through the CLI. */
    ccs_error e;
    ccs_uncertainty *u = ccs_uncertainty_new(cv, absent, &e);
    ck_assert_ptr_nonnull(u);
    ccs_erlang_query q = {rate, 180, 0, 20};
    ccs_staffing_targets t = {0};
    t.service_level = 0.8;
    ccs_uncertain_staffing want;
    ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, conf, &want, &e), CCS_OK);
    ccs_uncertainty_free(u);
    char args[512];
    snprintf(args, sizeof args,
             "erlang --calls %g/h --aht 180 --sl 80/20 --volume-cv %g --absenteeism %g "
             "--confidence %g --format json",
             rate, cv, absent, conf);
    json_t *ej = run_json(args);
    ck_assert_int_eq((int)jnum(ej, "required_agents"), want.agents);
    json_decref(ej);

    snprintf(args, sizeof args,
             "staff %s --confidence %g --absenteeism %g --reps 400 --max-reps 400 --format json",
             path, conf, absent);
    json_t *sj = run_json(args);
    ck_assert_double_eq(jnum(sj, "confidence"), conf);
    ck_assert_double_eq(jnum(sj, "absenteeism"), absent);
    ck_assert_str_eq(json_string_value(json_object_get(sj, "prob_meet_ci")), "wilson");
    json_t *iv = json_array_get(json_object_get(sj, "intervals"), 0);
    int sim = (int)jnum(iv, "simulated_agents");
    ck_assert_int_eq((int)jnum(iv, "erlang_confidence_agents"), want.agents);
    ck_assert_msg(abs(sim - want.agents) <= 1,
                  "cv %g, absenteeism %g, confidence %g: simulated %d, closed form %d", cv,
                  absent, conf, sim, want.agents);
    /* The share of days and its Wilson interval. */
    json_t *pm = json_object_get(iv, "prob_meet_target");
    double p = jnum(pm, "mean");
    json_t *ci = json_object_get(pm, "ci95");
    double lo = json_number_value(json_array_get(ci, 0)),
           hi = json_number_value(json_array_get(ci, 1));
    int n = (int)jnum(iv, "replications");
    ck_assert_int_eq(n, 400);
    double z = 1.959963984540054, d = 1 + z * z / n;
    double mid = (p + z * z / (2.0 * n)) / d;
    double half = z * sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
    CCS_ASSERT_CLOSE("Wilson lower end", lo, mid - half, 1e-12, 1e-15);
    CCS_ASSERT_CLOSE("Wilson upper end", hi, mid + half, 1e-12, 1e-15);
    ck_assert(lo <= p && p <= hi);
    /* The answer meets the confidence by the point estimate. */
    ck_assert_msg(p >= conf, "share of days %g below %g at the answer", p, conf);
    json_decref(sj);
    unlink(path);
}
END_TEST

START_TEST(test_staff_confidence_outputs)
{
    char path[] = "/tmp/ccs_staffconf_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *fp = fdopen(fd, "w");
    fprintf(fp, STATIONARY_FMT, 200.0, 0.1);
    fclose(fp);
    char args[512], *plain, *conf, *err;
    snprintf(args, sizeof args, "staff %s --reps 20 --format csv", path);
    ck_assert_int_eq(ccs_test_run(args, &plain, &err), 0);
    free(err);
    snprintf(args, sizeof args,
             "staff %s --reps 20 --max-reps 20 --confidence 0.8 --absenteeism 5%% --format csv",
             path);
    ck_assert_int_eq(ccs_test_run(args, &conf, &err), 0);
    free(err);
    /* The header: the plain one, then four columns. */
    size_t hp = strcspn(plain, "\n");
    ck_assert_msg(strncmp(conf, plain, hp) == 0, "columns renamed:\n%.*s\n%s", (int)hp, plain,
                  conf);
    const char *extra = ",erlang_confidence_agents,prob_meet_target,prob_meet_target_lo,"
                        "prob_meet_target_hi\n";
    ck_assert_msg(strncmp(conf + hp, extra, strlen(extra)) == 0, "%s", conf);
    free(plain);
    free(conf);
    /* Text: P(meet) beside the SL. */
    snprintf(args, sizeof args, "staff %s --reps 20 --max-reps 20 --confidence 0.8", path);
    ck_assert_int_eq(ccs_test_run(args, &conf, &err), 0);
    ck_assert_msg(strstr(conf, "SL % [95% CI]         P(meet) % [95% CI]") != NULL, "%s", conf);
    free(conf);
    free(err);
    /* Bad options. */
    static const char *const bad[] = {"--confidence 1", "--confidence 0", "--confidence x",
                                      "--absenteeism 95%", "--absenteeism -0.1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out;
        snprintf(args, sizeof args, "staff %s %s", path, bad[i]);
        ck_assert_int_eq(ccs_test_run(args, &out, &err), 2);
        ck_assert_msg(out[0] == '\0' && strncmp(err, "ccsim staff: --", 15) == 0 &&
                          strchr(err, '\n') == err + strlen(err) - 1,
                      "%s: %s", bad[i], err);
        free(out);
        free(err);
    }
    unlink(path);
}
END_TEST

Suite *staff_confidence_suite(void)
{
    Suite *s = suite_create("staff_confidence");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_absence_common_random_numbers);
    tcase_add_test(tc, test_absence_figures_count_present);
    tcase_add_loop_test(tc, test_staff_confidence_matches_erlang, 0,
                        (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_staff_confidence_outputs);
    suite_add_tcase(s, tc);
    return s;
}
