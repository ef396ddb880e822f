/*
 * schedule_repair.c — simulate and repair (see schedule.h): solve, put the
 * roster's agents on duty per interval into the scenario's group, simulate
 * the day with queues carried across intervals, raise the requirement
 * where an interval misses its target, and solve again.
 *
 * Each round simulates with the scenario's seed, so successive rosters are
 * compared on the same callers (common random numbers).  The raise of a
 * missed interval is the simulated shortfall in SL divided by the SL one
 * more agent buys at the interval's load by Erlang C, rounded up, at least
 * one agent and at most a quarter of the roster there (plus one), counted
 * from what the roster already had on duty.  Like staff.c, it works on a
 * shallow copy of the scenario whose groups, types and count arrays are
 * its own; the caller's scenario is never touched.
 */
#include "ccsim/schedule.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/erlang.h"
#include "ccsim/workload.h"

void ccs_repair_result_free(ccs_repair_result *r)
{
    if (!r) {
        return;
    }
    free(r->rounds);
    ccs_schedule_result_free(r->final);
    free(r->simulated);
    free(r->meets);
    free(r->target);
    free(r);
}

/* Erlang C SL one more agent buys at interval k's traffic for group g,
 * from n agents; 0.05 when there is no traffic to judge by. */
static double sl_slope(const ccs_scenario *sc, int g, int k, int n, double thr)
{
    const ccs_agent_group *gr = &sc->groups[g];
    double rate = 0, work = 0;
    for (int i = 0; i < gr->n_serves; i++) {
        const ccs_call_type *ct = &sc->types[gr->serves[i]];
        double r = ct->rate_per_hour[k];
        rate += r;
        work += r * ccs_workload_type_aht(ct);
    }
    if (rate <= 0 || work <= 0) {
        return 0.05;
    }
    ccs_erlang_query q = {rate, work / rate, 0, thr};
    ccs_erlang_metrics a, b;
    int n0 = n < 1 ? 1 : n;
    int ra = ccs_erlang_eval(&q, n0, &a);
    int rb = ccs_erlang_eval(&q, n0 + 1, &b);
    double sa = ra == CCS_OK ? a.service_level : 0.0;
    double sb = rb == CCS_OK ? b.service_level : 0.0;
    double d = sb - sa;
    return d > 1e-3 ? d : 1e-3;
}

