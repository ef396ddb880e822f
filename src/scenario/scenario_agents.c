/*
 * scenario_agents.c — the `agents` section: each agent group's agents on
 * shift per interval, the call types it serves (`serves` in priority
 * order, or `skills` with a level and a handle-time factor and resolution
 * per type) with their overflow delays, its quality (handle-time factor, first-contact
 * resolution) and its cost (scenario_costs.c).  Needs the call types;
 * refuses a call type that no group serves.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_sections.h"

static const char *const agent_keys[] = {"name",    "count", "serves", "serve_after",
                                         "skills",  "quality", "cost", "chat_slots",
                                         "chat_factors", "reserve", "backoffice",
                                         "backoffice_share", NULL};
static const char *const skill_keys[] = {"type", "level", "aht_factor", "fcr", "serve_after",
                                         NULL};

#define CCS__MAX_LEVEL 1000L
static const char *const quality_keys[] = {"aht_factor", "fcr", NULL};

/* `count`: one number, one per interval of the day, or, with
 * horizon.days = N > 1, one per interval of every day (N x intervals: a
 * schedule per day, kept as is by ccs__expand_days). */
static int read_count(ccs__reader *r, const config_setting_t *s, ccs_agent_group *ag)
{
    const ccs_scenario *sc = r->sc;
    int nk = sc->n_intervals, days = sc->days;
    if (days > 1 && ccs__is_sequence(s) && config_setting_length(s) != nk) {
        int len = config_setting_length(s);
        if (len != nk * days) {
            return ccs__fail_at(r, s,
                                "expected %d values (one per interval: horizon.intervals = %d) "
                                "or %d (one per interval of each of horizon.days = %d), got %d",
                                nk, nk, nk * days, days, len);
        }
        ag->count = calloc((size_t)len, sizeof *ag->count);
        if (!ag->count) {
            return ccs__fail_nomem(r);
        }
        for (int i = 0; i < len; i++) {
            long v;
            if (ccs__get_long(r, config_setting_get_elem(s, (unsigned)i), 0, CCS__MAX_AGENTS,
                              &v) != CCS_OK) {
                return CCS_ECONFIG;
            }
            ag->count[i] = (int)v;
        }
        ag->count_by_day = days;
        return CCS_OK;
    }
    ag->count = calloc((size_t)nk, sizeof *ag->count);
    if (!ag->count) {
        return ccs__fail_nomem(r);
    }
    return ccs__get_per_interval_int(r, s, 0, CCS__MAX_AGENTS, ag->count);
}

/* One entry of `skills`: { type = "..."; level = 1; aht_factor = 0.9;
 * fcr = 0.85; serve_after = 30; }. */
