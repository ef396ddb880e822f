/*
 * sim.c — replications in parallel threads, then estimates.
 *
 * Each worker owns one model and takes the next replication number from a
 * shared counter; replication r writes only its own slice of the raw
 * tallies (tallies.h), so the estimates (figures.c, computed after all
 * threads joined, in replication order) give the same bytes for any thread
 * count.
 */
#include "ccsim/sim.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/model.h"
#include "core/engine.h"
#include "sim/figures.h"

typedef struct shared {
    const ccs_scenario *sc;
    int first;               /* replication number of slice 0 */
    int reps;                /* slices: replications [first, first + reps) */
    int next;                /* next replication to run */
    int done;
    int status;              /* first failure */
    uint64_t *events;        /* [reps] */
    ccs_tallies *tallies;    /* every replication's raw tallies */
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

/* Each worker tallies into its own buffer (one replication's tallies) and
 * copies it into the shared tallies when a replication is done:
 * replications running at the same time on different threads would
 * otherwise write neighbouring slices of the shared arrays on every event
 * and fight over the cache lines they share (false sharing), which
 * cancelled the second thread on short horizons. */
static void *worker(void *arg)
{
    shared *sh = arg;
    ccs_tally_dims d = ccs_tally_dims_of(sh->sc);
    ccs_model *m = ccs_model_new(sh->sc, NULL);
    ccs_tallies *buf = ccs_tallies_new(&d, 1);
    int ok = m && buf;
    ccs_tally_rep mine = ok ? ccs_tallies_rep(buf, 0) : (ccs_tally_rep){0};
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
        int st = ccs_model_run(m, sh->first + r, &mine, &events);
        ccs_tally_rep dst = ccs_tallies_rep(sh->tallies, r);
        ccs_tally_rep_copy(&dst, &mine);
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
    ccs_tallies_free(buf);
    ccs_model_free(m);
    return NULL;
}

/* ---- results -------------------------------------------------------------- */

void ccs_results_free(ccs_results *r)
{
    if (!r) {
        return;
    }
    free(r->intervals);
    free(r->types);
    ccs_tallies_free(r->tallies);
    free(r->present);
    free(r->campaigns);
    free(r->groups);
    free(r->callbacks);
    free(r->callback_intervals);
    free(r->chat);
    free(r->chat_intervals);
    free(r);
}

/* With absenteeism, the agents present per (replication, interval, group),
 * from the staff cells. */
static int present_table(ccs_results *res)
{
    const ccs_scenario *sc = res->sc;
    int absent = 0;
    for (int g = 0; g < sc->n_groups; g++) {
        absent |= sc->groups[g].absenteeism > 0;
    }
    if (!absent) {
        return CCS_OK;
    }
    size_t nk = (size_t)sc->n_intervals, ng = (size_t)sc->n_groups;
    res->present = calloc((size_t)res->replications * nk * ng, sizeof *res->present);
    if (!res->present) {
        return CCS_ENOMEM;
    }
    for (int r = 0; r < res->replications; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        for (size_t k = 0; k < nk; k++) {
            for (size_t g = 0; g < ng; g++) {
                double s = ccs_staff_tally_at(&v, (int)k, (int)g)->staffed_s;
                res->present[((size_t)r * nk + k) * ng + g] = (int)lround(s / sc->interval_s);
            }
        }
    }
    return CCS_OK;
}

int ccs_results_present(const ccs_results *r, int rep, int k, int g)
{
    const ccs_scenario *sc = r->sc;
    if (rep < 0 || rep >= r->replications || k < 0 || k >= sc->n_intervals || g < 0 ||
        g >= sc->n_groups) {
        return -1;
    }
    if (!r->present) {
        return sc->groups[g].count[k];
    }
    return r->present[((size_t)rep * (size_t)sc->n_intervals + (size_t)k) *
                          (size_t)sc->n_groups + (size_t)g];
}

ccs_results *ccs_results_from_tallies(const ccs_scenario *sc, ccs_tallies *t, ccs_error *err)
{
    ccs_tally_dims want = ccs_tally_dims_of(sc), have = ccs_tallies_dims(t);
    if (memcmp(&want, &have, sizeof want) != 0) {
        ccs_tallies_free(t);
        ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                      "the tallies' dimensions (%d intervals, %d call types, %d groups, %d "
                      "campaigns) are not the scenario's",
                      have.intervals, have.types, have.groups, have.campaigns);
        return NULL;
    }
    ccs_results *res = calloc(1, sizeof *res);
    if (!res) {
        ccs_tallies_free(t);
        goto nomem;
    }
    res->sc = sc;
    res->tallies = t;
    res->replications = ccs_tallies_reps(t);
    res->intervals = calloc((size_t)sc->n_intervals, sizeof *res->intervals);
    res->types = calloc((size_t)sc->n_types + 1, sizeof *res->types);
    res->campaigns = calloc((size_t)sc->n_campaigns + 1, sizeof *res->campaigns);
    res->groups = calloc((size_t)sc->n_groups + 1, sizeof *res->groups);
    if (!res->intervals || !res->types || !res->campaigns || !res->groups ||
        present_table(res) != CCS_OK || ccs__results_estimate(res) != CCS_OK) {
        ccs_results_free(res);
        goto nomem;
    }
    return res;
nomem:
    ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory running the simulation");
    return NULL;
}

