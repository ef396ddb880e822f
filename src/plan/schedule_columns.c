/*
 * schedule_columns.c — the columns of `ccsim schedule`'s covering program
 * (see schedule.c for the program and docs/scheduling.md): every start on
 * a template's step, every placement of its breaks, every rotation of a
 * tour's days off; a column's coefficient in an interval is the fraction
 * of it its agent is on duty and not on break; columns of one template
 * with the same coverage are merged.
 */
#include "plan/schedule_columns.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int fail_line(const ccs_shift_set *s, int line, const char *key, ccs_error *err,
                     const char *msg)
{
    return ccs_error_set(err, CCS_ECONFIG, s->file, line, key, "%s", msg);
}

void ccs__schedule_model_fini(model *m)
{
    free(m->cols);
    free(m->pidx);
    free(m->pval);
    free(m->scratch);
    free(m->touched);
    free(m->slots);
}

/* Adds to the scratch coverage an agent on duty over [a, b) seconds after
 * the first interval of day d, with the break intervals brk removed. */
static void add_presence(model *m, int d, double a, double b, int nb, const double *bs,
                         const double *bl)
{
    int k0 = (int)floor(a / m->dt + EPS);
    int k1 = (int)ceil(b / m->dt - EPS);
    for (int k = k0; k < k1; k++) {
        double lo = fmax(a, k * m->dt), hi = fmin(b, (k + 1) * m->dt);
        double on = hi - lo;
        for (int i = 0; i < nb; i++) {
            double blo = fmax(lo, bs[i]), bhi = fmin(hi, bs[i] + bl[i]);
            if (bhi > blo) {
                on -= bhi - blo;
            }
        }
        if (on <= EPS) {
            continue;
        }
        int gi;
        if (m->cyclic) {
            gi = (d * m->P + k) % m->n;
        } else {
            gi = d * m->P + k;
        }
        if (m->scratch[gi] == 0) {
            m->touched[m->ntouched++] = gi;
        }
        m->scratch[gi] += on / m->dt;
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) {
        h ^= c[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static int same_column(const model *m, const column *a, const column *b)
{
    if (a->t != b->t || a->nz != b->nz || fabs(a->cost - b->cost) > EPS) {
        return 0;
    }
    for (int i = 0; i < a->nz; i++) {
        if (m->pidx[a->first + i] != m->pidx[b->first + i] ||
            fabs(m->pval[a->first + i] - m->pval[b->first + i]) > EPS) {
            return 0;
        }
    }
    return 1;
}

/* Finishes the column c whose coverage is in the scratch: sparsifies it
 * into the pool and keeps it unless an identical one exists. */
static int commit_column(model *m, column *c, ccs_error *err)
{
    qsort(m->touched, (size_t)m->ntouched, sizeof *m->touched, cmp_int);
    if (m->npool + m->ntouched > m->cappool) {
        long cap = m->cappool ? m->cappool : 4096;
        while (cap < m->npool + m->ntouched) {
            cap *= 2;
        }
        int *pi = realloc(m->pidx, (size_t)cap * sizeof *pi);
        if (pi) {
            m->pidx = pi;
        }
        double *pv = realloc(m->pval, (size_t)cap * sizeof *pv);
        if (pv) {
            m->pval = pv;
        }
        if (!pi || !pv) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        }
        m->cappool = cap;
    }
    c->first = m->npool;
    c->nz = m->ntouched;
    uint64_t h = 1469598103934665603ULL;
    h = fnv(h, &c->t, sizeof c->t);
    for (int i = 0; i < m->ntouched; i++) {
        int gi = m->touched[i];
        double v = m->scratch[gi];
        long long q = llround(v * 1e6);
        m->pidx[m->npool + i] = gi;
        m->pval[m->npool + i] = v;
        h = fnv(h, &gi, sizeof gi);
        h = fnv(h, &q, sizeof q);
        m->scratch[gi] = 0;
    }
    m->ntouched = 0;
    c->hash = h;
    /* Look for a twin. */
    int slot = (int)(h % (uint64_t)m->nslots);
    while (m->slots[slot] >= 0) {
        const column *o = &m->cols[m->slots[slot]];
        if (o->hash == h && same_column(m, o, c)) {
            return CCS_OK;   /* merged: the pool entries are reused next time */
        }
        slot = (slot + 1) % m->nslots;
    }
    if (m->ncols >= CCS_SCHEDULE_MAX_COLUMNS) {
        return ccs_error_set(err, CCS_EINVAL, m->s->file, 0, "shifts",
                             "more than %d shift patterns: widen start_step or narrow the "
                             "break windows",
                             CCS_SCHEDULE_MAX_COLUMNS);
    }
    if (m->ncols == m->capcols) {
        int cap = m->capcols ? 2 * m->capcols : 256;
        column *nc = realloc(m->cols, (size_t)cap * sizeof *nc);
        if (!nc) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        }
        m->cols = nc;
        m->capcols = cap;
    }
    if (m->ncols * 2 >= m->nslots) {
        /* Grow the table and rehash. */
        int ns = m->nslots * 4;
        int *sl = malloc((size_t)ns * sizeof *sl);
        if (!sl) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        }
        for (int i = 0; i < ns; i++) {
            sl[i] = -1;
        }
        for (int j = 0; j < m->ncols; j++) {
            int s2 = (int)(m->cols[j].hash % (uint64_t)ns);
            while (sl[s2] >= 0) {
                s2 = (s2 + 1) % ns;
            }
            sl[s2] = j;
        }
        free(m->slots);
        m->slots = sl;
        m->nslots = ns;
        slot = (int)(h % (uint64_t)ns);
        while (m->slots[slot] >= 0) {
            slot = (slot + 1) % ns;
        }
    }
    m->slots[slot] = m->ncols;
    m->cols[m->ncols++] = *c;
    m->npool += c->nz;
    return CCS_OK;
}

