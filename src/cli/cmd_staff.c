/*
 * cmd_staff.c — `ccsim staff`: per-interval staffing by simulation, beside
 * the Erlang answer; optionally the schedule written as a scenario and
 * charts.
 *
 * Everything is checked before the search starts, so a typo costs no
 * simulation time; the search itself is ccs_staff_search() (src/staff.c).
 */
#include "cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/plot.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_write.h"
#include "ccsim/staff.h"
#include "ccsim/staff_report.h"
#include "ccsim/units.h"

/* ---- ccsim staff ------------------------------------------------------- */

typedef struct staff_args {
    ccs_cli_common c;        /* the scenario, --reps, --threads, --set, --format, --out... */
    ccs_staff_options o;
    const char *group;
    const char *groups;      /* --groups A,B,...: several groups together */
    double sl_target;        /* from --sl; 0 = the scenario's */
    double sl_threshold_s;   /* from --sl; -1 = the scenario's */
    const char *schedule;
} staff_args;

/* Staff's own options. */
static int staff_apply(void *ctx, const char *name, const char *val)
{
    staff_args *a = ctx;
    long n;
    double d;
    if (strcmp(name, "sl") == 0) {
        if (ccs_units_sl(val, &a->sl_target, &a->sl_threshold_s) != CCS_OK ||
            a->sl_target <= 0) {
            return ccs_cli_usage_error("staff", "--sl: expected PCT/TIME like 80/20, got '%s'",
                                       val);
        }
    } else if (strcmp(name, "asa") == 0) {
        if (ccs_units_duration(val, &d) != CCS_OK || d <= 0) {
            return ccs_cli_usage_error("staff", "--asa: expected a duration > 0 like 30 or 30s, "
                                                "got '%s'",
                                       val);
        }
        a->o.max_asa_s = d;
    } else if (strcmp(name, "max-abandon") == 0 || strcmp(name, "max-occupancy") == 0) {
        if (ccs_units_fraction(val, &d) != CCS_OK || d <= 0) {
            return ccs_cli_usage_error("staff", "--%s: expected a fraction in (0, 1] like 5%% "
                                                "or 0.05, got '%s'",
                                       name, val);
        }
        *(name[4] == 'a' ? &a->o.max_abandon : &a->o.max_occupancy) = d;
    } else if (strcmp(name, "shrinkage") == 0) {
        if (ccs_units_fraction(val, &d) != CCS_OK || d >= 1) {
            return ccs_cli_usage_error("staff", "--shrinkage: expected a fraction in [0, 1) like "
                                                "30%%, got '%s'",
                                       val);
        }
        a->o.shrinkage = d;
    } else if (strcmp(name, "group") == 0) {
        a->group = val;
    } else if (strcmp(name, "groups") == 0) {
        a->groups = val;
    } else if (strcmp(name, "criterion") == 0) {
        if (strcmp(val, "mean") == 0) {
            a->o.rule = CCS_STAFF_MEAN;
        } else if (strcmp(val, "ci") == 0) {
            a->o.rule = CCS_STAFF_CI;
        } else {
            return ccs_cli_usage_error("staff", "--criterion: expected mean or ci, got '%s'", val);
        }
    } else if (strcmp(name, "max-reps") == 0) {
        int rc = ccs_cli_int_opt("staff", name, val, 2, 100000, &n);
        if (rc) {
            return rc;
        }
        a->o.max_replications = (int)n;
    } else if (strcmp(name, "confidence") == 0) {
        if (ccs_units_fraction(val, &d) != CCS_OK || !(d > 0 && d < 1)) {
            return ccs_cli_usage_error("staff", "--confidence: expected a probability above 0 "
                                                "and below 1 like 90%% or 0.9, got '%s'",
                                       val);
        }
        a->o.confidence = d;
    } else if (strcmp(name, "absenteeism") == 0) {
        if (ccs_units_fraction(val, &d) != CCS_OK || !(d >= 0 && d <= 0.9)) {
            return ccs_cli_usage_error("staff", "--absenteeism: expected a fraction from 0 to "
                                                "0.9 like 8%% or 0.08, got '%s'",
                                       val);
        }
        a->o.absenteeism = d;
    } else if (strcmp(name, "write-schedule") == 0) {
        int rc = ccs_cli_check_out("staff", "--write-schedule", val);
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
        a->schedule = val;
    }
    return CCS_EXIT_OK;
}

