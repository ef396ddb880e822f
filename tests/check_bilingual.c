/*
 * check_bilingual.c — ccsim against a published multi-skill example: the
 * bilingual contact center of the ContactCenters library's documentation
 * (Buist and L'Ecuyer, Université de Montréal; the reference figures and
 * their provenance are in tests/data/contactcenters-bilingual.txt, the
 * model and its mapping in docs/routing.md, "A published example:
 * ContactCenters' bilingual center").
 *
 * scenarios/bilingual.cfg is simulated as shipped (a replication is a
 * week, as in the published program) with the test's own seed and more
 * weeks, and each weekly figure is compared with the published mean:
 * |ours - theirs| within z sqrt(se_ours² + se_ref²), se_ref from the
 * published 95% interval (Student t, 999 degrees of freedom), z the
 * Bonferroni share of CCS_ALPHA_TEST over the checks.
 *
 * Every printed figure is asserted: arrivals, retrials, served,
 * abandoned, in target and the service level of each type and of both,
 * and the occupancy of each group and of all.  The retrials, abandoned
 * callers and in-target counts agree because the scenario sets the two
 * options that make ccsim's callers behave as the published program's:
 * retrial.keep_draws (a caller who calls back keeps the patience and
 * handle time of its first attempt; with fresh draws ccsim gave 3.6%
 * fewer retrials and 3.3% fewer abandoned callers, z = -4.7 and -4.6 at
 * 2000 weeks, which the bound here, z = 5.04 for 22 checks, catches on
 * some seeds only: the published standard error alone caps that z at
 * 5.7, so the option itself is tested in check_retrial_draws.c) and
 * service_level.wait = "total" (in target on the caller's waits over its
 * attempts added up).  The test prints every
 * row (CCSIM_TEST_VERBOSE=1) for the table in docs/routing.md.
 * "Disconnected" (callers waiting when the agents leave) has no ccsim
 * counterpart and is not compared: ccsim's callers wait on, and abandon.
 */
#include "ccs_test.h"
#include "ccs_testsc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/scenario.h"

#define REF_FILE "tests/data/contactcenters-bilingual.txt"
#define REF_DF 999.0  /* 1000 published weeks */
#define REF_MAX 64
#define WEEKS "2000"  /* ours: about 1.5 s of CPU */

typedef struct ref_row {
    char fig[32], who[32];
    double mean, lo, hi;
} ref_row;

/* Reads the published rows ('#' lines are notes). */
static int ref_read(ref_row *rows)
{
    char *text = ccs_test_slurp(REF_FILE);
    ck_assert_msg(text != NULL, "cannot read %s", REF_FILE);
    int n = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (*line == '#' || *line == '\0') {
            continue;
        }
        ck_assert_msg(n < REF_MAX, "%s: more than %d rows", REF_FILE, REF_MAX);
        ref_row *r = &rows[n];
        ck_assert_msg(sscanf(line, "%31s %31s %lf %lf %lf", r->fig, r->who, &r->mean, &r->lo,
                             &r->hi) == 5 &&
                          r->lo <= r->mean && r->mean <= r->hi,
                      "%s: bad row '%s'", REF_FILE, line);
        n++;
    }
    free(text);
    return n;
}

static const ref_row *ref_get(const ref_row *rows, int n, const char *fig, const char *who)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(rows[i].fig, fig) == 0 && strcmp(rows[i].who, who) == 0) {
            return &rows[i];
        }
    }
    ck_abort_msg("%s: no row '%s %s'", REF_FILE, fig, who);
    return NULL;
}

/* Our weekly figures, one value per replication (week). */
enum { F_ARRIVALS, F_RETRIALS, F_SERVED, F_ABANDONED, F_IN_TARGET, F_SL, F_OCC, N_FIG };
static const char *const fig_name[N_FIG] = {"arrivals",  "retrials",      "served",   "abandoned",
                                            "in_target", "service_level", "occupancy"};

#define N_WHO_TYPES 3   /* english, spanish, all */
#define N_WHO_GROUPS 4  /* the three groups, all */

typedef struct week_figs {
    int R;
    double *v[N_FIG][N_WHO_GROUPS]; /* [fig][who][rep]; types use the first 3 */
} week_figs;

