/*
 * workload.c — offered load from a scenario's inputs (see workload.h).
 * Pure functions of the scenario: no state, no allocation.
 */
#include "ccsim/workload.h"

#include <math.h>

#include "ccsim/dist.h"

int ccs_workload_primary_group(const ccs_scenario *sc, int t)
{
    int best = -1;
    double best_after = INFINITY;
    for (int g = 0; g < sc->n_groups; g++) {
        const ccs_agent_group *gr = &sc->groups[g];
        for (int i = 0; i < gr->n_serves; i++) {
            if (gr->serves[i] != t) {
                continue;
            }
            double after = gr->serve_after_s ? gr->serve_after_s[i] : 0.0;
            if (best < 0 || after < best_after) {
                best = g;
                best_after = after;
            }
            break;
        }
    }
    return best;
}

double ccs_workload_rate(const ccs_scenario *sc, int t, int k, int g)
{
    double rate = sc->types[t].rate_per_hour[k];
    if (g < 0) {
        return rate;
    }
    const ccs_agent_group *gr = &sc->groups[g];
    int i = ccs_group_skill_index(gr, t);
    double fcr = i >= 0 ? ccs_group_skill_fcr(gr, i) : gr->fcr;
    return rate / (fcr > CCS_WORKLOAD_MIN_FCR ? fcr : CCS_WORKLOAD_MIN_FCR);
}

double ccs_workload_type_aht(const ccs_call_type *ct)
{
    return ccs_dist_mean(&ct->talk) + ccs_dist_mean(&ct->acw);
}

double ccs_workload_aht(const ccs_scenario *sc, int t, int g)
{
    double aht = ccs_workload_type_aht(&sc->types[t]);
    if (g < 0) {
        return aht;
    }
    const ccs_agent_group *gr = &sc->groups[g];
    int i = ccs_group_skill_index(gr, t);
    return aht * (i >= 0 ? ccs_group_skill_aht(gr, i) : gr->aht_factor);
}

double ccs_workload_erlangs(const ccs_scenario *sc, int t, int k, int g)
{
    return ccs_workload_rate(sc, t, k, g) / 3600.0 * ccs_workload_aht(sc, t, g);
}

double ccs_workload_interval(const ccs_scenario *sc, int k)
{
    double load = 0.0;
    for (int t = 0; t < sc->n_types; t++) {
        load += ccs_workload_erlangs(sc, t, k, ccs_workload_primary_group(sc, t));
    }
    return load;
}

int ccs_workload_scale(ccs_scenario *sc, double factor, ccs_error *err)
{
    if (!(isfinite(factor) && factor > 0 && factor <= CCS_WORKLOAD_MAX_FACTOR)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "volume_factor",
                             "expected a number > 0 and at most %g (e.g. 1.1 for 10%% more "
                             "calls), got %g",
                             CCS_WORKLOAD_MAX_FACTOR, factor);
    }
    double arrivals = 0.0;
    for (int t = 0; t < sc->n_types; t++) {
        arrivals += ccs_workload_arrivals(sc, t) * factor;
    }
    if (!(arrivals <= CCS_WORKLOAD_MAX_ARRIVALS)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "volume_factor",
                             "%g makes %.3g expected arrivals per replication; at most %.0e",
                             factor, arrivals, CCS_WORKLOAD_MAX_ARRIVALS);
    }
    for (int t = 0; t < sc->n_types; t++) {
        for (int k = 0; k < sc->n_intervals; k++) {
            sc->types[t].rate_per_hour[k] *= factor;
        }
    }
    sc->volume_factor *= factor;
    return CCS_OK;
}

double ccs_workload_group(const ccs_scenario *sc, int g, int k)
{
    double load = 0.0;
    const ccs_agent_group *gr = &sc->groups[g];
    for (int i = 0; i < gr->n_serves; i++) {
        load += ccs_workload_erlangs(sc, gr->serves[i], k, g);
    }
    return load;
}

double ccs_workload_arrivals(const ccs_scenario *sc, int t)
{
    const double *rate = sc->types[t].rate_per_hour;
    double n = rate[0] / 3600.0 * sc->warmup_s;
    for (int k = 0; k < sc->n_intervals; k++) {
        n += rate[k] / 3600.0 * sc->interval_s;
    }
    return n;
}

int ccs_workload_agents(const ccs_scenario *sc, int k)
{
    int n = 0;
    for (int g = 0; g < sc->n_groups; g++) {
        n += sc->groups[g].count[k];
    }
    return n;
}

double ccs_workload_staffed_s(const ccs_scenario *sc, int g, int k)
{
    return sc->groups[g].count[k] * sc->interval_s;
}

int ccs_workload_overloaded(const ccs_scenario *sc, int k)
{
    int stuck = 0;   /* some arriving type can only leave by being served */
    for (int t = 0; t < sc->n_types; t++) {
        const ccs_call_type *ct = &sc->types[t];
        if (ct->rate_per_hour[k] > 0 && ct->patience.kind == CCS_DIST_NONE &&
            ct->queue_capacity < 0) {
            stuck = 1;
        }
    }
    double load = ccs_workload_interval(sc, k);
    return stuck && load > 0 && load >= (double)ccs_workload_agents(sc, k);
}

double ccs_workload_campaign_aht(const ccs_campaign *cp)
{
    return ccs_dist_mean(&cp->talk[CCS_OUT_RIGHT_PARTY]) + ccs_dist_mean(&cp->wrap);
}
