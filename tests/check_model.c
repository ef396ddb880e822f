/*
 * check_model.c — the inbound model and the replication runner.
 *
 * Validation against theory: simulated M/M/c figures must contain the Erlang
 * C values in their 95% confidence intervals, M/M/c+M the Erlang A values,
 * and M/M/N/N (queue capacity 0) the Erlang B blocking probability, for
 * light, moderate and heavy traffic.  Scenarios are built in memory so the
 * tests depend on the model alone.  Seeds are fixed, so every run of these
 * tests sees the same numbers.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/erlang.h"
#include "ccsim/model.h"
#include "ccsim/sim.h"

/* A scenario of one call type served by one group, all intervals alike. */
static ccs_scenario *mmc(double calls_per_hour, double aht_s, double patience_s, int agents,
                         int intervals, double interval_s, double warmup_s, int reps)
{
    ccs_scenario *sc = calloc(1, sizeof *sc);
    snprintf(sc->name, sizeof sc->name, "test M/M/%d", agents);
    snprintf(sc->file, sizeof sc->file, "(test)");
    sc->n_intervals = intervals;
    sc->interval_s = interval_s;
    sc->warmup_s = warmup_s;
    sc->replications = reps;
    sc->seed = 12345;
    sc->n_types = 1;
    sc->types = calloc(1, sizeof *sc->types);
    ccs_call_type *t = &sc->types[0];
    snprintf(t->name, sizeof t->name, "calls");
    t->rate_per_hour = calloc((size_t)intervals, sizeof(double));
    for (int k = 0; k < intervals; k++) {
        t->rate_per_hour[k] = calls_per_hour;
    }
    t->talk = ccs_dist_exponential(aht_s);
    if (patience_s > 0) {
        t->patience = ccs_dist_exponential(patience_s);
    }
    t->sl_threshold_s = 20;
    t->sl_target = 0.8;
    t->short_abandon_s = 5;
    t->queue_capacity = -1;
    t->retry_delay = ccs_dist_exponential(300);
    t->max_retrials = 3;
    t->ours = 1;
    t->repeat_delay = ccs_dist_exponential(3600);
    sc->n_groups = 1;
    sc->groups = calloc(1, sizeof *sc->groups);
    ccs_agent_group *g = &sc->groups[0];
    snprintf(g->name, sizeof g->name, "team");
    g->count = calloc((size_t)intervals, sizeof(int));
    for (int k = 0; k < intervals; k++) {
        g->count[k] = agents;
    }
    g->n_serves = 1;
    g->serves = calloc(1, sizeof(int));
    g->serve_after_s = calloc(1, sizeof(double));
    g->aht_factor = 1.0;
    g->fcr = 1.0;
    return sc;
}

/* Frees what mmc() and add_type() allocate (the tests do not use the
 * scenario reader, so they free by hand). */
static void free_sc(ccs_scenario *sc)
{
    for (int t = 0; t < sc->n_types; t++) {
        free(sc->types[t].rate_per_hour);
        ccs_dist_fini(&sc->types[t].talk);
        ccs_dist_fini(&sc->types[t].patience);
    }
    for (int g = 0; g < sc->n_groups; g++) {
        free(sc->groups[g].count);
        free(sc->groups[g].serves);
        free(sc->groups[g].serve_after_s);
    }
    free(sc->types);
    free(sc->groups);
    free(sc);
}

static ccs_results *run(const ccs_scenario *sc, int threads)
{
    ccs_run_options opt = {0};
    opt.threads = threads;
    ccs_error err;
    ccs_results *r = ccs_sim_run(sc, &opt, &err);
    ck_assert_msg(r != NULL, "ccs_sim_run failed: %s", err.msg);
    return r;
}

#define ASSERT_IN_CI(what, est, theory)                                                  \
    do {                                                                                 \
        ccs_estimate e_ = (est);                                                         \
        double th_ = (theory);                                                           \
        ck_assert_msg(e_.defined && e_.lo <= th_ && th_ <= e_.hi,                        \
                      "%s: theory %.6g outside the 95%% CI [%.6g, %.6g] (mean %.6g)",    \
                      (what), th_, e_.lo, e_.hi, e_.mean);                               \
    } while (0)

typedef struct mmc_case {
    double lambda, aht, patience;
    int agents;
    double horizon_h, warmup_h;
    int reps;
} mmc_case;

