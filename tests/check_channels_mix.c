/*
 * check_channels_mix.c — every channel on one pool (docs/channels.md, "All
 * channels on one pool"): voice with callbacks, chat and a back office
 * worked by the same agents.  An agent is never on two kinds of work at
 * once (its busy time on voice and callbacks, with a chat open and on
 * back-office items adds up to at most its time on shift), and every
 * chat, callback, item and call of the day is accounted for in every
 * replication.
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
    ccs_scenario *sc = ccs_scenario_parse(text, "mix.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "parse: %s:%d: %s: %s", err.file, err.line, err.key, err.msg);
    return sc;
}

/* Busy agent-seconds of group g in interval k over every channel: voice
 * and callback dials (the group's cells of each type), time with a chat
 * open (the chat queue's cell: g must be the only group with chat slots),
 * back-office items. */
static double group_busy(const ccs_scenario *sc, const ccs_tally_rep *v, int k, int g,
                         int chat_group)
{
    double b = 0;
    for (int t = 0; t < sc->n_types; t++) {
        b += ccs_group_tally_at(v, k, g, t)->busy_s;
    }
    if (g == chat_group) {
        b += ccs_chat_tally_at(v, k)->active_s;
    }
    for (int i = 0; i < sc->n_backoffice; i++) {
        b += ccs_bogroup_tally_at(v, k, g, i)->busy_s;
    }
    return b;
}

/* Per replication: calls offered = handled + abandoned + blocked + taken
 * as callbacks (no retrials here); callbacks accepted = completed + failed
 * + pending; chats offered = answered + abandoned + blocked; items
 * arrived = done + backlog at the day's end.  Returns the day's totals of
 * callbacks accepted, chats answered and items done in *cb, *ch, *bo. */
static void check_conservation(const ccs_scenario *sc, const ccs_results *r, double *cb,
                               double *ch, double *bo)
{
    int nk = sc->n_intervals;
    for (int rep = 0; rep < r->replications; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        double off = 0, out = 0, acc = 0, cb_out = 0;
        double c_off = 0, c_out = 0, arrived = 0, done = 0;
        for (int k = 0; k < nk; k++) {
            for (int t = 0; t < sc->n_types; t++) {
                const ccs_tally *c = ccs_tally_at(&v, k, t);
                off += c->offered;
                out += c->handled + c->abandoned + c->blocked + c->cb_accepted;
                acc += c->cb_accepted;
                cb_out += c->cb_completed + c->cb_failed + c->cb_pending;
            }
            const ccs_chat_tally *t = ccs_chat_tally_at(&v, k);
            c_off += t->offered;
            c_out += t->answered + t->abandoned + t->blocked;
            *ch += t->answered;
            for (int b = 0; b < sc->n_backoffice; b++) {
                arrived += ccs_bo_tally_at(&v, k, b)->arrived;
                done += ccs_bo_tally_at(&v, k, b)->done;
            }
        }
        for (int b = 0; b < sc->n_backoffice; b++) {
            done += ccs_bo_tally_at(&v, nk - 1, b)->backlog;
        }
        ck_assert_msg(off == out,
                      "rep %d: calls offered %g, handled+abandoned+blocked+callbacks %g", rep,
                      off, out);
        ck_assert_msg(acc == cb_out, "rep %d: callbacks accepted %g, completed+failed+pending %g",
                      rep, acc, cb_out);
        ck_assert_msg(c_off == c_out, "rep %d: chats offered %g, answered+abandoned+blocked %g",
                      rep, c_off, c_out);
        ck_assert_msg(arrived == done, "rep %d: items arrived %g, done + backlog %g", rep,
                      arrived, done);
        *cb += acc;
    }
    for (int rep = 0; rep < r->replications; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        for (int b = 0; b < sc->n_backoffice; b++) {
            for (int k = 0; k < nk; k++) {
                *bo += ccs_bo_tally_at(&v, k, b)->done;
            }
        }
    }
}

/* One agent with every channel (so the group's figures are the agent's):
 * in every replication and interval its busy time over all channels is at
 * most the interval, and every channel did some work. */
