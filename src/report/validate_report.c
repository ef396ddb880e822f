/*
 * validate_report.c — writes a comparison with theory (validate.h) as text
 * or JSON (validate_report.h; docs/teaching.md shows both).  Every figure
 * row names the formula its theory comes from.  Estimates go through
 * report/format.h: text with the unit after each number and two decimals
 * (CCS__EST_UNIT_EACH), JSON as {"mean", "ci95"} with the theory beside.
 */
#include "ccsim/validate_report.h"

#include "report/format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const char *const fig_key[CCS_VALIDATE_N_FIGS] = {"service_level", "prob_wait", "asa_s",
                                                         "abandon_rate", "block_rate"};
static const char *const fig_label[CCS_VALIDATE_N_FIGS] = {"SL", "P(wait)", "ASA s",
                                                           "abandon", "P(block)"};

/* The figures shown for a model, in order; -1 ends the list. */
static const int fig_order[3][CCS_VALIDATE_N_FIGS + 1] = {
    {CCS_VALIDATE_SL, CCS_VALIDATE_PROB_WAIT, CCS_VALIDATE_ASA, CCS_VALIDATE_ABANDON, -1, -1},
    {CCS_VALIDATE_SL, CCS_VALIDATE_PROB_WAIT, CCS_VALIDATE_ASA, CCS_VALIDATE_ABANDON, -1, -1},
    {CCS_VALIDATE_BLOCK, CCS_VALIDATE_SL, CCS_VALIDATE_PROB_WAIT, CCS_VALIDATE_ASA,
     CCS_VALIDATE_ABANDON, -1}};

static const char *const model_json[3] = {"erlang_c", "erlang_a", "erlang_b"};
static const char *const model_text[3] = {
    "Erlang C (M/M/N: callers wait until answered)",
    "Erlang A (M/M/N+M: exponential patience)",
    "Erlang B (M/M/N/N: no queue, blocked callers are lost)"};

/* Which formula gives figure i's theory under model m: text and JSON. */
static const char *formula(ccs_validate_model m, int i, int json)
{
    if (m == CCS_VALIDATE_ERLANG_B) {
        if (i == CCS_VALIDATE_BLOCK) {
            return json ? "erlang_b" : "Erlang B";
        }
        if (i == CCS_VALIDATE_SL) {
            return json ? "1-erlang_b" : "1 - Erlang B";
        }
        return json ? "zero" : "0 (no queue)";
    }
    if (m == CCS_VALIDATE_ERLANG_C && i == CCS_VALIDATE_ABANDON) {
        return json ? "zero" : "0 (no patience)";
    }
    return json ? model_json[m] : (m == CCS_VALIDATE_ERLANG_A ? "Erlang A" : "Erlang C");
}

/* ASA in seconds, the others as percentages; two decimals. */
static double fig_scale(int i)
{
    return i == CCS_VALIDATE_ASA ? 1.0 : 100.0;
}

static const char *fig_unit(int i)
{
    return i == CCS_VALIDATE_ASA ? "" : "%";
}

static void fmt_val(char *buf, size_t n, int i, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "-");
    } else {
        snprintf(buf, n, "%.2f%s", fig_scale(i) * v, fig_unit(i));
    }
}

static void write_text(FILE *fp, const ccs_validate_result *v)
{
    const ccs_results *res = v->res;
    const ccs_scenario *sc = res->sc;
    fprintf(fp, "ccsim validate: %s\n", sc->name);
    fprintf(fp, "  file             %s\n", sc->file);
    fprintf(fp, "  replications     %d (seed %llu), warm-up %.0f min\n", res->replications,
            (unsigned long long)sc->seed, sc->warmup_s / 60);
    fprintf(fp, "  theory           steady-state Erlang B, C or A (per call type, below) for "
                "each interval's rate and agents\n");
    for (int i = 0; i < v->n_warnings; i++) {
        fprintf(fp, "  warning          %s\n", v->warnings[i]);
    }
    for (int t = 0; t < v->n_types; t++) {
        const ccs_validate_type *vt = &v->types[t];
        fprintf(fp, "\ncall type %s", sc->types[t].name);
        if (vt->no_theory) {
            fprintf(fp, ": %s\n", vt->no_theory);
            continue;
        }
        ccs_validate_model vm = vt->model;
        fprintf(fp, " (group %s): %s\n", sc->groups[vt->group].name, model_text[vm]);
        fprintf(fp, "  %-8s %6s %7s  %-8s %-28s %-10s %-9s  %s\n", "interval", "agents", "load",
                "figure", "simulated [95% CI]", "theory", "inside CI", "formula");
        for (int k = 0; k <= sc->n_intervals; k++) {
            const ccs_validate_row *r = &vt->rows[k];
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
            for (int j = 0; fig_order[vm][j] >= 0; j++) {
                int i = fig_order[vm][j];
                char th[24], sim[80];
                ccs__fmt_est(sim, sizeof sim, &r->sim[i], fig_scale(i), 2, fig_unit(i),
                             CCS__EST_RAW | CCS__EST_UNIT_EACH);
                fmt_val(th, sizeof th, i, r->theory[i]);
                if (r->unstable) {
                    snprintf(th, sizeof th, "unstable"); /* load >= agents */
                }
                int in = r->inside[i];
                fprintf(fp, "  %-8s %6s %7s  %-8s %-28s %-10s %-9s  %s\n", j == 0 ? iv : "",
                        j == 0 ? ag : "", j == 0 ? ld : "", fig_label[i], sim, th,
                        in < 0 ? "-" : in ? "yes" : "NO", formula(vm, i, 0));
            }
        }
    }
}

