/*
 * scenario_reader.c — the typed reader of scenario settings (see
 * scenario_reader.h): notes, positions and failures, numbers as written,
 * scalars with units and ranges, names, groups.  Sequences and per-interval
 * values are in scenario_reader_lists.c.
 *
 * Invariant: every failure names the setting's file, line and key path,
 * and quotes the value as the file wrote it (a note's literal when
 * libconfig stored another number).
 */
#include "scenario/scenario_reader.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/units.h"

/* --------------------------------------------------------------- notes */

ccs__note *ccs__note_new(ccs__notes *ns)
{
    size_t b = ns->n / CCS__NOTES_BLOCK;
    if (b == ns->n_blocks) {
        ccs__note **blocks = realloc(ns->blocks, (b + 1) * sizeof *blocks);
        if (!blocks) {
            return NULL;
        }
        ns->blocks = blocks;
        blocks[b] = malloc(CCS__NOTES_BLOCK * sizeof **blocks);
        if (!blocks[b]) {
            return NULL;
        }
        ns->n_blocks = b + 1;
    }
    ccs__note *note = &ns->blocks[b][ns->n++ % CCS__NOTES_BLOCK];
    note->line = -1;
    note->file = NULL;
    note->written = NULL;
    return note;
}

void ccs__notes_fini(ccs__notes *ns)
{
    for (size_t b = 0; b < ns->n_blocks; b++) {
        free(ns->blocks[b]);
    }
    free(ns->blocks);
    memset(ns, 0, sizeof *ns);
}

ccs__note *ccs__note_of(const config_setting_t *s)
{
    return config_setting_get_hook(s);
}

/* Matches the scanned literals to the text's scalar settings, which a
 * depth-first walk visits in text order (settings from @include'd files
 * carry their file name and are skipped). */
static void match_walk(const config_setting_t *s, ccs_literal *v, size_t n, size_t *idx,
                       size_t *next)
{
    if (config_setting_is_aggregate(s)) {
        for (int i = 0; i < config_setting_length(s); i++) {
            match_walk(config_setting_get_elem(s, (unsigned)i), v, n, idx, next);
        }
        return;
    }
    if (config_setting_source_file(s) != NULL) {
        return;
    }
    if (*next < n && v[*next].index == *idx) {
        v[(*next)++].setting = s;
    }
    (*idx)++;
}

int ccs__note_literals(const char *text, const config_t *cfg, ccs__notes *ns, ccs_literal **lits)
{
    size_t n = 0, n_values = 0, idx = 0, next = 0;
    *lits = NULL;
    if (ccs__lex_overflows(text, lits, &n, &n_values) != 0) {
        return CCS_ENOMEM;
    }
    if (n == 0) {
        return CCS_OK;
    }
    match_walk(config_root_setting(cfg), *lits, n, &idx, &next);
    /* If the counts disagree the walk and the scan did not see the same
     * text: nothing is noted. */
    if (idx != n_values || next != n) {
        return CCS_OK;
    }
    for (size_t i = 0; i < n; i++) {
        ccs__note *note = ccs__note_new(ns);
        if (!note) {
            return CCS_ENOMEM;
        }
        note->written = (*lits)[i].text;
        /* The walk only matched settings of cfg, which is not const to us:
         * the hook is the setting's user data. */
        config_setting_set_hook((config_setting_t *)(*lits)[i].setting, note);
    }
    return CCS_OK;
}

/* ----------------------------------------------------------- positions */

