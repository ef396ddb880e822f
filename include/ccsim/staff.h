/*
 * staff.h — staffing by simulation: for each interval, the fewest agents of
 * one group that meet service targets in the simulated center.
 *
 * Erlang C/A answers each interval as if it were a steady state on its own;
 * the simulation does not: calls still queued at the end of interval k are
 * served in k+1, so the intervals are coupled.  The search is therefore
 * sequential.  For k = 0, 1, ...: the counts already found for intervals < k
 * are fixed, later intervals sit at their Erlang answer, and candidates N for
 * interval k are simulated (horizon cut after interval k+1, which is all that
 * interval k's callers can reach in practice) until the smallest N is found
 * whose interval-k figures meet every target while interval k-1 still meets
 * its own (a smaller N_k can spoil k-1 through k-1's late callers).
 *
 * Every candidate is simulated with the same seed (common random numbers:
 * each caller has the same arrival time, handle time and patience whatever
 * N is), so the comparison of N with N+1 is nearly free of noise even when
 * the level of the service level is not.  The method and the criteria are
 * documented in docs/cli.md (## ccsim staff).
 *
 * With a confidence P (ccs_staff_options.confidence) the question is the
 * planner's under uncertainty: the fewest agents such that the interval
 * meets its targets on at least a fraction P of days, each replication
 * being a day with its own volume (the call types' volume_cv) and its own
 * absent agents (absenteeism); the analytic answer of uncertainty.h is the
 * starting point (docs/scheduling.md, "Staffing to a confidence by
 * simulation").
 */
#ifndef CCSIM_STAFF_H
#define CCSIM_STAFF_H

#include "ccsim/error.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

/* When does a staffing level meet a target? */
typedef enum ccs_staff_rule {
    CCS_STAFF_MEAN = 0,   /* the point estimate (ratio of sums) meets it; replications
                             are doubled (up to max_replications) until the 95% CI
                             no longer straddles the target at N and at N-1 */
    CCS_STAFF_CI          /* the whole 95% CI meets it (lower bound of SL >= target,
                             upper bounds of ASA / abandon / occupancy <= limit):
                             the conservative planner's choice */
} ccs_staff_rule;

typedef struct ccs_staff_options {
    int group;                /* index of the agent group to staff; -1 = the only one */
    double sl_target;         /* SL target fraction in (0,1]; 0 = each type's own */
    double sl_threshold_s;    /* threshold T, seconds; < 0 = each type's own */
    double max_asa_s;         /* ASA of answered calls <= this, seconds; 0 = off */
    double max_abandon;       /* abandon rate <= this, fraction; 0 = off */
    double max_occupancy;     /* occupancy of the staffed types <= this; 0 = off */
    double shrinkage;         /* fraction of paid time off the phones, [0,1) */
    ccs_staff_rule rule;
    int replications;         /* first try per interval; 0 = 100 (200 with confidence) */
    int max_replications;     /* CCS_STAFF_MEAN doubles up to this; 0 = 400 (1600 with
                                 confidence) */
    int threads;              /* 0 = all cores; results do not depend on it */
    double confidence;        /* in (0, 1): an interval meets its targets when the
                                 fraction of replications (days) in which it meets every
                                 target, each judged on that day's own figures, is at
                                 least this (by the rule: its point estimate, or the
                                 lower end of its 95% Wilson interval); 0 = off: the
                                 figures over all days meet the targets */
    double absenteeism;       /* in [0, 0.9]: every group's scheduled agents are each
                                 absent for the day with this probability, drawn per
                                 replication from its own stream (model.h,
                                 ccs_model_present()); 0 = none */
} ccs_staff_options;

/* Sets o to the defaults above (group -1, sl from the scenario, mean rule). */
void ccs_staff_options_init(ccs_staff_options *o);

