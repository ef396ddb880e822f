/*
 * cmd_staff.c — `ccsim staff`: per-interval staffing by simulation, beside
 * the Erlang answer; optionally the schedule written as a scenario and
 * charts.  Also holds the option helpers that staff, sweep, trace and
 * validate share (declared in cli.h).
 *
 * Everything is checked before the search starts, so a typo costs no
 * simulation time; the search itself is ccs_staff_search() (src/staff.c).
 */
#include "cli/cli.h"

#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/plot.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_write.h"
#include "ccsim/staff.h"
#include "ccsim/units.h"

/* ---- shared option helpers -------------------------------------------- */

static int in_list(const char *name, const char *const *list)
{
    for (; list && *list; list++) {
        if (strcmp(name, *list) == 0) {
            return 1;
        }
    }
    return 0;
}

int ccs_cli_next(ccs_cli_parser *p, const char *const *valued, const char *const *flags,
                 const char **name, const char **val)
{
    *name = NULL;
    *val = NULL;
    while (++p->i < p->argc) {
        const char *arg = p->argv[p->i];
        if (p->only_pos || arg[0] != '-' || strcmp(arg, "-") == 0) {
            *val = arg;
            return CCS_ARG_POS;
        }
        if (strcmp(arg, "--") == 0) {
            p->only_pos = 1;
            continue;
        }
        if (strcmp(arg, "-h") == 0) {
            arg = "--help";
        }
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        if (strncmp(arg, "--", 2) != 0 || len == 0 || len >= sizeof p->name) {
            ccs_cli_usage_error(p->cmd, "unknown option '%s' (see ccsim %s --help)", arg,
                                p->cmd);
            return CCS_ARG_ERR;
        }
        memcpy(p->name, arg + 2, len);
        p->name[len] = '\0';
        *name = p->name;
        if (strcmp(p->name, "help") == 0 || in_list(p->name, flags)) {
            if (eq) {
                ccs_cli_usage_error(p->cmd, "--%s takes no value, got '%s'", p->name, arg);
                return CCS_ARG_ERR;
            }
            return CCS_ARG_OPT;
        }
        if (!in_list(p->name, valued)) {
            ccs_cli_usage_error(p->cmd, "unknown option '%s' (see ccsim %s --help)", arg,
                                p->cmd);
            return CCS_ARG_ERR;
        }
        if (eq) {
            *val = eq + 1;
        } else if (p->i + 1 < p->argc) {
            *val = p->argv[++p->i];
        } else {
            ccs_cli_usage_error(p->cmd, "--%s: missing value (see ccsim %s --help)", p->name,
                                p->cmd);
            return CCS_ARG_ERR;
        }
        return CCS_ARG_OPT;
    }
    return CCS_ARG_END;
}

int ccs_cli_sets_init(ccs_cli_sets *s, int argc)
{
    memset(s, 0, sizeof *s);
    s->v = calloc((size_t)argc + 1, sizeof *s->v);
    s->owned = calloc((size_t)argc + 1, sizeof *s->owned);
    return s->v && s->owned ? CCS_OK : CCS_ENOMEM;
}

int ccs_cli_sets_add(ccs_cli_sets *s, const char *cmd, const char *name, const char *val)
{
    if (strcmp(name, "seed") == 0) {
        long n;
        if (ccs_units_int(val, 0, LONG_MAX, &n) != CCS_OK) {
            return ccs_cli_usage_error(cmd, "--seed: expected an integer from 0 to %ld, got '%s'",
                                       LONG_MAX, val);
        }
        char *t = malloc(64);
        if (!t) {
            return ccs_cli_usage_error(cmd, "out of memory");
        }
        snprintf(t, 64, "run.seed=%ld", n);
        s->owned[s->n_owned++] = t;
        s->v[s->n++] = t;
        return CCS_EXIT_OK;
    }
    if (!strchr(val, '=') || val[0] == '=') {
        return ccs_cli_usage_error(cmd, "--set: expected PATH=VALUE (e.g. run.seed=3), got '%s'",
                                   val);
    }
    s->v[s->n++] = val;
    return CCS_EXIT_OK;
}

