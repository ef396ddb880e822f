/*
 * validate.c — simulated figures beside Erlang B / C / A theory (see
 * validate.h).  Every row of a type with theory holds the simulated
 * estimates of the type alone (ccs_results_figures() with a mask), the
 * theory for the interval's rate and agents, and whether theory lies
 * inside the 95% CI; the day's theory is the arrival-rate weighted mean of
 * the intervals' (ASA weighted by the rate of answered calls).
 */
#include "ccsim/validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ccsim/erlang.h"
#include "ccsim/workload.h"

static ccs_validate_model model_of(const ccs_call_type *ct)
{
    if (ct->queue_capacity == 0) {
        return CCS_VALIDATE_ERLANG_B;
    }
    return ct->patience.kind == CCS_DIST_EXPONENTIAL ? CCS_VALIDATE_ERLANG_A
                                                     : CCS_VALIDATE_ERLANG_C;
}

/* The one group answering type t and nothing else, or -1. */
static int theory_group(const ccs_scenario *sc, int t)
{
    int found = -1;
    for (int g = 0; g < sc->n_groups; g++) {
        for (int i = 0; i < sc->groups[g].n_serves; i++) {
            if (sc->groups[g].serves[i] == t) {
                if (found >= 0 || sc->groups[g].n_serves != 1) {
                    return -1;
                }
                found = g;
            }
        }
    }
    return found;
}

/* Theory takes the call type's own handle time (mean talk + acw), not a
 * group's factor: workload.h with no group. */
static double aht_of(const ccs_scenario *sc, int t)
{
    return ccs_workload_aht(sc, t, -1);
}

/* Fills the theory of interval k; returns 0 when there is none (no calls,
 * no agents, or Erlang C unstable: then *unstable = 1). */
static int theory_at(const ccs_scenario *sc, int t, int g, int k,
                     double th[CCS_VALIDATE_N_FIGS], int *unstable)
{
    const ccs_call_type *ct = &sc->types[t];
    for (int i = 0; i < CCS_VALIDATE_N_FIGS; i++) {
        th[i] = NAN;
    }
    int n = sc->groups[g].count[k];
    *unstable = 0;
    if (ct->rate_per_hour[k] <= 0 || n < 1) {
        return 0;
    }
    if (model_of(ct) == CCS_VALIDATE_ERLANG_B) {
        /* Nobody waits: every caller is answered at once or blocked. */
        double b = ccs_erlang_b(n, ccs_workload_erlangs(sc, t, k, -1));
        if (!isfinite(b)) {
            return 0;
        }
        th[CCS_VALIDATE_BLOCK] = b;
        th[CCS_VALIDATE_SL] = sc->sl_definition == CCS_SL_ANSWERED ? 1.0 : 1.0 - b;
        th[CCS_VALIDATE_PROB_WAIT] = th[CCS_VALIDATE_ASA] = th[CCS_VALIDATE_ABANDON] = 0.0;
        return 1;
    }
    ccs_erlang_query q = {ct->rate_per_hour[k], aht_of(sc, t),
                          ct->patience.kind == CCS_DIST_EXPONENTIAL ? ct->patience.mean : 0.0,
                          ct->sl_threshold_s};
    ccs_erlang_metrics mt;
    int rc = ccs_erlang_eval(&q, n, &mt);
    *unstable = rc == CCS_EUNSTABLE;
    if (rc != CCS_OK) {
        return 0;
    }
    th[CCS_VALIDATE_SL] = sc->sl_definition == CCS_SL_ANSWERED ? mt.service_level_answered
                                                                : mt.service_level;
    th[CCS_VALIDATE_PROB_WAIT] = mt.prob_wait;
    th[CCS_VALIDATE_ASA] = mt.asa_s;
    th[CCS_VALIDATE_ABANDON] = mt.prob_abandon;
    return 1;
}

