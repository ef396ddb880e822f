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

/* Upper bounds the reader enforces, so that no accepted scenario runs out
 * of memory or for days (docs/scenario-format.md, "Limits").  Durations are
 * bounded by CCS_DIST_MAX_S (a year) in dist.h. */
#define CCS_MAX_HORIZON_S CCS_DIST_MAX_S   /* intervals x interval length; warm-up */
#define CCS_MAX_ARRIVALS 1e9       /* expected inbound calls per replication */
#define CCS_MAX_DIALS 1e9          /* list_size x max_attempts, per campaign */
#define CCS_MAX_TYPES 1000
#define CCS_MAX_GROUPS 1000
#define CCS_MAX_CAMPAIGNS 100
#define CCS_MAX_TALLY_CELLS 1e7    /* intervals x (types + campaigns) x (groups + 1) */
#define CCS_CHAT_MAX_SLOTS 16      /* chat sessions one agent holds at most (chat_slots) */
#define CCS_MAX_BACKOFFICE 100     /* back-office work types (docs/backoffice.md) */
#define CCS_MAX_BO_BATCHES 1000    /* batches per back-office type and day */

/* How the service level is computed (scenario key run.sl_definition). */
typedef enum ccs_sl_def {
    CCS_SL_OFFERED = 0,    /* answered within T / offered (default) */
    CCS_SL_EXCL_SHORT,     /* answered within T / (offered - short abandons) */
    CCS_SL_ANSWERED        /* answered within T / answered */
} ccs_sl_def;

/* Routing on arrival (scenario key routing.arrival, docs/routing.md): which
 * eligible group with an idle agent takes a call. */
typedef enum ccs_arrival_policy {
    CCS_ARRIVE_GROUP_ORDER = 0, /* the first in the scenario's group order (default) */
    CCS_ARRIVE_LEVEL,           /* the best level for the type, then group order */
    CCS_ARRIVE_LONGEST_IDLE,    /* the group of the longest-idle agent */
    CCS_ARRIVE_RANDOM_IDLE,     /* at random, in proportion to the idle agents */
    CCS_ARRIVE_LEAST_OCCUPIED,  /* the group with the smallest busy / on-shift share */
    CCS_ARRIVE_N
} ccs_arrival_policy;

/* Routing when an agent frees up (scenario key routing.agent): which
 * eligible waiting call it takes. */
typedef enum ccs_agent_policy {
    CCS_AGENT_LEVEL = 0,        /* the best level, the oldest call in it (default) */
    CCS_AGENT_OLDEST,           /* the oldest call of every eligible type (one FIFO) */
    CCS_AGENT_WEIGHTED_WAIT,    /* the largest wait x the type's wait_weight */
    CCS_AGENT_RISING_PRIORITY,  /* the largest priority_base + priority_slope x wait */
    CCS_AGENT_N
} ccs_agent_policy;

/* How an agent group is paid for (scenario key agents.[i].cost.model). */
typedef enum ccs_cost_kind {
    CCS_COST_NONE = 0,     /* no cost section: the group costs nothing */
    CCS_COST_CAPTIVE,      /* own staff: wages, supervision, seats, hiring */
    CCS_COST_OUTSOURCED    /* a vendor's price under one pricing model */
} ccs_cost_kind;

/* The volume an outsourced group's price applies to. */
typedef enum ccs_pricing {
    CCS_PRICE_AGENT_HOUR = 0,   /* per productive (logged-in) agent hour */
    CCS_PRICE_HANDLED_MINUTE,   /* per minute of handle time of our calls */
    CCS_PRICE_HANDLED_CALL,     /* per call of ours handled */
    CCS_PRICE_SUCCESS           /* per success: a contact of ours resolved */
} ccs_pricing;

/* How an SLA period is assessed (scenario key cost.sla.period). */
typedef enum ccs_sla_period {
    CCS_SLA_INTERVAL = 0,
    CCS_SLA_DAY,
    CCS_SLA_MONTH
} ccs_sla_period;

