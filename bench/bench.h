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

/* bench_calq.c: a calendar queue (Brown, CACM 31(10), 1988) of 16-byte
 * events ordered by (time, key), for the engine's hold test to compare
 * with ccsim's heap; bench code, not the engine's.  Returns a new empty
 * queue with a pool of `capacity` nodes (0 = a default), NULL when out of
 * memory; free with ccs_bench_cq_free() (NULL is a no-op).  push returns 0,
 * or -1 when the pool cannot grow (nothing is scheduled then); times must
 * not go below the last popped and keys should be unique (the scheduling
 * order, for FIFO ties).  pop returns 1 with the earliest event in *out,
 * or 0 when empty.  ccs_bench_cq_check() runs `ops` random schedule/pop
 * operations on it, on the ladder queue below and on ccs_engine, prints
 * one line and returns 0 when every pop matched, 1 otherwise. */
#include <stddef.h>
#include <stdint.h>

typedef struct ccs_bench_cq_event {
    double time;
    uint64_t key;   /* ties in time pop in key order */
} ccs_bench_cq_event;

typedef struct ccs_bench_cq ccs_bench_cq;   /* opaque */

ccs_bench_cq *ccs_bench_cq_new(size_t capacity);
void ccs_bench_cq_free(ccs_bench_cq *q);
int ccs_bench_cq_push(ccs_bench_cq *q, double time, uint64_t key);
int ccs_bench_cq_pop(ccs_bench_cq *q, ccs_bench_cq_event *out);
size_t ccs_bench_cq_pending(const ccs_bench_cq *q);
size_t ccs_bench_cq_buckets(const ccs_bench_cq *q);
double ccs_bench_cq_width(const ccs_bench_cq *q);
uint64_t ccs_bench_cq_resizes(const ccs_bench_cq *q);
int ccs_bench_cq_check(long ops);

/* bench_ladq.c: a ladder queue (Tang, Goh and Thng, ACM TOMACS 15(3),
 * 2005) of the same events, with the same contract as the calendar
 * queue's functions above (ccs_bench_cq_check() checks it too). */
typedef struct ccs_bench_lq ccs_bench_lq;   /* opaque */

ccs_bench_lq *ccs_bench_lq_new(size_t capacity);
void ccs_bench_lq_free(ccs_bench_lq *q);
int ccs_bench_lq_push(ccs_bench_lq *q, double time, uint64_t key);
int ccs_bench_lq_pop(ccs_bench_lq *q, ccs_bench_cq_event *out);
size_t ccs_bench_lq_pending(const ccs_bench_lq *q);
uint64_t ccs_bench_lq_spawns(const ccs_bench_lq *q);

/* bench_util.c, for the model benches.  The scenario in text (exit 1 on
 * an error); seconds of one run on one thread (*events, when not NULL,
 * gets the events processed; exit 1 on an error); the median of v[0..n),
 * which it sorts. */
struct ccs_scenario;
struct ccs_scenario *ccs_bench_parse(const char *text);
double ccs_bench_timed(const struct ccs_scenario *sc, unsigned long long *events);
double ccs_bench_median(double *v, int n);

#endif
