/*
 * cost.h — what a simulated day costs, and the paired comparison of
 * several scenarios run with common random numbers (`ccsim compare`).
 *
 * Costs are computed per replication from the scenario's cost sections and
 * the replication's raw tallies, then estimated across replications like
 * every other figure (stats.h): day totals as means with a Student-t
 * interval, per-call figures as ratios of sums with a delta-method interval.
 * Paid hours are deterministic; handled minutes, calls, resolutions and SLA
 * penalties are random, so the intervals come from the spread across
 * replications.  All money is in the scenario's currency (the shipped
 * scenarios use USD).  The model, with every formula and assumption, is in
 * docs/costs.md.
 */
#ifndef CCSIM_COST_H
#define CCSIM_COST_H

#include <stddef.h>
#include <stdio.h>
#include "ccsim/error.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/stats.h"

/* Line items, each per simulated day.  The order is the report's. */
typedef enum ccs_cost_item {
    CCS_ITEM_WAGES = 0,          /* captive: paid hours x wage x (1 + benefits) */
    CCS_ITEM_SUPERVISION,        /* captive: supervisors' paid hours x wage x (1 + benefits) */
    CCS_ITEM_FACILITIES,         /* captive: seats (peak agents on shift) x seat cost
                                    per month / days */
    CCS_ITEM_TELEPHONY,          /* captive: handled minutes x rate */
    CCS_ITEM_HIRING,             /* captive: hires per month x hire cost / days */
    CCS_ITEM_VENDOR_PRICE,       /* outsourced: price x volume of the pricing model */
    CCS_ITEM_TRANSITION,         /* outsourced: transition fee / contract months / days */
    CCS_ITEM_VENDOR_MANAGEMENT,  /* outsourced: client's management cost per month / days */
    CCS_ITEM_SLA,                /* outsourced groups' SLA terms, client's side: gain
                                    share paid minus service credits received */
    CCS_COST_N_ITEMS
} ccs_cost_item;

/* JSON key of a line item ("wages", ..., "sla_adjustment"); static. */
const char *ccs_cost_item_name(ccs_cost_item i);

/* The channels a day's cost is split over (docs/costs.md, "Costs by
 * channel").  Voice holds inbound and outbound calls and callback dials. */
typedef enum ccs_cost_channel_id {
    CCS_CHANNEL_VOICE = 0,
    CCS_CHANNEL_CHAT,
    CCS_CHANNEL_BACKOFFICE,
    CCS_COST_N_CHANNELS
} ccs_cost_channel_id;

/* JSON key of a channel ("voice", "chat", "backoffice"); static. */
const char *ccs_cost_channel_name(ccs_cost_channel_id c);

/* One agent group in one replication (per day). */
typedef struct ccs_cost_group_rep {
    double total;                /* the group's line items, SLA excluded */
    double paid_hours;           /* captive: scheduled / (1 - shrinkage); vendor: scheduled */
    double productive_hours;     /* scheduled (logged-in) agent-hours */
    double our_share;            /* fraction of the group's busy time on our work */
    double seats;                /* captive: seats charged, the peak agents on shift */
    double heads;                /* captive: head count, ceil(peak / (1 - shrinkage)) */
    double handled;              /* our inbound calls and outbound calls it handled */
    double inbound_handled;      /* of those, our inbound calls */
    double outbound_handled;     /* of those, outbound calls talked to */
    double resolved;             /* of those, resolved at first contact */
    double sla_points;           /* its SLA's (target - achieved) x 100 for the day,
                                    over our call types it serves; 0 without an SLA */
    double service_credits;      /* its SLA's penalties, owed to us, per day (>= 0) */
    double gain_share;           /* its SLA's bonuses, paid by us, per day (>= 0) */
    double sla_adjustment;       /* gain_share - service_credits (added to our cost) */
    double chats;                /* chats it answered (first response by its agents) */
    double items;                /* back-office items it completed */
    double channel[CCS_COST_N_CHANNELS]; /* total split by channel: volume-priced items
                                    on their channel, the rest by busy-time shares; they
                                    add up to total */
} ccs_cost_group_rep;

/* The whole scenario in one replication (per day). */
typedef struct ccs_cost_rep {
    double item[CCS_COST_N_ITEMS];
    double total;                /* sum of the items, SLA included */
    double handled;              /* inbound_handled + outbound_handled */
    double inbound_handled;      /* our inbound calls handled (by arrival interval) */
    double outbound_handled;     /* outbound calls talked to (machines included) */
    double resolved;             /* our contacts resolved at first contact */
    double paid_hours;
    double productive_hours;
    double sla_points;           /* day's (cost.sla target - achieved) x 100 over all our
                                    call types; < 0 above target; 0 without cost.sla */
    double penalties;            /* service credits the vendors owe us, per day, >= 0 */
    double bonuses;              /* gain share we pay the vendors, per day, >= 0 */
    double chats;                /* chats answered (by arrival interval) */
    double items;                /* back-office items completed */
    double channel[CCS_COST_N_CHANNELS]; /* total by channel: the groups' splits, the SLA
                                    terms on voice; they add up to total */
} ccs_cost_rep;

