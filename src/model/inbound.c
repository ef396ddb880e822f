/*
 * inbound.c — the inbound voice channel: arrivals, patience, retrials,
 * blocking, repeat contacts, and the service of inbound calls.
 *
 * Calls of each type arrive as a non-homogeneous Poisson process (rate
 * constant within an interval, times the day's volume multiplier).  An
 * arriving call goes to an idle agent of the first group routing picks, or
 * waits in its type's queue (blocked when the queue is full), abandons when
 * its patience runs out, and may retry; overflow timers wake the routing
 * when a call's wait reaches a group's delay.  Calls are tallied in the
 * interval in which they arrived; agent busy time is integrated over the
 * interval in which it happens.
 *
 * Handle time, patience, resolution and repeat delay are drawn at arrival,
 * so the same caller gets the same values in every compared scenario
 * (common random numbers); the answering group's speed and resolution apply
 * at answer.
 *
 * Transfers (a type with `transfers`): which one, if any, is drawn at
 * answer; at the end of talk (IN_XFER) the customer goes on as a new record
 * of the target type, counted in the customer's arrival interval, drawing
 * from streams of its own; the first agent wraps up (cold) or holds the
 * line (warm) until the second answers, the caller leaves or the limit
 * passes (IN_WARM_END).  Invariant: a holding record and its next contact
 * point at each other by slot and generation, and the hold ends (end_hold)
 * exactly once, whichever of the three comes first.
 */
/* gsl_rng_uniform() as GSL's header inline: one indirect call per number
 * (the same function, the same numbers; as in dist.c). */
#define HAVE_INLINE 1

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "ccsim/dist.h"
#include "ccsim/rng.h"
#include "core/ziggurat.h"
#include "model/core.h"

enum {
    IN_ARRIVAL,   /* id = call type: a fresh call */
    IN_RETRIAL,   /* id = call slot: a caller tries again */
    IN_DEPART,    /* id = call slot, aux = agent */
    IN_ABANDON,   /* id = call slot, gen */
    IN_OVERFLOW,  /* id = call slot, gen: an overflow delay has passed */
    IN_XFER,      /* id = call slot, gen, aux = agent: talk over, the call is transferred */
    IN_WARM_END,  /* id = call slot, gen: a warm transfer's limit has passed */
    IN_N_KINDS
};

typedef struct inbound {
    uint32_t kind0;
    uint32_t timer0;        /* type t's next fresh arrival is engine timer timer0 + t */
    /* per call type */
    gsl_rng **rng_arr, **rng_handle, **rng_pat, **rng_retry, **rng_vol;
    gsl_rng **rng_quality;  /* resolution and repeat delay (CCS_RNG_QUALITY) */
    int quality_on;         /* some group has fcr < 1 */
    int xfer_on;            /* some call type has transfers (even of probability 0) */
    gsl_rng **rng_xfer;     /* per type: which transfer (CCS_RNG_TRANSFER) */
    gsl_rng **rng_leg;      /* per type: draws of contacts transferred to it */
    double *volume;         /* day multiplier */
    double *unit_left;      /* unused Exp(1) mass for the next arrival */
    int *rate_k;            /* the interval rate_s holds (-1: none yet this replication) */
    double *rate_s;         /* rate_at(t, rate_k[t]), cached: one division less an arrival */
} inbound;

/* ---- lifecycle ----------------------------------------------------------- */

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

static void free_streams(gsl_rng **r)
{
    for (int i = 0; r && r[i]; i++) {
        gsl_rng_free(r[i]);
    }
    free(r);
}

static void destroy(void *state)
{
    inbound *in = state;
    free_streams(in->rng_arr);
    free_streams(in->rng_handle);
    free_streams(in->rng_pat);
    free_streams(in->rng_retry);
    free_streams(in->rng_vol);
    free_streams(in->rng_quality);
    free_streams(in->rng_xfer);
    free_streams(in->rng_leg);
    free(in->volume);
    free(in->unit_left);
    free(in->rate_k);
    free(in->rate_s);
    free(in);
}

