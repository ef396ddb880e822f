/*
 * cmd_merge.c — `ccsim merge FILE...`: the report of a run, sweep or
 * compare whose replications ran as shards (`--reps-range A:B --raw
 * FILE`), byte-identical to the single command's.
 *
 * The library checks the shards and builds the results (shard.h); the
 * scenario comes from the files, so no scenario file is needed.  The kind
 * of the shards (run, sweep, compare) comes from their headers, and the
 * report is that command's (shard_jobs.c for sweep and compare).  The
 * report options are the command's: --format, --out, --plot (run, sweep),
 * --max-abandon (run).
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "ccsim/plot.h"
#include "ccsim/report.h"
#include "ccsim/shard.h"
#include "ccsim/sim.h"
#include "ccsim_build.h"

const char *ccs_cli_shard_version(void)
{
    return CCSIM_COMMIT[0] ? CCSIM_VERSION "+" CCSIM_COMMIT : CCSIM_VERSION;
}

int ccs_cmd_merge(int argc, char **argv)
{
    static const char *const valued[] = {"format", "out", "plot", "max-abandon", NULL};
    static const char *const flags[] = {"quiet", NULL};
    ccs_cli_parser p = {"merge", argc, argv, 0, 0, {0}, 1};
    ccs_report_options ro = {0};
    ccs_report_format format = CCS_REPORT_TEXT;
    const char *out = NULL, *plot = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int n = 0, rc = CCS_EXIT_OK, help = 0;
    if (!files) {
        return ccs_cli_usage_error("merge", "out of memory");
    }
    for (;;) {
        const char *name, *val;
        int kind = ccs_cli_next(&p, valued, flags, &name, &val);
        if (kind == CCS_ARG_END) {
            break;
        }
        if (kind == CCS_ARG_ERR) {
            rc = CCS_EXIT_USAGE;
            break;
        }
        if (kind == CCS_ARG_POS) {
            files[n++] = val;
        } else if (strcmp(name, "help") == 0) {
            help = 1;
        } else if (strcmp(name, "format") == 0) {
            if (ccs_report_format_from_name(val, &format) != CCS_OK) {
                char safe[256];
                rc = ccs_cli_usage_error("merge", "--format: expected text, csv or json, got '%s'",
                                         ccs_escape(safe, sizeof safe, val));
            }
        } else if (strcmp(name, "out") == 0) {
            out = val;
            rc = ccs_cli_check_out("merge", "--out", val);
        } else if (strcmp(name, "plot") == 0) {
            plot = val;
        } else if (strcmp(name, "max-abandon") == 0) {
            rc = ccs_cli_max_abandon("merge", val, &ro);
        }
        /* --quiet: merge draws no progress line; accepted as run's. */
        if (rc != CCS_EXIT_OK) {
            break;
        }
    }
    if (rc == CCS_EXIT_OK && help) {
        ccs_cli_help(stdout, "merge");
        free(files);
        return CCS_EXIT_OK;
    }
    if (rc == CCS_EXIT_OK && n == 0) {
        rc = ccs_cli_usage_error("merge", "missing FILE: expected the raw tallies files of "
                                          "`ccsim run --reps-range A:B --raw FILE`");
    }
    if (rc != CCS_EXIT_OK) {
        free(files);
        return rc;
    }
    ccs_error err;
    ccs_error_clear(&err);
    if (plot && ccs_plot_prepare_dir(plot, &err) != CCS_OK) {
        free(files);
        return ccs_cli_report_error("merge", &err);
    }
    ccs_shard_set *set =
        ccs_shard_open((const char *const *)files, n, ccs_cli_shard_version(), &err);
    if (!set) {
        /* Shard files are input: a missing or unreadable one is bad input
         * (2), as a scenario file is; only out of memory is 1. */
        free(files);
        return ccs_cli_load_error("merge", &err);
    }
    ccs_shard_kind kind = ccs_shard_set_info(set)->kind;
    if (kind != CCS_SHARD_RUN && ro.max_abandon > 0) {
        rc = ccs_cli_usage_error("merge", "--max-abandon: only for the shards of ccsim run; "
                                          "these are of ccsim %s",
                                 ccs_shard_kind_name(kind));
    } else if (kind == CCS_SHARD_COMPARE && plot) {
        rc = ccs_cli_usage_error("merge", "--plot: not for the shards of ccsim compare (compare "
                                          "draws no charts)");
    } else if (kind == CCS_SHARD_SWEEP) {
        rc = ccs_cli_merge_sweep(set, format, out, plot);
    } else if (kind == CCS_SHARD_COMPARE) {
        rc = ccs_cli_merge_compare(set, format, out);
    } else {
        ccs_scenario *sc = NULL;
        ccs_results *res = ccs_shard_merge_set(set, &sc, &err);
        if (!res) {
            rc = ccs_cli_load_error("merge", &err);
        } else {
            rc = ccs_cli_write_run_report("merge", res, format, &ro, out, plot);
        }
        ccs_results_free(res);
        ccs_scenario_free(sc);
    }
    ccs_shard_close(set);
    free(files);
    return rc;
}
