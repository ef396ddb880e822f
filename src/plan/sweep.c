/*
 * sweep.c — what-if grids (see sweep.h).
 *
 * Invariant: a cell is a complete, independent load + run of the scenario,
 * so a cell's figures are exactly what `ccsim run --set PATH=value ...`
 * prints for the same seed; only the day summary is kept per cell, so
 * memory is O(cells), not O(cells x intervals).
 */
#include "ccsim/sweep.h"

#include "scenario/setting_label.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/cost.h"
#include "ccsim/scenario.h"
#include "ccsim/units.h"
#include "ccsim/workload.h"

/* ---- axes ------------------------------------------------------------- */

static int looks_integer(const char *s, size_t n)
{
    if (n == 0) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (i == 0 && (s[i] == '-' || s[i] == '+')))) {
            return 0;
        }
    }
    return 1;
}

static int axis_fail(ccs_error *err, const char *spec, const char *why)
{
    return ccs_error_set(err, CCS_EINVAL, NULL, 0, "--vary",
                         "expected PATH=LO:HI:STEP with numbers LO <= HI and STEP > 0 "
                         "(e.g. agents.[0].count=40:70:5), got '%s'%s%s",
                         spec, why ? ": " : "", why ? why : "");
}

int ccs_sweep_axis_parse(const char *spec, ccs_sweep_axis *ax, ccs_error *err)
{
    memset(ax, 0, sizeof *ax);
    const char *eq = strrchr(spec, '=');
    if (!eq || eq == spec) {
        return axis_fail(err, spec, NULL);
    }
    size_t plen = (size_t)(eq - spec);
    if (plen >= sizeof ax->path) {
        return axis_fail(err, spec, "PATH too long");
    }
    memcpy(ax->path, spec, plen);
    ax->path[plen] = '\0';
    const char *p[3];
    size_t len[3];
    const char *s = eq + 1;
    for (int i = 0; i < 3; i++) {
        const char *c = strchr(s, ':');
        if ((i < 2 && !c) || (i == 2 && c)) {
            return axis_fail(err, spec, NULL);
        }
        p[i] = s;
        len[i] = c ? (size_t)(c - s) : strlen(s);
        s = c ? c + 1 : s + len[i];
    }
    double v[3];
    int all_int = 1;
    for (int i = 0; i < 3; i++) {
        char buf[64];
        if (len[i] == 0 || len[i] >= sizeof buf) {
            return axis_fail(err, spec, NULL);
        }
        memcpy(buf, p[i], len[i]);
        buf[len[i]] = '\0';
        if (ccs_units_real(buf, &v[i]) != CCS_OK) {
            return axis_fail(err, spec, NULL);
        }
        all_int &= looks_integer(buf, len[i]);
    }
    if (!(v[0] <= v[1]) || !(v[2] > 0)) {
        return axis_fail(err, spec, NULL);
    }
    double n = floor((v[1] - v[0]) / v[2] + 1e-9) + 1;
    if (n > CCS_SWEEP_MAX_CELLS) {
        return axis_fail(err, spec, "too many values");
    }
    ax->lo = v[0];
    ax->hi = v[1];
    ax->step = v[2];
    ax->integer = all_int;
    ax->n = (int)n;
    return CCS_OK;
}

double ccs_sweep_axis_value(const ccs_sweep_axis *ax, int i)
{
    double v = ax->lo + i * ax->step;
    /* lo + i*step accumulates binary rounding (0.1 * 3 = 0.30000000000000004);
     * values are decimal inputs, so snap to 12 significant digits. */
    if (v != 0) {
        double scale = pow(10, 11 - floor(log10(fabs(v))));
        v = round(v * scale) / scale;
    }
    return v;
}

char *ccs_sweep_axis_text(const ccs_sweep_axis *ax, int i, char *buf, size_t n)
{
    double v = ccs_sweep_axis_value(ax, i);
    if (ax->integer) {
        snprintf(buf, n, "%.0f", v);
    } else {
        snprintf(buf, n, "%.12g", v);
    }
    return buf;
}

/* ---- the grid --------------------------------------------------------- */

void ccs_sweep_result_free(ccs_sweep_result *r)
{
    if (!r) {
        return;
    }
    if (r->cells) {
        for (int c = 0; c < r->n_cells; c++) {
            free(r->cells[c].index);
            free(r->cells[c].values);
        }
    }
    free(r->cells);
    free(r->axes);
    free(r);
}

