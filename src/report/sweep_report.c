/*
 * sweep_report.c — writes a what-if grid (sweep.h) as a text table, CSV or
 * JSON (sweep_report.h; layouts in docs/cli.md, ## ccsim sweep).  Every
 * estimate goes through report/format.h; sweep's CSV keeps its %.17g
 * numbers and its text printf's rounding (CCS__CSV_G17, CCS__EST_RAW), as
 * it printed them before the writers shared one module.
 */
#include "ccsim/sweep_report.h"

#include "report/format.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <jansson.h>

/* How the text table shows an estimate. */
#define SWEEP_STYLE CCS__EST_RAW

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
            if (pct || i == 1) {
                ccs__fmt_est(buf, sizeof buf, e, pct ? 100 : 1, 1, pct ? "%" : "", SWEEP_STYLE);
            } else if (!ccs__est_shown(e, SWEEP_STYLE)) {
                snprintf(buf, sizeof buf, "-");
            } else {
                snprintf(buf, sizeof buf, "%.1f", e->mean);   /* counts: the mean alone */
            }
            /* Counts right-aligned; no blank at the end of the line. */
            fprintf(fp, i < 4 ? "%-22s " : i + 1 < N_TABLE ? "%10s " : "%10s", buf);
        }
        if (r->costed) {
            const ccs_estimate *ce[3] = {&cell->cost_per_handled_call,
                                         &cell->cost_per_resolved_contact, &cell->cost_per_month};
            for (int j = 0; j < 3; j++) {
                char buf[96];
                if (cell->costed) {
                    ccs__fmt_est(buf, sizeof buf, ce[j], 1, j == 2 ? 0 : 2, "",
                                 SWEEP_STYLE | CCS__EST_ALL_FINITE);
                } else {
                    snprintf(buf, sizeof buf, "-");
                }
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
            ccs__csv_est(fp, e, e->defined, CCS__CSV_G17);
        }
        for (size_t i = 0; r->costed && i < N_COST; i++) {
            const ccs_estimate *e = cost_est(cell, i);
            ccs__csv_est(fp, e, cell->costed && e->defined, CCS__CSV_G17);
        }
        fputc('\n', fp);
    }
    return CCS_OK;
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
    ccs__json_put(root, "scenario", json_string(r->scenario), &bad);
    ccs__json_put(root, "file", json_string(r->file), &bad);
    ccs__json_put(root, "replications", json_integer(r->replications), &bad);
    ccs__json_put(root, "volume_factor", json_real(r->volume_factor), &bad);
    ccs__json_put(root, "seed", json_integer((json_int_t)r->seed), &bad);
    for (int a = 0; a < r->n_axes; a++) {
        bad |= json_array_append_new(vary, json_string(r->axes[a].path)) != 0;
    }
    ccs__json_put(root, "vary", vary, &bad);
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
            ccs__json_put(vals, r->axes[a].path, v, &bad);
        }
        for (size_t i = 0; i < N_FIGS; i++) {
            ccs__json_put(sum, figs[i].key, ccs__json_estimate(fig(&cell->summary, &figs[i]), &bad), &bad);
        }
        ccs__json_put(co, "values", vals, &bad);
        ccs__json_put(co, "summary", sum, &bad);
        if (r->costed) {
            json_t *cost = cell->costed ? json_object() : json_null();
            for (size_t i = 0; cell->costed && cost && i < N_COST_KEYS; i++) {
                ccs__json_put(cost, cost_keys[i], ccs__json_estimate(cost_est(cell, i), &bad), &bad);
            }
            ccs__json_put(co, "cost", cost, &bad);
        }
        bad |= json_array_append_new(cells, co) != 0;
    }
    ccs__json_put(root, "cells", cells, &bad);
    if (bad) {
        json_decref(root);
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory building JSON");
    }
    int rc = ccs__json_dump(root, fp);
    json_decref(root);
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