void ccs_cli_sets_fini(ccs_cli_sets *s)
{
    for (int i = 0; i < s->n_owned; i++) {
        free(s->owned[i]);
    }
    free(s->owned);
    free(s->v);
    memset(s, 0, sizeof *s);
}

int ccs_cli_int_opt(const char *cmd, const char *name, const char *val, long lo, long hi,
                    long *out)
{
    if (ccs_units_int(val, lo, hi, out) != CCS_OK) {
        return ccs_cli_usage_error(cmd, "--%s: expected an integer from %ld to %ld, got '%s'",
                                   name, lo, hi, val);
    }
    return CCS_EXIT_OK;
}

int ccs_cli_load_error(const char *cmd, const ccs_error *err)
{
    int rc = ccs_cli_report_error(cmd, err);
    return err->code == CCS_ENOMEM ? rc : CCS_EXIT_USAGE;
}

void ccs_cli_plot_note(const char *dir)
{
    fprintf(stderr,
            "ccsim: --plot: gnuplot not found; install the Debian package gnuplot-nox "
            "(charts skipped; data written to %s/*.csv)\n",
            dir);
}

/* ---- ccsim staff ------------------------------------------------------- */

typedef struct staff_args {
    const char *path;
    ccs_cli_sets sets;
    ccs_staff_options o;
    const char *group;
    double sl_target;        /* from --sl; 0 = the scenario's */
    double sl_threshold_s;   /* from --sl; -1 = the scenario's */
    ccs_report_format format;
    const char *out;
    const char *schedule;
    const char *plot;
    int help;
} staff_args;

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: ccsim staff SCENARIO.cfg [--sl PCT/TIME] [options]\n"
            "\n"
            "For each interval, the fewest agents of one group that meet the targets in\n"
            "the simulated center (queues carried from one interval to the next\n"
            "included), beside the Erlang C/A answer.  Intervals are searched in order\n"
            "with common random numbers (every candidate sees the same callers).\n"
            "\n"
            "targets (at least the service level; without --sl each call type's own):\n"
            "  --sl PCT/TIME        service level, e.g. 80/20 (80%% within 20 s)\n"
            "  --asa TIME           average speed of answer at most TIME\n"
            "  --max-abandon FRAC   abandon rate at most FRAC (5%% or 0.05)\n"
            "  --max-occupancy FRAC occupancy at most FRAC\n"
            "options:\n"
            "  --group NAME         the agent group to staff (required with several groups)\n"
            "  --criterion RULE     mean (default): the point estimate meets the targets, with\n"
            "                       replications doubled until the CI is clear of them;\n"
            "                       ci: the whole 95%% CI meets them (conservative)\n"
            "  --reps N             replications per candidate to start with (default 100)\n"
            "  --max-reps N         most replications per candidate (default 400)\n"
            "  --shrinkage FRAC     paid time off the phones, for scheduled agents (default 0)\n"
            "  --threads N          worker threads, 0 = all cores (output is the same)\n"
            "  --seed N             master seed (same as --set run.seed=N)\n"
            "  --set PATH=VALUE     override a scenario setting (repeatable)\n"
            "  --format FORMAT      text (default), csv or json\n"
            "  --out FILE           write the table to FILE, atomically\n"
            "  --write-schedule FILE  write the scenario with the schedule found\n"
            "  --plot DIR           SVG charts (and their CSV data) in DIR, via gnuplot\n"
            "\n"
            "Exit status: 0 ok, 1 runtime failure, 2 bad option or scenario, or no\n"
            "staffing meets the targets.  See docs/cli.md (ccsim staff).\n");
}