/* Fills index[], values[] and the overrides all[n_sets ..) (texts, 256
 * bytes per axis) of cell c. */
static void cell_setup(const ccs_sweep_axis *axes, int n_axes, int c, int *index,
                       double *values, char *texts, const char **all, int n_sets)
{
    int rest = c;
    for (int a = n_axes - 1; a >= 0; a--) {
        index[a] = rest % axes[a].n;
        rest /= axes[a].n;
    }
    for (int a = 0; a < n_axes; a++) {
        char val[64];
        values[a] = ccs_sweep_axis_value(&axes[a], index[a]);
        snprintf(texts + 256 * a, 256, "%s=%s", axes[a].path,
                 ccs_sweep_axis_text(&axes[a], index[a], val, sizeof val));
        all[n_sets + a] = texts + 256 * a;
    }
}

ccs_sweep_result *ccs_sweep_run(const char *path, const char *const *sets, int n_sets,
                                const ccs_sweep_axis *axes, int n_axes,
                                const ccs_run_options *opt, ccs_error *err)
{
    return ccs_sweep_run_scaled(path, sets, n_sets, 1.0, axes, n_axes, opt, err);
}

ccs_sweep_result *ccs_sweep_run_scaled(const char *path, const char *const *sets, int n_sets,
                                       double volume_factor, const ccs_sweep_axis *axes,
                                       int n_axes, const ccs_run_options *opt, ccs_error *err)
{
    CCS_ASSERT(n_axes >= 1 && axes);
    double total = 1;
    for (int a = 0; a < n_axes; a++) {
        total *= axes[a].n;
    }
    if (total > CCS_SWEEP_MAX_CELLS) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, "--vary",
                      "the grid has %.0f cells; at most %d", total, CCS_SWEEP_MAX_CELLS);
        return NULL;
    }
    ccs_sweep_result *r = calloc(1, sizeof *r);
    const char **all = calloc((size_t)(n_sets + n_axes), sizeof *all);
    char *texts = calloc((size_t)n_axes, 256);
    if (!r || !all || !texts) {
        goto nomem;
    }
    r->n_axes = n_axes;
    r->volume_factor = volume_factor;
    r->n_cells = (int)total;
    r->axes = malloc((size_t)n_axes * sizeof *r->axes);
    r->cells = calloc((size_t)r->n_cells, sizeof *r->cells);
    if (!r->axes || !r->cells) {
        goto nomem;
    }
    memcpy(r->axes, axes, (size_t)n_axes * sizeof *axes);
    for (int i = 0; i < n_sets; i++) {
        all[i] = sets[i];
    }
    for (int c = 0; c < r->n_cells; c++) {
        ccs_sweep_cell *cell = &r->cells[c];
        cell->index = calloc((size_t)n_axes, sizeof *cell->index);
        cell->values = calloc((size_t)n_axes, sizeof *cell->values);
        if (!cell->index || !cell->values) {
            goto nomem;
        }
        /* Every cell's scenario is checked before any runs: a value the
         * reader refuses in the last cell costs no simulation time. */
        cell_setup(axes, n_axes, c, cell->index, cell->values, texts, all, n_sets);
        ccs_scenario *sc = ccs_scenario_load(path, all, n_sets + n_axes, err);
        if (!sc) {
            goto fail;
        }
        ccs_scenario_free(sc);
    }
    for (int c = 0; c < r->n_cells; c++) {
        ccs_sweep_cell *cell = &r->cells[c];
        cell_setup(axes, n_axes, c, cell->index, cell->values, texts, all, n_sets);
        ccs_scenario *sc = ccs_scenario_load(path, all, n_sets + n_axes, err);
        if (!sc) {
            goto fail;
        }
        if (volume_factor != 1.0 && ccs_workload_scale(sc, volume_factor, err) != CCS_OK) {
            ccs_scenario_free(sc);
            goto fail;
        }
        ccs_results *res = ccs_sim_run(sc, opt, err);
        if (!res) {
            ccs_scenario_free(sc);
            goto fail;
        }
        if (c == 0) {
            snprintf(r->scenario, sizeof r->scenario, "%s", sc->name);
            snprintf(r->file, sizeof r->file, "%s", sc->file);
            r->replications = res->replications;
            r->seed = sc->seed;
            for (int a = 0; a < n_axes; a++) {
                ccs_setting_label(sc, axes[a].path, r->axes[a].label, sizeof r->axes[a].label);
            }
        }
        cell->summary = res->summary;
        ccs_cost_result *cost = ccs_cost_compute(res, err);
        if (!cost) {
            ccs_results_free(res);
            ccs_scenario_free(sc);
            goto fail;
        }
        if (cost->costed) {
            cell->costed = 1;
            r->costed = 1;
            cell->cost_per_handled_call = cost->per_handled_call;
            cell->cost_per_resolved_contact = cost->per_resolved_contact;
            cell->cost_per_month = cost->per_month;
            cell->cost_per_day = cost->per_day;
        }
        ccs_cost_result_free(cost);
        ccs_results_free(res);
        ccs_scenario_free(sc);
    }
    free(all);
    free(texts);
    return r;
