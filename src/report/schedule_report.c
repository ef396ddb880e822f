/*
 * schedule_report.c — a roster as text (the shift list as a planner reads
 * it, the coverage table with a bar per interval, the over-staffing in
 * agent-hours), CSV (one row per group of identical shifts) or JSON
 * (status, total_cost, paid_hours, gap, shifts, coverage; rounds and
 * simulated after simulate-and-repair).  Formats only.
 */
#include "ccsim/schedule.h"

#include "report/format.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

enum { FMT_TEXT = 0, FMT_CSV = 1, FMT_JSON = 2 };

static const char *hm(double s, char *buf)
{
    return ccs_clock_hhmm(s, buf, 8);
}

static double end_of(const ccs_schedule_result *r, const ccs_roster_shift *sh)
{
    return sh->start_s + r->shifts_set->t[sh->template_idx].length_s;
}

/* "5,6" style list of the days off of a tour, by label. */
static void days_off_text(const ccs_schedule_result *r, const ccs_roster_shift *sh, char *buf,
                          size_t n)
{
    const ccs_shift_template *t = &r->shifts_set->t[sh->template_idx];
    size_t u = 0;
    buf[0] = '\0';
    for (int k = 0; k < t->days_off && u < n; k++) {
        int d = (sh->pattern + k) % r->n_days;
        u += (size_t)snprintf(buf + u, n - u, "%s%d", k ? " " : "", r->day_label[d]);
    }
}

static void breaks_text(const ccs_roster_shift *sh, char *buf, size_t n)
{
    size_t u = 0;
    char h[8];
    buf[0] = '\0';
    for (int i = 0; i < sh->n_breaks && u < n; i++) {
        u += (size_t)snprintf(buf + u, n - u, "%s%s", i ? " " : "", hm(sh->break_start_s[i], h));
    }
}