/* --groups: what it cannot be combined with, and a list that names no
 * group at all (an empty name, a leading, trailing or doubled comma). */
static int groups_conflicts(const staff_args *a)
{
    static const char *const opt[] = {"--group", "--confidence", "--absenteeism",
                                      "--max-reps", "--write-schedule", "--plot",
                                      "--shrinkage"};
    int set[] = {a->group != NULL, a->o.confidence > 0, a->o.absenteeism > 0,
                 a->o.max_replications > 0, a->schedule != NULL, a->c.plot != NULL,
                 a->o.shrinkage > 0};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
        if (set[i]) {
            return ccs_cli_usage_error("staff", "--groups: %s cannot be used with --groups "
                                                "(docs/cli.md, staffing several groups)",
                                       opt[i]);
        }
    }
    const char *p = a->groups;
    size_t n = strlen(p);
    if (n == 0 || p[0] == ',' || p[n - 1] == ',' || strstr(p, ",,")) {
        return ccs_cli_usage_error("staff", "--groups: expected agent group names separated by "
                                            "commas like A,B, got '%s'",
                                   p);
    }
    return CCS_EXIT_OK;
}

/* Resolves --groups against the scenario into gi[] (room for every
 * group): each name must be a group, and named once. */
static int groups_resolve(const staff_args *a, const ccs_scenario *sc, int *gi, int *ng)
{
    *ng = 0;
    const char *p = a->groups;
    while (*p) {
        size_t len = strcspn(p, ",");
        char name[CCS_NAME_MAX];
        if (len >= sizeof name) {
            return ccs_cli_usage_error("staff", "--groups: no agent group named '%.*s' in %s "
                                                "(names have at most %d characters)",
                                       (int)(len > 80 ? 80 : len), p, sc->file,
                                       CCS_NAME_MAX - 1);
        }
        memcpy(name, p, len);
        name[len] = '\0';
        int g = ccs_scenario_find_group(sc, name);
        if (g < 0) {
            return ccs_cli_usage_error("staff", "--groups: no agent group named '%s' in %s",
                                       name, sc->file);
        }
        for (int i = 0; i < *ng; i++) {
            if (gi[i] == g) {
                return ccs_cli_usage_error("staff", "--groups: agent group '%s' is named twice",
                                           name);
            }
        }
        gi[(*ng)++] = g;
        p += len + (p[len] == ',');
    }
    return CCS_EXIT_OK;
}

