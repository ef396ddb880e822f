/*
 * staff_groups.c — staffing several agent groups together by simulation:
 * a greedy marginal search on the vector of agents per group, interval by
 * interval, with common random numbers (the method is in staff.h, the
 * limits in docs/routing.md, "Staffing several groups").
 *
 * Invariant: the caller's scenario is never touched.  Candidates run on a
 * shallow copy whose `groups` and `types` arrays are ours and whose
 * staffed groups' `count` point into our own array; only those are freed.
 */
#include "ccsim/staff.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/cost.h"
#include "ccsim/erlang.h"
#include "ccsim/workload.h"

#define DEFAULT_REPS 100
#define EPS 1e-12

typedef struct gwork {
    const ccs_scenario *sc;
    const ccs_staff_options *o;
    ccs_scenario copy;
    ccs_agent_group *groups;
    ccs_call_type *types;
    int ng;
    const int *gi;
    int *cnt;                /* [ng * nk]: group j's counts at cnt + j * nk */
    unsigned char *mask;     /* judged call types */
    unsigned char *one;      /* scratch: one type */
    double *cost;            /* [ng] weight of one agent-hour */
    int reps;
    long sims;
} gwork;

/* The figures of one candidate: the shortfall of interval k and of k-1,
 * and whether each meets every target. */
typedef struct gscore {
    double cur, prev;
    int cur_ok, prev_ok;
} gscore;

static int *cnt_at(gwork *w, int j, int k)
{
    return &w->cnt[(size_t)j * w->sc->n_intervals + k];
}

/* The estimate the rule judges: the point estimate, or the CI bound on
 * the side of the target. */
static double low_side(const gwork *w, const ccs_estimate *e)
{
    return w->o->rule == CCS_STAFF_CI ? e->lo : e->mean;
}

static double high_side(const gwork *w, const ccs_estimate *e)
{
    return w->o->rule == CCS_STAFF_CI ? e->hi : e->mean;
}

/* How far interval k of res misses the targets (0 when it meets them all);
 * *ok = 1 when it meets every one.  A figure without calls is met. */
static int shortfall(gwork *w, const ccs_results *res, int k, double *out, int *ok)
{
    const ccs_scenario *sc = &w->copy;
    const ccs_staff_options *o = w->o;
    ccs_figures f;
    double s = 0;
    int pass = 1;
    for (int t = 0; t < sc->n_types; t++) {
        if (!w->mask[t]) {
            continue;
        }
        memset(w->one, 0, (size_t)sc->n_types);
        w->one[t] = 1;
        if (ccs_results_figures(res, k, k + 1, w->one, &f) != CCS_OK) {
            return CCS_ENOMEM;
        }
        if (f.service_level.defined) {
            double d = sc->types[t].sl_target - low_side(w, &f.service_level);
            if (d > EPS) {
                s += d;
                pass = 0;
            }
        }
        if (o->max_asa_s > 0 && f.asa_s.defined) {
            double d = high_side(w, &f.asa_s) - o->max_asa_s;
            if (d > EPS) {
                s += d / o->max_asa_s;
                pass = 0;
            }
        }
        if (o->max_abandon > 0 && f.abandon_rate.defined) {
            double d = high_side(w, &f.abandon_rate) - o->max_abandon;
            if (d > EPS) {
                s += d;
                pass = 0;
            }
        }
    }
    if (o->max_occupancy > 0) {
        if (ccs_results_figures(res, k, k + 1, w->mask, &f) != CCS_OK) {
            return CCS_ENOMEM;
        }
        double d = f.occupancy.defined ? high_side(w, &f.occupancy) - o->max_occupancy : 0;
        if (d > EPS) {
            s += d;
            pass = 0;
        }
    }
    *out = s;
    *ok = pass;
    return CCS_OK;
}

