/*
 * check_chatblend.c — the chat voice threshold (chat.voice_threshold,
 * src/model/chat.c, docs/channels.md "Blending").
 *
 *   Without the key nothing changes: the scenario reads it as none, and a
 *   threshold that can never be reached (10^6 calls waiting) gives the
 *   default run's tallies and event count bit for bit
 *   (test_threshold_unreachable; the goldens check the files' outputs).
 *
 *   The rule itself, from the trace of an overloaded blended pool beside a
 *   chat-only team (test_threshold_rule): no chat session starts on an
 *   agent of the voice group while T or more of its calls wait (the
 *   default run does start such sessions: the check can fail), the
 *   chat-only team still takes chats then (the rule is per group), and the
 *   slots freed when the voice queue falls below T are given at once:
 *   at the end of every instant, chats wait only if no eligible agent has
 *   a free slot (no latency).
 *
 *   At 0 the blended agents take no chat and a chat-only team (no call
 *   type, so never held back) takes them all (test_threshold_zero).
 *
 *   An overflow group (serve_after) is idle while calls wait that it may
 *   not take yet; the rule keeps its agents from chat then too
 *   (test_threshold_overflow_group).
 *
 *   Its effect (test_threshold_effect): on the same pool, voice service
 *   level rises and chat service level falls against the default, each a
 *   paired difference of ratios of sums (common random numbers: the voice
 *   streams do not depend on chat) with a delta-method standard error,
 *   tested one-sided at the Bonferroni share of CCS_ALPHA_TEST.
 *
 *   Bad values are in the catalogue tests/data/bad/chat_voice_threshold_*.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>

#include "ccsim/model.h"
#include "ccsim/sim.h"
#include "ccsim/stats.h"

#include "ccs_testsc.h"

static ccs_scenario *parse(const char *text)
{
    ccs_error err = {0};
    ccs_scenario *sc = ccs_scenario_parse(text, "chatblend.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "scenario refused: %s:%d: %s", err.file, err.line, err.msg);
    return sc;
}

static ccs_results *sim(const ccs_scenario *sc)
{
    return ccs_test_sim(sc, 2);
}

/* The shipped blended scenario without the key, and with a threshold no
 * queue reaches in it: the same tallies, the same events. */
START_TEST(test_threshold_unreachable)
{
    ccs_error err = {0};
    ccs_scenario *a = ccs_scenario_load("scenarios/contact-center-chat.cfg", NULL, 0, &err);
    ck_assert_msg(a != NULL, "%s", err.msg);
    const char *set[] = {"chat.voice_threshold=1000000"};
    ccs_scenario *b = ccs_scenario_load("scenarios/contact-center-chat.cfg", set, 1, &err);
    ck_assert_msg(b != NULL, "%s", err.msg);
    ck_assert_int_eq(a->chat.voice_threshold, -1);
    ck_assert_int_eq(b->chat.voice_threshold, 1000000);
    ccs_results *ra = sim(a), *rb = sim(b);
    ck_assert_msg(ccs_test_same_tallies(ra, rb), "a threshold of 10^6 calls changed the tallies");
    ck_assert_uint_eq(ra->events, rb->events);
    for (int rep = 0; rep < ra->replications; rep++) {
        for (int k = 0; k < a->n_intervals; k++) {
            ck_assert(ccs_test_raw(ra, rep, k, 0)->queue_max < 1000);
        }
    }
    ccs_results_free(ra);
    ccs_results_free(rb);
    ccs_scenario_free(a);
    ccs_scenario_free(b);
}
END_TEST

/* Eight blended agents (voice + 3 chat slots) overloaded on voice, two
 * chat-only agents with 2 slots. */
#define POOL                                                                    \
    "horizon = { intervals = 4; interval_minutes = 60; };\n"                    \
    "calls = ( { name = \"voice\"; calls_per_hour = 130.0;\n"                   \
    "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"    \
    "            patience = { dist = \"exponential\"; mean = 120.0; };\n"       \
    "            service_level = \"80/20\"; } );\n"                             \
    "agents = ( { name = \"blend\"; count = 8; serves = [ \"voice\" ];\n"       \
    "             chat_slots = 3; chat_factors = [ 1.0, 1.3, 1.6 ]; },\n"       \
    "           { name = \"chatonly\"; count = 2; chat_slots = 2; } );\n"       \
    "chat = { chats_per_hour = 30.0;\n"                                         \
    "         handle_time = { dist = \"exponential\"; mean = 600.0; };\n"       \
    "         patience = { dist = \"exponential\"; mean = 300.0; };\n"          \
    "         service_level = \"80/60\"; };\n"                                  \
    "run = { replications = 40; warmup_minutes = 30; };\n"