static int create(ccs_model *m, uint32_t kind0, void **state)
{
    inbound *in = calloc(1, sizeof *in);
    *state = in;
    if (!in) {
        return CCS_ENOMEM;
    }
    in->kind0 = kind0;
    if (ccs_model_add_timers(m, (uint32_t)m->nt, &in->timer0) != CCS_OK) {
        free(in);
        *state = NULL;
        return CCS_ENOMEM;
    }
    in->rng_arr = new_streams(m->nt);
    in->rng_handle = new_streams(m->nt);
    in->rng_pat = new_streams(m->nt);
    in->rng_retry = new_streams(m->nt);
    in->rng_vol = new_streams(m->nt);
    in->rng_quality = new_streams(m->nt);
    for (int g = 0; g < m->ng; g++) {
        const ccs_agent_group *gr = &m->sc->groups[g];
        for (int i = 0; i < gr->n_serves; i++) {
            if (ccs_group_skill_fcr(gr, i) < 1.0) {
                in->quality_on = 1;
            }
        }
    }
    for (int t = 0; t < m->nt; t++) {
        in->xfer_on |= m->sc->types[t].n_transfers > 0;
    }
    if (in->xfer_on) {
        in->rng_xfer = new_streams(m->nt);
        in->rng_leg = new_streams(m->nt);
    }
    in->volume = calloc((size_t)m->nt + 1, sizeof *in->volume);
    in->unit_left = calloc((size_t)m->nt + 1, sizeof *in->unit_left);
    in->rate_k = calloc((size_t)m->nt + 1, sizeof *in->rate_k);
    in->rate_s = calloc((size_t)m->nt + 1, sizeof *in->rate_s);
    if (!in->rng_arr || !in->rng_handle || !in->rng_pat || !in->rng_retry || !in->rng_vol ||
        !in->rng_quality || !in->volume || !in->unit_left || !in->rate_k || !in->rate_s ||
        (in->xfer_on && (!in->rng_xfer || !in->rng_leg))) {
        destroy(in);
        *state = NULL;
        return CCS_ENOMEM;
    }
    return CCS_OK;
}

static void reset(ccs_model *m, void *state, int rep)
{
    inbound *in = state;
    const ccs_scenario *sc = m->sc;
    for (int t = 0; t < m->nt; t++) {
        ccs_rng_reseed(in->rng_arr[t], sc->seed, (uint64_t)rep, CCS_RNG_ARRIVALS, (unsigned)t);
        ccs_rng_reseed(in->rng_handle[t], sc->seed, (uint64_t)rep, CCS_RNG_HANDLE, (unsigned)t);
        ccs_rng_reseed(in->rng_pat[t], sc->seed, (uint64_t)rep, CCS_RNG_PATIENCE, (unsigned)t);
        ccs_rng_reseed(in->rng_retry[t], sc->seed, (uint64_t)rep, CCS_RNG_RETRIAL, (unsigned)t);
        ccs_rng_reseed(in->rng_vol[t], sc->seed, (uint64_t)rep, CCS_RNG_VOLUME, (unsigned)t);
        ccs_rng_reseed(in->rng_quality[t], sc->seed, (uint64_t)rep, CCS_RNG_QUALITY, (unsigned)t);
        if (in->xfer_on) {
            ccs_rng_reseed(in->rng_xfer[t], sc->seed, (uint64_t)rep, CCS_RNG_TRANSFER, (unsigned)t);
            ccs_rng_reseed(in->rng_leg[t], sc->seed, (uint64_t)rep, CCS_RNG_TRANSFER_LEG,
                           (unsigned)t);
        }
        double cv = sc->types[t].volume_cv;
        in->volume[t] = cv > 0 ? gsl_ran_gamma(in->rng_vol[t], 1.0 / (cv * cv), cv * cv) : 1.0;
        in->unit_left[t] = 0;
        in->rate_k[t] = -1;   /* the volume changed: no cached rate */
    }
}

/* ---- service --------------------------------------------------------------- */

/* ccs_model_add_busy_() with its common case inline: a span that starts
 * within the day and ends within the interval in which it starts (the
 * first and only step of its loop, so the same sums). */
