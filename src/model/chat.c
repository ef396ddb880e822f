/*
 * chat.c — the chat channel: chats arrive, wait for a first response,
 * leave when their patience runs out, and are served by agents who hold
 * up to k sessions at once, slowed by concurrency (limited processor
 * sharing, docs/channels.md).
 *
 * Chats arrive as a non-homogeneous Poisson process (chat.chats_per_hour,
 * constant within an interval).  An arriving chat takes a slot of an agent
 * of the chat groups: by default the least-loaded (an idle agent first,
 * then one with the fewest open sessions), with chat.assign = "fill" the
 * one with the most sessions below its slots (an idle agent last, which
 * keeps idle agents for voice); groups in scenario order at equal load; or
 * waits in the one chat queue (FIFO; blocked beyond its capacity) until a
 * slot frees or its patience ends.  The first response is the moment it
 * gets a slot: its wait is the first-response wait the service level is on.
 *
 * Limited processor sharing.  A session's work W (chat.handle_time, the
 * time it takes alone) is done at rate 1 / f(n) while its agent has n
 * sessions open (f = the group's chat_factors, f(1) = the first entry).
 * Each agent keeps a virtual time V that advances at that rate; a session
 * opened at virtual time V0 is done when V = V0 + W.  Every open session of
 * the agent then has its remaining real time rescaled by f(n') / f(n) when
 * n changes to n', without touching the sessions: only the agent's next
 * completion (the smallest V0 + W) is scheduled, again at each change (the
 * older event turns stale by the agent's generation).  No allocation per
 * event: sessions are pool records, an agent's open sessions a fixed array
 * of at most CCS_CHAT_MAX_SLOTS.
 *
 * Blending: an agent with an open chat is busy, so it takes no voice call;
 * a free agent is offered to inbound voice first (channels.c), then chat.
 * With chat.voice_threshold = T, a group whose call types have T or more
 * calls waiting (all its types' queues together; never a group that
 * serves no call type) is given no new chat session: not on a chat's arrival, not when a slot frees, not when an
 * agent is idle; its agents drain to voice as their sessions end.  When
 * a call leaves a queue and the count of a chat group falls to T - 1
 * (ccs_model_dequeue() tells us), a zero-delay CH_RECHECK event gives
 * waiting chats the slots that are eligible again (after the event that
 * dequeued the call, at the same time: no latency in simulated time).
 *
 * Streams (CCS_RNG_CHAT): index 0 arrivals, 1 work, 2 patience; work and
 * patience are drawn at arrival (common random numbers).
 */
#include <math.h>
#include <stdlib.h>

#include "ccsim/dist.h"
#include "ccsim/rng.h"
#include "model/core.h"

enum {
    CH_ARRIVAL,   /* a fresh chat */
    CH_END,       /* id = agent, gen = its generation: its next session is done */
    CH_ABANDON,   /* id = chat slot, gen */
    CH_RECHECK,   /* voice_threshold: a group's calls waiting fell below it */
    CH_N_KINDS
};

typedef struct chat_agent {
    double v;              /* virtual time: work done per session so far */
    double last;           /* when v was last brought up to date */
    uint32_t gen;          /* bumped at each reschedule: older CH_END events are stale */
    int n;                 /* sessions open */
    uint32_t sess[CCS_CHAT_MAX_SLOTS];
} chat_agent;

typedef struct chat_ch {
    uint32_t kind0;
    const ccs_chat *cfg;
    gsl_rng *rng_arr, *rng_work, *rng_pat;
    double unit_left;      /* unused Exp(1) mass for the next arrival */
    chat_agent *ag;        /* [agents.n] */
    int *groups;           /* chat groups (chat_slots > 0), scenario order */
    int n_groups;
    /* the chat queue, through the records' links */
    uint32_t qhead, qtail;
    long qlen;
    /* time integrals: open sessions, agents with one, chats waiting */
    long open;
    long active;
    long *active_g;        /* [groups] of active, by the agents' group (chatgroup cells) */
    double last;
    /* chat.voice_threshold (-1: none) and a pending CH_RECHECK */
    long thr;
    int recheck;
} chat_ch;

/* ---- the voice threshold ---------------------------------------------------- */

/* Voice calls waiting for the types group g serves (all its types'
 * queues, whether or not a call has waited the group's serve_after). */
static long voice_waiting(const ccs_model *m, int g)
{
    long n = 0;
    for (int i = 0; i < m->routing.n_by_group[g]; i++) {
        n += ccs_queue_len(&m->queues, m->routing.by_group[g][i].type);
    }
    return n;
}