/* Light, moderate, heavy (96%) and single-server traffic. */
static const mmc_case erlang_c_cases[] = {
    {1000, 180, 0, 55, 24, 4, 40},   /* A = 50, 91% */
    {1000, 180, 0, 52, 48, 24, 40},  /* A = 50, 96%: heavy traffic */
    {600, 180, 0, 40, 24, 4, 40},    /* A = 30, 75% */
    {10, 180, 0, 1, 400, 40, 40},    /* M/M/1, rho = 0.5 */
};

/* Simulates case c and asserts that Erlang C (no patience) or Erlang A
 * lies inside the 95% CI of every figure theory gives. */
static void check_against_theory(const mmc_case *c)
{
    ccs_scenario *sc = mmc(c->lambda, c->aht, c->patience, c->agents, 1, c->horizon_h * 3600,
                           c->warmup_h * 3600, c->reps);
    ccs_results *r = run(sc, 0);
    ccs_erlang_query q = {c->lambda, c->aht, c->patience, 20};
    ccs_erlang_metrics th;
    ck_assert_int_eq(ccs_erlang_eval(&q, c->agents, &th), CCS_OK);
    const ccs_figures *f = &r->summary;
    struct {
        const char *name;
        ccs_estimate sim;
        double theory;
    } checks[] = {
        {"SL", f->service_level, th.service_level},
        {"P(wait)", f->prob_wait, th.prob_wait},
        {"ASA of answered calls", f->asa_s, th.asa_s},
        {"occupancy", f->occupancy, th.occupancy},
        {c->patience > 0 ? "abandon rate" : "avg queue",
         c->patience > 0 ? f->abandon_rate : f->avg_queue,
         c->patience > 0 ? th.prob_abandon : th.mean_queue_length},
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        char what[96];
        snprintf(what, sizeof what, "M/M/%d%s A=%g %s", c->agents, c->patience > 0 ? "+M" : "",
                 th.offered_load, checks[i].name);
        ASSERT_IN_CI(what, checks[i].sim, checks[i].theory);
    }
    if (c->patience <= 0) {
        ck_assert(f->abandoned.mean == 0);
    }
    ccs_results_free(r);
    free_sc(sc);
}

START_TEST(test_mmc_vs_erlang_c)
{
    check_against_theory(&erlang_c_cases[_i]);
}
END_TEST

static const mmc_case erlang_a_cases[] = {
    {1000, 180, 60, 55, 24, 4, 40},     /* A = 50, moderate */
    {1000, 180, 60, 48, 24, 4, 40},     /* overloaded: A > N, stable thanks to abandonment */
    {2880, 60, 120, 50, 12, 2, 40},     /* Garnett-Mandelbaum-Reiman example */
    {200, 180, 300, 13, 200, 10, 40},   /* pyworkforce example, small */
};

START_TEST(test_mmcm_vs_erlang_a)
{
    check_against_theory(&erlang_a_cases[_i]);
}
END_TEST

/* Queue capacity 0 turns M/M/N into the loss system M/M/N/N. */
START_TEST(test_loss_system_vs_erlang_b)
{
    ccs_scenario *sc = mmc(1000, 180, 0, 52, 1, 24 * 3600, 3600, 30);
    sc->types[0].queue_capacity = 0;
    ccs_results *r = run(sc, 0);
    ccs_estimate blocked;
    size_t st = sizeof(ccs_tally) / sizeof(double);
    blocked = ccs_stats_ratio(&r->raw[0].blocked, &r->raw[0].offered,
                              (size_t)r->replications, st, 0, 1);
    ASSERT_IN_CI("M/M/52/52 blocking", blocked, ccs_erlang_b(52, 50.0));
    ck_assert(r->summary.prob_wait.mean == 0);
    ccs_results_free(r);
    free_sc(sc);
}
END_TEST

/* Every counted call ends answered, abandoned or blocked, and the
 * per-interval arrivals match the rates. */
