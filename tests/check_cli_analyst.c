/*
 * check_cli_analyst.c — the analyst's workflow of issue 9: offered load at
 * the effective handle time with repeat contacts (run, staff and its Erlang
 * column), cost columns in sweep, compare --set and its cost breakdown,
 * staff on a group that only takes calls after the SL threshold, and
 * --volume-factor on run, staff, sweep and compare.
 *
 * Expected values are worked out in the comments from the inputs.
 */
#include "ccs_test.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/error.h"
#include "ccsim/scenario.h"
#include "ccsim/staff.h"
#include "ccsim/workload.h"

static __attribute__((unused)) ccs_scenario *load_text(const char *text)
{
    ccs_error err;
    char buf[800];
    ccs_scenario *sc = ccs_scenario_parse(text, "analyst-test", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "scenario does not parse: %s",
                  ccs_error_format(&err, buf, sizeof buf));
    return sc;
}

static ccs_scenario *load_file(const char *path)
{
    ccs_error err;
    char buf[800];
    ccs_scenario *sc = ccs_scenario_load(path, NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s", ccs_error_format(&err, buf, sizeof buf));
    return sc;
}

/* Writes text to a scratch file under /tmp (named by the pid, so that runs
 * in parallel and builds without build/tests/ do not collide) and returns
 * its path. */
static const char *scratch(const char *name, const char *text)
{
    static char path[4][256];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, 256, "/tmp/ccs_analyst_%ld_%s", (long)getpid(), name);
    FILE *fp = fopen(p, "w");
    ck_assert_msg(fp != NULL, "cannot write %s", p);
    fputs(text, fp);
    fclose(fp);
    return p;
}

static json_t *run_json(const char *args)
{
    char *out, *err;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "ccsim %s: exit %d: %s", args, st, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "ccsim %s: not JSON (%s): %.200s", args, je.text, out);
    free(out);
    free(err);
    return root;
}

static double jmean(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    ck_assert_msg(v != NULL, "no key %s", key);
    json_t *m = json_is_object(v) ? json_object_get(v, "mean") : v;
    ck_assert_msg(json_is_number(m), "%s is not a number", key);
    return json_number_value(m);
}

/* ---- offered load ------------------------------------------------------------ */

/* bpo-offshore.cfg at 10:30 (interval 5): 600 fresh calls an hour, 6-minute
 * handle time, aht_factor 1.15, fcr 0.68: 600 / 0.68 = 882.35 contacts an
 * hour x 414 s = 101.470588... Erlangs (was shown as 600 x 360 / 3600 = 60). */
