/*
 * staff.c — staffing by simulation (see staff.h for the method).
 *
 * Invariant: the caller's scenario is never touched.  Candidates are run on
 * a shallow copy of it whose `groups` and `types` arrays are ours (struct
 * copies sharing the scenario's owned tables) and whose staffed group's
 * `count` points at our own array; only those three arrays are freed here.
 */
#include "ccsim/staff.h"

#include "ccsim/cost.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/erlang.h"
#include "ccsim/service_level.h"
#include "ccsim/stats.h"
#include "ccsim/uncertainty.h"
#include "ccsim/workload.h"

#define DEFAULT_REPS 100
#define DEFAULT_MAX_REPS 400
#define CONF_REPS 200        /* with a confidence: a share of days needs more of them */
#define CONF_MAX_REPS 1600

void ccs_staff_options_init(ccs_staff_options *o)
{
    memset(o, 0, sizeof *o);
    o->group = -1;
    o->sl_threshold_s = -1;
    o->rule = CCS_STAFF_MEAN;
}

/* ---- figures from raw tallies ----------------------------------------- */

int ccs_staff_figures(const ccs_results *r, int k0, int k1, const unsigned char *mask,
                      ccs_figures *f)
{
    return ccs_results_figures(r, k0, k1, mask, f);
}

/* ---- Erlang starting point -------------------------------------------- */

/* model: 0 = Erlang A when every type served has exponential patience,
 * else C (the search's starting point); 'C' = Erlang C whatever the
 * patience; 'A' = Erlang A, or *agents = -1 when some type's patience is
 * not exponential.
 *
 * group_query() builds the Erlang question for interval k of group g (see
 * ccs_staff_erlang()): 0 when no call arrives, -1 for model 'A' when some
 * type's patience is not exponential, else 1 with *q and *t filled; *cv is
 * the largest volume_cv of the types with calls. */
static int group_query(const ccs_scenario *sc, int g, int k, const ccs_staff_options *o,
                       int model, ccs_erlang_query *q, ccs_staffing_targets *t, double *cv)
{
    const ccs_agent_group *gr = &sc->groups[g];
    double rate = 0, work = 0, patw = 0, tgt = 0, thr = INFINITY;
    int all_exp = 1;
    *cv = 0;
    for (int i = 0; i < gr->n_serves; i++) {
        const ccs_call_type *ct = &sc->types[gr->serves[i]];
        /* Fresh + repeat contacts at the group's handle time (workload.h). */
        double r = ccs_workload_rate(sc, gr->serves[i], k, g);
        if (r <= 0) {
            continue;
        }
        double aht = ccs_workload_aht(sc, gr->serves[i], g);
        rate += r;
        work += r * aht;
        if (ct->patience.kind == CCS_DIST_EXPONENTIAL) {
            patw += r * ct->patience.mean;
        } else {
            all_exp = 0;
        }
        tgt = fmax(tgt, o->sl_target > 0 ? o->sl_target : ct->sl_target);
        thr = fmin(thr, o->sl_threshold_s >= 0 ? o->sl_threshold_s : ct->sl_threshold_s);
        *cv = fmax(*cv, ct->volume_cv);
    }
    if (rate <= 0 || work <= 0) {
        return 0;
    }
    if (model == 'A' && !all_exp) {
        return -1;
    }
    all_exp &= model != 'C';
    ccs_erlang_query q0 = {rate, work / rate, all_exp ? patw / rate : 0.0, thr};
    *q = q0;
    memset(t, 0, sizeof *t);
    /* Erlang staffing wants a target below 1; 100% is only reachable in
     * the limit, so the starting point aims just below it. */
    t->service_level = tgt >= 1.0 ? 1.0 - 1e-6 : tgt;
    t->max_asa_s = o->max_asa_s;
    t->max_occupancy = o->max_occupancy;
    t->max_abandon = q->patience_s > 0 ? o->max_abandon : 0.0;
    return 1;
}

static int erlang_answer(const ccs_scenario *sc, int g, int k, const ccs_staff_options *o,
                         int model, int *agents, ccs_error *err)
{
    ccs_erlang_query q;
    ccs_staffing_targets t;
    double cv;
    int has = group_query(sc, g, k, o, model, &q, &t, &cv);
    if (has <= 0) {
        *agents = has;
        return CCS_OK;
    }
    ccs_staffing_result res;
    int rc = ccs_erlang_staff(&q, &t, &res, err);
    if (rc != CCS_OK) {
        if (err) {
            snprintf(err->key, sizeof err->key, "interval %d", k);
        }
        return rc;
    }
    *agents = res.agents;
    return CCS_OK;
}