static inline void add_busy(ccs_model *m, int g, int t, double s, double d)
{
    const ccs_clock *clk = &m->clk;
    double e = s + d;
    if (s >= clk->W && e > s && e < clk->day_end) {
        double end;
        int k = ccs_clock_index(clk, &m->span, s, &end);
        if (k < clk->nk && e <= end) {
            ccs_tally_at(&m->tal, k, t)->busy_s += e - s;
            ccs_group_tally_at(&m->tal, k, g, t)->busy_s += e - s;
            return;
        }
    }
    ccs_model_add_busy_(m, g, t, s, d);
}

/* ccs_dist_exp1() inline (no call across files on the hot path): the same
 * ziggurat, so the same numbers. */
static inline double exp1(gsl_rng *r)
{
    return ccs_zig_exp1(r);
}

/* ccs_dist_sample() with its most common case, the exponential, inline:
 * the same computation (mean times ccs_dist_exp1), so the same numbers. */
static inline double sample(const ccs_dist *d, gsl_rng *r)
{
    return d->kind == CCS_DIST_EXPONENTIAL ? d->mean * exp1(r) : ccs_dist_sample(d, r);
}

/* Draws the attempt's handle time and patience (at arrival, so that the
 * same caller gets the same values in every compared scenario).  A
 * transferred contact draws from its own streams (CCS_RNG_TRANSFER_LEG),
 * so transfers leave the fresh calls' numbers as they are. */
static void draw_call(const inbound *in, const ccs_model *m, call *c)
{
    const ccs_call_type *ct = &m->sc->types[c->type];
    int leg = c->leg > 0;
    gsl_rng *r = leg ? in->rng_leg[c->type] : in->rng_handle[c->type];
    c->handle = sample(&ct->talk, r);
    c->wrap = 0;
    if (ct->acw.kind != CCS_DIST_NONE) {
        c->wrap = sample(&ct->acw, r);
        c->handle += c->wrap;
    }
    gsl_rng *rp = leg ? r : in->rng_pat[c->type];
    c->patience = ct->patience.kind == CCS_DIST_NONE ? INFINITY : sample(&ct->patience, rp);
    /* Drawn per attempt whoever answers, so compared scenarios that differ
     * only in fcr resolve the same callers (common random numbers). */
    if (in->quality_on) {
        gsl_rng *q = leg ? r : in->rng_quality[c->type];
        c->quality_u = gsl_rng_uniform(q);
        c->repeat_delay = ccs_dist_sample(&ct->repeat_delay, q);
    }
}

/* The transfer an answered contact of type t takes after talk: 1 + its
 * index in the type's list, or 0 (one uniform per answered contact of a
 * type with transfers, from the type's own stream). */
static int choose_transfer(const inbound *in, const ccs_call_type *ct, int t)
{
    double u = gsl_rng_uniform(in->rng_xfer[t]), acc = 0.0;
    for (int j = 0; j < ct->n_transfers; j++) {
        acc += ct->transfers[j].probability;
        if (u < acc) {
            return j + 1;
        }
    }
    return 0;
}

static void end_hold(inbound *in, ccs_model *m, call *a, call *b, double now);

