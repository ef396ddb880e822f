/*
 * bench_util.c — what the model benches share: a scenario from text (exit 1
 * on an error), one timed run on one thread, and the median of a sample.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

ccs_scenario *ccs_bench_parse(const char *text)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "bench", NULL, 0, &err);
    if (!sc) {
        char buf[600];
        fprintf(stderr, "bench: %s\n", ccs_error_format(&err, buf, sizeof buf));
        exit(1);
    }
    return sc;
}

double ccs_bench_timed(const ccs_scenario *sc, unsigned long long *events)
{
    ccs_run_options opt = {0};
    opt.threads = 1;
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

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double ccs_bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}