int ccs_staff_erlang(const ccs_scenario *sc, int g, int k, const ccs_staff_options *o,
                     int *agents, ccs_error *err)
{
    return erlang_answer(sc, g, k, o, 0, agents, err);
}

/* With confidence: the analytic answer under the same uncertainty (the
 * largest volume_cv of the types, o->absenteeism), or -1 when it has none
 * (0 without calls). */
static int confidence_answer(const ccs_scenario *sc, int g, int k, const ccs_staff_options *o)
{
    ccs_erlang_query q;
    ccs_staffing_targets t;
    double cv;
    int has = group_query(sc, g, k, o, 0, &q, &t, &cv);
    if (has <= 0) {
        return has;
    }
    ccs_uncertainty *u = ccs_uncertainty_new(fmin(cv, CCS_UNCERTAINTY_MAX_CV), o->absenteeism,
                                             NULL);
    ccs_uncertain_staffing s;
    int n = u && ccs_uncertainty_staff(u, &q, &t, o->confidence, &s, NULL) == CCS_OK ? s.agents
                                                                                      : -1;
    ccs_uncertainty_free(u);
    return n;
}

int ccs_staff_erlang_ca(const ccs_scenario *sc, int g, int k, const ccs_staff_options *o,
                        int *c_agents, int *a_agents)
{
    if (erlang_answer(sc, g, k, o, 'C', c_agents, NULL) != CCS_OK) {
        *c_agents = -1;
    }
    if (erlang_answer(sc, g, k, o, 'A', a_agents, NULL) != CCS_OK) {
        *a_agents = -1;
    }
    return *c_agents >= 0 || *a_agents >= 0 ? CCS_OK : CCS_EINVAL;
}

/* ---- the search ------------------------------------------------------- */

typedef struct verdict {
    int pass;          /* meets every target by the point estimate */
    int clear_pass;    /* meets every target by the whole CI */
    int clear_fail;    /* misses some target by the whole CI */
} verdict;

/* The verdicts of one candidate: interval k, and interval k-1 (fixed
 * already), which a small N_k can spoil through k-1's late callers. */
typedef struct verdicts {
    verdict cur;
    verdict prev;      /* all pass when k == 0 */
} verdicts;

typedef struct work {
    const ccs_scenario *sc;
    const ccs_staff_options *o;
    ccs_scenario copy;
    ccs_agent_group *groups;
    ccs_call_type *types;
    int *cnt;
    unsigned char *mask;     /* the call types the group serves */
    unsigned char *one;      /* scratch: a single type */
    int g;
    long sims;
} work;

static void judge_low(const ccs_estimate *e, double target, verdict *v)
{
    if (!e->defined) {
        return;
    }
    v->pass &= e->mean >= target - 1e-12;
    v->clear_pass &= e->lo >= target - 1e-12;
    v->clear_fail |= e->hi < target - 1e-12;
}

static void judge_high(const ccs_estimate *e, double limit, verdict *v)
{
    if (!e->defined || limit <= 0) {
        return;
    }
    v->pass &= e->mean <= limit + 1e-12;
    v->clear_pass &= e->hi <= limit + 1e-12;
    v->clear_fail |= e->lo > limit + 1e-12;
}

/* ---- confidence: the fraction of days that meet the targets ----------- */

/* Did interval k meet every target in replication r, judged on that
 * day's own sums?  A target without calls to judge (no offered call, no
 * answered call) is met. */
