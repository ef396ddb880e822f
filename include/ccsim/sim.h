/*
 * sim.h — running a scenario: R independent replications of the model, in
 * parallel threads, and the estimates drawn from them.
 *
 * Replication r always uses the random streams of (seed, r), whatever
 * thread runs it, and results are merged in replication order, so the
 * output is byte-identical for any thread count.
 */
#ifndef CCSIM_SIM_H
#define CCSIM_SIM_H

#include <stdint.h>
#include "ccsim/error.h"
#include "ccsim/scenario.h"
#include "ccsim/stats.h"
#include "ccsim/tallies.h"

typedef struct ccs_run_options {
    int replications;     /* 0 = the scenario's run.replications */
    int threads;          /* 0 = all online cores; never more than replications */
    /* Called from the calling thread's side after each finished replication
     * (under a lock, in no particular replication order); may be NULL. */
    void (*progress)(void *ctx, int done, int total);
    void *progress_ctx;
} ccs_run_options;

/* The figures reported for a row (the day, an interval, a call type). */
typedef struct ccs_figures {
    ccs_estimate offered;         /* calls offered (retrials included) */
    ccs_estimate handled;         /* calls answered by an agent */
    ccs_estimate abandoned;
    ccs_estimate abandoned_short;
    ccs_estimate blocked;
    ccs_estimate retrials;
    ccs_estimate service_level;   /* by the scenario's sl_definition */
    ccs_estimate prob_wait;       /* delayed / (offered - blocked) */
    ccs_estimate asa_s;           /* mean wait of answered calls, seconds */
    ccs_estimate abandon_rate;    /* abandoned / offered */
    ccs_estimate occupancy;       /* agent busy time / agent time on shift */
    ccs_estimate aht_s;           /* mean handle time of answered calls */
    ccs_estimate avg_queue;       /* time-average number waiting */
    ccs_estimate max_queue;       /* mean over replications of the longest queue */
    ccs_estimate max_wait_s;      /* mean over replications of the longest wait */
    ccs_estimate agents;          /* agents on shift (time average) */
    ccs_estimate block_rate;      /* blocked / offered (a full queue turned them away) */
    /* Transfers (docs/routing.md, "Transfers"); reported only when the
     * scenario has a transfer of probability > 0.  A call type row counts
     * contacts: transfers_in are in its offered.  A day-level row (summary,
     * intervals) counts customers: the contacts that came by transfer are
     * left out of its counts, waits and handle times. */
    ccs_estimate transfers_out;   /* contacts of the row transferred after talk */
    ccs_estimate transfers_in;    /* contacts that came to the row by transfer */
    ccs_estimate transfer_rate;   /* transfers_out / handled (the row's contacts) */
    /* End to end, per customer whose first contact is in the row: */
    ccs_estimate customers_served;   /* customers whose last contact ended with an agent */
    ccs_estimate customers_lost;     /* lost in a transfer (abandoned, blocked) */
    ccs_estimate e2e_first_wait_s;   /* served: mean wait before the first answer */
    ccs_estimate e2e_wait_s;         /* served: mean wait over all contacts */
    ccs_estimate e2e_agent_s;        /* served: mean agent time (handles, warm holds) */
} ccs_figures;

/* The figures reported for an outbound campaign (the whole day). */
typedef struct ccs_campaign_figures {
    ccs_estimate dials;
    ccs_estimate connects;              /* live answers */
    ccs_estimate right_party_contacts;
    ccs_estimate successes;
    ccs_estimate abandoned;
    ccs_estimate abandon_rate;          /* abandoned / connects (TSR, Ofcom) */
    ccs_estimate machines;
    ccs_estimate no_answers;
    ccs_estimate busies;
    ccs_estimate amd_false_positives;
    ccs_estimate amd_false_negatives;
    ccs_estimate rpc_per_agent_hour;    /* per agent-hour on shift in the groups
                                           working it, during its window */
    ccs_estimate successes_per_agent_hour;
    ccs_estimate occupancy;             /* (talk + wrap) / agent time on shift */
    ccs_estimate talk_share;            /* shares of agent time on shift */
    ccs_estimate wrap_share;
    ccs_estimate preview_share;
    ccs_estimate dial_wait_share;       /* reserved, waiting for a dial to connect */
    ccs_estimate list_penetration;      /* records dialed at least once / list size */
    ccs_estimate attempts_per_record;   /* dials / records dialed */
} ccs_campaign_figures;

