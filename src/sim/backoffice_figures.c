/*
 * backoffice_figures.c — the back office's estimates (backoffice.h) from
 * the raw tallies' bo cells, replication by replication.
 */
#include "ccsim/backoffice.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Per-replication sums of one row, one array of R values per quantity. */
enum {
    S_ARRIVED, S_DONE, S_ON_TIME, S_WAIT, S_SOJOURN, S_HANDLE, S_BY_VOICE, S_BUSY,
    S_VOICE_BUSY, S_BACKLOG, S_LATE, S_OLDEST, S_N
};

static ccs_estimate count(const double *x, size_t n)
{
    ccs_estimate e = ccs_stats_mean(x, n, 1);
    if (e.lo < 0) {
        e.lo = 0;
    }
    return e;
}

int ccs_results_backoffice(const ccs_results *r, int b, int k0, int k1, ccs_bo_figures *out)
{
    const ccs_scenario *sc = r->sc;
    memset(out, 0, sizeof *out);
    if (b < 0 || b >= sc->n_backoffice || k0 < 0 || k1 > sc->n_intervals || k0 >= k1) {
        return CCS_EINVAL;
    }
    size_t R = (size_t)r->replications;
    double *s = calloc(R * S_N, sizeof *s);
    if (!s) {
        return CCS_ENOMEM;
    }
    double *x[S_N];
    for (int i = 0; i < S_N; i++) {
        x[i] = s + (size_t)i * R;
    }
    for (size_t rep = 0; rep < R; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, (int)rep);
        for (int k = k0; k < k1; k++) {
            const ccs_bo_tally *t = ccs_bo_tally_at(&v, k, b);
            x[S_ARRIVED][rep] += t->arrived;
            x[S_DONE][rep] += t->done;
            x[S_ON_TIME][rep] += t->done_on_time;
            x[S_WAIT][rep] += t->wait_s;
            x[S_SOJOURN][rep] += t->sojourn_s;
            x[S_HANDLE][rep] += t->handle_s;
            x[S_BY_VOICE][rep] += t->done_by_voice;
            x[S_BUSY][rep] += t->busy_s / 3600.0;
            x[S_VOICE_BUSY][rep] += t->voice_busy_s / 3600.0;
            if (t->oldest_age_s > x[S_OLDEST][rep]) {
                x[S_OLDEST][rep] = t->oldest_age_s;
            }
        }
        const ccs_bo_tally *last = ccs_bo_tally_at(&v, k1 - 1, b);
        x[S_BACKLOG][rep] = last->backlog;
        x[S_LATE][rep] = last->backlog_late;
    }
    out->arrived = count(x[S_ARRIVED], R);
    out->done = count(x[S_DONE], R);
    out->on_time_share = ccs_stats_ratio(x[S_ON_TIME], x[S_DONE], R, 1, 0.0, 1.0);
    out->backlog = count(x[S_BACKLOG], R);
    out->backlog_late = count(x[S_LATE], R);
    out->oldest_age_s = count(x[S_OLDEST], R);
    out->wait_s = ccs_stats_ratio(x[S_WAIT], x[S_DONE], R, 1, 0.0, INFINITY);
    out->sojourn_s = ccs_stats_ratio(x[S_SOJOURN], x[S_DONE], R, 1, 0.0, INFINITY);
    out->aht_s = ccs_stats_ratio(x[S_HANDLE], x[S_DONE], R, 1, 0.0, INFINITY);
    out->agent_hours = count(x[S_BUSY], R);
    out->voice_agent_hours = count(x[S_VOICE_BUSY], R);
    out->voice_share = ccs_stats_ratio(x[S_BY_VOICE], x[S_DONE], R, 1, 0.0, 1.0);
    free(s);
    return CCS_OK;
}
