/*
 * cmd_staff.c — `ccsim staff`: per-interval staffing by simulation, beside
 * the Erlang answer; optionally the schedule written as a scenario and
 * charts.
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
#include "ccsim/workload.h"

/* ---- ccsim staff ------------------------------------------------------- */

typedef struct staff_args {
    ccs_cli_common c;        /* the scenario, --reps, --threads, --set, --format, --out... */
    ccs_staff_options o;
    const char *group;
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

static int staff_parse(staff_args *a, int argc, char **argv)
{
    static const char *const own[] = {"sl",        "asa",      "max-abandon",    "max-occupancy",
                                      "shrinkage", "group",    "criterion",      "max-reps",
                                      "write-schedule", "confidence", "absenteeism", NULL};
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
    if (!a->c.help) {
        return ccs_cli_need_path(&a->c, "scenarios/mmc.cfg --sl 80/20");
    }
    return CCS_EXIT_OK;
}

/* Offered load of interval k over the types group g serves, Erlangs, at
 * g's handle-time factor and with the repeats of its fcr (workload.h). */
static double group_load(const ccs_scenario *sc, int g, int k)
{
    return ccs_workload_group(sc, g, k);
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
    int conf = a->o.confidence > 0;
    fprintf(fp, "\n  criterion        %s\n",
            a->o.rule == CCS_STAFF_CI ? "ci (the whole 95% CI meets every target)"
                                      : "mean (the point estimate meets every target)");
    if (conf) {
        fprintf(fp, "  confidence       %.4g%%: the interval meets every target on at least this "
                    "share of days (replications); P(meet) with its 95%% Wilson interval; "
                    "analytic = the same question in closed form (ccsim erlang --confidence)\n",
                    100 * a->o.confidence);
    }
    if (conf || a->o.absenteeism > 0) {
        fprintf(fp, "  uncertainty      volume cv from the scenario (volume_cv); absenteeism "
                    "%.4g%% (each scheduled agent, for the whole day)\n",
                    100 * a->o.absenteeism);
    }
    if (sc->volume_factor != 1.0) {
        fprintf(fp, "  volume factor    %g (every call type's arrivals)\n", sc->volume_factor);
    }
    fprintf(fp, "  replications     %d in the final run (seed %" PRIu64 "); %ld simulations\n\n",
            s->replications, sc->seed, s->simulations);
    fprintf(fp, "   # start    load  Erlang C  Erlang A%s  sim  sched  SL %% [95%% CI]         "
                "%sASA s [95%% CI]        abandon %%     occupancy %%  settled\n",
            conf ? "  analytic" : "", conf ? "P(meet) % [95% CI]     " : "");
    double ab_max = a->o.max_abandon > 0 ? a->o.max_abandon : CCS_REPORT_ABANDON_WARN;
    int flagged = 0;
    for (int k = 0; k < s->n_intervals; k++) {
        const ccs_staff_interval *iv = &s->intervals[k];
        int m = (int)lround((sc->start_s + k * sc->interval_s) / 60.0);
        char sl[48], asa[48], ab[24], oc[24];
        est_text(sl, sizeof sl, &iv->fig.service_level, 100, 1);
        est_text(asa, sizeof asa, &iv->fig.asa_s, 1, 1);
        snprintf(ab, sizeof ab, iv->fig.abandon_rate.defined ? "%.1f" : "-",
                 100 * iv->fig.abandon_rate.mean);
        snprintf(oc, sizeof oc, iv->fig.occupancy.defined ? "%.1f" : "-",
                 100 * iv->fig.occupancy.mean);
        char ec[16], ea[16], flag[48] = "";
        snprintf(ec, sizeof ec, iv->erlang_c_agents >= 0 ? "%d" : "-", iv->erlang_c_agents);
        snprintf(ea, sizeof ea, iv->erlang_a_agents >= 0 ? "%d" : "-", iv->erlang_a_agents);
        if (ccs_report_abandon_flag(&iv->fig.abandon_rate, ab_max, flag, sizeof flag)) {
            flagged++;
        }
        char an[16] = "", pm[64] = "";
        if (conf) {
            char e[48];
            if (iv->erlang_confidence_agents >= 0) {
                snprintf(an, sizeof an, "%10d", iv->erlang_confidence_agents);
            } else {
                snprintf(an, sizeof an, "%10s", "-");
            }
            est_text(e, sizeof e, &iv->prob_meet, 100, 1);
            snprintf(pm, sizeof pm, "%-22s ", e);
        }
        fprintf(fp, "%4d %02d:%02d %7.2f %9s %9s%s %4d %6d  %-22s %s%-20s %-12s %-12s %s%s\n",
                k, m / 60, m % 60, group_load(sc, s->group, k), ec, ea, an, iv->agents,
                iv->scheduled_agents, sl, pm, asa, ab, oc, iv->settled ? "yes" : "+-1", flag);
    }
    if (flagged) {
        ccs_report_abandon_note(fp, ab_max, a->o.max_abandon > 0
                                                ? "--max-abandon is met by the point estimate, "
                                                  "not the whole CI (see --criterion ci)"
                                                : "--max-abandon FRAC makes a limit a target");
    }
    fprintf(fp, "\ntotal agent-hours      %.2f\n", s->total_agent_hours);
    fprintf(fp, "scheduled agent-hours  %.2f (shrinkage %.4g%%)\n", s->scheduled_agent_hours,
            100 * a->o.shrinkage);
    char sl[48];
    est_text(sl, sizeof sl, &s->summary.service_level, 100, 1);
    fprintf(fp, "day service level      %s\n", sl);
    if (s->costed) {
        char day[64], month[64], call[64];
        est_text(day, sizeof day, &s->cost_per_day, 1, 0);
        est_text(month, sizeof month, &s->cost_per_month, 1, 0);
        est_text(call, sizeof call, &s->cost_per_handled_call, 1, 2);
        fprintf(fp, "cost per day           %s\n", day);
        fprintf(fp, "cost per month         %s\n", month);
        fprintf(fp, "cost per handled call  %s\n", call);
    } else {
        fprintf(fp, "cost                   - (the scenario has no cost section; see "
                    "docs/costs.md)\n");
    }
}

static void csv_est(FILE *fp, const ccs_estimate *e)
{
    if (e->defined && isfinite(e->mean)) {
        fprintf(fp, ",%.17g,%.17g,%.17g", e->mean, e->lo, e->hi);
    } else {
        fputs(",,,", fp);
    }
}

/* An agent count for CSV: empty when undefined (-1). */
static const char *csv_int(char *buf, size_t n, int v)
{
    if (v >= 0) {
        snprintf(buf, n, "%d", v);
    } else {
        buf[0] = '\0';
    }
    return buf;
}

static void write_csv(FILE *fp, const ccs_scenario *sc, const staff_args *sa,
                      const ccs_staff_result *s)
{
    int conf = sa->o.confidence > 0;
    fprintf(fp, "interval,start_min,load_erl,erlang_agents,simulated_agents,scheduled_agents,"
                "settled,replications,service_level,service_level_lo,service_level_hi,"
                "asa_s,asa_s_lo,asa_s_hi,abandon_rate,abandon_rate_lo,abandon_rate_hi,"
                "occupancy,occupancy_lo,occupancy_hi,erlang_c_agents,erlang_a_agents%s\n",
            conf ? ",erlang_confidence_agents,prob_meet_target,prob_meet_target_lo,"
                   "prob_meet_target_hi"
                 : "");
    for (int k = 0; k < s->n_intervals; k++) {
        const ccs_staff_interval *iv = &s->intervals[k];
        char c[16], a[16];
        fprintf(fp, "%d,%.17g,%.17g,%d,%d,%d,%d,%d", k, (sc->start_s + k * sc->interval_s) / 60.0,
                group_load(sc, s->group, k), iv->erlang_agents, iv->agents,
                iv->scheduled_agents, iv->settled, iv->replications);
        csv_est(fp, &iv->fig.service_level);
        csv_est(fp, &iv->fig.asa_s);
        csv_est(fp, &iv->fig.abandon_rate);
        csv_est(fp, &iv->fig.occupancy);
        fprintf(fp, ",%s,%s", csv_int(c, sizeof c, iv->erlang_c_agents),
                csv_int(a, sizeof a, iv->erlang_a_agents));
        if (conf) {
            fprintf(fp, ",%s", csv_int(c, sizeof c, iv->erlang_confidence_agents));
            csv_est(fp, &iv->prob_meet);
        }
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
    jput(root, "volume_factor", jnum(sc->volume_factor, 1), &bad);
    jput(tg, "service_level", jnum(target, 1), &bad);
    jput(tg, "sl_threshold_s", jnum(thr, 1), &bad);
    jput(tg, "max_asa_s", a->o.max_asa_s > 0 ? json_real(a->o.max_asa_s) : json_null(), &bad);
    jput(tg, "max_abandon", a->o.max_abandon > 0 ? json_real(a->o.max_abandon) : json_null(),
         &bad);
    jput(tg, "max_occupancy",
         a->o.max_occupancy > 0 ? json_real(a->o.max_occupancy) : json_null(), &bad);
    jput(root, "targets", tg, &bad);
    jput(root, "criterion", json_string(a->o.rule == CCS_STAFF_CI ? "ci" : "mean"), &bad);
    if (a->o.confidence > 0) {
        jput(root, "confidence", json_real(a->o.confidence), &bad);
        jput(root, "prob_meet_ci", json_string("wilson"), &bad);
    }
    if (a->o.confidence > 0 || a->o.absenteeism > 0) {
        jput(root, "absenteeism", json_real(a->o.absenteeism), &bad);
    }
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
        jput(o, "start_min", jnum((sc->start_s + k * sc->interval_s) / 60.0, 1), &bad);
        jput(o, "load_erl", jnum(group_load(sc, s->group, k), 1), &bad);
        jput(o, "erlang_agents", json_integer(iv->erlang_agents), &bad);
        jput(o, "erlang_c_agents",
             iv->erlang_c_agents >= 0 ? json_integer(iv->erlang_c_agents) : json_null(), &bad);
        jput(o, "erlang_a_agents",
             iv->erlang_a_agents >= 0 ? json_integer(iv->erlang_a_agents) : json_null(), &bad);
        jput(o, "simulated_agents", json_integer(iv->agents), &bad);
        jput(o, "scheduled_agents", json_integer(iv->scheduled_agents), &bad);
        jput(o, "settled", json_boolean(iv->settled), &bad);
        jput(o, "replications", json_integer(iv->replications), &bad);
        jput(o, "service_level", jest(&iv->fig.service_level), &bad);
        jput(o, "asa_s", jest(&iv->fig.asa_s), &bad);
        jput(o, "abandon_rate", jest(&iv->fig.abandon_rate), &bad);
        jput(o, "occupancy", jest(&iv->fig.occupancy), &bad);
        jput(o, "offered", jest(&iv->fig.offered), &bad);
        if (a->o.confidence > 0) {
            jput(o, "erlang_confidence_agents",
                 iv->erlang_confidence_agents >= 0 ? json_integer(iv->erlang_confidence_agents)
                                                   : json_null(),
                 &bad);
            jput(o, "prob_meet_target", jest(&iv->prob_meet), &bad);
        }
        bad |= json_array_append_new(ivs, o) != 0;
    }
    jput(root, "intervals", ivs, &bad);
    jput(root, "total_agent_hours", jnum(s->total_agent_hours, 1), &bad);
    jput(root, "shrinkage", json_real(a->o.shrinkage), &bad);
    jput(root, "scheduled_agent_hours", jnum(s->scheduled_agent_hours, 1), &bad);
    jput(root, "service_level", jest(&s->summary.service_level), &bad);
    /* Only when the scenario prices its groups: no wage is ever invented. */
    if (s->costed) {
        json_t *cost = json_object();
        jput(cost, "per_day", jest(&s->cost_per_day), &bad);
        jput(cost, "per_month", jest(&s->cost_per_month), &bad);
        jput(cost, "per_handled_call", jest(&s->cost_per_handled_call), &bad);
        jput(root, "cost", cost, &bad);
    }
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
    const ccs_call_type *ct0 = &sc->types[sc->groups[s->group].serves[0]];
    double target = a.sl_target > 0 ? a.sl_target : ct0->sl_target;
    double thr = a.sl_threshold_s >= 0 ? a.sl_threshold_s : ct0->sl_threshold_s;

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
    if (a.c.format == CCS_REPORT_JSON) {
        if (write_json(out.fp, sc, &a, s, target, thr) != CCS_OK) {
            ccs_cli_out_abort(&out);
            ccs_error_set(&err, CCS_EIO, NULL, 0, NULL, "writing the JSON output failed");
            rc = ccs_cli_report_error("staff", &err);
            goto done;
        }
    } else if (a.c.format == CCS_REPORT_CSV) {
        write_csv(out.fp, sc, &a, s);
    } else {
        write_text(out.fp, sc, &a, s, target, thr);
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("staff", &err);
        goto done;
    }
    if (a.c.plot) {
        int drawn = 0;
        if (ccs_plot_staff(a.c.plot, sc, s, target, &drawn, &err) != CCS_OK) {
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
