/*
 * callback.c — the callback channel (virtual hold): a waiting inbound
 * caller is offered a call back, and if it accepts it leaves the queue; an
 * agent later dials it back, reaches it or not, and retries.
 *
 * The offer.  Inbound calls callback_offer() (core.h) where a caller who
 * found no free agent would join its type's queue.  If the type is offered
 * callbacks and the predicted wait
 *     W = (calls ahead in the queue + 1) / (agents on shift in the groups
 *         that serve the type x 1 / mean handle time of the type)
 * exceeds offer_wait, the caller is offered one at once; otherwise, with
 * offer_after set, a timer offers it to the caller if still waiting then
 * (W is then computed with the calls ahead of it).  A caller is offered at
 * most once; it accepts with probability `accept` (its own stream,
 * CCS_RNG_CALLBACK, so inbound's draws do not move).  With max_pending
 * callbacks waiting, no offer is made.
 *
 * The promise.  keep_place: the callback is due at once and the caller is
 * promised the wait W it was quoted; window: it falls due window_start
 * after the offer and is promised the window [due, due + window].  A
 * promise is kept when the first attempt starts by its end.
 *
 * The service.  Due callbacks of a type wait in a FIFO (by the time they
 * fell due).  Any group that serves the type dials them back, without its
 * overflow delay.  The channel is asked first for every free agent
 * (channels.c); under the rule lowest it gives the agent a callback only
 * when inbound routing has no call for it; under queue_below T (reserved
 * R) the callback goes ahead of inbound calls while fewer than T calls wait
 * in the queues of the types the group serves (fewer than R of the group's
 * agents are on callbacks), else as under lowest.  An attempt takes the
 * agent dial_time; it reaches the customer with probability `reach`, and
 * then the agent talks for the caller's handle time (drawn at arrival,
 * times the group's factor on the type).  An attempt that does not reach
 * is retried after retry_delay, at most `retries` times, then the callback
 * has failed.  No attempt starts after the day's end: callbacks due,
 * waiting for a window or for a retry then are pending at the end.
 *
 * Every figure is counted in the caller's arrival interval (tallies.h,
 * CCS_TALLY_CALLBACK_FIELDS); agent time in the interval it is spent.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "ccsim/dist.h"
#include "ccsim/rng.h"
#include "model/core.h"

enum {
    CB_OFFER,     /* id = call slot, gen: offer_after has passed */
    CB_DUE,       /* id = call slot, gen: a window opens or a retry is due */
    CB_NO_REACH,  /* id = call slot, aux = agent: an attempt did not reach */
    CB_DONE,      /* id = call slot, aux = agent: the callback's talk ended */
    CB_DAY_END,   /* the day is over: what is still waiting is pending */
    CB_N_KINDS
};

typedef struct cb_list {
    uint32_t head, tail;
} cb_list;

typedef struct callback {
    uint32_t kind0;
    int nt;
    const ccs_callbacks *cfg;
    gsl_rng **rng_accept, **rng_reach;   /* [nt] */
    double *mean_handle;   /* [nt] talk + acw means, seconds */
    cb_list *due;          /* [nt] due callbacks, FIFO */
    cb_list waiting;       /* waiting for their window or a retry */
    long n_due;            /* in the due lists */
    long n_open;           /* accepted, not yet completed, failed or pending */
    int *on_cb;            /* [ng] agents dialing back or talking to a callback */
    int closed;            /* the day is over */
} callback;

/* ---- lists (through the records' links: a callback is in no queue) ------ */

static void list_push(call *v, cb_list *l, uint32_t id)
{
    v[id].prev = l->tail;
    v[id].next = NIL;
    if (l->tail != NIL) {
        v[l->tail].next = id;
    } else {
        l->head = id;
    }
    l->tail = id;
}

