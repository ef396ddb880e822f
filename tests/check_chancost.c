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
#include <unistd.h>

#include "ccs_testfile.h"
#include "ccs_testsc.h"
#include "ccsim/cost.h"
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

/* Busy agent-seconds of group g in replication v by channel, from the raw
 * cells (independently of the cost module): voice (its cells of our call
 * types and of the campaigns), chat (its chatgroup cells), back office
 * (its bogroup cells); and its voice handle time in *handle_s. */
static void busy_by_channel(const ccs_scenario *sc, const ccs_tally_rep *v, int g, double *b,
                            double *handle_s)
{
    b[0] = b[1] = b[2] = *handle_s = 0;
    for (int k = 0; k < sc->n_intervals; k++) {
        for (int t = 0; t < sc->n_types; t++) {
            b[0] += ccs_group_tally_at(v, k, g, t)->busy_s;
            *handle_s += ccs_group_tally_at(v, k, g, t)->handle_s;
        }
        for (int c = 0; c < sc->n_campaigns; c++) {
            b[0] += ccs_cgroup_tally_at(v, k, g, c)->busy_s;
        }
        if (sc->chat.on) {
            b[1] += ccs_chatgroup_tally_at(v, k, g)->active_s;
        }
        for (int i = 0; i < sc->n_backoffice; i++) {
            b[2] += ccs_bogroup_tally_at(v, k, g, i)->busy_s;
        }
    }
}

/* scenarios/contact-center-costs.cfg: in every replication the channels'
 * costs add up to the day's total and each group's to its total; the
 * captive pool's cost less its telephony (per voice minute) is split in
 * proportion to its busy time by channel, recomputed here from the raw
 * cells; the e-mail desk (a BPO working only e-mail) puts all of its cost
 * on the back office; every channel costs something; and the cost per
 * chat and per item are the ratios of the sums. */
START_TEST(test_channels_add_up)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load("scenarios/contact-center-costs.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "load: %s:%d: %s: %s", err.file, err.line, err.key, err.msg);
    sc->seed = ccs_test_seed(1202);
    ccs_results *r = ccs_test_sim(sc, 2);
    ccs_cost_result *c = ccs_cost_compute(r, &err);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->channels, 1);
    ck_assert_int_eq(sc->n_groups, 2);
    double sum_ch[3] = {0, 0, 0}, chats = 0, items = 0;
    for (int rep = 0; rep < r->replications; rep++) {
        const ccs_cost_rep *cr = &c->rep[rep];
        double s = cr->channel[0] + cr->channel[1] + cr->channel[2];
        ck_assert_msg(fabs(s - cr->total) <= 1e-9 * cr->total,
                      "rep %d: channels %.6f + %.6f + %.6f = %.6f, total %.6f", rep,
                      cr->channel[0], cr->channel[1], cr->channel[2], s, cr->total);
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        for (int g = 0; g < sc->n_groups; g++) {
            const ccs_cost_group_rep *gp = &c->grep[(size_t)rep * (size_t)sc->n_groups + g];
            double gs = gp->channel[0] + gp->channel[1] + gp->channel[2];
            ck_assert_msg(fabs(gs - gp->total) <= 1e-9 * gp->total,
                          "rep %d group %d: channels %.6f, total %.6f", rep, g, gs, gp->total);
        }
        double b[3], handle_s;
        busy_by_channel(sc, &v, 0, b, &handle_s);
        const ccs_cost_group_rep *pool = &c->grep[(size_t)rep * (size_t)sc->n_groups];
        double rest = pool->total - handle_s / 60.0 * sc->groups[0].cost.telephony_per_minute;
        double bs = b[0] + b[1] + b[2];
        for (int ch = 0; ch < 3; ch++) {
            double want = rest * b[ch] / bs + (ch == 0 ? pool->total - rest : 0.0);
            ck_assert_msg(fabs(pool->channel[ch] - want) <= 1e-9 * pool->total,
                          "rep %d pool channel %d: %.6f, busy share gives %.6f (busy %.0f of "
                          "%.0f s)",
                          rep, ch, pool->channel[ch], want, b[ch], bs);
        }
        const ccs_cost_group_rep *desk = &c->grep[(size_t)rep * (size_t)sc->n_groups + 1];
        ck_assert_msg(desk->channel[0] == 0 && desk->channel[1] == 0 &&
                          desk->channel[2] == desk->total,
                      "rep %d e-mail desk: voice %g chat %g back office %g of %g", rep,
                      desk->channel[0], desk->channel[1], desk->channel[2], desk->total);
        for (int ch = 0; ch < 3; ch++) {
            sum_ch[ch] += cr->channel[ch];
        }
        chats += cr->chats;
        items += cr->items;
    }
    for (int ch = 0; ch < 3; ch++) {
        ck_assert_msg(c->channel[ch].mean > 0, "channel %d costs %g", ch, c->channel[ch].mean);
    }
    ck_assert_double_eq_tol(c->per_chat_handled.mean, sum_ch[1] / chats,
                            1e-12 * c->per_chat_handled.mean);
    ck_assert_double_eq_tol(c->per_item_done.mean, sum_ch[2] / items,
                            1e-12 * c->per_item_done.mean);
    ck_assert_msg(c->per_chat_handled.lo < c->per_chat_handled.mean &&
                      c->per_chat_handled.mean < c->per_chat_handled.hi,
                  "per chat %g [%g, %g]", c->per_chat_handled.mean, c->per_chat_handled.lo,
                  c->per_chat_handled.hi);
    ccs_cost_result_free(c);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* A vendor priced by the transaction that answers calls and chats: its
 * price per call goes to voice and its price per chat to chat, whole; only
 * its management fee is split by busy time (recomputed from the raw cells);
 * and its SLA terms (on the voice service level) go to voice. */
