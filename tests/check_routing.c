/*
 * check_routing.c — multi-skill routing (issue 11): skills with levels and
 * a handle-time factor and resolution per (group, type).
 *
 *   - `serves` and the equivalent `skills` give the same run bit for bit;
 *   - a skill's aht_factor and fcr apply to that (group, type) pair only,
 *     falling back to the group's `quality`;
 *   - the routing policies: weighted_wait and rising_priority with their
 *     defaults are oldest-first bit for bit; weights favour a type; the
 *     arrival-side policies other than group order share work evenly;
 *   - validation (docs/routing.md): equal groups with all skills are one
 *     M/M/c (Erlang C), disjoint skills are independent M/M/c, and a small
 *     multi-skill center with finite queues and abandonment matches its
 *     exact Markov chain (solved here with GSL) for every policy with a
 *     Markov description.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "ccs_ref.h"
#include "ccs_testsc.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

static ccs_scenario *parse(const char *text)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "routing-test", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s:%d: %s: %s", err.file, err.line, err.key, err.msg);
    return sc;
}

/* Every raw cell of two runs of the same shape is the same, bit for bit. */
static void assert_same_tallies(const ccs_results *a, const ccs_results *b,
                                const ccs_scenario *sc)
{
    for (int rep = 0; rep < sc->replications; rep++) {
        for (int k = 0; k < sc->n_intervals; k++) {
            for (int t = 0; t < sc->n_types; t++) {
                ck_assert_msg(memcmp(ccs_test_raw(a, rep, k, t), ccs_test_raw(b, rep, k, t),
                                     sizeof(ccs_tally)) == 0,
                              "rep %d interval %d type %d differ", rep, k, t);
                for (int g = 0; g < sc->n_groups; g++) {
                    ck_assert_msg(memcmp(ccs_test_graw(a, rep, k, g, t),
                                         ccs_test_graw(b, rep, k, g, t),
                                         sizeof(ccs_group_tally)) == 0,
                                  "rep %d interval %d group %d type %d differ", rep, k, g, t);
                }
            }
        }
    }
}

#define TWO_TYPES                                                                     \
    "horizon = { intervals = 4; interval_minutes = 30; };\n"                          \
    "calls = ( { name = \"a\"; calls_per_hour = 300.0;\n"                             \
    "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"          \
    "            patience = { dist = \"exponential\"; mean = 120.0; }; },\n"          \
    "          { name = \"b\"; calls_per_hour = 200.0;\n"                             \
    "            handle_time = { dist = \"lognormal\"; mean = 300.0; cv = 0.8; };\n"  \
    "            patience = { dist = \"exponential\"; mean = 200.0; }; } );\n"

/* serves = [ a, b ] with serve_after is the skills list with levels 1, 2
 * and the same delays: today's scenarios keep their numbers. */
START_TEST(test_serves_equals_skills)
{
    static const char serves[] =
        TWO_TYPES "agents = ( { name = \"A\"; count = 20; serves = [ \"a\", \"b\" ];\n"
                  "             serve_after = [ 0.0, 20.0 ]; },\n"
                  "           { name = \"B\"; count = 15; serves = [ \"b\", \"a\" ];\n"
                  "             quality = { aht_factor = 1.1; fcr = 0.8; }; },\n"
                  "           { name = \"C\"; count = 5; serves = [ \"b\" ]; } );\n"
                  "run = { replications = 6; seed = 11; };\n";
    static const char skills[] =
        TWO_TYPES "agents = ( { name = \"A\"; count = 20;\n"
                  "             skills = ( { type = \"a\"; level = 1; },\n"
                  "                        { type = \"b\"; level = 2; serve_after = 20; } ); },\n"
                  "           { name = \"B\"; count = 15;\n"
                  "             quality = { aht_factor = 1.1; fcr = 0.8; };\n"
                  "             skills = ( { type = \"a\"; level = 2; },\n"
                  "                        { type = \"b\"; } ); },\n"
                  "           { name = \"C\"; count = 5; skills = ( { type = \"b\"; } ); } );\n"
                  "run = { replications = 6; seed = 11; };\n";
    ccs_scenario *s1 = parse(serves), *s2 = parse(skills);
    /* The second lists B's skills in the other order: level decides. */
    ck_assert_int_eq(ccs_group_level(&s2->groups[1], 0), 2);
    ck_assert_int_eq(ccs_group_level(&s1->groups[1], 1), 2);
    ccs_results *r1 = ccs_test_sim(s1, 2), *r2 = ccs_test_sim(s2, 2);
    assert_same_tallies(r1, r2, s1);
    ck_assert(r1->summary.handled.mean > 500);
    ccs_results_free(r1);
    ccs_results_free(r2);
    ccs_scenario_free(s1);
    ccs_scenario_free(s2);
}
END_TEST

/* Deterministic handle times show each (group, type) factor exactly: the
 * skill's factor where given (over the group's quality.aht_factor), else
 * the group's. */
