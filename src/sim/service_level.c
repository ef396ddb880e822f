/*
 * service_level.c — the service level's denominator by definition (see
 * service_level.h).
 */
#include "ccsim/service_level.h"

double ccs_sl_denominator(ccs_sl_def d, const ccs_tally *t)
{
    switch (d) {
    case CCS_SL_ANSWERED:
        return t->handled;
    case CCS_SL_EXCL_SHORT:
        return t->offered - t->abandoned_short;
    case CCS_SL_OFFERED:
    default:
        return t->offered;
    }
}
