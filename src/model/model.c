/*
 * model.c — one replication of the inbound model on the event engine.
 *
 * Time 0 is the start of the warmup; the day's interval k covers
 * [W + kL, W + (k+1)L).  During the warmup the system runs with interval
 * 0's arrival rates and staffing and nothing is counted.  Calls are tallied
 * in the interval in which they arrived; agent busy time and queue length
 * are integrated over the interval in which they happen.  After the last
 * interval no call arrives; the agents of the last interval stay until the
 * queue is empty, so every counted call ends answered or abandoned.
 *
 * Invariants: a call is in at most one queue; a queued call's `gen` changes
 * when it leaves the queue, which turns its pending abandon and overflow
 * events stale (lazy cancellation).  No allocation per event: calls come
 * from a pool that grows by doubling and is kept across replications.
 */
#include "ccsim/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "ccsim/dist.h"
#include "core/engine.h"
#include "ccsim/rng.h"
#include "model/model_impl.h"

/* ---- construction ---------------------------------------------------- */

static gsl_rng **new_streams(int n)
{
    gsl_rng **r = calloc((size_t)n + 1, sizeof *r);
    if (!r) {
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        r[i] = gsl_rng_alloc(ccs_rng_type());
        if (!r[i]) {
            for (int j = 0; j < i; j++) {
                gsl_rng_free(r[j]);
            }
            free(r);
            return NULL;
        }
    }
    return r;
}

static void free_streams(gsl_rng **r, int n)
{
    if (!r) {
        return;
    }
    for (int i = 0; i < n; i++) {
        gsl_rng_free(r[i]);
    }
    free(r);
}

static int cmp_route(const void *a, const void *b)
{
    const route *x = a, *y = b;
    if (x->after_s != y->after_s) {
        return x->after_s < y->after_s ? -1 : 1;
    }
    return x->group - y->group;
}

static int build_routes(ccs_model *m)
{
    const ccs_scenario *sc = m->sc;
    m->routes = calloc((size_t)m->nt + 1, sizeof *m->routes);
    m->n_routes = calloc((size_t)m->nt + 1, sizeof *m->n_routes);
    m->has_overflow = calloc((size_t)m->nt + 1, sizeof *m->has_overflow);
    if (!m->routes || !m->n_routes || !m->has_overflow) {
        return CCS_ENOMEM;
    }
    for (int t = 0; t < m->nt; t++) {
        m->routes[t] = calloc((size_t)m->ng + 1, sizeof *m->routes[t]);
        if (!m->routes[t]) {
            return CCS_ENOMEM;
        }
        for (int g = 0; g < m->ng; g++) {
            const ccs_agent_group *gr = &sc->groups[g];
            for (int i = 0; i < gr->n_serves; i++) {
                if (gr->serves[i] == t) {
                    route r = {g, gr->serve_after_s ? gr->serve_after_s[i] : 0.0};
                    m->routes[t][m->n_routes[t]++] = r;
                    if (r.after_s > 0) {
                        m->has_overflow[t] = 1;
                    }
                    break;
                }
            }
        }
        qsort(m->routes[t], (size_t)m->n_routes[t], sizeof(route), cmp_route);
    }
    return CCS_OK;
}

/* Absenteeism: one row of present counts per group that has it, as long
 * as the group's largest count (docs: ccs_model_present()). */
static int absence_new(ccs_model *m)
{
    for (int g = 0; g < m->ng; g++) {
        const ccs_agent_group *gr = &m->sc->groups[g];
        if (!(gr->absenteeism > 0)) {
            continue;
        }
        if (!m->present && (!(m->present = calloc((size_t)m->ng, sizeof *m->present)) ||
                            !(m->present_len = calloc((size_t)m->ng, sizeof *m->present_len)))) {
            return CCS_ENOMEM;
        }
        if (!m->rng_absent &&
            !(m->rng_absent = ccs_rng_new(m->sc->seed, 0, CCS_RNG_ABSENCE, 0))) {
            return CCS_ENOMEM;
        }
        int most = 0;
        for (int k = 0; k < m->nk; k++) {
            most = gr->count[k] > most ? gr->count[k] : most;
        }
        if (!(m->present[g] = calloc((size_t)most + 1, sizeof *m->present[g]))) {
            return CCS_ENOMEM;
        }
        m->present_len[g] = most;
    }
    return CCS_OK;
}

