/*
 * check_cost.c — the cost model against hand-computed cases: every line
 * item of a captive group (shrinkage, supervision, seats, telephony,
 * attrition), each outsourced pricing model with amortised transition fee
 * and vendor management, our share of a pooled vendor group, SLA penalty
 * and gain-share arithmetic per interval, day and month, and the paired
 * difference of `ccsim compare`.  Then the quality model through the
 * simulator: handle-time factor, repeat calls of unresolved contacts, and
 * other clients' traffic kept out of our summary.  Bad cost sections are
 * data-driven from tests/data/cost/.
 *
 * The hand computations use a fake run: a scenario parsed from text and a
 * results struct whose raw tallies are filled in by the test, so every
 * expected value below is worked out from the inputs in the comments, not
 * taken from the program.
 */
#include "ccs_test.h"
#include "ccs_testsc.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/cost.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

#define REL 1e-12

/* Two one-hour intervals; group "g" has 10 then 20 agents.  `types` and
 * `group` are spliced in. */
static ccs_scenario *parse(const char *types, const char *group, const char *terms)
{
    char text[4096];
    snprintf(text, sizeof text,
             "name = \"t\";\n"
             "horizon = { intervals = 2; interval_minutes = 60; };\n"
             "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
             "            handle_time = { dist = \"exponential\"; mean = 60.0; }; }%s );\n"
             "agents = ( { name = \"g\"; count = [ 10, 20 ]; serves = [ %s ];\n"
             "             cost = { %s }; } );\n"
             "cost = { contract_months = 36; operating_days_per_month = 20; %s };\n",
             types ? types : "", types ? "\"a\", \"b\"" : "\"a\"", group, terms ? terms : "");
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "cost-test", NULL, 0, &err);
    char buf[800];
    ck_assert_msg(sc != NULL, "scenario does not parse: %s",
                  ccs_error_format(&err, buf, sizeof buf));
    return sc;
}

/* A fake run of R replications with zeroed tallies. */
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

/* Group 0's cell. */
static ccs_group_tally *graw(ccs_results *res, int r, int k, int t)
{
    return ccs_test_graw(res, r, k, 0, t);
}

/* Replication 0: 100 calls handled, 6000 s of handle time, 80 resolved;
 * replication 1: 200, 12000 s, 150.  All in interval 0, all of type 0. */
static void fill_work(ccs_results *res)
{
    static const double handled[2] = {100, 200}, handle_s[2] = {6000, 12000},
                        resolved[2] = {80, 150};
    for (int r = 0; r < 2; r++) {
        raw(res, r, 0, 0)->offered = handled[r];
        raw(res, r, 0, 0)->handled = handled[r];
        raw(res, r, 0, 0)->answered_in_sl = handled[r];
        graw(res, r, 0, 0)->handled = handled[r];
        graw(res, r, 0, 0)->handle_s = handle_s[r];
        graw(res, r, 0, 0)->busy_s = handle_s[r];
        graw(res, r, 0, 0)->resolved = resolved[r];
    }
}

