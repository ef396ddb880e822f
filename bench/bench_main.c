/*
 * bench_main.c — runs every benchmark in turn and prints the figures.
 */
#include <stdio.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "bench.h"

double ccs_bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(void)
{
    gsl_set_error_handler_off();
    printf("ccsim benchmarks (figures only; nothing here fails on speed)\n\n");
    ccs_bench_erlang();
    ccs_bench_plan();
    ccs_bench_engine();
    ccs_bench_sim();
    return 0;
}