typedef struct ccs_staff_interval {
    int erlang_agents;        /* Erlang C/A answer (0 for an interval without calls):
                                 erlang_a_agents when defined, else erlang_c_agents */
    int erlang_c_agents;      /* Erlang C (patience ignored); -1 if none meets the targets */
    int erlang_a_agents;      /* Erlang A; -1 unless every type with calls in the
                                 interval has exponential patience (or when none
                                 meets the targets); 0 without calls, as both */
    int agents;               /* the simulated answer */
    int scheduled_agents;     /* ceil(agents / (1 - shrinkage)) */
    int settled;              /* 1: N clearly meets the targets and N-1 clearly does
                                 not (the CI excludes the target at both), or the
                                 rule is CCS_STAFF_CI; 0: the CI straddles a target
                                 even at max_replications, so N is +-1 agent */
    int replications;         /* replications the interval's search ended with */
    int evaluations;          /* candidates simulated for this interval */
    ccs_figures fig;          /* the interval's figures, staffed call types only, in
                                 the final run of the whole schedule */
    int erlang_confidence_agents; /* with confidence: the analytic answer under the
                                 same uncertainty (uncertainty.h: gamma volume of the
                                 types' volume_cv, binomial absence) at the same
                                 confidence, the search's starting point; -1 when it
                                 has none; 0 without calls */
    ccs_estimate prob_meet;   /* with confidence: the fraction of the final run's
                                 replications in which the interval met every target,
                                 with a 95% Wilson score interval; undefined without */
} ccs_staff_interval;

typedef struct ccs_staff_result {
    int group;                /* the staffed group's index */
    double sl_target;         /* the service-level target shown: the option's, else the
                                 first call type the group serves (the reports' header) */
    double sl_threshold_s;    /* its threshold T, seconds, likewise */
    int n_intervals;
    int *counts;              /* [n_intervals] the schedule found (= intervals[k].agents) */
    ccs_staff_interval *intervals; /* [n_intervals] */
    double total_agent_hours;      /* sum of agents * interval length, hours */
    double scheduled_agent_hours;  /* same with scheduled_agents (shrinkage) */
    int replications;         /* replications of the final run */
    long simulations;         /* candidate runs performed, final run included */
    ccs_figures summary;      /* the day, staffed call types only, final run */
    int costed;               /* the scenario has a cost section: the next three hold */
    ccs_estimate cost_per_day;          /* whole center, final run (docs/costs.md) */
    ccs_estimate cost_per_month;
    ccs_estimate cost_per_handled_call;
} ccs_staff_result;

/* CCS_OK when sc is one day, the only horizon the staffing searches
 * (single group and several) work on; else CCS_EINVAL with err naming
 * horizon.days. */
int ccs_staff_check_one_day(const ccs_scenario *sc, ccs_error *err);

/* Searches the staffing of sc's group o->group (see the header comment).
 * sc is not modified (the search works on shallow copies whose modified
 * tables it owns).  Returns a new result (free with ccs_staff_result_free()),
 * or NULL with err filled: CCS_EINVAL for bad options (key names the
 * field: "group", "sl_target", "confidence", "absenteeism", ...) or when no
 * staffing up to the search limit (4 x the Erlang answer + 50 agents, at
 * least 2 x the starting point + 50) meets the targets in some interval
 * (key "interval N"), CCS_ENOMEM. */
ccs_staff_result *ccs_staff_search(const ccs_scenario *sc, const ccs_staff_options *o,
                                   ccs_error *err);

/* Frees r.  NULL is a no-op. */
void ccs_staff_result_free(ccs_staff_result *r);

/* The Erlang C/A answer for interval k of group g: the rates of the call
 * types g serves are added, the handle time is their rate-weighted mean,
 * the model is Erlang A when every such type has exponential patience (their
 * rate-weighted mean patience) and Erlang C otherwise; targets as in o (SL
 * target and threshold from the first type served when o leaves them to the
 * scenario, taking the strictest over types).  0 when no such call arrives
 * in k.  Returns CCS_OK or CCS_EINVAL (err filled) when no N can meet the
 * targets. */
int ccs_staff_erlang(const ccs_scenario *sc, int g, int k, const ccs_staff_options *o,
                     int *agents, ccs_error *err);

/* Both Erlang answers for interval k of group g, as ccs_staff_erlang()
 * computes them but with the model forced: *c_agents by Erlang C (patience
 * ignored, so no abandon target), *a_agents by Erlang A (-1 unless every
 * type served has exponential patience).  Either is -1 when no N meets the
 * targets.  Returns CCS_OK when at least one is defined, else CCS_EINVAL. */
int ccs_staff_erlang_ca(const ccs_scenario *sc, int g, int k, const ccs_staff_options *o,
                        int *c_agents, int *a_agents);

/* The same as ccs_results_figures() in sim.h (kept for its callers). */
int ccs_staff_figures(const ccs_results *r, int k0, int k1, const unsigned char *type_mask,
                       ccs_figures *out);

