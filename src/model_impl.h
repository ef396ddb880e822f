/*
 * model_impl.h — private to the model: the state of one replication, shared
 * by model.c (inbound calls, agents, routing) and dialer.c (outbound
 * campaigns).  Never included outside src/.
 */
#ifndef CCSIM_MODEL_IMPL_H
#define CCSIM_MODEL_IMPL_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "ccsim/engine.h"
#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/stats.h"

#define NIL UINT32_MAX

enum {
    EV_INTERVAL,   /* id = interval index starting (n = end of day) */
    EV_ARRIVAL,    /* id = call type: a fresh call */
    EV_RETRIAL,    /* id = call slot: a caller tries again */
    EV_DEPART,     /* id = call slot, aux = group */
    EV_ABANDON,    /* id = call slot, gen */
    EV_OVERFLOW    /* id = call slot, gen: an overflow delay has passed */
};

typedef struct call {
    double arrive;       /* time of this attempt's arrival */
    double handle;       /* handle time drawn for this attempt */
    double patience;     /* patience drawn for this attempt (INFINITY = none) */
    uint32_t prev;       /* queue links, NIL at the ends */
    uint32_t next;       /* also the free-list link */
    uint32_t gen;        /* bumped when the call leaves the queue */
    uint32_t number;     /* 1-based, for the trace */
    int type;
    int interval;        /* arrival interval, -1 = warmup (not counted) */
    int retrials;        /* tries so far after the first */
    int queued;          /* in its type's queue */
} call;

typedef struct queue {
    uint32_t head, tail;
    long len;
    double last;         /* time of the last change of len */
} queue;

/* A group that can take a call type, and after how long. */
typedef struct route {
    int group;
    double after_s;
} route;

typedef struct group_state {
    int target;          /* agents the schedule wants now */
    int present;         /* on shift: idle + busy */
    int busy;
    int owed;            /* busy agents that leave when their call ends */
} group_state;

struct ccs_model {
    const ccs_scenario *sc;
    ccs_engine *eng;
    int nt, ng, nk;
    double W, L, day_end;
    /* per call type */
    gsl_rng **rng_arr, **rng_handle, **rng_pat, **rng_retry, **rng_vol;
    double *volume;         /* day multiplier */
    double *unit_left;      /* unused Exp(1) mass for the next arrival */
    queue *q;
    route **routes;         /* routes[t][0..n_routes[t]) sorted by after_s */
    int *n_routes;
    int *has_overflow;      /* some route of t has after_s > 0 */
    /* per group */
    group_state *gs;
    /* calls */
    call *calls;
    uint32_t ncalls_cap, free_head;
    uint32_t numbered;
    /* counting */
    int cur;                /* current interval, -1 warmup, nk after the day */
    long queued_all, busy_all;
    ccs_tally *cells;       /* [nk * nt], owned by the caller of run */
    ccs_group_tally *gcells; /* [nk * ng * nt], owned by the caller, or the scratch below */
    ccs_group_tally *gscratch;
    int failed;             /* allocation failure inside the loop */
    /* trace */
    ccs_trace_fn trace;
    void *trace_ctx;
    double trace_until;
};

#endif