/* The longest-idle agent of group g takes call id. */
static void start_service(inbound *in, ccs_model *m, uint32_t id, int g, double now)
{
    call *c = &m->calls.v[id];
    const ccs_call_type *ct = &m->sc->types[c->type];
    const serve *sk = ccs_routing_skill(&m->routing, g, c->type);
    double wait = now - c->arrive;
    /* The base draw was made at arrival (CRN); the group's speed on the
     * type applies here, as does its first-contact resolution. */
    c->handle *= sk->aht_factor;
    c->wrap *= sk->aht_factor;
    c->resolved = !in->quality_on || c->quality_u < sk->fcr;
    uint32_t agent = ccs_agents_take(&m->agents, g);
    c->agent = agent;
    if (c->interval >= 0) {
        ccs_tally *cl = ccs_tally_at(&m->tal, c->interval, c->type);
        cl->handled += 1;
        /* service_level.wait = "total": a retrial is judged on the caller's
         * waits added up (a transferred contact never retries). */
        double sl_wait = ct->sl_wait_total && c->retrials > 0 ? c->prior_wait + wait : wait;
        if (sl_wait <= ct->sl_threshold_s) {
            cl->answered_in_sl += 1;
        }
        cl->wait_answered_s += wait;
        if (wait > cl->wait_max_s) {
            cl->wait_max_s = wait;
        }
        cl->handle_s += c->handle;
        if (c->leg > 0) {
            ccs_xfer_tally *x = ccs_xfer_tally_at(&m->tal, c->interval, c->type);
            x->xfer_in_handled += 1;
            x->xfer_in_answered_in_sl += wait <= ct->sl_threshold_s;
            x->xfer_in_wait_s += wait;
            x->xfer_in_handle_s += c->handle;
        }
    }
    /* The work is billed for every call of the day, whenever it is
     * answered: a call answered after the last interval (the agents stay
     * to clear the queue) counts in the last interval, so billed calls,
     * minutes and resolutions equal the calls handled. */
    if (c->interval >= 0) {
        ccs_group_tally *gt =
            ccs_group_tally_at(&m->tal, ccs_clock_billing(&m->clk), g, c->type);
        gt->handled += 1;
        gt->handle_s += c->handle;
        gt->resolved += c->resolved;
    }
    CCS_TRACE(m, CCS_TR_ANSWER, c, g, wait);
    c->xfer = 0;
    if (in->xfer_on) {
        if (c->leg == 0) {
            c->first_wait = c->total_wait = wait;
            c->agent_s = c->handle;
        } else {
            c->total_wait += wait;
            c->agent_s += c->handle;
            if (c->peer != NIL) {
                /* The second agent answers: the first leaves the line. */
                call *a = &m->calls.v[c->peer];
                if (a->gen == c->peer_gen && a->holding) {
                    end_hold(in, m, a, c, now);
                }
                c->peer = NIL;
            }
        }
        if (ct->n_transfers > 0) {
            c->xfer = choose_transfer(in, ct, c->type);
        }
        if (c->xfer) {
            /* Talk now; the wrap-up once the call has left (XFER, end_hold). */
            double talk = c->handle - c->wrap;
            add_busy(m, g, c->type, now, talk);
            ccs_model_schedule(m, now + talk, in->kind0 + IN_XFER, id, c->gen, agent);
            return;
        }
    }
    add_busy(m, g, c->type, now, c->handle);
    ccs_model_schedule(m, now + c->handle, in->kind0 + IN_DEPART, id, 0, agent);
}

/* A free agent of group g looks for work: the waiting call routing picks
 * (the oldest call of its highest-priority type that has waited at least
 * the group's delay). */
static int on_agent_free(ccs_model *m, void *state, int g, ccs_free_reason why, double now)
{
    (void)why;
    if (m->queues.waiting == 0) {
        return 0;   /* what routing would find: every head is empty */
    }
    uint32_t h = ccs_routing_call_for_agent(&m->routing, &m->queues, &m->agents, g, now);
    if (h == NIL) {
        return 0;
    }
    ccs_model_withdraw_abandon(m, h);
    ccs_model_dequeue(m, h, now);
    start_service(state, m, h, g, now);
    return 1;
}

static void maybe_retry(inbound *in, ccs_model *m, uint32_t id, double p, double now)
{
    call *c = &m->calls.v[id];
    const ccs_call_type *ct = &m->sc->types[c->type];
    if (p > 0 && c->leg == 0 && c->retrials < ct->max_retrials &&
        gsl_rng_uniform(in->rng_retry[c->type]) < p) {
        double t = now + ccs_dist_sample(&ct->retry_delay, in->rng_retry[c->type]);
        if (t < m->clk.day_end) {
            /* The waits of its attempts so far (0 for a blocked one). */
            c->prior_wait = (c->retrials > 0 ? c->prior_wait : 0.0) + (now - c->arrive);
            c->retrials++;
            ccs_model_schedule(m, t, in->kind0 + IN_RETRIAL, id, c->gen, 0);
            return;
        }
    }
    ccs_call_free(&m->calls, id);
}

