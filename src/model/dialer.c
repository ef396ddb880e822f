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
 * counted busy in their group, exactly like agents on inbound calls, so
 * inbound routing sees them as unavailable.  Inbound has priority: an agent
 * takes outbound work only when no inbound call is waiting for it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "ccsim/dist.h"
#include "ccsim/rng.h"
#include "ccsim/workload.h"
#include "model/model_impl.h"

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

struct camp_state {
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
};

/* ---- lifecycle ----------------------------------------------------------- */

int ccs__dialer_new(ccs_model *m)
{
    const ccs_scenario *sc = m->sc;
    m->nc = sc->n_campaigns;
    m->n_group_camps = calloc((size_t)m->ng, sizeof *m->n_group_camps);
    m->group_camps = calloc((size_t)m->ng, sizeof *m->group_camps);
    m->cscratch = calloc((size_t)m->nk * (size_t)(m->nc ? m->nc : 1), sizeof *m->cscratch);
    m->cgscratch = calloc((size_t)m->nk * (size_t)m->ng * (size_t)(m->nc ? m->nc : 1),
                          sizeof *m->cgscratch);
    if (!m->n_group_camps || !m->group_camps || !m->cscratch || !m->cgscratch) {
        return CCS_ENOMEM;
    }
    for (int g = 0; g < m->ng; g++) {
        m->group_camps[g] = calloc((size_t)(m->nc ? m->nc : 1), sizeof(int));
        if (!m->group_camps[g]) {
            return CCS_ENOMEM;
        }
    }
    if (m->nc == 0) {
        return CCS_OK;
    }
    m->camps = calloc((size_t)m->nc, sizeof *m->camps);
    if (!m->camps) {
        return CCS_ENOMEM;
    }
    for (int c = 0; c < m->nc; c++) {
        const ccs_campaign *cp = &sc->campaigns[c];
        camp_state *cs = &m->camps[c];
        cs->rng = gsl_rng_alloc(ccs_rng_type());
        cs->rng_time = gsl_rng_alloc(ccs_rng_type());
        cs->attempts = calloc((size_t)cp->list_size, sizeof *cs->attempts);
        cs->ready = calloc((size_t)cp->list_size, sizeof *cs->ready);
        if (!cs->rng || !cs->rng_time || !cs->attempts || !cs->ready) {
            return CCS_ENOMEM;
        }
        for (int j = 0; j < cp->n_groups; j++) {
            int g = cp->groups[j];
            m->group_camps[g][m->n_group_camps[g]++] = c;
        }
        double talk = ccs_workload_campaign_aht(cp);
        double dial = ccs_dist_mean(&cp->ring) + (cp->amd ? cp->amd_time_s : 0);
        cs->h = talk > 0 ? fmin(1.0, dial / talk) : 1.0;
        /* Inbound calls that arrive while a dial rings take the idle agents
         * the pacer counted on: expect them. */
        cs->inbound_per_dial = calloc((size_t)m->nk, sizeof *cs->inbound_per_dial);
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
            for (int k = 0; served && k < m->nk; k++) {
                cs->inbound_per_dial[k] += sc->types[t].rate_per_hour[k] / 3600.0 * dial;
            }
        }
    }
    return CCS_OK;
}

void ccs__dialer_free(ccs_model *m)
{
    if (m->camps) {
        for (int c = 0; c < m->nc; c++) {
            gsl_rng_free(m->camps[c].rng);
            gsl_rng_free(m->camps[c].rng_time);
            free(m->camps[c].attempts);
            free(m->camps[c].ready);
            free(m->camps[c].inbound_per_dial);
        }
    }
    free(m->camps);
    if (m->group_camps) {
        for (int g = 0; g < m->ng; g++) {
            free(m->group_camps[g]);
        }
    }
    free(m->group_camps);
    free(m->n_group_camps);
    free(m->cscratch);
    free(m->cgscratch);
}