START_TEST(test_load_offshore)
{
    ccs_scenario *sc = load_file("scenarios/bpo-offshore.cfg");
    double want = 600.0 / 0.68 * (360.0 * 1.15) / 3600.0;
    CCS_ASSERT_CLOSE("rate", ccs_workload_rate(sc, 0, 5, 0), 600.0 / 0.68, 1e-12, 0);
    CCS_ASSERT_CLOSE("aht", ccs_workload_aht(sc, 0, 0), 414.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("interval", ccs_workload_interval(sc, 5), want, 1e-12, 0);
    CCS_ASSERT_CLOSE("group", ccs_workload_group(sc, 0, 5), want, 1e-12, 0);
    ccs_scenario_free(sc);
    /* run's CSV and JSON show it. */
    json_t *root = run_json("run scenarios/bpo-offshore.cfg --reps 2 --quiet --format json");
    json_t *iv = json_array_get(json_object_get(root, "intervals"), 5);
    CCS_ASSERT_CLOSE("run load_erl", jmean(iv, "load_erl"), want, 1e-12, 0);
    json_decref(root);
}
END_TEST

/* The primary group of an overflow pair: in-house (no delay) answers
 * first, the vendor after 10 s; run's load uses in-house's factors
 * (1.0, 0.80): 600 / 0.8 x 360 / 3600 = 75 Erlangs, plus the other client's
 * 200/h x 300 s = 16.67 at the vendor (its only group, factor 1.15, fcr
 * 0.68): 200 / 0.68 x 345 / 3600. */
START_TEST(test_load_primary_group)
{
    ccs_scenario *sc = load_file("scenarios/hybrid-overflow.cfg");
    ck_assert_int_eq(ccs_workload_primary_group(sc, 0), 0);
    ck_assert_int_eq(ccs_workload_primary_group(sc, 1), 1);
    double want = 600.0 / 0.8 * 360.0 / 3600.0 + 200.0 / 0.68 * (300.0 * 1.15) / 3600.0;
    CCS_ASSERT_CLOSE("interval 5", ccs_workload_interval(sc, 5), want, 1e-12, 0);
    /* The vendor's own load: both types at its factors. */
    double vend = (600.0 + 200.0 * 300.0 / 360.0) / 0.68 * 360.0 * 1.15 / 3600.0;
    CCS_ASSERT_CLOSE("vendor", ccs_workload_group(sc, 1, 5), vend, 1e-12, 0);
    ccs_scenario_free(sc);
}
END_TEST

/* staff's Erlang column at the effective load.  offshore's peak: Erlang A at
 * 101.47 Erlangs, AHT 414 s, patience 180 s, 80/20 needs 102 agents (it
 * said 62, the answer for the fresh 60 Erlangs at 360 s). */
START_TEST(test_staff_erlang_offshore)
{
    ccs_scenario *sc = load_file("scenarios/bpo-offshore.cfg");
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    int n = 0;
    ck_assert_int_eq(ccs_staff_erlang(sc, 0, 5, &o, &n, NULL), CCS_OK);
    ck_assert_int_eq(n, 102);
    ccs_scenario_free(sc);
}
END_TEST

/* The staff CLI on one interval: 100 fresh calls an hour, 180 s, a group
 * with aht_factor 2 and fcr 0.5 -> 200 contacts an hour x 360 s = 20
 * Erlangs; Erlang C for 80/20 at A = 20, AHT 360 s: SL(24) = 76.1%,
 * SL(25) = 84.2% -> 25 agents (the old 5 Erlangs gave far fewer). */
START_TEST(test_staff_cli_load)
{
    const char *cfg = scratch("load-staff.cfg",
                              "name = \"load\";\n"
                              "horizon = { intervals = 1; interval_minutes = 30; };\n"
                              "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
                              "   handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
                              "   service_level = \"80/20\"; } );\n"
                              "agents = ( { name = \"g\"; count = 10; serves = [ \"a\" ];\n"
                              "   quality = { aht_factor = 2.0; fcr = 0.5; }; } );\n"
                              "run = { seed = 4; };\n");
    char args[512];
    snprintf(args, sizeof args, "staff %s --reps 10 --max-reps 10 --format json", cfg);
    json_t *root = run_json(args);
    json_t *iv = json_array_get(json_object_get(root, "intervals"), 0);
    CCS_ASSERT_CLOSE("load", jmean(iv, "load_erl"), 20.0, 1e-12, 0);
    ck_assert_int_eq((int)json_integer_value(json_object_get(iv, "erlang_agents")), 25);
    json_decref(root);
    remove(cfg);
}
END_TEST

/* ---- sweep: cost columns ---------------------------------------------------- */

/* issue 9's tail case (150 calls handled, all resolved) with a vendor at
 * `price` per handled call: cost per call = per resolved = price, per month
 * = 150 x price x 21.7 days. */
static const char *tail_cfg(void)
{
    return scratch("tail-sweep.cfg",
                   "name = \"tail\";\n"
                   "horizon = { intervals = 2; interval_minutes = 30; };\n"
                   "calls = ( { name = \"a\"; calls_per_hour = [ 60.0, 240.0 ];\n"
                   "   handle_time = { dist = \"deterministic\"; mean = 300.0; }; } );\n"
                   "agents = ( { name = \"v\"; count = 10; serves = [ \"a\" ];\n"
                   "   cost = { model = \"outsourced\"; pricing = \"per_handled_call\";\n"
                   "            price = 1.0; }; } );\n"
                   "run = { replications = 1; seed = 3; };\n");
}

START_TEST(test_sweep_cost_csv)
{
    const char *cfg = tail_cfg();
    char args[512], *out, *err;
    snprintf(args, sizeof args, "sweep %s --vary agents.[0].cost.price=1:3:1 --format csv --quiet",
             cfg);
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "exit %d: %s", st, err);
    char path[256];
    snprintf(path, sizeof path, "/tmp/ccs_analyst_%ld_tail-sweep.csv", (long)getpid());
    FILE *fp = fopen(path, "w");
    fputs(out, fp);
    fclose(fp);
    ccs_csv *c = ccs_csv_read(path);
    ck_assert_int_eq(c->nrows, 3);
    for (int i = 0; i < 3; i++) {
        double price = i + 1;
        CCS_ASSERT_CLOSE("per call", ccs_csv_num(c, i, "cost_per_handled_call"), price, 1e-12, 0);
        CCS_ASSERT_CLOSE("per resolved", ccs_csv_num(c, i, "cost_per_resolved_contact"), price,
                         1e-12, 0);
        CCS_ASSERT_CLOSE("per month", ccs_csv_num(c, i, "cost_per_month"), 150 * price * 21.7,
                         1e-12, 0);
        ccs_csv_col(c, "cost_per_month_lo");
        ccs_csv_col(c, "cost_per_month_hi");
    }
    ccs_csv_free(c);
    free(out);
    free(err);
    remove(path);
    /* JSON: each cell's "cost". */
    snprintf(args, sizeof args, "sweep %s --vary agents.[0].cost.price=1:3:1 --format json --quiet",
             cfg);
    json_t *root = run_json(args);
    json_t *cell = json_array_get(json_object_get(root, "cells"), 1);
    json_t *cost = json_object_get(cell, "cost");
    ck_assert_msg(json_is_object(cost), "no cost in a sweep cell");
    CCS_ASSERT_CLOSE("json per call", jmean(cost, "per_handled_call"), 2.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("json per resolved", jmean(cost, "per_resolved_contact"), 2.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("json per month", jmean(cost, "per_month"), 150 * 2.0 * 21.7, 1e-12, 0);
    json_decref(root);
    /* Text: the three columns with their figures. */
    snprintf(args, sizeof args, "sweep %s --vary agents.[0].cost.price=1:3:1 --quiet", cfg);
    st = ccs_test_run(args, &out, &err);
    ck_assert_int_eq(st, 0);
    ck_assert_msg(strstr(out, "cost/call") && strstr(out, "cost/resolved") &&
                      strstr(out, "cost/month"),
                  "%s", out);
    ck_assert_msg(strstr(out, "3.00 [3.00, 3.00]") && strstr(out, "9765 [9765, 9765]"), "%s",
                  out);
    free(out);
    free(err);
    remove(cfg);
}
END_TEST

/* Without a cost section the table has no cost columns (unchanged). */
START_TEST(test_sweep_no_cost)
{
    char *out, *err;
    int st = ccs_test_run("sweep scenarios/mmc.cfg --vary agents.[0].count=50:52:2 --reps 2 "
                          "--format csv --quiet",
                          &out, &err);
    ck_assert_int_eq(st, 0);
    ck_assert_msg(strstr(out, "cost") == NULL, "%s", out);
    free(out);
    free(err);
}
END_TEST

/* ---- compare: --set and the cost breakdown ------------------------------------ */

static json_t *diff_of(json_t *root, int i)
{
    return json_array_get(json_object_get(root, "differences"), (size_t)i);
}

/* The tail case against itself with B's price raised to 3 (--set 2:...):
 * B - A = 150 x (3 - 1) = 300 a day, 2.00 a call, 6,510.00 a month, all
 * from vendor_price; one replication, so the intervals have no width. */
START_TEST(test_compare_set_one)
{
    const char *cfg = tail_cfg();
    char args[512];
    snprintf(args, sizeof args,
             "compare %s %s --set 2:agents.[0].cost.price=3 --format json", cfg, cfg);
    json_t *root = run_json(args);
    json_t *d = diff_of(root, 0);
    CCS_ASSERT_CLOSE("per call", jmean(d, "per_handled_call"), 2.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("per month", jmean(d, "per_month"), 300.0 * 21.7, 1e-12, 0);
    json_t *bd = json_object_get(d, "cost_breakdown_per_month");
    CCS_ASSERT_CLOSE("vendor_price", jmean(bd, "vendor_price"), 300.0 * 21.7, 1e-12, 0);
    CCS_ASSERT_CLOSE("wages", jmean(bd, "wages"), 0.0, 0, 1e-12);
    CCS_ASSERT_CLOSE("total", jmean(bd, "total"), 300.0 * 21.7, 1e-12, 0);
    json_t *b = json_array_get(json_object_get(root, "scenarios"), 1);
    json_t *bb = json_object_get(b, "cost_breakdown_per_month");
    CCS_ASSERT_CLOSE("B vendor_price", jmean(bb, "vendor_price"), 450.0 * 21.7, 1e-12, 0);
    ck_assert(json_is_true(json_object_get(json_object_get(b, "cost"), "costed")));
    json_decref(root);
    /* Without K, every scenario: both at 2, no difference. */
    snprintf(args, sizeof args, "compare %s %s --set agents.[0].cost.price=2 --format json", cfg,
             cfg);
    root = run_json(args);
    json_t *a = json_array_get(json_object_get(root, "scenarios"), 0);
    CCS_ASSERT_CLOSE("A per call", jmean(json_object_get(a, "cost"), "per_handled_call"), 2.0,
                     1e-12, 0);
    CCS_ASSERT_CLOSE("no diff", jmean(diff_of(root, 0), "per_month"), 0.0, 0, 1e-12);
    json_decref(root);
    /* Text: the breakdown, side by side and as a difference. */
    char *out, *err;
    snprintf(args, sizeof args, "compare %s %s --set 2:agents.[0].cost.price=3", cfg, cfg);
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "exit %d: %s", st, err);
    ck_assert_msg(strstr(out, "Cost breakdown per month") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "vendor_price        3255 \xc2\xb1" "0") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "+6510 [+6510, +6510]") != NULL, "%s", out);
    free(out);
    free(err);
    remove(cfg);
}
END_TEST

