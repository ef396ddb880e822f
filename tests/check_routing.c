/*
 * check_routing.c — multi-skill routing (issue 11): skills with levels and
 * a handle-time factor and resolution per (group, type).
 *
 *   - `serves` and the equivalent `skills` give the same run bit for bit;
 *   - a skill's aht_factor and fcr apply to that (group, type) pair only,
 *     falling back to the group's `quality`;
 *   - types at the same level of a group share one FIFO (oldest first).
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

Suite *routing_suite(void)
{
    Suite *s = suite_create("routing");
    TCase *tc = tcase_create("skills");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_serves_equals_skills);
    tcase_add_test(tc, test_skill_aht_factor);
    tcase_add_test(tc, test_skill_fcr);
    suite_add_tcase(s, tc);
    return s;
}
