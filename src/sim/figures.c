/*
 * figures.c — the estimates of a run, from the raw tallies of its
 * replications (in replication order): counts as means with Student-t CIs,
 * fractions and averages as ratios of sums with delta-method CIs.
 *
 * Everything here reads the tallies object through its accessors; the
 * agent-seconds on shift come from its staff cells (absenteeism included),
 * summed by ccs_tally_staffed_s() alone.
 */
#include "sim/figures.h"
#include "ccsim/service_level.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the figure tables ------------------------------------------------------ */

/* Count figures of a row: the mean over replications of a tally field
 * (ccs_figures member, ccs_tally field). */
#define ROW_COUNTS(X)                  \
    X(offered, offered)                \
    X(handled, handled)                \
    X(abandoned, abandoned)            \
    X(abandoned_short, abandoned_short) \
    X(blocked, blocked)                \
    X(retrials, retrials)              \
    X(max_queue, queue_max)            \
    X(max_wait_s, wait_max_s)

/* Ratio figures of a row: sum(numerator field) / sum(denominator field),
 * clipped to [0, hi]. */
#define ROW_RATIOS(X)                              \
    X(asa_s, wait_answered_s, handled, INFINITY)   \
    X(abandon_rate, abandoned, offered, 1.0)       \
    X(block_rate, blocked, offered, 1.0)           \
    X(aht_s, handle_s, handled, INFINITY)

/* The transfer figures of a row, from its xfer cells: counts, and ratios
 * of two xfer fields. */
#define XFER_COUNTS(X)                 \
    X(transfers_out, xfer_out)         \
    X(transfers_in, xfer_in)           \
    X(customers_served, cust_served)   \
    X(customers_lost, cust_lost)

#define XFER_RATIOS(X)                                                \
    X(e2e_first_wait_s, cust_first_wait_s, cust_served, INFINITY)     \
    X(e2e_wait_s, cust_wait_s, cust_served, INFINITY)                 \
    X(e2e_agent_s, cust_agent_s, cust_served, INFINITY)

/* Count figures of a campaign (ccs_campaign_figures member = field). */
#define CAMPAIGN_COUNTS(X)  \
    X(dials)                \
    X(connects)             \
    X(right_party_contacts) \
    X(successes)            \
    X(abandoned)            \
    X(machines)             \
    X(no_answers)           \
    X(busies)               \
    X(amd_false_positives)  \
    X(amd_false_negatives)

/* Ratio figures of a campaign. */
#define CAMPAIGN_RATIOS(X)                                 \
    X(abandon_rate, abandoned, connects, 1.0)              \
    X(attempts_per_record, dials, first_attempts, INFINITY)

/* ---- rows -------------------------------------------------------------------- */

/* Per-replication sums of one row (a set of cells), laid out as arrays of
 * R values so the estimators can run over them. */
typedef struct row_sums {
    ccs_tally *t;            /* [R] */
    ccs_xfer_tally *x;       /* [R] with transfers, else NULL */
    double *staffed;         /* [R] agent-seconds on shift */
    double *length;          /* [R] seconds the row covers */
    double *num, *den;       /* [R] scratch */
} row_sums;

#define TSTRIDE CCS_TALLY_STRIDE(ccs_tally)
#define XSTRIDE CCS_TALLY_STRIDE(ccs_xfer_tally)
#define CSTRIDE CCS_TALLY_STRIDE(ccs_campaign_tally)

/* A count's CI, clipped at 0 (counts cannot be negative). */
static ccs_estimate count(const double *x, int R)
{
    ccs_estimate e = ccs_stats_mean(x, (size_t)R, TSTRIDE);
    if (e.lo < 0) {
        e.lo = 0;
    }
    return e;
}