/* Bad --set: a scenario number out of range, a malformed override, an
 * unknown path in one scenario: one line on stderr, exit 2, no stdout. */
START_TEST(test_compare_set_errors)
{
    static const struct {
        const char *args, *want;
    } cases[] = {
        {"--set 3:run.seed=1", "--set: scenario 3 does not exist"},
        {"--set 0:run.seed=1", "--set: expected PATH=VALUE or K:PATH=VALUE"},
        {"--set 2:nokey", "--set: expected PATH=VALUE or K:PATH=VALUE"},
        {"--set =3", "--set: expected PATH=VALUE"},
        {"--set 2:agents.[0].nosuch=3", "scenarios/mmc-abandon.cfg"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char args[512], *out, *err;
        snprintf(args, sizeof args, "compare scenarios/mmc.cfg scenarios/mmc-abandon.cfg --reps 2 %s",
                 cases[i].args);
        int st = ccs_test_run(args, &out, &err);
        ck_assert_msg(st == 2, "%s: exit %d", args, st);
        ck_assert_msg(out[0] == '\0', "%s: stdout %s", args, out);
        ck_assert_msg(strstr(err, cases[i].want) != NULL, "%s: %s", args, err);
        ck_assert_msg(strchr(err, '\n') == err + strlen(err) - 1, "%s: not one line: %s", args,
                      err);
        free(out);
        free(err);
    }
}
END_TEST

/* A scenario without a cost section: "-" for its cost, not 0.00; null in
 * JSON, and no difference against it. */
START_TEST(test_compare_uncosted_dash)
{
    const char *cfg = tail_cfg();
    char args[512], *out, *err;
    snprintf(args, sizeof args, "compare scenarios/mmc.cfg %s --reps 1", cfg);
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "exit %d: %s", st, err);
    const char *line = strstr(out, "  cost per call ");
    ck_assert_msg(line != NULL, "%s", out);
    char first[64];
    ck_assert_int_eq(sscanf(line, "  cost per call %63s", first), 1);
    ck_assert_msg(strcmp(first, "-") == 0, "A's cost per call is '%s', want '-'", first);
    ck_assert_msg(strstr(out, "0.00 \xc2\xb1" "0.00") == NULL, "%s", out);
    free(out);
    free(err);
    snprintf(args, sizeof args, "compare scenarios/mmc.cfg %s --reps 1 --format json", cfg);
    json_t *root = run_json(args);
    json_t *a = json_array_get(json_object_get(root, "scenarios"), 0);
    json_t *cost = json_object_get(a, "cost");
    ck_assert(json_is_false(json_object_get(cost, "costed")));
    ck_assert(json_is_null(json_object_get(json_object_get(cost, "per_month"), "mean")));
    ck_assert(json_is_null(json_object_get(json_object_get(diff_of(root, 0), "per_month"),
                                           "mean")));
    json_decref(root);
    remove(cfg);
}
END_TEST

