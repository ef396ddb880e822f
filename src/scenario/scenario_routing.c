/*
 * scenario_routing.c — the top-level `routing` section: which eligible
 * group takes an arriving call (`arrival`) and which waiting call a free
 * agent takes (`agent`).  Both default to today's rules (docs/routing.md);
 * the weights the agent-side policies use are call-type keys
 * (scenario_calls.c).
 */
#include <stdio.h>
#include <string.h>

#include "scenario/scenario_sections.h"

static const char *const routing_keys[] = {"arrival", "agent", NULL};

/* A policy name among n, by name_of(i); the expected names in the message. */
static int read_policy(ccs__reader *r, const config_setting_t *g, const char *key, int n,
                       const char *(*name_of)(int), int *out)
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
        if (strcmp(v, name_of(i)) == 0) {
            *out = i;
            return CCS_OK;
        }
    }
    char names[256] = "";
    for (int i = 0; i < n; i++) {
        size_t l = strlen(names);
        snprintf(names + l, sizeof names - l, "%s\"%s\"", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                 name_of(i));
    }
    return ccs__fail_at(r, s, "expected %s, got \"%.60s\"", names, v);
}

const char *ccs_arrival_policy_name(ccs_arrival_policy p)
{
    switch (p) {
    case CCS_ARRIVE_GROUP_ORDER:
        return "group_order";
    case CCS_ARRIVE_LEVEL:
        return "level";
    case CCS_ARRIVE_LONGEST_IDLE:
        return "longest_idle";
    case CCS_ARRIVE_RANDOM_IDLE:
        return "random_idle";
    case CCS_ARRIVE_LEAST_OCCUPIED:
        return "least_occupied";
    case CCS_ARRIVE_N:
        break;
    }
    return "?";
}

const char *ccs_agent_policy_name(ccs_agent_policy p)
{
    switch (p) {
    case CCS_AGENT_LEVEL:
        return "level";
    case CCS_AGENT_OLDEST:
        return "oldest";
    case CCS_AGENT_WEIGHTED_WAIT:
        return "weighted_wait";
    case CCS_AGENT_RISING_PRIORITY:
        return "rising_priority";
    case CCS_AGENT_N:
        break;
    }
    return "?";
}

static const char *arrival_name(int i)
{
    return ccs_arrival_policy_name((ccs_arrival_policy)i);
}

static const char *agent_name(int i)
{
    return ccs_agent_policy_name((ccs_agent_policy)i);
}

int ccs__read_routing(ccs__reader *r, const config_setting_t *root)
{
    ccs_scenario *sc = r->sc;
    const config_setting_t *g = config_setting_get_member(root, "routing");
    int a = CCS_ARRIVE_GROUP_ORDER, p = CCS_AGENT_LEVEL;
    sc->arrival_policy = CCS_ARRIVE_GROUP_ORDER;
    sc->agent_policy = CCS_AGENT_LEVEL;
    if (!g) {
        return CCS_OK;
    }
    if (ccs__expect_group(r, g, "a group { arrival = \"group_order\"; agent = \"level\"; }") !=
            CCS_OK ||
        ccs__check_keys(r, g, routing_keys) != CCS_OK ||
        read_policy(r, g, "arrival", CCS_ARRIVE_N, arrival_name, &a) != CCS_OK ||
        read_policy(r, g, "agent", CCS_AGENT_N, agent_name, &p) != CCS_OK) {
        return CCS_ECONFIG;
    }
    sc->arrival_policy = (ccs_arrival_policy)a;
    sc->agent_policy = (ccs_agent_policy)p;
    return CCS_OK;
}
