/*
 * bench_skills.c — a skill-based center of 10 call types and 10 agent
 * groups against the single-queue model with the same load (issue 11: the
 * skill-based center within 2x of the single queue in events per second).
 *
 * The center: types t0..t9 at 100 calls/h each, AHT 180 s exponential
 * (5 Erlangs each, 50 in all); group g has 6 agents and serves t<g> at
 * level 1 and t<g+1 mod 10> at level 2 (a chain, so every group has two
 * queues to look at and every type two groups).  The single queue: one type
 * at 1000 calls/h on one group of 60 agents.  Both run one interval of 1e6
 * expected arrivals, one thread; each round times the single queue and then
 * each routing variant, and the figure is the median over rounds of the
 * ratio of events per second (single / skills).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

#define TYPES 10
#define ROUNDS 5
#define VARIANTS 3

/* Arrivals 1e6 at 1000 calls/h: 1000 hours in one interval. */
static const char *single_text =
    "name = \"bench single queue\";\n"
    "horizon = { intervals = 1; interval_minutes = 60000; };\n"
    "calls = ( { name = \"all\"; calls_per_hour = 1000.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"pool\"; count = 60; serves = [ \"all\" ]; } );\n"
    "run = { replications = 1; seed = 7; };\n";

/* The 10 x 10 center with the given routing section ("" for the default). */
static char *skills_text(const char *routing)
{
    size_t cap = 8192;
    char *s = malloc(cap);
    if (!s) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    size_t u = (size_t)snprintf(s, cap,
                                "name = \"bench 10 types x 10 groups\";\n"
                                "horizon = { intervals = 1; interval_minutes = 60000; };\n"
                                "calls = (\n");
    for (int t = 0; t < TYPES; t++) {
        u += (size_t)snprintf(s + u, cap - u,
                              "  { name = \"t%d\"; calls_per_hour = 100.0;\n"
                              "    handle_time = { dist = \"exponential\"; mean = 180.0; }; }%s\n",
                              t, t + 1 < TYPES ? "," : "");
    }
    u += (size_t)snprintf(s + u, cap - u, ");\nagents = (\n");
    for (int g = 0; g < TYPES; g++) {
        u += (size_t)snprintf(s + u, cap - u,
                              "  { name = \"g%d\"; count = 6; serves = [ \"t%d\", \"t%d\" ]; }%s\n",
                              g, g, (g + 1) % TYPES, g + 1 < TYPES ? "," : "");
    }
    snprintf(s + u, cap - u, ");\n%s\nrun = { replications = 1; seed = 7; };\n", routing);
    return s;
}

void ccs_bench_skills(void)
{
    static const char *routing[VARIANTS] = {
        "",
        "routing = { arrival = \"longest_idle\"; agent = \"oldest\"; };",
        "routing = { arrival = \"least_occupied\"; agent = \"weighted_wait\"; };",
    };
    static const char *names[VARIANTS] = {
        "10 x 10, routing by level (default)",
        "10 x 10, longest idle agent / oldest call",
        "10 x 10, least occupied / weighted wait",
    };
    printf("== skill-based routing: 10 types x 10 groups against one queue ==\n");
    printf("50 Erlangs on 60 agents, AHT 180 s, 1e6 arrivals, one thread; group g serves\n"
           "t<g> (level 1) and t<g+1> (level 2); %d rounds; ratio = median over rounds of\n"
           "(events/s of the single queue) / (events/s of the center) (issue 11: goal <= 2)\n\n",
           ROUNDS);
    ccs_scenario *single = ccs_bench_parse(single_text);
    ccs_scenario *sk[VARIANTS];
    for (int v = 0; v < VARIANTS; v++) {
        char *text = skills_text(routing[v]);
        sk[v] = ccs_bench_parse(text);
        free(text);
    }
    unsigned long long ev_single, ev[VARIANTS];
    double s_single[ROUNDS], s_sk[VARIANTS][ROUNDS], ratio[VARIANTS][ROUNDS];
    ccs_bench_timed(single, &ev_single); /* warm caches */
    for (int r = 0; r < ROUNDS; r++) {
        s_single[r] = ccs_bench_timed(single, &ev_single);
        double rate_single = (double)ev_single / s_single[r];
        for (int v = 0; v < VARIANTS; v++) {
            s_sk[v][r] = ccs_bench_timed(sk[v], &ev[v]);
            ratio[v][r] = rate_single / ((double)ev[v] / s_sk[v][r]);
        }
    }
    printf("%-44s %9s %12s %11s %8s\n", "", "seconds", "events", "Mevents/s", "ratio");
    double m = ccs_bench_median(s_single, ROUNDS);
    printf("%-44s %9.3f %12llu %11.2f %8s\n", "single queue, M/M/60", m, ev_single,
           (double)ev_single / m / 1e6, "1");
    for (int v = 0; v < VARIANTS; v++) {
        double mv = ccs_bench_median(s_sk[v], ROUNDS);
        printf("%-44s %9.3f %12llu %11.2f %7.2fx\n", names[v], mv, ev[v],
               (double)ev[v] / mv / 1e6, ccs_bench_median(ratio[v], ROUNDS));
        ccs_scenario_free(sk[v]);
    }
    ccs_scenario_free(single);
    printf("\n");
}
