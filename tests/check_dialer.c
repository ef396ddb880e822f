/*
 * check_dialer.c — outbound campaigns: dialing modes, outcome frequencies
 * against the configured probabilities, agent time accounted exactly once
 * (talk, wrap-up, preview, waiting on a dial), the predictive pacer's
 * abandon rate at most its target and not far below it, blending with
 * inbound, and the shipped outbound and blended scenarios.  Seeds come from
 * CCSIM_TEST_SEED; statistical checks are z tests at the Bonferroni share
 * of CCS_ALPHA_TEST.
 */
#include "ccs_test.h"
#include "ccs_testsc.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ccs_ref.h"
#include "ccsim/dist.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

/* A collections campaign for 15 agents over 4 hours. */
static const char *outbound_text =
    "name = \"dialer test\";\n"
    "horizon = { intervals = 8; interval_minutes = 30; };\n"
    "agents = ( { name = \"collectors\"; count = 15; } );\n"
    "outbound = { campaigns = ( {\n"
    "  name = \"collections\"; mode = \"predictive\"; agents = [ \"collectors\" ];\n"
    "  list_size = 8000; max_attempts = 4; window = [0, 7];\n"
    "  outcomes = { no_answer = 0.45; busy = 0.05; machine = 0.20; wrong_party = 0.05;\n"
    "               right_party = 0.25; };\n"
    "  talk_time = { right_party = { dist = \"lognormal\"; mean = 180.0; cv = 0.6; };\n"
    "                wrong_party = { dist = \"exponential\"; mean = 20.0; };\n"
    "                machine = { dist = \"deterministic\"; mean = 15.0; }; };\n"
    "  wrap_time = { dist = \"gamma\"; mean = 45.0; cv = 0.5; };\n"
    "  success = 0.3; abandon_target = 0.03;\n"
    "  amd = { enabled = false; false_positive = 0.01; false_negative = 0.1; };\n"
    "} ); };\n"
    "run = { replications = 10; seed = 3; };\n";

/* An inbound queue; the blended variant adds a campaign on the same group. */
static const char *inbound_text =
    "name = \"blend test\";\n"
    "horizon = { intervals = 6; interval_minutes = 30; };\n"
    "calls = ( { name = \"care\"; calls_per_hour = 400.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 120.0; }; } );\n"
    "agents = ( { name = \"team\"; count = 30; serves = [ \"care\" ]; } );\n"
    "run = { replications = 6; seed = 9; };\n";

static const char *blended_tail =
    "outbound = { campaigns = ( {\n"
    "  name = \"sales\"; mode = \"predictive\"; agents = [ \"team\" ]; reserve = 30;\n"
    "  list_size = 5000;\n"
    "  outcomes = { no_answer = 0.5; machine = 0.2; right_party = 0.3; };\n"
    "  talk_time = { right_party = { dist = \"exponential\"; mean = 200.0; }; };\n"
    "} ); };\n";

static ccs_scenario *load(const char *text, const char **sets, int n)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "(test)", sets, n, &err);
    char buf[600];
    ck_assert_msg(sc != NULL, "scenario: %s", ccs_error_format(&err, buf, sizeof buf));
    return sc;
}

static ccs_results *run(const ccs_scenario *sc)
{
    ccs_error err;
    ccs_results *r = ccs_sim_run(sc, NULL, &err);
    ck_assert_msg(r != NULL, "run: %s", err.msg);
    return r;
}

/* Sum of a campaign tally field over the intervals of replication rep. */
static double csum_at(const ccs_results *r, int rep, size_t offset)
{
    double s = 0;
    for (int k = 0; k < r->sc->n_intervals; k++) {
        const ccs_campaign_tally *t = ccs_test_craw(r, rep, k, 0);
        s += *(const double *)((const char *)t + offset);
    }
    return s;
}

#define CSUM(res, rep, field) csum_at((res), (rep), offsetof(ccs_campaign_tally, field))

/* The day's sum of a campaign field over replications and intervals. */
static double ctotal(const ccs_results *r, size_t offset)
{
    double s = 0;
    for (int rep = 0; rep < r->replications; rep++) {
        s += csum_at(r, rep, offset);
    }
    return s;
}
#define CTOTAL(res, field) ctotal((res), offsetof(ccs_campaign_tally, field))