/* Scenario-wide cost terms (top-level key cost). */
typedef struct ccs_cost_terms {
    double contract_months;           /* amortisation period of transition fees (36) */
    double operating_days_per_month;  /* days like the simulated one per month (21.7) */
    int has_sla;                      /* cost.sla present: the SLA of every outsourced
                                         group without one of its own (docs/costs.md) */
    double sla_target;                /* service level the contract asks for */
    double penalty_per_point;         /* per point (1 %) below target per period (0) */
    double bonus_per_point;           /* gain share per point above target per period (0) */
    ccs_sla_period sla_period;        /* CCS_SLA_DAY */
} ccs_cost_terms;

/* Cost parameters of one agent group; money in the scenario's currency
 * (the shipped scenarios use USD).  Every key is in docs/scenario-format.md,
 * the arithmetic in docs/costs.md. */
typedef struct ccs_group_cost {
    ccs_cost_kind kind;
    /* captive */
    double wage_per_hour;             /* agent wage per paid hour */
    double benefits;                  /* benefits and overhead, fraction of wages (0) */
    double shrinkage;                 /* fraction of paid time not on the phones, [0, 1) (0) */
    double agents_per_supervisor;     /* span of control; 0 = no supervisors */
    double supervisor_wage_per_hour;  /* (0) */
    double seat_per_month;            /* facilities and technology per seat (0) */
    double telephony_per_minute;      /* per handled minute of our calls (0) */
    double hire_cost;                 /* recruiting and training per hire (0) */
    double attrition_per_year;        /* leavers per head per year (0) */
    /* outsourced */
    ccs_pricing pricing;
    double price;                     /* per unit of the pricing model */
    double transition_fee;            /* one-off, amortised over the contract (0) */
    double vendor_management_per_month; /* client's own cost of managing the vendor (0) */
    double price_per_chat;            /* per chat answered by the group, on top of the
                                         pricing model (0 = chats not priced) */
    double price_per_item;            /* per back-office item the group completed (0) */
    ccs_cost_terms sla;               /* outsourced: the vendor's own SLA (sla.has_sla), which
                                         replaces the top-level cost.sla for this group; only
                                         the sla_* fields and has_sla are used */
} ccs_group_cost;

/* How a transferred call leaves its first agent (calls.[i].transfers.[j].mode). */
typedef enum ccs_transfer_mode {
    CCS_XFER_COLD = 0,         /* the first agent is freed (to its wrap-up) at once */
    CCS_XFER_WARM              /* the first agent stays on the line until the second
                                  answers, at most warm_limit_s, then leaves (cold) */
} ccs_transfer_mode;

/* A transfer after talk: a contact of the type that owns it moves to type
 * `to`'s queue with this probability (docs/routing.md, "Transfers"). */
typedef struct ccs_transfer {
    int to;                    /* call type index, never the owner */
    double probability;        /* [0, 1]; a type's transfers sum to at most 1 */
    ccs_transfer_mode mode;    /* CCS_XFER_COLD */
    double warm_limit_s;       /* warm: the first agent holds at most this long (60 s) */
    int line;                  /* where it is defined, for messages */
} ccs_transfer;

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
    int ours;                  /* 1 = our traffic (default); 0 = another client's,
                                  excluded from the summary and our cost share */
    ccs_dist repeat_delay;     /* unresolved contact calls again after this
                                  (exponential 3600 s) */
    double wait_weight;        /* routing.agent = "weighted_wait": the weight of this
                                  type's waiting time, > 0 (1) */
    double priority_base;      /* routing.agent = "rising_priority": priority at wait 0
                                  (0) ... */
    double priority_slope;     /* ... rising by this per second waited, >= 0 (1) */
    int callback;              /* callbacks.types: its waiting callers are offered a
                                  callback (1 for every type when the section is there) */
    int n_transfers;
    ccs_transfer *transfers;   /* [n_transfers] after talk, to other types; owned */
    int retry_keep_draws;      /* retrial.keep_draws: a retrial keeps the handle time and
                                  patience drawn at its first attempt (0: draws anew) */
    int sl_wait_total;         /* service_level.wait = "total": in SL on the caller's waits
                                  over its attempts added up (0: "attempt", its own wait) */
} ccs_call_type;

