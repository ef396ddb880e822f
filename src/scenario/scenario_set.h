/*
 * scenario_set.h — private to the scenario reader: the `--set PATH=VALUE`
 * engine, which edits the config tree before the validating walk.
 *
 * PATH is libconfig path syntax ("calls.[0].calls_per_hour",
 * "agents.[0].count.[3]").  An existing scalar takes the new value, keeping
 * its type where no information is lost (an int stays an int, a float
 * given 900 stays a float, a string stays a string), else taking the
 * value's own type; a missing member is created in its group (and an
 * optional top-level section -- horizon, run, cost -- is created empty
 * when the file has none).  VALUE is read as libconfig would (integer,
 * float, true/false, "quoted string"), anything else being a bare string
 * so that "3m" and "80%" reach the unit parsers.
 *
 * Only libconfig's public API is used.  A setting whose type must change is
 * removed and added again with the new type (libconfig's setters refuse to
 * change a type), and its later siblings are re-created behind it so that
 * the order of members and elements is the file's.  libconfig gives
 * re-created settings line 0: each gets a note (scenario_reader.h) with the
 * line and file the file wrote it at, so messages about it still point to
 * the file.  A created setting has no line (0): it is not in the file.
 */
#ifndef CCSIM_SCENARIO_SET_H
#define CCSIM_SCENARIO_SET_H

#include <libconfig.h>

#include "ccsim/error.h"
#include "scenario/scenario_reader.h"

/* Applies the override `set` ("PATH=VALUE") to cfg; notes for re-created
 * settings come from ns.  Returns CCS_OK; CCS_EINVAL with key = set and a
 * message naming the expected form for a malformed override or one that
 * cannot be stored; CCS_ENOMEM.  On failure cfg may be partly edited:
 * destroy it. */
int ccs__set_apply(config_t *cfg, const char *set, ccs__notes *ns, ccs_error *err);

#endif
