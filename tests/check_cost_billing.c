/*
 * check_cost_billing.c — cost accounting against hand-computed figures
 * (issue 9, "Cost accounting"): every call handled is billed, whenever it
 * is answered; SLA terms from the client's side, per vendor group; captive
 * seats for concurrent positions; inbound and outbound work reported apart.
 *
 * Each expected value is worked out in the comment above it from the
 * scenario's inputs, not read from the program.
 */
#include "ccs_test.h"
#include "ccs_testsc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/cost.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

#define REL 1e-12

static ccs_scenario *load_text(const char *text)
{
    ccs_error err;
    char buf[800];
    ccs_scenario *sc = ccs_scenario_parse(text, "billing-test", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "scenario does not parse: %s",
                  ccs_error_format(&err, buf, sizeof buf));
    return sc;
}

static ccs_results *run(const ccs_scenario *sc)
{
    ccs_error err;
    char buf[800];
    ccs_run_options opt = {0};
    opt.threads = 1;
    ccs_results *res = ccs_sim_run(sc, &opt, &err);
    ck_assert_msg(res != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
    return res;
}

/* ---- calls answered after the last interval ----------------------------- */

/* The case of issue 9: 2 x 30 min, 60 then 240 calls an hour, a fixed
 * 300 s handle time, 10 agents, one replication with seed 3.  The second
 * interval is overloaded (240/h x 300 s = 20 Erlangs on 10 agents), so
 * calls still queue when the day ends and are answered afterwards by the
 * agents who stay to clear the queue.  The run handles 150 calls, all it
 * is offered (seed 3's arrivals; 119 before the ziggurat draws). */
static ccs_scenario *tail_case(const char *cost)
{
    char text[2048];
    snprintf(text, sizeof text,
             "name = \"tail\";\n"
             "horizon = { intervals = 2; interval_minutes = 30; };\n"
             "calls = ( { name = \"a\"; calls_per_hour = [ 60.0, 240.0 ];\n"
             "            handle_time = { dist = \"deterministic\"; mean = 300.0; }; } );\n"
             "agents = ( { name = \"v\"; count = 10; serves = [ \"a\" ];\n"
             "             cost = { %s }; } );\n"
             "run = { replications = 1; seed = 3; };\n",
             cost);
    return load_text(text);
}

START_TEST(test_tail_calls_billed)
{
    ccs_scenario *sc =
        tail_case("model = \"outsourced\"; pricing = \"per_handled_call\"; price = 1.00;");
    ccs_results *res = run(sc);
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    ck_assert(c != NULL);
    /* The reproducible case: every call offered is handled and billed
     * (before the fix fewer were billed than handled). */
    ck_assert_double_eq(res->summary.handled.mean, 150.0);
    ck_assert_double_eq(res->summary.offered.mean, 150.0);
    /* 150 calls x $1.00 = $150.00; $1.00 per handled call; every call is
     * resolved (fcr 1), so $1.00 per resolved contact too. */
    CCS_ASSERT_CLOSE("billed", c->item[CCS_ITEM_VENDOR_PRICE].mean, 150.0, REL, 0);
    CCS_ASSERT_CLOSE("total", c->total.mean, 150.0, REL, 0);
    CCS_ASSERT_CLOSE("per handled call", c->per_handled_call.mean, 1.0, REL, 0);
    CCS_ASSERT_CLOSE("resolved", c->resolved.mean, 150.0, REL, 0);
    CCS_ASSERT_CLOSE("per resolved", c->per_resolved_contact.mean, 1.0, REL, 0);
    /* The group's own count of calls answered is the same 150. */
    CCS_ASSERT_CLOSE("group handled", res->groups[0].handled.mean, 150.0, REL, 0);
    ccs_cost_result_free(c);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_tail_minutes_billed)
{
    ccs_scenario *sc =
        tail_case("model = \"outsourced\"; pricing = \"per_handled_minute\"; price = 1.00;");
    ccs_results *res = run(sc);
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    /* Every minute handled: 150 calls x 300 s = 750 minutes x $1.00, the
     * minutes after the end of the day included. */
    CCS_ASSERT_CLOSE("minutes billed", c->item[CCS_ITEM_VENDOR_PRICE].mean, 750.0, REL, 0);
    CCS_ASSERT_CLOSE("per call", c->per_handled_call.mean, 5.0, REL, 0);
    ccs_cost_result_free(c);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_tail_telephony_charged)
{
    ccs_scenario *sc = tail_case("model = \"captive\"; wage_per_hour = 0.0; "
                                 "telephony_per_minute = 0.01;");
    ccs_results *res = run(sc);
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    /* 750 handled minutes x $0.01 = $7.50. */
    CCS_ASSERT_CLOSE("telephony", c->item[CCS_ITEM_TELEPHONY].mean, 7.50, 1e-12, 0);
    ccs_cost_result_free(c);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* The same through the CLI: the text report says 150.00 and 1.00. */
START_TEST(test_tail_cli)
{
    char path[256], args[300];
    snprintf(path, sizeof path, "/tmp/ccs_billing_%ld_tail.cfg", (long)getpid());
    FILE *fp = fopen(path, "w");
    ck_assert(fp != NULL);
    fputs("name = \"tail\";\n"
          "horizon = { intervals = 2; interval_minutes = 30; };\n"
          "calls = ( { name = \"a\"; calls_per_hour = [ 60.0, 240.0 ];\n"
          "            handle_time = { dist = \"deterministic\"; mean = 300.0; }; } );\n"
          "agents = ( { name = \"v\"; count = 10; serves = [ \"a\" ];\n"
          "             cost = { model = \"outsourced\"; pricing = \"per_handled_call\";\n"
          "                      price = 1.00; }; } );\n"
          "run = { replications = 1; seed = 3; };\n",
          fp);
    fclose(fp);
    char *out, *err;
    snprintf(args, sizeof args, "run %s --quiet", path);
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "exit %d: %s", st, err);
    ck_assert_msg(strstr(out, "total per day      150.00 [150.00, 150.00]") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "per handled call   1.00 [1.00, 1.00]") != NULL, "%s", out);
    free(out);
    free(err);
    remove(path);
}
END_TEST

