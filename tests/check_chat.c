/*
 * check_chat.c — the chat channel (src/model/chat.c, docs/channels.md)
 * against theory.
 *
 *   k slots per agent at factor 1 and no voice: c agents are k c servers,
 *   so P(wait), ASA, the service level on first response and the mean open
 *   sessions are Erlang C's (ccs_erlang_eval() at N = k c), and with
 *   exponential patience Erlang A's (abandonment too).
 *
 *   With handle-time factors (limited processor sharing): a small exact
 *   Markov chain (one agent with 3 slots, two agents with 2 slots, a finite
 *   waiting room and exponential patience), solved here with GSL's LU, for
 *   P(wait), abandonment, blocking, mean open sessions and the mean
 *   sessions per busy agent.
 *
 *   Bad chat keys are in the catalogue tests/data/bad/chat_*.cfg
 *   (check_scenario.c, check_badinput.c).
 *
 * Each figure is a ratio of sums over replications tested against theory
 * with ccs_ref_ratio_test_run() (the arrivals minus their mean as the
 * control) and a Bonferroni Student-t limit over the test's checks at
 * CCS_ALPHA_TEST.  CCSIM_TEST_VERBOSE=1 prints every figure with its 95%
 * interval and z-score (the figures quoted in docs/channels.md).
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "ccs_ref.h"
#include "ccs_testsc.h"
#include "ccsim/erlang.h"
#include "ccsim/sim.h"

static ccs_scenario *parse(const char *text)
{
    ccs_error err = {0};
    ccs_scenario *sc = ccs_scenario_parse(text, "chat.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "scenario refused: %s:%d: %s", err.file, err.line, err.msg);
    return sc;
}

/* One long interval of chat only (the voice type gets no calls). */
static ccs_scenario *chat_only(int agents, int slots, const char *factors, double per_hour,
                               double work_s, double patience_s, long capacity, int reps,
                               double hours, double warmup_h)
{
    char text[4096], pat[128] = "", cap[64] = "", fac[128] = "";
    if (patience_s > 0) {
        snprintf(pat, sizeof pat, "patience = { dist = \"exponential\"; mean = %.17g; };",
                 patience_s);
    }
    if (capacity >= 0) {
        snprintf(cap, sizeof cap, "queue_capacity = %ld;", capacity);
    }
    if (factors) {
        snprintf(fac, sizeof fac, "chat_factors = %s;", factors);
    }
    snprintf(text, sizeof text,
             "horizon = { intervals = 1; interval_minutes = %.17g; };\n"
             "calls = ( { name = \"voice\"; calls_per_hour = 0.0;\n"
             "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
             "agents = ( { name = \"team\"; count = %d; serves = [ \"voice\" ];\n"
             "             chat_slots = %d; %s } );\n"
             "chat = { chats_per_hour = %.17g;\n"
             "         handle_time = { dist = \"exponential\"; mean = %.17g; };\n"
             "         %s %s service_level = \"80/30\"; };\n"
             "run = { replications = %d; warmup_minutes = %.17g; };\n",
             hours * 60, agents, slots, fac, per_hour, work_s, pat, cap, reps, warmup_h * 60);
    return parse(text);
}

typedef enum cfig { C_PWAIT, C_ASA, C_SL, C_ABANDON, C_BLOCK, C_SESSIONS, C_PER_AGENT } cfig;
static const char *const cfig_name[] = {"P(wait)",  "ASA s",         "SL on first response",
                                        "abandon",  "blocking",      "mean open sessions",
                                        "sessions per busy agent"};

typedef struct ccheck {
    cfig fig;
    double theta;
} ccheck;

static void csums(const ccs_results *r, const ccs_scenario *sc, int rep, cfig f, double *y,
                  double *x)
{
    ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
    const ccs_chat_tally *t = ccs_chat_tally_at(&v, 0);
    switch (f) {
    case C_PWAIT:
        *y = t->delayed, *x = t->offered - t->blocked;
        break;
    case C_ASA:
        *y = t->wait_answered_s, *x = t->answered;
        break;
    case C_SL:
        *y = t->answered_in_sl, *x = t->offered;
        break;
    case C_ABANDON:
        *y = t->abandoned, *x = t->offered;
        break;
    case C_BLOCK:
        *y = t->blocked, *x = t->offered;
        break;
    case C_SESSIONS:
        *y = t->session_s, *x = sc->interval_s;
        break;
    default:
        *y = t->session_s, *x = t->active_s;
        break;
    }
}