/* Simulates the current counts with the horizon cut after k+1. */
static int evaluate(gwork *w, int k, gscore *g, ccs_error *err)
{
    int nk = w->sc->n_intervals;
    w->copy.n_intervals = k + 2 < nk ? k + 2 : nk;
    ccs_run_options ro = {0};
    ro.replications = w->reps;
    ro.threads = w->o->threads;
    ccs_results *res = ccs_sim_run(&w->copy, &ro, err);
    if (!res) {
        w->copy.n_intervals = nk;
        return err ? err->code : CCS_ENOMEM;
    }
    w->sims++;
    g->prev = 0;
    g->prev_ok = 1;
    int rc = shortfall(w, res, k, &g->cur, &g->cur_ok);
    if (rc == CCS_OK && k > 0) {
        rc = shortfall(w, res, k - 1, &g->prev, &g->prev_ok);
    }
    ccs_results_free(res);
    w->copy.n_intervals = nk;
    if (rc != CCS_OK) {
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    return CCS_OK;
}

/* The shortfall the search minimises and whether the candidate passes:
 * interval k-1 counts only when it met its targets at the start (it was
 * fixed already; a miss there no count of k changes is not k's to fix). */
static double total(const gscore *g, int use_prev)
{
    return g->cur + (use_prev ? g->prev : 0);
}

static int passes(const gscore *g, int use_prev)
{
    return g->cur_ok && (!use_prev || g->prev_ok);
}

/* ---- starting point and reference --------------------------------------- */

/* Erlang's answer for interval k as if one pool with every skill took all
 * the judged types: their fresh rates added, the rate-weighted base handle
 * time (and patience when every such type's is exponential: Erlang A),
 * the strictest SL target and threshold.  0 without calls, -1 when no N
 * meets the targets. */
static int pooled_answer(const gwork *w, int k)
{
    const ccs_scenario *sc = &w->copy;
    double rate = 0, work = 0, patw = 0, tgt = 0, thr = INFINITY;
    int all_exp = 1;
    for (int t = 0; t < sc->n_types; t++) {
        const ccs_call_type *ct = &sc->types[t];
        double r = ccs_workload_rate(sc, t, k, -1);
        if (!w->mask[t] || r <= 0) {
            continue;
        }
        rate += r;
        work += r * ccs_workload_aht(sc, t, -1);
        if (ct->patience.kind == CCS_DIST_EXPONENTIAL) {
            patw += r * ct->patience.mean;
        } else {
            all_exp = 0;
        }
        tgt = fmax(tgt, ct->sl_target);
        thr = fmin(thr, ct->sl_threshold_s);
    }
    if (rate <= 0 || work <= 0) {
        return 0;
    }
    ccs_erlang_query q = {rate, work / rate, all_exp ? patw / rate : 0.0, thr};
    ccs_staffing_targets tg = {tgt >= 1.0 ? 1.0 - 1e-6 : tgt, w->o->max_asa_s,
                               w->o->max_occupancy, all_exp ? w->o->max_abandon : 0.0, 0};
    ccs_staffing_result r;
    return ccs_erlang_staff(&q, &tg, &r, NULL) == CCS_OK ? r.agents : -1;
}

/* Group j's share of interval k's load, Erlangs: each judged type's load is
 * split evenly among the groups that serve it at its best level (over all
 * groups; the shares of unstaffed groups are dropped). */
static double share_load(const gwork *w, int j, int k)
{
    const ccs_scenario *sc = &w->copy;
    const ccs_agent_group *gj = &sc->groups[w->gi[j]];
    double a = 0;
    for (int i = 0; i < gj->n_serves; i++) {
        int t = gj->serves[i];
        int best = INT_MAX, n = 0;
        for (int g = 0; g < sc->n_groups; g++) {
            int s = ccs_group_skill_index(&sc->groups[g], t);
            if (s >= 0) {
                int lv = ccs_group_level(&sc->groups[g], s);
                if (lv < best) {
                    best = lv;
                    n = 0;
                }
                n += lv == best;
            }
        }
        if (ccs_group_level(gj, i) == best && n > 0) {
            a += ccs_workload_erlangs(sc, t, k, w->gi[j]) / n;
        }
    }
    return a;
}

/* ---- the search of one interval ----------------------------------------- */

static int no_staffing(int k, int limit, ccs_error *err)
{
    char key[64];
    snprintf(key, sizeof key, "interval %d", k);
    return ccs_error_set(err, CCS_EINVAL, NULL, 0, key,
                         "no staffing of the groups with up to %d agents in total meets the "
                         "targets (relax a target or check the scenario's skills)",
                         limit);
}

static int search_interval(gwork *w, int k, int limit, int *iters, int *evals, ccs_error *err)
{
    int ng = w->ng, rc, sum = 0;
    gscore cur, c;
    if ((rc = evaluate(w, k, &cur, err)) != CCS_OK) {
        return rc;
    }
    ++*evals;
    int use_prev = k > 0 && cur.prev_ok;
    for (int j = 0; j < ng; j++) {
        sum += *cnt_at(w, j, k);
    }
    /* Add: the agent with the largest gain per unit cost. */
    while (!passes(&cur, use_prev)) {
        if (sum >= limit) {
            return no_staffing(k, limit, err);
        }
        int best = -1;
        double best_gain = 0, best_left = INFINITY;
        gscore bs = cur;
        for (int j = 0; j < ng; j++) {
            ++*cnt_at(w, j, k);
            rc = evaluate(w, k, &c, err);
            --*cnt_at(w, j, k);
            ++*evals;
            if (rc != CCS_OK) {
                return rc;
            }
            double left = total(&c, use_prev);
            double gain = (total(&cur, use_prev) - left) / w->cost[j];
            /* No group helps (a gain of 0 everywhere): the one leaving the
             * least shortfall, the cheapest on a tie, then the first. */
            if (gain > best_gain + EPS ||
                (best_gain <= EPS && gain <= EPS &&
                 (left < best_left - EPS ||
                  (left <= best_left + EPS && best >= 0 && w->cost[j] < w->cost[best])))) {
                best = j;
                best_gain = gain > EPS ? gain : 0;
                best_left = left;
                bs = c;
            }
        }
        ++*cnt_at(w, best, k);
        sum++;
        cur = bs;
        ++*iters;
    }
    /* Remove: while some agent is not needed, the dearest such. */
    for (;;) {
        int best = -1;
        for (int j = 0; j < ng; j++) {
            if (*cnt_at(w, j, k) == 0 || (best >= 0 && w->cost[j] <= w->cost[best])) {
                continue;
            }
            --*cnt_at(w, j, k);
            rc = evaluate(w, k, &c, err);
            ++*cnt_at(w, j, k);
            ++*evals;
            if (rc != CCS_OK) {
                return rc;
            }
            if (passes(&c, use_prev)) {
                best = j;
            }
        }
        if (best < 0) {
            break;
        }
        --*cnt_at(w, best, k);
        ++*iters;
    }
    return CCS_OK;
}

/* ---- options, cost weights, the whole search ----------------------------- */

static int check_options(const ccs_scenario *sc, const ccs_staff_options *o, const int *gi,
                         int ng, ccs_error *err)
{
    if (ng <= 0 || !gi) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "groups", "no agent group to staff");
    }
    if (ccs_staff_check_one_day(sc, err) != CCS_OK) {
        return CCS_EINVAL;
    }
    for (int j = 0; j < ng; j++) {
        if (gi[j] < 0 || gi[j] >= sc->n_groups) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, "groups", "no agent group %d", gi[j]);
        }
        for (int i = 0; i < j; i++) {
            if (gi[i] == gi[j]) {
                return ccs_error_set(err, CCS_EINVAL, NULL, 0, "groups",
                                     "agent group '%s' is named twice", sc->groups[gi[j]].name);
            }
        }
    }
    static const char *const unused[] = {"group", "confidence", "absenteeism",
                                         "max_replications", "shrinkage"};
    int set[] = {o->group >= 0, o->confidence != 0, o->absenteeism != 0,
                 o->max_replications != 0, o->shrinkage != 0};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
        if (set[i]) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, unused[i],
                                 "not available when several groups are staffed together");
        }
    }
    if (!(o->sl_target >= 0 && o->sl_target <= 1)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "sl_target", "target must be in (0, 1]");
    }
    if (!(o->max_abandon >= 0 && o->max_abandon <= 1) ||
        !(o->max_occupancy >= 0 && o->max_occupancy <= 1) || !(o->max_asa_s >= 0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "max_abandon/max_occupancy/max_asa_s",
                             "expected fractions in [0, 1] and an ASA >= 0");
    }
    if (o->replications < 0 || o->threads < 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "replications",
                             "replications and threads must be >= 0");
    }
    return CCS_OK;
}

