/*
 * cmd_sweep.c — `ccsim sweep`: the what-if grid of one or more --vary axes
 * (src/sweep.c), as a table, CSV or JSON, optionally with a chart.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "ccsim/plot.h"
#include "ccsim/report.h"
#include "ccsim/sweep.h"
#include "ccsim/sweep_report.h"

#define MAX_AXES CCS_SWEEP_MAX_AXES

/* Sweep's own option: the axes. */
typedef struct sweep_axes {
    ccs_sweep_axis v[MAX_AXES];
    const char *spec[MAX_AXES];   /* as given: a shard records them */
    int n;
    ccs_error *err;
    ccs_cli_shard_opts shard;     /* --raw, --reps-range, --cells */
} sweep_axes;

static int apply_vary(void *ctx, const char *name, const char *val)
{
    sweep_axes *ax = ctx;
    if (strcmp(name, "raw") == 0) {
        ax->shard.raw = val;
        return ccs_cli_check_out("sweep", "--raw", val);
    }
    if (strcmp(name, "reps-range") == 0) {
        ax->shard.range = val;
        return ccs_cli_parse_range("sweep", "--reps-range", val, &ax->shard.first,
                                   &ax->shard.end);
    }
    if (strcmp(name, "cells") == 0) {
        ax->shard.cells = val;
        return ccs_cli_parse_range("sweep", "--cells", val, &ax->shard.cfirst, &ax->shard.cend);
    }
    if (ax->n == MAX_AXES) {
        return ccs_cli_usage_error("sweep", "--vary: at most %d settings", MAX_AXES);
    }
    if (ccs_sweep_axis_parse(val, &ax->v[ax->n], ax->err) != CCS_OK) {
        return ccs_cli_report_error("sweep", ax->err);
    }
    ax->spec[ax->n] = val;
    ax->n++;
    return CCS_EXIT_OK;
}

int ccs_cmd_sweep(int argc, char **argv)
{
    static const char *const own[] = {"vary", "raw", "reps-range", "cells", NULL};
    ccs_error err;
    ccs_error_clear(&err);
    sweep_axes axes = {.n = 0, .err = &err, .shard = {0}};
    ccs_sweep_result *res = NULL;
    ccs_cli_common c;
    int rc = ccs_cli_common_init(&c, "sweep",
                                 CCS_CLI_REPS | CCS_CLI_THREADS | CCS_CLI_SETS | CCS_CLI_FORMAT |
                                     CCS_CLI_OUT | CCS_CLI_PLOT | CCS_CLI_QUIET | CCS_CLI_VOLUME,
                                 argc);
    if (rc != CCS_EXIT_OK) {
        return rc;
    }
    rc = ccs_cli_parse(&c, argc, argv, own, apply_vary, &axes);
    if (rc != CCS_EXIT_OK) {
        goto done;
    }
    if (c.help) {
        ccs_cli_help(stdout, "sweep");
        goto done;
    }
    rc = ccs_cli_need_path(&c, "scenarios/mmc.cfg --vary agents.[0].count=50:60:2");
    if (rc != CCS_EXIT_OK) {
        goto done;
    }
    if (axes.n == 0) {
        rc = ccs_cli_usage_error("sweep", "--vary: expected at least one PATH=LO:HI:STEP "
                                          "(e.g. agents.[0].count=40:70:5)");
        goto done;
    }
    rc = ccs_cli_shard_check("sweep", &axes.shard, c.out, c.plot);
    if (rc != CCS_EXIT_OK) {
        goto done;
    }
    if (c.plot && !ccs_cli_worker && ccs_plot_prepare_dir(c.plot, &err) != CCS_OK) {
        rc = ccs_cli_report_error("sweep", &err);
        goto done;
    }
    ccs_run_options ro = {0};
    ro.replications = (int)c.reps;
    ro.threads = (int)c.threads;
    if (axes.shard.raw) {
        rc = ccs_cli_sweep_shard(&c, axes.v, axes.spec, axes.n, &axes.shard, &ro);
        goto done;
    }
    res = ccs_sweep_run_with(c.path, c.sets.v, c.sets.n, c.volume_factor, axes.v, axes.n, &ro,
                             ccs_cli_simulate, &err);
    if (!res) {
        rc = ccs_cli_load_error("sweep", &err);
        goto done;
    }
    rc = ccs_cli_sweep_report("sweep", res, c.format, c.out, c.plot);
done:
    ccs_sweep_result_free(res);
    ccs_cli_common_fini(&c);
    return rc;
}

int ccs_cli_sweep_report(const char *cmd, const ccs_sweep_result *res, ccs_report_format format,
                         const char *out_path, const char *plot)
{
    if (ccs_cli_worker) {
        return CCS_EXIT_OK;   /* a worker rank of ccsim-mpi: rank 0 prints */
    }
    ccs_error err;
    ccs_error_clear(&err);
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, out_path, &err) != CCS_OK) {
        return ccs_cli_report_error(cmd, &err);
    }
    if (ccs_sweep_write(out.fp, res, format, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        return ccs_cli_report_error(cmd, &err);
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        return ccs_cli_report_error(cmd, &err);
    }
    if (plot) {
        if (ccs_plot_sweep(plot, res, NULL, &err) != CCS_OK) {
            return ccs_cli_report_error(cmd, &err);
        }
        if (!ccs_plot_have_gnuplot()) {
            ccs_cli_plot_note(plot);
        }
    }
    return CCS_EXIT_OK;
}