START_TEST(test_one_agent_all_channels)
{
    ccs_scenario *sc = parse(
        "horizon = { intervals = 8; interval_minutes = 60; };\n"
        "calls = ( { name = \"voice\"; calls_per_hour = 8.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
        "            patience = { dist = \"exponential\"; mean = 150.0; }; } );\n"
        "callbacks = { offer_wait = 30; accept = 0.6; reach = 0.7; retries = 1;\n"
        "              retry_delay = 600; dial_time = 20; rule = \"queue_below\";\n"
        "              queue_below = 1; };\n"
        "chat = { chats_per_hour = 4.0;\n"
        "         handle_time = { dist = \"exponential\"; mean = 400.0; };\n"
        "         patience = { dist = \"exponential\"; mean = 300.0; }; };\n"
        "backoffice = ( { name = \"email\"; items_per_hour = 3.0; deadline = \"2h\";\n"
        "                 batches = ( { at = 0; items = 3; } );\n"
        "                 handle_time = { dist = \"exponential\"; mean = 300.0; }; } );\n"
        "agents = ( { name = \"one\"; count = 1; serves = [ \"voice\" ];\n"
        "             chat_slots = 2; chat_factors = [ 1.0, 1.4 ];\n"
        "             backoffice = [ \"email\" ]; } );\n"
        "run = { replications = 40; };\n");
    sc->seed = ccs_test_seed(1290);
    ccs_results *r = ccs_test_sim(sc, 0);
    double voice = 0, busy = 0, shift = 0;
    for (int rep = 0; rep < r->replications; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        for (int k = 0; k < sc->n_intervals; k++) {
            double b = group_busy(sc, &v, k, 0, 0);
            double on = ccs_staff_tally_at(&v, k, 0)->staffed_s;
            ck_assert_msg(b <= on * (1 + 1e-12),
                          "rep %d interval %d: busy %.3f s over every channel > %.3f s on shift",
                          rep, k, b, on);
            voice += ccs_group_tally_at(&v, k, 0, 0)->handled;
            busy += b;
            shift += on;
        }
    }
    /* The agent is loaded (86% busy at seed 1), so work given to it twice
     * would show. */
    ck_assert_msg(busy > 0.7 * shift, "busy %.0f s of %.0f s on shift", busy, shift);
    double cb = 0, ch = 0, bo = 0;
    check_conservation(sc, r, &cb, &ch, &bo);
    ck_assert_msg(voice > 0 && cb > 0 && ch > 0 && bo > 0,
                  "every channel works: calls %g, callbacks %g, chats %g, items %g", voice, cb,
                  ch, bo);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* The shipped scenario (all four channels on a pool whose size changes by
 * the half hour, and an e-mail desk): conservation per replication, and
 * each group's busy time over the day at most its time on shift. */
START_TEST(test_contact_center_scenario)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load("scenarios/contact-center.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "load: %s:%d: %s: %s", err.file, err.line, err.key, err.msg);
    sc->seed = ccs_test_seed(1291);
    ccs_results *r = ccs_test_sim(sc, 2);
    for (int rep = 0; rep < r->replications; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        for (int g = 0; g < sc->n_groups; g++) {
            double b = 0, on = 0;
            for (int k = 0; k < sc->n_intervals; k++) {
                b += group_busy(sc, &v, k, g, 0);
                on += ccs_staff_tally_at(&v, k, g)->staffed_s;
            }
            ck_assert_msg(b <= on * (1 + 1e-12), "rep %d group %d: busy %.1f s > %.1f s on shift",
                          rep, g, b, on);
        }
    }
    double cb = 0, ch = 0, bo = 0;
    check_conservation(sc, r, &cb, &ch, &bo);
    ck_assert(cb > 0 && ch > 0 && bo > 0);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

Suite *channels_mix_suite(void)
{
    Suite *s = suite_create("channels_mix");
    TCase *tc = tcase_create("mix");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_one_agent_all_channels);
    tcase_add_test(tc, test_contact_center_scenario);
    suite_add_tcase(s, tc);
    return s;
}