static void sim_figs(const ccs_figures *f, ccs_estimate s[CCS_VALIDATE_N_FIGS])
{
    s[CCS_VALIDATE_SL] = f->service_level;
    s[CCS_VALIDATE_PROB_WAIT] = f->prob_wait;
    s[CCS_VALIDATE_ASA] = f->asa_s;
    s[CCS_VALIDATE_ABANDON] = f->abandon_rate;
    s[CCS_VALIDATE_BLOCK] = f->block_rate;
}

/* 1 inside, 0 outside, -1 no comparison. */
static int inside(const ccs_estimate *e, double th)
{
    if (!e->defined || !isfinite(th)) {
        return -1;
    }
    double tol = 1e-9 * (1 + fabs(th));
    return th >= e->lo - tol && th <= e->hi + tol;
}

static int collect_warnings(const ccs_scenario *sc, char w[][200], int max)
{
    int n = 0;
    if (sc->warmup_s <= 0 && n < max) {
        snprintf(w[n++], 200, "run.warmup_minutes is 0: the day starts empty, so early "
                              "intervals read better than steady-state theory");
    }
    for (int t = 0; t < sc->n_types && n < max; t++) {
        const ccs_call_type *ct = &sc->types[t];
        if (ct->queue_capacity == 0) {
            /* Erlang B: insensitive to the handle-time distribution (only its
             * mean matters), and nobody waits, so patience plays no part. */
            if (ct->volume_cv > 0 || ct->retry_blocked > 0 || ct->retry_abandoned > 0) {
                snprintf(w[n++], 200, "%s: volume_cv or retrials are outside the Erlang B "
                                      "model",
                         ct->name);
            }
            continue;
        }
        if (ct->talk.kind != CCS_DIST_EXPONENTIAL || ct->acw.kind != CCS_DIST_NONE) {
            snprintf(w[n++], 200, "%s: handle time is not exponential; Erlang assumes it is",
                     ct->name);
        }
        if (n < max && ct->patience.kind != CCS_DIST_NONE &&
            ct->patience.kind != CCS_DIST_EXPONENTIAL) {
            snprintf(w[n++], 200, "%s: patience is not exponential; no Erlang A theory",
                     ct->name);
        }
        if (n < max && (ct->volume_cv > 0 || ct->retry_abandoned > 0 || ct->retry_blocked > 0 ||
                        ct->queue_capacity >= 0)) {
            snprintf(w[n++], 200, "%s: volume_cv, retrials or a queue capacity are outside "
                                  "the Erlang model",
                     ct->name);
        }
    }
    if (sc->chat.on && n < max) {
        snprintf(w[n++], 200, "chat: agents also hold chats (docs/channels.md); the Erlang "
                              "theory shown is for voice on agents that take no chat");
    }
    if (sc->sl_definition == CCS_SL_EXCL_SHORT && n < max) {
        snprintf(w[n++], 200, "sl_definition excluding_short: theory shown is answered "
                              "within T / offered");
    }
    return n;
}

static const char *reason_no_theory(const ccs_scenario *sc, int t)
{
    if (theory_group(sc, t) < 0) {
        return "no theory: not answered by exactly one group that answers only it";
    }
    const ccs_call_type *ct = &sc->types[t];
    if (ct->queue_capacity != 0 && ct->patience.kind != CCS_DIST_NONE &&
        ct->patience.kind != CCS_DIST_EXPONENTIAL) {
        return "no theory: patience is not exponential";
    }
    return NULL;
}

/* Rows for type t: one per interval, then the day (theory weighted by the
 * arrival rates; ASA by the rate of answered calls). */