void ccs__dialer_reset(ccs_model *m, int rep)
{
    const ccs_scenario *sc = m->sc;
    for (int c = 0; c < m->nc; c++) {
        camp_state *cs = &m->camps[c];
        ccs_rng_reseed(cs->rng, sc->seed, (uint64_t)rep, CCS_RNG_DIALER, (unsigned)(2 * c));
        ccs_rng_reseed(cs->rng_time, sc->seed, (uint64_t)rep, CCS_RNG_DIALER,
                       (unsigned)(2 * c + 1));
        memset(cs->attempts, 0, (size_t)sc->campaigns[c].list_size * sizeof *cs->attempts);
        cs->ready_head = cs->ready_len = 0;
        cs->next_fresh = 0;
        cs->lines = 0;
        cs->live_head = cs->live_tail = UINT32_MAX;
        cs->live_len = 0;
        cs->talking = 0;
        cs->q_hat = PACE_Q0;
        cs->q_n = 10;
        cs->alpha = PACE_ALPHA0;
        cs->day_live = cs->day_abandoned = 0;
    }
}

/* ---- helpers ------------------------------------------------------------- */

static ccs_campaign_tally *ctally(ccs_model *m, int k, int c)
{
    return &m->ccells[(size_t)k * (size_t)m->nc + (size_t)c];
}

static ccs_cgroup_tally *cgtally(ccs_model *m, int k, int g, int c)
{
    return &m->cgcells[((size_t)k * (size_t)m->ng + (size_t)g) * (size_t)m->nc + (size_t)c];
}

enum { T_TALK, T_WRAP, T_PREVIEW, T_DIAL_WAIT };

/* Adds [s, s + d) of agent time of group g on campaign c, of the given
 * kind, to the intervals it overlaps (clipped to the day).  The group's
 * busy time counts everywhere in the day (occupancy, cost share); the
 * campaign's activity times only inside its dialing window, the time its
 * shares are shares of. */
static void add_time(ccs_model *m, int c, int g, int kind, double s, double d)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    double a = s > m->W ? s : m->W;
    double e = s + d < m->day_end ? s + d : m->day_end;
    int k = (int)((a - m->W) / m->L);
    while (a < e && k < m->nk) {
        double b = fmin(e, m->W + m->L * (k + 1));
        double dt = b - a;
        cgtally(m, k, g, c)->busy_s += dt;
        a = b;
        if (k < cp->window_first || k > cp->window_last) {
            k++;
            continue;
        }
        k++;
        ccs_campaign_tally *t = ctally(m, k - 1, c);
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

static int in_window(const ccs_model *m, int c)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    return m->cur >= cp->window_first && m->cur <= cp->window_last;
}

static int has_records(const ccs_model *m, int c)
{
    const camp_state *cs = &m->camps[c];
    return cs->ready_len > 0 || cs->next_fresh < m->sc->campaigns[c].list_size;
}

/* Takes the next record: redials that are due first, then fresh ones. */
static long take_record(ccs_model *m, int c)
{
    camp_state *cs = &m->camps[c];
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
static void redial_later(ccs_model *m, int c, uint32_t rec, double delay, double now)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    if (m->camps[c].attempts[rec] < cp->max_attempts && now + delay < m->day_end) {
        ccs__schedule(m, now + delay, EV_RECORD_DUE, rec, 0, (uint32_t)c);
    }
}

static void agent_busy(ccs_model *m, int g)
{
    m->gs[g].busy++;
    m->busy_all++;
}

static void pace(ccs_model *m, int c, double now);

/* The agent of group g is done with its outbound work. */
static void release(ccs_model *m, int g, double now)
{
    m->gs[g].busy--;
    m->busy_all--;
    ccs__agent_released(m, g, now);
}

/* ---- dialing ------------------------------------------------------------- */

/* Draws an outcome from the interval's probabilities. */
static int draw_outcome(ccs_model *m, int c, int k)
{
    const double *p = &m->sc->campaigns[c].p[(size_t)k * CCS_N_OUTCOMES];
    double u = gsl_rng_uniform(m->camps[c].rng), acc = 0;
    for (int o = 0; o < CCS_N_OUTCOMES - 1; o++) {
        acc += p[o];
        if (u < acc) {
            return o;
        }
    }
    return CCS_N_OUTCOMES - 1;
}

/* Places a dial for record rec of campaign c on call slot id.  agent is the
 * reserving group (preview, progressive) or -1 (predictive). */
static void dial(ccs_model *m, int c, uint32_t id, int agent, double now)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &m->camps[c];
    call *cl = &m->calls[id];
    int k = m->cur < m->nk ? m->cur : m->nk - 1;
    cl->campaign = c;
    cl->agent = agent;
    cl->interval = k;
    cl->outcome = draw_outcome(m, c, k);
    ccs_campaign_tally *t = ctally(m, k, c);
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
    if (agent >= 0) {
        add_time(m, c, agent, T_DIAL_WAIT, now, dt);
    } else {
        cs->lines++;
    }
    ccs__schedule(m, now + dt, EV_DIAL_DONE, id, cl->gen, 0);
}

