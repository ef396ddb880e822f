/*
 * check_retrial_draws.c — the retrial options of a call type:
 * retrial.keep_draws (a retrial keeps the patience and handle time drawn
 * at the caller's first attempt, and draws nothing) and
 * service_level.wait = "total" (a retrial answered is in the service
 * level on the caller's waits over its attempts added up).  Checked on
 * the trace of one replication of an overloaded M/M/c+M with retrials
 * (ccs_testsc.h), every figure recomputed from the trace independently of
 * the model's tallies:
 *   - keep_draws: every abandonment of a retrial comes after the patience
 *     of the caller's first attempt; the n-th caller's first patience and
 *     its handle time (whichever attempt is served) are those of a run
 *     without retrials (the streams serve first attempts only: common
 *     random numbers); the same checks fail with keep_draws off, where a
 *     retrial draws anew;
 *   - keep_draws off is what ccsim did before the option: a shipped
 *     scenario with retrials gives bit-for-bit the same tallies with
 *     `retrial.keep_draws = false` set as without it (and the golden
 *     outputs, tests/golden.sh, hold every shipped scenario's figures);
 *   - wait = "total": the calls in the service level equal those the
 *     trace shows answered with their waits added up within the
 *     threshold, and "attempt" those with their own wait within it.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

#include "ccs_testsc.h"

#define MAX_NUM 4096  /* call numbers traced (about 960 arrive) */
#define TOL_S 1e-6    /* waits equal to this: times are sums of a few doubles */

typedef struct draws_trace {
    double first_pat[MAX_NUM]; /* the first attempt's abandonment wait, NAN if none */
    double prior[MAX_NUM];     /* the caller's abandonment waits so far, added up */
    double answer_t[MAX_NUM];  /* time answered, NAN if never */
    double handle[MAX_NUM];    /* depart - answer, NAN if never */
    double sl_s;               /* the service-level threshold */
    long re_abandons;          /* abandonments of retrials ... */
    long re_same;              /* ... after the first attempt's patience */
    long answered, in_sl_attempt, in_sl_total;
    long retried_answers;      /* answers of callers who abandoned before */
} draws_trace;

static void on_trace(void *ctx, const ccs_trace_event *ev)
{
    draws_trace *d = ctx;
    if (ev->type != 0) {
        return;
    }
    ck_assert_uint_lt(ev->call, MAX_NUM);
    uint32_t n = ev->call;
    switch (ev->kind) {
    case CCS_TR_ABANDON:
        if (isnan(d->first_pat[n])) {
            d->first_pat[n] = ev->wait_s;
        } else {
            d->re_abandons++;
            d->re_same += fabs(ev->wait_s - d->first_pat[n]) <= TOL_S;
        }
        d->prior[n] += ev->wait_s;
        break;
    case CCS_TR_ANSWER:
        d->answer_t[n] = ev->time;
        d->answered++;
        d->in_sl_attempt += ev->wait_s <= d->sl_s;
        d->in_sl_total += d->prior[n] + ev->wait_s <= d->sl_s;
        d->retried_answers += !isnan(d->first_pat[n]);
        break;
    case CCS_TR_DEPART:
        d->handle[n] = ev->time - d->answer_t[n];
        break;
    default:
        break;
    }
}

/* 120 calls an hour for four hours, mean handle 5 min (10 Erlangs) on 8
 * agents, patience exponential with mean 2 min; a caller who abandons
 * calls back 10 min later with probability `retry`, at most 5 times. */
static ccs_scenario *overloaded(double retry, int keep, int total)
{
    ccs_scenario *sc = ccs_test_mmc(120, 300, 120, 8, 8, 1800, 0, 1);
    sc->seed = ccs_test_seed(2201);
    ccs_call_type *ct = &sc->types[0];
    ct->retry_abandoned = retry;
    ct->retry_delay = ccs_dist_deterministic(600);
    ct->max_retrials = 5;
    ct->retry_keep_draws = keep;
    ct->sl_threshold_s = 60;
    ct->sl_wait_total = total;
    return sc;
}

/* One replication of sc traced into d; returns the day's calls in the
 * service level by the tallies. */
