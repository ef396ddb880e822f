/*
 * check_callback.c — callbacks (virtual hold, docs/callbacks.md):
 *   - acceptance 0 is no callbacks, bit for bit: every inbound, group and
 *     staff cell and every figure of the run equal the run without the
 *     section (offers are made and declined; nothing else moves);
 *   - conservation: accepted = completed + failed + pending at the end, in
 *     every replication, for each mode and rule;
 *   - the queue_below rule against a small exact Markov chain (2 agents,
 *     exponential times, callbacks offered on arrival once a call waits,
 *     accepted with probability p, at most B pending, dialled back ahead of
 *     inbound while fewer than T calls wait), solved with GSL's LU;
 *   - bad input: file:line and the key for a probability outside [0, 1],
 *     a negative delay, absurd retries (bound 20), an unknown mode.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_linalg.h>

#include "ccs_ref.h"
#include "ccs_testfile.h"
#include "ccs_testsc.h"
#include "ccsim/scenario.h"
#include "ccsim/service_level.h"
#include "ccsim/sim.h"

static ccs_scenario *parse(const char *text)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "callback-test", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "parse: %s:%d: %s: %s", err.file, err.line, err.key, err.msg);
    return sc;
}

/* Two types, two groups (one of them takes "b" only after 30 s), patience
 * and retrials, four intervals of changing load: the inbound model with
 * most of its parts moving. */
static const char base_text[] =
    "horizon = { intervals = 4; interval_minutes = 30; };\n"
    "calls = ( { name = \"a\"; calls_per_hour = [ 400.0, 520.0, 560.0, 380.0 ];\n"
    "            handle_time = { dist = \"exponential\"; mean = 200.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 150.0; };\n"
    "            retrial = { abandoned = 0.3; }; },\n"
    "          { name = \"b\"; calls_per_hour = 150.0;\n"
    "            handle_time = { dist = \"gamma\"; mean = 300.0; cv = 0.7; };\n"
    "            patience = { dist = \"exponential\"; mean = 240.0; }; } );\n"
    "agents = ( { name = \"A\"; count = [ 22, 26, 27, 20 ]; serves = [ \"a\", \"b\" ];\n"
    "             serve_after = [ 0, 30 ]; },\n"
    "           { name = \"B\"; count = 12; serves = [ \"b\", \"a\" ]; } );\n"
    "run = { replications = 12; seed = 5; warmup_minutes = 20; };\n";

static ccs_scenario *with_callbacks(const char *section)
{
    size_t n = sizeof base_text + strlen(section) + 1;
    char *text = malloc(n);
    ck_assert(text);
    snprintf(text, n, "%s%s", base_text, section);
    ccs_scenario *sc = parse(text);
    free(text);
    return sc;
}

/* ---- acceptance 0 ---------------------------------------------------------- */

/* n figures structs of `size` bytes, each only ccs_estimate members:
 * equal bit for bit, member by member (not memcmp: padding). */
static int same_estimates(const void *a, const void *b, size_t size, size_t n)
{
    ck_assert(size % sizeof(ccs_estimate) == 0);
    const ccs_estimate *x = a, *y = b;
    for (size_t i = 0; i < n * (size / sizeof(ccs_estimate)); i++) {
        if (memcmp(&x[i].mean, &y[i].mean, sizeof x[i].mean) != 0 ||
            memcmp(&x[i].lo, &y[i].lo, sizeof x[i].lo) != 0 ||
            memcmp(&x[i].hi, &y[i].hi, sizeof x[i].hi) != 0 || x[i].defined != y[i].defined) {
            return 0;
        }
    }
    return 1;
}