/* Starts a dial on a new call slot; returns 0 when no record is left. */
static int start_dial(ccs_model *m, int c, int agent, double now)
{
    long rec = take_record(m, c);
    if (rec < 0) {
        return 0;
    }
    uint32_t id = ccs__call_alloc(m);
    if (id == NIL) {
        return 0;
    }
    m->calls[id].record = (uint32_t)rec;
    m->calls[id].campaign = c;
    dial(m, c, id, agent, now);
    return 1;
}

/* ---- talking ------------------------------------------------------------- */

/* The agent of group g talks to the call's party (or its machine). */
static void connect(ccs_model *m, uint32_t id, int g, double now)
{
    call *cl = &m->calls[id];
    int c = cl->campaign;
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &m->camps[c];
    ccs_campaign_tally *t = ctally(m, cl->interval, c);
    double talk = ccs_dist_sample(&cp->talk[cl->outcome], cs->rng_time);
    double wrap = 0;
    int success = 0;
    if (cl->outcome == CCS_OUT_RIGHT_PARTY) {
        wrap = cp->wrap.kind != CCS_DIST_NONE ? ccs_dist_sample(&cp->wrap, cs->rng_time) : 0;
        success = gsl_rng_uniform(cs->rng) < cp->success;
        t->right_party_contacts += 1;
        t->successes += success;
    }
    if (cl->agent < 0) {
        agent_busy(m, g);
    }
    cl->agent = g;
    cl->handle = talk + wrap;
    cl->wrap = wrap;
    cs->talking++;
    add_time(m, c, g, T_TALK, now, talk);
    add_time(m, c, g, T_WRAP, now + talk, wrap);
    int k = m->cur < m->nk ? m->cur : m->nk - 1;
    ccs_cgroup_tally *gt = cgtally(m, k, g, c);
    gt->handled += 1;
    gt->handle_s += talk + wrap;
    gt->successes += success;
    ccs__schedule(m, now + talk + wrap, EV_DEPART, id, 0, (uint32_t)g);
}

/* First free agent of a group working campaign c, or -1.  Any idle agent
 * will do: the reserve only limits new dials. */
static int free_agent(const ccs_model *m, int c)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    for (int j = 0; j < cp->n_groups; j++) {
        if (ccs__idle(m, cp->groups[j]) > 0) {
            return cp->groups[j];
        }
    }
    return -1;
}

/* The pacer learns from each live answer of a predictive campaign whether
 * it was abandoned (multiplicative stochastic approximation: the
 * stationary point is P(abandon) = setpoint). */
static void learn_abandon(ccs_model *m, int c, int abandoned)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &m->camps[c];
    if (cp->mode != CCS_DIAL_PREDICTIVE || cp->pacing_fixed) {
        return;
    }
    double x = abandoned ? 1.0 : 0.0;
    cs->alpha *= exp(PACE_GAIN * (PACE_SETPOINT * cp->abandon_target - x));
    cs->day_live += 1;
    cs->day_abandoned += x;
    cs->alpha = fmin(PACE_ALPHA_MAX, fmax(PACE_ALPHA_MIN, cs->alpha));
}

static void hang_up_live(ccs_model *m, uint32_t id, double now)
{
    call *cl = &m->calls[id];
    int c = cl->campaign;
    ctally(m, cl->interval, c)->abandoned += 1;
    learn_abandon(m, c, 1);
    /* A right party we hung up on is still to be reached; a wrong party's
     * number is closed. */
    if (cl->outcome == CCS_OUT_RIGHT_PARTY) {
        redial_later(m, c, cl->record, m->sc->campaigns[c].retry_abandoned_s, now);
    }
    ccs__call_free(m, id);
}

static void live_push(ccs_model *m, uint32_t id)
{
    camp_state *cs = &m->camps[m->calls[id].campaign];
    m->calls[id].next = NIL;
    if (cs->live_tail != NIL) {
        m->calls[cs->live_tail].next = id;
    } else {
        cs->live_head = id;
    }
    cs->live_tail = id;
    cs->live_len++;
}