/* Whether day d is worked by pattern p of template t. */
int ccs__schedule_works(const ccs_shift_template *t, int D, int pattern, int d)
{
    if (pattern < 0) {
        return 1;
    }
    int off = ((d - pattern) % D + D) % D;
    return off >= t->days_off;
}

/* Enumerates every column of template ti. */
int ccs__schedule_template_columns(model *m, int ti, ccs_error *err)
{
    const ccs_shift_set *s = m->s;
    const ccs_shift_template *t = &s->t[ti];
    char msg[256], a[8], b[8];
    double s0 = m->req->g.start_s;
    if (t->length_s > m->L + EPS) {
        snprintf(msg, sizeof msg, "a %g h shift is longer than the requirements' day (%s to "
                                  "%s, %g h)",
                 t->length_s / 3600, ccs_clock_hhmm(s0, a, sizeof a),
                 ccs_clock_hhmm(s0 + m->L, b, sizeof b), m->L / 3600);
        return fail_line(s, t->line_length, "length", err, msg);
    }
    double step = t->start_step_s > 0 ? t->start_step_s : m->dt;
    if (fabs(step / m->dt - round(step / m->dt)) > 1e-9) {
        snprintf(msg, sizeof msg, "start_step %g min is not a multiple of the %g-min interval",
                 step / 60, m->dt / 60);
        return fail_line(s, t->line_step, "start_step", err, msg);
    }
    /* Starts as offsets from the day's first interval. */
    double first, last;
    if (t->earliest_start_s >= 0) {
        first = t->earliest_start_s - s0;
        if (m->cyclic && first < 0) {
            first += 86400.0;
        }
    } else {
        first = 0;
    }
    if (t->latest_start_s >= 0) {
        last = t->latest_start_s - s0;
        if (m->cyclic && last < 0) {
            last += 86400.0;
        }
    } else {
        last = m->cyclic ? m->L - m->dt : m->L - t->length_s;
    }
    int line_first = t->line_earliest ? t->line_earliest : t->line;
    int line_last = t->line_latest ? t->line_latest : t->line;
    if (fabs(first / m->dt - round(first / m->dt)) > 1e-9) {
        snprintf(msg, sizeof msg, "%s is not on the %g-min interval grid of the requirements "
                                  "(which starts at %s)",
                 ccs_clock_hhmm(s0 + first, a, sizeof a), m->dt / 60,
                 ccs_clock_hhmm(s0, b, sizeof b));
        return fail_line(s, line_first, "earliest_start", err, msg);
    }
    if (!m->cyclic && first < -EPS) {
        snprintf(msg, sizeof msg, "%s is before the requirements' day starts (%s)",
                 ccs_clock_hhmm(s0 + first, a, sizeof a), ccs_clock_hhmm(s0, b, sizeof b));
        return fail_line(s, line_first, "earliest_start", err, msg);
    }
    if (!m->cyclic && last + t->length_s > m->L + EPS) {
        snprintf(msg, sizeof msg, "a shift starting at %s ends at %s, after the requirements' "
                                  "day ends (%s)",
                 ccs_clock_hhmm(s0 + last, a, sizeof a),
                 ccs_clock_hhmm(s0 + last + t->length_s, b, sizeof b),
                 ccs_clock_hhmm(s0 + m->L, msg + 200, 8));
        return fail_line(s, line_last, t->line_latest ? "latest_start" : "length", err, msg);
    }
    if (last < first - EPS) {
        return fail_line(s, line_last, "latest_start", err,
                         "latest_start is before earliest_start");
    }
    /* Day patterns. */
    int n_pat = 1;
    int tour = t->days_on > 0;
    if (tour) {
        if (t->days_on + t->days_off != m->D) {
            snprintf(msg, sizeof msg, "a tour of %d days on and %d off needs `days` %d and a "
                                      "requirements file with %d days (it has %d)",
                     t->days_on, t->days_off, t->days_on + t->days_off,
                     t->days_on + t->days_off, m->D);
            return fail_line(s, t->line_days, "days_on", err, msg);
        }
        n_pat = t->days_off > 0 ? m->D : 1;
    } else {
        n_pat = m->D;   /* one daily column per day */
    }
    /* Break placements: offsets on the grid inside each window. */
    int nb = t->n_breaks;
    int npos[CCS_SHIFT_MAX_BREAKS];
    double pos0[CCS_SHIFT_MAX_BREAKS];
    for (int i = 0; i < nb; i++) {
        const ccs_break_spec *bs = &t->breaks[i];
        double p0 = ceil(bs->earliest_s / m->dt - 1e-9) * m->dt;
        double p1 = floor(bs->latest_s / m->dt + 1e-9) * m->dt;
        if (p1 < p0 - EPS) {
            snprintf(msg, sizeof msg, "no start between %g and %g min into the shift is on the "
                                      "%g-min interval grid",
                     bs->earliest_s / 60, bs->latest_s / 60, m->dt / 60);
            return fail_line(s, bs->line, "breaks", err, msg);
        }
        pos0[i] = p0;
        npos[i] = (int)llround((p1 - p0) / m->dt) + 1;
    }
    double paid = t->length_s;
    double bl[CCS_SHIFT_MAX_BREAKS];
    for (int i = 0; i < nb; i++) {
        bl[i] = t->breaks[i].length_s;
        if (!t->breaks[i].paid) {
            paid -= bl[i];
        }
    }
    double day_cost = paid / 3600.0 * t->cost_per_hour + t->cost_per_shift;
    int days_worked = tour ? t->days_on : 1;
    int choice[CCS_SHIFT_MAX_BREAKS];
    for (double o = first; o <= last + EPS; o += step) {
        for (int p = 0; p < n_pat; p++) {
            memset(choice, 0, sizeof choice);
            for (;;) {
                double bs[CCS_SHIFT_MAX_BREAKS];
                int overlap = 0;
                for (int i = 0; i < nb; i++) {
                    bs[i] = pos0[i] + choice[i] * m->dt;
                    for (int j = 0; j < i; j++) {
                        if (bs[i] < bs[j] + bl[j] - EPS && bs[j] < bs[i] + bl[i] - EPS) {
                            overlap = 1;
                        }
                    }
                }
                if (!overlap) {
                    column c;
                    memset(&c, 0, sizeof c);
                    c.t = ti;
                    c.pattern = tour && t->days_off > 0 ? p : -1;
                    c.day = tour ? (t->days_off > 0 ? (p + t->days_off) % m->D : 0) : p;
                    c.offset_s = o;
                    c.cost = day_cost * days_worked;
                    c.paid_h = paid / 3600.0;
                    double abs_b[CCS_SHIFT_MAX_BREAKS];
                    for (int i = 0; i < nb; i++) {
                        c.brk[i] = bs[i];
                        abs_b[i] = o + bs[i];
                    }
                    for (int d = 0; d < m->D; d++) {
                        int on = tour ? ccs__schedule_works(t, m->D, c.pattern, d) : d == p;
                        if (on) {
                            add_presence(m, d, o, o + t->length_s, nb, abs_b, bl);
                        }
                    }
                    int rc = commit_column(m, &c, err);
                    if (rc != CCS_OK) {
                        return rc;
                    }
                }
                int i = 0;
                while (i < nb && ++choice[i] >= npos[i]) {
                    choice[i++] = 0;
                }
                if (i == nb) {
                    break;
                }
            }
        }
    }
    return CCS_OK;
}
