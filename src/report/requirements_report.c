/*
 * requirements_report.c — `ccsim erlang --forecast` as text, CSV and JSON
 * (see requirements.h).  Formats only: every number was computed by
 * ccs_requirements_compute().  The CSV has no total line, so that it stays
 * a requirements file `ccsim schedule` can read; the totals are in the
 * text and JSON.
 */
#include "ccsim/requirements.h"

#include "report/format.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

static int any_patience(const ccs_requirements_plan *p)
{
    for (int i = 0; i < p->n; i++) {
        if (p->rows[i].patience_s > 0) {
            return 1;
        }
    }
    return 0;
}


/* ---- text ----------------------------------------------------------- */

static int write_text(FILE *fp, const ccs_requirements_plan *p, ccs_error *err)
{
    const ccs_requirements_spec *s = &p->spec;
    int ea = any_patience(p);
    fprintf(fp, "%s requirements per interval: %s\n",
            ea ? "Erlang A" : "Erlang C", p->file);
    fprintf(fp, "  intervals          %d of %g min%s\n", p->n, p->interval_s / 60.0,
            p->n_days > 1 ? " (several days)" : "");
    fprintf(fp, "  service level      %.4g%% answered within %.4g s\n",
            100 * s->targets.service_level, s->threshold_s);
    if (s->targets.max_asa_s > 0) {
        fprintf(fp, "  max ASA            %.4g s\n", s->targets.max_asa_s);
    }
    if (s->targets.max_occupancy > 0) {
        fprintf(fp, "  max occupancy      %.4g%%\n", 100 * s->targets.max_occupancy);
    }
    if (s->targets.max_abandon > 0) {
        fprintf(fp, "  max P(abandon)     %.4g%%\n", 100 * s->targets.max_abandon);
    }
    fprintf(fp, "  shrinkage          %.4g%%\n", 100 * s->targets.shrinkage);
    if (p->uncertain) {
        fprintf(fp, "  volume cv          %.4g%% (gamma multiplier of each interval's rate)\n",
                100 * s->volume_cv);
        fprintf(fp, "  absenteeism        %.4g%% (each planned agent absent independently)\n",
                100 * s->absenteeism);
        if (s->confidence > 0) {
            fprintf(fp, "  confidence         %.4g%%: required = fewest planned agents meeting "
                        "the SL target with this probability\n",
                    100 * s->confidence);
        } else {
            fprintf(fp, "  confidence         none: required = Erlang at the mean\n");
        }
    }
    fprintf(fp, "\n%s  start    calls     load  required  scheduled      SL   ASA s  occupancy",
            p->n_days > 1 ? "day" : "");
    if (ea) {
        fprintf(fp, "  abandon");
    }
    if (p->uncertain) {
        fprintf(fp, "  P(meet)  E[SL]  erlang  P(meet) at erlang");
    }
    fputc('\n', fp);
    for (int i = 0; i < p->n; i++) {
        const ccs_requirements_row *r = &p->rows[i];
        char hh[8];
        if (p->n_days > 1) {
            fprintf(fp, "%3d", r->day);
        }
        fprintf(fp, "  %5s %8.6g %8.2f %9d %10d %6.1f%% %7.2f %9.1f%%",
                ccs_clock_hhmm(r->start_s, hh, sizeof hh), r->calls, r->offered_load,
                r->required_agents, r->scheduled_agents, 100 * r->at.service_level,
                r->at.asa_s, 100 * r->at.occupancy);
        if (ea) {
            fprintf(fp, " %7.2f%%", 100 * r->at.prob_abandon);
        }
        if (p->uncertain) {
            fprintf(fp, " %7.1f%% %5.1f%% %7d %18.1f%%", 100 * r->unc.prob_meet,
                    100 * r->unc.expected_sl, r->unc.mean_agents, 100 * r->unc.prob_meet_mean);
        }
        fputc('\n', fp);
    }
    fprintf(fp, "\n%s total: %.6g calls, %.2f required agent-hours, %.2f scheduled "
                "agent-hours\n",
            p->n_days > 1 ? "week" : "day", p->calls, p->required_agent_hours,
            p->scheduled_agent_hours);
    fprintf(fp, "SL, ASA and occupancy are at the required agents and the forecast rate%s.\n",
            p->uncertain ? ", everyone present; P(meet) and E[SL] are over the volume "
                           "error and absence"
                         : "");
    return ccs__flush(fp, err);
}

/* ---- CSV ------------------------------------------------------------ */


static int write_csv(FILE *fp, const ccs_requirements_plan *p, ccs_error *err)
{
    if (p->n_days > 1) {
        fputs("day,", fp);
    }
    fputs("start,calls,offered_load,required_agents,scheduled_agents,service_level,asa_s,"
          "occupancy,prob_abandon",
          fp);
    if (p->uncertain) {
        fputs(",prob_meet_target,expected_service_level,erlang_agents,prob_meet_target_erlang,"
              "expected_service_level_erlang",
              fp);
    }
    fputc('\n', fp);
    for (int i = 0; i < p->n; i++) {
        const ccs_requirements_row *r = &p->rows[i];
        char hh[8];
        if (p->n_days > 1) {
            fprintf(fp, "%d,", r->day);
        }
        fprintf(fp, "%s", ccs_clock_hhmm(r->start_s, hh, sizeof hh));
        ccs__csv_real(fp, r->calls);
        ccs__csv_real(fp, r->offered_load);
        fprintf(fp, ",%d,%d", r->required_agents, r->scheduled_agents);
        ccs__csv_real(fp, r->at.service_level);
        ccs__csv_real(fp, r->at.stable ? r->at.asa_s : INFINITY);
        ccs__csv_real(fp, r->at.stable ? r->at.occupancy : 1.0);
        ccs__csv_real(fp, r->at.prob_abandon);
        if (p->uncertain) {
            ccs__csv_real(fp, r->unc.prob_meet);
            ccs__csv_real(fp, r->unc.expected_sl);
            fprintf(fp, ",%d", r->unc.mean_agents);
            ccs__csv_real(fp, r->unc.prob_meet_mean);
            ccs__csv_real(fp, r->unc.expected_sl_mean);
        }
        fputc('\n', fp);
    }
    return ccs__flush(fp, err);
}