typedef struct ccs_cost_group_est {
    ccs_estimate total;
    ccs_estimate paid_hours;
    ccs_estimate productive_hours;
    ccs_estimate our_share;
    ccs_estimate inbound_handled;
    ccs_estimate outbound_handled;
    ccs_estimate seats;          /* captive; 0 otherwise */
    ccs_estimate heads;
    ccs_estimate sla_adjustment; /* per day, client's side */
    ccs_estimate service_credits;
    ccs_estimate gain_share;
    ccs_estimate sla_points;
    ccs_estimate chats;
    ccs_estimate items;
    ccs_estimate channel[CCS_COST_N_CHANNELS];
    ccs_estimate per_chat_handled; /* its chat cost / its chats (ratio of sums) */
    ccs_estimate per_item_done;  /* its back-office cost / its items done */
} ccs_cost_group_est;

typedef struct ccs_cost_result {
    int replications;
    int n_groups;
    int costed;                  /* some group has a cost section, or there is an SLA */
    int sla_applies;             /* some outsourced group has SLA terms (its own or
                                    cost.sla); captive groups never do */
    int channels;                /* the scenario has chat or back-office work: the
                                    split by channel is reported */
    double horizon_hours;        /* length of the simulated day */
    double days_per_month;       /* scenario's cost.operating_days_per_month */
    ccs_cost_rep *rep;           /* [replications]; owned */
    ccs_cost_group_rep *grep;    /* [replications * n_groups]; owned */
    /* Estimates across replications. */
    ccs_estimate total;          /* per simulated day */
    ccs_estimate per_handled_call;
    ccs_estimate per_resolved_contact;
    ccs_estimate per_hour;       /* per hour of the simulated day */
    ccs_estimate per_day;        /* = total */
    ccs_estimate per_month;      /* per day x operating days per month */
    ccs_estimate sla_adjustment; /* per day: gain share - service credits */
    ccs_estimate service_credits;/* per day, owed to us by the vendors */
    ccs_estimate gain_share;     /* per day, paid by us to the vendors */
    ccs_estimate sla_points;
    ccs_estimate item[CCS_COST_N_ITEMS];
    ccs_estimate paid_hours;
    ccs_estimate productive_hours;
    ccs_estimate handled;        /* inbound + outbound, the per_handled_call denominator */
    ccs_estimate inbound_handled;
    ccs_estimate outbound_handled;
    ccs_estimate resolved;
    ccs_estimate chats;          /* chats answered, the per_chat_handled denominator */
    ccs_estimate items;          /* back-office items done, the per_item_done denominator */
    ccs_estimate channel[CCS_COST_N_CHANNELS]; /* per day; they add up to total */
    ccs_estimate per_chat_handled; /* chat channel's cost / chats answered (ratio of sums) */
    ccs_estimate per_item_done;  /* back-office channel's cost / items done (ratio of sums) */
    ccs_estimate per_voice_call; /* voice channel's cost / handled (ratio of sums) */
    ccs_cost_group_est *groups;  /* [n_groups]; owned */
} ccs_cost_result;

/* Costs of res (res->sc must be set; res->tallies holds
 * res->replications replications as ccs_sim_run() fills them).
 * Results built without per-replication tallies (tallies NULL, as a
 * report test may build them) cost only their schedule-based items: the
 * work-based ones and the SLA terms are 0.  Returns a new result (free with
 * ccs_cost_result_free()), or NULL with err set (CCS_ENOMEM). */
ccs_cost_result *ccs_cost_compute(const ccs_results *res, ccs_error *err);

/* Frees c.  NULL is a no-op. */
void ccs_cost_result_free(ccs_cost_result *c);

/* The SLA terms of one assessment period with service level `sl`:
 * points = (target - sl) x 100; a penalty (service credit) of
 * points x penalty_per_point when points > 0, else a bonus (gain share) of
 * -points x bonus_per_point.  Returns penalty - bonus, what the vendor owes
 * the client, and stores the parts (either may be NULL).  ccs_cost_compute()
 * adds the opposite, bonus - penalty, to the client's cost. */
double ccs_cost_sla_period(const ccs_cost_terms *t, double sl, double *penalty, double *bonus);

/* ---- paired comparison ------------------------------------------------ */