#define N_BLEND 8
#define N_AGENTS 10
#define MAX_NUMBER (1 << 16)

/* The state the trace rebuilds: each agent's open sessions, the blended
 * agents busy on voice, the chats waiting; and what was seen. */
typedef struct blend_trace {
    long thr;              /* the rule checked: LONG_MAX = "no free slot while chats wait" */
    int slots[2];
    int open[N_AGENTS + 1];      /* by agent number (from 1) */
    int voice_busy;        /* blended agents on a call */
    unsigned char *waiting;      /* [MAX_NUMBER] chat numbers waiting */
    long n_waiting;
    long queued;           /* voice callers waiting after the last event */
    double now;            /* the instant being traced */
    /* seen */
    long starts[2];        /* chat sessions opened, by group */
    long starts_at_thr[2]; /* ... while thr or more calls waited */
    long idle_slots;       /* instants that ended with chats waiting and an eligible free slot */
    long instants_waiting; /* instants that ended with chats waiting */
} blend_trace;

/* At the end of an instant: chats wait only if no agent allowed to take
 * one has a free slot (a blended agent is allowed while fewer than thr
 * calls wait; an idle blended agent counts as free slots). */
static void end_instant(blend_trace *t)
{
    if (t->n_waiting == 0) {
        return;
    }
    t->instants_waiting++;
    int free_slot = 0, with_chats = 0;
    for (int a = 1; a <= N_BLEND; a++) {
        with_chats += t->open[a] > 0;
        if (t->queued < t->thr && t->open[a] > 0 && t->open[a] < t->slots[0]) {
            free_slot = 1;
        }
    }
    if (t->queued < t->thr && N_BLEND - t->voice_busy - with_chats > 0) {
        free_slot = 1;   /* an idle blended agent */
    }
    for (int a = N_BLEND + 1; a <= N_AGENTS; a++) {
        if (t->open[a] < t->slots[1]) {
            free_slot = 1;
        }
    }
    t->idle_slots += free_slot;
}

static void on_trace(void *ctx, const ccs_trace_event *ev)
{
    blend_trace *t = ctx;
    if (ev->time > t->now) {
        end_instant(t);
        t->now = ev->time;
    }
    ck_assert(ev->call < MAX_NUMBER);
    switch (ev->kind) {
    case CCS_TR_ANSWER:
        t->voice_busy += ev->group == 0;
        break;
    case CCS_TR_DEPART:
        t->voice_busy -= ev->group == 0;
        break;
    case CCS_TR_CHAT_QUEUE:
        t->waiting[ev->call] = 1;
        t->n_waiting++;
        break;
    case CCS_TR_CHAT_START:
    case CCS_TR_CHAT_ABANDON:
        if (t->waiting[ev->call]) {
            t->waiting[ev->call] = 0;
            t->n_waiting--;
        }
        if (ev->kind == CCS_TR_CHAT_START) {
            ck_assert(ev->agent >= 1 && ev->agent <= N_AGENTS && ev->group >= 0 && ev->group < 2);
            ck_assert_int_eq(ev->group, ev->agent > N_BLEND);
            t->open[ev->agent] = ev->sessions;
            t->starts[ev->group]++;
            t->starts_at_thr[ev->group] += ev->queued >= t->thr;
        }
        break;
    case CCS_TR_CHAT_END:
        t->open[ev->agent] = ev->sessions;
        break;
    default:
        break;
    }
    t->queued = ev->queued;
}

/* Traces replication rep of sc whole; thr is the rule checked. */
static void trace_rep(const ccs_scenario *sc, int rep, blend_trace *t)
{
    ccs_error err = {0};
    ccs_model *m = ccs_model_new(sc, &err);
    ck_assert(m != NULL);
    ccs_model_set_trace(m, on_trace, t, INFINITY);
    ccs_tally_dims dims = ccs_tally_dims_of(sc);
    ccs_tallies *T = ccs_tallies_new(&dims, 1);
    ck_assert(T != NULL);
    ccs_tally_rep v = ccs_tallies_rep(T, 0);
    uint64_t ev;
    memset(t->open, 0, sizeof t->open);
    memset(t->waiting, 0, MAX_NUMBER);
    t->voice_busy = 0;
    t->n_waiting = 0;
    t->queued = 0;
    t->now = 0;
    ck_assert_int_eq(ccs_model_run(m, rep, &v, &ev), CCS_OK);
    end_instant(t);
    ck_assert_int_eq(t->voice_busy, 0);
    ck_assert_int_eq(t->n_waiting, 0);
    ccs_tallies_free(T);
    ccs_model_free(m);
}

