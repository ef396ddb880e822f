/*
 * model_impl.h — private to the model: the state of one replication, shared
 * by model.c (inbound calls, agents, routing) and dialer.c (outbound
 * campaigns).  Never included outside src/.
 */
#ifndef CCSIM_MODEL_IMPL_H
#define CCSIM_MODEL_IMPL_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "core/engine.h"
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
    EV_OVERFLOW,   /* id = call slot, gen: an overflow delay has passed */
    EV_DIAL_DONE,  /* id = call slot: an outbound dial resolves (dialer.c) */
    EV_GRACE_END,  /* id = call slot, gen: a live answer's grace time is over */
    EV_RECORD_DUE, /* id = record, aux = campaign: a redial becomes due */
    EV_PREVIEW_DONE /* id = call slot, aux = group: the agent has read the record */
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
    int campaign;        /* outbound campaign, -1 for an inbound call */
    int outcome;         /* outbound: ccs_outcome of the dial */
    uint32_t record;     /* outbound: record on the calling list */
    int agent;           /* outbound: group of the agent reserved or talking, -1 */
    double wrap;         /* outbound: wrap-up part of handle */
    int repeat;          /* a repeat contact of an unresolved one */
    int resolved;        /* set at answer: resolved at this contact */
    double quality_u;    /* U(0,1) drawn at arrival: resolved if < the group's fcr */
    double repeat_delay; /* drawn at arrival: when it calls again if unresolved */
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
    double owed_since;   /* when `owed` last changed (campaigns' overtime) */
} group_state;

typedef struct camp_state camp_state;   /* dialer.c */

struct ccs_model {
    const ccs_scenario *sc;
    ccs_engine *eng;
    int nt, ng, nk;
    double W, L, day_end;
    /* per call type */
    gsl_rng **rng_arr, **rng_handle, **rng_pat, **rng_retry, **rng_vol;
    gsl_rng **rng_quality;  /* resolution and repeat delay (CCS_RNG_QUALITY) */
    int quality_on;         /* some group has fcr < 1 */
    double *volume;         /* day multiplier */
    double *unit_left;      /* unused Exp(1) mass for the next arrival */
    queue *q;
    route **routes;         /* routes[t][0..n_routes[t]) sorted by after_s */
    int *n_routes;
    int *has_overflow;      /* some route of t has after_s > 0 */
    /* per group */
    group_state *gs;
    gsl_rng *rng_absent;    /* CCS_RNG_ABSENCE, reseeded per (replication, group) */
    int **present;          /* [ng] present[g][j]: of the first j agents of g's schedule, the
                               number not absent this replication; NULL rows without
                               absenteeism (ccs_model_present()) */
    int *present_len;       /* [ng] agents of each row: the group's largest count */
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
    /* outbound (dialer.c) */
    int nc;                 /* campaigns */
    camp_state *camps;      /* [nc] */
    int **group_camps;      /* [ng][n_group_camps[g]] campaigns each group works */
    int *n_group_camps;
    ccs_campaign_tally *ccells;   /* [nk * nc] */
    ccs_cgroup_tally *cgcells;    /* [nk * ng * nc] */
    ccs_campaign_tally *cscratch;
    ccs_cgroup_tally *cgscratch;
    /* trace */
    ccs_trace_fn trace;
    void *trace_ctx;
    double trace_until;
};

/* ---- shared by model.c and dialer.c ------------------------------------ */

/* model.c */
void ccs__schedule(ccs_model *m, double t, uint32_t kind, uint32_t id, uint32_t gen,
                   uint32_t aux);
uint32_t ccs__call_alloc(ccs_model *m);     /* NIL (and m->failed) when out of memory */
void ccs__call_free(ccs_model *m, uint32_t id);
int ccs__idle(const ccs_model *m, int g);   /* idle agents of group g */
/* An agent of group g has finished outbound work: it leaves if owed,
 * else takes inbound work, else outbound work. */
void ccs__agent_released(ccs_model *m, int g, double now);

/* dialer.c: all return CCS_OK or CCS_ENOMEM; no-ops without campaigns */
int ccs__dialer_new(ccs_model *m);
void ccs__dialer_free(ccs_model *m);
void ccs__dialer_reset(ccs_model *m, int rep);
void ccs__dialer_event(ccs_model *m, const ccs_event *ev);
/* An agent of group g is free and found no inbound work: gives it outbound
 * work (a waiting live answer, a preview or a progressive dial) and
 * returns 1, or returns 0 and lets predictive campaigns pace. */
int ccs__dialer_agent_free(ccs_model *m, int g, double now);
/* An outbound call's talk and wrap-up are over (EV_DEPART). */
void ccs__dialer_call_done(ccs_model *m, uint32_t id, int g, double now);
/* A new interval started (windows open and close). */
void ccs__dialer_interval(ccs_model *m, double now);

#endif
