/*
 * requirements.c — a forecast staffed interval by interval (see
 * requirements.h).  Each interval is an independent Erlang C/A question at
 * the interval's mean rate (calls x 3600 / interval length per hour); with
 * uncertainty, one ccs_uncertainty model serves every interval.
 */
#include "ccsim/requirements.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ccs_requirements_plan_free(ccs_requirements_plan *p)
{
    if (!p) {
        return;
    }
    free(p->rows);
    free(p);
}

static void empty_row(ccs_requirements_row *r)
{
    r->required_agents = 0;
    r->scheduled_agents = 0;
    memset(&r->at, 0, sizeof r->at);
    r->at.stable = 1;
    r->at.service_level = 1.0;
    r->at.service_level_answered = 1.0;
    memset(&r->unc, 0, sizeof r->unc);
    r->unc.prob_meet = r->unc.prob_meet_mean = 1.0;
    r->unc.expected_sl = r->unc.expected_sl_mean = 1.0;
}

ccs_requirements_plan *ccs_requirements_compute(const ccs_forecast *fc,
                                                const ccs_requirements_spec *spec,
                                                ccs_error *err)
{
    const ccs_interval_grid *g = &fc->g;
    ccs_requirements_plan *p = calloc(1, sizeof *p);
    ccs_uncertainty *u = NULL;
    if (!p || !(p->rows = calloc((size_t)g->n, sizeof *p->rows))) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    snprintf(p->file, sizeof p->file, "%s", fc->file);
    p->spec = *spec;
    p->interval_s = g->interval_s;
    p->n_days = g->n_days;
    p->n = g->n;
    p->uncertain = spec->volume_cv > 0 || spec->absenteeism > 0 || spec->confidence > 0;
    if (p->uncertain) {
        u = ccs_uncertainty_new(spec->volume_cv, spec->absenteeism, err);
        if (!u) {
            goto fail;
        }
    }
    double hours = g->interval_s / 3600.0;
    for (int i = 0; i < g->n; i++) {
        ccs_requirements_row *r = &p->rows[i];
        r->day = g->day[i / g->per_day];
        r->start_s = g->start_s + (i % g->per_day) * g->interval_s;
        r->calls = fc->calls[i];
        r->aht_s = fc->aht_s[i] > 0 ? fc->aht_s[i] : spec->aht_s;
        r->patience_s = fc->patience_s[i] > 0 ? fc->patience_s[i] : spec->patience_s;
        p->calls += r->calls;
        if (!(r->aht_s > 0)) {
            ccs_error_set(err, CCS_ECONFIG, fc->file, g->line[i], "aht",
                          fc->has_aht ? "empty cell and no default: give `aht_s`"
                                      : "the forecast has no aht column: give `aht_s`");
            goto fail;
        }
        double rate = r->calls * 3600.0 / g->interval_s;
        r->offered_load = rate * r->aht_s / 3600.0;
        if (r->calls <= 0) {
            empty_row(r);
            continue;
        }
        ccs_erlang_query q = {rate, r->aht_s, r->patience_s, spec->threshold_s};
        ccs_staffing_targets t = spec->targets;
        if (t.max_abandon > 0 && q.patience_s == 0) {
            t.max_abandon = 0;   /* no patience in this row: nobody abandons */
        }
        int rc;
        if (p->uncertain) {
            rc = ccs_uncertainty_staff(u, &q, &t, spec->confidence, &r->unc, err);
            r->required_agents = spec->confidence > 0 ? r->unc.agents : r->unc.mean_agents;
            r->scheduled_agents = ccs_erlang_scheduled(r->required_agents, t.shrinkage);
        } else {
            ccs_staffing_result res;
            rc = ccs_erlang_staff(&q, &t, &res, err);
            r->required_agents = res.agents;
            r->scheduled_agents = res.scheduled_agents;
        }
        if (rc != CCS_OK) {
            char where[64], hh[8];
            snprintf(where, sizeof where, " (interval %s of day %d, line %d)",
                     ccs_clock_hhmm(r->start_s, hh, sizeof hh), r->day, g->line[i]);
            size_t n = strlen(err->msg);
            snprintf(err->msg + n, sizeof err->msg - n, "%s", where);
            goto fail;
        }
        rc = ccs_erlang_eval(&q, r->required_agents, &r->at);
        if (rc != CCS_OK && rc != CCS_EUNSTABLE) {
            ccs_error_set(err, CCS_EINVAL, fc->file, g->line[i], "calls",
                          "cannot evaluate %d agents", r->required_agents);
            goto fail;
        }
        p->required_agent_hours += r->required_agents * hours;
        p->scheduled_agent_hours += r->scheduled_agents * hours;
    }
    ccs_uncertainty_free(u);
    return p;
fail:
    ccs_uncertainty_free(u);
    ccs_requirements_plan_free(p);
    return NULL;
}
