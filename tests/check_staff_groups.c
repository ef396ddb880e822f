/*
 * check_staff_groups.c — staffing several groups together (`ccsim staff
 * --groups`, ccs_staff_groups_search()): with disjoint groups the answer
 * is each group's own single-group staffing; on a pooled (ring) center the
 * answer meets every per-type target when re-simulated, and no agent can be
 * removed from it without missing one; the outputs (text, CSV, JSON) agree;
 * bad --groups lists are refused with one line and exit 2.
 */
#include "ccs_test.h"
#include "ccs_testfile.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/staff.h"

/* Three disjoint groups, each with its own call type (different loads and
 * targets): three independent M/M/c queues. */
static const char DISJOINT[] =
    "name = \"disjoint\";\n"
    "horizon = { intervals = 1; interval_minutes = 60; };\n"
    "calls = ( { name = \"a\"; calls_per_hour = 200.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            service_level = { threshold = 20.0; target = 0.80; }; },\n"
    "          { name = \"b\"; calls_per_hour = 80.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
    "            service_level = { threshold = 30.0; target = 0.90; }; },\n"
    "          { name = \"c\"; calls_per_hour = 40.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 300.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 240.0; };\n"
    "            service_level = { threshold = 20.0; target = 0.70; }; } );\n"
    "agents = ( { name = \"A\"; count = 12; serves = [ \"a\" ]; },\n"
    "           { name = \"B\"; count = 7; serves = [ \"b\" ]; },\n"
    "           { name = \"C\"; count = 4; serves = [ \"c\" ]; } );\n"
    "run = { replications = 40; seed = 3; warmup_minutes = 60; };\n";

/* Three types and three groups in a ring: group i serves type i first and
 * type i+1 second (the two-skill chain of Wallace and Whitt 2005). */
static const char RING[] =
    "name = \"ring\";\n"
    "horizon = { intervals = %d; interval_minutes = %d; };\n"
    "calls = ( { name = \"t1\"; calls_per_hour = %s;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            service_level = \"80/20\"; },\n"
    "          { name = \"t2\"; calls_per_hour = %s;\n"
    "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
    "            service_level = \"85/30\"; },\n"
    "          { name = \"t3\"; calls_per_hour = %s;\n"
    "            handle_time = { dist = \"exponential\"; mean = 150.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 300.0; };\n"
    "            service_level = \"75/20\"; } );\n"
    "agents = ( { name = \"G1\"; count = 5;\n"
    "             skills = ( { type = \"t1\"; level = 1; }, { type = \"t2\"; level = 2; } ); },\n"
    "           { name = \"G2\"; count = 5;\n"
    "             skills = ( { type = \"t2\"; level = 1; }, { type = \"t3\"; level = 2; } ); },\n"
    "           { name = \"G3\"; count = 5;\n"
    "             skills = ( { type = \"t3\"; level = 1; }, { type = \"t1\"; level = 2; } ); } );\n"
    "routing = { arrival = \"level\"; agent = \"level\"; };\n"
    "run = { replications = 40; seed = 5; warmup_minutes = 60; };\n";

/* One impatient call type answered by two identical groups (both level
 * 1): together they are one M/M/N+M pool.  Its start (the floor of each
 * group's half of the load, 5 + 5) meets the low SL target with agents to
 * spare, so the answer is found by the removal phase. */
static const char TWINS[] =
    "name = \"twins\";\n"
    "horizon = { intervals = 1; interval_minutes = 60; };\n"
    "calls = ( { name = \"x\"; calls_per_hour = 300.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 120.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 30.0; };\n"
    "            service_level = \"50/20\"; } );\n"
    "agents = ( %s );\n"
    "run = { replications = 40; seed = 3; warmup_minutes = 60; };\n";

static ccs_scenario *parse(const char *text, uint64_t salt)
{
    char seed[48];
    snprintf(seed, sizeof seed, "run.seed=%llu", (unsigned long long)ccs_test_seed(salt));
    const char *sets[] = {seed};
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "test.cfg", sets, 1, &err);
    ck_assert_msg(sc != NULL, "%s %s", err.key, err.msg);
    return sc;
}

