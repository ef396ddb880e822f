/*
 * compare.c — the paired comparison of scenarios run with common random
 * numbers (`ccsim compare`, cost.h): every metric and cost line item of
 * each scenario, and its difference from the baseline with a paired 95%
 * interval.  The writers (cost_report.h) only format the result.
 */
#include "ccsim/cost.h"

#include <math.h>
#include <stdlib.h>

static int is_cost_metric(int m)
{
    return m == CCS_CMP_PER_HANDLED_CALL || m == CCS_CMP_PER_RESOLVED_CONTACT ||
           m == CCS_CMP_PER_MONTH || m == CCS_CMP_PER_CHAT_HANDLED ||
           m == CCS_CMP_PER_ITEM_DONE;
}

static int is_channel_metric(int m)
{
    return m == CCS_CMP_PER_CHAT_HANDLED || m == CCS_CMP_PER_ITEM_DONE;
}

int ccs_compare_shows(const ccs_compare *t, int m)
{
    return !is_channel_metric(m) || t->channels;
}

/* Line item i (CCS_COST_N_ITEMS: the total) per month, per replication. */
static void item_sums(const ccs_cost_result *c, int i, double *y, double *one)
{
    for (int r = 0; r < c->replications; r++) {
        double v = i < CCS_COST_N_ITEMS ? c->rep[r].item[i] : c->rep[r].total;
        y[r] = v * c->days_per_month;
        one[r] = 1.0;
    }
}

const ccs_estimate *ccs_compare_est(const ccs_compare *t, int s, int m)
{
    CCS_ASSERT(t && s >= 0 && s < t->n && m >= 0 && m < CCS_CMP_N);
    return &t->est[s * CCS_CMP_N + m];
}

const ccs_estimate *ccs_compare_diff(const ccs_compare *t, int s, int m)
{
    CCS_ASSERT(t && s >= 0 && s < t->n && m >= 0 && m < CCS_CMP_N);
    return &t->diff[s * CCS_CMP_N + m];
}

const ccs_estimate *ccs_compare_item(const ccs_compare *t, int s, int i)
{
    CCS_ASSERT(t && s >= 0 && s < t->n && i >= 0 && i < CCS_CMP_BREAKDOWN_N);
    return &t->item[s * CCS_CMP_BREAKDOWN_N + i];
}

const ccs_estimate *ccs_compare_idiff(const ccs_compare *t, int s, int i)
{
    CCS_ASSERT(t && s >= 0 && s < t->n && i >= 0 && i < CCS_CMP_BREAKDOWN_N);
    return &t->idiff[s * CCS_CMP_BREAKDOWN_N + i];
}

void ccs_compare_free(ccs_compare *t)
{
    if (!t) {
        return;
    }
    free(t->res);
    free(t->cost);
    free(t->est);
    free(t->diff);
    free(t->item);
    free(t->idiff);
    free(t);
}

ccs_compare *ccs_compare_compute(const ccs_results *const *res, const ccs_cost_result *const *c,
                                 int n, ccs_error *err)
{
    CCS_ASSERT(n >= 2 && res && c);
    size_t R = (size_t)res[0]->replications;
    ccs_compare *t = calloc(1, sizeof *t);
    double *ya = calloc(R + 1, sizeof *ya), *xa = calloc(R + 1, sizeof *xa);
    double *yb = calloc(R + 1, sizeof *yb), *xb = calloc(R + 1, sizeof *xb);
    if (t) {
        t->n = n;
        t->res = calloc((size_t)n, sizeof *t->res);
        t->cost = calloc((size_t)n, sizeof *t->cost);
        t->est = calloc((size_t)n * CCS_CMP_N, sizeof *t->est);
        t->diff = calloc((size_t)n * CCS_CMP_N, sizeof *t->diff);
        t->item = calloc((size_t)n * CCS_CMP_BREAKDOWN_N, sizeof *t->item);
        t->idiff = calloc((size_t)n * CCS_CMP_BREAKDOWN_N, sizeof *t->idiff);
    }
    if (!t || !t->res || !t->cost || !t->est || !t->diff || !t->item || !t->idiff || !ya ||
        !xa || !yb || !xb) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory comparing");
        ccs_compare_free(t);
        t = NULL;
        goto done;
    }
    for (int s = 0; s < n; s++) {
        CCS_ASSERT((size_t)res[s]->replications == R);
        t->res[s] = res[s];
        t->cost[s] = c[s];
        t->channels |= c[s]->channels;
    }
    for (int m = 0; m < CCS_CMP_N; m++) {
        ccs_cmp_sums(res[0], c[0], (ccs_cmp_metric)m, ya, xa);
        for (int s = 0; s < n; s++) {
            ccs_cmp_sums(res[s], c[s], (ccs_cmp_metric)m, yb, xb);
            t->est[s * CCS_CMP_N + m] = ccs_stats_ratio(yb, xb, R, 1, -INFINITY, INFINITY);
            if (s > 0) {
                t->diff[s * CCS_CMP_N + m] = ccs_cmp_paired_diff(yb, xb, ya, xa, R);
            }
            /* A scenario without a cost section has no cost: "-", not 0. */
            if (is_cost_metric(m) && !c[s]->costed) {
                t->est[s * CCS_CMP_N + m].defined = 0;
            }
            if (is_cost_metric(m) && (!c[s]->costed || !c[0]->costed)) {
                t->diff[s * CCS_CMP_N + m].defined = 0;
            }
            /* a scenario whose cost is not split by channel has no cost
             * per chat or item (nor one that did none: a sum of 0) */
            if (is_channel_metric(m) && !c[s]->channels) {
                t->est[s * CCS_CMP_N + m].defined = 0;
            }
            if (is_channel_metric(m) && (!c[s]->channels || !c[0]->channels)) {
                t->diff[s * CCS_CMP_N + m].defined = 0;
            }
        }
    }
    for (int i = 0; i < CCS_CMP_BREAKDOWN_N; i++) {
        item_sums(c[0], i, ya, xa);
        for (int s = 0; s < n; s++) {
            item_sums(c[s], i, yb, xb);
            t->item[s * CCS_CMP_BREAKDOWN_N + i] = ccs_stats_mean(yb, R, 1);
            t->item[s * CCS_CMP_BREAKDOWN_N + i].defined = c[s]->costed;
            if (s > 0) {
                t->idiff[s * CCS_CMP_BREAKDOWN_N + i] = ccs_cmp_paired_diff(yb, xb, ya, xa, R);
                t->idiff[s * CCS_CMP_BREAKDOWN_N + i].defined &= c[s]->costed && c[0]->costed;
            }
        }
    }
done:
    free(ya);
    free(xa);
    free(yb);
    free(xb);
    return t;
}
