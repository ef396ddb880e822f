/*
 * scenario.h — a scenario file, parsed and validated once into plain,
 * immutable structs.
 *
 * The reader (libconfig) checks every key, type and range and reports the
 * first problem as file:line and the key path.  Nothing here points into
 * libconfig memory: names are copied into fixed buffers and per-interval
 * tables are owned arrays, all released by ccs_scenario_free().
 * Every key, unit and default is documented in docs/scenario-format.md.
 */
#ifndef CCSIM_SCENARIO_H
#define CCSIM_SCENARIO_H

#include <stdint.h>
#include "ccsim/dist.h"
#include "ccsim/error.h"

#define CCS_NAME_MAX 64

/* How the service level is computed (scenario key run.sl_definition). */
typedef enum ccs_sl_def {
    CCS_SL_OFFERED = 0,    /* answered within T / offered (default) */
    CCS_SL_EXCL_SHORT,     /* answered within T / (offered - short abandons) */
    CCS_SL_ANSWERED        /* answered within T / answered */
} ccs_sl_def;

typedef struct ccs_call_type {
    char name[CCS_NAME_MAX];
    int line;                  /* where it is defined, for messages */
    double *rate_per_hour;     /* [n_intervals] mean arrivals per hour; owned */
    double volume_cv;          /* cv of the day's gamma volume multiplier; 0 = none */
    ccs_dist talk;             /* talk time (all of handle time if acw is NONE) */
    ccs_dist acw;              /* after-call work; NONE = 0 */
    ccs_dist patience;         /* NONE = callers never abandon */
    double sl_threshold_s;     /* service-level threshold T, seconds (20) */
    double sl_target;          /* target fraction (0.80) */
    double short_abandon_s;    /* abandons within this are "short" (5 s) */
    long queue_capacity;       /* callers waiting beyond this are blocked; -1 = none */
    double retry_abandoned;    /* probability an abandoned caller tries again (0) */
    double retry_blocked;      /* probability a blocked caller tries again (0) */
    ccs_dist retry_delay;      /* delay before a retrial (exponential 300 s) */
    int max_retrials;          /* retrials per caller at most (3) */
} ccs_call_type;

typedef struct ccs_agent_group {
    char name[CCS_NAME_MAX];
    int line;
    int *count;                /* [n_intervals] agents on shift; owned */
    int n_serves;
    int *serves;               /* [n_serves] call type indices, priority order; owned */
    double *serve_after_s;     /* [n_serves] wait before this group may take the
                                  type (overflow delay), seconds; owned */
} ccs_agent_group;

typedef struct ccs_scenario {
    char name[128];
    char file[256];            /* source path, or "(default)" for the embedded one */
    int n_intervals;           /* 48 */
    double interval_s;         /* 1800 */
    int n_types;
    ccs_call_type *types;      /* [n_types]; owned */
    int n_groups;
    ccs_agent_group *groups;   /* [n_groups]; owned */
    int replications;          /* 10 */
    uint64_t seed;             /* 1 */
    double warmup_s;           /* run with interval 0's load before the day, uncounted (0) */
    ccs_sl_def sl_definition;  /* CCS_SL_OFFERED */
} ccs_scenario;

/* Loads and validates a scenario.  path NULL loads the embedded default
 * (the text of scenarios/default.cfg).  sets[0..n_sets) are "PATH=VALUE"
 * overrides in libconfig path syntax (e.g. "calls.[0].calls_per_hour=900")
 * applied before validation.  Returns a new scenario (free with
 * ccs_scenario_free()), or NULL with err filled: CCS_ECONFIG with file, line
 * and key for bad content, CCS_EIO for an unreadable file, CCS_EINVAL for a
 * malformed override (key = the override). */
ccs_scenario *ccs_scenario_load(const char *path, const char *const *sets,
                                int n_sets, ccs_error *err);

/* As ccs_scenario_load() but from text in memory; `name` stands for the file
 * name in messages. */
ccs_scenario *ccs_scenario_parse(const char *text, const char *name,
                                 const char *const *sets, int n_sets,
                                 ccs_error *err);

/* Frees sc and everything it owns.  NULL is a no-op. */
void ccs_scenario_free(ccs_scenario *sc);

/* The embedded default scenario's text (static). */
const char *ccs_scenario_default_text(void);

/* Index of the call type / agent group called name, or -1. */
int ccs_scenario_find_type(const ccs_scenario *sc, const char *name);
int ccs_scenario_find_group(const ccs_scenario *sc, const char *name);

/* Name of an SL definition as written in files and reports. */
const char *ccs_sl_def_name(ccs_sl_def d);

#endif
