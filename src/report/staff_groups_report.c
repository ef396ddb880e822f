/*
 * staff_groups_report.c — writes the result of staffing several groups
 * together (staff.h, ccs_staff_groups_search()) as text, CSV or JSON
 * (staff_report.h; layouts in docs/cli.md, "Staffing several groups").
 * Every estimate goes through report/format.h; numbers in CSV are %.17g,
 * as in staff's other CSV.
 */
#include "ccsim/staff_report.h"

#include "report/format.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <jansson.h>

static const char *gname(const ccs_scenario *sc, const ccs_staff_groups_result *s, int j)
{
    return sc->groups[s->groups[j]].name;
}

static const char *tname(const ccs_scenario *sc, const ccs_staff_groups_result *s, int i)
{
    return sc->types[s->types[i]].name;
}

static int interval_minute(const ccs_scenario *sc, int k)
{
    return (int)lround((sc->start_s + k * sc->interval_s) / 60.0);
}

static int total_agents(const ccs_staff_groups_result *s, int k)
{
    int n = 0;
    for (int j = 0; j < s->n_groups; j++) {
        n += s->counts[(size_t)k * s->n_groups + j];
    }
    return n;
}

static double interval_cost(const ccs_scenario *sc, const ccs_staff_groups_result *s, int k)
{
    double c = 0;
    for (int j = 0; j < s->n_groups; j++) {
        c += s->counts[(size_t)k * s->n_groups + j] * s->unit_cost[j];
    }
    return c * sc->interval_s / 3600.0;
}

static void targets_text(FILE *fp, const ccs_staff_options *o)
{
    if (o->sl_target > 0) {
        fprintf(fp, "SL %.4g%% within %.4g s for every call type", 100 * o->sl_target,
                o->sl_threshold_s);
    } else {
        fprintf(fp, "each call type's own SL (below)");
    }
    if (o->max_asa_s > 0) {
        fprintf(fp, ", ASA <= %.4g s", o->max_asa_s);
    }
    if (o->max_abandon > 0) {
        fprintf(fp, ", abandon <= %.4g%%", 100 * o->max_abandon);
    }
    if (o->max_occupancy > 0) {
        fprintf(fp, ", occupancy <= %.4g%%", 100 * o->max_occupancy);
    }
    fputc('\n', fp);
}

