/*
 * callback_figures.c — the callback figures of a run (docs/callbacks.md)
 * from the type cells' callback fields (tallies.h,
 * CCS_TALLY_CALLBACK_FIELDS): counts as means over replications with
 * Student-t CIs, shares and the time to callback as ratios of sums with
 * delta-method CIs.  Every call type counts; a caller is counted in the
 * interval it arrived in.
 */
#include <math.h>
#include <stdlib.h>

#include "sim/figures.h"

/* The per-replication sums of the callback fields over intervals [k0, k1),
 * every type: sums[r] is a cell. */
static void sum_cells(const ccs_results *res, int k0, int k1, ccs_tally *sums, int R)
{
    const ccs_scenario *sc = res->sc;
    for (int r = 0; r < R; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        ccs_tally *s = &sums[r];
#define ZERO_(name, rule, doc) s->name = 0;
        CCS_TALLY_CALLBACK_FIELDS(ZERO_)
#undef ZERO_
        for (int k = k0; k < k1; k++) {
            for (int t = 0; t < sc->n_types; t++) {
                const ccs_tally *c = ccs_tally_at(&v, k, t);
#define ADD_(name, rule, doc) s->name += c->name;
                CCS_TALLY_CALLBACK_FIELDS(ADD_)
#undef ADD_
            }
        }
    }
}

static ccs_estimate count_of(const double *x, int R)
{
    ccs_estimate e = ccs_stats_mean(x, (size_t)R, CCS_TALLY_STRIDE(ccs_tally));
    if (e.lo < 0) {
        e.lo = 0;
    }
    return e;
}

static void figures_of(const ccs_tally *s, int R, ccs_callback_figures *f)
{
    size_t n = (size_t)R, st = CCS_TALLY_STRIDE(ccs_tally);
    f->offered = count_of(&s[0].cb_offered, R);
    f->accepted = count_of(&s[0].cb_accepted, R);
    f->completed = count_of(&s[0].cb_completed, R);
    f->failed = count_of(&s[0].cb_failed, R);
    f->pending = count_of(&s[0].cb_pending, R);
    f->dials = count_of(&s[0].cb_dials, R);
    f->accept_rate = ccs_stats_ratio(&s[0].cb_accepted, &s[0].cb_offered, n, st, 0.0, 1.0);
    f->time_to_callback_s =
        ccs_stats_ratio(&s[0].cb_wait_s, &s[0].cb_completed, n, st, 0.0, INFINITY);
    f->promises_kept = ccs_stats_ratio(&s[0].cb_kept, &s[0].cb_accepted, n, st, 0.0, 1.0);
}

int ccs__callback_estimate(ccs_results *res)
{
    const ccs_scenario *sc = res->sc;
    if (!sc->callbacks.on) {
        return CCS_OK;
    }
    int R = ccs_tallies_reps(res->tallies), nk = sc->n_intervals;
    ccs_tally *sums = calloc((size_t)R, sizeof *sums);
    res->callbacks = calloc(1, sizeof *res->callbacks);
    res->callback_intervals = calloc((size_t)nk, sizeof *res->callback_intervals);
    if (!sums || !res->callbacks || !res->callback_intervals) {
        free(sums);
        return CCS_ENOMEM;
    }
    for (int k = 0; k < nk; k++) {
        sum_cells(res, k, k + 1, sums, R);
        figures_of(sums, R, &res->callback_intervals[k]);
    }
    sum_cells(res, 0, nk, sums, R);
    figures_of(sums, R, res->callbacks);
    free(sums);
    return CCS_OK;
}
