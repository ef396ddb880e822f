/*
 * fuzz_targets.h — what the libFuzzer targets do with one input (make fuzz,
 * docs/fuzzing.md), as static functions so that the ordinary test build can
 * replay the regression inputs through the same code
 * (tests/check_badinput.c).  Any broken invariant calls abort(), which
 * libFuzzer reports as a crash with the input that caused it.
 *
 *   fuzz_parse_one  the scenario reader on any text: accepted with every
 *                   bound kept, or refused with one printable line;
 *   fuzz_run_one    the same, then one short replication and every report
 *                   when the scenario is small enough to run in milliseconds.
 */
#ifndef CCSIM_FUZZ_TARGETS_H
#define CCSIM_FUZZ_TARGETS_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/cost.h"
#include "ccsim/error.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

/* The input as the text of a scenario file (a file with a NUL byte is
 * refused before parsing, so the text ends at the first one). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *t = malloc(size + 1);
    if (!t) {
        abort();
    }
    memcpy(t, data, size);
    t[size] = '\0';
    return t;
}

/* A refusal is one printable line naming what is wrong: not empty, no
 * newline, nothing ccs_escape() would change, and a code a caller can map
 * to an exit status. */
static inline void fuzz_check_error(const ccs_error *e)
{
    char line[2048];
    char again[4 * sizeof line];
    ccs_error_format(e, line, sizeof line);
    if (e->code == CCS_OK || line[0] == '\0' || strchr(line, '\n') ||
        strcmp(ccs_escape(again, sizeof again, line), line) != 0) {
        fprintf(stderr, "bad refusal (code %d): %s\n", (int)e->code, again);
        abort();
    }
}

/* Names print as themselves (reports, CSV, JSON). */
static inline void fuzz_check_name(const char *name)
{
    char esc[1024];
    if (strcmp(ccs_escape(esc, sizeof esc, name), name) != 0) {
        fprintf(stderr, "accepted a name that does not print as itself: %s\n", esc);
        abort();
    }
}

/* What an accepted scenario must hold. */
static inline void check_scenario(const ccs_scenario *sc)
{
    fuzz_check_name(sc->name);
    if (sc->n_intervals < 1 || !(sc->interval_s > 0) ||
        sc->n_intervals * sc->interval_s > CCS_MAX_HORIZON_S || sc->warmup_s > CCS_MAX_HORIZON_S ||
        sc->n_types > CCS_MAX_TYPES || sc->n_groups > CCS_MAX_GROUPS ||
        sc->n_campaigns > CCS_MAX_CAMPAIGNS) {
        fprintf(stderr, "accepted a scenario beyond the bounds\n");
        abort();
    }
    for (int t = 0; t < sc->n_types; t++) {
        const ccs_call_type *ct = &sc->types[t];
        fuzz_check_name(ct->name);
        const ccs_dist *d[] = {&ct->talk, &ct->acw, &ct->patience, &ct->retry_delay,
                               &ct->repeat_delay};
        for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
            double m = ccs_dist_mean(d[i]);
            if (!(isfinite(m) && m >= 0 && m <= CCS_DIST_MAX_S) || !isfinite(d[i]->p1) ||
                !isfinite(d[i]->p2)) {
                fprintf(stderr, "accepted a distribution with mean %g, p1 %g, p2 %g\n", m,
                        d[i]->p1, d[i]->p2);
                abort();
            }
        }
    }
    for (int g = 0; g < sc->n_groups; g++) {
        fuzz_check_name(sc->groups[g].name);
    }
    for (int c = 0; c < sc->n_campaigns; c++) {
        fuzz_check_name(sc->campaigns[c].name);
    }
}

/* The run target skips scenarios the reader accepts but that are too big
 * to run in a few milliseconds (the reader's own bounds are for users, not
 * for a fuzzer doing hundreds of runs a second). */
#define MAX_CALLS 2e4
#define MAX_DIALS 2e4
#define MAX_INTERVALS 500
#define MAX_AGENTS 2000

static inline int small_enough(const ccs_scenario *sc)
{
    if (sc->n_intervals > MAX_INTERVALS) {
        return 0;
    }
    double calls = 0;
    for (int t = 0; t < sc->n_types; t++) {
        const ccs_call_type *ct = &sc->types[t];
        double fresh = ct->rate_per_hour[0] / 3600.0 * sc->warmup_s;
        for (int k = 0; k < sc->n_intervals; k++) {
            fresh += ct->rate_per_hour[k] / 3600.0 * sc->interval_s;
        }
        /* Retrials multiply the attempts. */
        calls += fresh * (1 + ct->max_retrials * (ct->retry_abandoned + ct->retry_blocked));
    }
    for (int g = 0; g < sc->n_groups; g++) {
        if (sc->groups[g].fcr < 1) {
            calls /= sc->groups[g].fcr > 0.05 ? sc->groups[g].fcr : 0.05;
        }
        for (int k = 0; k < sc->n_intervals; k++) {
            if (sc->groups[g].count[k] > MAX_AGENTS) {
                return 0;
            }
        }
    }
    double dials = 0;
    for (int c = 0; c < sc->n_campaigns; c++) {
        dials += (double)sc->campaigns[c].list_size * sc->campaigns[c].max_attempts;
    }
    return calls <= MAX_CALLS && dials <= MAX_DIALS;
}

static inline void write_reports(const ccs_results *res)
{
    static const ccs_report_format fmts[] = {CCS_REPORT_TEXT, CCS_REPORT_CSV, CCS_REPORT_JSON};
    ccs_error ce;
    ccs_cost_result *cost = ccs_cost_compute(res, &ce);   /* as `ccsim run` */
    if (!cost) {
        abort();
    }
    ccs_report_options ro = {0, cost};
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        FILE *fp = fopen("/dev/null", "w");
        ccs_error e;
        if (!fp) {
            abort();
        }
        if (ccs_report_write_opts(fp, res, fmts[i], &ro, &e) != CCS_OK) {
            char line[1024];
            fprintf(stderr, "report (format %d) failed: %s\n", (int)fmts[i],
                    ccs_error_format(&e, line, sizeof line));
            abort();
        }
        fclose(fp);
    }
    ccs_cost_result_free(cost);
}

/* The parse target on text (a C string). */
static inline void fuzz_parse_one(const char *text)
{
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_parse(text, "fuzz.cfg", NULL, 0, &e);
    if (sc) {
        check_scenario(sc);
        ccs_scenario_free(sc);
    } else {
        fuzz_check_error(&e);
    }
}

/* The run target on text (a C string). */
static inline void fuzz_run_one(const char *text)
{
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_parse(text, "fuzz.cfg", NULL, 0, &e);
    if (!sc) {
        fuzz_check_error(&e);
        return;
    }
    if (small_enough(sc)) {
        ccs_run_options opt = {0};
        opt.replications = 1;
        opt.threads = 1;
        ccs_results *res = ccs_sim_run(sc, &opt, &e);
        if (res) {
            write_reports(res);
            ccs_results_free(res);
        } else {
            fuzz_check_error(&e);
            if (e.code != CCS_ELIMIT) {
                fprintf(stderr, "run failed with code %d\n", (int)e.code);
                abort();
            }
        }
    }
    ccs_scenario_free(sc);
}

#endif
