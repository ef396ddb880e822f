/*
 * sim.c — replications in parallel threads, then estimates.
 *
 * Each worker owns one model and takes the next replication number from a
 * shared counter; replication r writes only its own slice of the raw
 * tallies, so the merge (done after all threads joined, in replication
 * order) gives the same bytes for any thread count.
 */
#include "ccsim/sim.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/dist.h"
#include "core/engine.h"
#include "ccsim/model.h"
#include "ccsim/workload.h"

typedef struct shared {
    const ccs_scenario *sc;
    int reps;
    int next;                /* next replication to run */
    int done;
    int status;              /* first failure */
    uint64_t *events;        /* [reps] */
    ccs_tally *raw;
    ccs_group_tally *graw;
    ccs_campaign_tally *craw;
    ccs_cgroup_tally *cgraw;
    int *present;            /* NULL without absenteeism */
    pthread_mutex_t lock;
    const ccs_run_options *opt;
} shared;

int ccs_sim_limit_error(ccs_error *err)
{
    return ccs_error_set(err, CCS_ELIMIT, NULL, 0, NULL,
                         "the run stopped: more than %u callers in the system at once (or "
                         "%zu pending events); the queue grows without bound, so add agents "
                         "or patience (limits: docs/model.md)",
                         CCS_MODEL_MAX_CALLS, CCS_ENGINE_MAX_EVENTS);
}

int ccs_sim_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 ? (int)n : 1;
}

/* Each worker tallies into its own buffers and copies them into the shared
 * arrays when a replication is done: replications running at the same time
 * on different threads would otherwise write neighbouring slices of the
 * shared arrays on every event and fight over the cache lines they share
 * (false sharing), which cancelled the second thread on short horizons. */
typedef struct worker_bufs {
    ccs_tally *cells;
    ccs_group_tally *gcells;
    ccs_campaign_tally *ccells;
    ccs_cgroup_tally *cgcells;
} worker_bufs;

static void *worker(void *arg)
{
    shared *sh = arg;
    size_t cells = (size_t)sh->sc->n_intervals * (size_t)sh->sc->n_types;
    size_t gcells = cells * (size_t)sh->sc->n_groups;
    size_t ccells = (size_t)sh->sc->n_intervals * (size_t)sh->sc->n_campaigns;
    size_t cgcells = ccells * (size_t)sh->sc->n_groups;
    ccs_model *m = ccs_model_new(sh->sc, NULL);
    worker_bufs b = {calloc(cells + 1, sizeof *b.cells), calloc(gcells + 1, sizeof *b.gcells),
                     calloc(ccells + 1, sizeof *b.ccells), calloc(cgcells + 1, sizeof *b.cgcells)};
    int ok = m && b.cells && b.gcells && b.ccells && b.cgcells;
    for (;;) {
        pthread_mutex_lock(&sh->lock);
        int r = sh->status == CCS_OK && ok ? sh->next++ : sh->reps;
        if (!ok && sh->status == CCS_OK) {
            sh->status = CCS_ENOMEM;
        }
        pthread_mutex_unlock(&sh->lock);
        if (r >= sh->reps) {
            break;
        }
        uint64_t events = 0;
        int st = ccs_model_run(m, r, b.cells, b.gcells, b.ccells, b.cgcells, &events);
        memcpy(sh->raw + (size_t)r * cells, b.cells, cells * sizeof *b.cells);
        memcpy(sh->graw + (size_t)r * gcells, b.gcells, gcells * sizeof *b.gcells);
        memcpy(sh->craw + (size_t)r * ccells, b.ccells, ccells * sizeof *b.ccells);
        memcpy(sh->cgraw + (size_t)r * cgcells, b.cgcells, cgcells * sizeof *b.cgcells);
        for (int k = 0; sh->present && k < sh->sc->n_intervals; k++) {
            for (int g = 0; g < sh->sc->n_groups; g++) {
                sh->present[((size_t)r * (size_t)sh->sc->n_intervals + (size_t)k) *
                                (size_t)sh->sc->n_groups + (size_t)g] = ccs_model_present(m, g, k);
            }
        }
        pthread_mutex_lock(&sh->lock);
        sh->events[r] = events;
        if (st != CCS_OK && sh->status == CCS_OK) {
            sh->status = st;
        }
        sh->done++;
        if (sh->opt && sh->opt->progress) {
            sh->opt->progress(sh->opt->progress_ctx, sh->done, sh->reps);
        }
        pthread_mutex_unlock(&sh->lock);
    }
    free(b.cells);
    free(b.gcells);
    free(b.ccells);
    free(b.cgcells);
    ccs_model_free(m);
    return NULL;
}