START_TEST(test_captive_items)
{
    ccs_scenario *sc = parse(NULL,
                             "model = \"captive\"; wage_per_hour = 20.0; benefits = 0.25; "
                             "shrinkage = \"20%\"; agents_per_supervisor = 8; "
                             "supervisor_wage_per_hour = 30.0; seat_per_month = 500.0; "
                             "telephony_per_minute = 0.01; hire_cost = 3000.0; "
                             "attrition_per_year = 0.6;",
                             NULL);
    ccs_results *res = fake(sc, 2);
    fill_work(res);
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    ck_assert(c != NULL);
    /* Scheduled 10 + 20 = 30 agent-hours; paid = 30 / (1 - 0.2) = 37.5. */
    CCS_ASSERT_CLOSE("paid hours", c->paid_hours.mean, 37.5, REL, 0);
    CCS_ASSERT_CLOSE("productive hours", c->productive_hours.mean, 30.0, REL, 0);
    /* Wages: 37.5 h x $20 x 1.25 = 937.5. */
    CCS_ASSERT_CLOSE("wages", c->item[CCS_ITEM_WAGES].mean, 937.5, REL, 0);
    /* Supervisors ceil(10/8) = 2 and ceil(20/8) = 3 for an hour each:
     * 5 h / 0.8 = 6.25 paid h x $30 x 1.25 = 234.375. */
    CCS_ASSERT_CLOSE("supervision", c->item[CCS_ITEM_SUPERVISION].mean, 234.375, REL, 0);
    /* Seats for concurrent positions (issue 9: per head was wrong): the
     * peak of 20 agents on shift x $500 / 20 days = 500. */
    CCS_ASSERT_CLOSE("facilities", c->item[CCS_ITEM_FACILITIES].mean, 500.0, REL, 0);
    /* Telephony: 100 and 200 handled minutes x $0.01 -> mean 1.5. */
    CCS_ASSERT_CLOSE("telephony", c->item[CCS_ITEM_TELEPHONY].mean, 1.5, REL, 0);
    /* Attrition: 25 heads x 0.6 / 12 = 1.25 hires a month x $3000 / 20 days = 187.5. */
    CCS_ASSERT_CLOSE("hiring", c->item[CCS_ITEM_HIRING].mean, 187.5, REL, 0);
    double t0 = 937.5 + 234.375 + 500.0 + 1.0 + 187.5, t1 = t0 + 1.0;
    CCS_ASSERT_CLOSE("total", c->total.mean, (t0 + t1) / 2, REL, 0);
    /* Ratios of sums: (t0 + t1) / (100 + 200) handled, / (80 + 150) resolved. */
    CCS_ASSERT_CLOSE("per call", c->per_handled_call.mean, (t0 + t1) / 300.0, REL, 0);
    CCS_ASSERT_CLOSE("per resolved", c->per_resolved_contact.mean, (t0 + t1) / 230.0, REL, 0);
    CCS_ASSERT_CLOSE("per hour", c->per_hour.mean, (t0 + t1) / 2 / 2.0, REL, 0);
    CCS_ASSERT_CLOSE("per month", c->per_month.mean, (t0 + t1) / 2 * 20.0, REL, 0);
    /* Deterministic items have zero-width intervals; telephony does not. */
    ck_assert_msg(c->item[CCS_ITEM_WAGES].lo == c->item[CCS_ITEM_WAGES].hi, "wages CI not 0");
    ck_assert_msg(c->total.hi > c->total.lo, "total CI has no width");
    ck_assert_double_eq(c->sla_adjustment.mean, 0.0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* Shrinkage 0 and no supervisor span: paid = scheduled, no supervision. */
START_TEST(test_captive_minimal)
{
    ccs_scenario *sc = parse(NULL, "model = \"captive\"; wage_per_hour = 10.0;", NULL);
    ccs_results *res = fake(sc, 2);
    fill_work(res);
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    CCS_ASSERT_CLOSE("wages", c->total.mean, 300.0, REL, 0);
    ck_assert_double_eq(c->item[CCS_ITEM_SUPERVISION].mean, 0.0);
    ck_assert_double_eq(c->item[CCS_ITEM_FACILITIES].mean, 0.0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

typedef struct pricing_case {
    const char *pricing;
    double price;
    double want_price_item;   /* mean over the two replications */
} pricing_case;

/* Volumes as in fill_work(): 30 productive hours; 100 / 200 handled
 * minutes; 100 / 200 calls; 80 / 150 resolved (successes). */
static const pricing_case pricing_cases[] = {
    {"per_agent_hour", 12.0, 30 * 12.0},
    {"per_handled_minute", 0.5, (100 + 200) / 2.0 * 0.5},
    {"per_handled_call", 1.5, (100 + 200) / 2.0 * 1.5},
    {"per_success", 4.0, (80 + 150) / 2.0 * 4.0},
};

START_TEST(test_pricing_models)
{
    const pricing_case *pc = &pricing_cases[_i];
    char group[512];
    snprintf(group, sizeof group,
             "model = \"outsourced\"; pricing = \"%s\"; price = %g; "
             "transition_fee = 72000.0; vendor_management_per_month = 4000.0;",
             pc->pricing, pc->price);
    ccs_scenario *sc = parse(NULL, group, NULL);
    ccs_results *res = fake(sc, 2);
    fill_work(res);
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    CCS_ASSERT_CLOSE(pc->pricing, c->item[CCS_ITEM_VENDOR_PRICE].mean, pc->want_price_item, REL,
                     0);
    /* $72,000 over 36 months = $2,000 a month / 20 days = $100 a day. */
    CCS_ASSERT_CLOSE("transition", c->item[CCS_ITEM_TRANSITION].mean, 100.0, REL, 0);
    /* $4,000 a month / 20 days = $200 a day. */
    CCS_ASSERT_CLOSE("vendor management", c->item[CCS_ITEM_VENDOR_MANAGEMENT].mean, 200.0, REL,
                     0);
    CCS_ASSERT_CLOSE("total", c->total.mean, pc->want_price_item + 300.0, REL, 0);
    ck_assert_double_eq(c->item[CCS_ITEM_WAGES].mean, 0.0);
    /* A vendor bills the hours it staffs: paid = productive. */
    CCS_ASSERT_CLOSE("paid hours", c->paid_hours.mean, 30.0, REL, 0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* A pooled vendor group: 3/4 of its busy time on our calls, 1/4 on
 * another client's; hourly items are charged at 3/4, volumes count ours. */
START_TEST(test_pooled_share)
{
    ccs_scenario *sc = parse(", { name = \"b\"; ours = false; calls_per_hour = 50.0; "
                             "handle_time = { dist = \"exponential\"; mean = 60.0; }; }",
                             "model = \"outsourced\"; pricing = \"per_agent_hour\"; price = 10.0;",
                             NULL);
    ck_assert_int_eq(sc->types[1].ours, 0);
    ccs_results *res = fake(sc, 2);
    fill_work(res);
    for (int r = 0; r < 2; r++) {
        graw(res, r, 1, 1)->busy_s = graw(res, r, 0, 0)->busy_s / 3.0;
        graw(res, r, 1, 1)->handled = 50;
        raw(res, r, 1, 1)->handled = 50;
        raw(res, r, 1, 1)->offered = 50;
    }
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    CCS_ASSERT_CLOSE("share", c->groups[0].our_share.mean, 0.75, REL, 0);
    /* 30 h x $10 x 0.75 = 225. */
    CCS_ASSERT_CLOSE("vendor price", c->item[CCS_ITEM_VENDOR_PRICE].mean, 225.0, REL, 0);
    /* Per handled call counts our 100 + 200 calls only. */
    CCS_ASSERT_CLOSE("per call", c->per_handled_call.mean, 225.0 * 2 / 300.0, REL, 0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* A pooled captive group: 3/4 of its busy time on our calls.  Every
 * time-based item is charged at 3/4; telephony counts our minutes only.
 * Wages 30 h x $20 x 0.75 = 450; supervisors ceil(10/10) + ceil(20/10) = 3 h
 * x $30 x 0.75 = 67.5; seats 20 x $500 / 20 days x 0.75 = 375; hires
 * 20 x 1.2 / 12 x $2400 / 20 days x 0.75 = 180; telephony (100 + 200) / 2
 * minutes x $0.02 = 3. */
START_TEST(test_pooled_captive)
{
    ccs_scenario *sc = parse(", { name = \"b\"; ours = false; calls_per_hour = 50.0; "
                             "handle_time = { dist = \"exponential\"; mean = 60.0; }; }",
                             "model = \"captive\"; wage_per_hour = 20.0; "
                             "agents_per_supervisor = 10; supervisor_wage_per_hour = 30.0; "
                             "seat_per_month = 500.0; telephony_per_minute = 0.02; "
                             "hire_cost = 2400.0; attrition_per_year = 1.2;",
                             NULL);
    ccs_results *res = fake(sc, 2);
    fill_work(res);
    for (int r = 0; r < 2; r++) {
        graw(res, r, 1, 1)->busy_s = graw(res, r, 0, 0)->busy_s / 3.0;
        graw(res, r, 1, 1)->handled = 50;
        graw(res, r, 1, 1)->handle_s = 3000;
        raw(res, r, 1, 1)->handled = 50;
        raw(res, r, 1, 1)->offered = 50;
    }
    ccs_cost_result *c = ccs_cost_compute(res, NULL);
    CCS_ASSERT_CLOSE("share", c->groups[0].our_share.mean, 0.75, REL, 0);
    CCS_ASSERT_CLOSE("wages", c->item[CCS_ITEM_WAGES].mean, 450.0, REL, 0);
    CCS_ASSERT_CLOSE("supervision", c->item[CCS_ITEM_SUPERVISION].mean, 67.5, REL, 0);
    CCS_ASSERT_CLOSE("facilities", c->item[CCS_ITEM_FACILITIES].mean, 375.0, REL, 0);
    CCS_ASSERT_CLOSE("hiring", c->item[CCS_ITEM_HIRING].mean, 180.0, REL, 0);
    CCS_ASSERT_CLOSE("telephony", c->item[CCS_ITEM_TELEPHONY].mean, 3.0, REL, 0);
    CCS_ASSERT_CLOSE("total", c->total.mean, 450 + 67.5 + 375 + 180 + 3, REL, 0);
    /* Paid hours are the group's own, whoever it works for. */
    CCS_ASSERT_CLOSE("paid hours", c->paid_hours.mean, 30.0, REL, 0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* SLA terms of a vendor under each SL definition (a credit when below
 * target lowers our cost, a gain share above it raises it).  Interval 0: 10
 * offered, 8 answered (7 within T), 2 abandoned of which 1 short; interval
 * 1: 10 offered, all answered, 9 within T.  The day against 85%:
 *   offered:           16 / 20 = 80%     -> 5 points below: $500 credit
 *   answered:          16 / 18 = 88.89%  -> 3.889 above: $116.67 gain share
 *   excluding_short:   16 / 19 = 84.21%  -> 0.789 below: $78.95 credit */
START_TEST(test_sla_definitions)
{
    static const char *const defs[] = {"offered", "answered", "excluding_short"};
    const double want[] = {-500.0, (16.0 / 18 - 0.85) * 100 * 30, -(0.85 - 16.0 / 19) * 100 * 100};
    const double dens[] = {20, 18, 19};
    for (int d = 0; d < 3; d++) {
        ccs_scenario *sc = parse(NULL,
                                 "model = \"outsourced\"; pricing = \"per_agent_hour\"; "
                                 "price = 0.0;",
                                 "sla = { target = 0.85; penalty_per_point = 100.0; "
                                 "bonus_per_point = 30.0; period = \"day\"; };");
        ck_assert_int_eq(sc->sl_definition, CCS_SL_OFFERED);
        sc->sl_definition = d == 0 ? CCS_SL_OFFERED : d == 1 ? CCS_SL_ANSWERED : CCS_SL_EXCL_SHORT;
        ck_assert_str_eq(ccs_sl_def_name(sc->sl_definition), defs[d]);
        ccs_results *res = fake(sc, 1);
        ccs_tally *t0 = raw(res, 0, 0, 0), *t1 = raw(res, 0, 1, 0);
        t0->offered = 10, t0->handled = 8, t0->answered_in_sl = 7, t0->abandoned = 2;
        t0->abandoned_short = 1;
        t1->offered = 10, t1->handled = 10, t1->answered_in_sl = 9;
        ccs_cost_result *c = ccs_cost_compute(res, NULL);
        CCS_ASSERT_CLOSE(defs[d], c->sla_adjustment.mean, want[d], 1e-9, 1e-9);
        CCS_ASSERT_CLOSE("SL points", c->sla_points.mean, (0.85 - 16.0 / dens[d]) * 100, 1e-9,
                         1e-12);
        /* compare's service level uses the same definition */
        double num, den;
        ccs_cmp_sums(res, c, CCS_CMP_SERVICE_LEVEL, &num, &den);
        ck_assert_double_eq(num, 16);
        ck_assert_double_eq(den, dens[d]);
        ccs_cost_result_free(c);
        fake_free(res);
        ccs_scenario_free(sc);
    }
}
END_TEST

START_TEST(test_sla_arithmetic)
{
    ccs_cost_terms t;
    memset(&t, 0, sizeof t);
    t.sla_target = 0.80;
    t.penalty_per_point = 1000.0;
    t.bonus_per_point = 400.0;
    double p, b;
    /* 75%: 5 points below -> $5,000 penalty. */
    CCS_ASSERT_CLOSE("below", ccs_cost_sla_period(&t, 0.75, &p, &b), 5000.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("penalty part", p, 5000.0, 1e-12, 0);
    ck_assert_double_eq(b, 0.0);
    /* 90%: 10 points above -> $4,000 gain share, a negative adjustment. */
    CCS_ASSERT_CLOSE("above", ccs_cost_sla_period(&t, 0.90, &p, &b), -4000.0, 1e-12, 0);
    ck_assert_double_eq(p, 0.0);
    CCS_ASSERT_CLOSE("bonus part", b, 4000.0, 1e-12, 0);
    ck_assert_double_eq(ccs_cost_sla_period(&t, 0.80, NULL, NULL), 0.0);
    t.bonus_per_point = 0.0;   /* no gain share: above target is simply 0 */
    ck_assert_double_eq(ccs_cost_sla_period(&t, 0.95, NULL, NULL), 0.0);
}
END_TEST

/* Interval 0 at 70% (7 of 10 in SL), interval 1 at 90% (9 of 10): per
 * interval that is 10 points below then 10 above; per day 80% flat.  The
 * SLA is the vendor's: from the client's side its service credits lower
 * our cost and the gain share we pay raises it (issue 9 named the former
 * sign, penalties adding to cost, as wrong). */
static ccs_cost_result *sla_case(const char *period, ccs_scenario **psc, ccs_results **pres)
{
    char terms[256];
    snprintf(terms, sizeof terms,
             "sla = { target = 0.80; penalty_per_point = 100.0; bonus_per_point = 30.0; "
             "period = \"%s\"; };",
             period);
    ccs_scenario *sc =
        parse(NULL, "model = \"outsourced\"; pricing = \"per_agent_hour\"; price = 0.0;", terms);
    ccs_results *res = fake(sc, 1);
    raw(res, 0, 0, 0)->offered = 10;
    raw(res, 0, 0, 0)->answered_in_sl = 7;
    raw(res, 0, 1, 0)->offered = 10;
    raw(res, 0, 1, 0)->answered_in_sl = 9;
    *psc = sc;
    *pres = res;
    return ccs_cost_compute(res, NULL);
}

START_TEST(test_sla_periods)
{
    ccs_scenario *sc;
    ccs_results *res;
    /* Per interval: 10 x $30 gain share paid - 10 x $100 credit received
     * = -$700 a day. */
    ccs_cost_result *c = sla_case("interval", &sc, &res);
    CCS_ASSERT_CLOSE("interval", c->sla_adjustment.mean, -700.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("interval total", c->total.mean, -700.0, 1e-9, 0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
    /* Per day: 16 of 20 = 80%, on target: nothing. */
    c = sla_case("day", &sc, &res);
    CCS_ASSERT_CLOSE("day", c->sla_adjustment.mean, 0.0, 0, 1e-9);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
    /* Per month with the day at 70%: a credit of 10 points x $100 a month
     * / 20 days, off our cost. */
    c = sla_case("month", &sc, &res);
    raw(res, 0, 1, 0)->answered_in_sl = 7;
    ccs_cost_result_free(c);
    c = ccs_cost_compute(res, NULL);
    CCS_ASSERT_CLOSE("month", c->sla_adjustment.mean, -1000.0 / 20.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("points", c->sla_points.mean, 10.0, 1e-9, 0);
    CCS_ASSERT_CLOSE("month per month", c->per_month.mean, -1000.0, 1e-9, 0);
    ccs_cost_result_free(c);
    fake_free(res);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_paired_diff)
{
    double ya[5] = {10, 12, 9, 14, 11}, xa[5] = {100, 110, 95, 120, 105};
    ccs_estimate e = ccs_cmp_paired_diff(ya, xa, ya, xa, 5);
    ck_assert(e.defined);
    ck_assert_msg(e.mean == 0.0 && e.lo == 0.0 && e.hi == 0.0,
                  "self difference %g [%g, %g], want exactly 0 [0, 0]", e.mean, e.lo, e.hi);
    /* Plain means (x = 1): differences 1, 2, 3 -> mean 2, sd 1, half-width
     * t(0.975, 2) / sqrt(3) with t(0.975, 2) = 4.302652729749464. */
    double b[3] = {11, 12, 13}, a[3] = {10, 10, 10}, one[3] = {1, 1, 1};
    e = ccs_cmp_paired_diff(b, one, a, one, 3);
    CCS_ASSERT_CLOSE("mean diff", e.mean, 2.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("hw", e.hi - e.mean, 4.302652729749464 / sqrt(3.0), 1e-9, 0);
    /* Ratios: B = 2 x A per replication -> RB - RA = RA = 56 / 530; z is
     * (ya - RA xa) / mean(xa), not 0, so the interval has width. */
    double yb[5], xb[5];
    for (int i = 0; i < 5; i++) {
        yb[i] = 2 * ya[i];
        xb[i] = xa[i];
    }
    e = ccs_cmp_paired_diff(yb, xb, ya, xa, 5);
    CCS_ASSERT_CLOSE("ratio diff", e.mean, 56.0 / 530.0, 1e-12, 0);
    ck_assert(e.lo < e.mean && e.mean < e.hi);
    /* By hand: B = (3, 5, 4) / (10, 20, 10), RB = 0.3; A = (1, 2, 3) / 10 each,
     * RA = 0.2.  z = (0/(40/3) + 1/10, -1/(40/3) - 0, 1/(40/3) - 1/10) =
     * (0.1, -0.075, -0.025): sum of squares 0.01625, variance 0.008125, so
     * the half-width is t(2) sqrt(0.008125 / 3). */
    double b3[3] = {3, 5, 4}, bx[3] = {10, 20, 10}, a3[3] = {1, 2, 3}, ax[3] = {10, 10, 10};
    e = ccs_cmp_paired_diff(b3, bx, a3, ax, 3);
    CCS_ASSERT_CLOSE("hand ratio diff", e.mean, 0.1, 1e-12, 0);
    CCS_ASSERT_CLOSE("hand paired half-width", e.hi - e.mean,
                     4.302652729749464 * sqrt(0.008125 / 3), 1e-9, 0);
    CCS_ASSERT_CLOSE("symmetric", e.mean - e.lo, e.hi - e.mean, 1e-9, 0);
    double zero[2] = {0, 0};
    e = ccs_cmp_paired_diff(zero, zero, zero, zero, 2);
    ck_assert_int_eq(e.defined, 0);
}
END_TEST

/* ---- through the simulator ------------------------------------------ */

static ccs_results *simulate(const char *text, ccs_scenario **psc)
{
    ccs_error err;
    char buf[800], seed[40];
    snprintf(seed, sizeof seed, "run.seed=%llu", (unsigned long long)ccs_test_seed(151));
    const char *sets[] = {seed};
    ccs_scenario *sc = ccs_scenario_parse(text, "sim-test", sets, 1, &err);
    ck_assert_msg(sc != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
    ccs_run_options opt = {0};
    opt.threads = 2;
    ccs_results *res = ccs_sim_run(sc, &opt, &err);
    ck_assert_msg(res != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
    *psc = sc;
    return res;
}

/*
 * Repeat calls: 1000 fresh calls an hour for 4 hours (4000 expected), every
 * call answered at once (40 agents for ~10 Erlangs), fcr 0.8 and a repeat
 * 1 s after an unresolved call ends.  Each contact is resolved with
 * probability f = 0.8, so a fresh caller makes a geometric number of
 * contacts with mean 1/f: offered = 4000 / 0.8 = 5000, of which
 * 4000 (1 - f) / f = 1000 are repeats.  Only repeats that would fall after
 * the day are lost: about 0.35 calls/s x 31 s x 0.2 ~ 2, a tenth of a
 * standard error.  Variances: contacts per fresh caller G is geometric, so
 * Var(offered) = 4000 E[G^2] = 4000 (2 - f) / f^2 = 7500 per day and
 * Var(repeats) = 4000 E[(G - 1)^2] = 1500; resolutions are Bernoulli(f).
 * Handle time is a deterministic 30 s x aht_factor 1.5 = 45 s.
 */
START_TEST(test_repeat_calls)
{
    ccs_scenario *sc;
    ccs_results *res = simulate(
        "horizon = { intervals = 8; interval_minutes = 30; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 1000.0;\n"
        "            handle_time = { dist = \"deterministic\"; mean = 30.0; };\n"
        "            repeat_delay = { dist = \"deterministic\"; mean = 1.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 40; serves = [ \"a\" ];\n"
        "             quality = { aht_factor = 1.5; fcr = 0.8; }; } );\n"
        "run = { replications = 30; seed = 11; };\n",
        &sc);
    const ccs_figures *f = &res->summary;
    int R = res->replications;
    double z = ccs_test_zcrit(CCS_ALPHA_TEST, 3);
    CCS_ASSERT_Z("offered = 4000 / 0.8", f->offered.mean, 5000.0, sqrt(7500.0 / R), z);
    /* Repeats: mean of the per-replication tallies. */
    double rep = 0, handled = 0, resolved = 0;
    int nk = sc->n_intervals;
    for (int r = 0; r < res->replications; r++) {
        for (int k = 0; k < nk; k++) {
            rep += ccs_test_raw(res, r, k, 0)->repeats;
            handled += ccs_test_graw(res, r, k, 0, 0)->handled;
            resolved += ccs_test_graw(res, r, k, 0, 0)->resolved;
        }
    }
    rep /= res->replications;
    CCS_ASSERT_Z("repeats", rep, 1000.0, sqrt(1500.0 / R), z);
    CCS_ASSERT_Z("resolved share", resolved / handled, 0.8, sqrt(0.16 / handled), z);
    CCS_ASSERT_CLOSE("AHT x factor", f->aht_s.mean, 45.0, 1e-9, 0);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* fcr 1 (the default): no repeats at all. */
START_TEST(test_no_repeats_by_default)
{
    ccs_scenario *sc;
    ccs_results *res = simulate(
        "horizon = { intervals = 2; interval_minutes = 30; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 500.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 15; serves = [ \"a\" ]; } );\n"
        "run = { replications = 3; seed = 2; };\n",
        &sc);
    for (int r = 0; r < res->replications; r++) {
        for (int k = 0; k < sc->n_intervals; k++) {
            ck_assert_double_eq(ccs_test_raw(res, r, k, 0)->repeats, 0.0);
            ck_assert_double_eq(ccs_test_graw(res, r, k, 0, 0)->resolved,
                                ccs_test_graw(res, r, k, 0, 0)->handled);
        }
    }
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* Another client's type is not in our summary: it equals our type's row. */
START_TEST(test_not_ours_excluded)
{
    ccs_scenario *sc;
    ccs_results *res = simulate(
        "horizon = { intervals = 4; interval_minutes = 30; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 300.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; },\n"
        "          { name = \"b\"; ours = false; calls_per_hour = 700.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 25; serves = [ \"a\", \"b\" ]; } );\n"
        "run = { replications = 4; seed = 5; };\n",
        &sc);
    ck_assert_double_eq(res->summary.offered.mean, res->types[0].offered.mean);
    ck_assert_double_eq(res->summary.handled.mean, res->types[0].handled.mean);
    ck_assert_msg(res->types[1].offered.mean > 1000, "b offered %g",
                  res->types[1].offered.mean);
    /* Occupancy still counts the agents' time on b (about 1000 calls/h x
     * 60 s = 16.7 Erlangs on 25 agents). */
    ck_assert_msg(res->summary.occupancy.mean > 0.5, "occupancy %g",
                  res->summary.occupancy.mean);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- bad cost sections ------------------------------------------------ */

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

START_TEST(test_bad_cost_configs)
{
    DIR *d = opendir("tests/data/cost");
    ck_assert_msg(d != NULL, "no tests/data/cost (tests run from the project root)");
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        if (!ends_with(e->d_name, ".cfg")) {
            continue;
        }
        char cfg[512], exp[512], args[600], buf[800];
        snprintf(cfg, sizeof cfg, "tests/data/cost/%s", e->d_name);
        snprintf(exp, sizeof exp, "%.*s.expected", (int)(strlen(cfg) - 4), cfg);
        char *want = ccs_test_slurp(exp);
        ck_assert_msg(want != NULL, "%s has no .expected", cfg);
        want[strcspn(want, "\n")] = '\0';
        ccs_error err;
        ccs_scenario *sc = ccs_scenario_load(cfg, NULL, 0, &err);
        ck_assert_msg(sc == NULL, "%s: accepted", cfg);
        ck_assert_int_eq(err.code, CCS_ECONFIG);
        ccs_error_format(&err, buf, sizeof buf);
        ck_assert_msg(strcmp(buf, want) == 0, "%s:\n got  %s\n want %s", cfg, buf, want);
        /* The CLI: one line, exit status 2. */
        char *out, *errtext;
        snprintf(args, sizeof args, "run %s --reps 1", cfg);
        int st = ccs_test_run(args, &out, &errtext);
        ck_assert_msg(st == 2, "ccsim %s: exit %d", args, st);
        ck_assert_msg(out[0] == '\0', "ccsim %s printed on stdout", args);
        char line[900];
        snprintf(line, sizeof line, "ccsim run: %s\n", want);
        ck_assert_msg(strcmp(errtext, line) == 0, "ccsim %s stderr:\n %s want\n %s", args,
                      errtext, line);
        free(out);
        free(errtext);
        free(want);
        n++;
    }
    closedir(d);
    ck_assert_msg(n >= 6, "only %d bad cost configs", n);
}
END_TEST

/* Every shipped cost scenario loads. */
START_TEST(test_shipped_scenarios_load)
{
    static const char *const files[] = {
        "scenarios/captive.cfg",        "scenarios/bpo-onshore.cfg",
        "scenarios/bpo-nearshore.cfg",  "scenarios/bpo-offshore.cfg",
        "scenarios/kpo-specialist.cfg", "scenarios/hybrid-overflow.cfg"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        ccs_error err;
        char buf[800];
        ccs_scenario *sc = ccs_scenario_load(files[i], NULL, 0, &err);
        ck_assert_msg(sc != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
        ck_assert_msg(sc->cost.has_sla, "%s: no SLA", files[i]);
        for (int g = 0; g < sc->n_groups; g++) {
            ck_assert_msg(sc->groups[g].cost.kind != CCS_COST_NONE, "%s: group %s has no cost",
                          files[i], sc->groups[g].name);
        }
        ccs_scenario_free(sc);
    }
}
END_TEST

Suite *cost_suite(void)
{
    Suite *s = suite_create("cost");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_captive_items);
    tcase_add_test(core, test_captive_minimal);
    tcase_add_loop_test(core, test_pricing_models, 0,
                        (int)(sizeof pricing_cases / sizeof pricing_cases[0]));
    tcase_add_test(core, test_pooled_share);
    tcase_add_test(core, test_pooled_captive);
    tcase_add_test(core, test_sla_definitions);
    tcase_add_test(core, test_sla_arithmetic);
    tcase_add_test(core, test_sla_periods);
    tcase_add_test(core, test_paired_diff);
    tcase_add_test(core, test_shipped_scenarios_load);
    suite_add_tcase(s, core);
    TCase *model = tcase_create("limits");
    tcase_set_timeout(model, 60);
    tcase_add_test(model, test_repeat_calls);
    tcase_add_test(model, test_no_repeats_by_default);
    tcase_add_test(model, test_not_ours_excluded);
    suite_add_tcase(s, model);
    TCase *errors = tcase_create("errors");
    tcase_set_timeout(errors, 60);
    tcase_add_test(errors, test_bad_cost_configs);
    suite_add_tcase(s, errors);
    return s;
}