/* ---- --volume-factor ----------------------------------------------------------- */

START_TEST(test_volume_scale_lib)
{
    ccs_scenario *sc = load_file("scenarios/hybrid-overflow.cfg");
    ccs_error err;
    ck_assert_int_eq(ccs_workload_scale(sc, 1.25, &err), CCS_OK);
    /* Every type, every interval: support 220 -> 275 at 08:00, 600 -> 750
     * at 10:30; the other client's 200 -> 250. */
    CCS_ASSERT_CLOSE("support 0", sc->types[0].rate_per_hour[0], 275.0, 1e-15, 0);
    CCS_ASSERT_CLOSE("support 5", sc->types[0].rate_per_hour[5], 750.0, 1e-15, 0);
    CCS_ASSERT_CLOSE("other 23", sc->types[1].rate_per_hour[23], 250.0, 1e-15, 0);
    CCS_ASSERT_CLOSE("factor", sc->volume_factor, 1.25, 1e-15, 0);
    /* Out of range: refused, the scenario unchanged. */
    const double bad[] = {0.0, -1.0, NAN, INFINITY, 1000.5};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(ccs_workload_scale(sc, bad[i], &err), CCS_EINVAL);
        ck_assert_str_eq(err.key, "volume_factor");
    }
    CCS_ASSERT_CLOSE("unchanged", sc->types[0].rate_per_hour[5], 750.0, 1e-15, 0);
    ccs_scenario_free(sc);
}
END_TEST

