/*
 * bench_sim.c — the full model on the M/M/c workload of scenarios/mmc.cfg
 * (1000 calls/h, AHT 180 s exponential, 55 agents) on one thread, with and
 * without patience, as one long interval of 1e6 arrivals and as a day of
 * 48 half hours x 42 replications (1.008e6 arrivals): each timed against
 * the minimal loop of bench_engine.c in the same run, in pairs, and the
 * median of the paired ratios printed (issue 17's yardstick).  Then peak
 * memory for 1e6 and 1e8 arrivals (it must not grow with the horizon; at
 * 100 times the rate and the agents, since a horizon is at most a year),
 * and the speed-up of two threads on replications.
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

static const char *mmc_text =
    "name = \"bench M/M/c\";\n"
    "horizon = { intervals = 1; interval_minutes = 60; };\n"
    "calls = ( { name = \"sales\"; calls_per_hour = 1000.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"team\"; count = 55; serves = [ \"sales\" ]; } );\n"
    "run = { replications = 1; seed = 7; };\n";

static const char *mmcm_text =
    "name = \"bench M/M/c+M\";\n"
    "horizon = { intervals = 1; interval_minutes = 60; };\n"
    "calls = ( { name = \"sales\"; calls_per_hour = 1000.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 60.0; }; } );\n"
    "agents = ( { name = \"team\"; count = 55; serves = [ \"sales\" ]; } );\n"
    "run = { replications = 1; seed = 7; };\n";

/* The memory runs: 1e8 arrivals at 1000 calls/h would take 11 years, past
 * the longest horizon (a year), so both memory figures use 100 times the
 * rate and the agents (5000 Erlangs on 5500 agents): 1e8 arrivals in 1000
 * hours. */
#define MEM_SCALE 100

/* A scenario of `arrivals` expected calls in one interval, `reps`
 * replications, the rate and the agents times `scale`. */
static ccs_scenario *load_scaled(const char *text, double arrivals, int reps, int scale)
{
    char minutes[64], r[64], rate[64], agents[64];
    snprintf(minutes, sizeof minutes, "horizon.interval_minutes=%.1f",
             arrivals / (1000.0 * scale) * 60);
    snprintf(r, sizeof r, "run.replications=%d", reps);
    snprintf(rate, sizeof rate, "calls.[0].calls_per_hour=%.1f", 1000.0 * scale);
    snprintf(agents, sizeof agents, "agents.[0].count=%d", 55 * scale);
    const char *sets[] = {minutes, r, rate, agents};
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "bench", sets, 4, &err);
    if (!sc) {
        char buf[600];
        fprintf(stderr, "bench: %s\n", ccs_error_format(&err, buf, sizeof buf));
        exit(1);
    }
    return sc;
}

static ccs_scenario *load(const char *text, double arrivals, int reps)
{
    return load_scaled(text, arrivals, reps, 1);
}

/* Runs and returns seconds; *events gets the events processed. */
static double time_run(const ccs_scenario *sc, int threads, unsigned long long *events)
{
    ccs_run_options opt = {0};
    opt.threads = threads;
    ccs_error err;
    double t0 = ccs_bench_now();
    ccs_results *res = ccs_sim_run(sc, &opt, &err);
    double dt = ccs_bench_now() - t0;
    if (!res) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    if (events) {
        *events = (unsigned long long)res->events;
    }
    ccs_results_free(res);
    return dt;
}

/* Peak resident memory (KiB) of a child process that runs the scenario;
 * -1 when the child failed (its figure would be a failed run's). */
static long peak_kib(const char *text, double arrivals)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        ccs_scenario *sc = load_scaled(text, arrivals, 1, MEM_SCALE);
        time_run(sc, 1, NULL);
        ccs_scenario_free(sc);
        _exit(0);
    }
    int st;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        return -1;
    }
    return ru.ru_maxrss;
}

/* The day: 48 half hours at 1000 calls/h (24,000 calls a day), 42
 * replications: about the arrivals of the long interval. */
static ccs_scenario *load_day(const char *text)
{
    const char *sets[] = {"horizon.intervals=48", "horizon.interval_minutes=30",
                          "run.replications=42"};
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "bench", sets, 3, &err);
    if (!sc) {
        char buf[600];
        fprintf(stderr, "bench: %s\n", ccs_error_format(&err, buf, sizeof buf));
        exit(1);
    }
    return sc;
}

#define PAIRS 5
#define VARIANTS 4

void ccs_bench_sim(void)
{
    const double n = 1e6;
    printf("== full model (ccs_sim_run) against the minimal loop, one thread ==\n");
    printf("M/M/55, 1000 calls/h, AHT 180 s exponential; %d rounds, each times the minimal\n"
           "loop and then every variant; ratio = median over rounds of time ccsim / time loop\n"
           "(issue 17: goal <= 1.25)\n\n", PAIRS);

    const char *names[VARIANTS] = {"no abandonment, 1 interval, 1e6 arrivals",
                                   "patience exp(60 s), 1 interval, 1e6 arrivals",
                                   "no abandonment, day 48 x 30 min x 42 reps",
                                   "patience exp(60 s), day 48 x 30 min x 42 reps"};
    ccs_scenario *scs[VARIANTS] = {load(mmc_text, n, 1), load(mmcm_text, n, 1), load_day(mmc_text),
                                  load_day(mmcm_text)};
    unsigned long long ev[VARIANTS];
    for (int v = 0; v < VARIANTS; v++) {
        time_run(scs[v], 1, &ev[v]); /* warm caches */
    }
    double loop_s[PAIRS], secs[VARIANTS][PAIRS], ratio[VARIANTS][PAIRS];
    for (int p = 0; p < PAIRS; p++) {
        loop_s[p] = ccs_bench_minimal_loop_s();
        for (int v = 0; v < VARIANTS; v++) {
            secs[v][p] = time_run(scs[v], 1, &ev[v]);
            ratio[v][p] = secs[v][p] / loop_s[p];
        }
    }
    printf("%-48s %9s %12s %8s\n", "", "seconds", "events", "ratio");
    printf("%-48s %9.3f %12s %8s\n", "minimal loop, 1e6 arrivals", ccs_bench_median(loop_s, PAIRS), "2000000",
           "1");
    for (int v = 0; v < VARIANTS; v++) {
        printf("%-48s %9.3f %12llu %7.2fx\n", names[v], ccs_bench_median(secs[v], PAIRS), ev[v],
               ccs_bench_median(ratio[v], PAIRS));
        ccs_scenario_free(scs[v]);
    }
    printf("\n");

    long m6 = peak_kib(mmc_text, 1e6);
    long m8 = peak_kib(mmc_text, 1e8);
    printf("%-46s %12ld KiB  (100,000 calls/h, 5,500 agents)\n", "peak memory, 1e6 arrivals", m6);
    printf("%-46s %12ld KiB  (the same, 100 times the horizon)\n", "peak memory, 1e8 arrivals",
           m8);

    ccs_scenario *sc = load(mmc_text, 2e5, 8);
    double t1 = 1e300, t2 = 1e300;
    for (int rep = 0; rep < 3; rep++) { /* best of 3, alternating */
        double a = time_run(sc, 1, NULL), b = time_run(sc, 2, NULL);
        t1 = a < t1 ? a : t1;
        t2 = b < t2 ? b : t2;
    }
    printf("%-46s %12.2fx  (%.3f s -> %.3f s, 8 replications of 2e5 arrivals, best of 3)\n",
           "speed-up with 2 threads", t1 / t2, t1, t2);
    ccs_scenario_free(sc);
    printf("\n");
}