START_TEST(test_accept_zero_is_no_callbacks)
{
    static const char *const sections[] = {
        "callbacks = { offer_wait = 20; offer_after = 15; accept = 0; };\n",
        "callbacks = { offer_after = 10; accept = 0; mode = \"window\"; rule = \"reserved\";\n"
        "              reserved = 3; reach = 0.5; };\n",
        "callbacks = { offer_wait = 0; accept = 0; rule = \"queue_below\"; queue_below = 5;\n"
        "              types = [ \"b\" ]; };\n",
    };
    ccs_scenario *plain = with_callbacks("");
    ccs_results *r0 = ccs_test_sim(plain, 0);
    ck_assert_ptr_null(r0->callbacks);
    for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
        ccs_scenario *sc = with_callbacks(sections[s]);
        ccs_results *r1 = ccs_test_sim(sc, 0);
        ck_assert_ptr_nonnull(r1->callbacks);
        /* The inbound part of every type cell: the fields before the
         * callback ones. */
        size_t inbound_bytes = offsetof(ccs_tally, cb_offered);
        double offered = 0;
        for (int rep = 0; rep < plain->replications; rep++) {
            ccs_tally_rep a = ccs_tallies_rep(r0->tallies, rep);
            ccs_tally_rep b = ccs_tallies_rep(r1->tallies, rep);
            for (int k = 0; k < plain->n_intervals; k++) {
                for (int t = 0; t < plain->n_types; t++) {
                    const ccs_tally *x = ccs_tally_at(&a, k, t), *y = ccs_tally_at(&b, k, t);
                    ck_assert_msg(memcmp(x, y, inbound_bytes) == 0,
                                  "section %zu: rep %d interval %d type %d: inbound cells differ",
                                  s, rep, k, t);
                    ck_assert(x->cb_offered == 0 && y->cb_accepted == 0 && y->cb_dials == 0);
                    offered += y->cb_offered;
                }
            }
            for (int kind = CCS_TALLY_KIND_GROUP; kind < CCS_TALLY_N_KINDS; kind++) {
                size_t n = ccs_tally_cells(&a.d, (ccs_tally_kind)kind) *
                           (size_t)ccs_tally_kind_info_of((ccs_tally_kind)kind)->n_fields;
                ck_assert_msg(memcmp(ccs_tally_rep_data(&a, (ccs_tally_kind)kind),
                                     ccs_tally_rep_data(&b, (ccs_tally_kind)kind),
                                     n * sizeof(double)) == 0,
                              "section %zu: rep %d: cells of kind %d differ", s, rep, kind);
            }
        }
        /* Offers were made (and declined): the test is not vacuous. */
        ck_assert_msg(offered > 100, "section %zu: only %g offers", s, offered);
        ck_assert(same_estimates(&r0->summary, &r1->summary, sizeof r0->summary, 1));
        ck_assert(same_estimates(r0->intervals, r1->intervals, sizeof *r0->intervals,
                                 (size_t)plain->n_intervals));
        ck_assert(same_estimates(r0->types, r1->types, sizeof *r0->types,
                                 (size_t)plain->n_types));
        ck_assert(same_estimates(r0->groups, r1->groups, sizeof *r0->groups,
                                 (size_t)plain->n_groups));
        ck_assert_double_eq(r1->callbacks->accepted.mean, 0);
        ccs_results_free(r1);
        ccs_scenario_free(sc);
    }
    ccs_results_free(r0);
    ccs_scenario_free(plain);
}
END_TEST

/* ---- conservation ------------------------------------------------------------ */

START_TEST(test_conservation)
{
    static const char *const sections[] = {
        "callbacks = { offer_wait = 30; accept = 0.6; reach = 0.6; retries = 2;\n"
        "              retry_delay = 400; dial_time = 25; };\n",
        "callbacks = { offer_after = 20; accept = 0.8; mode = \"window\"; window_start = 1200;\n"
        "              window = 600; reach = 0.7; retries = 1; rule = \"queue_below\";\n"
        "              queue_below = 3; };\n",
        "callbacks = { offer_wait = 10; offer_after = 30; accept = 0.5; rule = \"reserved\";\n"
        "              reserved = 2; reach = 0.4; retries = 3; retry_delay = 200;\n"
        "              max_pending = 40; };\n",
    };
    double pending = 0, failed = 0, completed = 0;
    for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
        ccs_scenario *sc = with_callbacks(sections[s]);
        sc->seed = ccs_test_seed(1200 + s);
        ccs_results *r = ccs_test_sim(sc, 0);
        for (int rep = 0; rep < sc->replications; rep++) {
            double acc = 0, out = 0, dials = 0, done = 0;
            for (int k = 0; k < sc->n_intervals; k++) {
                for (int t = 0; t < sc->n_types; t++) {
                    const ccs_tally *c = ccs_test_raw(r, rep, k, t);
                    acc += c->cb_accepted;
                    out += c->cb_completed + c->cb_failed + c->cb_pending;
                    dials += c->cb_dials;
                    done += c->cb_completed + c->cb_failed;
                    pending += c->cb_pending;
                    failed += c->cb_failed;
                    completed += c->cb_completed;
                    ck_assert(c->cb_accepted <= c->cb_offered && c->cb_kept <= c->cb_accepted);
                }
            }
            ck_assert_msg(acc > 0 && acc == out,
                          "section %zu rep %d: accepted %g, completed + failed + pending %g", s,
                          rep, acc, out);
            ck_assert_msg(dials >= done, "section %zu rep %d: %g dials for %g outcomes", s, rep,
                          dials, done);
        }
        ccs_results_free(r);
        ccs_scenario_free(sc);
    }
    /* Each way out was taken. */
    ck_assert(pending > 0 && failed > 0 && completed > 0);
}
END_TEST