/* Runs replications [first, first + count) on threads into new tallies
 * (slice i = replication first + i); *events is their total. */
static ccs_tallies *run_range(const ccs_scenario *sc, const ccs_run_options *opt, int first,
                              int count, int *threads_used, uint64_t *events_total,
                              ccs_error *err)
{
    int reps = count;
    int threads = opt && opt->threads > 0 ? opt->threads : ccs_sim_cores();
    if (threads > reps) {
        threads = reps;
    }
    /* The raw tallies grow with the horizon: refuse before allocating. */
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    double per_rep = (double)ccs_tally_rep_bytes(&d);
    if (per_rep * reps > CCS_SIM_MAX_RESULT_BYTES) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, "replications",
                      "%d replications of %d intervals would keep %.3g GB of per-interval "
                      "tallies; expected at most %.3g GB: use fewer replications or a shorter "
                      "horizon (docs/model.md, Memory)",
                      reps, sc->n_intervals, per_rep * reps / 1e9, CCS_SIM_MAX_RESULT_BYTES / 1e9);
        return NULL;
    }
    uint64_t *events = calloc((size_t)reps, sizeof *events);
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    ccs_tallies *tallies = ccs_tallies_new(&d, reps);
    if (!events || !tid || !tallies) {
        goto nomem;
    }
    shared sh = {.sc = sc, .first = first, .reps = reps, .events = events, .tallies = tallies,
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
    if (sh.status == CCS_ELIMIT) {
        free(events);
        free(tid);
        ccs_tallies_free(tallies);
        ccs_sim_limit_error(err);
        return NULL;
    }
    if (sh.status != CCS_OK) {
        goto nomem;
    }
    *threads_used = started + 1;
    *events_total = 0;
    for (int r = 0; r < reps; r++) {
        *events_total += events[r];
    }
    free(events);
    free(tid);
    return tallies;
nomem:
    free(events);
    free(tid);
    ccs_tallies_free(tallies);
    ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory running the simulation");
    return NULL;
}

ccs_tallies *ccs_sim_run_range(const ccs_scenario *sc, const ccs_run_options *opt, int first,
                               int count, uint64_t *events, ccs_error *err)
{
    if (first < 0 || count < 1 || first > INT_MAX - count ||
        (opt && (opt->replications < 0 || opt->threads < 0))) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                      "replications [first, first + count) need first >= 0 and count >= 1");
        return NULL;
    }
    int threads = 0;
    uint64_t ev = 0;
    ccs_tallies *t = run_range(sc, opt, first, count, &threads, &ev, err);
    if (t && events) {
        *events = ev;
    }
    return t;
}

ccs_results *ccs_sim_run(const ccs_scenario *sc, const ccs_run_options *opt, ccs_error *err)
{
    int reps = opt && opt->replications > 0 ? opt->replications : sc->replications;
    if (opt && (opt->replications < 0 || opt->threads < 0)) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL, "replications and threads must be >= 0");
        return NULL;
    }
    int threads = 0;
    uint64_t events = 0;
    ccs_tallies *tallies = run_range(sc, opt, 0, reps, &threads, &events, err);
    if (!tallies) {
        return NULL;
    }
    ccs_results *res = ccs_results_from_tallies(sc, tallies, err);
    if (res) {
        res->threads = threads;
        res->events = events;
    }
    return res;
}
