/*
 * workload.h — the quantities a scenario implies, derived once here and
 * used by every figure that shows, staffs or checks for them: offered load
 * (`run`'s load column and overload flag, `staff`'s load and Erlang
 * columns, `validate`'s theory), handle times, expected arrivals (the
 * reader's volume bound, --volume-factor) and agents on shift.
 *
 * The load a call type brings an agent group is its planning (steady-state)
 * workload: contacts per hour x effective handle time.  Both depend on the
 * group that answers:
 *   - effective handle time = mean (talk + after-call work) x the group's
 *     quality.aht_factor (or the skill's aht_factor for the type), as the
 *     simulator applies it;
 *   - contacts = fresh calls / the group's quality.fcr (or its skill's):
 *     an unresolved contact calls again (repeat_delay later), so with every
 *     contact answered a fresh caller makes 1/fcr contacts on average (fresh + repeats).
 * The steady-state repeat volume overstates the first repeat delay of the
 * day (no repeats yet) and ignores abandoned callers, who do not repeat;
 * docs/model.md (offered load) says so.  Retrials of abandoned or blocked
 * callers are an outcome of the simulation, not an input, and are left out.
 */
#ifndef CCSIM_WORKLOAD_H
#define CCSIM_WORKLOAD_H

#include "ccsim/scenario.h"

/* Smallest fcr the load figures divide by (fcr 0 would mean unbounded
 * repeats): 1e-6. */
#define CCS_WORKLOAD_MIN_FCR 1e-6

/* The group that answers type t first: the smallest overflow delay
 * (serve_after), ties to the first group in the file, as the model routes
 * an arriving call.  -1 when no group serves t. */
int ccs_workload_primary_group(const ccs_scenario *sc, int t);

/* Contacts per hour of type t in interval k (fresh + repeats) when group g
 * answers them: rate_per_hour[k] / fcr(g).  g < 0: fresh calls only. */
double ccs_workload_rate(const ccs_scenario *sc, int t, int k, int g);

/* Mean handle time of call type ct, seconds, before any group's factor:
 * mean talk + mean acw. */
double ccs_workload_type_aht(const ccs_call_type *ct);

/* Mean handle time of type t, seconds, when group g answers it:
 * (mean talk + mean acw) x aht_factor(g).  g < 0: the base mean. */
double ccs_workload_aht(const ccs_scenario *sc, int t, int g);

/* Offered load of type t in interval k in Erlangs when group g answers it
 * (rate / 3600 x AHT, with the two functions above). */
double ccs_workload_erlangs(const ccs_scenario *sc, int t, int k, int g);

/* The centre's offered load in interval k, Erlangs: every call type at its
 * primary group's factors (fresh calls at the base handle time for a type
 * no group serves). */
double ccs_workload_interval(const ccs_scenario *sc, int k);

/* The load of interval k that group g is there for: every type g serves,
 * at g's own factors. */
double ccs_workload_group(const ccs_scenario *sc, int g, int k);

/* Expected fresh arrivals of type t in one replication: every interval's
 * rate over its length, and interval 0's rate over the warm-up. */
double ccs_workload_arrivals(const ccs_scenario *sc, int t);

/* Agents of group g on shift in interval k (agents.[g].count), summed over
 * the groups: ccs_workload_agents(); in agent-seconds for one group:
 * ccs_workload_staffed_s() (count x interval length).  The planned
 * figures: absenteeism (`staff --absenteeism`) is drawn per replication by
 * the simulation. */
int ccs_workload_agents(const ccs_scenario *sc, int k);
double ccs_workload_staffed_s(const ccs_scenario *sc, int g, int k);

/* 1 when interval k is overloaded: calls arrive, the offered load
 * (ccs_workload_interval()) is >= the agents on shift, and some call type
 * arriving in k never leaves the queue (no patience and no queue
 * capacity), so its waits grow without bound for as long as the overload
 * lasts.  0 otherwise.  `run` shows it per interval (report.h). */
int ccs_workload_overloaded(const ccs_scenario *sc, int k);

/* Mean agent time of a right-party contact of campaign cp, seconds: mean
 * talk + mean wrap-up. */
double ccs_workload_campaign_aht(const ccs_campaign *cp);

/* --volume-factor: the largest factor accepted, and the most expected
 * arrivals per replication a scaled scenario may have. */
#define CCS_WORKLOAD_MAX_FACTOR 1000.0
#define CCS_WORKLOAD_MAX_ARRIVALS 1e9

/* A volume what-if: multiplies every call type's rate_per_hour (every
 * interval, every client) by factor and records it in sc->volume_factor.
 * factor must be finite, > 0 and <= CCS_WORKLOAD_MAX_FACTOR, and the
 * scaled scenario's expected fresh arrivals per replication (warmup
 * included) at most CCS_WORKLOAD_MAX_ARRIVALS.  Returns CCS_OK, or
 * CCS_EINVAL with key "volume_factor" (sc unchanged). */
int ccs_workload_scale(ccs_scenario *sc, double factor, ccs_error *err);

#endif
