/*
 * backoffice.c — the back-office channel: deferrable work items with a
 * deadline (claims, data entry, e-mail), served by the groups that list
 * the item's type in their `backoffice` key (docs/backoffice.md).
 *
 * Items of type b arrive as a Poisson process of rate items_per_hour[k]
 * in interval k (the warm-up at interval 0's rate), plus batches at set
 * times of the day.  Each item's handle time is drawn at arrival (common
 * random numbers).  An arriving item goes to an idle agent of the first
 * group that works its type — groups that answer no calls first, then
 * the others, each in the scenario's order — or waits in its type's FIFO.
 * A free agent is offered to this channel last (channels.c): an agent of a
 * group that also answers calls takes an item only when no call is waiting
 * for it and the dialer has not taken it, and keeps it to the end
 * (non-preemptive lowest priority) — unless the group has a guaranteed
 * share (backoffice_share): while fewer than ceil(share x agents on shift)
 * of its agents work items, a free agent of it is asked here first, ahead
 * of every channel (on_agent_free_first).  Among the types its group works
 * it takes the waiting item due first (arrival + deadline; FIFO within a
 * type).  No item is started after the day's last interval: what waits
 * then is the backlog at the end of the day; items already started finish.
 *
 * Deadlines are on completion: an item is on time when it is completed
 * within `deadline` of its arrival.
 *
 * Several days (days.c): each day is reset like a replication of its
 * own, but the backlog stays, its arrival times moved into the new day's
 * clock (m->day_shift), so ages and deadlines run through the night; a
 * batch's items are scaled by the day's factor (rounded).
 *
 * Tallies (tallies.h, kind bo): arrivals in their interval; items done,
 * on time, their waits, sojourns and handle times in the interval of their
 * completion (known at the start: the handle time is drawn), for items
 * that arrived during the day; busy time over the intervals it covers,
 * clipped to the day; the backlog, its late part and the oldest item's age
 * at each interval's end (a TICK event at each boundary, id = interval).
 */
#include <math.h>
#include <stdlib.h>

#include "ccsim/dist.h"
#include "ccsim/rng.h"
#include "model/core.h"

enum {
    BO_ARRIVAL,   /* id = type: a Poisson arrival */
    BO_BATCH,     /* id = type: its next batch arrives */
    BO_DONE,      /* id = type, aux = agent: an item is completed */
    BO_TICK,      /* id = interval k: k ends now (snapshot of the backlog) */
    BO_N_KINDS
};

typedef struct bo_item {
    double arrive;    /* arrival time, seconds */
    double handle;    /* handle time, drawn at arrival */
    int k;            /* arrival interval; -1 in the warm-up (not counted) */
} bo_item;

/* One type's waiting items: a ring buffer in arrival order, grown by
 * doubling and kept across replications (no allocation per event). */
typedef struct bo_queue {
    bo_item *v;
    uint32_t cap, head, len;
} bo_queue;

typedef struct backoffice {
    uint32_t kind0;
    int nb;
    gsl_rng **rng_arr, **rng_handle;   /* [nb] */
    double *unit_left;                 /* [nb] unused Exp(1) mass for the next arrival */
    int *next_batch;                   /* [nb] */
    bo_queue *q;                       /* [nb] */
    int *voice;                        /* [ng] the group also answers calls */
    int *order;                        /* [n_order] groups working some type: dedicated
                                          ones first, then the others, scenario order */
    int n_order;
    int *on_items;                     /* [ng] the group's agents working an item now */
    int shares;                        /* some group has a backoffice_share */
} backoffice;

/* ---- the ring buffer ----------------------------------------------------- */

static bo_item *q_at(const bo_queue *q, uint32_t i)
{
    return &q->v[(q->head + i) & (q->cap - 1)];
}