/* Group g takes no new chat session now (chat.voice_threshold); a group
 * that serves no call type (a chat-only team) never is. */
static int blocked(const chat_ch *ch, const ccs_model *m, int g)
{
    return ch->thr >= 0 && m->routing.n_by_group[g] > 0 && voice_waiting(m, g) >= ch->thr;
}

/* A call of type t left its queue: if a chat group serving t is now just
 * below the threshold and chats wait, they are offered its slots at once,
 * by an event at the same time (not from inside the caller's work). */
static void on_dequeued(ccs_model *m, void *state, int t, double now)
{
    chat_ch *ch = state;
    if (ch->recheck || ch->qhead == NIL) {
        return;
    }
    for (int i = 0; i < ch->n_groups; i++) {
        int g = ch->groups[i];
        for (int j = 0; j < m->routing.n_by_group[g]; j++) {
            if (m->routing.by_group[g][j].type == t) {
                if (voice_waiting(m, g) == ch->thr - 1) {
                    ch->recheck = 1;
                    ccs_model_schedule(m, now, ch->kind0 + CH_RECHECK, 0, 0, 0);
                    return;
                }
                break;
            }
        }
    }
}

/* ---- lifecycle ------------------------------------------------------------- */

static void destroy(void *state)
{
    chat_ch *ch = state;
    if (ch->rng_arr) {
        gsl_rng_free(ch->rng_arr);
    }
    if (ch->rng_work) {
        gsl_rng_free(ch->rng_work);
    }
    if (ch->rng_pat) {
        gsl_rng_free(ch->rng_pat);
    }
    free(ch->ag);
    free(ch->groups);
    free(ch->active_g);
    free(ch);
}

static int create(ccs_model *m, uint32_t kind0, void **state)
{
    *state = NULL;
    if (!m->sc->chat.on) {
        return CCS_OK;
    }
    chat_ch *ch = calloc(1, sizeof *ch);
    if (!ch) {
        return CCS_ENOMEM;
    }
    ch->kind0 = kind0;
    ch->cfg = &m->sc->chat;
    ch->thr = m->sc->chat.voice_threshold;
    ch->rng_arr = gsl_rng_alloc(ccs_rng_type());
    ch->rng_work = gsl_rng_alloc(ccs_rng_type());
    ch->rng_pat = gsl_rng_alloc(ccs_rng_type());
    ch->ag = calloc((size_t)m->agents.n + 1, sizeof *ch->ag);
    ch->groups = calloc((size_t)m->ng + 1, sizeof *ch->groups);
    ch->active_g = calloc((size_t)m->ng + 1, sizeof *ch->active_g);
    if (!ch->rng_arr || !ch->rng_work || !ch->rng_pat || !ch->ag || !ch->groups ||
        !ch->active_g) {
        destroy(ch);
        return CCS_ENOMEM;
    }
    for (int g = 0; g < m->ng; g++) {
        if (m->sc->groups[g].chat_slots > 0) {
            ch->groups[ch->n_groups++] = g;
        }
    }
    *state = ch;
    if (ch->thr >= 0) {
        m->dequeued = on_dequeued;
        m->dequeued_state = ch;
    }
    return CCS_OK;
}

static void reset(ccs_model *m, void *state, int rep)
{
    chat_ch *ch = state;
    uint64_t seed = m->sc->seed;
    ccs_rng_reseed(ch->rng_arr, seed, (uint64_t)rep, CCS_RNG_CHAT, 0);
    ccs_rng_reseed(ch->rng_work, seed, (uint64_t)rep, CCS_RNG_CHAT, 1);
    ccs_rng_reseed(ch->rng_pat, seed, (uint64_t)rep, CCS_RNG_CHAT, 2);
    ch->unit_left = 0;
    for (uint32_t a = 0; a < m->agents.n; a++) {
        ch->ag[a].v = ch->ag[a].last = 0;
        ch->ag[a].n = 0;
    }
    ch->qhead = ch->qtail = NIL;
    ch->qlen = 0;
    ch->open = ch->active = 0;
    for (int i = 0; i < ch->n_groups; i++) {
        ch->active_g[ch->groups[i]] = 0;
    }
    ch->last = 0;
    ch->recheck = 0;
}

/* ---- time integrals ---------------------------------------------------------- */

/* Adds the open sessions, active agents and waiting chats since the last
 * change, up to now, to the intervals they cover (clipped to the day). */