static int staff_apply(staff_args *a, const char *name, const char *val)
{
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
    } else if (strcmp(name, "criterion") == 0) {
        if (strcmp(val, "mean") == 0) {
            a->o.rule = CCS_STAFF_MEAN;
        } else if (strcmp(val, "ci") == 0) {
            a->o.rule = CCS_STAFF_CI;
        } else {
            return ccs_cli_usage_error("staff", "--criterion: expected mean or ci, got '%s'", val);
        }
    } else if (strcmp(name, "reps") == 0 || strcmp(name, "max-reps") == 0) {
        int rc = ccs_cli_int_opt("staff", name, val, 2, 100000, &n);
        if (rc) {
            return rc;
        }
        *(name[0] == 'r' ? &a->o.replications : &a->o.max_replications) = (int)n;
    } else if (strcmp(name, "threads") == 0) {
        int rc = ccs_cli_int_opt("staff", name, val, 0, 4096, &n);
        if (rc) {
            return rc;
        }
        a->o.threads = (int)n;
    } else if (strcmp(name, "seed") == 0 || strcmp(name, "set") == 0) {
        return ccs_cli_sets_add(&a->sets, "staff", name, val);
    } else if (strcmp(name, "format") == 0) {
        if (ccs_report_format_from_name(val, &a->format) != CCS_OK) {
            return ccs_cli_usage_error("staff", "--format: expected text, csv or json, got '%s'",
                                       val);
        }
    } else if (strcmp(name, "out") == 0) {
        a->out = strcmp(val, "-") == 0 ? NULL : val;
    } else if (strcmp(name, "write-schedule") == 0) {
        if (!*val) {
            return ccs_cli_usage_error("staff", "--write-schedule: expected a file name, got ''");
        }
        a->schedule = val;
    } else if (strcmp(name, "plot") == 0) {
        if (!*val) {
            return ccs_cli_usage_error("staff", "--plot: expected a directory, got ''");
        }
        a->plot = val;
    }
    return CCS_EXIT_OK;
}

static int staff_parse(staff_args *a, int argc, char **argv)
{
    static const char *const valued[] = {"sl", "asa", "max-abandon", "max-occupancy",
                                         "shrinkage", "group", "criterion", "reps", "max-reps",
                                         "threads", "seed", "set", "format", "out",
                                         "write-schedule", "plot", NULL};
    static const char *const flags[] = {"quiet", NULL};
    memset(a, 0, sizeof *a);
    ccs_staff_options_init(&a->o);
    a->sl_threshold_s = -1;
    if (ccs_cli_sets_init(&a->sets, argc) != CCS_OK) {
        return ccs_cli_usage_error("staff", "out of memory");
    }
    ccs_cli_parser p = {"staff", argc, argv, 0, 0, ""};
    const char *name, *val;
    int kind;
    while ((kind = ccs_cli_next(&p, valued, flags, &name, &val)) != CCS_ARG_END) {
        if (kind == CCS_ARG_ERR) {
            return CCS_EXIT_USAGE;
        }
        if (kind == CCS_ARG_POS) {
            if (a->path) {
                return ccs_cli_usage_error("staff", "unexpected argument '%s': one scenario file "
                                                    "(already have '%s')",
                                           val, a->path);
            }
            a->path = val;
            continue;
        }
        if (strcmp(name, "help") == 0) {
            a->help = 1;
            continue;
        }
        if (strcmp(name, "quiet") == 0) {
            continue;
        }
        int rc = staff_apply(a, name, val);
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
    }
    if (!a->help && !a->path) {
        return ccs_cli_usage_error("staff", "missing SCENARIO: expected a scenario file "
                                            "(e.g. ccsim staff scenarios/mmc.cfg --sl 80/20)");
    }
    return CCS_EXIT_OK;
}

/* Offered load of interval k over the types group g serves, Erlangs. */
static double group_load(const ccs_scenario *sc, int g, int k)
{
    double a = 0;
    const ccs_agent_group *gr = &sc->groups[g];
    for (int i = 0; i < gr->n_serves; i++) {
        const ccs_call_type *ct = &sc->types[gr->serves[i]];
        a += ct->rate_per_hour[k] / 3600.0 * (ccs_dist_mean(&ct->talk) + ccs_dist_mean(&ct->acw));
    }
    return a;
}

