/*
 * cmd_schedule.c — `ccsim schedule REQUIREMENTS --shifts SHIFTS.cfg`: shifts
 * (with breaks, or weekly tours) that cover interval requirements at least
 * cost; --write-scenario puts the roster into a scenario, --simulate checks
 * it by simulation and repairs it.  Options only: the model is in
 * src/schedule.c, the repair loop in src/schedule_repair.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/forecast.h"
#include "ccsim/schedule.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_write.h"
#include "ccsim/units.h"
#include "cli/cli.h"

#define CMD "schedule"

typedef struct sched_args {
    ccs_cli_common c;
    const char *shifts;
    char shifts_found[4096];     /* the installed file --shifts names (ccs_cli_find) */
    long days;
    double time_limit;
    double gap;
    ccs_schedule_objective objective;
    const char *write_scenario;
    char write_found[4096];
    const char *into;
    const char *group;
    const char *simulate;
    char simulate_found[4096];
    double sl_target;
    double sl_threshold;
    long max_rounds;
} sched_args;

static int apply(void *ctx, const char *name, const char *val)
{
    sched_args *a = ctx;
    double d;
    if (strcmp(name, "shifts") == 0) {
        a->shifts = ccs_cli_find(val, ".cfg", a->shifts_found, sizeof a->shifts_found);
    } else if (strcmp(name, "days") == 0) {
        return ccs_cli_int_opt(CMD, name, val, 1, CCS_CSV_MAX_DAYS, &a->days);
    } else if (strcmp(name, "time-limit") == 0) {
        if (ccs_units_duration(val, &d) != CCS_OK || !(d > 0 && d <= 86400)) {
            return ccs_cli_usage_error(CMD, "--time-limit: expected seconds above 0 and at most "
                                            "a day such as 30 or 2m, got '%s'",
                                       val);
        }
        a->time_limit = d;
    } else if (strcmp(name, "gap") == 0) {
        if (ccs_units_fraction(val, &d) != CCS_OK || !(d < 1)) {
            return ccs_cli_usage_error(CMD, "--gap: expected a fraction from 0 below 1 such as "
                                            "1%% or 0.01, got '%s'",
                                       val);
        }
        a->gap = d;
    } else if (strcmp(name, "objective") == 0) {
        if (strcmp(val, "cost") == 0) {
            a->objective = CCS_OBJ_COST;
        } else if (strcmp(val, "deviation") == 0) {
            a->objective = CCS_OBJ_DEVIATION;
        } else {
            return ccs_cli_usage_error(CMD, "--objective: expected cost or deviation, got '%s'",
                                       val);
        }
    } else if (strcmp(name, "write-scenario") == 0) {
        a->write_scenario = ccs_cli_find(val, ".cfg", a->write_found, sizeof a->write_found);
    } else if (strcmp(name, "into") == 0) {
        int rc = ccs_cli_check_out(CMD, "--into", val);   /* checked before any work */
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
        a->into = val;
    } else if (strcmp(name, "group") == 0) {
        a->group = val;
    } else if (strcmp(name, "simulate") == 0) {
        a->simulate = ccs_cli_find(val, ".cfg", a->simulate_found, sizeof a->simulate_found);
    } else if (strcmp(name, "sl") == 0) {
        if (ccs_units_sl(val, &a->sl_target, &a->sl_threshold) != CCS_OK ||
            !(a->sl_target > 0 && a->sl_target <= 1)) {
            return ccs_cli_usage_error(CMD, "--sl: expected a target such as 80/20 (80%% "
                                            "within 20 s), got '%s'",
                                       val);
        }
    } else if (strcmp(name, "max-rounds") == 0) {
        return ccs_cli_int_opt(CMD, name, val, 1, 100, &a->max_rounds);
    }
    return CCS_EXIT_OK;
}