ccs_repair_result *ccs_schedule_repair(const ccs_shift_set *s, const ccs_requirements *req,
                                       const ccs_schedule_options *so, const ccs_scenario *sc,
                                       const ccs_repair_options *o, ccs_error *err)
{
    int n = req->g.n;
    int g = o->group < 0 ? 0 : o->group;
    if (sc->n_intervals != n || g >= sc->n_groups) {
        ccs_error_set(err, CCS_EINVAL, sc->file, 0, "scenario",
                      "the scenario's horizon (%d intervals) does not match the requirements "
                      "(%d)",
                      sc->n_intervals, n);
        return NULL;
    }
    int max_rounds = o->max_rounds > 0 ? o->max_rounds : 10;
    ccs_repair_result *rep = calloc(1, sizeof *rep);
    ccs_requirements work = *req;
    double *reqv = malloc((size_t)n * sizeof *reqv);
    int *cnt = calloc((size_t)n, sizeof *cnt);
    ccs_agent_group *groups = malloc((size_t)sc->n_groups * sizeof *groups);
    ccs_call_type *types = malloc((size_t)sc->n_types * sizeof *types);
    unsigned char *mask = calloc((size_t)sc->n_types, 1);
    unsigned char *one = calloc((size_t)sc->n_types, 1);
    ccs_schedule_result *res = NULL;
    ccs_results *sim = NULL;
    if (rep) {
        rep->rounds = calloc((size_t)max_rounds, sizeof *rep->rounds);
        rep->simulated = calloc((size_t)n, sizeof *rep->simulated);
        rep->meets = calloc((size_t)n, 1);
        rep->target = calloc((size_t)n, sizeof *rep->target);
    }
    if (!rep || !reqv || !cnt || !groups || !types || !mask || !one || !rep->rounds ||
        !rep->simulated || !rep->meets || !rep->target) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    memcpy(reqv, req->required, (size_t)n * sizeof *reqv);
    work.required = reqv;
    memcpy(groups, sc->groups, (size_t)sc->n_groups * sizeof *groups);
    memcpy(types, sc->types, (size_t)sc->n_types * sizeof *types);
    ccs_scenario copy = *sc;
    copy.groups = groups;
    copy.types = types;
    groups[g].count = cnt;
    double thr = INFINITY;
    for (int i = 0; i < sc->groups[g].n_serves; i++) {
        int t = sc->groups[g].serves[i];
        mask[t] = 1;
        if (o->sl_target > 0) {
            types[t].sl_target = o->sl_target;
        }
        if (o->sl_threshold_s >= 0) {
            types[t].sl_threshold_s = o->sl_threshold_s;
        }
        thr = fmin(thr, types[t].sl_threshold_s);
    }
    ccs_run_options ro = {0};
    ro.replications = o->replications;
    ro.threads = o->threads;
    for (int round = 0; round < max_rounds; round++) {
        res = ccs_schedule_solve(s, &work, so, err);
        if (!res) {
            goto fail;
        }
        ccs_repair_round *rd = &rep->rounds[rep->n_rounds++];
        rd->status = res->status;
        rd->total_cost = res->total_cost;
        rd->paid_hours = res->paid_hours;
        rd->gap = res->gap;
        for (int k = 0; k < n; k++) {
            rd->required_agent_hours += reqv[k] * req->g.interval_s / 3600.0;
        }
        if (res->status == CCS_SCHED_INFEASIBLE || res->status == CCS_SCHED_NO_SOLUTION) {
            break;
        }
        ccs_schedule_counts(res, cnt);
        sim = ccs_sim_run(&copy, &ro, err);
        if (!sim) {
            goto fail;
        }
        rep->replications = sim->replications;
        int missed = 0;
        for (int k = 0; k < n; k++) {
            ccs_figures f;
            double worst = INFINITY, target = 0;
            int judged = 0;
            for (int t = 0; t < sc->n_types; t++) {
                if (!mask[t]) {
                    continue;
                }
                memset(one, 0, (size_t)sc->n_types);
                one[t] = 1;
                if (ccs_results_figures(sim, k, k + 1, one, &f) != CCS_OK) {
                    ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
                    goto fail;
                }
                target = fmax(target, types[t].sl_target);
                if (f.service_level.defined) {
                    judged = 1;
                    worst = fmin(worst, f.service_level.mean - types[t].sl_target);
                }
            }
            if (ccs_results_figures(sim, k, k + 1, mask, &rep->simulated[k]) != CCS_OK) {
                ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
                goto fail;
            }
            rep->target[k] = target;
            rep->meets[k] = !judged || worst >= -1e-12;
            if (!rep->meets[k]) {
                missed++;
                double need = -worst / sl_slope(&copy, g, k, cnt[k], thr);
                int raise = (int)ceil(need - 1e-9);
                int cap = cnt[k] / 4 + 1;
                raise = raise < 1 ? 1 : raise > cap ? cap : raise;
                double base = fmax(reqv[k], floor(res->scheduled[k] + 1e-6));
                reqv[k] = base + raise;
            }
        }
        rd->missed = missed;
        ccs_results_free(sim);
        sim = NULL;
        if (missed == 0 || round + 1 == max_rounds) {
            rep->all_met = missed == 0;
            break;
        }
        ccs_schedule_result_free(res);
        res = NULL;
    }
    rep->final = res;
    free(reqv);
    free(cnt);
    free(groups);
    free(types);
    free(mask);
    free(one);
    /* The final roster's requirement is the raised one; report the original
     * beside its coverage. */
    ccs_schedule_result *fr = rep->final;
    memcpy(fr->required, req->required, (size_t)n * sizeof *req->required);
    fr->over_agent_hours = 0;
    fr->deviation = 0;
    for (int k = 0; k < n; k++) {
        double d = fr->scheduled[k] - fr->required[k];
        fr->over_agent_hours += d > 0 ? d * req->g.interval_s / 3600.0 : 0;
        fr->deviation += fabs(d);
    }
    return rep;
fail:
    ccs_results_free(sim);
    ccs_schedule_result_free(res);
    free(reqv);
    free(cnt);
    free(groups);
    free(types);
    free(mask);
    free(one);
    ccs_repair_result_free(rep);
    return NULL;
}
