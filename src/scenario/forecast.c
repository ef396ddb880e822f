/*
 * forecast.c — forecasts and staffing requirements read from CSV (see
 * forecast.h).
 *
 * One small CSV reader (quoted fields, CRLF, a UTF-8 byte-order mark, '#'
 * comments) feeds one grid builder that checks the time column and the
 * days, and two thin readers that take their value columns.  Invariant: a
 * table is returned whole and checked, or not at all; every message names
 * the file, the line and the column, and quotes cell text with control
 * characters escaped.
 */
#include "ccsim/forecast.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/error.h"
#include "ccsim/units.h"

#define MAX_FIELDS 64
#define MAX_CALLS 1e9        /* per interval: beyond any real center */
#define MAX_REQUIRED 1e6     /* agents per interval */
#define MAX_AHT_S 86400.0
#define MAX_PATIENCE_S 1e6

/* ---- CSV lines -------------------------------------------------------- */

typedef struct csv_reader {
    FILE *fp;
    const char *file;
    int line;                    /* line number of the last line read */
    char buf[CCS_CSV_MAX_LINE + 2];
    char *field[MAX_FIELDS];
    int n_fields;
    ccs_error *err;
} csv_reader;

/* s quoted for a message: at most 40 characters, control bytes as \xNN. */
/* Reads the next raw line into r->buf.  Returns 1, 0 at end of file, or -1
 * after an error (too long, a NUL byte). */
static int read_line(csv_reader *r)
{
    size_t n = 0;
    int c;
    int any = 0;
    r->line++;
    while ((c = getc(r->fp)) != EOF) {
        any = 1;
        if (c == '\n') {
            break;
        }
        if (c == '\0') {
            ccs_error_set(r->err, CCS_ECONFIG, r->file, r->line, NULL,
                          "a NUL byte: this is not a text CSV file");
            return -1;
        }
        if (n >= CCS_CSV_MAX_LINE) {
            ccs_error_set(r->err, CCS_ECONFIG, r->file, r->line, NULL,
                          "line longer than %d bytes", CCS_CSV_MAX_LINE);
            return -1;
        }
        r->buf[n++] = (char)c;
    }
    if (!any) {
        r->line--;   /* no such line: messages point at the last one */
        return 0;
    }
    if (n > 0 && r->buf[n - 1] == '\r') {
        n--;
    }
    r->buf[n] = '\0';
    return 1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        s[--n] = '\0';
    }
    return s;
}

/* Splits r->buf into fields in place (RFC 4180 quoting). */
static int split(csv_reader *r)
{
    char *p = r->buf;
    r->n_fields = 0;
    for (;;) {
        if (r->n_fields == MAX_FIELDS) {
            return ccs_error_set(r->err, CCS_ECONFIG, r->file, r->line, NULL,
                                 "more than %d columns", MAX_FIELDS);
        }
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        char *start = p;
        char *w = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0') {
                    return ccs_error_set(r->err, CCS_ECONFIG, r->file, r->line, NULL,
                                         "a quoted field is not closed");
                }
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            while (*p == ' ' || *p == '\t') {
                p++;
            }
            if (*p != ',' && *p != '\0') {
                return ccs_error_set(r->err, CCS_ECONFIG, r->file, r->line, NULL,
                                     "text after a closing quote");
            }
        } else {
            while (*p && *p != ',') {
                *w++ = *p++;
            }
        }
        char sep = *p;
        *w = '\0';
        r->field[r->n_fields++] = trim(start);
        if (sep != ',') {
            break;
        }
        p++;
    }
    return CCS_OK;
}

/* Next line that holds data (not blank, not a comment), split.  1, 0 at
 * end of file, -1 on error. */
static int next_row(csv_reader *r)
{
    for (;;) {
        int rc = read_line(r);
        if (rc <= 0) {
            return rc;
        }
        char *s = r->buf;
        if (r->line == 1 && (unsigned char)s[0] == 0xef && (unsigned char)s[1] == 0xbb &&
            (unsigned char)s[2] == 0xbf) {
            memmove(s, s + 3, strlen(s + 3) + 1);
        }
        char *t = trim(s);
        if (*t == '\0' || *t == '#') {
            continue;
        }
        return split(r) == CCS_OK ? 1 : -1;
    }
}

/* ---- the table -------------------------------------------------------- */

