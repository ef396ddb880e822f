/*
 * scenario_calls.c — the `calls` section: each inbound call type's
 * arrivals (calls_per_hour, calls_per_interval or a forecast file), handle
 * time, patience, service level, queue capacity, retrials, and whose
 * traffic it is.  Needs the horizon; a forecast's aht and patience cells
 * are checked against the call type once every call type is read.
 */
#include <stdlib.h>
#include <string.h>

#include "ccsim/units.h"
#include "scenario/scenario_forecast.h"
#include "scenario/scenario_sections.h"

#define MAX_RETRIALS 1000L
#define MAX_QUEUE 100000000L

static const char *const call_keys[] = {
    "name",      "calls_per_hour", "calls_per_interval", "forecast",
    "volume_cv", "handle_time",    "talk_time",          "after_call_work",
    "patience",  "service_level",  "short_abandon",      "queue_capacity",
    "retrial",   "ours",           "repeat_delay",       "wait_weight",
    "priority_base", "priority_slope", "transfers", NULL};
static const char *const sl_keys[] = {"threshold", "target", "wait", NULL};
static const char *const retrial_keys[] = {"abandoned", "blocked", "delay", "max", "keep_draws",
                                           NULL};

static int read_service_level(ccs__reader *r, const config_setting_t *g, ccs_call_type *ct)
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
            return ccs__fail_at(r, s,
                                "expected \"80/20\" (target %%/threshold s) or a group "
                                "{ threshold = 20.0; target = 0.80; }, got %s",
                                ccs__describe(r, s, got, sizeof got));
        }
        return CCS_OK;
    }
    if (ccs__expect_group(r, s, "a group { threshold = 20.0; target = 0.80; }") != CCS_OK ||
        ccs__check_keys(r, s, sl_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *m = config_setting_get_member(s, "threshold");
    if (m && ccs__get_duration(r, m, 0.0, 0, &ct->sl_threshold_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    m = config_setting_get_member(s, "target");
    if (m && ccs__get_fraction(r, m, 1, &ct->sl_target) != CCS_OK) {
        return CCS_ECONFIG;
    }
    /* Which wait is judged against the threshold: the attempt's own, or
     * the caller's waits over its attempts added up (docs/routing.md). */
    m = config_setting_get_member(s, "wait");
    if (m) {
        const char *v = config_setting_get_string(m);
        if (v && strcmp(v, "total") == 0) {
            ct->sl_wait_total = 1;
        } else if (!v || strcmp(v, "attempt") != 0) {
            return ccs__fail_at(r, m, "expected \"attempt\" or \"total\", got %s",
                                ccs__describe(r, m, got, sizeof got));
        }
    }
    return CCS_OK;
}

static int read_retrial(ccs__reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *s = config_setting_get_member(g, "retrial");
    if (!s) {
        return CCS_OK;
    }
    if (ccs__expect_group(r, s,
                          "a group { abandoned = 0.3; blocked = 0.5; delay = {...}; max = 3; }") !=
            CCS_OK ||
        ccs__check_keys(r, s, retrial_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *m = config_setting_get_member(s, "abandoned");
    if (m && ccs__get_fraction(r, m, 0, &ct->retry_abandoned) != CCS_OK) {
        return CCS_ECONFIG;
    }
    m = config_setting_get_member(s, "blocked");
    if (m && ccs__get_fraction(r, m, 0, &ct->retry_blocked) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (ccs__opt_dist(r, s, "delay", &ct->retry_delay) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (ccs__opt_int(r, s, "max", 0, MAX_RETRIALS, &ct->max_retrials) != CCS_OK) {
        return CCS_ECONFIG;
    }
    m = config_setting_get_member(s, "keep_draws");
    if (m && ccs__get_bool(r, m, &ct->retry_keep_draws) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

/* `forecast = "monday.csv";`: calls per interval from a CSV file
 * (scenario_forecast.h), kept in r->fc for the check against the handle
 * time and patience. */
static int read_forecast_key(ccs__reader *r, const config_setting_t *s, ccs_call_type *ct)
{
    char got[96], key[256];
    if (config_setting_type(s) != CONFIG_TYPE_STRING || !config_setting_get_string(s)[0]) {
        return ccs__fail_at(r, s,
                            "expected a CSV file name such as \"monday.csv\" (relative to "
                            "this file's directory), got %s",
                            ccs__describe(r, s, got, sizeof got));
    }
    ccs__path_of(s, key, sizeof key);
    ccs__key_at at = {ccs__file_of(r, s), ccs__line_of(s), key};
    ccs_forecast *fc = ccs__forecast_for_scenario(config_setting_get_string(s), &at, r->sc,
                                                  ct->rate_per_hour, r->err);
    if (!fc) {
        return r->err ? r->err->code : CCS_ECONFIG;
    }
    r->fc[ct - r->sc->types] = fc;
    return CCS_OK;
}

static int read_arrivals(ccs__reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *ph = config_setting_get_member(g, "calls_per_hour");
    const config_setting_t *pi = config_setting_get_member(g, "calls_per_interval");
    const config_setting_t *fk = config_setting_get_member(g, "forecast");
    if (ph && pi) {
        return ccs__fail_at(r, pi, "give either calls_per_hour or calls_per_interval, not both");
    }
    if (fk && (ph || pi)) {
        return ccs__fail_at(r, fk, "give either forecast or %s, not both",
                            ph ? "calls_per_hour" : "calls_per_interval");
    }
    if (!ph && !pi && !fk) {
        return ccs__fail_missing(
            r, g, "calls_per_hour",
            "required: the arrival rate, as calls_per_hour (a number, \"1000/h\" "
            "or one value per interval), calls_per_interval (counts) or "
            "forecast (a CSV file)");
    }
    ct->rate_per_hour = calloc((size_t)r->sc->n_intervals, sizeof *ct->rate_per_hour);
    if (!ct->rate_per_hour) {
        return ccs__fail_nomem(r);
    }
    if (fk) {
        return read_forecast_key(r, fk, ct);
    }
    if (ph) {
        return ccs__get_per_interval(r, ph, ccs_units_rate,
                                     "a rate in calls per hour (or \"16/min\")", 1.0,
                                     ct->rate_per_hour);
    }
    return ccs__get_per_interval(r, pi, NULL, "a number of calls", 3600.0 / r->sc->interval_s,
                                 ct->rate_per_hour);
}

static int read_handle(ccs__reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *ht = config_setting_get_member(g, "handle_time");
    const config_setting_t *tt = config_setting_get_member(g, "talk_time");
    const config_setting_t *acw = config_setting_get_member(g, "after_call_work");
    if (ht && tt) {
        return ccs__fail_at(r, tt,
                            "give either handle_time or talk_time (+ after_call_work), not both");
    }
    if (!ht && !tt) {
        return ccs__fail_missing(r, g, "handle_time",
                                 "required: handle_time = { dist = ...; }, or talk_time (and "
                                 "optionally after_call_work)");
    }
    if (ht) {
        if (acw) {
            return ccs__fail_at(r, acw,
                                "after_call_work goes with talk_time; handle_time already "
                                "includes it");
        }
        return ccs__read_dist(r, ht, &ct->talk);
    }
    if (ccs__read_dist(r, tt, &ct->talk) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return ccs__opt_dist(r, g, "after_call_work", &ct->acw);
}

/* Call-type keys of issue 5: whose traffic it is, and when an unresolved
 * contact calls again. */
static int read_call_quality(ccs__reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *s = config_setting_get_member(g, "ours");
    if (s && ccs__get_bool(r, s, &ct->ours) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return ccs__opt_dist(r, g, "repeat_delay", &ct->repeat_delay);
}

/* Call-type keys of issue 11: what the agent-side routing policies weigh
 * (docs/routing.md). */
static int read_call_routing(ccs__reader *r, const config_setting_t *g, ccs_call_type *ct)
{
    const config_setting_t *s;
    if ((s = config_setting_get_member(g, "wait_weight")) &&
        ccs__get_value(r, s, NULL, 1.0, "a weight", 0.0, 1, 1e6, 0, &ct->wait_weight) !=
            CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "priority_base")) &&
        ccs__get_value(r, s, NULL, 1.0, "a priority", -1e9, 0, 1e9, 0, &ct->priority_base) !=
            CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "priority_slope")) &&
        ccs__get_value(r, s, NULL, 1.0, "a priority per second waited", 0.0, 0, 1e6, 0,
                       &ct->priority_slope) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

static int read_call(ccs__reader *r, const config_setting_t *g, int idx)
{
    ccs_scenario *sc = r->sc;
    ccs_call_type *ct = &sc->types[idx];
    const config_setting_t *s;
    long n;

    ct->line = ccs__line_of(g);
    ct->sl_threshold_s = 20.0;
    ct->sl_target = 0.80;
    ct->short_abandon_s = 5.0;
    ct->queue_capacity = -1;
    ct->max_retrials = 3;
    ct->retry_delay = ccs_dist_exponential(300.0);
    ct->ours = 1;
    ct->repeat_delay = ccs_dist_exponential(3600.0);
    ct->wait_weight = 1.0;
    ct->priority_base = 0.0;
    ct->priority_slope = 1.0;

    if (ccs__expect_group(r, g, "a call type { name = \"...\"; ... }") != CCS_OK ||
        ccs__check_keys(r, g, call_keys) != CCS_OK ||
        ccs__get_name(r, g, "call type", ct->name, sizeof ct->name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int j = 0; j < idx; j++) {
        if (strcmp(sc->types[j].name, ct->name) == 0) {
            return ccs__fail_at(r, config_setting_get_member(g, "name"),
                                "duplicate call type name \"%s\" (first defined on line %d)",
                                ct->name, sc->types[j].line);
        }
    }
    if (read_arrivals(r, g, ct) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "volume_cv")) &&
        ccs__get_value(r, s, NULL, 1.0, "a number", 0.0, 0, 1.0, 0, &ct->volume_cv) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (read_handle(r, g, ct) != CCS_OK ||
        ccs__opt_dist(r, g, "patience", &ct->patience) != CCS_OK ||
        read_service_level(r, g, ct) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "short_abandon")) &&
        ccs__get_duration(r, s, 0.0, 0, &ct->short_abandon_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(g, "queue_capacity"))) {
        if (ccs__get_long(r, s, 0, MAX_QUEUE, &n) != CCS_OK) {
            return CCS_ECONFIG;
        }
        ct->queue_capacity = n;
    }
    if (read_call_quality(r, g, ct) != CCS_OK || read_call_routing(r, g, ct) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return read_retrial(r, g, ct);
}

int ccs__read_calls(ccs__reader *r, const config_setting_t *root)
{
    const config_setting_t *l = config_setting_get_member(root, "calls");
    if (!l && r->has_outbound) {
        return CCS_OK; /* an outbound-only center */
    }
    if (!l) {
        return ccs__fail_missing(r, root, "calls",
                                 "required: a list of call types, calls = ( { name = ...; } )");
    }
    ccs_scenario *sc = r->sc;
    sc->types = ccs__list_new(r, l, "call types", CCS_MAX_TYPES, CCS__DIM_TYPES, sizeof *sc->types);
    if (!sc->types) {
        return CCS_ECONFIG;
    }
    int n = config_setting_length(l);
    sc->n_types = n;
    r->fc = calloc((size_t)n + 1, sizeof *r->fc);
    if (!r->fc) {
        return ccs__fail_nomem(r);
    }
    int rc = ccs__read_elems(r, l, read_call);
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