void ccs__path_of(const config_setting_t *s, char *buf, size_t n)
{
    const config_setting_t *chain[64];
    int depth = 0;
    for (const config_setting_t *p = s; p && !config_setting_is_root(p) && depth < 64;
         p = config_setting_parent(p)) {
        chain[depth++] = p;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (int i = depth - 1; i >= 0 && used < n; i--) {
        const char *sep = used ? "." : "";
        const char *name = config_setting_name(chain[i]);
        int w;
        if (name) {
            w = snprintf(buf + used, n - used, "%s%s", sep, name);
        } else {
            w = snprintf(buf + used, n - used, "%s[%d]", sep, config_setting_index(chain[i]));
        }
        if (w < 0) {
            break;
        }
        used += (size_t)w;
    }
}

int ccs__line_of(const config_setting_t *s)
{
    const ccs__note *note = ccs__note_of(s);
    return note && note->line >= 0 ? note->line : (int)config_setting_source_line(s);
}

const char *ccs__file_of(const ccs__reader *r, const config_setting_t *s)
{
    /* Settings pulled in by @include carry their own file name. */
    const ccs__note *note = s ? ccs__note_of(s) : NULL;
    const char *f = NULL;
    if (note && note->line >= 0) {
        f = note->file;
    } else if (s) {
        f = config_setting_source_file(s);
    }
    return f ? f : r->file;
}

int ccs__fail_at(ccs__reader *r, const config_setting_t *s, const char *fmt, ...)
{
    char key[256];
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ccs__path_of(s, key, sizeof key);
    return ccs_error_set(r->err, CCS_ECONFIG, ccs__file_of(r, s), ccs__line_of(s), key, "%s", msg);
}

int ccs__fail_missing(ccs__reader *r, const config_setting_t *g, const char *name, const char *fmt,
                      ...)
{
    char gpath[200];
    char key[256];
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ccs__path_of(g, gpath, sizeof gpath);
    snprintf(key, sizeof key, "%s%s%s", gpath, gpath[0] ? "." : "", name);
    return ccs_error_set(r->err, CCS_ECONFIG, ccs__file_of(r, g), ccs__line_of(g), key, "%s", msg);
}

int ccs__fail_nomem(ccs__reader *r)
{
    return ccs_error_set(r->err, CCS_ENOMEM, r->file, 0, NULL, "out of memory");
}

/* ---------------------------------------------------- numbers as written */

/* The text written for s when libconfig stored another number, else NULL. */
static const char *written(const config_setting_t *s)
{
    const ccs__note *note = ccs__note_of(s);
    return note ? note->written : NULL;
}

const char *ccs__describe(const ccs__reader *r, const config_setting_t *s, char *buf, size_t n)
{
    (void)r;
    const char *w = written(s);
    if (w) {
        snprintf(buf, n, "%s", w);
        return buf;
    }
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        snprintf(buf, n, "%lld", config_setting_get_int64(s));
        break;
    case CONFIG_TYPE_FLOAT:
        snprintf(buf, n, "%g", config_setting_get_float(s));
        break;
    case CONFIG_TYPE_STRING:
        snprintf(buf, n, "\"%.60s\"", config_setting_get_string(s));
        break;
    case CONFIG_TYPE_BOOL:
        snprintf(buf, n, "%s", config_setting_get_bool(s) ? "true" : "false");
        break;
    case CONFIG_TYPE_GROUP:
        snprintf(buf, n, "a group { ... }");
        break;
    case CONFIG_TYPE_ARRAY:
        snprintf(buf, n, "an array [ ... ]");
        break;
    case CONFIG_TYPE_LIST:
        snprintf(buf, n, "a list ( ... )");
        break;
    default:
        snprintf(buf, n, "nothing");
        break;
    }
    return buf;
}

/* The number written: a literal libconfig could not store is read from its
 * text (4294967298 stays itself; 1e400 is infinite, which no range takes). */
static double number_of(const config_setting_t *s)
{
    const char *w = written(s);
    if (w) {
        char *end;
        if (strpbrk(w, "xX")) {
            return (double)strtoull(w, NULL, 16);
        }
        double v = strtod(w, &end);
        return end != w && (*end == '\0' || *end == 'L') ? v : INFINITY;
    }
    if (config_setting_type(s) == CONFIG_TYPE_FLOAT) {
        return config_setting_get_float(s);
    }
    return (double)config_setting_get_int64(s);
}

/* The integer written, as ccs__get_long() wants it: CCS_OK with *v, or
 * CCS_EINVAL when the text is no integer that fits 64 bits. */
static int integer_of(const config_setting_t *s, long long *v)
{
    const char *w = written(s);
    if (!w) {
        *v = config_setting_get_int64(s);
        return CCS_OK;
    }
    char *end;
    int hex = strpbrk(w, "xX") != NULL;
    errno = 0;
    long long x = hex ? (long long)strtoull(w, &end, 16) : strtoll(w, &end, 10);
    if (errno == ERANGE || (hex && x < 0) || end == w ||
        (*end && strcmp(end, "L") != 0 && strcmp(end, "LL") != 0)) {
        return CCS_EINVAL;
    }
    *v = x;
    return CCS_OK;
}

/* ------------------------------------------------------------- scalars */

/* "a number > 0", "a number in [0, 1]", ... */
static void range_text(char *buf, size_t n, const char *noun, double lo, int lo_open, double hi,
                       int hi_open)
{
    if (isinf(hi)) {
        snprintf(buf, n, "%s %s %g", noun, lo_open ? ">" : ">=", lo);
    } else {
        snprintf(buf, n, "%s in %c%g, %g%c", noun, lo_open ? '(' : '[', lo, hi,
                 hi_open ? ')' : ']');
    }
}

