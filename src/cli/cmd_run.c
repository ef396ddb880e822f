/*
 * cmd_run.c — `ccsim run`: load a scenario, run its replications, print the
 * report.
 *
 * Options are parsed and checked before anything runs, so a typo costs no
 * simulation time; the only stdout output is the report, written through
 * ccs_cli_out so that --out FILE appears whole or not at all.  Nothing that
 * depends on the thread count or on time reaches the report; the progress
 * line goes to stderr, and only on a terminal for runs longer than ~2 s.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ccsim/cost.h"
#include "ccsim/plot.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/shard.h"
#include "ccsim/sim.h"
#include "ccsim/units.h"

#define PROGRESS_AFTER_S 2.0

ccs_results *(*ccs_cli_simulate)(const ccs_scenario *sc, const ccs_run_options *opt,
                                 ccs_error *err) = ccs_sim_run;

static int stderr_is_terminal(void)
{
    return isatty(STDERR_FILENO);
}

int (*ccs_cli_progress_terminal)(void) = stderr_is_terminal;

/* run's own options. */
typedef struct run_own {
    ccs_report_options *ro;
    const char *raw;        /* --raw FILE: write the raw tallies, no report */
    const char *range;      /* --reps-range A:B, checked against R after loading */
    long first, end;        /* A and B; end 0 = not given */
} run_own;

int ccs_cli_max_abandon(const char *cmd, const char *val, ccs_report_options *ro)
{
    if (ccs_units_fraction(val, &ro->max_abandon) != CCS_OK || !(ro->max_abandon > 0)) {
        return ccs_cli_usage_error(cmd, "--max-abandon: expected a fraction in (0, 1] like 5%% "
                                        "or 0.05, got '%s'",
                                   val);
    }
    return CCS_EXIT_OK;
}

static int run_apply(void *ctx, const char *name, const char *val)
{
    run_own *o = ctx;
    if (strcmp(name, "raw") == 0) {
        o->raw = val;
        return ccs_cli_check_out("run", "--raw", val);
    }
    if (strcmp(name, "reps-range") == 0) {
        o->range = val;
        return ccs_cli_parse_range("run", "--reps-range", val, &o->first, &o->end);
    }
    return ccs_cli_max_abandon("run", val, o->ro);
}

/* Parses the command line into c (and run's own options into o). */
static int parse(ccs_cli_common *c, run_own *o, int argc, char **argv)
{
    static const char *const own[] = {"max-abandon", "raw", "reps-range", NULL};
    int rc = ccs_cli_common_init(c, "run",
                                 CCS_CLI_REPS | CCS_CLI_THREADS | CCS_CLI_SETS | CCS_CLI_FORMAT |
                                     CCS_CLI_OUT | CCS_CLI_PLOT | CCS_CLI_QUIET | CCS_CLI_VOLUME,
                                 argc);
    if (rc != CCS_EXIT_OK) {
        return rc;
    }
    c->threads_all_cores = 1;
    c->check_out = 1;
    c->path_optional = 1;   /* no file: the embedded default scenario */
    c->help_exact = 1;
    rc = ccs_cli_parse(c, argc, argv, own, run_apply, o);
    if (rc != CCS_EXIT_OK || c->help) {
        return rc;
    }
    ccs_cli_shard_opts so = {o->raw, o->range, o->first, o->end, NULL, 0, 0};
    return ccs_cli_shard_check("run", &so, c->out, c->plot);
    return CCS_EXIT_OK;
}

/* ---- progress ---------------------------------------------------------- */

