/*
 * scenario_write.c — a scenario written back with a new schedule (see
 * scenario_write.h).
 *
 * The edit works on the libconfig tree, never on the text, so the result is
 * always valid libconfig syntax; the caller re-loads it with
 * ccs_scenario_load() to be sure it is a valid scenario.  The file appears
 * whole or not at all (temporary file + rename).
 */
#include "ccsim/scenario_write.h"

#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ccsim/scenario.h"

/* Parses the text of an override value like the scenario reader does:
 * integer, else float, else true/false, else a quoted string, else text. */
static int set_value(config_setting_t *s, const char *v)
{
    char *end;
    int type = config_setting_type(s);
    errno = 0;
    long long ll = strtoll(v, &end, 10);
    int is_int = *v && !*end && errno == 0;
    double d = strtod(v, &end);
    int is_num = *v && !*end;
    switch (type) {
    case CONFIG_TYPE_INT:
        if (is_int && ll >= -2147483647LL - 1 && ll <= 2147483647LL) {
            return config_setting_set_int(s, (int)ll) == CONFIG_TRUE ? 0 : -1;
        }
        return -1;
    case CONFIG_TYPE_INT64:
        return is_int && config_setting_set_int64(s, ll) == CONFIG_TRUE ? 0 : -1;
    case CONFIG_TYPE_FLOAT:
        return is_num && config_setting_set_float(s, d) == CONFIG_TRUE ? 0 : -1;
    case CONFIG_TYPE_BOOL:
        if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) {
            return config_setting_set_bool(s, v[0] == 't') == CONFIG_TRUE ? 0 : -1;
        }
        return -1;
    case CONFIG_TYPE_STRING: {
        size_t n = strlen(v);
        if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
            char *t = strndup(v + 1, n - 2);
            int rc = t && config_setting_set_string(s, t) == CONFIG_TRUE ? 0 : -1;
            free(t);
            return rc;
        }
        return config_setting_set_string(s, v) == CONFIG_TRUE ? 0 : -1;
    }
    default:
        return -1;
    }
}

/* The type a new setting gets for the value text v. */
static int type_for(const char *v)
{
    char *end;
    errno = 0;
    long long ll = strtoll(v, &end, 10);
    if (*v && !*end && errno == 0) {
        return ll >= -2147483647LL - 1 && ll <= 2147483647LL ? CONFIG_TYPE_INT
                                                             : CONFIG_TYPE_INT64;
    }
    strtod(v, &end);
    if (*v && !*end) {
        return CONFIG_TYPE_FLOAT;
    }
    if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) {
        return CONFIG_TYPE_BOOL;
    }
    return CONFIG_TYPE_STRING;
}

static int apply_set(config_t *cfg, const char *set, ccs_error *err)
{
    const char *eq = strchr(set, '=');
    char path[512];
    if (!eq || eq == set || (size_t)(eq - set) >= sizeof path) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, set, "expected PATH=VALUE");
    }
    memcpy(path, set, (size_t)(eq - set));
    path[eq - set] = '\0';
    const char *val = eq + 1;
    config_setting_t *s = config_lookup(cfg, path);
    if (s) {
        if (config_setting_is_aggregate(s)) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, set,
                                 "cannot carry an override of a group, list or array "
                                 "into the written scenario");
        }
        if (set_value(s, val) == 0) {
            return CCS_OK;
        }
        /* A value of another type (900.5 for an integer): replace a member
         * of a group; elements of arrays and lists keep their type. */
        config_setting_t *parent = config_setting_parent(s);
        const char *name = config_setting_name(s);
        if (!parent || !name || !config_setting_is_group(parent)) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, set,
                                 "value does not fit the setting's type");
        }
        char nm[128];
        snprintf(nm, sizeof nm, "%s", name);
        config_setting_remove(parent, nm);
        s = config_setting_add(parent, nm, type_for(val));
        if (!s || set_value(s, val) != 0) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, set, "cannot store the value");
        }
        return CCS_OK;
    }
    char *dot = strrchr(path, '.');
    config_setting_t *parent = dot ? (*dot = '\0', config_lookup(cfg, path))
                                   : config_root_setting(cfg);
    const char *name = dot ? dot + 1 : path;
    if (!parent || !config_setting_is_group(parent) || name[0] == '[') {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, set,
                             "no such setting, and no group to create it in");
    }
    s = config_setting_add(parent, name, type_for(val));
    if (!s || set_value(s, val) != 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, set, "cannot store the value");
    }
    return CCS_OK;
}

