/*
 * core.c — one replication: the clock, the interval boundaries, the event
 * loop with its dispatch by event kind, and the end of the day.
 *
 * Time 0 is the start of the warmup; the day's interval k covers
 * [W + kL, W + (k+1)L).  During the warmup the system runs with interval
 * 0's arrival rates and staffing and nothing is counted.  At each boundary
 * the queues' time integrals are closed, the clock moves, each group's head
 * count follows its schedule (agents coming on shift are offered work),
 * the next boundary is scheduled — one at a time, which keeps the calendar
 * shallow — and the channels are told.  After the last interval no call
 * arrives; the agents of the last interval stay until the queue is empty,
 * and the run ends when the calendar is.
 *
 * What happens to a contact is the channels' business (inbound.c,
 * dialer.c), registered in channels.c; the core dispatches each event to
 * the channel that owns its kind.
 */
#include "model/core.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- construction ---------------------------------------------------- */

ccs_model *ccs_model_new(const ccs_scenario *sc, ccs_error *err)
{
    ccs_model *m = calloc(1, sizeof *m);
    if (!m) {
        goto fail;
    }
    m->sc_all = sc;
    if (ccs_model_days_init_(m) != CCS_OK) {
        goto fail;
    }
    sc = m->sc; /* one day's view: the model runs a day at a time (days.c) */
    m->nt = sc->n_types;
    m->ng = sc->n_groups;
    m->nc = sc->n_campaigns;
    m->clk.W = sc->warmup_s;
    m->clk.L = sc->interval_s;
    m->clk.nk = sc->n_intervals;
    m->clk.day_end = m->clk.W + m->clk.L * m->clk.nk;
    m->clk.cur = -1;
    m->tal.d = ccs_tally_dims_of(sc);
    m->eng = ccs_engine_new(1024);
    if (!m->eng || ccs_calls_init(&m->calls, 256) != CCS_OK ||
        ccs_agents_init(&m->agents, sc, &m->clk, &m->tal) != CCS_OK ||
        ccs_queues_init(&m->queues, m->nt, &m->calls, &m->clk, &m->tal) != CCS_OK ||
        ccs_routing_init(&m->routing, sc) != CCS_OK) {
        goto fail;
    }
    m->n_kinds = 1;   /* kind 0, CCS_EV_INTERVAL, is the core's own */
    CCS_ASSERT(ccs_n_channels <= CCS_MODEL_MAX_CHANNELS);
    for (int i = 0; i < ccs_n_channels; i++) {
        const ccs_channel *ops = ccs_channels[i];
        CCS_ASSERT(ops->n_kinds <= CCS_CHANNEL_MAX_KINDS &&
                   m->n_kinds + ops->n_kinds <= CCS_MODEL_MAX_KINDS);
        channel_slot *s = &m->ch[m->n_ch++];
        s->ops = ops;
        s->kind0 = m->n_kinds;
        if (ops->create(m, s->kind0, &s->state) != CCS_OK) {
            goto fail;
        }
        for (uint32_t k = 0; k < ops->n_kinds; k++) {
            m->kinds[m->n_kinds++] = (kind_slot){ops->on_event[k], s->state};
        }
    }
    /* Every channel's first claims, then the channels in priority order. */
    for (int i = 0; i < m->n_ch; i++) {
        const channel_slot *s = &m->ch[i];
        if (s->state && s->ops->on_agent_free_first) {
            m->free_hooks[m->n_free_hooks++] = (free_hook){s->ops->on_agent_free_first, s->state};
        }
    }
    for (int i = 0; i < m->n_ch; i++) {
        const channel_slot *s = &m->ch[i];
        if (s->state && s->ops->on_agent_free) {
            m->free_hooks[m->n_free_hooks++] = (free_hook){s->ops->on_agent_free, s->state};
        }
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
    for (int i = m->n_ch; i-- > 0;) {
        if (m->ch[i].state && m->ch[i].ops->destroy) {
            m->ch[i].ops->destroy(m->ch[i].state);
        }
    }
    ccs_routing_fini(&m->routing);
    ccs_queues_fini(&m->queues);
    ccs_agents_fini(&m->agents);
    ccs_calls_fini(&m->calls);
    ccs_engine_free(m->eng);
    ccs_model_days_fini_(m);
    free(m);
}

void ccs_model_set_trace(ccs_model *m, ccs_trace_fn fn, void *ctx, double until_s)
{
    m->trace = fn;
    m->trace_ctx = ctx;
    m->trace_until = until_s;
}

int ccs_model_present(const ccs_model *m, int g, int k)
{
    return ccs_agents_scheduled(&m->agents, g, k);
}

void ccs_model_trace_x_(ccs_model *m, ccs_trace_kind kind, uint32_t number, int type, int group,
                        double wait, uint32_t agent, int sessions, int slots)
{
    double now = ccs_engine_now(m->eng);
    if (now > m->trace_until) {
        return;
    }
    ccs_trace_event ev = {now,
                          kind,
                          number,
                          type,
                          group,
                          m->clk.cur,
                          m->queues.waiting,
                          m->agents.busy_all,
                          wait,
                          agent == NIL ? 0 : (long)agent + 1,
                          sessions,
                          slots};
    m->trace(m->trace_ctx, &ev);
}

/* A voice call's line: the general one with no agent or sessions. */
void ccs_model_trace_(ccs_model *m, ccs_trace_kind kind, const call *c, int group, double wait)
{
    ccs_model_trace_x_(m, kind, c ? c->number : 0, c ? c->type : -1, group, wait, NIL, -1, -1);
}

/* ---- interval boundaries ----------------------------------------------- */

/* The channels' interval of s >= W (clock.h). */
static int index_of(const ccs_clock *c, double s)
{
    return (int)((s - c->W) / c->L);
}

/* The smallest time s >= W whose index is at least k, starting from the
 * guess g and moving by one unit in the last place: the index is
 * nondecreasing in s (the subtraction, the division and the truncation of
 * a value >= 0 all are), so the first s where it reaches k is exact.
 * NAN when that takes more than a few steps (a degenerate clock). */
static double first_of(const ccs_clock *c, int k, double g)
{
    if (!isfinite(g)) {
        return NAN;
    }
    for (int step = 0; step < 64; step++) {
        if (index_of(c, g) >= k) {
            double p = nextafter(g, -INFINITY);
            if (p < c->W || index_of(c, p) < k) {
                return g;
            }
            g = p;
        } else {
            g = nextafter(g, INFINITY);
        }
    }
    return NAN;
}

/* The current interval becomes k (-1: the warmup, nk: after the day), and
 * the span follows (clock.h). */
static void clock_move(ccs_model *m, int k)
{
    const ccs_clock *c = &m->clk;
    m->clk.cur = k;
    m->span = (ccs_clock_span){0.0, 0.0, 0.0, k};   /* empty: every lookup divides */
    if (k < 0 || k >= c->nk) {
        return;
    }
    double lo = k == 0 ? c->W : first_of(c, k, c->W + c->L * k);
    double hi = first_of(c, k + 1, c->W + c->L * (k + 1));
    if (lo >= c->W && hi > lo) {   /* false for a NAN */
        m->span = (ccs_clock_span){lo, hi, c->W + c->L * (k + 1), k};
    }
}

/* Sets each group's head count for interval k (k = nk: the day is over,
 * the last interval's agents stay to clear the queue); agents coming on
 * shift are offered work. */
static void staff(ccs_model *m, int k, double now)
{
    for (int g = 0; g < m->ng; g++) {
        int target = ccs_agents_scheduled(&m->agents, g, k);
        if (ccs_agents_set_target(&m->agents, g, target, now)) {
            while (ccs_agents_idle(&m->agents, g) > 0 &&
                   ccs_model_offer(m, g, CCS_FREE_STAFFED, now)) {
            }
        }
    }
}

/* Adds [s, s + d) of agent time of group g on type t to the intervals it
 * overlaps. */
void ccs_model_add_busy_(ccs_model *m, int g, int t, double s, double d)
{
    const ccs_clock *clk = &m->clk;
    double a = s > clk->W ? s : clk->W;
    double e = s + d < clk->day_end ? s + d : clk->day_end;
    if (e <= a) {
        return;
    }
    int k = (int)((a - clk->W) / clk->L);
    if (k >= clk->nk) {
        k = clk->nk - 1;
    }
    while (a < e && k < clk->nk) {
        double ke = clk->W + clk->L * (k + 1);
        double b = e < ke ? e : ke;
        ccs_tally_at(&m->tal, k, t)->busy_s += b - a;
        ccs_group_tally_at(&m->tal, k, g, t)->busy_s += b - a;
        a = b;
        k++;
    }
}

static void interval_start(ccs_model *m, int k, double now)
{
    ccs_queues_close_interval(&m->queues, now);
    for (int g = 0; m->nc > 0 && g < m->ng; g++) {
        ccs_agents_account_owed(&m->agents, g, now);
    }
    clock_move(m, k);
    ccs_queues_open_interval(&m->queues);
    CCS_TRACE(m, CCS_TR_INTERVAL, NULL, -1, 0);
    if (k < m->clk.nk) {
        staff(m, k, now);
        ccs_model_schedule(m, m->clk.W + m->clk.L * (k + 1), CCS_EV_INTERVAL, (uint32_t)(k + 1),
                           0, 0);
        for (int i = 0; i < m->n_ch; i++) {
            const channel_slot *s = &m->ch[i];
            if (s->state && s->ops->on_interval) {
                s->ops->on_interval(m, s->state, k, now);
            }
        }
    }
}

/* ---- the replication -------------------------------------------------- */

/* Agent-seconds on shift per (interval, group): known once the absences
 * are drawn. */
static void tally_staffing(ccs_model *m)
{
    for (int k = 0; k < m->clk.nk; k++) {
        for (int g = 0; g < m->ng; g++) {
            ccs_staff_tally_at(&m->tal, k, g)->staffed_s =
                ccs_agents_scheduled(&m->agents, g, k) * m->clk.L;
        }
    }
}

static void reset(ccs_model *m, int rep)
{
    ccs_engine_reset(m->eng);
    ccs_queues_reset(&m->queues);
    ccs_calls_reset(&m->calls);
    ccs_agents_reset(&m->agents, rep);
    ccs_routing_reset(&m->routing, m->sc->seed, rep);
    m->failed = 0;
    clock_move(m, -1);
    for (int i = 0; i < m->n_ch; i++) {
        if (m->ch[i].state && m->ch[i].ops->reset) {
            m->ch[i].ops->reset(m, m->ch[i].state, rep);
        }
    }
}

/* One day of the replication (all of it on a one-day horizon). */
static void run_day(ccs_model *m, int rep, uint64_t *events)
{
    reset(m, rep);
    tally_staffing(m);
    staff(m, 0, 0.0);
    ccs_model_schedule(m, m->clk.W, CCS_EV_INTERVAL, 0, 0, 0);
    for (int i = 0; i < m->n_ch; i++) {
        if (m->ch[i].state && m->ch[i].ops->start) {
            m->ch[i].ops->start(m, m->ch[i].state);
        }
    }
    ccs_event ev;
    while (!m->failed && ccs_engine_pop(m->eng, &ev)) {
        if (ev.kind == CCS_EV_INTERVAL) {
            interval_start(m, (int)ev.id, ev.time);
            continue;
        }
        CCS_ASSERT(ev.kind < m->n_kinds);
        const kind_slot *h = &m->kinds[ev.kind];
        h->fn(m, h->state, &ev);
    }
    *events += ccs_engine_popped(m->eng);
}

int ccs_model_run(ccs_model *m, int rep, const ccs_tally_rep *out, uint64_t *events)
{
    CCS_ASSERT(out->d.intervals == m->tal.d.intervals * m->days &&
               out->d.types == m->tal.d.types && out->d.groups == m->tal.d.groups &&
               out->d.campaigns == m->tal.d.campaigns &&
               out->d.backoffice == m->tal.d.backoffice);
    ccs_tally_rep_zero(out);
    *events = 0;
    /* Day d of replication rep draws the numbers of replication
     * rep x days + d (rep itself on one day). */
    for (int d = 0; d < m->days && !m->failed; d++) {
        ccs_model_day_select_(m, out, d);
        run_day(m, rep * m->days + d, events);
    }
    return m->failed == CCS_ELIMIT ? CCS_ELIMIT : m->failed ? CCS_ENOMEM : CCS_OK;
}