/* What one agent-hour of group g costs on the phones, or -1 when its
 * price is not by the hour (docs/costs.md). */
static double hourly_cost(const ccs_agent_group *g)
{
    const ccs_group_cost *c = &g->cost;
    if (c->kind == CCS_COST_CAPTIVE) {
        double paid = 1.0 / (1.0 - c->shrinkage);
        double sup = c->agents_per_supervisor > 0
                         ? c->supervisor_wage_per_hour / c->agents_per_supervisor
                         : 0.0;
        return (c->wage_per_hour + sup) * (1.0 + c->benefits) * paid;
    }
    if (c->kind == CCS_COST_OUTSOURCED && c->pricing == CCS_PRICE_AGENT_HOUR) {
        return c->price;
    }
    return -1;
}

static void weights(const ccs_scenario *sc, gwork *w, ccs_staff_groups_result *res)
{
    int hourly = 1;
    for (int j = 0; j < w->ng; j++) {
        double c = hourly_cost(&sc->groups[w->gi[j]]);
        hourly &= c > 0;
        w->cost[j] = c;
    }
    res->cost_basis = hourly ? CCS_STAFF_COST_HOURLY : CCS_STAFF_COST_AGENTS;
    for (int j = 0; j < w->ng; j++) {
        if (!hourly) {
            w->cost[j] = 1.0;
        }
        res->unit_cost[j] = w->cost[j];
    }
}

