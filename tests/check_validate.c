/*
 * check_validate.c — the library's comparison with theory (validate.h):
 * the model each call type gets, every interval's theory against Erlang
 * C / B computed here from the scenario, the day row, and "inside the CI"
 * against the simulated interval.  The CLI's output of the same
 * comparison is checked in check_cli_validate.c and by the golden files.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/erlang.h"
#include "ccsim/validate.h"

static ccs_results *run(const char *path, ccs_scenario **sc, int reps)
{
    char seed[40];
    snprintf(seed, sizeof seed, "run.seed=%llu", (unsigned long long)ccs_test_seed(1010));
    const char *sets[] = {seed};
    ccs_error err;
    *sc = ccs_scenario_load(path, sets, 1, &err);
    ck_assert_msg(*sc != NULL, "%s: %s", path, err.msg);
    ccs_run_options o = {reps, 2, NULL, NULL};
    ccs_results *res = ccs_sim_run(*sc, &o, &err);
    ck_assert_msg(res != NULL, "%s: %s", path, err.msg);
    return res;
}

/* inside[] is 1 exactly when theory lies in the simulated CI (with the
 * documented 1e-9 relative slack), -1 without theory or a defined figure. */
static void check_inside(const ccs_validate_row *r, const char *where)
{
    for (int i = 0; i < CCS_VALIDATE_N_FIGS; i++) {
        const ccs_estimate *e = &r->sim[i];
        double th = r->theory[i];
        int want = -1;
        if (e->defined && isfinite(th)) {
            double tol = 1e-9 * (1 + fabs(th));
            want = th >= e->lo - tol && th <= e->hi + tol;
        }
        ck_assert_msg(r->inside[i] == want, "%s, figure %d: inside %d, want %d", where, i,
                      r->inside[i], want);
    }
}

/* M/M/N: Erlang C per interval, P(abandon) theory 0, no P(block). */
START_TEST(test_erlang_c_rows)
{
    ccs_scenario *sc = NULL;
    ccs_results *res = run("scenarios/mmc.cfg", &sc, 8);
    ccs_error err;
    ccs_validate_result *v = ccs_validate_compare(res, &err);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(v->n_types, sc->n_types);
    const ccs_validate_type *vt = &v->types[0];
    ck_assert_ptr_null(vt->no_theory);
    ck_assert_int_eq(vt->model, CCS_VALIDATE_ERLANG_C);
    ck_assert_int_eq(vt->group, 0);
    const ccs_call_type *ct = &sc->types[0];
    double aht = ccs_dist_mean(&ct->talk) + ccs_dist_mean(&ct->acw);
    for (int k = 0; k < sc->n_intervals; k++) {
        const ccs_validate_row *r = &vt->rows[k];
        char where[64];
        snprintf(where, sizeof where, "interval %d", k);
        ck_assert_int_eq(r->interval, k);
        ck_assert_int_eq(r->agents, sc->groups[0].count[k]);
        CCS_ASSERT_CLOSE(where, r->load, ct->rate_per_hour[k] * aht / 3600.0, CCS_TOL_TIGHT, 0);
        ccs_erlang_query q = {ct->rate_per_hour[k], aht, 0.0, ct->sl_threshold_s};
        ccs_erlang_metrics m;
        int rc = ccs_erlang_eval(&q, r->agents, &m);
        if (rc == CCS_OK) {
            CCS_ASSERT_CLOSE(where, r->theory[CCS_VALIDATE_SL], m.service_level, CCS_TOL_TIGHT,
                             0);
            CCS_ASSERT_CLOSE(where, r->theory[CCS_VALIDATE_ASA], m.asa_s, CCS_TOL_TIGHT, 0);
            ck_assert_double_eq(r->theory[CCS_VALIDATE_ABANDON], 0.0);
        } else {
            ck_assert_int_eq(r->unstable, rc == CCS_EUNSTABLE);
            ck_assert(isnan(r->theory[CCS_VALIDATE_SL]));
        }
        ck_assert(isnan(r->theory[CCS_VALIDATE_BLOCK]));
        check_inside(r, where);
    }
    const ccs_validate_row *day = &vt->rows[sc->n_intervals];
    ck_assert_int_eq(day->interval, -1);
    ck_assert(isnan(day->load));
    check_inside(day, "day");
    ccs_validate_result_free(v);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* M/M/N/N: Erlang B, SL = 1 - B, nobody waits. */
START_TEST(test_erlang_b_rows)
{
    ccs_scenario *sc = NULL;
    ccs_results *res = run("scenarios/teach/06-loss-erlang-b.cfg", &sc, 20);
    ccs_error err;
    ccs_validate_result *v = ccs_validate_compare(res, &err);
    ck_assert_ptr_nonnull(v);
    const ccs_validate_type *vt = &v->types[0];
    ck_assert_int_eq(vt->model, CCS_VALIDATE_ERLANG_B);
    double b = ccs_erlang_b(12, 10.0);   /* 200/h x 180 s on 12 lines */
    for (int k = 0; k <= sc->n_intervals; k++) {
        const ccs_validate_row *r = &vt->rows[k];
        CCS_ASSERT_CLOSE("P(block)", r->theory[CCS_VALIDATE_BLOCK], b, 1e-12, 0);
        CCS_ASSERT_CLOSE("SL", r->theory[CCS_VALIDATE_SL], 1.0 - b, 1e-12, 0);
        ck_assert_double_eq(r->theory[CCS_VALIDATE_PROB_WAIT], 0.0);
        check_inside(r, k < sc->n_intervals ? "interval" : "day");
    }
    ck_assert_int_eq(vt->rows[sc->n_intervals].agents, 12);
    ccs_validate_result_free(v);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* A type several groups answer has no theory, with the reason; the
 * scenario's departures from Erlang's assumptions are warnings. */
START_TEST(test_no_theory)
{
    ccs_scenario *sc = NULL;
    ccs_results *res = run("scenarios/two-types.cfg", &sc, 2);
    ccs_error err;
    ccs_validate_result *v = ccs_validate_compare(res, &err);
    ck_assert_ptr_nonnull(v);
    for (int t = 0; t < v->n_types; t++) {
        ck_assert_ptr_nonnull(v->types[t].no_theory);
        ck_assert_ptr_nonnull(strstr(v->types[t].no_theory, "exactly one group"));
        ck_assert_ptr_null(v->types[t].rows);
        ck_assert_int_eq(v->types[t].group, -1);
    }
    ck_assert_int_gt(v->n_warnings, 0);
    ccs_validate_result_free(v);
    ccs_validate_result_free(NULL);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

Suite *validate_suite(void)
{
    Suite *s = suite_create("validate");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_erlang_c_rows);
    tcase_add_test(tc, test_erlang_b_rows);
    tcase_add_test(tc, test_no_theory);
    suite_add_tcase(s, tc);
    return s;
}