typedef struct table {
    int ncols;
    char head[MAX_FIELDS][32];
    int nrows;
    int cap;
    int *line;
    char **cells;   /* [nrows * ncols] strdup'd */
} table;

static void table_fini(table *t)
{
    for (long i = 0; i < (long)t->nrows * t->ncols; i++) {
        free(t->cells[i]);
    }
    free(t->cells);
    free(t->line);
}

static int col_of(const table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++) {
        if (strcmp(t->head[c], name) == 0) {
            return c;
        }
    }
    return -1;
}

static const char *cell(const table *t, int row, int col)
{
    return t->cells[(long)row * t->ncols + col];
}

/* The name a path is reported by: "-" is standard input. */
static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "(stdin)" : path;
}

static int read_table(const char *path, table *t, ccs_error *err)
{
    memset(t, 0, sizeof *t);
    int is_stdin = strcmp(path, "-") == 0;
    path = display_name(path);
    csv_reader *r = calloc(1, sizeof *r);
    if (!r) {
        return ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
    }
    r->file = path;
    r->err = err;
    r->fp = is_stdin ? stdin : fopen(path, "rb");
    if (!r->fp) {
        int e = errno;
        free(r);
        return ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot read: %s", strerror(e));
    }
    int rc = next_row(r);
    if (rc == 0) {
        rc = ccs_error_set(err, CCS_ECONFIG, path, r->line, NULL,
                           "empty file: expected a header line such as start,calls");
        goto done;
    }
    if (rc < 0) {
        rc = CCS_ECONFIG;
        goto done;
    }
    t->ncols = r->n_fields;
    for (int c = 0; c < t->ncols; c++) {
        char s[200];
        const char *f = r->field[c];
        size_t n = strlen(f);
        if (n == 0 || n >= sizeof t->head[c]) {
            rc = ccs_error_set(err, CCS_ECONFIG, path, r->line, NULL,
                               "header column %d: expected a column name of 1 to %zu "
                               "characters, got '%s'",
                               c + 1, sizeof t->head[c] - 1, ccs_clip(s, sizeof s, f, 40));
            goto done;
        }
        for (size_t i = 0; i <= n; i++) {
            char ch = f[i];
            t->head[c][i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
        }
        for (int d = 0; d < c; d++) {
            if (strcmp(t->head[d], t->head[c]) == 0) {
                rc = ccs_error_set(err, CCS_ECONFIG, path, r->line, t->head[c],
                                   "column named twice in the header");
                goto done;
            }
        }
    }
    while ((rc = next_row(r)) == 1) {
        if (r->n_fields != t->ncols) {
            rc = ccs_error_set(err, CCS_ECONFIG, path, r->line, NULL,
                               "%d fields, but the header has %d columns", r->n_fields,
                               t->ncols);
            goto done;
        }
        if (t->nrows >= CCS_CSV_MAX_ROWS) {
            rc = ccs_error_set(err, CCS_ECONFIG, path, r->line, NULL,
                               "more than %d rows", CCS_CSV_MAX_ROWS);
            goto done;
        }
        if (t->nrows == t->cap) {
            int cap = t->cap ? 2 * t->cap : 64;
            int *nl = realloc(t->line, (size_t)cap * sizeof *nl);
            if (nl) {
                t->line = nl;
            }
            char **nc = realloc(t->cells, (size_t)cap * (size_t)t->ncols * sizeof *nc);
            if (nc) {
                t->cells = nc;
            }
            if (!nl || !nc) {
                rc = ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
                goto done;
            }
            t->cap = cap;
        }
        for (int c = 0; c < t->ncols; c++) {
            char *s = strdup(r->field[c]);
            if (!s) {
                for (int d = 0; d < c; d++) {
                    free(t->cells[(long)t->nrows * t->ncols + d]);
                }
                rc = ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
                goto done;
            }
            t->cells[(long)t->nrows * t->ncols + c] = s;
        }
        t->line[t->nrows++] = r->line;
    }
    if (rc < 0) {
        rc = CCS_ECONFIG;
        goto done;
    }
    if (ferror(r->fp)) {
        rc = ccs_error_set(err, CCS_EIO, path, 0, NULL, "read error");
        goto done;
    }
    if (t->nrows == 0) {
        rc = ccs_error_set(err, CCS_ECONFIG, path, r->line, NULL,
                           "no data rows after the header");
        goto done;
    }
    rc = CCS_OK;
done:
    if (!is_stdin) {
        fclose(r->fp);
    }
    free(r);
    if (rc != CCS_OK) {
        table_fini(t);
        memset(t, 0, sizeof *t);
    }
    return rc;
}

/* ---- values ----------------------------------------------------------- */

/* Clock time "HH:MM", "HH:MM:SS" or minutes after midnight -> seconds. */
static int parse_start(const char *s, int minutes_only, double *out)
{
    int hh, mm, ss = 0;
    char tail;
    if (!minutes_only && strchr(s, ':')) {
        int n = sscanf(s, "%2d:%2d:%2d%c", &hh, &mm, &ss, &tail);
        if (n != 2 && n != 3) {
            return -1;
        }
        if (n == 2 && sscanf(s, "%2d:%2d%c", &hh, &mm, &tail) != 2) {
            return -1;
        }
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59 || s[0] == '-' ||
            s[0] == '+') {
            return -1;
        }
        *out = hh * 3600.0 + mm * 60.0 + ss;
        return 0;
    }
    double m;
    if (ccs_units_real(s, &m) != CCS_OK || m < 0 || m >= 1440.0) {
        return -1;
    }
    *out = m * 60.0;
    return 0;
}

