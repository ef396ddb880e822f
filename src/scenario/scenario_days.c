/*
 * scenario_days.c — several days (horizon.days, horizon.day_factors;
 * docs/backoffice.md, "Several days").
 *
 * The file describes one day: every per-interval list holds one day's
 * intervals.  With days = N > 1 the reader, once every section is read,
 * repeats the day N times (ccs__expand_days): n_intervals becomes N x the
 * day's intervals, each call type's, back-office type's and the chat rates are
 * multiplied by the day's factor, and each group's counts repeat (unless
 * the group gave a schedule per day: days x intervals counts).  Day d
 * starts 24 h after day d - 1, so the day may last at most 24 h; the
 * nights are closed (no arrivals, no agents).  The model runs the days one
 * after the other (core.c): the back-office backlog carries over, the
 * voice queue is cleared at each day's end as on one day.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_sections.h"

int ccs__read_days(ccs__reader *r, const config_setting_t *h)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *d = config_setting_get_member(h, "days");
    const config_setting_t *f = config_setting_get_member(h, "day_factors");
    if (d && ccs__opt_int(r, h, "days", 1, CCS_MAX_DAYS, &sc->days) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (sc->days > 1 && sc->n_intervals * sc->interval_s > 86400.0) {
        return ccs__fail_at(r, d,
                            "expected a day of at most 24 h with days > 1 (each day starts 24 h "
                            "after the one before), got %d intervals of %g min",
                            sc->n_intervals, sc->interval_s / 60.0);
    }
    if ((double)sc->days * sc->n_intervals > 100000.0) {
        return ccs__fail_at(r, d, "expected days x intervals of at most 100000, got %d x %d",
                            sc->days, sc->n_intervals);
    }
    const config_setting_t *rc = config_setting_get_member(h, "round_the_clock");
    if (rc) {
        if (ccs__get_bool(r, rc, &sc->round_the_clock) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (sc->round_the_clock && fabs(sc->n_intervals * sc->interval_s - 86400.0) > 1e-6) {
            return ccs__fail_at(r, rc,
                                "expected a day of exactly 24 h with round_the_clock = true (the "
                                "days follow one another without a night), got %d intervals of "
                                "%g min",
                                sc->n_intervals, sc->interval_s / 60.0);
        }
    }
    if (!f) {
        return CCS_OK;
    }
    int n = 0;
    if (ccs__get_values(r, f, NULL, "a volume factor", 0.0, 0, 1000.0, &sc->day_factor, &n) !=
        CCS_OK) {
        return CCS_ECONFIG;
    }
    if (n != sc->days) {
        return ccs__fail_at(r, f, "expected one factor per day (%d, horizon.days), got %d",
                            sc->days, n);
    }
    return CCS_OK;
}

/* A new array of n x days values: day d's copy of v[0..n) times
 * factor[d] (1 when factor is NULL). */
static double *repeat(const double *v, int n, int days, const double *factor)
{
    double *out = malloc((size_t)n * (size_t)days * sizeof *out);
    for (int d = 0; out && d < days; d++) {
        double x = factor ? factor[d] : 1.0;
        for (int k = 0; k < n; k++) {
            out[(size_t)d * (size_t)n + (size_t)k] = v[k] * x;
        }
    }
    return out;
}

int ccs__expand_days(ccs__reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    int days = sc->days, nk = sc->n_intervals;
    if (days <= 1 && !sc->day_factor) {
        return CCS_OK;
    }
    const config_setting_t *h = config_setting_get_member(root, "horizon");
    const config_setting_t *at = config_setting_get_member(h, "days");
    if (!at) {
        at = config_setting_get_member(h, "day_factors");
    }
    double cells = (double)nk * days * (sc->n_types + 1) * (sc->n_groups + 1) +
                   (double)nk * days * sc->n_backoffice * (sc->n_groups + 1);
    if (cells > CCS_MAX_TALLY_CELLS) {
        return ccs__fail_at(r, at,
                            "expected days x intervals x (types + 1) x (groups + 1) of at most "
                            "%.0e tally cells, got %.3g",
                            CCS_MAX_TALLY_CELLS, cells);
    }
    for (int t = 0; t < sc->n_types; t++) {
        double *v = repeat(sc->types[t].rate_per_hour, nk, days, sc->day_factor);
        if (!v) {
            return ccs__fail_nomem(r);
        }
        free(sc->types[t].rate_per_hour);
        sc->types[t].rate_per_hour = v;
    }
    for (int b = 0; b < sc->n_backoffice; b++) {
        double *v = repeat(sc->backoffice[b].rate_per_hour, nk, days, sc->day_factor);
        if (!v) {
            return ccs__fail_nomem(r);
        }
        free(sc->backoffice[b].rate_per_hour);
        sc->backoffice[b].rate_per_hour = v;
    }
    for (int c = 0; c < sc->n_campaigns; c++) {
        /* outcome probabilities per interval: the same every day */
        double *v = repeat(sc->campaigns[c].p, nk * CCS_N_OUTCOMES, days, NULL);
        if (!v) {
            return ccs__fail_nomem(r);
        }
        free(sc->campaigns[c].p);
        sc->campaigns[c].p = v;
    }
    if (sc->chat.on) {
        double *v = repeat(sc->chat.rate_per_hour, nk, days, sc->day_factor);
        if (!v) {
            return ccs__fail_nomem(r);
        }
        free(sc->chat.rate_per_hour);
        sc->chat.rate_per_hour = v;
    }
    for (int g = 0; g < sc->n_groups; g++) {
        if (sc->groups[g].count_by_day) {
            continue;   /* already days x intervals (read_count) */
        }
        int *c = malloc((size_t)nk * (size_t)days * sizeof *c);
        if (!c) {
            return ccs__fail_nomem(r);
        }
        for (int d = 0; d < days; d++) {
            memcpy(c + (size_t)d * (size_t)nk, sc->groups[g].count, (size_t)nk * sizeof *c);
        }
        free(sc->groups[g].count);
        sc->groups[g].count = c;
    }
    sc->day_intervals = nk;
    sc->n_intervals = nk * days;
    return CCS_OK;
}