/* run --volume-factor 2 is the run with both rates doubled by --set:
 * the same interval table byte for byte (the seed's streams are the same;
 * the rates are 120 and 480 either way). */
START_TEST(test_volume_run)
{
    const char *cfg = tail_cfg();
    char a1[512], a2[512], *o1, *o2, *e1, *e2;
    snprintf(a1, sizeof a1, "run %s --volume-factor 2 --format csv --quiet", cfg);
    snprintf(a2, sizeof a2,
             "run %s --set calls.[0].calls_per_hour.[0]=120 --set calls.[0].calls_per_hour.[1]=480 "
             "--format csv --quiet",
             cfg);
    ck_assert_int_eq(ccs_test_run(a1, &o1, &e1), 0);
    ck_assert_int_eq(ccs_test_run(a2, &o2, &e2), 0);
    ck_assert_msg(strcmp(o1, o2) == 0, "--volume-factor 2:\n%s\n--set:\n%s", o1, o2);
    free(o1);
    free(o2);
    free(e1);
    free(e2);
    /* JSON says so; interval 1's load is 480/h x 300 s = 40 Erlangs. */
    snprintf(a1, sizeof a1, "run %s --volume-factor 2 --format json --quiet", cfg);
    json_t *root = run_json(a1);
    CCS_ASSERT_CLOSE("factor", jmean(root, "volume_factor"), 2.0, 0, 0);
    json_t *iv = json_array_get(json_object_get(root, "intervals"), 1);
    CCS_ASSERT_CLOSE("load", jmean(iv, "load_erl"), 40.0, 1e-12, 0);
    json_decref(root);
    remove(cfg);
}
END_TEST

/* staff, sweep and compare scale too: staff's load doubles (the one-interval
 * case: 20 -> 40 Erlangs), sweep's and compare's offered calls equal run's
 * at the same factor. */
