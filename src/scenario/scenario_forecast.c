/*
 * scenario_forecast.c — a call type's `forecast` key (see
 * scenario_forecast.h): the CSV read by forecast.c, fitted to the horizon.
 *
 * Invariant: every rejection names either the CSV's file:line and column
 * (bad content, a handle time that disagrees) or the scenario's file:line
 * and key (unreadable file, a forecast that does not fit the horizon), and
 * quotes file names with control characters escaped.
 */
#include "scenario/scenario_forecast.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <sys/stat.h>

#include "ccsim/dist.h"
#include "ccsim/workload.h"

/* s for a message: at most 120 characters, control bytes as \xNN. */
/* name relative to the directory of `base` (the file that names it);
 * absolute names, and bases without a directory, are taken as they are. */
static int resolve(const char *base, const char *name, char *out, size_t n)
{
    const char *slash = base ? strrchr(base, '/') : NULL;
    int w;
    if (name[0] == '/' || !slash) {
        w = snprintf(out, n, "%s", name);
    } else {
        w = snprintf(out, n, "%.*s/%s", (int)(slash - base), base, name);
    }
    return w >= 0 && (size_t)w < n ? 0 : -1;
}

ccs_forecast *ccs__forecast_for_scenario(const char *name, const ccs__key_at *at,
                                         const ccs_scenario *sc, double *rates, ccs_error *err)
{
    char path[1024], sp[200];
    if (resolve(at->file, name, path, sizeof path) != 0) {
        ccs_error_set(err, CCS_ECONFIG, at->file, at->line, at->key,
                      "file name too long (at most %zu characters with its directory)",
                      sizeof path - 1);
        return NULL;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A directory, a device or a FIFO (which could block): refused. */
        ccs_error_set(err, CCS_ECONFIG, at->file, at->line, at->key,
                      "'%s' is not a regular file: expected a CSV file",
                      ccs_clip(sp, sizeof sp, path, 120));
        return NULL;
    }
    ccs_error fe;
    ccs_error_clear(&fe);
    ccs_forecast *fc = ccs_forecast_load(path, &fe);
    if (!fc) {
        if (fe.code == CCS_ECONFIG) {
            /* The CSV's own file:line and column; say which key read it. */
            *err = fe;
            size_t len = strlen(err->msg);
            snprintf(err->msg + len, sizeof err->msg - len, " (read for %s, %s:%d)",
                     at->key, at->file, at->line);
        } else if (fe.code == CCS_ENOMEM) {
            ccs_error_set(err, CCS_ENOMEM, at->file, 0, NULL, "out of memory");
        } else {
            const char *why = strncmp(fe.msg, "cannot read: ", 13) == 0 ? fe.msg + 13 : fe.msg;
            ccs_error_set(err, CCS_ECONFIG, at->file, at->line, at->key,
                          "cannot read the forecast '%s': %s%s", ccs_clip(sp, sizeof sp, path, 120), why,
                          name[0] == '/' ? "" : " (a path relative to this file's directory)");
        }
        return NULL;
    }
    const ccs_interval_grid *g = &fc->g;
    char a[8], b[8];
    ccs_clip(sp, sizeof sp, path, 120);
    if (g->n_days != 1) {
        ccs_error_set(err, CCS_ECONFIG, at->file, at->line, at->key,
                      "'%s' holds %d days (a `day` column); a scenario simulates one day: "
                      "give a file with one day's rows",
                      sp, g->n_days);
    } else if (fabs(g->interval_s - sc->interval_s) > 1e-6) {
        ccs_error_set(err, CCS_ECONFIG, at->file, at->line, at->key,
                      "'%s' has intervals of %g min but horizon.interval_minutes is %g: they "
                      "must agree",
                      sp, g->interval_s / 60.0, sc->interval_s / 60.0);
    } else if (g->per_day != sc->n_intervals) {
        ccs_error_set(err, CCS_ECONFIG, at->file, at->line, at->key,
                      "'%s' has %d intervals but horizon.intervals is %d: they must agree", sp,
                      g->per_day, sc->n_intervals);
    } else if (fabs(g->start_s - sc->start_s) > 1e-6) {
        ccs_error_set(err, CCS_ECONFIG, at->file, at->line, at->key,
                      "'%s' starts at %s but horizon.start is %s: they must agree (set "
                      "horizon.start = \"%s\";)",
                      sp, ccs_clock_hhmm(g->start_s, a, sizeof a),
                      ccs_clock_hhmm(sc->start_s, b, sizeof b), a);
    } else {
        /* As calls_per_interval: count x (3600 / interval length). */
        double scale = 3600.0 / sc->interval_s;
        for (int i = 0; i < g->n; i++) {
            rates[i] = fc->calls[i] * scale;
        }
        return fc;
    }
    ccs_forecast_free(fc);
    return NULL;
}

/* The first non-empty cell of col[] (0 = empty) farther than
 * CCS__FORECAST_SAME_S from `mean`; -1 if none. */
static int first_off(const ccs_forecast *fc, const double *col, double mean)
{
    for (int i = 0; i < fc->g.n; i++) {
        if (col[i] > 0 && !(fabs(col[i] - mean) <= CCS__FORECAST_SAME_S)) {
            return i;
        }
    }
    return -1;
}

int ccs__forecast_check_type(const ccs_forecast *fc, const ccs_call_type *ct, ccs_error *err)
{
    if (fc->has_aht) {
        double aht = ccs_workload_type_aht(ct);
        int i = first_off(fc, fc->aht_s, aht);
        if (i >= 0) {
            return ccs_error_set(err, CCS_ECONFIG, fc->file, fc->g.line[i], "aht",
                                 "%g s, but call type \"%.40s\" has a mean handle time of %g "
                                 "s: it has one handle-time distribution for the day, so a "
                                 "per-interval aht is not simulated; leave the column empty or "
                                 "make them agree",
                                 fc->aht_s[i], ct->name, aht);
        }
    }
    if (fc->has_patience) {
        int none = ct->patience.kind == CCS_DIST_NONE;
        double pat = none ? 0.0 : ccs_dist_mean(&ct->patience);
        int i = first_off(fc, fc->patience_s, pat);
        if (i >= 0 && none) {
            return ccs_error_set(err, CCS_ECONFIG, fc->file, fc->g.line[i], "patience",
                                 "%g s, but call type \"%.40s\" has no patience (its callers "
                                 "never abandon): give it one (patience = { dist = "
                                 "\"exponential\"; mean = %g; }) or leave the column empty",
                                 fc->patience_s[i], ct->name, fc->patience_s[i]);
        }
        if (i >= 0) {
            return ccs_error_set(err, CCS_ECONFIG, fc->file, fc->g.line[i], "patience",
                                 "%g s, but call type \"%.40s\" has a mean patience of %g s: "
                                 "it has one patience distribution for the day; leave the "
                                 "column empty or make them agree",
                                 fc->patience_s[i], ct->name, pat);
        }
    }
    return CCS_OK;
}
