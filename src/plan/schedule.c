/*
 * schedule.c — the covering integer program behind `ccsim schedule` (see
 * schedule.h and docs/scheduling.md), solved with COIN-OR CBC's C API.
 *
 * Columns (schedule_columns.c) are enumerated per template: every start
 * on the template's step, every placement of its breaks at interval-aligned
 * offsets in their windows (placements that overlap are dropped), and, for a weekly tour,
 * every rotation of its block of consecutive days off; a daily template in
 * a multi-day plan gets one column per day.  A column's coefficient in an
 * interval is the fraction of that interval its agent is on duty and not
 * on break.  Columns of one template with the same coverage are merged
 * (two breaks that swap places, say): they are the same decision.
 *
 * A 24-hour day is cyclic: a shift that starts at 22:00 covers the first
 * hours of the next day (of the first day, after the last).  A shorter day
 * (07:00-21:00) is not, and every shift must fit inside it.
 *
 * Invariant: nothing here prints; CBC's log level is 0 and its messages
 * never reach stdout.
 */
#include "ccsim/schedule.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "Cbc_C_Interface.h"
#include "plan/schedule_columns.h"

#define COIN_DBL_MAX DBL_MAX   /* CBC reads bounds of DBL_MAX as infinite */

/* ---- the program --------------------------------------------------- */

enum { MODE_COST, MODE_DEVIATION, MODE_ELASTIC };

typedef struct lp {
    int ncols, nrows;
    CoinBigIndex *start;
    int *index;
    double *value;
    double *collb, *colub, *obj, *rowlb, *rowub;
    char *is_int;
    long nnz, capnz;
} lp;

static void lp_fini(lp *p)
{
    free(p->start);
    free(p->index);
    free(p->value);
    free(p->collb);
    free(p->colub);
    free(p->obj);
    free(p->rowlb);
    free(p->rowub);
    free(p->is_int);
}

static int lp_put(lp *p, int row, double v)
{
    if (p->nnz == p->capnz) {
        long cap = p->capnz ? 2 * p->capnz : 4096;
        int *ni = realloc(p->index, (size_t)cap * sizeof *ni);
        if (ni) {
            p->index = ni;
        }
        double *nv = realloc(p->value, (size_t)cap * sizeof *nv);
        if (nv) {
            p->value = nv;
        }
        if (!ni || !nv) {
            return CCS_ENOMEM;
        }
        p->capnz = cap;
    }
    p->index[p->nnz] = row;
    p->value[p->nnz++] = v;
    return CCS_OK;
}

/* Row layout. */
typedef struct rows {
    int seat0;        /* -1 = none */
    int tmpl0[CCS_SHIFT_MAX_TEMPLATES];   /* -1 = none; D rows each */
    int total0;
    int pt0;
    int n;
} rows;