static void est_text(char *buf, size_t n, const ccs_estimate *e, double scale, int prec)
{
    if (!e->defined || !isfinite(e->mean)) {
        snprintf(buf, n, "-");
    } else {
        snprintf(buf, n, "%.*f [%.*f, %.*f]", prec, scale * e->mean, prec, scale * e->lo, prec,
                 scale * e->hi);
    }
}

static void write_text(FILE *fp, const ccs_scenario *sc, const staff_args *a,
                       const ccs_staff_result *s, double target, double thr)
{
    const ccs_agent_group *gr = &sc->groups[s->group];
    fprintf(fp, "ccsim staff: %s\n", sc->name);
    fprintf(fp, "  file             %s\n", sc->file);
    fprintf(fp, "  group            %s\n", gr->name);
    fprintf(fp, "  targets          SL %.4g%% within %.4g s", 100 * target, thr);
    if (a->o.max_asa_s > 0) {
        fprintf(fp, ", ASA <= %.4g s", a->o.max_asa_s);
    }
    if (a->o.max_abandon > 0) {
        fprintf(fp, ", abandon <= %.4g%%", 100 * a->o.max_abandon);
    }
    if (a->o.max_occupancy > 0) {
        fprintf(fp, ", occupancy <= %.4g%%", 100 * a->o.max_occupancy);
    }
    fprintf(fp, "\n  criterion        %s\n",
            a->o.rule == CCS_STAFF_CI ? "ci (the whole 95% CI meets every target)"
                                      : "mean (the point estimate meets every target)");
    fprintf(fp, "  replications     %d in the final run (seed %" PRIu64 "); %ld simulations\n\n",
            s->replications, sc->seed, s->simulations);
    fprintf(fp, "   # start    load  erlang  sim  sched  SL %% [95%% CI]         ASA s [95%% CI]"
                "        abandon %%     occupancy %%  settled\n");
    for (int k = 0; k < s->n_intervals; k++) {
        const ccs_staff_interval *iv = &s->intervals[k];
        int m = (int)lround(k * sc->interval_s / 60.0);
        char sl[48], asa[48], ab[24], oc[24];
        est_text(sl, sizeof sl, &iv->fig.service_level, 100, 1);
        est_text(asa, sizeof asa, &iv->fig.asa_s, 1, 1);
        snprintf(ab, sizeof ab, iv->fig.abandon_rate.defined ? "%.1f" : "-",
                 100 * iv->fig.abandon_rate.mean);
        snprintf(oc, sizeof oc, iv->fig.occupancy.defined ? "%.1f" : "-",
                 100 * iv->fig.occupancy.mean);
        fprintf(fp, "%4d %02d:%02d %7.2f %7d %4d %6d  %-22s %-20s %-12s %-12s %s\n", k, m / 60,
                m % 60, group_load(sc, s->group, k), iv->erlang_agents, iv->agents,
                iv->scheduled_agents, sl, asa, ab, oc, iv->settled ? "yes" : "+-1");
    }
    fprintf(fp, "\ntotal agent-hours      %.2f\n", s->total_agent_hours);
    fprintf(fp, "scheduled agent-hours  %.2f (shrinkage %.4g%%)\n", s->scheduled_agent_hours,
            100 * a->o.shrinkage);
    char sl[48];
    est_text(sl, sizeof sl, &s->summary.service_level, 100, 1);
    fprintf(fp, "day service level      %s\n", sl);
    fprintf(fp, "cost                   - (no wage data in this scenario's model; see "
                "docs/cli.md)\n");
}

static void csv_est(FILE *fp, const ccs_estimate *e)
{
    if (e->defined && isfinite(e->mean)) {
        fprintf(fp, ",%.17g,%.17g,%.17g", e->mean, e->lo, e->hi);
    } else {
        fputs(",,,", fp);
    }
}

