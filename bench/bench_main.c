/*
 * bench_main.c — runs every benchmark in turn and prints the figures; with
 * arguments (erlang, plan, engine, sim, skills, chat, mix, cluster), only
 * those parts.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "bench.h"

double ccs_bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static const struct {
    const char *name;
    void (*fn)(void);
} parts[] = {
    {"erlang", ccs_bench_erlang},
    {"plan", ccs_bench_plan},
    {"engine", ccs_bench_engine},
    {"sim", ccs_bench_sim},
    {"skills", ccs_bench_skills},
    {"chat", ccs_bench_chat},
    {"mix", ccs_bench_mix},
    {"cluster", ccs_bench_cluster},
};
enum { N_PARTS = sizeof parts / sizeof parts[0] };

static int wanted(int argc, char **argv, const char *name)
{
    if (argc < 2) {
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int known = 0;
        for (int k = 0; k < N_PARTS; k++) {
            known |= strcmp(argv[i], parts[k].name) == 0;
        }
        if (!known) {
            fprintf(stderr, "bench: unknown part '%s' (expected erlang, plan, engine, sim, skills, "
                            "chat, mix or cluster)\n",
                    argv[i]);
            return 2;
        }
    }
    gsl_set_error_handler_off();
    printf("ccsim benchmarks (figures only; nothing here fails on speed)\n\n");
    for (int k = 0; k < N_PARTS; k++) {
        if (wanted(argc, argv, parts[k].name)) {
            parts[k].fn();
        }
    }
    return 0;
}
