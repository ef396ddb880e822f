/*
 * bench.h — `make bench` prints speed and memory figures; it never fails on
 * speed.  Each bench_<part>.c provides one entry point.
 */
#ifndef CCS_BENCH_H
#define CCS_BENCH_H

/* Wall-clock seconds (monotonic). */
double ccs_bench_now(void);

void ccs_bench_erlang(void);   /* bench_erlang.c: staffing time at large loads */
void ccs_bench_engine(void);   /* bench_engine.c: calendar + RNG vs the minimal loop */
void ccs_bench_sim(void);      /* bench_sim.c: the M/M/c model, memory, threads */
void ccs_bench_plan(void);     /* bench_plan.c: erlang --forecast, schedule */
void ccs_bench_skills(void);   /* bench_skills.c: 10 types x 10 groups vs one queue */
void ccs_bench_chat(void);     /* bench_chat.c: voice + chat on one pool vs one queue */
void ccs_bench_mix(void);      /* bench_mix.c: every channel on one pool vs one queue */
void ccs_bench_cluster(void);  /* bench_cluster.c: ranks, threads, the merge of shards */

/* bench_engine.c: wall seconds of one run of the minimal M/M/c loop of
 * issue 17 (xoshiro256++, 16-byte events in a binary heap, inline
 * -mean*log(u); 1000 calls/h, AHT 180 s, 55 agents, 1e6 arrivals), the
 * yardstick the full model is compared with. */
double ccs_bench_minimal_loop_s(void);

/* bench_util.c, for the model benches.  The scenario in text (exit 1 on
 * an error); seconds of one run on one thread (*events, when not NULL,
 * gets the events processed; exit 1 on an error); the median of v[0..n),
 * which it sorts. */
struct ccs_scenario;
struct ccs_scenario *ccs_bench_parse(const char *text);
double ccs_bench_timed(const struct ccs_scenario *sc, unsigned long long *events);
double ccs_bench_median(double *v, int n);

#endif