typedef struct ccs_agent_group {
    char name[CCS_NAME_MAX];
    int line;
    int *count;                /* [n_intervals] agents on shift; owned */
    int count_by_day;          /* N > 0: the file gave a schedule for each of N
                                  days (N x the day's intervals counts); 0: one
                                  day's counts (repeated by the reader) */
    int n_serves;
    int *serves;               /* [n_serves] call type indices, priority order; owned */
    double *serve_after_s;     /* [n_serves] wait before this group may take the
                                  type (overflow delay), seconds; owned */
    int *level;                /* [n_serves] skill level, 1 = primary, 2 = secondary...;
                                  owned; NULL: the list position + 1 (serves) */
    double *skill_aht_factor;  /* [n_serves] handle-time factor of this (group, type);
                                  0 or NULL: the group's aht_factor; owned */
    double *skill_fcr;         /* [n_serves] first-contact resolution of this (group,
                                  type); 0 or NULL: the group's fcr; owned */
    double aht_factor;         /* multiplies the handle time of calls it answers (1) */
    double fcr;                /* first-contact resolution rate, [0, 1] (1) */
    double absenteeism;        /* each agent on shift absent for the whole day with this
                                  probability, drawn per replication (0; set by
                                  `ccsim staff --absenteeism`, not a scenario key) */
    ccs_group_cost cost;       /* kind CCS_COST_NONE without a cost section */
    /* chat (docs/channels.md): sessions an agent holds at once, 0 = the
     * group takes no chat (0); chat_factor[n - 1] is the handle-time factor
     * of each session while the agent has n open (1.0 each) */
    int chat_slots;
    double chat_factor[CCS_CHAT_MAX_SLOTS];
    int reserve;               /* agents kept idle for the level-1 types: a call of
                                  another type is not given to an agent of the group
                                  if fewer than this would stay idle (0) */
    int n_bo;                  /* back-office types it works (agents.[i].backoffice) */
    int *bo;                   /* [n_bo] back-office type indices; owned; NULL if none */
    double bo_share;           /* agents.[i].backoffice_share: while items wait, at least
                                  ceil(share x agents on shift) of the group work the
                                  back office before any call (0: idle time only) */
} ccs_agent_group;

/* A back-office work type (top-level list `backoffice`, docs/backoffice.md):
 * deferrable items that arrive over the day (a Poisson rate per interval
 * and/or batches at set times), each to be completed within a deadline. */
typedef struct ccs_backoffice {
    char name[CCS_NAME_MAX];
    int line;
    double *rate_per_hour;     /* [n_intervals] items per hour (Poisson); owned */
    int n_batches;
    double *batch_at_s;        /* [n_batches] seconds after the start of interval 0,
                                  increasing; owned */
    long *batch_items;         /* [n_batches] items in each batch; owned */
    double deadline_s;         /* completion deadline after arrival, seconds (> 0; 86400) */
    ccs_dist handle;           /* handle time of an item */
} ccs_backoffice;

/* The skills of a group: entry i of serves (ccs_agent_group).  Level 1 is
 * primary; the handle-time factor and the first-contact resolution of the
 * (group, type) pair fall back to the group's `quality` values. */
static inline int ccs_group_level(const ccs_agent_group *g, int i)
{
    return g->level ? g->level[i] : i + 1;
}

static inline double ccs_group_skill_aht(const ccs_agent_group *g, int i)
{
    double f = g->skill_aht_factor ? g->skill_aht_factor[i] : g->aht_factor;
    return f > 0 ? f : g->aht_factor; /* 0: not given */
}

static inline double ccs_group_skill_fcr(const ccs_agent_group *g, int i)
{
    double f = g->skill_fcr ? g->skill_fcr[i] : g->fcr;
    return f > 0 ? f : g->fcr;
}

/* The index in g's serves of call type t, or -1. */
static inline int ccs_group_skill_index(const ccs_agent_group *g, int t)
{
    for (int i = 0; i < g->n_serves; i++) {
        if (g->serves[i] == t) {
            return i;
        }
    }
    return -1;
}