static void list_remove(call *v, cb_list *l, uint32_t id)
{
    call *c = &v[id];
    if (c->prev != NIL) {
        v[c->prev].next = c->next;
    } else {
        l->head = c->next;
    }
    if (c->next != NIL) {
        v[c->next].prev = c->prev;
    } else {
        l->tail = c->prev;
    }
}

/* ---- lifecycle ------------------------------------------------------------- */

static void free_streams(gsl_rng **r, int n)
{
    for (int i = 0; r && i < n; i++) {
        if (r[i]) {
            gsl_rng_free(r[i]);
        }
    }
    free(r);
}

static void destroy(void *state)
{
    callback *cb = state;
    free_streams(cb->rng_accept, cb->nt);
    free_streams(cb->rng_reach, cb->nt);
    free(cb->mean_handle);
    free(cb->due);
    free(cb->on_cb);
    free(cb);
}

static int offer_hook(ccs_model *m, void *state, uint32_t id, double now);

static int create(ccs_model *m, uint32_t kind0, void **state)
{
    *state = NULL;
    if (!m->sc->callbacks.on) {
        return CCS_OK;
    }
    callback *cb = calloc(1, sizeof *cb);
    if (!cb) {
        return CCS_ENOMEM;
    }
    cb->kind0 = kind0;
    cb->cfg = &m->sc->callbacks;
    cb->nt = m->nt;
    size_t nt = (size_t)m->nt;
    cb->rng_accept = calloc(nt + 1, sizeof *cb->rng_accept);
    cb->rng_reach = calloc(nt + 1, sizeof *cb->rng_reach);
    cb->mean_handle = calloc(nt + 1, sizeof *cb->mean_handle);
    cb->due = calloc(nt + 1, sizeof *cb->due);
    cb->on_cb = calloc((size_t)m->ng + 1, sizeof *cb->on_cb);
    int ok = cb->rng_accept && cb->rng_reach && cb->mean_handle && cb->due && cb->on_cb;
    for (size_t t = 0; ok && t < nt; t++) {
        cb->rng_accept[t] = gsl_rng_alloc(ccs_rng_type());
        cb->rng_reach[t] = gsl_rng_alloc(ccs_rng_type());
        ok = cb->rng_accept[t] && cb->rng_reach[t];
        const ccs_call_type *ct = &m->sc->types[t];
        cb->mean_handle[t] = ccs_dist_mean(&ct->talk) + ccs_dist_mean(&ct->acw);
    }
    if (!ok) {
        destroy(cb);
        return CCS_ENOMEM;
    }
    *state = cb;
    m->callback_offer = offer_hook;
    m->callback_state = cb;
    return CCS_OK;
}

static void reset(ccs_model *m, void *state, int rep)
{
    callback *cb = state;
    for (int t = 0; t < m->nt; t++) {
        ccs_rng_reseed(cb->rng_accept[t], m->sc->seed, (uint64_t)rep, CCS_RNG_CALLBACK,
                       2u * (unsigned)t);
        ccs_rng_reseed(cb->rng_reach[t], m->sc->seed, (uint64_t)rep, CCS_RNG_CALLBACK,
                       2u * (unsigned)t + 1u);
        cb->due[t].head = cb->due[t].tail = NIL;
    }
    for (int g = 0; g < m->ng; g++) {
        cb->on_cb[g] = 0;
    }
    cb->waiting.head = cb->waiting.tail = NIL;
    cb->n_due = cb->n_open = 0;
    cb->closed = 0;
}

static void start(ccs_model *m, void *state)
{
    callback *cb = state;
    ccs_model_schedule(m, m->clk.day_end, cb->kind0 + CB_DAY_END, 0, 0, 0);
}

/* ---- helpers ---------------------------------------------------------------- */

static ccs_tally *cell(ccs_model *m, const call *c)
{
    return c->interval >= 0 ? ccs_tally_at(&m->tal, c->interval, c->type) : NULL;
}