static void write_text(FILE *fp, const ccs_scenario *sc, const ccs_staff_options *o,
                       const ccs_staff_groups_result *s)
{
    int ng = s->n_groups, nt = s->n_types;
    fprintf(fp, "ccsim staff --groups: %s\n", sc->name);
    fprintf(fp, "  file             %s\n", sc->file);
    fprintf(fp, "  groups           ");
    for (int j = 0; j < ng; j++) {
        fprintf(fp, "%s%s", j ? ", " : "", gname(sc, s, j));
    }
    fprintf(fp, "\n  targets          ");
    targets_text(fp, o);
    fprintf(fp, "  criterion        %s\n",
            o->rule == CCS_STAFF_CI ? "ci (the whole 95% CI meets every target)"
                                    : "mean (the point estimate meets every target)");
    fprintf(fp, "  search           greedy marginal, interval by interval, common random "
                "numbers: add the agent whose group cuts the shortfall most per unit cost, "
                "then remove agents not needed\n");
    if (s->cost_basis == CCS_STAFF_COST_HOURLY) {
        fprintf(fp, "  cost basis       per agent-hour on the phones:");
        for (int j = 0; j < ng; j++) {
            fprintf(fp, "%s %s %.4g", j ? "," : "", gname(sc, s, j), s->unit_cost[j]);
        }
        fputc('\n', fp);
    } else {
        fprintf(fp, "  cost basis       agents (every agent weighs 1: not every staffed group "
                    "has an hourly cost)\n");
    }
    if (sc->volume_factor != 1.0) {
        fprintf(fp, "  volume factor    %g (every call type's arrivals)\n", sc->volume_factor);
    }
    fprintf(fp, "  replications     %d per candidate and in the final run (seed %" PRIu64
                "); %ld simulations\n\n",
            s->replications, sc->seed, s->simulations);

    fprintf(fp, "agents per group (pooled = Erlang for one pool with every skill)\n");
    fprintf(fp, "   # start  pooled");
    for (int j = 0; j < ng; j++) {
        int w = (int)strlen(gname(sc, s, j));
        fprintf(fp, " %*s", w < 6 ? 6 : w, gname(sc, s, j));
    }
    fprintf(fp, "  total         cost  iterations  evaluations\n");
    for (int k = 0; k < s->n_intervals; k++) {
        int m = interval_minute(sc, k);
        char pooled[16];
        snprintf(pooled, sizeof pooled, s->pooled_agents[k] >= 0 ? "%d" : "-",
                 s->pooled_agents[k]);
        fprintf(fp, "%4d %02d:%02d %7s", k, m / 60, m % 60, pooled);
        for (int j = 0; j < ng; j++) {
            int w = (int)strlen(gname(sc, s, j));
            fprintf(fp, " %*d", w < 6 ? 6 : w, s->counts[(size_t)k * ng + j]);
        }
        fprintf(fp, " %6d %12.2f %11d %12d\n", total_agents(s, k), interval_cost(sc, s, k),
                s->iterations[k], s->evaluations[k]);
    }

    int wn = 4;
    for (int i = 0; i < nt; i++) {
        int len = (int)strlen(tname(sc, s, i));
        wn = len > wn ? len : wn;
    }
    fprintf(fp, "\nservice per call type (final run)\n");
    fprintf(fp, "   # start  %-*s  SL %% [95%% CI]          target      ASA s [95%% CI]        "
                "abandon %% [95%% CI]    met\n",
            wn, "type");
    for (int k = 0; k < s->n_intervals; k++) {
        int m = interval_minute(sc, k);
        for (int i = 0; i < nt; i++) {
            const ccs_staff_type_fig *tf = &s->fig[(size_t)k * nt + i];
            char sl[48], asa[48], ab[48], tg[32];
            ccs__fmt_estimate(sl, sizeof sl, &tf->fig.service_level, 100, 1);
            ccs__fmt_estimate(asa, sizeof asa, &tf->fig.asa_s, 1, 1);
            ccs__fmt_estimate(ab, sizeof ab, &tf->fig.abandon_rate, 100, 1);
            snprintf(tg, sizeof tg, "%.4g/%.4g", 100 * tf->sl_target, tf->sl_threshold_s);
            fprintf(fp, "%4d %02d:%02d  %-*s  %-22s %-11s %-22s %-22s %s\n", k, m / 60, m % 60,
                    wn, tname(sc, s, i), sl, tg, asa, ab, tf->met ? "yes" : "NO");
        }
    }
    fprintf(fp, "\ntotal agent-hours      %.2f (", s->total_agent_hours);
    for (int j = 0; j < ng; j++) {
        fprintf(fp, "%s%s %.2f", j ? ", " : "", gname(sc, s, j), s->agent_hours[j]);
    }
    fprintf(fp, ")\n");
    if (s->cost_basis == CCS_STAFF_COST_HOURLY) {
        fprintf(fp, "weighted cost          %.2f (agent-hours x cost per agent-hour)\n",
                s->weighted_cost);
    }
    fprintf(fp, "day service level      ");
    for (int i = 0; i < nt; i++) {
        char sl[48];
        ccs__fmt_estimate(sl, sizeof sl, &s->day[i].fig.service_level, 100, 1);
        fprintf(fp, "%s%s %s", i ? "; " : "", tname(sc, s, i), sl);
    }
    fputc('\n', fp);
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

/* A CSV cell holding a name: quoted, quotes doubled. */
static void csv_name(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"') {
            fputc('"', fp);
        }
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void csv_est(FILE *fp, const ccs_estimate *e)
{
    ccs__csv_est(fp, e, ccs__est_shown(e, 0), CCS__CSV_G17);
}

/* One table, two kinds of rows per interval: `group` rows (agents and the
 * cost per agent-hour) and `type` rows (the figures). */
static void write_csv(FILE *fp, const ccs_scenario *sc, const ccs_staff_groups_result *s)
{
    int ng = s->n_groups, nt = s->n_types;
    fprintf(fp, "interval,start_min,kind,name,agents,unit_cost,pooled_agents,iterations,"
                "evaluations,sl_target,sl_threshold_s,service_level,service_level_lo,"
                "service_level_hi,asa_s,asa_s_lo,asa_s_hi,abandon_rate,abandon_rate_lo,"
                "abandon_rate_hi,met\n");
    for (int k = 0; k < s->n_intervals; k++) {
        double start = (sc->start_s + k * sc->interval_s) / 60.0;
        for (int j = 0; j < ng; j++) {
            fprintf(fp, "%d,%.17g,group,", k, start);
            csv_name(fp, gname(sc, s, j));
            fprintf(fp, ",%d,%.17g,%d,%d,%d,,,,,,,,,,,,\n", s->counts[(size_t)k * ng + j],
                    s->unit_cost[j], s->pooled_agents[k], s->iterations[k],
                    s->evaluations[k]);
        }
        for (int i = 0; i < nt; i++) {
            const ccs_staff_type_fig *tf = &s->fig[(size_t)k * nt + i];
            fprintf(fp, "%d,%.17g,type,", k, start);
            csv_name(fp, tname(sc, s, i));
            fprintf(fp, ",,,%d,%d,%d,%.17g,%.17g", s->pooled_agents[k], s->iterations[k],
                    s->evaluations[k], tf->sl_target, tf->sl_threshold_s);
            csv_est(fp, &tf->fig.service_level);
            csv_est(fp, &tf->fig.asa_s);
            csv_est(fp, &tf->fig.abandon_rate);
            fprintf(fp, ",%d\n", tf->met);
        }
    }
}

static json_t *type_json(const ccs_scenario *sc, const ccs_staff_groups_result *s, int i,
                         const ccs_staff_type_fig *tf, int *bad)
{
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    ccs__json_put(o, "name", json_string(tname(sc, s, i)), bad);
    ccs__json_put(o, "sl_target", ccs__json_num(tf->sl_target, 1), bad);
    ccs__json_put(o, "sl_threshold_s", ccs__json_num(tf->sl_threshold_s, 1), bad);
    ccs__json_put(o, "service_level", ccs__json_estimate(&tf->fig.service_level, bad), bad);
    ccs__json_put(o, "asa_s", ccs__json_estimate(&tf->fig.asa_s, bad), bad);
    ccs__json_put(o, "abandon_rate", ccs__json_estimate(&tf->fig.abandon_rate, bad), bad);
    ccs__json_put(o, "offered", ccs__json_estimate(&tf->fig.offered, bad), bad);
    if (tf->met >= 0) {
        ccs__json_put(o, "met", json_boolean(tf->met), bad);
    }
    return o;
}

static int write_json(FILE *fp, const ccs_scenario *sc, const ccs_staff_options *opt,
                      const ccs_staff_groups_result *s)
{
    int bad = 0, ng = s->n_groups, nt = s->n_types;
    json_t *root = json_object(), *groups = json_array(), *tg = json_object(),
           *unit = json_object(), *ivs = json_array(), *hours = json_object(),
           *day = json_array();
    if (!root || !groups || !tg || !unit || !ivs || !hours || !day) {
        json_decref(root);
        json_decref(groups);
        json_decref(tg);
        json_decref(unit);
        json_decref(ivs);
        json_decref(hours);
        json_decref(day);
        return CCS_ENOMEM;
    }
    ccs__json_put(root, "scenario", json_string(sc->name), &bad);
    ccs__json_put(root, "file", json_string(sc->file), &bad);
    for (int j = 0; j < ng; j++) {
        bad |= json_array_append_new(groups, json_string(gname(sc, s, j))) != 0;
        ccs__json_put(unit, gname(sc, s, j), json_real(s->unit_cost[j]), &bad);
        ccs__json_put(hours, gname(sc, s, j), ccs__json_num(s->agent_hours[j], 1), &bad);
    }
    ccs__json_put(root, "groups", groups, &bad);
    ccs__json_put(root, "volume_factor", ccs__json_num(sc->volume_factor, 1), &bad);
    ccs__json_put(tg, "service_level",
                  opt->sl_target > 0 ? json_real(opt->sl_target) : json_null(), &bad);
    ccs__json_put(tg, "sl_threshold_s",
                  opt->sl_target > 0 ? json_real(opt->sl_threshold_s) : json_null(), &bad);
    ccs__json_put(tg, "max_asa_s", opt->max_asa_s > 0 ? json_real(opt->max_asa_s) : json_null(),
                  &bad);
    ccs__json_put(tg, "max_abandon",
                  opt->max_abandon > 0 ? json_real(opt->max_abandon) : json_null(), &bad);
    ccs__json_put(tg, "max_occupancy",
                  opt->max_occupancy > 0 ? json_real(opt->max_occupancy) : json_null(), &bad);
    ccs__json_put(root, "targets", tg, &bad);
    ccs__json_put(root, "criterion", json_string(opt->rule == CCS_STAFF_CI ? "ci" : "mean"),
                  &bad);
    ccs__json_put(root, "search", json_string("greedy-marginal"), &bad);
    ccs__json_put(root, "cost_basis",
                  json_string(s->cost_basis == CCS_STAFF_COST_HOURLY ? "agent_hour" : "agents"),
                  &bad);
    ccs__json_put(root, "unit_cost", unit, &bad);
    ccs__json_put(root, "replications", json_integer(s->replications), &bad);
    ccs__json_put(root, "simulations", json_integer(s->simulations), &bad);
    ccs__json_put(root, "seed", json_integer((json_int_t)sc->seed), &bad);
    for (int k = 0; k < s->n_intervals && !bad; k++) {
        json_t *o = json_object(), *ag = json_object(), *ty = json_array();
        if (!o || !ag || !ty) {
            json_decref(o);
            json_decref(ag);
            json_decref(ty);
            bad = 1;
            break;
        }
        ccs__json_put(o, "index", json_integer(k), &bad);
        ccs__json_put(o, "start_min", ccs__json_num((sc->start_s + k * sc->interval_s) / 60.0, 1),
                      &bad);
        ccs__json_put(o, "pooled_agents",
                      s->pooled_agents[k] >= 0 ? json_integer(s->pooled_agents[k]) : json_null(),
                      &bad);
        for (int j = 0; j < ng; j++) {
            ccs__json_put(ag, gname(sc, s, j), json_integer(s->counts[(size_t)k * ng + j]),
                          &bad);
        }
        ccs__json_put(o, "agents", ag, &bad);
        ccs__json_put(o, "total_agents", json_integer(total_agents(s, k)), &bad);
        ccs__json_put(o, "cost", ccs__json_num(interval_cost(sc, s, k), 1), &bad);
        ccs__json_put(o, "iterations", json_integer(s->iterations[k]), &bad);
        ccs__json_put(o, "evaluations", json_integer(s->evaluations[k]), &bad);
        for (int i = 0; i < nt; i++) {
            json_t *t = type_json(sc, s, i, &s->fig[(size_t)k * nt + i], &bad);
            bad |= !t || json_array_append_new(ty, t) != 0;
        }
        ccs__json_put(o, "types", ty, &bad);
        bad |= json_array_append_new(ivs, o) != 0;
    }
    ccs__json_put(root, "intervals", ivs, &bad);
    ccs__json_put(root, "total_agent_hours", ccs__json_num(s->total_agent_hours, 1), &bad);
    ccs__json_put(root, "agent_hours", hours, &bad);
    ccs__json_put(root, "weighted_cost", ccs__json_num(s->weighted_cost, 1), &bad);
    for (int i = 0; i < nt && !bad; i++) {
        json_t *t = type_json(sc, s, i, &s->day[i], &bad);
        bad |= !t || json_array_append_new(day, t) != 0;
    }
    ccs__json_put(root, "day", day, &bad);
    if (s->costed) {
        json_t *cost = json_object();
        ccs__json_put(cost, "per_day", ccs__json_estimate(&s->cost_per_day, &bad), &bad);
        ccs__json_put(cost, "per_month", ccs__json_estimate(&s->cost_per_month, &bad), &bad);
        ccs__json_put(cost, "per_handled_call",
                      ccs__json_estimate(&s->cost_per_handled_call, &bad), &bad);
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

int ccs_staff_groups_write(FILE *fp, const ccs_scenario *sc, const ccs_staff_options *o,
                           const ccs_staff_groups_result *s, ccs_report_format f,
                           ccs_error *err)
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
        write_csv(fp, sc, s);
        return CCS_OK;
    case CCS_REPORT_TEXT:
        break;
    }
    write_text(fp, sc, o, s);
    return CCS_OK;
}