START_TEST(test_conservation_and_rates)
{
    ccs_scenario *sc = mmc(1000, 180, 90, 50, 6, 1800, 0, 30);
    double rates[6] = {200, 800, 1400, 1000, 0, 600};
    int staff[6] = {10, 45, 60, 50, 20, 30};
    for (int k = 0; k < 6; k++) {
        sc->types[0].rate_per_hour[k] = rates[k];
        sc->groups[0].count[k] = staff[k];
    }
    ccs_results *r = run(sc, 0);
    int nk = sc->n_intervals;
    for (int rep = 0; rep < r->replications; rep++) {
        for (int k = 0; k < nk; k++) {
            const ccs_tally *t = &r->raw[(size_t)rep * (size_t)nk + (size_t)k];
            ck_assert_msg(t->offered == t->handled + t->abandoned + t->blocked,
                          "rep %d interval %d: offered %g != handled %g + abandoned %g + "
                          "blocked %g",
                          rep, k, t->offered, t->handled, t->abandoned, t->blocked);
            ck_assert(t->answered_in_sl <= t->handled);
            ck_assert(t->busy_s <= sc->groups[0].count[k] * sc->interval_s + 1e-6);
            const ccs_group_tally *g = &r->graw[(size_t)rep * (size_t)nk + (size_t)k];
            ck_assert_msg(fabs(g->busy_s - t->busy_s) < 1e-6, "group busy %g != type busy %g",
                          g->busy_s, t->busy_s);
            ck_assert(g->handle_s <= g->handled * 1e6);
        }
    }
    /* Six intervals at once: allow twice the 95% half-width (about four
     * standard errors) so the family of checks is not a coin toss. */
    for (int k = 0; k < nk; k++) {
        ccs_estimate e = r->intervals[k].offered;
        double half = (e.hi - e.lo) / 2;
        ck_assert_msg(fabs(e.mean - rates[k] / 2) <= 2 * half + 1e-9,
                      "interval %d: %g calls offered on average, expected %g (95%% half-width %g)",
                      k, e.mean, rates[k] / 2, half);
    }
    ck_assert(r->intervals[4].offered.mean == 0);
    ck_assert(!r->intervals[4].service_level.defined);
    /* One group: its occupancy is the center's. */
    CCS_ASSERT_CLOSE("group occupancy", r->groups[0].occupancy.mean, r->summary.occupancy.mean,
                     1e-12, 0);
    CCS_ASSERT_CLOSE("group agents", r->groups[0].agents.mean, r->summary.agents.mean, 1e-12, 0);
    ccs_results_free(r);
    free_sc(sc);
}
END_TEST

/* The same seed gives the same tallies with 1 and with 3 threads. */
START_TEST(test_determinism_threads)
{
    ccs_scenario *sc = mmc(1000, 180, 60, 52, 4, 1800, 600, 9);
    ccs_results *a = run(sc, 1), *b = run(sc, 3);
    size_t n = (size_t)a->replications * (size_t)sc->n_intervals * (size_t)sc->n_types;
    ck_assert_int_eq(memcmp(a->raw, b->raw, n * sizeof *a->raw), 0);
    /* Field by field: ccs_estimate has padding after `defined`. */
    const ccs_estimate *ea = (const ccs_estimate *)&a->summary;
    const ccs_estimate *eb = (const ccs_estimate *)&b->summary;
    for (size_t i = 0; i < sizeof a->summary / sizeof *ea; i++) {
        ck_assert_msg(memcmp(&ea[i].mean, &eb[i].mean, 3 * sizeof(double)) == 0 &&
                          ea[i].defined == eb[i].defined,
                      "summary figure %zu differs between 1 and 3 threads", i);
    }
    ck_assert(a->events == b->events);
    sc->seed++;
    ccs_results *c = run(sc, 2);
    ck_assert_int_ne(memcmp(a->raw, c->raw, n * sizeof *a->raw), 0);
    ccs_results_free(a);
    ccs_results_free(b);
    ccs_results_free(c);
    free_sc(sc);
}
END_TEST

/* Common random numbers: more agents never make the same callers wait
 * longer in total when arrivals, handle times and patience are shared. */