static int in_range(double v, double lo, int lo_open, double hi, int hi_open)
{
    if (!isfinite(v)) {
        return 0;
    }
    if (lo_open ? !(v > lo) : !(v >= lo)) {
        return 0;
    }
    if (!isinf(hi) && (hi_open ? !(v < hi) : !(v <= hi))) {
        return 0;
    }
    return 1;
}

int ccs__get_value(ccs__reader *r, const config_setting_t *s, ccs__unit_fn fn, double scale,
                   const char *noun, double lo, int lo_open, double hi, int hi_open, double *out)
{
    char want[128];
    char got[96];
    double v;
    range_text(want, sizeof want, noun, lo, lo_open, hi, hi_open);
    if (config_setting_is_number(s)) {
        v = number_of(s) * scale;
    } else if (fn && config_setting_type(s) == CONFIG_TYPE_STRING) {
        if (fn(config_setting_get_string(s), &v) != CCS_OK) {
            return ccs__fail_at(r, s, "expected %s, got %s", want,
                                ccs__describe(r, s, got, sizeof got));
        }
    } else {
        return ccs__fail_at(r, s, "expected %s, got %s", want,
                            ccs__describe(r, s, got, sizeof got));
    }
    if (!in_range(v, lo, lo_open, hi, hi_open)) {
        if (config_setting_is_number(s)) {
            return ccs__fail_at(r, s, "expected %s, got %s", want,
                                ccs__describe(r, s, got, sizeof got));
        }
        return ccs__fail_at(r, s, "expected %s, got %s (= %g)", want,
                            ccs__describe(r, s, got, sizeof got), v);
    }
    *out = v;
    return CCS_OK;
}

int ccs__check_year(ccs__reader *r, const config_setting_t *s, double v, double scale)
{
    char got[96];
    if (v <= CCS_DIST_MAX_S) {
        return CCS_OK;
    }
    if (config_setting_is_number(s) && scale == 1.0) {
        return ccs__fail_at(r, s, "expected a duration of at most a year (%.0f s), got %s",
                            CCS_DIST_MAX_S, ccs__describe(r, s, got, sizeof got));
    }
    return ccs__fail_at(r, s, "expected a duration of at most a year (%.0f s), got %s (= %g s)",
                        CCS_DIST_MAX_S, ccs__describe(r, s, got, sizeof got), v);
}

int ccs__get_duration(ccs__reader *r, const config_setting_t *s, double lo, int lo_open,
                      double *out)
{
    double v;
    if (ccs__get_value(r, s, ccs_units_duration, 1.0, "a duration in seconds (or \"3m\")", lo,
                       lo_open, INFINITY, 0, &v) != CCS_OK ||
        ccs__check_year(r, s, v, 1.0) != CCS_OK) {
        return CCS_ECONFIG;
    }
    *out = v;
    return CCS_OK;
}

int ccs__get_minutes(ccs__reader *r, const config_setting_t *s, double lo, int lo_open, double *out)
{
    /* Bare numbers are minutes (the key says so); strings carry a unit. */
    double v;
    if (ccs__get_value(r, s, ccs_units_duration, 60.0, "a number of minutes (or \"1h\")", lo * 60,
                       lo_open, INFINITY, 0, &v) != CCS_OK ||
        ccs__check_year(r, s, v, 60.0) != CCS_OK) {
        return CCS_ECONFIG;
    }
    *out = v;
    return CCS_OK;
}

int ccs__get_fraction(ccs__reader *r, const config_setting_t *s, int lo_open, double *out)
{
    return ccs__get_value(r, s, ccs_units_fraction, 1.0, "a fraction (or \"80%\")", 0.0, lo_open,
                          1.0, 0, out);
}

/* "expected an integer >= lo" or "... in [lo, hi]", quoting s as written
 * (0x10 stays 0x10). */
static int fail_integer(ccs__reader *r, const config_setting_t *s, long lo, long hi)
{
    char got[96];
    if (hi == LONG_MAX) {
        return ccs__fail_at(r, s, "expected an integer >= %ld, got %s", lo,
                            ccs__describe(r, s, got, sizeof got));
    }
    return ccs__fail_at(r, s, "expected an integer in [%ld, %ld], got %s", lo, hi,
                        ccs__describe(r, s, got, sizeof got));
}