/* Who is absent this replication: agent j of g's schedule with
 * probability absenteeism, drawn in the order j = 0, 1, ... */
static void absence_draw(ccs_model *m, int rep)
{
    for (int g = 0; m->present && g < m->ng; g++) {
        int *p = m->present[g];
        if (!p) {
            continue;
        }
        const ccs_agent_group *gr = &m->sc->groups[g];
        ccs_rng_reseed(m->rng_absent, m->sc->seed, (uint64_t)rep, CCS_RNG_ABSENCE, (unsigned)g);
        p[0] = 0;
        for (int j = 0; j < m->present_len[g]; j++) {
            p[j + 1] = p[j] + (gsl_rng_uniform(m->rng_absent) >= gr->absenteeism);
        }
    }
}

int ccs_model_present(const ccs_model *m, int g, int k)
{
    int n = m->sc->groups[g].count[k < m->nk ? k : m->nk - 1];
    if (!m->present || !m->present[g]) {
        return n;
    }
    /* The schedule cannot grow past the row between runs (a model is
     * built for one scenario); clamp rather than read past it. */
    return m->present[g][n < m->present_len[g] ? n : m->present_len[g]];
}

ccs_model *ccs_model_new(const ccs_scenario *sc, ccs_error *err)
{
    ccs_model *m = calloc(1, sizeof *m);
    if (!m) {
        goto fail;
    }
    m->sc = sc;
    m->nt = sc->n_types;
    m->ng = sc->n_groups;
    m->nk = sc->n_intervals;
    m->W = sc->warmup_s;
    m->L = sc->interval_s;
    m->day_end = m->W + m->L * m->nk;
    m->eng = ccs_engine_new(1024);
    m->rng_arr = new_streams(m->nt);
    m->rng_handle = new_streams(m->nt);
    m->rng_pat = new_streams(m->nt);
    m->rng_retry = new_streams(m->nt);
    m->rng_vol = new_streams(m->nt);
    m->rng_quality = new_streams(m->nt);
    for (int g = 0; g < m->ng; g++) {
        if (sc->groups[g].fcr < 1.0) {
            m->quality_on = 1;
        }
    }
    m->volume = calloc((size_t)m->nt + 1, sizeof *m->volume);
    m->unit_left = calloc((size_t)m->nt + 1, sizeof *m->unit_left);
    m->q = calloc((size_t)m->nt + 1, sizeof *m->q);
    m->gs = calloc((size_t)m->ng, sizeof *m->gs);
    m->gscratch = calloc((size_t)m->nk * (size_t)m->ng * (size_t)m->nt + 1, sizeof *m->gscratch);
    m->ncalls_cap = 256;
    m->calls = malloc(m->ncalls_cap * sizeof *m->calls);
    if (!m->eng || !m->rng_arr || !m->rng_handle || !m->rng_pat || !m->rng_retry ||
        !m->rng_vol || !m->rng_quality || !m->volume || !m->unit_left || !m->q || !m->gs || !m->calls ||
        !m->gscratch) {
        goto fail;
    }
    if (build_routes(m) != CCS_OK || ccs__dialer_new(m) != CCS_OK || absence_new(m) != CCS_OK) {
        goto fail;
    }
    return m;
fail:
    ccs_model_free(m);
    ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory building the model");
    return NULL;
}

