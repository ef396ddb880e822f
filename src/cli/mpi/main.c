/*
 * mpi/main.c — bin/ccsim-mpi (make mpi): `mpirun -n K bin/ccsim-mpi run
 * ARGS` prints on rank 0 exactly what `ccsim run ARGS` prints.
 *
 * Every rank parses the same arguments and loads the same scenario through
 * the ordinary `run` command; only the simulation differs
 * (ccs_cli_simulate): rank i runs the contiguous block of replications
 * [R i / K, R (i + 1) / K) on its threads (ccs_sim_run_range), and the raw
 * tallies are gathered to rank 0 into their replication slices, kind by
 * kind (MPI_Gatherv: an ordered gather, never a sum-reduce of doubles,
 * whose rounding would depend on K).  Rank 0 computes the results from
 * them as ccs_sim_run does, so the bytes are the same for any K.
 *
 * Errors: the ranks other than 0 write to /dev/null, so a message is
 * printed once.  A rank that fails before the simulation (bad option or
 * scenario: every rank the same) matches the simulation's first collective
 * with its own "not ready", so no rank waits for it; a failure during the
 * simulation (a replication past the model's limits) is agreed by an
 * integer MPI_Allreduce, and every rank exits with the same status.
 */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "ccsim/sim.h"
#include "ccsim/tallies.h"
#include "cli/cli.h"

static int rank, nranks;
static int entered;   /* this rank reached the simulation's first collective */

/* 1 on every rank when all are ready, else 0 (after this, the caller
 * stops). */
static int all_ready(int ready)
{
    int all = 0;
    MPI_Allreduce(&ready, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return all;
}

static ccs_results *mpi_simulate(const ccs_scenario *sc, const ccs_run_options *opt,
                                 ccs_error *err)
{
    entered = 1;
    if (!all_ready(1)) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, NULL,
                      "another rank failed before the simulation (a file missing on its node?)");
        return NULL;
    }
    int reps = opt && opt->replications > 0 ? opt->replications : sc->replications;
    int lo = (int)((int64_t)reps * rank / nranks), hi = (int)((int64_t)reps * (rank + 1) / nranks);
    ccs_tally_dims d = ccs_tally_dims_of(sc);
    ccs_tallies *all = NULL, *mine = NULL;
    uint64_t events = 0, total = 0;
    int status = CCS_OK;
    if (rank == 0) {
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
    if (status == CCS_OK && hi > lo) {
        mine = ccs_sim_run_range(sc, opt, lo, hi - lo, &events, err);
        if (!mine) {
            status = err->code;
        }
    }
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
    MPI_Reduce(&events, &total, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
    int *counts = rank == 0 ? calloc((size_t)nranks, sizeof *counts) : NULL;
    int *displs = rank == 0 ? calloc((size_t)nranks, sizeof *displs) : NULL;
    double dummy = 0;
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        size_t per = ccs_tally_cells(&d, (ccs_tally_kind)k) *
                     (size_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields;
        if (rank == 0) {
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
        if (rank == 0) {
            ccs_tally_rep v = ccs_tallies_rep(all, 0);
            recv = ccs_tally_rep_data(&v, (ccs_tally_kind)k);
        }
        MPI_Gatherv(send, (int)((size_t)(hi - lo) * per), MPI_DOUBLE, recv, counts, displs,
                    MPI_DOUBLE, 0, MPI_COMM_WORLD);
    }
    free(counts);
    free(displs);
    ccs_tallies_free(mine);
    if (rank != 0) {
        ccs_error_clear(err);   /* CCS_OK: a worker, nothing to print */
        return NULL;
    }
    ccs_results *res = ccs_results_from_tallies(sc, all, err);
    if (res) {
        res->events = total;
        res->threads = opt ? opt->threads : 0;
    }
    return res;
}

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
    int rc;
    if (argc < 2 || strcmp(argv[1], "run") != 0) {
        fprintf(stderr, "ccsim-mpi: expected the command run, as in mpirun -n 4 ccsim-mpi run "
                        "SCENARIO.cfg [options] (sweep and compare: ccsim run --reps-range "
                        "shards, docs/cluster.md)\n");
        rc = CCS_EXIT_USAGE;
    } else {
        rc = CCS_EXIT_OK;
        for (int i = 2; i < argc; i++) {
            if (strncmp(argv[i], "--raw", 5) == 0 || strncmp(argv[i], "--reps-range", 12) == 0) {
                fprintf(stderr, "ccsim-mpi run: %s: not with ccsim-mpi (its ranks split the "
                                "replications themselves; shards are for ccsim)\n",
                        strncmp(argv[i], "--raw", 5) == 0 ? "--raw" : "--reps-range");
                rc = CCS_EXIT_USAGE;
                break;
            }
        }
        if (rc == CCS_EXIT_OK) {
            ccs_cli_simulate = mpi_simulate;
            rc = ccs_cmd_run(argc - 1, argv + 1);
        }
    }
    if (!entered) {
        all_ready(0);   /* matches the simulation's first collective on the others */
    }
    /* Every rank exits with the worst status: a failure anywhere fails the
     * run. */
    int worst = rc;
    MPI_Allreduce(&rc, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    MPI_Finalize();
    return worst;
}