static void write_csv(FILE *fp, const ccs_scenario *sc, const ccs_staff_result *s)
{
    fprintf(fp, "interval,start_min,load_erl,erlang_agents,simulated_agents,scheduled_agents,"
                "settled,replications,service_level,service_level_lo,service_level_hi,"
                "asa_s,asa_s_lo,asa_s_hi,abandon_rate,abandon_rate_lo,abandon_rate_hi,"
                "occupancy,occupancy_lo,occupancy_hi\n");
    for (int k = 0; k < s->n_intervals; k++) {
        const ccs_staff_interval *iv = &s->intervals[k];
        fprintf(fp, "%d,%.17g,%.17g,%d,%d,%d,%d,%d", k, k * sc->interval_s / 60.0,
                group_load(sc, s->group, k), iv->erlang_agents, iv->agents,
                iv->scheduled_agents, iv->settled, iv->replications);
        csv_est(fp, &iv->fig.service_level);
        csv_est(fp, &iv->fig.asa_s);
        csv_est(fp, &iv->fig.abandon_rate);
        csv_est(fp, &iv->fig.occupancy);
        fputc('\n', fp);
    }
}

static void jput(json_t *o, const char *k, json_t *v, int *bad)
{
    if (!v || json_object_set_new(o, k, v) != 0) {
        *bad = 1;
    }
}

static json_t *jnum(double v, int ok)
{
    return ok && isfinite(v) ? json_real(v) : json_null();
}

static json_t *jest(const ccs_estimate *e)
{
    int ok = e->defined && isfinite(e->mean);
    return json_pack("{s:o,s:[o,o]}", "mean", jnum(e->mean, ok), "ci95", jnum(e->lo, ok),
                     jnum(e->hi, ok));
}

static int write_json(FILE *fp, const ccs_scenario *sc, const staff_args *a,
                      const ccs_staff_result *s, double target, double thr)
{
    int bad = 0;
    json_t *root = json_object(), *ivs = json_array(), *tg = json_object();
    if (!root || !ivs || !tg) {
        json_decref(root);
        json_decref(ivs);
        json_decref(tg);
        return CCS_ENOMEM;
    }
    jput(root, "scenario", json_string(sc->name), &bad);
    jput(root, "file", json_string(sc->file), &bad);
    jput(root, "group", json_string(sc->groups[s->group].name), &bad);
    jput(tg, "service_level", json_real(target), &bad);
    jput(tg, "sl_threshold_s", json_real(thr), &bad);
    jput(tg, "max_asa_s", a->o.max_asa_s > 0 ? json_real(a->o.max_asa_s) : json_null(), &bad);
    jput(tg, "max_abandon", a->o.max_abandon > 0 ? json_real(a->o.max_abandon) : json_null(),
         &bad);
    jput(tg, "max_occupancy",
         a->o.max_occupancy > 0 ? json_real(a->o.max_occupancy) : json_null(), &bad);
    jput(root, "targets", tg, &bad);
    jput(root, "criterion", json_string(a->o.rule == CCS_STAFF_CI ? "ci" : "mean"), &bad);
    jput(root, "replications", json_integer(s->replications), &bad);
    jput(root, "simulations", json_integer(s->simulations), &bad);
    jput(root, "seed", json_integer((json_int_t)sc->seed), &bad);
    for (int k = 0; k < s->n_intervals && !bad; k++) {
        const ccs_staff_interval *iv = &s->intervals[k];
        json_t *o = json_object();
        if (!o) {
            bad = 1;
            break;
        }
        jput(o, "index", json_integer(k), &bad);
        jput(o, "start_min", json_real(k * sc->interval_s / 60.0), &bad);
        jput(o, "load_erl", json_real(group_load(sc, s->group, k)), &bad);
        jput(o, "erlang_agents", json_integer(iv->erlang_agents), &bad);
        jput(o, "simulated_agents", json_integer(iv->agents), &bad);
        jput(o, "scheduled_agents", json_integer(iv->scheduled_agents), &bad);
        jput(o, "settled", json_boolean(iv->settled), &bad);
        jput(o, "replications", json_integer(iv->replications), &bad);
        jput(o, "service_level", jest(&iv->fig.service_level), &bad);
        jput(o, "asa_s", jest(&iv->fig.asa_s), &bad);
        jput(o, "abandon_rate", jest(&iv->fig.abandon_rate), &bad);
        jput(o, "occupancy", jest(&iv->fig.occupancy), &bad);
        jput(o, "offered", jest(&iv->fig.offered), &bad);
        bad |= json_array_append_new(ivs, o) != 0;
    }
    jput(root, "intervals", ivs, &bad);
    jput(root, "total_agent_hours", json_real(s->total_agent_hours), &bad);
    jput(root, "shrinkage", json_real(a->o.shrinkage), &bad);
    jput(root, "scheduled_agent_hours", json_real(s->scheduled_agent_hours), &bad);
    jput(root, "service_level", jest(&s->summary.service_level), &bad);
    /* "cost" is added here once the scenario carries wage data (issue 5,
     * include/ccsim/cost.h); no wage is ever invented. */
    if (bad) {
        json_decref(root);
        return CCS_ENOMEM;
    }
    int rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    fputc('\n', fp);
    json_decref(root);
    return rc == 0 ? CCS_OK : CCS_EIO;
}