static void figures(const ccs_scenario *sc, const row_sums *s, int R, double *num,
                    double *den, ccs_figures *f)
{
    const ccs_tally *t = s->t;
    size_t n = (size_t)R;
#define COUNT_(fig, field) f->fig = count(&t[0].field, R);
    ROW_COUNTS(COUNT_)
#undef COUNT_

    for (int r = 0; r < R; r++) {
        num[r] = t[r].answered_in_sl;
        den[r] = ccs_sl_denominator(sc->sl_definition, &t[r]);
    }
    f->service_level = ccs_stats_ratio(num, den, n, 1, 0.0, 1.0);
    /* P(wait) among callers who got into the queue system (not blocked). */
    for (int r = 0; r < R; r++) {
        num[r] = t[r].delayed;
        den[r] = t[r].offered - t[r].blocked;
    }
    f->prob_wait = ccs_stats_ratio(num, den, n, 1, 0.0, 1.0);
#define RATIO_(fig, y, x, hi) f->fig = ccs_stats_ratio(&t[0].y, &t[0].x, n, TSTRIDE, 0.0, hi);
    ROW_RATIOS(RATIO_)
#undef RATIO_
    for (int r = 0; r < R; r++) {
        num[r] = t[r].busy_s;
    }
    f->occupancy = ccs_stats_ratio(num, s->staffed, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        num[r] = t[r].queue_area;
    }
    f->avg_queue = ccs_stats_ratio(num, s->length, n, 1, 0.0, INFINITY);
    f->agents = ccs_stats_ratio(s->staffed, s->length, n, 1, 0.0, INFINITY);
    const ccs_xfer_tally *x = s->x;
    if (!x) {
        return;
    }
#define XCOUNT_(fig, field) \
    f->fig = ccs_stats_mean(&x[0].field, n, XSTRIDE), f->fig.lo = f->fig.lo < 0 ? 0 : f->fig.lo;
    XFER_COUNTS(XCOUNT_)
#undef XCOUNT_
#define XRATIO_(fig, y, xf, hi) f->fig = ccs_stats_ratio(&x[0].y, &x[0].xf, n, XSTRIDE, 0.0, hi);
    XFER_RATIOS(XRATIO_)
#undef XRATIO_
    for (int r = 0; r < R; r++) {
        num[r] = x[r].xfer_out;
        den[r] = t[r].handled;
    }
    f->transfer_rate = ccs_stats_ratio(num, den, n, 1, 0.0, 1.0);
}

/* Does group gr serve a type selected by mask (NULL: every group counts)? */
static int group_selected(const ccs_agent_group *gr, int in_campaign, const unsigned char *mask)
{
    if (!mask) {
        /* A back-office group (no calls, no campaign) is not in the voice
         * rows' agents and occupancy (docs/backoffice.md). */
        return gr->n_serves > 0 || gr->n_bo == 0 || in_campaign;
    }
    for (int i = 0; i < gr->n_serves; i++) {
        if (mask[gr->serves[i]]) {
            return 1;
        }
    }
    return 0;
}

/* A day-level row counts each customer once: the contacts that came by
 * transfer leave its counts, waits and handle times (their agent time
 * stays in busy time, their queueing in the queue length). */
static void customers_only(ccs_tally *t, const ccs_xfer_tally *x)
{
    t->offered -= x->xfer_in;
    t->handled -= x->xfer_in_handled;
    t->abandoned -= x->xfer_in_abandoned;
    t->abandoned_short -= x->xfer_in_abandoned_short;
    t->blocked -= x->xfer_in_blocked;
    t->delayed -= x->xfer_in_delayed;
    t->answered_in_sl -= x->xfer_in_answered_in_sl;
    t->wait_answered_s -= x->xfer_in_wait_s;
    t->handle_s -= x->xfer_in_handle_s;
}

static void free_sums(row_sums *s)
{
    free(s->t);
    free(s->x);
    free(s->staffed);
    free(s->length);
    free(s->num);
    free(s->den);
}

