/*
 * cmd_validate.c — `ccsim validate`: the simulated figures of a scenario
 * beside Erlang B / C / A theory, with whether theory lies inside the
 * simulation's 95% confidence interval (teaching mode).
 *
 * Theory applies to a call type answered by exactly one group that answers
 * nothing else, per interval: Erlang B when the type has no waiting room
 * (queue_capacity = 0: M/M/N/N, blocked callers are lost), else Erlang C
 * (no patience: M/M/N) or Erlang A (exponential patience: M/M/N+M); any
 * other type is reported as "no theory".  Every figure row names the
 * formula its theory comes from.  Erlang formulas are steady-state results for
 * exponential times, so the report warns when the scenario departs from
 * those assumptions; it is a report, so the exit status is 0 either way.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/erlang.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/staff.h"
#include "ccsim/workload.h"

#define N_VFIG 5
#define VF_BLOCK 4   /* shown for Erlang B only */

static const char *const vfig_key[N_VFIG] = {"service_level", "prob_wait", "asa_s",
                                             "abandon_rate", "block_rate"};
static const char *const vfig_label[N_VFIG] = {"SL", "P(wait)", "ASA s", "abandon",
                                               "P(block)"};

/* The theory a call type gets. */
typedef enum vmodel { VM_ERLANG_C, VM_ERLANG_A, VM_ERLANG_B } vmodel;

/* The figures shown for a model, in order; -1 ends the list. */
static const int vfig_order[3][N_VFIG + 1] = {
    {0, 1, 2, 3, -1, -1}, {0, 1, 2, 3, -1, -1}, {VF_BLOCK, 0, 1, 2, 3, -1}};

static const char *const model_json[3] = {"erlang_c", "erlang_a", "erlang_b"};
static const char *const model_text[3] = {
    "Erlang C (M/M/N: callers wait until answered)",
    "Erlang A (M/M/N+M: exponential patience)",
    "Erlang B (M/M/N/N: no queue, blocked callers are lost)"};

/* Which formula gives figure i's theory under model m: text and JSON. */
static const char *formula(vmodel m, int i, int json)
{
    if (m == VM_ERLANG_B) {
        if (i == VF_BLOCK) {
            return json ? "erlang_b" : "Erlang B";
        }
        if (i == 0) {
            return json ? "1-erlang_b" : "1 - Erlang B";
        }
        return json ? "zero" : "0 (no queue)";
    }
    if (m == VM_ERLANG_C && i == 3) {
        return json ? "zero" : "0 (no patience)";
    }
    return json ? model_json[m] : (m == VM_ERLANG_A ? "Erlang A" : "Erlang C");
}

static vmodel model_of(const ccs_call_type *ct)
{
    if (ct->queue_capacity == 0) {
        return VM_ERLANG_B;
    }
    return ct->patience.kind == CCS_DIST_EXPONENTIAL ? VM_ERLANG_A : VM_ERLANG_C;
}

typedef struct vrow {
    int interval;             /* -1 = the day */
    int agents;               /* -1 when it varies over the day */
    double load;
    ccs_estimate sim[N_VFIG];
    double theory[N_VFIG];    /* NAN = none */
    int unstable;             /* Erlang C: load >= agents, no steady state */
} vrow;

/* The one group answering type t and nothing else, or -1. */
static int theory_group(const ccs_scenario *sc, int t)
{
    int found = -1;
    for (int g = 0; g < sc->n_groups; g++) {
        for (int i = 0; i < sc->groups[g].n_serves; i++) {
            if (sc->groups[g].serves[i] == t) {
                if (found >= 0 || sc->groups[g].n_serves != 1) {
                    return -1;
                }
                found = g;
            }
        }
    }
    return found;
}

/* Fills the theory of interval k; returns 0 when there is none (no calls,
 * no agents, or Erlang C unstable: then *unstable = 1). */
static int theory_at(const ccs_scenario *sc, int t, int g, int k, double th[N_VFIG],
                     int *unstable)
{
    const ccs_call_type *ct = &sc->types[t];
    for (int i = 0; i < N_VFIG; i++) {
        th[i] = NAN;
    }
    int n = sc->groups[g].count[k];
    *unstable = 0;
    if (ct->rate_per_hour[k] <= 0 || n < 1) {
        return 0;
    }
    if (model_of(ct) == VM_ERLANG_B) {
        /* Nobody waits: every caller is answered at once or blocked. */
        double b = ccs_erlang_b(n, ccs_workload_erlangs(sc, t, k, -1));
        if (!isfinite(b)) {
            return 0;
        }
        th[VF_BLOCK] = b;
        th[0] = sc->sl_definition == CCS_SL_ANSWERED ? 1.0 : 1.0 - b;
        th[1] = th[2] = th[3] = 0.0;
        return 1;
    }
    ccs_erlang_query q = {ct->rate_per_hour[k], ccs_workload_aht(sc, t, -1),
                          ct->patience.kind == CCS_DIST_EXPONENTIAL ? ct->patience.mean : 0.0,
                          ct->sl_threshold_s};
    ccs_erlang_metrics mt;
    int rc = ccs_erlang_eval(&q, n, &mt);
    *unstable = rc == CCS_EUNSTABLE;
    if (rc != CCS_OK) {
        return 0;
    }
    th[0] = sc->sl_definition == CCS_SL_ANSWERED ? mt.service_level_answered : mt.service_level;
    th[1] = mt.prob_wait;
    th[2] = mt.asa_s;
    th[3] = mt.prob_abandon;
    return 1;
}

