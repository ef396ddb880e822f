/*
 * check_reserve.c — a group's reserve (agents.[i].reserve, issue 11): the
 * group keeps R agents idle for its level-1 types; a call of another type
 * is not given to its agent if fewer than R would stay idle
 * (docs/routing.md, "Reserve").
 *
 *   - trunk reservation, arrival side: a loss system (no queues) of c
 *     agents, primary calls taken while an agent is idle, secondary ones
 *     only while more than R are: a birth-death chain in closed form;
 *   - both sides: the secondary type waits (finite queue, abandonment) and
 *     a freed agent takes it only if R others stay idle: an exact chain
 *     solved with GSL here;
 *   - a reserve of 0 is no reserve, bit for bit.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "ccs_ref.h"
#include "ccs_testsc.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

static ccs_scenario *parse(const char *text)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "reserve-test", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s:%d: %s: %s", err.file, err.line, err.key, err.msg);
    return sc;
}

enum { C = 6, RES = 2, KS = 3 };
static const double LP = 60.0 / 3600, LS = 40.0 / 3600, H = 240.0, PS = 150.0;

typedef struct res_figs {
    double block[2], pwait_s, abandon_s, queue_s, occ;
} res_figs;

/* State (n busy, q secondary callers waiting); KS = 0: the loss system.
 * Primary: taken if n < C, else blocked.  Secondary: taken if C - n > RES,
 * else waits if q < K, else blocked.  A freed agent takes a waiting
 * secondary caller if RES others stay idle (C - n >= RES), else idles. */
static void res_solve(int k, res_figs *f)
{
    int ns = (C + 1) * (k + 1);
    gsl_matrix *Qt = gsl_matrix_calloc((size_t)ns, (size_t)ns);
    ck_assert(Qt);
#define IX(n, q) ((n) * (k + 1) + (q))
#define ADD(i, j, rate)                                                                    \
    do {                                                                                   \
        gsl_matrix_set(Qt, (size_t)(j), (size_t)(i),                                       \
                       gsl_matrix_get(Qt, (size_t)(j), (size_t)(i)) + (rate));             \
        gsl_matrix_set(Qt, (size_t)(i), (size_t)(i),                                       \
                       gsl_matrix_get(Qt, (size_t)(i), (size_t)(i)) - (rate));             \
    } while (0)
    for (int n = 0; n <= C; n++) {
        for (int q = 0; q <= k; q++) {
            int i = IX(n, q);
            if (q > 0 && C - n > RES) {
                gsl_matrix_set(Qt, (size_t)i, (size_t)i, 1.0); /* unreachable: pi = 0 */
                continue;
            }
            if (n < C) {
                ADD(i, IX(n + 1, q), LP);
            }
            if (C - n > RES) {
                ADD(i, IX(n + 1, q), LS);
            } else if (q < k) {
                ADD(i, IX(n, q + 1), LS);
            }
            if (n > 0) {
                /* after the departure C - n + 1 idle; the freed agent
                 * takes a secondary caller if C - n >= RES stay idle */
                if (q > 0 && C - n >= RES) {
                    ADD(i, IX(n, q - 1), n / H);
                } else {
                    ADD(i, IX(n - 1, q), n / H);
                }
            }
            if (q > 0) {
                ADD(i, IX(n, q - 1), q / PS);
            }
        }
    }
    int last = IX(C, k);
    gsl_vector *b = gsl_vector_calloc((size_t)ns), *pi = gsl_vector_alloc((size_t)ns);
    gsl_permutation *perm = gsl_permutation_alloc((size_t)ns);
    ck_assert(b && pi && perm);
    for (int j = 0; j < ns; j++) {
        gsl_matrix_set(Qt, (size_t)last, (size_t)j, 1.0);
    }
    gsl_vector_set(b, (size_t)last, 1.0);
    int sign;
    ck_assert_int_eq(gsl_linalg_LU_decomp(Qt, perm, &sign), 0);
    ck_assert_int_eq(gsl_linalg_LU_solve(Qt, perm, b, pi), 0);
    memset(f, 0, sizeof *f);
    double total = 0, delayed = 0;
    for (int n = 0; n <= C; n++) {
        for (int q = 0; q <= k; q++) {
            double p = gsl_vector_get(pi, (size_t)IX(n, q));
            ck_assert(p > -1e-12);
            total += p;
            if (n == C) {
                f->block[0] += p;
            }
            if (C - n <= RES) {
                if (q < k) {
                    delayed += p;
                } else {
                    f->block[1] += p;
                }
            }
            f->queue_s += p * q;
            f->occ += p * n / C;
        }
    }
    CCS_ASSERT_CLOSE("sum of pi", total, 1.0, 1e-12, 0);
    f->pwait_s = delayed / (1 - f->block[1]);
    f->abandon_s = f->queue_s / PS / LS;
    /* Little's law for the agents. */
    CCS_ASSERT_CLOSE("Little", f->occ * C,
                     (LP * (1 - f->block[0]) + LS * (1 - f->block[1]) - f->queue_s / PS) * H,
                     1e-9, 0);
    gsl_permutation_free(perm);
    gsl_vector_free(pi);
    gsl_vector_free(b);
    gsl_matrix_free(Qt);
#undef IX
#undef ADD
}

