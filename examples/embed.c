/*
 * embed.c — libccsim from another program: load a scenario, run its
 * replications, print the day's service level with its 95% CI.
 *
 *   make install && make examples      (pkg-config --cflags --libs ccsim)
 *   build/examples/embed /usr/local/share/ccsim/scenarios/mmc.cfg [REPS]
 *
 * The numbers are those of `ccsim run FILE` (same seed, same replications).
 */
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include <ccsim/scenario.h>
#include <ccsim/sim.h>

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s SCENARIO.cfg [REPLICATIONS]\n", argv[0]);
        return 2;
    }
    gsl_set_error_handler_off();   /* the library checks GSL's return codes */

    ccs_error err;
    ccs_error_clear(&err);
    ccs_scenario *sc = ccs_scenario_load(argv[1], NULL, 0, &err);
    if (!sc) {
        char buf[800];
        fprintf(stderr, "embed: %s\n", ccs_error_format(&err, buf, sizeof buf));
        return 2;
    }
    ccs_run_options opt = {0};   /* the scenario's replications, all cores */
    if (argc == 3) {
        opt.replications = atoi(argv[2]);
    }
    ccs_results *res = ccs_sim_run(sc, &opt, &err);
    if (!res) {
        char buf[800];
        fprintf(stderr, "embed: %s\n", ccs_error_format(&err, buf, sizeof buf));
        ccs_scenario_free(sc);
        return 1;
    }
    const ccs_estimate *sl = &res->summary.service_level;
    printf("%s: %d replications\n", sc->name, res->replications);
    printf("service level %.1f%% [%.1f, %.1f]\n", 100 * sl->mean, 100 * sl->lo, 100 * sl->hi);
    ccs_results_free(res);
    ccs_scenario_free(sc);
    return 0;
}