static ccs_results *run_mode(const char *mode, const char *extra, ccs_scenario **sc_out)
{
    char set[64], seed[40];
    snprintf(set, sizeof set, "outbound.campaigns.[0].mode=\"%s\"", mode);
    snprintf(seed, sizeof seed, "run.seed=%llu", (unsigned long long)ccs_test_seed(41));
    const char *sets[3] = {set, seed, extra};
    ccs_scenario *sc = load(outbound_text, sets, extra ? 3 : 2);
    *sc_out = sc;
    return run(sc);
}

START_TEST(test_progressive_and_preview_never_abandon)
{
    const char *modes[] = {"progressive", "preview"};
    for (int i = 0; i < 2; i++) {
        ccs_scenario *sc;
        ccs_results *r = run_mode(modes[i], NULL, &sc);
        for (int rep = 0; rep < r->replications; rep++) {
            ck_assert_msg(CSUM(r, rep, abandoned) == 0, "%s abandoned %g calls in rep %d",
                          modes[i], CSUM(r, rep, abandoned), rep);
            ck_assert(CSUM(r, rep, right_party_contacts) > 0);
        }
        ck_assert(r->campaigns[0].dial_wait_share.mean > 0);
        ccs_results_free(r);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* The reason predictive dialers exist: more right-party contacts per agent
 * hour than progressive on the same list, within the abandon limit. */
START_TEST(test_predictive_beats_progressive)
{
    ccs_scenario *sa, *sb;
    ccs_results *pred = run_mode("predictive", NULL, &sa);
    ccs_results *prog = run_mode("progressive", NULL, &sb);
    ccs_estimate a = pred->campaigns[0].rpc_per_agent_hour;
    ccs_estimate b = prog->campaigns[0].rpc_per_agent_hour;
    ck_assert_msg(a.lo > b.hi, "predictive RPC/agent-hour %g [%g, %g] not above progressive %g "
                               "[%g, %g]",
                  a.mean, a.lo, a.hi, b.mean, b.lo, b.hi);
    ck_assert(pred->campaigns[0].dial_wait_share.mean == 0);
    ccs_results_free(pred);
    ccs_results_free(prog);
    ccs_scenario_free(sa);
    ccs_scenario_free(sb);
}
END_TEST

/* Over several seeds, the day's abandon rate stays at or under the target
 * and uses the allowance: at least half of it (the pacer aims at 70% of the
 * target and dials one line per free agent when the day is above 90%). */
START_TEST(test_predictive_meets_abandon_target)
{
    const char *amd[] = {"outbound.campaigns.[0].amd.enabled=false",
                         "outbound.campaigns.[0].amd.enabled=true"};
    for (int i = 1; i <= 8; i++) {
        char s[40];
        unsigned long long seed = (unsigned long long)ccs_test_seed(50 + (uint64_t)i);
        snprintf(s, sizeof s, "run.seed=%llu", seed);
        const char *sets[2] = {s, amd[i % 2]};
        ccs_scenario *sc = load(outbound_text, sets, 2);
        ccs_results *r = run(sc);
        ccs_estimate e = r->campaigns[0].abandon_rate;
        ck_assert_msg(e.defined && e.mean <= 0.03,
                      "seed %llu: abandon rate %g [%g, %g] over the 3%% target", seed, e.mean,
                      e.lo, e.hi);
        ck_assert_msg(e.mean >= 0.015, "seed %llu: abandon rate %g, far below the 3%% target",
                      seed, e.mean);
        ccs_results_free(r);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* Progressive dialing on a list that never runs out: an agent is always
 * waiting on a dial, talking or wrapping up, one at a time, so those shares
 * of agent time add up to exactly 1 (an agent freed before its wrap-up
 * ends would dial during it and count more than its time). */
START_TEST(test_progressive_time_accounting)
{
    ccs_scenario *sc;
    ccs_results *r = run_mode("progressive", NULL, &sc);
    double staffed = 15.0 * 8 * 1800;
    for (int rep = 0; rep < r->replications; rep++) {
        double t = CSUM(r, rep, talk_s) + CSUM(r, rep, wrap_s) + CSUM(r, rep, preview_s) +
                   CSUM(r, rep, dial_wait_s);
        CCS_ASSERT_CLOSE("talk + wrap + dial wait = agent time", t, staffed, 1e-9, 0);
        ck_assert(CSUM(r, rep, first_attempts) < sc->campaigns[0].list_size);
    }
    const ccs_campaign_figures *f = &r->campaigns[0];
    CCS_ASSERT_CLOSE("shares add up", f->talk_share.mean + f->wrap_share.mean +
                     f->dial_wait_share.mean + f->preview_share.mean, 1.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("occupancy = talk + wrap", f->occupancy.mean,
                     f->talk_share.mean + f->wrap_share.mean, 1e-9, 0);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* Every dial ends in one outcome, drawn with the configured probabilities
 * (no answer 0.45, busy 0.05, machine 0.20, live 0.30 of which right party
 * 0.25), and a right-party contact succeeds with probability 0.3; progressive
 * dialing talks to every live answer.  Wrap-up (gamma, mean 45 s) follows
 * right-party contacts only, talk follows every answer: per replication the
 * day's wrap over talk is 0.25 x 45 / (0.25 x 180 + 0.05 x 20 + 0.20 x 15)
 * in expectation (renewal reward, up to the day's two ends). */
START_TEST(test_outcome_frequencies)
{
    ccs_scenario *sc;
    ccs_results *r = run_mode("progressive", NULL, &sc);
    double dials = CTOTAL(r, dials);
    ck_assert_double_eq(CTOTAL(r, no_answers) + CTOTAL(r, busies) + CTOTAL(r, machines) +
                            CTOTAL(r, connects),
                        dials);
    static const struct {
        const char *what;
        size_t field;
        double p;
    } outcomes[] = {
        {"no answer", offsetof(ccs_campaign_tally, no_answers), 0.45},
        {"busy", offsetof(ccs_campaign_tally, busies), 0.05},
        {"machine", offsetof(ccs_campaign_tally, machines), 0.20},
        {"live answer", offsetof(ccs_campaign_tally, connects), 0.30},
        {"right party", offsetof(ccs_campaign_tally, right_party_contacts), 0.25},
    };
    double z = ccs_test_zcrit(CCS_ALPHA_TEST, 7);
    for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++) {
        double p = outcomes[i].p;
        CCS_ASSERT_Z(outcomes[i].what, ctotal(r, outcomes[i].field) / dials, p,
                     sqrt(p * (1 - p) / dials), z);
    }
    double rpc = CTOTAL(r, right_party_contacts);
    CCS_ASSERT_Z("success | right party", CTOTAL(r, successes) / rpc, 0.3,
                 sqrt(0.3 * 0.7 / rpc), z);
    int R = r->replications;
    double *y = calloc((size_t)R, sizeof *y), *x = calloc((size_t)R, sizeof *x);
    for (int rep = 0; rep < R; rep++) {
        y[rep] = CSUM(r, rep, wrap_s);
        x[rep] = CSUM(r, rep, talk_s);
    }
    ccs_ref_ratio_test t;
    double want = 0.25 * 45 / (0.25 * 180 + 0.05 * 20 + 0.20 * 15);
    ccs_ref_ratio_test_run(y, x, (size_t)R, NULL, 0, want, &t);
    /* The day's ends cut at most one call per agent: 15 x 225 s of a day's
     * ~15 x 4 h x 0.7 talk. */
    double edge = want * 15 * 225 / x[0];
    ck_assert_msg(fabs(t.bias) <= ccs_test_tcrit(CCS_ALPHA_TEST, 7, R - 1) * t.se + edge,
                  "wrap / talk %g, want %g (z = %.2f)", t.ratio, want, t.bias / t.se);
    free(y);
    free(x);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* The shipped outbound and blended scenarios: each dial's outcome drawn
 * with its interval's configured probabilities (expected counts
 * sum_k dials_k p_k, binomial variances), the predictive abandon rate
 * within [target / 2, target], and the wrap-up per right-party contact at
 * its configured mean (wrap-up cut by the day's end allowed for: at most
 * the last interval's contacts' worth). */
START_TEST(test_shipped_outbound_scenarios)
{
    static const char *const files[] = {"scenarios/outbound-collections.cfg",
                                        "scenarios/blended.cfg"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char seed[40];
        snprintf(seed, sizeof seed, "run.seed=%llu",
                 (unsigned long long)ccs_test_seed(60 + (uint64_t)i));
        const char *sets[] = {seed};
        ccs_error err;
        ccs_scenario *sc = ccs_scenario_load(files[i], sets, 1, &err);
        ck_assert_msg(sc != NULL, "%s: %s", files[i], err.msg);
        ck_assert_int_ge(sc->n_campaigns, 1);
        ccs_results *r = run(sc);
        const ccs_campaign *cp = &sc->campaigns[0];
        int nk = sc->n_intervals;
        double want[4] = {0}, var[4] = {0}, got[4] = {0}, last = 0;
        for (int rep = 0; rep < r->replications; rep++) {
            for (int k = 0; k < nk; k++) {
                const ccs_campaign_tally *t = ccs_test_craw(r, rep, k, 0);
                const double *q = cp->p + (size_t)k * CCS_N_OUTCOMES;
                double p[4] = {q[CCS_OUT_NO_ANSWER], q[CCS_OUT_BUSY], q[CCS_OUT_MACHINE],
                               q[CCS_OUT_WRONG_PARTY] + q[CCS_OUT_RIGHT_PARTY]};
                double n[4] = {t->no_answers, t->busies, t->machines, t->connects};
                for (int o = 0; o < 4; o++) {
                    want[o] += t->dials * p[o];
                    var[o] += t->dials * p[o] * (1 - p[o]);
                    got[o] += n[o];
                }
                if (k == nk - 1) {
                    last += t->right_party_contacts;
                }
            }
        }
        static const char *const names[4] = {"no answers", "busies", "machines", "live"};
        double z = ccs_test_zcrit(CCS_ALPHA_TEST, 6);
        for (int o = 0; o < 4; o++) {
            char what[128];
            snprintf(what, sizeof what, "%s: %s", files[i], names[o]);
            CCS_ASSERT_Z(what, got[o], want[o], sqrt(var[o]), z);
        }
        ck_assert_double_eq(got[0] + got[1] + got[2] + got[3], CTOTAL(r, dials));
        ck_assert_int_eq(cp->mode, CCS_DIAL_PREDICTIVE);
        ccs_estimate e = r->campaigns[0].abandon_rate;
        ck_assert_msg(e.mean <= cp->abandon_target && e.mean >= cp->abandon_target / 2,
                      "%s: abandon rate %g, target %g", files[i], e.mean, cp->abandon_target);
        double wrap_mean = ccs_dist_mean(&cp->wrap), rpc = CTOTAL(r, right_party_contacts);
        double sd = wrap_mean * ccs_dist_cv(&cp->wrap), se = sd / sqrt(rpc);
        double w = CTOTAL(r, wrap_s) / rpc;
        ck_assert_msg(w <= wrap_mean + z * se && w >= wrap_mean - z * se - wrap_mean * last / rpc,
                      "%s: wrap-up per right-party contact %g s, configured %g s", files[i], w,
                      wrap_mean);
        ck_assert(r->campaigns[0].wrap_share.mean > 0);
        ccs_results_free(r);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* Pacing fixed at one line per free agent cannot overbook agents: it
 * behaves as progressive, call for call. */
START_TEST(test_fixed_one_line_is_progressive)
{
    ccs_scenario *sa, *sb;
    ccs_results *fixed = run_mode("predictive", "outbound.campaigns.[0].pacing=\"fixed\"", &sa);
    ccs_results *prog = run_mode("progressive", NULL, &sb);
    for (int rep = 0; rep < fixed->replications; rep++) {
        ck_assert(CSUM(fixed, rep, abandoned) == 0);
        ck_assert(CSUM(fixed, rep, dials) == CSUM(prog, rep, dials));
        ck_assert(CSUM(fixed, rep, connects) == CSUM(prog, rep, connects));
        ck_assert(CSUM(fixed, rep, right_party_contacts) == CSUM(prog, rep, right_party_contacts));
        ck_assert(CSUM(fixed, rep, successes) == CSUM(prog, rep, successes));
    }
    ccs_results_free(fixed);
    ccs_results_free(prog);
    ccs_scenario_free(sa);
    ccs_scenario_free(sb);
}
END_TEST

/* A reserve of all agents never lets the dialer dial: the inbound results
 * are those of the same center without a campaign, bit for bit. */
START_TEST(test_blend_full_reserve_is_pure_inbound)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", inbound_text, blended_tail);
    ccs_scenario *a = load(inbound_text, NULL, 0), *b = load(text, NULL, 0);
    ccs_results *ra = run(a), *rb = run(b);
    size_t n = (size_t)a->n_intervals * (size_t)a->n_types;
    for (int rep = 0; rep < ra->replications; rep++) {
        ck_assert_int_eq(memcmp(ccs_test_raw(ra, rep, 0, 0), ccs_test_raw(rb, rep, 0, 0),
                                n * sizeof(ccs_tally)),
                         0);
    }
    ck_assert(rb->campaigns[0].dials.mean == 0);
    /* with no reserve the dialer works, and inbound waits more */
    const char *sets[] = {"outbound.campaigns.[0].reserve=0"};
    ccs_scenario *c = load(text, sets, 1);
    ccs_results *rc = run(c);
    ck_assert(rc->campaigns[0].right_party_contacts.mean > 0);
    ck_assert(rc->summary.asa_s.mean > ra->summary.asa_s.mean);
    /* the blended group's time splits into inbound and outbound work */
    const ccs_group_figures *gf = &rc->groups[0];
    CCS_ASSERT_CLOSE("occupancy = inbound + outbound", gf->occupancy.mean,
                     gf->inbound_share.mean + gf->outbound_share.mean, 1e-12, 0);
    ck_assert(gf->outbound_share.mean > 0 && gf->outbound_handled.mean > 0);
    ck_assert(rb->groups[0].outbound_share.mean == 0);
    ck_assert_msg(rc->campaigns[0].abandon_rate.mean <= 0.03, "blended abandon rate %g",
                  rc->campaigns[0].abandon_rate.mean);
    ccs_results_free(ra);
    ccs_results_free(rb);
    ccs_results_free(rc);
    ccs_scenario_free(a);
    ccs_scenario_free(b);
    ccs_scenario_free(c);
}
END_TEST

START_TEST(test_list_window_and_amd)
{
    const char *sets[] = {"outbound.campaigns.[0].window.[0]=2",
                          "outbound.campaigns.[0].window.[1]=5",
                          "outbound.campaigns.[0].amd.enabled=true"};
    ccs_scenario *sc = load(outbound_text, sets, 3);
    ccs_results *r = run(sc);
    int nk = sc->n_intervals;
    for (int rep = 0; rep < r->replications; rep++) {
        double first = 0, dials = 0;
        for (int k = 0; k < nk; k++) {
            const ccs_campaign_tally *t = ccs_test_craw(r, rep, k, 0);
            if (k < 2 || k > 5) {
                ck_assert_msg(t->dials == 0, "dials in interval %d outside the window", k);
            }
            ck_assert(t->connects >= t->right_party_contacts);
            ck_assert(t->amd_false_negatives <= t->machines);
            ck_assert(t->amd_false_positives <= t->connects);
            first += t->first_attempts;
            dials += t->dials;
        }
        ck_assert(first <= sc->campaigns[0].list_size);
        ck_assert(dials >= first && dials <= first * sc->campaigns[0].max_attempts);
    }
    ck_assert(r->campaigns[0].amd_false_negatives.mean > 0);
    ck_assert(r->campaigns[0].list_penetration.mean > 0 &&
              r->campaigns[0].list_penetration.mean <= 1);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_small_list_runs_out)
{
    /* 200 records with one attempt each: the dialer stops when the list
     * is exhausted. */
    const char *sets[] = {"outbound.campaigns.[0].list_size=200",
                          "outbound.campaigns.[0].max_attempts=1"};
    ccs_scenario *sc = load(outbound_text, sets, 2);
    ccs_results *r = run(sc);
    ck_assert(r->campaigns[0].dials.mean == 200);
    ck_assert(r->campaigns[0].list_penetration.mean == 1.0);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

Suite *dialer_suite(void)
{
    Suite *s = suite_create("dialer");
    TCase *c = tcase_create("core");
    tcase_set_timeout(c, 300);
    tcase_add_test(c, test_progressive_and_preview_never_abandon);
    tcase_add_test(c, test_predictive_beats_progressive);
    tcase_add_test(c, test_predictive_meets_abandon_target);
    tcase_add_test(c, test_progressive_time_accounting);
    tcase_add_test(c, test_outcome_frequencies);
    tcase_add_test(c, test_shipped_outbound_scenarios);
    tcase_add_test(c, test_fixed_one_line_is_progressive);
    tcase_add_test(c, test_blend_full_reserve_is_pure_inbound);
    tcase_add_test(c, test_list_window_and_amd);
    tcase_add_test(c, test_small_list_runs_out);
    suite_add_tcase(s, c);
    return s;
}
