/*
 * staff_report.h — the writers of a staffing search (staff.h): per interval
 * the Erlang and simulated answers with the figures of the final run, the
 * day's agent-hours and, when the scenario prices its groups, the cost.
 * Layouts, columns and keys: docs/cli.md (## ccsim staff).
 */
#ifndef CCSIM_STAFF_REPORT_H
#define CCSIM_STAFF_REPORT_H

#include <stdio.h>
#include "ccsim/error.h"
#include "ccsim/report.h"
#include "ccsim/staff.h"

/* Writes s, the search of sc's group with options o, in format f.
 * Returns CCS_OK, or CCS_ENOMEM / CCS_EIO with err filled when the JSON
 * document cannot be built or written (fp may then hold part of it). */
int ccs_staff_write(FILE *fp, const ccs_scenario *sc, const ccs_staff_options *o,
                    const ccs_staff_result *s, ccs_report_format f, ccs_error *err);

/* Writes s, the search of several groups together (ccs_staff_groups_search()
 * with options o), in format f: agents per group and interval, the pooled
 * reference, cost, iterations, and per call type SL, ASA and abandon rate
 * with 95% CIs (docs/cli.md, "Staffing several groups").  Returns as
 * ccs_staff_write(). */
int ccs_staff_groups_write(FILE *fp, const ccs_scenario *sc, const ccs_staff_options *o,
                           const ccs_staff_groups_result *s, ccs_report_format f,
                           ccs_error *err);

#endif