START_TEST(test_common_random_numbers)
{
    ccs_scenario *a = mmc(1000, 180, 0, 52, 4, 1800, 0, 10);
    ccs_scenario *b = mmc(1000, 180, 0, 56, 4, 1800, 0, 10);
    ccs_results *ra = run(a, 0), *rb = run(b, 0);
    for (int rep = 0; rep < 10; rep++) {
        double oa = 0, ob = 0, wa = 0, wb = 0;
        for (int k = 0; k < 4; k++) {
            oa += ra->raw[rep * 4 + k].offered;
            ob += rb->raw[rep * 4 + k].offered;
            wa += ra->raw[rep * 4 + k].wait_answered_s;
            wb += rb->raw[rep * 4 + k].wait_answered_s;
        }
        ck_assert_msg(oa == ob, "rep %d: arrivals differ (%g vs %g)", rep, oa, ob);
        ck_assert_msg(wb <= wa, "rep %d: more agents, more waiting (%g vs %g)", rep, wb, wa);
    }
    ccs_results_free(ra);
    ccs_results_free(rb);
    free_sc(a);
    free_sc(b);
}
END_TEST

/* ---- routing: priority, overflow, schedules, retrials ------------------ */

static void add_type(ccs_scenario *sc, double rate, double aht)
{
    int n = sc->n_types++;
    sc->types = realloc(sc->types, (size_t)sc->n_types * sizeof *sc->types);
    ccs_call_type *t = &sc->types[n];
    *t = sc->types[0];
    snprintf(t->name, sizeof t->name, "type%d", n);
    t->rate_per_hour = calloc((size_t)sc->n_intervals, sizeof(double));
    for (int k = 0; k < sc->n_intervals; k++) {
        t->rate_per_hour[k] = rate;
    }
    t->talk = ccs_dist_exponential(aht);
    t->patience.kind = CCS_DIST_NONE;
}

START_TEST(test_priority)
{
    /* One group serves two equal types, type 0 first. */
    ccs_scenario *sc = mmc(500, 180, 0, 53, 1, 12 * 3600, 3600, 10);
    add_type(sc, 500, 180);
    sc->groups[0].n_serves = 2;
    sc->groups[0].serves = realloc(sc->groups[0].serves, 2 * sizeof(int));
    sc->groups[0].serves[1] = 1;
    sc->groups[0].serve_after_s = realloc(sc->groups[0].serve_after_s, 2 * sizeof(double));
    sc->groups[0].serve_after_s[1] = 0;
    ccs_results *r = run(sc, 0);
    ck_assert_msg(r->types[0].asa_s.hi < r->types[1].asa_s.lo,
                  "priority type ASA %g not below the other's %g", r->types[0].asa_s.mean,
                  r->types[1].asa_s.mean);
    ccs_results_free(r);
    free_sc(sc);
}
END_TEST

typedef struct trace_check {
    int answers_by_overflow;
    double min_overflow_wait;
    long max_busy;
    int events;
} trace_check;

static void on_trace(void *ctx, const ccs_trace_event *ev)
{
    trace_check *tc = ctx;
    tc->events++;
    if (ev->kind == CCS_TR_ANSWER && ev->group == 1) {
        tc->answers_by_overflow++;
        if (ev->wait_s < tc->min_overflow_wait) {
            tc->min_overflow_wait = ev->wait_s;
        }
    }
    if (ev->busy > tc->max_busy) {
        tc->max_busy = ev->busy;
    }
}

START_TEST(test_overflow_delay)
{
    /* Group 1 takes type 0 only after 30 s of waiting. */
    ccs_scenario *sc = mmc(1000, 180, 0, 48, 2, 1800, 0, 1);
    sc->n_groups = 2;
    sc->groups = realloc(sc->groups, 2 * sizeof *sc->groups);
    ccs_agent_group *g = &sc->groups[1];
    memset(g, 0, sizeof *g);   /* realloc leaves the new group's fields undefined */
    snprintf(g->name, sizeof g->name, "overflow");
    g->count = calloc(2, sizeof(int));
    g->count[0] = g->count[1] = 10;
    g->n_serves = 1;
    g->serves = calloc(1, sizeof(int));
    g->serve_after_s = calloc(1, sizeof(double));
    g->serve_after_s[0] = 30;
    g->aht_factor = 1.0;
    g->fcr = 1.0;
    ccs_error err;
    ccs_model *m = ccs_model_new(sc, &err);
    trace_check tc = {0, INFINITY, 0, 0};
    ccs_model_set_trace(m, on_trace, &tc, INFINITY);
    ccs_tally cells[2];
    uint64_t ev;
    ck_assert_int_eq(ccs_model_run(m, 0, cells, NULL, NULL, NULL, &ev), CCS_OK);
    ck_assert_msg(tc.answers_by_overflow > 0, "the overflow group never answered");
    ck_assert_msg(tc.min_overflow_wait >= 30, "overflow group took a call after %g s",
                  tc.min_overflow_wait);
    ck_assert_int_le(tc.max_busy, 58);
    ccs_model_free(m);
    free_sc(sc);
}
END_TEST

