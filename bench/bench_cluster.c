/*
 * bench_cluster.c — strong scaling past one process (docs/cluster.md):
 * 1,000 replications of the default day as one process on one thread, as
 * two MPI ranks of one thread (mpirun bin/ccsim-mpi; skipped, saying why,
 * without mpirun or the binary), and as one process on two threads, each
 * timed wall-clock as the user runs it (process start included), their
 * outputs compared byte for byte; then the merge of 1,000 shards of one
 * replication each (ccsim merge, timed; the shards written first, two
 * processes at a time), compared with the single run; and the size of the
 * tallies a gather or merge moves.
 *
 * The binaries are $CCSIM_BIN and $CCSIM_MPI_BIN (make bench sets them;
 * default bin/ccsim, bin/ccsim-mpi).  Every figure is printed with the
 * load average at its start and the CPU seconds (user + system) of the
 * processes: on a shared machine the wall times are noisy, the CPU
 * seconds show what the split costs.
 */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench.h"
#include "ccsim/scenario.h"
#include "ccsim/tallies.h"

#define REPS 1000

static double load_average(void)
{
    double l = -1;
    FILE *fp = fopen("/proc/loadavg", "r");
    if (fp) {
        if (fscanf(fp, "%lf", &l) != 1) {
            l = -1;
        }
        fclose(fp);
    }
    return l;
}

static double children_cpu_s(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_CHILDREN, &ru) != 0) {
        return 0;
    }
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
           (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

static double last_cpu_s;   /* CPU seconds (user + system) of the last timed() */

/* Runs cmd through the shell; its wall seconds, or -1 when it failed. */
static double timed(const char *cmd)
{
    double c0 = children_cpu_s();
    double t0 = ccs_bench_now();
    int st = system(cmd);
    double t = ccs_bench_now() - t0;
    last_cpu_s = children_cpu_s() - c0;
    return st == 0 ? t : -1;
}

static int same_file(const char *a, const char *b)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
    return system(cmd) == 0;
}

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

static void row(const char *what, double t, double t1, double load)
{
    if (t < 0) {
        printf("  %-26s FAILED\n", what);
    } else if (t1 > 0) {
        printf("  %-26s %7.2f s   speed-up %.2fx   CPU %6.2f s   (load average %.1f at start)\n",
               what, t, t1 / t, last_cpu_s, load);
    } else {
        printf("  %-26s %7.2f s                   CPU %6.2f s   (load average %.1f at start)\n",
               what, t, last_cpu_s, load);
    }
}

void ccs_bench_cluster(void)
{
    const char *ccsim = env_or("CCSIM_BIN", "bin/ccsim");
    const char *mpi = env_or("CCSIM_MPI_BIN", "bin/ccsim-mpi");
    char dir[] = "/tmp/ccsim-bench-cluster-XXXXXX";
    if (!mkdtemp(dir)) {
        printf("cluster: SKIPPED: cannot make a temporary directory\n\n");
        return;
    }
    printf("cluster: %d replications of the default day, wall-clock seconds as run from the "
           "shell\n",
           REPS);
    char cmd[2048], out1[256], out2[256], outm[256], outt[256];
    snprintf(out1, sizeof out1, "%s/one.txt", dir);
    snprintf(out2, sizeof out2, "%s/mpi2.txt", dir);
    snprintf(outt, sizeof outt, "%s/threads2.txt", dir);
    snprintf(outm, sizeof outm, "%s/merged.txt", dir);

    double l = load_average();
    snprintf(cmd, sizeof cmd, "'%s' run --reps %d --threads 1 --quiet > '%s'", ccsim, REPS, out1);
    double t1 = timed(cmd);
    row("1 rank  x 1 thread", t1, 0, l);

    int have_mpirun = system("command -v mpirun > /dev/null 2>&1") == 0;
    int have_mpi = access(mpi, X_OK) == 0;
    if (!have_mpirun || !have_mpi) {
        printf("  %-26s SKIPPED: %s\n", "2 ranks x 1 thread",
               !have_mpirun ? "mpirun not found (make deps installs openmpi-bin)"
                            : "no bin/ccsim-mpi (make mpi; needs mpicc, libopenmpi-dev)");
    } else {
        l = load_average();
        snprintf(cmd, sizeof cmd,
                 "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun --oversubscribe "
                 "-n 2 '%s' run --reps %d --threads 1 --quiet > '%s' 2> /dev/null",
                 mpi, REPS, out2);
        double t2 = timed(cmd);
        row("2 ranks x 1 thread (MPI)", t2, t1, l);
        if (t1 >= 0 && t2 >= 0) {
            printf("  %-26s %s\n", "", same_file(out1, out2)
                                           ? "its output byte-identical to 1 rank's"
                                           : "ITS OUTPUT DIFFERS from 1 rank's");
        }
    }

    l = load_average();
    snprintf(cmd, sizeof cmd, "'%s' run --reps %d --threads 2 --quiet > '%s'", ccsim, REPS, outt);
    double tt = timed(cmd);
    row("1 rank  x 2 threads", tt, t1, l);
    if (t1 >= 0 && tt >= 0) {
        printf("  %-26s %s\n", "", same_file(out1, outt) ? "its output byte-identical to 1 thread's"
                                                         : "ITS OUTPUT DIFFERS from 1 thread's");
    }

    /* 1,000 shards of one replication, two processes at a time. */
    l = load_average();
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/shards' && seq 0 %d | xargs -P 2 -I{} sh -c \"'%s' run --reps %d "
             "--threads 1 --quiet --reps-range {}:\\$(({} + 1)) --raw '%s/shards/r{}.raw'\"",
             dir, REPS - 1, ccsim, REPS, dir);
    double tw = timed(cmd);
    row("1,000 shards written", tw, 0, l);
    l = load_average();
    snprintf(cmd, sizeof cmd, "'%s' merge '%s'/shards/*.raw > '%s'", ccsim, dir, outm);
    double tm = tw >= 0 ? timed(cmd) : -1;
    row("merge of the 1,000 shards", tm, 0, l);
    if (tm >= 0 && t1 >= 0) {
        char one[300];
        snprintf(one, sizeof one, "%s/shards/r0.raw", dir);
        FILE *fp = fopen(one, "rb");
        long size = -1;
        if (fp && fseek(fp, 0, SEEK_END) == 0) {
            size = ftell(fp);
        }
        if (fp) {
            fclose(fp);
        }
        printf("  %-26s %s; %ld bytes per shard\n", "",
               same_file(out1, outm) ? "its output byte-identical to the single run's"
                                     : "ITS OUTPUT DIFFERS from the single run's",
               size);
    }

    /* What a gather (or a merge) moves: R x the tallies of a replication. */
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load(NULL, NULL, 0, &err);
    if (sc) {
        ccs_tally_dims d = ccs_tally_dims_of(sc);
        size_t per = ccs_tally_rep_bytes(&d);
        printf("  gather: %d replications x %zu bytes (%d intervals, %d type, %d group) = %.2f MB\n",
               REPS, per, d.intervals, d.types, d.groups, (double)per * REPS / 1e6);
        ccs_scenario_free(sc);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) {
        printf("  (could not remove %s)\n", dir);
    }
    printf("\n");
}
