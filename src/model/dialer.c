/*
 * dialer.c — outbound campaigns on the model's engine and agent groups.
 *
 * A campaign dials records from its calling list.  Each dial ends, after a
 * ring, as no answer, busy, machine, wrong party or right party, drawn from
 * the interval's outcome probabilities.  Preview and progressive dials
 * reserve an agent for the whole dial; predictive dials do not, and a live
 * answer that finds no free agent within the grace time is abandoned (a
 * silent call).  The predictive pacer and why it keeps the abandon rate
 * under its target are described in docs/dialer.md.
 *
 * Invariants: a record is in at most one place (never dialed, in flight,
 * waiting for its redial time, in the ready FIFO, or closed); `lines`
 * counts predictive dials not yet resolved; agents doing outbound work are
 * taken from the agents module like agents on inbound calls, so inbound
 * routing sees them as unavailable.  Inbound has priority (channels.c): an
 * agent takes outbound work only when no inbound call is waiting for it.
 *
 * A channel on the model core (channel.h): it owns the event kinds below,
 * its state (the campaigns'), and is offered free agents after inbound.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "ccsim/dist.h"
#include "ccsim/rng.h"
#include "ccsim/workload.h"
#include "model/core.h"

/* Pacer constants (docs/dialer.md). */
#define PACE_ALPHA0 0.6       /* initial over-dial factor: cautious */
#define PACE_ALPHA_MIN 0.2
#define PACE_ALPHA_MAX 5.0
#define PACE_GAIN 0.1         /* step of the multiplicative controller */
#define PACE_SETPOINT 0.7     /* aim at 70% of the target: margin for noise */
#define PACE_Q0 0.5           /* prior P(a dial needs an agent) */
#define PACE_Q_WINDOW 200.0   /* dials in the running estimate of q */
#define PACE_DAY_GUARD 0.9    /* day's rate above 90% of the target: safe pacing */
#define PACE_DAY_MIN 20.0     /* live answers before the day's rate is trusted */

typedef struct camp_state {
    gsl_rng *rng;            /* outcomes, AMD, success (CCS_RNG_DIALER, 2c) */
    gsl_rng *rng_time;       /* ring, talk, wrap, preview (CCS_RNG_DIALER, 2c+1) */
    uint8_t *attempts;       /* [list_size] dials made per record */
    uint32_t *ready;         /* ring buffer of records due for a redial */
    long ready_head, ready_len;
    long next_fresh;         /* next record never dialed */
    long lines;              /* predictive dials in flight */
    uint32_t live_head, live_tail; /* live answers waiting for an agent (call slots) */
    long live_len;
    long talking;            /* agents talking or wrapping on this campaign */
    double q_hat;            /* running P(a dial needs an agent) */
    double q_n;              /* dials behind q_hat, capped at PACE_Q_WINDOW */
    double alpha;            /* over-dial factor, adapted to the abandon target */
    double day_live;         /* live answers so far today */
    double day_abandoned;    /* of which abandoned */
    double h;                /* fraction of talking agents expected to free during a dial */
    double *inbound_per_dial; /* [nk] inbound calls expected, during one dial, at
                                 the campaign's groups (blending) */
} camp_state;

enum {
    OUT_DIAL_DONE,    /* id = call slot: an outbound dial resolves */
    OUT_GRACE_END,    /* id = call slot, gen: a live answer's grace time is over */
    OUT_RECORD_DUE,   /* id = record, aux = campaign: a redial becomes due */
    OUT_PREVIEW_DONE, /* id = call slot, aux = agent: the agent has read the record */
    OUT_DEPART,       /* id = call slot, aux = agent: talk and wrap-up are over */
    OUT_N_KINDS
};

typedef struct dialer {
    uint32_t kind0;
    int nc, ng;             /* campaigns, groups */
    camp_state *camps;      /* [nc] */
    int **group_camps;      /* [ng][n_group_camps[g]] campaigns each group works */
    int *n_group_camps;
} dialer;

