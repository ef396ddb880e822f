/*
 * check_dialer.c — outbound campaigns: dialing modes, the predictive pacer
 * and blending with inbound.
 */
#include "ccs_test.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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
        const ccs_campaign_tally *t = &r->craw[(size_t)rep * (size_t)r->sc->n_intervals + (size_t)k];
        s += *(const double *)((const char *)t + offset);
    }
    return s;
}

#define CSUM(res, rep, field) csum_at((res), (rep), offsetof(ccs_campaign_tally, field))

static ccs_results *run_mode(const char *mode, const char *extra, ccs_scenario **sc_out)
{
    char set[64];
    snprintf(set, sizeof set, "outbound.campaigns.[0].mode=\"%s\"", mode);
    const char *sets[2] = {set, extra};
    ccs_scenario *sc = load(outbound_text, sets, extra ? 2 : 1);
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

/* Over many seeds, the day's abandon rate stays at or under the target
 * (the CI's lower end never above it, and the mean at most the target). */
START_TEST(test_predictive_meets_abandon_target)
{
    const char *amd[] = {"outbound.campaigns.[0].amd.enabled=false",
                         "outbound.campaigns.[0].amd.enabled=true"};
    for (int seed = 1; seed <= 8; seed++) {
        char s[40];
        snprintf(s, sizeof s, "run.seed=%d", seed);
        const char *sets[2] = {s, amd[seed % 2]};
        ccs_scenario *sc = load(outbound_text, sets, 2);
        ccs_results *r = run(sc);
        ccs_estimate e = r->campaigns[0].abandon_rate;
        ck_assert_msg(e.defined && e.lo <= 0.03 && e.mean <= 0.03,
                      "seed %d: abandon rate %g [%g, %g] over the 3%% target", seed, e.mean, e.lo,
                      e.hi);
        ck_assert(e.mean > 0); /* it does use the allowance */
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
    size_t n = (size_t)ra->replications * (size_t)a->n_intervals * (size_t)a->n_types;
    ck_assert_int_eq(memcmp(ra->raw, rb->raw, n * sizeof *ra->raw), 0);
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
            const ccs_campaign_tally *t = &r->craw[(size_t)rep * (size_t)nk + (size_t)k];
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
    tcase_add_test(c, test_fixed_one_line_is_progressive);
    tcase_add_test(c, test_blend_full_reserve_is_pure_inbound);
    tcase_add_test(c, test_list_window_and_amd);
    tcase_add_test(c, test_small_list_runs_out);
    suite_add_tcase(s, c);
    return s;
}
