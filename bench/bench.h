/*
 * bench.h — `make bench` prints speed and memory figures; it never fails on
 * speed.  Each bench_<part>.c provides one entry point.
 */
#ifndef CCS_BENCH_H
#define CCS_BENCH_H

/* Wall-clock seconds (monotonic). */
double ccs_bench_now(void);

void ccs_bench_erlang(void);   /* bench_erlang.c: staffing time at large loads */
void ccs_bench_engine(void);   /* bench_engine.c: calendar + RNG vs a hand loop */
void ccs_bench_sim(void);      /* bench_sim.c: the M/M/c model, memory, threads */
void ccs_bench_plan(void);     /* bench_plan.c: erlang --forecast, schedule */

/* bench_engine.c: events per second of the minimal hand-written heap+RNG
 * M/M/c loop (1000 calls/h, AHT 180 s, 55 agents, 1e6 arrivals, best of
 * 3), the yardstick the full model is compared with. */
double ccs_bench_hand_loop_rate(void);

#endif