void ccs_model_free(ccs_model *m)
{
    if (!m) {
        return;
    }
    ccs_engine_free(m->eng);
    free_streams(m->rng_arr, m->nt);
    free_streams(m->rng_handle, m->nt);
    free_streams(m->rng_pat, m->nt);
    free_streams(m->rng_retry, m->nt);
    free_streams(m->rng_vol, m->nt);
    free_streams(m->rng_quality, m->nt);
    free(m->volume);
    free(m->unit_left);
    free(m->q);
    free(m->gs);
    for (int g = 0; m->present && g < m->ng; g++) {
        free(m->present[g]);
    }
    free(m->present);
    free(m->present_len);
    if (m->rng_absent) {
        gsl_rng_free(m->rng_absent);
    }
    free(m->calls);
    free(m->gscratch);
    ccs__dialer_free(m);
    if (m->routes) {
        for (int t = 0; t < m->nt; t++) {
            free(m->routes[t]);
        }
    }
    free(m->routes);
    free(m->n_routes);
    free(m->has_overflow);
    free(m);
}

void ccs_model_set_trace(ccs_model *m, ccs_trace_fn fn, void *ctx, double until_s)
{
    m->trace = fn;
    m->trace_ctx = ctx;
    m->trace_until = until_s;
}

/* ---- helpers ---------------------------------------------------------- */

static void trace(ccs_model *m, ccs_trace_kind kind, const call *c, int group, double wait)
{
    double now = ccs_engine_now(m->eng);
    if (now > m->trace_until) {
        return;
    }
    ccs_trace_event ev = {now,   kind,         c ? c->number : 0, c ? c->type : -1, group,
                          m->cur, m->queued_all, m->busy_all, wait};
    m->trace(m->trace_ctx, &ev);
}

#define TRACE(m, kind, c, g, w)            \
    do {                                   \
        if ((m)->trace) {                  \
            trace((m), (kind), (c), (g), (w)); \
        }                                  \
    } while (0)

static void schedule(ccs_model *m, double t, uint32_t kind, uint32_t id, uint32_t gen,
                     uint32_t aux)
{
    int rc = ccs_engine_schedule(m->eng, t, kind, id, gen, aux);
    if (rc != CCS_OK) {
        m->failed = rc;
    }
}

static int counting(const ccs_model *m)
{
    return m->cur >= 0 && m->cur < m->nk;
}

static ccs_tally *cell(ccs_model *m, int k, int t)
{
    return &m->cells[(size_t)k * (size_t)m->nt + (size_t)t];
}

static ccs_group_tally *gcell(ccs_model *m, int k, int g, int t)
{
    return &m->gcells[((size_t)k * (size_t)m->ng + (size_t)g) * (size_t)m->nt + (size_t)t];
}

/* Agent-seconds of group g's agents kept past their shift (owed) up to
 * now, into the current interval's campaign cells: the campaigns' shares
 * count the agent time present, on shift or finishing a call.  Call it
 * before every change of `owed`. */
static void owed_account(ccs_model *m, int g, double now)
{
    group_state *gs = &m->gs[g];
    if (m->nc > 0 && counting(m) && gs->owed > 0 && now > gs->owed_since) {
        double a = gs->owed * (now - gs->owed_since);
        ccs_cgroup_tally *t =
            &m->cgcells[((size_t)m->cur * (size_t)m->ng + (size_t)g) * (size_t)m->nc];
        for (int c = 0; c < m->nc; c++) {
            t[c].overtime_s += a;
        }
    }
    gs->owed_since = now;
}

static uint32_t call_alloc(ccs_model *m)
{
    if (m->free_head == NIL) {
        uint32_t old = m->ncalls_cap, cap = old * 2;
        if (old >= CCS_MODEL_MAX_CALLS) {
            m->failed = CCS_ELIMIT;
            return NIL;
        }
        call *c = realloc(m->calls, cap * sizeof *c);
        if (!c) {
            m->failed = 1;
            return NIL;
        }
        m->calls = c;
        m->ncalls_cap = cap;
        for (uint32_t i = old; i < cap; i++) {
            c[i].next = i + 1 < cap ? i + 1 : NIL;
            c[i].gen = 0;
        }
        m->free_head = old;
    }
    uint32_t id = m->free_head;
    m->free_head = m->calls[id].next;
    return id;
}

