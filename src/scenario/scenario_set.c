/*
 * scenario_set.c — the --set engine (see scenario_set.h): PATH=VALUE
 * overrides applied to the config tree through libconfig's public API.
 */
#include "scenario/scenario_set.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ccsim/units.h"

static int set_usage(ccs_error *err, const char *set, const char *why)
{
    return ccs_error_set(err, CCS_EINVAL, NULL, 0, set,
                         "%s; expected --set PATH=VALUE, e.g. --set run.seed=3 or "
                         "--set calls.[0].calls_per_hour=900",
                         why);
}

/* An override's VALUE, classified as libconfig would read it, except that
 * anything unparseable is a bare string (so "3m" and "80%" pass through to
 * the unit parsers). */
typedef struct set_value {
    int type; /* CONFIG_TYPE_INT, _INT64, _FLOAT, _BOOL or _STRING */
    long long i;
    double f;
    const char *str; /* the text for strings (quotes stripped) */
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

/* The note that says where src was written: its own (a literal's, or that
 * of a setting re-created before), else a new one; NULL when out of
 * memory. */
static ccs__note *carry(const config_setting_t *src, ccs__notes *ns)
{
    ccs__note *note = ccs__note_of(src);
    if (!note && !(note = ccs__note_new(ns))) {
        return NULL;
    }
    if (note->line < 0) {
        note->line = (int)config_setting_source_line(src);
        note->file = config_setting_source_file(src);
    }
    return note;
}

/* Adds a copy of src at the end of dst: its name, its value or (for a
 * group, array or list) a copy of each member, and a note of where it was
 * written.  Returns the copy, or NULL when out of memory. */
static config_setting_t *clone(config_setting_t *dst, const config_setting_t *src, ccs__notes *ns)
{
    int type = config_setting_type(src);
    config_setting_t *c = config_setting_add(dst, config_setting_name(src), type);
    ccs__note *note = carry(src, ns);
    if (!c || !note) {
        return NULL;
    }
    config_setting_set_hook(c, note);
    int ok = CONFIG_TRUE;
    switch (type) {
    case CONFIG_TYPE_INT:
        ok = config_setting_set_int(c, config_setting_get_int(src));
        config_setting_set_format(c, config_setting_get_format(src));
        break;
    case CONFIG_TYPE_INT64:
        ok = config_setting_set_int64(c, config_setting_get_int64(src));
        config_setting_set_format(c, config_setting_get_format(src));
        break;
    case CONFIG_TYPE_FLOAT:
        ok = config_setting_set_float(c, config_setting_get_float(src));
        break;
    case CONFIG_TYPE_BOOL:
        ok = config_setting_set_bool(c, config_setting_get_bool(src));
        break;
    case CONFIG_TYPE_STRING:
        ok = config_setting_set_string(c, config_setting_get_string(src));
        break;
    default:
        for (int i = 0; i < config_setting_length(src); i++) {
            if (!clone(c, config_setting_get_elem(src, (unsigned)i), ns)) {
                return NULL;
            }
        }
        break;
    }
    return ok == CONFIG_TRUE ? c : NULL;
}

/* Re-creates the scalar s with another type at its place: its later
 * siblings are copied aside, s and they are removed (from the end, which
 * costs no shifting), and the new setting and the copies are added back in
 * order.  The new setting keeps s's note (where the file wrote it) but not
 * what was written.  Returns it, or NULL when out of memory (the parent may
 * then have lost members: the caller fails the parse). */
static config_setting_t *replace(config_setting_t *s, int type, ccs__notes *ns)
{
    config_setting_t *parent = config_setting_parent(s);
    int idx = config_setting_index(s);
    int len = config_setting_length(parent);
    const char *old_name = config_setting_name(s);
    char *name = old_name ? strdup(old_name) : NULL;
    ccs__note *note = carry(s, ns);
    config_setting_t *fresh = NULL;
    config_t hold;
    config_init(&hold);
    config_setting_t *aside = config_root_setting(&hold);
    if (!config_setting_is_group(parent)) {
        aside = config_setting_add(aside, "aside", CONFIG_TYPE_LIST);
    }
    if (!note || (old_name && !name) || !aside) {
        goto done;
    }
    for (int i = idx + 1; i < len; i++) {
        if (!clone(aside, config_setting_get_elem(parent, (unsigned)i), ns)) {
            goto done;
        }
    }
    for (int i = len - 1; i >= idx; i--) {
        config_setting_remove_elem(parent, (unsigned)i);
    }
    fresh = config_setting_add(parent, name, type);
    if (!fresh) {
        goto done;
    }
    note->written = NULL;
    config_setting_set_hook(fresh, note);
    for (int i = 0; i < config_setting_length(aside); i++) {
        if (!clone(parent, config_setting_get_elem(aside, (unsigned)i), ns)) {
            fresh = NULL;
            goto done;
        }
    }
done:
    config_destroy(&hold);
    free(name);
    return fresh;
}

/* Stores v in s, re-created with `type` if s has another.  Returns CCS_OK,
 * CCS_EINVAL when libconfig refuses the value, CCS_ENOMEM. */
static int store(config_setting_t *s, int type, const set_value *v, const char *raw, ccs__notes *ns)
{
    if (config_setting_type(s) != type) {
        if (!(s = replace(s, type, ns))) {
            return CCS_ENOMEM;
        }
    } else if (ccs__note_of(s)) {
        ccs__note_of(s)->written = NULL; /* no longer what the file wrote */
    }
    int ok;
    switch (type) {
    case CONFIG_TYPE_INT:
        ok = config_setting_set_int(s, (int)v->i);
        break;
    case CONFIG_TYPE_INT64:
        ok = config_setting_set_int64(s, v->i);
        break;
    case CONFIG_TYPE_FLOAT:
        ok = config_setting_set_float(s, v->type == CONFIG_TYPE_FLOAT ? v->f : (double)v->i);
        break;
    case CONFIG_TYPE_BOOL:
        ok = config_setting_set_bool(s, (int)v->i);
        break;
    default:
        ok = config_setting_set_string(s, v->quoted ? v->str : raw);
        break;
    }
    return ok == CONFIG_TRUE ? CCS_OK : CCS_EINVAL;
}

/* The optional top-level section `name` (horizon, run or cost), created
 * empty when the file has none, so that --seed N or --set run.warmup_minutes
 * work on a scenario without a run group; NULL for any other name. */
static config_setting_t *make_section(config_t *cfg, const char *name)
{
    static const char *const optional[] = {"horizon", "run", "cost", NULL};
    for (const char *const *o = optional; *o; o++) {
        if (strcmp(name, *o) == 0) {
            /* Created by --set: libconfig gives it line 0, no line in the file. */
            return config_setting_add(config_root_setting(cfg), name, CONFIG_TYPE_GROUP);
        }
    }
    return NULL;
}

int ccs__set_apply(config_t *cfg, const char *set, ccs__notes *ns, ccs_error *err)
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
            return set_usage(err, set,
                             "PATH names a group, list or array; set one value at "
                             "a time, e.g. agents.[0].count.[3]=12");
        }
        int rc = store(s, merged_type(config_setting_type(s), &v), &v, eq + 1, ns);
        if (rc == CCS_ENOMEM) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        }
        return rc == CCS_OK ? CCS_OK : set_usage(err, set, "cannot store this value there");
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
        parent = make_section(cfg, path); /* --seed N without a run group */
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
    /* Created by --set: libconfig gives it line 0, no line in the file. */
    if (store(s, v.type, &v, eq + 1, ns) != CCS_OK) {
        return set_usage(err, set, "cannot store this value");
    }
    return CCS_OK;
}