int ccs_results_figures(const ccs_results *res, int k0, int k1, const unsigned char *mask,
                        ccs_figures *f)
{
    const ccs_scenario *sc = res->sc;
    int R = res->replications, nt = sc->n_types, ng = sc->n_groups;
    size_t n = (size_t)R;
    memset(f, 0, sizeof *f);
    int xfer = ccs_tallies_dims(res->tallies).transfers;
    row_sums s = {calloc(n, sizeof *s.t),         xfer ? calloc(n, sizeof *s.x) : NULL,
                  calloc(n, sizeof(double)), calloc(n, sizeof(double)),
                  calloc(n, sizeof(double)), calloc(n, sizeof(double))};
    int *groups = calloc((size_t)ng + 1, sizeof *groups);
    if (!s.t || (xfer && !s.x) || !s.staffed || !s.length || !s.num || !s.den || !groups) {
        free_sums(&s);
        free(groups);
        return CCS_ENOMEM;
    }
    int n_groups = 0;
    for (int g = 0; g < ng; g++) {
        int in_campaign = 0;
        for (int c = 0; c < sc->n_campaigns; c++) {
            for (int j = 0; j < sc->campaigns[c].n_groups; j++) {
                in_campaign |= sc->campaigns[c].groups[j] == g;
            }
        }
        if (group_selected(&sc->groups[g], in_campaign, mask)) {
            groups[n_groups++] = g;
        }
    }
    for (int r = 0; r < R; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        for (int k = k0; k < k1; k++) {
            const ccs_tally *c = ccs_tally_at(&v, k, 0);
            for (int j = 0; j < nt; j++) {
                if (mask ? mask[j] : sc->types[j].ours) {
                    ccs_tally_add(&s.t[r], &c[j]);
                    if (xfer) {
                        ccs_xfer_tally_add(&s.x[r], ccs_xfer_tally_at(&v, k, j));
                    }
                } else if (!mask) {
                    /* Another client's traffic (multi-client pooling): not
                     * in our service figures, but the agents' busy time is
                     * still busy time (occupancy). */
                    s.t[r].busy_s += c[j].busy_s;
                }
            }
        }
        if (!mask && xfer) {
            customers_only(&s.t[r], &s.x[r]);
        }
        s.staffed[r] = ccs_tally_staffed_s(&v, k0, k1, groups, n_groups);
        s.length[r] = sc->interval_s * (k1 - k0);
    }
    figures(sc, &s, R, s.num, s.den, f);
    free_sums(&s);
    free(groups);
    return CCS_OK;
}

/* ---- campaigns ------------------------------------------------------------------ */

/* Agent-seconds on shift in replication r, during campaign c's window, in
 * its groups. */
static double campaign_staffed(const ccs_results *res, int r, int c)
{
    const ccs_campaign *cp = &res->sc->campaigns[c];
    ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
    return ccs_tally_staffed_s(&v, cp->window_first, cp->window_last + 1, cp->groups,
                               cp->n_groups);
}

/* The day's figures of campaign c from the per-replication sums. */
static void campaign_figures(const ccs_results *res, int c, ccs_campaign_tally *t, double *a,
                             double *b, ccs_campaign_figures *f)
{
    const ccs_scenario *sc = res->sc;
    int R = res->replications, nk = sc->n_intervals;
    size_t n = (size_t)R;
    for (int r = 0; r < R; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        memset(&t[r], 0, sizeof t[r]);
        for (int k = 0; k < nk; k++) {
            ccs_campaign_tally_add(&t[r], ccs_campaign_tally_at(&v, k, c));
        }
    }
#define CMEAN_(field) f->field = ccs_stats_mean(&t[0].field, n, CSTRIDE);
    CAMPAIGN_COUNTS(CMEAN_)
#undef CMEAN_
#define CRATIO_(fig, y, x, hi) f->fig = ccs_stats_ratio(&t[0].y, &t[0].x, n, CSTRIDE, 0.0, hi);
    CAMPAIGN_RATIOS(CRATIO_)
#undef CRATIO_
    for (int r = 0; r < R; r++) {
        b[r] = campaign_staffed(res, r, c) / 3600.0;
        a[r] = t[r].right_party_contacts;
    }
    f->rpc_per_agent_hour = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].successes;
    }
    f->successes_per_agent_hour = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    /* Shares are of the agent time present in the window: on shift, plus
     * the overtime of agents kept past their shift to finish a call (0
     * unless a group's staffing drops while its agents are busy). */
    const ccs_campaign *cp = &sc->campaigns[c];
    for (int r = 0; r < R; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        double over = 0.0;
        for (int k = cp->window_first; k <= cp->window_last; k++) {
            for (int j = 0; j < cp->n_groups; j++) {
                over += ccs_cgroup_tally_at(&v, k, cp->groups[j], c)->overtime_s;
            }
        }
        b[r] = campaign_staffed(res, r, c) + over;
        a[r] = t[r].talk_s + t[r].wrap_s;
    }
    f->occupancy = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].talk_s;
    }
    f->talk_share = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].wrap_s;
    }
    f->wrap_share = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].preview_s;
    }
    f->preview_share = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].dial_wait_s;
    }
    f->dial_wait_share = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].first_attempts;
        b[r] = (double)sc->campaigns[c].list_size;
    }
    f->list_penetration = ccs_stats_ratio(a, b, n, 1, 0.0, 1.0);
}

