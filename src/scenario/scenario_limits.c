/*
 * scenario_limits.c — the bounds of scenario.h on the run as a whole,
 * checked once every section is read: expected calls per replication,
 * repeat contacts and transfers included, and repeats that would never
 * end.  (The tally
 * cells are bounded as each list is read, scenario_reader_lists.c; each
 * key's own range where it is read.)
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ccsim/workload.h"
#include "scenario/scenario_sections.h"

/* Expected repeat contacts per fresh contact of type t, at most: each
 * contact is resolved with probability fcr (the lowest of the groups that
 * answer t), and a repeat comes at least a mean repeat delay after the
 * last, within the run's `span` seconds.  INFINITY when neither bounds it. */
static double repeat_factor(const ccs_scenario *sc, int t, double span, int *low_group)
{
    double fcr = 1.0;
    *low_group = -1;
    for (int g = 0; g < sc->n_groups; g++) {
        for (int i = 0; i < sc->groups[g].n_serves; i++) {
            double f = ccs_group_skill_fcr(&sc->groups[g], i);
            if (sc->groups[g].serves[i] == t && f < fcr) {
                fcr = f;
                *low_group = g;
            }
        }
    }
    if (fcr >= 1.0) {
        return 1.0;
    }
    double by_fcr = fcr > 0.0 ? 1.0 / fcr : INFINITY;
    double delay = ccs_dist_mean(&sc->types[t].repeat_delay);
    double by_time = delay > 0.0 ? 1.0 + span / delay : INFINITY;
    return by_fcr < by_time ? by_fcr : by_time;
}

/* The bound of scenario.h on the run as a whole: expected calls per
 * replication (the tally cells are checked as the lists are read). */
int ccs__check_volume(ccs__reader *r, const config_setting_t *root)
{
    const ccs_scenario *sc = r->sc;
    const double span = sc->warmup_s + sc->n_intervals * sc->interval_s;
    double total = 0.0, worst = -1.0;
    int worst_t = -1;
    /* Transfers: each customer makes legs[t] contacts on average (checked
     * against its bound when the transfers were read). */
    double *legs = calloc((size_t)sc->n_types + 1, sizeof *legs);
    if (!legs) {
        return ccs__fail_nomem(r);
    }
    if (ccs__transfer_contacts(sc, legs) == -2) {
        free(legs);
        return ccs__fail_nomem(r);
    }
    for (int t = 0; t < sc->n_types; t++) {
        const ccs_call_type *ct = &sc->types[t];
        double fresh = ccs_workload_arrivals(sc, t);
        int g = -1;
        double f = repeat_factor(sc, t, span, &g);
        if (isinf(f) && fresh > 0.0) {
            free(legs);
            const config_setting_t *calls = config_setting_get_member(root, "calls");
            return ccs__fail_at(r, config_setting_get_elem(calls, (unsigned)t),
                                "call type \"%s\" would repeat without end: fcr %g (agent group "
                                "\"%s\") with a repeat_delay of mean 0; expected fcr > 0 or a "
                                "repeat_delay with mean > 0",
                                ct->name,
                                ccs_group_skill_fcr(&sc->groups[g],
                                                    ccs_group_skill_index(&sc->groups[g], t)),
                                sc->groups[g].name);
        }
        double calls = fresh * f * legs[t];
        total += calls;
        if (calls > worst) {
            worst = calls;
            worst_t = t;
        }
    }
    free(legs);
    if (!(total <= CCS_MAX_ARRIVALS)) {
        const config_setting_t *calls = config_setting_get_member(root, "calls");
        const config_setting_t *ct = config_setting_get_elem(calls, (unsigned)worst_t);
        const config_setting_t *at = config_setting_get_member(ct, "calls_per_hour");
        at = at ? at : config_setting_get_member(ct, "calls_per_interval");
        char got[64];
        if (isfinite(total)) {
            snprintf(got, sizeof got, "%.3g", total);
        } else {
            snprintf(got, sizeof got, "more than %g", DBL_MAX);
        }
        return ccs__fail_at(r, at ? at : ct,
                            "expected at most %g calls per replication (all call types, warm-up "
                            "and repeat contacts included), got %s",
                            CCS_MAX_ARRIVALS, got);
    }
    return CCS_OK;
}