/* ---- lifecycle ----------------------------------------------------------- */

static void destroy(void *state)
{
    dialer *d = state;
    if (d->camps) {
        for (int c = 0; c < d->nc; c++) {
            gsl_rng_free(d->camps[c].rng);
            gsl_rng_free(d->camps[c].rng_time);
            free(d->camps[c].attempts);
            free(d->camps[c].ready);
            free(d->camps[c].inbound_per_dial);
        }
    }
    free(d->camps);
    if (d->group_camps) {
        for (int g = 0; g < d->ng; g++) {
            free(d->group_camps[g]);
        }
    }
    free(d->group_camps);
    free(d->n_group_camps);
    free(d);
}

static int create_camps(dialer *d, const ccs_model *m)
{
    const ccs_scenario *sc = m->sc;
    int nk = m->clk.nk;
    d->n_group_camps = calloc((size_t)m->ng, sizeof *d->n_group_camps);
    d->group_camps = calloc((size_t)m->ng, sizeof *d->group_camps);
    d->camps = calloc((size_t)d->nc, sizeof *d->camps);
    if (!d->n_group_camps || !d->group_camps || !d->camps) {
        return CCS_ENOMEM;
    }
    for (int g = 0; g < m->ng; g++) {
        d->group_camps[g] = calloc((size_t)d->nc, sizeof(int));
        if (!d->group_camps[g]) {
            return CCS_ENOMEM;
        }
    }
    for (int c = 0; c < d->nc; c++) {
        const ccs_campaign *cp = &sc->campaigns[c];
        camp_state *cs = &d->camps[c];
        cs->rng = gsl_rng_alloc(ccs_rng_type());
        cs->rng_time = gsl_rng_alloc(ccs_rng_type());
        cs->attempts = calloc((size_t)cp->list_size, sizeof *cs->attempts);
        cs->ready = calloc((size_t)cp->list_size, sizeof *cs->ready);
        if (!cs->rng || !cs->rng_time || !cs->attempts || !cs->ready) {
            return CCS_ENOMEM;
        }
        for (int j = 0; j < cp->n_groups; j++) {
            int g = cp->groups[j];
            d->group_camps[g][d->n_group_camps[g]++] = c;
        }
        double talk = ccs_workload_campaign_aht(cp);
        double dial = ccs_dist_mean(&cp->ring) + (cp->amd ? cp->amd_time_s : 0);
        cs->h = talk > 0 ? fmin(1.0, dial / talk) : 1.0;
        /* Inbound calls that arrive while a dial rings take the idle agents
         * the pacer counted on: expect them. */
        cs->inbound_per_dial = calloc((size_t)nk, sizeof *cs->inbound_per_dial);
        if (!cs->inbound_per_dial) {
            return CCS_ENOMEM;
        }
        for (int t = 0; t < sc->n_types; t++) {
            int served = 0;
            for (int j = 0; j < cp->n_groups && !served; j++) {
                const ccs_agent_group *gr = &sc->groups[cp->groups[j]];
                for (int i = 0; i < gr->n_serves; i++) {
                    served |= gr->serves[i] == t;
                }
            }
            for (int k = 0; served && k < nk; k++) {
                cs->inbound_per_dial[k] += sc->types[t].rate_per_hour[k] / 3600.0 * dial;
            }
        }
    }
    return CCS_OK;
}

/* No campaigns: the channel is not used (*state NULL). */
static int create(ccs_model *m, uint32_t kind0, void **state)
{
    *state = NULL;
    if (m->sc->n_campaigns == 0) {
        return CCS_OK;
    }
    dialer *d = calloc(1, sizeof *d);
    if (!d) {
        return CCS_ENOMEM;
    }
    d->kind0 = kind0;
    d->nc = m->sc->n_campaigns;
    d->ng = m->ng;
    if (create_camps(d, m) != CCS_OK) {
        destroy(d);
        return CCS_ENOMEM;
    }
    *state = d;
    return CCS_OK;
}