static int parse(sched_args *a, int argc, char **argv)
{
    static const char *const own[] = {"shifts", "days",  "time-limit", "gap",
                                      "objective", "write-scenario", "into", "group",
                                      "simulate", "sl",  "max-rounds", NULL};
    memset(a, 0, sizeof *a);
    a->time_limit = 30;
    a->sl_threshold = -1;
    a->max_rounds = 10;
    int rc = ccs_cli_common_init(&a->c, CMD,
                                 CCS_CLI_FORMAT | CCS_CLI_OUT | CCS_CLI_REPS | CCS_CLI_THREADS |
                                     CCS_CLI_SETS,
                                 argc);
    if (rc != CCS_EXIT_OK) {
        return rc;
    }
    a->c.check_out = 1;
    a->c.path_ext = ".csv";   /* REQUIREMENTS */
    rc = ccs_cli_parse(&a->c, argc, argv, own, apply, a);
    if (rc != CCS_EXIT_OK || a->c.help) {
        return rc;
    }
    if (!a->c.path) {
        return ccs_cli_usage_error(CMD, "missing REQUIREMENTS: expected a CSV file (e.g. ccsim "
                                        "schedule req.csv --shifts shifts.cfg)");
    }
    if (!a->shifts) {
        return ccs_cli_usage_error(CMD, "--shifts is required: expected a SHIFTS.cfg file "
                                        "(see docs/scheduling.md)");
    }
    if ((a->write_scenario != NULL) != (a->into != NULL)) {
        return ccs_cli_usage_error(CMD, "--write-scenario and --into go together: "
                                        "--write-scenario SCENARIO.cfg --into FILE");
    }
    if (a->group && !a->write_scenario && !a->simulate) {
        return ccs_cli_usage_error(CMD, "--group: only with --write-scenario or --simulate");
    }
    if ((a->sl_target > 0 || a->c.reps > 0) && !a->simulate) {
        return ccs_cli_usage_error(CMD, "--sl and --reps: only with --simulate SCENARIO.cfg");
    }
    return CCS_EXIT_OK;
}

/* Loads a scenario for the roster and finds its group; checks that its
 * horizon has the requirements' intervals. */
static ccs_scenario *roster_scenario(const sched_args *a, const char *path,
                                     const ccs_requirements *req, int *group, int *rc)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load(path, a->c.sets.v, a->c.sets.n, &err);
    if (!sc) {
        *rc = ccs_cli_load_error(CMD, &err);
        return NULL;
    }
    if (a->group) {
        *group = ccs_scenario_find_group(sc, a->group);
        if (*group < 0) {
            *rc = ccs_cli_usage_error(CMD, "--group: no agent group named '%s' in %s", a->group,
                                      path);
            ccs_scenario_free(sc);
            return NULL;
        }
    } else if (sc->n_groups != 1) {
        *rc = ccs_cli_usage_error(CMD, "--group: %s has %d agent groups; name the one the "
                                       "roster staffs",
                                  path, sc->n_groups);
        ccs_scenario_free(sc);
        return NULL;
    } else {
        *group = 0;
    }
    if (sc->n_intervals != req->g.n || fabs(sc->interval_s - req->g.interval_s) > 1e-6) {
        *rc = ccs_cli_usage_error(CMD, "%s: horizon has %d intervals of %g min, the "
                                       "requirements %d of %g min: they must match",
                                  path, sc->n_intervals, sc->interval_s / 60, req->g.n,
                                  req->g.interval_s / 60);
        ccs_scenario_free(sc);
        return NULL;
    }
    return sc;
}