/* ---- arrivals --------------------------------------------------------------- */

/* Rate per second of type t in interval k. */
static double rate_at(const inbound *in, const ccs_model *m, int t, int k)
{
    return m->sc->types[t].rate_per_hour[k] / 3600.0 * in->volume[t];
}

/* Sets type t's next fresh arrival (its timer) after time s by inverting the
 * piecewise-constant cumulative intensity: one Exp(1) draw per arrival,
 * carried across interval boundaries, so the process is exactly Poisson
 * within each interval whatever the rates. */
static void next_arrival(inbound *in, ccs_model *m, int t, double s)
{
    const ccs_clock *clk = &m->clk;
    double e = in->unit_left[t];
    if (e <= 0) {
        e = exp1(in->rng_arr[t]);
    }
    for (;;) {
        int k;
        double end;
        if (s < clk->W) {
            k = 0;
            end = clk->W;
        } else {
            k = ccs_clock_index(clk, &m->span, s, &end);
            if (k >= clk->nk) {
                in->unit_left[t] = 0;
                return;
            }
        }
        if (in->rate_k[t] != k) {
            in->rate_k[t] = k;
            in->rate_s[t] = rate_at(in, m, t, k);
        }
        double r = in->rate_s[t];
        if (r > 0 && s + e / r < end) {
            in->unit_left[t] = 0;
            ccs_model_set_timer(m, in->timer0 + (uint32_t)t, s + e / r, in->kind0 + IN_ARRIVAL,
                                (uint32_t)t, 0, 0);
            return;
        }
        e -= r * (end - s);
        s = end;
    }
}

/* A transferred contact is over without an agent (abandoned or blocked in
 * the next queue): the customer is lost; a first agent still holding the
 * line leaves it. */
static void leg_lost(inbound *in, ccs_model *m, call *c, double now)
{
    if (c->interval >= 0) {
        ccs_xfer_tally_at(&m->tal, c->interval, c->first_type)->cust_lost += 1;
    }
    if (c->peer != NIL) {
        call *a = &m->calls.v[c->peer];
        if (a->gen == c->peer_gen && a->holding) {
            end_hold(in, m, a, c, now);
        }
        c->peer = NIL;
    }
}