static void reset(ccs_model *m, void *state, int rep)
{
    dialer *d = state;
    const ccs_scenario *sc = m->sc;
    for (int c = 0; c < d->nc; c++) {
        camp_state *cs = &d->camps[c];
        ccs_rng_reseed(cs->rng, sc->seed, (uint64_t)rep, CCS_RNG_DIALER, (unsigned)(2 * c));
        ccs_rng_reseed(cs->rng_time, sc->seed, (uint64_t)rep, CCS_RNG_DIALER,
                       (unsigned)(2 * c + 1));
        memset(cs->attempts, 0, (size_t)sc->campaigns[c].list_size * sizeof *cs->attempts);
        cs->ready_head = cs->ready_len = 0;
        cs->next_fresh = 0;
        cs->lines = 0;
        cs->live_head = cs->live_tail = NIL;
        cs->live_len = 0;
        cs->talking = 0;
        cs->q_hat = PACE_Q0;
        cs->q_n = 10;
        cs->alpha = PACE_ALPHA0;
        cs->day_live = cs->day_abandoned = 0;
    }
}

/* ---- helpers ------------------------------------------------------------- */

enum { T_TALK, T_WRAP, T_PREVIEW, T_DIAL_WAIT };

/* Adds [s, s + d) of agent time of group g on campaign c, of the given
 * kind, to the intervals it overlaps (clipped to the day).  The group's
 * busy time counts everywhere in the day (occupancy, cost share); the
 * campaign's activity times only inside its dialing window, the time its
 * shares are shares of. */
static void add_time(ccs_model *m, int c, int g, int kind, double s, double d)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    const ccs_clock *clk = &m->clk;
    int nd = ccs_scenario_day_intervals(m->sc);
    double a = s > clk->W ? s : clk->W;
    double e = s + d < clk->day_end ? s + d : clk->day_end;
    int k = (int)((a - clk->W) / clk->L);
    while (a < e && k < clk->nk) {
        double b = fmin(e, clk->W + clk->L * (k + 1));
        double dt = b - a;
        ccs_cgroup_tally_at(&m->tal, k, g, c)->busy_s += dt;
        a = b;
        int kd = k % nd;   /* the interval of its day (round the clock) */
        if (kd < cp->window_first || kd > cp->window_last) {
            k++;
            continue;
        }
        k++;
        ccs_campaign_tally *t = ccs_campaign_tally_at(&m->tal, k - 1, c);
        switch (kind) {
        case T_TALK:
            t->talk_s += dt;
            break;
        case T_WRAP:
            t->wrap_s += dt;
            break;
        case T_PREVIEW:
            t->preview_s += dt;
            break;
        default:
            t->dial_wait_s += dt;
            break;
        }
    }
}

/* Whether the current interval is in campaign c's window (of each day,
 * round the clock). */
static int in_window(const ccs_model *m, int c)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    int cur = m->clk.cur;
    if (cur < 0 || cur >= m->clk.nk) {
        return 0;   /* the warm-up, or after the day */
    }
    int k = cur % ccs_scenario_day_intervals(m->sc);
    return k >= cp->window_first && k <= cp->window_last;
}

static int has_records(const dialer *d, const ccs_model *m, int c)
{
    const camp_state *cs = &d->camps[c];
    return cs->ready_len > 0 || cs->next_fresh < m->sc->campaigns[c].list_size;
}

/* Takes the next record: redials that are due first, then fresh ones. */
static long take_record(dialer *d, const ccs_model *m, int c)
{
    camp_state *cs = &d->camps[c];
    long n = m->sc->campaigns[c].list_size;
    if (cs->ready_len > 0) {
        long r = cs->ready[cs->ready_head];
        cs->ready_head = (cs->ready_head + 1) % n;
        cs->ready_len--;
        return r;
    }
    return cs->next_fresh < n ? cs->next_fresh++ : -1;
}