static void call_free(ccs_model *m, uint32_t id)
{
    m->calls[id].gen++;
    m->calls[id].next = m->free_head;
    m->free_head = id;
}

/* Queue-length integral of type t up to now, in the current interval. */
static void queue_account(ccs_model *m, int t, double now)
{
    queue *q = &m->q[t];
    if (counting(m)) {
        cell(m, m->cur, t)->queue_area += (double)q->len * (now - q->last);
    }
    q->last = now;
}

static void queue_push(ccs_model *m, uint32_t id, double now)
{
    call *c = &m->calls[id];
    queue *q = &m->q[c->type];
    queue_account(m, c->type, now);
    c->prev = q->tail;
    c->next = NIL;
    if (q->tail != NIL) {
        m->calls[q->tail].next = id;
    } else {
        q->head = id;
    }
    q->tail = id;
    q->len++;
    c->queued = 1;
    m->queued_all++;
    if (counting(m)) {
        ccs_tally *cl = cell(m, m->cur, c->type);
        if ((double)q->len > cl->queue_max) {
            cl->queue_max = (double)q->len;
        }
    }
}

static void queue_remove(ccs_model *m, uint32_t id, double now)
{
    call *c = &m->calls[id];
    queue *q = &m->q[c->type];
    queue_account(m, c->type, now);
    if (c->prev != NIL) {
        m->calls[c->prev].next = c->next;
    } else {
        q->head = c->next;
    }
    if (c->next != NIL) {
        m->calls[c->next].prev = c->prev;
    } else {
        q->tail = c->prev;
    }
    q->len--;
    c->queued = 0;
    c->gen++;
    m->queued_all--;
}

/* Adds [s, s + d) of agent time of group g on type t to the intervals it
 * overlaps. */
static void add_busy(ccs_model *m, int g, int t, double s, double d)
{
    double a = s > m->W ? s : m->W;
    double e = s + d < m->day_end ? s + d : m->day_end;
    if (e <= a) {
        return;
    }
    int k = (int)((a - m->W) / m->L);
    if (k >= m->nk) {
        k = m->nk - 1;
    }
    while (a < e && k < m->nk) {
        double ke = m->W + m->L * (k + 1);
        double b = e < ke ? e : ke;
        cell(m, k, t)->busy_s += b - a;
        gcell(m, k, g, t)->busy_s += b - a;
        a = b;
        k++;
    }
}

/* Draws the attempt's handle time and patience (at arrival, so that the
 * same caller gets the same values in every compared scenario). */
static void draw_call(ccs_model *m, call *c)
{
    const ccs_call_type *ct = &m->sc->types[c->type];
    gsl_rng *r = m->rng_handle[c->type];
    c->handle = ccs_dist_sample(&ct->talk, r);
    if (ct->acw.kind != CCS_DIST_NONE) {
        c->handle += ccs_dist_sample(&ct->acw, r);
    }
    c->patience = ct->patience.kind == CCS_DIST_NONE
                      ? INFINITY
                      : ccs_dist_sample(&ct->patience, m->rng_pat[c->type]);
    /* Drawn per attempt whoever answers, so compared scenarios that differ
     * only in fcr resolve the same callers (common random numbers). */
    if (m->quality_on) {
        c->quality_u = gsl_rng_uniform(m->rng_quality[c->type]);
        c->repeat_delay = ccs_dist_sample(&ct->repeat_delay, m->rng_quality[c->type]);
    }
}

