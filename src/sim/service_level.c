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
    /* A caller who took a callback left the inbound queue: the callback
     * figures measure its service (cb_accepted is 0 without callbacks). */
    case CCS_SL_EXCL_SHORT:
        return t->offered - t->abandoned_short - t->cb_accepted;
    case CCS_SL_OFFERED:
    default:
        return t->offered - t->cb_accepted;
    }
}