/* The loss system's chain is the trunk-reservation birth-death process:
 * pi_n proportional to prod (birth / death), births LP + LS below C - RES,
 * LP above. */
START_TEST(test_chain_is_trunk_reservation)
{
    res_figs f;
    res_solve(0, &f);
    double w[C + 1], sum = 0;
    w[0] = 1;
    for (int n = 1; n <= C; n++) {
        double birth = n - 1 < C - RES ? LP + LS : LP;
        w[n] = w[n - 1] * birth * H / n;
    }
    for (int n = 0; n <= C; n++) {
        sum += w[n];
    }
    double bs = 0;
    for (int n = C - RES; n <= C; n++) {
        bs += w[n] / sum;
    }
    CCS_ASSERT_CLOSE("primary blocking", f.block[0], w[C] / sum, 1e-9, 0);
    CCS_ASSERT_CLOSE("secondary blocking", f.block[1], bs, 1e-9, 0);
    ck_assert(f.block[1] > 3 * f.block[0]);
}
END_TEST

typedef enum rfig { R_BLOCK, R_PWAIT, R_ABANDON, R_QUEUE, R_OCC } rfig;
static const char *const rfig_name[] = {"blocking", "P(wait)", "abandon rate", "mean queue",
                                        "occupancy"};

static void rsums(const ccs_results *r, const ccs_scenario *sc, int rep, rfig fig, int t,
                  double *y, double *x)
{
    const ccs_tally *c = ccs_test_raw(r, rep, 0, t);
    switch (fig) {
    case R_BLOCK:
        *y = c->blocked, *x = c->offered;
        break;
    case R_PWAIT:
        *y = c->delayed, *x = c->offered - c->blocked;
        break;
    case R_ABANDON:
        *y = c->abandoned, *x = c->offered;
        break;
    case R_QUEUE:
        *y = c->queue_area, *x = sc->interval_s;
        break;
    default:
        *y = ccs_test_graw(r, rep, 0, 0, 0)->busy_s + ccs_test_graw(r, rep, 0, 0, 1)->busy_s;
        *x = C * sc->interval_s;
        break;
    }
}

static const char *const agent_policies[] = {"", "routing = { agent = \"oldest\"; };\n"};