START_TEST(test_volume_other_commands)
{
    const char *cfg = scratch("load-staff-v.cfg",
                              "name = \"load\";\n"
                              "horizon = { intervals = 1; interval_minutes = 30; };\n"
                              "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
                              "   handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
                              "   service_level = \"80/20\"; } );\n"
                              "agents = ( { name = \"g\"; count = 10; serves = [ \"a\" ];\n"
                              "   quality = { aht_factor = 2.0; fcr = 0.5; }; } );\n"
                              "run = { seed = 4; replications = 3; };\n");
    char args[512];
    snprintf(args, sizeof args,
             "staff %s --reps 10 --max-reps 10 --volume-factor 2 --format json", cfg);
    json_t *root = run_json(args);
    json_t *iv = json_array_get(json_object_get(root, "intervals"), 0);
    CCS_ASSERT_CLOSE("staff load", jmean(iv, "load_erl"), 40.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("staff factor", jmean(root, "volume_factor"), 2.0, 0, 0);
    json_decref(root);

    snprintf(args, sizeof args, "run %s --volume-factor 1.5 --format json --quiet", cfg);
    root = run_json(args);
    double offered = jmean(json_object_get(root, "summary"), "offered");
    json_decref(root);
    snprintf(args, sizeof args,
             "sweep %s --vary agents.[0].count=10:10:1 --volume-factor 1.5 --format json --quiet",
             cfg);
    root = run_json(args);
    json_t *cell = json_array_get(json_object_get(root, "cells"), 0);
    CCS_ASSERT_CLOSE("sweep offered", jmean(json_object_get(cell, "summary"), "offered"), offered,
                     0, 0);
    CCS_ASSERT_CLOSE("sweep factor", jmean(root, "volume_factor"), 1.5, 0, 0);
    json_decref(root);
    snprintf(args, sizeof args, "compare %s %s --volume-factor 1.5 --format json", cfg, cfg);
    root = run_json(args);
    json_t *sa = json_array_get(json_object_get(root, "scenarios"), 1);
    CCS_ASSERT_CLOSE("compare offered", jmean(json_object_get(sa, "summary"), "offered"), offered,
                     0, 0);
    CCS_ASSERT_CLOSE("compare factor", jmean(root, "volume_factor"), 1.5, 0, 0);
    json_decref(root);
    remove(cfg);
}
END_TEST

/* Bad factors on every command: exit 2, one line naming the option, nothing
 * on stdout. */
START_TEST(test_volume_bad)
{
    static const char *const cmds[] = {
        "run scenarios/mmc.cfg --reps 2",
        "staff scenarios/mmc.cfg --reps 2",
        "sweep scenarios/mmc.cfg --vary agents.[0].count=50:52:2 --reps 2",
        "compare scenarios/mmc.cfg scenarios/mmc.cfg --reps 2",
    };
    static const char *const vals[] = {"0", "-1", "nan", "inf", "1001", "1e400", "abc", "''",
                                       "2x"};
    for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++) {
        for (size_t v = 0; v < sizeof vals / sizeof vals[0]; v++) {
            char args[512], *out, *err;
            snprintf(args, sizeof args, "%s --volume-factor %s", cmds[c], vals[v]);
            int st = ccs_test_run(args, &out, &err);
            ck_assert_msg(st == 2, "%s: exit %d", args, st);
            ck_assert_msg(out[0] == '\0', "%s: stdout: %s", args, out);
            ck_assert_msg(strstr(err, "--volume-factor: expected a number > 0 and at most 1000") !=
                              NULL,
                          "%s: %s", args, err);
            ck_assert_msg(strchr(err, '\n') == err + strlen(err) - 1, "%s: not one line: %s",
                          args, err);
            free(out);
            free(err);
        }
    }
    /* A factor that makes the scenario absurd is refused with the bound. */
    char *out, *err;
    int st = ccs_test_run("run scenarios/mmc.cfg --set calls.[0].calls_per_hour=1000000 "
                          "--volume-factor 1000",
                          &out, &err);
    ck_assert_int_eq(st, 2);
    ck_assert_msg(out[0] == '\0' && strstr(err, "--volume-factor") &&
                      strstr(err, "expected arrivals per replication"),
                  "%s", err);
    free(out);
    free(err);
}
END_TEST

/* ---- staff: a group that takes calls only after the SL threshold ---------------- */

/* 'first' (2 agents, about 5 Erlangs offered) answers at once; 'late'
 * takes the calls only after 30 s in queue, past the 20 s threshold.  No
 * number of 'late' agents answers a call within 20 s, so staffing 'late'
 * for 80/20 cannot succeed: staff says why (it said "no staffing up to 82
 * agents meets the targets"). */
static const char *late_cfg(double after)
{
    static char text[1024];
    snprintf(text, sizeof text,
             "name = \"late\";\n"
             "horizon = { intervals = 1; interval_minutes = 30; };\n"
             "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
             "   handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
             "   service_level = \"80/20\"; } );\n"
             "agents = ( { name = \"first\"; count = 2; serves = [ \"a\" ]; },\n"
             "           { name = \"late\"; count = 5; serves = [ \"a\" ];\n"
             "             serve_after = [ %g ]; } );\n"
             "run = { seed = 2; };\n",
             after);
    return scratch("late-staff.cfg", text);
}