START_TEST(test_schedule_changes)
{
    /* Staffing drops from 60 to 5 and back: busy agents finish their calls
     * but no new call starts beyond the head count. */
    ccs_scenario *sc = mmc(1000, 180, 120, 60, 3, 1800, 0, 1);
    sc->groups[0].count[1] = 5;
    ccs_error err;
    ccs_model *m = ccs_model_new(sc, &err);
    trace_check tc = {0, INFINITY, 0, 0};
    ccs_model_set_trace(m, on_trace, &tc, INFINITY);
    ccs_tally cells[3];
    uint64_t ev;
    ck_assert_int_eq(ccs_model_run(m, 0, cells, NULL, NULL, NULL, &ev), CCS_OK);
    ck_assert_int_le(tc.max_busy, 60);
    /* with 5 agents for 30 minutes, the middle interval must see abandonment */
    ck_assert(cells[1].abandoned > cells[0].abandoned);
    ck_assert(cells[1].busy_s <= 1800.0 * 60);
    ccs_model_free(m);
    free_sc(sc);
}
END_TEST

START_TEST(test_retrials)
{
    ccs_scenario *sc = mmc(1000, 180, 30, 45, 4, 1800, 0, 10);
    sc->types[0].retry_abandoned = 1.0;
    sc->types[0].retry_delay = ccs_dist_deterministic(60);
    sc->types[0].max_retrials = 2;
    ccs_results *r = run(sc, 0);
    ck_assert(r->summary.retrials.mean > 0);
    /* Retrials arrive on top of the fresh calls (about 2000 in 2 h). */
    ck_assert(r->summary.offered.mean > 2000 + r->summary.retrials.mean * 0.5);
    /* at most 2 retrials per fresh caller */
    ck_assert(r->summary.retrials.mean <= 2 * (r->summary.offered.mean - r->summary.retrials.mean));
    ccs_results_free(r);
    free_sc(sc);
}
END_TEST

START_TEST(test_volume_uncertainty)
{
    /* A gamma day multiplier with cv 0.2 widens the spread of offered calls
     * well beyond Poisson (sd sqrt(4000) ~ 63) while keeping the mean. */
    ccs_scenario *sc = mmc(1000, 180, 60, 60, 8, 1800, 0, 60);
    sc->types[0].volume_cv = 0.2;
    ccs_results *r = run(sc, 0);
    double half = (r->summary.offered.hi - r->summary.offered.lo) / 2;
    double sd = half / 2.0 * sqrt(60.0);
    ck_assert_msg(sd > 400 && sd < 1200, "sd of the day's calls %g, expected ~800", sd);
    ASSERT_IN_CI("mean day volume", r->summary.offered, 4000);
    ccs_results_free(r);
    free_sc(sc);
}
END_TEST

Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *v = tcase_create("validation");
    tcase_set_timeout(v, 300);
    tcase_add_loop_test(v, test_mmc_vs_erlang_c, 0,
                        (int)(sizeof erlang_c_cases / sizeof erlang_c_cases[0]));
    tcase_add_loop_test(v, test_mmcm_vs_erlang_a, 0,
                        (int)(sizeof erlang_a_cases / sizeof erlang_a_cases[0]));
    tcase_add_test(v, test_loss_system_vs_erlang_b);
    suite_add_tcase(s, v);
    TCase *c = tcase_create("core");
    tcase_set_timeout(c, 120);
    tcase_add_test(c, test_conservation_and_rates);
    tcase_add_test(c, test_determinism_threads);
    tcase_add_test(c, test_common_random_numbers);
    tcase_add_test(c, test_priority);
    tcase_add_test(c, test_overflow_delay);
    tcase_add_test(c, test_schedule_changes);
    tcase_add_test(c, test_retrials);
    tcase_add_test(c, test_volume_uncertainty);
    suite_add_tcase(s, c);
    return s;
}
