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

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
 * agents who stay to clear the queue.  The run handles 119 calls. */
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
    /* The reproducible case: 119 handled (was billed 95, 0.80 a call). */
    ck_assert_double_eq(res->summary.handled.mean, 119.0);
    /* 119 calls x $1.00 = $119.00; $1.00 per handled call; every call is
     * resolved (fcr 1), so $1.00 per resolved contact too. */
    CCS_ASSERT_CLOSE("billed", c->item[CCS_ITEM_VENDOR_PRICE].mean, 119.0, REL, 0);
    CCS_ASSERT_CLOSE("total", c->total.mean, 119.0, REL, 0);
    CCS_ASSERT_CLOSE("per handled call", c->per_handled_call.mean, 1.0, REL, 0);
    CCS_ASSERT_CLOSE("resolved", c->resolved.mean, 119.0, REL, 0);
    CCS_ASSERT_CLOSE("per resolved", c->per_resolved_contact.mean, 1.0, REL, 0);
    /* The group's own count of calls answered is the same 119. */
    CCS_ASSERT_CLOSE("group handled", res->groups[0].handled.mean, 119.0, REL, 0);
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
    /* Every minute handled: 119 calls x 300 s = 595 minutes x $1.00, the
     * minutes after the end of the day included. */
    CCS_ASSERT_CLOSE("minutes billed", c->item[CCS_ITEM_VENDOR_PRICE].mean, 595.0, REL, 0);
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
    /* 595 handled minutes x $0.01 = $5.95. */
    CCS_ASSERT_CLOSE("telephony", c->item[CCS_ITEM_TELEPHONY].mean, 5.95, 1e-12, 0);
    ccs_cost_result_free(c);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* The same through the CLI: the text report says 119.00 and 1.00. */
START_TEST(test_tail_cli)
{
    const char *path = "build/tests/tail-billing.cfg";
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
    int st = ccs_test_run("run build/tests/tail-billing.cfg --quiet", &out, &err);
    ck_assert_msg(st == 0, "exit %d: %s", st, err);
    ck_assert_msg(strstr(out, "total per day      119.00 [119.00, 119.00]") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "per handled call   1.00 [1.00, 1.00]") != NULL, "%s", out);
    free(out);
    free(err);
    remove(path);
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
    return s;
}