typedef struct progress {
    struct timespec t0;
    double last_s;   /* when the line was last drawn, seconds since t0 */
    int shown;       /* a line is on the terminal and must be cleared */
} progress;

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (now.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* Called under the simulation's lock after each replication. */
static void on_progress(void *ctx, int done, int total)
{
    progress *p = ctx;
    double t = seconds_since(&p->t0);
    /* Redrawn at most ten times a second: short replications would
     * otherwise spend their time writing to the terminal. */
    if (t < PROGRESS_AFTER_S || (p->shown && t - p->last_s < 0.1 && done < total)) {
        return;
    }
    fprintf(stderr, "\rccsim run: replication %d/%d", done, total);
    fflush(stderr);
    p->shown = 1;
    p->last_s = t;
}

static void progress_clear(progress *p)
{
    if (p->shown) {
        fprintf(stderr, "\r%*s\r", 60, "");
        fflush(stderr);
        p->shown = 0;
    }
}

int ccs_cli_write_run_report(const char *cmd, const ccs_results *res, ccs_report_format format,
                             ccs_report_options *ro, const char *out_path, const char *plot)
{
    ccs_error err;
    ccs_error_clear(&err);
    ccs_cost_result *cost = NULL;
    int rc = CCS_EXIT_OK;
    /* The costs the report shows (CSV has none). */
    if (format != CCS_REPORT_CSV) {
        cost = ccs_cost_compute(res, &err);
        if (!cost) {
            return ccs_cli_report_error(cmd, &err);
        }
        ro->cost = cost;
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, out_path, &err) != CCS_OK) {
        rc = ccs_cli_report_error(cmd, &err);
        goto done;
    }
    if (ccs_report_write_opts(out.fp, res, format, ro, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error(cmd, &err);
        goto done;
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error(cmd, &err);
        goto done;
    }
    if (plot) {
        /* Charts come after the report: a chart problem never costs the run. */
        if (ccs_plot_run(plot, res, NULL, &err) != CCS_OK) {
            rc = ccs_cli_report_error(cmd, &err);
            goto done;
        }
        if (!ccs_plot_have_gnuplot()) {
            ccs_cli_plot_note(plot);
        }
    }
done:
    ro->cost = NULL;
    ccs_cost_result_free(cost);
    return rc;
}

/* run --raw: replications [A, B) of R into the raw file. */
static int run_shard(const ccs_cli_common *a, const run_own *o, const ccs_shard_source *src,
                     const ccs_scenario *sc, ccs_run_options *opt)
{
    ccs_error err;
    ccs_error_clear(&err);
    long reps = a->reps > 0 ? a->reps : sc->replications;
    long first = o->range ? o->first : 0, end = o->range ? o->end : reps;
    if (end > reps) {
        return ccs_cli_range_beyond("run", "--reps-range", o->range, reps);
    }
    uint64_t events = 0;
    ccs_tallies *t = ccs_sim_run_range(sc, opt, (int)first, (int)(end - first), &events, &err);
    if (!t) {
        return ccs_cli_report_error("run", &err);
    }
    int rc = CCS_EXIT_OK;
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, o->raw, &err) != CCS_OK) {
        rc = ccs_cli_report_error("run", &err);
    } else if (ccs_shard_write(out.fp, ccs_cli_shard_version(), src, sc, (int)reps, (int)first, t,
                               events, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error("run", &err);
    } else if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("run", &err);
    }
    ccs_tallies_free(t);
    return rc;
}

int ccs_cmd_run(int argc, char **argv)
{
    ccs_cli_common a;
    ccs_report_options ro = {0};
    run_own o = {&ro, NULL, NULL, 0, 0};
    int rc = parse(&a, &o, argc, argv);
    if (rc != CCS_EXIT_OK || a.help) {
        if (rc == CCS_EXIT_OK) {
            ccs_cli_help(stdout, "run");
        }
        ccs_cli_common_fini(&a);
        return rc;
    }

    ccs_error err;
    ccs_error_clear(&err);
    /* A shard records the text it ran; loading that text with its
     * overrides is the one way merge loads it again. */
    char *text = NULL;
    ccs_shard_source src = {a.path ? a.path : "(default)", NULL, a.sets.v, a.sets.n,
                            a.volume_factor};
    ccs_scenario *sc = NULL;
    if (o.raw) {
        if (ccs_shard_source_read(a.path, &text, &err) == CCS_OK) {
            src.text = text;
            sc = ccs_shard_source_load(&src, &err);
        }
        if (!sc) {
            rc = ccs_cli_load_error("run", &err);
        }
    } else {
        sc = ccs_cli_common_load(&a, &err, &rc);
    }
    if (!sc) {
        free(text);
        ccs_cli_common_fini(&a);
        return rc;
    }

    /* Every output is checked before the simulation: a bad --plot costs no
     * run and prints no report. */
    if (a.plot && ccs_plot_prepare_dir(a.plot, &err) != CCS_OK) {
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }

    progress prog = {{0, 0}, 0.0, 0};
    ccs_run_options opt = {0};
    opt.replications = (int)a.reps;
    opt.threads = (int)a.threads;
    if (!a.quiet && ccs_cli_progress_terminal()) {
        clock_gettime(CLOCK_MONOTONIC, &prog.t0);
        opt.progress = on_progress;
        opt.progress_ctx = &prog;
    }
    if (o.raw) {
        rc = run_shard(&a, &o, &src, sc, &opt);
        progress_clear(&prog);
        goto done;
    }
    ccs_results *res = ccs_cli_simulate(sc, &opt, &err);
    progress_clear(&prog);
    if (!res && err.code == CCS_OK) {
        rc = CCS_EXIT_OK;   /* a worker rank of ccsim-mpi: rank 0 reports */
        goto done;
    }
    if (!res) {
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }
    rc = ccs_cli_write_run_report("run", res, a.format, &ro, a.out, a.plot);
    ccs_results_free(res);
done:
    ccs_scenario_free(sc);
    free(text);
    ccs_cli_common_fini(&a);
    return rc;
}