nomem:
    ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
fail:
    free(all);
    free(texts);
    ccs_sweep_result_free(r);
    return NULL;
}

/* ---- output ----------------------------------------------------------- */

typedef struct col {
    const char *key;
    size_t off;
} col;

#define COL(f) {#f, offsetof(ccs_figures, f)}

/* The summary keys, in the order and with the names of `ccsim run`. */
static const col figs[] = {
    COL(offered),  COL(handled),   COL(abandoned),    COL(abandoned_short),
    COL(blocked),  COL(retrials),  COL(service_level), COL(prob_wait),
    COL(asa_s),    COL(abandon_rate), COL(occupancy), COL(aht_s),
    COL(avg_queue), COL(max_queue), COL(max_wait_s),  COL(agents),
};
#define N_FIGS (sizeof figs / sizeof figs[0])

/* The columns of the text and CSV tables. */
static const col table[] = {
    COL(service_level), COL(asa_s), COL(abandon_rate), COL(occupancy),
    COL(offered), COL(handled),
};
#define N_TABLE (sizeof table / sizeof table[0])

static const ccs_estimate *fig(const ccs_figures *f, const col *c)
{
    return (const ccs_estimate *)(const void *)((const char *)f + c->off);
}

static void value_text(const ccs_sweep_axis *ax, double v, char *buf, size_t n)
{
    snprintf(buf, n, ax->integer ? "%.0f" : "%.12g", v);
}

/* "4.87 [4.65, 5.09]" with dec decimals, "-" when e is NULL or undefined. */
static void money_text(char *buf, size_t n, const ccs_estimate *e, int dec)
{
    if (!e || !e->defined || !isfinite(e->mean) || !isfinite(e->lo) || !isfinite(e->hi)) {
        snprintf(buf, n, "-");
        return;
    }
    snprintf(buf, n, "%.*f [%.*f, %.*f]", dec, e->mean, dec, e->lo, dec, e->hi);
}