int ccs_cmd_staff(int argc, char **argv)
{
    staff_args a;
    int rc = staff_parse(&a, argc, argv);
    if (rc != CCS_EXIT_OK || a.help) {
        if (rc == CCS_EXIT_OK) {
            usage(stdout);
        }
        ccs_cli_sets_fini(&a.sets);
        return rc;
    }
    ccs_error err;
    ccs_error_clear(&err);
    ccs_staff_result *s = NULL;
    ccs_scenario *sc = ccs_scenario_load(a.path, a.sets.v, a.sets.n, &err);
    if (!sc) {
        rc = ccs_cli_load_error("staff", &err);
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
    if (a.plot && ccs_plot_prepare_dir(a.plot, &err) != CCS_OK) {
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
    const ccs_call_type *ct0 = &sc->types[sc->groups[s->group].serves[0]];
    double target = a.sl_target > 0 ? a.sl_target : ct0->sl_target;
    double thr = a.sl_threshold_s >= 0 ? a.sl_threshold_s : ct0->sl_threshold_s;

    ccs_cli_out out;
    if (ccs_cli_out_open(&out, a.out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    if (a.format == CCS_REPORT_JSON) {
        if (write_json(out.fp, sc, &a, s, target, thr) != CCS_OK) {
            ccs_cli_out_abort(&out);
            ccs_error_set(&err, CCS_EIO, NULL, 0, NULL, "writing the JSON output failed");
            rc = ccs_cli_report_error("staff", &err);
            goto done;
        }
    } else if (a.format == CCS_REPORT_CSV) {
        write_csv(out.fp, sc, s);
    } else {
        write_text(out.fp, sc, &a, s, target, thr);
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    if (a.schedule) {
        const ccs_agent_group *gr = &sc->groups[s->group];
        ccs_schedule_edit e = {s->group, s->counts, s->n_intervals, gr->n_serves, gr->serves,
                               a.sl_target, a.sl_threshold_s};
        if (ccs_scenario_write_schedule(a.path, a.sets.v, a.sets.n, &e, a.schedule, &err) !=
            CCS_OK) {
            rc = ccs_cli_report_error("staff", &err);
            goto done;
        }
    }
    if (a.plot) {
        int drawn = 0;
        if (ccs_plot_staff(a.plot, sc, s, target, &drawn, &err) != CCS_OK) {
            rc = ccs_cli_report_error("staff", &err);
            goto done;
        }
        if (!ccs_plot_have_gnuplot()) {
            ccs_cli_plot_note(a.plot);
        }
    }
    rc = CCS_EXIT_OK;
done:
    ccs_staff_result_free(s);
    ccs_scenario_free(sc);
    ccs_cli_sets_fini(&a.sets);
    return rc;
}