static int day_meets(const work *w, const ccs_results *res, int r, int k)
{
    const ccs_scenario *sc = res->sc;
    int nt = sc->n_types;
    ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
    const ccs_tally *c = ccs_tally_at(&v, k, 0);
    const double eps = 1e-12;
    double busy = 0;
    for (int t = 0; t < nt; t++) {
        if (!w->mask[t]) {
            continue;
        }
        const ccs_tally *x = &c[t];
        double den = ccs_sl_denominator(sc->sl_definition, x);
        if (den > 0 && x->answered_in_sl / den < sc->types[t].sl_target - eps) {
            return 0;
        }
        if (w->o->max_asa_s > 0 && x->handled > 0 &&
            x->wait_answered_s / x->handled > w->o->max_asa_s + eps) {
            return 0;
        }
        if (w->o->max_abandon > 0 && x->offered > 0 &&
            x->abandoned / x->offered > w->o->max_abandon + eps) {
            return 0;
        }
        busy += x->busy_s;
    }
    if (w->o->max_occupancy > 0) {
        double staffed = 0;
        for (int g = 0; g < sc->n_groups; g++) {
            const ccs_agent_group *gr = &sc->groups[g];
            int serves = 0;
            for (int i = 0; i < gr->n_serves; i++) {
                serves |= w->mask[gr->serves[i]];
            }
            if (serves) {
                staffed += ccs_staff_tally_at(&v, k, g)->staffed_s;
            }
        }
        if (staffed > 0 && busy / staffed > w->o->max_occupancy + eps) {
            return 0;
        }
    }
    return 1;
}

/* The fraction of res's replications in which interval k met every
 * target, with its 95% Wilson score interval (a binomial proportion over
 * independent days; unlike the Wald interval it stays inside [0, 1] and
 * keeps its coverage near 0 and 1, where planners' confidences are). */
static ccs_estimate day_share(const work *w, const ccs_results *res, int k)
{
    int n = res->replications, met = 0;
    for (int r = 0; r < n; r++) {
        met += day_meets(w, res, r, k);
    }
    const double z = 1.959963984540054;
    double p = (double)met / n, z2n = z * z / n;
    double mid = (p + z2n / 2) / (1 + z2n);
    double half = z * sqrt(p * (1 - p) / n + z2n / (4.0 * n)) / (1 + z2n);
    ccs_estimate e = {0};
    e.defined = 1;
    e.mean = p;
    e.lo = fmax(0.0, mid - half);
    e.hi = fmin(1.0, mid + half);
    return e;
}

/* Judges interval k of res against the targets, into v (and-ed / or-ed). */
static int judge(work *w, const ccs_results *res, int k, verdict *v)
{
    const ccs_scenario *sc = &w->copy;
    ccs_figures f;
    if (w->o->confidence > 0) {
        ccs_estimate e = day_share(w, res, k);
        judge_low(&e, w->o->confidence, v);
        return CCS_OK;
    }
    for (int t = 0; t < sc->n_types; t++) {
        if (!w->mask[t]) {
            continue;
        }
        memset(w->one, 0, (size_t)sc->n_types);
        w->one[t] = 1;
        if (ccs_staff_figures(res, k, k + 1, w->one, &f) != CCS_OK) {
            return CCS_ENOMEM;
        }
        judge_low(&f.service_level, sc->types[t].sl_target, v);
        judge_high(&f.asa_s, w->o->max_asa_s, v);
        judge_high(&f.abandon_rate, w->o->max_abandon, v);
    }
    if (w->o->max_occupancy > 0) {
        if (ccs_staff_figures(res, k, k + 1, w->mask, &f) != CCS_OK) {
            return CCS_ENOMEM;
        }
        judge_high(&f.occupancy, w->o->max_occupancy, v);
    }
    return CCS_OK;
}