/* The predicted wait of a caller of type t with `ahead` calls ahead of it. */
static double predicted_wait(const callback *cb, const ccs_model *m, int t, long ahead)
{
    int n;
    const route *r = ccs_routing_routes(&m->routing, t, &n);
    double agents = 0;
    for (int i = 0; i < n; i++) {
        agents += ccs_agents_present(&m->agents, r[i].group);
    }
    double rate = cb->mean_handle[t] > 0 ? agents / cb->mean_handle[t] : INFINITY;
    return rate > 0 ? ((double)ahead + 1.0) / rate : INFINITY;
}

/* The callback is counted pending at the end and its record given back. */
static void end_pending(callback *cb, ccs_model *m, uint32_t id)
{
    ccs_tally *cl = cell(m, &m->calls.v[id]);
    if (cl) {
        cl->cb_pending += 1;
    }
    cb->n_open--;
    ccs_call_free(&m->calls, id);
}

/* ---- service ------------------------------------------------------------------ */

/* The longest-idle agent of group g dials back callback id. */
static void dial(callback *cb, ccs_model *m, uint32_t id, int g, double now)
{
    call *c = &m->calls.v[id];
    const ccs_callbacks *cfg = cb->cfg;
    ccs_tally *cl = cell(m, c);
    uint32_t agent = ccs_agents_take(&m->agents, g);
    cb->on_cb[g]++;
    c->cb_attempts++;
    CCS_TRACE(m, CCS_TR_DIALBACK, c, g, now - c->cb_offer);
    if (cl) {
        cl->cb_dials += 1;
        if (c->cb_attempts == 1 && now <= c->cb_promise) {
            cl->cb_kept += 1;
        }
    }
    if (gsl_rng_uniform(cb->rng_reach[c->type]) < cfg->reach) {
        double talk = c->handle * ccs_routing_skill(&m->routing, g, c->type)->aht_factor;
        if (cl) {
            cl->cb_completed += 1;
            cl->cb_wait_s += now + cfg->dial_s - c->cb_offer;
        }
        cb->n_open--;
        ccs_model_add_busy_(m, g, c->type, now, cfg->dial_s + talk);
        ccs_model_schedule(m, now + cfg->dial_s + talk, cb->kind0 + CB_DONE, id, 0, agent);
    } else {
        ccs_model_add_busy_(m, g, c->type, now, cfg->dial_s);
        ccs_model_schedule(m, now + cfg->dial_s, cb->kind0 + CB_NO_REACH, id, 0, agent);
    }
}

/* The due callback group g may take (the one due longest among the types
 * it serves), or NIL. */
static uint32_t due_for(const callback *cb, const ccs_model *m, int g)
{
    const call *v = m->calls.v;
    uint32_t best = NIL;
    for (int i = 0; i < m->routing.n_by_group[g]; i++) {
        uint32_t h = cb->due[m->routing.by_group[g][i].type].head;
        if (h != NIL && (best == NIL || v[h].cb_due < v[best].cb_due)) {
            best = h;
        }
    }
    return best;
}

/* Does the rule put a callback ahead of inbound calls for a free agent of
 * group g now? */
static int ahead_of_inbound(const callback *cb, const ccs_model *m, int g)
{
    switch (cb->cfg->rule) {
    case CCS_CB_QUEUE_BELOW: {
        long waiting = 0;
        for (int i = 0; i < m->routing.n_by_group[g]; i++) {
            waiting += ccs_queue_len(&m->queues, m->routing.by_group[g][i].type);
        }
        return waiting < cb->cfg->queue_below;
    }
    case CCS_CB_RESERVED:
        return cb->on_cb[g] < cb->cfg->reserved;
    case CCS_CB_LOWEST:
    default:
        return 0;
    }
}

/* A free agent of group g: a due callback, if the rule gives it one. */
static int try_agent(callback *cb, ccs_model *m, int g, double now)
{
    if (cb->n_due == 0 || cb->closed) {
        return 0;
    }
    uint32_t id = due_for(cb, m, g);
    if (id == NIL) {
        return 0;
    }
    if (!ahead_of_inbound(cb, m, g) &&
        ccs_routing_call_for(&m->routing, &m->queues, g, now) != NIL) {
        return 0;
    }
    call *c = &m->calls.v[id];
    list_remove(m->calls.v, &cb->due[c->type], id);
    cb->n_due--;
    dial(cb, m, id, g, now);
    return 1;
}