static int build_rows(const ccs_results *res, int t, int g, unsigned char *mask,
                      ccs_validate_row *rows)
{
    const ccs_scenario *sc = res->sc;
    mask[t] = 1;
    double wsum[CCS_VALIDATE_N_FIGS] = {0}, wtot[CCS_VALIDATE_N_FIGS] = {0};
    int day_ok = 1, same = 1;
    ccs_figures f;
    for (int k = 0; k < sc->n_intervals; k++) {
        ccs_validate_row *r = &rows[k];
        r->interval = k;
        r->agents = sc->groups[g].count[k];
        same &= r->agents == sc->groups[g].count[0];
        r->load = ccs_workload_erlangs(sc, t, k, -1);
        if (ccs_results_figures(res, k, k + 1, mask, &f) != CCS_OK) {
            return CCS_ENOMEM;
        }
        sim_figs(&f, r->sim);
        double rate = sc->types[t].rate_per_hour[k];
        if (!theory_at(sc, t, g, k, r->theory, &r->unstable)) {
            day_ok &= rate <= 0;
            continue;
        }
        for (int i = 0; i < CCS_VALIDATE_N_FIGS; i++) {
            /* ASA is a mean over answered calls: weight by their rate. */
            double blocked = isfinite(r->theory[CCS_VALIDATE_BLOCK])
                                 ? r->theory[CCS_VALIDATE_BLOCK]
                                 : 0.0;
            double w = i == CCS_VALIDATE_ASA
                           ? rate * (1 - r->theory[CCS_VALIDATE_ABANDON] - blocked)
                           : rate;
            wsum[i] += w * r->theory[i];
            wtot[i] += w;
        }
    }
    ccs_validate_row *d = &rows[sc->n_intervals];
    d->interval = -1;
    d->agents = same ? sc->groups[g].count[0] : -1;
    d->load = NAN;
    if (ccs_results_figures(res, 0, sc->n_intervals, mask, &f) != CCS_OK) {
        return CCS_ENOMEM;
    }
    sim_figs(&f, d->sim);
    for (int i = 0; i < CCS_VALIDATE_N_FIGS; i++) {
        d->theory[i] = day_ok && wtot[i] > 0 ? wsum[i] / wtot[i] : NAN;
    }
    for (int k = 0; k <= sc->n_intervals; k++) {
        for (int i = 0; i < CCS_VALIDATE_N_FIGS; i++) {
            rows[k].inside[i] = inside(&rows[k].sim[i], rows[k].theory[i]);
        }
    }
    mask[t] = 0;
    return CCS_OK;
}

void ccs_validate_result_free(ccs_validate_result *v)
{
    if (!v) {
        return;
    }
    for (int t = 0; v->types && t < v->n_types; t++) {
        free(v->types[t].rows);
    }
    free(v->types);
    free(v);
}

ccs_validate_result *ccs_validate_compare(const ccs_results *res, ccs_error *err)
{
    CCS_ASSERT(res && res->sc);
    const ccs_scenario *sc = res->sc;
    ccs_validate_result *v = calloc(1, sizeof *v);
    unsigned char *mask = calloc((size_t)sc->n_types + 1, 1);
    if (!v || !mask) {
        goto nomem;
    }
    v->res = res;
    v->n_warnings = collect_warnings(sc, v->warnings, CCS_VALIDATE_MAX_WARNINGS);
    v->types = calloc((size_t)sc->n_types + 1, sizeof *v->types);
    if (!v->types) {
        goto nomem;
    }
    v->n_types = sc->n_types;
    for (int t = 0; t < sc->n_types; t++) {
        ccs_validate_type *vt = &v->types[t];
        vt->type = t;
        vt->group = -1;
        vt->no_theory = reason_no_theory(sc, t);
        if (vt->no_theory) {
            continue;
        }
        vt->group = theory_group(sc, t);
        vt->model = model_of(&sc->types[t]);
        vt->rows = calloc((size_t)sc->n_intervals + 1, sizeof *vt->rows);
        if (!vt->rows || build_rows(res, t, vt->group, mask, vt->rows) != CCS_OK) {
            goto nomem;
        }
    }
    free(mask);
    return v;
nomem:
    free(mask);
    ccs_validate_result_free(v);
    ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory comparing with theory");
    return NULL;
}
