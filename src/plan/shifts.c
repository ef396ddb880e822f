/*
 * shifts.c — reads SHIFTS.cfg, the shift templates `ccsim schedule`
 * chooses from (see schedule.h; keys in docs/scheduling.md).
 *
 * Like the scenario reader: libconfig syntax, every key checked for type
 * and range, unknown keys refused, the first problem reported as
 * file:line: key.  What depends on the requirements (does the shift fit
 * the day, are the starts on the interval grid) is checked when the model
 * is built (schedule.c), with the lines kept here.
 */
#include "ccsim/schedule.h"

#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/units.h"

typedef struct rd {
    const char *file;
    ccs_error *err;
} rd;

static void path_of(const config_setting_t *s, char *buf, size_t n)
{
    const config_setting_t *chain[16];
    int depth = 0;
    for (const config_setting_t *p = s; p && !config_setting_is_root(p) && depth < 16;
         p = config_setting_parent(p)) {
        chain[depth++] = p;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (int i = depth - 1; i >= 0 && used < n; i--) {
        const char *name = config_setting_name(chain[i]);
        int w = name ? snprintf(buf + used, n - used, "%s%s", used ? "." : "", name)
                     : snprintf(buf + used, n - used, "%s[%d]", used ? "." : "",
                                config_setting_index(chain[i]));
        if (w < 0) {
            break;
        }
        used += (size_t)w;
    }
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(rd *r, const config_setting_t *s, const char *fmt, ...)
{
    char key[128], msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    path_of(s, key, sizeof key);
    return ccs_error_set(r->err, CCS_ECONFIG, r->file, (int)config_setting_source_line(s), key,
                         "%s", msg);
}

static int check_keys(rd *r, const config_setting_t *g, const char *const *keys)
{
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(m);
        int ok = 0;
        for (const char *const *k = keys; *k; k++) {
            ok |= name && strcmp(name, *k) == 0;
        }
        if (!ok) {
            char list[256] = "";
            for (const char *const *k = keys; *k; k++) {
                size_t u = strlen(list);
                snprintf(list + u, sizeof list - u, "%s%s", u ? ", " : "", *k);
            }
            return fail(r, m, "unknown key (expected one of: %s)", list);
        }
    }
    return CCS_OK;
}

/* A duration: a number of seconds or a string with a unit ("8h", "30m"). */
static int get_dur(rd *r, const config_setting_t *s, double lo, double *out)
{
    double v;
    int t = config_setting_type(s);
    if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT) {
        v = config_setting_get_float(s);
        if (t != CONFIG_TYPE_FLOAT) {
            v = (double)config_setting_get_int64(s);
        }
    } else if (t == CONFIG_TYPE_STRING) {
        if (ccs_units_duration(config_setting_get_string(s), &v) != CCS_OK) {
            return fail(r, s, "expected a duration such as \"8h\", \"30m\" or seconds, got "
                              "\"%.40s\"",
                        config_setting_get_string(s));
        }
    } else {
        return fail(r, s, "expected a duration such as \"8h\", \"30m\" or seconds");
    }
    if (!(v >= lo && v <= 7 * 86400.0)) {
        return fail(r, s, "expected a duration from %g s to 7 days, got %g s", lo, v);
    }
    *out = v;
    return CCS_OK;
}

/* A clock time: "HH:MM" or a number of minutes after midnight. */
static int get_clock(rd *r, const config_setting_t *s, double *out)
{
    int t = config_setting_type(s);
    if (t == CONFIG_TYPE_STRING) {
        int hh, mm;
        char tail;
        const char *v = config_setting_get_string(s);
        if (sscanf(v, "%d:%d%c", &hh, &mm, &tail) == 2 && hh >= 0 && hh < 24 && mm >= 0 &&
            mm < 60 && v[0] != '-' && v[0] != '+') {
            *out = hh * 3600.0 + mm * 60.0;
            return CCS_OK;
        }
    } else if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT) {
        double m = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(s)
                                          : (double)config_setting_get_int64(s);
        if (m >= 0 && m < 1440) {
            *out = m * 60.0;
            return CCS_OK;
        }
    }
    return fail(r, s, "expected a clock time \"HH:MM\" (00:00 to 23:59) or minutes after "
                      "midnight");
}