static void sim_figs(const ccs_figures *f, ccs_estimate s[N_VFIG])
{
    s[0] = f->service_level;
    s[1] = f->prob_wait;
    s[2] = f->asa_s;
    s[3] = f->abandon_rate;
    s[4] = f->block_rate;
}

/* 1 inside, 0 outside, -1 no comparison. */
static int inside(const ccs_estimate *e, double th)
{
    if (!e->defined || !isfinite(th)) {
        return -1;
    }
    double tol = 1e-9 * (1 + fabs(th));
    return th >= e->lo - tol && th <= e->hi + tol;
}

static int collect_warnings(const ccs_scenario *sc, char w[][200], int max)
{
    int n = 0;
    if (sc->warmup_s <= 0 && n < max) {
        snprintf(w[n++], 200, "run.warmup_minutes is 0: the day starts empty, so early "
                              "intervals read better than steady-state theory");
    }
    for (int t = 0; t < sc->n_types && n < max; t++) {
        const ccs_call_type *ct = &sc->types[t];
        if (ct->queue_capacity == 0) {
            /* Erlang B: insensitive to the handle-time distribution (only its
             * mean matters), and nobody waits, so patience plays no part. */
            if (ct->volume_cv > 0 || ct->retry_blocked > 0 || ct->retry_abandoned > 0) {
                snprintf(w[n++], 200, "%s: volume_cv or retrials are outside the Erlang B "
                                      "model",
                         ct->name);
            }
            continue;
        }
        if (ct->talk.kind != CCS_DIST_EXPONENTIAL || ct->acw.kind != CCS_DIST_NONE) {
            snprintf(w[n++], 200, "%s: handle time is not exponential; Erlang assumes it is",
                     ct->name);
        }
        if (n < max && ct->patience.kind != CCS_DIST_NONE &&
            ct->patience.kind != CCS_DIST_EXPONENTIAL) {
            snprintf(w[n++], 200, "%s: patience is not exponential; no Erlang A theory",
                     ct->name);
        }
        if (n < max && (ct->volume_cv > 0 || ct->retry_abandoned > 0 || ct->retry_blocked > 0 ||
                        ct->queue_capacity >= 0)) {
            snprintf(w[n++], 200, "%s: volume_cv, retrials or a queue capacity are outside "
                                  "the Erlang model",
                     ct->name);
        }
    }
    if (sc->sl_definition == CCS_SL_EXCL_SHORT && n < max) {
        snprintf(w[n++], 200, "sl_definition excluding_short: theory shown is answered "
                              "within T / offered");
    }
    return n;
}

static const char *reason_no_theory(const ccs_scenario *sc, int t)
{
    if (theory_group(sc, t) < 0) {
        return "no theory: not answered by exactly one group that answers only it";
    }
    const ccs_call_type *ct = &sc->types[t];
    if (ct->queue_capacity != 0 && ct->patience.kind != CCS_DIST_NONE &&
        ct->patience.kind != CCS_DIST_EXPONENTIAL) {
        return "no theory: patience is not exponential";
    }
    return NULL;
}

/* Rows for type t: one per interval, then the day (theory weighted by the
 * arrival rates; ASA by the rate of answered calls). */