/* Removes a waiting live answer (head or not). */
static void live_remove(ccs_model *m, uint32_t id)
{
    camp_state *cs = &m->camps[m->calls[id].campaign];
    uint32_t prev = NIL;
    for (uint32_t x = cs->live_head; x != NIL; prev = x, x = m->calls[x].next) {
        if (x == id) {
            if (prev == NIL) {
                cs->live_head = m->calls[x].next;
            } else {
                m->calls[prev].next = m->calls[x].next;
            }
            if (cs->live_tail == id) {
                cs->live_tail = prev;
            }
            cs->live_len--;
            m->calls[id].gen++;
            return;
        }
    }
}

/* A dial resolves: no answer, busy, machine or a live answer. */
static void dial_done(ccs_model *m, uint32_t id, double now)
{
    call *cl = &m->calls[id];
    int c = cl->campaign;
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &m->camps[c];
    ccs_campaign_tally *t = ctally(m, cl->interval, c);
    int reserved = cl->agent;
    int amd = cp->amd && cp->mode != CCS_DIAL_PREVIEW;
    int to_agent = 0;
    if (reserved < 0) {
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
        redial_later(m, c, cl->record, cp->retry_s[cl->outcome], now);
        break;
    case CCS_OUT_MACHINE:
        t->machines += 1;
        if (amd && gsl_rng_uniform(cs->rng) >= cp->amd_false_negative) {
            redial_later(m, c, cl->record, cp->retry_s[CCS_OUT_MACHINE], now);
        } else {
            t->amd_false_negatives += amd;
            to_agent = 1;
        }
        break;
    default:
        t->connects += 1;
        if (amd && gsl_rng_uniform(cs->rng) < cp->amd_false_positive) {
            t->amd_false_positives += 1;
            cl->agent = -1;
            cs->q_hat += (0.0 - cs->q_hat) / cs->q_n;
            hang_up_live(m, id, now);
            if (reserved >= 0) {
                release(m, reserved, now);
            } else {
                pace(m, c, now);
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
        int g = reserved >= 0 ? reserved : free_agent(m, c);
        if (g >= 0) {
            if (cl->outcome != CCS_OUT_MACHINE) {
                learn_abandon(m, c, 0);
            }
            connect(m, id, g, now);
        } else if (cl->outcome == CCS_OUT_MACHINE || cp->grace_s <= 0) {
            /* Nobody to take it: a machine is simply dropped. */
            if (cl->outcome == CCS_OUT_MACHINE) {
                redial_later(m, c, cl->record, cp->retry_s[CCS_OUT_MACHINE], now);
                ccs__call_free(m, id);
            } else {
                hang_up_live(m, id, now);
            }
        } else {
            cl->arrive = now;
            live_push(m, id);
            ccs__schedule(m, now + cp->grace_s, EV_GRACE_END, id, cl->gen, 0);
        }
        if (reserved < 0) {
            pace(m, c, now);
        }
        return;
    }
    ccs__call_free(m, id);
    if (reserved >= 0) {
        release(m, reserved, now);
    } else {
        pace(m, c, now);
    }
}

static void grace_end(ccs_model *m, uint32_t id, double now)
{
    int c = m->calls[id].campaign;
    live_remove(m, id);
    hang_up_live(m, id, now);
    pace(m, c, now);
}

void ccs__dialer_call_done(ccs_model *m, uint32_t id, int g, double now)
{
    call *cl = &m->calls[id];
    int c = cl->campaign;
    const ccs_campaign *cp = &m->sc->campaigns[c];
    (void)g;
    m->camps[c].talking--;
    if (cl->outcome == CCS_OUT_MACHINE) {
        redial_later(m, c, cl->record, cp->retry_s[CCS_OUT_MACHINE], now);
    }
    ccs__call_free(m, id);
}

/* ---- pacing --------------------------------------------------------------- */

/* Agents of campaign c's groups free beyond each group's reserve. */
static long free_beyond_reserve(const ccs_model *m, int c)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    long f = 0;
    for (int j = 0; j < cp->n_groups; j++) {
        int idle = ccs__idle(m, cp->groups[j]);
        f += idle > cp->reserve ? idle - cp->reserve : 0;
    }
    return f;
}

static long agents_on_shift(const ccs_model *m, int c)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    long n = 0;
    for (int j = 0; j < cp->n_groups; j++) {
        n += m->gs[cp->groups[j]].present;
    }
    return n;
}

