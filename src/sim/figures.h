/*
 * figures.h — private to sim/: the estimates of a run from its raw
 * tallies (figures.c).
 */
#ifndef CCSIM_SIM_FIGURES_H
#define CCSIM_SIM_FIGURES_H

#include "ccsim/sim.h"

/* Fills res's summary, interval, type, group and campaign figures from
 * res->tallies.  CCS_OK or CCS_ENOMEM. */
int ccs__results_estimate(ccs_results *res);

/* Fills res->callbacks and res->callback_intervals (new arrays) when the
 * scenario has callbacks (callback_figures.c).  CCS_OK or CCS_ENOMEM. */
int ccs__callback_estimate(ccs_results *res);
/* Fills res->chat and res->chat_intervals (allocated here) when the
 * scenario has chat (figures_chat.c).  CCS_OK or CCS_ENOMEM. */
int ccs__results_chat(ccs_results *res);

#endif
