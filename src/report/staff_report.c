/*
 * staff_report.c — writes the result of a staffing search (staff.h) as
 * text, CSV or JSON (staff_report.h; layouts in docs/cli.md, ## ccsim
 * staff).  Every estimate goes through report/format.h; staff's CSV keeps
 * its %.17g numbers and its text printf's rounding (CCS__CSV_G17,
 * CCS__EST_RAW), as it printed them before the writers shared one module.
 */
#include "ccsim/staff_report.h"

#include "report/format.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "ccsim/workload.h"

/* "12.3" (a percentage) or "-": the mean alone, for the narrow columns. */
static void mean_text(char *buf, size_t n, const ccs_estimate *e)
{
    if (ccs__est_shown(e, CCS__EST_RAW)) {
        snprintf(buf, n, "%.1f", 100 * e->mean);
    } else {
        snprintf(buf, n, "-");
    }
}

/* ",mean,lo,hi" or ",,,". */
static void csv_est(FILE *fp, const ccs_estimate *e)
{
    ccs__csv_est(fp, e, ccs__est_shown(e, 0), CCS__CSV_G17);
}

/* Offered load of interval k over the types group g serves, Erlangs, at
 * g's handle-time factor and with the repeats of its fcr (workload.h). */
static double group_load(const ccs_scenario *sc, int g, int k)
{
    return ccs_workload_group(sc, g, k);
}