/* ---- estimates ---------------------------------------------------------- */

/* Per-replication sums of one row (a set of cells), laid out as arrays of
 * R values so the estimators can run over them. */
typedef struct row_sums {
    ccs_tally *t;            /* [R] */
    double *staffed;         /* [R] agent-seconds on shift */
    double *length;          /* [R] seconds the row covers */
    double *num, *den;       /* [R] scratch */
} row_sums;

/* Stride, in doubles, between one replication's tally and the next. */
#define TSTRIDE (sizeof(ccs_tally) / sizeof(double))

/* Agents of group g on shift in interval k of replication r: the
 * scenario's count, less the absent ones with absenteeism. */
static double on_shift(const ccs_results *res, int r, int k, int g)
{
    const ccs_scenario *sc = res->sc;
    if (!res->present) {
        return sc->groups[g].count[k];
    }
    return res->present[((size_t)r * (size_t)sc->n_intervals + (size_t)k) *
                            (size_t)sc->n_groups + (size_t)g];
}

/* sum(y)/sum(x) over the replications, y and x being tally fields. */
static ccs_estimate tally_ratio(const double *y, const double *x, int R, double hi)
{
    return ccs_stats_ratio(y, x, (size_t)R, TSTRIDE, 0.0, hi);
}

/* A count's CI, clipped at 0 (counts cannot be negative). */
static ccs_estimate count(const double *x, int R)
{
    ccs_estimate e = ccs_stats_mean(x, (size_t)R, TSTRIDE);
    if (e.lo < 0) {
        e.lo = 0;
    }
    return e;
}

static void figures(const ccs_scenario *sc, const row_sums *s, int R, double *num,
                    double *den, ccs_figures *f)
{
    const ccs_tally *t = s->t;
    size_t n = (size_t)R;
    f->offered = count(&t[0].offered, R);
    f->handled = count(&t[0].handled, R);
    f->abandoned = count(&t[0].abandoned, R);
    f->abandoned_short = count(&t[0].abandoned_short, R);
    f->blocked = count(&t[0].blocked, R);
    f->retrials = count(&t[0].retrials, R);
    f->max_queue = count(&t[0].queue_max, R);
    f->max_wait_s = count(&t[0].wait_max_s, R);

    switch (sc->sl_definition) {
    case CCS_SL_ANSWERED:
        f->service_level = tally_ratio(&t[0].answered_in_sl, &t[0].handled, R, 1.0);
        break;
    case CCS_SL_EXCL_SHORT:
        for (int r = 0; r < R; r++) {
            num[r] = t[r].answered_in_sl;
            den[r] = t[r].offered - t[r].abandoned_short;
        }
        f->service_level = ccs_stats_ratio(num, den, n, 1, 0.0, 1.0);
        break;
    case CCS_SL_OFFERED:
    default:
        f->service_level = tally_ratio(&t[0].answered_in_sl, &t[0].offered, R, 1.0);
        break;
    }
    /* P(wait) among callers who got into the queue system (not blocked). */
    for (int r = 0; r < R; r++) {
        num[r] = t[r].delayed;
        den[r] = t[r].offered - t[r].blocked;
    }
    f->prob_wait = ccs_stats_ratio(num, den, n, 1, 0.0, 1.0);
    f->asa_s = tally_ratio(&t[0].wait_answered_s, &t[0].handled, R, INFINITY);
    f->abandon_rate = tally_ratio(&t[0].abandoned, &t[0].offered, R, 1.0);
    f->block_rate = tally_ratio(&t[0].blocked, &t[0].offered, R, 1.0);
    f->aht_s = tally_ratio(&t[0].handle_s, &t[0].handled, R, INFINITY);
    for (int r = 0; r < R; r++) {
        num[r] = t[r].busy_s;
    }
    f->occupancy = ccs_stats_ratio(num, s->staffed, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        num[r] = t[r].queue_area;
    }
    f->avg_queue = ccs_stats_ratio(num, s->length, n, 1, 0.0, INFINITY);
    f->agents = ccs_stats_ratio(s->staffed, s->length, n, 1, 0.0, INFINITY);
}

