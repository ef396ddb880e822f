/*
 * scenario_horizon.c — the scenario's name and its `horizon` and `run`
 * sections: how the day is cut into intervals, and how it is replicated.
 * Everything else is read against the horizon, so it comes first.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scenario/scenario_sections.h"

#define MAX_INTERVALS 100000L /* bounds the per-interval allocations */
#define MAX_REPLICATIONS 100000L

static const char *const horizon_keys[] = {"intervals", "interval_minutes", "start", "days",
                                           "day_factors", "round_the_clock", NULL};
static const char *const run_keys[] = {"replications", "seed", "warmup_minutes", "sl_definition",
                                       NULL};

/* The scenario's name: the key, else the file's base name without ".cfg". */
int ccs__read_name(ccs__reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *s = config_setting_get_member(root, "name");
    if (s) {
        const char *v = "";
        if (ccs__get_string(r, s, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (strlen(v) >= sizeof sc->name) {
            return ccs__fail_at(r, s, "expected a name of at most %zu characters",
                                sizeof sc->name - 1);
        }
        if (!ccs__printable(v)) {
            return ccs__fail_at(r, s,
                                "expected a name without control characters (it is the "
                                "report's title), got \"%.60s\"",
                                v);
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

int ccs__read_horizon(ccs__reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *h = config_setting_get_member(root, "horizon");
    sc->n_intervals = 48;
    sc->interval_s = 1800.0;
    sc->days = 1;
    if (!h) {
        sc->day_intervals = sc->n_intervals;
        return CCS_OK;
    }
    if (ccs__expect_group(r, h, "a group { intervals = ...; interval_minutes = ...; }") != CCS_OK ||
        ccs__check_keys(r, h, horizon_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (ccs__opt_int(r, h, "intervals", 1, MAX_INTERVALS, &sc->n_intervals) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *s = config_setting_get_member(h, "interval_minutes");
    if (s && ccs__get_minutes(r, s, 0.0, 1, &sc->interval_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((double)sc->n_intervals * sc->interval_s > CCS_MAX_HORIZON_S) {
        const config_setting_t *at = config_setting_get_member(h, "intervals");
        return ccs__fail_at(r, at ? at : s,
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
        } else if (ccs__get_value(r, s, NULL, 60.0,
                                  "a clock time \"07:00\" or minutes after midnight", 0.0, 0,
                                  24 * 3600.0, 1, &sc->start_s) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    sc->day_intervals = sc->n_intervals;
    return ccs__read_days(r, h);
}

/* The scenario spelling of a service-level definition (run.sl_definition). */
const char *ccs_sl_def_name(ccs_sl_def d)
{
    switch (d) {
    case CCS_SL_OFFERED:
        return "offered";
    case CCS_SL_EXCL_SHORT:
        return "excluding_short";
    case CCS_SL_ANSWERED:
        return "answered";
    }
    return "?";
}

int ccs__read_run(ccs__reader *r, const config_setting_t *root)
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
    if (ccs__expect_group(r, g, "a group { replications = ...; seed = ...; }") != CCS_OK ||
        ccs__check_keys(r, g, run_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (ccs__opt_int(r, g, "replications", 1, MAX_REPLICATIONS, &sc->replications) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *s = config_setting_get_member(g, "seed");
    if (s) {
        if (ccs__get_long(r, s, 0, LONG_MAX, &n) != CCS_OK) {
            return CCS_ECONFIG;
        }
        sc->seed = (uint64_t)n;
    }
    s = config_setting_get_member(g, "warmup_minutes");
    if (s && ccs__get_minutes(r, s, 0.0, 0, &sc->warmup_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    s = config_setting_get_member(g, "sl_definition");
    if (s) {
        const char *v = "";
        if (ccs__get_string(r, s, &v) != CCS_OK) {
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
            return ccs__fail_at(r, s,
                                "expected \"offered\", \"excluding_short\" or \"answered\", "
                                "got \"%.60s\"",
                                v);
        }
    }
    return CCS_OK;
}
