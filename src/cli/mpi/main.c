/*
 * mpi/main.c — bin/ccsim-mpi (make mpi): `mpirun -n K bin/ccsim-mpi
 * run|sweep|compare ARGS` prints on rank 0 exactly what `ccsim` prints for
 * the same arguments.
 *
 * Every rank parses the same arguments and loads the same scenarios
 * through the ordinary commands; only the simulation differs
 * (ccs_cli_simulate): for each simulation (a run; a sweep's cell; a
 * compare's scenario) rank i runs the contiguous block of replications
 * [R i / K, R (i + 1) / K) on its threads (ccs_sim_run_range), and the raw
 * tallies are gathered into their replication slices, kind by kind
 * (MPI_Gatherv to rank 0 for run; MPI_Allgatherv for sweep and compare,
 * whose every rank goes on through the same cells and costs and prints
 * nothing: ccs_cli_worker).  An ordered gather, never a sum-reduce of
 * doubles, whose rounding would depend on K; only integers are reduced.
 * The results are computed from them as ccs_sim_run does, so the bytes are
 * the same for any K.
 *
 * Errors: the ranks other than 0 write to /dev/null, so a message is
 * printed once.  A rank that fails before or between simulations (bad
 * option or scenario: every rank the same; a file missing on one node)
 * answers the others' next simulation with "finished" (sync_state), so no
 * rank waits for it; a failure during a simulation (a replication past the
 * model's limits) is agreed by an integer MPI_Allreduce; every rank exits
 * with the worst status.
 *
 * Progress: when rank 0 draws a progress line (run, no --quiet, and its
 * stderr or, through Open MPI's pipe, mpirun's a terminal), every rank runs its block in PROGRESS_CHUNKS pieces and the
 * replications done are summed to rank 0 after each, so the line counts
 * the whole run's replications, not rank 0's block.
 */
#include <mpi.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "ccsim/sim.h"
#include "ccsim/tallies.h"
#include "cli/cli.h"

static int rank, nranks;
static int gather_all;   /* sweep, compare: every rank gets the ordered tallies */

/* The one integer collective outside the simulation's gathers, reduced by
 * MPI_MAX: out[0] = some rank has finished (failed, or is done), out[1] =
 * some rank has not, out[2] = the worst exit status of those finished,
 * out[3] = rank 0 draws a progress line.  A rank entering a simulation
 * contributes (0, 1, 0, progress); a rank that is done contributes (1, 0,
 * rc, 0) until every rank is done.  So a rank that fails alone, before or
 * between simulations, answers the others' next simulation and they stop
 * too: no rank waits for one that left. */