static double run_traced(const ccs_scenario *sc, draws_trace *d)
{
    for (int i = 0; i < MAX_NUM; i++) {
        d->first_pat[i] = d->answer_t[i] = d->handle[i] = NAN;
        d->prior[i] = 0;
    }
    d->sl_s = sc->types[0].sl_threshold_s;
    d->re_abandons = d->re_same = d->answered = d->in_sl_attempt = d->in_sl_total = 0;
    d->retried_answers = 0;
    ccs_error err;
    ccs_model *m = ccs_model_new(sc, &err);
    ck_assert_msg(m != NULL, "%s", err.msg);
    ccs_model_set_trace(m, on_trace, d, INFINITY);
    ccs_tally_dims dims = ccs_tally_dims_of(sc);
    ccs_tallies *T = ccs_tallies_new(&dims, 1);
    ck_assert_ptr_nonnull(T);
    ccs_tally_rep v = ccs_tallies_rep(T, 0);
    uint64_t ev;
    ck_assert_int_eq(ccs_model_run(m, 0, &v, &ev), CCS_OK);
    double in_sl = 0, handled = 0;
    for (int k = 0; k < sc->n_intervals; k++) {
        in_sl += ccs_tally_at(&v, k, 0)->answered_in_sl;
        handled += ccs_tally_at(&v, k, 0)->handled;
    }
    ck_assert_int_eq((long)handled, d->answered);
    ccs_tallies_free(T);
    ccs_model_free(m);
    return in_sl;
}

/* Callers n whose value x[n] is set in both runs, and of those how many
 * differ by more than TOL_S. */
static void compare(const double *a, const double *b, long *both, long *differ)
{
    *both = *differ = 0;
    for (int n = 1; n < MAX_NUM; n++) {
        if (!isnan(a[n]) && !isnan(b[n])) {
            ++*both;
            *differ += fabs(a[n] - b[n]) > TOL_S;
        }
    }
}

static draws_trace tr_keep, tr_fresh, tr_none, tr_att, tr_tot;

START_TEST(test_keep_draws)
{
    ccs_scenario *keep = overloaded(1.0, 1, 0);
    ccs_scenario *fresh = overloaded(1.0, 0, 0);
    ccs_scenario *none = overloaded(0.0, 1, 0);
    run_traced(keep, &tr_keep);
    run_traced(fresh, &tr_fresh);
    run_traced(none, &tr_none);

    /* Enough of everything for the checks to mean something. */
    ck_assert_msg(tr_keep.re_abandons >= 50 && tr_fresh.re_abandons >= 50,
                  "too few retrials abandoned: %ld and %ld", tr_keep.re_abandons,
                  tr_fresh.re_abandons);

    /* keep_draws: each retrial waits the first attempt's patience. */
    ck_assert_msg(tr_keep.re_same == tr_keep.re_abandons,
                  "keep_draws: %ld of %ld retrials abandoned after another patience than "
                  "their first attempt's",
                  tr_keep.re_abandons - tr_keep.re_same, tr_keep.re_abandons);
    /* Fresh draws: almost never the same (a continuous patience). */
    ck_assert_msg(tr_fresh.re_same <= tr_fresh.re_abandons / 20,
                  "fresh draws: %ld of %ld retrials abandoned after their first patience",
                  tr_fresh.re_same, tr_fresh.re_abandons);

    /* The n-th caller's first patience and handle time are those of the
     * run without retrials when the retrials draw nothing ... */
    long both, differ;
    compare(tr_keep.first_pat, tr_none.first_pat, &both, &differ);
    ck_assert_msg(both >= 50 && differ == 0,
                  "keep_draws: %ld of %ld first patiences differ from the run without "
                  "retrials",
                  differ, both);
    compare(tr_keep.handle, tr_none.handle, &both, &differ);
    ck_assert_msg(both >= 50 && differ == 0,
                  "keep_draws: %ld of %ld handle times differ from the run without retrials",
                  differ, both);
    ck_assert_msg(tr_keep.retried_answers >= 20, "keep_draws: only %ld retrials answered",
                  tr_keep.retried_answers);
    /* ... and not when they draw anew (they take numbers from the streams). */
    compare(tr_fresh.first_pat, tr_none.first_pat, &both, &differ);
    ck_assert_msg(differ >= both / 2, "fresh draws: only %ld of %ld first patiences moved",
                  differ, both);
    compare(tr_fresh.handle, tr_none.handle, &both, &differ);
    ck_assert_msg(differ >= both / 2, "fresh draws: only %ld of %ld handle times moved", differ,
                  both);

    ccs_test_sc_free(keep);
    ccs_test_sc_free(fresh);
    ccs_test_sc_free(none);
}
END_TEST