static int num_cell(const char *file, int line, const char *key, const char *s, double lo,
                    double hi, const char *expect, double *out, ccs_error *err)
{
    double v;
    char buf[200];
    if (ccs_units_real(s, &v) != CCS_OK || !(v >= lo && v <= hi)) {
        return ccs_error_set(err, CCS_ECONFIG, file, line, key, "expected %s, got '%s'", expect,
                             ccs_clip(buf, sizeof buf, s, 40));
    }
    *out = v;
    return CCS_OK;
}

static int dur_cell(const char *file, int line, const char *key, const char *s, double hi,
                    const char *expect, double *out, ccs_error *err)
{
    double v;
    char buf[200];
    if (ccs_units_duration(s, &v) != CCS_OK || !(v > 0 && v <= hi)) {
        return ccs_error_set(err, CCS_ECONFIG, file, line, key, "expected %s, got '%s'", expect,
                             ccs_clip(buf, sizeof buf, s, 40));
    }
    *out = v;
    return CCS_OK;
}

char *ccs_clock_hhmm(double seconds, char *buf, size_t n)
{
    long m = lround(seconds / 60.0);
    m %= 1440;
    if (m < 0) {
        m += 1440;
    }
    snprintf(buf, n, "%02ld:%02ld", m / 60, m % 60);
    return buf;
}

static void grid_fini(ccs_interval_grid *g)
{
    free(g->day);
    free(g->line);
}