/* The figures reported for an agent group (the whole day). */
typedef struct ccs_group_figures {
    ccs_estimate agents;           /* agents on shift, time average */
    ccs_estimate occupancy;        /* busy (inbound + outbound) / time on shift */
    ccs_estimate inbound_share;    /* inbound busy time / time on shift */
    ccs_estimate outbound_share;   /* outbound busy time (talk, wrap, preview,
                                      waiting on own dials) / time on shift */
    ccs_estimate handled;          /* inbound calls answered (any client) */
    ccs_estimate outbound_handled; /* outbound calls talked to */
    ccs_estimate backoffice_share; /* back-office busy time / time on shift (in occupancy) */
} ccs_group_figures;

/* The figures reported for callbacks (docs/callbacks.md): the day, or an
 * interval (callers counted in their arrival interval). */
typedef struct ccs_callback_figures {
    ccs_estimate offered;            /* callers offered a callback */
    ccs_estimate accepted;           /* ... who accepted (left the queue) */
    ccs_estimate completed;          /* callbacks that reached the customer */
    ccs_estimate failed;             /* given up after the last attempt */
    ccs_estimate pending;            /* neither at the end of the day */
    ccs_estimate dials;              /* dial-back attempts */
    ccs_estimate accept_rate;        /* accepted / offered */
    ccs_estimate time_to_callback_s; /* offer to reaching the customer, completed ones */
    ccs_estimate promises_kept;      /* first attempt within the promise / accepted */
} ccs_callback_figures;
/* The chat channel's figures (docs/channels.md): an interval's or the
 * day's, for the chats that arrived in it. */
typedef struct ccs_chat_figures {
    ccs_estimate offered;          /* chats arrived */
    ccs_estimate answered;         /* got a first response (a slot) */
    ccs_estimate abandoned;        /* left before the first response */
    ccs_estimate blocked;          /* turned away: chat queue full */
    ccs_estimate service_level;    /* answered within T / offered */
    ccs_estimate prob_wait;        /* delayed / (offered - blocked) */
    ccs_estimate asa_s;            /* mean first-response wait of answered chats */
    ccs_estimate abandon_rate;     /* abandoned / offered */
    ccs_estimate work_s;           /* mean work of an answered chat at factor 1 */
    ccs_estimate sessions;         /* time-average open sessions, all agents */
    ccs_estimate concurrency;      /* mean sessions per agent with one open (time
                                      average: session-seconds / active agent-seconds) */
    ccs_estimate avg_queue;        /* time-average chats waiting */
    ccs_estimate max_wait_s;       /* mean over replications of the longest wait */
    ccs_estimate agent_share;      /* agent-seconds with an open chat / agent-seconds on
                                      shift of the chat groups */
} ccs_chat_figures;
/* The work of an agent group on one of the call types it serves, for
 * intervals [k0, k1) (ccs_results_group_type()). */
typedef struct ccs_group_type_figures {
    ccs_estimate handled;       /* calls of the type the group answered */
    ccs_estimate agent_time_s;  /* agent-seconds the group spent on the type (busy time,
                                   warm holds included, clipped to the day) */
    ccs_estimate occupancy;     /* that time / the group's agent time on shift */
    ccs_estimate aht_s;         /* handle time / calls answered, for the (group, type) pair */
} ccs_group_type_figures;

typedef struct ccs_results {
    const ccs_scenario *sc;       /* not owned; must outlive the results */
    int replications;
    int threads;                  /* threads actually used */
    uint64_t events;              /* events processed, all replications */
    ccs_figures summary;          /* the whole day, all call types */
    ccs_figures *intervals;       /* [n_intervals], all call types */
    ccs_figures *types;           /* [n_types], the whole day */
    /* Raw per-replication tallies, kept for paired comparisons, costs and
     * staffing checks: read them through tallies.h (ccs_tallies_rep(),
     * ccs_tally_at(), ...). */
    ccs_tallies *tallies;
    /* With absenteeism (some group's absenteeism > 0): agents present in
     * each replication, interval and group, as in the tallies' staff cells
     * (staffed_s / interval length); NULL without absenteeism.  Read it
     * through ccs_results_present(). */
    int *present;
    ccs_campaign_figures *campaigns;  /* [n_campaigns], the whole day */
    ccs_group_figures *groups;        /* [n_groups], the whole day */
    /* Callbacks (scenario section `callbacks`): the day and [n_intervals];
     * both NULL without the section. */
    ccs_callback_figures *callbacks;
    ccs_callback_figures *callback_intervals;
    ccs_chat_figures *chat;           /* the day's chat figures; NULL without chat */
    ccs_chat_figures *chat_intervals; /* [n_intervals]; NULL without chat */
} ccs_results;