/* The index in g's backoffice list of back-office type b, or -1. */
static inline int ccs_group_bo_index(const ccs_agent_group *g, int b)
{
    for (int i = 0; i < g->n_bo; i++) {
        if (g->bo[i] == b) {
            return i;
        }
    }
    return -1;
}

/* Outbound dialing modes (scenario key outbound.campaigns.[i].mode). */
typedef enum ccs_dial_mode {
    CCS_DIAL_PREVIEW = 0,      /* agent reviews the record, then dials and waits */
    CCS_DIAL_PROGRESSIVE,      /* one dial per free agent, agent reserved */
    CCS_DIAL_PREDICTIVE        /* paced lines per free agent, no reservation */
} ccs_dial_mode;

/* How a dial ends. */
typedef enum ccs_outcome {
    CCS_OUT_NO_ANSWER = 0,     /* rings until the ring timeout */
    CCS_OUT_BUSY,              /* busy signal */
    CCS_OUT_MACHINE,           /* answering machine */
    CCS_OUT_WRONG_PARTY,       /* a person, not the one we want */
    CCS_OUT_RIGHT_PARTY,       /* the person we want: a right-party contact */
    CCS_N_OUTCOMES
} ccs_outcome;

/* An outbound campaign: a calling list worked by some agent groups.
 * Every key, unit and default is in docs/scenario-format.md, the dialer in
 * docs/dialer.md. */
typedef struct ccs_campaign {
    char name[CCS_NAME_MAX];
    int line;
    ccs_dial_mode mode;
    int n_groups;
    int *groups;                  /* [n_groups] agent groups working it; owned */
    long list_size;               /* records on the calling list */
    int window_first;             /* first interval dialing is allowed (0) */
    int window_last;              /* last interval, inclusive (n_intervals - 1) */
    int max_attempts;             /* dials per record at most (3) */
    double retry_s[CCS_N_OUTCOMES]; /* redial delay after no answer, busy, machine;
                                     unused for live outcomes (the record closes) */
    double retry_abandoned_s;     /* redial delay after we abandoned a live answer */
    double *p;                    /* [n_intervals * CCS_N_OUTCOMES] outcome
                                     probabilities, summing to 1 per interval; owned */
    ccs_dist ring;                /* dial to answer, for answered outcomes */
    double ring_timeout_s;        /* a no-answer is given up after this (25) */
    double busy_signal_s;         /* a busy dial ends after this (5) */
    ccs_dist talk[CCS_N_OUTCOMES];/* agent talk for machine (message), wrong and
                                     right party; NONE for the others */
    ccs_dist wrap;                /* wrap-up after a right-party contact (NONE = 0) */
    double success;               /* P(success | right-party contact) (0) */
    int amd;                      /* answering-machine detection on (0) */
    double amd_time_s;            /* detection time after the answer (2.5) */
    double amd_false_positive;    /* P(a live person is taken for a machine) */
    double amd_false_negative;    /* P(a machine is passed to an agent) */
    double abandon_target;        /* abandoned / live answers, over the day (0.03) */
    double grace_s;               /* a live answer waits this long for an agent (2) */
    ccs_dist preview;             /* preview mode: record review time (20 s) */
    int pacing_fixed;             /* 1: fixed lines_per_agent; 0: adaptive (0) */
    double lines_per_agent;       /* fixed ratio, or the adaptive ceiling (3) */
    int reserve;                  /* dial only while more than this many agents
                                     of a group are idle (blending) (0) */
} ccs_campaign;

/* Callbacks (virtual hold): the top-level `callbacks` section
 * (docs/callbacks.md).  Plain values only (the scenario is copied
 * shallowly); which types are offered is ccs_call_type.callback. */
typedef enum ccs_cb_mode {
    CCS_CB_KEEP_PLACE,   /* due at once, dialled in the order accepted; promised the
                            predicted wait */
    CCS_CB_WINDOW        /* due at window_start_s after the offer; promised the window */
} ccs_cb_mode;

