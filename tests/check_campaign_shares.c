/*
 * check_campaign_shares.c — an outbound campaign's shares of agent time
 * (issue 9): talk, wrap, dial-wait and preview count only agent time inside
 * the dialing window, over the agent time present in the window (on shift,
 * plus agents kept past their shift to finish a call), so they add up to at
 * most 100% and occupancy stays at most 100%.  Deterministic dials and
 * calls make every figure exact; the expected values are worked out below.
 */
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "ccsim/scenario.h"
#include "ccsim/sim.h"

static ccs_results *run_text(const char *counts, const char *window, ccs_scenario **psc)
{
    char text[2048];
    snprintf(text, sizeof text,
             "name = \"win\";\n"
             "horizon = { intervals = 4; interval_minutes = 5; };\n"
             "agents = ( { name = \"o\"; count = %s; } );\n"
             "outbound = { campaigns = ( { name = \"c\"; mode = \"progressive\";\n"
             "    agents = [ \"o\" ]; list_size = 1000; window = %s;\n"
             "    outcomes = { no_answer = 0.0; busy = 0.0; machine = 0.0; wrong_party = 0.0;\n"
             "                 right_party = 1.0; };\n"
             "    ring_time = { dist = \"deterministic\"; mean = 5.0; };\n"
             "    talk_time = { right_party = { dist = \"deterministic\"; mean = 900.0; }; };\n"
             "} ); };\n"
             "run = { replications = 2; seed = 1; };\n",
             counts, window);
    ccs_error err;
    char buf[800];
    ccs_scenario *sc = ccs_scenario_parse(text, "shares-test", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
    ccs_run_options opt = {0};
    opt.threads = 1;
    ccs_results *res = ccs_sim_run(sc, &opt, &err);
    ck_assert_msg(res != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
    *psc = sc;
    return res;
}

static double sum_shares(const ccs_campaign_figures *f)
{
    return f->talk_share.mean + f->wrap_share.mean + f->dial_wait_share.mean +
           f->preview_share.mean;
}

/* A 5-minute window (interval 1, 300-600 s) and 900 s calls: the 10 agents
 * dial at 300 s, wait 5 s for the answer and talk until 1205 s.  Inside the
 * window: 10 x 5 s dial wait and 10 x 295 s talk out of 10 x 300 s on
 * shift: 1.667% and 98.333% (the talk share was 298.3%, counting the
 * call's 900 s against the window's 300). */
START_TEST(test_short_window)
{
    ccs_scenario *sc;
    ccs_results *res = run_text("10", "[ 1, 1 ]", &sc);
    const ccs_campaign_figures *f = &res->campaigns[0];
    CCS_ASSERT_CLOSE("talk", f->talk_share.mean, 2950.0 / 3000.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("dial wait", f->dial_wait_share.mean, 50.0 / 3000.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("occupancy", f->occupancy.mean, 2950.0 / 3000.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("sum", sum_shares(f), 1.0, 1e-12, 0);
    /* The agents' own occupancy still counts the whole call within the day
     * (300 + 900 s of the 1200 s day: 10 x 895 s busy + 50 s dial wait of
     * 10 x 1200 s = 75%). */
    CCS_ASSERT_CLOSE("group occupancy", res->groups[0].occupancy.mean, 9000.0 / 12000.0, 1e-12,
                     0);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* Staffing drops inside the window: 10 agents in interval 0, 2 in 1 (the
 * window is 0-1).  All 10 dial at 0 s and talk from 5 s to 905 s, so 8 of
 * them stay past their shift through interval 1.  Inside the window: dial
 * wait 10 x 5 = 50 s, talk 10 x 295 + 10 x 300 = 5950 s; agent time
 * present: (10 + 2) x 300 on shift + 8 x 300 overtime = 6000 s.  Shares
 * 99.1667% and 0.8333%, summing to 100% (the count alone, 3600 s, gave
 * 250% talk). */
START_TEST(test_staffing_drop_in_window)
{
    ccs_scenario *sc;
    ccs_results *res = run_text("[ 10, 2, 2, 2 ]", "[ 0, 1 ]", &sc);
    const ccs_campaign_figures *f = &res->campaigns[0];
    CCS_ASSERT_CLOSE("talk", f->talk_share.mean, 5950.0 / 6000.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("dial wait", f->dial_wait_share.mean, 50.0 / 6000.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("sum", sum_shares(f), 1.0, 1e-12, 0);
    ck_assert_msg(f->occupancy.mean <= 1.0 + 1e-12, "occupancy %g", f->occupancy.mean);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* The shipped outbound scenarios stay within 100%. */
START_TEST(test_shipped_within_100)
{
    static const char *const files[] = {"scenarios/outbound-collections.cfg",
                                        "scenarios/blended.cfg"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        ccs_error err;
        char buf[800];
        const char *sets[] = {"run.replications=2"};
        ccs_scenario *sc = ccs_scenario_load(files[i], sets, 1, &err);
        ck_assert_msg(sc != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
        ccs_run_options opt = {0};
        ccs_results *res = ccs_sim_run(sc, &opt, &err);
        ck_assert(res != NULL);
        for (int c = 0; c < sc->n_campaigns; c++) {
            double s = sum_shares(&res->campaigns[c]);
            ck_assert_msg(s <= 1.0 + 1e-12, "%s: shares sum to %g", files[i], s);
            ck_assert_msg(res->campaigns[c].occupancy.mean <= 1.0 + 1e-12, "%s: occupancy %g",
                          files[i], res->campaigns[c].occupancy.mean);
        }
        ccs_results_free(res);
        ccs_scenario_free(sc);
    }
}
END_TEST

Suite *campaign_shares_suite(void)
{
    Suite *s = suite_create("campaign_shares");
    TCase *tc = tcase_create("shares");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_short_window);
    tcase_add_test(tc, test_staffing_drop_in_window);
    tcase_add_test(tc, test_shipped_within_100);
    suite_add_tcase(s, tc);
    return s;
}