static blend_trace trace_reps(const ccs_scenario *sc, long thr, int reps)
{
    blend_trace t = {0};
    t.thr = thr;
    t.slots[0] = 3;
    t.slots[1] = 2;
    t.waiting = calloc(MAX_NUMBER, 1);
    ck_assert(t.waiting != NULL);
    for (int rep = 0; rep < reps; rep++) {
        trace_rep(sc, rep, &t);
    }
    free(t.waiting);
    return t;
}

#define T_RULE 2

/* The rule, from the trace: with voice_threshold = 2, no blended agent
 * opens a chat session while 2 or more calls wait, the chat-only team
 * does, and chats never wait past an instant while an eligible slot is
 * free.  Without the key, blended agents do open sessions then (so the
 * first check can fail), and chats wait only while every slot is taken.
 * Both assign rules. */
START_TEST(test_threshold_rule)
{
    for (int fill = 0; fill <= 1; fill++) {
        ccs_scenario *sc = parse(POOL);
        sc->seed = ccs_test_seed(4100 + (uint64_t)fill);
        sc->chat.fill = fill;
        int reps = 4;
        blend_trace d = trace_reps(sc, T_RULE, reps);
        blend_trace d_free = trace_reps(sc, LONG_MAX, reps);
        sc->chat.voice_threshold = T_RULE;
        blend_trace r = trace_reps(sc, T_RULE, reps);
        if (getenv("CCSIM_TEST_VERBOSE")) {
            printf("chatblend: %s: default: %ld + %ld sessions, %ld + %ld with >= %d calls "
                   "waiting; threshold %d: %ld + %ld, %ld + %ld; instants with chats waiting "
                   "%ld, %ld\n",
                   fill ? "fill" : "least_loaded", d.starts[0], d.starts[1], d.starts_at_thr[0],
                   d.starts_at_thr[1], T_RULE, T_RULE, r.starts[0], r.starts[1],
                   r.starts_at_thr[0], r.starts_at_thr[1], d_free.instants_waiting,
                   r.instants_waiting);
        }
        /* the default: sessions start on blended agents with the queue at T */
        ck_assert_msg(d.starts_at_thr[0] > 20,
                      "only %ld default sessions opened with %d calls waiting: the test cannot "
                      "fail",
                      d.starts_at_thr[0], T_RULE);
        ck_assert_msg(d_free.idle_slots == 0,
                      "default: %ld instants ended with chats waiting and a free slot",
                      d_free.idle_slots);
        /* the rule */
        ck_assert_msg(r.starts_at_thr[0] == 0,
                      "%ld chat sessions opened on blended agents while %d or more calls waited",
                      r.starts_at_thr[0], T_RULE);
        ck_assert_msg(r.starts[0] > 50, "only %ld sessions on blended agents", r.starts[0]);
        ck_assert_msg(r.starts_at_thr[1] > 20,
                      "the chat-only team opened only %ld sessions with the queue at the "
                      "threshold",
                      r.starts_at_thr[1]);
        ck_assert_msg(r.instants_waiting > 100, "chats waited at only %ld instants",
                      r.instants_waiting);
        ck_assert_msg(r.idle_slots == 0,
                      "%ld instants ended with chats waiting and an eligible free slot",
                      r.idle_slots);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* voice_threshold = 0: the blended agents take no chat at all, the
 * chat-only team takes them all (it serves no call type, so no threshold
 * applies to it), and keeps no slot free while chats wait. */
START_TEST(test_threshold_zero)
{
    ccs_scenario *sc = parse(POOL);
    sc->seed = ccs_test_seed(4130);
    sc->chat.voice_threshold = 0;
    blend_trace r = trace_reps(sc, 0, 2);
    ck_assert_msg(r.starts[0] == 0, "%ld sessions on blended agents at threshold 0",
                  r.starts[0]);
    ck_assert_msg(r.starts[1] > 50, "only %ld sessions on the chat-only team", r.starts[1]);
    ck_assert_msg(r.idle_slots == 0, "%ld instants ended with chats waiting and a free slot",
                  r.idle_slots);
    ccs_scenario_free(sc);
}
END_TEST

/* An overflow group: its agents take a call only after it has waited
 * 120 s, so they are idle while calls wait, and the chat channel is
 * offered them then.  With voice_threshold = 2 none of them opens a chat
 * while 2 or more calls wait (the default does). */
typedef struct overflow_trace {
    long starts, starts_at_thr;
} overflow_trace;

static void on_overflow_trace(void *ctx, const ccs_trace_event *ev)
{
    overflow_trace *t = ctx;
    if (ev->kind == CCS_TR_CHAT_START && ev->group == 1) {
        t->starts++;
        t->starts_at_thr += ev->queued >= T_RULE;
    }
}

static overflow_trace overflow_reps(const ccs_scenario *sc, int reps)
{
    overflow_trace t = {0, 0};
    ccs_error err = {0};
    ccs_model *m = ccs_model_new(sc, &err);
    ck_assert(m != NULL);
    ccs_model_set_trace(m, on_overflow_trace, &t, INFINITY);
    ccs_tally_dims dims = ccs_tally_dims_of(sc);
    ccs_tallies *T = ccs_tallies_new(&dims, 1);
    ck_assert(T != NULL);
    ccs_tally_rep v = ccs_tallies_rep(T, 0);
    for (int rep = 0; rep < reps; rep++) {
        uint64_t ev;
        ck_assert_int_eq(ccs_model_run(m, rep, &v, &ev), CCS_OK);
    }
    ccs_tallies_free(T);
    ccs_model_free(m);
    return t;
}

START_TEST(test_threshold_overflow_group)
{
    ccs_scenario *sc = parse(
        "horizon = { intervals = 4; interval_minutes = 60; };\n"
        "calls = ( { name = \"voice\"; calls_per_hour = 70.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
        "            patience = { dist = \"exponential\"; mean = 300.0; }; } );\n"
        "agents = ( { name = \"phones\"; count = 4; serves = [ \"voice\" ]; },\n"
        "           { name = \"blend\"; count = 4; serves = [ \"voice\" ];\n"
        "             serve_after = [ 120.0 ]; chat_slots = 2; } );\n"
        "chat = { chats_per_hour = 20.0;\n"
        "         handle_time = { dist = \"exponential\"; mean = 600.0; }; };\n"
        "run = { replications = 4; warmup_minutes = 30; };\n");
    sc->seed = ccs_test_seed(4120);
    overflow_trace d = overflow_reps(sc, sc->replications);
    sc->chat.voice_threshold = T_RULE;
    overflow_trace r = overflow_reps(sc, sc->replications);
    if (getenv("CCSIM_TEST_VERBOSE")) {
        printf("chatblend: overflow group: default %ld sessions, %ld with >= %d calls waiting; "
               "threshold: %ld, %ld\n",
               d.starts, d.starts_at_thr, T_RULE, r.starts, r.starts_at_thr);
    }
    ck_assert_msg(d.starts_at_thr > 20, "only %ld default sessions with the queue at %d",
                  d.starts_at_thr, T_RULE);
    ck_assert_msg(r.starts > 50, "only %ld sessions with the threshold", r.starts);
    ck_assert_msg(r.starts_at_thr == 0,
                  "%ld sessions opened on the overflow group while %d or more calls waited",
                  r.starts_at_thr, T_RULE);
    ccs_scenario_free(sc);
}
END_TEST

/* A day's ratio of sums per replication: y (answered in SL) and x
 * (offered), voice type 0 or chat. */
static void day_sl(const ccs_results *r, int rep, int chat, double *y, double *x)
{
    ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
    *y = *x = 0;
    for (int k = 0; k < r->sc->n_intervals; k++) {
        if (chat) {
            *y += ccs_chat_tally_at(&v, k)->answered_in_sl;
            *x += ccs_chat_tally_at(&v, k)->offered;
        } else {
            *y += ccs_tally_at(&v, k, 0)->answered_in_sl;
            *x += ccs_tally_at(&v, k, 0)->offered;
        }
    }
}

/* The difference of two ratios of sums over paired replications,
 * Ra - Rb, and its delta-method standard error: the linearised values
 * (ya - Ra xa) / mean(xa) - (yb - Rb xb) / mean(xb) have variance / n. */
static void paired_diff(const ccs_results *a, const ccs_results *b, int chat, double *diff,
                        double *se)
{
    int n = a->replications;
    double *v = calloc((size_t)n * 4, sizeof *v);
    ck_assert(v != NULL);
    double sya = 0, sxa = 0, syb = 0, sxb = 0;
    for (int rep = 0; rep < n; rep++) {
        day_sl(a, rep, chat, &v[4 * rep], &v[4 * rep + 1]);
        day_sl(b, rep, chat, &v[4 * rep + 2], &v[4 * rep + 3]);
        sya += v[4 * rep];
        sxa += v[4 * rep + 1];
        syb += v[4 * rep + 2];
        sxb += v[4 * rep + 3];
    }
    double ra = sya / sxa, rb = syb / sxb, ma = sxa / n, mb = sxb / n;
    double s = 0, s2 = 0;
    for (int rep = 0; rep < n; rep++) {
        double z = (v[4 * rep] - ra * v[4 * rep + 1]) / ma -
                   (v[4 * rep + 2] - rb * v[4 * rep + 3]) / mb;
        s += z;
        s2 += z * z;
    }
    *diff = ra - rb;
    *se = sqrt((s2 - s * s / n) / (n - 1) / n);
    free(v);
}

/* docs/channels.md, "The shipped scenario": the paired changes on
 * scenarios/contact-center-chat.cfg (printed with CCSIM_TEST_VERBOSE). */
static void print_shipped(void)
{
    static const char *const assign[] = {"chat.assign=\"fill\"",
                                         "chat.assign=\"least_loaded\""};
    static const char *const thr[] = {"chat.voice_threshold=5", "chat.voice_threshold=3",
                                      "chat.voice_threshold=2", "chat.voice_threshold=1"};
    for (int i = 0; i < 2; i++) {
        ccs_error err = {0};
        const char *set[2] = {assign[i], NULL};
        ccs_scenario *a = ccs_scenario_load("scenarios/contact-center-chat.cfg", set, 1, &err);
        ck_assert_msg(a != NULL, "%s", err.msg);
        ccs_results *ra = sim(a);
        for (int j = 0; j < 4; j++) {
            set[1] = thr[j];
            ccs_scenario *b = ccs_scenario_load("scenarios/contact-center-chat.cfg", set, 2, &err);
            ck_assert_msg(b != NULL, "%s", err.msg);
            ccs_results *rb = sim(b);
            double dv, sv, dc, scc, t = ccs_stats_t95((size_t)a->replications - 1);
            paired_diff(rb, ra, 0, &dv, &sv);
            paired_diff(rb, ra, 1, &dc, &scc);
            printf("chatblend: contact-center-chat.cfg %s %s: voice SL %.1f%% [%.1f, %.1f], "
                   "%+.2f +- %.2f points; chat SL %.1f%% [%.1f, %.1f], %+.2f +- %.2f; chat "
                   "abandon %.2f%%\n",
                   assign[i], thr[j], 100 * rb->summary.service_level.mean,
                   100 * rb->summary.service_level.lo, 100 * rb->summary.service_level.hi,
                   100 * dv, 100 * t * sv, 100 * rb->chat->service_level.mean,
                   100 * rb->chat->service_level.lo, 100 * rb->chat->service_level.hi, 100 * dc,
                   100 * t * scc, 100 * rb->chat->abandon_rate.mean);
            ccs_results_free(rb);
            ccs_scenario_free(b);
        }
        ccs_results_free(ra);
        ccs_scenario_free(a);
    }
}

/* Its effect: voice SL up, chat SL down against the default, paired. */
START_TEST(test_threshold_effect)
{
    ccs_scenario *sc = parse(POOL);
    sc->seed = ccs_test_seed(4110);
    sc->replications = 200;
    ccs_results *d = sim(sc);
    sc->chat.voice_threshold = T_RULE;
    ccs_results *r = sim(sc);
    double dv, sv, dc, scc;
    paired_diff(r, d, 0, &dv, &sv);
    paired_diff(r, d, 1, &dc, &scc);
    double crit = ccs_test_tcrit(2 * CCS_ALPHA_TEST, 2, sc->replications - 1);
    if (getenv("CCSIM_TEST_VERBOSE")) {
        printf("chatblend: threshold %d vs default, %d replications: voice SL %+.4f (se %.4f, "
               "t %+.1f), chat SL %+.4f (se %.4f, t %+.1f), limit %.2f\n",
               T_RULE, sc->replications, dv, sv, dv / sv, dc, scc, dc / scc, crit);
        print_shipped();
    }
    ck_assert_msg(sv > 0 && dv / sv > crit, "voice SL %+.4f (se %.4f): not above the default",
                  dv, sv);
    ck_assert_msg(scc > 0 && dc / scc < -crit, "chat SL %+.4f (se %.4f): not below the default",
                  dc, scc);
    ccs_results_free(d);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

Suite *chatblend_suite(void)
{
    Suite *s = suite_create("chatblend");
    TCase *tc = tcase_create("chatblend");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_threshold_unreachable);
    tcase_add_test(tc, test_threshold_rule);
    tcase_add_test(tc, test_threshold_zero);
    tcase_add_test(tc, test_threshold_overflow_group);
    tcase_add_test(tc, test_threshold_effect);
    suite_add_tcase(s, tc);
    return s;
}