/* Does group gr serve a type selected by mask (NULL: every group counts)? */
static int group_selected(const ccs_agent_group *gr, const unsigned char *mask)
{
    if (!mask) {
        return 1;
    }
    for (int i = 0; i < gr->n_serves; i++) {
        if (mask[gr->serves[i]]) {
            return 1;
        }
    }
    return 0;
}

static void free_sums(row_sums *s)
{
    free(s->t);
    free(s->staffed);
    free(s->length);
    free(s->num);
    free(s->den);
}

int ccs_results_figures(const ccs_results *res, int k0, int k1, const unsigned char *mask,
                        ccs_figures *f)
{
    const ccs_scenario *sc = res->sc;
    int R = res->replications, nk = sc->n_intervals, nt = sc->n_types;
    size_t n = (size_t)R;
    memset(f, 0, sizeof *f);
    row_sums s = {calloc(n, sizeof *s.t), calloc(n, sizeof(double)), calloc(n, sizeof(double)),
                  calloc(n, sizeof(double)), calloc(n, sizeof(double))};
    if (!s.t || !s.staffed || !s.length || !s.num || !s.den) {
        free_sums(&s);
        return CCS_ENOMEM;
    }
    double st = 0;
    for (int k = k0; k < k1; k++) {
        for (int g = 0; g < sc->n_groups; g++) {
            if (group_selected(&sc->groups[g], mask)) {
                st += ccs_workload_staffed_s(sc, g, k);
            }
        }
    }
    for (int r = 0; r < R; r++) {
        double str = st;   /* with absenteeism, this replication's own */
        if (res->present) {
            str = 0;
            for (int k = k0; k < k1; k++) {
                for (int g = 0; g < sc->n_groups; g++) {
                    if (group_selected(&sc->groups[g], mask)) {
                        str += on_shift(res, r, k, g) * sc->interval_s;
                    }
                }
            }
        }
        for (int k = k0; k < k1; k++) {
            const ccs_tally *c = &res->raw[((size_t)r * (size_t)nk + (size_t)k) * (size_t)nt];
            for (int j = 0; j < nt; j++) {
                if (mask ? mask[j] : sc->types[j].ours) {
                    ccs_tally_add(&s.t[r], &c[j]);
                } else if (!mask) {
                    /* Another client's traffic (multi-client pooling): not
                     * in our service figures, but the agents' busy time is
                     * still busy time (occupancy). */
                    s.t[r].busy_s += c[j].busy_s;
                }
            }
        }
        s.staffed[r] = str;
        s.length[r] = sc->interval_s * (k1 - k0);
    }
    figures(sc, &s, R, s.num, s.den, f);
    free_sums(&s);
    return CCS_OK;
}

/* Agent-seconds on shift in replication r, during campaign c's window, in
 * its groups. */
static double campaign_staffed(const ccs_results *res, int r, int c)
{
    const ccs_scenario *sc = res->sc;
    const ccs_campaign *cp = &sc->campaigns[c];
    double sum = 0;
    for (int k = cp->window_first; k <= cp->window_last; k++) {
        for (int j = 0; j < cp->n_groups; j++) {
            sum += on_shift(res, r, k, cp->groups[j]) * sc->interval_s;
        }
    }
    return sum;
}

#define CSTRIDE (sizeof(ccs_campaign_tally) / sizeof(double))

