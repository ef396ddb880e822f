/*
 * days.c — several days in one replication (horizon.days,
 * docs/backoffice.md "Several days").
 *
 * The scenario holds every day's intervals one after the other
 * (scenario_days.c).  The model runs one day at a time on a view of it: a
 * copy of the scenario whose call types, back-office types, chat and
 * campaigns point at the current day's rates and outcome probabilities and whose n_intervals is one day's, so the core,
 * the channels and the modules see an ordinary day.  Day d's tallies are
 * the slice of the replication's cells of its intervals (every kind is
 * interval-major, so a day is one contiguous run of cells).  Day d of
 * replication r draws the random numbers of replication r x days + d;
 * day 0 alone has the warm-up, and a day starts 24 h after the one
 * before: what carries over (the back-office backlog) is shifted by
 * day_shift.
 */
#include "model/core.h"

#include <stdlib.h>
#include <string.h>

int ccs_model_days_init_(ccs_model *m)
{
    const ccs_scenario *sc = m->sc_all;
    m->days = ccs_scenario_days(sc);
    m->day = 0;
    m->day_shift = 0;
    m->sc = sc;
    if (m->days > 1 && sc->round_the_clock) {
        /* Round the clock: the days are one stretch of days x 24 h, run
         * on the whole scenario (every table holds all days); what is
         * relative to a day (batches, campaign windows) repeats daily. */
        m->days = 1;
        return CCS_OK;
    }
    if (m->days == 1) {
        return CCS_OK;
    }
    m->day_types = calloc((size_t)sc->n_types + 1, sizeof *m->day_types);
    m->day_bo = calloc((size_t)sc->n_backoffice + 1, sizeof *m->day_bo);
    m->day_camp = calloc((size_t)sc->n_campaigns + 1, sizeof *m->day_camp);
    if (!m->day_types || !m->day_bo || !m->day_camp) {
        return CCS_ENOMEM;
    }
    /* (no memcpy from a NULL array, even of 0 bytes) */
    if (sc->n_types > 0) {
        memcpy(m->day_types, sc->types, (size_t)sc->n_types * sizeof *m->day_types);
    }
    if (sc->n_backoffice > 0) {
        memcpy(m->day_bo, sc->backoffice, (size_t)sc->n_backoffice * sizeof *m->day_bo);
    }
    if (sc->n_campaigns > 0) {
        memcpy(m->day_camp, sc->campaigns, (size_t)sc->n_campaigns * sizeof *m->day_camp);
    }
    m->day_sc = *sc;
    m->day_sc.n_intervals = sc->day_intervals;
    m->day_sc.days = 1;
    m->day_sc.types = m->day_types;
    m->day_sc.backoffice = m->day_bo;
    m->day_sc.campaigns = m->day_camp;
    m->sc = &m->day_sc;
    return CCS_OK;
}

void ccs_model_days_fini_(ccs_model *m)
{
    free(m->day_types);
    free(m->day_bo);
    free(m->day_camp);
}

/* The slice of day d (days of nk intervals) of out's cells. */
static ccs_tally_rep day_slice(const ccs_tally_rep *out, int nk, int d)
{
    ccs_tally_rep v = *out;
    v.d.intervals = nk;
    size_t o[CCS_TALLY_N_KINDS];
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        o[k] = (size_t)d * ccs_tally_cells(&v.d, (ccs_tally_kind)k);
    }
    v.type += o[CCS_TALLY_KIND_TYPE];
    v.group += o[CCS_TALLY_KIND_GROUP];
    v.campaign += o[CCS_TALLY_KIND_CAMPAIGN];
    v.cgroup += o[CCS_TALLY_KIND_CGROUP];
    v.staff += o[CCS_TALLY_KIND_STAFF];
    v.chat += o[CCS_TALLY_KIND_CHAT];
    v.xfer += o[CCS_TALLY_KIND_XFER];
    v.bo += o[CCS_TALLY_KIND_BO];
    v.bogroup += o[CCS_TALLY_KIND_BOGROUP];
    v.chatgroup += o[CCS_TALLY_KIND_CHATGROUP];
    return v;
}

void ccs_model_day_select_(ccs_model *m, const ccs_tally_rep *out, int d)
{
    const ccs_scenario *sc = m->sc_all;
    int nk = ccs_scenario_day_intervals(sc);
    double prev_w = m->clk.W;
    m->day = d;
    m->day_shift = d > 0 ? -(prev_w + 86400.0) : 0.0;
    m->clk.W = d == 0 ? sc->warmup_s : 0.0;
    m->clk.day_end = m->clk.W + m->clk.L * m->clk.nk;
    if (m->days == 1) {
        m->tal = *out;
        return;
    }
    m->tal = day_slice(out, nk, d);
    m->agents.day_off = d * nk;   /* groups with a schedule per day */
    size_t off = (size_t)d * (size_t)nk;
    for (int t = 0; t < sc->n_types; t++) {
        m->day_types[t].rate_per_hour = sc->types[t].rate_per_hour + off;
    }
    for (int b = 0; b < sc->n_backoffice; b++) {
        m->day_bo[b].rate_per_hour = sc->backoffice[b].rate_per_hour + off;
    }
    if (sc->chat.on) {
        m->day_sc.chat.rate_per_hour = sc->chat.rate_per_hour + off;
    }
    for (int c = 0; c < sc->n_campaigns; c++) {
        m->day_camp[c].p = sc->campaigns[c].p + off * CCS_N_OUTCOMES;
    }
}