static void sync_state(int finished, int status, int progress, int out[4])
{
    int in[4] = {finished, !finished, status, progress};
    MPI_Allreduce(in, out, 4, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
}

/* With a progress line, each rank runs its block in this many chunks and
 * the replications done on every rank are summed to rank 0 after each
 * (an integer reduce), which draws "replication X/R" of the whole run. */
#define PROGRESS_CHUNKS 20

/* Runs replications [lo, hi) into one tallies object, in `chunks` pieces
 * with a progress reduce after each (chunks 1: one piece, no reduce). */
static ccs_tallies *run_block(const ccs_scenario *sc, const ccs_run_options *opt, int lo, int hi,
                              int reps, int chunks, uint64_t *events, ccs_error *err,
                              int *status)
{
    ccs_run_options quiet = *opt;
    quiet.progress = NULL;   /* rank 0's line counts every rank's replications */
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    ccs_tallies *mine = NULL;
    *events = 0;
    if (chunks == 1) {   /* no reduce: every rank takes this path or none does */
        if (*status == CCS_OK && hi > lo) {
            mine = ccs_sim_run_range(sc, &quiet, lo, hi - lo, events, err);
            if (!mine) {
                *status = err->code;
            }
        }
        return mine;
    }
    if (*status == CCS_OK && hi > lo && !(mine = ccs_tallies_new(&d, hi - lo))) {
        *status = ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL,
                                "out of memory running the simulation");
    }
    int done = 0;
    for (int j = 0; j < chunks; j++) {
        int a = lo + (int)((int64_t)(hi - lo) * j / chunks);
        int b = lo + (int)((int64_t)(hi - lo) * (j + 1) / chunks);
        if (*status == CCS_OK && b > a) {
            uint64_t ev = 0;
            ccs_tallies *piece = ccs_sim_run_range(sc, &quiet, a, b - a, &ev, err);
            if (!piece) {
                *status = err->code;
            } else {
                for (int r = a; r < b; r++) {
                    ccs_tally_rep dst = ccs_tallies_rep(mine, r - lo);
                    ccs_tally_rep src = ccs_tallies_rep(piece, r - a);
                    ccs_tally_rep_copy(&dst, &src);
                }
                *events += ev;
                done += b - a;
                ccs_tallies_free(piece);
            }
        }
        int all = 0;
        MPI_Reduce(&done, &all, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
        if (rank == 0 && opt->progress) {
            opt->progress(opt->progress_ctx, all, reps);
        }
    }
    if (*status != CCS_OK) {
        ccs_tallies_free(mine);
        mine = NULL;
    }
    return mine;
}

static ccs_results *mpi_simulate(const ccs_scenario *sc, const ccs_run_options *opt,
                                 ccs_error *err)
{
    int state[4];
    sync_state(0, 0, rank == 0 && opt && opt->progress, state);
    if (state[0]) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                      "another rank failed before the simulation (a file missing on its node?)");
        return NULL;
    }
    int reps = opt && opt->replications > 0 ? opt->replications : sc->replications;
    int lo = (int)((int64_t)reps * rank / nranks), hi = (int)((int64_t)reps * (rank + 1) / nranks);
    int root = rank == 0 || gather_all;   /* receives the tallies */
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    ccs_tallies *all = NULL, *mine = NULL;
    uint64_t events = 0, total = 0;
    int status = CCS_OK;
    if (root) {
        if ((double)ccs_tally_rep_bytes(&d) * reps > CCS_SIM_MAX_RESULT_BYTES) {
            /* ccs_sim_run's own message for the bound */
            ccs_run_options one = {.replications = reps, .threads = 1};
            ccs_results *never = ccs_sim_run(sc, &one, err);
            ccs_results_free(never);
            status = err->code != CCS_OK ? err->code : CCS_EINVAL;
        } else if (!(all = ccs_tallies_new(&d, reps))) {
            status = ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL,
                                   "out of memory running the simulation");
        }
    }
    ccs_run_options none = {0};
    mine = run_block(sc, opt ? opt : &none, lo, hi, reps, state[3] ? PROGRESS_CHUNKS : 1, &events,
                     err, &status);
    int worst = CCS_OK;
    MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (worst != CCS_OK) {
        ccs_tallies_free(all);
        ccs_tallies_free(mine);
        if (status == CCS_OK) {
            /* Another rank failed: its error, by its code. */
            if (worst == CCS_ELIMIT) {
                ccs_sim_limit_error(err);
            } else {
                ccs_error_set(err, (ccs_status)worst, NULL, 0, NULL,
                              "another rank failed: %s", ccs_status_str((ccs_status)worst));
            }
        }
        return NULL;
    }
    /* An integer sum: exact in any order. */
    MPI_Allreduce(&events, &total, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    int *counts = root ? calloc((size_t)nranks, sizeof *counts) : NULL;
    int *displs = root ? calloc((size_t)nranks, sizeof *displs) : NULL;
    double dummy = 0;
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        size_t per = ccs_tally_cells(&d, (ccs_tally_kind)k) *
                     (size_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields;
        if (root) {
            for (int i = 0; i < nranks; i++) {
                int a = (int)((int64_t)reps * i / nranks), b = (int)((int64_t)reps * (i + 1) / nranks);
                counts[i] = (int)((size_t)(b - a) * per);
                displs[i] = (int)((size_t)a * per);
            }
        }
        double *send = &dummy;
        if (mine) {
            ccs_tally_rep v = ccs_tallies_rep(mine, 0);
            send = ccs_tally_rep_data(&v, (ccs_tally_kind)k);
        }
        double *recv = NULL;
        if (root) {
            ccs_tally_rep v = ccs_tallies_rep(all, 0);
            recv = ccs_tally_rep_data(&v, (ccs_tally_kind)k);
        }
        int n = (int)((size_t)(hi - lo) * per);
        if (gather_all) {
            MPI_Allgatherv(send, n, MPI_DOUBLE, recv, counts, displs, MPI_DOUBLE,
                           MPI_COMM_WORLD);
        } else {
            MPI_Gatherv(send, n, MPI_DOUBLE, recv, counts, displs, MPI_DOUBLE, 0, MPI_COMM_WORLD);
        }
    }
    free(counts);
    free(displs);
    ccs_tallies_free(mine);
    if (!root) {
        ccs_error_clear(err);   /* CCS_OK: a worker of run, nothing to print */
        return NULL;
    }
    ccs_results *res = ccs_results_from_tallies(sc, all, err);
    if (res) {
        res->events = total;
        res->threads = opt ? opt->threads : 0;
    }
    return res;
}