/* The day's figures of campaign c from the per-replication sums. */
static void campaign_figures(const ccs_results *res, int c, ccs_campaign_tally *t, double *a,
                             double *b, ccs_campaign_figures *f)
{
    const ccs_scenario *sc = res->sc;
    int R = res->replications, nk = sc->n_intervals, nc = sc->n_campaigns;
    size_t n = (size_t)R;
    for (int r = 0; r < R; r++) {
        memset(&t[r], 0, sizeof t[r]);
        double *dst = (double *)&t[r];
        for (int k = 0; k < nk; k++) {
            const double *src =
                (const double *)&res->craw[((size_t)r * (size_t)nk + (size_t)k) * (size_t)nc +
                                           (size_t)c];
            for (size_t i = 0; i < CSTRIDE; i++) {
                dst[i] += src[i];
            }
        }
    }
#define CMEAN(field) ccs_stats_mean(&t[0].field, n, CSTRIDE)
    f->dials = CMEAN(dials);
    f->connects = CMEAN(connects);
    f->right_party_contacts = CMEAN(right_party_contacts);
    f->successes = CMEAN(successes);
    f->abandoned = CMEAN(abandoned);
    f->machines = CMEAN(machines);
    f->no_answers = CMEAN(no_answers);
    f->busies = CMEAN(busies);
    f->amd_false_positives = CMEAN(amd_false_positives);
    f->amd_false_negatives = CMEAN(amd_false_negatives);
#undef CMEAN
    f->abandon_rate = ccs_stats_ratio(&t[0].abandoned, &t[0].connects, n, CSTRIDE, 0.0, 1.0);
    f->attempts_per_record =
        ccs_stats_ratio(&t[0].dials, &t[0].first_attempts, n, CSTRIDE, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        b[r] = campaign_staffed(res, r, c) / 3600.0;
        a[r] = t[r].right_party_contacts;
    }
    f->rpc_per_agent_hour = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].successes;
    }
    f->successes_per_agent_hour = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    /* Shares are of the agent time present in the window: on shift, plus
     * the overtime of agents kept past their shift to finish a call (0
     * unless a group's staffing drops while its agents are busy). */
    const ccs_campaign *cp = &sc->campaigns[c];
    for (int r = 0; r < R; r++) {
        double over = 0.0;
        for (int k = cp->window_first; k <= cp->window_last; k++) {
            for (int j = 0; j < cp->n_groups; j++) {
                size_t i = (((size_t)r * (size_t)nk + (size_t)k) * (size_t)sc->n_groups +
                            (size_t)cp->groups[j]) * (size_t)nc + (size_t)c;
                over += res->cgraw[i].overtime_s;
            }
        }
        b[r] = campaign_staffed(res, r, c) + over;
        a[r] = t[r].talk_s + t[r].wrap_s;
    }
    f->occupancy = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].talk_s;
    }
    f->talk_share = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].wrap_s;
    }
    f->wrap_share = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].preview_s;
    }
    f->preview_share = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].dial_wait_s;
    }
    f->dial_wait_share = ccs_stats_ratio(a, b, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = t[r].first_attempts;
        b[r] = (double)sc->campaigns[c].list_size;
    }
    f->list_penetration = ccs_stats_ratio(a, b, n, 1, 0.0, 1.0);
}

/* The day's figures of agent group g: its busy time on every call type
 * (any client) and every campaign over its time on shift. */
static void group_figures(const ccs_results *res, int g, double *in, double *out,
                          double *staffed, double *a, double *b, ccs_group_figures *f)
{
    const ccs_scenario *sc = res->sc;
    int R = res->replications, nk = sc->n_intervals, nt = sc->n_types, ng = sc->n_groups;
    int nc = sc->n_campaigns;
    size_t n = (size_t)R;
    for (int r = 0; r < R; r++) {
        double st = 0;
        for (int k = 0; k < nk; k++) {
            st += on_shift(res, r, k, g) * sc->interval_s;
        }
        in[r] = out[r] = a[r] = b[r] = 0;
        for (int k = 0; k < nk; k++) {
            size_t cell = ((size_t)r * (size_t)nk + (size_t)k) * (size_t)ng + (size_t)g;
            for (int t = 0; t < nt; t++) {
                in[r] += res->graw[cell * (size_t)nt + (size_t)t].busy_s;
                a[r] += res->graw[cell * (size_t)nt + (size_t)t].handled;
            }
            for (int c = 0; c < nc; c++) {
                out[r] += res->cgraw[cell * (size_t)nc + (size_t)c].busy_s;
                b[r] += res->cgraw[cell * (size_t)nc + (size_t)c].handled;
            }
        }
        staffed[r] = st;
    }
    f->handled = ccs_stats_mean(a, n, 1);
    f->outbound_handled = ccs_stats_mean(b, n, 1);
    f->inbound_share = ccs_stats_ratio(in, staffed, n, 1, 0.0, INFINITY);
    f->outbound_share = ccs_stats_ratio(out, staffed, n, 1, 0.0, INFINITY);
    for (int r = 0; r < R; r++) {
        a[r] = in[r] + out[r];
        b[r] = sc->interval_s * nk;
    }
    f->occupancy = ccs_stats_ratio(a, staffed, n, 1, 0.0, INFINITY);
    f->agents = ccs_stats_ratio(staffed, b, n, 1, 0.0, INFINITY);
}