static int on_agent_free(ccs_model *m, void *state, int g, ccs_free_reason why, double now)
{
    (void)why;
    return try_agent(state, m, g, now);
}

/* Callback id falls due now: it joins its type's due list, and idle agents
 * of the groups that serve the type may take it at once. */
static void fall_due(callback *cb, ccs_model *m, uint32_t id, double now)
{
    call *c = &m->calls.v[id];
    int t = c->type;
    c->cb_due = now;
    list_push(m->calls.v, &cb->due[t], id);
    cb->n_due++;
    int n;
    const route *r = ccs_routing_routes(&m->routing, t, &n);
    for (int i = 0; i < n && cb->due[t].head != NIL; i++) {
        int g = r[i].group;
        while (ccs_agents_idle(&m->agents, g) > 0 && cb->due[t].head != NIL &&
               try_agent(cb, m, g, now)) {
        }
    }
}

/* Callback id waits until time `at` (its window, or a retry). */
static void wait_until(callback *cb, ccs_model *m, uint32_t id, double at)
{
    list_push(m->calls.v, &cb->waiting, id);
    if (at < m->clk.day_end) {
        ccs_model_schedule(m, at, cb->kind0 + CB_DUE, id, m->calls.v[id].gen, 0);
    }
}

/* ---- the offer ------------------------------------------------------------------ */

/* Caller id (waiting, or about to) is offered a callback with predicted
 * wait w: returns 1 when it accepts (the record is the channel's then). */
static int offer(callback *cb, ccs_model *m, uint32_t id, double w, double now)
{
    const ccs_callbacks *cfg = cb->cfg;
    call *c = &m->calls.v[id];
    ccs_tally *cl = cell(m, c);
    if (cfg->max_pending > 0 && cb->n_open >= cfg->max_pending) {
        return 0;
    }
    if (cl) {
        cl->cb_offered += 1;
    }
    CCS_TRACE(m, CCS_TR_CB_OFFER, c, -1, now - c->arrive);
    if (!(gsl_rng_uniform(cb->rng_accept[c->type]) < cfg->accept)) {
        return 0;
    }
    if (cl) {
        cl->cb_accepted += 1;
    }
    if (c->queued) {
        ccs_model_withdraw_abandon(m, id);
        ccs_model_dequeue(m, id, now);   /* its other timers turn stale */
    }
    CCS_TRACE(m, CCS_TR_CALLBACK, c, -1, now - c->arrive);
    cb->n_open++;
    c->cb_offer = now;
    c->cb_attempts = 0;
    if (cfg->mode == CCS_CB_WINDOW) {
        c->cb_promise = now + cfg->window_start_s + cfg->window_s;
        wait_until(cb, m, id, now + cfg->window_start_s);
    } else {
        c->cb_promise = now + w;
        fall_due(cb, m, id, now);
    }
    return 1;
}

/* Inbound's hook: caller id found no free agent and would join its queue. */
static int offer_hook(ccs_model *m, void *state, uint32_t id, double now)
{
    callback *cb = state;
    const call *c = &m->calls.v[id];
    const ccs_callbacks *cfg = cb->cfg;
    if (!m->sc->types[c->type].callback || cb->closed) {
        return 0;
    }
    if (cfg->offer_wait_s >= 0) {
        double w = predicted_wait(cb, m, c->type, ccs_queue_len(&m->queues, c->type));
        if (w > cfg->offer_wait_s) {
            return offer(cb, m, id, w, now);
        }
    }
    if (cfg->offer_after_s >= 0) {
        ccs_model_schedule(m, now + cfg->offer_after_s, cb->kind0 + CB_OFFER, id, c->gen, 0);
    }
    return 0;
}