static void arrive(inbound *in, ccs_model *m, uint32_t id, double now)
{
    call *c = &m->calls.v[id];
    int t = c->type;
    const ccs_call_type *ct = &m->sc->types[t];
    c->arrive = now;
    if (c->leg == 0) {
        c->interval = ccs_clock_counting(&m->clk) ? m->clk.cur : -1;
    }
    c->queued = 0;
    /* retrial.keep_draws: a retrial keeps what its first attempt drew (and
     * draws nothing, so that the streams serve first attempts only). */
    if (c->retrials == 0 || !ct->retry_keep_draws) {
        draw_call(in, m, c);
    }
    ccs_tally *cl = c->interval >= 0 ? ccs_tally_at(&m->tal, c->interval, t) : NULL;
    if (cl) {
        cl->offered += 1;
        if (c->leg | c->retrials | c->repeat) { /* not a fresh first contact */
            if (c->leg > 0) {
                ccs_xfer_tally_at(&m->tal, c->interval, t)->xfer_in += 1;
            }
            if (c->retrials > 0) {
                cl->retrials += 1;
            }
            if (c->repeat && c->retrials == 0) {
                cl->repeats += 1;
            }
        }
    }
    CCS_TRACE(m, c->leg > 0 ? CCS_TR_TRANSFER : c->retrials > 0 ? CCS_TR_RETRIAL : CCS_TR_ARRIVAL,
              c, -1, 0);
    int g = ccs_routing_group_for(&m->routing, &m->agents, t, 0.0);
    if (g >= 0) {
        start_service(in, m, id, g, now);
        return;
    }
    if (ct->queue_capacity >= 0 && ccs_queue_len(&m->queues, t) >= ct->queue_capacity) {
        if (cl) {
            cl->blocked += 1;
        }
        if (cl && c->leg > 0) {
            ccs_xfer_tally_at(&m->tal, c->interval, t)->xfer_in_blocked += 1;
        }
        CCS_TRACE(m, CCS_TR_BLOCK, c, -1, 0);
        if (c->leg > 0) {
            leg_lost(in, m, c, now);
        }
        maybe_retry(in, m, id, ct->retry_blocked, now);
        return;
    }
    if (cl) {
        cl->delayed += 1;
    }
    if (cl && c->leg > 0) {
        ccs_xfer_tally_at(&m->tal, c->interval, t)->xfer_in_delayed += 1;
    }
    /* Callbacks (callback.c): the caller may take one instead of waiting; a
     * first contact only (a transferred customer stays on the line, so that
     * its end-to-end figures stay those of one customer). */
    if (c->leg == 0 && m->callback_offer && m->callback_offer(m, m->callback_state, id, now)) {
        return;
    }
    ccs_queue_push(&m->queues, id, now);
    CCS_TRACE(m, CCS_TR_QUEUE, c, -1, 0);
    double patience = c->patience;   /* drawn at arrival (draw_call); INFINITY: none */
    if (isfinite(patience)) {
        /* In the record's timer: withdrawn when the caller leaves the queue
         * otherwise (ccs_model_withdraw_abandon), so an answer leaves no
         * stale event. */
        ccs_model_set_call_timer(m, id, now + patience, in->kind0 + IN_ABANDON, c->gen, 0);
    }
    if (ccs_routing_has_overflow(&m->routing, t)) {
        int n;
        const route *r = ccs_routing_routes(&m->routing, t, &n);
        double last = 0;
        for (int i = 0; i < n; i++) {
            if (r[i].after_s > last) {
                ccs_model_schedule(m, now + r[i].after_s, in->kind0 + IN_OVERFLOW, id, c->gen, 0);
                last = r[i].after_s;
            }
        }
    }
}

static void fresh_arrival(inbound *in, ccs_model *m, int t, double now)
{
    next_arrival(in, m, t, now);
    uint32_t id = ccs_model_call_alloc(m);
    if (id == NIL) {
        return;
    }
    call *c = &m->calls.v[id];
    c->type = t;
    c->campaign = -1;
    c->retrials = 0;
    c->repeat = 0;
    c->number = ++m->calls.numbered;
    c->leg = 0;
    c->first_type = t;
    c->holding = 0;
    c->peer = NIL;
    arrive(in, m, id, now);
}

static void start(ccs_model *m, void *state)
{
    for (int t = 0; t < m->nt; t++) {
        next_arrival(state, m, t, 0.0);
    }
}

/* ---- other events ------------------------------------------------------------ */

/* An unresolved contact calls again after its repeat delay, as a new
 * contact of the same type, if that falls within the day (repeats after
 * the day are not simulated; the contact still counts as unresolved). */
static void repeat_or_free(inbound *in, ccs_model *m, uint32_t id, double now)
{
    call *c = &m->calls.v[id];
    double t;
    if (!c->resolved && (t = now + c->repeat_delay) < m->clk.day_end) {
        c->repeat = 1;
        c->retrials = 0;
        c->leg = 0; /* a repeat of a transferred contact is a first contact of its type */
        c->first_type = c->type;
        ccs_model_schedule(m, t, in->kind0 + IN_RETRIAL, id, c->gen, 0);
        return;
    }
    ccs_call_free(&m->calls, id);
}