static void write_text(FILE *fp, const ccs_schedule_result *r, const ccs_repair_result *rep,
                       const char *req_file)
{
    const ccs_shift_set *s = r->shifts_set;
    char a[8], b[8], buf[128];
    int weekly = r->n_days > 1;
    fprintf(fp, "ccsim schedule: %s with %s\n", req_file, s->file);
    fprintf(fp, "  intervals        %d of %g min per day, %d day%s%s\n", r->per_day,
            r->interval_s / 60, r->n_days, r->n_days == 1 ? "" : "s",
            r->cyclic ? " (24 h: shifts wrap past midnight)" : "");
    fprintf(fp, "  model            %d shift patterns, %d rows; objective %s\n", r->n_columns,
            r->n_rows, r->objective == CCS_OBJ_COST ? "least cost" : "least deviation");
    fprintf(fp, "  status           %s", ccs_schedule_status_name(r->status));
    if (r->status == CCS_SCHED_OPTIMAL || r->status == CCS_SCHED_FEASIBLE) {
        fprintf(fp, " (gap %.2f%%), solved in %.2f s", 100 * r->gap, r->solve_s);
    }
    fputc('\n', fp);
    if (r->status == CCS_SCHED_INFEASIBLE) {
        fprintf(fp, "\nNo roster covers every interval within the limits.  Intervals that "
                    "cannot be covered\n(least total shortfall):\n");
        for (int i = 0; i < r->n; i++) {
            if (r->uncovered[i] > 0) {
                if (weekly) {
                    fprintf(fp, "  day %d", r->day_label[i / r->per_day]);
                }
                fprintf(fp, "  %s  required %g, short by %g\n",
                        hm(r->start_s + (i % r->per_day) * r->interval_s, a), r->required[i],
                        r->uncovered[i]);
            }
        }
        return;
    }
    if (r->status == CCS_SCHED_NO_SOLUTION) {
        fprintf(fp, "\nNo roster found within the time limit (--time-limit).\n");
        return;
    }
    fprintf(fp, "  total cost       %.2f\n", r->total_cost);
    fprintf(fp, "  paid hours       %.2f\n", r->paid_hours);
    fprintf(fp, "  agents           %d%s\n", r->agents, weekly ? " (shifts or tours)" : "");
    fprintf(fp, "  over-staffing    %.2f agent-hours\n", r->over_agent_hours);
    if (r->objective == CCS_OBJ_DEVIATION) {
        fprintf(fp, "  deviation        %g agent-intervals (sum of |scheduled - required|)\n",
                r->deviation);
    }
    fprintf(fp, "\nShifts\n  %5s  %-16s %s %5s  %5s  %-23s %7s %10s\n", "count", "shift",
            weekly ? "days off " : "", "start", "end", "breaks", "paid h", "cost/agent");
    for (int i = 0; i < r->n_shifts; i++) {
        const ccs_roster_shift *sh = &r->shifts[i];
        const ccs_shift_template *t = &s->t[sh->template_idx];
        char br[64], off[32] = "";
        breaks_text(sh, br, sizeof br);
        if (weekly) {
            if (sh->pattern >= 0) {
                days_off_text(r, sh, off, sizeof off);
            } else if (t->days_on > 0) {
                snprintf(off, sizeof off, "none");
            } else {
                snprintf(off, sizeof off, "day %d", r->day_label[sh->day]);
            }
            snprintf(buf, sizeof buf, "%-9s", off);
        }
        fprintf(fp, "  %5d  %-16s %s %5s  %5s  %-23s %7.2f %10.2f\n", sh->count, t->name,
                weekly ? buf : "", hm(sh->start_s, a), hm(end_of(r, sh), b), br[0] ? br : "-",
                sh->paid_hours, sh->cost);
    }
    double top = 1;
    for (int i = 0; i < r->n; i++) {
        top = fmax(top, fmax(r->scheduled[i], r->required[i]));
    }
    double scale = top > 40 ? 40 / top : 1;
    fprintf(fp, "\nCoverage (# on duty, | required)\n  %s%5s %8s %9s %6s\n",
            weekly ? "day " : "", "start", "required", "scheduled", "over");
    for (int i = 0; i < r->n; i++) {
        char bar[64];
        int nb = (int)lround(r->scheduled[i] * scale);
        int nr = (int)lround(r->required[i] * scale);
        int w = nb > nr ? nb : nr;
        for (int k = 0; k < w && k < 62; k++) {
            bar[k] = k < nb ? '#' : ' ';
        }
        if (nr > 0 && nr <= 62) {
            bar[nr - 1] = nb >= nr ? '|' : '!';
        }
        bar[w < 62 ? w : 62] = '\0';
        if (weekly) {
            fprintf(fp, "  %3d", r->day_label[i / r->per_day]);
        } else {
            fprintf(fp, "  ");
        }
        fprintf(fp, "%s%5s %8g %9g %+6g  %s\n", weekly ? " " : "",
                hm(r->start_s + (i % r->per_day) * r->interval_s, a), r->required[i],
                r->scheduled[i], r->scheduled[i] - r->required[i], bar);
    }
    if (rep) {
        fprintf(fp, "\nSimulate and repair (%d replications per round)\n", rep->replications);
        fprintf(fp, "  round  status     total cost   paid hours  intervals missing\n");
        for (int i = 0; i < rep->n_rounds; i++) {
            const ccs_repair_round *rd = &rep->rounds[i];
            fprintf(fp, "  %5d  %-9s %11.2f %12.2f %18d\n", i + 1,
                    ccs_schedule_status_name(rd->status), rd->total_cost, rd->paid_hours,
                    rd->missed);
        }
        fprintf(fp, "\n  %sstart  scheduled  simulated SL [95%% CI]   target  meets\n",
                weekly ? "day " : "");
        for (int i = 0; i < r->n; i++) {
            const ccs_estimate *e = &rep->simulated[i].service_level;
            char sl[48];
            if (ccs__est_shown(e, CCS__EST_RAW)) {
                ccs__fmt_est_w(sl, sizeof sl, e, 100, 1, "%", CCS__EST_RAW, 5);
            } else {
                snprintf(sl, sizeof sl, "- (no calls)");
            }
            if (weekly) {
                fprintf(fp, "  %3d ", r->day_label[i / r->per_day]);
            } else {
                fprintf(fp, "  ");
            }
            fprintf(fp, "%5s %10g  %-22s %5.1f%%  %s\n",
                    hm(r->start_s + (i % r->per_day) * r->interval_s, a), r->scheduled[i], sl,
                    100 * rep->target[i], rep->meets[i] ? "yes" : "NO");
        }
        fprintf(fp, "\n  %s\n", rep->all_met ? "every interval meets its target"
                                             : "some intervals still miss their target "
                                               "(raise --max-rounds or check the limits)");
    }
}