static void write_text(FILE *fp, const ccs_scenario *sc, const ccs_staff_options *o,
                       const ccs_staff_result *s)
{
    const ccs_agent_group *gr = &sc->groups[s->group];
    fprintf(fp, "ccsim staff: %s\n", sc->name);
    fprintf(fp, "  file             %s\n", sc->file);
    fprintf(fp, "  group            %s\n", gr->name);
    fprintf(fp, "  targets          SL %.4g%% within %.4g s", 100 * s->sl_target, s->sl_threshold_s);
    if (o->max_asa_s > 0) {
        fprintf(fp, ", ASA <= %.4g s", o->max_asa_s);
    }
    if (o->max_abandon > 0) {
        fprintf(fp, ", abandon <= %.4g%%", 100 * o->max_abandon);
    }
    if (o->max_occupancy > 0) {
        fprintf(fp, ", occupancy <= %.4g%%", 100 * o->max_occupancy);
    }
    int conf = o->confidence > 0;
    fprintf(fp, "\n  criterion        %s\n",
            o->rule == CCS_STAFF_CI ? "ci (the whole 95% CI meets every target)"
                                      : "mean (the point estimate meets every target)");
    if (conf) {
        fprintf(fp, "  confidence       %.4g%%: the interval meets every target on at least this "
                    "share of days (replications); P(meet) with its 95%% Wilson interval; "
                    "analytic = the same question in closed form (ccsim erlang --confidence)\n",
                    100 * o->confidence);
    }
    if (conf || o->absenteeism > 0) {
        fprintf(fp, "  uncertainty      volume cv from the scenario (volume_cv); absenteeism "
                    "%.4g%% (each scheduled agent, for the whole day)\n",
                    100 * o->absenteeism);
    }
    if (sc->volume_factor != 1.0) {
        fprintf(fp, "  volume factor    %g (every call type's arrivals)\n", sc->volume_factor);
    }
    fprintf(fp, "  replications     %d in the final run (seed %" PRIu64 "); %ld simulations\n\n",
            s->replications, sc->seed, s->simulations);
    fprintf(fp, "   # start    load  Erlang C  Erlang A%s  sim  sched  SL %% [95%% CI]         "
                "%sASA s [95%% CI]        abandon %%     occupancy %%  settled\n",
            conf ? "  analytic" : "", conf ? "P(meet) % [95% CI]     " : "");
    double ab_max = o->max_abandon > 0 ? o->max_abandon : CCS_REPORT_ABANDON_WARN;
    int flagged = 0;
    for (int k = 0; k < s->n_intervals; k++) {
        const ccs_staff_interval *iv = &s->intervals[k];
        int m = (int)lround((sc->start_s + k * sc->interval_s) / 60.0);
        char sl[48], asa[48], ab[24], oc[24];
        ccs__fmt_estimate(sl, sizeof sl, &iv->fig.service_level, 100, 1);
        ccs__fmt_estimate(asa, sizeof asa, &iv->fig.asa_s, 1, 1);
        mean_text(ab, sizeof ab, &iv->fig.abandon_rate);
        mean_text(oc, sizeof oc, &iv->fig.occupancy);
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
            ccs__fmt_estimate(e, sizeof e, &iv->prob_meet, 100, 1);
            snprintf(pm, sizeof pm, "%-22s ", e);
        }
        fprintf(fp, "%4d %02d:%02d %7.2f %9s %9s%s %4d %6d  %-22s %s%-20s %-12s %-12s %s%s\n",
                k, m / 60, m % 60, group_load(sc, s->group, k), ec, ea, an, iv->agents,
                iv->scheduled_agents, sl, pm, asa, ab, oc, iv->settled ? "yes" : "+-1", flag);
    }
    if (flagged) {
        ccs_report_abandon_note(fp, ab_max, o->max_abandon > 0
                                                ? "--max-abandon is met by the point estimate, "
                                                  "not the whole CI (see --criterion ci)"
                                                : "--max-abandon FRAC makes a limit a target");
    }
    fprintf(fp, "\ntotal agent-hours      %.2f\n", s->total_agent_hours);
    fprintf(fp, "scheduled agent-hours  %.2f (shrinkage %.4g%%)\n", s->scheduled_agent_hours,
            100 * o->shrinkage);
    char sl[48];
    ccs__fmt_estimate(sl, sizeof sl, &s->summary.service_level, 100, 1);
    fprintf(fp, "day service level      %s\n", sl);
    if (s->costed) {
        char day[64], month[64], call[64];
        ccs__fmt_estimate(day, sizeof day, &s->cost_per_day, 1, 0);
        ccs__fmt_estimate(month, sizeof month, &s->cost_per_month, 1, 0);
        ccs__fmt_estimate(call, sizeof call, &s->cost_per_handled_call, 1, 2);
        fprintf(fp, "cost per day           %s\n", day);
        fprintf(fp, "cost per month         %s\n", month);
        fprintf(fp, "cost per handled call  %s\n", call);
    } else {
        fprintf(fp, "cost                   - (the scenario has no cost section; see "
                    "docs/costs.md)\n");
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

static void write_csv(FILE *fp, const ccs_scenario *sc, const ccs_staff_options *o,
                      const ccs_staff_result *s)
{
    int conf = o->confidence > 0;
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

static int write_json(FILE *fp, const ccs_scenario *sc, const ccs_staff_options *opt,
                      const ccs_staff_result *s)
{
    int bad = 0;
    json_t *root = json_object(), *ivs = json_array(), *tg = json_object();
    if (!root || !ivs || !tg) {
        json_decref(root);
        json_decref(ivs);
        json_decref(tg);
        return CCS_ENOMEM;
    }
    ccs__json_put(root, "scenario", json_string(sc->name), &bad);
    ccs__json_put(root, "file", json_string(sc->file), &bad);
    ccs__json_put(root, "group", json_string(sc->groups[s->group].name), &bad);
    ccs__json_put(root, "volume_factor", ccs__json_num(sc->volume_factor, 1), &bad);
    ccs__json_put(tg, "service_level", ccs__json_num(s->sl_target, 1), &bad);
    ccs__json_put(tg, "sl_threshold_s", ccs__json_num(s->sl_threshold_s, 1), &bad);
    ccs__json_put(tg, "max_asa_s", opt->max_asa_s > 0 ? json_real(opt->max_asa_s) : json_null(), &bad);
    ccs__json_put(tg, "max_abandon", opt->max_abandon > 0 ? json_real(opt->max_abandon) : json_null(),
         &bad);
    ccs__json_put(tg, "max_occupancy",
         opt->max_occupancy > 0 ? json_real(opt->max_occupancy) : json_null(), &bad);
    ccs__json_put(root, "targets", tg, &bad);
    ccs__json_put(root, "criterion", json_string(opt->rule == CCS_STAFF_CI ? "ci" : "mean"), &bad);
    if (opt->confidence > 0) {
        ccs__json_put(root, "confidence", json_real(opt->confidence), &bad);
        ccs__json_put(root, "prob_meet_ci", json_string("wilson"), &bad);
    }
    if (opt->confidence > 0 || opt->absenteeism > 0) {
        ccs__json_put(root, "absenteeism", json_real(opt->absenteeism), &bad);
    }
    ccs__json_put(root, "replications", json_integer(s->replications), &bad);
    ccs__json_put(root, "simulations", json_integer(s->simulations), &bad);
    ccs__json_put(root, "seed", json_integer((json_int_t)sc->seed), &bad);
    for (int k = 0; k < s->n_intervals && !bad; k++) {
        const ccs_staff_interval *iv = &s->intervals[k];
        json_t *o = json_object();
        if (!o) {
            bad = 1;
            break;
        }
        ccs__json_put(o, "index", json_integer(k), &bad);
        ccs__json_put(o, "start_min", ccs__json_num((sc->start_s + k * sc->interval_s) / 60.0, 1), &bad);
        ccs__json_put(o, "load_erl", ccs__json_num(group_load(sc, s->group, k), 1), &bad);
        ccs__json_put(o, "erlang_agents", json_integer(iv->erlang_agents), &bad);
        ccs__json_put(o, "erlang_c_agents",
             iv->erlang_c_agents >= 0 ? json_integer(iv->erlang_c_agents) : json_null(), &bad);
        ccs__json_put(o, "erlang_a_agents",
             iv->erlang_a_agents >= 0 ? json_integer(iv->erlang_a_agents) : json_null(), &bad);
        ccs__json_put(o, "simulated_agents", json_integer(iv->agents), &bad);
        ccs__json_put(o, "scheduled_agents", json_integer(iv->scheduled_agents), &bad);
        ccs__json_put(o, "settled", json_boolean(iv->settled), &bad);
        ccs__json_put(o, "replications", json_integer(iv->replications), &bad);
        ccs__json_put(o, "service_level", ccs__json_estimate(&iv->fig.service_level, &bad), &bad);
        ccs__json_put(o, "asa_s", ccs__json_estimate(&iv->fig.asa_s, &bad), &bad);
        ccs__json_put(o, "abandon_rate", ccs__json_estimate(&iv->fig.abandon_rate, &bad), &bad);
        ccs__json_put(o, "occupancy", ccs__json_estimate(&iv->fig.occupancy, &bad), &bad);
        ccs__json_put(o, "offered", ccs__json_estimate(&iv->fig.offered, &bad), &bad);
        if (opt->confidence > 0) {
            ccs__json_put(o, "erlang_confidence_agents",
                 iv->erlang_confidence_agents >= 0 ? json_integer(iv->erlang_confidence_agents)
                                                   : json_null(),
                 &bad);
            ccs__json_put(o, "prob_meet_target", ccs__json_estimate(&iv->prob_meet, &bad), &bad);
        }
        bad |= json_array_append_new(ivs, o) != 0;
    }
    ccs__json_put(root, "intervals", ivs, &bad);
    ccs__json_put(root, "total_agent_hours", ccs__json_num(s->total_agent_hours, 1), &bad);
    ccs__json_put(root, "shrinkage", json_real(opt->shrinkage), &bad);
    ccs__json_put(root, "scheduled_agent_hours", ccs__json_num(s->scheduled_agent_hours, 1), &bad);
    ccs__json_put(root, "service_level", ccs__json_estimate(&s->summary.service_level, &bad), &bad);
    /* Only when the scenario prices its groups: no wage is ever invented. */
    if (s->costed) {
        json_t *cost = json_object();
        ccs__json_put(cost, "per_day", ccs__json_estimate(&s->cost_per_day, &bad), &bad);
        ccs__json_put(cost, "per_month", ccs__json_estimate(&s->cost_per_month, &bad), &bad);
        ccs__json_put(cost, "per_handled_call", ccs__json_estimate(&s->cost_per_handled_call, &bad), &bad);
        ccs__json_put(root, "cost", cost, &bad);
    }
    if (bad) {
        json_decref(root);
        return CCS_ENOMEM;
    }
    int rc = ccs__json_dump(root, fp);
    json_decref(root);
    return rc == 0 ? CCS_OK : CCS_EIO;
}

int ccs_staff_write(FILE *fp, const ccs_scenario *sc, const ccs_staff_options *o,
                    const ccs_staff_result *s, ccs_report_format f, ccs_error *err)
{
    CCS_ASSERT(fp && sc && o && s);
    switch (f) {
    case CCS_REPORT_JSON: {
        int rc = write_json(fp, sc, o, s);
        if (rc != CCS_OK) {
            return ccs_error_set(err, rc, NULL, 0, NULL, "writing the JSON output failed");
        }
        return CCS_OK;
    }
    case CCS_REPORT_CSV:
        write_csv(fp, sc, o, s);
        return CCS_OK;
    case CCS_REPORT_TEXT:
        break;
    }
    write_text(fp, sc, o, s);
    return CCS_OK;
}
