/*
 * ccs_testsc.h — scenarios built in memory, so that model tests depend on
 * the model alone (not on the scenario reader).
 */
#ifndef CCS_TESTSC_H
#define CCS_TESTSC_H

#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/tallies.h"

/* One call type ("calls": exponential handle time aht_s, exponential
 * patience patience_s or none when 0) served by one group ("team") of
 * `agents`, all `intervals` alike; SL 80/20, short abandons 5 s, no queue
 * limit, no retrials, seed ccs_test_seed(0).  Free with ccs_test_sc_free(). */
ccs_scenario *ccs_test_mmc(double calls_per_hour, double aht_s, double patience_s, int agents,
                           int intervals, double interval_s, double warmup_s, int reps);

/* Frees what ccs_test_mmc() (and tests adding types or groups with their
 * own arrays) allocate. */
void ccs_test_sc_free(ccs_scenario *sc);

/* ccs_sim_run with `threads` threads (0 = all cores); fails the test on
 * error. */
ccs_results *ccs_test_sim(const ccs_scenario *sc, int threads);

/* Whether the raw tallies of a and b (the same dimensions) hold the same
 * bytes, every kind, every replication. */
int ccs_test_same_tallies(const ccs_results *a, const ccs_results *b);

/* The raw tally cells of replication rep of r (tallies.h accessors). */
static inline ccs_tally *ccs_test_raw(const ccs_results *r, int rep, int k, int t)
{
    ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
    return ccs_tally_at(&v, k, t);
}

static inline ccs_group_tally *ccs_test_graw(const ccs_results *r, int rep, int k, int g, int t)
{
    ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
    return ccs_group_tally_at(&v, k, g, t);
}

static inline ccs_campaign_tally *ccs_test_craw(const ccs_results *r, int rep, int k, int c)
{
    ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
    return ccs_campaign_tally_at(&v, k, c);
}

static inline ccs_cgroup_tally *ccs_test_cgraw(const ccs_results *r, int rep, int k, int g,
                                               int c)
{
    ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
    return ccs_cgroup_tally_at(&v, k, g, c);
}

#endif