START_TEST(test_sl_total_wait)
{
    for (int keep = 0; keep <= 1; keep++) {
        ccs_scenario *att = overloaded(1.0, keep, 0);
        ccs_scenario *tot = overloaded(1.0, keep, 1);
        double in_att = run_traced(att, &tr_att);
        double in_tot = run_traced(tot, &tr_tot);
        /* The option changes what is counted, not what happens. */
        ck_assert_int_eq(tr_att.answered, tr_tot.answered);
        ck_assert_int_eq(tr_att.in_sl_total, tr_tot.in_sl_total);
        ck_assert_msg(tr_att.retried_answers >= 20, "only %ld retrials answered",
                      tr_att.retried_answers);
        ck_assert_msg(in_att == (double)tr_att.in_sl_attempt,
                      "wait = \"attempt\": %.0f in SL, the trace has %ld", in_att,
                      tr_att.in_sl_attempt);
        ck_assert_msg(in_tot == (double)tr_tot.in_sl_total,
                      "wait = \"total\": %.0f in SL, the trace has %ld", in_tot,
                      tr_tot.in_sl_total);
        /* Retrials answered quickly after a long first wait: the two differ. */
        ck_assert_msg(in_tot < in_att, "keep %d: total %.0f not below attempt %.0f", keep,
                      in_tot, in_att);
        ccs_test_sc_free(att);
        ccs_test_sc_free(tot);
    }
}
END_TEST

START_TEST(test_keep_draws_false_unchanged)
{
    static const char *const off[] = {"run.replications=20", "calls.[0].retrial.keep_draws=false",
                                      "calls.[1].retrial.keep_draws=false"};
    static const char *const on[] = {"run.replications=20", "calls.[0].retrial.keep_draws=true",
                                     "calls.[1].retrial.keep_draws=true"};
    ccs_error err;
    ccs_scenario *s0 = ccs_scenario_load("scenarios/two-types.cfg", off, 1, &err);
    ck_assert_msg(s0 != NULL, "%s", err.msg);
    ccs_scenario *s1 = ccs_scenario_load("scenarios/two-types.cfg", off, 3, &err);
    ck_assert_msg(s1 != NULL, "%s", err.msg);
    ccs_scenario *s2 = ccs_scenario_load("scenarios/two-types.cfg", on, 3, &err);
    ck_assert_msg(s2 != NULL, "%s", err.msg);
    ck_assert_int_eq(s0->n_types, 2);
    ck_assert_int_eq(s0->types[0].retry_keep_draws, 0);
    ck_assert_int_eq(s2->types[0].retry_keep_draws, 1);
    ck_assert_int_eq(s2->types[1].retry_keep_draws, 1);
    ck_assert_msg(s0->types[0].retry_abandoned > 0, "two-types.cfg has no retrials");
    ccs_results *r0 = ccs_test_sim(s0, 2);
    ccs_results *r1 = ccs_test_sim(s1, 2);
    ccs_results *r2 = ccs_test_sim(s2, 2);
    ck_assert_msg(ccs_test_same_tallies(r0, r1), "keep_draws = false changed the tallies");
    ck_assert_msg(!ccs_test_same_tallies(r0, r2), "keep_draws = true changed nothing");
    ccs_results_free(r0);
    ccs_results_free(r1);
    ccs_results_free(r2);
    ccs_scenario_free(s0);
    ccs_scenario_free(s1);
    ccs_scenario_free(s2);
}
END_TEST

Suite *retrial_draws_suite(void)
{
    Suite *s = suite_create("retrial_draws");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_keep_draws);
    tcase_add_test(tc, test_sl_total_wait);
    tcase_add_test(tc, test_keep_draws_false_unchanged);
    suite_add_tcase(s, tc);
    return s;
}
