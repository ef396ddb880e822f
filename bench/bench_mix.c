/*
 * bench_mix.c — every channel on one pool against the single-queue model
 * with the same arrivals (issue 12: a mixed-channel center no slower than
 * 2x the single queue per event).
 *
 * The center: voice at 450 calls/h with callbacks (offered past a
 * predicted 5 s, half accept, reached 85% of the time, 20 s a dial),
 * chat at 300 chats/h (3 slots, factors 1.0, 1.3, 1.6, assign "fill"),
 * e-mail as back-office work at 250 items/h (deadline 4 h), every
 * contact 180 s exponential, on one pool of 46 agents that takes all of
 * them (about 90% busy, so callbacks are offered to about a quarter of
 * the callers).  The single queue: 1000 calls/h on 60 agents.  One
 * interval of 1e6 expected arrivals, one thread; the figure is the median
 * over rounds of the ratio of events per second (single / center).
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

#define ROUNDS 5

static const char *single_text =
    "name = \"bench single queue\";\n"
    "horizon = { intervals = 1; interval_minutes = 60000; };\n"
    "calls = ( { name = \"all\"; calls_per_hour = 1000.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"pool\"; count = 60; serves = [ \"all\" ]; } );\n"
    "run = { replications = 1; seed = 7; };\n";

static const char *mix_text =
    "name = \"bench all channels\";\n"
    "horizon = { intervals = 1; interval_minutes = 60000; };\n"
    "calls = ( { name = \"voice\"; calls_per_hour = 450.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 300.0; }; } );\n"
    "callbacks = { offer_wait = 5; accept = 0.5; reach = 0.85; retries = 2;\n"
    "              retry_delay = 600; dial_time = 20; };\n"
    "chat = { chats_per_hour = 300.0; assign = \"fill\";\n"
    "         handle_time = { dist = \"exponential\"; mean = 180.0; }; };\n"
    "backoffice = ( { name = \"email\"; items_per_hour = 250.0; deadline = \"4h\";\n"
    "                 handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"pool\"; count = 46; serves = [ \"voice\" ];\n"
    "             chat_slots = 3; chat_factors = [ 1.0, 1.3, 1.6 ];\n"
    "             backoffice = [ \"email\" ]; } );\n"
    "run = { replications = 1; seed = 7; };\n";

void ccs_bench_mix(void)
{
    printf("== mix: voice + callbacks + chat + e-mail on one pool against one queue ==\n");
    printf("450 calls/h (callbacks past 5 s predicted, half accept) + 300 chats/h (3 slots,\n"
           "fill) + 250 e-mails/h (back office), 180 s each, 46 agents, 1e6 arrivals, one\n"
           "thread; %d rounds; ratio = median over rounds of (events/s of the single queue) /\n"
           "(events/s of the center) (issue 12: goal <= 2)\n\n",
           ROUNDS);
    ccs_scenario *single = ccs_bench_parse(single_text);
    ccs_scenario *mix = ccs_bench_parse(mix_text);
    unsigned long long ev_single, ev_mix;
    double s_single[ROUNDS], s_mix[ROUNDS], ratio[ROUNDS];
    ccs_bench_timed(single, &ev_single); /* warm caches */
    for (int r = 0; r < ROUNDS; r++) {
        s_single[r] = ccs_bench_timed(single, &ev_single);
        s_mix[r] = ccs_bench_timed(mix, &ev_mix);
        ratio[r] = ((double)ev_single / s_single[r]) / ((double)ev_mix / s_mix[r]);
    }
    printf("%-44s %9s %12s %11s %8s\n", "", "seconds", "events", "Mevents/s", "ratio");
    double m = ccs_bench_median(s_single, ROUNDS);
    printf("%-44s %9.3f %12llu %11.2f %8s\n", "single queue, M/M/60", m, ev_single,
           (double)ev_single / m / 1e6, "1");
    double mm = ccs_bench_median(s_mix, ROUNDS);
    printf("%-44s %9.3f %12llu %11.2f %7.2fx\n", "voice + callbacks + chat + e-mail", mm, ev_mix,
           (double)ev_mix / mm / 1e6, ccs_bench_median(ratio, ROUNDS));
    ccs_scenario_free(mix);
    ccs_scenario_free(single);
    printf("\n");
}