static ccs_scenario *ring_m(int intervals, int minutes, const char *rate1, const char *rate2,
                            const char *rate3, uint64_t salt)
{
    char text[4096];
    snprintf(text, sizeof text, RING, intervals, minutes, rate1, rate2, rate3);
    return parse(text, salt);
}

static ccs_scenario *ring(int intervals, const char *rate1, uint64_t salt)
{
    char text[4096];
    snprintf(text, sizeof text, RING, intervals, 60, rate1, "60.0", "120.0");
    return parse(text, salt);
}

static ccs_staff_groups_result *search_all(const ccs_scenario *sc, const ccs_staff_options *o)
{
    int gi[16];
    for (int j = 0; j < sc->n_groups; j++) {
        gi[j] = j;
    }
    ccs_error err;
    ccs_staff_groups_result *r = ccs_staff_groups_search(sc, o, gi, sc->n_groups, &err);
    ck_assert_msg(r != NULL, "%s: %s", err.key, err.msg);
    return r;
}

/* Disjoint groups: the joint answer is each group's own single-group
 * staffing (same replications, no doubling: the same question). */
START_TEST(test_disjoint_equals_single)
{
    ccs_scenario *sc = parse(DISJOINT, 71);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    o.replications = 80;
    ccs_staff_groups_result *r = search_all(sc, &o);
    ck_assert_int_eq(r->n_groups, 3);
    ck_assert_int_eq(r->n_types, 3);
    for (int g = 0; g < sc->n_groups; g++) {
        ccs_staff_options s;
        ccs_staff_options_init(&s);
        s.group = g;
        s.replications = 80;
        s.max_replications = 80;
        ccs_error err;
        ccs_staff_result *one = ccs_staff_search(sc, &s, &err);
        ck_assert_msg(one != NULL, "%s", err.msg);
        ck_assert_msg(r->counts[g] == one->counts[0], "group %s: together %d, alone %d",
                      sc->groups[g].name, r->counts[g], one->counts[0]);
        /* The same callers at the same count: the same service level. */
        ck_assert_double_eq(r->fig[g].fig.service_level.mean,
                            one->intervals[0].fig.service_level.mean);
        ccs_staff_result_free(one);
    }
    ccs_staff_groups_result_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* Runs sc with the counts of r (interval-major) at the search's seed and
 * replications; *ok = every judged type meets its SL target (and the
 * abandon limit) in every interval of [k0, n_intervals). */
static void rerun(const ccs_scenario *sc, const ccs_staff_groups_result *r, const int *counts,
                  double max_abandon, int k0, int *ok)
{
    int nk = sc->n_intervals, ng = r->n_groups;
    ccs_scenario copy = *sc;
    ccs_agent_group groups[16];
    int *cnt = malloc(sizeof *cnt * (size_t)(nk * ng));
    ck_assert_ptr_nonnull(cnt);
    memcpy(groups, sc->groups, sizeof groups[0] * (size_t)sc->n_groups);
    copy.groups = groups;
    for (int j = 0; j < ng; j++) {
        for (int k = 0; k < nk; k++) {
            cnt[j * nk + k] = counts[k * ng + j];
        }
        groups[r->groups[j]].count = &cnt[j * nk];
    }
    ccs_run_options ro = {0};
    ro.replications = r->replications;
    ccs_error err;
    ccs_results *res = ccs_sim_run(&copy, &ro, &err);
    ck_assert_msg(res != NULL, "%s", err.msg);
    *ok = 1;
    for (int k = k0; k < nk; k++) {
        for (int i = 0; i < r->n_types; i++) {
            unsigned char mask[16] = {0};
            int t = r->types[i];
            mask[t] = 1;
            ccs_figures f;
            ck_assert_int_eq(ccs_results_figures(res, k, k + 1, mask, &f), CCS_OK);
            if (f.service_level.defined && f.service_level.mean < sc->types[t].sl_target - 1e-12) {
                *ok = 0;
            }
            if (max_abandon > 0 && f.abandon_rate.defined &&
                f.abandon_rate.mean > max_abandon + 1e-12) {
                *ok = 0;
            }
        }
    }
    ccs_results_free(res);
    free(cnt);
}

/* The ring: the answer meets every target; taking any one agent away
 * misses one (the search's local optimality, checked by fresh runs). */
START_TEST(test_pooled_meets_and_is_minimal)
{
    ccs_scenario *sc = ring(1, "90.0", 72);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    o.replications = 60;
    o.max_abandon = 0.05;
    ccs_staff_groups_result *r = search_all(sc, &o);
    int ok, ng = r->n_groups, counts[16];
    rerun(sc, r, r->counts, o.max_abandon, 0, &ok);
    ck_assert_msg(ok, "the answer misses a target when re-run");
    for (int i = 0; i < r->n_types; i++) {
        ck_assert_int_eq(r->fig[i].met, 1);
    }
    int removable = 0;
    for (int j = 0; j < ng; j++) {
        if (r->counts[j] == 0) {
            continue;
        }
        memcpy(counts, r->counts, sizeof counts[0] * (size_t)ng);
        counts[j]--;
        rerun(sc, r, counts, o.max_abandon, 0, &ok);
        removable += ok;
    }
    ck_assert_msg(removable == 0, "%d groups could lose an agent", removable);
    /* Pooling: the ring needs fewer agents than three separate queues
     * (each type's own Erlang answer, computed as the reference), and no
     * fewer than the one-pool answer less a few (the pool is a lower bound
     * up to noise). */
    int total = 0;
    for (int j = 0; j < ng; j++) {
        total += r->counts[j];
    }
    ck_assert_int_ge(total, r->pooled_agents[0] - 2);
    ck_assert_int_gt(r->iterations[0], 0);
    ck_assert_int_ge(r->evaluations[0], ng);
    ck_assert_int_eq(r->simulations, r->evaluations[0] + 1);
    ccs_staff_groups_result_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* Two coupled intervals: the whole day re-run at the answer meets every
 * target; the last interval is minimal (earlier ones are minimal given
 * the placeholders of later intervals at the time: docs/routing.md). */
START_TEST(test_pooled_two_intervals)
{
    ccs_scenario *sc = ring(2, "[ 90.0, 150.0 ]", 73);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    o.replications = 60;
    ccs_staff_groups_result *r = search_all(sc, &o);
    int ok, ng = r->n_groups, counts[32];
    rerun(sc, r, r->counts, 0, 0, &ok);
    ck_assert_msg(ok, "the answer misses a target when re-run");
    for (int j = 0; j < ng; j++) {
        if (r->counts[ng + j] == 0) {
            continue;
        }
        memcpy(counts, r->counts, sizeof counts[0] * (size_t)(2 * ng));
        counts[ng + j]--;
        rerun(sc, r, counts, 0, 0, &ok);
        ck_assert_msg(!ok, "interval 1 could lose an agent of %s", sc->groups[j].name);
    }
    /* More calls of t1 in interval 1: at least as many agents in all. */
    int n0 = 0, n1 = 0;
    for (int j = 0; j < ng; j++) {
        n0 += r->counts[j];
        n1 += r->counts[ng + j];
    }
    ck_assert_int_ge(n1, n0);
    ccs_staff_groups_result_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* Short intervals, a rush then almost no calls: interval 0's last callers
 * still wait when interval 1 starts, and interval 1's few calls give
 * noisy figures; the whole day re-run at the answer meets every target in
 * both intervals. */
START_TEST(test_previous_interval_kept)
{
    ccs_scenario *sc = ring_m(2, 10, "[ 240.0, 6.0 ]", "[ 120.0, 3.0 ]", "[ 240.0, 6.0 ]", 79);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    o.replications = 60;
    ccs_staff_groups_result *r = search_all(sc, &o);
    int ok;
    rerun(sc, r, r->counts, 0, 0, &ok);
    ck_assert_msg(ok, "the answer misses a target when re-run");
    ccs_staff_groups_result_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* The conservative rule: the whole CI of every type's SL is above its
 * target in the final run. */
START_TEST(test_pooled_ci_rule)
{
    ccs_scenario *sc = ring(1, "90.0", 74);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    o.replications = 40;
    o.rule = CCS_STAFF_CI;
    ccs_staff_groups_result *r = search_all(sc, &o);
    for (int i = 0; i < r->n_types; i++) {
        ck_assert(r->fig[i].met);
        ck_assert_double_ge(r->fig[i].fig.service_level.lo, r->fig[i].sl_target - 1e-12);
    }
    ccs_staff_groups_result_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* Twin groups: the answer's total is the one-pool answer (the same
 * callers in the same order at the same count), reached from above. */
START_TEST(test_twins_equal_one_pool)
{
    char text[2048];
    snprintf(text, sizeof text, TWINS,
             "{ name = \"P\"; count = 5; serves = [ \"x\" ]; },"
             "{ name = \"Q\"; count = 5; serves = [ \"x\" ]; }");
    ccs_scenario *sc = parse(text, 76);
    snprintf(text, sizeof text, TWINS, "{ name = \"pool\"; count = 10; serves = [ \"x\" ]; }");
    ccs_scenario *one = parse(text, 76);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    o.replications = 60;
    ccs_staff_groups_result *r = search_all(sc, &o);
    o.max_replications = 60;
    ccs_error err;
    ccs_staff_result *p = ccs_staff_search(one, &o, &err);
    ck_assert_msg(p != NULL, "%s", err.msg);
    ck_assert_int_lt(p->counts[0], 10);   /* the start has agents to spare */
    ck_assert_int_eq(r->counts[0] + r->counts[1], p->counts[0]);
    ck_assert_int_eq(r->iterations[0], 10 - p->counts[0]);   /* removals only */
    ck_assert_double_eq(r->fig[0].fig.service_level.mean,
                        p->intervals[0].fig.service_level.mean);
    ccs_staff_result_free(p);
    ccs_staff_groups_result_free(r);
    ccs_scenario_free(one);
    ccs_scenario_free(sc);
}
END_TEST

/* Twin groups that cost differently: from below (SL 80/20 needs more than
 * the start of 5 + 5), every added agent goes to the cheaper group, whose
 * gain per unit cost is the larger for the same gain; the dearer keeps its
 * start.  Swapping the wages swaps the answer. */
START_TEST(test_twins_cheaper_group_grows)
{
    static const char *const groups[2] = {
        "{ name = \"P\"; count = 5; serves = [ \"x\" ];"
        "  cost = { model = \"captive\"; wage_per_hour = 30.0; }; },"
        "{ name = \"Q\"; count = 5; serves = [ \"x\" ];"
        "  cost = { model = \"captive\"; wage_per_hour = 10.0; benefits = 0.5;"
        "           shrinkage = 0.2; }; }",
        "{ name = \"P\"; count = 5; serves = [ \"x\" ];"
        "  cost = { model = \"outsourced\"; pricing = \"per_agent_hour\"; price = 12.0; }; },"
        "{ name = \"Q\"; count = 5; serves = [ \"x\" ];"
        "  cost = { model = \"captive\"; wage_per_hour = 19.0; agents_per_supervisor = 10;"
        "           supervisor_wage_per_hour = 30.0; }; }"};
    /* Q per agent-hour: 10 x 1.5 / 0.8 = 18.75 < 30; then 12 < 19 + 3. */
    static const double unit[2][2] = {{30.0, 18.75}, {12.0, 22.0}};
    for (int v = 0; v < 2; v++) {
        char text[2048];
        snprintf(text, sizeof text, TWINS, groups[v]);
        ccs_scenario *sc = parse(text, 77);
        ccs_staff_options o;
        ccs_staff_options_init(&o);
        o.replications = 40;
        o.sl_target = 0.8;
        o.sl_threshold_s = 20;
        ccs_staff_groups_result *r = search_all(sc, &o);
        ck_assert_int_eq(r->cost_basis, CCS_STAFF_COST_HOURLY);
        CCS_ASSERT_CLOSE("P's cost", r->unit_cost[0], unit[v][0], 1e-12, 0);
        CCS_ASSERT_CLOSE("Q's cost", r->unit_cost[1], unit[v][1], 1e-12, 0);
        int cheap = unit[v][0] < unit[v][1] ? 0 : 1;
        ck_assert_int_eq(r->counts[1 - cheap], 5);
        ck_assert_int_gt(r->counts[cheap], 5);
        CCS_ASSERT_CLOSE("weighted cost", r->weighted_cost,
                         r->counts[0] * unit[v][0] + r->counts[1] * unit[v][1], 1e-12, 0);
        ck_assert(r->costed);
        ccs_staff_groups_result_free(r);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* Text, CSV and JSON of one search say the same agents. */
START_TEST(test_outputs_agree)
{
    char path[64];
    ccs_test_tmpfile(path, sizeof path, ".cfg", DISJOINT);
    char args[256];
    snprintf(args, sizeof args, "staff %s --groups C,A --reps 20 --format json", path);
    json_t *j = ccs_test_run_json(args, 0);
    json_t *iv = json_array_get(json_object_get(j, "intervals"), 0);
    ck_assert_ptr_nonnull(iv);
    json_t *ag = json_object_get(iv, "agents");
    int c = (int)json_integer_value(json_object_get(ag, "C"));
    int a = (int)json_integer_value(json_object_get(ag, "A"));
    ck_assert_int_gt(a, c);
    ck_assert_int_eq((int)json_integer_value(json_object_get(iv, "total_agents")), a + c);
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(j, "groups"), 0)), "C");
    ck_assert_str_eq(json_string_value(json_object_get(j, "cost_basis")), "agents");
    json_t *types = json_object_get(iv, "types");
    ck_assert_int_eq((int)json_array_size(types), 2);   /* c and a, not b */
    for (size_t i = 0; i < json_array_size(types); i++) {
        json_t *t = json_array_get(types, i);
        ck_assert(json_is_true(json_object_get(t, "met")));
        ck_assert_double_ge(ccs_test_jnum(t, "service_level"),
                            ccs_test_jnum(t, "sl_target") - 1e-12);
    }
    json_decref(j);

    char csv[64];
    ccs_test_tmpfile(csv, sizeof csv, ".csv", "");
    snprintf(args, sizeof args, "staff %s --groups C,A --reps 20 --format csv --out %s", path,
             csv);
    free(ccs_test_run_ok(args, 0));
    ccs_csv *t = ccs_csv_read(csv);
    ck_assert_int_eq(t->nrows, 4);   /* 2 group rows, 2 type rows */
    ck_assert_str_eq(ccs_csv_str(t, 0, "kind"), "group");
    ck_assert_str_eq(ccs_csv_str(t, 0, "name"), "C");
    ck_assert_int_eq((int)ccs_csv_num(t, 0, "agents"), c);
    ck_assert_int_eq((int)ccs_csv_num(t, 1, "agents"), a);
    ck_assert_str_eq(ccs_csv_str(t, 2, "kind"), "type");
    ck_assert_str_eq(ccs_csv_str(t, 2, "met"), "1");
    ccs_csv_free(t);

    snprintf(args, sizeof args, "staff %s --groups C,A --reps 20", path);
    char *text = ccs_test_run_ok(args, 0);
    char want[64];
    snprintf(want, sizeof want, " %6d %6d %6d ", c, a, a + c);
    ck_assert_msg(strstr(text, want) != NULL, "no '%s' in:\n%s", want, text);
    free(text);
    unlink(csv);
    unlink(path);
}
END_TEST

/* Two disjoint groups priced by the hour (one captive, one outsourced per
 * agent-hour), every target of the single-group search, the ci criterion
 * and a volume factor: the outputs echo them and the answer meets them. */
static const char COSTED[] =
    "name = \"costed\";\n"
    "horizon = { intervals = 1; interval_minutes = 60; };\n"
    "calls = ( { name = \"a\"; calls_per_hour = 200.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            service_level = { threshold = 20.0; target = 0.80; }; },\n"
    "          { name = \"c\"; calls_per_hour = 40.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 300.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 240.0; };\n"
    "            service_level = { threshold = 20.0; target = 0.70; }; } );\n"
    "agents = ( { name = \"A\"; count = 12; serves = [ \"a\" ];\n"
    "             cost = { model = \"captive\"; wage_per_hour = 20.0; benefits = 0.25;\n"
    "                      shrinkage = 0.20; }; },\n"
    "           { name = \"C\"; count = 4; serves = [ \"c\" ];\n"
    "             cost = { model = \"outsourced\"; pricing = \"per_agent_hour\";\n"
    "                      price = 14.0; }; } );\n"
    "run = { replications = 40; seed = 3; warmup_minutes = 60; };\n";

static double jci(const json_t *t, const char *key, int hi)
{
    json_t *ci = json_object_get(json_object_get(t, key), "ci95");
    ck_assert_msg(json_is_array(ci), "no %s.ci95", key);
    return json_number_value(json_array_get(ci, hi ? 1 : 0));
}

START_TEST(test_every_target_hourly)
{
    char path[64];
    ccs_test_tmpfile(path, sizeof path, ".cfg", COSTED);
    char args[320];
    snprintf(args, sizeof args,
             "staff %s --groups C,A --reps 20 --asa 30 --max-abandon 0.05 "
             "--max-occupancy 0.95 --criterion ci --volume-factor 1.1 --format json",
             path);
    json_t *j = ccs_test_run_json(args, 0);
    json_t *tg = json_object_get(j, "targets");
    ck_assert(json_is_null(json_object_get(tg, "service_level")));
    ck_assert(json_is_null(json_object_get(tg, "sl_threshold_s")));
    ck_assert_double_eq_tol(ccs_test_jnum(tg, "max_asa_s"), 30, 1e-12);
    ck_assert_double_eq_tol(ccs_test_jnum(tg, "max_abandon"), 0.05, 1e-12);
    ck_assert_double_eq_tol(ccs_test_jnum(tg, "max_occupancy"), 0.95, 1e-12);
    ck_assert_str_eq(json_string_value(json_object_get(j, "criterion")), "ci");
    ck_assert_str_eq(json_string_value(json_object_get(j, "cost_basis")), "agent_hour");
    ck_assert_double_eq_tol(ccs_test_jnum(j, "volume_factor"), 1.1, 1e-12);
    /* captive: wage x (1 + benefits) / (1 - shrinkage) = 20 x 1.25 / 0.8 */
    json_t *unit = json_object_get(j, "unit_cost");
    ck_assert_double_eq_tol(ccs_test_jnum(unit, "A"), 31.25, 1e-9);
    ck_assert_double_eq_tol(ccs_test_jnum(unit, "C"), 14.0, 1e-9);

    json_t *iv = json_array_get(json_object_get(j, "intervals"), 0);
    json_t *ag = json_object_get(iv, "agents");
    int a = (int)json_integer_value(json_object_get(ag, "A"));
    int c = (int)json_integer_value(json_object_get(ag, "C"));
    ck_assert_int_gt(a, 0);
    ck_assert_int_gt(c, 0);
    ck_assert_double_eq_tol(ccs_test_jnum(iv, "cost"), 31.25 * a + 14.0 * c, 1e-6);
    json_t *types = json_object_get(iv, "types");
    ck_assert_int_eq((int)json_array_size(types), 2);
    for (size_t i = 0; i < 2; i++) {
        json_t *t = json_array_get(types, i);
        ck_assert(json_is_true(json_object_get(t, "met")));
        /* the ci criterion: the whole interval meets each target */
        ck_assert_double_ge(jci(t, "service_level", 0), ccs_test_jnum(t, "sl_target") - 1e-12);
        ck_assert_double_le(jci(t, "asa_s", 1), 30 + 1e-9);
        ck_assert_double_le(jci(t, "abandon_rate", 1), 0.05 + 1e-12);
    }
    /* the volume factor reaches the arrivals: 1.1 x 200 calls of type a */
    json_t *ta = json_array_get(types, 0);
    ck_assert_str_eq(json_string_value(json_object_get(ta, "name")), "a");
    ck_assert_double_le(jci(ta, "offered", 0), 220);
    ck_assert_double_ge(jci(ta, "offered", 1), 220);
    ck_assert_double_gt(jci(ta, "offered", 0), 205);   /* not 200 */
    json_decref(j);

    /* the text says the same, and an SL target given on the command line
     * replaces the types' own */
    snprintf(args, sizeof args,
             "staff %s --groups C,A --reps 20 --asa 30 --max-abandon 0.05 "
             "--max-occupancy 0.95 --criterion ci --volume-factor 1.1",
             path);
    char *text = ccs_test_run_ok(args, 0);
    ck_assert_ptr_nonnull(strstr(text, "ASA <= 30 s, abandon <= 5%, occupancy <= 95%"));
    ck_assert_ptr_nonnull(strstr(text, "ci (the whole 95% CI meets every target)"));
    ck_assert_ptr_nonnull(strstr(text, "per agent-hour on the phones: C 14, A 31.25"));
    ck_assert_ptr_nonnull(strstr(text, "volume factor    1.1"));
    ck_assert_ptr_nonnull(strstr(text, "weighted cost"));
    free(text);

    snprintf(args, sizeof args, "staff %s --groups C,A --reps 20 --sl 90/20 --format json",
             path);
    j = ccs_test_run_json(args, 0);
    tg = json_object_get(j, "targets");
    ck_assert_double_eq_tol(ccs_test_jnum(tg, "service_level"), 0.90, 1e-12);
    ck_assert_double_eq_tol(ccs_test_jnum(tg, "sl_threshold_s"), 20, 1e-12);
    ck_assert(json_is_null(json_object_get(tg, "max_asa_s")));
    types = json_object_get(json_array_get(json_object_get(j, "intervals"), 0), "types");
    for (size_t i = 0; i < json_array_size(types); i++) {
        json_t *t = json_array_get(types, i);
        ck_assert_double_eq_tol(ccs_test_jnum(t, "sl_target"), 0.90, 1e-12);
        ck_assert(json_is_true(json_object_get(t, "met")));
        ck_assert_double_ge(ccs_test_jnum(json_object_get(t, "service_level"), "mean"), 0.90);
    }
    json_decref(j);
    unlink(path);
}
END_TEST

/* ---- out of memory ------------------------------------------------------ */

typedef struct oom_ctx {
    const ccs_scenario *sc;
    ccs_staff_options o;
    int counts[2];       /* the last completed search's answer */
} oom_ctx;

/* The search of both twins; no Check call inside (Check allocates). */
static int op_groups(void *p)
{
    oom_ctx *c = p;
    int gi[] = {0, 1};
    ccs_error err;
    ccs_error_clear(&err);
    ccs_staff_groups_result *r = ccs_staff_groups_search(c->sc, &c->o, gi, 2, &err);
    if (!r) {
        return err.code;
    }
    c->counts[0] = r->counts[0];
    c->counts[1] = r->counts[1];
    ccs_staff_groups_result_free(r);
    return CCS_OK;
}

/* Each allocation of the search failing in turn: CCS_ENOMEM every time,
 * never a crash or a half answer; with none failing, the undisturbed
 * answer. */
START_TEST(test_out_of_memory)
{
    char text[2048];
    snprintf(text, sizeof text, TWINS,
             "{ name = \"P\"; count = 5; serves = [ \"x\" ]; },"
             "{ name = \"Q\"; count = 5; serves = [ \"x\" ]; }");
    ccs_scenario *sc = parse(text, 78);
    oom_ctx c = {sc, {0}, {0, 0}};
    ccs_staff_options_init(&c.o);
    c.o.replications = 2;
    c.o.threads = 1;
    ck_assert_int_eq(op_groups(&c), CCS_OK);
    int want[2] = {c.counts[0], c.counts[1]};
    long n;
    for (n = 0; n < 100000; n++) {
        ccs_test_fail_alloc(n);
        int rc = op_groups(&c);
        if (!ccs_test_fail_alloc_done()) {
            ck_assert_int_eq(rc, CCS_OK);
            break;
        }
        ck_assert_msg(rc == CCS_ENOMEM, "allocation %ld failed, status %d", n, rc);
    }
    ck_assert_int_gt(n, 10);
    ck_assert_int_eq(c.counts[0], want[0]);
    ck_assert_int_eq(c.counts[1], want[1]);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_bad_groups)
{
    char path[64];
    ccs_test_tmpfile(path, sizeof path, ".cfg", DISJOINT);
    static const struct {
        const char *groups;
        const char *want;
    } cases[] = {
        {"A,D", NULL},
        {"A,B,A", "ccsim staff: --groups: agent group 'A' is named twice"},
        {"''", "ccsim staff: --groups: expected agent group names separated by commas like "
               "A,B, got ''"},
        {"A,", "ccsim staff: --groups: expected agent group names separated by commas like "
               "A,B, got 'A,'"},
        {"A,,B", "ccsim staff: --groups: expected agent group names separated by commas like "
                 "A,B, got 'A,,B'"},
        {"A,B --group A", "ccsim staff: --groups: --group cannot be used with --groups "
                          "(docs/cli.md, staffing several groups)"},
        {"A,B --confidence 90%", "ccsim staff: --groups: --confidence cannot be used with "
                                 "--groups (docs/cli.md, staffing several groups)"},
        {"A,B --max-reps 50", "ccsim staff: --groups: --max-reps cannot be used with --groups "
                              "(docs/cli.md, staffing several groups)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char args[256], want[256];
        snprintf(args, sizeof args, "staff %s --groups %s", path, cases[i].groups);
        if (cases[i].want) {
            snprintf(want, sizeof want, "%s", cases[i].want);
        } else {
            snprintf(want, sizeof want, "ccsim staff: --groups: no agent group named 'D' in %s",
                     path);
        }
        ccs_test_expect_error(args, 2, want);
    }
    /* The library says why too. */
    ccs_scenario *sc = parse(DISJOINT, 75);
    ccs_staff_options o;
    ccs_staff_options_init(&o);
    int twice[] = {1, 1};
    ccs_error err;
    ck_assert_ptr_null(ccs_staff_groups_search(sc, &o, twice, 2, &err));
    ck_assert_str_eq(err.key, "groups");
    ck_assert_ptr_null(ccs_staff_groups_search(sc, &o, twice, 0, &err));
    ck_assert_str_eq(err.key, "groups");
    int out[] = {3};
    ck_assert_ptr_null(ccs_staff_groups_search(sc, &o, out, 1, &err));
    ck_assert_str_eq(err.key, "groups");
    o.confidence = 0.9;
    ck_assert_ptr_null(ccs_staff_groups_search(sc, &o, twice, 1, &err));
    ck_assert_str_eq(err.key, "confidence");
    ccs_scenario_free(sc);
    unlink(path);
}
END_TEST

Suite *staff_groups_suite(void)
{
    Suite *s = suite_create("staff_groups");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_disjoint_equals_single);
    tcase_add_test(tc, test_pooled_meets_and_is_minimal);
    tcase_add_test(tc, test_pooled_two_intervals);
    tcase_add_test(tc, test_previous_interval_kept);
    tcase_add_test(tc, test_pooled_ci_rule);
    tcase_add_test(tc, test_twins_equal_one_pool);
    tcase_add_test(tc, test_twins_cheaper_group_grows);
    tcase_add_test(tc, test_outputs_agree);
    tcase_add_test(tc, test_every_target_hourly);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_test(tc, test_bad_groups);
    tcase_add_test(tc, test_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