static void collect(const ccs_results *res, const ccs_scenario *sc, week_figs *w)
{
    ck_assert_int_eq(sc->n_types, 2);
    ck_assert_int_eq(sc->n_groups, 3);
    int R = res->replications;
    w->R = R;
    for (int f = 0; f < N_FIG; f++) {
        for (int j = 0; j < N_WHO_GROUPS; j++) {
            w->v[f][j] = calloc((size_t)R, sizeof(double));
            ck_assert_ptr_nonnull(w->v[f][j]);
        }
    }
    /* Scheduled agent-seconds of a week, per group. */
    double sched[N_WHO_GROUPS] = {0};
    for (int g = 0; g < 3; g++) {
        for (int k = 0; k < sc->n_intervals; k++) {
            sched[g] += sc->groups[g].count[k] * sc->interval_s;
        }
        sched[3] += sched[g];
    }
    /* The expected fresh arrivals of a type in a week (2500). */
    double fresh = 0;
    for (int k = 0; k < sc->n_intervals; k++) {
        fresh += sc->types[0].rate_per_hour[k] * sc->interval_s / 3600.0;
    }
    for (int rep = 0; rep < R; rep++) {
        double busy[N_WHO_GROUPS] = {0};
        for (int k = 0; k < sc->n_intervals; k++) {
            for (int t = 0; t < 2; t++) {
                const ccs_tally *c = ccs_test_raw(res, rep, k, t);
                const double add[5] = {c->offered, c->retrials, c->handled, c->abandoned,
                                       c->answered_in_sl};
                for (int f = 0; f < 5; f++) {
                    w->v[f][t][rep] += add[f];
                    w->v[f][2][rep] += add[f];
                }
                for (int g = 0; g < 3; g++) {
                    busy[g] += ccs_test_graw(res, rep, k, g, t)->busy_s;
                }
            }
        }
        busy[3] = busy[0] + busy[1] + busy[2];
        for (int j = 0; j < N_WHO_TYPES; j++) {
            double denom = j < 2 ? fresh : 2 * fresh;
            w->v[F_SL][j][rep] = w->v[F_IN_TARGET][j][rep] / denom * 100.0;
        }
        for (int g = 0; g < N_WHO_GROUPS; g++) {
            w->v[F_OCC][g][rep] = busy[g] / sched[g] * 100.0;
        }
    }
}

static void week_figs_free(week_figs *w)
{
    for (int f = 0; f < N_FIG; f++) {
        for (int j = 0; j < N_WHO_GROUPS; j++) {
            free(w->v[f][j]);
        }
    }
}

static void mean_se(const double *x, int n, double *mean, double *se)
{
    double s = 0, ss = 0;
    for (int i = 0; i < n; i++) {
        s += x[i];
    }
    double m = s / n;
    for (int i = 0; i < n; i++) {
        ss += (x[i] - m) * (x[i] - m);
    }
    *mean = m;
    *se = sqrt(ss / (n - 1) / n);
}

static const char *const type_who[N_WHO_TYPES] = {"english", "spanish", "all"};
static const char *const group_who[N_WHO_GROUPS] = {"english-only", "spanish-only", "bilingual",
                                                    "all-groups"};

/* The asserted figures: every figure of each type and of all, and the
 * occupancy of each group and of all. */
#define N_CHECKS ((N_FIG - 1) * N_WHO_TYPES + N_WHO_GROUPS)

START_TEST(test_bilingual_published)
{
    ref_row rows[REF_MAX];
    int nrows = ref_read(rows);
    static const char *const sets[] = {"run.replications=" WEEKS};
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load("scenarios/bilingual.cfg", sets, 1, &err);
    ck_assert_msg(sc != NULL, "scenarios/bilingual.cfg: %s", err.msg);
    sc->seed = ccs_test_seed(2101);
    ccs_results *res = ccs_test_sim(sc, 2);
    week_figs w;
    collect(res, sc, &w);
    double z = ccs_test_zcrit(CCS_ALPHA_TEST, N_CHECKS);
    const char *verbose = getenv("CCSIM_TEST_VERBOSE");
    int checked = 0;
    for (int f = 0; f < N_FIG; f++) {
        int nwho = f == F_OCC ? N_WHO_GROUPS : N_WHO_TYPES;
        for (int j = 0; j < nwho; j++) {
            const char *who = f == F_OCC ? group_who[j] : type_who[j];
            const ref_row *r = ref_get(rows, nrows, fig_name[f], who);
            double m, se;
            mean_se(w.v[f][j], w.R, &m, &se);
            double se_ref = ccs_test_se(r->lo, r->hi, REF_DF);
            double se_both = sqrt(se * se + se_ref * se_ref);
            if (verbose && *verbose) {
                printf("bilingual: %-13s %-12s published %9.3f [%9.3f, %9.3f]  ccsim %9.3f "
                       "[%9.3f, %9.3f]  z %+6.2f\n",
                       fig_name[f], who, r->mean, r->lo, r->hi, m, m - 1.96 * se, m + 1.96 * se,
                       (m - r->mean) / se_both);
            }
            ck_assert_msg(fabs(m - r->mean) <= z * se_both,
                          "bilingual: %s %s: ccsim %.4g (se %.3g) against the published "
                          "%.4g (se %.3g): z = %+.2f beyond +-%.2f (seed %llu)",
                          fig_name[f], who, m, se, r->mean, se_ref, (m - r->mean) / se_both, z,
                          (unsigned long long)sc->seed);
            checked++;
        }
    }
    ck_assert_int_eq(checked, N_CHECKS);
    week_figs_free(&w);
    ccs_results_free(res);
    ccs_scenario_free(sc);
}
END_TEST

Suite *bilingual_suite(void)
{
    Suite *s = suite_create("bilingual");
    TCase *tc = tcase_create("published");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_bilingual_published);
    suite_add_tcase(s, tc);
    return s;
}