static void validate(ccs_scenario *sc, const ccheck *checks, int n, const char *label)
{
    int R = sc->replications;
    ccs_results *r = ccs_test_sim(sc, 0);
    double *y = calloc((size_t)R, sizeof *y), *x = calloc((size_t)R, sizeof *x);
    double *ctrl = calloc((size_t)R, sizeof *ctrl);
    ck_assert(y && x && ctrl);
    double mean = sc->chat.rate_per_hour[0] * sc->interval_s / 3600.0;
    for (int rep = 0; rep < R; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        ctrl[rep] = ccs_chat_tally_at(&v, 0)->offered - mean;
    }
    const char *verbose = getenv("CCSIM_TEST_VERBOSE");
    for (int i = 0; i < n; i++) {
        for (int rep = 0; rep < R; rep++) {
            csums(r, sc, rep, checks[i].fig, &y[rep], &x[rep]);
        }
        ccs_ref_ratio_test tst;
        ccs_ref_ratio_test_run(y, x, (size_t)R, ctrl, 1, checks[i].theta, &tst);
        double crit = ccs_test_tcrit(CCS_ALPHA_TEST, n, tst.df);
        if (verbose && *verbose) {
            double est = checks[i].theta + tst.bias;
            printf("chat: %-40s %-24s theory %-10.6g sim %-10.6g 95%% CI [%.6g, %.6g] z %+5.2f "
                   "(crit %.2f)\n",
                   label, cfig_name[checks[i].fig], checks[i].theta, tst.ratio,
                   est - 1.96 * tst.se, est + 1.96 * tst.se, tst.bias / tst.se, crit);
        }
        ck_assert_msg(fabs(tst.bias) <= crit * tst.se,
                      "%s: %s: simulated %.6g, theory %.6g: %.2f standard errors (limit %.2f "
                      "for %d checks; seed %llu)",
                      label, cfig_name[checks[i].fig], tst.ratio, checks[i].theta,
                      tst.bias / tst.se, crit, n, (unsigned long long)sc->seed);
    }
    free(y);
    free(x);
    free(ctrl);
    ccs_results_free(r);
}

/* ---- k slots at factor 1: k c servers -------------------------------------------- */

/* 4 agents x 3 slots = M/M/12, A = 10 (Erlang C); with patience 300 s and
 * A = 12, M/M/12+M (Erlang A). */