static int build_rows(const ccs_results *res, int t, int g, vrow *rows)
{
    const ccs_scenario *sc = res->sc;
    unsigned char *mask = calloc((size_t)sc->n_types, 1);
    if (!mask) {
        return CCS_ENOMEM;
    }
    mask[t] = 1;
    double wsum[N_VFIG] = {0}, wtot[N_VFIG] = {0};
    int day_ok = 1, same = 1;
    ccs_figures f;
    for (int k = 0; k < sc->n_intervals; k++) {
        vrow *r = &rows[k];
        r->interval = k;
        r->agents = sc->groups[g].count[k];
        same &= r->agents == sc->groups[g].count[0];
        r->load = ccs_workload_erlangs(sc, t, k, -1);
        if (ccs_staff_figures(res, k, k + 1, mask, &f) != CCS_OK) {
            free(mask);
            return CCS_ENOMEM;
        }
        sim_figs(&f, r->sim);
        double rate = sc->types[t].rate_per_hour[k];
        if (!theory_at(sc, t, g, k, r->theory, &r->unstable)) {
            day_ok &= rate <= 0;
            continue;
        }
        for (int i = 0; i < N_VFIG; i++) {
            /* ASA is a mean over answered calls: weight by their rate. */
            double w = i == 2 ? rate * (1 - r->theory[3] - (isfinite(r->theory[VF_BLOCK])
                                                                ? r->theory[VF_BLOCK]
                                                                : 0.0))
                              : rate;
            wsum[i] += w * r->theory[i];
            wtot[i] += w;
        }
    }
    vrow *d = &rows[sc->n_intervals];
    d->interval = -1;
    d->agents = same ? sc->groups[g].count[0] : -1;
    d->load = NAN;
    if (ccs_staff_figures(res, 0, sc->n_intervals, mask, &f) != CCS_OK) {
        free(mask);
        return CCS_ENOMEM;
    }
    sim_figs(&f, d->sim);
    for (int i = 0; i < N_VFIG; i++) {
        d->theory[i] = day_ok && wtot[i] > 0 ? wsum[i] / wtot[i] : NAN;
    }
    free(mask);
    return CCS_OK;
}

static void fmt_val(char *buf, size_t n, int i, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "-");
    } else if (i == 2) {
        snprintf(buf, n, "%.2f", v);
    } else {
        snprintf(buf, n, "%.2f%%", 100 * v);
    }
}

static void write_text(FILE *fp, const ccs_results *res, char w[][200], int nw)
{
    const ccs_scenario *sc = res->sc;
    fprintf(fp, "ccsim validate: %s\n", sc->name);
    fprintf(fp, "  file             %s\n", sc->file);
    fprintf(fp, "  replications     %d (seed %llu), warm-up %.0f min\n", res->replications,
            (unsigned long long)sc->seed, sc->warmup_s / 60);
    fprintf(fp, "  theory           steady-state Erlang B, C or A (per call type, below) for "
                "each interval's rate and agents\n");
    for (int i = 0; i < nw; i++) {
        fprintf(fp, "  warning          %s\n", w[i]);
    }
    vrow *rows = calloc((size_t)sc->n_intervals + 1, sizeof *rows);
    for (int t = 0; t < sc->n_types && rows; t++) {
        const ccs_call_type *ct = &sc->types[t];
        const char *why = reason_no_theory(sc, t);
        fprintf(fp, "\ncall type %s", ct->name);
        if (why) {
            fprintf(fp, ": %s\n", why);
            continue;
        }
        int g = theory_group(sc, t);
        vmodel vm = model_of(ct);
        fprintf(fp, " (group %s): %s\n", sc->groups[g].name, model_text[vm]);
        if (build_rows(res, t, g, rows) != CCS_OK) {
            break;
        }
        fprintf(fp, "  %-8s %6s %7s  %-8s %-28s %-10s %-9s  %s\n", "interval", "agents", "load",
                "figure", "simulated [95% CI]", "theory", "inside CI", "formula");
        for (int k = 0; k <= sc->n_intervals; k++) {
            const vrow *r = &rows[k];
            char iv[16], ag[16], ld[16];
            if (r->interval >= 0) {
                snprintf(iv, sizeof iv, "%d", r->interval);
                snprintf(ld, sizeof ld, "%.2f", r->load);
            } else {
                snprintf(iv, sizeof iv, "day");
                snprintf(ld, sizeof ld, "-");
            }
            if (r->agents >= 0) {
                snprintf(ag, sizeof ag, "%d", r->agents);
            } else {
                snprintf(ag, sizeof ag, "varies");
            }
            for (int j = 0; vfig_order[vm][j] >= 0; j++) {
                int i = vfig_order[vm][j];
                char m[24], lo[24], hi[24], th[24], sim[80];
                const ccs_estimate *e = &r->sim[i];
                if (e->defined && isfinite(e->mean)) {
                    fmt_val(m, sizeof m, i, e->mean);
                    fmt_val(lo, sizeof lo, i, e->lo);
                    fmt_val(hi, sizeof hi, i, e->hi);
                    snprintf(sim, sizeof sim, "%s [%s, %s]", m, lo, hi);
                } else {
                    snprintf(sim, sizeof sim, "-");
                }
                fmt_val(th, sizeof th, i, r->theory[i]);
                if (r->unstable) {
                    snprintf(th, sizeof th, "unstable"); /* load >= agents */
                }
                int in = inside(e, r->theory[i]);
                fprintf(fp, "  %-8s %6s %7s  %-8s %-28s %-10s %-9s  %s\n", j == 0 ? iv : "",
                        j == 0 ? ag : "", j == 0 ? ld : "", vfig_label[i], sim, th,
                        in < 0 ? "-" : in ? "yes" : "NO", formula(vm, i, 0));
            }
        }
    }
    free(rows);
}