typedef enum ccs_cb_rule {
    CCS_CB_LOWEST,       /* a free agent dials back only when no inbound call is for it */
    CCS_CB_QUEUE_BELOW,  /* ... or, ahead of inbound, while fewer than queue_below wait */
    CCS_CB_RESERVED      /* ... or, ahead of inbound, while fewer than `reserved` agents
                            of the group are on callbacks */
} ccs_cb_rule;

typedef struct ccs_callbacks {
    int on;                /* the section is there */
    double offer_wait_s;   /* offer at arrival when the predicted wait > this; < 0: no
                              offer at arrival (-1) */
    double offer_after_s;  /* offer to a caller still waiting after this; < 0: none (-1) */
    double accept;         /* probability an offered caller accepts (1) */
    ccs_cb_mode mode;      /* CCS_CB_KEEP_PLACE */
    double window_start_s; /* window mode: the window opens this long after the offer
                              (1800) */
    double window_s;       /* window mode: its length (900) */
    ccs_cb_rule rule;      /* CCS_CB_LOWEST */
    int queue_below;       /* rule queue_below: threshold in waiting calls (1) */
    int reserved;          /* rule reserved: agents per group (1) */
    double reach;          /* probability a dial-back reaches the customer (1) */
    int retries;           /* further attempts after one that does not reach (2) */
    double retry_delay_s;  /* between attempts (300) */
    double dial_s;         /* agent time of an attempt before the customer answers or
                              the attempt is given up (20) */
    int max_pending;       /* callbacks waiting at most; 0 = no limit (0) */
} ccs_callbacks;
/* The chat channel (top-level key chat, docs/channels.md): one chat queue,
 * served by the agent groups with chat_slots > 0 under limited processor
 * sharing.  on = 0: no chat section (nothing else is read). */
typedef struct ccs_chat {
    int on;
    int line;                  /* where the section is, for messages */
    double *rate_per_hour;     /* [n_intervals] chats arriving per hour; owned */
    ccs_dist handle;           /* work of a session at factor 1 (one open session) */
    ccs_dist patience;         /* patience for the first response; NONE = never leaves */
    double sl_threshold_s;     /* first response within this counts in SL (60 s) */
    double sl_target;          /* target fraction (0.80) */
    long queue_capacity;       /* chats waiting beyond this are blocked; -1 = none */
    int fill;                  /* chat.assign: 0 "least_loaded" (default): the agent with
                                  the fewest sessions open, an idle one first; 1 "fill":
                                  the one with the most below its slots, idle ones last */
    long voice_threshold;      /* chat.voice_threshold: while this many voice calls or more
                                  wait for the types a group serves, its agents open no new
                                  chat session; -1 = none (the default) */
} ccs_chat;

typedef struct ccs_scenario {
    char name[128];
    char file[256];            /* source path, or "(default)" for the embedded one */
    int n_intervals;           /* 48 */
    double interval_s;         /* 1800 */
    double start_s;            /* clock time of interval 0, seconds after midnight (0) */
    int n_types;
    ccs_call_type *types;      /* [n_types]; owned */
    int n_groups;
    ccs_agent_group *groups;   /* [n_groups]; owned */
    int replications;          /* 10 */
    uint64_t seed;             /* 1 */
    double warmup_s;           /* run with interval 0's load before the day, uncounted (0) */
    ccs_sl_def sl_definition;  /* CCS_SL_OFFERED */
    int n_campaigns;
    ccs_campaign *campaigns;   /* [n_campaigns] outbound campaigns; owned */
    ccs_cost_terms cost;       /* top-level cost section (defaults without it) */
    double volume_factor;      /* every call type's rates were scaled by this after
                                  loading (--volume-factor, workload.h); 1 */
    ccs_arrival_policy arrival_policy; /* routing.arrival (CCS_ARRIVE_GROUP_ORDER) */
    ccs_agent_policy agent_policy;     /* routing.agent (CCS_AGENT_LEVEL) */
    ccs_callbacks callbacks;           /* the `callbacks` section (off without it) */
    ccs_chat chat;             /* the chat section (chat.on = 0 without one) */
    int n_backoffice;
    ccs_backoffice *backoffice;        /* [n_backoffice] back-office types; owned */
    /* Several days (horizon.days, docs/backoffice.md): the day's intervals
     * repeated `days` times, each day's rates times its day factor.  With
     * days > 1, n_intervals = days x day_intervals and every per-interval
     * table above holds all days, day after day; a day starts 24 h after
     * the one before (nights closed).  days 0 or 1: one day (0 in
     * scenarios built in memory). */
    int days;                          /* 1 */
    int day_intervals;                 /* intervals of one day (n_intervals when days <= 1) */
    double *day_factor;                /* [days] volume factor of each day; owned; NULL = 1 */
    int round_the_clock;               /* horizon.round_the_clock: the days (each of exactly
                                          24 h) run as one stretch: queues, callbacks and
                                          backlogs carry over midnight (0) */
} ccs_scenario;