START_TEST(test_slots_are_servers)
{
    static const struct {
        const char *label;
        int agents, slots;
        const char *factors;
        double per_hour, work, patience;
    } cases[] = {
        {"4 agents x 3 slots = M/M/12 (C)", 4, 3, NULL, 60.0, 600.0, 0},
        {"6 agents x 2 slots = M/M/12 (C)", 6, 2, "[1.0, 1.0]", 60.0, 600.0, 0},
        {"4 agents x 3 slots = M/M/12+M (A)", 4, 3, "[1, 1, 1]", 72.0, 600.0, 300.0},
    };
    for (int i = 0; i < 3; i++) {
        ccs_scenario *sc = chat_only(cases[i].agents, cases[i].slots, cases[i].factors,
                                     cases[i].per_hour, cases[i].work, cases[i].patience, -1,
                                     60, 150, 5);
        sc->seed = ccs_test_seed(1200 + (uint64_t)i);
        ccs_erlang_query q = {cases[i].per_hour, cases[i].work, cases[i].patience, 30.0};
        ccs_erlang_metrics e;
        ck_assert_int_eq(ccs_erlang_eval(&q, cases[i].agents * cases[i].slots, &e), CCS_OK);
        double lam = cases[i].per_hour / 3600.0;
        ccheck c[6];
        int n = 0;
        c[n++] = (ccheck){C_PWAIT, e.prob_wait};
        c[n++] = (ccheck){C_ASA, e.asa_s};
        c[n++] = (ccheck){C_SL, e.service_level};
        /* Little: open sessions = the answered rate x the mean work. */
        c[n++] = (ccheck){C_SESSIONS, lam * (1 - e.prob_abandon) * cases[i].work};
        if (cases[i].patience > 0) {
            c[n++] = (ccheck){C_ABANDON, e.prob_abandon};
        }
        validate(sc, c, n, cases[i].label);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* ---- limited processor sharing: the exact chain --------------------------------------- */

#define MAXA 2
#define MAXQ 8

typedef struct lps {
    int agents, k;
    double f[4];                /* f[n - 1]: factor at n open sessions */
    double lam, work, theta;    /* per second, seconds, per second */
    int cap;                    /* waiting room */
    int fill;                   /* chat.assign = "fill" (else least_loaded) */
} lps;

typedef struct lps_figs {
    double pwait, block, abandon, sessions, per_agent, throughput;
} lps_figs;

/* States: the agents' session counts, sorted (n0 >= n1), and the queue q
 * (only when every slot is taken).  Index = (n0 (k+1) + n1) (cap+1) + q. */
static int lps_index(const lps *p, const int *n, int q)
{
    int i = 0;
    for (int a = 0; a < p->agents; a++) {
        i = i * (p->k + 1) + n[a];
    }
    return i * (p->cap + 1) + q;
}

static int lps_states(const lps *p)
{
    int s = p->cap + 1;
    for (int a = 0; a < p->agents; a++) {
        s *= p->k + 1;
    }
    return s;
}

static void lps_sort(const lps *p, int *n)
{
    if (p->agents == 2 && n[1] > n[0]) {
        int t = n[0];
        n[0] = n[1];
        n[1] = t;
    }
}

static int lps_valid(const lps *p, const int *n, int q)
{
    int full = 1;
    for (int a = 0; a < p->agents; a++) {
        full &= n[a] == p->k;
        if (a > 0 && n[a] > n[a - 1]) {
            return 0;
        }
    }
    return q == 0 || full;
}

static void lps_solve(const lps *p, lps_figs *f)
{
    int N = lps_states(p);
    gsl_matrix *Qt = gsl_matrix_calloc((size_t)N, (size_t)N);
    ck_assert(Qt);
    for (int i = 0; i < N; i++) {
        int v = i, q = v % (p->cap + 1), n[MAXA] = {0, 0};
        v /= p->cap + 1;
        for (int a = p->agents - 1; a >= 0; a--) {
            n[a] = v % (p->k + 1);
            v /= p->k + 1;
        }
        if (!lps_valid(p, n, q)) {
            gsl_matrix_set(Qt, (size_t)i, (size_t)i, 1.0); /* pi = 0 there */
            continue;
        }
        int y[MAXA];
#define MOVE(rate, yq)                                                     \
    do {                                                                   \
        size_t j_ = (size_t)lps_index(p, y, (yq)), i_ = (size_t)i;         \
        gsl_matrix_set(Qt, j_, i_, gsl_matrix_get(Qt, j_, i_) + (rate));   \
        gsl_matrix_set(Qt, i_, i_, gsl_matrix_get(Qt, i_, i_) - (rate));   \
    } while (0)
        /* an arrival: the least-loaded agent (the last, sorted) or under
         * "fill" the most loaded with a free slot (the first below k), if
         * there is one; else the queue, else blocked */
        memcpy(y, n, sizeof y);
        int last = p->agents - 1, to = last;
        for (int a = 0; p->fill && a < p->agents; a++) {
            if (n[a] < p->k) {
                to = a;
                break;
            }
        }
        if (n[to] < p->k) {
            y[to]++;
            lps_sort(p, y);
            MOVE(p->lam, 0);
        } else if (q < p->cap) {
            MOVE(p->lam, q + 1);
        }
        /* a session of agent a ends: each of its n_a at rate
         * 1 / (work f(n_a)); the head of the queue takes the slot */
        for (int a = 0; a < p->agents; a++) {
            if (n[a] == 0) {
                continue;
            }
            double rate = n[a] / (p->work * p->f[n[a] - 1]);
            memcpy(y, n, sizeof y);
            if (q > 0) {
                MOVE(rate, q - 1);
            } else {
                y[a]--;
                lps_sort(p, y);
                MOVE(rate, 0);
            }
        }
        if (q > 0) {
            memcpy(y, n, sizeof y);
            MOVE(q * p->theta, q - 1);
        }
#undef MOVE
    }
    /* Replace the first valid balance equation (state 0) by sum pi = 1. */
    gsl_vector *b = gsl_vector_calloc((size_t)N), *pi = gsl_vector_alloc((size_t)N);
    gsl_permutation *perm = gsl_permutation_alloc((size_t)N);
    ck_assert(b && pi && perm);
    for (int j = 0; j < N; j++) {
        gsl_matrix_set(Qt, 0, (size_t)j, 1.0);
    }
    gsl_vector_set(b, 0, 1.0);
    int sign;
    ck_assert_int_eq(gsl_linalg_LU_decomp(Qt, perm, &sign), 0);
    ck_assert_int_eq(gsl_linalg_LU_solve(Qt, perm, b, pi), 0);
    memset(f, 0, sizeof *f);
    double total = 0, eq = 0, active = 0, wait = 0;
    for (int i = 0; i < N; i++) {
        int v = i, q = v % (p->cap + 1), n[MAXA] = {0, 0};
        v /= p->cap + 1;
        for (int a = p->agents - 1; a >= 0; a--) {
            n[a] = v % (p->k + 1);
            v /= p->k + 1;
        }
        double pr = gsl_vector_get(pi, (size_t)i);
        if (!lps_valid(p, n, q)) {
            CCS_ASSERT_CLOSE("pi of an invalid state", pr, 0.0, 0, 1e-14);
            continue;
        }
        ck_assert_msg(pr > -1e-12, "negative probability %g", pr);
        total += pr;
        eq += pr * q;
        for (int a = 0; a < p->agents; a++) {
            f->sessions += pr * n[a];
            active += pr * (n[a] > 0);
            if (n[a] > 0) {
                f->throughput += pr * n[a] / (p->work * p->f[n[a] - 1]);
            }
        }
        if (n[p->agents - 1] == p->k) {
            if (q < p->cap) {
                wait += pr;
            } else {
                f->block += pr;
            }
        }
    }
    CCS_ASSERT_CLOSE("sum of pi", total, 1.0, 1e-12, 0);
    f->pwait = wait / (1 - f->block);
    f->abandon = eq * p->theta / p->lam;
    f->per_agent = f->sessions / active;
    gsl_permutation_free(perm);
    gsl_vector_free(pi);
    gsl_vector_free(b);
    gsl_matrix_free(Qt);
}

static const lps lps_cases[] = {
    {1, 3, {1.0, 1.3, 1.6}, 12.0 / 3600, 600.0, 1.0 / 240, 4, 0},
    {2, 2, {1.0, 1.5}, 24.0 / 3600, 300.0, 1.0 / 120, 3, 0},
    {1, 3, {1.0, 1.7, 2.6}, 10.0 / 3600, 500.0, 1.0 / 300, 2, 0},
    {2, 3, {1.0, 1.4, 1.8}, 24.0 / 3600, 400.0, 1.0 / 200, 3, 1},
    {2, 3, {1.0, 1.4, 1.8}, 24.0 / 3600, 400.0, 1.0 / 200, 3, 0},
};
#define N_LPS ((int)(sizeof lps_cases / sizeof lps_cases[0]))

/* The chain checked on its own: flow balance (arrivals admitted = sessions
 * ended + abandons), and with every factor 1 its figures are the M/M/kc/K
 * chain's (ccs_ref_mmck_solve), which a wrong transition breaks. */
START_TEST(test_lps_chain)
{
    for (int i = 0; i < N_LPS; i++) {
        const lps *p = &lps_cases[i];
        lps_figs f;
        lps_solve(p, &f);
        CCS_ASSERT_CLOSE("flow balance", f.throughput, p->lam * (1 - f.block - f.abandon), 1e-9,
                         0);
        ck_assert(f.per_agent >= 1.0 && f.per_agent <= p->k);
    }
    lps one = {2, 2, {1.0, 1.0}, 30.0 / 3600, 360.0, 0.0, 3, 0};
    lps_figs f;
    lps_solve(&one, &f);
    ccs_ref_mmck m;
    ccs_ref_mmck_solve(30.0, 360.0, 4, 3, 20.0, &m);
    CCS_ASSERT_CLOSE("blocking vs M/M/4/7", f.block, m.blocking, 1e-9, 1e-15);
    CCS_ASSERT_CLOSE("P(wait) vs M/M/4/7", f.pwait, m.prob_wait, 1e-9, 1e-15);
    CCS_ASSERT_CLOSE("sessions vs M/M/4/7", f.sessions, m.occupancy * 4, 1e-9, 1e-15);
}
END_TEST

START_TEST(test_lps_against_chain)
{
    for (int i = 0; i < N_LPS; i++) {
        const lps *p = &lps_cases[i];
        lps_figs f;
        lps_solve(p, &f);
        char factors[96];
        int w = snprintf(factors, sizeof factors, "[");
        for (int j = 0; j < p->k; j++) {
            /* "%#.6g": always a decimal point (libconfig arrays hold one type) */
            w += snprintf(factors + w, sizeof factors - (size_t)w, "%s%#.6g", j ? ", " : "",
                          p->f[j]);
        }
        snprintf(factors + w, sizeof factors - (size_t)w, "]");
        ccs_scenario *sc = chat_only(p->agents, p->k, factors, p->lam * 3600, p->work,
                                     1.0 / p->theta, p->cap, 60, 1000, 20);
        sc->chat.fill = p->fill;
        sc->seed = ccs_test_seed(1210 + (uint64_t)i);
        char label[160];
        snprintf(label, sizeof label, "LPS %d agent(s) x %d slots %s%s", p->agents, p->k, factors,
                 p->fill ? " fill" : "");
        ccheck c[] = {{C_PWAIT, f.pwait},       {C_ABANDON, f.abandon},
                      {C_BLOCK, f.block},       {C_SESSIONS, f.sessions},
                      {C_PER_AGENT, f.per_agent}};
        validate(sc, c, 5, label);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* Blending: an agent with an open chat takes no voice call, so on one
 * agent the time busy on voice and the time with a chat open never
 * overlap: their sum is at most the time on shift, in every replication
 * and interval; and both channels are served. */
START_TEST(test_blending_no_overlap)
{
    for (int fill = 0; fill <= 1; fill++) {
        ccs_scenario *sc = parse(
            "horizon = { intervals = 4; interval_minutes = 60; };\n"
            "calls = ( { name = \"voice\"; calls_per_hour = 6.0;\n"
            "            handle_time = { dist = \"exponential\"; mean = 300.0; };\n"
            "            patience = { dist = \"exponential\"; mean = 120.0; }; } );\n"
            "agents = ( { name = \"one\"; count = 1; serves = [ \"voice\" ];\n"
            "             chat_slots = 3; chat_factors = [ 1.0, 1.2, 1.5 ]; } );\n"
            "chat = { chats_per_hour = 6.0;\n"
            "         handle_time = { dist = \"exponential\"; mean = 400.0; };\n"
            "         patience = { dist = \"exponential\"; mean = 200.0; }; };\n"
            "run = { replications = 40; };\n");
        sc->chat.fill = fill;
        sc->seed = ccs_test_seed(1230 + (uint64_t)fill);
        ccs_results *r = ccs_test_sim(sc, 0);
        double voice = 0, chat = 0;
        for (int rep = 0; rep < sc->replications; rep++) {
            for (int k = 0; k < sc->n_intervals; k++) {
                double b = ccs_test_raw(r, rep, k, 0)->busy_s;
                ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
                double c = ccs_chat_tally_at(&v, k)->active_s;
                ck_assert_msg(b + c <= sc->interval_s * (1 + 1e-12),
                              "replication %d interval %d: voice %.3f s + chat %.3f s > %.0f s",
                              rep, k, b, c, sc->interval_s);
                voice += b;
                chat += c;
            }
        }
        ck_assert(voice > 0 && chat > 0);
        ck_assert(r->chat && r->chat->concurrency.mean >= 1.0);
        ccs_results_free(r);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* A chat-only group (chat_slots, no serves) takes no voice call; a voice
 * group without chat_slots takes no chat; both are served. */
START_TEST(test_chat_only_group)
{
    ccs_scenario *sc = parse(
        "horizon = { intervals = 2; interval_minutes = 60; };\n"
        "calls = ( { name = \"voice\"; calls_per_hour = 100.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
        "agents = ( { name = \"phones\"; count = 8; serves = [ \"voice\" ]; },\n"
        "           { name = \"chatters\"; count = 3; chat_slots = 2; } );\n"
        "chat = { chats_per_hour = 20.0;\n"
        "         handle_time = { dist = \"exponential\"; mean = 400.0; }; };\n"
        "run = { replications = 8; };\n");
    ck_assert_int_eq(sc->groups[1].n_serves, 0);
    sc->seed = ccs_test_seed(1240);
    ccs_results *r = ccs_test_sim(sc, 0);
    double chats = 0, voice = 0;
    for (int rep = 0; rep < sc->replications; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        for (int k = 0; k < sc->n_intervals; k++) {
            ck_assert_double_eq(ccs_group_tally_at(&v, k, 1, 0)->handled, 0);
            voice += ccs_group_tally_at(&v, k, 0, 0)->handled;
            chats += ccs_chat_tally_at(&v, k)->answered;
            /* the chat agents' time with chats open fits in their time on shift */
            ck_assert(ccs_chat_tally_at(&v, k)->active_s <= 3 * sc->interval_s * (1 + 1e-12));
        }
    }
    ck_assert(voice > 0 && chats > 0);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* Conservation through shift changes (agents sent home with chats open
 * finish them and take no new one; agents coming on shift take waiting
 * chats): every chat of the day is answered, abandoned or blocked, in
 * every replication, under both assign rules. */
START_TEST(test_conservation_shifts)
{
    for (int fill = 0; fill <= 1; fill++) {
        ccs_scenario *sc = parse(
            "horizon = { intervals = 6; interval_minutes = 30; };\n"
            "calls = ( { name = \"voice\"; calls_per_hour = 40.0;\n"
            "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
            "            patience = { dist = \"exponential\"; mean = 300.0; }; } );\n"
            "agents = ( { name = \"pool\"; count = [ 4, 1, 3, 0, 5, 2 ];\n"
            "             serves = [ \"voice\" ];\n"
            "             chat_slots = 3; chat_factors = [ 1.0, 1.3, 1.6 ]; } );\n"
            "chat = { chats_per_hour = [ 30.0, 40.0, 20.0, 10.0, 40.0, 30.0 ];\n"
            "         handle_time = { dist = \"exponential\"; mean = 900.0; };\n"
            "         patience = { dist = \"exponential\"; mean = 600.0; };\n"
            "         queue_capacity = 5; };\n"
            "run = { replications = 30; warmup_minutes = 30; };\n");
        sc->chat.fill = fill;
        sc->seed = ccs_test_seed(1250 + (uint64_t)fill);
        ccs_results *r = ccs_test_sim(sc, 0);
        double answered = 0, abandoned = 0, blocked = 0;
        for (int rep = 0; rep < sc->replications; rep++) {
            ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
            ccs_chat_tally day = {0};
            for (int k = 0; k < sc->n_intervals; k++) {
                ccs_chat_tally_add(&day, ccs_chat_tally_at(&v, k));
            }
            ck_assert_msg(day.offered == day.answered + day.abandoned + day.blocked,
                          "replication %d: %g offered, %g answered + %g abandoned + %g blocked",
                          rep, day.offered, day.answered, day.abandoned, day.blocked);
            ck_assert(day.session_s <= day.active_s * 3 * (1 + 1e-12));
            ck_assert(day.session_s >= day.active_s * (1 - 1e-12));
            answered += day.answered;
            abandoned += day.abandoned;
            blocked += day.blocked;
        }
        ck_assert(answered > 0 && abandoned > 0 && blocked > 0);
        ccs_results_free(r);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* No chat section: no chat cells, and the voice results are those of the
 * scenario without the chat keys (the goldens check the rest). */
START_TEST(test_no_chat_no_cells)
{
    ccs_scenario *sc = ccs_test_mmc(100, 180, 0, 6, 1, 3600, 0, 2);
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    ck_assert_int_eq(d.chats, 0);
    ck_assert_uint_eq(ccs_tally_cells(&d, CCS_TALLY_KIND_CHAT), 0);
    ccs_test_sc_free(sc);
}
END_TEST

Suite *chat_suite(void)
{
    Suite *s = suite_create("chat");
    TCase *tc = tcase_create("chat");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_no_chat_no_cells);
    tcase_add_test(tc, test_blending_no_overlap);
    tcase_add_test(tc, test_chat_only_group);
    tcase_add_test(tc, test_conservation_shifts);
    tcase_add_test(tc, test_lps_chain);
    tcase_add_test(tc, test_slots_are_servers);
    tcase_add_test(tc, test_lps_against_chain);
    suite_add_tcase(s, tc);
    return s;
}