/* The record gets another dial after delay, unless it has had its
 * attempts or the redial would fall after the day. */
static void redial_later(dialer *d, ccs_model *m, int c, uint32_t rec, double delay, double now)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    if (d->camps[c].attempts[rec] < cp->max_attempts && now + delay < m->clk.day_end) {
        ccs_model_schedule(m, now + delay, d->kind0 + OUT_RECORD_DUE, rec, 0, (uint32_t)c);
    }
}

static void pace(dialer *d, ccs_model *m, int c, double now);

/* ---- dialing ------------------------------------------------------------- */

/* Draws an outcome from the interval's probabilities. */
static int draw_outcome(dialer *d, const ccs_model *m, int c, int k)
{
    const double *p = &m->sc->campaigns[c].p[(size_t)k * CCS_N_OUTCOMES];
    double u = gsl_rng_uniform(d->camps[c].rng), acc = 0;
    for (int o = 0; o < CCS_N_OUTCOMES - 1; o++) {
        acc += p[o];
        if (u < acc) {
            return o;
        }
    }
    return CCS_N_OUTCOMES - 1;
}

/* Places a dial for record rec of campaign c on call slot id.  agent is the
 * reserved agent (preview, progressive) or NIL (predictive). */
static void dial(dialer *d, ccs_model *m, int c, uint32_t id, uint32_t agent, double now)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &d->camps[c];
    call *cl = &m->calls.v[id];
    int k = ccs_clock_billing(&m->clk);
    cl->campaign = c;
    cl->agent = agent;
    cl->interval = k;
    cl->outcome = draw_outcome(d, m, c, k);
    ccs_campaign_tally *t = ccs_campaign_tally_at(&m->tal, k, c);
    t->dials += 1;
    if (cs->attempts[cl->record] == 0) {
        t->first_attempts += 1;
    }
    if (cs->attempts[cl->record] < UINT8_MAX) {
        cs->attempts[cl->record]++;
    }
    double dt;
    switch (cl->outcome) {
    case CCS_OUT_NO_ANSWER:
        dt = cp->ring_timeout_s;
        break;
    case CCS_OUT_BUSY:
        dt = cp->busy_signal_s;
        break;
    default:
        dt = ccs_dist_sample(&cp->ring, cs->rng_time);
        /* An agent-initiated preview dial is heard by the agent: no AMD. */
        if (cp->amd && cp->mode != CCS_DIAL_PREVIEW) {
            dt += cp->amd_time_s;
        }
        break;
    }
    if (agent != NIL) {
        add_time(m, c, ccs_agents_group(&m->agents, agent), T_DIAL_WAIT, now, dt);
    } else {
        cs->lines++;
    }
    ccs_model_schedule(m, now + dt, d->kind0 + OUT_DIAL_DONE, id, cl->gen, 0);
}

/* Starts a dial on a new call slot; returns 0 when no record is left. */
static int start_dial(dialer *d, ccs_model *m, int c, uint32_t agent, double now)
{
    long rec = take_record(d, m, c);
    if (rec < 0) {
        return 0;
    }
    uint32_t id = ccs_model_call_alloc(m);
    if (id == NIL) {
        return 0;
    }
    m->calls.v[id].record = (uint32_t)rec;
    m->calls.v[id].campaign = c;
    dial(d, m, c, id, agent, now);
    return 1;
}

/* ---- talking ------------------------------------------------------------- */

/* The call's reserved agent, or the longest-idle agent of group g, talks
 * to the call's party (or its machine). */
