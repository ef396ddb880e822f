/*
 * scenario_callback.c — the top-level `callbacks` section (virtual hold):
 * when waiting callers are offered a call back, how many accept, what they
 * are promised, how agents serve the callbacks and how a dial-back ends
 * (docs/callbacks.md).  Without the section nothing changes: no type is
 * offered callbacks and the model draws nothing for them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_sections.h"

/* Attempts after the first at most, waiting callbacks at most, and the
 * largest queue threshold: bounds on absurd magnitudes. */
#define CB_MAX_RETRIES 20
#define CB_MAX_PENDING 10000000L
#define CB_MAX_QUEUE 1000000L

static const char *const callback_keys[] = {
    "types",          "offer_wait",  "offer_after", "accept",      "mode",
    "window_start",   "window",      "rule",        "queue_below", "reserved",
    "reach",          "retries",     "retry_delay", "dial_time",   "max_pending",
    NULL};

/* A string key among names[0..n) into *out (absent: *out unchanged). */
static int read_choice(ccs__reader *r, const config_setting_t *g, const char *key,
                       const char *const *names, int n, int *out)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    const char *v = "";
    if (!s) {
        return CCS_OK;
    }
    if (ccs__get_string(r, s, &v) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int i = 0; i < n; i++) {
        if (strcmp(v, names[i]) == 0) {
            *out = i;
            return CCS_OK;
        }
    }
    char expect[160] = "";
    for (int i = 0; i < n; i++) {
        size_t l = strlen(expect);
        snprintf(expect + l, sizeof expect - l, "%s\"%s\"",
                 i == 0 ? "" : i == n - 1 ? " or " : ", ", names[i]);
    }
    char got[96];
    ccs_escape(got, sizeof got, v);
    return ccs__fail_at(r, s, "expected %s, got \"%.60s\"", expect, got);
}

static int read_types(ccs__reader *r, const config_setting_t *g)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *s = config_setting_get_member(g, "types");
    if (!s) {
        for (int t = 0; t < sc->n_types; t++) {
            sc->types[t].callback = 1;
        }
        return CCS_OK;
    }
    int *idx = NULL, n = 0;
    int rc = ccs__get_names(r, s, "a non-empty array of call type names [ \"...\" ]",
                            ccs_scenario_find_type, "call type", "calls", &idx, &n);
    for (int i = 0; rc == CCS_OK && i < n; i++) {
        sc->types[idx[i]].callback = 1;
    }
    free(idx);
    return rc;
}

int ccs__read_callbacks(ccs__reader *r, const config_setting_t *root)
{
    static const char *const modes[] = {"keep_place", "window"};
    static const char *const rules[] = {"lowest", "queue_below", "reserved"};
    ccs_callbacks *cb = &r->sc->callbacks;
    const config_setting_t *g = config_setting_get_member(root, "callbacks");
    cb->on = 0;
    cb->offer_wait_s = -1;
    cb->offer_after_s = -1;
    cb->accept = 1.0;
    cb->mode = CCS_CB_KEEP_PLACE;
    cb->window_start_s = 1800;
    cb->window_s = 900;
    cb->rule = CCS_CB_LOWEST;
    cb->queue_below = 1;
    cb->reserved = 1;
    cb->reach = 1.0;
    cb->retries = 2;
    cb->retry_delay_s = 300;
    cb->dial_s = 20;
    cb->max_pending = 0;
    if (!g) {
        return CCS_OK;
    }
    if (ccs__expect_group(r, g, "a group { offer_wait = ...; accept = ...; }") != CCS_OK ||
        ccs__check_keys(r, g, callback_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (r->sc->n_types == 0) {
        return ccs__fail_at(r, g, "expected inbound call types for callbacks (calls), got none");
    }
    int mode = (int)cb->mode, rule = (int)cb->rule;
    if (read_types(r, g) != CCS_OK ||
        ccs__opt_duration(r, g, "offer_wait", 0.0, 0, &cb->offer_wait_s) != CCS_OK ||
        ccs__opt_duration(r, g, "offer_after", 0.0, 0, &cb->offer_after_s) != CCS_OK ||
        ccs__opt_fraction(r, g, "accept", &cb->accept) != CCS_OK ||
        read_choice(r, g, "mode", modes, 2, &mode) != CCS_OK ||
        ccs__opt_duration(r, g, "window_start", 0.0, 0, &cb->window_start_s) != CCS_OK ||
        ccs__opt_duration(r, g, "window", 0.0, 0, &cb->window_s) != CCS_OK ||
        read_choice(r, g, "rule", rules, 3, &rule) != CCS_OK ||
        ccs__opt_int(r, g, "queue_below", 1, CB_MAX_QUEUE, &cb->queue_below) != CCS_OK ||
        ccs__opt_int(r, g, "reserved", 1, CCS__MAX_AGENTS, &cb->reserved) != CCS_OK ||
        ccs__opt_fraction(r, g, "reach", &cb->reach) != CCS_OK ||
        ccs__opt_int(r, g, "retries", 0, CB_MAX_RETRIES, &cb->retries) != CCS_OK ||
        ccs__opt_duration(r, g, "retry_delay", 0.0, 0, &cb->retry_delay_s) != CCS_OK ||
        ccs__opt_duration(r, g, "dial_time", 0.0, 0, &cb->dial_s) != CCS_OK ||
        ccs__opt_int(r, g, "max_pending", 0, CB_MAX_PENDING, &cb->max_pending) != CCS_OK) {
        return CCS_ECONFIG;
    }
    cb->mode = (ccs_cb_mode)mode;
    cb->rule = (ccs_cb_rule)rule;
    if (cb->offer_wait_s < 0 && cb->offer_after_s < 0) {
        return ccs__fail_missing(r, g, "offer_wait",
                                 "expected offer_wait (seconds of predicted wait) or "
                                 "offer_after (seconds waited): when callbacks are offered");
    }
    cb->on = 1;
    return CCS_OK;
}