static void account(chat_ch *ch, ccs_model *m, double now)
{
    const ccs_clock *clk = &m->clk;
    double a = ch->last > clk->W ? ch->last : clk->W;
    double e = now < clk->day_end ? now : clk->day_end;
    ch->last = now;
    if (e <= a || (ch->open == 0 && ch->qlen == 0)) {
        return;
    }
    int k = (int)((a - clk->W) / clk->L);
    while (a < e && k < clk->nk) {
        double ke = clk->W + clk->L * (k + 1);
        double b = e < ke ? e : ke;
        ccs_chat_tally *t = ccs_chat_tally_at(&m->tal, k);
        t->session_s += (double)ch->open * (b - a);
        t->active_s += (double)ch->active * (b - a);
        t->queue_area += (double)ch->qlen * (b - a);
        for (int i = 0; i < ch->n_groups; i++) {
            int g = ch->groups[i];
            ccs_chatgroup_tally_at(&m->tal, k, g)->active_s += (double)ch->active_g[g] * (b - a);
        }
        a = b;
        k++;
    }
}

/* ---- the queue ----------------------------------------------------------------- */

static void queue_push(chat_ch *ch, ccs_model *m, uint32_t id, double now)
{
    call *v = m->calls.v;
    account(ch, m, now);
    v[id].prev = ch->qtail;
    v[id].next = NIL;
    if (ch->qtail != NIL) {
        v[ch->qtail].next = id;
    } else {
        ch->qhead = id;
    }
    ch->qtail = id;
    ch->qlen++;
    v[id].queued = 1;
}

static void queue_remove(chat_ch *ch, ccs_model *m, uint32_t id, double now)
{
    call *v = m->calls.v;
    call *c = &v[id];
    account(ch, m, now);
    if (c->prev != NIL) {
        v[c->prev].next = c->next;
    } else {
        ch->qhead = c->next;
    }
    if (c->next != NIL) {
        v[c->next].prev = c->prev;
    } else {
        ch->qtail = c->prev;
    }
    ch->qlen--;
    c->queued = 0;
    c->gen++;
}

/* ---- sessions --------------------------------------------------------------------- */

static double factor(const ccs_model *m, uint32_t a, int n)
{
    return m->sc->groups[ccs_agents_group(&m->agents, a)].chat_factor[n - 1];
}

/* Brings agent a's virtual time up to now. */
static void advance(const ccs_model *m, chat_agent *x, uint32_t a, double now)
{
    if (x->n > 0) {
        x->v += (now - x->last) / factor(m, a, x->n);
    }
    x->last = now;
}

/* Schedules agent a's next completion (the session with the least work
 * left), which makes any earlier one stale. */
static void reschedule(chat_ch *ch, ccs_model *m, uint32_t a, double now)
{
    chat_agent *x = &ch->ag[a];
    x->gen++;
    if (x->n == 0) {
        return;
    }
    double best = INFINITY;
    for (int i = 0; i < x->n; i++) {
        double d = m->calls.v[x->sess[i]].vdone;
        best = d < best ? d : best;
    }
    double left = best > x->v ? best - x->v : 0.0;
    ccs_model_schedule(m, now + left * factor(m, a, x->n), ch->kind0 + CH_END, a, x->gen, 0);
}

/* Chat id gets its first response from agent a (whose slot is taken). */
static void open_session(chat_ch *ch, ccs_model *m, uint32_t id, uint32_t a, double now)
{
    call *c = &m->calls.v[id];
    chat_agent *x = &ch->ag[a];
    double wait = now - c->arrive;
    int g = ccs_agents_group(&m->agents, a);
    if (c->interval >= 0) {
        ccs_chat_tally *t = ccs_chat_tally_at(&m->tal, c->interval);
        t->answered += 1;
        ccs_chatgroup_tally_at(&m->tal, c->interval, g)->answered += 1;
        if (wait <= ch->cfg->sl_threshold_s) {
            t->answered_in_sl += 1;
        }
        t->wait_answered_s += wait;
        if (wait > t->wait_max_s) {
            t->wait_max_s = wait;
        }
        t->work_s += c->handle;
    }
    account(ch, m, now);
    advance(m, x, a, now);
    ch->open++;
    ch->active += x->n == 0;
    ch->active_g[g] += x->n == 0;
    c->agent = a;
    c->vdone = x->v + c->handle;
    x->sess[x->n++] = id;
    reschedule(ch, m, a, now);
    CCS_TRACE_X(m, CCS_TR_CHAT_START, c->number, -1, g, wait, a, x->n, m->sc->groups[g].chat_slots);
}

/* The group whose agent a chat goes to, and the agent's level (sessions
 * open): "least_loaded", the lowest level over the chat groups (an idle
 * agent first); "fill", the highest level below the agent's slots (an
 * idle agent last).  Groups in order at equal level; a group at its
 * voice threshold is passed over.  -1 when no agent has a free slot. */