int ccs__get_long(ccs__reader *r, const config_setting_t *s, long lo, long hi, long *out)
{
    int t = config_setting_type(s);
    long long v;
    if ((t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) || integer_of(s, &v) != CCS_OK || v < lo ||
        v > hi) {
        return fail_integer(r, s, lo, hi);
    }
    *out = (long)v;
    return CCS_OK;
}

int ccs__get_bool(ccs__reader *r, const config_setting_t *s, int *out)
{
    char got[96];
    if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
        return ccs__fail_at(r, s, "expected true or false, got %s",
                            ccs__describe(r, s, got, sizeof got));
    }
    *out = config_setting_get_bool(s);
    return CCS_OK;
}

int ccs__get_string(ccs__reader *r, const config_setting_t *s, const char **out)
{
    char got[96];
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        return ccs__fail_at(r, s, "expected a string in double quotes, got %s",
                            ccs__describe(r, s, got, sizeof got));
    }
    *out = config_setting_get_string(s);
    return CCS_OK;
}

int ccs__opt_duration(ccs__reader *r, const config_setting_t *g, const char *name, double lo,
                      int lo_open, double *out)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    return s ? ccs__get_duration(r, s, lo, lo_open, out) : CCS_OK;
}

int ccs__opt_fraction(ccs__reader *r, const config_setting_t *g, const char *name, double *out)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    return s ? ccs__get_fraction(r, s, 0, out) : CCS_OK;
}

int ccs__opt_int(ccs__reader *r, const config_setting_t *g, const char *name, long lo, long hi,
                 int *out)
{
    long v;
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        return CCS_OK;
    }
    if (ccs__get_long(r, s, lo, hi, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    *out = (int)v;
    return CCS_OK;
}

/* Names end up in report titles, CSV and JSON, where a newline or an ESC
 * would forge lines and invalid UTF-8 cannot go. */
int ccs__printable(const char *text)
{
    char buf[4 * CCS_NAME_MAX * 2 + 1];
    if (strlen(text) >= CCS_NAME_MAX * 2) {
        return 1; /* callers refuse such lengths themselves */
    }
    return strcmp(ccs_escape(buf, sizeof buf, text), text) == 0;
}

int ccs__get_name(ccs__reader *r, const config_setting_t *g, const char *what, char *buf, size_t n)
{
    const config_setting_t *s = config_setting_get_member(g, "name");
    const char *v = "";
    if (!s) {
        return ccs__fail_missing(r, g, "name", "required: every %s needs a name = \"...\"", what);
    }
    if (ccs__get_string(r, s, &v) != CCS_OK) {
        return r->err ? r->err->code : CCS_ECONFIG;
    }
    if (!v[0] || strlen(v) >= n) {
        return ccs__fail_at(r, s, "expected a name of 1 to %zu characters, got \"%.60s\"", n - 1,
                            v);
    }
    if (!ccs__printable(v) || strchr(v, ',') || strchr(v, '"')) {
        return ccs__fail_at(r, s,
                            "expected a name without control characters, commas or quotes"
                            " (it appears in CSV reports), got \"%.60s\"",
                            v);
    }
    snprintf(buf, n, "%s", v);
    return CCS_OK;
}

/* --------------------------------------------------------------- groups */

const config_setting_t *ccs__require(ccs__reader *r, const config_setting_t *g, const char *name,
                                     const char *why)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        ccs__fail_missing(r, g, name, "required: %s", why);
    }
    return s;
}

int ccs__expect_group(ccs__reader *r, const config_setting_t *s, const char *what)
{
    char got[96];
    if (!config_setting_is_group(s)) {
        return ccs__fail_at(r, s, "expected %s, got %s", what,
                            ccs__describe(r, s, got, sizeof got));
    }
    return CCS_OK;
}

int ccs__check_keys(ccs__reader *r, const config_setting_t *g, const char *const *allowed)
{
    int n = config_setting_length(g);
    for (int i = 0; i < n; i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(m);
        int ok = 0;
        for (const char *const *a = allowed; *a; a++) {
            if (strcmp(name, *a) == 0) {
                ok = 1;
                break;
            }
        }
        if (!ok) {
            char list[200];
            size_t used = 0;
            list[0] = '\0';
            for (const char *const *a = allowed; *a && used < sizeof list; a++) {
                int w = snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", *a);
                used += w > 0 ? (size_t)w : 0;
            }
            return ccs__fail_at(r, m, "unknown key \"%s\" (expected one of: %s)", name, list);
        }
    }
    return CCS_OK;
}