/* ccsim staff --groups: the search of several groups and its report. */
static int staff_groups(staff_args *a, const ccs_scenario *sc)
{
    ccs_error err;
    ccs_error_clear(&err);
    int *gi = malloc((size_t)sc->n_groups * sizeof *gi);
    if (!gi) {
        ccs_error_set(&err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        return ccs_cli_report_error("staff", &err);
    }
    int ng = 0;
    int rc = groups_resolve(a, sc, gi, &ng);
    ccs_staff_groups_result *s = NULL;
    if (rc != CCS_EXIT_OK) {
        goto done;
    }
    a->o.sl_target = a->sl_target;
    a->o.sl_threshold_s = a->sl_threshold_s;
    s = ccs_staff_groups_search(sc, &a->o, gi, ng, &err);
    if (!s) {
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, a->c.out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    if (ccs_staff_groups_write(out.fp, sc, &a->o, s, a->c.format, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    rc = ccs_cli_out_commit(&out, &err) == CCS_OK ? CCS_EXIT_OK
                                                   : ccs_cli_report_error("staff", &err);
done:
    ccs_staff_groups_result_free(s);
    free(gi);
    return rc;
}

static int staff_parse(staff_args *a, int argc, char **argv)
{
    static const char *const own[] = {"sl",        "asa",      "max-abandon",    "max-occupancy",
                                      "shrinkage", "group",    "criterion",      "max-reps",
                                      "write-schedule", "confidence", "absenteeism", "groups",
                                      NULL};
    memset(a, 0, sizeof *a);
    ccs_staff_options_init(&a->o);
    a->sl_threshold_s = -1;
    int rc = ccs_cli_common_init(&a->c, "staff",
                                 CCS_CLI_REPS | CCS_CLI_THREADS | CCS_CLI_SETS | CCS_CLI_FORMAT |
                                     CCS_CLI_OUT | CCS_CLI_PLOT | CCS_CLI_QUIET | CCS_CLI_VOLUME,
                                 argc);
    if (rc != CCS_EXIT_OK) {
        return rc;
    }
    a->c.min_reps = 2;
    rc = ccs_cli_parse(&a->c, argc, argv, own, staff_apply, a);
    if (rc != CCS_EXIT_OK) {
        return rc;
    }
    if (a->c.reps > 0) {
        a->o.replications = (int)a->c.reps;
    }
    if (a->c.reps > 0 && a->o.max_replications > 0 && a->o.max_replications < a->c.reps) {
        return ccs_cli_usage_error("staff", "--max-reps: expected at least --reps (%ld), got %d",
                                   a->c.reps, a->o.max_replications);
    }
    a->o.threads = (int)a->c.threads;   /* 0 unless given, as the default */
    if (a->groups) {
        rc = groups_conflicts(a);
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
    }
    if (!a->c.help) {
        return ccs_cli_need_path(&a->c, "scenarios/mmc.cfg --sl 80/20");
    }
    return CCS_EXIT_OK;
}

int ccs_cmd_staff(int argc, char **argv)
{
    staff_args a;
    int rc = staff_parse(&a, argc, argv);
    if (rc != CCS_EXIT_OK || a.c.help) {
        if (rc == CCS_EXIT_OK) {
            ccs_cli_help(stdout, "staff");
        }
        ccs_cli_common_fini(&a.c);
        return rc;
    }
    ccs_error err;
    ccs_error_clear(&err);
    ccs_staff_result *s = NULL;
    ccs_scenario *sc = ccs_cli_common_load(&a.c, &err, &rc);
    if (!sc) {
        goto done;
    }
    if (a.groups) {
        rc = staff_groups(&a, sc);
        goto done;
    }
    if (a.group) {
        a.o.group = ccs_scenario_find_group(sc, a.group);
        if (a.o.group < 0) {
            rc = ccs_cli_usage_error("staff", "--group: no agent group named '%s' in %s", a.group,
                                     sc->file);
            goto done;
        }
    } else if (sc->n_groups > 1) {
        rc = ccs_cli_usage_error("staff", "--group: the scenario has %d agent groups; name the "
                                          "one to staff (e.g. --group %s)",
                                 sc->n_groups, sc->groups[0].name);
        goto done;
    }
    if (a.c.plot && ccs_plot_prepare_dir(a.c.plot, &err) != CCS_OK) {
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    a.o.sl_target = a.sl_target;
    a.o.sl_threshold_s = a.sl_threshold_s;
    s = ccs_staff_search(sc, &a.o, &err);
    if (!s) {
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    /* The schedule file before the report: if it cannot be written, stdout
     * has had nothing. */
    if (a.schedule) {
        const ccs_agent_group *gr = &sc->groups[s->group];
        ccs_schedule_edit e = {s->group, s->counts, s->n_intervals, gr->n_serves, gr->serves,
                               a.sl_target, a.sl_threshold_s};
        if (ccs_scenario_write_schedule(a.c.path, a.c.sets.v, a.c.sets.n, &e, a.schedule, &err) !=
            CCS_OK) {
            rc = ccs_cli_report_error("staff", &err);
            goto done;
        }
    }
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, a.c.out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    if (ccs_staff_write(out.fp, sc, &a.o, s, a.c.format, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    if (a.c.plot) {
        int drawn = 0;
        if (ccs_plot_staff(a.c.plot, sc, s, s->sl_target, &drawn, &err) != CCS_OK) {
            rc = ccs_cli_report_error("staff", &err);
            goto done;
        }
        if (!ccs_plot_have_gnuplot()) {
            ccs_cli_plot_note(a.c.plot);
        }
    }
    rc = CCS_EXIT_OK;
done:
    ccs_staff_result_free(s);
    ccs_scenario_free(sc);
    ccs_cli_common_fini(&a.c);
    return rc;
}
