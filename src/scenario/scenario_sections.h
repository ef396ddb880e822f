/*
 * scenario_sections.h — private to the scenario reader: one reader per
 * section of a scenario file, called in this order by ccs_scenario_parse()
 * (scenario.c), each on the root group, each filling its part of r->sc
 * with the defaults of docs/scenario-format.md and then the keys present:
 *
 *   ccs__read_name       the report's title            scenario_horizon.c
 *   ccs__read_horizon    intervals                     scenario_horizon.c
 *   ccs__read_calls      inbound call types            scenario_calls.c
 *   ccs__read_transfers  transfers between call types  scenario_transfers.c
 *   ccs__read_agents     agent groups (quality, cost)  scenario_agents.c
 *   ccs__read_routing    routing policies              scenario_routing.c
 *   ccs__read_outbound   outbound campaigns            scenario_outbound.c
 *   ccs__read_run        replications, seed, warm-up   scenario_horizon.c
 *   ccs__read_cost_terms top-level cost terms, SLA     scenario_costs.c
 *   ccs__read_callbacks  callbacks (virtual hold)      scenario_callback.c
 *   ccs__check_volume    bounds on the run as a whole  scenario_limits.c
 * (distributions, read inside calls and campaigns: scenario_dist.c)
 *
 * A later section may use what an earlier one read (the horizon's
 * intervals, the call types' names), never the reverse.  Each returns
 * CCS_OK, or non-zero with r->err filled (scenario_reader.h); on failure
 * ccs_scenario_free() releases whatever was built.
 */
#ifndef CCSIM_SCENARIO_SECTIONS_H
#define CCSIM_SCENARIO_SECTIONS_H

#include "scenario/scenario_reader.h"

/* Agents per group and interval at most (agents.[i].count), and the most a
 * campaign may hold in reserve. */
#define CCS__MAX_AGENTS 1000000L

/* name: the key, else the file's base name without ".cfg". */
int ccs__read_name(ccs__reader *r, const config_setting_t *root);
/* horizon: intervals, their length and the clock time of the first. */
int ccs__read_horizon(ccs__reader *r, const config_setting_t *root);
/* run: replications, seed, warm-up, service-level definition. */
int ccs__read_run(ccs__reader *r, const config_setting_t *root);

/* calls: the call types (needs the horizon). */
int ccs__read_calls(ccs__reader *r, const config_setting_t *root);

/* calls.[i].transfers: after talk, to other call types (needs every call
 * type); refuses a transfer to itself or to an unknown type, a type's
 * probabilities summing past 1, and chains that transfer without end. */
int ccs__read_transfers(ccs__reader *r, const config_setting_t *root);

/* Contacts a customer makes on average through transfers, at most. */
#define CCS_MAX_CONTACTS_PER_CUSTOMER 1000.0

/* x[t] = the expected contacts (1 + transfers) of a customer whose first
 * contact is of type t (x = 1 + P x; every chain must end, which the
 * transfers' reader checks first).  Returns -1, a type whose x passes
 * CCS_MAX_CONTACTS_PER_CUSTOMER (or is not a number), or -2 when out of
 * memory (x is then all 1). */
int ccs__transfer_contacts(const ccs_scenario *sc, double *x);

/* agents: the groups (needs the call types); every call type must be
 * served by some group. */
int ccs__read_agents(ccs__reader *r, const config_setting_t *root);

/* The top-level `chat` section (needs the groups), and agents.[i]'s
 * chat_slots and chat_factors into ag (scenario_chat.c). */
int ccs__read_chat(ccs__reader *r, const config_setting_t *root);
int ccs__read_group_chat(ccs__reader *r, const config_setting_t *g, ccs_agent_group *ag);

/* The top-level `routing` section: the arrival-side and agent-side
 * policies (docs/routing.md). */
int ccs__read_routing(ccs__reader *r, const config_setting_t *root);

/* agents.[i].cost of group g into ag->cost. */
int ccs__read_group_cost(ccs__reader *r, const config_setting_t *g, ccs_agent_group *ag);

/* outbound.campaigns (needs the groups); then every group must answer
 * calls or work a campaign. */
int ccs__read_outbound(ccs__reader *r, const config_setting_t *root);

/* backoffice: the back-office work types (needs the horizon; before the
 * agents, whose `backoffice` lists name them); agents.[i].backoffice of
 * group ag; then every type must be worked by a group (after the agents).
 * scenario_backoffice.c */
int ccs__read_backoffice(ccs__reader *r, const config_setting_t *root);
int ccs__read_group_backoffice(ccs__reader *r, const config_setting_t *g, ccs_agent_group *ag);
int ccs__check_backoffice(ccs__reader *r, const config_setting_t *root);

/* horizon.days and horizon.day_factors (group h); after every section,
 * the day repeated days times (scenario_days.c). */
int ccs__read_days(ccs__reader *r, const config_setting_t *h);
int ccs__expand_days(ccs__reader *r, const config_setting_t *root);

/* cost: the scenario-wide terms. */
int ccs__read_cost_terms(ccs__reader *r, const config_setting_t *root);

/* callbacks: virtual hold (needs the call types; docs/callbacks.md). */
int ccs__read_callbacks(ccs__reader *r, const config_setting_t *root);

/* The bound of scenario.h on expected calls per replication (needs
 * everything above; the tally cells are checked as the lists are read). */
int ccs__check_volume(ccs__reader *r, const config_setting_t *root);

#endif