/* ---- staffing several groups together (staff_groups.c) -----------------
 *
 * ccs_staff_groups_search() staffs the groups gi[0..ng) of a multi-skill
 * center together, interval by interval as ccs_staff_search() does (earlier
 * intervals fixed, later ones at a placeholder, the horizon cut after k+1,
 * every candidate with the same seed: common random numbers), by a greedy
 * marginal search on the vector of agents per group:
 *
 *   shortfall S(x) = sum over the judged call types (every type a staffed
 *   group serves) of how far each misses its targets in interval k
 *   (target - SL, (ASA - limit) / limit, abandon - limit; occupancy -
 *   limit over those types), plus interval k-1's when it met its targets
 *   at the start;
 *   add:    while S > 0, simulate x + e_j for every group j and add the
 *           agent with the largest (S(x) - S(x + e_j)) / cost_j;
 *   remove: then, while some x - e_j still meets every target, remove the
 *           agent of the dearest such group.
 *
 * The answer meets every target (by the rule) and no single agent can be
 * removed from it without missing one, at the search's replications; it
 * is a local optimum, not a proven least-cost staffing (docs/routing.md,
 * "Staffing several groups").  Options used: the targets, rule (mean: the
 * point estimate; ci: the CI bound), replications (fixed: no doubling) and
 * threads; group, confidence, absenteeism, max_replications and shrinkage
 * must be at their defaults. */

/* How the search weighs an agent of each group. */
typedef enum ccs_staff_cost_basis {
    CCS_STAFF_COST_AGENTS = 0,  /* not every staffed group has an hourly cost: every
                                   agent weighs 1 (the search minimises agents) */
    CCS_STAFF_COST_HOURLY       /* each group's cost of one agent on the phones for
                                   an hour (captive: wage x (1 + benefits) / (1 -
                                   shrinkage), supervision likewise per agent;
                                   outsourced per agent hour: the price) */
} ccs_staff_cost_basis;

/* One staffed call type in one interval (or the day) of the final run. */
typedef struct ccs_staff_type_fig {
    double sl_target;         /* the target and threshold it was judged against */
    double sl_threshold_s;
    ccs_figures fig;          /* its figures (SL, ASA, abandon rate with CIs ...) */
    int met;                  /* meets every target by the rule (interval rows) */
} ccs_staff_type_fig;

typedef struct ccs_staff_groups_result {
    int n_groups;             /* staffed groups */
    int *groups;              /* [n_groups] their indices in the scenario */
    ccs_staff_cost_basis cost_basis;
    double *unit_cost;        /* [n_groups] per agent-hour (1 with CCS_STAFF_COST_AGENTS) */
    int n_types;              /* judged call types: those a staffed group serves */
    int *types;               /* [n_types] their indices */
    int n_intervals;
    int *counts;              /* [n_intervals * n_groups] the answer, interval-major */
    int *pooled_agents;       /* [n_intervals] Erlang answer as if one pool of agents
                                 with every skill took every judged type (base handle
                                 times, the strictest target): a reference, often a
                                 lower bound; 0 without calls, -1 if none */
    int *iterations;          /* [n_intervals] agents added + removed by the search */
    int *evaluations;         /* [n_intervals] candidates simulated */
    ccs_staff_type_fig *fig;  /* [n_intervals * n_types] final run, interval-major */
    ccs_staff_type_fig *day;  /* [n_types] the whole day, final run */
    double *agent_hours;      /* [n_groups] sum of agents x interval length, hours */
    double total_agent_hours;
    double weighted_cost;     /* sum of agent-hours x unit_cost over the groups */
    int replications;         /* per candidate and in the final run */
    long simulations;         /* candidate runs, final run included */
    int costed;               /* the scenario has a cost section: the next three hold */
    ccs_estimate cost_per_day;
    ccs_estimate cost_per_month;
    ccs_estimate cost_per_handled_call;
} ccs_staff_groups_result;

/* Searches the staffing of sc's groups gi[0..ng) together (above).  sc is
 * not modified.  Returns a new result (free with
 * ccs_staff_groups_result_free()), or NULL with err filled: CCS_EINVAL for
 * bad options (key "groups" for an empty list, an index out of range or
 * one named twice; "group", "confidence", "absenteeism", "max_replications",
 * "shrinkage" when set; the targets as ccs_staff_search()) or when no
 * staffing with up to 4 x the pooled answer + 50 agents in total (at least
 * twice the start + 50) meets the targets (key "interval N"), CCS_ENOMEM. */
ccs_staff_groups_result *ccs_staff_groups_search(const ccs_scenario *sc,
                                                 const ccs_staff_options *o, const int *gi,
                                                 int ng, ccs_error *err);

/* Frees r.  NULL is a no-op. */
void ccs_staff_groups_result_free(ccs_staff_groups_result *r);

#endif