/* ---- groups ------------------------------------------------------------------------ */

/* The day's figures of agent group g: its busy time on every call type
 * (any client) and every campaign over its time on shift. */
static void group_figures(const ccs_results *res, int g, double *in, double *out,
                          double *staffed, double *a, double *b, double *bo,
                          ccs_group_figures *f)
{
    const ccs_scenario *sc = res->sc;
    int R = res->replications, nk = sc->n_intervals, nt = sc->n_types;
    int nc = sc->n_campaigns;
    size_t n = (size_t)R;
    for (int r = 0; r < R; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        in[r] = out[r] = a[r] = b[r] = 0;
        if (bo) {
            bo[r] = 0;
        }
        for (int k = 0; bo && k < nk; k++) {
            for (int j = 0; j < sc->n_backoffice; j++) {
                bo[r] += ccs_bogroup_tally_at(&v, k, g, j)->busy_s;
            }
        }
        for (int k = 0; k < nk; k++) {
            for (int t = 0; t < nt; t++) {
                const ccs_group_tally *gt = ccs_group_tally_at(&v, k, g, t);
                in[r] += gt->busy_s;
                a[r] += gt->handled;
            }
            for (int c = 0; c < nc; c++) {
                const ccs_cgroup_tally *ct = ccs_cgroup_tally_at(&v, k, g, c);
                out[r] += ct->busy_s;
                b[r] += ct->handled;
            }
        }
        staffed[r] = ccs_tally_staffed_s(&v, 0, nk, &g, 1);
    }
    f->handled = ccs_stats_mean(a, n, 1);
    f->outbound_handled = ccs_stats_mean(b, n, 1);
    f->inbound_share = ccs_stats_ratio(in, staffed, n, 1, 0.0, INFINITY);
    f->outbound_share = ccs_stats_ratio(out, staffed, n, 1, 0.0, INFINITY);
    if (bo) {
        f->backoffice_share = ccs_stats_ratio(bo, staffed, n, 1, 0.0, INFINITY);
    }
    for (int r = 0; r < R; r++) {
        /* Without a back office nothing is added (the sum stays exact). */
        a[r] = bo ? in[r] + out[r] + bo[r] : in[r] + out[r];
        b[r] = sc->interval_s * nk;
    }
    f->occupancy = ccs_stats_ratio(a, staffed, n, 1, 0.0, INFINITY);
    f->agents = ccs_stats_ratio(staffed, b, n, 1, 0.0, INFINITY);
}