START_TEST(test_skill_aht_factor)
{
    static const char text[] =
        "horizon = { intervals = 2; interval_minutes = 60; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 200.0;\n"
        "            handle_time = { dist = \"deterministic\"; mean = 100.0; }; },\n"
        "          { name = \"b\"; calls_per_hour = 200.0;\n"
        "            handle_time = { dist = \"deterministic\"; mean = 200.0; }; } );\n"
        "agents = ( { name = \"S\"; count = 4; quality = { aht_factor = 2.0; };\n"
        "             skills = ( { type = \"a\"; aht_factor = 0.5; },\n"
        "                        { type = \"b\"; level = 2; } ); },\n"
        "           { name = \"G\"; count = 30;\n"
        "             skills = ( { type = \"b\"; aht_factor = 1.25; },\n"
        "                        { type = \"a\"; level = 2; } ); } );\n"
        "run = { replications = 3; seed = 5; };\n";
    ccs_scenario *sc = parse(text);
    ccs_results *r = ccs_test_sim(sc, 1);
    const double want[2][2] = {{50.0, 400.0}, {100.0, 250.0}}; /* [group][type] */
    double handled[2][2] = {{0}};
    for (int rep = 0; rep < sc->replications; rep++) {
        for (int k = 0; k < sc->n_intervals; k++) {
            for (int g = 0; g < 2; g++) {
                for (int t = 0; t < 2; t++) {
                    const ccs_group_tally *gt = ccs_test_graw(r, rep, k, g, t);
                    CCS_ASSERT_CLOSE("handle time per call", gt->handle_s,
                                     want[g][t] * gt->handled, 1e-12, 0);
                    handled[g][t] += gt->handled;
                }
            }
        }
    }
    /* Every pair answered some calls, so each factor was seen. */
    for (int g = 0; g < 2; g++) {
        for (int t = 0; t < 2; t++) {
            ck_assert_msg(handled[g][t] > 0, "group %d type %d answered nothing", g, t);
        }
    }
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* A skill's fcr is the resolved fraction of that pair's calls (binomial,
 * within a Bonferroni z over the four pairs); the group's fcr elsewhere. */
START_TEST(test_skill_fcr)
{
    static const char text[] =
        "horizon = { intervals = 4; interval_minutes = 60; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 400.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 100.0; }; },\n"
        "          { name = \"b\"; calls_per_hour = 400.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 100.0; }; } );\n"
        "agents = ( { name = \"S\"; count = 12; quality = { fcr = 0.9; };\n"
        "             skills = ( { type = \"a\"; fcr = 0.6; },\n"
        "                        { type = \"b\"; level = 2; } ); },\n"
        "           { name = \"G\"; count = 12;\n"
        "             skills = ( { type = \"b\"; fcr = \"75%\"; },\n"
        "                        { type = \"a\"; level = 2; } ); } );\n"
        "run = { replications = 10; };\n";
    ccs_scenario *sc = parse(text);
    sc->seed = ccs_test_seed(1101);
    ccs_results *r = ccs_test_sim(sc, 0);
    const double want[2][2] = {{0.6, 0.9}, {1.0, 0.75}};
    double z = ccs_test_zcrit(CCS_ALPHA_TEST, 4);
    for (int g = 0; g < 2; g++) {
        for (int t = 0; t < 2; t++) {
            double n = 0, res = 0;
            for (int rep = 0; rep < sc->replications; rep++) {
                for (int k = 0; k < sc->n_intervals; k++) {
                    n += ccs_test_graw(r, rep, k, g, t)->handled;
                    res += ccs_test_graw(r, rep, k, g, t)->resolved;
                }
            }
            ck_assert_msg(n > 300, "group %d type %d: only %g calls", g, t, n);
            double p = want[g][t];
            char what[64];
            snprintf(what, sizeof what, "resolved fraction, group %d type %d", g, t);
            CCS_ASSERT_Z(what, res / n, p, sqrt(p * (1 - p) / n), z);
        }
    }
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* Two types served by three equal groups, each with both skills; the
 * routing section is appended. */
static ccs_scenario *pooled(const char *routing, const char *weights_a, int reps)
{
    char text[2048];
    snprintf(text, sizeof text,
             "horizon = { intervals = 1; interval_minutes = 600; };\n"
             "calls = ( { name = \"a\"; calls_per_hour = 160.0; %s\n"
             "            handle_time = { dist = \"exponential\"; mean = 180.0; }; },\n"
             "          { name = \"b\"; calls_per_hour = 160.0;\n"
             "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
             "agents = ( { name = \"G1\"; count = 6; serves = [ \"a\", \"b\" ]; },\n"
             "           { name = \"G2\"; count = 6; serves = [ \"b\", \"a\" ]; },\n"
             "           { name = \"G3\"; count = 6; serves = [ \"a\", \"b\" ]; } );\n"
             "%s\n"
             "run = { replications = %d; seed = 3; warmup_minutes = 60; };\n",
             weights_a, routing, reps);
    return parse(text);
}

/* weighted_wait with equal weights and rising_priority with the default
 * base and slope are "oldest", bit for bit; so is weighted_wait with every
 * weight doubled (the order of scores is the same). */
START_TEST(test_agent_policies_reduce_to_oldest)
{
    ccs_scenario *o = pooled("routing = { agent = \"oldest\"; };", "", 4);
    ccs_scenario *w = pooled("routing = { agent = \"weighted_wait\"; };", "", 4);
    ccs_scenario *p = pooled("routing = { agent = \"rising_priority\"; };", "", 4);
    ccs_scenario *l = pooled("", "", 4);
    ck_assert_int_eq(o->agent_policy, CCS_AGENT_OLDEST);
    ck_assert_int_eq(l->agent_policy, CCS_AGENT_LEVEL);
    ck_assert_int_eq(l->arrival_policy, CCS_ARRIVE_GROUP_ORDER);
    ccs_results *ro = ccs_test_sim(o, 2), *rw = ccs_test_sim(w, 2), *rp = ccs_test_sim(p, 2);
    ccs_results *rl = ccs_test_sim(l, 2);
    assert_same_tallies(ro, rw, o);
    assert_same_tallies(ro, rp, o);
    /* ... and the default (priority by level) is not the same run. */
    ck_assert(memcmp(ccs_test_raw(ro, 0, 0, 0), ccs_test_raw(rl, 0, 0, 0), sizeof(ccs_tally)) !=
              0);
    ccs_results_free(ro);
    ccs_results_free(rw);
    ccs_results_free(rp);
    ccs_results_free(rl);
    ccs_scenario_free(o);
    ccs_scenario_free(w);
    ccs_scenario_free(p);
    ccs_scenario_free(l);
}
END_TEST

/* Mean wait of answered calls of type t, summed over replications. */
static double asa(const ccs_results *r, const ccs_scenario *sc, int t)
{
    double w = 0, n = 0;
    for (int rep = 0; rep < sc->replications; rep++) {
        w += ccs_test_raw(r, rep, 0, t)->wait_answered_s;
        n += ccs_test_raw(r, rep, 0, t)->handled;
    }
    return w / n;
}

/* A weight of 10 on type a's waiting time makes a wait far less than b;
 * a base priority of 1000 (and slope 1) gives a near-strict priority. */
START_TEST(test_weights_favour_a_type)
{
    ccs_scenario *o = pooled("routing = { agent = \"oldest\"; };", "", 4);
    ccs_scenario *w = pooled("routing = { agent = \"weighted_wait\"; };", "wait_weight = 10;", 4);
    ccs_scenario *p =
        pooled("routing = { agent = \"rising_priority\"; };", "priority_base = 1000;", 4);
    o->seed = w->seed = p->seed = ccs_test_seed(1102);
    ccs_results *ro = ccs_test_sim(o, 2), *rw = ccs_test_sim(w, 2), *rp = ccs_test_sim(p, 2);
    double ao = asa(ro, o, 0), bo = asa(ro, o, 1);
    double aw = asa(rw, w, 0), bw = asa(rw, w, 1);
    double ap = asa(rp, p, 0), bp = asa(rp, p, 1);
    /* FIFO: the two types wait alike (within 25%); weighted: a waits less
     * than half of b; priority: a waits less than a fifth of b. */
    ck_assert_msg(fabs(ao - bo) < 0.25 * (ao + bo) / 2, "oldest: ASA %g vs %g", ao, bo);
    ck_assert_msg(aw < 0.5 * bw, "weighted_wait: ASA a %g, b %g", aw, bw);
    ck_assert_msg(ap < 0.2 * bp, "rising_priority: ASA a %g, b %g", ap, bp);
    ccs_results_free(ro);
    ccs_results_free(rw);
    ccs_results_free(rp);
    ccs_scenario_free(o);
    ccs_scenario_free(w);
    ccs_scenario_free(p);
}
END_TEST

/* Occupancy of group g over every replication. */
static double occupancy(const ccs_results *r, const ccs_scenario *sc, int g)
{
    double busy = 0;
    for (int rep = 0; rep < sc->replications; rep++) {
        for (int t = 0; t < sc->n_types; t++) {
            busy += ccs_test_graw(r, rep, 0, g, t)->busy_s;
        }
    }
    return busy / (sc->replications * sc->groups[g].count[0] * sc->interval_s);
}

/* Equal groups at 89% load: group_order loads the first group most;
 * longest_idle, random_idle and least_occupied share the work evenly. */
START_TEST(test_arrival_policies_balance)
{
    static const char *const pol[] = {"group_order", "longest_idle", "random_idle",
                                      "least_occupied"};
    for (int i = 0; i < 4; i++) {
        char routing[128];
        snprintf(routing, sizeof routing, "routing = { arrival = \"%s\"; };", pol[i]);
        ccs_scenario *sc = pooled(routing, "", 4);
        sc->seed = ccs_test_seed(1103);
        ccs_results *r = ccs_test_sim(sc, 2);
        double o1 = occupancy(r, sc, 0), o3 = occupancy(r, sc, 2);
        if (i == 0) {
            ck_assert_msg(o1 > o3 + 0.1, "group_order: occupancy %g then %g", o1, o3);
        } else {
            /* least_occupied breaks ties (frequent with groups of 6) in
             * group order, which keeps the first group a little busier. */
            double tol = i == 3 ? 0.07 : 0.03;
            ck_assert_msg(fabs(o1 - o3) < tol, "%s: occupancy %g and %g", pol[i], o1, o3);
        }
        ccs_results_free(r);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* ---- validation: reductions and an exact chain ---------------------------
 *
 * Each simulated figure is a ratio of sums tested against theory through
 * ccs_ref_ratio_test_run() (the arrivals of each type minus their mean as
 * controls), with a Student-t critical value for a Bonferroni family of
 * the test's own checks at CCS_ALPHA_TEST (tests/ccs_test.h). */

typedef enum vfig { V_PWAIT, V_ABANDON, V_BLOCK, V_QUEUE, V_ASA, V_OCC } vfig;
static const char *const vfig_name[] = {"P(wait)", "abandon rate", "blocking",
                                        "mean queue", "ASA s", "occupancy"};

typedef struct vcheck {
    vfig fig;
    int idx;      /* call type, or agent group for V_OCC */
    double theta; /* theory */
} vcheck;

/* Numerator and denominator of one check in replication rep (one interval). */
static void vsums(const ccs_results *r, const ccs_scenario *sc, int rep, const vcheck *c,
                  double *y, double *x)
{
    const ccs_tally *t = c->fig == V_OCC ? NULL : ccs_test_raw(r, rep, 0, c->idx);
    switch (c->fig) {
    case V_PWAIT:
        *y = t->delayed, *x = t->offered - t->blocked;
        break;
    case V_ABANDON:
        *y = t->abandoned, *x = t->offered;
        break;
    case V_BLOCK:
        *y = t->blocked, *x = t->offered;
        break;
    case V_QUEUE:
        *y = t->queue_area, *x = sc->interval_s;
        break;
    case V_ASA:
        *y = t->wait_answered_s, *x = t->handled;
        break;
    default:
        *y = 0;
        for (int k = 0; k < sc->n_types; k++) {
            *y += ccs_test_graw(r, rep, 0, c->idx, k)->busy_s;
        }
        *x = sc->groups[c->idx].count[0] * sc->interval_s;
        break;
    }
}

/* Runs sc and tests every check; label names the case in messages. */
static void validate(ccs_scenario *sc, const vcheck *checks, int n, const char *label)
{
    int R = sc->replications;
    ccs_results *r = ccs_test_sim(sc, 0);
    double *y = calloc((size_t)R, sizeof *y), *x = calloc((size_t)R, sizeof *x);
    double *ctrl = calloc((size_t)R * (size_t)sc->n_types, sizeof *ctrl);
    ck_assert(y && x && ctrl);
    for (int t = 0; t < sc->n_types; t++) {
        double mean = sc->types[t].rate_per_hour[0] * sc->interval_s / 3600.0;
        for (int rep = 0; rep < R; rep++) {
            ctrl[(size_t)t * (size_t)R + (size_t)rep] = ccs_test_raw(r, rep, 0, t)->offered - mean;
        }
    }
    const char *verbose = getenv("CCSIM_TEST_VERBOSE");
    for (int i = 0; i < n; i++) {
        for (int rep = 0; rep < R; rep++) {
            vsums(r, sc, rep, &checks[i], &y[rep], &x[rep]);
        }
        ccs_ref_ratio_test tst;
        ccs_ref_ratio_test_run(y, x, (size_t)R, ctrl, sc->n_types, checks[i].theta, &tst);
        double crit = ccs_test_tcrit(CCS_ALPHA_TEST, n, tst.df);
        const char *who = checks[i].fig == V_OCC ? sc->groups[checks[i].idx].name
                                                 : sc->types[checks[i].idx].name;
        if (verbose && *verbose) {
            /* The estimate with the controls, theta + bias, and its 95%
             * interval; sim is the plain ratio of sums. */
            double est = checks[i].theta + tst.bias;
            printf("routing: %-34s %-6s %-12s theory %-10.6g sim %-10.6g est %-10.6g "
                   "95%% CI [%.6g, %.6g] z %+5.2f (crit %.2f)\n",
                   label, who, vfig_name[checks[i].fig], checks[i].theta, tst.ratio, est,
                   est - 1.96 * tst.se, est + 1.96 * tst.se, tst.bias / tst.se, crit);
        }
        ck_assert_msg(fabs(tst.bias) <= crit * tst.se,
                      "%s: %s %s: simulated %.6g, theory %.6g: %.2f standard errors (limit "
                      "%.2f for %d checks; seed %llu)",
                      label, who, vfig_name[checks[i].fig], tst.ratio, checks[i].theta,
                      tst.bias / tst.se, crit, n, (unsigned long long)sc->seed);
    }
    free(y);
    free(x);
    free(ctrl);
    ccs_results_free(r);
}

/* Three equal groups, each with both skills, at equal speeds: one M/M/18
 * whatever the policies.  P(wait) of each type is Erlang C (a caller waits
 * exactly when all 18 agents are busy); with one FIFO (agent = "oldest")
 * each type's ASA is Erlang C's too; every group's occupancy is A / N
 * under a balancing arrival policy. */
START_TEST(test_reduction_one_mmc)
{
    static const char *const routing[] = {
        "routing = { agent = \"oldest\"; arrival = \"longest_idle\"; };",
        "routing = { agent = \"oldest\"; arrival = \"random_idle\"; };",
        "", /* the defaults: P(wait) only */
    };
    ccs_ref_mmc e;
    ccs_ref_erlang_c_figures(320, 180, 18, 20, &e);
    for (int i = 0; i < 3; i++) {
        char text[2048];
        snprintf(text, sizeof text,
                 "horizon = { intervals = 1; interval_minutes = 6000; };\n"
                 "calls = ( { name = \"a\"; calls_per_hour = 160.0;\n"
                 "            handle_time = { dist = \"exponential\"; mean = 180.0; }; },\n"
                 "          { name = \"b\"; calls_per_hour = 160.0;\n"
                 "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
                 "agents = ( { name = \"G1\"; count = 6; serves = [ \"a\", \"b\" ]; },\n"
                 "           { name = \"G2\"; count = 6; serves = [ \"b\", \"a\" ]; },\n"
                 "           { name = \"G3\"; count = 6;\n"
                 "             skills = ( { type = \"a\"; }, { type = \"b\"; } ); } );\n"
                 "%s\n"
                 "run = { replications = 60; warmup_minutes = 300; };\n",
                 routing[i]);
        ccs_scenario *sc = parse(text);
        sc->seed = ccs_test_seed(1110 + (uint64_t)i);
        vcheck c[8];
        int n = 0;
        for (int t = 0; t < 2; t++) {
            c[n++] = (vcheck){V_PWAIT, t, e.prob_wait};
            if (i < 2) {
                c[n++] = (vcheck){V_ASA, t, e.asa_s};
            }
        }
        if (i < 2) {
            for (int g = 0; g < 3; g++) {
                c[n++] = (vcheck){V_OCC, g, e.occupancy};
            }
        }
        char label[64];
        snprintf(label, sizeof label, "one M/M/18 (%s)", i == 0 ? "longest_idle, oldest"
                                                         : i == 1 ? "random_idle, oldest"
                                                                  : "defaults");
        validate(sc, c, n, label);
        ccs_scenario_free(sc);
    }
}
END_TEST

/* Disjoint skills: each group serves one type, so each type is its own
 * M/M/c (Erlang C), whatever the policies. */
START_TEST(test_reduction_disjoint)
{
    static const char text[] =
        "horizon = { intervals = 1; interval_minutes = 6000; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 200.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; }; },\n"
        "          { name = \"b\"; calls_per_hour = 60.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 240.0; }; } );\n"
        "agents = ( { name = \"A\"; count = 12; skills = ( { type = \"a\"; level = 1; } ); },\n"
        "           { name = \"B\"; count = 5; serves = [ \"b\" ]; } );\n"
        "routing = { arrival = \"least_occupied\"; agent = \"weighted_wait\"; };\n"
        "run = { replications = 60; warmup_minutes = 300; };\n";
    ccs_scenario *sc = parse(text);
    sc->seed = ccs_test_seed(1120);
    ccs_ref_mmc a, b;
    ccs_ref_erlang_c_figures(200, 180, 12, 20, &a);
    ccs_ref_erlang_c_figures(60, 240, 5, 20, &b);
    vcheck c[] = {{V_PWAIT, 0, a.prob_wait}, {V_ASA, 0, a.asa_s},   {V_QUEUE, 0, a.mean_queue},
                  {V_OCC, 0, a.occupancy},   {V_PWAIT, 1, b.prob_wait}, {V_ASA, 1, b.asa_s},
                  {V_QUEUE, 1, b.mean_queue}, {V_OCC, 1, b.occupancy}};
    validate(sc, c, (int)(sizeof c / sizeof c[0]), "disjoint skills = 2 x M/M/c");
    ccs_scenario_free(sc);
}
END_TEST

/* ---- the exact chain -------------------------------------------------------
 *
 * Two call types a, b; a specialist group of CS agents for each and a
 * generalist group of CG agents that serves both; exponential handle
 * times (means H[t]) and patience (means P[t]); at most K[t] callers of
 * type t waiting.  State (sa, sb, ga, gb, qa, qb): busy specialists of a
 * and b, generalists busy on a and on b, callers waiting.  The routing
 * rules are those with a Markov description:
 *   - arrival: SPEC_FIRST (a specialist if one is idle, else a
 *     generalist: group_order with the specialists listed first, or
 *     level); RANDOM (a specialist or a generalist in proportion to the
 *     idle agents: random_idle); LEAST_OCC (the group with the smaller
 *     busy share, the specialists on a tie: least_occupied);
 *   - a free generalist takes the head of its preferred type's queue,
 *     else the other's (agent = "level").
 * Solved as pi Q = 0, sum pi = 1 with GSL's LU decomposition; figures by
 * PASTA. */

enum { CS = 2, CG = 2 };
static const int K[2] = {3, 2};
static const double LAM[2] = {30.0 / 3600, 24.0 / 3600}; /* per second */
static const double H[2] = {240.0, 300.0};
static const double P[2] = {300.0, 200.0};

typedef enum arrive_rule { SPEC_FIRST, RANDOM, LEAST_OCC } arrive_rule;

typedef struct ctmc_figs {
    double pwait[2], abandon[2], block[2], queue[2], occ[3]; /* occ: spec a, spec b, gen */
} ctmc_figs;

#define QA (K[0] + 1)
#define QB (K[1] + 1)
static int st_index(const int *x)
{
    return (((((x[0] * (CS + 1) + x[1]) * (CG + 1) + x[2]) * (CG + 1) + x[3]) * QA + x[4]) * QB) +
           x[5];
}
#define N_GRID ((CS + 1) * (CS + 1) * (CG + 1) * (CG + 1) * QA * QB)

static int st_valid(const int *x)
{
    return x[2] + x[3] <= CG;
}

/* Adds rate to the transition from state x to y (compact indices). */
static void add_rate(gsl_matrix *Qt, const int *map, const int *x, const int *y, double rate)
{
    int i = map[st_index(x)], j = map[st_index(y)];
    /* Qt is the transpose: row j collects the inflows of j. */
    gsl_matrix_set(Qt, (size_t)j, (size_t)i, gsl_matrix_get(Qt, (size_t)j, (size_t)i) + rate);
    gsl_matrix_set(Qt, (size_t)i, (size_t)i, gsl_matrix_get(Qt, (size_t)i, (size_t)i) - rate);
}

/* Where an arriving caller of type t goes in state x: 0 specialist, 1
 * generalist, with probability *p_spec of the specialist (RANDOM);
 * returns 0 when both kinds are full. */
static int arrival_split(arrive_rule rule, const int *x, int t, double *p_spec)
{
    int spec_idle = CS - x[t], gen_idle = CG - x[2] - x[3];
    if (spec_idle + gen_idle == 0) {
        return 0;
    }
    if (gen_idle == 0) {
        *p_spec = 1;
    } else if (spec_idle == 0) {
        *p_spec = 0;
    } else if (rule == SPEC_FIRST) {
        *p_spec = 1;
    } else if (rule == RANDOM) {
        *p_spec = (double)spec_idle / (spec_idle + gen_idle);
    } else {
        /* busy shares x[t] / CS and (ga + gb) / CG, exactly; ties to the
         * specialists (listed first). */
        *p_spec = x[t] * CG <= (x[2] + x[3]) * CS ? 1 : 0;
    }
    return 1;
}

static void ctmc_solve(arrive_rule rule, int gen_prefers, ctmc_figs *f)
{
    int *map = malloc(N_GRID * sizeof *map);
    int (*states)[6] = malloc(N_GRID * sizeof *states);
    ck_assert(map && states);
    int n = 0, x[6];
    for (int g = 0; g < N_GRID; g++) {
        int v = g;
        x[5] = v % QB, v /= QB;
        x[4] = v % QA, v /= QA;
        x[3] = v % (CG + 1), v /= CG + 1;
        x[2] = v % (CG + 1), v /= CG + 1;
        x[1] = v % (CS + 1), v /= CS + 1;
        x[0] = v;
        ck_assert_int_eq(st_index(x), g);
        map[g] = -1;
        if (st_valid(x)) {
            map[g] = n;
            memcpy(states[n++], x, sizeof x);
        }
    }
    gsl_matrix *Qt = gsl_matrix_calloc((size_t)n, (size_t)n);
    ck_assert(Qt);
    for (int i = 0; i < n; i++) {
        const int *s0 = states[i];
        int y[6];
        for (int t = 0; t < 2; t++) {
            /* arrival of type t */
            double ps = 0;
            if (arrival_split(rule, s0, t, &ps)) {
                if (ps > 0) {
                    memcpy(y, s0, sizeof y), y[t]++;
                    add_rate(Qt, map, s0, y, LAM[t] * ps);
                }
                if (ps < 1) {
                    memcpy(y, s0, sizeof y), y[2 + t]++;
                    add_rate(Qt, map, s0, y, LAM[t] * (1 - ps));
                }
            } else if (s0[4 + t] < K[t]) {
                memcpy(y, s0, sizeof y), y[4 + t]++;
                add_rate(Qt, map, s0, y, LAM[t]);
            }
            /* a specialist of t finishes: takes t's head, else goes idle */
            if (s0[t] > 0) {
                memcpy(y, s0, sizeof y);
                if (y[4 + t] > 0) {
                    y[4 + t]--;
                } else {
                    y[t]--;
                }
                add_rate(Qt, map, s0, y, s0[t] / H[t]);
            }
            /* a generalist finishes a call of type t: its preferred queue
             * first */
            if (s0[2 + t] > 0) {
                memcpy(y, s0, sizeof y);
                y[2 + t]--;
                int first = gen_prefers, second = 1 - gen_prefers;
                if (y[4 + first] > 0) {
                    y[4 + first]--, y[2 + first]++;
                } else if (y[4 + second] > 0) {
                    y[4 + second]--, y[2 + second]++;
                }
                add_rate(Qt, map, s0, y, s0[2 + t] / H[t]);
            }
            /* a waiting caller of type t abandons */
            if (s0[4 + t] > 0) {
                memcpy(y, s0, sizeof y), y[4 + t]--;
                add_rate(Qt, map, s0, y, s0[4 + t] / P[t]);
            }
        }
    }
    /* Replace the last balance equation by sum pi = 1. */
    gsl_vector *b = gsl_vector_calloc((size_t)n), *pi = gsl_vector_alloc((size_t)n);
    gsl_permutation *perm = gsl_permutation_alloc((size_t)n);
    ck_assert(b && pi && perm);
    for (int j = 0; j < n; j++) {
        gsl_matrix_set(Qt, (size_t)n - 1, (size_t)j, 1.0);
    }
    gsl_vector_set(b, (size_t)n - 1, 1.0);
    int sign;
    ck_assert_int_eq(gsl_linalg_LU_decomp(Qt, perm, &sign), 0);
    ck_assert_int_eq(gsl_linalg_LU_solve(Qt, perm, b, pi), 0);
    memset(f, 0, sizeof *f);
    double total = 0, eq[2] = {0, 0};
    for (int i = 0; i < n; i++) {
        const int *s0 = states[i];
        double p = gsl_vector_get(pi, (size_t)i);
        ck_assert_msg(p > -1e-12, "negative probability %g", p);
        total += p;
        for (int t = 0; t < 2; t++) {
            double ps;
            if (!arrival_split(rule, s0, t, &ps)) {
                if (s0[4 + t] < K[t]) {
                    f->pwait[t] += p;
                } else {
                    f->block[t] += p;
                }
            }
            eq[t] += p * s0[4 + t];
        }
        f->occ[0] += p * s0[0] / CS;
        f->occ[1] += p * s0[1] / CS;
        f->occ[2] += p * (s0[2] + s0[3]) / CG;
    }
    CCS_ASSERT_CLOSE("sum of pi", total, 1.0, 1e-12, 0);
    for (int t = 0; t < 2; t++) {
        f->pwait[t] /= 1 - f->block[t];
        f->queue[t] = eq[t];
        f->abandon[t] = eq[t] / P[t] / LAM[t];
    }
    gsl_permutation_free(perm);
    gsl_vector_free(pi);
    gsl_vector_free(b);
    gsl_matrix_free(Qt);
    free(states);
    free(map);
}

/* The chain checked on its own: its figures are in range, and Little's
 * law for the agents holds (E[busy agents] = the answered rate x the mean
 * handle time, summed over the types), which a wrong transition breaks. */
START_TEST(test_ctmc_balance)
{
    for (int rule = SPEC_FIRST; rule <= LEAST_OCC; rule++) {
        ctmc_figs f;
        ctmc_solve((arrive_rule)rule, 0, &f);
        double busy = f.occ[0] * CS + f.occ[1] * CS + f.occ[2] * CG;
        double work = 0;
        for (int t = 0; t < 2; t++) {
            ck_assert(f.block[t] > 0.001 && f.block[t] < 0.2);
            ck_assert(f.pwait[t] > 0.05 && f.pwait[t] < 0.9);
            work += LAM[t] * (1 - f.block[t] - f.abandon[t]) * H[t];
        }
        /* Little's law for the agents: E[busy] = sum over types of the
         * answered rate x the mean handle time. */
        CCS_ASSERT_CLOSE("E[busy] = answered load", busy, work, 1e-9, 0);
    }
}
END_TEST

typedef struct ctmc_case {
    const char *label;
    arrive_rule rule;
    int gen_prefers;  /* 0: a, 1: b */
    const char *agents;
    const char *routing;
} ctmc_case;

static const ctmc_case ctmc_cases[] = {
    {"defaults (group order, level)", SPEC_FIRST, 0,
     "agents = ( { name = \"Sa\"; count = 2; serves = [ \"a\" ]; },\n"
     "           { name = \"Sb\"; count = 2; serves = [ \"b\" ]; },\n"
     "           { name = \"G\"; count = 2; serves = [ \"a\", \"b\" ]; } );\n",
     ""},
    {"arrival level, generalists first", SPEC_FIRST, 1,
     "agents = ( { name = \"G\"; count = 2;\n"
     "             skills = ( { type = \"a\"; level = 3; }, { type = \"b\"; level = 2; } ); },\n"
     "           { name = \"Sa\"; count = 2; skills = ( { type = \"a\"; } ); },\n"
     "           { name = \"Sb\"; count = 2; skills = ( { type = \"b\"; } ); } );\n",
     "routing = { arrival = \"level\"; };\n"},
    {"random_idle", RANDOM, 0,
     "agents = ( { name = \"Sa\"; count = 2; serves = [ \"a\" ]; },\n"
     "           { name = \"Sb\"; count = 2; serves = [ \"b\" ]; },\n"
     "           { name = \"G\"; count = 2; serves = [ \"a\", \"b\" ]; } );\n",
     "routing = { arrival = \"random_idle\"; };\n"},
    {"least_occupied", LEAST_OCC, 1,
     "agents = ( { name = \"Sa\"; count = 2; serves = [ \"a\" ]; },\n"
     "           { name = \"Sb\"; count = 2; serves = [ \"b\" ]; },\n"
     "           { name = \"G\"; count = 2; serves = [ \"b\", \"a\" ]; } );\n",
     "routing = { arrival = \"least_occupied\"; };\n"},
};
#define N_CTMC ((int)(sizeof ctmc_cases / sizeof ctmc_cases[0]))

START_TEST(test_against_ctmc)
{
    const ctmc_case *cc = &ctmc_cases[_i];
    ctmc_figs f;
    ctmc_solve(cc->rule, cc->gen_prefers, &f);
    char text[4096];
    snprintf(text, sizeof text,
             "horizon = { intervals = 1; interval_minutes = 30000; };\n"
             "calls = ( { name = \"a\"; calls_per_hour = 30.0; queue_capacity = %d;\n"
             "            handle_time = { dist = \"exponential\"; mean = %g; };\n"
             "            patience = { dist = \"exponential\"; mean = %g; }; },\n"
             "          { name = \"b\"; calls_per_hour = 24.0; queue_capacity = %d;\n"
             "            handle_time = { dist = \"exponential\"; mean = %g; };\n"
             "            patience = { dist = \"exponential\"; mean = %g; }; } );\n"
             "%s%s"
             "run = { replications = 40; warmup_minutes = 600; };\n",
             K[0], H[0], P[0], K[1], H[1], P[1], cc->agents, cc->routing);
    ccs_scenario *sc = parse(text);
    sc->seed = ccs_test_seed(1130 + (uint64_t)_i);
    int ga = ccs_scenario_find_group(sc, "Sa"), gb = ccs_scenario_find_group(sc, "Sb");
    int gg = ccs_scenario_find_group(sc, "G");
    vcheck c[] = {{V_PWAIT, 0, f.pwait[0]},  {V_PWAIT, 1, f.pwait[1]}, {V_ABANDON, 0, f.abandon[0]},
                  {V_ABANDON, 1, f.abandon[1]}, {V_BLOCK, 0, f.block[0]}, {V_BLOCK, 1, f.block[1]},
                  {V_QUEUE, 0, f.queue[0]},  {V_QUEUE, 1, f.queue[1]}, {V_OCC, ga, f.occ[0]},
                  {V_OCC, gb, f.occ[1]},     {V_OCC, gg, f.occ[2]}};
    validate(sc, c, (int)(sizeof c / sizeof c[0]), cc->label);
    ccs_scenario_free(sc);
}
END_TEST

Suite *routing_suite(void)
{
    Suite *s = suite_create("routing");
    TCase *tc = tcase_create("skills");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_serves_equals_skills);
    tcase_add_test(tc, test_skill_aht_factor);
    tcase_add_test(tc, test_skill_fcr);
    tcase_add_test(tc, test_agent_policies_reduce_to_oldest);
    tcase_add_test(tc, test_weights_favour_a_type);
    tcase_add_test(tc, test_arrival_policies_balance);
    suite_add_tcase(s, tc);
    TCase *tv = tcase_create("validation");
    tcase_set_timeout(tv, 300);
    tcase_add_test(tv, test_reduction_one_mmc);
    tcase_add_test(tv, test_reduction_disjoint);
    tcase_add_test(tv, test_ctmc_balance);
    tcase_add_loop_test(tv, test_against_ctmc, 0, N_CTMC);
    suite_add_tcase(s, tv);
    return s;
}
