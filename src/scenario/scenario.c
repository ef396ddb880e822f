/*
 * scenario.c — reads a scenario file (libconfig syntax), applies --set
 * overrides, and validates every key into the plain structs of scenario.h.
 *
 * The pipeline is: text -> config tree -> overrides -> one validating walk
 * -> ccs_scenario, then the config tree is destroyed.  Invariant: nothing in
 * the result points into libconfig memory (names are copied into fixed
 * buffers, tables into owned arrays), and every rejection names the file,
 * the line of the offending setting and its key path in libconfig syntax
 * ("calls.[0].handle_time.mean"), so a planner can go straight to it.
 * The walk stops at the first problem; on any failure everything built so
 * far is freed.
 */
#include "ccsim/scenario.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <libconfig.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "ccsim/units.h"
#include "scenario/scenario_forecast.h"
#include "scenario/scenario_lex.h"

#if defined(__GNUC__)
#define PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))
#else
#define PRINTF_LIKE(a, b)
#endif

#define MAX_INTERVALS 100000L   /* bounds the per-interval allocations */
#define MAX_AGENTS 1000000L     /* per group and interval */
#define MAX_REPLICATIONS 100000L
#define MAX_RETRIALS 1000L
#define MAX_QUEUE 100000000L
#define MAX_ERLANG_K 1000L

/* The numbers of the text that libconfig stored as other numbers
 * (scenario_lex.h), matched to their settings. */
typedef struct literals {
    ccs_literal *v;
    size_t n;
} literals;

/* State of one validating walk. */
typedef struct reader {
    const char *file;    /* name used in messages */
    ccs_error *err;
    ccs_scenario *sc;
    int has_outbound;    /* the file has an outbound section */
    const literals *lits;
    ccs_forecast **fc;   /* [n_types] what each `forecast` key read, checked against
                            the call type once all are read; owned by read_calls() */
} reader;

typedef int (*unit_fn)(const char *s, double *out);

/* ---------------------------------------------------------------- paths */

/* The setting's path in libconfig syntax: members by name, list and array
 * elements as "[i]"; "" for the root. */
static void path_of(const config_setting_t *s, char *buf, size_t n)
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

static const char *file_of(const reader *r, const config_setting_t *s)
{
    /* Settings pulled in by @include carry their own file name. */
    const char *f = s ? config_setting_source_file(s) : NULL;
    return f ? f : r->file;
}

/* Fails at setting s: CCS_ECONFIG, its line and its key path. */
static int fail_at(reader *r, const config_setting_t *s, const char *fmt, ...) PRINTF_LIKE(3, 4);
static int fail_at(reader *r, const config_setting_t *s, const char *fmt, ...)
{
    char key[256];
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    path_of(s, key, sizeof key);
    return ccs_error_set(r->err, CCS_ECONFIG, file_of(r, s), (int)config_setting_source_line(s),
                         key, "%s", msg);
}

/* Fails for a key `name` missing from group g: reported at g's line. */
static int fail_missing(reader *r, const config_setting_t *g, const char *name,
                        const char *fmt, ...) PRINTF_LIKE(4, 5);
static int fail_missing(reader *r, const config_setting_t *g, const char *name,
                        const char *fmt, ...)
{
    char gpath[200];
    char key[256];
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    path_of(g, gpath, sizeof gpath);
    snprintf(key, sizeof key, "%s%s%s", gpath, gpath[0] ? "." : "", name);
    return ccs_error_set(r->err, CCS_ECONFIG, file_of(r, g), (int)config_setting_source_line(g),
                         key, "%s", msg);
}

static int fail_nomem(reader *r)
{
    return ccs_error_set(r->err, CCS_ENOMEM, r->file, 0, NULL, "out of memory");
}

/* The text written for s when libconfig stored another number, else NULL. */
static const char *written(const reader *r, const config_setting_t *s)
{
    for (size_t i = 0; r->lits && i < r->lits->n; i++) {
        if (r->lits->v[i].setting == s) {
            return r->lits->v[i].text;
        }
    }
    return NULL;
}

/* "got ..." text for a setting, for messages. */
static const char *describe(const reader *r, const config_setting_t *s, char *buf, size_t n)
{
    const char *w = written(r, s);
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

/* ------------------------------------------------------------ scalars */

static int is_number(const reader *r, const config_setting_t *s)
{
    (void)r;
    return config_setting_is_number(s);
}

/* The number written: a literal libconfig could not store is read from its
 * text (4294967298 stays itself; 1e400 is infinite, which no range takes). */
static double number_of(const reader *r, const config_setting_t *s)
{
    const char *w = written(r, s);
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

/* The integer written, as get_long() wants it: CCS_OK with *v, or
 * CCS_EINVAL when the text is no integer that fits 64 bits. */
static int integer_of(const reader *r, const config_setting_t *s, long long *v)
{
    const char *w = written(r, s);
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

/*
 * A number, or a string with units parsed by fn (NULL: numbers only);
 * `scale` converts a bare number to the canonical unit (60 for minutes).
 * Then the range check.  noun describes the expected form in messages.
 */
static int get_value(reader *r, const config_setting_t *s, unit_fn fn, double scale,
                     const char *noun, double lo, int lo_open, double hi, int hi_open, double *out)
{
    char want[128];
    char got[96];
    double v;
    range_text(want, sizeof want, noun, lo, lo_open, hi, hi_open);
    if (is_number(r, s)) {
        v = number_of(r, s) * scale;
    } else if (fn && config_setting_type(s) == CONFIG_TYPE_STRING) {
        if (fn(config_setting_get_string(s), &v) != CCS_OK) {
            return fail_at(r, s, "expected %s, got %s", want, describe(r, s, got, sizeof got));
        }
    } else {
        return fail_at(r, s, "expected %s, got %s", want, describe(r, s, got, sizeof got));
    }
    if (!in_range(v, lo, lo_open, hi, hi_open)) {
        if (is_number(r, s)) {
            return fail_at(r, s, "expected %s, got %s", want, describe(r, s, got, sizeof got));
        }
        return fail_at(r, s, "expected %s, got %s (= %g)", want,
                       describe(r, s, got, sizeof got), v);
    }
    *out = v;
    return CCS_OK;
}

/* Refuses a duration v (seconds; a bare number in s is v / scale) longer
 * than a year, quoting s as written. */
static int check_year(reader *r, const config_setting_t *s, double v, double scale)
{
    char got[96];
    if (v <= CCS_DIST_MAX_S) {
        return CCS_OK;
    }
    if (is_number(r, s) && scale == 1.0) {
        return fail_at(r, s, "expected a duration of at most a year (%.0f s), got %s",
                       CCS_DIST_MAX_S, describe(r, s, got, sizeof got));
    }
    return fail_at(r, s, "expected a duration of at most a year (%.0f s), got %s (= %g s)",
                   CCS_DIST_MAX_S, describe(r, s, got, sizeof got), v);
}

static int get_duration(reader *r, const config_setting_t *s, double lo, int lo_open,
                        double *out)
{
    double v;
    if (get_value(r, s, ccs_units_duration, 1.0, "a duration in seconds (or \"3m\")", lo,
                  lo_open, INFINITY, 0, &v) != CCS_OK ||
        check_year(r, s, v, 1.0) != CCS_OK) {
        return CCS_ECONFIG;
    }
    *out = v;
    return CCS_OK;
}

static int get_minutes(reader *r, const config_setting_t *s, double lo, int lo_open, double *out)
{
    /* Bare numbers are minutes (the key says so); strings carry a unit. */
    double v;
    if (get_value(r, s, ccs_units_duration, 60.0, "a number of minutes (or \"1h\")", lo * 60,
                  lo_open, INFINITY, 0, &v) != CCS_OK ||
        check_year(r, s, v, 60.0) != CCS_OK) {
        return CCS_ECONFIG;
    }
    *out = v;
    return CCS_OK;
}

static int get_fraction(reader *r, const config_setting_t *s, int lo_open, double *out)
{
    return get_value(r, s, ccs_units_fraction, 1.0, "a fraction (or \"80%\")", 0.0, lo_open, 1.0,
                     0, out);
}

static int get_long(reader *r, const config_setting_t *s, long lo, long hi, long *out)
{
    char got[96];
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
        if (hi == LONG_MAX) {
            return fail_at(r, s, "expected an integer >= %ld, got %s", lo,
                           describe(r, s, got, sizeof got));
        }
        return fail_at(r, s, "expected an integer in [%ld, %ld], got %s", lo, hi,
                       describe(r, s, got, sizeof got));
    }
    long long v;
    if (integer_of(r, s, &v) != CCS_OK) {
        if (hi == LONG_MAX) {
            return fail_at(r, s, "expected an integer >= %ld, got %s", lo,
                           describe(r, s, got, sizeof got));
        }
        return fail_at(r, s, "expected an integer in [%ld, %ld], got %s", lo, hi,
                       describe(r, s, got, sizeof got));
    }
    if (v < lo || v > hi) {
        /* As written: 0x10 stays 0x10. */
        if (hi == LONG_MAX) {
            return fail_at(r, s, "expected an integer >= %ld, got %s", lo,
                           describe(r, s, got, sizeof got));
        }
        return fail_at(r, s, "expected an integer in [%ld, %ld], got %s", lo, hi,
                       describe(r, s, got, sizeof got));
    }
    *out = (long)v;
    return CCS_OK;
}

/* An optional duration member; absent leaves *out (the default). */
static int opt_duration(reader *r, const config_setting_t *g, const char *name, double lo,
                        int lo_open, double *out)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    return s ? get_duration(r, s, lo, lo_open, out) : CCS_OK;
}

static int opt_fraction(reader *r, const config_setting_t *g, const char *name, double *out)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    return s ? get_fraction(r, s, 0, out) : CCS_OK;
}

/* An optional integer member; absent leaves *out (the default). */
static int opt_int(reader *r, const config_setting_t *g, const char *name, long lo, long hi,
                   int *out)
{
    long v;
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        return CCS_OK;
    }
    if (get_long(r, s, lo, hi, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    *out = (int)v;
    return CCS_OK;
}

/* A member that must be a string; *out points into the config (copy it). */
static int get_string(reader *r, const config_setting_t *s, const char **out)
{
    char got[96];
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        return fail_at(r, s, "expected a string in double quotes, got %s",
                       describe(r, s, got, sizeof got));
    }
    *out = config_setting_get_string(s);
    return CCS_OK;
}

/* Whether text prints as itself: UTF-8 without control characters (what
 * ccs_escape() leaves alone).  Names end up in report titles, CSV and JSON,
 * where a newline or an ESC would forge lines and invalid UTF-8 cannot go. */