static void connect(dialer *d, ccs_model *m, uint32_t id, int g, double now)
{
    call *cl = &m->calls.v[id];
    int c = cl->campaign;
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &d->camps[c];
    ccs_campaign_tally *t = ccs_campaign_tally_at(&m->tal, cl->interval, c);
    double talk = ccs_dist_sample(&cp->talk[cl->outcome], cs->rng_time);
    double wrap = 0;
    int success = 0;
    if (cl->outcome == CCS_OUT_RIGHT_PARTY) {
        wrap = cp->wrap.kind != CCS_DIST_NONE ? ccs_dist_sample(&cp->wrap, cs->rng_time) : 0;
        success = gsl_rng_uniform(cs->rng) < cp->success;
        t->right_party_contacts += 1;
        t->successes += success;
    }
    if (cl->agent == NIL) {
        cl->agent = ccs_agents_take(&m->agents, g);
    }
    cl->handle = talk + wrap;
    cl->wrap = wrap;
    cs->talking++;
    add_time(m, c, g, T_TALK, now, talk);
    add_time(m, c, g, T_WRAP, now + talk, wrap);
    ccs_cgroup_tally *gt = ccs_cgroup_tally_at(&m->tal, ccs_clock_billing(&m->clk), g, c);
    gt->handled += 1;
    gt->handle_s += talk + wrap;
    gt->successes += success;
    ccs_model_schedule(m, now + talk + wrap, d->kind0 + OUT_DEPART, id, 0, cl->agent);
}

/* First group working campaign c with an idle agent, or -1.  Any idle
 * agent will do: the reserve only limits new dials. */
static int free_group(const ccs_model *m, int c)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    for (int j = 0; j < cp->n_groups; j++) {
        if (ccs_agents_idle(&m->agents, cp->groups[j]) > 0) {
            return cp->groups[j];
        }
    }
    return -1;
}

/* The pacer learns from each live answer of a predictive campaign whether
 * it was abandoned (multiplicative stochastic approximation: the
 * stationary point is P(abandon) = setpoint). */
static void learn_abandon(dialer *d, const ccs_model *m, int c, int abandoned)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &d->camps[c];
    if (cp->mode != CCS_DIAL_PREDICTIVE || cp->pacing_fixed) {
        return;
    }
    double x = abandoned ? 1.0 : 0.0;
    cs->alpha *= exp(PACE_GAIN * (PACE_SETPOINT * cp->abandon_target - x));
    cs->day_live += 1;
    cs->day_abandoned += x;
    cs->alpha = fmin(PACE_ALPHA_MAX, fmax(PACE_ALPHA_MIN, cs->alpha));
}

static void hang_up_live(dialer *d, ccs_model *m, uint32_t id, double now)
{
    call *cl = &m->calls.v[id];
    int c = cl->campaign;
    ccs_campaign_tally_at(&m->tal, cl->interval, c)->abandoned += 1;
    learn_abandon(d, m, c, 1);
    /* A right party we hung up on is still to be reached; a wrong party's
     * number is closed. */
    if (cl->outcome == CCS_OUT_RIGHT_PARTY) {
        redial_later(d, m, c, cl->record, m->sc->campaigns[c].retry_abandoned_s, now);
    }
    ccs_call_free(&m->calls, id);
}

static void live_push(dialer *d, ccs_model *m, uint32_t id)
{
    call *v = m->calls.v;
    camp_state *cs = &d->camps[v[id].campaign];
    v[id].next = NIL;
    if (cs->live_tail != NIL) {
        v[cs->live_tail].next = id;
    } else {
        cs->live_head = id;
    }
    cs->live_tail = id;
    cs->live_len++;
}

/* Removes a waiting live answer (head or not). */
static void live_remove(dialer *d, ccs_model *m, uint32_t id)
{
    call *v = m->calls.v;
    camp_state *cs = &d->camps[v[id].campaign];
    uint32_t prev = NIL;
    for (uint32_t x = cs->live_head; x != NIL; prev = x, x = v[x].next) {
        if (x == id) {
            if (prev == NIL) {
                cs->live_head = v[x].next;
            } else {
                v[prev].next = v[x].next;
            }
            if (cs->live_tail == id) {
                cs->live_tail = prev;
            }
            cs->live_len--;
            v[id].gen++;
            return;
        }
    }
}