static int write_text(FILE *fp, const ccs_sweep_result *r)
{
    fprintf(fp, "ccsim sweep: %s\n", r->scenario);
    fprintf(fp, "  file             %s\n", r->file);
    fprintf(fp, "  replications     %d per cell (seed %" PRIu64 ", the same in every cell)\n",
            r->replications, r->seed);
    if (r->volume_factor != 1.0) {
        fprintf(fp, "  volume factor    %g (every call type's arrivals)\n", r->volume_factor);
    }
    fprintf(fp, "  cells            %d\n\n", r->n_cells);
    fprintf(fp, "Day summary per cell, mean [95%% CI]\n");
    for (int a = 0; a < r->n_axes; a++) {
        fprintf(fp, "%*s  ", (int)(strlen(r->axes[a].path) > 12 ? strlen(r->axes[a].path) : 12),
                r->axes[a].path);
    }
    fprintf(fp, "%-22s %-22s %-22s %-22s %10s %10s", "SL", "ASA s", "abandon", "occupancy",
            "offered", "handled");
    if (r->costed) {
        fprintf(fp, "  %-22s %-22s %s", "cost/call", "cost/resolved", "cost/month");
    }
    fputc('\n', fp);
    for (int c = 0; c < r->n_cells; c++) {
        const ccs_sweep_cell *cell = &r->cells[c];
        for (int a = 0; a < r->n_axes; a++) {
            char v[64];
            value_text(&r->axes[a], cell->values[a], v, sizeof v);
            fprintf(fp, "%*s  ",
                    (int)(strlen(r->axes[a].path) > 12 ? strlen(r->axes[a].path) : 12), v);
        }
        for (size_t i = 0; i < N_TABLE; i++) {
            const ccs_estimate *e = fig(&cell->summary, &table[i]);
            char buf[64];
            int pct = i == 0 || i == 2 || i == 3;
            if (!e->defined || !isfinite(e->mean)) {
                snprintf(buf, sizeof buf, "-");
            } else if (pct) {
                snprintf(buf, sizeof buf, "%.1f%% [%.1f, %.1f]", 100 * e->mean, 100 * e->lo,
                         100 * e->hi);
            } else if (i == 1) {
                snprintf(buf, sizeof buf, "%.1f [%.1f, %.1f]", e->mean, e->lo, e->hi);
            } else {
                snprintf(buf, sizeof buf, "%.1f", e->mean);
            }
            /* Counts right-aligned; no blank at the end of the line. */
            fprintf(fp, i < 4 ? "%-22s " : i + 1 < N_TABLE ? "%10s " : "%10s", buf);
        }
        if (r->costed) {
            const ccs_estimate *ce[3] = {&cell->cost_per_handled_call,
                                         &cell->cost_per_resolved_contact, &cell->cost_per_month};
            for (int j = 0; j < 3; j++) {
                char buf[96];
                money_text(buf, sizeof buf, cell->costed ? ce[j] : NULL, j == 2 ? 0 : 2);
                fprintf(fp, j < 2 ? (j == 0 ? "  %-22s " : "%-22s ") : "%s", buf);
            }
        }
        fputc('\n', fp);
    }
    return CCS_OK;
}

/* The cost columns (CSV) and keys of a cell's JSON "cost". */
static const char *const cost_cols[] = {"cost_per_handled_call", "cost_per_resolved_contact",
                                        "cost_per_month"};
static const char *const cost_keys[] = {"per_handled_call", "per_resolved_contact", "per_month",
                                        "per_day"};
#define N_COST (sizeof cost_cols / sizeof cost_cols[0])
#define N_COST_KEYS (sizeof cost_keys / sizeof cost_keys[0])

static const ccs_estimate *cost_est(const ccs_sweep_cell *cell, size_t i)
{
    switch (i) {
    case 0:
        return &cell->cost_per_handled_call;
    case 1:
        return &cell->cost_per_resolved_contact;
    case 2:
        return &cell->cost_per_month;
    default:
        return &cell->cost_per_day;
    }
}

static void csv_field(FILE *fp, const char *s)
{
    if (strpbrk(s, ",\"\n")) {
        fputc('"', fp);
        for (; *s; s++) {
            if (*s == '"') {
                fputc('"', fp);
            }
            fputc(*s, fp);
        }
        fputc('"', fp);
    } else {
        fputs(s, fp);
    }
}

static void csv_num(FILE *fp, double v, int ok)
{
    if (ok && isfinite(v)) {
        fprintf(fp, ",%.17g", v);
    } else {
        fputc(',', fp);
    }
}

static int write_csv(FILE *fp, const ccs_sweep_result *r)
{
    for (int a = 0; a < r->n_axes; a++) {
        if (a) {
            fputc(',', fp);
        }
        csv_field(fp, r->axes[a].path);
    }
    for (size_t i = 0; i < N_TABLE; i++) {
        fprintf(fp, ",%s,%s_lo,%s_hi", table[i].key, table[i].key, table[i].key);
    }
    for (size_t i = 0; r->costed && i < N_COST; i++) {
        fprintf(fp, ",%s,%s_lo,%s_hi", cost_cols[i], cost_cols[i], cost_cols[i]);
    }
    fputc('\n', fp);
    for (int c = 0; c < r->n_cells; c++) {
        const ccs_sweep_cell *cell = &r->cells[c];
        for (int a = 0; a < r->n_axes; a++) {
            char v[64];
            value_text(&r->axes[a], cell->values[a], v, sizeof v);
            fprintf(fp, a ? ",%s" : "%s", v);
        }
        for (size_t i = 0; i < N_TABLE; i++) {
            const ccs_estimate *e = fig(&cell->summary, &table[i]);
            csv_num(fp, e->mean, e->defined);
            csv_num(fp, e->lo, e->defined);
            csv_num(fp, e->hi, e->defined);
        }
        for (size_t i = 0; r->costed && i < N_COST; i++) {
            const ccs_estimate *e = cost_est(cell, i);
            int ok = cell->costed && e->defined;
            csv_num(fp, e->mean, ok);
            csv_num(fp, e->lo, ok);
            csv_num(fp, e->hi, ok);
        }
        fputc('\n', fp);
    }
    return CCS_OK;
}