static int build_lp(const model *m, int mode, lp *p, rows *r)
{
    const ccs_shift_set *s = m->s;
    int n = m->n, D = m->D;
    memset(p, 0, sizeof *p);
    int k = n;
    r->seat0 = s->max_agents_per_interval >= 0 ? (k += n, k - n) : -1;
    for (int t = 0; t < s->n; t++) {
        const ccs_shift_template *tp = &s->t[t];
        r->tmpl0[t] = (tp->min_agents > 0 || tp->max_agents >= 0) ? (k += D, k - D) : -1;
    }
    r->total0 = s->max_total_agents >= 0 ? (k += D, k - D) : -1;
    int any_pt = 0;
    for (int t = 0; t < s->n; t++) {
        any_pt |= s->t[t].part_time;
    }
    r->pt0 = (s->max_part_time_share >= 0 && any_pt) ? (k += D, k - D) : -1;
    r->n = k;
    int extra = mode == MODE_DEVIATION ? 2 * n : mode == MODE_ELASTIC ? n : 0;
    p->nrows = k;
    p->ncols = m->ncols + extra;
    p->start = malloc((size_t)(p->ncols + 1) * sizeof *p->start);
    p->collb = calloc((size_t)p->ncols, sizeof *p->collb);
    p->colub = malloc((size_t)p->ncols * sizeof *p->colub);
    p->obj = calloc((size_t)p->ncols, sizeof *p->obj);
    p->is_int = calloc((size_t)p->ncols, 1);
    p->rowlb = malloc((size_t)k * sizeof *p->rowlb);
    p->rowub = malloc((size_t)k * sizeof *p->rowub);
    if (!p->start || !p->collb || !p->colub || !p->obj || !p->is_int || !p->rowlb ||
        !p->rowub) {
        return CCS_ENOMEM;
    }
    double maxcost = 0;
    for (int j = 0; j < m->ncols; j++) {
        maxcost = fmax(maxcost, m->cols[j].cost);
    }
    double share = s->max_part_time_share;
    for (int j = 0; j < m->ncols; j++) {
        const column *c = &m->cols[j];
        const ccs_shift_template *tp = &s->t[c->t];
        p->start[j] = (CoinBigIndex)p->nnz;
        for (int i = 0; i < c->nz; i++) {
            if (lp_put(p, m->pidx[c->first + i], m->pval[c->first + i]) != CCS_OK) {
                return CCS_ENOMEM;
            }
        }
        if (r->seat0 >= 0) {
            for (int i = 0; i < c->nz; i++) {
                if (lp_put(p, r->seat0 + m->pidx[c->first + i], m->pval[c->first + i]) !=
                    CCS_OK) {
                    return CCS_ENOMEM;
                }
            }
        }
        for (int d = 0; d < D; d++) {
            int on = tp->days_on > 0 ? ccs__schedule_works(tp, D, c->pattern, d) : d == c->day;
            if (!on) {
                continue;
            }
            int bad = 0;
            if (r->tmpl0[c->t] >= 0) {
                bad |= lp_put(p, r->tmpl0[c->t] + d, 1.0);
            }
            if (r->total0 >= 0) {
                bad |= lp_put(p, r->total0 + d, 1.0);
            }
            if (r->pt0 >= 0) {
                bad |= lp_put(p, r->pt0 + d, tp->part_time ? 1.0 - share : -share);
            }
            if (bad) {
                return CCS_ENOMEM;
            }
        }
        p->colub[j] = tp->max_agents >= 0 ? tp->max_agents : COIN_DBL_MAX;
        p->is_int[j] = 1;
        if (mode == MODE_COST) {
            p->obj[j] = c->cost;
        } else {
            /* A tie-break that never outweighs one agent-interval. */
            p->obj[j] = maxcost > 0 ? 1e-7 * c->cost / maxcost : 0.0;
        }
    }
    for (int i = 0; i < extra; i++) {
        int j = m->ncols + i;
        p->start[j] = (CoinBigIndex)p->nnz;
        int row = i % n;
        double coef = (mode == MODE_DEVIATION && i >= n) ? -1.0 : 1.0;   /* u then o */
        if (lp_put(p, row, coef) != CCS_OK) {
            return CCS_ENOMEM;
        }
        p->colub[j] = COIN_DBL_MAX;
        p->obj[j] = 1.0;
    }
    p->start[p->ncols] = (CoinBigIndex)p->nnz;
    for (int i = 0; i < n; i++) {
        p->rowlb[i] = m->req->required[i];
        p->rowub[i] = mode == MODE_DEVIATION ? m->req->required[i] : COIN_DBL_MAX;
    }
    if (r->seat0 >= 0) {
        for (int i = 0; i < n; i++) {
            p->rowlb[r->seat0 + i] = -COIN_DBL_MAX;
            p->rowub[r->seat0 + i] = (double)s->max_agents_per_interval;
        }
    }
    for (int t = 0; t < s->n; t++) {
        if (r->tmpl0[t] < 0) {
            continue;
        }
        for (int d = 0; d < D; d++) {
            p->rowlb[r->tmpl0[t] + d] = s->t[t].min_agents;
            p->rowub[r->tmpl0[t] + d] =
                s->t[t].max_agents >= 0 ? s->t[t].max_agents : COIN_DBL_MAX;
        }
    }
    for (int d = 0; d < D; d++) {
        if (r->total0 >= 0) {
            p->rowlb[r->total0 + d] = -COIN_DBL_MAX;
            p->rowub[r->total0 + d] = (double)s->max_total_agents;
        }
        if (r->pt0 >= 0) {
            p->rowlb[r->pt0 + d] = -COIN_DBL_MAX;
            p->rowub[r->pt0 + d] = 0.0;
        }
    }
    return CCS_OK;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct solved {
    ccs_schedule_status status;
    double obj, bound, secs;
    double *x;     /* [ncols], malloc'd; NULL without a solution */
} solved;

static int run_cbc(const lp *p, const ccs_schedule_options *o, solved *out)
{
    memset(out, 0, sizeof *out);
    Cbc_Model *cm = Cbc_newModel();
    if (!cm) {
        return CCS_ENOMEM;
    }
    Cbc_setLogLevel(cm, 0);
    Cbc_setParameter(cm, "log", "0");
    Cbc_setParameter(cm, "slog", "0");
    Cbc_setParameter(cm, "threads", "1");
    Cbc_setParameter(cm, "timeMode", "elapsed");   /* --time-limit is wall-clock */
    Cbc_loadProblem(cm, p->ncols, p->nrows, p->start, p->index, p->value, p->collb, p->colub,
                    p->obj, p->rowlb, p->rowub);
    for (int j = 0; j < p->ncols; j++) {
        if (p->is_int[j]) {
            Cbc_setInteger(cm, j);
        }
    }
    Cbc_setMaximumSeconds(cm, o->time_limit_s > 0 ? o->time_limit_s : 30.0);
    if (o->gap > 0) {
        Cbc_setAllowableFractionGap(cm, o->gap);
    }
    double t0 = now_s();
    Cbc_solve(cm);
    out->secs = now_s() - t0;
    int have = Cbc_numberSavedSolutions(cm) > 0 || Cbc_bestSolution(cm) != NULL;
    if (Cbc_isProvenOptimal(cm)) {
        out->status = CCS_SCHED_OPTIMAL;
        have = 1;
    } else if (Cbc_isProvenInfeasible(cm) && !have) {
        out->status = CCS_SCHED_INFEASIBLE;
    } else if (have) {
        out->status = CCS_SCHED_FEASIBLE;
    } else {
        out->status = CCS_SCHED_NO_SOLUTION;
    }
    if (have) {
        const double *x = Cbc_getColSolution(cm);
        out->x = malloc((size_t)p->ncols * sizeof *out->x);
        if (!out->x) {
            Cbc_deleteModel(cm);
            return CCS_ENOMEM;
        }
        memcpy(out->x, x, (size_t)p->ncols * sizeof *out->x);
        out->obj = Cbc_getObjValue(cm);
        out->bound = Cbc_getBestPossibleObjValue(cm);
    }
    Cbc_deleteModel(cm);
    return CCS_OK;
}

const char *ccs_schedule_status_name(ccs_schedule_status s)
{
    switch (s) {
    case CCS_SCHED_OPTIMAL:
        return "optimal";
    case CCS_SCHED_FEASIBLE:
        return "feasible";
    case CCS_SCHED_INFEASIBLE:
        return "infeasible";
    case CCS_SCHED_NO_SOLUTION:
        return "no_solution";
    }
    return "unknown";
}

void ccs_schedule_result_free(ccs_schedule_result *r)
{
    if (!r) {
        return;
    }
    free(r->day_label);
    free(r->shifts);
    free(r->required);
    free(r->scheduled);
    free(r->uncovered);
    free(r);
}

void ccs_schedule_counts(const ccs_schedule_result *r, int *out)
{
    for (int i = 0; i < r->n; i++) {
        out[i] = (int)floor(r->scheduled[i] + 1e-6);
    }
}

static int cmp_shift(const void *a, const void *b)
{
    const ccs_roster_shift *x = a, *y = b;
    if (x->template_idx != y->template_idx) {
        return x->template_idx - y->template_idx;
    }
    if (x->day != y->day) {
        return x->day - y->day;
    }
    if (x->start_s != y->start_s) {
        return x->start_s < y->start_s ? -1 : 1;
    }
    for (int i = 0; i < x->n_breaks; i++) {
        if (x->break_start_s[i] != y->break_start_s[i]) {
            return x->break_start_s[i] < y->break_start_s[i] ? -1 : 1;
        }
    }
    return 0;
}

/* Fills the roster and coverage of r from the solution x. */
static int fill_result(const model *m, const double *x, ccs_schedule_result *r)
{
    int cnt = 0;
    for (int j = 0; j < m->ncols; j++) {
        cnt += llround(x[j]) > 0;
    }
    r->shifts = calloc((size_t)(cnt > 0 ? cnt : 1), sizeof *r->shifts);
    if (!r->shifts) {
        return CCS_ENOMEM;
    }
    double s0 = m->req->g.start_s;
    for (int j = 0; j < m->ncols; j++) {
        long v = llround(x[j]);
        if (v <= 0) {
            continue;
        }
        const column *c = &m->cols[j];
        const ccs_shift_template *t = &m->s->t[c->t];
        ccs_roster_shift *sh = &r->shifts[r->n_shifts++];
        sh->template_idx = c->t;
        sh->start_s = fmod(s0 + c->offset_s, 86400.0);
        sh->day = c->day;
        sh->pattern = c->pattern;
        sh->count = (int)v;
        sh->n_breaks = t->n_breaks;
        for (int i = 0; i < t->n_breaks; i++) {
            sh->break_start_s[i] = fmod(s0 + c->offset_s + c->brk[i], 86400.0);
        }
        sh->paid_hours = c->paid_h;
        sh->cost = c->cost;
        r->agents += sh->count;
        r->total_cost += v * c->cost;
        r->paid_hours += v * c->paid_h * (t->days_on > 0 ? t->days_on : 1);
        for (int i = 0; i < c->nz; i++) {
            r->scheduled[m->pidx[c->first + i]] += v * m->pval[c->first + i];
        }
    }
    qsort(r->shifts, (size_t)r->n_shifts, sizeof *r->shifts, cmp_shift);
    double h = m->dt / 3600.0;
    for (int i = 0; i < m->n; i++) {
        double d = r->scheduled[i] - r->required[i];
        r->over_agent_hours += d > 0 ? d * h : 0;
        r->deviation += fabs(d);
    }
    return CCS_OK;
}

ccs_schedule_result *ccs_schedule_solve(const ccs_shift_set *s, const ccs_requirements *req,
                                        const ccs_schedule_options *o, ccs_error *err)
{
    model m;
    memset(&m, 0, sizeof m);
    lp p;
    memset(&p, 0, sizeof p);
    solved sv;
    memset(&sv, 0, sizeof sv);
    ccs_schedule_result *r = NULL;
    m.s = s;
    m.req = req;
    m.D = req->g.n_days;
    m.P = req->g.per_day;
    m.n = req->g.n;
    m.dt = req->g.interval_s;
    m.L = m.P * m.dt;
    m.cyclic = fabs(m.L - 86400.0) < 1e-6;
    if (o->days > 0 && o->days != m.D) {
        ccs_error_set(err, CCS_ECONFIG, req->file, req->g.line[0], "day",
                      "`days` %d, but the requirements have %d day%s (a `day` column with "
                      "%d values)",
                      o->days, m.D, m.D == 1 ? "" : "s", o->days);
        return NULL;
    }
    m.scratch = calloc((size_t)m.n, sizeof *m.scratch);
    m.touched = malloc((size_t)m.n * sizeof *m.touched);
    m.nslots = 1024;
    m.slots = malloc((size_t)m.nslots * sizeof *m.slots);
    r = calloc(1, sizeof *r);
    if (!m.scratch || !m.touched || !m.slots || !r) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    for (int i = 0; i < m.nslots; i++) {
        m.slots[i] = -1;
    }
    for (int t = 0; t < s->n; t++) {
        if (ccs__schedule_template_columns(&m, t, err) != CCS_OK) {
            goto fail;
        }
    }
    r->objective = o->objective;
    r->n_days = m.D;
    r->per_day = m.P;
    r->interval_s = m.dt;
    r->start_s = req->g.start_s;
    r->cyclic = m.cyclic;
    r->n = m.n;
    r->n_columns = m.ncols;
    r->shifts_set = s;
    r->day_label = malloc((size_t)m.D * sizeof *r->day_label);
    r->required = malloc((size_t)m.n * sizeof *r->required);
    r->scheduled = calloc((size_t)m.n, sizeof *r->scheduled);
    r->uncovered = calloc((size_t)m.n, sizeof *r->uncovered);
    if (!r->day_label || !r->required || !r->scheduled || !r->uncovered) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    memcpy(r->day_label, req->g.day, (size_t)m.D * sizeof *r->day_label);
    memcpy(r->required, req->required, (size_t)m.n * sizeof *r->required);
    rows rw;
    int mode = o->objective == CCS_OBJ_DEVIATION ? MODE_DEVIATION : MODE_COST;
    if (build_lp(&m, mode, &p, &rw) != CCS_OK || run_cbc(&p, o, &sv) != CCS_OK) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    r->n_rows = p.nrows;
    r->status = sv.status;
    r->solve_s = sv.secs;
    if (sv.x) {
        if (fill_result(&m, sv.x, r) != CCS_OK) {
            ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
            goto fail;
        }
        r->bound = sv.bound;
        double objv = mode == MODE_COST ? r->total_cost : sv.obj;
        r->gap = sv.status == CCS_SCHED_OPTIMAL || fabs(objv) < 1e-12
                     ? 0.0
                     : fmax(0.0, (sv.obj - sv.bound) / fabs(sv.obj));
    } else if (sv.status == CCS_SCHED_INFEASIBLE) {
        /* Which intervals cannot be covered: the least total shortfall. */
        lp pe;
        solved se;
        rows re;
        memset(&se, 0, sizeof se);
        if (build_lp(&m, MODE_ELASTIC, &pe, &re) != CCS_OK || run_cbc(&pe, o, &se) != CCS_OK) {
            lp_fini(&pe);
            ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
            goto fail;
        }
        if (se.x) {
            for (int i = 0; i < m.n; i++) {
                double u = se.x[m.ncols + i];
                r->uncovered[i] = u > 1e-6 ? u : 0.0;
            }
        }
        free(se.x);
        lp_fini(&pe);
    }
    free(sv.x);
    lp_fini(&p);
    ccs__schedule_model_fini(&m);
    return r;
fail:
    free(sv.x);
    lp_fini(&p);
    ccs__schedule_model_fini(&m);
    ccs_schedule_result_free(r);
    return NULL;
}