/* Rank 0's stderr is a pipe to mpirun, which copies it to its own: the
 * progress line is drawn when that is a terminal (mpirun is rank 0's
 * parent when rank 0 runs on the launching node; elsewhere, no line). */
static int launcher_terminal(void)
{
    if (rank != 0) {
        return 0;
    }
    if (isatty(STDERR_FILENO)) {
        return 1;
    }
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/%ld/fd/2", (long)getppid());
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0) {
        return 0;
    }
    target[n] = '\0';
    return strncmp(target, "/dev/pts/", 9) == 0 || strncmp(target, "/dev/tty", 8) == 0;
}

static const char *const SHARD_OPTS[] = {"--raw", "--reps-range", "--cells", NULL};

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nranks);
    gsl_set_error_handler_off();
    if (rank != 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) {
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
    }
    int rc = CCS_EXIT_OK;
    const char *cmd = argc >= 2 ? argv[1] : "";
    int (*run)(int, char **) = strcmp(cmd, "run") == 0       ? ccs_cmd_run
                               : strcmp(cmd, "sweep") == 0   ? ccs_cmd_sweep
                               : strcmp(cmd, "compare") == 0 ? ccs_cmd_compare
                                                             : NULL;
    if (!run) {
        fprintf(stderr, "ccsim-mpi: expected the command run, sweep or compare, as in mpirun -n 4 "
                        "ccsim-mpi run SCENARIO.cfg [options]\n");
        rc = CCS_EXIT_USAGE;
    }
    for (int i = 2; run && i < argc && rc == CCS_EXIT_OK; i++) {
        for (int j = 0; SHARD_OPTS[j]; j++) {
            size_t n = strlen(SHARD_OPTS[j]);
            if (strncmp(argv[i], SHARD_OPTS[j], n) == 0 && (!argv[i][n] || argv[i][n] == '=')) {
                fprintf(stderr, "ccsim-mpi %s: %s: not with ccsim-mpi (its ranks split the "
                                "replications themselves; shards are for ccsim)\n",
                        cmd, SHARD_OPTS[j]);
                rc = CCS_EXIT_USAGE;
                break;
            }
        }
    }
    if (rc == CCS_EXIT_OK) {
        ccs_cli_simulate = mpi_simulate;
        ccs_cli_progress_terminal = launcher_terminal;
        gather_all = run != ccs_cmd_run;
        ccs_cli_worker = gather_all && rank != 0;
        rc = run(argc - 1, argv + 1);
    }
    /* Done: answer the others' simulations until every rank is done; every
     * rank exits with the worst status, so a failure anywhere fails the
     * run. */
    int state[4];
    do {
        sync_state(1, rc, 0, state);
    } while (state[1]);
    MPI_Finalize();
    return state[2];
}