/* ---- the event handlers ------------------------------------------------------------ */

static void on_offer(ccs_model *m, void *state, const ccs_event *ev)
{
    callback *cb = state;
    const call *c = &m->calls.v[ev->id];
    if (c->gen != ev->gen || !c->queued || cb->closed) {
        return;
    }
    long ahead = 0;
    for (uint32_t p = c->prev; p != NIL; p = m->calls.v[p].prev) {
        ahead++;
    }
    offer(cb, m, ev->id, predicted_wait(cb, m, c->type, ahead), ev->time);
}

static void on_due(ccs_model *m, void *state, const ccs_event *ev)
{
    callback *cb = state;
    if (m->calls.v[ev->id].gen != ev->gen || cb->closed) {
        return;
    }
    list_remove(m->calls.v, &cb->waiting, ev->id);
    fall_due(cb, m, ev->id, ev->time);
}

/* The agent of an attempt is free: released (it may leave if owed) and
 * traced; returns 1 when it stays (then offer it work). */
static int release(callback *cb, ccs_model *m, const ccs_event *ev, int *g)
{
    *g = ccs_agents_group(&m->agents, ev->aux);
    cb->on_cb[*g]--;
    int stays = ccs_agents_release(&m->agents, ev->aux, ev->time);
    CCS_TRACE(m, CCS_TR_DEPART, &m->calls.v[ev->id], *g, 0);
    return stays;
}

static void on_no_reach(ccs_model *m, void *state, const ccs_event *ev)
{
    callback *cb = state;
    uint32_t id = ev->id;
    call *c = &m->calls.v[id];
    int g;
    int stays = release(cb, m, ev, &g);
    if (c->cb_attempts > cb->cfg->retries) {
        ccs_tally *cl = cell(m, c);
        if (cl) {
            cl->cb_failed += 1;
        }
        cb->n_open--;
        ccs_call_free(&m->calls, id);
    } else if (cb->closed) {
        end_pending(cb, m, id);
    } else {
        wait_until(cb, m, id, ev->time + cb->cfg->retry_delay_s);
    }
    if (stays) {
        ccs_model_offer(m, g, CCS_FREE_DONE, ev->time);
    }
}

static void on_done(ccs_model *m, void *state, const ccs_event *ev)
{
    int g;
    int stays = release(state, m, ev, &g);
    ccs_call_free(&m->calls, ev->id);
    if (stays) {
        ccs_model_offer(m, g, CCS_FREE_DONE, ev->time);
    }
}

/* The day is over: no attempt starts any more; what waits is pending. */
static void on_day_end(ccs_model *m, void *state, const ccs_event *ev)
{
    (void)ev;
    callback *cb = state;
    cb->closed = 1;
    for (int t = 0; t < m->nt; t++) {
        uint32_t id = cb->due[t].head;
        while (id != NIL) {
            uint32_t next = m->calls.v[id].next;
            end_pending(cb, m, id);
            id = next;
        }
        cb->due[t].head = cb->due[t].tail = NIL;
    }
    uint32_t id = cb->waiting.head;
    while (id != NIL) {
        uint32_t next = m->calls.v[id].next;
        end_pending(cb, m, id);
        id = next;
    }
    cb->waiting.head = cb->waiting.tail = NIL;
    cb->n_due = 0;
}

extern const ccs_channel ccs_callback_channel;
const ccs_channel ccs_callback_channel = {
    .name = "callback",
    .n_kinds = CB_N_KINDS,
    .create = create,
    .destroy = destroy,
    .reset = reset,
    .start = start,
    .on_event = {[CB_OFFER] = on_offer,
                 [CB_DUE] = on_due,
                 [CB_NO_REACH] = on_no_reach,
                 [CB_DONE] = on_done,
                 [CB_DAY_END] = on_day_end},
    .on_agent_free = on_agent_free,
    .on_interval = NULL,
};