static void depart(inbound *in, ccs_model *m, uint32_t id, uint32_t agent, double now)
{
    int g = ccs_agents_group(&m->agents, agent);
    int stays = ccs_agents_release(&m->agents, agent, now);
    call *c = &m->calls.v[id];
    /* Traced after the agent is counted free: counts are "after the event". */
    CCS_TRACE(m, CCS_TR_DEPART, c, g, 0);
    if (c->xfer) {
        ccs_call_free(&m->calls, id); /* the customer went on as its next contact */
    } else {
        if (in->xfer_on && c->interval >= 0) {
            /* The customer's last contact: its end-to-end service. */
            ccs_xfer_tally *cl = ccs_xfer_tally_at(&m->tal, c->interval, c->first_type);
            cl->cust_served += 1;
            cl->cust_first_wait_s += c->first_wait;
            cl->cust_wait_s += c->total_wait;
            cl->cust_agent_s += c->agent_s;
        }
        repeat_or_free(in, m, id, now);
    }
    if (stays) {
        ccs_model_offer(m, g, CCS_FREE_DONE, now);
    }
}

static void abandon(inbound *in, ccs_model *m, uint32_t id, double now)
{
    call *c = &m->calls.v[id];
    const ccs_call_type *ct = &m->sc->types[c->type];
    double wait = now - c->arrive;
    ccs_model_dequeue(m, id, now);
    if (c->interval >= 0) {
        ccs_tally *cl = ccs_tally_at(&m->tal, c->interval, c->type);
        cl->abandoned += 1;
        if (wait <= ct->short_abandon_s) {
            cl->abandoned_short += 1;
        }
        if (wait > cl->wait_max_s) {
            cl->wait_max_s = wait;
        }
        if (c->leg > 0) {
            ccs_xfer_tally *x = ccs_xfer_tally_at(&m->tal, c->interval, c->type);
            x->xfer_in_abandoned += 1;
            x->xfer_in_abandoned_short += wait <= ct->short_abandon_s;
        }
    }
    CCS_TRACE(m, CCS_TR_ABANDON, c, -1, wait);
    if (c->leg > 0) {
        leg_lost(in, m, c, now);
    }
    maybe_retry(in, m, id, ct->retry_abandoned, now);
}

/* An overflow delay of the call has passed: groups whose delay is reached
 * and that have an idle agent take the oldest eligible calls of the type. */
static void overflow(inbound *in, ccs_model *m, uint32_t id, double now)
{
    int t = m->calls.v[id].type;
    uint32_t h;
    while ((h = ccs_queue_head(&m->queues, t)) != NIL) {
        int g = ccs_routing_group_for(&m->routing, &m->agents, t, now - m->calls.v[h].arrive);
        if (g < 0) {
            break;
        }
        ccs_model_withdraw_abandon(m, h);
        ccs_model_dequeue(m, h, now);
        start_service(in, m, h, g, now);
    }
}

/* ---- transfers ----------------------------------------------------------- */

/* The first agent of a warm transfer leaves the line at `now` (the second
 * answered, the limit passed, or the customer was lost): the hold is its
 * agent time on contact a, then its wrap-up.  b is the customer's next
 * contact (its end-to-end agent time), or NULL. */
static void end_hold(inbound *in, ccs_model *m, call *a, call *b, double now)
{
    double hold = now - a->hold_start;
    int g = ccs_agents_group(&m->agents, a->agent);
    a->holding = 0;
    if (a->interval >= 0) {
        ccs_tally *cl = ccs_tally_at(&m->tal, a->interval, a->type);
        cl->handle_s += hold;
        ccs_xfer_tally *x = ccs_xfer_tally_at(&m->tal, a->interval, a->type);
        x->warm_hold_s += hold;
        if (a->leg > 0) {
            x->xfer_in_handle_s += hold;
        }
        ccs_group_tally_at(&m->tal, ccs_clock_billing(&m->clk), g, a->type)->handle_s += hold;
    }
    if (b) {
        b->agent_s += hold;
    }
    add_busy(m, g, a->type, a->hold_start, hold + a->wrap);
    ccs_model_schedule(m, now + a->wrap, in->kind0 + IN_DEPART, (uint32_t)(a - m->calls.v), 0,
                       a->agent);
}

/* Talk is over and contact id is transferred: the customer goes on as a
 * new contact of the target type, in that type's queue with its own
 * patience; the first agent wraps up at once (cold) or holds the line
 * (warm) until the second answers or the limit passes. */
