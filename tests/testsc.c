/*
 * testsc.c — scenarios built in memory (ccs_testsc.h).
 */
#include "ccs_testsc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccs_test.h"

ccs_scenario *ccs_test_mmc(double calls_per_hour, double aht_s, double patience_s, int agents,
                           int intervals, double interval_s, double warmup_s, int reps)
{
    ccs_scenario *sc = calloc(1, sizeof *sc);
    ck_assert(sc != NULL);
    snprintf(sc->name, sizeof sc->name, "test M/M/%d", agents);
    snprintf(sc->file, sizeof sc->file, "(test)");
    sc->n_intervals = intervals;
    sc->interval_s = interval_s;
    sc->warmup_s = warmup_s;
    sc->replications = reps;
    sc->seed = ccs_test_seed(0);
    sc->n_types = 1;
    sc->types = calloc(1, sizeof *sc->types);
    ccs_call_type *t = &sc->types[0];
    snprintf(t->name, sizeof t->name, "calls");
    t->rate_per_hour = calloc((size_t)intervals, sizeof(double));
    for (int k = 0; k < intervals; k++) {
        t->rate_per_hour[k] = calls_per_hour;
    }
    t->talk = ccs_dist_exponential(aht_s);
    if (patience_s > 0) {
        t->patience = ccs_dist_exponential(patience_s);
    }
    t->sl_threshold_s = 20;
    t->sl_target = 0.8;
    t->short_abandon_s = 5;
    t->queue_capacity = -1;
    t->retry_delay = ccs_dist_exponential(300);
    t->max_retrials = 3;
    t->ours = 1;
    t->repeat_delay = ccs_dist_exponential(3600);
    sc->n_groups = 1;
    sc->groups = calloc(1, sizeof *sc->groups);
    ccs_agent_group *g = &sc->groups[0];
    snprintf(g->name, sizeof g->name, "team");
    g->count = calloc((size_t)intervals, sizeof(int));
    for (int k = 0; k < intervals; k++) {
        g->count[k] = agents;
    }
    g->n_serves = 1;
    g->serves = calloc(1, sizeof(int));
    g->serve_after_s = calloc(1, sizeof(double));
    g->aht_factor = 1.0;
    g->fcr = 1.0;
    return sc;
}

void ccs_test_sc_free(ccs_scenario *sc)
{
    for (int t = 0; t < sc->n_types; t++) {
        free(sc->types[t].rate_per_hour);
        ccs_dist_fini(&sc->types[t].talk);
        ccs_dist_fini(&sc->types[t].acw);
        ccs_dist_fini(&sc->types[t].patience);
        ccs_dist_fini(&sc->types[t].retry_delay);
        ccs_dist_fini(&sc->types[t].repeat_delay);
    }
    for (int g = 0; g < sc->n_groups; g++) {
        free(sc->groups[g].count);
        free(sc->groups[g].serves);
        free(sc->groups[g].serve_after_s);
        free(sc->groups[g].level);
        free(sc->groups[g].skill_aht_factor);
        free(sc->groups[g].skill_fcr);
    }
    free(sc->types);
    free(sc->groups);
    free(sc);
}

ccs_results *ccs_test_sim(const ccs_scenario *sc, int threads)
{
    ccs_run_options opt = {0};
    opt.threads = threads;
    ccs_error err;
    ccs_results *r = ccs_sim_run(sc, &opt, &err);
    ck_assert_msg(r != NULL, "ccs_sim_run failed: %s", err.msg);
    return r;
}

int ccs_test_same_tallies(const ccs_results *a, const ccs_results *b)
{
    for (int rep = 0; rep < a->replications; rep++) {
        ccs_tally_rep va = ccs_tallies_rep(a->tallies, rep), vb = ccs_tallies_rep(b->tallies, rep);
        for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
            size_t n = ccs_tally_cells(&va.d, (ccs_tally_kind)k) *
                       (size_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields;
            if (memcmp(ccs_tally_rep_data(&va, (ccs_tally_kind)k),
                       ccs_tally_rep_data(&vb, (ccs_tally_kind)k), n * sizeof(double)) != 0) {
                return 0;
            }
        }
    }
    return 1;
}