static int printable(const char *text)
{
    char buf[4 * CCS_NAME_MAX * 2 + 1];
    if (strlen(text) >= CCS_NAME_MAX * 2) {
        return 1;   /* callers refuse such lengths themselves */
    }
    return strcmp(ccs_escape(buf, sizeof buf, text), text) == 0;
}

/* The required `name` of a call type or agent group, copied into buf. */
static int get_name(reader *r, const config_setting_t *g, const char *what, char *buf, size_t n)
{
    const config_setting_t *s = config_setting_get_member(g, "name");
    const char *v = "";
    if (!s) {
        return fail_missing(r, g, "name", "required: every %s needs a name = \"...\"", what);
    }
    if (get_string(r, s, &v) != CCS_OK) {
        return r->err ? r->err->code : CCS_ECONFIG;
    }
    if (!v[0] || strlen(v) >= n) {
        return fail_at(r, s, "expected a name of 1 to %zu characters, got \"%.60s\"", n - 1, v);
    }
    if (!printable(v) || strchr(v, ',') || strchr(v, '"')) {
        return fail_at(r, s, "expected a name without control characters, commas or quotes"
                             " (it appears in CSV reports), got \"%.60s\"", v);
    }
    snprintf(buf, n, "%s", v);
    return CCS_OK;
}

/* Resolves the names in sequence s (a serves list, a campaign's agents) to
 * indices with find(); each must exist (in section `where`) and appear once.
 * out has room for every element. */
static int resolve_names(reader *r, const config_setting_t *s,
                         int (*find)(const ccs_scenario *, const char *), const char *what,
                         const char *where, int *out)
{
    int n = config_setting_length(s);
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        const char *name = "";
        if (get_string(r, e, &name) != CCS_OK) {
            return CCS_ECONFIG;
        }
        int idx = find(r->sc, name);
        if (idx < 0) {
            return fail_at(r, e, "no %s named \"%.60s\" in %s", what, name, where);
        }
        for (int j = 0; j < i; j++) {
            if (out[j] == idx) {
                return fail_at(r, e, "%s \"%.60s\" listed twice", what, name);
            }
        }
        out[i] = idx;
    }
    return CCS_OK;
}

/* Every member of group g must be in allowed (NULL-terminated). */
static int check_keys(reader *r, const config_setting_t *g, const char *const *allowed)
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
            return fail_at(r, m, "unknown key \"%s\" (expected one of: %s)", name, list);
        }
    }
    return CCS_OK;
}

static int expect_group(reader *r, const config_setting_t *s, const char *what)
{
    char got[96];
    if (!config_setting_is_group(s)) {
        return fail_at(r, s, "expected %s, got %s", what, describe(r, s, got, sizeof got));
    }
    return CCS_OK;
}

/* A non-empty list ( { ... }, ... ) of `what`. */
static int expect_list(reader *r, const config_setting_t *l, const char *what)
{
    char got[96];
    if (!config_setting_is_list(l) || config_setting_length(l) < 1) {
        return fail_at(r, l, "expected a non-empty list ( { ... }, ... ) of %s, got %s", what,
                       config_setting_is_list(l) ? "an empty list"
                                                 : describe(r, l, got, sizeof got));
    }
    return CCS_OK;
}

/* At most max elements in list l. */
static int check_count(reader *r, const config_setting_t *l, const char *what, int max)
{
    if (config_setting_length(l) > max) {
        return fail_at(r, l, "expected at most %d %s, got %d", max, what,
                       config_setting_length(l));
    }
    return CCS_OK;
}

/* The per-replication tallies: intervals x (types + campaigns) x (groups +
 * 1) cells at most CCS_MAX_TALLY_CELLS.  Checked as each list is read, so a
 * scenario too big to run is refused before its per-interval arrays are
 * allocated; `at` is the setting reported. */
static int check_cells(reader *r, const config_setting_t *at, int nt, int nc, int ng)
{
    double cells = (double)r->sc->n_intervals * (nt + nc) * (ng + 1);
    if (cells > CCS_MAX_TALLY_CELLS) {
        return fail_at(r, at,
                       "expected intervals x (call types + campaigns) x (agent groups + 1) of "
                       "at most %g tally cells per replication, got %d x (%d + %d) x (%d + 1) "
                       "= %g",
                       CCS_MAX_TALLY_CELLS, r->sc->n_intervals, nt, nc, ng, cells);
    }
    return CCS_OK;
}