/* Does some call type transfer with a probability > 0?  (The transfer
 * figures are reported only then: a scenario whose transfers all have
 * probability 0 prints what it prints without them.) */
static inline int ccs_scenario_has_transfers(const ccs_scenario *sc)
{
    for (int t = 0; t < sc->n_types; t++) {
        for (int j = 0; j < sc->types[t].n_transfers; j++) {
            if (sc->types[t].transfers[j].probability > 0) {
                return 1;
            }
        }
    }
    return 0;
}

/* Does some agent group keep a reserve (agents.[i].reserve > 0)? */
static inline int ccs_scenario_has_reserve(const ccs_scenario *sc)
{
    for (int g = 0; g < sc->n_groups; g++) {
        if (sc->groups[g].reserve > 0) {
            return 1;
        }
    }
    return 0;
}

/* Is the scenario multi-skill: does some agent group serve more than one
 * call type, or some call type have more than one group serving it? */
static inline int ccs_scenario_is_multiskill(const ccs_scenario *sc)
{
    for (int g = 0; g < sc->n_groups; g++) {
        if (sc->groups[g].n_serves > 1) {
            return 1;
        }
    }
    for (int t = 0; t < sc->n_types; t++) {
        int n = 0;
        for (int g = 0; g < sc->n_groups; g++) {
            n += ccs_group_skill_index(&sc->groups[g], t) >= 0;
        }
        if (n > 1) {
            return 1;
        }
    }
    return 0;
}

/* Most days a horizon may hold (horizon.days). */
#define CCS_MAX_DAYS 366

/* Days of sc (at least 1) and the intervals of one of them. */
static inline int ccs_scenario_days(const ccs_scenario *sc)
{
    return sc->days > 1 ? sc->days : 1;
}

static inline int ccs_scenario_day_intervals(const ccs_scenario *sc)
{
    return sc->days > 1 ? sc->day_intervals : sc->n_intervals;
}

/* Seconds from the start of the first day's interval 0, plus horizon.start,
 * of interval k (of all days): start_s + k L on a one-day horizon. */
static inline double ccs_scenario_interval_start(const ccs_scenario *sc, int k)
{
    int nd = ccs_scenario_day_intervals(sc);
    return sc->start_s + (double)(k / nd) * 86400.0 + (k % nd) * sc->interval_s;
}

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

/* Names of modes and outcomes as written in files and reports. */
const char *ccs_dial_mode_name(ccs_dial_mode m);
const char *ccs_outcome_name(ccs_outcome o);

/* Index of the call type / agent group called name, or -1. */
int ccs_scenario_find_type(const ccs_scenario *sc, const char *name);
int ccs_scenario_find_group(const ccs_scenario *sc, const char *name);
/* Index of the back-office type called name, or -1. */
int ccs_scenario_find_backoffice(const ccs_scenario *sc, const char *name);

/* Name of an SL definition as written in files and reports. */
const char *ccs_sl_def_name(ccs_sl_def d);

/* Names of the routing policies as written in files. */
const char *ccs_arrival_policy_name(ccs_arrival_policy p);
const char *ccs_agent_policy_name(ccs_agent_policy p);

#endif