/* ---- JSON ----------------------------------------------------------- */

static int put(json_t *o, const char *k, json_t *v)
{
    return v ? json_object_set_new(o, k, v) : -1;
}

static json_t *real_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static int write_json(FILE *fp, const ccs_requirements_plan *p, ccs_error *err)
{
    const ccs_requirements_spec *s = &p->spec;
    json_t *root = json_object();
    json_t *in = json_object();
    json_t *ivs = json_array();
    json_t *tot = json_object();
    int bad = !root || !in || !ivs || !tot;
    if (!bad) {
        bad |= put(in, "forecast", json_string(p->file));
        bad |= put(in, "interval_minutes", json_real(p->interval_s / 60.0));
        bad |= put(in, "service_level", json_real(s->targets.service_level));
        bad |= put(in, "threshold_s", json_real(s->threshold_s));
        bad |= put(in, "max_asa_s", s->targets.max_asa_s > 0 ? json_real(s->targets.max_asa_s)
                                                             : json_null());
        bad |= put(in, "max_occupancy", s->targets.max_occupancy > 0
                                            ? json_real(s->targets.max_occupancy)
                                            : json_null());
        bad |= put(in, "max_abandon", s->targets.max_abandon > 0
                                          ? json_real(s->targets.max_abandon)
                                          : json_null());
        bad |= put(in, "shrinkage", json_real(s->targets.shrinkage));
        bad |= put(in, "volume_cv", json_real(s->volume_cv));
        bad |= put(in, "absenteeism", json_real(s->absenteeism));
        bad |= put(in, "confidence", s->confidence > 0 ? json_real(s->confidence) : json_null());
    }
    for (int i = 0; i < p->n && !bad; i++) {
        const ccs_requirements_row *r = &p->rows[i];
        json_t *o = json_object();
        char hh[8];
        if (!o) {
            bad = 1;
            break;
        }
        if (p->n_days > 1) {
            bad |= put(o, "day", json_integer(r->day));
        }
        bad |= put(o, "start", json_string(ccs_clock_hhmm(r->start_s, hh, sizeof hh)));
        bad |= put(o, "calls", json_real(r->calls));
        bad |= put(o, "offered_load", json_real(r->offered_load));
        bad |= put(o, "aht_s", json_real(r->aht_s));
        bad |= put(o, "patience_s", r->patience_s > 0 ? json_real(r->patience_s) : json_null());
        bad |= put(o, "required_agents", json_integer(r->required_agents));
        bad |= put(o, "scheduled_agents", json_integer(r->scheduled_agents));
        bad |= put(o, "service_level", real_or_null(r->at.service_level));
        bad |= put(o, "asa_s", real_or_null(r->at.stable ? r->at.asa_s : INFINITY));
        bad |= put(o, "occupancy", real_or_null(r->at.stable ? r->at.occupancy : 1.0));
        bad |= put(o, "prob_abandon", real_or_null(r->at.prob_abandon));
        if (p->uncertain) {
            bad |= put(o, "prob_meet_target", json_real(r->unc.prob_meet));
            bad |= put(o, "expected_service_level", json_real(r->unc.expected_sl));
            bad |= put(o, "erlang_agents", json_integer(r->unc.mean_agents));
            bad |= put(o, "prob_meet_target_erlang", json_real(r->unc.prob_meet_mean));
            bad |= put(o, "expected_service_level_erlang", json_real(r->unc.expected_sl_mean));
        }
        bad |= json_array_append_new(ivs, o);
    }
    if (!bad) {
        bad |= put(tot, "calls", json_real(p->calls));
        bad |= put(tot, "required_agent_hours", json_real(p->required_agent_hours));
        bad |= put(tot, "scheduled_agent_hours", json_real(p->scheduled_agent_hours));
        bad |= put(root, "model", json_string(any_patience(p) ? "erlang_a" : "erlang_c"));
        bad |= put(root, "inputs", in);
        in = NULL;
        bad |= put(root, "intervals", ivs);
        ivs = NULL;
        bad |= put(root, "total", tot);
        tot = NULL;
    }
    json_decref(in);
    json_decref(ivs);
    json_decref(tot);
    if (bad) {
        json_decref(root);
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "cannot build the JSON output");
    }
    return ccs__json_write_ordered(root, fp, err);
}

int ccs_requirements_write(FILE *fp, const ccs_requirements_plan *p, ccs_erlang_format fmt,
                           ccs_error *err)
{
    switch (fmt) {
    case CCS_ERLANG_TEXT:
        return write_text(fp, p, err);
    case CCS_ERLANG_CSV:
        return write_csv(fp, p, err);
    case CCS_ERLANG_JSON:
        return write_json(fp, p, err);
    }
    return ccs_error_set(err, CCS_EINVAL, NULL, 0, "format", "unknown format %d", (int)fmt);
}