/* {"interval", "agents", "load_erl", "unstable", figure: {"mean", "ci95",
 * "theory", "inside_ci", "formula"}, ...} */
static json_t *json_row(const ccs_validate_row *r, ccs_validate_model vm, int *bad)
{
    json_t *ro = json_object();
    if (!ro) {
        *bad = 1;
        return NULL;
    }
    ccs__json_put(ro, "interval",
                  r->interval >= 0 ? json_integer(r->interval) : json_string("day"), bad);
    ccs__json_put(ro, "agents", r->agents >= 0 ? json_integer(r->agents) : json_null(), bad);
    ccs__json_put(ro, "load_erl", ccs__json_num(r->load, 1), bad);
    ccs__json_put(ro, "unstable", json_boolean(r->unstable), bad);
    for (int j = 0; fig_order[vm][j] >= 0; j++) {
        int i = fig_order[vm][j];
        json_t *fo = ccs__json_estimate(&r->sim[i], bad);
        int in = r->inside[i];
        ccs__json_put(fo, "theory", ccs__json_num(r->theory[i], 1), bad);
        ccs__json_put(fo, "inside_ci", in < 0 ? json_null() : json_boolean(in), bad);
        ccs__json_put(fo, "formula", json_string(formula(vm, i, 1)), bad);
        ccs__json_put(ro, fig_key[i], fo, bad);
    }
    return ro;
}

static int write_json(FILE *fp, const ccs_validate_result *v)
{
    const ccs_results *res = v->res;
    const ccs_scenario *sc = res->sc;
    int bad = 0;
    json_t *root = json_object(), *warn = json_array(), *types = json_array();
    if (!root || !warn || !types) {
        json_decref(root);
        json_decref(warn);
        json_decref(types);
        return CCS_ENOMEM;
    }
    ccs__json_put(root, "scenario", json_string(sc->name), &bad);
    ccs__json_put(root, "file", json_string(sc->file), &bad);
    ccs__json_put(root, "replications", json_integer(res->replications), &bad);
    ccs__json_put(root, "seed", json_integer((json_int_t)sc->seed), &bad);
    for (int i = 0; i < v->n_warnings; i++) {
        bad |= json_array_append_new(warn, json_string(v->warnings[i])) != 0;
    }
    ccs__json_put(root, "warnings", warn, &bad);
    for (int t = 0; t < v->n_types && !bad; t++) {
        const ccs_validate_type *vt = &v->types[t];
        json_t *to = json_object(), *ra = json_array();
        if (!to || !ra) {
            json_decref(to);
            json_decref(ra);
            bad = 1;
            break;
        }
        ccs__json_put(to, "name", json_string(sc->types[t].name), &bad);
        if (vt->no_theory) {
            ccs__json_put(to, "model", json_null(), &bad);
            ccs__json_put(to, "note", json_string(vt->no_theory), &bad);
        } else {
            ccs__json_put(to, "group", json_string(sc->groups[vt->group].name), &bad);
            ccs__json_put(to, "model", json_string(model_json[vt->model]), &bad);
            for (int k = 0; k <= sc->n_intervals && !bad; k++) {
                json_t *ro = json_row(&vt->rows[k], vt->model, &bad);
                bad |= !ro || json_array_append_new(ra, ro) != 0;
            }
        }
        ccs__json_put(to, "rows", ra, &bad);
        bad |= json_array_append_new(types, to) != 0;
    }
    ccs__json_put(root, "call_types", types, &bad);
    int rc = bad ? CCS_ENOMEM : ccs__json_dump(root, fp) != 0 ? CCS_EIO : CCS_OK;
    json_decref(root);
    return rc;
}

int ccs_validate_write(FILE *fp, const ccs_validate_result *v, ccs_report_format f,
                       ccs_error *err)
{
    CCS_ASSERT(fp && v && v->res && v->res->sc);
    if (f == CCS_REPORT_JSON) {
        int rc = write_json(fp, v);
        if (rc != CCS_OK) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "building the JSON output failed");
        }
        return CCS_OK;
    }
    write_text(fp, v);
    return CCS_OK;
}
