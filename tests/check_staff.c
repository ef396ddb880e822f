/*
 * check_staff.c — staffing by simulation: on a stationary M/M/c scenario the
 * answer is Erlang C's (to within one agent where the CI straddles the
 * target); a schedule found with the conservative rule meets its target
 * when re-run on fresh seeds; the written schedule re-loads as a scenario
 * with the counts found; the JSON contract of `ccsim staff`.
 */
#include "ccs_test.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/erlang.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_write.h"
#include "ccsim/sim.h"
#include "ccsim/staff.h"

static ccs_scenario *load(const char *path, const char *const *sets, int n)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load(path, sets, n, &err);
    ck_assert_msg(sc != NULL, "%s: %s %s", path ? path : "(default)", err.key, err.msg);
    return sc;
}

/* Erlang C for 1000 calls/h x 180 s at 80/20, computed here directly. */
static int erlang_mmc(void)
{
    ccs_erlang_query q = {1000.0, 180.0, 0.0, 20.0};
    ccs_staffing_targets t = {0.80, 0, 0, 0, 0};
    ccs_staffing_result r;
    ck_assert_int_eq(ccs_erlang_staff(&q, &t, &r, NULL), CCS_OK);
    return r.agents;
}

START_TEST(test_mmc_equals_erlang)
{
    const char *sets[] = {"horizon.intervals=3"};
    ccs_scenario *sc = load("scenarios/mmc.cfg", sets, 1);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    o.sl_target = 0.80;
    o.sl_threshold_s = 20;
    o.replications = 50;
    o.max_replications = 200;
    ccs_error err;
    ccs_staff_result *r = ccs_staff_search(sc, &o, &err);
    ck_assert_msg(r != NULL, "staff: %s", err.msg);
    int e = erlang_mmc();
    double hours = 0;
    for (int k = 0; k < r->n_intervals; k++) {
        const ccs_staff_interval *iv = &r->intervals[k];
        ck_assert_int_eq(iv->erlang_agents, e);
        ck_assert_int_eq(r->counts[k], iv->agents);
        if (iv->settled) {
            ck_assert_msg(iv->agents == e, "interval %d: settled at %d, Erlang C %d", k,
                          iv->agents, e);
        } else {
            ck_assert_msg(abs(iv->agents - e) <= 1, "interval %d: %d agents, Erlang C %d", k,
                          iv->agents, e);
        }
        hours += iv->agents * 0.5;
    }
    CCS_ASSERT_CLOSE("total agent-hours", r->total_agent_hours, hours, 1e-12, 0);
    ccs_staff_result_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* With a cost section, the schedule found is priced: agents paid only a
 * wage cost exactly agent-hours x wage per day, with a zero-width interval. */
START_TEST(test_staff_cost)
{
    static const char text[] =
        "horizon = { intervals = 2; interval_minutes = 30; };\n"
        "calls = ( { name = \"sales\"; calls_per_hour = 1000.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
        "agents = ( { name = \"team\"; count = 55; serves = [ \"sales\" ];\n"
        "             cost = { model = \"captive\"; wage_per_hour = 20.0; }; } );\n"
        "run = { seed = 3; warmup_minutes = 30; };\n";
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "inline.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s: %s", err.key, err.msg);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    o.sl_target = 0.80;
    o.sl_threshold_s = 20;
    o.replications = 20;
    o.max_replications = 40;
    ccs_staff_result *r = ccs_staff_search(sc, &o, &err);
    ck_assert_msg(r != NULL, "staff: %s", err.msg);
    ck_assert(r->costed);
    CCS_ASSERT_CLOSE("cost per day = agent-hours x wage", r->cost_per_day.mean,
                     r->total_agent_hours * 20.0, 1e-12, 0);
    CCS_ASSERT_CLOSE("zero-width interval", r->cost_per_day.hi - r->cost_per_day.lo, 0, 0,
                     1e-9);
    ck_assert(r->cost_per_handled_call.defined && r->cost_per_handled_call.mean > 0);
    ccs_staff_result_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* ccs_staff_figures over all types reproduces the runner's interval rows. */
START_TEST(test_figures_match_sim)
{
    const char *sets[] = {"horizon.intervals=3"};
    ccs_scenario *sc = load("scenarios/mmc-abandon.cfg", sets, 1);
    ccs_run_options ro = {5, 1, NULL, NULL};
    ccs_error err;
    ccs_results *res = ccs_sim_run(sc, &ro, &err);
    ck_assert_ptr_nonnull(res);
    for (int k = 0; k < 3; k++) {
        ccs_figures f;
        ck_assert_int_eq(ccs_staff_figures(res, k, k + 1, NULL, &f), CCS_OK);
        const ccs_figures *g = &res->intervals[k];
        CCS_ASSERT_CLOSE("SL", f.service_level.mean, g->service_level.mean, 1e-12, 0);
        CCS_ASSERT_CLOSE("SL lo", f.service_level.lo, g->service_level.lo, 1e-12, 1e-15);
        CCS_ASSERT_CLOSE("ASA", f.asa_s.mean, g->asa_s.mean, 1e-12, 0);
        CCS_ASSERT_CLOSE("abandon", f.abandon_rate.mean, g->abandon_rate.mean, 1e-12, 0);
        CCS_ASSERT_CLOSE("occupancy", f.occupancy.mean, g->occupancy.mean, 1e-12, 0);
        CCS_ASSERT_CLOSE("offered", f.offered.mean, g->offered.mean, 1e-12, 0);
    }
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

static const char *const VARYING =
    "name = \"varying\";\n"
    "horizon = { intervals = 3; interval_minutes = 30; };\n"
    "calls = ( { name = \"c\"; calls_per_hour = [ 400.0, 900.0, 600.0 ];\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            service_level = { threshold = 20.0; target = 0.80; }; } );\n"
    "agents = ( { name = \"team\"; count = 10; serves = [ \"c\" ]; } );\n"
    "run = { replications = 10; seed = 3; warmup_minutes = 30; };\n";

/* Conservative staffing of a day whose load changes, written as a scenario,
 * re-loaded, and re-run on a fresh seed: every interval meets 80/20. */
START_TEST(test_schedule_meets_target_on_fresh_seeds)
{
    char src[] = "/tmp/ccs_staff_srcXXXXXX";
    int fd = mkstemp(src);
    ck_assert(fd >= 0);
    ck_assert(write(fd, VARYING, strlen(VARYING)) == (ssize_t)strlen(VARYING));
    close(fd);
    ccs_scenario *sc = load(src, NULL, 0);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    o.rule = CCS_STAFF_CI;
    o.replications = 100;
    ccs_error err;
    ccs_staff_result *r = ccs_staff_search(sc, &o, &err);
    ck_assert_msg(r != NULL, "staff: %s", err.msg);

    char out[64];
    snprintf(out, sizeof out, "%s.out.cfg", src);
    int types[] = {0};
    ccs_schedule_edit e = {0, r->counts, r->n_intervals, 1, types, 0.80, 20.0};
    ck_assert_int_eq(ccs_scenario_write_schedule(src, NULL, 0, &e, out, &err), CCS_OK);
    const char *fresh[] = {"run.seed=987654321"};
    ccs_scenario *ws = load(out, fresh, 1);
    ck_assert_int_eq(ws->n_intervals, 3);
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(ws->groups[0].count[k], r->counts[k]);
        ck_assert_int_ge(r->counts[k], 1);
    }
    ck_assert_int_lt(r->counts[0], r->counts[1]);   /* 400/h needs fewer than 900/h */
    ccs_run_options ro = {400, 0, NULL, NULL};
    ccs_results *res = ccs_sim_run(ws, &ro, &err);
    ck_assert_ptr_nonnull(res);
    for (int k = 0; k < 3; k++) {
        const ccs_estimate *sl = &res->intervals[k].service_level;
        ck_assert_msg(sl->hi >= 0.80 && sl->mean >= 0.79,
                      "interval %d: %d agents, fresh-seed SL %.4f [%.4f, %.4f] misses 80%%", k,
                      r->counts[k], sl->mean, sl->lo, sl->hi);
    }
    ccs_results_free(res);
    ccs_scenario_free(ws);
    ccs_staff_result_free(r);
    ccs_scenario_free(sc);
    unlink(out);
    unlink(src);
}
END_TEST

/* The embedded default written with a new schedule re-loads with it, and
 * --set overrides travel into the file. */
START_TEST(test_write_schedule_default)
{
    ccs_scenario *sc = load(NULL, NULL, 0);
    int n = sc->n_intervals;
    int *counts = malloc((size_t)n * sizeof *counts);
    for (int k = 0; k < n; k++) {
        counts[k] = 7 + k;
    }
    char out[] = "/tmp/ccs_staff_defXXXXXX";
    int fd = mkstemp(out);
    ck_assert(fd >= 0);
    close(fd);
    const char *sets[] = {"run.seed=42"};
    ccs_schedule_edit e = {0, counts, n, 0, NULL, 0, -1};
    ccs_error err;
    ck_assert_int_eq(ccs_scenario_write_schedule(NULL, sets, 1, &e, out, &err), CCS_OK);
    ccs_scenario *ws = load(out, NULL, 0);
    ck_assert_int_eq(ws->n_intervals, n);
    for (int k = 0; k < n; k++) {
        ck_assert_int_eq(ws->groups[0].count[k], 7 + k);
    }
    ck_assert_uint_eq(ws->seed, 42);
    ck_assert_int_eq(ws->n_types, sc->n_types);
    ccs_scenario_free(ws);
    /* an override of a missing setting under a missing group cannot travel */
    const char *bad[] = {"nosuch.group.key=1"};
    ck_assert_int_eq(ccs_scenario_write_schedule(NULL, bad, 1, &e, out, &err), CCS_EINVAL);
    unlink(out);
    free(counts);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_staff_json_contract)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("staff scenarios/mmc.cfg --sl 80/20 --set horizon.intervals=2 "
                          "--reps 20 --max-reps 40 --format json",
                          &out, &err);
    ck_assert_msg(rc == 0, "staff exit %d: %s", rc, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "JSON: %s", je.text);
    json_t *ivs = json_object_get(root, "intervals");
    ck_assert_int_eq(json_array_size(ivs), 2);
    double hours = 0;
    for (size_t k = 0; k < 2; k++) {
        json_t *iv = json_array_get(ivs, k);
        ck_assert_double_eq(json_number_value(json_object_get(iv, "start_min")), 30.0 * k);
        ck_assert_int_eq(json_integer_value(json_object_get(iv, "erlang_agents")), erlang_mmc());
        json_int_t n = json_integer_value(json_object_get(iv, "simulated_agents"));
        ck_assert_int_ge(n, 1);
        hours += 0.5 * (double)n;
        json_t *sl = json_object_get(iv, "service_level");
        ck_assert(json_is_number(json_object_get(sl, "mean")));
        ck_assert_int_eq(json_array_size(json_object_get(sl, "ci95")), 2);
    }
    CCS_ASSERT_CLOSE("total_agent_hours",
                     json_number_value(json_object_get(root, "total_agent_hours")), hours, 1e-12,
                     0);
    ck_assert_ptr_null(json_object_get(root, "cost"));   /* no wage data: no cost key */
    json_decref(root);
    free(out);
    free(err);
}
END_TEST