static void start_service(ccs_model *m, uint32_t id, int g, double now)
{
    call *c = &m->calls[id];
    const ccs_call_type *ct = &m->sc->types[c->type];
    const ccs_agent_group *gr = &m->sc->groups[g];
    double wait = now - c->arrive;
    /* The base draw was made at arrival (CRN); the group's speed applies
     * here, as does its first-contact resolution. */
    c->handle *= gr->aht_factor;
    c->resolved = !m->quality_on || c->quality_u < gr->fcr;
    m->gs[g].busy++;
    m->busy_all++;
    if (c->interval >= 0) {
        ccs_tally *cl = cell(m, c->interval, c->type);
        cl->handled += 1;
        if (wait <= ct->sl_threshold_s) {
            cl->answered_in_sl += 1;
        }
        cl->wait_answered_s += wait;
        if (wait > cl->wait_max_s) {
            cl->wait_max_s = wait;
        }
        cl->handle_s += c->handle;
    }
    /* The work is billed for every call of the day, whenever it is
     * answered: a call answered after the last interval (the agents stay
     * to clear the queue) counts in the last interval, so billed calls,
     * minutes and resolutions equal the calls handled. */
    if (c->interval >= 0) {
        ccs_group_tally *gt = gcell(m, m->cur < m->nk ? m->cur : m->nk - 1, g, c->type);
        gt->handled += 1;
        gt->handle_s += c->handle;
        gt->resolved += c->resolved;
    }
    add_busy(m, g, c->type, now, c->handle);
    TRACE(m, CCS_TR_ANSWER, c, g, wait);
    schedule(m, now + c->handle, EV_DEPART, id, 0, (uint32_t)g);
}

static int idle(const ccs_model *m, int g)
{
    return m->gs[g].present - m->gs[g].busy;
}

/* A free agent of group g looks for work: the oldest call of its
 * highest-priority type that has waited at least the group's delay. */
static int agent_pick(ccs_model *m, int g, double now)
{
    const ccs_agent_group *gr = &m->sc->groups[g];
    for (int i = 0; i < gr->n_serves; i++) {
        int t = gr->serves[i];
        uint32_t h = m->q[t].head;
        if (h == NIL) {
            continue;
        }
        double after = gr->serve_after_s ? gr->serve_after_s[i] : 0.0;
        if (now - m->calls[h].arrive >= after) {
            queue_remove(m, h, now);
            start_service(m, h, g, now);
            return 1;
        }
    }
    return 0;
}

static void maybe_retry(ccs_model *m, uint32_t id, double p, double now)
{
    call *c = &m->calls[id];
    const ccs_call_type *ct = &m->sc->types[c->type];
    if (p > 0 && c->retrials < ct->max_retrials &&
        gsl_rng_uniform(m->rng_retry[c->type]) < p) {
        double t = now + ccs_dist_sample(&ct->retry_delay, m->rng_retry[c->type]);
        if (t < m->day_end) {
            c->retrials++;
            schedule(m, t, EV_RETRIAL, id, c->gen, 0);
            return;
        }
    }
    call_free(m, id);
}

/* ---- arrivals --------------------------------------------------------- */

/* Rate per second of type t in the interval containing time s. */
static double rate_at(const ccs_model *m, int t, int k)
{
    return m->sc->types[t].rate_per_hour[k] / 3600.0 * m->volume[t];
}

/* Schedules type t's next fresh arrival after time s by inverting the
 * piecewise-constant cumulative intensity: one Exp(1) draw per arrival,
 * carried across interval boundaries, so the process is exactly Poisson
 * within each interval whatever the rates. */
static void next_arrival(ccs_model *m, int t, double s)
{
    double e = m->unit_left[t];
    if (e <= 0) {
        e = gsl_ran_exponential(m->rng_arr[t], 1.0);
    }
    for (;;) {
        int k;
        double end;
        if (s < m->W) {
            k = 0;
            end = m->W;
        } else {
            k = (int)((s - m->W) / m->L);
            if (k >= m->nk) {
                m->unit_left[t] = 0;
                return;
            }
            end = m->W + m->L * (k + 1);
        }
        double r = rate_at(m, t, k);
        if (r > 0 && s + e / r < end) {
            m->unit_left[t] = 0;
            schedule(m, s + e / r, EV_ARRIVAL, (uint32_t)t, 0, 0);
            return;
        }
        e -= r * (end - s);
        s = end;
    }
}