static int edit(config_t *cfg, const ccs_schedule_edit *e, ccs_error *err)
{
    config_setting_t *agents = config_lookup(cfg, "agents");
    config_setting_t *g = agents ? config_setting_get_elem(agents, (unsigned)e->group) : NULL;
    if (!g || !config_setting_is_group(g) || e->group < 0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "agents", "no agent group %d", e->group);
    }
    if (config_setting_get_member(g, "count")) {
        config_setting_remove(g, "count");
    }
    config_setting_t *arr = config_setting_add(g, "count", CONFIG_TYPE_ARRAY);
    if (!arr) {
        return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    for (int k = 0; k < e->n; k++) {
        if (!config_setting_set_int_elem(arr, -1, e->counts[k])) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        }
    }
    if (e->sl_target <= 0 || e->sl_threshold_s < 0) {
        return CCS_OK;
    }
    config_setting_t *calls = config_lookup(cfg, "calls");
    for (int i = 0; i < e->n_types; i++) {
        config_setting_t *c = calls ? config_setting_get_elem(calls, (unsigned)e->types[i]) : NULL;
        if (!c || !config_setting_is_group(c)) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, "calls", "no call type %d",
                                 e->types[i]);
        }
        /* The service level's `wait` (not rewritten) is kept. */
        config_setting_t *old = config_setting_get_member(c, "service_level");
        const config_setting_t *ow = old ? config_setting_get_member(old, "wait") : NULL;
        const char *wait = ow ? config_setting_get_string(ow) : NULL;
        char wait_s[16] = "";
        if (wait && strlen(wait) < sizeof wait_s) {
            memcpy(wait_s, wait, strlen(wait) + 1);
        }
        if (old) {
            config_setting_remove(c, "service_level");
        }
        config_setting_t *sl = config_setting_add(c, "service_level", CONFIG_TYPE_GROUP);
        config_setting_t *th = sl ? config_setting_add(sl, "threshold", CONFIG_TYPE_FLOAT) : NULL;
        config_setting_t *tg = sl ? config_setting_add(sl, "target", CONFIG_TYPE_FLOAT) : NULL;
        config_setting_t *wt =
            th && tg && wait_s[0] ? config_setting_add(sl, "wait", CONFIG_TYPE_STRING) : NULL;
        if (!th || !tg || (wait_s[0] && (!wt || !config_setting_set_string(wt, wait_s)))) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        }
        config_setting_set_float(th, e->sl_threshold_s);
        config_setting_set_float(tg, e->sl_target);
    }
    return CCS_OK;
}

/* Length of the directory part of path ("" has none: 0). */
static size_t dir_len(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? (size_t)(slash - path) : 0;
}

/* A call type's `forecast` is relative to the scenario's directory: when
 * the written file lands in another directory, name the CSV by its
 * absolute path so that the new scenario still finds it. */
static int rebase_forecasts(config_t *cfg, const char *src, const char *out, ccs_error *err)
{
    size_t ds = dir_len(src), d_out = dir_len(out);
    if (ds == d_out && (ds == 0 || strncmp(src, out, ds) == 0)) {
        return CCS_OK;
    }
    config_setting_t *calls = config_lookup(cfg, "calls");
    for (int i = 0; calls && i < config_setting_length(calls); i++) {
        config_setting_t *c = config_setting_get_elem(calls, (unsigned)i);
        config_setting_t *f = c ? config_setting_get_member(c, "forecast") : NULL;
        const char *name = f ? config_setting_get_string(f) : NULL;
        if (!name || name[0] == '/' || !name[0]) {
            continue;
        }
        char cwd[PATH_MAX], abs_path[PATH_MAX + 2048];
        int w = -1;
        if (src && src[0] == '/') {
            w = snprintf(abs_path, sizeof abs_path, "%.*s/%s", (int)ds, src, name);
        } else if (getcwd(cwd, sizeof cwd)) {
            w = snprintf(abs_path, sizeof abs_path, "%s/%.*s%s%s", cwd, (int)ds, src ? src : "",
                         ds ? "/" : "", name);
        }
        if (w < 0 || (size_t)w >= sizeof abs_path) {
            continue;
        }
        if (!config_setting_set_string(f, abs_path)) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        }
    }
    return CCS_OK;
}

int ccs_scenario_write_schedule(const char *src, const char *const *sets, int n_sets,
                                const ccs_schedule_edit *e, const char *out, ccs_error *err)
{
    config_t cfg;
    config_init(&cfg);
    int ok = src ? config_read_file(&cfg, src)
                 : config_read_string(&cfg, ccs_scenario_default_text());
    int rc = CCS_OK;
    if (!ok) {
        if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO) {
            rc = ccs_error_set(err, CCS_EIO, src, 0, NULL, "cannot read scenario: %s",
                               strerror(errno));
        } else {
            rc = ccs_error_set(err, CCS_ECONFIG, src ? src : "(default)",
                               config_error_line(&cfg), NULL, "%s", config_error_text(&cfg));
        }
        goto done;
    }
    for (int i = 0; i < n_sets && rc == CCS_OK; i++) {
        rc = apply_set(&cfg, sets[i], err);
    }
    if (rc == CCS_OK) {
        rc = edit(&cfg, e, err);
    }
    if (rc == CCS_OK) {
        rc = rebase_forecasts(&cfg, src, out, err);
    }
    if (rc != CCS_OK) {
        goto done;
    }
    char tmp[1200];
    if (strlen(out) > 1000) {
        rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, "out", "path too long");
        goto done;
    }
    struct stat st;
    if (lstat(out, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A rename would replace a link, a device or a FIFO by a file. */
        rc = ccs_error_set(err, CCS_EINVAL, NULL, 0, "out",
                           "%s is not a regular file; expected a file name", out);
        goto done;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", out, (long)getpid());
    if (!config_write_file(&cfg, tmp) || rename(tmp, out) != 0) {
        int e2 = errno;
        unlink(tmp);
        rc = ccs_error_set(err, CCS_EIO, NULL, 0, "out", "cannot write %s: %s", out,
                           strerror(e2));
    }
done:
    config_destroy(&cfg);
    return rc;
}