static int estimate_groups(ccs_results *res)
{
    size_t R = (size_t)res->replications;
    double *v[5];
    int st = CCS_OK;
    for (int i = 0; i < 5; i++) {
        v[i] = calloc(R, sizeof(double));
        st = v[i] ? st : CCS_ENOMEM;
    }
    for (int g = 0; st == CCS_OK && g < res->sc->n_groups; g++) {
        group_figures(res, g, v[0], v[1], v[2], v[3], v[4], &res->groups[g]);
    }
    for (int i = 0; i < 5; i++) {
        free(v[i]);
    }
    return st;
}

static int estimate_campaigns(ccs_results *res)
{
    size_t R = (size_t)res->replications;
    ccs_campaign_tally *t = calloc(R, sizeof *t);
    double *a = calloc(R, sizeof *a), *b = calloc(R, sizeof *b);
    int st = t && a && b ? CCS_OK : CCS_ENOMEM;
    for (int c = 0; st == CCS_OK && c < res->sc->n_campaigns; c++) {
        campaign_figures(res, c, t, a, b, &res->campaigns[c]);
    }
    free(t);
    free(a);
    free(b);
    return st;
}

static int estimate(ccs_results *res)
{
    const ccs_scenario *sc = res->sc;
    int nk = sc->n_intervals, nt = sc->n_types;
    unsigned char *mask = calloc((size_t)nt + 1, 1);
    int st = mask ? CCS_OK : CCS_ENOMEM;
    for (int k = 0; st == CCS_OK && k < nk; k++) {
        st = ccs_results_figures(res, k, k + 1, NULL, &res->intervals[k]);
    }
    for (int t = 0; st == CCS_OK && t < nt; t++) {
        memset(mask, 0, (size_t)nt);
        mask[t] = 1;
        st = ccs_results_figures(res, 0, nk, mask, &res->types[t]);
    }
    if (st == CCS_OK) {
        st = ccs_results_figures(res, 0, nk, NULL, &res->summary);
    }
    free(mask);
    for (size_t r = 0; st == CCS_OK && r < (size_t)res->replications; r++) {
        for (int k = 0; k < nk; k++) {
            double sum = 0;
            for (int g = 0; g < sc->n_groups; g++) {
                sum += on_shift(res, (int)r, k, g) * sc->interval_s;
            }
            res->staffed_s[r * (size_t)nk + (size_t)k] = sum;
        }
    }
    if (st == CCS_OK) {
        st = estimate_groups(res);
    }
    return st == CCS_OK ? estimate_campaigns(res) : st;
}

/* ---- public ------------------------------------------------------------- */

void ccs_results_free(ccs_results *r)
{
    if (!r) {
        return;
    }
    free(r->intervals);
    free(r->types);
    free(r->raw);
    free(r->staffed_s);
    free(r->present);
    free(r->graw);
    free(r->craw);
    free(r->cgraw);
    free(r->campaigns);
    free(r->groups);
    free(r);
}