/* Predictive pacing: keep enough lines in flight that the expected live
 * answers match the agents expected to be free, scaled by alpha. */
static void pace(ccs_model *m, int c, double now)
{
    const ccs_campaign *cp = &m->sc->campaigns[c];
    camp_state *cs = &m->camps[c];
    if (cp->mode != CCS_DIAL_PREDICTIVE || !in_window(m, c)) {
        return;
    }
    double f = (double)free_beyond_reserve(m, c) - (double)cs->live_len -
               cs->inbound_per_dial[m->cur];
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
    while (n-- > 0 && start_dial(m, c, -1, now)) {
    }
}

/* ---- agents ---------------------------------------------------------------- */

int ccs__dialer_agent_free(ccs_model *m, int g, double now)
{
    for (int i = 0; i < m->n_group_camps[g]; i++) {
        int c = m->group_camps[g][i];
        camp_state *cs = &m->camps[c];
        if (cs->live_head != NIL) {
            uint32_t id = cs->live_head;
            live_remove(m, id);
            learn_abandon(m, c, 0);
            connect(m, id, g, now);
            return 1;
        }
    }
    for (int i = 0; i < m->n_group_camps[g]; i++) {
        int c = m->group_camps[g][i];
        const ccs_campaign *cp = &m->sc->campaigns[c];
        if (cp->mode == CCS_DIAL_PREDICTIVE || !in_window(m, c) || !has_records(m, c) ||
            ccs__idle(m, g) <= cp->reserve) {
            continue;
        }
        if (cp->mode == CCS_DIAL_PROGRESSIVE) {
            agent_busy(m, g);
            if (start_dial(m, c, g, now)) {
                return 1;
            }
            m->gs[g].busy--;
            m->busy_all--;
            continue;
        }
        /* Preview: the agent reads the record, then dials. */
        long rec = take_record(m, c);
        uint32_t id = rec >= 0 ? ccs__call_alloc(m) : NIL;
        if (id == NIL) {
            continue;
        }
        call *cl = &m->calls[id];
        cl->record = (uint32_t)rec;
        cl->campaign = c;
        cl->agent = g;
        agent_busy(m, g);
        double d = ccs_dist_sample(&cp->preview, m->camps[c].rng_time);
        add_time(m, c, g, T_PREVIEW, now, d);
        ccs__schedule(m, now + d, EV_PREVIEW_DONE, id, cl->gen, (uint32_t)g);
        return 1;
    }
    for (int i = 0; i < m->n_group_camps[g]; i++) {
        pace(m, m->group_camps[g][i], now);
    }
    return 0;
}

void ccs__dialer_interval(ccs_model *m, double now)
{
    /* Free agents start outbound work when a window opens; predictive
     * campaigns pace. */
    for (int g = 0; g < m->ng; g++) {
        if (m->n_group_camps[g] == 0) {
            continue;
        }
        while (ccs__idle(m, g) > 0 && ccs__dialer_agent_free(m, g, now)) {
        }
    }
}

void ccs__dialer_event(ccs_model *m, const ccs_event *ev)
{
    double now = ev->time;
    switch (ev->kind) {
    case EV_DIAL_DONE:
        dial_done(m, ev->id, now);
        break;
    case EV_GRACE_END:
        if (m->calls[ev->id].gen == ev->gen) {
            grace_end(m, ev->id, now);
        }
        break;
    case EV_RECORD_DUE: {
        int c = (int)ev->aux;
        camp_state *cs = &m->camps[c];
        long n = m->sc->campaigns[c].list_size;
        cs->ready[(cs->ready_head + cs->ready_len) % n] = ev->id;
        cs->ready_len++;
        /* Idle agents of preview/progressive campaigns may start on it. */
        const ccs_campaign *cp = &m->sc->campaigns[c];
        for (int j = 0; j < cp->n_groups; j++) {
            int g = cp->groups[j];
            while (cs->ready_len > 0 && ccs__idle(m, g) > 0 && ccs__dialer_agent_free(m, g, now)) {
            }
        }
        pace(m, c, now);
        break;
    }
    case EV_PREVIEW_DONE: {
        call *cl = &m->calls[ev->id];
        dial(m, cl->campaign, ev->id, (int)ev->aux, now);
        break;
    }
    default:
        CCS_ASSERT(0 && "not a dialer event");
    }
}