static void write_csv(FILE *fp, const ccs_schedule_result *r)
{
    int weekly = r->n_days > 1;
    char a[8], b[8];
    fprintf(fp, "name,%sstart,end,count,breaks,paid_hours,cost_per_agent\n",
            weekly ? "day,days_off," : "");
    for (int i = 0; i < r->n_shifts; i++) {
        const ccs_roster_shift *sh = &r->shifts[i];
        char br[64], off[32] = "";
        breaks_text(sh, br, sizeof br);
        fprintf(fp, "\"%s\",", r->shifts_set->t[sh->template_idx].name);
        if (weekly) {
            if (sh->pattern >= 0) {
                days_off_text(r, sh, off, sizeof off);
            }
            fprintf(fp, "%d,%s,", r->day_label[sh->day], off);
        }
        fprintf(fp, "%s,%s,%d,%s,%.17g,%.17g\n", hm(sh->start_s, a), hm(end_of(r, sh), b),
                sh->count, br, sh->paid_hours, sh->cost);
    }
}

static int put(json_t *o, const char *k, json_t *v)
{
    return v ? json_object_set_new(o, k, v) : -1;
}

static json_t *est_json(const ccs_estimate *e)
{
    int bad = 0;
    json_t *o = ccs__json_estimate(e, &bad);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int write_json(FILE *fp, const ccs_schedule_result *r, const ccs_repair_result *rep,
                      const char *req_file, ccs_error *err)
{
    int weekly = r->n_days > 1;
    char a[8];
    json_t *root = json_object(), *shifts = json_array(), *cov = json_array();
    int bad = !root || !shifts || !cov;
    bad |= put(root, "requirements", json_string(req_file));
    bad |= put(root, "shifts_file", json_string(r->shifts_set->file));
    bad |= put(root, "status", json_string(ccs_schedule_status_name(r->status)));
    bad |= put(root, "objective", json_string(r->objective == CCS_OBJ_COST ? "cost"
                                                                           : "deviation"));
    bad |= put(root, "total_cost", json_real(r->total_cost));
    bad |= put(root, "paid_hours", json_real(r->paid_hours));
    bad |= put(root, "gap", json_real(r->gap));
    bad |= put(root, "bound", isfinite(r->bound) ? json_real(r->bound) : json_null());
    bad |= put(root, "solve_s", json_real(r->solve_s));
    bad |= put(root, "columns", json_integer(r->n_columns));
    bad |= put(root, "rows", json_integer(r->n_rows));
    bad |= put(root, "interval_minutes", json_real(r->interval_s / 60));
    bad |= put(root, "days", json_integer(r->n_days));
    bad |= put(root, "over_agent_hours", json_real(r->over_agent_hours));
    bad |= put(root, "deviation", json_real(r->deviation));
    for (int i = 0; i < r->n_shifts && !bad; i++) {
        const ccs_roster_shift *sh = &r->shifts[i];
        const ccs_shift_template *t = &r->shifts_set->t[sh->template_idx];
        json_t *o = json_object(), *br = json_array();
        bad |= !o || !br;
        bad |= put(o, "name", json_string(t->name));
        bad |= put(o, "start", json_string(hm(sh->start_s, a)));
        bad |= put(o, "end", json_string(hm(end_of(r, sh), a)));
        bad |= put(o, "length_minutes", json_real(t->length_s / 60));
        if (weekly) {
            bad |= put(o, "day", json_integer(r->day_label[sh->day]));
            json_t *off = json_array(), *on = json_array();
            bad |= !off || !on;
            for (int d = 0; d < r->n_days && !bad; d++) {
                int works;
                if (t->days_on > 0) {
                    int k = sh->pattern < 0 ? t->days_off
                                            : ((d - sh->pattern) % r->n_days + r->n_days) %
                                                  r->n_days;
                    works = k >= t->days_off;
                } else {
                    works = d == sh->day;
                }
                bad |= json_array_append_new(works ? on : off,
                                             json_integer(r->day_label[d]));
            }
            bad |= put(o, "days_off", t->days_on > 0 ? off : (json_decref(off), json_null()));
            bad |= put(o, "days", on);
        }
        bad |= put(o, "count", json_integer(sh->count));
        for (int k = 0; k < sh->n_breaks; k++) {
            bad |= json_array_append_new(br, json_string(hm(sh->break_start_s[k], a)));
        }
        bad |= put(o, "breaks", br);
        json_t *bl = json_array();
        for (int k = 0; k < sh->n_breaks && bl; k++) {
            bad |= json_array_append_new(bl, json_real(t->breaks[k].length_s / 60));
        }
        bad |= put(o, "break_minutes", bl);
        bad |= put(o, "paid_hours", json_real(sh->paid_hours));
        bad |= put(o, "cost_per_agent", json_real(sh->cost));
        bad |= json_array_append_new(shifts, o);
    }
    for (int i = 0; i < r->n && !bad; i++) {
        json_t *o = json_object();
        bad |= !o;
        if (weekly) {
            bad |= put(o, "day", json_integer(r->day_label[i / r->per_day]));
        }
        bad |= put(o, "start", json_string(hm(r->start_s + (i % r->per_day) * r->interval_s,
                                              a)));
        bad |= put(o, "required", json_real(r->required[i]));
        bad |= put(o, "scheduled", json_real(r->scheduled[i]));
        bad |= put(o, "over", json_real(r->scheduled[i] - r->required[i]));
        if (r->status == CCS_SCHED_INFEASIBLE) {
            bad |= put(o, "uncovered", json_real(r->uncovered[i]));
        }
        bad |= json_array_append_new(cov, o);
    }
    bad |= put(root, "shifts", shifts);
    bad |= put(root, "coverage", cov);
    if (rep && !bad) {
        json_t *rounds = json_array(), *sim = json_array();
        bad |= !rounds || !sim;
        for (int i = 0; i < rep->n_rounds && !bad; i++) {
            const ccs_repair_round *rd = &rep->rounds[i];
            bad |= json_array_append_new(
                rounds, json_pack("{s:i,s:s,s:f,s:f,s:f,s:i,s:f}", "round", i + 1, "status",
                                  ccs_schedule_status_name(rd->status), "total_cost",
                                  rd->total_cost, "paid_hours", rd->paid_hours, "gap", rd->gap,
                                  "intervals_missing", rd->missed, "required_agent_hours",
                                  rd->required_agent_hours));
        }
        for (int i = 0; i < r->n && !bad; i++) {
            json_t *o = json_object();
            bad |= !o;
            if (weekly) {
                bad |= put(o, "day", json_integer(r->day_label[i / r->per_day]));
            }
            bad |= put(o, "start",
                       json_string(hm(r->start_s + (i % r->per_day) * r->interval_s, a)));
            bad |= put(o, "scheduled", json_real(r->scheduled[i]));
            bad |= put(o, "service_level", est_json(&rep->simulated[i].service_level));
            bad |= put(o, "target", json_real(rep->target[i]));
            bad |= put(o, "meets", json_boolean(rep->meets[i]));
            bad |= put(o, "offered", est_json(&rep->simulated[i].offered));
            bad |= json_array_append_new(sim, o);
        }
        bad |= put(root, "rounds", rounds);
        bad |= put(root, "simulated", sim);
        bad |= put(root, "all_met", json_boolean(rep->all_met));
        bad |= put(root, "replications", json_integer(rep->replications));
    }
    if (bad) {
        json_decref(root);
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "cannot build the JSON output");
    }
    return ccs__json_write_ordered(root, fp, err);
}

int ccs_schedule_write(FILE *fp, const ccs_schedule_result *r, const ccs_repair_result *rep,
                       int fmt, const char *req_file, ccs_error *err)
{
    if (fmt == FMT_JSON) {
        return write_json(fp, r, rep, req_file, err);
    }
    if (fmt == FMT_CSV) {
        write_csv(fp, r);
    } else {
        write_text(fp, r, rep, req_file);
    }
    return ccs__flush(fp, err);
}