static int read_skill(ccs__reader *r, const config_setting_t *e, ccs_agent_group *ag, int i)
{
    const config_setting_t *s;
    const char *name;
    if (ccs__expect_group(r, e,
                          "a skill { type = \"...\"; level = 1; } (optional aht_factor, "
                          "fcr, serve_after)") != CCS_OK ||
        ccs__check_keys(r, e, skill_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (!(s = ccs__require(r, e, "type", "the call type this skill serves, type = \"...\"")) ||
        ccs__get_string(r, s, &name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    int t = ccs_scenario_find_type(r->sc, name);
    if (t < 0) {
        return ccs__fail_at(r, s, "no call type named \"%.60s\" in calls", name);
    }
    for (int j = 0; j < i; j++) {
        if (ag->serves[j] == t) {
            return ccs__fail_at(r, s, "call type \"%.60s\" listed twice in this group's skills",
                                name);
        }
    }
    ag->serves[i] = t;
    ag->level[i] = 1;
    if (ccs__opt_int(r, e, "level", 1, CCS__MAX_LEVEL, &ag->level[i]) != CCS_OK ||
        ccs__opt_duration(r, e, "serve_after", 0.0, 0, &ag->serve_after_s[i]) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(e, "aht_factor")) &&
        ccs__get_value(r, s, NULL, 1.0, "a number", 0.0, 1, INFINITY, 0,
                       &ag->skill_aht_factor[i]) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(e, "fcr")) &&
        ccs__get_fraction(r, s, 1, &ag->skill_fcr[i]) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

/* `skills = ( { type = ...; level = ...; }, ... )`: the types, their
 * levels and the per-(group, type) quality. */
static int read_skills(ccs__reader *r, const config_setting_t *g, const config_setting_t *l,
                       ccs_agent_group *ag)
{
    char got[96];
    if (config_setting_get_member(g, "serves")) {
        return ccs__fail_at(r, l, "give either serves or skills, not both");
    }
    if (config_setting_get_member(g, "serve_after")) {
        return ccs__fail_at(r, config_setting_get_member(g, "serve_after"),
                            "with skills, give each skill its own serve_after");
    }
    if (config_setting_type(l) != CONFIG_TYPE_LIST || config_setting_length(l) < 1) {
        return ccs__fail_at(r, l,
                            "expected a non-empty list of skills ( { type = \"...\"; level = "
                            "1; }, ... ), got %s",
                            ccs__describe(r, l, got, sizeof got));
    }
    int n = config_setting_length(l);
    ag->serves = calloc((size_t)n, sizeof *ag->serves);
    ag->serve_after_s = calloc((size_t)n, sizeof *ag->serve_after_s);
    ag->level = calloc((size_t)n, sizeof *ag->level);
    ag->skill_aht_factor = calloc((size_t)n, sizeof *ag->skill_aht_factor);
    ag->skill_fcr = calloc((size_t)n, sizeof *ag->skill_fcr);
    if (!ag->serves || !ag->serve_after_s || !ag->level || !ag->skill_aht_factor ||
        !ag->skill_fcr) {
        return ccs__fail_nomem(r);
    }
    for (int i = 0; i < n; i++) {
        ag->n_serves = i; /* what is read so far, for the cleanup */
        if (read_skill(r, config_setting_get_elem(l, (unsigned)i), ag, i) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    ag->n_serves = n;
    return CCS_OK;
}

static int read_serves(ccs__reader *r, const config_setting_t *g, ccs_agent_group *ag)
{
    char got[96];
    const config_setting_t *sk = config_setting_get_member(g, "skills");
    if (sk) {
        return read_skills(r, g, sk, ag);
    }
    const config_setting_t *s = config_setting_get_member(g, "serves");
    if (!s && (r->has_outbound || r->has_backoffice)) {
        return CCS_OK; /* an outbound-only or back-office group: checked later */
    }
    if (!s && config_setting_get_member(g, "chat_slots")) {
        return CCS_OK; /* a chat-only group: checked once chat_slots is read */
    }
    if (!s) {
        ccs__require(r, g, "serves",
                     "the call types this group takes: serves = [ \"sales\" ] in priority "
                     "order, or skills = ( { type = \"sales\"; level = 1; } )");
        return CCS_ECONFIG;
    }
    if (ccs__get_names(r, s, "a non-empty array of call type names [ \"...\" ]",
                       ccs_scenario_find_type, "call type", "calls", &ag->serves,
                       &ag->n_serves) != CCS_OK) {
        return CCS_ECONFIG;
    }
    int n = ag->n_serves;
    ag->serve_after_s = calloc((size_t)n, sizeof *ag->serve_after_s);
    if (!ag->serve_after_s) {
        return ccs__fail_nomem(r);
    }
    const config_setting_t *sa = config_setting_get_member(g, "serve_after");
    if (!sa) {
        return CCS_OK;
    }
    if (!ccs__is_sequence(sa) || config_setting_length(sa) != n) {
        return ccs__fail_at(
            r, sa, "expected an array of %d delays (one per entry of serves), got %s", n,
            ccs__is_sequence(sa) ? "a different length" : ccs__describe(r, sa, got, sizeof got));
    }
    for (int i = 0; i < n; i++) {
        if (ccs__get_duration(r, config_setting_get_elem(sa, (unsigned)i), 0.0, 0,
                              &ag->serve_after_s[i]) != CCS_OK) {
            return CCS_ECONFIG;
        }
    }
    return CCS_OK;
}

static int read_quality(ccs__reader *r, const config_setting_t *g, ccs_agent_group *ag)
{
    const config_setting_t *q = config_setting_get_member(g, "quality");
    const config_setting_t *s;
    if (!q) {
        return CCS_OK;
    }
    if (ccs__expect_group(r, q, "a group { aht_factor = 1.1; fcr = 0.72; }") != CCS_OK ||
        ccs__check_keys(r, q, quality_keys) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(q, "aht_factor")) &&
        ccs__get_value(r, s, NULL, 1.0, "a number", 0.0, 1, INFINITY, 0, &ag->aht_factor) !=
            CCS_OK) {
        return CCS_ECONFIG;
    }
    if ((s = config_setting_get_member(q, "fcr")) &&
        ccs__get_fraction(r, s, 0, &ag->fcr) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return CCS_OK;
}

static int read_group(ccs__reader *r, const config_setting_t *g, int idx)
{
    ccs_scenario *sc = r->sc;
    ccs_agent_group *ag = &sc->groups[idx];
    ag->line = ccs__line_of(g);
    ag->aht_factor = 1.0;
    ag->fcr = 1.0;
    if (ccs__expect_group(
            r, g, "an agent group { name = \"...\"; count = ...; serves = [...]; }") != CCS_OK ||
        ccs__check_keys(r, g, agent_keys) != CCS_OK ||
        ccs__get_name(r, g, "agent group", ag->name, sizeof ag->name) != CCS_OK) {
        return CCS_ECONFIG;
    }
    for (int j = 0; j < idx; j++) {
        if (strcmp(sc->groups[j].name, ag->name) == 0) {
            return ccs__fail_at(r, config_setting_get_member(g, "name"),
                                "duplicate agent group name \"%s\" (first defined on line %d)",
                                ag->name, sc->groups[j].line);
        }
    }
    const config_setting_t *c =
        ccs__require(r, g, "count", "agents on shift: a number, or one per interval");
    if (!c || read_count(r, c, ag) != CCS_OK) {
        return CCS_ECONFIG;
    }
    if (read_serves(r, g, ag) != CCS_OK || ccs__read_group_backoffice(r, g, ag) != CCS_OK ||
        read_quality(r, g, ag) != CCS_OK ||
        ccs__read_group_chat(r, g, ag) != CCS_OK ||
        ccs__opt_int(r, g, "reserve", 0, CCS__MAX_AGENTS, &ag->reserve) != CCS_OK) {
        return CCS_ECONFIG;
    }
    return ccs__read_group_cost(r, g, ag);
}

int ccs__read_agents(ccs__reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *l = config_setting_get_member(root, "agents");
    if (!l) {
        return ccs__fail_missing(r, root, "agents",
                                 "required: a list of agent groups, agents = ( { name = ...; } )");
    }
    sc->groups =
        ccs__list_new(r, l, "agent groups", CCS_MAX_GROUPS, CCS__DIM_GROUPS, sizeof *sc->groups);
    if (!sc->groups) {
        return CCS_ECONFIG;
    }
    int n = config_setting_length(l);
    sc->n_groups = n;
    if (ccs__read_elems(r, l, read_group) != CCS_OK) {
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
            return ccs__fail_at(r, config_setting_get_elem(calls, (unsigned)t),
                                "call type \"%s\" is served by no agent group (add it to some "
                                "group's serves or skills)",
                                sc->types[t].name);
        }
    }
    return CCS_OK;
}