/* Most memory the per-replication tallies of one run may take (4 GiB):
 * replications x intervals x (call types + campaigns) x groups grows with
 * the horizon (docs/model.md, Memory); beyond it ccs_sim_run() refuses. */
#define CCS_SIM_MAX_RESULT_BYTES 4294967296.0

/* Results from the raw tallies of t's replications, in replication order,
 * exactly as ccs_sim_run() computes them (events and threads left 0):
 * the merge of shards run elsewhere is this same computation.  Takes t
 * (freed with the results, or here on failure).  NULL with err set
 * (CCS_ENOMEM, CCS_EINVAL when t's dimensions are not sc's). */
ccs_results *ccs_results_from_tallies(const ccs_scenario *sc, ccs_tallies *t, ccs_error *err);

/* Runs sc.  Returns new results (free with ccs_results_free()), or NULL with
 * err filled (CCS_ENOMEM, CCS_EINVAL for bad options or results beyond
 * CCS_SIM_MAX_RESULT_BYTES, CCS_ELIMIT when a replication outgrew the
 * model's limits, see model.h). */
ccs_results *ccs_sim_run(const ccs_scenario *sc, const ccs_run_options *opt,
                         ccs_error *err);

/* Runs only replications [first, first + count) of sc, each on the random
 * streams it has in a full run (seed, replication number), on opt's
 * threads (opt->replications is ignored), and returns their raw tallies
 * (slice i = replication first + i; free with ccs_tallies_free()), with
 * their events' total in *events (may be NULL).  Put in replication order
 * into one ccs_tallies with the other replications, they give through
 * ccs_results_from_tallies() the results of the full run, byte for byte
 * (shards, shard.h).  NULL with err set, as ccs_sim_run(). */
ccs_tallies *ccs_sim_run_range(const ccs_scenario *sc, const ccs_run_options *opt, int first,
                               int count, uint64_t *events, ccs_error *err);

/* Frees r.  NULL is a no-op. */
void ccs_results_free(ccs_results *r);

/* Figures for intervals [k0, k1) and the call types t with mask[t] != 0,
 * from r's raw per-replication tallies, exactly as ccs_sim_run() computes
 * its rows: counts as means with Student-t CIs, fractions and averages as
 * ratios of sums with delta-method CIs.  mask NULL means our traffic (types
 * with ours = 1) on every group, other clients' busy time counted in
 * occupancy (the summary and interval rows); with a mask, occupancy and
 * agents count the groups that serve a selected type.  Returns CCS_OK, or
 * CCS_ENOMEM with *out zeroed. */
int ccs_results_figures(const ccs_results *r, int k0, int k1, const unsigned char *mask,
                        ccs_figures *out);

/* The chat figures of the chats that arrived in intervals [k0, k1) (a
 * day of a several-day run, say): CCS_OK, CCS_EINVAL (no chat, or not
 * 0 <= k0 < k1 <= n_intervals) or CCS_ENOMEM. */
int ccs_results_chat(const ccs_results *r, int k0, int k1, ccs_chat_figures *out);

/* The figures of group g on call type t (any type; 0 where g does not
 * serve it) over intervals [k0, k1), from r's raw tallies: handled as a
 * mean with a Student-t CI, the rest ratios of sums with delta-method CIs.
 * CCS_OK, or CCS_ENOMEM with *out zeroed. */
int ccs_results_group_type(const ccs_results *r, int k0, int k1, int g, int t,
                           ccs_group_type_figures *out);

/* Whether the text and JSON writers show the per group x type figures: in
 * a scenario with transfers (of probability > 0), a reserve, or multi-skill
 * routing (ccs_scenario_is_multiskill), so that single-queue reports stay
 * as they were (docs/output.md).  The CSV writer shows them only with
 * transfers or a reserve, as before. */
int ccs_results_show_group_types(const ccs_results *r);

/* Agents of group g present in interval k of replication rep: the
 * scenario's count less the absent ones (the count itself without
 * absenteeism).  -1 when rep, k or g is out of range. */
int ccs_results_present(const ccs_results *r, int rep, int k, int g);

/* Fills err with the one message for CCS_ELIMIT (the model's limits, what
 * they mean, where they are documented); returns CCS_ELIMIT. */
int ccs_sim_limit_error(ccs_error *err);

/* Number of online cores (>= 1). */
int ccs_sim_cores(void);

#endif