int ccs_cmd_schedule(int argc, char **argv)
{
    sched_args a;
    int rc = parse(&a, argc, argv);
    if (rc != CCS_EXIT_OK || a.c.help) {
        if (rc == CCS_EXIT_OK) {
            ccs_cli_help(stdout, "schedule");
        }
        ccs_cli_common_fini(&a.c);
        return rc;
    }
    ccs_error err;
    ccs_error_clear(&err);
    ccs_requirements *req = NULL;
    ccs_shift_set *set = NULL;
    ccs_schedule_result *res = NULL;
    ccs_repair_result *rep = NULL;
    ccs_scenario *sc = NULL;
    int *counts = NULL;
    req = ccs_requirements_load(a.c.path, &err);
    if (!req) {
        rc = ccs_cli_load_error(CMD, &err);  /* unreadable input is bad input: 2 */
        goto done;
    }
    if (req->g.n_days > 1 && a.days == 0) {
        rc = ccs_cli_usage_error(CMD, "%s has %d days (a day column): give --days %d",
                                 a.c.path, req->g.n_days, req->g.n_days);
        goto done;
    }
    set = ccs_shifts_load(a.shifts, &err);
    if (!set) {
        rc = ccs_cli_load_error(CMD, &err);
        goto done;
    }
    ccs_schedule_options so = {(int)a.days, a.time_limit, a.gap, a.objective};
    int group = 0;
    if (a.write_scenario) {
        /* The scenario the roster goes into must fit before anything is
         * solved or printed (issue 9: nothing on stdout on failure). */
        int g2;
        ccs_scenario *fit = roster_scenario(&a, a.write_scenario, req, &g2, &rc);
        if (!fit) {
            goto done;
        }
        ccs_scenario_free(fit);
    }
    if (a.simulate) {
        sc = roster_scenario(&a, a.simulate, req, &group, &rc);
        if (!sc) {
            goto done;
        }
        ccs_repair_options ro = {group, a.sl_target, a.sl_threshold, (int)a.max_rounds,
                                 (int)a.c.reps, (int)a.c.threads};
        rep = ccs_schedule_repair(set, req, &so, sc, &ro, &err);
        if (!rep) {
            rc = ccs_cli_report_error(CMD, &err);
            goto done;
        }
        res = rep->final;
    } else {
        res = ccs_schedule_solve(set, req, &so, &err);
        if (!res) {
            rc = ccs_cli_report_error(CMD, &err);
            goto done;
        }
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, a.c.out, &err) != CCS_OK) {
        rc = ccs_cli_report_error(CMD, &err);
        goto done;
    }
    if (ccs_schedule_write(out.fp, res, rep, (int)a.c.format, req->file, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error(CMD, &err);
        goto done;
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error(CMD, &err);
        goto done;
    }
    if (res->status == CCS_SCHED_INFEASIBLE || res->status == CCS_SCHED_NO_SOLUTION) {
        char list[512] = "";
        size_t u = 0;
        int shown = 0, total = 0;
        for (int i = 0; i < res->n; i++) {
            if (res->uncovered[i] > 0) {
                total++;
                if (shown < 12 && u < sizeof list) {
                    char hh[8];
                    u += (size_t)snprintf(list + u, sizeof list - u, "%s%s%s (short %g)",
                                          shown ? ", " : "",
                                          ccs_clock_hhmm(res->start_s + (i % res->per_day) *
                                                                            res->interval_s,
                                                         hh, sizeof hh),
                                          "", res->uncovered[i]);
                    shown++;
                }
            }
        }
        if (res->status == CCS_SCHED_INFEASIBLE) {
            fprintf(stderr, "ccsim schedule: infeasible: %d interval%s cannot be covered within "
                            "the limits of %s: %s%s\n",
                    total, total == 1 ? "" : "s", set->file, list, total > shown ? ", ..." : "");
        } else {
            fprintf(stderr, "ccsim schedule: no roster found within --time-limit %g s\n",
                    a.time_limit);
        }
        rc = CCS_EXIT_FAIL;
        goto done;
    }
    if (a.write_scenario) {
        ccs_scenario_free(sc);
        sc = roster_scenario(&a, a.write_scenario, req, &group, &rc);
        if (!sc) {
            goto done;
        }
        counts = malloc((size_t)res->n * sizeof *counts);
        if (!counts) {
            ccs_error_set(&err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
            rc = ccs_cli_report_error(CMD, &err);
            goto done;
        }
        ccs_schedule_counts(res, counts);
        const ccs_agent_group *gr = &sc->groups[group];
        ccs_schedule_edit e = {group,      counts,       res->n,        gr->n_serves,
                               gr->serves, a.sl_target,  a.sl_threshold};
        if (ccs_scenario_write_schedule(a.write_scenario, a.c.sets.v, a.c.sets.n, &e, a.into,
                                        &err) != CCS_OK) {
            rc = ccs_cli_report_error(CMD, &err);
            goto done;
        }
    }
    rc = CCS_EXIT_OK;
done:
    if (rep) {
        ccs_repair_result_free(rep);
    } else {
        ccs_schedule_result_free(res);
    }
    free(counts);
    ccs_scenario_free(sc);
    free(set);
    ccs_requirements_free(req);
    ccs_cli_common_fini(&a.c);
    return rc;
}