static void transfer(inbound *in, ccs_model *m, uint32_t id, uint32_t agent, double now)
{
    const ccs_transfer *x = &m->sc->types[m->calls.v[id].type].transfers[m->calls.v[id].xfer - 1];
    uint32_t bid = ccs_model_call_alloc(m);
    call *a = &m->calls.v[id]; /* after the alloc: the pool may have moved */
    if (bid == NIL) {
        return;
    }
    call *b = &m->calls.v[bid];
    if (a->interval >= 0) {
        ccs_xfer_tally_at(&m->tal, a->interval, a->type)->xfer_out += 1;
    }
    b->type = x->to;
    b->campaign = -1;
    b->retrials = 0;
    b->repeat = 0;
    b->number = a->number;
    b->interval = a->interval;
    b->leg = a->leg + 1;
    b->first_type = a->first_type;
    b->holding = 0;
    b->peer = NIL;
    b->first_wait = a->first_wait;
    b->total_wait = a->total_wait;
    b->agent_s = a->agent_s;
    if (x->mode == CCS_XFER_WARM) {
        a->holding = 1;
        a->hold_start = now;
        a->peer = bid;
        a->peer_gen = b->gen;
        b->peer = id;
        b->peer_gen = a->gen;
        ccs_model_schedule(m, now + x->warm_limit_s, in->kind0 + IN_WARM_END, id, a->gen, agent);
    } else {
        int g = ccs_agents_group(&m->agents, agent);
        add_busy(m, g, a->type, now, a->wrap);
        ccs_model_schedule(m, now + a->wrap, in->kind0 + IN_DEPART, id, 0, agent);
    }
    arrive(in, m, bid, now);
}

/* ---- the event handlers, one per kind ------------------------------------- */

static void on_arrival(ccs_model *m, void *state, const ccs_event *ev)
{
    fresh_arrival(state, m, (int)ev->id, ev->time);
}

static void on_retrial(ccs_model *m, void *state, const ccs_event *ev)
{
    arrive(state, m, ev->id, ev->time);
}

static void on_depart(ccs_model *m, void *state, const ccs_event *ev)
{
    depart(state, m, ev->id, ev->aux, ev->time);
}

/* Timers of a waiting call: stale once it left the queue (gen).  An
 * abandonment is withdrawn when the call leaves otherwise
 * (ccs_model_withdraw_abandon), so it arrives live; the check stays, the
 * contract of every timer. */
static void on_abandon(ccs_model *m, void *state, const ccs_event *ev)
{
    const call *c = &m->calls.v[ev->id];
    if (c->gen == ev->gen && c->queued) {
        abandon(state, m, ev->id, ev->time);
    }
}

static void on_overflow(ccs_model *m, void *state, const ccs_event *ev)
{
    const call *c = &m->calls.v[ev->id];
    if (c->gen == ev->gen && c->queued) {
        overflow(state, m, ev->id, ev->time);
    }
}

static void on_xfer(ccs_model *m, void *state, const ccs_event *ev)
{
    if (m->calls.v[ev->id].gen == ev->gen) {
        transfer(state, m, ev->id, ev->aux, ev->time);
    }
}

static void on_warm_end(ccs_model *m, void *state, const ccs_event *ev)
{
    call *a = &m->calls.v[ev->id];
    if (a->gen == ev->gen && a->holding) {
        call *b = &m->calls.v[a->peer];
        end_hold(state, m, a, b->gen == a->peer_gen ? b : NULL, ev->time);
    }
}

extern const ccs_channel ccs_inbound_channel;
const ccs_channel ccs_inbound_channel = {
    .name = "inbound",
    .n_kinds = IN_N_KINDS,
    .create = create,
    .destroy = destroy,
    .reset = reset,
    .start = start,
    .on_event = {[IN_ARRIVAL] = on_arrival,
                 [IN_RETRIAL] = on_retrial,
                 [IN_DEPART] = on_depart,
                 [IN_ABANDON] = on_abandon,
                 [IN_OVERFLOW] = on_overflow,
                 [IN_XFER] = on_xfer,
                 [IN_WARM_END] = on_warm_end},
    .on_agent_free = on_agent_free,
    .on_interval = NULL,
};