START_TEST(test_staff_errors)
{
    ccs_scenario *sc = load("scenarios/two-types.cfg", NULL, 0);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    ccs_error err;
    ck_assert_ptr_null(ccs_staff_search(sc, &o, &err));
    ck_assert_int_eq(err.code, CCS_EINVAL);
    ck_assert_str_eq(err.key, "--group");
    ccs_scenario_free(sc);

    char *out = NULL, *e = NULL;
    int rc = ccs_test_run("staff scenarios/two-types.cfg --sl 80/20", &out, &e);
    ck_assert_int_eq(rc, 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(e, "--group"));
    free(out);
    free(e);
    rc = ccs_test_run("staff scenarios/mmc.cfg --sl 80", &out, &e);
    ck_assert_int_eq(rc, 2);
    ck_assert_ptr_nonnull(strstr(e, "--sl"));
    free(out);
    free(e);
    rc = ccs_test_run("staff scenarios/two-types.cfg --group nobody", &out, &e);
    ck_assert_int_eq(rc, 2);
    ck_assert_ptr_nonnull(strstr(e, "nobody"));
    free(out);
    free(e);
}
END_TEST

Suite *staff_suite(void)
{
    Suite *s = suite_create("staff");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_mmc_equals_erlang);
    tcase_add_test(tc, test_figures_match_sim);
    tcase_add_test(tc, test_schedule_meets_target_on_fresh_seeds);
    tcase_add_test(tc, test_write_schedule_default);
    tcase_add_test(tc, test_staff_json_contract);
    tcase_add_test(tc, test_staff_cost);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_test(tc, test_staff_errors);
    suite_add_tcase(s, tc);
    return s;
}
