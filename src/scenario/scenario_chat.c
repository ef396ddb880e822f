/*
 * scenario_chat.c — the chat keys (docs/channels.md): the top-level `chat`
 * section (arrivals, work, patience for the first response, service level,
 * queue capacity, assign rule, voice threshold) and each agent group's
 * chat_slots and chat_factors.
 * Needs the horizon and the groups; refuses a chat section no group takes
 * and chat keys without a chat section.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/units.h"
#include "scenario/scenario_sections.h"

#define MAX_FACTOR 100.0
#define MAX_QUEUE 100000000L

static const char *const chat_keys[] = {"chats_per_hour", "handle_time", "patience",
                                        "service_level", "queue_capacity", "assign",
                                        "voice_threshold", NULL};
static const char *const sl_keys[] = {"threshold", "target", NULL};

int ccs__read_group_chat(ccs__reader *r, const config_setting_t *g, ccs_agent_group *ag)
{
    const config_setting_t *s = config_setting_get_member(g, "chat_slots");
    const config_setting_t *f = config_setting_get_member(g, "chat_factors");
    char got[96];
    long k = 0;
    for (int i = 0; i < CCS_CHAT_MAX_SLOTS; i++) {
        ag->chat_factor[i] = 1.0;
    }
    if (s && ccs__get_long(r, s, 0, CCS_CHAT_MAX_SLOTS, &k) != CCS_OK) {
        return CCS_ECONFIG;
    }
    ag->chat_slots = (int)k;
    if (!f) {
        return CCS_OK;
    }
    if (k == 0) {
        return ccs__fail_at(r, f, "chat_factors needs chat_slots = 1 .. %d in the same group",
                            CCS_CHAT_MAX_SLOTS);
    }
    if (!ccs__is_sequence(f) || config_setting_length(f) != k) {
        return ccs__fail_at(r, f,
                            "expected an array of %ld handle-time factors (one per number of "
                            "open sessions, 1 .. chat_slots), got %s",
                            k,
                            ccs__is_sequence(f) ? "a different length"
                                                : ccs__describe(r, f, got, sizeof got));
    }
    for (int i = 0; i < (int)k; i++) {
        if (ccs__get_value(r, config_setting_get_elem(f, (unsigned)i), NULL, 1.0,
                           "a handle-time factor", 0.0, 1, MAX_FACTOR, 0,
                           &ag->chat_factor[i]) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    return CCS_OK;
}

static int read_sl(ccs__reader *r, const config_setting_t *g, ccs_chat *ch)
{
    const config_setting_t *s = config_setting_get_member(g, "service_level");
    char got[96];
    if (!s) {
        return CCS_OK;
    }
    if (config_setting_type(s) == CONFIG_TYPE_STRING) {
        if (ccs_units_sl(config_setting_get_string(s), &ch->sl_target, &ch->sl_threshold_s) !=
                CCS_OK ||
            ch->sl_target <= 0.0) {
            return ccs__fail_at(r, s,
                                "expected \"80/60\" (target %%/threshold s) or a group "
                                "{ threshold = 60.0; target = 0.80; }, got %s",
                                ccs__describe(r, s, got, sizeof got));
        }
        return CCS_OK;
    }
    if (ccs__expect_group(r, s, "a group { threshold = 60.0; target = 0.80; }") != CCS_OK ||
        ccs__check_keys(r, s, sl_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    const config_setting_t *m = config_setting_get_member(s, "threshold");
    if (m && ccs__get_duration(r, m, 0.0, 0, &ch->sl_threshold_s) != CCS_OK) {
        return CCS_ECONFIG;
    }
    m = config_setting_get_member(s, "target");
    if (m && ccs__get_fraction(r, m, 1, &ch->sl_target) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

/* Chat keys in groups without a chat section: refused, as a typo would be. */
static int check_no_slots(ccs__reader *r, const config_setting_t *root)
{
    const config_setting_t *l = config_setting_get_member(root, "agents");
    for (int g = 0; g < r->sc->n_groups; g++) {
        if (r->sc->groups[g].chat_slots > 0) {
            const config_setting_t *e = config_setting_get_elem(l, (unsigned)g);
            return ccs__fail_at(r, config_setting_get_member(e, "chat_slots"),
                                "chat_slots without a chat section (add chat = { "
                                "chats_per_hour = ...; handle_time = {...}; })");
        }
    }
    return CCS_OK;
}