static int get_num(rd *r, const config_setting_t *s, double lo, double hi, double *out)
{
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64 && t != CONFIG_TYPE_FLOAT) {
        return fail(r, s, "expected a number from %g to %g", lo, hi);
    }
    double v = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(s)
                                      : (double)config_setting_get_int64(s);
    if (!(v >= lo && v <= hi)) {
        return fail(r, s, "expected a number from %g to %g, got %g", lo, hi, v);
    }
    *out = v;
    return CCS_OK;
}

static int get_int(rd *r, const config_setting_t *s, long lo, long hi, long *out)
{
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
        return fail(r, s, "expected a whole number from %ld to %ld", lo, hi);
    }
    long long v = config_setting_get_int64(s);
    if (v < lo || v > hi) {
        return fail(r, s, "expected a whole number from %ld to %ld, got %lld", lo, hi, v);
    }
    *out = (long)v;
    return CCS_OK;
}

static int get_bool(rd *r, const config_setting_t *s, int *out)
{
    if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
        return fail(r, s, "expected true or false");
    }
    *out = config_setting_get_bool(s);
    return CCS_OK;
}

static const char *const top_keys[] = {"shifts", "max_total_agents", "max_part_time_share",
                                       "max_agents_per_interval", NULL};
static const char *const shift_keys[] = {
    "name",      "length",     "earliest_start", "latest_start", "start_step",
    "cost_per_hour", "cost_per_shift", "min_agents", "max_agents", "part_time",
    "days_on",   "days_off",   "breaks",         NULL};
static const char *const break_keys[] = {"length", "earliest", "latest", "paid", NULL};

#define MAX_AGENTS 1000000L