static int q_push(ccs_model *m, bo_queue *q, bo_item it)
{
    if (q->len == q->cap) {
        if (q->cap >= CCS_MODEL_MAX_CALLS) {
            m->failed = CCS_ELIMIT;
            return -1;
        }
        uint32_t nc = q->cap ? q->cap * 2 : 64;
        bo_item *v = malloc((size_t)nc * sizeof *v);
        if (!v) {
            m->failed = CCS_ENOMEM;
            return -1;
        }
        for (uint32_t i = 0; i < q->len; i++) {
            v[i] = *q_at(q, i);
        }
        free(q->v);
        q->v = v;
        q->cap = nc;
        q->head = 0;
    }
    q->v[(q->head + q->len) & (q->cap - 1)] = it;
    q->len++;
    return 0;
}

static bo_item q_pop(bo_queue *q)
{
    bo_item it = q->v[q->head];
    q->head = (q->head + 1) & (q->cap - 1);
    q->len--;
    return it;
}

/* Waiting items that arrived at or before t (arrival order: a binary
 * search). */
static uint32_t q_count_before(const bo_queue *q, double t)
{
    uint32_t lo = 0, hi = q->len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (q_at(q, mid)->arrive <= t) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* ---- lifecycle ----------------------------------------------------------- */

static void destroy(void *state)
{
    backoffice *bo = state;
    for (int b = 0; b < bo->nb; b++) {
        if (bo->rng_arr) {
            gsl_rng_free(bo->rng_arr[b]);
        }
        if (bo->rng_handle) {
            gsl_rng_free(bo->rng_handle[b]);
        }
        if (bo->q) {
            free(bo->q[b].v);
        }
    }
    free(bo->rng_arr);
    free(bo->rng_handle);
    free(bo->unit_left);
    free(bo->next_batch);
    free(bo->q);
    free(bo->voice);
    free(bo->order);
    free(bo->on_items);
    free(bo);
}

static int create(ccs_model *m, uint32_t kind0, void **state)
{
    const ccs_scenario *sc = m->sc;
    *state = NULL;
    if (sc->n_backoffice == 0) {
        return CCS_OK;
    }
    backoffice *bo = calloc(1, sizeof *bo);
    if (!bo) {
        return CCS_ENOMEM;
    }
    bo->kind0 = kind0;
    int nb = sc->n_backoffice;
    bo->rng_arr = calloc((size_t)nb, sizeof *bo->rng_arr);
    bo->rng_handle = calloc((size_t)nb, sizeof *bo->rng_handle);
    bo->unit_left = calloc((size_t)nb, sizeof *bo->unit_left);
    bo->next_batch = calloc((size_t)nb, sizeof *bo->next_batch);
    bo->q = calloc((size_t)nb, sizeof *bo->q);
    bo->voice = calloc((size_t)m->ng + 1, sizeof *bo->voice);
    bo->order = calloc((size_t)m->ng + 1, sizeof *bo->order);
    bo->on_items = calloc((size_t)m->ng + 1, sizeof *bo->on_items);
    if (!bo->rng_arr || !bo->rng_handle || !bo->unit_left || !bo->next_batch || !bo->q ||
        !bo->voice || !bo->order || !bo->on_items) {
        destroy(bo);
        return CCS_ENOMEM;
    }
    bo->nb = nb;
    for (int b = 0; b < nb; b++) {
        bo->rng_arr[b] = gsl_rng_alloc(ccs_rng_type());
        bo->rng_handle[b] = gsl_rng_alloc(ccs_rng_type());
        if (!bo->rng_arr[b] || !bo->rng_handle[b]) {
            destroy(bo);
            return CCS_ENOMEM;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int g = 0; g < m->ng; g++) {
            const ccs_agent_group *gr = &sc->groups[g];
            bo->voice[g] = gr->n_serves > 0;
            bo->shares |= gr->bo_share > 0;
            if (gr->n_bo > 0 && bo->voice[g] == pass) {
                bo->order[bo->n_order++] = g;
            }
        }
    }
    *state = bo;
    return CCS_OK;
}

static void reset(ccs_model *m, void *state, int rep)
{
    backoffice *bo = state;
    for (int g = 0; g < m->ng; g++) {
        bo->on_items[g] = 0;   /* the engine's pending completions are gone */
    }
    for (int b = 0; b < bo->nb; b++) {
        ccs_rng_reseed(bo->rng_arr[b], m->sc->seed, (uint64_t)rep, CCS_RNG_BACKOFFICE,
                       (unsigned)(2 * b));
        ccs_rng_reseed(bo->rng_handle[b], m->sc->seed, (uint64_t)rep, CCS_RNG_BACKOFFICE,
                       (unsigned)(2 * b + 1));
        bo->unit_left[b] = 0;
        bo->next_batch[b] = 0;
        bo_queue *q = &bo->q[b];
        if (m->day == 0) {
            q->head = 0;
            q->len = 0;
            continue;
        }
        /* A later day of several (days.c): the backlog carries over, its
         * arrival times in this day's clock (the night passed). */
        for (uint32_t i = 0; i < q->len; i++) {
            q_at(q, i)->arrive += m->day_shift;
        }
    }
}

/* ---- service --------------------------------------------------------------- */

/* Agent time [s, s + d) of group g on type b, over the intervals it
 * covers, clipped to the day. */
static void add_busy(const backoffice *bo, ccs_model *m, int g, int b, double s, double d)
{
    const ccs_clock *clk = &m->clk;
    double a = s > clk->W ? s : clk->W;
    double e = s + d < clk->day_end ? s + d : clk->day_end;
    int k = (int)((a - clk->W) / clk->L);
    while (a < e && k < clk->nk) {
        double ke = clk->W + clk->L * (k + 1);
        double x = e < ke ? e : ke;
        ccs_bo_tally *t = ccs_bo_tally_at(&m->tal, k, b);
        t->busy_s += x - a;
        ccs_bogroup_tally_at(&m->tal, k, g, b)->busy_s += x - a;
        if (bo->voice[g]) {
            t->voice_busy_s += x - a;
        }
        a = x;
        k++;
    }
}

/* The longest-idle agent of group g takes item it of type b now. */
static void start_item(backoffice *bo, ccs_model *m, int g, int b, const bo_item *it,
                       double now)
{
    const ccs_backoffice *ty = &m->sc->backoffice[b];
    const ccs_clock *clk = &m->clk;
    uint32_t agent = ccs_agents_take(&m->agents, g);
    double end = now + it->handle;
    if (it->k >= 0) {
        int k = (int)((end - clk->W) / clk->L);
        k = k < clk->nk ? k : clk->nk - 1;
        ccs_bo_tally *t = ccs_bo_tally_at(&m->tal, k, b);
        double sojourn = end - it->arrive;
        t->done += 1;
        t->done_on_time += sojourn <= ty->deadline_s;
        t->wait_s += now - it->arrive;
        t->sojourn_s += sojourn;
        t->handle_s += it->handle;
        t->done_by_voice += bo->voice[g];
        ccs_bogroup_tally_at(&m->tal, k, g, b)->done += 1;
    }
    add_busy(bo, m, g, b, now, it->handle);
    bo->on_items[g]++;
    /* traced: gen = 1 when the item will be late, arrival's time in the
     * trace's own state is not kept (gen is 0 untraced, as before) */
    uint32_t late = 0;
    if (m->trace) {
        late = end - it->arrive > ty->deadline_s;
        ccs_model_trace_x_(m, CCS_TR_BO_START, 0, b, g, now - it->arrive, agent, -1, -1);
    }
    ccs_model_schedule(m, end, bo->kind0 + BO_DONE, (uint32_t)b, late, agent);
}

/* Whether items may be started now: not after the day. */
static int open_now(const ccs_model *m)
{
    return m->clk.cur < m->clk.nk;
}

/* Agent of group g takes the waiting item due first among the types the
 * group works (ties: the group's list order): 1, or 0 if none waits. */
static int take_due_first(backoffice *bo, ccs_model *m, int g, double now)
{
    const ccs_agent_group *gr = &m->sc->groups[g];
    int best = -1;
    double due = INFINITY;
    for (int i = 0; i < gr->n_bo; i++) {
        int b = gr->bo[i];
        if (bo->q[b].len > 0) {
            double d = q_at(&bo->q[b], 0)->arrive + m->sc->backoffice[b].deadline_s;
            if (d < due) {
                due = d;
                best = b;
            }
        }
    }
    if (best < 0) {
        return 0;
    }
    bo_item it = q_pop(&bo->q[best]);
    start_item(bo, m, g, best, &it, now);
    return 1;
}

/* A free agent of group g: the waiting item due first among the types the
 * group works (ties: the group's list order). */
static int on_agent_free(ccs_model *m, void *state, int g, ccs_free_reason why, double now)
{
    (void)why;
    backoffice *bo = state;
    const ccs_agent_group *gr = &m->sc->groups[g];
    if (gr->n_bo == 0 || !open_now(m)) {
        return 0;
    }
    return take_due_first(bo, m, g, now);
}

/* The guaranteed share, asked before any channel: while fewer than
 * ceil(share x agents on shift) of g's agents work items, a free agent of
 * g takes the waiting item due first, ahead of calls, chats and dials. */
static int on_agent_free_first(ccs_model *m, void *state, int g, ccs_free_reason why,
                               double now)
{
    (void)why;
    backoffice *bo = state;
    const ccs_agent_group *gr = &m->sc->groups[g];
    if (!bo->shares || !(gr->bo_share > 0) || !open_now(m)) {
        return 0;
    }
    int k = m->clk.cur < 0 ? 0 : m->clk.cur;
    int n = ccs_agents_scheduled(&m->agents, g, k);
    if (bo->on_items[g] >= (int)ceil(gr->bo_share * n - 1e-9)) {
        return 0;
    }
    return take_due_first(bo, m, g, now);
}

/* An item of type b arrives now, counted in interval k (-1: not counted,
 * the warm-up). */
static void arrive(backoffice *bo, ccs_model *m, int b, double now, int k)
{
    const ccs_backoffice *ty = &m->sc->backoffice[b];
    bo_item it = {now, ccs_dist_sample(&ty->handle, bo->rng_handle[b]), k};
    if (it.k >= 0) {
        ccs_bo_tally_at(&m->tal, it.k, b)->arrived += 1;
    }
    CCS_TRACE_X(m, CCS_TR_BO_ARRIVAL, 0, b, -1, 0, NIL, -1, -1);
    if (open_now(m)) {
        for (int i = 0; i < bo->n_order; i++) {
            int g = bo->order[i];
            if (ccs_agents_idle(&m->agents, g) > 0 &&
                ccs_group_bo_index(&m->sc->groups[g], b) >= 0) {
                start_item(bo, m, g, b, &it, now);
                return;
            }
        }
    }
    q_push(m, &bo->q[b], it);
}

/* ---- arrivals --------------------------------------------------------------- */

/* Schedules type b's next Poisson arrival after s (the inversion of
 * inbound.c: one Exp(1) draw carried across interval boundaries). */
static void next_arrival(backoffice *bo, ccs_model *m, int b, double s)
{
    const ccs_clock *clk = &m->clk;
    const double *rate = m->sc->backoffice[b].rate_per_hour;
    double e = bo->unit_left[b];
    if (e <= 0) {
        e = ccs_dist_exp1(bo->rng_arr[b]);
    }
    for (;;) {
        int k;
        double end;
        if (s < clk->W) {
            k = 0;
            end = clk->W;
        } else {
            k = (int)((s - clk->W) / clk->L);
            if (k >= clk->nk) {
                bo->unit_left[b] = 0;
                return;
            }
            end = clk->W + clk->L * (k + 1);
        }
        double r = rate[k] / 3600.0;
        if (r > 0 && s + e / r < end) {
            bo->unit_left[b] = 0;
            ccs_model_schedule(m, s + e / r, bo->kind0 + BO_ARRIVAL, (uint32_t)b, 0, 0);
            return;
        }
        e -= r * (end - s);
        s = end;
    }
}

/* Days whose batches this run schedules: all of them round the clock
 * (one stretch of days), else the current day's. */
static int batch_days(const ccs_model *m)
{
    return m->sc->round_the_clock ? ccs_scenario_days(m->sc) : 1;
}

/* Schedules type b's next batch: batch j of day d (next_batch counts
 * d x n_batches + j) at d x 24 h + its time after the day's start. */
static void next_batch(backoffice *bo, ccs_model *m, int b)
{
    const ccs_backoffice *ty = &m->sc->backoffice[b];
    int i = bo->next_batch[b];
    if (ty->n_batches > 0 && i < ty->n_batches * batch_days(m)) {
        int d = i / ty->n_batches, j = i % ty->n_batches;
        ccs_model_schedule(m, m->clk.W + 86400.0 * d + ty->batch_at_s[j], bo->kind0 + BO_BATCH,
                           (uint32_t)b, 0, 0);
    }
}

static void start(ccs_model *m, void *state)
{
    backoffice *bo = state;
    for (int b = 0; b < bo->nb; b++) {
        next_arrival(bo, m, b, 0.0);
        next_batch(bo, m, b);
    }
    ccs_model_schedule(m, m->clk.W + m->clk.L, bo->kind0 + BO_TICK, 0, 0, 0);
}

/* ---- the event handlers ------------------------------------------------------ */

static void on_arrival(ccs_model *m, void *state, const ccs_event *ev)
{
    int b = (int)ev->id;
    next_arrival(state, m, b, ev->time);
    arrive(state, m, b, ev->time, ccs_clock_counting(&m->clk) ? m->clk.cur : -1);
}

static void on_batch(ccs_model *m, void *state, const ccs_event *ev)
{
    backoffice *bo = state;
    int b = (int)ev->id;
    const ccs_backoffice *ty = &m->sc->backoffice[b];
    int nx = bo->next_batch[b]++;
    long n = ty->batch_items[nx % ty->n_batches];
    int day = m->sc->round_the_clock ? nx / ty->n_batches : m->day;
    const double *f = m->sc_all->day_factor;
    if (f && f[day] != 1.0) {
        n = lround((double)n * f[day]); /* the day's volume factor */
    }
    /* A batch at an interval's start belongs to that interval, though
     * its event may come before the boundary's (ties pop in the order
     * they were scheduled, and the batch was scheduled first). */
    const ccs_clock *clk = &m->clk;
    int k = ev->time >= clk->W ? (int)((ev->time - clk->W) / clk->L) : -1;
    k = k < clk->nk ? k : -1;
    for (long i = 0; i < n && !m->failed; i++) {
        arrive(bo, m, b, ev->time, k);
    }
    next_batch(bo, m, b);
}

static void on_done(ccs_model *m, void *state, const ccs_event *ev)
{
    backoffice *bo = state;
    bo->on_items[ccs_agents_group(&m->agents, ev->aux)]--;
    CCS_TRACE_X(m, ev->gen ? CCS_TR_BO_LATE : CCS_TR_BO_DONE, 0, (int)ev->id,
                ccs_agents_group(&m->agents, ev->aux), 0, ev->aux, -1, -1);
    ccs_model_agent_done(m, ev->aux, ev->time);
}

static void on_tick(ccs_model *m, void *state, const ccs_event *ev)
{
    backoffice *bo = state;
    int k = (int)ev->id;
    double now = ev->time;
    for (int b = 0; b < bo->nb; b++) {
        const bo_queue *q = &bo->q[b];
        ccs_bo_tally *t = ccs_bo_tally_at(&m->tal, k, b);
        t->backlog = q->len;
        if (q->len > 0) {
            t->oldest_age_s = now - q_at(q, 0)->arrive;
            t->backlog_late = q_count_before(q, now - m->sc->backoffice[b].deadline_s);
        }
    }
    if (k + 1 < m->clk.nk) {
        ccs_model_schedule(m, m->clk.W + m->clk.L * (k + 2), bo->kind0 + BO_TICK,
                           (uint32_t)(k + 1), 0, 0);
    }
}

extern const ccs_channel ccs_backoffice_channel;
const ccs_channel ccs_backoffice_channel = {
    .name = "backoffice",
    .n_kinds = BO_N_KINDS,
    .create = create,
    .destroy = destroy,
    .reset = reset,
    .start = start,
    .on_event = {[BO_ARRIVAL] = on_arrival,
                 [BO_BATCH] = on_batch,
                 [BO_DONE] = on_done,
                 [BO_TICK] = on_tick},
    .on_agent_free = on_agent_free,
    .on_agent_free_first = on_agent_free_first,
    .on_interval = NULL,
};
