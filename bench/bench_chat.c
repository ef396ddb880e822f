/*
 * bench_chat.c — a mixed voice + chat center against the single-queue
 * model with the same arrivals (issue 12: a mixed-channel center no slower
 * than 2x the single queue per event).
 *
 * The center: voice at 500 calls/h and chat at 500 chats/h, both 180 s
 * exponential (25 Erlangs of voice, 25 of chat work), on one pool of 60
 * agents with 3 chat slots each (factors 1.0, 1.3, 1.6; limited processor
 * sharing, docs/channels.md), once with assign = "least_loaded" and once
 * with "fill".  The single queue: 1000 calls/h on 60 agents.  One interval
 * of 1e6 expected arrivals, one thread; the figure is the median over
 * rounds of the ratio of events per second (single / center).
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

#define ROUNDS 5
#define VARIANTS 2

static const char *single_text =
    "name = \"bench single queue\";\n"
    "horizon = { intervals = 1; interval_minutes = 60000; };\n"
    "calls = ( { name = \"all\"; calls_per_hour = 1000.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"pool\"; count = 60; serves = [ \"all\" ]; } );\n"
    "run = { replications = 1; seed = 7; };\n";

static const char *const chat_text[VARIANTS] = {
    "name = \"bench voice + chat\";\n"
    "horizon = { intervals = 1; interval_minutes = 60000; };\n"
    "calls = ( { name = \"voice\"; calls_per_hour = 500.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"pool\"; count = 60; serves = [ \"voice\" ];\n"
    "             chat_slots = 3; chat_factors = [ 1.0, 1.3, 1.6 ]; } );\n"
    "chat = { chats_per_hour = 500.0;\n"
    "         handle_time = { dist = \"exponential\"; mean = 180.0; }; };\n"
    "run = { replications = 1; seed = 7; };\n",
    "name = \"bench voice + chat, fill\";\n"
    "horizon = { intervals = 1; interval_minutes = 60000; };\n"
    "calls = ( { name = \"voice\"; calls_per_hour = 500.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"pool\"; count = 60; serves = [ \"voice\" ];\n"
    "             chat_slots = 3; chat_factors = [ 1.0, 1.3, 1.6 ]; } );\n"
    "chat = { chats_per_hour = 500.0; assign = \"fill\";\n"
    "         handle_time = { dist = \"exponential\"; mean = 180.0; }; };\n"
    "run = { replications = 1; seed = 7; };\n",
};

void ccs_bench_chat(void)
{
    static const char *names[VARIANTS] = {"voice + chat, least_loaded", "voice + chat, fill"};
    printf("== chat: voice + chat on one pool against one queue ==\n");
    printf("500 calls/h + 500 chats/h, 180 s each, 60 agents x 3 chat slots (factors 1, 1.3,\n"
           "1.6), 1e6 arrivals, one thread; %d rounds; ratio = median over rounds of\n"
           "(events/s of the single queue) / (events/s of the center) (issue 12: goal <= 2)\n\n",
           ROUNDS);
    ccs_scenario *single = ccs_bench_parse(single_text);
    ccs_scenario *ch[VARIANTS];
    for (int v = 0; v < VARIANTS; v++) {
        ch[v] = ccs_bench_parse(chat_text[v]);
    }
    unsigned long long ev_single, ev[VARIANTS];
    double s_single[ROUNDS], s_ch[VARIANTS][ROUNDS], ratio[VARIANTS][ROUNDS];
    ccs_bench_timed(single, &ev_single); /* warm caches */
    for (int r = 0; r < ROUNDS; r++) {
        s_single[r] = ccs_bench_timed(single, &ev_single);
        double rate_single = (double)ev_single / s_single[r];
        for (int v = 0; v < VARIANTS; v++) {
            s_ch[v][r] = ccs_bench_timed(ch[v], &ev[v]);
            ratio[v][r] = rate_single / ((double)ev[v] / s_ch[v][r]);
        }
    }
    printf("%-44s %9s %12s %11s %8s\n", "", "seconds", "events", "Mevents/s", "ratio");
    double m = ccs_bench_median(s_single, ROUNDS);
    printf("%-44s %9.3f %12llu %11.2f %8s\n", "single queue, M/M/60", m, ev_single,
           (double)ev_single / m / 1e6, "1");
    for (int v = 0; v < VARIANTS; v++) {
        double mv = ccs_bench_median(s_ch[v], ROUNDS);
        printf("%-44s %9.3f %12llu %11.2f %7.2fx\n", names[v], mv, ev[v],
               (double)ev[v] / mv / 1e6, ccs_bench_median(ratio[v], ROUNDS));
        ccs_scenario_free(ch[v]);
    }
    ccs_scenario_free(single);
    printf("\n");
}