static void arrive(ccs_model *m, uint32_t id, double now)
{
    call *c = &m->calls[id];
    int t = c->type;
    const ccs_call_type *ct = &m->sc->types[t];
    c->arrive = now;
    c->interval = counting(m) ? m->cur : -1;
    c->queued = 0;
    draw_call(m, c);
    ccs_tally *cl = c->interval >= 0 ? cell(m, c->interval, t) : NULL;
    if (cl) {
        cl->offered += 1;
        if (c->retrials > 0) {
            cl->retrials += 1;
        }
        if (c->repeat && c->retrials == 0) {
            cl->repeats += 1;
        }
    }
    TRACE(m, c->retrials > 0 ? CCS_TR_RETRIAL : CCS_TR_ARRIVAL, c, -1, 0);
    for (int i = 0; i < m->n_routes[t]; i++) {
        const route *r = &m->routes[t][i];
        if (r->after_s > 0) {
            break;
        }
        if (idle(m, r->group) > 0) {
            start_service(m, id, r->group, now);
            return;
        }
    }
    if (ct->queue_capacity >= 0 && m->q[t].len >= ct->queue_capacity) {
        if (cl) {
            cl->blocked += 1;
        }
        TRACE(m, CCS_TR_BLOCK, c, -1, 0);
        maybe_retry(m, id, ct->retry_blocked, now);
        return;
    }
    if (cl) {
        cl->delayed += 1;
    }
    queue_push(m, id, now);
    TRACE(m, CCS_TR_QUEUE, c, -1, 0);
    if (isfinite(c->patience)) {
        schedule(m, now + c->patience, EV_ABANDON, id, c->gen, 0);
    }
    if (m->has_overflow[t]) {
        double last = 0;
        for (int i = 0; i < m->n_routes[t]; i++) {
            double a = m->routes[t][i].after_s;
            if (a > last) {
                schedule(m, now + a, EV_OVERFLOW, id, c->gen, 0);
                last = a;
            }
        }
    }
}

static void fresh_arrival(ccs_model *m, int t, double now)
{
    next_arrival(m, t, now);
    uint32_t id = call_alloc(m);
    if (id == NIL) {
        return;
    }
    call *c = &m->calls[id];
    c->type = t;
    c->campaign = -1;
    c->retrials = 0;
    c->repeat = 0;
    c->number = ++m->numbered;
    arrive(m, id, now);
}

/* ---- other events ----------------------------------------------------- */

/* An unresolved contact calls again after its repeat delay, as a new
 * contact of the same type, if that falls within the day (repeats after
 * the day are not simulated; the contact still counts as unresolved). */
static void repeat_or_free(ccs_model *m, uint32_t id, double now)
{
    call *c = &m->calls[id];
    double t = now + c->repeat_delay;
    if (!c->resolved && t < m->day_end) {
        c->repeat = 1;
        c->retrials = 0;
        schedule(m, t, EV_RETRIAL, id, c->gen, 0);
        return;
    }
    call_free(m, id);
}

/* An agent of group g is free: it leaves if its shift is over, else takes
 * inbound work, else outbound work. */
static void agent_free(ccs_model *m, int g, double now)
{
    group_state *gs = &m->gs[g];
    if (gs->owed > 0) {
        owed_account(m, g, now);
        gs->owed--;
        gs->present--;
        return;
    }
    if (!agent_pick(m, g, now) && m->nc > 0) {
        ccs__dialer_agent_free(m, g, now);
    }
}

static void depart(ccs_model *m, uint32_t id, int g, double now)
{
    m->gs[g].busy--;
    m->busy_all--;
    if (m->calls[id].campaign >= 0) {
        ccs__dialer_call_done(m, id, g, now);
    } else {
        /* Traced after the agent is counted free: counts are "after the event". */
        TRACE(m, CCS_TR_DEPART, &m->calls[id], g, 0);
        repeat_or_free(m, id, now);
    }
    agent_free(m, g, now);
}