/* ---- hand-built runs ------------------------------------------------------ */

/* A results struct whose raw tallies the test fills in (as check_cost.c). */
static ccs_results *fake(const ccs_scenario *sc, int R)
{
    ccs_results *res = calloc(1, sizeof *res);
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    res->sc = sc;
    res->replications = R;
    res->tallies = ccs_tallies_new(&d, R);
    ck_assert(res->tallies);
    return res;
}

static void fake_free(ccs_results *res)
{
    ccs_tallies_free(res->tallies);
    free(res);
}

static ccs_tally *raw(ccs_results *res, int r, int k, int t)
{
    return ccs_test_raw(res, r, k, t);
}

static ccs_group_tally *graw(ccs_results *res, int r, int k, int g, int t)
{
    return ccs_test_graw(res, r, k, g, t);
}

/* ---- SLA terms from the client's side --------------------------------------- */

/* One day of one hour; call types a and b; groups: "in" (captive, serves
 * a), "v" (vendor, serves a after 10 s, under the top-level cost.sla) and
 * "w" (vendor, serves b, with its own SLA).  All prices 0, so the total is
 * the SLA terms alone.  docs/costs.md works the same numbers. */
static ccs_scenario *sla_scenario(void)
{
    return load_text(
        "name = \"sla\";\n"
        "horizon = { intervals = 1; interval_minutes = 60; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; },\n"
        "          { name = \"b\"; calls_per_hour = 100.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"in\"; count = 5; serves = [ \"a\" ];\n"
        "             cost = { model = \"captive\"; wage_per_hour = 0.0; }; },\n"
        "           { name = \"v\"; count = 5; serves = [ \"a\" ]; serve_after = [ 10.0 ];\n"
        "             cost = { model = \"outsourced\"; pricing = \"per_agent_hour\";\n"
        "                      price = 0.0; }; },\n"
        "           { name = \"w\"; count = 5; serves = [ \"b\" ];\n"
        "             cost = { model = \"outsourced\"; pricing = \"per_agent_hour\";\n"
        "                      price = 0.0;\n"
        "                      sla = { target = 0.90; penalty_per_point = 200.0;\n"
        "                              bonus_per_point = 50.0; period = \"day\"; }; }; } );\n"
        "cost = { operating_days_per_month = 20;\n"
        "         sla = { target = 0.80; penalty_per_point = 4000.0; bonus_per_point = 1500.0;\n"
        "                 period = \"month\"; }; };\n");
}