/* The figures `ccsim compare` sets side by side. */
typedef enum ccs_cmp_metric {
    CCS_CMP_SERVICE_LEVEL = 0,
    CCS_CMP_ASA,
    CCS_CMP_ABANDON_RATE,
    CCS_CMP_AGENTS,
    CCS_CMP_PER_HANDLED_CALL,
    CCS_CMP_PER_RESOLVED_CONTACT,
    CCS_CMP_PER_MONTH,
    CCS_CMP_PER_CHAT_HANDLED,   /* shown only when some scenario has chat or a back */
    CCS_CMP_PER_ITEM_DONE,      /* office and costs (ccs_compare_shows()) */
    CCS_CMP_N
} ccs_cmp_metric;

/* JSON/CSV key of a metric ("service_level", "asa_s", ...); static. */
const char *ccs_cmp_metric_key(ccs_cmp_metric m);

/* Per-replication numerator and denominator of metric m (den = 1 for the
 * figures that are plain means), written to num[0..R) and den[0..R). */
void ccs_cmp_sums(const ccs_results *res, const ccs_cost_result *cost, ccs_cmp_metric m,
                  double *num, double *den);

/* The difference B - A of two ratios of sums, Rb - Ra with
 * Rx = sum(yx) / sum(xx) over the same n replications, and a paired
 * delta-method 95% interval: with z_r = (yb_r - Rb xb_r) / mean(xb)
 * - (ya_r - Ra xa_r) / mean(xa), the half-width is t95(n - 1) sd(z) / sqrt(n).
 * With x = 1 this is the paired t interval of the mean difference.  Equal
 * inputs give exactly 0 with a zero-width interval.  Undefined when either
 * denominator sums to 0. */
ccs_estimate ccs_cmp_paired_diff(const double *yb, const double *xb, const double *ya,
                                 const double *xa, size_t n);

/* The comparison of n >= 2 scenarios run with the same seed and
 * replications (`ccsim compare`), res[0] being the baseline: every
 * metric of each scenario as a ratio of sums over the replications, and
 * its difference from the baseline with the paired interval of
 * ccs_cmp_paired_diff(); the same for every cost line item per month (the
 * breakdown; CCS_COST_N_ITEMS is the total).  A scenario without a cost
 * section has no cost: its cost figures and their differences are
 * undefined, never 0. */
#define CCS_CMP_BREAKDOWN_N (CCS_COST_N_ITEMS + 1)

typedef struct ccs_compare {
    int n;                               /* scenarios */
    const ccs_results **res;             /* [n] the runs (the array is owned, the
                                            results are not) */
    const ccs_cost_result **cost;        /* [n] their costs, likewise */
    ccs_estimate *est;                   /* [n * CCS_CMP_N]: scenario s, metric m at
                                            s * CCS_CMP_N + m */
    ccs_estimate *diff;                  /* [n * CCS_CMP_N]: scenario - baseline; row 0
                                            undefined */
    ccs_estimate *item;                  /* [n * CCS_CMP_BREAKDOWN_N]: line items, then the
                                            total, per month */
    ccs_estimate *idiff;                 /* [n * CCS_CMP_BREAKDOWN_N]: their differences;
                                            row 0 undefined */
    int channels;                        /* some scenario's cost is split by channel */
} ccs_compare;

/* Compares res[0..n) with their costs c[0..n) (n >= 2, the same
 * replications; asserted).  The results and costs must outlive the
 * comparison.  Returns a new comparison (free with ccs_compare_free()), or
 * NULL with err set (CCS_ENOMEM). */
ccs_compare *ccs_compare_compute(const ccs_results *const *res, const ccs_cost_result *const *c,
                                 int n, ccs_error *err);

/* Frees cmp.  NULL is a no-op. */
void ccs_compare_free(ccs_compare *cmp);

/* Whether the writers show metric m: every metric but cost per chat
 * handled and per item done, which only when some compared scenario has
 * its cost split by channel (chat or a back office, and costs). */
int ccs_compare_shows(const ccs_compare *cmp, int m);

/* The figures of scenario s (0 <= s < cmp->n; asserted, like the index
 * below): metric m (0 <= m < CCS_CMP_N) and its difference from the
 * baseline; line item i (0 <= i < CCS_CMP_BREAKDOWN_N, the last being the
 * total) and its difference.  Row 0's differences are undefined.  The
 * accessors are the only place the arrays' index formulas are written. */
const ccs_estimate *ccs_compare_est(const ccs_compare *cmp, int s, int m);
const ccs_estimate *ccs_compare_diff(const ccs_compare *cmp, int s, int m);
const ccs_estimate *ccs_compare_item(const ccs_compare *cmp, int s, int i);
const ccs_estimate *ccs_compare_idiff(const ccs_compare *cmp, int s, int i);

/* The writers of costs and comparisons are in cost_report.h. */

#endif
