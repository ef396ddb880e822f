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
#include "ccsim/model.h"

typedef struct shared {
    const ccs_scenario *sc;
    int reps;
    int next;                /* next replication to run */
    int done;
    int status;              /* first failure */
    uint64_t *events;        /* [reps] */
    ccs_tally *raw;
    ccs_group_tally *graw;
    pthread_mutex_t lock;
    const ccs_run_options *opt;
} shared;

int ccs_sim_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 ? (int)n : 1;
}

static void *worker(void *arg)
{
    shared *sh = arg;
    size_t cells = (size_t)sh->sc->n_intervals * (size_t)sh->sc->n_types;
    size_t gcells = cells * (size_t)sh->sc->n_groups;
    ccs_model *m = ccs_model_new(sh->sc, NULL);
    for (;;) {
        pthread_mutex_lock(&sh->lock);
        int r = sh->status == CCS_OK && m ? sh->next++ : sh->reps;
        if (!m && sh->status == CCS_OK) {
            sh->status = CCS_ENOMEM;
        }
        pthread_mutex_unlock(&sh->lock);
        if (r >= sh->reps) {
            break;
        }
        int st = ccs_model_run(m, r, sh->raw + (size_t)r * cells, sh->graw + (size_t)r * gcells,
                               &sh->events[r]);
        pthread_mutex_lock(&sh->lock);
        if (st != CCS_OK && sh->status == CCS_OK) {
            sh->status = st;
        }
        sh->done++;
        if (sh->opt && sh->opt->progress) {
            sh->opt->progress(sh->opt->progress_ctx, sh->done, sh->reps);
        }
        pthread_mutex_unlock(&sh->lock);
    }
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

/* Agent-seconds on shift in interval k, over groups serving type t
 * (t = -1: all groups). */
static double staffed(const ccs_scenario *sc, int k, int t)
{
    double sum = 0;
    for (int g = 0; g < sc->n_groups; g++) {
        const ccs_agent_group *gr = &sc->groups[g];
        int serves = t < 0;
        for (int i = 0; i < gr->n_serves && !serves; i++) {
            serves = gr->serves[i] == t;
        }
        if (serves) {
            sum += gr->count[k] * sc->interval_s;
        }
    }
    return sum;
}

static void free_sums(row_sums *s)
{
    free(s->t);
    free(s->staffed);
    free(s->length);
    free(s->num);
    free(s->den);
}

/* Sums, for each replication, the cells of intervals [k0, k1) and of type t
 * (t = -1: all types) into s, then computes the row's figures. */
static void row(const ccs_results *res, row_sums *s, int k0, int k1, int t, ccs_figures *f)
{
    const ccs_scenario *sc = res->sc;
    int R = res->replications, nk = sc->n_intervals, nt = sc->n_types;
    double st = 0;
    for (int k = k0; k < k1; k++) {
        st += staffed(sc, k, t);
    }
    for (int r = 0; r < R; r++) {
        memset(&s->t[r], 0, sizeof s->t[r]);
        for (int k = k0; k < k1; k++) {
            const ccs_tally *c = &res->raw[((size_t)r * (size_t)nk + (size_t)k) * (size_t)nt];
            for (int j = 0; j < nt; j++) {
                if (t < 0 || j == t) {
                    ccs_tally_add(&s->t[r], &c[j]);
                }
            }
        }
        s->staffed[r] = st;
        s->length[r] = sc->interval_s * (k1 - k0);
    }
    figures(sc, s, R, s->num, s->den, f);
}

static int estimate(ccs_results *res)
{
    const ccs_scenario *sc = res->sc;
    size_t R = (size_t)res->replications;
    int nk = sc->n_intervals;
    row_sums s = {calloc(R, sizeof *s.t), calloc(R, sizeof(double)), calloc(R, sizeof(double)),
                  calloc(R, sizeof(double)), calloc(R, sizeof(double))};
    if (!s.t || !s.staffed || !s.length || !s.num || !s.den) {
        free_sums(&s);
        return CCS_ENOMEM;
    }
    for (int k = 0; k < nk; k++) {
        row(res, &s, k, k + 1, -1, &res->intervals[k]);
    }
    for (int t = 0; t < sc->n_types; t++) {
        row(res, &s, 0, nk, t, &res->types[t]);
    }
    row(res, &s, 0, nk, -1, &res->summary);
    for (size_t r = 0; r < R; r++) {
        for (int k = 0; k < nk; k++) {
            res->staffed_s[r * (size_t)nk + (size_t)k] = staffed(sc, k, -1);
        }
    }
    free_sums(&s);
    return CCS_OK;
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
    free(r->graw);
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
    res->types = calloc((size_t)sc->n_types, sizeof *res->types);
    res->raw = calloc((size_t)reps * cells, sizeof *res->raw);
    res->staffed_s = calloc((size_t)reps * (size_t)sc->n_intervals, sizeof *res->staffed_s);
    res->graw = calloc((size_t)reps * cells * (size_t)sc->n_groups, sizeof *res->graw);
    if (!res->intervals || !res->types || !res->raw || !res->staffed_s || !res->graw) {
        goto nomem;
    }
    shared sh = {.sc = sc, .reps = reps, .events = events, .raw = res->raw, .graw = res->graw,
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