int ccs_results_group_type(const ccs_results *res, int k0, int k1, int g, int t,
                           ccs_group_type_figures *f)
{
    size_t R = (size_t)res->replications;
    memset(f, 0, sizeof *f);
    double *h = calloc(R, sizeof *h), *busy = calloc(R, sizeof *busy);
    double *hs = calloc(R, sizeof *hs), *staffed = calloc(R, sizeof *staffed);
    int st = h && busy && hs && staffed ? CCS_OK : CCS_ENOMEM;
    for (size_t r = 0; st == CCS_OK && r < R; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, (int)r);
        for (int k = k0; k < k1; k++) {
            const ccs_group_tally *gt = ccs_group_tally_at(&v, k, g, t);
            h[r] += gt->handled;
            busy[r] += gt->busy_s;
            hs[r] += gt->handle_s;
        }
        staffed[r] = ccs_tally_staffed_s(&v, k0, k1, &g, 1);
    }
    if (st == CCS_OK) {
        f->handled = ccs_stats_mean(h, R, 1);
        f->handled.lo = f->handled.lo < 0 ? 0 : f->handled.lo;
        f->agent_time_s = ccs_stats_mean(busy, R, 1);
        f->agent_time_s.lo = f->agent_time_s.lo < 0 ? 0 : f->agent_time_s.lo;
        f->occupancy = ccs_stats_ratio(busy, staffed, R, 1, 0.0, INFINITY);
        f->aht_s = ccs_stats_ratio(hs, h, R, 1, 0.0, INFINITY);
    }
    free(h);
    free(busy);
    free(hs);
    free(staffed);
    return st;
}

int ccs_results_show_group_types(const ccs_results *res)
{
    return ccs_scenario_has_transfers(res->sc) || ccs_scenario_has_reserve(res->sc) ||
           ccs_scenario_is_multiskill(res->sc);
}

static int estimate_groups(ccs_results *res)
{
    size_t R = (size_t)res->replications;
    double *v[6];
    int st = CCS_OK;
    for (int i = 0; i < 6; i++) {
        v[i] = calloc(R, sizeof(double));
        st = v[i] ? st : CCS_ENOMEM;
    }
    for (int g = 0; st == CCS_OK && g < res->sc->n_groups; g++) {
        /* v[5]: back-office busy time, only with a back office. */
        group_figures(res, g, v[0], v[1], v[2], v[3], v[4],
                      res->sc->n_backoffice > 0 ? v[5] : NULL, &res->groups[g]);
    }
    for (int i = 0; i < 6; i++) {
        free(v[i]);
    }
    return st;
}

static int estimate_campaigns(ccs_results *res)
{
    size_t R = (size_t)res->replications;
    ccs_campaign_tally *t = calloc(R, sizeof *t);
    double *a = calloc(R, sizeof *a), *b = calloc(R, sizeof *b);
    int st = t && a && b ? CCS_OK : CCS_ENOMEM;
    for (int c = 0; st == CCS_OK && c < res->sc->n_campaigns; c++) {
        campaign_figures(res, c, t, a, b, &res->campaigns[c]);
    }
    free(t);
    free(a);
    free(b);
    return st;
}

int ccs__results_estimate(ccs_results *res)
{
    const ccs_scenario *sc = res->sc;
    int nk = sc->n_intervals, nt = sc->n_types;
    unsigned char *mask = calloc((size_t)nt + 1, 1);
    int st = mask ? CCS_OK : CCS_ENOMEM;
    for (int k = 0; st == CCS_OK && k < nk; k++) {
        st = ccs_results_figures(res, k, k + 1, NULL, &res->intervals[k]);
    }
    for (int t = 0; st == CCS_OK && t < nt; t++) {
        memset(mask, 0, (size_t)nt);
        mask[t] = 1;
        st = ccs_results_figures(res, 0, nk, mask, &res->types[t]);
    }
    if (st == CCS_OK) {
        st = ccs_results_figures(res, 0, nk, NULL, &res->summary);
    }
    free(mask);
    if (st == CCS_OK) {
        st = estimate_groups(res);
    }
    if (st == CCS_OK) {
        st = estimate_campaigns(res);
    }
    if (st == CCS_OK) {
        st = ccs__callback_estimate(res);
    }
    return st == CCS_OK ? ccs__results_chat(res) : st;
}