static int pick(const chat_ch *ch, const ccs_model *m, int *level)
{
    int best = -1, bl = ch->cfg->fill ? -1 : CCS_CHAT_MAX_SLOTS;
    for (int i = 0; i < ch->n_groups; i++) {
        int g = ch->groups[i], k = m->sc->groups[g].chat_slots;
        if (blocked(ch, m, g)) {
            continue;
        }
        if (ch->cfg->fill) {
            int l = ccs_agents_slot_level_fill(&m->agents, g, k);
            if (l > bl || (l == 0 && bl < 0)) {
                best = g;
                bl = l;
            }
        } else {
            int l = ccs_agents_slot_level(&m->agents, g, k);
            if (l >= 0 && l < bl) {
                best = g;
                bl = l;
            }
        }
    }
    *level = bl;
    return best;
}

/* Waiting chats take free slots while there are both. */
static void drain_queue(chat_ch *ch, ccs_model *m, double now)
{
    int level, g;
    while (ch->qhead != NIL && (g = pick(ch, m, &level)) >= 0) {
        uint32_t id = ch->qhead;
        queue_remove(ch, m, id, now);
        uint32_t a = ccs_agents_slot_take(&m->agents, g, level, m->sc->groups[g].chat_slots);
        open_session(ch, m, id, a, now);
    }
}

/* Agent a's session with the least work left is done. */
static void end_session(chat_ch *ch, ccs_model *m, uint32_t a, double now)
{
    chat_agent *x = &ch->ag[a];
    advance(m, x, a, now);
    int j = 0;
    for (int i = 1; i < x->n; i++) {
        if (m->calls.v[x->sess[i]].vdone < m->calls.v[x->sess[j]].vdone) {
            j = i;
        }
    }
    uint32_t id = x->sess[j];
    x->sess[j] = x->sess[--x->n];
    account(ch, m, now);
    ch->open--;
    ch->active -= x->n == 0;
    ch->active_g[ccs_agents_group(&m->agents, a)] -= x->n == 0;
    CCS_TRACE_X(m, CCS_TR_CHAT_END, m->calls.v[id].number, -1, ccs_agents_group(&m->agents, a),
                0, a, x->n, m->sc->groups[ccs_agents_group(&m->agents, a)].chat_slots);
    if (ccs_clock_counting(&m->clk)) {
        ccs_chat_tally_at(&m->tal, m->clk.cur)->completed += 1;
    }
    ccs_call_free(&m->calls, id);
    int g = ccs_agents_group(&m->agents, a);
    int st = ccs_agents_slot_release(&m->agents, a, now);
    reschedule(ch, m, a, now);
    if (st == CCS_SLOT_FREE) {
        drain_queue(ch, m, now);
    } else if (st == CCS_SLOT_IDLE) {
        ccs_model_offer(m, g, CCS_FREE_DONE, now);
    }
}

/* ---- arrivals ------------------------------------------------------------------------ */

/* Schedules the next chat after time s (the piecewise-constant intensity
 * inverted, as for calls: one Exp(1) draw per arrival). */
static void next_arrival(chat_ch *ch, ccs_model *m, double s)
{
    const ccs_clock *clk = &m->clk;
    double e = ch->unit_left;
    if (e <= 0) {
        e = ccs_dist_exp1(ch->rng_arr);
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
                ch->unit_left = 0;
                return;
            }
            end = clk->W + clk->L * (k + 1);
        }
        double r = ch->cfg->rate_per_hour[k] / 3600.0;
        if (r > 0 && s + e / r < end) {
            ch->unit_left = 0;
            ccs_model_schedule(m, s + e / r, ch->kind0 + CH_ARRIVAL, 0, 0, 0);
            return;
        }
        e -= r * (end - s);
        s = end;
    }
}

