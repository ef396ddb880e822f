/*
 * service_level.h — the one definition of the service level's denominator
 * (scenario key run.sl_definition), used by every figure that computes a
 * service level from tallies: the run's estimates (sim), the SLA terms and
 * the comparison (cost), the days that meet a target (staff).
 *
 * The service level is answered within T / denominator, with the
 * denominator by definition:
 *   offered            offered calls (the default)
 *   excluding_short    offered - abandoned within the short-abandon time
 *   answered           answered calls
 * Callers who accepted a callback (docs/callbacks.md) are taken out of the
 * first two: they left the queue and their service is the callback's.
 * docs/model.md gives the definitions and when each is used.
 */
#ifndef CCSIM_SERVICE_LEVEL_H
#define CCSIM_SERVICE_LEVEL_H

#include "ccsim/scenario.h"
#include "ccsim/tallies.h"

/* The callers t's service level is a fraction of under definition d
 * (0 when t has none: the service level is then undefined). */
double ccs_sl_denominator(ccs_sl_def d, const ccs_tally *t);

#endif