static int read_break(rd *r, const config_setting_t *b, ccs_shift_template *t, int i)
{
    ccs_break_spec *bs = &t->breaks[i];
    const config_setting_t *m;
    bs->line = (int)config_setting_source_line(b);
    if (!config_setting_is_group(b)) {
        return fail(r, b, "expected a break { length = \"30m\"; earliest = \"3h\"; latest = "
                          "\"5h\"; paid = false; }");
    }
    if (check_keys(r, b, break_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    static const char *const req[] = {"length", "earliest", "latest"};
    double *dst[] = {&bs->length_s, &bs->earliest_s, &bs->latest_s};
    for (int k = 0; k < 3; k++) {
        m = config_setting_get_member(b, req[k]);
        if (!m) {
            char key[128];
            path_of(b, key, sizeof key);
            size_t u = strlen(key);
            snprintf(key + u, sizeof key - u, ".%s", req[k]);
            return ccs_error_set(r->err, CCS_ECONFIG, r->file, bs->line, key,
                                 "required: the break's %s", req[k]);
        }
        if (get_dur(r, m, k == 0 ? 1.0 : 0.0, dst[k]) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    if ((m = config_setting_get_member(b, "paid")) && get_bool(r, m, &bs->paid) != CCS_OK) {
        return CCS_ECONFIG;
    }
    m = config_setting_get_member(b, "latest");
    if (bs->latest_s < bs->earliest_s) {
        return fail(r, m, "latest (%g min) is before earliest (%g min)", bs->latest_s / 60,
                    bs->earliest_s / 60);
    }
    if (bs->latest_s + bs->length_s > t->length_s + 1e-6) {
        return fail(r, m, "a break starting %g min into the shift and lasting %g min ends "
                          "after the shift's %g min: the break is outside its shift",
                    bs->latest_s / 60, bs->length_s / 60, t->length_s / 60);
    }
    return CCS_OK;
}

static int read_shift(rd *r, const config_setting_t *g, ccs_shift_set *set, int idx)
{
    ccs_shift_template *t = &set->t[idx];
    const config_setting_t *m;
    memset(t, 0, sizeof *t);
    t->line = (int)config_setting_source_line(g);
    t->earliest_start_s = -1;
    t->latest_start_s = -1;
    t->cost_per_hour = 1.0;
    t->max_agents = -1;
    if (!config_setting_is_group(g)) {
        return fail(r, g, "expected a shift template { name = \"...\"; length = \"8h\"; ... }");
    }
    if (check_keys(r, g, shift_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    m = config_setting_get_member(g, "name");
    if (!m || config_setting_type(m) != CONFIG_TYPE_STRING ||
        !config_setting_get_string(m)[0] ||
        strlen(config_setting_get_string(m)) >= sizeof t->name) {
        return m ? fail(r, m, "expected a name of 1 to %zu characters", sizeof t->name - 1)
                 : fail(r, g, "required: name = \"...\"");
    }
    snprintf(t->name, sizeof t->name, "%s", config_setting_get_string(m));
    for (int j = 0; j < idx; j++) {
        if (strcmp(set->t[j].name, t->name) == 0) {
            return fail(r, m, "duplicate shift name \"%s\" (first on line %d)", t->name,
                        set->t[j].line);
        }
    }
    m = config_setting_get_member(g, "length");
    if (!m) {
        return fail(r, g, "required: length = \"8h\";");
    }
    t->line_length = (int)config_setting_source_line(m);
    if (get_dur(r, m, 60.0, &t->length_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (t->length_s > 86400.0) {
        return fail(r, m, "a shift of %g h is longer than a day", t->length_s / 3600);
    }
    if ((m = config_setting_get_member(g, "earliest_start"))) {
        t->line_earliest = (int)config_setting_source_line(m);
        if (get_clock(r, m, &t->earliest_start_s) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    if ((m = config_setting_get_member(g, "latest_start"))) {
        t->line_latest = (int)config_setting_source_line(m);
        if (get_clock(r, m, &t->latest_start_s) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    if ((m = config_setting_get_member(g, "start_step"))) {
        t->line_step = (int)config_setting_source_line(m);
        if (get_dur(r, m, 60.0, &t->start_step_s) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    if ((m = config_setting_get_member(g, "cost_per_hour")) &&
        get_num(r, m, 0, 1e6, &t->cost_per_hour) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((m = config_setting_get_member(g, "cost_per_shift")) &&
        get_num(r, m, 0, 1e7, &t->cost_per_shift) != CCS_OK) {
        return CCS_ECONFIG;
    }
    long v;
    if ((m = config_setting_get_member(g, "min_agents"))) {
        if (get_int(r, m, 0, MAX_AGENTS, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        t->min_agents = (int)v;
    }
    if ((m = config_setting_get_member(g, "max_agents"))) {
        if (get_int(r, m, 0, MAX_AGENTS, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        t->max_agents = (int)v;
        if (t->max_agents < t->min_agents) {
            return fail(r, m, "max_agents %d is below min_agents %d", t->max_agents,
                        t->min_agents);
        }
    }
    if ((m = config_setting_get_member(g, "part_time")) &&
        get_bool(r, m, &t->part_time) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *on = config_setting_get_member(g, "days_on");
    const config_setting_t *off = config_setting_get_member(g, "days_off");
    if ((on != NULL) != (off != NULL)) {
        return fail(r, on ? on : off, "give days_on and days_off together (e.g. 5 and 2)");
    }
    if (on) {
        t->line_days = (int)config_setting_source_line(on);
        if (get_int(r, on, 1, CCS_CSV_MAX_DAYS, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        t->days_on = (int)v;
        if (get_int(r, off, 0, CCS_CSV_MAX_DAYS, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        t->days_off = (int)v;
    }
    if ((m = config_setting_get_member(g, "breaks"))) {
        if (!config_setting_is_list(m)) {
            return fail(r, m, "expected a list of breaks ( { length = \"30m\"; ... } )");
        }
        int nb = config_setting_length(m);
        if (nb > CCS_SHIFT_MAX_BREAKS) {
            return fail(r, m, "%d breaks; at most %d per shift", nb, CCS_SHIFT_MAX_BREAKS);
        }
        for (int i = 0; i < nb; i++) {
            if (read_break(r, config_setting_get_elem(m, (unsigned)i), t, i) != CCS_OK) {
                return CCS_ECONFIG;
            }
        }
        t->n_breaks = nb;
    }
    return CCS_OK;
}

ccs_shift_set *ccs_shifts_load(const char *path, ccs_error *err)
{
    config_t cfg;
    config_init(&cfg);
    ccs_shift_set *set = calloc(1, sizeof *set);
    rd r = {path, err};
    int rc = CCS_OK;
    if (!set) {
        ccs_error_set(err, CCS_ENOMEM, path, 0, NULL, "out of memory");
        config_destroy(&cfg);
        return NULL;
    }
    snprintf(set->file, sizeof set->file, "%s", path);
    set->max_total_agents = -1;
    set->max_part_time_share = -1;
    set->max_agents_per_interval = -1;
    if (!config_read_file(&cfg, path)) {
        if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO) {
            rc = ccs_error_set(err, CCS_EIO, path, 0, NULL, "cannot read: %s", strerror(errno));
        } else {
            rc = ccs_error_set(err, CCS_ECONFIG, path, config_error_line(&cfg), NULL, "%s",
                               config_error_text(&cfg));
        }
        goto done;
    }
    const config_setting_t *root = config_root_setting(&cfg);
    if ((rc = check_keys(&r, root, top_keys)) != CCS_OK) {
        goto done;
    }
    const config_setting_t *m;
    long v;
    if ((m = config_setting_get_member(root, "max_total_agents"))) {
        set->line_total = (int)config_setting_source_line(m);
        if ((rc = get_int(&r, m, 0, MAX_AGENTS, &v)) != CCS_OK) {
            goto done;
        }
        set->max_total_agents = v;
    }
    if ((m = config_setting_get_member(root, "max_agents_per_interval"))) {
        set->line_seats = (int)config_setting_source_line(m);
        if ((rc = get_int(&r, m, 0, MAX_AGENTS, &v)) != CCS_OK) {
            goto done;
        }
        set->max_agents_per_interval = v;
    }
    if ((m = config_setting_get_member(root, "max_part_time_share"))) {
        set->line_share = (int)config_setting_source_line(m);
        double d;
        if (config_setting_type(m) == CONFIG_TYPE_STRING) {
            if (ccs_units_fraction(config_setting_get_string(m), &d) != CCS_OK) {
                rc = fail(&r, m, "expected a fraction such as 0.3 or \"30%%\"");
                goto done;
            }
        } else if ((rc = get_num(&r, m, 0, 1, &d)) != CCS_OK) {
            goto done;
        }
        set->max_part_time_share = d;
    }
    const config_setting_t *list = config_setting_get_member(root, "shifts");
    if (!list) {
        rc = ccs_error_set(err, CCS_ECONFIG, path, 1, "shifts",
                           "required: shifts = ( { name = \"day\"; length = \"8h\"; ... } );");
        goto done;
    }
    if (!config_setting_is_list(list) || config_setting_length(list) == 0) {
        rc = fail(&r, list, "expected a non-empty list of shift templates ( { ... }, ... )");
        goto done;
    }
    if (config_setting_length(list) > CCS_SHIFT_MAX_TEMPLATES) {
        rc = fail(&r, list, "%d templates; at most %d", config_setting_length(list),
                  CCS_SHIFT_MAX_TEMPLATES);
        goto done;
    }
    set->n = config_setting_length(list);
    for (int i = 0; i < set->n && rc == CCS_OK; i++) {
        rc = read_shift(&r, config_setting_get_elem(list, (unsigned)i), set, i);
    }
done:
    config_destroy(&cfg);
    if (rc != CCS_OK) {
        free(set);
        return NULL;
    }
    return set;
}
