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

#include <math.h>
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
    return ccs_error_set(err, CCS_EINVAL, NULL, 0, "axis",
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

void ccs_sweep_cell_sets(const ccs_sweep_axis *axes, int n_axes, int c, const char *const *sets,
                         int n_sets, const char **all, char *texts)
{
    int index[CCS_SWEEP_MAX_AXES];
    double values[CCS_SWEEP_MAX_AXES];
    CCS_ASSERT(n_axes >= 1 && n_axes <= CCS_SWEEP_MAX_AXES);
    for (int i = 0; i < n_sets; i++) {
        all[i] = sets[i];
    }
    cell_setup(axes, n_axes, c, index, values, texts, all, n_sets);
}

ccs_sweep_result *ccs_sweep_run(const char *path, const char *const *sets, int n_sets,
                                const ccs_sweep_axis *axes, int n_axes,
                                const ccs_run_options *opt, ccs_error *err)
{
    return ccs_sweep_run_with(path, sets, n_sets, 1.0, axes, n_axes, opt, ccs_sim_run, err);
}

ccs_sweep_result *ccs_sweep_run_scaled(const char *path, const char *const *sets, int n_sets,
                                       double volume_factor, const ccs_sweep_axis *axes,
                                       int n_axes, const ccs_run_options *opt, ccs_error *err)
{
    return ccs_sweep_run_with(path, sets, n_sets, volume_factor, axes, n_axes, opt, ccs_sim_run,
                              err);
}

int ccs_sweep_cells(const ccs_sweep_axis *axes, int n_axes, ccs_error *err)
{
    CCS_ASSERT(n_axes >= 1 && axes);
    double total = 1;
    for (int a = 0; a < n_axes; a++) {
        total *= axes[a].n;
    }
    if (total > CCS_SWEEP_MAX_CELLS) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, "axes", "the grid has %.0f cells; at most %d",
                      total, CCS_SWEEP_MAX_CELLS);
        return -1;
    }
    return (int)total;
}

ccs_sweep_result *ccs_sweep_result_new(const ccs_sweep_axis *axes, int n_axes,
                                       double volume_factor, ccs_error *err)
{
    int cells = ccs_sweep_cells(axes, n_axes, err);
    if (cells < 0) {
        return NULL;
    }
    ccs_sweep_result *r = calloc(1, sizeof *r);
    const char **all = calloc((size_t)n_axes, sizeof *all);
    char *texts = calloc((size_t)n_axes, 256);
    if (!r || !all || !texts) {
        goto nomem;
    }
    r->n_axes = n_axes;
    r->volume_factor = volume_factor;
    r->n_cells = cells;
    r->axes = malloc((size_t)n_axes * sizeof *r->axes);
    r->cells = calloc((size_t)r->n_cells, sizeof *r->cells);
    if (!r->axes || !r->cells) {
        goto nomem;
    }
    memcpy(r->axes, axes, (size_t)n_axes * sizeof *axes);
    for (int c = 0; c < r->n_cells; c++) {
        ccs_sweep_cell *cell = &r->cells[c];
        cell->index = calloc((size_t)n_axes, sizeof *cell->index);
        cell->values = calloc((size_t)n_axes, sizeof *cell->values);
        if (!cell->index || !cell->values) {
            goto nomem;
        }
        cell_setup(axes, n_axes, c, cell->index, cell->values, texts, all, 0);
    }
    free(all);
    free(texts);
    return r;
nomem:
    ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    free(all);
    free(texts);
    ccs_sweep_result_free(r);
    return NULL;
}

int ccs_sweep_result_set(ccs_sweep_result *r, int c, const ccs_scenario *sc,
                         const ccs_results *res, ccs_error *err)
{
    ccs_sweep_cell *cell = &r->cells[c];
    if (c == 0) {
        snprintf(r->scenario, sizeof r->scenario, "%s", sc->name);
        snprintf(r->file, sizeof r->file, "%s", sc->file);
        r->replications = res->replications;
        r->seed = sc->seed;
        for (int a = 0; a < r->n_axes; a++) {
            ccs_setting_label(sc, r->axes[a].path, r->axes[a].label, sizeof r->axes[a].label);
        }
    }
    cell->summary = res->summary;
    ccs_cost_result *cost = ccs_cost_compute(res, err);
    if (!cost) {
        return err->code;
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
    return CCS_OK;
}

ccs_sweep_result *ccs_sweep_run_with(const char *path, const char *const *sets, int n_sets,
                                     double volume_factor, const ccs_sweep_axis *axes,
                                     int n_axes, const ccs_run_options *opt, ccs_sweep_runner run,
                                     ccs_error *err)
{
    ccs_sweep_result *r = ccs_sweep_result_new(axes, n_axes, volume_factor, err);
    const char **all = calloc((size_t)(n_sets + n_axes), sizeof *all);
    char *texts = calloc((size_t)n_axes, 256);
    if (!r) {
        goto fail;
    }
    if (!all || !texts) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        goto fail;
    }
    /* Every cell's scenario is checked before any runs: a value the reader
     * refuses in the last cell costs no simulation time. */
    for (int c = 0; c < r->n_cells; c++) {
        ccs_sweep_cell_sets(axes, n_axes, c, sets, n_sets, all, texts);
        ccs_scenario *sc = ccs_scenario_load(path, all, n_sets + n_axes, err);
        if (!sc) {
            goto fail;
        }
        ccs_scenario_free(sc);
    }
    for (int c = 0; c < r->n_cells; c++) {
        ccs_sweep_cell_sets(axes, n_axes, c, sets, n_sets, all, texts);
        ccs_scenario *sc = ccs_scenario_load(path, all, n_sets + n_axes, err);
        if (!sc) {
            goto fail;
        }
        if (volume_factor != 1.0 && ccs_workload_scale(sc, volume_factor, err) != CCS_OK) {
            ccs_scenario_free(sc);
            goto fail;
        }
        ccs_results *res = run(sc, opt, err);
        if (!res) {
            ccs_scenario_free(sc);
            goto fail;
        }
        int rc = ccs_sweep_result_set(r, c, sc, res, err);
        ccs_results_free(res);
        ccs_scenario_free(sc);
        if (rc != CCS_OK) {
            goto fail;
        }
    }
    free(all);
    free(texts);
    return r;
fail:
    free(all);
    free(texts);
    ccs_sweep_result_free(r);
    return NULL;
}
