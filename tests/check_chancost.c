/*
 * check_chancost.c — costs by channel (docs/costs.md, "Costs by channel"):
 * the chat work of each agent group (the chatgroup cells) adds up to the
 * chat queue's, a group's cost is split over voice, chat and back office in
 * proportion to its busy time there, and the channels' costs add up to the
 * day's total.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>

#include "ccs_testsc.h"

#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/tallies.h"

static ccs_scenario *parse(const char *text)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "chancost.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "parse: %s:%d: %s: %s", err.file, err.line, err.key, err.msg);
    return sc;
}

/* Two groups take chats (one also voice), so both have chat work: per
 * replication and interval the groups' chats answered add up to the chat
 * cell's exactly, their agent time with a chat open to its active_s (to
 * rounding), and each group did some. */
START_TEST(test_chatgroup_cells_add_up)
{
    ccs_scenario *sc = parse(
        "horizon = { intervals = 6; interval_minutes = 60; };\n"
        "calls = ( { name = \"voice\"; calls_per_hour = 30.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 240.0; }; } );\n"
        "chat = { chats_per_hour = 40.0;\n"
        "         handle_time = { dist = \"exponential\"; mean = 500.0; };\n"
        "         patience = { dist = \"exponential\"; mean = 300.0; }; };\n"
        "agents = ( { name = \"pool\"; count = 3; serves = [ \"voice\" ];\n"
        "             chat_slots = 2; },\n"
        "           { name = \"chat-desk\"; count = 2; chat_slots = 3; } );\n"
        "run = { replications = 10; };\n");
    sc->seed = ccs_test_seed(1201);
    ccs_results *r = ccs_test_sim(sc, 2);
    double by_group[2] = {0, 0};
    for (int rep = 0; rep < r->replications; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        for (int k = 0; k < sc->n_intervals; k++) {
            const ccs_chat_tally *t = ccs_chat_tally_at(&v, k);
            double ans = 0, act = 0;
            for (int g = 0; g < sc->n_groups; g++) {
                const ccs_chatgroup_tally *cg = ccs_chatgroup_tally_at(&v, k, g);
                ans += cg->answered;
                act += cg->active_s;
                by_group[g] += cg->active_s;
            }
            ck_assert_msg(ans == t->answered, "rep %d interval %d: groups' answered %g, chat %g",
                          rep, k, ans, t->answered);
            ck_assert_msg(fabs(act - t->active_s) <= 1e-9 * (1 + t->active_s),
                          "rep %d interval %d: groups' active_s %.9f, chat %.9f", rep, k, act,
                          t->active_s);
        }
    }
    ck_assert_msg(by_group[0] > 0 && by_group[1] > 0, "chat time by group: %g, %g", by_group[0],
                  by_group[1]);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

Suite *chancost_suite(void)
{
    Suite *s = suite_create("chancost");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_chatgroup_cells_add_up);
    suite_add_tcase(s, tc);
    return s;
}