/* _i: bit 0 the queue (0: loss system), bit 1 the agent policy. */
START_TEST(test_against_chain)
{
    int k = (_i & 1) ? KS : 0;
    res_figs f;
    res_solve(k, &f);
    char text[2048];
    snprintf(text, sizeof text,
             "horizon = { intervals = 1; interval_minutes = 30000; };\n"
             "calls = ( { name = \"primary\"; calls_per_hour = %g; queue_capacity = 0;\n"
             "            handle_time = { dist = \"exponential\"; mean = %g; }; },\n"
             "          { name = \"secondary\"; calls_per_hour = %g; queue_capacity = %d;\n"
             "            handle_time = { dist = \"exponential\"; mean = %g; };\n"
             "            patience = { dist = \"exponential\"; mean = %g; }; } );\n"
             "agents = ( { name = \"G\"; count = %d; reserve = %d;\n"
             "             skills = ( { type = \"primary\"; level = 1; },\n"
             "                        { type = \"secondary\"; level = 2; } ); } );\n"
             "%s"
             "run = { replications = 40; warmup_minutes = 600; };\n",
             LP * 3600, H, LS * 3600, k, H, PS, C, RES, agent_policies[(_i >> 1) & 1]);
    ccs_scenario *sc = parse(text);
    sc->seed = ccs_test_seed(1160 + (uint64_t)_i);
    struct {
        rfig fig;
        int t;
        double theta;
    } c[] = {{R_BLOCK, 0, f.block[0]}, {R_BLOCK, 1, f.block[1]}, {R_OCC, 0, f.occ},
             {R_PWAIT, 1, f.pwait_s},  {R_ABANDON, 1, f.abandon_s}, {R_QUEUE, 1, f.queue_s}};
    int n = k > 0 ? 6 : 3, R = sc->replications;
    ccs_results *r = ccs_test_sim(sc, 0);
    double *y = calloc((size_t)R, sizeof *y), *x = calloc((size_t)R, sizeof *x);
    double *ctrl = calloc((size_t)R * 2, sizeof *ctrl);
    ck_assert(y && x && ctrl);
    for (int t = 0; t < 2; t++) {
        double mean = sc->types[t].rate_per_hour[0] * sc->interval_s / 3600.0;
        for (int rep = 0; rep < R; rep++) {
            ctrl[(size_t)t * (size_t)R + (size_t)rep] = ccs_test_raw(r, rep, 0, t)->offered - mean;
        }
    }
    const char *verbose = getenv("CCSIM_TEST_VERBOSE");
    for (int i = 0; i < n; i++) {
        for (int rep = 0; rep < R; rep++) {
            rsums(r, sc, rep, c[i].fig, c[i].t, &y[rep], &x[rep]);
        }
        ccs_ref_ratio_test tst;
        ccs_ref_ratio_test_run(y, x, (size_t)R, ctrl, 2, c[i].theta, &tst);
        double crit = ccs_test_tcrit(CCS_ALPHA_TEST, n, tst.df);
        if (verbose && *verbose) {
            double est = c[i].theta + tst.bias;
            printf("reserve: K=%d %-9s %-12s theory %-10.6g sim %-10.6g 95%% CI [%.6g, %.6g] "
                   "z %+5.2f (crit %.2f)\n",
                   k, sc->types[c[i].t].name, rfig_name[c[i].fig], c[i].theta, tst.ratio,
                   est - 1.96 * tst.se, est + 1.96 * tst.se, tst.bias / tst.se, crit);
        }
        ck_assert_msg(fabs(tst.bias) <= crit * tst.se,
                      "K=%d %s %s: simulated %.6g, theory %.6g: %.2f standard errors (limit "
                      "%.2f; seed %llu)",
                      k, sc->types[c[i].t].name, rfig_name[c[i].fig], tst.ratio, c[i].theta,
                      tst.bias / tst.se, crit, (unsigned long long)sc->seed);
    }
    free(y);
    free(x);
    free(ctrl);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* reserve = 0 is no reserve: the same cells bit for bit. */
START_TEST(test_zero_reserve)
{
    static const char base[] =
        "horizon = { intervals = 4; interval_minutes = 30; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 300.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
        "            patience = { dist = \"exponential\"; mean = 120.0; }; },\n"
        "          { name = \"b\"; calls_per_hour = 200.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 300.0; };\n"
        "            patience = { dist = \"exponential\"; mean = 200.0; }; } );\n"
        "agents = ( { name = \"A\"; count = 22; serves = [ \"a\", \"b\" ]; %s },\n"
        "           { name = \"B\"; count = 18; serves = [ \"b\", \"a\" ]; } );\n"
        "run = { replications = 4; seed = 9; };\n";
    char t0[2048], t1[2048], t2[2048];
    snprintf(t0, sizeof t0, base, "");
    snprintf(t1, sizeof t1, base, "reserve = 0;");
    snprintf(t2, sizeof t2, base, "reserve = 3;");
    ccs_scenario *a = parse(t0), *b = parse(t1), *c = parse(t2);
    ccs_results *ra = ccs_test_sim(a, 1), *rb = ccs_test_sim(b, 2), *rc = ccs_test_sim(c, 2);
    int differs = 0;
    for (int rep = 0; rep < a->replications; rep++) {
        for (int k = 0; k < a->n_intervals; k++) {
            for (int t = 0; t < a->n_types; t++) {
                ck_assert(memcmp(ccs_test_raw(ra, rep, k, t), ccs_test_raw(rb, rep, k, t),
                                 sizeof(ccs_tally)) == 0);
                differs |= memcmp(ccs_test_raw(ra, rep, k, t), ccs_test_raw(rc, rep, k, t),
                                  sizeof(ccs_tally)) != 0;
            }
        }
    }
    ck_assert_msg(differs, "a reserve of 3 changed nothing");
    /* Group A keeps agents for "a": it takes fewer "b" calls with it. */
    double hb0 = 0, hb3 = 0;
    for (int rep = 0; rep < a->replications; rep++) {
        for (int k = 0; k < a->n_intervals; k++) {
            hb0 += ccs_test_graw(ra, rep, k, 0, 1)->handled;
            hb3 += ccs_test_graw(rc, rep, k, 0, 1)->handled;
        }
    }
    ck_assert_msg(hb3 < hb0, "group A handled %g b calls with the reserve, %g without", hb3, hb0);
    ccs_results_free(ra);
    ccs_results_free(rb);
    ccs_results_free(rc);
    ccs_scenario_free(a);
    ccs_scenario_free(b);
    ccs_scenario_free(c);
}
END_TEST

Suite *reserve_suite(void)
{
    Suite *s = suite_create("reserve");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_chain_is_trunk_reservation);
    tcase_add_test(tc, test_zero_reserve);
    suite_add_tcase(s, tc);
    TCase *tv = tcase_create("validation");
    tcase_set_timeout(tv, 300);
    tcase_add_loop_test(tv, test_against_chain, 0, 4);
    suite_add_tcase(s, tv);
    return s;
}