START_TEST(test_staff_late_group)
{
    const char *cfg = late_cfg(30.0);
    char args[512], *out, *err;
    snprintf(args, sizeof args, "staff %s --group late --reps 10 --max-reps 10", cfg);
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 2, "exit %d", st);
    ck_assert_msg(out[0] == '\0', "stdout: %s", out);
    ck_assert_msg(strstr(err, "'late' takes 'a' only after 30 s in queue, past its 20 s SL "
                              "threshold: it cannot help meet the SL target") != NULL,
                  "%s", err);
    ck_assert_msg(strstr(err, "no staffing up to") == NULL, "%s", err);
    ck_assert_msg(strchr(err, '\n') == err + strlen(err) - 1, "not one line: %s", err);
    free(out);
    free(err);
    /* With --sl 80/40 the 30 s delay is inside the threshold: no such
     * message (whatever the search finds). */
    snprintf(args, sizeof args, "staff %s --group late --sl 80/40 --reps 10 --max-reps 10", cfg);
    st = ccs_test_run(args, &out, &err);
    ck_assert_msg(strstr(err, "only after") == NULL, "%s", err);
    free(out);
    free(err);
    remove(cfg);
}
END_TEST

/* ---- docs/costs.md's walk-through is real output ---------------------------------- */

/* Every line of the walk-through's output block in docs/costs.md is a line
 * that `ccsim compare` prints today (the block is shortened, not edited). */
START_TEST(test_costs_walkthrough_current)
{
    char *doc = ccs_test_slurp("docs/costs.md");
    ck_assert(doc != NULL);
    const char *walk = strstr(doc, "## Walk-through");
    ck_assert(walk != NULL);
    const char *a = strstr(walk, "```\nSide by side");
    ck_assert_msg(a != NULL, "no output block in the walk-through");
    a += 4;
    const char *b = strstr(a, "\n```");
    ck_assert(b != NULL);
    char *out, *err;
    int st = ccs_test_run("compare scenarios/captive.cfg scenarios/bpo-onshore.cfg "
                          "scenarios/bpo-offshore.cfg scenarios/hybrid-overflow.cfg",
                          &out, &err);
    ck_assert_msg(st == 0, "exit %d: %s", st, err);
    int n = 0;
    for (const char *l = a; l < b;) {
        const char *e = memchr(l, '\n', (size_t)(b - l));
        size_t len = e ? (size_t)(e - l) : (size_t)(b - l);
        if (len > 0) {
            char line[1024];
            snprintf(line, sizeof line, "\n%.*s\n", (int)len, l);
            ck_assert_msg(strstr(out, line) != NULL,
                          "docs/costs.md walk-through line not in the output:\n%s", line);
            n++;
        }
        l += len + 1;
    }
    ck_assert_msg(n >= 20, "only %d lines checked", n);
    free(out);
    free(err);
    free(doc);
}
END_TEST

Suite *cli_analyst_suite(void)
{
    Suite *s = suite_create("cli_analyst");
    TCase *load = tcase_create("load");
    tcase_set_timeout(load, 120);
    tcase_add_test(load, test_load_offshore);
    tcase_add_test(load, test_load_primary_group);
    tcase_add_test(load, test_staff_erlang_offshore);
    tcase_add_test(load, test_staff_cli_load);
    suite_add_tcase(s, load);
    TCase *sweep = tcase_create("sweep");
    tcase_set_timeout(sweep, 120);
    tcase_add_test(sweep, test_sweep_cost_csv);
    tcase_add_test(sweep, test_sweep_no_cost);
    suite_add_tcase(s, sweep);
    TCase *cmp = tcase_create("compare");
    tcase_set_timeout(cmp, 120);
    tcase_add_test(cmp, test_compare_set_one);
    tcase_add_test(cmp, test_compare_set_errors);
    tcase_add_test(cmp, test_compare_uncosted_dash);
    suite_add_tcase(s, cmp);
    TCase *vol = tcase_create("volume");
    tcase_set_timeout(vol, 120);
    tcase_add_test(vol, test_volume_scale_lib);
    tcase_add_test(vol, test_volume_run);
    tcase_add_test(vol, test_volume_other_commands);
    tcase_add_test(vol, test_volume_bad);
    suite_add_tcase(s, vol);
    TCase *late = tcase_create("staff_late");
    tcase_set_timeout(late, 120);
    tcase_add_test(late, test_staff_late_group);
    suite_add_tcase(s, late);
    TCase *docs = tcase_create("docs");
    tcase_set_timeout(docs, 120);
    tcase_add_test(docs, test_costs_walkthrough_current);
    suite_add_tcase(s, docs);
    return s;
}