/* A dial resolves: no answer, busy, machine or a live answer. */
static void dial_done(dialer *d, ccs_model *m, uint32_t id, double now)
{
    call *cl = &m->calls.v[id];
    int c = cl->campaign;
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &d->camps[c];
    ccs_campaign_tally *t = ccs_campaign_tally_at(&m->tal, cl->interval, c);
    uint32_t reserved = cl->agent;
    int amd = cp->amd && cp->mode != CCS_DIAL_PREVIEW;
    int to_agent = 0;
    if (reserved == NIL) {
        cs->lines--;
    }
    switch (cl->outcome) {
    case CCS_OUT_NO_ANSWER:
    case CCS_OUT_BUSY:
        if (cl->outcome == CCS_OUT_NO_ANSWER) {
            t->no_answers += 1;
        } else {
            t->busies += 1;
        }
        redial_later(d, m, c, cl->record, cp->retry_s[cl->outcome], now);
        break;
    case CCS_OUT_MACHINE:
        t->machines += 1;
        if (amd && gsl_rng_uniform(cs->rng) >= cp->amd_false_negative) {
            redial_later(d, m, c, cl->record, cp->retry_s[CCS_OUT_MACHINE], now);
        } else {
            t->amd_false_negatives += amd;
            to_agent = 1;
        }
        break;
    default:
        t->connects += 1;
        if (amd && gsl_rng_uniform(cs->rng) < cp->amd_false_positive) {
            t->amd_false_positives += 1;
            cl->agent = NIL;
            cs->q_hat += (0.0 - cs->q_hat) / cs->q_n;
            hang_up_live(d, m, id, now);
            if (reserved != NIL) {
                ccs_model_agent_done(m, reserved, now);
            } else {
                pace(d, m, c, now);
            }
            return;
        }
        to_agent = 1;
        break;
    }
    /* Running estimate of P(a dial needs an agent), for the pacer. */
    cs->q_n = fmin(cs->q_n + 1, PACE_Q_WINDOW);
    cs->q_hat += ((double)to_agent - cs->q_hat) / cs->q_n;
    if (to_agent) {
        int g = reserved != NIL ? ccs_agents_group(&m->agents, reserved) : free_group(m, c);
        if (g >= 0) {
            if (cl->outcome != CCS_OUT_MACHINE) {
                learn_abandon(d, m, c, 0);
            }
            connect(d, m, id, g, now);
        } else if (cl->outcome == CCS_OUT_MACHINE || cp->grace_s <= 0) {
            /* Nobody to take it: a machine is simply dropped. */
            if (cl->outcome == CCS_OUT_MACHINE) {
                redial_later(d, m, c, cl->record, cp->retry_s[CCS_OUT_MACHINE], now);
                ccs_call_free(&m->calls, id);
            } else {
                hang_up_live(d, m, id, now);
            }
        } else {
            cl->arrive = now;
            live_push(d, m, id);
            ccs_model_schedule(m, now + cp->grace_s, d->kind0 + OUT_GRACE_END, id, cl->gen, 0);
        }
        if (reserved == NIL) {
            pace(d, m, c, now);
        }
        return;
    }
    ccs_call_free(&m->calls, id);
    if (reserved != NIL) {
        ccs_model_agent_done(m, reserved, now);
    } else {
        pace(d, m, c, now);
    }
}

static void grace_end(dialer *d, ccs_model *m, uint32_t id, double now)
{
    int c = m->calls.v[id].campaign;
    live_remove(d, m, id);
    hang_up_live(d, m, id, now);
    pace(d, m, c, now);
}

