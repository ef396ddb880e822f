/*
 * cmd_validate.c — `ccsim validate`: the simulated figures of a scenario
 * beside Erlang B / C / A theory (teaching mode).  The comparison is the
 * library's (validate.h, src/plan/validate.c) and so are its writers
 * (validate_report.h); this file parses the options, runs the scenario and
 * prints.  It is a report, so the exit status is 0 whether or not theory
 * lies inside the confidence intervals.
 */
#include "cli/cli.h"

#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/validate.h"
#include "ccsim/validate_report.h"

int ccs_cmd_validate(int argc, char **argv)
{
    ccs_error err;
    ccs_error_clear(&err);
    ccs_scenario *sc = NULL;
    ccs_results *res = NULL;
    ccs_validate_result *val = NULL;
    ccs_cli_common c;
    int rc = ccs_cli_common_init(&c, "validate",
                                 CCS_CLI_REPS | CCS_CLI_THREADS | CCS_CLI_SETS | CCS_CLI_FORMAT |
                                     CCS_CLI_OUT | CCS_CLI_QUIET,
                                 argc);
    if (rc != CCS_EXIT_OK) {
        return rc;
    }
    c.min_reps = 2;
    c.formats = CCS_CLI_FMT(CCS_REPORT_TEXT) | CCS_CLI_FMT(CCS_REPORT_JSON);
    rc = ccs_cli_parse(&c, argc, argv, NULL, NULL, NULL);
    if (rc != CCS_EXIT_OK) {
        goto done;
    }
    if (c.help) {
        ccs_cli_help(stdout, "validate");
        goto done;
    }
    rc = ccs_cli_need_path(&c, "scenarios/mmc.cfg");
    if (rc != CCS_EXIT_OK) {
        goto done;
    }
    sc = ccs_cli_common_load(&c, &err, &rc);
    if (!sc) {
        goto done;
    }
    ccs_run_options ro = {0};
    ro.replications = (int)c.reps;
    ro.threads = (int)c.threads;
    res = ccs_sim_run(sc, &ro, &err);
    if (!res) {
        rc = ccs_cli_report_error("validate", &err);
        goto done;
    }
    val = ccs_validate_compare(res, &err);
    if (!val) {
        rc = ccs_cli_report_error("validate", &err);
        goto done;
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, c.out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("validate", &err);
        goto done;
    }
    if (ccs_validate_write(out.fp, val, c.format, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error("validate", &err);
        goto done;
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("validate", &err);
        goto done;
    }
done:
    ccs_validate_result_free(val);
    ccs_results_free(res);
    ccs_scenario_free(sc);
    ccs_cli_common_fini(&c);
    return rc;
}