int ccs__read_chat(ccs__reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    ccs_chat *ch = &sc->chat;
    const config_setting_t *g = config_setting_get_member(root, "chat");
    const config_setting_t *s;
    if (!g) {
        return check_no_slots(r, root);
    }
    ch->line = ccs__line_of(g);
    ch->sl_threshold_s = 60.0;
    ch->sl_target = 0.80;
    ch->queue_capacity = -1;
    ch->voice_threshold = -1;
    if (ccs__expect_group(r, g, "a group { chats_per_hour = ...; handle_time = {...}; }") !=
            CCS_OK ||
        ccs__check_keys(r, g, chat_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    ch->rate_per_hour = calloc((size_t)sc->n_intervals, sizeof *ch->rate_per_hour);
    if (!ch->rate_per_hour) {
        return ccs__fail_nomem(r);
    }
    ch->on = 1;
    if (!(s = ccs__require(r, g, "chats_per_hour",
                           "the chat arrival rate: a number, \"120/h\" or one per interval")) ||
        ccs__get_per_interval(r, s, ccs_units_rate, "a rate in chats per hour (or \"2/min\")",
                              1.0, ch->rate_per_hour) != CCS_OK) {
        return CCS_ECONFIG;
    }
    double expected = 0;
    for (int k = 0; k < sc->n_intervals; k++) {
        expected += ch->rate_per_hour[k] * sc->interval_s / 3600.0;
    }
    if (expected > CCS_MAX_ARRIVALS) {
        return ccs__fail_at(r, s, "%.3g chats expected per replication: at most %.0e", expected,
                            CCS_MAX_ARRIVALS);
    }
    if (!(s = ccs__require(r, g, "handle_time",
                           "the work of one session alone, handle_time = { dist = ...; }")) ||
        ccs__read_dist(r, s, &ch->handle) != CCS_OK ||
        ccs__opt_dist(r, g, "patience", &ch->patience) != CCS_OK || read_sl(r, g, ch) != CCS_OK) {
        return CCS_ECONFIG;
    }
    long n;
    if ((s = config_setting_get_member(g, "queue_capacity"))) {
        if (ccs__get_long(r, s, 0, MAX_QUEUE, &n) != CCS_OK) {
            return CCS_ECONFIG;
        }
        ch->queue_capacity = n;
    }
    if ((s = config_setting_get_member(g, "voice_threshold"))) {
        if (ccs__get_long(r, s, 0, MAX_QUEUE, &n) != CCS_OK) {
            return CCS_ECONFIG;
        }
        ch->voice_threshold = n;
    }
    if ((s = config_setting_get_member(g, "assign"))) {
        const char *v;
        char got[96];
        if (ccs__get_string(r, s, &v) != CCS_OK) {
            return CCS_ECONFIG;
        }
        if (strcmp(v, "least_loaded") != 0 && strcmp(v, "fill") != 0) {
            return ccs__fail_at(r, s, "expected \"least_loaded\" or \"fill\", got %s",
                                ccs__describe(r, s, got, sizeof got));
        }
        ch->fill = strcmp(v, "fill") == 0;
    }
    int takers = 0, chat_only = 0;
    for (int i = 0; i < sc->n_groups; i++) {
        if (sc->groups[i].chat_slots > 0) {
            takers++;
            chat_only += sc->groups[i].n_serves == 0;
        }
    }
    if (takers == 0) {
        return ccs__fail_at(r, g,
                            "no agent group takes chat (give some group chat_slots = 1 .. %d)",
                            CCS_CHAT_MAX_SLOTS);
    }
    if (ch->voice_threshold == 0 && chat_only == 0) {
        return ccs__fail_at(r, config_setting_get_member(g, "voice_threshold"),
                            "0 keeps every group with chat_slots from chat (each serves calls); "
                            "use 1 or more, or add a chat-only group (chat_slots, no serves)");
    }
    return CCS_OK;
}