static void abandon(ccs_model *m, uint32_t id, double now)
{
    call *c = &m->calls[id];
    const ccs_call_type *ct = &m->sc->types[c->type];
    double wait = now - c->arrive;
    queue_remove(m, id, now);
    if (c->interval >= 0) {
        ccs_tally *cl = cell(m, c->interval, c->type);
        cl->abandoned += 1;
        if (wait <= ct->short_abandon_s) {
            cl->abandoned_short += 1;
        }
        if (wait > cl->wait_max_s) {
            cl->wait_max_s = wait;
        }
    }
    TRACE(m, CCS_TR_ABANDON, c, -1, wait);
    maybe_retry(m, id, ct->retry_abandoned, now);
}

/* An overflow delay of the call has passed: groups whose delay is reached
 * and that have an idle agent take the oldest eligible call of the type. */
static void overflow(ccs_model *m, uint32_t id, double now)
{
    int t = m->calls[id].type;
    for (int i = 0; i < m->n_routes[t] && m->q[t].head != NIL; i++) {
        const route *r = &m->routes[t][i];
        uint32_t h = m->q[t].head;
        if (now - m->calls[h].arrive < r->after_s) {
            break;
        }
        if (idle(m, r->group) > 0) {
            queue_remove(m, h, now);
            start_service(m, h, r->group, now);
            i--;  /* the same group may have more idle agents */
        }
    }
}

/* Sets each group's head count for interval k (k = nk: the day is over,
 * the last interval's agents stay to clear the queue). */
static void staff(ccs_model *m, int k, double now)
{
    for (int g = 0; g < m->ng; g++) {
        group_state *gs = &m->gs[g];
        int target = ccs_model_present(m, g, k);
        owed_account(m, g, now);
        gs->target = target;
        int have = gs->present - gs->owed;
        if (target > have) {
            int back = target - have < gs->owed ? target - have : gs->owed;
            gs->owed -= back;
            gs->present += target - have - back;
            while (idle(m, g) > 0 && agent_pick(m, g, now)) {
            }
        } else if (target < have) {
            int excess = have - target;
            int go = idle(m, g) < excess ? idle(m, g) : excess;
            gs->present -= go;
            gs->owed += excess - go;
        }
    }
}

static void interval_start(ccs_model *m, int k, double now)
{
    for (int t = 0; t < m->nt; t++) {
        queue_account(m, t, now);
    }
    for (int g = 0; m->nc > 0 && g < m->ng; g++) {
        owed_account(m, g, now);
    }
    m->cur = k;
    if (counting(m)) {
        for (int t = 0; t < m->nt; t++) {
            cell(m, k, t)->queue_max = (double)m->q[t].len;
        }
    }
    TRACE(m, CCS_TR_INTERVAL, NULL, -1, 0);
    if (k < m->nk) {
        staff(m, k, now);
        /* One boundary in the calendar at a time keeps the heap shallow. */
        schedule(m, m->W + m->L * (k + 1), EV_INTERVAL, (uint32_t)(k + 1), 0, 0);
        if (m->nc > 0) {
            ccs__dialer_interval(m, now);
        }
    }
}

/* ---- the replication -------------------------------------------------- */

static void reset(ccs_model *m, int rep)
{
    const ccs_scenario *sc = m->sc;
    ccs_engine_reset(m->eng);
    for (int t = 0; t < m->nt; t++) {
        ccs_rng_reseed(m->rng_arr[t], sc->seed, (uint64_t)rep, CCS_RNG_ARRIVALS, (unsigned)t);
        ccs_rng_reseed(m->rng_handle[t], sc->seed, (uint64_t)rep, CCS_RNG_HANDLE, (unsigned)t);
        ccs_rng_reseed(m->rng_pat[t], sc->seed, (uint64_t)rep, CCS_RNG_PATIENCE, (unsigned)t);
        ccs_rng_reseed(m->rng_retry[t], sc->seed, (uint64_t)rep, CCS_RNG_RETRIAL, (unsigned)t);
        ccs_rng_reseed(m->rng_vol[t], sc->seed, (uint64_t)rep, CCS_RNG_VOLUME, (unsigned)t);
        ccs_rng_reseed(m->rng_quality[t], sc->seed, (uint64_t)rep, CCS_RNG_QUALITY, (unsigned)t);
        double cv = sc->types[t].volume_cv;
        m->volume[t] = cv > 0 ? gsl_ran_gamma(m->rng_vol[t], 1.0 / (cv * cv), cv * cv) : 1.0;
        m->unit_left[t] = 0;
        m->q[t].head = m->q[t].tail = NIL;
        m->q[t].len = 0;
        m->q[t].last = 0;
    }
    memset(m->gs, 0, (size_t)m->ng * sizeof *m->gs);
    for (uint32_t i = 0; i < m->ncalls_cap; i++) {
        m->calls[i].next = i + 1 < m->ncalls_cap ? i + 1 : NIL;
    }
    m->free_head = 0;
    m->numbered = 0;
    m->queued_all = m->busy_all = 0;
    m->failed = 0;
    m->cur = -1;
    absence_draw(m, rep);
    ccs__dialer_reset(m, rep);
}