void ccs_staff_groups_result_free(ccs_staff_groups_result *r)
{
    if (!r) {
        return;
    }
    free(r->groups);
    free(r->unit_cost);
    free(r->types);
    free(r->counts);
    free(r->pooled_agents);
    free(r->iterations);
    free(r->evaluations);
    free(r->fig);
    free(r->day);
    free(r->agent_hours);
    free(r);
}

static void gwork_fini(gwork *w)
{
    free(w->groups);
    free(w->types);
    free(w->cnt);
    free(w->mask);
    free(w->one);
    free(w->cost);
}

/* The final run's figures of type t over intervals [k0, k1). */
static int type_fig(gwork *w, const ccs_results *fr, int t, int k0, int k1,
                    ccs_staff_type_fig *out)
{
    memset(w->one, 0, (size_t)w->sc->n_types);
    w->one[t] = 1;
    out->sl_target = w->types[t].sl_target;
    out->sl_threshold_s = w->types[t].sl_threshold_s;
    return ccs_results_figures(fr, k0, k1, w->one, &out->fig);
}

static int alloc_result(ccs_staff_groups_result *r, int ng, int nt, int nk)
{
    r->groups = calloc((size_t)ng, sizeof *r->groups);
    r->unit_cost = calloc((size_t)ng, sizeof *r->unit_cost);
    r->types = calloc((size_t)nt, sizeof *r->types);
    r->counts = calloc((size_t)nk * ng, sizeof *r->counts);
    r->pooled_agents = calloc((size_t)nk, sizeof *r->pooled_agents);
    r->iterations = calloc((size_t)nk, sizeof *r->iterations);
    r->evaluations = calloc((size_t)nk, sizeof *r->evaluations);
    r->fig = calloc((size_t)nk * nt, sizeof *r->fig);
    r->day = calloc((size_t)nt, sizeof *r->day);
    r->agent_hours = calloc((size_t)ng, sizeof *r->agent_hours);
    return r->groups && r->unit_cost && r->types && r->counts && r->pooled_agents &&
           r->iterations && r->evaluations && r->fig && r->day && r->agent_hours;
}