/* ---- window mode and the attempts ------------------------------------------- */

/* An overloaded first half hour (5 agents for 10 Erlangs, no patience)
 * then plenty of agents: every caller who waits is offered a callback
 * (offer_wait 0) and accepts.  Window mode: no callback is reached before
 * its window opens (time to callback >= window_start + dial_time), and
 * every caller is answered or took a callback.  Then reach 0: every
 * callback fails after exactly 1 + retries attempts, or is pending. */
START_TEST(test_window_and_retries)
{
    static const char text[] =
        "horizon = { intervals = 3; interval_minutes = 30; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 300.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 120.0; }; } );\n"
        "agents = ( { name = \"team\"; count = [ 5, 30, 30 ]; serves = [ \"a\" ]; } );\n"
        "run = { replications = 10; seed = 3; };\n"
        "callbacks = { offer_wait = 0; accept = 1; mode = \"window\"; window_start = 600;\n"
        "              window = 300; dial_time = 15; retry_delay = 60; retries = 3; };\n";
    ccs_scenario *sc = parse(text);
    ccs_results *r = ccs_test_sim(sc, 0);
    for (int rep = 0; rep < sc->replications; rep++) {
        double offered = 0, handled = 0, delayed = 0, cbo = 0, acc = 0, done = 0, wait = 0;
        for (int k = 0; k < sc->n_intervals; k++) {
            const ccs_tally *c = ccs_test_raw(r, rep, k, 0);
            offered += c->offered, handled += c->handled, delayed += c->delayed;
            cbo += c->cb_offered, acc += c->cb_accepted, done += c->cb_completed;
            wait += c->cb_wait_s;
        }
        ck_assert(delayed > 10 && delayed == cbo && cbo == acc);
        ck_assert_double_eq(offered, handled + acc);
        ck_assert_msg(done > 0 && wait >= done * (600 + 15),
                      "rep %d: %g callbacks reached after %g s on average", rep, done,
                      wait / done);
    }
    ccs_results_free(r);
    ccs_scenario_free(sc);

    ccs_error err;
    const char *sets[] = {"callbacks.reach=0"};
    sc = ccs_scenario_parse(text, "callback-test", sets, 1, &err);
    ck_assert_msg(sc != NULL, "%s", err.msg);
    r = ccs_test_sim(sc, 0);
    double failed_all = 0;
    for (int rep = 0; rep < sc->replications; rep++) {
        double dials = 0, failed = 0, pending = 0, done = 0;
        for (int k = 0; k < sc->n_intervals; k++) {
            const ccs_tally *c = ccs_test_raw(r, rep, k, 0);
            dials += c->cb_dials, failed += c->cb_failed, pending += c->cb_pending;
            done += c->cb_completed;
        }
        ck_assert_double_eq(done, 0);
        /* Each failed callback made 1 + retries = 4 attempts; a pending one
         * at most 4. */
        ck_assert_msg(dials >= 4 * failed && dials <= 4 * (failed + pending),
                      "rep %d: %g dials for %g failed and %g pending", rep, dials, failed,
                      pending);
        failed_all += failed;
    }
    ck_assert(failed_all > 0);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- determinism ----------------------------------------------------------- */

/* The same tallies, callbacks included, on 1 and on 3 threads. */
START_TEST(test_threads_same_tallies)
{
    ccs_scenario *sc = with_callbacks(
        "callbacks = { offer_wait = 20; offer_after = 15; accept = 0.5; reach = 0.7;\n"
        "              mode = \"window\"; window_start = 300; rule = \"reserved\"; };\n");
    ccs_results *a = ccs_test_sim(sc, 1), *b = ccs_test_sim(sc, 3);
    for (int rep = 0; rep < sc->replications; rep++) {
        ccs_tally_rep x = ccs_tallies_rep(a->tallies, rep), y = ccs_tallies_rep(b->tallies, rep);
        for (int kind = 0; kind < CCS_TALLY_N_KINDS; kind++) {
            size_t n = ccs_tally_cells(&x.d, (ccs_tally_kind)kind) *
                       (size_t)ccs_tally_kind_info_of((ccs_tally_kind)kind)->n_fields;
            ck_assert_msg(memcmp(ccs_tally_rep_data(&x, (ccs_tally_kind)kind),
                                 ccs_tally_rep_data(&y, (ccs_tally_kind)kind),
                                 n * sizeof(double)) == 0,
                          "rep %d: cells of kind %d differ between 1 and 3 threads", rep, kind);
        }
    }
    ck_assert(a->callbacks->accepted.mean > 0);
    ccs_results_free(a);
    ccs_results_free(b);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- the trace and the CLI -------------------------------------------------- */

/* `ccsim trace` shows callbacks: every dialback is of a call that took a
 * callback before, and `ccsim run --format json` has the callbacks object
 * with accepted = completed + failed + pending in means. */
START_TEST(test_trace_and_json)
{
    char path[256];
    ccs_test_tmpfile(path, sizeof path, ".cfg",
                     "horizon = { intervals = 2; interval_minutes = 30; };\n"
                     "calls = ( { name = \"a\"; calls_per_hour = 120.0;\n"
                     "            handle_time = { dist = \"exponential\"; mean = 120.0; }; } );\n"
                     "agents = ( { name = \"team\"; count = 3; serves = [ \"a\" ]; } );\n"
                     "callbacks = { offer_wait = 30; accept = 1; reach = 0.5; dial_time = 20;\n"
                     "              retry_delay = 60; };\n"
                     "run = { replications = 4; };\n");
    char args[512];
    snprintf(args, sizeof args, "trace %s --until 1h --format csv", path);
    char *out = ccs_test_run_ok(args, 0);
    static unsigned char took[100000];
    memset(took, 0, sizeof took);
    int n_cb = 0, n_dial = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        char kind[32];
        unsigned call;
        if (sscanf(line, "%*[^,],%*[^,],%31[^,],%u,", kind, &call) != 2 || call >= sizeof took) {
            continue;
        }
        if (strcmp(kind, "callback") == 0) {
            took[call] = 1, n_cb++;
        } else if (strcmp(kind, "dialback") == 0) {
            ck_assert_msg(took[call], "dialback of call %u, which took no callback", call);
            n_dial++;
        }
    }
    ck_assert_msg(n_cb > 5 && n_dial >= n_cb / 2, "%d callbacks, %d dialbacks", n_cb, n_dial);
    free(out);
    snprintf(args, sizeof args, "run %s --format json", path);
    json_t *doc = ccs_test_run_json(args, 0);
    const json_t *cb = json_object_get(doc, "callbacks");
    ck_assert_ptr_nonnull(cb);
    double acc = ccs_test_jnum(json_object_get(cb, "accepted"), "mean");
    double out3 = ccs_test_jnum(json_object_get(cb, "completed"), "mean") +
                  ccs_test_jnum(json_object_get(cb, "failed"), "mean") +
                  ccs_test_jnum(json_object_get(cb, "pending"), "mean");
    CCS_ASSERT_CLOSE("accepted = completed + failed + pending", acc, out3, 1e-12, 0);
    ck_assert(acc > 0);
    json_decref(doc);
    unlink(path);
}
END_TEST

/* ---- the service level ------------------------------------------------------- */

/* Callers who took a callback are out of the SL denominator under offered
 * and excluding_short (not under answered), in the formula and in a run's
 * summary figure. */
START_TEST(test_sl_leaves_out_callbacks)
{
    ccs_tally t;
    memset(&t, 0, sizeof t);
    t.offered = 10, t.abandoned_short = 1, t.handled = 5, t.cb_accepted = 3;
    ck_assert_double_eq(ccs_sl_denominator(CCS_SL_OFFERED, &t), 7);
    ck_assert_double_eq(ccs_sl_denominator(CCS_SL_EXCL_SHORT, &t), 6);
    ck_assert_double_eq(ccs_sl_denominator(CCS_SL_ANSWERED, &t), 5);
    ccs_scenario *sc = with_callbacks("callbacks = { offer_wait = 20; accept = 0.5; };\n");
    ccs_results *r = ccs_test_sim(sc, 0);
    double num = 0, den = 0, acc = 0;
    for (int rep = 0; rep < sc->replications; rep++) {
        for (int k = 0; k < sc->n_intervals; k++) {
            for (int ty = 0; ty < sc->n_types; ty++) {
                const ccs_tally *c = ccs_test_raw(r, rep, k, ty);
                num += c->answered_in_sl;
                den += c->offered - c->cb_accepted;
                acc += c->cb_accepted;
            }
        }
    }
    ck_assert(acc > 100);
    CCS_ASSERT_CLOSE("service level", r->summary.service_level.mean, num / den, 1e-12, 0);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- the queue_below rule against an exact chain ------------------------------- */

/* State (q, j, ai, ac): q inbound callers waiting (<= K), j callbacks
 * waiting (<= B), ai agents on inbound calls and ac on callbacks
 * (ai + ac <= C).  An arrival finding an idle agent is answered; else it
 * is blocked when q = K; else, when q >= Q0 (the predicted wait exceeds
 * offer_wait) and j < B, it is offered a callback and accepts with
 * probability PACC; else it waits.  A free agent takes a callback when
 * j > 0 and q < T, else the head of the queue, else idles.  Waiting
 * callers abandon at rate 1/PAT each; callbacks wait without limit.  All
 * handle times exponential with mean H; dial_time 0 and reach 1, so a
 * callback's service is its talk. */
enum { C = 2, K = 4, B = 3, Q0 = 1 };
static const double LAM = 27.0 / 3600, H = 240.0, PAT = 300.0, PACC = 0.5;
/* offer_wait: W = (q + 1) H / C exceeds it exactly when q >= Q0 = 1. */
static const double OFFER_WAIT = 180.0;

typedef struct cb_figs {
    double offered, accepted, blocked, abandoned, queue, occ, cb_wait;
} cb_figs;

#define NQ (K + 1)
#define NJ (B + 1)
#define NA (C + 1)
#define N_GRID (NQ * NJ * NA * NA)

static int idx(int q, int j, int ai, int ac)
{
    return ((q * NJ + j) * NA + ai) * NA + ac;
}

static int valid(int q, int j, int ai, int ac)
{
    int busy = ai + ac;
    return busy <= C && (q == 0 || busy == C) && (busy == C || j == 0);
}

static void rate(gsl_matrix *Qt, const int *map, int from, int q, int j, int ai, int ac,
                 double r)
{
    int to = map[idx(q, j, ai, ac)];
    ck_assert_msg(to >= 0, "transition to an invalid state (%d %d %d %d)", q, j, ai, ac);
    gsl_matrix_set(Qt, (size_t)to, (size_t)from, gsl_matrix_get(Qt, (size_t)to, (size_t)from) + r);
    gsl_matrix_set(Qt, (size_t)from, (size_t)from,
                   gsl_matrix_get(Qt, (size_t)from, (size_t)from) - r);
}

/* An agent has just become free in (q, j, ai, ac) (already decremented):
 * the state after it picks its next work. */
static void pick(int T, int *q, int *j, int *ai, int *ac)
{
    if (*j > 0 && *q < T) {
        (*j)--, (*ac)++;
    } else if (*q > 0) {
        (*q)--, (*ai)++;
    }
}

static void ctmc_solve(int T, cb_figs *f)
{
    int map[N_GRID], st[N_GRID][4], n = 0;
    for (int q = 0; q < NQ; q++) {
        for (int j = 0; j < NJ; j++) {
            for (int ai = 0; ai < NA; ai++) {
                for (int ac = 0; ac < NA; ac++) {
                    int g = idx(q, j, ai, ac);
                    map[g] = -1;
                    if (valid(q, j, ai, ac)) {
                        map[g] = n;
                        st[n][0] = q, st[n][1] = j, st[n][2] = ai, st[n][3] = ac;
                        n++;
                    }
                }
            }
        }
    }
    gsl_matrix *Qt = gsl_matrix_calloc((size_t)n, (size_t)n);
    ck_assert(Qt);
    for (int i = 0; i < n; i++) {
        int q = st[i][0], j = st[i][1], ai = st[i][2], ac = st[i][3];
        if (ai + ac < C) {
            rate(Qt, map, i, q, j, ai + 1, ac, LAM);
        } else if (q < K) {
            if (q >= Q0 && j < B) {
                rate(Qt, map, i, q, j + 1, ai, ac, LAM * PACC);
                rate(Qt, map, i, q + 1, j, ai, ac, LAM * (1 - PACC));
            } else {
                rate(Qt, map, i, q + 1, j, ai, ac, LAM);
            }
        }
        if (ai > 0) {
            int y[4] = {q, j, ai - 1, ac};
            pick(T, &y[0], &y[1], &y[2], &y[3]);
            rate(Qt, map, i, y[0], y[1], y[2], y[3], ai / H);
        }
        if (ac > 0) {
            int y[4] = {q, j, ai, ac - 1};
            pick(T, &y[0], &y[1], &y[2], &y[3]);
            rate(Qt, map, i, y[0], y[1], y[2], y[3], ac / H);
        }
        if (q > 0) {
            rate(Qt, map, i, q - 1, j, ai, ac, q / PAT);
        }
    }
    for (int c = 0; c < n; c++) {
        gsl_matrix_set(Qt, (size_t)n - 1, (size_t)c, 1.0);
    }
    gsl_vector *b = gsl_vector_calloc((size_t)n), *pi = gsl_vector_alloc((size_t)n);
    gsl_permutation *perm = gsl_permutation_alloc((size_t)n);
    ck_assert(b && pi && perm);
    gsl_vector_set(b, (size_t)n - 1, 1.0);
    int sign;
    ck_assert_int_eq(gsl_linalg_LU_decomp(Qt, perm, &sign), 0);
    ck_assert_int_eq(gsl_linalg_LU_solve(Qt, perm, b, pi), 0);
    memset(f, 0, sizeof *f);
    double total = 0, ej = 0;
    for (int i = 0; i < n; i++) {
        int q = st[i][0], j = st[i][1], ai = st[i][2], ac = st[i][3];
        double p = gsl_vector_get(pi, (size_t)i);
        ck_assert_msg(p > -1e-12, "negative probability %g", p);
        total += p;
        if (ai + ac == C) {
            if (q == K) {
                f->blocked += p;
            } else if (q >= Q0 && j < B) {
                f->offered += p;
            }
        }
        f->queue += p * q;
        f->occ += p * (ai + ac) / C;
        ej += p * j;
    }
    CCS_ASSERT_CLOSE("sum of pi", total, 1.0, 1e-12, 0);
    f->accepted = f->offered * PACC;
    f->abandoned = f->queue / PAT / LAM;
    /* Little's law for the callbacks waiting: E[j] = accepted rate x wait. */
    f->cb_wait = ej / (LAM * f->accepted);
    gsl_permutation_free(perm);
    gsl_vector_free(pi);
    gsl_vector_free(b);
    gsl_matrix_free(Qt);
}

/* The chain on its own: the agents' work balances (E[busy] = answered
 * inbound + callbacks, times H), which a wrong transition breaks. */
START_TEST(test_ctmc_balance)
{
    cb_figs f;
    ctmc_solve(2, &f);
    double answered = LAM * (1 - f.blocked - f.abandoned - f.accepted) + LAM * f.accepted;
    CCS_ASSERT_CLOSE("E[busy] = served load", f.occ * C, answered * H, 1e-9, 0);
    ck_assert(f.offered > 0.1 && f.offered < 0.9 && f.blocked > 0.001 && f.cb_wait > 0);
}
END_TEST

typedef enum cfig { F_OFFERED, F_ACCEPTED, F_BLOCKED, F_ABANDON, F_QUEUE, F_OCC, F_WAIT } cfig;
static const char *const cfig_name[] = {"offered",  "accepted",  "blocked",        "abandoned",
                                        "mean queue", "occupancy", "time to callback"};

/* The rule of each case; with one group, lowest is queue_below 1 in the
 * chain (a callback only when no call waits). */
typedef struct rule_case {
    const char *rule;   /* the scenario's callbacks keys */
    int T;              /* the chain's threshold */
} rule_case;

static const rule_case rule_cases[] = {
    {"rule = \"queue_below\"; queue_below = 2;", 2},
    {"rule = \"lowest\";", 1},
};

START_TEST(test_rule_against_ctmc)
{
    const rule_case *rc = &rule_cases[_i];
    cb_figs f;
    ctmc_solve(rc->T, &f);
    char text[2048];
    snprintf(text, sizeof text,
             "horizon = { intervals = 1; interval_minutes = 30000; };\n"
             "calls = ( { name = \"a\"; calls_per_hour = %g; queue_capacity = %d;\n"
             "            handle_time = { dist = \"exponential\"; mean = %g; };\n"
             "            patience = { dist = \"exponential\"; mean = %g; }; } );\n"
             "agents = ( { name = \"team\"; count = %d; serves = [ \"a\" ]; } );\n"
             "run = { replications = 30; warmup_minutes = 600; };\n"
             "callbacks = { offer_wait = %g; accept = %g; max_pending = %d;\n"
             "              %s dial_time = 0; };\n",
             LAM * 3600, K, H, PAT, C, OFFER_WAIT, PACC, B, rc->rule);
    ccs_scenario *sc = parse(text);
    sc->seed = ccs_test_seed(1210 + (uint64_t)_i);
    int R = sc->replications;
    ccs_results *r = ccs_test_sim(sc, 0);
    const double theta[] = {f.offered, f.accepted, f.blocked, f.abandoned,
                            f.queue,   f.occ,      f.cb_wait};
    const int n = (int)(sizeof theta / sizeof theta[0]);
    double *y = calloc((size_t)R, sizeof *y), *x = calloc((size_t)R, sizeof *x);
    double *ctrl = calloc((size_t)R, sizeof *ctrl);
    ck_assert(y && x && ctrl);
    double mean_offered = LAM * sc->interval_s;
    for (int rep = 0; rep < R; rep++) {
        ctrl[rep] = ccs_test_raw(r, rep, 0, 0)->offered - mean_offered;
    }
    const char *verbose = getenv("CCSIM_TEST_VERBOSE");
    for (int i = 0; i < n; i++) {
        for (int rep = 0; rep < R; rep++) {
            const ccs_tally *t = ccs_test_raw(r, rep, 0, 0);
            switch ((cfig)i) {
            case F_OFFERED:
                y[rep] = t->cb_offered, x[rep] = t->offered;
                break;
            case F_ACCEPTED:
                y[rep] = t->cb_accepted, x[rep] = t->offered;
                break;
            case F_BLOCKED:
                y[rep] = t->blocked, x[rep] = t->offered;
                break;
            case F_ABANDON:
                y[rep] = t->abandoned, x[rep] = t->offered;
                break;
            case F_QUEUE:
                y[rep] = t->queue_area, x[rep] = sc->interval_s;
                break;
            case F_OCC:
                y[rep] = t->busy_s, x[rep] = C * sc->interval_s;
                break;
            case F_WAIT:
                y[rep] = t->cb_wait_s, x[rep] = t->cb_completed;
                break;
            }
        }
        ccs_ref_ratio_test tst;
        ccs_ref_ratio_test_run(y, x, (size_t)R, ctrl, 1, theta[i], &tst);
        double crit = ccs_test_tcrit(CCS_ALPHA_TEST, n, tst.df);
        if (verbose && *verbose) {
            double est = theta[i] + tst.bias;
            printf("callback: %-40s %-17s theory %-10.6g sim %-10.6g "
                   "95%% CI [%.6g, %.6g] z %+5.2f (crit %.2f)\n",
                   rc->rule, cfig_name[i], theta[i], tst.ratio, est - 1.96 * tst.se, est + 1.96 * tst.se,
                   tst.bias / tst.se, crit);
        }
        ck_assert_msg(fabs(tst.bias) <= crit * tst.se,
                      "%s: %s: simulated %.6g, theory %.6g: %.2f standard errors (limit %.2f for "
                      "%d checks; seed %llu)",
                      rc->rule, cfig_name[i], tst.ratio, theta[i], tst.bias / tst.se, crit, n,
                      (unsigned long long)sc->seed);
    }
    free(y);
    free(x);
    free(ctrl);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- bad input ---------------------------------------------------------------- */

typedef struct bad_case {
    const char *keys;   /* inside callbacks = { offer_wait = 60; ... } (line 8) */
    const char *key;    /* the key named */
    const char *msg;    /* part of the message */
} bad_case;

static const bad_case bad_cases[] = {
    {"accept = 1.01;", "callbacks.accept", "in [0, 1]"},
    {"accept = -0.5;", "callbacks.accept", "in [0, 1]"},
    {"reach = 2;", "callbacks.reach", "in [0, 1]"},
    {"retry_delay = -1;", "callbacks.retry_delay", ">= 0"},
    {"window_start = -60;", "callbacks.window_start", ">= 0"},
    {"dial_time = -5;", "callbacks.dial_time", ">= 0"},
    {"retries = 21;", "callbacks.retries", "[0, 20]"},
    {"retries = -1;", "callbacks.retries", "[0, 20]"},
    {"queue_below = 0;", "callbacks.queue_below", "integer in [1,"},
    {"mode = \"soon\";", "callbacks.mode", "\"keep_place\" or \"window\""},
    {"rule = \"first\";", "callbacks.rule", "\"lowest\", \"queue_below\" or \"reserved\""},
    {"offer = 3;", "callbacks.offer", "unknown key"},
};

START_TEST(test_bad_input)
{
    const bad_case *bc = &bad_cases[_i];
    char text[1024];
    snprintf(text, sizeof text,
             "horizon = { intervals = 2; };\n"
             "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
             "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
             "agents = ( { name = \"team\"; count = 5; serves = [ \"a\" ]; } );\n"
             "run = { replications = 2; };\n"
             "callbacks = {\n"
             "    offer_wait = 60;\n"
             "    %s\n"
             "};\n",
             bc->keys);
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "cb.cfg", NULL, 0, &err);
    ck_assert_msg(sc == NULL, "%s: accepted", bc->keys);
    ck_assert_int_eq(err.code, CCS_ECONFIG);
    ck_assert_str_eq(err.file, "cb.cfg");
    ck_assert_int_eq(err.line, 8);
    ck_assert_str_eq(err.key, bc->key);
    ck_assert_msg(strstr(err.msg, bc->msg) != NULL, "%s: message \"%s\" lacks \"%s\"", bc->keys,
                  err.msg, bc->msg);
}
END_TEST

/* Neither offer key: the section would never offer a callback. */
START_TEST(test_no_offer_point)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(
        "calls = ( { name = \"a\"; calls_per_hour = 100.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
        "agents = ( { name = \"team\"; count = 5; serves = [ \"a\" ]; } );\n"
        "callbacks = { accept = 0.4; };\n",
        "cb.cfg", NULL, 0, &err);
    ck_assert_ptr_null(sc);
    ck_assert_int_eq(err.code, CCS_ECONFIG);
    ck_assert_int_eq(err.line, 4);
    ck_assert_msg(strstr(err.msg, "offer_after") != NULL, "%s", err.msg);
}
END_TEST

Suite *callback_suite(void)
{
    Suite *s = suite_create("callback");
    TCase *tc = tcase_create("model");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_accept_zero_is_no_callbacks);
    tcase_add_test(tc, test_conservation);
    tcase_add_test(tc, test_ctmc_balance);
    tcase_add_loop_test(tc, test_rule_against_ctmc, 0,
                        (int)(sizeof rule_cases / sizeof rule_cases[0]));
    tcase_add_test(tc, test_window_and_retries);
    tcase_add_test(tc, test_sl_leaves_out_callbacks);
    tcase_add_test(tc, test_threads_same_tallies);
    tcase_add_test(tc, test_trace_and_json);
    suite_add_tcase(s, tc);
    TCase *tb = tcase_create("input");
    tcase_add_loop_test(tb, test_bad_input, 0, (int)(sizeof bad_cases / sizeof bad_cases[0]));
    tcase_add_test(tb, test_no_offer_point);
    suite_add_tcase(s, tb);
    return s;
}