int ccs_model_run(ccs_model *m, int rep, ccs_tally *cells, ccs_group_tally *gcells,
                  ccs_campaign_tally *ccells, ccs_cgroup_tally *cgcells, uint64_t *events)
{
    reset(m, rep);
    m->cells = cells;
    m->gcells = gcells ? gcells : m->gscratch;
    m->ccells = ccells ? ccells : m->cscratch;
    m->cgcells = cgcells ? cgcells : m->cgscratch;
    memset(cells, 0, (size_t)m->nk * (size_t)m->nt * sizeof *cells);
    memset(m->gcells, 0, (size_t)m->nk * (size_t)m->ng * (size_t)m->nt * sizeof *m->gcells);
    memset(m->ccells, 0, (size_t)m->nk * (size_t)m->nc * sizeof *m->ccells);
    memset(m->cgcells, 0, (size_t)m->nk * (size_t)m->ng * (size_t)m->nc * sizeof *m->cgcells);
    staff(m, 0, 0.0);
    schedule(m, m->W, EV_INTERVAL, 0, 0, 0);
    for (int t = 0; t < m->nt; t++) {
        next_arrival(m, t, 0.0);
    }
    ccs_event ev;
    while (!m->failed && ccs_engine_pop(m->eng, &ev)) {
        double now = ev.time;
        switch (ev.kind) {
        case EV_ARRIVAL:
            fresh_arrival(m, (int)ev.id, now);
            break;
        case EV_DEPART:
            depart(m, ev.id, (int)ev.aux, now);
            break;
        case EV_ABANDON:
            if (m->calls[ev.id].gen == ev.gen && m->calls[ev.id].queued) {
                abandon(m, ev.id, now);
            }
            break;
        case EV_OVERFLOW:
            if (m->calls[ev.id].gen == ev.gen && m->calls[ev.id].queued) {
                overflow(m, ev.id, now);
            }
            break;
        case EV_RETRIAL:
            arrive(m, ev.id, now);
            break;
        case EV_INTERVAL:
            interval_start(m, (int)ev.id, now);
            break;
        default:
            ccs__dialer_event(m, &ev);
        }
    }
    *events = ccs_engine_popped(m->eng);
    m->cells = NULL;
    m->gcells = NULL;
    return m->failed == CCS_ELIMIT ? CCS_ELIMIT : m->failed ? CCS_ENOMEM : CCS_OK;
}

/* ---- shared with dialer.c (model_impl.h) ------------------------------ */

void ccs__schedule(ccs_model *m, double t, uint32_t kind, uint32_t id, uint32_t gen,
                   uint32_t aux)
{
    schedule(m, t, kind, id, gen, aux);
}

uint32_t ccs__call_alloc(ccs_model *m)
{
    return call_alloc(m);
}

void ccs__call_free(ccs_model *m, uint32_t id)
{
    call_free(m, id);
}

int ccs__idle(const ccs_model *m, int g)
{
    return idle(m, g);
}

void ccs__agent_released(ccs_model *m, int g, double now)
{
    agent_free(m, g, now);
}
