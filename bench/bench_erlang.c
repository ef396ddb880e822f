/*
 * bench_erlang.c — time per ccs_erlang_staff() call for a few realistic and
 * a few large problems.  Figures only: nothing here fails on speed.  Each
 * case is repeated until at least ~0.2 s have passed, and the mean time per
 * call is printed in microseconds.
 */
#include <stdio.h>

#include "bench.h"
#include "ccsim/erlang.h"

typedef struct bench_case {
    const char *name;
    double calls_per_hour;
    double aht_s;
    double patience_s;      /* 0 = Erlang C */
    double max_abandon;     /* 0 = off */
} bench_case;

void ccs_bench_erlang(void)
{
    /* SL 80/20 throughout; A = calls x AHT / 3600. */
    static const bench_case cases[] = {
        {"Erlang C, A = 100", 2000, 180, 0, 0},
        {"Erlang C, A = 1,000", 20000, 180, 0, 0},
        {"Erlang C, A = 10,000", 200000, 180, 0, 0},
        {"Erlang A, A = 100, patience 60 s", 2000, 180, 60, 0.05},
        {"Erlang A, A = 1,000, patience 60 s", 20000, 180, 60, 0.05},
        {"Erlang A, A = 10,000, patience 60 s", 200000, 180, 60, 0.05},
    };
    printf("Erlang staffing (ccs_erlang_staff, SL 80/20, AHT 180 s)\n");
    printf("  %-38s %8s %10s %12s\n", "case", "agents", "calls", "us/call");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bench_case *c = &cases[i];
        ccs_erlang_query q = {.calls_per_hour = c->calls_per_hour, .aht_s = c->aht_s,
                              .patience_s = c->patience_s, .threshold_s = 20};
        ccs_staffing_targets t = {.service_level = 0.80, .max_abandon = c->max_abandon};
        ccs_staffing_result r = {0};
        ccs_error err;
        long calls = 0;
        double t0 = ccs_bench_now(), el;
        do {
            for (int k = 0; k < 10; k++) {
                if (ccs_erlang_staff(&q, &t, &r, &err) != CCS_OK) {
                    printf("  %-38s failed: %s: %s\n", c->name, err.key, err.msg);
                    break;
                }
                calls++;
            }
            el = ccs_bench_now() - t0;
        } while (el < 0.2 && calls > 0 && calls % 10 == 0);
        if (calls > 0) {
            printf("  %-38s %8d %10ld %12.2f\n", c->name, r.agents, calls, 1e6 * el / calls);
        }
    }
    printf("\n");
}
