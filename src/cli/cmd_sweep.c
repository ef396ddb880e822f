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

#define MAX_AXES 8

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: ccsim sweep SCENARIO.cfg --vary PATH=LO:HI:STEP [--vary ...] [options]\n"
            "\n"
            "Runs the scenario for every combination of the varied settings (the\n"
            "Cartesian product of the axes, the first varying slowest), each cell with\n"
            "the same seed (common random numbers), and tabulates the day's service\n"
            "level, ASA, abandon rate, occupancy, offered and handled calls.\n"
            "\n"
            "  --vary PATH=LO:HI:STEP  a setting in --set syntax and its values, e.g.\n"
            "                      agents.[0].count=40:70:5 (repeatable, at most %d);\n"
            "                      integers stay integers\n"
            "  --reps N            replications per cell (default: the scenario's)\n"
            "  --threads N         worker threads, 0 = all cores (output is the same)\n"
            "  --seed N            master seed (same as --set run.seed=N)\n"
            "  --set PATH=VALUE    override a scenario setting in every cell (repeatable)\n"
            "  --format FORMAT     text (default), csv or json\n"
            "  --out FILE          write the table to FILE, atomically\n"
            "  --plot DIR          sl_vs_<setting>.svg (and .csv) in DIR, via gnuplot\n"
            "\n"
            "Exit status: 0 ok, 1 runtime failure, 2 bad option or scenario.\n"
            "See docs/cli.md (ccsim sweep).\n",
            MAX_AXES);
}

int ccs_cmd_sweep(int argc, char **argv)
{
    static const char *const valued[] = {"vary", "reps", "threads", "seed", "set", "format",
                                         "out", "plot", NULL};
    static const char *const flags[] = {"quiet", NULL};
    const char *path = NULL, *out_path = NULL, *plot = NULL;
    ccs_sweep_axis axes[MAX_AXES];
    int n_axes = 0, help = 0, rc = CCS_EXIT_OK;
    long reps = 0, threads = 0;
    ccs_report_format format = CCS_REPORT_TEXT;
    ccs_cli_sets sets;
    ccs_error err;
    ccs_error_clear(&err);
    ccs_sweep_result *res = NULL;
    if (ccs_cli_sets_init(&sets, argc) != CCS_OK) {
        return ccs_cli_usage_error("sweep", "out of memory");
    }
    ccs_cli_parser p = {"sweep", argc, argv, 0, 0, ""};
    const char *name, *val;
    int kind;
    while ((kind = ccs_cli_next(&p, valued, flags, &name, &val)) != CCS_ARG_END) {
        if (kind == CCS_ARG_ERR) {
            rc = CCS_EXIT_USAGE;
            goto done;
        }
        if (kind == CCS_ARG_POS) {
            if (path) {
                rc = ccs_cli_usage_error("sweep", "unexpected argument '%s': one scenario file "
                                                  "(already have '%s')",
                                         val, path);
                goto done;
            }
            path = val;
        } else if (strcmp(name, "help") == 0) {
            help = 1;
        } else if (strcmp(name, "quiet") == 0) {
            continue;
        } else if (strcmp(name, "vary") == 0) {
            if (n_axes == MAX_AXES) {
                rc = ccs_cli_usage_error("sweep", "--vary: at most %d settings", MAX_AXES);
                goto done;
            }
            if (ccs_sweep_axis_parse(val, &axes[n_axes], &err) != CCS_OK) {
                rc = ccs_cli_report_error("sweep", &err);
                goto done;
            }
            n_axes++;
        } else if (strcmp(name, "reps") == 0) {
            if ((rc = ccs_cli_int_opt("sweep", name, val, 1, 100000, &reps)) != 0) {
                goto done;
            }
        } else if (strcmp(name, "threads") == 0) {
            if ((rc = ccs_cli_int_opt("sweep", name, val, 0, 4096, &threads)) != 0) {
                goto done;
            }
        } else if (strcmp(name, "seed") == 0 || strcmp(name, "set") == 0) {
            if ((rc = ccs_cli_sets_add(&sets, "sweep", name, val)) != 0) {
                goto done;
            }
        } else if (strcmp(name, "format") == 0) {
            if (ccs_report_format_from_name(val, &format) != CCS_OK) {
                rc = ccs_cli_usage_error("sweep", "--format: expected text, csv or json, got '%s'",
                                         val);
                goto done;
            }
        } else if (strcmp(name, "out") == 0) {
            out_path = strcmp(val, "-") == 0 ? NULL : val;
        } else if (strcmp(name, "plot") == 0) {
            if (!*val) {
                rc = ccs_cli_usage_error("sweep", "--plot: expected a directory, got ''");
                goto done;
            }
            plot = val;
        }
    }
    if (help) {
        usage(stdout);
        goto done;
    }
    if (!path) {
        rc = ccs_cli_usage_error("sweep", "missing SCENARIO: expected a scenario file (e.g. "
                                          "ccsim sweep scenarios/mmc.cfg --vary "
                                          "agents.[0].count=50:60:2)");
        goto done;
    }
    if (n_axes == 0) {
        rc = ccs_cli_usage_error("sweep", "--vary: expected at least one PATH=LO:HI:STEP "
                                          "(e.g. agents.[0].count=40:70:5)");
        goto done;
    }
    if (plot && ccs_plot_prepare_dir(plot, &err) != CCS_OK) {
        rc = ccs_cli_report_error("sweep", &err);
        goto done;
    }
    ccs_run_options ro = {0};
    ro.replications = (int)reps;
    ro.threads = (int)threads;
    res = ccs_sweep_run(path, sets.v, sets.n, axes, n_axes, &ro, &err);
    if (!res) {
        rc = ccs_cli_load_error("sweep", &err);
        goto done;
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, out_path, &err) != CCS_OK) {
        rc = ccs_cli_report_error("sweep", &err);
        goto done;
    }
    if (ccs_sweep_write(out.fp, res, format, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error("sweep", &err);
        goto done;
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("sweep", &err);
        goto done;
    }
    if (plot) {
        if (ccs_plot_sweep(plot, res, NULL, &err) != CCS_OK) {
            rc = ccs_cli_report_error("sweep", &err);
            goto done;
        }
        if (!ccs_plot_have_gnuplot()) {
            ccs_cli_plot_note(plot);
        }
    }
done:
    ccs_sweep_result_free(res);
    ccs_cli_sets_fini(&sets);
    return rc;
}