static void put(json_t *o, const char *key, json_t *v, int *bad)
{
    if (!v || json_object_set_new(o, key, v) != 0) {
        *bad = 1;
    }
}

static json_t *jnum(double v, int ok)
{
    return ok && isfinite(v) ? json_real(v) : json_null();
}

static json_t *jest(const ccs_estimate *e, int *bad)
{
    json_t *o = json_object(), *ci = json_array();
    if (!o || !ci) {
        json_decref(o);
        json_decref(ci);
        *bad = 1;
        return NULL;
    }
    int ok = e->defined && isfinite(e->mean);
    if (json_array_append_new(ci, jnum(e->lo, ok)) || json_array_append_new(ci, jnum(e->hi, ok))) {
        *bad = 1;
    }
    put(o, "mean", jnum(e->mean, ok), bad);
    put(o, "ci95", ci, bad);
    return o;
}

static int write_json(FILE *fp, const ccs_sweep_result *r, ccs_error *err)
{
    int bad = 0;
    json_t *root = json_object(), *vary = json_array(), *cells = json_array();
    if (!root || !vary || !cells) {
        json_decref(root);
        json_decref(vary);
        json_decref(cells);
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    put(root, "scenario", json_string(r->scenario), &bad);
    put(root, "file", json_string(r->file), &bad);
    put(root, "replications", json_integer(r->replications), &bad);
    put(root, "volume_factor", json_real(r->volume_factor), &bad);
    put(root, "seed", json_integer((json_int_t)r->seed), &bad);
    for (int a = 0; a < r->n_axes; a++) {
        bad |= json_array_append_new(vary, json_string(r->axes[a].path)) != 0;
    }
    put(root, "vary", vary, &bad);
    for (int c = 0; c < r->n_cells && !bad; c++) {
        const ccs_sweep_cell *cell = &r->cells[c];
        json_t *co = json_object(), *vals = json_object(), *sum = json_object();
        if (!co || !vals || !sum) {
            json_decref(co);
            json_decref(vals);
            json_decref(sum);
            bad = 1;
            break;
        }
        for (int a = 0; a < r->n_axes; a++) {
            json_t *v = r->axes[a].integer ? json_integer((json_int_t)cell->values[a])
                                           : json_real(cell->values[a]);
            put(vals, r->axes[a].path, v, &bad);
        }
        for (size_t i = 0; i < N_FIGS; i++) {
            put(sum, figs[i].key, jest(fig(&cell->summary, &figs[i]), &bad), &bad);
        }
        put(co, "values", vals, &bad);
        put(co, "summary", sum, &bad);
        if (r->costed) {
            json_t *cost = cell->costed ? json_object() : json_null();
            for (size_t i = 0; cell->costed && cost && i < N_COST_KEYS; i++) {
                put(cost, cost_keys[i], jest(cost_est(cell, i), &bad), &bad);
            }
            put(co, "cost", cost, &bad);
        }
        bad |= json_array_append_new(cells, co) != 0;
    }
    put(root, "cells", cells, &bad);
    if (bad) {
        json_decref(root);
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory building JSON");
    }
    int rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(root);
    fputc('\n', fp);
    if (rc != 0) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "writing output failed");
    }
    return CCS_OK;
}

int ccs_sweep_write(FILE *fp, const ccs_sweep_result *r, ccs_report_format f, ccs_error *err)
{
    int rc;
    switch (f) {
    case CCS_REPORT_CSV:
        rc = write_csv(fp, r);
        break;
    case CCS_REPORT_JSON:
        rc = write_json(fp, r, err);
        break;
    case CCS_REPORT_TEXT:
    default:
        rc = write_text(fp, r);
        break;
    }
    if (rc == CCS_OK && ferror(fp)) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "writing output: %s", strerror(errno));
    }
    return rc;
}