/* Builds the grid from the time and day columns of t. */
static int build_grid(const char *file, const table *t, ccs_interval_grid *g, ccs_error *err)
{
    char buf[200];
    memset(g, 0, sizeof *g);
    int cs = col_of(t, "start");
    int minutes_only = 0;
    if (cs < 0) {
        cs = col_of(t, "start_min");
        minutes_only = 1;
    }
    if (cs < 0) {
        return ccs_error_set(err, CCS_ECONFIG, file, t->line[0] > 1 ? t->line[0] - 1 : 1,
                             "start", "missing column: expected a `start` column (\"HH:MM\" "
                                      "or minutes after midnight)");
    }
    const char *key = t->head[cs];
    int cd = col_of(t, "day");
    double *st = malloc((size_t)t->nrows * sizeof *st);
    int *dl = malloc((size_t)t->nrows * sizeof *dl);
    g->line = malloc((size_t)t->nrows * sizeof *g->line);
    g->day = calloc(CCS_CSV_MAX_DAYS, sizeof *g->day);
    int rc = CCS_OK;
    if (!st || !dl || !g->line || !g->day) {
        rc = ccs_error_set(err, CCS_ENOMEM, file, 0, NULL, "out of memory");
        goto done;
    }
    for (int i = 0; i < t->nrows; i++) {
        g->line[i] = t->line[i];
        const char *s = cell(t, i, cs);
        if (parse_start(s, minutes_only, &st[i]) != 0) {
            rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[i], key,
                               minutes_only ? "expected minutes after midnight from 0 up to "
                                              "1440, got '%s'"
                                            : "expected a clock time \"HH:MM\" or minutes "
                                              "after midnight (0 up to 1440), got '%s'",
                               ccs_clip(buf, sizeof buf, s, 40));
            goto done;
        }
        dl[i] = 1;
        if (cd >= 0) {
            long d;
            const char *ds = cell(t, i, cd);
            if (ccs_units_int(ds, -1000000, 1000000, &d) != CCS_OK) {
                rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[i], "day",
                                   "expected a whole day number such as 1, got '%s'",
                                   ccs_clip(buf, sizeof buf, ds, 40));
                goto done;
            }
            dl[i] = (int)d;
        }
    }
    /* Days: runs of equal labels, increasing. */
    int per_day = 0;
    int n_days = 0;
    for (int i = 0; i < t->nrows; i++) {
        if (i == 0 || dl[i] != dl[i - 1]) {
            if (i > 0 && dl[i] < dl[i - 1]) {
                rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[i], "day",
                                   "day %d after day %d: rows must be in day order", dl[i],
                                   dl[i - 1]);
                goto done;
            }
            if (n_days == CCS_CSV_MAX_DAYS) {
                rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[i], "day",
                                   "more than %d days", CCS_CSV_MAX_DAYS);
                goto done;
            }
            if (n_days == 1) {
                per_day = i;
            } else if (n_days > 1 && i - (n_days - 1) * per_day != per_day) {
                rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[i - 1], "day",
                                   "day %d has %d intervals, day %d has %d: every day "
                                   "needs the same intervals",
                                   dl[i - 1], i - (n_days - 1) * per_day, g->day[0], per_day);
                goto done;
            }
            g->day[n_days++] = dl[i];
        }
    }
    if (n_days == 1) {
        per_day = t->nrows;
    } else if (t->nrows - (n_days - 1) * per_day != per_day) {
        rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[t->nrows - 1], "day",
                           "day %d has %d intervals, day %d has %d: every day needs the "
                           "same intervals",
                           dl[t->nrows - 1], t->nrows - (n_days - 1) * per_day, g->day[0],
                           per_day);
        goto done;
    }
    if (per_day < 2) {
        rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[0], key,
                           "one interval per day: at least two rows are needed to know the "
                           "interval length");
        goto done;
    }
    double len = st[1] - st[0];
    for (int d = 0; d < n_days; d++) {
        for (int k = 0; k < per_day; k++) {
            int i = d * per_day + k;
            if (d > 0 && fabs(st[i] - st[k]) > 1e-6) {
                char a[8], b[8];
                rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[i], key,
                                   "start %s, but the same row of day %d starts at %s: every "
                                   "day needs the same intervals",
                                   ccs_clock_hhmm(st[i], a, sizeof a), g->day[0],
                                   ccs_clock_hhmm(st[k], b, sizeof b));
                goto done;
            }
            if (k == 0) {
                continue;
            }
            double dk = st[i] - st[i - 1];
            if (!(dk > 0)) {
                char a[8], b[8];
                rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[i], key,
                                   "start %s is not after the previous row's %s: rows must be "
                                   "in time order%s",
                                   ccs_clock_hhmm(st[i], a, sizeof a),
                                   ccs_clock_hhmm(st[i - 1], b, sizeof b),
                                   cd < 0 ? " (for several days, add a `day` column)" : "");
                goto done;
            }
            if (fabs(dk - len) > 1e-6) {
                rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[i], key,
                                   "interval of %g min from the previous row, but the first "
                                   "interval is %g min: every interval must have the same "
                                   "length",
                                   dk / 60.0, len / 60.0);
                goto done;
            }
        }
    }
    if (st[0] + per_day * len > 86400.0 + 1e-6) {
        rc = ccs_error_set(err, CCS_ECONFIG, file, t->line[per_day - 1], key,
                           "the day runs past midnight (%d intervals of %g min from the first "
                           "start)",
                           per_day, len / 60.0);
        goto done;
    }
    g->n = t->nrows;
    g->n_days = n_days;
    g->per_day = per_day;
    g->interval_s = len;
    g->start_s = st[0];
done:
    free(st);
    free(dl);
    if (rc != CCS_OK) {
        grid_fini(g);
        memset(g, 0, sizeof *g);
    }
    return rc;
}

/* ---- the two readers -------------------------------------------------- */

void ccs_forecast_free(ccs_forecast *f)
{
    if (!f) {
        return;
    }
    grid_fini(&f->g);
    free(f->calls);
    free(f->aht_s);
    free(f->patience_s);
    free(f);
}