ccs_results *ccs_sim_run(const ccs_scenario *sc, const ccs_run_options *opt, ccs_error *err)
{
    int reps = opt && opt->replications > 0 ? opt->replications : sc->replications;
    int threads = opt && opt->threads > 0 ? opt->threads : ccs_sim_cores();
    if (opt && (opt->replications < 0 || opt->threads < 0)) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL, "replications and threads must be >= 0");
        return NULL;
    }
    if (threads > reps) {
        threads = reps;
    }
    /* The raw tallies grow with the horizon: refuse before allocating. */
    double ng = (double)sc->n_groups;
    double per_type = sizeof(ccs_tally) + ng * sizeof(ccs_group_tally);
    double per_camp = sizeof(ccs_campaign_tally) + ng * sizeof(ccs_cgroup_tally);
    double per_rep = (double)sc->n_intervals *
                     (sc->n_types * per_type + sc->n_campaigns * per_camp + sizeof(double));
    if (per_rep * reps > CCS_SIM_MAX_RESULT_BYTES) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, "replications",
                      "%d replications of %d intervals would keep %.3g GB of per-interval "
                      "tallies; expected at most %.3g GB: use fewer replications or a shorter "
                      "horizon (docs/model.md, Memory)",
                      reps, sc->n_intervals, per_rep * reps / 1e9, CCS_SIM_MAX_RESULT_BYTES / 1e9);
        return NULL;
    }
    size_t cells = (size_t)sc->n_intervals * (size_t)sc->n_types;
    ccs_results *res = calloc(1, sizeof *res);
    uint64_t *events = calloc((size_t)reps, sizeof *events);
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    if (!res || !events || !tid) {
        goto nomem;
    }
    res->sc = sc;
    res->replications = reps;
    res->threads = threads;
    res->intervals = calloc((size_t)sc->n_intervals, sizeof *res->intervals);
    res->types = calloc((size_t)sc->n_types + 1, sizeof *res->types);
    res->raw = calloc((size_t)reps * cells + 1, sizeof *res->raw);
    res->staffed_s = calloc((size_t)reps * (size_t)sc->n_intervals, sizeof *res->staffed_s);
    res->graw = calloc((size_t)reps * cells * (size_t)sc->n_groups + 1, sizeof *res->graw);
    size_t ccells = (size_t)sc->n_intervals * (size_t)sc->n_campaigns;
    res->craw = calloc((size_t)reps * ccells + 1, sizeof *res->craw);
    res->cgraw = calloc((size_t)reps * ccells * (size_t)sc->n_groups + 1, sizeof *res->cgraw);
    res->campaigns = calloc((size_t)sc->n_campaigns + 1, sizeof *res->campaigns);
    res->groups = calloc((size_t)sc->n_groups + 1, sizeof *res->groups);
    if (!res->intervals || !res->types || !res->raw || !res->staffed_s || !res->graw ||
        !res->craw || !res->cgraw || !res->campaigns || !res->groups) {
        goto nomem;
    }
    for (int g = 0; g < sc->n_groups; g++) {
        if (sc->groups[g].absenteeism > 0 && !res->present) {
            res->present = calloc((size_t)reps * (size_t)sc->n_intervals * (size_t)sc->n_groups,
                                  sizeof *res->present);
            if (!res->present) {
                goto nomem;
            }
        }
    }
    shared sh = {.sc = sc,
                 .reps = reps,
                 .events = events,
                 .raw = res->raw,
                 .graw = res->graw,
                 .craw = res->craw,
                 .cgraw = res->cgraw,
                 .present = res->present,
                 .opt = opt};
    pthread_mutex_init(&sh.lock, NULL);
    int started = 0;
    for (int i = 1; i < threads; i++) {
        if (pthread_create(&tid[i], NULL, worker, &sh) != 0) {
            break;
        }
        started = i;
    }
    worker(&sh);  /* the calling thread works too */
    for (int i = 1; i <= started; i++) {
        pthread_join(tid[i], NULL);
    }
    pthread_mutex_destroy(&sh.lock);
    res->threads = started + 1;
    if (sh.status == CCS_ELIMIT) {
        free(events);
        free(tid);
        ccs_results_free(res);
        ccs_sim_limit_error(err);
        return NULL;
    }
    if (sh.status != CCS_OK) {
        goto nomem;
    }
    for (int r = 0; r < reps; r++) {
        res->events += events[r];
    }
    if (estimate(res) != CCS_OK) {
        goto nomem;
    }
    free(events);
    free(tid);
    return res;
nomem:
    free(events);
    free(tid);
    ccs_results_free(res);
    ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory running the simulation");
    return NULL;
}