static void arrive(chat_ch *ch, ccs_model *m, double now)
{
    next_arrival(ch, m, now);
    uint32_t id = ccs_model_call_alloc(m);
    if (id == NIL) {
        return;
    }
    call *c = &m->calls.v[id];
    c->type = -1;
    c->campaign = -1;
    c->retrials = 0;
    c->repeat = 0;
    c->queued = 0;
    c->agent = NIL;
    c->number = ++m->calls.numbered;
    c->arrive = now;
    c->interval = ccs_clock_counting(&m->clk) ? m->clk.cur : -1;
    c->handle = ccs_dist_sample(&ch->cfg->handle, ch->rng_work);
    c->patience = ch->cfg->patience.kind == CCS_DIST_NONE
                      ? INFINITY
                      : ccs_dist_sample(&ch->cfg->patience, ch->rng_pat);
    ccs_chat_tally *t = c->interval >= 0 ? ccs_chat_tally_at(&m->tal, c->interval) : NULL;
    if (t) {
        t->offered += 1;
    }
    CCS_TRACE_X(m, CCS_TR_CHAT_ARRIVAL, c->number, -1, -1, 0, NIL, -1, -1);
    if (ch->thr >= 0) {
        drain_queue(ch, m, now);   /* chats waiting go first (FIFO) */
    }
    int level, g = pick(ch, m, &level);
    if (g >= 0) {
        uint32_t a = ccs_agents_slot_take(&m->agents, g, level, m->sc->groups[g].chat_slots);
        open_session(ch, m, id, a, now);
        return;
    }
    if (ch->cfg->queue_capacity >= 0 && ch->qlen >= ch->cfg->queue_capacity) {
        if (t) {
            t->blocked += 1;
        }
        CCS_TRACE_X(m, CCS_TR_CHAT_BLOCK, c->number, -1, -1, 0, NIL, -1, -1);
        ccs_call_free(&m->calls, id);
        return;
    }
    if (t) {
        t->delayed += 1;
    }
    queue_push(ch, m, id, now);
    CCS_TRACE_X(m, CCS_TR_CHAT_QUEUE, c->number, -1, -1, 0, NIL, -1, -1);
    if (isfinite(c->patience)) {
        ccs_model_schedule(m, now + c->patience, ch->kind0 + CH_ABANDON, id, c->gen, 0);
    }
}

static void start(ccs_model *m, void *state)
{
    next_arrival(state, m, 0.0);
}

/* An idle agent of group g: if it takes chats, its group is below the
 * voice threshold and chats wait, it opens sessions for them, up to its
 * slots. */
static int on_agent_free(ccs_model *m, void *state, int g, ccs_free_reason why, double now)
{
    (void)why;
    chat_ch *ch = state;
    int k = m->sc->groups[g].chat_slots;
    if (k <= 0 || ch->qhead == NIL || blocked(ch, m, g)) {
        return 0;
    }
    uint32_t id = ch->qhead;
    queue_remove(ch, m, id, now);
    uint32_t a = ccs_agents_slot_take(&m->agents, g, 0, k);
    open_session(ch, m, id, a, now);
    while (ch->qhead != NIL && ccs_agents_slots_free(&m->agents, a) > 0) {
        id = ch->qhead;
        queue_remove(ch, m, id, now);
        ccs_agents_slot_take_of(&m->agents, a);
        open_session(ch, m, id, a, now);
    }
    return 1;
}

/* ---- the event handlers ------------------------------------------------------------------ */

static void on_arrival(ccs_model *m, void *state, const ccs_event *ev)
{
    arrive(state, m, ev->time);
}

static void on_end(ccs_model *m, void *state, const ccs_event *ev)
{
    chat_ch *ch = state;
    if (ch->ag[ev->id].gen == ev->gen && ch->ag[ev->id].n > 0) {
        end_session(ch, m, ev->id, ev->time);
    }
}

static void on_recheck(ccs_model *m, void *state, const ccs_event *ev)
{
    chat_ch *ch = state;
    ch->recheck = 0;
    drain_queue(ch, m, ev->time);
}

static void on_abandon(ccs_model *m, void *state, const ccs_event *ev)
{
    chat_ch *ch = state;
    call *c = &m->calls.v[ev->id];
    if (c->gen != ev->gen || !c->queued) {
        return;
    }
    double wait = ev->time - c->arrive;
    queue_remove(ch, m, ev->id, ev->time);
    if (c->interval >= 0) {
        ccs_chat_tally *t = ccs_chat_tally_at(&m->tal, c->interval);
        t->abandoned += 1;
        if (wait > t->wait_max_s) {
            t->wait_max_s = wait;
        }
    }
    CCS_TRACE_X(m, CCS_TR_CHAT_ABANDON, c->number, -1, -1, wait, NIL, -1, -1);
    ccs_call_free(&m->calls, ev->id);
}

extern const ccs_channel ccs_chat_channel;
const ccs_channel ccs_chat_channel = {
    .name = "chat",
    .n_kinds = CH_N_KINDS,
    .create = create,
    .destroy = destroy,
    .reset = reset,
    .start = start,
    .on_event = {[CH_ARRIVAL] = on_arrival, [CH_END] = on_end, [CH_ABANDON] = on_abandon,
                 [CH_RECHECK] = on_recheck},
    .on_agent_free = on_agent_free,
    .on_interval = NULL,
};