START_TEST(test_vendor_prices_by_channel)
{
    ccs_scenario *sc = parse(
        "horizon = { intervals = 4; interval_minutes = 60; };\n"
        "calls = ( { name = \"voice\"; calls_per_hour = 40.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
        "            patience = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "chat = { chats_per_hour = 20.0;\n"
        "         handle_time = { dist = \"exponential\"; mean = 400.0; }; };\n"
        "agents = ( { name = \"bpo\"; count = 3; serves = [ \"voice\" ]; chat_slots = 2;\n"
        "             cost = { model = \"outsourced\"; pricing = \"per_handled_call\";\n"
        "                      price = 3.0; price_per_chat = 2.0;\n"
        "                      vendor_management_per_month = 2170.0; }; } );\n"
        "cost = { operating_days_per_month = 21.7;\n"
        "         sla = { target = 0.95; penalty_per_point = 10.0; bonus_per_point = 5.0; }; };\n"
        "run = { replications = 10; };\n");
    sc->seed = ccs_test_seed(1204);
    ccs_results *r = ccs_test_sim(sc, 2);
    ccs_error err;
    ccs_cost_result *c = ccs_cost_compute(r, &err);
    ck_assert_ptr_nonnull(c);
    double sla = 0;
    for (int rep = 0; rep < r->replications; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        double b[3], handle_s;
        busy_by_channel(sc, &v, 0, b, &handle_s);
        const ccs_cost_group_rep *gp = &c->grep[rep];
        const ccs_cost_rep *cr = &c->rep[rep];
        double fee = 2170.0 / 21.7, bs = b[0] + b[1] + b[2];
        double scale = 1e-9 * (gp->total + fabs(cr->item[CCS_ITEM_SLA]));
        double want_v = 3.0 * gp->inbound_handled + fee * b[0] / bs;
        double want_c = 2.0 * gp->chats + fee * b[1] / bs;
        ck_assert_msg(gp->chats > 0 && gp->inbound_handled > 0, "rep %d: no work", rep);
        ck_assert_msg(fabs(gp->channel[0] - want_v) <= 1e-9 * want_v &&
                          fabs(gp->channel[1] - want_c) <= 1e-9 * want_c &&
                          gp->channel[2] == 0,
                      "rep %d: voice %.6f (want %.6f), chat %.6f (want %.6f), back office %g",
                      rep, gp->channel[0], want_v, gp->channel[1], want_c, gp->channel[2]);
        ck_assert_msg(fabs(cr->channel[0] - (gp->channel[0] + cr->item[CCS_ITEM_SLA])) <= scale,
                      "rep %d: voice %.6f, group's voice %.6f + SLA %.6f", rep, cr->channel[0],
                      gp->channel[0], cr->item[CCS_ITEM_SLA]);
        ck_assert_msg(fabs(cr->channel[0] + cr->channel[1] - cr->total) <= scale,
                      "rep %d: channels %.6f + %.6f, total %.6f", rep, cr->channel[0],
                      cr->channel[1], cr->total);
        sla += fabs(cr->item[CCS_ITEM_SLA]);
    }
    /* 3 agents at 40 calls/h x 3 min plus chats miss 95% in 20 s: the SLA
     * terms are not 0, so the test sees where they go. */
    ck_assert_msg(sla > 0, "no SLA terms in any replication");
    ccs_cost_result_free(c);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* By hand: a voice team and a chat-only team, both captive at $20 an hour
 * with nothing else priced, 4 hours.  The chat team (2 agents, no voice)
 * costs 2 x 4 x 20 = $160 a day, all of it on chat; the voice team (3
 * agents) 3 x 4 x 20 = $240, all on voice; the back office costs nothing;
 * and the cost per chat handled is the chat cost over the chats handled,
 * from the JSON figures. */
START_TEST(test_chat_only_group_by_hand)
{
    char path[64];
    ccs_test_tmpfile(path, sizeof path, ".cfg",
                     "horizon = { intervals = 4; interval_minutes = 60; };\n"
                     "calls = ( { name = \"voice\"; calls_per_hour = 30.0;\n"
                     "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
                     "chat = { chats_per_hour = 20.0;\n"
                     "         handle_time = { dist = \"exponential\"; mean = 400.0; }; };\n"
                     "agents = ( { name = \"phones\"; count = 3; serves = [ \"voice\" ];\n"
                     "             cost = { model = \"captive\"; wage_per_hour = 20.0; }; },\n"
                     "           { name = \"chat-desk\"; count = 2; chat_slots = 2;\n"
                     "             cost = { model = \"captive\"; wage_per_hour = 20.0; }; } );\n"
                     "run = { replications = 8; };\n");
    char args[256];
    snprintf(args, sizeof args, "run %s --format json%s", path, ccs_test_seed_arg(1203));
    json_t *doc = ccs_test_run_json(args, 0);
    unlink(path);
    const json_t *cost = json_object_get(doc, "cost");
    const json_t *chs = json_object_get(cost, "channels");
    ck_assert_msg(chs != NULL, "no cost.channels in the JSON");
    const json_t *desk = json_object_get(json_object_get(cost, "groups"), "chat-desk");
    const json_t *phones = json_object_get(json_object_get(cost, "groups"), "phones");
    ck_assert_double_eq_tol(ccs_test_jnum(desk, "total"), 160.0, 1e-9);
    ck_assert_double_eq_tol(ccs_test_jnum(phones, "total"), 240.0, 1e-9);
    const json_t *dch = json_object_get(desk, "channels");
    ck_assert_double_eq_tol(ccs_test_jnum(dch, "chat"), 160.0, 1e-9);
    ck_assert_double_eq(ccs_test_jnum(dch, "voice"), 0.0);
    ck_assert_double_eq(ccs_test_jnum(dch, "backoffice"), 0.0);
    ck_assert_double_eq_tol(ccs_test_jnum(chs, "chat"), 160.0, 1e-9);
    ck_assert_double_eq_tol(ccs_test_jnum(chs, "voice"), 240.0, 1e-9);
    ck_assert_double_eq(ccs_test_jnum(chs, "backoffice"), 0.0);
    double chats = ccs_test_jnum(cost, "chats_handled");
    ck_assert_msg(chats > 40, "chats handled %g", chats);
    ck_assert_double_eq_tol(ccs_test_jnum(desk, "chats_handled"), chats, 1e-9);
    ck_assert_double_eq_tol(ccs_test_jnum(cost, "per_chat_handled"), 160.0 / chats,
                            1e-12 * 160.0 / chats);
    /* Nothing random in the chat cost: the ratio's spread is the chats'. */
    const json_t *ci = json_object_get(json_object_get(cost, "per_chat_handled"), "ci95");
    ck_assert_msg(json_real_value(json_array_get(ci, 0)) < 160.0 / chats &&
                      json_real_value(json_array_get(ci, 1)) > 160.0 / chats,
                  "per chat handled's interval holds its mean");
    ck_assert_msg(json_is_null(json_object_get(json_object_get(cost, "per_item_done"), "mean")),
                  "no items done: per_item_done is null");
    json_decref(doc);
}
END_TEST

/* The vendor's prices per chat and per item are money >= 0: a negative
 * one, or a word, is refused with the file:line and the key, exit 2 and
 * nothing on stdout (tests/data/bad has the catalogue cases). */
START_TEST(test_bad_prices)
{
    ccs_test_expect_error("run tests/data/bad/cost_price_per_chat_neg.cfg", 2,
                          "ccsim run: tests/data/bad/cost_price_per_chat_neg.cfg:17: "
                          "agents.[0].cost.price_per_chat: expected an amount of money >= 0, "
                          "got -2");
    ccs_test_expect_error("run tests/data/bad/cost_price_per_item_text.cfg", 2,
                          "ccsim run: tests/data/bad/cost_price_per_item_text.cfg:17: "
                          "agents.[0].cost.price_per_item: expected an amount of money >= 0, "
                          "got \"cheap\"");
}
END_TEST

Suite *chancost_suite(void)
{
    Suite *s = suite_create("chancost");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_chatgroup_cells_add_up);
    tcase_add_test(tc, test_channels_add_up);
    tcase_add_test(tc, test_chat_only_group_by_hand);
    tcase_add_test(tc, test_vendor_prices_by_channel);
    suite_add_tcase(s, tc);
    TCase *te = tcase_create("errors");
    tcase_add_test(te, test_bad_prices);
    suite_add_tcase(s, te);
    return s;
}