/* Simulates the schedule with cnt[k] = n and the horizon cut after k+1. */
static int evaluate(work *w, int k, int n, int reps, verdicts *vs, ccs_error *err)
{
    w->cnt[k] = n;
    w->copy.n_intervals = k + 2 < w->sc->n_intervals ? k + 2 : w->sc->n_intervals;
    ccs_run_options ro = {0};
    ro.replications = reps;
    ro.threads = w->o->threads;
    ccs_results *res = ccs_sim_run(&w->copy, &ro, err);
    if (!res) {
        w->copy.n_intervals = w->sc->n_intervals;
        return err ? err->code : CCS_ENOMEM;
    }
    w->sims++;
    verdict all = {1, 1, 0};
    vs->cur = all;
    vs->prev = all;
    int rc = judge(w, res, k, &vs->cur);
    if (rc == CCS_OK && k > 0) {
        rc = judge(w, res, k - 1, &vs->prev);
    }
    ccs_results_free(res);
    w->copy.n_intervals = w->sc->n_intervals;   /* res->sc pointed at the cut copy */
    if (rc != CCS_OK) {
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    return CCS_OK;
}

static int ok1(const work *w, const verdict *v)
{
    return w->o->rule == CCS_STAFF_CI ? v->clear_pass : v->pass;
}

/* Interval k-1 counts only if it passes at the search's starting point:
 * it was fixed with other replications (a different sample), and a miss
 * there that no N_k changes is noise, not a reason to add agents to k. */
static int ok_by_rule(const work *w, const verdicts *v, int use_prev)
{
    return ok1(w, &v->cur) && (!use_prev || ok1(w, &v->prev));
}

static verdict merged(const verdicts *v, int use_prev)
{
    verdict m = v->cur;
    if (use_prev) {
        m.pass &= v->prev.pass;
        m.clear_pass &= v->prev.clear_pass;
        m.clear_fail |= v->prev.clear_fail;
    }
    return m;
}

/* A type the staffed group serves only after an overflow delay longer
 * than the type's SL threshold: the group answers none of those calls in
 * time.  Returns its index (and the delay), or -1. */
static int late_type(const work *w, double *after)
{
    const ccs_agent_group *gr = &w->sc->groups[w->g];
    for (int i = 0; i < gr->n_serves && gr->serve_after_s; i++) {
        int t = gr->serves[i];
        if (gr->serve_after_s[i] > w->types[t].sl_threshold_s) {
            *after = gr->serve_after_s[i];
            return t;
        }
    }
    return -1;
}

/* The error when no staffing up to `limit` meets the targets, saying why
 * when the group cannot answer some type within its threshold. */
static int no_staffing(const work *w, int k, int limit, ccs_error *err)
{
    char key[64];
    double after = 0;
    int t = late_type(w, &after);
    snprintf(key, sizeof key, "interval %d", k);
    if (t >= 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, key,
                             "'%.40s' takes '%.40s' only after %g s in queue, past its %g s SL "
                             "threshold: it cannot help meet the SL target (not with %d "
                             "agents); staff the group that answers first",
                             w->sc->groups[w->g].name, w->sc->types[t].name, after,
                             w->types[t].sl_threshold_s, limit);
    }
    return ccs_error_set(err, CCS_EINVAL, NULL, 0, key,
                         "no staffing up to %d agents meets the targets "
                         "(relax a target or check the scenario)",
                         limit);
}

/* One search of interval k at a fixed replication count, from `start`.
 * Sets *n and *settled. */
static int search_at(work *w, int k, int lo, int limit, int start, int reps, int *n,
                     int *settled, int *evals, ccs_error *err)
{
    verdicts v, d;
    verdict vm1 = {0, 0, 1};
    int have_m1 = 0;
    int cur = start < lo ? lo : start;
    int rc = evaluate(w, k, cur, reps, &v, err);
    ++*evals;
    if (rc != CCS_OK) {
        return rc;
    }
    int use_prev = k > 0 && ok1(w, &v.prev);
    if (ok_by_rule(w, &v, use_prev)) {
        while (cur > lo) {
            rc = evaluate(w, k, cur - 1, reps, &d, err);
            ++*evals;
            if (rc != CCS_OK) {
                return rc;
            }
            if (!ok_by_rule(w, &d, use_prev)) {
                vm1 = merged(&d, use_prev);
                have_m1 = 1;
                break;
            }
            cur--;
            v = d;
        }
    } else {
        double after;
        if (late_type(w, &after) >= 0 && cur < limit) {
            /* A group that only takes some calls after their threshold may
             * not be able to meet the targets at all: try the limit first
             * rather than walking up to it. */
            verdicts top;
            rc = evaluate(w, k, limit, reps, &top, err);
            ++*evals;
            if (rc != CCS_OK) {
                return rc;
            }
            if (!ok_by_rule(w, &top, use_prev)) {
                return no_staffing(w, k, limit, err);
            }
        }
        while (!ok_by_rule(w, &v, use_prev)) {
            if (cur >= limit) {
                return no_staffing(w, k, limit, err);
            }
            vm1 = merged(&v, use_prev);
            have_m1 = 1;
            cur++;
            rc = evaluate(w, k, cur, reps, &v, err);
            ++*evals;
            if (rc != CCS_OK) {
                return rc;
            }
        }
    }
    w->cnt[k] = cur;
    *n = cur;
    if (w->o->rule == CCS_STAFF_CI) {
        *settled = 1;
    } else {
        verdict m = merged(&v, use_prev);
        *settled = m.clear_pass && (cur == lo || (have_m1 && vm1.clear_fail));
    }
    return CCS_OK;
}

