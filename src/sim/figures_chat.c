/*
 * figures_chat.c — the chat channel's estimates (ccs_chat_figures) from
 * the chat cells of the raw tallies: counts as means, fractions and
 * averages as ratios of sums over the replications (delta-method CIs), as
 * for calls (figures.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/figures.h"

#define CHSTRIDE CCS_TALLY_STRIDE(ccs_chat_tally)

/* Figures of intervals [k0, k1) from t[R] (scratch) and len[R]. */
static void chat_figures(const ccs_results *res, int k0, int k1, ccs_chat_tally *t,
                         double *len, double *num, double *den, ccs_chat_figures *f)
{
    int R = res->replications;
    size_t n = (size_t)R;
    for (int r = 0; r < R; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        memset(&t[r], 0, sizeof t[r]);
        for (int k = k0; k < k1; k++) {
            ccs_chat_tally_add(&t[r], ccs_chat_tally_at(&v, k));
        }
        len[r] = res->sc->interval_s * (k1 - k0);
    }
/* Counts and the longest wait cannot be negative: their CIs are clipped
 * at 0, as the calls' are. */
#define MEAN_(fig, field)                                \
    f->fig = ccs_stats_mean(&t[0].field, n, CHSTRIDE); \
    f->fig.lo = f->fig.lo < 0 ? 0 : f->fig.lo;
    MEAN_(offered, offered)
    MEAN_(answered, answered)
    MEAN_(abandoned, abandoned)
    MEAN_(blocked, blocked)
    MEAN_(max_wait_s, wait_max_s)
#undef MEAN_
#define RATIO_(fig, y, x, hi) f->fig = ccs_stats_ratio(&t[0].y, &t[0].x, n, CHSTRIDE, 0.0, hi);
    RATIO_(service_level, answered_in_sl, offered, 1.0)
    RATIO_(asa_s, wait_answered_s, answered, INFINITY)
    RATIO_(abandon_rate, abandoned, offered, 1.0)
    RATIO_(work_s, work_s, answered, INFINITY)
    RATIO_(concurrency, session_s, active_s, INFINITY)
#undef RATIO_
    for (int r = 0; r < R; r++) {
        num[r] = t[r].delayed;
        den[r] = t[r].offered - t[r].blocked;
    }
    f->prob_wait = ccs_stats_ratio(num, den, n, 1, 0.0, 1.0);
    for (int r = 0; r < R; r++) {
        num[r] = t[r].session_s;
    }
    f->sessions = ccs_stats_ratio(num, len, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        num[r] = t[r].queue_area;
    }
    f->avg_queue = ccs_stats_ratio(num, len, n, 1, 0.0, INFINITY);
    const ccs_scenario *sc = res->sc;
    for (int r = 0; r < R; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        num[r] = t[r].active_s;
        den[r] = 0;
        for (int g = 0; g < sc->n_groups; g++) {
            if (sc->groups[g].chat_slots > 0) {
                den[r] += ccs_tally_staffed_s(&v, k0, k1, &g, 1);
            }
        }
    }
    f->agent_share = ccs_stats_ratio(num, den, n, 1, 0.0, INFINITY);
}

int ccs__results_chat(ccs_results *res)
{
    const ccs_scenario *sc = res->sc;
    if (!sc->chat.on) {
        return CCS_OK;
    }
    int nk = sc->n_intervals;
    size_t R = (size_t)res->replications;
    res->chat = calloc(1, sizeof *res->chat);
    res->chat_intervals = calloc((size_t)nk, sizeof *res->chat_intervals);
    ccs_chat_tally *t = calloc(R, sizeof *t);
    double *len = calloc(R, sizeof *len), *num = calloc(R, sizeof *num);
    double *den = calloc(R, sizeof *den);
    int st = res->chat && res->chat_intervals && t && len && num && den ? CCS_OK : CCS_ENOMEM;
    for (int k = 0; st == CCS_OK && k < nk; k++) {
        chat_figures(res, k, k + 1, t, len, num, den, &res->chat_intervals[k]);
    }
    if (st == CCS_OK) {
        chat_figures(res, 0, nk, t, len, num, den, res->chat);
    }
    free(t);
    free(len);
    free(num);
    free(den);
    return st;
}

int ccs_results_chat(const ccs_results *res, int k0, int k1, ccs_chat_figures *out)
{
    const ccs_scenario *sc = res->sc;
    if (!sc->chat.on || k0 < 0 || k1 > sc->n_intervals || k0 >= k1) {
        return CCS_EINVAL;
    }
    size_t R = (size_t)res->replications;
    ccs_chat_tally *t = calloc(R, sizeof *t);
    double *len = calloc(R, sizeof *len), *num = calloc(R, sizeof *num);
    double *den = calloc(R, sizeof *den);
    int st = t && len && num && den ? CCS_OK : CCS_ENOMEM;
    if (st == CCS_OK) {
        chat_figures(res, k0, k1, t, len, num, den, out);
    }
    free(t);
    free(len);
    free(num);
    free(den);
    return st;
}
