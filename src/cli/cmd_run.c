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

#include <limits.h>
#include <time.h>
#include <unistd.h>

#include "ccsim/cost.h"
#include "ccsim/plot.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/units.h"

#define PROGRESS_AFTER_S 2.0

/* run's own option: --max-abandon FRAC, the abandon rate flagged in text. */
static int run_apply(void *ctx, const char *name, const char *val)
{
    ccs_report_options *ro = ctx;
    (void)name;
    if (ccs_units_fraction(val, &ro->max_abandon) != CCS_OK || !(ro->max_abandon > 0)) {
        return ccs_cli_usage_error("run", "--max-abandon: expected a fraction in (0, 1] like 5%% "
                                          "or 0.05, got '%s'",
                                   val);
    }
    return CCS_EXIT_OK;
}

/* Parses the command line into c (and --max-abandon into ro). */
static int parse(ccs_cli_common *c, ccs_report_options *ro, int argc, char **argv)
{
    static const char *const own[] = {"max-abandon", NULL};
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
    return ccs_cli_parse(c, argc, argv, own, run_apply, ro);
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

int ccs_cmd_run(int argc, char **argv)
{
    ccs_cli_common a;
    ccs_report_options ro = {0};
    int rc = parse(&a, &ro, argc, argv);
    if (rc != CCS_EXIT_OK || a.help) {
        if (rc == CCS_EXIT_OK) {
            ccs_cli_help(stdout, "run");
        }
        ccs_cli_common_fini(&a);
        return rc;
    }

    ccs_error err;
    ccs_error_clear(&err);
    ccs_scenario *sc = ccs_cli_common_load(&a, &err, &rc);
    if (!sc) {
        ccs_cli_common_fini(&a);
        return rc;
    }

    /* Every output is checked before the simulation: a bad --plot costs no
     * run and prints no report. */
    if (a.plot && ccs_plot_prepare_dir(a.plot, &err) != CCS_OK) {
        rc = ccs_cli_report_error("run", &err);
        ccs_scenario_free(sc);
        ccs_cli_common_fini(&a);
        return rc;
    }

    progress prog = {{0, 0}, 0.0, 0};
    ccs_run_options opt = {0};
    opt.replications = (int)a.reps;
    opt.threads = (int)a.threads;
    if (!a.quiet && isatty(STDERR_FILENO)) {
        clock_gettime(CLOCK_MONOTONIC, &prog.t0);
        opt.progress = on_progress;
        opt.progress_ctx = &prog;
    }
    ccs_cost_result *cost = NULL;
    ccs_results *res = ccs_sim_run(sc, &opt, &err);
    progress_clear(&prog);
    if (!res) {
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }

    /* The costs the report shows (CSV has none). */
    if (a.format != CCS_REPORT_CSV) {
        cost = ccs_cost_compute(res, &err);
        if (!cost) {
            rc = ccs_cli_report_error("run", &err);
            goto done;
        }
        ro.cost = cost;
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, a.out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }
    if (ccs_report_write_opts(out.fp, res, a.format, &ro, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }
    if (a.plot) {
        /* Charts come after the report: a chart problem never costs the run. */
        if (ccs_plot_run(a.plot, res, NULL, &err) != CCS_OK) {
            rc = ccs_cli_report_error("run", &err);
            goto done;
        }
        if (!ccs_plot_have_gnuplot()) {
            ccs_cli_plot_note(a.plot);
        }
    }
    rc = CCS_EXIT_OK;
done:
    ccs_cost_result_free(cost);
    ccs_results_free(res);
    ccs_scenario_free(sc);
    ccs_cli_common_fini(&a);
    return rc;
}