static int has_calls(const work *w, int k)
{
    for (int t = 0; t < w->sc->n_types; t++) {
        if (w->mask[t] && w->sc->types[t].rate_per_hour[k] > 0) {
            return 1;
        }
    }
    return 0;
}

static void work_fini(work *w)
{
    free(w->groups);
    free(w->types);
    free(w->cnt);
    free(w->mask);
    free(w->one);
}

void ccs_staff_result_free(ccs_staff_result *r)
{
    if (!r) {
        return;
    }
    free(r->counts);
    free(r->intervals);
    free(r);
}

int ccs_staff_check_one_day(const ccs_scenario *sc, ccs_error *err)
{
    if (ccs_scenario_days(sc) > 1) {
        return ccs_error_set(err, CCS_EINVAL, sc->file, 0, "horizon.days",
                             "the staffing search works on one day, got %d days; staff a one-day "
                             "copy (horizon.days = 1, no day_factors): its schedule then "
                             "holds every day",
                             ccs_scenario_days(sc));
    }
    return CCS_OK;
}

static int check_options(const ccs_scenario *sc, const ccs_staff_options *o, int *g,
                         ccs_error *err)
{
    *g = o->group;
    if (ccs_staff_check_one_day(sc, err) != CCS_OK) {
        return CCS_EINVAL;
    }
    if (*g < 0) {
        if (sc->n_groups != 1) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, "group",
                                 "the scenario has %d agent groups; name the one to staff",
                                 sc->n_groups);
        }
        *g = 0;
    }
    if (*g >= sc->n_groups) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "group", "no agent group %d", *g);
    }
    if (!(o->sl_target >= 0 && o->sl_target <= 1)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "sl_target", "target must be in (0, 1]");
    }
    if (!(o->max_abandon >= 0 && o->max_abandon <= 1)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "max_abandon",
                             "expected a fraction in [0, 1]");
    }
    if (!(o->max_occupancy >= 0 && o->max_occupancy <= 1)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "max_occupancy",
                             "expected a fraction in (0, 1]");
    }
    if (!(o->max_asa_s >= 0) || !(o->shrinkage >= 0 && o->shrinkage < 1)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "max_asa_s/shrinkage",
                             "expected ASA >= 0 and shrinkage in [0, 1)");
    }
    if (o->replications < 0 || o->max_replications < 0 || o->threads < 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "replications",
                             "replications and threads must be >= 0");
    }
    if (!(o->confidence >= 0 && o->confidence < 1)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "confidence",
                             "expected a probability above 0 and below 1, got %g",
                             o->confidence);
    }
    if (!(o->absenteeism >= 0 && o->absenteeism <= CCS_UNCERTAINTY_MAX_ABSENT)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "absenteeism",
                             "expected a fraction from 0 to %g, got %g",
                             CCS_UNCERTAINTY_MAX_ABSENT, o->absenteeism);
    }
    return CCS_OK;
}