ccs_forecast *ccs_forecast_load(const char *path, ccs_error *err)
{
    table t;
    if (read_table(path, &t, err) != CCS_OK) {
        return NULL;
    }
    path = display_name(path);
    ccs_forecast *f = calloc(1, sizeof *f);
    int rc = CCS_OK;
    if (!f) {
        ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
        table_fini(&t);
        return NULL;
    }
    snprintf(f->file, sizeof f->file, "%s", path);
    int cc = col_of(&t, "calls");
    int ca = col_of(&t, "aht");
    int cp = col_of(&t, "patience");
    if (cc < 0) {
        rc = ccs_error_set(err, CCS_ECONFIG, path, t.line[0] > 1 ? t.line[0] - 1 : 1, "calls",
                           "missing column: expected a `calls` column (calls offered in the "
                           "interval)");
        goto done;
    }
    rc = build_grid(path, &t, &f->g, err);
    if (rc != CCS_OK) {
        goto done;
    }
    f->calls = calloc((size_t)t.nrows, sizeof *f->calls);
    f->aht_s = calloc((size_t)t.nrows, sizeof *f->aht_s);
    f->patience_s = calloc((size_t)t.nrows, sizeof *f->patience_s);
    if (!f->calls || !f->aht_s || !f->patience_s) {
        rc = ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
        goto done;
    }
    f->has_aht = ca >= 0;
    f->has_patience = cp >= 0;
    for (int i = 0; i < t.nrows && rc == CCS_OK; i++) {
        rc = num_cell(path, t.line[i], "calls", cell(&t, i, cc), 0, MAX_CALLS,
                      "a number of calls from 0 to 1e9", &f->calls[i], err);
        if (rc == CCS_OK && ca >= 0 && cell(&t, i, ca)[0]) {
            rc = dur_cell(path, t.line[i], "aht", cell(&t, i, ca), MAX_AHT_S,
                          "a handle time > 0 and at most 24 h such as 180 or 3m",
                          &f->aht_s[i], err);
        }
        if (rc == CCS_OK && cp >= 0 && cell(&t, i, cp)[0]) {
            rc = dur_cell(path, t.line[i], "patience", cell(&t, i, cp), MAX_PATIENCE_S,
                          "a mean patience > 0 such as 120 or 2m (leave the cell empty for "
                          "the default)",
                          &f->patience_s[i], err);
        }
    }
done:
    table_fini(&t);
    if (rc != CCS_OK) {
        ccs_forecast_free(f);
        return NULL;
    }
    return f;
}

void ccs_requirements_free(ccs_requirements *r)
{
    if (!r) {
        return;
    }
    grid_fini(&r->g);
    free(r->required);
    free(r);
}

ccs_requirements *ccs_requirements_load(const char *path, ccs_error *err)
{
    table t;
    if (read_table(path, &t, err) != CCS_OK) {
        return NULL;
    }
    path = display_name(path);
    ccs_requirements *r = calloc(1, sizeof *r);
    int rc = CCS_OK;
    if (!r) {
        ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
        table_fini(&t);
        return NULL;
    }
    snprintf(r->file, sizeof r->file, "%s", path);
    int cr = col_of(&t, "required");
    if (cr < 0) {
        cr = col_of(&t, "scheduled_agents");
    }
    if (cr < 0) {
        rc = ccs_error_set(err, CCS_ECONFIG, path, t.line[0] > 1 ? t.line[0] - 1 : 1,
                           "required", "missing column: expected a `required` column (agents "
                                       "per interval) or the `scheduled_agents` column of "
                                       "ccsim erlang/staff --format csv");
        goto done;
    }
    snprintf(r->column, sizeof r->column, "%s", t.head[cr]);
    rc = build_grid(path, &t, &r->g, err);
    if (rc != CCS_OK) {
        goto done;
    }
    r->required = calloc((size_t)t.nrows, sizeof *r->required);
    if (!r->required) {
        rc = ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
        goto done;
    }
    for (int i = 0; i < t.nrows && rc == CCS_OK; i++) {
        rc = num_cell(path, t.line[i], r->column, cell(&t, i, cr), 0, MAX_REQUIRED,
                      "a number of agents from 0 to 1000000", &r->required[i], err);
    }
done:
    table_fini(&t);
    if (rc != CCS_OK) {
        ccs_requirements_free(r);
        return NULL;
    }
    return r;
}
