/*
 * check_staff_conf_targets.c — ccs_staff_search() with a confidence P and
 * the other targets (--asa, --max-abandon, --max-occupancy): an interval
 * meets its targets on a day when that day's own SL, ASA, abandon rate and
 * occupancy all meet them (staff.h), and the staffing is the least N whose
 * share of such days is at least P.
 *
 *  - the reported P(meet) is recomputed here from a run of our own: the
 *    scenario with the counts found, the same seed and replications (the
 *    final run is reproducible), each day judged by this test's own
 *    reading of the rule from the raw tallies: answered in SL over the
 *    SL definition's denominator >= target, wait of answered calls over
 *    answered <= max ASA, abandoned over offered <= max abandon, busy over
 *    staffed agent-seconds <= max occupancy.  The share must be equal to
 *    the reported one, and its Wilson interval must hold it;
 *  - occupancy binds: a day's occupancy is its busy time over N agents'
 *    time, whose mean is A / N = 50 / N on mmc.cfg, so at N <= 62 (80.6%)
 *    fewer than half the days are at most 80% busy, far below P = 0.9:
 *    the answer is at least ceil(50 / 0.8) = 63; and the share at the
 *    answer is a share of days with occupancy <= 80%, so at least P of
 *    the days, less the sampling error of two independent samples of
 *    the same size (the search's and the final run's; 4.42 standard
 *    errors of a binomial proportion each, CCS_ALPHA_TEST);
 *  - ASA and abandonment on mmc-abandon.cfg (patience 60 s): the same
 *    recomputation with both targets on, tight enough to bind (an ASA of
 *    4 s and 2% abandoned need more agents than 80/20 alone).
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>

#include "ccsim/scenario.h"
#include "ccsim/service_level.h"
#include "ccsim/sim.h"
#include "ccsim/staff.h"
#include "ccsim/tallies.h"

static ccs_scenario *load(const char *path, uint64_t salt)
{
    const char *set[] = {"horizon.intervals=1"};
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_load(path, set, 1, &e);
    ck_assert_msg(sc != NULL, "%s: %s", path, e.msg);
    sc->seed = ccs_test_seed(salt);
    return sc;
}

/* The share of days of res meeting every target of o in interval k, by
 * this test's reading of the rule. */
static double share_of_days(const ccs_scenario *sc, const ccs_results *res, int k,
                            const ccs_staff_options *o)
{
    int met = 0;
    for (int r = 0; r < res->replications; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        const ccs_tally *x = ccs_tally_at(&v, k, 0);
        int ok = 1;
        double den = ccs_sl_denominator(sc->sl_definition, x);
        if (den > 0) {
            ok &= x->answered_in_sl / den >= sc->types[0].sl_target;
        }
        if (o->max_asa_s > 0 && x->handled > 0) {
            ok &= x->wait_answered_s / x->handled <= o->max_asa_s;
        }
        if (o->max_abandon > 0 && x->offered > 0) {
            ok &= x->abandoned / x->offered <= o->max_abandon;
        }
        if (o->max_occupancy > 0) {
            double staffed = ccs_staff_tally_at(&v, k, 0)->staffed_s;
            ok &= staffed <= 0 || x->busy_s / staffed <= o->max_occupancy;
        }
        met += ok;
    }
    return (double)met / res->replications;
}

/* Staffs sc with o, checks the reported share against a run of our own,
 * returns the answer of interval 0. */
static int staff_and_recount(ccs_scenario *sc, const ccs_staff_options *o)
{
    ccs_error e;
    ccs_staff_result *st = ccs_staff_search(sc, o, &e);
    ck_assert_msg(st != NULL, "%s: %s", e.key, e.msg);
    const ccs_staff_interval *iv = &st->intervals[0];
    ck_assert(iv->prob_meet.defined);
    int n = st->counts[0];
    ck_assert_int_eq(iv->agents, n);
    int saved = sc->groups[0].count[0];
    sc->groups[0].count[0] = n;
    ccs_run_options ro = {0};
    ro.replications = st->replications;
    ccs_results *res = ccs_sim_run(sc, &ro, &e);
    ck_assert_msg(res != NULL, "%s", e.msg);
    double share = share_of_days(sc, res, 0, o);
    ck_assert_msg(fabs(share - iv->prob_meet.mean) < 1e-12,
                  "N = %d: %d replications, share of days meeting the targets %.6f, "
                  "reported %.6f",
                  n, st->replications, share, iv->prob_meet.mean);
    ck_assert(iv->prob_meet.lo <= share && share <= iv->prob_meet.hi);
    /* At least P less two samples' error (see the header). */
    double se = sqrt(o->confidence * (1 - o->confidence) / st->replications);
    ck_assert_msg(share >= o->confidence - 2 * 4.42 * se,
                  "N = %d: share %.4f, confidence %.2f, se %.4f", n, share, o->confidence, se);
    ccs_results_free(res);
    sc->groups[0].count[0] = saved;
    ccs_staff_result_free(st);
    return n;
}

static void options(ccs_staff_options *o)
{
    ccs_staff_options_init(o);
    o->confidence = 0.9;
    o->replications = 200;
    o->max_replications = 400;
}

START_TEST(test_occupancy_binds)
{
    ccs_scenario *sc = load("scenarios/mmc.cfg", 411);
    ccs_staff_options o;
    options(&o);
    o.max_occupancy = 0.80;
    int n = staff_and_recount(sc, &o);
    int floor_n = (int)ceil(1000.0 * 180.0 / 3600.0 / 0.80);
    ck_assert_int_eq(floor_n, 63);
    ck_assert_msg(n >= floor_n, "%d agents for occupancy <= 80%% on 90%% of days, want >= %d",
                  n, floor_n);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_asa_and_abandon)
{
    ccs_scenario *sc = load("scenarios/mmc-abandon.cfg", 412);
    ccs_staff_options o;
    options(&o);
    o.max_asa_s = 4.0;
    o.max_abandon = 0.02;
    staff_and_recount(sc, &o);
    ccs_scenario_free(sc);
}
END_TEST

Suite *staff_conf_targets_suite(void)
{
    Suite *s = suite_create("staff_conf_targets");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_occupancy_binds);
    tcase_add_test(tc, test_asa_and_abandon);
    suite_add_tcase(s, tc);
    return s;
}