START_TEST(test_sla_client_side)
{
    ccs_scenario *sc = sla_scenario();
    ccs_results *res = fake(sc, 1);
    /* a: 85 of 100 within the threshold = 85%, 5 points above cost.sla's
     * 80%: the vendor v earns a gain share of 5 x $1,500 = $7,500 a month,
     * $375 a day over 20 days, which the client pays: +375.
     * b: 84 of 100 = 84%, 6 points below w's own 90%: w owes a service
     * credit of 6 x $200 = $1,200 for the day: -1,200.
     * The captive group has no contract: nothing. */
    raw(res, 0, 0, 0)->offered = 100;
    raw(res, 0, 0, 0)->handled = 100;
    raw(res, 0, 0, 0)->answered_in_sl = 85;
    raw(res, 0, 0, 1)->offered = 100;
    raw(res, 0, 0, 1)->handled = 100;
    raw(res, 0, 0, 1)->answered_in_sl = 84;
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    ck_assert(c != NULL);
    ck_assert_int_eq(c->sla_applies, 1);
    CCS_ASSERT_CLOSE("captive", c->groups[0].sla_adjustment.mean, 0.0, 0, 1e-12);
    CCS_ASSERT_CLOSE("v gain share", c->groups[1].gain_share.mean, 375.0, REL, 0);
    CCS_ASSERT_CLOSE("v adjustment", c->groups[1].sla_adjustment.mean, 375.0, REL, 0);
    CCS_ASSERT_CLOSE("v points", c->groups[1].sla_points.mean, -5.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("w credit", c->groups[2].service_credits.mean, 1200.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("w adjustment", c->groups[2].sla_adjustment.mean, -1200.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("w points", c->groups[2].sla_points.mean, 6.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("credits", c->service_credits.mean, 1200.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("gain share", c->gain_share.mean, 375.0, REL, 0);
    CCS_ASSERT_CLOSE("item", c->item[CCS_ITEM_SLA].mean, 375.0 - 1200.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("total", c->total.mean, -825.0, 1e-9, 0);
    /* cost.sla's points over all our calls: 169 of 200 = 84.5%, 4.5 above. */
    CCS_ASSERT_CLOSE("points", c->sla_points.mean, -4.5, 1e-9, 0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* The captive scenario of issue 9: beating the target lowered its cost
 * (-$17.3k a month).  With no vendor there are no SLA terms at all. */
START_TEST(test_sla_captive_none)
{
    ccs_scenario *sc = load_text(
        "name = \"captive\";\n"
        "horizon = { intervals = 1; interval_minutes = 60; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"in\"; count = 5; serves = [ \"a\" ];\n"
        "             cost = { model = \"captive\"; wage_per_hour = 10.0; }; } );\n"
        "cost = { operating_days_per_month = 20;\n"
        "         sla = { target = 0.80; penalty_per_point = 4000.0; bonus_per_point = 1500.0;\n"
        "                 period = \"month\"; }; };\n");
    ccs_results *res = fake(sc, 1);
    raw(res, 0, 0, 0)->offered = 100;
    raw(res, 0, 0, 0)->handled = 100;
    raw(res, 0, 0, 0)->answered_in_sl = 95;   /* 15 points above target */
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    ck_assert_int_eq(c->sla_applies, 0);
    ck_assert_double_eq(c->item[CCS_ITEM_SLA].mean, 0.0);
    /* Wages only: 5 agent-hours x $10. */
    CCS_ASSERT_CLOSE("total", c->total.mean, 50.0, REL, 0);
    CCS_ASSERT_CLOSE("points", c->sla_points.mean, -15.0, 1e-9, 0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* A captive group cannot carry an SLA of its own. */
START_TEST(test_sla_not_on_captive)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(
        "horizon = { intervals = 1; interval_minutes = 60; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"in\"; count = 5; serves = [ \"a\" ];\n"
        "             cost = { model = \"captive\"; wage_per_hour = 10.0;\n"
        "                      sla = { target = 0.8; }; }; } );\n",
        "captive-sla", NULL, 0, &err);
    ck_assert(sc == NULL);
    ck_assert_int_eq(err.code, CCS_ECONFIG);
    ck_assert_msg(strstr(err.key, "sla") != NULL, "key %s", err.key);
}
END_TEST

/* ---- captive seats ------------------------------------------------------------ */

/* scenarios/captive.cfg: 83 agents on shift at the 10:30 peak, 32%
 * shrinkage.  Seats were charged per head, ceil(83 / 0.68) = 123; a seat
 * is a position, so 83 seats x $700 a month / 21.7 days = $2,677.42 a day.
 * The head count (hiring) stays 123: 123 x 0.45 / 12 x $4,000 / 21.7. */
START_TEST(test_captive_seats)
{
    ccs_error err;
    char buf[800];
    ccs_scenario *sc = ccs_scenario_load("scenarios/captive.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
    ccs_results *res = fake(sc, 1);
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    CCS_ASSERT_CLOSE("seats", c->groups[0].seats.mean, 83.0, REL, 0);
    CCS_ASSERT_CLOSE("heads", c->groups[0].heads.mean, 123.0, REL, 0);
    CCS_ASSERT_CLOSE("facilities", c->item[CCS_ITEM_FACILITIES].mean, 83 * 700.0 / 21.7, REL, 0);
    CCS_ASSERT_CLOSE("hiring", c->item[CCS_ITEM_HIRING].mean,
                     123 * 0.45 / 12.0 * 4000.0 / 21.7, REL, 0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- inbound and outbound apart ----------------------------------------------- */

/* One group works inbound calls and an outbound campaign; the vendor bills
 * per handled call.  The hand-built day: 100 inbound calls handled and 40
 * outbound calls talked to.  Billed 140 x $1; cost.handled 140 (the
 * per-call denominator), reported apart as 100 inbound and 40 outbound. */
START_TEST(test_inbound_outbound_apart)
{
    ccs_scenario *sc = load_text(
        "name = \"blend\";\n"
        "horizon = { intervals = 1; interval_minutes = 60; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 5; serves = [ \"a\" ];\n"
        "             cost = { model = \"outsourced\"; pricing = \"per_handled_call\";\n"
        "                      price = 1.0; }; } );\n"
        "outbound = { campaigns = ( { name = \"c\"; mode = \"preview\"; agents = [ \"g\" ];\n"
        "    list_size = 100;\n"
        "    outcomes = { no_answer = 0.5; busy = 0.0; machine = 0.0; wrong_party = 0.0;\n"
        "                 right_party = 0.5; };\n"
        "    talk_time = { right_party = { dist = \"exponential\"; mean = 60.0; }; }; } ); };\n");
    ck_assert_int_eq(sc->n_campaigns, 1);
    ccs_results *res = fake(sc, 1);
    raw(res, 0, 0, 0)->offered = 100;
    raw(res, 0, 0, 0)->handled = 100;
    graw(res, 0, 0, 0, 0)->handled = 100;
    graw(res, 0, 0, 0, 0)->resolved = 100;
    ccs_test_cgraw(res, 0, 0, 0, 0)->handled = 40;
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    CCS_ASSERT_CLOSE("billed", c->item[CCS_ITEM_VENDOR_PRICE].mean, 140.0, REL, 0);
    CCS_ASSERT_CLOSE("handled", c->handled.mean, 140.0, REL, 0);
    CCS_ASSERT_CLOSE("inbound", c->inbound_handled.mean, 100.0, REL, 0);
    CCS_ASSERT_CLOSE("outbound", c->outbound_handled.mean, 40.0, REL, 0);
    CCS_ASSERT_CLOSE("group inbound", c->groups[0].inbound_handled.mean, 100.0, REL, 0);
    CCS_ASSERT_CLOSE("group outbound", c->groups[0].outbound_handled.mean, 40.0, REL, 0);
    CCS_ASSERT_CLOSE("per call", c->per_handled_call.mean, 1.0, REL, 0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* Through the simulator: the parts add up to the whole and match the run's
 * own inbound and campaign figures (blended.cfg with a vendor price). */
START_TEST(test_inbound_outbound_sim)
{
    ccs_error err;
    char buf[800];
    const char *sets[] = {"run.replications=3"};
    ccs_scenario *sc = ccs_scenario_load("scenarios/blended.cfg", sets, 1, &err);
    ck_assert_msg(sc != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
    sc->groups[0].cost.kind = CCS_COST_OUTSOURCED;
    sc->groups[0].cost.pricing = CCS_PRICE_HANDLED_CALL;
    sc->groups[0].cost.price = 1.0;
    ccs_results *res = run(sc);
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    CCS_ASSERT_CLOSE("in", c->inbound_handled.mean, res->summary.handled.mean, 1e-12, 0);
    CCS_ASSERT_CLOSE("out", c->outbound_handled.mean, res->groups[0].outbound_handled.mean,
                     1e-12, 0);
    ck_assert_msg(c->outbound_handled.mean > 100, "outbound %g", c->outbound_handled.mean);
    CCS_ASSERT_CLOSE("sum", c->handled.mean, c->inbound_handled.mean + c->outbound_handled.mean,
                     1e-12, 0);
    ccs_cost_result_free(c);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

Suite *cost_billing_suite(void)
{
    Suite *s = suite_create("cost_billing");
    TCase *tail = tcase_create("tail");
    tcase_set_timeout(tail, 60);
    tcase_add_test(tail, test_tail_calls_billed);
    tcase_add_test(tail, test_tail_minutes_billed);
    tcase_add_test(tail, test_tail_telephony_charged);
    tcase_add_test(tail, test_tail_cli);
    suite_add_tcase(s, tail);
    TCase *sla = tcase_create("sla");
    tcase_add_test(sla, test_sla_client_side);
    tcase_add_test(sla, test_sla_captive_none);
    tcase_add_test(sla, test_sla_not_on_captive);
    suite_add_tcase(s, sla);
    TCase *seats = tcase_create("seats");
    tcase_add_test(seats, test_captive_seats);
    suite_add_tcase(s, seats);
    TCase *io = tcase_create("inbound_outbound");
    tcase_set_timeout(io, 60);
    tcase_add_test(io, test_inbound_outbound_apart);
    tcase_add_test(io, test_inbound_outbound_sim);
    suite_add_tcase(s, io);
    return s;
}