/* An outbound call's talk and wrap-up are over. */
static void call_done(dialer *d, ccs_model *m, uint32_t id, uint32_t agent, double now)
{
    call *cl = &m->calls.v[id];
    int c = cl->campaign;
    const ccs_campaign *cp = &m->sc->campaigns[c];
    int g = ccs_agents_group(&m->agents, agent);
    int stays = ccs_agents_release(&m->agents, agent, now);
    d->camps[c].talking--;
    if (cl->outcome == CCS_OUT_MACHINE) {
        redial_later(d, m, c, cl->record, cp->retry_s[CCS_OUT_MACHINE], now);
    }
    ccs_call_free(&m->calls, id);
    if (stays) {
        ccs_model_offer(m, g, CCS_FREE_DONE, now);
    }
}

/* ---- pacing --------------------------------------------------------------- */

/* Agents of campaign c's groups free beyond each group's reserve. */
static long free_beyond_reserve(const ccs_model *m, int c)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    long f = 0;
    for (int j = 0; j < cp->n_groups; j++) {
        int idle = ccs_agents_idle(&m->agents, cp->groups[j]);
        f += idle > cp->reserve ? idle - cp->reserve : 0;
    }
    return f;
}

static long agents_on_shift(const ccs_model *m, int c)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    long n = 0;
    for (int j = 0; j < cp->n_groups; j++) {
        n += ccs_agents_present(&m->agents, cp->groups[j]);
    }
    return n;
}

/* Predictive pacing: keep enough lines in flight that the expected live
 * answers match the agents expected to be free, scaled by alpha. */
static void pace(dialer *d, ccs_model *m, int c, double now)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &d->camps[c];
    if (cp->mode != CCS_DIAL_PREDICTIVE || !in_window(m, c)) {
        return;
    }
    double f = (double)free_beyond_reserve(m, c) - (double)cs->live_len -
               cs->inbound_per_dial[m->clk.cur];
    /* The limit is on the day's rate: while the day so far is over its
     * guard (after a burst, or when blending steals agents), dial only one
     * line per free agent, which cannot overbook them, until enough live
     * answers have been connected to bring the day's rate back down. */
    int over_budget = cs->day_live >= PACE_DAY_MIN &&
                      cs->day_abandoned > PACE_DAY_GUARD * cp->abandon_target * cs->day_live;
    double target;
    if (cp->pacing_fixed || over_budget) {
        target = (cp->pacing_fixed ? cp->lines_per_agent : 1.0) * f;
    } else {
        double expect = f + cs->h * (double)cs->talking;
        target = expect > 0 ? cs->alpha * expect / fmax(cs->q_hat, 0.02) : 0;
        target = fmin(target, cp->lines_per_agent * (double)agents_on_shift(m, c));
    }
    long n = (long)floor(target + 1e-9) - cs->lines;
    while (n-- > 0 && start_dial(d, m, c, NIL, now)) {
    }
}

/* ---- agents ---------------------------------------------------------------- */

/* An idle agent of group g looks for outbound work: a waiting live answer,
 * a preview or a progressive dial (returns 1), else predictive campaigns
 * pace (returns 0). */
static int agent_free(dialer *d, ccs_model *m, int g, double now)
{
    for (int i = 0; i < d->n_group_camps[g]; i++) {
        int c = d->group_camps[g][i];
        camp_state *cs = &d->camps[c];
        if (cs->live_head != NIL) {
            uint32_t id = cs->live_head;
            live_remove(d, m, id);
            learn_abandon(d, m, c, 0);
            connect(d, m, id, g, now);
            return 1;
        }
    }
    for (int i = 0; i < d->n_group_camps[g]; i++) {
        int c = d->group_camps[g][i];
        const ccs_campaign *cp = &m->sc->campaigns[c];
        if (cp->mode == CCS_DIAL_PREDICTIVE || !in_window(m, c) || !has_records(d, m, c) ||
            ccs_agents_idle(&m->agents, g) <= cp->reserve) {
            continue;
        }
        if (cp->mode == CCS_DIAL_PROGRESSIVE) {
            uint32_t a = ccs_agents_take(&m->agents, g);
            if (start_dial(d, m, c, a, now)) {
                return 1;
            }
            ccs_agents_put_back(&m->agents, a);
            continue;
        }
        /* Preview: the agent reads the record, then dials. */
        long rec = take_record(d, m, c);
        uint32_t id = rec >= 0 ? ccs_model_call_alloc(m) : NIL;
        if (id == NIL) {
            continue;
        }
        call *cl = &m->calls.v[id];
        cl->record = (uint32_t)rec;
        cl->campaign = c;
        cl->agent = ccs_agents_take(&m->agents, g);
        double t = ccs_dist_sample(&cp->preview, d->camps[c].rng_time);
        add_time(m, c, g, T_PREVIEW, now, t);
        ccs_model_schedule(m, now + t, d->kind0 + OUT_PREVIEW_DONE, id, cl->gen, cl->agent);
        return 1;
    }
    for (int i = 0; i < d->n_group_camps[g]; i++) {
        pace(d, m, d->group_camps[g][i], now);
    }
    return 0;
}

