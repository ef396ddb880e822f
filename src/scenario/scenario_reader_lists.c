/*
 * scenario_reader_lists.c — the typed reader's sequences (see
 * scenario_reader.h): a non-empty list of sections read into an array, a
 * non-empty array of names resolved to indices, arrays of values, and
 * per-interval values (one for the whole day, or one per interval).
 *
 * Each helper allocates what it returns only after the shape is checked,
 * and each bound is checked before the allocation it protects (the tally
 * cells before a section array, the horizon before per-interval arrays).
 */
#include "scenario/scenario_reader.h"

#include <math.h>
#include <stdlib.h>

int ccs__is_sequence(const config_setting_t *s)
{
    return config_setting_is_array(s) || config_setting_is_list(s);
}

/* The per-replication tallies: intervals x (types + campaigns) x (groups +
 * 1) cells at most CCS_MAX_TALLY_CELLS.  Checked as each list is read, so a
 * scenario too big to run is refused before its per-interval arrays are
 * allocated; `at` is the setting reported. */
static int check_cells(ccs__reader *r, const config_setting_t *at, int nt, int nc, int ng)
{
    double cells = (double)r->sc->n_intervals * (nt + nc) * (ng + 1);
    if (cells > CCS_MAX_TALLY_CELLS) {
        return ccs__fail_at(r, at,
                            "expected intervals x (call types + campaigns) x (agent groups + 1) "
                            "of at most %g tally cells per replication, got %d x (%d + %d) x "
                            "(%d + 1) = %g",
                            CCS_MAX_TALLY_CELLS, r->sc->n_intervals, nt, nc, ng, cells);
    }
    return CCS_OK;
}

void *ccs__list_new(ccs__reader *r, const config_setting_t *l, const char *what, int max,
                    ccs__dim dim, size_t size)
{
    char got[96];
    if (!config_setting_is_list(l) || config_setting_length(l) < 1) {
        ccs__fail_at(r, l, "expected a non-empty list ( { ... }, ... ) of %s, got %s", what,
                     config_setting_is_list(l) ? "an empty list"
                                               : ccs__describe(r, l, got, sizeof got));
        return NULL;
    }
    int n = config_setting_length(l);
    if (n > max) {
        ccs__fail_at(r, l, "expected at most %d %s, got %d", max, what, n);
        return NULL;
    }
    const ccs_scenario *sc = r->sc;
    if (check_cells(r, l, dim == CCS__DIM_TYPES ? n : sc->n_types,
                    dim == CCS__DIM_CAMPAIGNS ? n : sc->n_campaigns,
                    dim == CCS__DIM_GROUPS ? n : sc->n_groups) != CCS_OK) {
        return NULL;
    }
    void *v = calloc((size_t)n, size);
    if (!v) {
        ccs__fail_nomem(r);
    }
    return v;
}

int ccs__read_elems(ccs__reader *r, const config_setting_t *l,
                    int (*elem)(ccs__reader *, const config_setting_t *, int))
{
    for (int i = 0; i < config_setting_length(l); i++) {
        if (elem(r, config_setting_get_elem(l, (unsigned)i), i) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    return CCS_OK;
}

int ccs__get_names(ccs__reader *r, const config_setting_t *s, const char *form,
                   int (*find)(const ccs_scenario *, const char *), const char *what,
                   const char *where, int **out, int *n)
{
    char got[96];
    *out = NULL;
    *n = 0;
    if (!ccs__is_sequence(s) || config_setting_length(s) < 1) {
        return ccs__fail_at(r, s, "expected %s, got %s", form,
                            ccs__is_sequence(s) ? "an empty array"
                                                : ccs__describe(r, s, got, sizeof got));
    }
    int len = config_setting_length(s);
    int *idx = calloc((size_t)len, sizeof *idx);
    if (!idx) {
        return ccs__fail_nomem(r);
    }
    *out = idx;
    *n = len;
    for (int i = 0; i < len; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        const char *name = "";
        if (ccs__get_string(r, e, &name) != CCS_OK) {
            return CCS_ECONFIG;
        }
        int k = find(r->sc, name);
        if (k < 0) {
            return ccs__fail_at(r, e, "no %s named \"%.60s\" in %s", what, name, where);
        }
        for (int j = 0; j < i; j++) {
            if (idx[j] == k) {
                return ccs__fail_at(r, e, "%s \"%.60s\" listed twice", what, name);
            }
        }
        idx[i] = k;
    }
    return CCS_OK;
}

int ccs__get_values(ccs__reader *r, const config_setting_t *s, ccs__unit_fn fn, const char *noun,
                    double lo, int lo_open, double hi, double **out, int *n)
{
    char got[96];
    if (!ccs__is_sequence(s)) {
        return ccs__fail_at(r, s, "expected an array [ ... ] of values, got %s",
                            ccs__describe(r, s, got, sizeof got));
    }
    int len = config_setting_length(s);
    if (len < 1) {
        return ccs__fail_at(r, s, "expected a non-empty array, got []");
    }
    double *v = malloc((size_t)len * sizeof *v);
    if (!v) {
        return ccs__fail_nomem(r);
    }
    for (int i = 0; i < len; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (ccs__get_value(r, e, fn, 1.0, noun, lo, lo_open, hi, 0, &v[i]) != CCS_OK) {
            free(v);
            return CCS_ECONFIG;
        }
    }
    *out = v;
    *n = len;
    return CCS_OK;
}

/* A sequence that must have one entry per interval. */
static int check_interval_length(ccs__reader *r, const config_setting_t *s)
{
    int len = config_setting_length(s);
    if (len != r->sc->n_intervals) {
        return ccs__fail_at(r, s,
                            "expected %d values (one per interval: horizon.intervals = %d), got %d",
                            r->sc->n_intervals, r->sc->n_intervals, len);
    }
    return CCS_OK;
}

int ccs__get_per_interval(ccs__reader *r, const config_setting_t *s, ccs__unit_fn fn,
                          const char *noun, double scale, double *out)
{
    if (ccs__is_sequence(s)) {
        if (check_interval_length(r, s) != CCS_OK) {
            return CCS_ECONFIG;
        }
        for (int i = 0; i < r->sc->n_intervals; i++) {
            const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
            if (ccs__get_value(r, e, fn, 1.0, noun, 0.0, 0, INFINITY, 0, &out[i]) != CCS_OK) {
                return CCS_ECONFIG;
            }
            out[i] *= scale;
        }
        return CCS_OK;
    }
    double v;
    if (ccs__get_value(r, s, fn, 1.0, noun, 0.0, 0, INFINITY, 0, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int i = 0; i < r->sc->n_intervals; i++) {
        out[i] = v * scale;
    }
    return CCS_OK;
}

int ccs__get_per_interval_int(ccs__reader *r, const config_setting_t *s, long lo, long hi, int *out)
{
    long v;
    int n = r->sc->n_intervals;
    if (!ccs__is_sequence(s)) {
        if (ccs__get_long(r, s, lo, hi, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        for (int i = 0; i < n; i++) {
            out[i] = (int)v;
        }
        return CCS_OK;
    }
    if (check_interval_length(r, s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int i = 0; i < n; i++) {
        if (ccs__get_long(r, config_setting_get_elem(s, (unsigned)i), lo, hi, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        out[i] = (int)v;
    }
    return CCS_OK;
}