ccs_staff_result *ccs_staff_search(const ccs_scenario *sc, const ccs_staff_options *o,
                                   ccs_error *err)
{
    int g;
    if (check_options(sc, o, &g, err) != CCS_OK) {
        return NULL;
    }
    int nk = sc->n_intervals, nt = sc->n_types;
    int conf = o->confidence > 0;
    int reps0 = o->replications > 0 ? o->replications : conf ? CONF_REPS : DEFAULT_REPS;
    int max_reps = o->max_replications > 0 ? o->max_replications
                   : conf                  ? CONF_MAX_REPS
                                           : DEFAULT_MAX_REPS;
    if (max_reps < reps0) {
        max_reps = reps0;
    }
    work w = {0};
    w.sc = sc;
    w.o = o;
    w.g = g;
    w.groups = malloc((size_t)sc->n_groups * sizeof *w.groups);
    w.types = malloc((size_t)nt * sizeof *w.types);
    w.cnt = calloc((size_t)nk, sizeof *w.cnt);
    w.mask = calloc((size_t)nt, 1);
    w.one = calloc((size_t)nt, 1);
    ccs_staff_result *res = calloc(1, sizeof *res);
    if (res) {
        res->counts = calloc((size_t)nk, sizeof *res->counts);
        res->intervals = calloc((size_t)nk, sizeof *res->intervals);
    }
    if (!w.groups || !w.types || !w.cnt || !w.mask || !w.one || !res || !res->counts ||
        !res->intervals) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    memcpy(w.groups, sc->groups, (size_t)sc->n_groups * sizeof *w.groups);
    memcpy(w.types, sc->types, (size_t)nt * sizeof *w.types);
    w.copy = *sc;
    w.copy.groups = w.groups;
    w.copy.types = w.types;
    w.groups[g].count = w.cnt;
    for (int i = 0; i < sc->n_groups; i++) {
        w.groups[i].absenteeism = o->absenteeism;   /* every group's agents (model.h) */
    }
    for (int i = 0; i < sc->groups[g].n_serves; i++) {
        int t = sc->groups[g].serves[i];
        w.mask[t] = 1;
        if (o->sl_target > 0) {
            w.types[t].sl_target = o->sl_target;
        }
        if (o->sl_threshold_s >= 0) {
            w.types[t].sl_threshold_s = o->sl_threshold_s;
        }
    }
    res->group = g;
    res->n_intervals = nk;
    if (sc->groups[g].n_serves > 0) {
        const ccs_call_type *ct0 = &sc->types[sc->groups[g].serves[0]];
        res->sl_target = o->sl_target > 0 ? o->sl_target : ct0->sl_target;
        res->sl_threshold_s = o->sl_threshold_s >= 0 ? o->sl_threshold_s : ct0->sl_threshold_s;
    }
    for (int k = 0; k < nk; k++) {
        if (ccs_staff_erlang(&w.copy, g, k, o, &res->intervals[k].erlang_agents, err) !=
            CCS_OK) {
            goto fail;
        }
        w.cnt[k] = res->intervals[k].erlang_agents;
        ccs_staff_erlang_ca(&w.copy, g, k, o, &res->intervals[k].erlang_c_agents,
                            &res->intervals[k].erlang_a_agents);
        res->intervals[k].erlang_confidence_agents =
            conf ? confidence_answer(&w.copy, g, k, o) : -1;
        if (conf && res->intervals[k].erlang_confidence_agents > 0) {
            /* Later intervals wait at the analytic answer, as at Erlang's. */
            w.cnt[k] = res->intervals[k].erlang_confidence_agents;
        }
    }
    int final_reps = reps0;
    for (int k = 0; k < nk; k++) {
        ccs_staff_interval *iv = &res->intervals[k];
        int lo = has_calls(&w, k) ? 1 : 0;
        int start = w.cnt[k];   /* the Erlang answer, or the analytic one with confidence */
        int limit = 4 * iv->erlang_agents + 50;
        limit = limit < 2 * start + 50 ? 2 * start + 50 : limit;
        int reps = reps0;
        for (;;) {
            int n = 0, settled = 0;
            if (search_at(&w, k, lo, limit, start, reps, &n, &settled, &iv->evaluations, err) !=
                CCS_OK) {
                goto fail;
            }
            iv->agents = n;
            iv->settled = settled;
            iv->replications = reps;
            if (settled || reps * 2 > max_reps) {
                break;
            }
            reps *= 2;
            start = n;
        }
        if (reps > final_reps) {
            final_reps = reps;
        }
    }
    /* The final run: the whole day with the schedule found, at the largest
     * replication count the search needed, for the figures reported. */
    ccs_run_options ro = {0};
    ro.replications = final_reps;
    ro.threads = o->threads;
    ccs_results *fr = ccs_sim_run(&w.copy, &ro, err);
    if (!fr) {
        goto fail;
    }
    res->simulations = w.sims + 1;
    res->replications = final_reps;
    double hours = sc->interval_s / 3600.0;
    int bad = 0;
    for (int k = 0; k < nk; k++) {
        ccs_staff_interval *iv = &res->intervals[k];
        res->counts[k] = w.cnt[k];
        iv->scheduled_agents = ccs_erlang_scheduled(w.cnt[k], o->shrinkage);
        res->total_agent_hours += w.cnt[k] * hours;
        res->scheduled_agent_hours += iv->scheduled_agents * hours;
        bad |= ccs_staff_figures(fr, k, k + 1, w.mask, &iv->fig);
        if (conf) {
            iv->prob_meet = day_share(&w, fr, k);
        }
    }
    bad |= ccs_staff_figures(fr, 0, nk, w.mask, &res->summary);
    /* The cost of the schedule found, when the scenario prices its groups. */
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
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    work_fini(&w);
    return res;
fail:
    work_fini(&w);
    ccs_staff_result_free(res);
    return NULL;
}