static json_t *jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static int write_json(FILE *fp, const ccs_results *res, char w[][200], int nw)
{
    const ccs_scenario *sc = res->sc;
    json_t *root = json_object(), *warn = json_array(), *types = json_array();
    vrow *rows = calloc((size_t)sc->n_intervals + 1, sizeof *rows);
    int bad = !root || !warn || !types || !rows;
    for (int i = 0; i < nw && !bad; i++) {
        bad |= json_array_append_new(warn, json_string(w[i])) != 0;
    }
    for (int t = 0; t < sc->n_types && !bad; t++) {
        const ccs_call_type *ct = &sc->types[t];
        const char *why = reason_no_theory(sc, t);
        json_t *to = json_object(), *ra = json_array();
        bad |= !to || !ra;
        if (bad) {
            json_decref(to);
            json_decref(ra);
            break;
        }
        json_object_set_new(to, "name", json_string(ct->name));
        if (why) {
            json_object_set_new(to, "model", json_null());
            json_object_set_new(to, "note", json_string(why));
        } else {
            int g = theory_group(sc, t);
            vmodel vm = model_of(ct);
            json_object_set_new(to, "group", json_string(sc->groups[g].name));
            json_object_set_new(to, "model", json_string(model_json[vm]));
            bad |= build_rows(res, t, g, rows) != CCS_OK;
            for (int k = 0; k <= sc->n_intervals && !bad; k++) {
                const vrow *r = &rows[k];
                json_t *ro = json_object();
                if (!ro) {
                    bad = 1;
                    break;
                }
                json_object_set_new(ro, "interval",
                                    r->interval >= 0 ? json_integer(r->interval)
                                                     : json_string("day"));
                json_object_set_new(ro, "agents",
                                    r->agents >= 0 ? json_integer(r->agents) : json_null());
                json_object_set_new(ro, "load_erl", jnum(r->load));
                json_object_set_new(ro, "unstable", json_boolean(r->unstable));
                for (int j = 0; vfig_order[vm][j] >= 0; j++) {
                    int i = vfig_order[vm][j];
                    const ccs_estimate *e = &r->sim[i];
                    int ok = e->defined && isfinite(e->mean);
                    int in = inside(e, r->theory[i]);
                    json_t *fo = json_pack("{s:o,s:[o,o],s:o,s:o,s:s}", "mean",
                                           ok ? jnum(e->mean) : json_null(), "ci95",
                                           ok ? jnum(e->lo) : json_null(),
                                           ok ? jnum(e->hi) : json_null(), "theory",
                                           jnum(r->theory[i]), "inside_ci",
                                           in < 0 ? json_null() : json_boolean(in), "formula",
                                           formula(vm, i, 1));
                    bad |= !fo || json_object_set_new(ro, vfig_key[i], fo) != 0;
                }
                bad |= json_array_append_new(ra, ro) != 0;
            }
        }
        json_object_set_new(to, "rows", ra);
        bad |= json_array_append_new(types, to) != 0;
    }
    free(rows);
    if (!bad) {
        json_object_set_new(root, "scenario", json_string(sc->name));
        json_object_set_new(root, "file", json_string(sc->file));
        json_object_set_new(root, "replications", json_integer(res->replications));
        json_object_set_new(root, "seed", json_integer((json_int_t)sc->seed));
        json_object_set_new(root, "warnings", warn);
        json_object_set_new(root, "call_types", types);
        bad = json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(17)) != 0;
        fputc('\n', fp);
        json_decref(root);
    } else {
        json_decref(root);
        json_decref(warn);
        json_decref(types);
    }
    return bad ? CCS_ENOMEM : CCS_OK;
}

int ccs_cmd_validate(int argc, char **argv)
{
    ccs_error err;
    ccs_error_clear(&err);
    ccs_scenario *sc = NULL;
    ccs_results *res = NULL;
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
    char warn[16][200];
    int nw = collect_warnings(sc, warn, 16);
    ccs_cli_out out;
    if (ccs_cli_out_open(&out, c.out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("validate", &err);
        goto done;
    }
    if (c.format == CCS_REPORT_JSON) {
        if (write_json(out.fp, res, warn, nw) != CCS_OK) {
            ccs_cli_out_abort(&out);
            ccs_error_set(&err, CCS_ENOMEM, NULL, 0, NULL, "building the JSON output failed");
            rc = ccs_cli_report_error("validate", &err);
            goto done;
        }
    } else {
        write_text(out.fp, res, warn, nw);
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("validate", &err);
        goto done;
    }
done:
    ccs_results_free(res);
    ccs_scenario_free(sc);
    ccs_cli_common_fini(&c);
    return rc;
}
