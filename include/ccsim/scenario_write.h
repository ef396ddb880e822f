/*
 * scenario_write.h — writing a scenario back out with a new schedule, so the
 * answer of `ccsim staff` is itself a scenario that `ccsim run` accepts.
 *
 * The source text goes through libconfig (read, modify the settings, write),
 * so the output is a normalised libconfig file: settings keep their values
 * and order, but comments and the original layout are not preserved (a
 * limit of libconfig's writer).
 */
#ifndef CCSIM_SCENARIO_WRITE_H
#define CCSIM_SCENARIO_WRITE_H

#include "ccsim/error.h"

typedef struct ccs_schedule_edit {
    int group;            /* agents.[group] gets the new count */
    const int *counts;    /* [n] agents per interval; n must be horizon.intervals */
    int n;
    int n_types;          /* call types (calls.[t]) whose service_level is rewritten */
    const int *types;     /* [n_types]; NULL/0 = none */
    double sl_target;     /* written as service_level.target when > 0 */
    double sl_threshold_s;/* written as service_level.threshold when >= 0 */
} ccs_schedule_edit;

/* Reads the scenario src (NULL = the embedded default text), applies the
 * "PATH=VALUE" overrides sets[0..n_sets) (so the file carries what the
 * user ran): a scalar setting that exists keeps its type; a missing member
 * of a group that exists is created, typed by the value's text; replaces
 * agents.[e->group].count by the array e->counts and, when asked, the
 * service-level targets; names a call type's relative `forecast` CSV by
 * its absolute path when out is in another directory than src (so the
 * written scenario still finds it); and writes the result to out atomically (a
 * temporary "<out>.tmp.<pid>" renamed over out).  Returns CCS_OK, or
 * CCS_EIO (unreadable source, unwritable out), CCS_ECONFIG (source syntax),
 * CCS_EINVAL (an override that cannot be carried: an aggregate setting, a
 * path with no group to create it in, a group index out of range), each
 * with err filled. */
int ccs_scenario_write_schedule(const char *src, const char *const *sets, int n_sets,
                                const ccs_schedule_edit *e, const char *out, ccs_error *err);

#endif