/* The final run: the whole day at the answer, for the figures reported. */
static int final_run(gwork *w, ccs_staff_groups_result *res, ccs_error *err)
{
    const ccs_scenario *sc = w->sc;
    int nk = sc->n_intervals, ng = w->ng, nt = res->n_types;
    ccs_run_options ro = {0};
    ro.replications = w->reps;
    ro.threads = w->o->threads;
    ccs_results *fr = ccs_sim_run(&w->copy, &ro, err);
    if (!fr) {
        return err ? err->code : CCS_ENOMEM;
    }
    res->simulations = w->sims + 1;
    double hours = sc->interval_s / 3600.0;
    int bad = 0;
    for (int k = 0; k < nk; k++) {
        for (int j = 0; j < ng; j++) {
            int n = *cnt_at(w, j, k);
            res->counts[(size_t)k * ng + j] = n;
            res->agent_hours[j] += n * hours;
            res->total_agent_hours += n * hours;
            res->weighted_cost += n * hours * w->cost[j];
        }
        for (int i = 0; i < nt; i++) {
            ccs_staff_type_fig *tf = &res->fig[(size_t)k * nt + i];
            bad |= type_fig(w, fr, res->types[i], k, k + 1, tf);
            const ccs_figures *f = &tf->fig;
            const ccs_staff_options *o = w->o;
            tf->met = (!f->service_level.defined ||
                       low_side(w, &f->service_level) >= tf->sl_target - EPS) &&
                      (o->max_asa_s <= 0 || !f->asa_s.defined ||
                       high_side(w, &f->asa_s) <= o->max_asa_s + EPS) &&
                      (o->max_abandon <= 0 || !f->abandon_rate.defined ||
                       high_side(w, &f->abandon_rate) <= o->max_abandon + EPS);
        }
    }
    for (int i = 0; i < nt; i++) {
        bad |= type_fig(w, fr, res->types[i], 0, nk, &res->day[i]);
        res->day[i].met = -1;
    }
    ccs_cost_result *cost = ccs_cost_compute(fr, NULL);
    if (cost && cost->costed) {
        res->costed = 1;
        res->cost_per_day = cost->per_day;
        res->cost_per_month = cost->per_month;
        res->cost_per_handled_call = cost->per_handled_call;
    }
    bad |= !cost;
    ccs_cost_result_free(cost);
    ccs_results_free(fr);
    if (bad) {
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    return CCS_OK;
}

ccs_staff_groups_result *ccs_staff_groups_search(const ccs_scenario *sc,
                                                 const ccs_staff_options *o, const int *gi,
                                                 int ng, ccs_error *err)
{
    if (check_options(sc, o, gi, ng, err) != CCS_OK) {
        return NULL;
    }
    int nk = sc->n_intervals, nt = sc->n_types;
    gwork w = {0};
    w.sc = sc;
    w.o = o;
    w.ng = ng;
    w.gi = gi;
    w.reps = o->replications > 0 ? o->replications : DEFAULT_REPS;
    w.groups = malloc((size_t)sc->n_groups * sizeof *w.groups);
    w.types = malloc((size_t)nt * sizeof *w.types);
    w.cnt = calloc((size_t)nk * ng, sizeof *w.cnt);
    w.mask = calloc((size_t)nt, 1);
    w.one = calloc((size_t)nt, 1);
    w.cost = calloc((size_t)ng, sizeof *w.cost);
    ccs_staff_groups_result *res = calloc(1, sizeof *res);
    if (!w.groups || !w.types || !w.cnt || !w.mask || !w.one || !w.cost || !res ||
        !alloc_result(res, ng, nt, nk)) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    memcpy(w.groups, sc->groups, (size_t)sc->n_groups * sizeof *w.groups);
    memcpy(w.types, sc->types, (size_t)nt * sizeof *w.types);
    w.copy = *sc;
    w.copy.groups = w.groups;
    w.copy.types = w.types;
    res->n_groups = ng;
    res->n_intervals = nk;
    res->replications = w.reps;
    for (int j = 0; j < ng; j++) {
        res->groups[j] = gi[j];
        w.groups[gi[j]].count = cnt_at(&w, j, 0);
        const ccs_agent_group *g = &sc->groups[gi[j]];
        for (int i = 0; i < g->n_serves; i++) {
            w.mask[g->serves[i]] = 1;
        }
    }
    for (int t = 0; t < nt; t++) {
        if (!w.mask[t]) {
            continue;
        }
        res->types[res->n_types++] = t;
        if (o->sl_target > 0) {
            w.types[t].sl_target = o->sl_target;
        }
        if (o->sl_threshold_s >= 0) {
            w.types[t].sl_threshold_s = o->sl_threshold_s;
        }
    }
    weights(sc, &w, res);
    /* Every interval starts at the floor of each group's share of the
     * load; until searched, it waits at the pooled answer split in
     * proportion to those shares (rounded up). */
    int *start = calloc((size_t)nk * ng, sizeof *start);
    if (!start) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    for (int k = 0; k < nk; k++) {
        int pooled = pooled_answer(&w, k);
        res->pooled_agents[k] = pooled;
        double all = 0;
        for (int j = 0; j < ng; j++) {
            all += share_load(&w, j, k);
        }
        for (int j = 0; j < ng; j++) {
            double a = share_load(&w, j, k);
            start[(size_t)j * nk + k] = (int)floor(a);
            *cnt_at(&w, j, k) =
                pooled > 0 && all > 0 ? (int)ceil(pooled * a / all - 1e-9) : (int)ceil(a);
        }
    }
    for (int k = 0; k < nk; k++) {
        int limit = 4 * (res->pooled_agents[k] > 0 ? res->pooled_agents[k] : 0) + 50, sum = 0;
        for (int j = 0; j < ng; j++) {
            *cnt_at(&w, j, k) = start[(size_t)j * nk + k];
            sum += start[(size_t)j * nk + k];
        }
        limit = limit < 2 * sum + 50 ? 2 * sum + 50 : limit;
        if (search_interval(&w, k, limit, &res->iterations[k], &res->evaluations[k], err) !=
            CCS_OK) {
            free(start);
            goto fail;
        }
    }
    free(start);
    if (final_run(&w, res, err) != CCS_OK) {
        goto fail;
    }
    gwork_fini(&w);
    return res;
fail:
    gwork_fini(&w);
    ccs_staff_groups_result_free(res);
    return NULL;
}