/* Agents coming on shift at a boundary wait for on_interval, which runs
 * once the whole staffing is set. */
static int on_agent_free(ccs_model *m, void *state, int g, ccs_free_reason why, double now)
{
    return why == CCS_FREE_STAFFED ? 0 : agent_free(state, m, g, now);
}

static void on_interval(ccs_model *m, void *state, int k, double now)
{
    dialer *d = state;
    (void)k;
    /* Free agents start outbound work when a window opens; predictive
     * campaigns pace. */
    for (int g = 0; g < m->ng; g++) {
        if (d->n_group_camps[g] == 0) {
            continue;
        }
        while (ccs_agents_idle(&m->agents, g) > 0 && agent_free(d, m, g, now)) {
        }
    }
}

static void record_due(dialer *d, ccs_model *m, int c, uint32_t rec, double now)
{
    camp_state *cs = &d->camps[c];
    long n = m->sc->campaigns[c].list_size;
    cs->ready[(cs->ready_head + cs->ready_len) % n] = rec;
    cs->ready_len++;
    /* Idle agents of preview/progressive campaigns may start on it. */
    const ccs_campaign *cp = &m->sc->campaigns[c];
    for (int j = 0; j < cp->n_groups; j++) {
        int g = cp->groups[j];
        while (cs->ready_len > 0 && ccs_agents_idle(&m->agents, g) > 0 &&
               agent_free(d, m, g, now)) {
        }
    }
    pace(d, m, c, now);
}

/* ---- the event handlers, one per kind ------------------------------------- */

static void on_dial_done(ccs_model *m, void *state, const ccs_event *ev)
{
    dial_done(state, m, ev->id, ev->time);
}

static void on_grace_end(ccs_model *m, void *state, const ccs_event *ev)
{
    if (m->calls.v[ev->id].gen == ev->gen) {
        grace_end(state, m, ev->id, ev->time);
    }
}

static void on_record_due(ccs_model *m, void *state, const ccs_event *ev)
{
    record_due(state, m, (int)ev->aux, ev->id, ev->time);
}

static void on_preview_done(ccs_model *m, void *state, const ccs_event *ev)
{
    dial(state, m, m->calls.v[ev->id].campaign, ev->id, ev->aux, ev->time);
}

static void on_depart(ccs_model *m, void *state, const ccs_event *ev)
{
    call_done(state, m, ev->id, ev->aux, ev->time);
}

extern const ccs_channel ccs_dialer_channel;
const ccs_channel ccs_dialer_channel = {
    .name = "dialer",
    .n_kinds = OUT_N_KINDS,
    .create = create,
    .destroy = destroy,
    .reset = reset,
    .start = NULL,
    .on_event = {[OUT_DIAL_DONE] = on_dial_done,
                 [OUT_GRACE_END] = on_grace_end,
                 [OUT_RECORD_DUE] = on_record_due,
                 [OUT_PREVIEW_DONE] = on_preview_done,
                 [OUT_DEPART] = on_depart},
    .on_agent_free = on_agent_free,
    .on_interval = on_interval,
};