/* Reads every element i of list l with elem(r, element, i). */
static int read_elems(reader *r, const config_setting_t *l,
                      int (*elem)(reader *, const config_setting_t *, int))
{
    for (int i = 0; i < config_setting_length(l); i++) {
        if (elem(r, config_setting_get_elem(l, (unsigned)i), i) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    return CCS_OK;
}

static int is_sequence(const config_setting_t *s)
{
    return config_setting_is_array(s) || config_setting_is_list(s);
}

/* ---------------------------------------------------------- sequences */

/* An array or list of values, each read with get_value(); *out is a new
 * array of *n values (caller frees). */
static int get_values(reader *r, const config_setting_t *s, unit_fn fn, const char *noun,
                      double lo, int lo_open, double hi, double **out, int *n)
{
    char got[96];
    if (!is_sequence(s)) {
        return fail_at(r, s, "expected an array [ ... ] of values, got %s",
                       describe(r, s, got, sizeof got));
    }
    int len = config_setting_length(s);
    if (len < 1) {
        return fail_at(r, s, "expected a non-empty array, got []");
    }
    double *v = malloc((size_t)len * sizeof *v);
    if (!v) {
        return fail_nomem(r);
    }
    for (int i = 0; i < len; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (get_value(r, e, fn, 1.0, noun, lo, lo_open, hi, 0, &v[i]) != CCS_OK) {
            free(v);
            return CCS_ECONFIG;
        }
    }
    *out = v;
    *n = len;
    return CCS_OK;
}

/* A sequence that must have one entry per interval. */
static int check_interval_length(reader *r, const config_setting_t *s)
{
    int len = config_setting_length(s);
    if (len != r->sc->n_intervals) {
        return fail_at(r, s,
                       "expected %d values (one per interval: horizon.intervals = %d), got %d",
                       r->sc->n_intervals, r->sc->n_intervals, len);
    }
    return CCS_OK;
}

/* Fills out[n_intervals] from a scalar (all intervals alike) or from an
 * array with one value per interval; each value is scaled by `scale`. */
static int get_per_interval(reader *r, const config_setting_t *s, unit_fn fn, const char *noun,
                            double scale, double *out)
{
    if (is_sequence(s)) {
        if (check_interval_length(r, s) != CCS_OK) {
            return CCS_ECONFIG;
        }
        for (int i = 0; i < r->sc->n_intervals; i++) {
            const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
            if (get_value(r, e, fn, 1.0, noun, 0.0, 0, INFINITY, 0, &out[i]) != CCS_OK) {
                return CCS_ECONFIG;
            }
            out[i] *= scale;
        }
        return CCS_OK;
    }
    double v;
    if (get_value(r, s, fn, 1.0, noun, 0.0, 0, INFINITY, 0, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int i = 0; i < r->sc->n_intervals; i++) {
        out[i] = v * scale;
    }
    return CCS_OK;
}

/* -------------------------------------------------------------- dists */

static const char *const keys_mean[] = {"dist", "mean", NULL};
static const char *const keys_uniform[] = {"dist", "min", "max", NULL};
static const char *const keys_mean_cv[] = {"dist", "mean", "cv", NULL};
static const char *const keys_erlang[] = {"dist", "mean", "k", NULL};
static const char *const keys_empirical[] = {"dist", "values", "cdf", NULL};

static const config_setting_t *require(reader *r, const config_setting_t *g, const char *name,
                                       const char *why)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        fail_missing(r, g, name, "required: %s", why);
    }
    return s;
}

static int read_empirical(reader *r, const config_setting_t *g, ccs_dist *d)
{
    const config_setting_t *sv = require(r, g, "values", "an array of durations, e.g. [60, 120]");
    if (!sv) {
        return CCS_ECONFIG;
    }
    if (get_values(r, sv, ccs_units_duration, "a duration in seconds", 0.0, 0, INFINITY, &d->x,
                   &d->n) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int i = 0; i < d->n; i++) {
        if (check_year(r, config_setting_get_elem(sv, (unsigned)i), d->x[i], 1.0) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    const config_setting_t *scdf = config_setting_get_member(g, "cdf");
    if (!scdf) {
        return CCS_OK;
    }
    int n = 0;
    if (get_values(r, scdf, ccs_units_fraction, "a probability", 0.0, 0, 1.0, &d->cdf, &n) !=
        CCS_OK) {
        return CCS_ECONFIG;
    }
    if (n != d->n) {
        return fail_at(r, scdf, "expected %d CDF points (as many as values), got %d", d->n, n);
    }
    for (int i = 1; i < n; i++) {
        if (d->x[i] < d->x[i - 1]) {
            return fail_at(r, config_setting_get_elem(sv, (unsigned)i),
                           "expected values in ascending order with a cdf, got %g after %g",
                           d->x[i], d->x[i - 1]);
        }
        if (d->cdf[i] < d->cdf[i - 1]) {
            return fail_at(r, config_setting_get_elem(scdf, (unsigned)i),
                           "expected a non-decreasing cdf, got %g after %g", d->cdf[i],
                           d->cdf[i - 1]);
        }
    }
    if (d->cdf[0] != 0.0 || d->cdf[n - 1] != 1.0) {
        return fail_at(r, scdf, "expected a cdf from 0 to 1, got %g ... %g", d->cdf[0],
                       d->cdf[n - 1]);
    }
    return CCS_OK;
}

/* Reads a distribution group into d (d must be zeroed; on failure the
 * caller's cleanup releases whatever d owns). */
static int read_dist(reader *r, const config_setting_t *g, ccs_dist *d)
{
    const char *name = "";
    ccs_dist_kind kind = CCS_DIST_NONE;
    if (expect_group(r, g, "a distribution { dist = \"exponential\"; mean = ...; }") != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *sd = require(r, g, "dist", "the kind, e.g. dist = \"exponential\"");
    if (!sd || get_string(r, sd, &name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (ccs_dist_kind_from_name(name, &kind) != CCS_OK || kind == CCS_DIST_NONE) {
        return fail_at(r, sd, "unknown distribution \"%.40s\" (expected exponential, "
                              "deterministic, uniform, gamma, erlang, lognormal or empirical)",
                       name);
    }
    const char *const *keys = keys_mean;
    switch (kind) {
    case CCS_DIST_UNIFORM:
        keys = keys_uniform;
        break;
    case CCS_DIST_GAMMA:
    case CCS_DIST_LOGNORMAL:
        keys = keys_mean_cv;
        break;
    case CCS_DIST_ERLANG:
        keys = keys_erlang;
        break;
    case CCS_DIST_EMPIRICAL:
        keys = keys_empirical;
        break;
    default:
        break;
    }
    if (check_keys(r, g, keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    d->kind = kind;
    const config_setting_t *s;
    long k;
    switch (kind) {
    case CCS_DIST_UNIFORM:
        if (!(s = require(r, g, "min", "the lower bound (seconds)")) ||
            get_duration(r, s, 0.0, 0, &d->min) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (!(s = require(r, g, "max", "the upper bound (seconds)")) ||
            get_duration(r, s, 0.0, 0, &d->max) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (d->max < d->min) {
            return fail_at(r, s, "expected max >= min (%g), got %g", d->min, d->max);
        }
        break;
    case CCS_DIST_EMPIRICAL:
        if (read_empirical(r, g, d) != CCS_OK) {
            return CCS_ECONFIG;
        }
        break;
    default:
        /* A constant may be 0 (no after-call work); a random time needs a mean > 0. */
        if (!(s = require(r, g, "mean", "the mean (seconds, or a string like \"3m\")")) ||
            get_duration(r, s, 0.0, kind != CCS_DIST_DETERMINISTIC, &d->mean) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (kind == CCS_DIST_GAMMA || kind == CCS_DIST_LOGNORMAL) {
            if (!(s = require(r, g, "cv", "the coefficient of variation (sd / mean), e.g. 0.8")) ||
                get_value(r, s, NULL, 1.0, "a number", CCS_DIST_CV_MIN, 0, CCS_DIST_CV_MAX, 0,
                          &d->cv) != CCS_OK) {
                return CCS_ECONFIG;
            }
        }
        if (kind == CCS_DIST_ERLANG) {
            if (!(s = require(r, g, "k", "the number of phases, e.g. k = 3")) ||
                get_long(r, s, 1, MAX_ERLANG_K, &k) != CCS_OK) {
                return CCS_ECONFIG;
            }
            d->k = (int)k;
        }
        break;
    }
    ccs_error de;
    ccs_error_clear(&de);
    if (ccs_dist_prepare(d, &de) != CCS_OK) {
        return fail_at(r, g, "%s", de.msg[0] ? de.msg : "invalid distribution parameters");
    }
    return CCS_OK;
}

/* An optional dist member: absent leaves d as it is (the default). */
static int opt_dist(reader *r, const config_setting_t *g, const char *name, ccs_dist *d)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        return CCS_OK;
    }
    ccs_dist_fini(d);
    memset(d, 0, sizeof *d);
    return read_dist(r, s, d);
}

/* ---------------------------------------------------------- sections */

static const char *const top_keys[] = {"name", "horizon", "calls", "agents", "outbound", "run", "cost",
                                       NULL};
static const char *const horizon_keys[] = {"intervals", "interval_minutes", "start", NULL};
static const char *const call_keys[] = {
    "name",      "calls_per_hour", "calls_per_interval", "forecast",      "volume_cv",
    "handle_time",
    "talk_time", "after_call_work", "patience",          "service_level", "short_abandon",
    "queue_capacity", "retrial",    "ours",              "repeat_delay", NULL};
static const char *const sl_keys[] = {"threshold", "target", NULL};
static const char *const retrial_keys[] = {"abandoned", "blocked", "delay", "max", NULL};
static const char *const agent_keys[] = {"name", "count", "serves", "serve_after", "quality",
                                         "cost", NULL};
static const char *const run_keys[] = {"replications", "seed", "warmup_minutes",
                                       "sl_definition", NULL};

static int read_horizon(reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *h = config_setting_get_member(root, "horizon");
    sc->n_intervals = 48;
    sc->interval_s = 1800.0;
    if (!h) {
        return CCS_OK;
    }
    if (expect_group(r, h, "a group { intervals = ...; interval_minutes = ...; }") != CCS_OK ||
        check_keys(r, h, horizon_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (opt_int(r, h, "intervals", 1, MAX_INTERVALS, &sc->n_intervals) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *s = config_setting_get_member(h, "interval_minutes");
    if (s && get_minutes(r, s, 0.0, 1, &sc->interval_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((double)sc->n_intervals * sc->interval_s > CCS_MAX_HORIZON_S) {
        const config_setting_t *at = config_setting_get_member(h, "intervals");
        return fail_at(r, at ? at : s,
                       "expected a horizon of at most a year (%.0f s), got %d intervals of "
                       "%g min = %g s",
                       CCS_MAX_HORIZON_S, sc->n_intervals, sc->interval_s / 60.0,
                       (double)sc->n_intervals * sc->interval_s);
    }
    s = config_setting_get_member(h, "start");
    if (s) {
        /* "07:00" (clock time) or a number of minutes after midnight. */
        int hh, mm;
        char tail;
        if (config_setting_type(s) == CONFIG_TYPE_STRING &&
            sscanf(config_setting_get_string(s), "%d:%d%c", &hh, &mm, &tail) == 2 && hh >= 0 &&
            hh < 24 && mm >= 0 && mm < 60) {
            sc->start_s = hh * 3600.0 + mm * 60.0;
        } else if (get_value(r, s, NULL, 60.0, "a clock time \"07:00\" or minutes after midnight",
                             0.0, 0, 24 * 3600.0, 1, &sc->start_s) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    return CCS_OK;
}

static int read_service_level(reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *s = config_setting_get_member(g, "service_level");
    char got[96];
    if (!s) {
        return CCS_OK;
    }
    if (config_setting_type(s) == CONFIG_TYPE_STRING) {
        /* Shorthand "80/20". */
        if (ccs_units_sl(config_setting_get_string(s), &ct->sl_target, &ct->sl_threshold_s) !=
                CCS_OK ||
            ct->sl_target <= 0.0) {
            return fail_at(r, s, "expected \"80/20\" (target %%/threshold s) or a group "
                                 "{ threshold = 20.0; target = 0.80; }, got %s",
                           describe(r, s, got, sizeof got));
        }
        return CCS_OK;
    }
    if (expect_group(r, s, "a group { threshold = 20.0; target = 0.80; }") != CCS_OK ||
        check_keys(r, s, sl_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *m = config_setting_get_member(s, "threshold");
    if (m && get_duration(r, m, 0.0, 0, &ct->sl_threshold_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    m = config_setting_get_member(s, "target");
    if (m && get_fraction(r, m, 1, &ct->sl_target) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

static int read_retrial(reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *s = config_setting_get_member(g, "retrial");
    if (!s) {
        return CCS_OK;
    }
    if (expect_group(r, s, "a group { abandoned = 0.3; blocked = 0.5; delay = {...}; max = 3; }") !=
            CCS_OK ||
        check_keys(r, s, retrial_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *m = config_setting_get_member(s, "abandoned");
    if (m && get_fraction(r, m, 0, &ct->retry_abandoned) != CCS_OK) {
        return CCS_ECONFIG;
    }
    m = config_setting_get_member(s, "blocked");
    if (m && get_fraction(r, m, 0, &ct->retry_blocked) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (opt_dist(r, s, "delay", &ct->retry_delay) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (opt_int(r, s, "max", 0, MAX_RETRIALS, &ct->max_retrials) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

/* `forecast = "monday.csv";`: calls per interval from a CSV file
 * (scenario_forecast.h), kept in r->fc for the check against the handle
 * time and patience. */
static int read_forecast_key(reader *r, const config_setting_t *s, ccs_call_type *ct)
{
    char got[96], key[256];
    if (config_setting_type(s) != CONFIG_TYPE_STRING || !config_setting_get_string(s)[0]) {
        return fail_at(r, s, "expected a CSV file name such as \"monday.csv\" (relative to "
                             "this file's directory), got %s",
                       describe(r, s, got, sizeof got));
    }
    path_of(s, key, sizeof key);
    ccs__key_at at = {file_of(r, s), (int)config_setting_source_line(s), key};
    ccs_forecast *fc =
        ccs__forecast_for_scenario(config_setting_get_string(s), &at, r->sc, ct->rate_per_hour,
                                   r->err);
    if (!fc) {
        return r->err ? r->err->code : CCS_ECONFIG;
    }
    r->fc[ct - r->sc->types] = fc;
    return CCS_OK;
}

static int read_arrivals(reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *ph = config_setting_get_member(g, "calls_per_hour");
    const config_setting_t *pi = config_setting_get_member(g, "calls_per_interval");
    const config_setting_t *fk = config_setting_get_member(g, "forecast");
    if (ph && pi) {
        return fail_at(r, pi, "give either calls_per_hour or calls_per_interval, not both");
    }
    if (fk && (ph || pi)) {
        return fail_at(r, fk, "give either forecast or %s, not both",
                       ph ? "calls_per_hour" : "calls_per_interval");
    }
    if (!ph && !pi && !fk) {
        return fail_missing(r, g, "calls_per_hour",
                            "required: the arrival rate, as calls_per_hour (a number, \"1000/h\" "
                            "or one value per interval), calls_per_interval (counts) or "
                            "forecast (a CSV file)");
    }
    ct->rate_per_hour = calloc((size_t)r->sc->n_intervals, sizeof *ct->rate_per_hour);
    if (!ct->rate_per_hour) {
        return fail_nomem(r);
    }
    if (fk) {
        return read_forecast_key(r, fk, ct);
    }
    if (ph) {
        return get_per_interval(r, ph, ccs_units_rate,
                                "a rate in calls per hour (or \"16/min\")", 1.0,
                                ct->rate_per_hour);
    }
    return get_per_interval(r, pi, NULL, "a number of calls", 3600.0 / r->sc->interval_s,
                            ct->rate_per_hour);
}

static int read_handle(reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *ht = config_setting_get_member(g, "handle_time");
    const config_setting_t *tt = config_setting_get_member(g, "talk_time");
    const config_setting_t *acw = config_setting_get_member(g, "after_call_work");
    if (ht && tt) {
        return fail_at(r, tt, "give either handle_time or talk_time (+ after_call_work), not both");
    }
    if (!ht && !tt) {
        return fail_missing(r, g, "handle_time",
                            "required: handle_time = { dist = ...; }, or talk_time (and "
                            "optionally after_call_work)");
    }
    if (ht) {
        if (acw) {
            return fail_at(r, acw, "after_call_work goes with talk_time; handle_time already "
                                   "includes it");
        }
        return read_dist(r, ht, &ct->talk);
    }
    if (read_dist(r, tt, &ct->talk) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return opt_dist(r, g, "after_call_work", &ct->acw);
}

/* Call-type keys of issue 5: whose traffic it is, and when an unresolved
 * contact calls again. */
static int read_call_quality(reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *s = config_setting_get_member(g, "ours");
    char got[96];
    if (s) {
        if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
            return fail_at(r, s, "expected true or false, got %s", describe(r, s, got, sizeof got));
        }
        ct->ours = config_setting_get_bool(s);
    }
    return opt_dist(r, g, "repeat_delay", &ct->repeat_delay);
}

static int read_call(reader *r, const config_setting_t *g, int idx)
{
    ccs_scenario *sc = r->sc;
    ccs_call_type *ct = &sc->types[idx];
    const config_setting_t *s;
    long n;

    ct->line = (int)config_setting_source_line(g);
    ct->sl_threshold_s = 20.0;
    ct->sl_target = 0.80;
    ct->short_abandon_s = 5.0;
    ct->queue_capacity = -1;
    ct->max_retrials = 3;
    ct->retry_delay = ccs_dist_exponential(300.0);
    ct->ours = 1;
    ct->repeat_delay = ccs_dist_exponential(3600.0);

    if (expect_group(r, g, "a call type { name = \"...\"; ... }") != CCS_OK ||
        check_keys(r, g, call_keys) != CCS_OK ||
        get_name(r, g, "call type", ct->name, sizeof ct->name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int j = 0; j < idx; j++) {
        if (strcmp(sc->types[j].name, ct->name) == 0) {
            return fail_at(r, config_setting_get_member(g, "name"),
                           "duplicate call type name \"%s\" (first defined on line %d)", ct->name,
                           sc->types[j].line);
        }
    }
    if (read_arrivals(r, g, ct) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "volume_cv")) &&
        get_value(r, s, NULL, 1.0, "a number", 0.0, 0, 1.0, 0, &ct->volume_cv) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (read_handle(r, g, ct) != CCS_OK || opt_dist(r, g, "patience", &ct->patience) != CCS_OK ||
        read_service_level(r, g, ct) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "short_abandon")) &&
        get_duration(r, s, 0.0, 0, &ct->short_abandon_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "queue_capacity"))) {
        if (get_long(r, s, 0, MAX_QUEUE, &n) != CCS_OK) {
            return CCS_ECONFIG;
        }
        ct->queue_capacity = n;
    }
    if (read_call_quality(r, g, ct) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return read_retrial(r, g, ct);
}

static int read_calls(reader *r, const config_setting_t *root)
{
    const config_setting_t *l = config_setting_get_member(root, "calls");
    if (!l && r->has_outbound) {
        return CCS_OK; /* an outbound-only center */
    }
    if (!l) {
        return fail_missing(r, root, "calls",
                            "required: a list of call types, calls = ( { name = ...; } )");
    }
    if (expect_list(r, l, "call types") != CCS_OK ||
        check_count(r, l, "call types", CCS_MAX_TYPES) != CCS_OK ||
        check_cells(r, l, config_setting_length(l), 0, 0) != CCS_OK) {
        return CCS_ECONFIG;
    }
    int n = config_setting_length(l);
    r->sc->types = calloc((size_t)n, sizeof *r->sc->types);
    r->fc = calloc((size_t)n + 1, sizeof *r->fc);
    if (!r->sc->types || !r->fc) {
        free(r->fc);
        r->fc = NULL;
        return fail_nomem(r);
    }
    r->sc->n_types = n;
    int rc = read_elems(r, l, read_call);
    /* A forecast's aht and patience cells against the call type's. */
    for (int t = 0; t < n && rc == CCS_OK; t++) {
        if (r->fc[t]) {
            rc = ccs__forecast_check_type(r->fc[t], &r->sc->types[t], r->err);
        }
    }
    for (int t = 0; t < n; t++) {
        ccs_forecast_free(r->fc[t]);
    }
    free(r->fc);
    r->fc = NULL;
    return rc;
}

static int read_count(reader *r, const config_setting_t *s, ccs_agent_group *ag)
{
    long v;
    int n = r->sc->n_intervals;
    ag->count = calloc((size_t)n, sizeof *ag->count);
    if (!ag->count) {
        return fail_nomem(r);
    }
    if (!is_sequence(s)) {
        if (get_long(r, s, 0, MAX_AGENTS, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        for (int i = 0; i < n; i++) {
            ag->count[i] = (int)v;
        }
        return CCS_OK;
    }
    if (check_interval_length(r, s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int i = 0; i < n; i++) {
        if (get_long(r, config_setting_get_elem(s, (unsigned)i), 0, MAX_AGENTS, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        ag->count[i] = (int)v;
    }
    return CCS_OK;
}

static int read_serves(reader *r, const config_setting_t *g, ccs_agent_group *ag)
{
    char got[96];
    const config_setting_t *s = config_setting_get_member(g, "serves");
    if (!s && r->has_outbound) {
        return CCS_OK; /* an outbound-only group: checked against the campaigns later */
    }
    if (!s) {
        s = require(r, g, "serves",
                    "the call types this group takes, in priority order, "
                    "e.g. serves = [ \"sales\" ]");
        return CCS_ECONFIG;
    }
    if (!is_sequence(s) || config_setting_length(s) < 1) {
        return fail_at(r, s, "expected a non-empty array of call type names [ \"...\" ], got %s",
                       is_sequence(s) ? "an empty array" : describe(r, s, got, sizeof got));
    }
    int n = config_setting_length(s);
    ag->serves = calloc((size_t)n, sizeof *ag->serves);
    ag->serve_after_s = calloc((size_t)n, sizeof *ag->serve_after_s);
    if (!ag->serves || !ag->serve_after_s) {
        return fail_nomem(r);
    }
    ag->n_serves = n;
    if (resolve_names(r, s, ccs_scenario_find_type, "call type", "calls", ag->serves) !=
        CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *sa = config_setting_get_member(g, "serve_after");
    if (!sa) {
        return CCS_OK;
    }
    if (!is_sequence(sa) || config_setting_length(sa) != n) {
        return fail_at(r, sa, "expected an array of %d delays (one per entry of serves), got %s", n,
                       is_sequence(sa) ? "a different length" : describe(r, sa, got, sizeof got));
    }
    for (int i = 0; i < n; i++) {
        if (get_duration(r, config_setting_get_elem(sa, (unsigned)i), 0.0, 0,
                         &ag->serve_after_s[i]) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    return CCS_OK;
}

/* ------------------------------------------------- costs and quality */

static const char *const quality_keys[] = {"aht_factor", "fcr", NULL};
static const char *const captive_keys[] = {
    "model",          "wage_per_hour",        "benefits",  "shrinkage",
    "agents_per_supervisor", "supervisor_wage_per_hour", "seat_per_month",
    "telephony_per_minute",  "hire_cost",     "attrition_per_year", NULL};
static const char *const outsourced_keys[] = {"model", "pricing", "price", "transition_fee",
                                              "vendor_management_per_month", "sla", NULL};
static const char *const cost_keys[] = {"contract_months", "operating_days_per_month", "sla",
                                        NULL};
static const char *const sla_keys[] = {"target", "penalty_per_point", "bonus_per_point",
                                       "period", NULL};

/* An optional amount of money >= 0 (absent leaves *out as it is). */
static int opt_money(reader *r, const config_setting_t *g, const char *name, double *out)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        return CCS_OK;
    }
    return get_value(r, s, NULL, 1.0, "an amount of money", 0.0, 0, INFINITY, 0, out);
}

/* An optional fraction that may exceed 1 (benefits, attrition): >= 0. */
static int opt_rate(reader *r, const config_setting_t *g, const char *name, double *out)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s) {
        return CCS_OK;
    }
    return get_value(r, s, ccs_units_fraction, 1.0, "a fraction (or \"30%\")", 0.0, 0, INFINITY,
                     0, out);
}

static int read_quality(reader *r, const config_setting_t *g, ccs_agent_group *ag)
{
    const config_setting_t *q = config_setting_get_member(g, "quality");
    const config_setting_t *s;
    if (!q) {
        return CCS_OK;
    }
    if (expect_group(r, q, "a group { aht_factor = 1.1; fcr = 0.72; }") != CCS_OK ||
        check_keys(r, q, quality_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(q, "aht_factor")) &&
        get_value(r, s, NULL, 1.0, "a number", 0.0, 1, INFINITY, 0, &ag->aht_factor) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(q, "fcr")) && get_fraction(r, s, 0, &ag->fcr) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

static int read_pricing(reader *r, const config_setting_t *g, ccs_group_cost *gc)
{
    static const char *const names[] = {"per_agent_hour", "per_handled_minute",
                                        "per_handled_call", "per_success"};
    const char *v = "";
    const config_setting_t *s = require(r, g, "pricing",
                                        "the pricing model, e.g. pricing = \"per_agent_hour\"");
    if (!s || get_string(r, s, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int i = 0; i < 4; i++) {
        if (strcmp(v, names[i]) == 0) {
            gc->pricing = (ccs_pricing)i;
            return CCS_OK;
        }
    }
    return fail_at(r, s, "unknown pricing model \"%.40s\" (expected per_agent_hour, "
                         "per_handled_minute, per_handled_call or per_success)", v);
}

static int read_sla(reader *r, const config_setting_t *c, ccs_cost_terms *ct);

static int read_group_cost(reader *r, const config_setting_t *g, ccs_agent_group *ag)
{
    const config_setting_t *c = config_setting_get_member(g, "cost");
    ccs_group_cost *gc = &ag->cost;
    const config_setting_t *s;
    const char *v = "";
    memset(gc, 0, sizeof *gc);
    if (!c) {
        return CCS_OK;
    }
    if (expect_group(r, c, "a group { model = \"captive\"; wage_per_hour = ...; } or "
                           "{ model = \"outsourced\"; pricing = ...; price = ...; }") != CCS_OK) {
        return CCS_ECONFIG;
    }
    s = require(r, c, "model", "\"captive\" or \"outsourced\"");
    if (!s || get_string(r, s, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (strcmp(v, "captive") == 0) {
        gc->kind = CCS_COST_CAPTIVE;
        if (check_keys(r, c, captive_keys) != CCS_OK) {
            return CCS_ECONFIG;
        }
        s = require(r, c, "wage_per_hour", "the agent wage per paid hour");
        if (!s || get_value(r, s, NULL, 1.0, "an amount of money", 0.0, 0, INFINITY, 0,
                            &gc->wage_per_hour) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (opt_rate(r, c, "benefits", &gc->benefits) != CCS_OK ||
            opt_rate(r, c, "attrition_per_year", &gc->attrition_per_year) != CCS_OK ||
            opt_money(r, c, "supervisor_wage_per_hour", &gc->supervisor_wage_per_hour) != CCS_OK ||
            opt_money(r, c, "seat_per_month", &gc->seat_per_month) != CCS_OK ||
            opt_money(r, c, "telephony_per_minute", &gc->telephony_per_minute) != CCS_OK ||
            opt_money(r, c, "hire_cost", &gc->hire_cost) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if ((s = config_setting_get_member(c, "shrinkage")) &&
            get_value(r, s, ccs_units_fraction, 1.0, "a fraction (or \"32%\")", 0.0, 0, 1.0, 1,
                      &gc->shrinkage) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if ((s = config_setting_get_member(c, "agents_per_supervisor")) &&
            get_value(r, s, NULL, 1.0, "a number of agents", 1.0, 0, INFINITY, 0,
                      &gc->agents_per_supervisor) != CCS_OK) {
            return CCS_ECONFIG;
        }
        return CCS_OK;
    }
    if (strcmp(v, "outsourced") == 0) {
        gc->kind = CCS_COST_OUTSOURCED;
        if (check_keys(r, c, outsourced_keys) != CCS_OK || read_pricing(r, c, gc) != CCS_OK) {
            return CCS_ECONFIG;
        }
        s = require(r, c, "price", "the vendor's price per unit of the pricing model");
        if (!s || get_value(r, s, NULL, 1.0, "an amount of money", 0.0, 0, INFINITY, 0,
                            &gc->price) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (opt_money(r, c, "transition_fee", &gc->transition_fee) != CCS_OK ||
            opt_money(r, c, "vendor_management_per_month", &gc->vendor_management_per_month) !=
                CCS_OK) {
            return CCS_ECONFIG;
        }
        gc->sla.sla_period = CCS_SLA_DAY;   /* the vendor's own SLA, as cost.sla */
        if (read_sla(r, c, &gc->sla) != CCS_OK) {
            return CCS_ECONFIG;
        }
        return CCS_OK;
    }
    return fail_at(r, s, "unknown cost model \"%.40s\" (expected \"captive\" or \"outsourced\")",
                   v);
}

static int read_sla(reader *r, const config_setting_t *c, ccs_cost_terms *ct)
{
    const config_setting_t *g = config_setting_get_member(c, "sla");
    const config_setting_t *s;
    if (!g) {
        return CCS_OK;
    }
    if (expect_group(r, g, "a group { target = 0.80; penalty_per_point = ...; period = \"day\"; }")
            != CCS_OK ||
        check_keys(r, g, sla_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    ct->has_sla = 1;
    s = require(r, g, "target", "the contracted service level, e.g. target = 0.80");
    if (!s || get_fraction(r, s, 0, &ct->sla_target) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (opt_money(r, g, "penalty_per_point", &ct->penalty_per_point) != CCS_OK ||
        opt_money(r, g, "bonus_per_point", &ct->bonus_per_point) != CCS_OK) {
        return CCS_ECONFIG;
    }
    s = config_setting_get_member(g, "period");
    if (s) {
        static const char *const names[] = {"interval", "day", "month"};
        const char *v = "";
        if (get_string(r, s, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        for (int i = 0; i < 3; i++) {
            if (strcmp(v, names[i]) == 0) {
                ct->sla_period = (ccs_sla_period)i;
                return CCS_OK;
            }
        }
        return fail_at(r, s, "expected \"interval\", \"day\" or \"month\", got \"%.40s\"", v);
    }
    return CCS_OK;
}

static int read_cost_terms(reader *r, const config_setting_t *root)
{
    ccs_cost_terms *ct = &r->sc->cost;
    const config_setting_t *c = config_setting_get_member(root, "cost");
    const config_setting_t *s;
    memset(ct, 0, sizeof *ct);
    ct->contract_months = 36.0;
    ct->operating_days_per_month = 21.7;
    ct->sla_period = CCS_SLA_DAY;
    if (!c) {
        return CCS_OK;
    }
    if (expect_group(r, c, "a group { contract_months = 36; operating_days_per_month = 21.7; }")
            != CCS_OK ||
        check_keys(r, c, cost_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(c, "contract_months")) &&
        get_value(r, s, NULL, 1.0, "a number of months", 0.0, 1, INFINITY, 0,
                  &ct->contract_months) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(c, "operating_days_per_month")) &&
        get_value(r, s, NULL, 1.0, "a number of days", 0.0, 1, 31.0, 0,
                  &ct->operating_days_per_month) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return read_sla(r, c, ct);
}

static int read_group(reader *r, const config_setting_t *g, int idx)
{
    ccs_scenario *sc = r->sc;
    ccs_agent_group *ag = &sc->groups[idx];
    ag->line = (int)config_setting_source_line(g);
    ag->aht_factor = 1.0;
    ag->fcr = 1.0;
    if (expect_group(r, g, "an agent group { name = \"...\"; count = ...; serves = [...]; }") !=
            CCS_OK ||
        check_keys(r, g, agent_keys) != CCS_OK ||
        get_name(r, g, "agent group", ag->name, sizeof ag->name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int j = 0; j < idx; j++) {
        if (strcmp(sc->groups[j].name, ag->name) == 0) {
            return fail_at(r, config_setting_get_member(g, "name"),
                           "duplicate agent group name \"%s\" (first defined on line %d)", ag->name,
                           sc->groups[j].line);
        }
    }
    const config_setting_t *c = require(r, g, "count",
                                        "agents on shift: a number, or one per interval");
    if (!c || read_count(r, c, ag) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (read_serves(r, g, ag) != CCS_OK || read_quality(r, g, ag) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return read_group_cost(r, g, ag);
}

static int read_agents(reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *l = config_setting_get_member(root, "agents");
    if (!l) {
        return fail_missing(r, root, "agents",
                            "required: a list of agent groups, agents = ( { name = ...; } )");
    }
    if (expect_list(r, l, "agent groups") != CCS_OK ||
        check_count(r, l, "agent groups", CCS_MAX_GROUPS) != CCS_OK ||
        check_cells(r, l, sc->n_types, 0, config_setting_length(l)) != CCS_OK) {
        return CCS_ECONFIG;
    }
    int n = config_setting_length(l);
    sc->groups = calloc((size_t)n, sizeof *sc->groups);
    if (!sc->groups) {
        return fail_nomem(r);
    }
    sc->n_groups = n;
    if (read_elems(r, l, read_group) != CCS_OK) {
        return CCS_ECONFIG;
    }
    /* A call type nobody answers would only queue and abandon: almost
     * always a typo in serves, so refuse it. */
    const config_setting_t *calls = config_setting_get_member(root, "calls");
    for (int t = 0; t < sc->n_types; t++) {
        int covered = 0;
        for (int gi = 0; gi < n && !covered; gi++) {
            for (int j = 0; j < sc->groups[gi].n_serves; j++) {
                if (sc->groups[gi].serves[j] == t) {
                    covered = 1;
                    break;
                }
            }
        }
        if (!covered) {
            return fail_at(r, config_setting_get_elem(calls, (unsigned)t),
                           "call type \"%s\" is served by no agent group (add it to some "
                           "group's serves)", sc->types[t].name);
        }
    }
    return CCS_OK;
}

static int read_run(reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *g = config_setting_get_member(root, "run");
    long n;
    sc->replications = 10;
    sc->seed = 1;
    sc->warmup_s = 0.0;
    sc->sl_definition = CCS_SL_OFFERED;
    if (!g) {
        return CCS_OK;
    }
    if (expect_group(r, g, "a group { replications = ...; seed = ...; }") != CCS_OK ||
        check_keys(r, g, run_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (opt_int(r, g, "replications", 1, MAX_REPLICATIONS, &sc->replications) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *s = config_setting_get_member(g, "seed");
    if (s) {
        if (get_long(r, s, 0, LONG_MAX, &n) != CCS_OK) {
            return CCS_ECONFIG;
        }
        sc->seed = (uint64_t)n;
    }
    s = config_setting_get_member(g, "warmup_minutes");
    if (s && get_minutes(r, s, 0.0, 0, &sc->warmup_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    s = config_setting_get_member(g, "sl_definition");
    if (s) {
        const char *v = "";
        if (get_string(r, s, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        int found = 0;
        for (int d = CCS_SL_OFFERED; d <= CCS_SL_ANSWERED; d++) {
            if (strcmp(v, ccs_sl_def_name((ccs_sl_def)d)) == 0) {
                sc->sl_definition = (ccs_sl_def)d;
                found = 1;
            }
        }
        if (!found) {
            return fail_at(r, s, "expected \"offered\", \"excluding_short\" or \"answered\", "
                                 "got \"%.60s\"", v);
        }
    }
    return CCS_OK;
}

/* The scenario's name: the key, else the file's base name without ".cfg". */
static int read_name(reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *s = config_setting_get_member(root, "name");
    if (s) {
        const char *v = "";
        if (get_string(r, s, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (strlen(v) >= sizeof sc->name) {
            return fail_at(r, s, "expected a name of at most %zu characters",
                           sizeof sc->name - 1);
        }
        if (!printable(v)) {
            return fail_at(r, s, "expected a name without control characters (it is the "
                                 "report's title), got \"%.60s\"", v);
        }
        snprintf(sc->name, sizeof sc->name, "%s", v);
        return CCS_OK;
    }
    const char *base = strrchr(r->file, '/');
    base = base ? base + 1 : r->file;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".cfg") == 0) {
        len -= 4;
    }
    if (len >= sizeof sc->name) {
        len = sizeof sc->name - 1;
    }
    /* A file name may hold anything but '/' and NUL: the title gets its
     * escaped form, which prints as one line and is valid UTF-8. */
    char raw[sizeof sc->name];
    memcpy(raw, base, len);
    raw[len] = '\0';
    ccs_escape(sc->name, sizeof sc->name, raw);
    return CCS_OK;
}

/* ----------------------------------------------------------- outbound */

static const char *const outbound_keys[] = {"campaigns", NULL};
static const char *const campaign_keys[] = {
    "name",         "mode",        "agents",     "list_size",      "window",
    "max_attempts", "retry_delay", "outcomes",   "ring_time",      "ring_timeout",
    "busy_time",    "talk_time",   "wrap_time",  "success",        "amd",
    "abandon_target", "grace",     "preview_time", "pacing",       "lines_per_agent",
    "reserve",      NULL};
static const char *const outcome_keys[] = {"no_answer", "busy", "machine", "wrong_party",
                                           "right_party", NULL};
static const char *const retry_keys[] = {"no_answer", "busy", "machine", "abandoned", NULL};
static const char *const talk_keys[] = {"machine", "wrong_party", "right_party", NULL};
static const char *const amd_keys[] = {"enabled", "detection_time", "false_positive",
                                       "false_negative", NULL};

#define MAX_LIST_SIZE 100000000L
#define MAX_ATTEMPTS 100

static int read_campaign_groups(reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    char got[96];
    const config_setting_t *s = require(r, g, "agents",
                                        "the agent groups that work the campaign, e.g. "
                                        "agents = [ \"team\" ]");
    if (!s) {
        return CCS_ECONFIG;
    }
    if (!is_sequence(s) || config_setting_length(s) < 1) {
        return fail_at(r, s, "expected a non-empty array of agent group names, got %s",
                       is_sequence(s) ? "an empty array" : describe(r, s, got, sizeof got));
    }
    int n = config_setting_length(s);
    cp->groups = calloc((size_t)n, sizeof *cp->groups);
    if (!cp->groups) {
        return fail_nomem(r);
    }
    cp->n_groups = n;
    return resolve_names(r, s, ccs_scenario_find_group, "agent group", "agents", cp->groups);
}

static int read_window(reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    const config_setting_t *s = config_setting_get_member(g, "window");
    int nk = r->sc->n_intervals;
    long v[2];
    cp->window_first = 0;
    cp->window_last = nk - 1;
    if (!s) {
        return CCS_OK;
    }
    if (!is_sequence(s) || config_setting_length(s) != 2) {
        return fail_at(r, s, "expected [first, last]: the first and last interval (0 to %d) "
                             "when dialing is allowed", nk - 1);
    }
    for (int i = 0; i < 2; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (get_long(r, e, 0, LONG_MAX, &v[i]) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (v[i] >= nk) {
            return fail_at(r, e, "interval %ld is outside the horizon (intervals 0 to %d)", v[i],
                           nk - 1);
        }
    }
    if (v[1] < v[0]) {
        return fail_at(r, s, "expected first <= last, got [%ld, %ld]", v[0], v[1]);
    }
    cp->window_first = (int)v[0];
    cp->window_last = (int)v[1];
    return CCS_OK;
}

/* Outcome probabilities: each a fraction or one per interval; they must
 * sum to 1 in every interval. */
static int read_outcomes(reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    int nk = r->sc->n_intervals;
    const config_setting_t *s = require(r, g, "outcomes",
                                        "the outcome probabilities { no_answer = 0.4; busy = 0.05; "
                                        "machine = 0.25; wrong_party = 0.05; right_party = 0.25; }");
    if (!s || expect_group(r, s, "a group of outcome probabilities") != CCS_OK ||
        check_keys(r, s, outcome_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    cp->p = calloc((size_t)nk * CCS_N_OUTCOMES, sizeof *cp->p);
    double *tmp = calloc((size_t)nk, sizeof *tmp);
    if (!cp->p || !tmp) {
        free(tmp);
        return fail_nomem(r);
    }
    for (int o = 0; o < CCS_N_OUTCOMES; o++) {
        const config_setting_t *m = config_setting_get_member(s, outcome_keys[o]);
        if (!m) {
            continue;
        }
        if (get_per_interval(r, m, ccs_units_fraction, "a probability (or \"25%\")", 1.0, tmp) !=
            CCS_OK) {
            free(tmp);
            return CCS_ECONFIG;
        }
        for (int k = 0; k < nk; k++) {
            if (tmp[k] > 1.0) {
                double bad = tmp[k];
                free(tmp);
                return fail_at(r, m, "expected a probability in [0, 1], got %g", bad);
            }
            cp->p[k * CCS_N_OUTCOMES + o] = tmp[k];
        }
    }
    free(tmp);
    for (int k = 0; k < nk; k++) {
        double sum = 0;
        for (int o = 0; o < CCS_N_OUTCOMES; o++) {
            sum += cp->p[k * CCS_N_OUTCOMES + o];
        }
        if (fabs(sum - 1.0) > 1e-6) {
            return fail_at(r, s, "outcome probabilities must sum to 1, got %.6g (interval %d)",
                           sum, k);
        }
    }
    return CCS_OK;
}

static int read_campaign_times(reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    const config_setting_t *s = config_setting_get_member(g, "retry_delay");
    if (s) {
        if (expect_group(r, s, "a group { no_answer = \"2h\"; busy = \"15m\"; machine = \"4h\"; "
                               "abandoned = \"1h\"; }") != CCS_OK ||
            check_keys(r, s, retry_keys) != CCS_OK ||
            opt_duration(r, s, "no_answer", 0, 0, &cp->retry_s[CCS_OUT_NO_ANSWER]) != CCS_OK ||
            opt_duration(r, s, "busy", 0, 0, &cp->retry_s[CCS_OUT_BUSY]) != CCS_OK ||
            opt_duration(r, s, "machine", 0, 0, &cp->retry_s[CCS_OUT_MACHINE]) != CCS_OK ||
            opt_duration(r, s, "abandoned", 0, 0, &cp->retry_abandoned_s) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    if (opt_dist(r, g, "ring_time", &cp->ring) != CCS_OK ||
        opt_duration(r, g, "ring_timeout", 0, 1, &cp->ring_timeout_s) != CCS_OK ||
        opt_duration(r, g, "busy_time", 0, 0, &cp->busy_signal_s) != CCS_OK ||
        opt_dist(r, g, "wrap_time", &cp->wrap) != CCS_OK ||
        opt_dist(r, g, "preview_time", &cp->preview) != CCS_OK ||
        opt_duration(r, g, "grace", 0, 0, &cp->grace_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    s = require(r, g, "talk_time", "talk time per live outcome { right_party = { dist = ...; }; }");
    if (!s || expect_group(r, s, "a group { right_party = {...}; wrong_party = {...}; "
                                 "machine = {...}; }") != CCS_OK ||
        check_keys(r, s, talk_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (!config_setting_get_member(s, "right_party")) {
        return fail_missing(r, s, "right_party", "required: the talk time of right-party contacts");
    }
    if (opt_dist(r, s, "machine", &cp->talk[CCS_OUT_MACHINE]) != CCS_OK ||
        opt_dist(r, s, "wrong_party", &cp->talk[CCS_OUT_WRONG_PARTY]) != CCS_OK ||
        opt_dist(r, s, "right_party", &cp->talk[CCS_OUT_RIGHT_PARTY]) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

static int read_amd(reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    const config_setting_t *s = config_setting_get_member(g, "amd");
    if (!s) {
        return CCS_OK;
    }
    if (expect_group(r, s, "a group { enabled = true; detection_time = 2.5; "
                           "false_positive = 0.05; false_negative = 0.1; }") != CCS_OK ||
        check_keys(r, s, amd_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *e = config_setting_get_member(s, "enabled");
    cp->amd = 1;
    if (e) {
        if (config_setting_type(e) != CONFIG_TYPE_BOOL) {
            char got[96];
            return fail_at(r, e, "expected true or false, got %s", describe(r, e, got, sizeof got));
        }
        cp->amd = config_setting_get_bool(e);
    }
    if (opt_duration(r, s, "detection_time", 0, 0, &cp->amd_time_s) != CCS_OK ||
        opt_fraction(r, s, "false_positive", &cp->amd_false_positive) != CCS_OK ||
        opt_fraction(r, s, "false_negative", &cp->amd_false_negative) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

static int read_pacing(reader *r, const config_setting_t *g, ccs_campaign *cp)
{
    const config_setting_t *s = config_setting_get_member(g, "pacing");
    const char *v = "";
    if (s) {
        if (get_string(r, s, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (strcmp(v, "adaptive") == 0) {
            cp->pacing_fixed = 0;
        } else if (strcmp(v, "fixed") == 0) {
            cp->pacing_fixed = 1;
            cp->lines_per_agent = 1.0;
        } else {
            return fail_at(r, s, "expected \"adaptive\" or \"fixed\", got \"%.40s\"", v);
        }
    }
    s = config_setting_get_member(g, "lines_per_agent");
    if (s && get_value(r, s, NULL, 1.0, "lines per agent", 0.0, 1, 100.0, 0,
                       &cp->lines_per_agent) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return opt_int(r, g, "reserve", 0, MAX_AGENTS, &cp->reserve);
}

static void campaign_defaults(ccs_campaign *cp, int nk)
{
    cp->mode = CCS_DIAL_PROGRESSIVE;
    cp->window_first = 0;
    cp->window_last = nk - 1;
    cp->max_attempts = 3;
    cp->retry_s[CCS_OUT_NO_ANSWER] = 7200;
    cp->retry_s[CCS_OUT_BUSY] = 900;
    cp->retry_s[CCS_OUT_MACHINE] = 14400;
    cp->retry_abandoned_s = 3600;
    cp->ring.kind = CCS_DIST_UNIFORM;
    cp->ring.min = 4;
    cp->ring.max = 20;
    ccs_dist_prepare(&cp->ring, NULL);
    cp->ring_timeout_s = 25;
    cp->busy_signal_s = 5;
    cp->talk[CCS_OUT_MACHINE] = ccs_dist_deterministic(20);
    cp->talk[CCS_OUT_WRONG_PARTY] = ccs_dist_exponential(20);
    cp->amd_time_s = 2.5;
    cp->abandon_target = 0.03;
    cp->grace_s = 2;
    cp->preview = ccs_dist_deterministic(20);
    cp->lines_per_agent = 3.0;
}

static int read_campaign(reader *r, const config_setting_t *g, int idx)
{
    ccs_scenario *sc = r->sc;
    ccs_campaign *cp = &sc->campaigns[idx];
    const config_setting_t *s;
    const char *v = "";
    campaign_defaults(cp, sc->n_intervals);
    cp->line = (int)config_setting_source_line(g);
    if (expect_group(r, g, "a campaign { name = \"...\"; mode = \"predictive\"; ... }") !=
            CCS_OK ||
        check_keys(r, g, campaign_keys) != CCS_OK ||
        get_name(r, g, "campaign", cp->name, sizeof cp->name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int j = 0; j < idx; j++) {
        if (strcmp(sc->campaigns[j].name, cp->name) == 0) {
            return fail_at(r, config_setting_get_member(g, "name"),
                           "duplicate campaign name \"%s\" (first defined on line %d)", cp->name,
                           sc->campaigns[j].line);
        }
    }
    if (!(s = require(r, g, "mode", "\"preview\", \"progressive\" or \"predictive\"")) ||
        get_string(r, s, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (strcmp(v, "preview") == 0) {
        cp->mode = CCS_DIAL_PREVIEW;
    } else if (strcmp(v, "progressive") == 0) {
        cp->mode = CCS_DIAL_PROGRESSIVE;
    } else if (strcmp(v, "predictive") == 0) {
        cp->mode = CCS_DIAL_PREDICTIVE;
    } else {
        return fail_at(r, s, "expected \"preview\", \"progressive\" or \"predictive\", got "
                             "\"%.40s\"", v);
    }
    if (read_campaign_groups(r, g, cp) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (!(s = require(r, g, "list_size", "the number of records on the calling list")) ||
        get_long(r, s, 1, MAX_LIST_SIZE, &cp->list_size) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (opt_int(r, g, "max_attempts", 1, MAX_ATTEMPTS, &cp->max_attempts) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((double)cp->list_size * cp->max_attempts > CCS_MAX_DIALS) {
        const config_setting_t *at = config_setting_get_member(g, "max_attempts");
        return fail_at(r, at ? at : s,
                       "expected list_size x max_attempts of at most %g dials per "
                       "replication, got %ld x %d = %g",
                       CCS_MAX_DIALS, cp->list_size, cp->max_attempts,
                       (double)cp->list_size * cp->max_attempts);
    }
    if (read_window(r, g, cp) != CCS_OK || read_outcomes(r, g, cp) != CCS_OK ||
        read_campaign_times(r, g, cp) != CCS_OK || read_amd(r, g, cp) != CCS_OK ||
        read_pacing(r, g, cp) != CCS_OK || opt_fraction(r, g, "success", &cp->success) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "abandon_target")) &&
        get_fraction(r, s, 0, &cp->abandon_target) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

/* Reads outbound.campaigns; then every agent group must answer calls or
 * work a campaign. */
static int read_outbound(reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *o = config_setting_get_member(root, "outbound");
    if (o) {
        if (expect_group(r, o, "a group { campaigns = ( { ... } ); }") != CCS_OK ||
            check_keys(r, o, outbound_keys) != CCS_OK) {
            return CCS_ECONFIG;
        }
        const config_setting_t *l = require(r, o, "campaigns", "a list of campaigns ( { ... } )");
        if (!l) {
            return CCS_ECONFIG;
        }
        if (expect_list(r, l, "campaigns") != CCS_OK ||
            check_count(r, l, "campaigns", CCS_MAX_CAMPAIGNS) != CCS_OK ||
            check_cells(r, l, sc->n_types, config_setting_length(l), sc->n_groups) != CCS_OK) {
            return CCS_ECONFIG;
        }
        int n = config_setting_length(l);
        sc->campaigns = calloc((size_t)n, sizeof *sc->campaigns);
        if (!sc->campaigns) {
            return fail_nomem(r);
        }
        sc->n_campaigns = n;
        if (read_elems(r, l, read_campaign) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    const config_setting_t *agents = config_setting_get_member(root, "agents");
    for (int gi = 0; gi < sc->n_groups; gi++) {
        int works = sc->groups[gi].n_serves > 0;
        for (int c = 0; c < sc->n_campaigns && !works; c++) {
            for (int j = 0; j < sc->campaigns[c].n_groups; j++) {
                works |= sc->campaigns[c].groups[j] == gi;
            }
        }
        if (!works) {
            return fail_at(r, config_setting_get_elem(agents, (unsigned)gi),
                           "agent group \"%s\" serves no call type and works no campaign "
                           "(give it serves = [ ... ] or name it in a campaign's agents)",
                           sc->groups[gi].name);
        }
    }
    if (sc->n_types == 0 && sc->n_campaigns == 0) {
        return fail_missing(r, root, "calls",
                            "required: a list of call types, calls = ( { name = ...; } ), or "
                            "outbound campaigns");
    }
    return CCS_OK;
}

const char *ccs_dial_mode_name(ccs_dial_mode m)
{
    switch (m) {
    case CCS_DIAL_PREVIEW:
        return "preview";
    case CCS_DIAL_PROGRESSIVE:
        return "progressive";
    case CCS_DIAL_PREDICTIVE:
        return "predictive";
    }
    return "?";
}

const char *ccs_outcome_name(ccs_outcome o)
{
    return o >= 0 && o < CCS_N_OUTCOMES ? outcome_keys[o] : "?";
}

/* Expected repeat contacts per fresh contact of type t, at most: each
 * contact is resolved with probability fcr (the lowest of the groups that
 * answer t), and a repeat comes at least a mean repeat delay after the
 * last, within the run's `span` seconds.  INFINITY when neither bounds it. */
static double repeat_factor(const ccs_scenario *sc, int t, double span, int *low_group)
{
    double fcr = 1.0;
    *low_group = -1;
    for (int g = 0; g < sc->n_groups; g++) {
        for (int i = 0; i < sc->groups[g].n_serves; i++) {
            if (sc->groups[g].serves[i] == t && sc->groups[g].fcr < fcr) {
                fcr = sc->groups[g].fcr;
                *low_group = g;
            }
        }
    }
    if (fcr >= 1.0) {
        return 1.0;
    }
    double by_fcr = fcr > 0.0 ? 1.0 / fcr : INFINITY;
    double delay = ccs_dist_mean(&sc->types[t].repeat_delay);
    double by_time = delay > 0.0 ? 1.0 + span / delay : INFINITY;
    return by_fcr < by_time ? by_fcr : by_time;
}

/* The bound of scenario.h on the run as a whole: expected calls per
 * replication (the tally cells are checked as the lists are read). */
static int check_volume(reader *r, const config_setting_t *root)
{
    const ccs_scenario *sc = r->sc;
    const double span = sc->warmup_s + sc->n_intervals * sc->interval_s;
    double total = 0.0, worst = -1.0;
    int worst_t = -1;
    for (int t = 0; t < sc->n_types; t++) {
        const ccs_call_type *ct = &sc->types[t];
        double fresh = ct->rate_per_hour[0] / 3600.0 * sc->warmup_s;
        for (int k = 0; k < sc->n_intervals; k++) {
            fresh += ct->rate_per_hour[k] / 3600.0 * sc->interval_s;
        }
        int g = -1;
        double f = repeat_factor(sc, t, span, &g);
        if (isinf(f) && fresh > 0.0) {
            const config_setting_t *calls = config_setting_get_member(root, "calls");
            return fail_at(r, config_setting_get_elem(calls, (unsigned)t),
                           "call type \"%s\" would repeat without end: fcr %g (agent group "
                           "\"%s\") with a repeat_delay of mean 0; expected fcr > 0 or a "
                           "repeat_delay with mean > 0",
                           ct->name, sc->groups[g].fcr, sc->groups[g].name);
        }
        double calls = fresh * f;
        total += calls;
        if (calls > worst) {
            worst = calls;
            worst_t = t;
        }
    }
    if (!(total <= CCS_MAX_ARRIVALS)) {
        const config_setting_t *calls = config_setting_get_member(root, "calls");
        const config_setting_t *ct = config_setting_get_elem(calls, (unsigned)worst_t);
        const config_setting_t *at = config_setting_get_member(ct, "calls_per_hour");
        at = at ? at : config_setting_get_member(ct, "calls_per_interval");
        char got[64];
        if (isfinite(total)) {
            snprintf(got, sizeof got, "%.3g", total);
        } else {
            snprintf(got, sizeof got, "more than %g", DBL_MAX);
        }
        return fail_at(r, at ? at : ct,
                       "expected at most %g calls per replication (all call types, warm-up "
                       "and repeat contacts included), got %s",
                       CCS_MAX_ARRIVALS, got);
    }
    return CCS_OK;
}

static int validate(reader *r, const config_t *cfg)
{
    const config_setting_t *root = config_root_setting(cfg);
    r->has_outbound = config_setting_get_member(root, "outbound") != NULL;
    if (check_keys(r, root, top_keys) != CCS_OK || read_name(r, root) != CCS_OK ||
        read_horizon(r, root) != CCS_OK || read_calls(r, root) != CCS_OK ||
        read_agents(r, root) != CCS_OK || read_outbound(r, root) != CCS_OK ||
        read_run(r, root) != CCS_OK ||
        read_cost_terms(r, root) != CCS_OK || check_volume(r, root) != CCS_OK) {
        return r->err ? r->err->code : CCS_ECONFIG;
    }
    return CCS_OK;
}

/* ---------------------------------------------------------- overrides */

static int set_usage(ccs_error *err, const char *set, const char *why)
{
    return ccs_error_set(err, CCS_EINVAL, NULL, 0, set,
                         "%s; expected --set PATH=VALUE, e.g. --set run.seed=3 or "
                         "--set calls.[0].calls_per_hour=900", why);
}

/* An override's VALUE, classified as libconfig would read it, except that
 * anything unparseable is a bare string (so "3m" and "80%" pass through to
 * the unit parsers). */
typedef struct set_value {
    int type;            /* CONFIG_TYPE_INT, _INT64, _FLOAT, _BOOL or _STRING */
    long long i;
    double f;
    const char *str;     /* the text for strings (quotes stripped) */
    int quoted;
} set_value;

static void classify(char *text, set_value *v)
{
    size_t len = strlen(text);
    char *end;
    memset(v, 0, sizeof *v);
    v->type = CONFIG_TYPE_STRING;
    v->str = text;
    if (len >= 2 && text[0] == '"' && text[len - 1] == '"') {
        text[len - 1] = '\0';
        v->str = text + 1;
        v->quoted = 1;
        return;
    }
    if (strcasecmp(text, "true") == 0 || strcasecmp(text, "false") == 0) {
        v->type = CONFIG_TYPE_BOOL;
        v->i = strcasecmp(text, "true") == 0;
        return;
    }
    int digits = 0;
    for (const char *p = text + (text[0] == '+' || text[0] == '-'); *p; p++) {
        if (*p < '0' || *p > '9') {
            digits = 0;
            break;
        }
        digits++;
    }
    if (digits > 0) {
        errno = 0;
        long long i = strtoll(text, &end, 10);
        if (errno == 0 && *end == '\0') {
            v->i = i;
            v->type = (i >= INT_MIN && i <= INT_MAX) ? CONFIG_TYPE_INT : CONFIG_TYPE_INT64;
            return;
        }
    }
    double f;
    if (ccs_units_real(text, &f) == CCS_OK) {
        v->f = f;
        v->type = CONFIG_TYPE_FLOAT;
    }
}

/* The type the setting ends up with: the existing setting's type wins
 * where no information is lost (int stays int, a float stays float when
 * given 900, a string stays a string); otherwise the value's own type. */
static int merged_type(int old, const set_value *v)
{
    if (old == CONFIG_TYPE_STRING) {
        return CONFIG_TYPE_STRING;
    }
    if (old == CONFIG_TYPE_FLOAT && (v->type == CONFIG_TYPE_INT || v->type == CONFIG_TYPE_INT64)) {
        return CONFIG_TYPE_FLOAT;
    }
    if (old == CONFIG_TYPE_INT64 && v->type == CONFIG_TYPE_INT) {
        return CONFIG_TYPE_INT64;
    }
    return v->type;
}

static int store(config_setting_t *s, int type, const set_value *v, const char *raw)
{
    if (config_setting_type(s) != type) {
        /* libconfig's setters refuse to change a setting's type but accept a
         * setting of type NONE, so clear it first (and its value: the string
         * setter frees a non-NULL old value).  Only scalars get here and a
         * string never changes type, so nothing owned leaks. */
        s->type = CONFIG_TYPE_NONE;
        memset(&s->value, 0, sizeof s->value);
    }
    switch (type) {
    case CONFIG_TYPE_INT:
        return config_setting_set_int(s, (int)v->i);
    case CONFIG_TYPE_INT64:
        return config_setting_set_int64(s, v->i);
    case CONFIG_TYPE_FLOAT:
        return config_setting_set_float(s, v->type == CONFIG_TYPE_FLOAT ? v->f : (double)v->i);
    case CONFIG_TYPE_BOOL:
        return config_setting_set_bool(s, (int)v->i);
    default:
        return config_setting_set_string(s, v->quoted ? v->str : raw);
    }
}

/* Matches the scanned literals to the text's scalar settings, which a
 * depth-first walk visits in text order (settings from @include'd files
 * carry their file name and are skipped).  If the counts disagree the
 * walk and the scan did not see the same text: nothing is matched. */
static void match_walk(const config_setting_t *s, literals *l, size_t *idx, size_t *next)
{
    if (config_setting_is_aggregate(s)) {
        for (int i = 0; i < config_setting_length(s); i++) {
            match_walk(config_setting_get_elem(s, (unsigned)i), l, idx, next);
        }
        return;
    }
    if (config_setting_source_file(s) != NULL) {
        return;
    }
    if (*next < l->n && l->v[*next].index == *idx) {
        l->v[(*next)++].setting = s;
    }
    (*idx)++;
}

static int match_literals(const char *text, const config_t *cfg, literals *l)
{
    size_t n_values = 0, idx = 0, next = 0;
    l->v = NULL;
    l->n = 0;
    if (ccs__lex_overflows(text, &l->v, &l->n, &n_values) != 0) {
        return CCS_ENOMEM;
    }
    if (l->n == 0) {
        return CCS_OK;
    }
    match_walk(config_root_setting(cfg), l, &idx, &next);
    if (idx != n_values || next != l->n) {
        for (size_t i = 0; i < l->n; i++) {
            l->v[i].setting = NULL;
        }
    }
    return CCS_OK;
}

/* A setting given a new value by --set no longer holds what the file wrote. */
static void forget_literal(literals *l, const config_setting_t *s)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].setting == s) {
            l->v[i].setting = NULL;
        }
    }
}

/* The optional top-level section `name` (horizon, run or cost), created
 * empty when the file has none, so that --seed N or --set run.warmup_minutes
 * work on a scenario without a run group; NULL for any other name. */
static config_setting_t *make_section(config_t *cfg, const char *name)
{
    static const char *const optional[] = {"horizon", "run", "cost", NULL};
    for (const char *const *o = optional; *o; o++) {
        if (strcmp(name, *o) == 0) {
            config_setting_t *g = config_setting_add(config_root_setting(cfg), name,
                                                     CONFIG_TYPE_GROUP);
            if (g) {
                g->line = 0;   /* created by --set: no line in the file */
            }
            return g;
        }
    }
    return NULL;
}

static int apply_set(config_t *cfg, const char *set, literals *lits, ccs_error *err)
{
    char path[512];
    char value[512];
    const char *eq = strchr(set, '=');
    if (!eq) {
        return set_usage(err, set, "no '=' in the override");
    }
    size_t plen = (size_t)(eq - set);
    if (plen == 0) {
        return set_usage(err, set, "empty PATH");
    }
    if (plen >= sizeof path || strlen(eq + 1) >= sizeof value) {
        return set_usage(err, set, "override too long");
    }
    memcpy(path, set, plen);
    path[plen] = '\0';
    snprintf(value, sizeof value, "%s", eq + 1);
    if (!value[0]) {
        return set_usage(err, set, "empty VALUE");
    }
    set_value v;
    classify(value, &v);

    config_setting_t *s = config_lookup(cfg, path);
    if (s) {
        if (config_setting_is_aggregate(s)) {
            return set_usage(err, set, "PATH names a group, list or array; set one value at "
                                       "a time, e.g. agents.[0].count.[3]=12");
        }
        if (store(s, merged_type(config_setting_type(s), &v), &v, eq + 1) != CONFIG_TRUE) {
            return set_usage(err, set, "cannot store this value there");
        }
        forget_literal(lits, s);
        return CCS_OK;
    }
    /* Not there: create it if its parent group exists. */
    char *sep = NULL;
    for (char *p = path; *p; p++) {
        if (*p == '.' || *p == '/' || *p == ':') {
            sep = p;
        }
    }
    config_setting_t *parent = config_root_setting(cfg);
    const char *name = path;
    if (sep) {
        *sep = '\0';
        name = sep + 1;
        parent = config_lookup(cfg, path);
    }
    if (!name[0] || name[0] == '[') {
        return set_usage(err, set, "no such setting (list and array elements cannot be added)");
    }
    if (!parent && sep) {
        parent = make_section(cfg, path);   /* --seed N without a run group */
    }
    if (!parent || !config_setting_is_group(parent)) {
        char why[300];
        snprintf(why, sizeof why, "no such setting, and no group \"%.100s\" to add \"%.60s\" to",
                 sep ? path : "", name);
        return set_usage(err, set, why);
    }
    s = config_setting_add(parent, name, v.type);
    if (!s) {
        return set_usage(err, set, "invalid key name");
    }
    s->line = 0;   /* created by --set: no line in the file */
    if (store(s, v.type, &v, eq + 1) != CONFIG_TRUE) {
        return set_usage(err, set, "cannot store this value");
    }
    return CCS_OK;
}

/* --------------------------------------------------------------- API */

ccs_scenario *ccs_scenario_parse(const char *text, const char *name, const char *const *sets,
                                 int n_sets, ccs_error *err)
{
    config_t cfg;
    ccs_scenario *sc = NULL;
    reader r;
    literals lits = {NULL, 0};
    CCS_ASSERT(text != NULL);
    if (!name) {
        name = "(string)";
    }
    ccs_error_clear(err);
    config_init(&cfg);
    if (config_read_string(&cfg, text) != CONFIG_TRUE) {
        ccs_error_set(err, CCS_ECONFIG, config_error_file(&cfg) ? config_error_file(&cfg) : name,
                      config_error_line(&cfg), NULL, "%s",
                      config_error_text(&cfg) ? config_error_text(&cfg) : "syntax error");
        goto fail;
    }
    if (match_literals(text, &cfg, &lits) != CCS_OK) {
        ccs_error_set(err, CCS_ENOMEM, name, 0, NULL, "out of memory");
        goto fail;
    }
    for (int i = 0; i < n_sets; i++) {
        if (apply_set(&cfg, sets[i], &lits, err) != CCS_OK) {
            goto fail;
        }
    }
    sc = calloc(1, sizeof *sc);
    if (!sc) {
        ccs_error_set(err, CCS_ENOMEM, name, 0, NULL, "out of memory");
        goto fail;
    }
    snprintf(sc->file, sizeof sc->file, "%s", name);
    sc->volume_factor = 1.0;
    memset(&r, 0, sizeof r);
    r.file = name;
    r.err = err;
    r.sc = sc;
    r.lits = &lits;
    r.fc = NULL;
    if (validate(&r, &cfg) != CCS_OK) {
        goto fail;
    }
    free(lits.v);
    config_destroy(&cfg);
    return sc;
fail:
    free(lits.v);
    config_destroy(&cfg);
    ccs_scenario_free(sc);
    return NULL;
}

ccs_scenario *ccs_scenario_load(const char *path, const char *const *sets, int n_sets,
                                ccs_error *err)
{
    if (!path) {
        return ccs_scenario_parse(ccs_scenario_default_text(), "(default)", sets, n_sets, err);
    }
    ccs_error_clear(err);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot open scenario: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 8192;
    size_t len = 0;
    char *text = malloc(cap);
    while (text) {
        size_t got = fread(text + len, 1, cap - len - 1, fp);
        len += got;
        if (got == 0) {
            break;
        }
        if (cap - len <= 1) {
            char *bigger = realloc(text, cap * 2);
            if (!bigger) {
                free(text);
                text = NULL;
                break;
            }
            text = bigger;
            cap *= 2;
        }
    }
    if (!text) {
        fclose(fp);
        ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory reading the scenario");
        return NULL;
    }
    if (ferror(fp)) {
        int e = errno;
        fclose(fp);
        free(text);
        ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot read scenario: %s", strerror(e));
        return NULL;
    }
    fclose(fp);
    text[len] = '\0';
    if (strlen(text) != len) {
        free(text);
        ccs_error_set(err, CCS_ECONFIG, path, 0, NULL,
                      "not a text file (contains a NUL byte)");
        return NULL;
    }
    ccs_scenario *sc = ccs_scenario_parse(text, path, sets, n_sets, err);
    free(text);
    return sc;
}

void ccs_scenario_free(ccs_scenario *sc)
{
    if (!sc) {
        return;
    }
    for (int i = 0; i < sc->n_types && sc->types; i++) {
        ccs_call_type *ct = &sc->types[i];
        free(ct->rate_per_hour);
        ccs_dist_fini(&ct->talk);
        ccs_dist_fini(&ct->acw);
        ccs_dist_fini(&ct->patience);
        ccs_dist_fini(&ct->retry_delay);
        ccs_dist_fini(&ct->repeat_delay);
    }
    free(sc->types);
    for (int i = 0; i < sc->n_groups && sc->groups; i++) {
        free(sc->groups[i].count);
        free(sc->groups[i].serves);
        free(sc->groups[i].serve_after_s);
    }
    free(sc->groups);
    for (int i = 0; i < sc->n_campaigns && sc->campaigns; i++) {
        ccs_campaign *cp = &sc->campaigns[i];
        free(cp->groups);
        free(cp->p);
        ccs_dist_fini(&cp->ring);
        ccs_dist_fini(&cp->wrap);
        ccs_dist_fini(&cp->preview);
        for (int o = 0; o < CCS_N_OUTCOMES; o++) {
            ccs_dist_fini(&cp->talk[o]);
        }
    }
    free(sc->campaigns);
    free(sc);
}

int ccs_scenario_find_type(const ccs_scenario *sc, const char *name)
{
    for (int i = 0; i < sc->n_types; i++) {
        if (strcmp(sc->types[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

int ccs_scenario_find_group(const ccs_scenario *sc, const char *name)
{
    for (int i = 0; i < sc->n_groups; i++) {
        if (strcmp(sc->groups[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

const char *ccs_sl_def_name(ccs_sl_def d)
{
    switch (d) {
    case CCS_SL_OFFERED:    return "offered";
    case CCS_SL_EXCL_SHORT: return "excluding_short";
    case CCS_SL_ANSWERED:   return "answered";
    }
    return "?";
}
