/*
 * check_transfer.c — transfers between call types (issue 11): after talk a
 * contact of type A moves to type B's queue with a probability, cold or
 * warm (docs/routing.md, "Transfers").
 *
 *   - transfers of probability 0 (cold and warm) print what the scenario
 *     prints without them, byte for byte, in text, CSV and JSON, and leave
 *     every tally the model kept before transfers as it was;
 *   - conservation, in every replication and interval: what one type
 *     transfers out the other receives; a transferred contact is handled,
 *     abandoned or blocked; every answered customer ends served or lost;
 *     the day-level rows count each customer once;
 *   - a warm transfer's holds: the first agent's hold is at most the
 *     limit, and it is in the handle time and the busy time;
 *   - an exact chain: tier 1 -> tier 2 with probability p, exponential
 *     times, finite queues and abandonment (solved with GSL here): the
 *     simulated figures of both types and groups lie within their CIs;
 *   - Jackson: with ample agents, tier 2's arrival rate is p lambda1 and
 *     its agents' load p lambda1 h2.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "ccs_ref.h"
#include "ccs_testsc.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

static ccs_scenario *parse(const char *text)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "transfer-test", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s:%d: %s: %s", err.file, err.line, err.key, err.msg);
    return sc;
}

static const ccs_xfer_tally *xraw(const ccs_results *r, int rep, int k, int t)
{
    ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
    ck_assert(v.d.transfers);
    return ccs_xfer_tally_at(&v, k, t);
}

/* The report of r in format f, as a malloc'd string. */
static char *report_text(const ccs_results *r, ccs_report_format f, size_t *n)
{
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, n);
    ck_assert(fp);
    ccs_error err;
    ck_assert_int_eq(ccs_report_write(fp, r, f, &err), CCS_OK);
    ck_assert_int_eq(fclose(fp), 0);
    return buf;
}

#define TIERS(xfer1, xfer2)                                                           \
    "horizon = { intervals = 4; interval_minutes = 30; };\n"                          \
    "calls = ( { name = \"tier1\"; calls_per_hour = 400.0;\n"                         \
    "            talk_time = { dist = \"exponential\"; mean = 180.0; };\n"            \
    "            after_call_work = { dist = \"exponential\"; mean = 30.0; };\n"       \
    "            patience = { dist = \"exponential\"; mean = 120.0; };\n"             \
    "            queue_capacity = 6;\n"                                                \
    "            retrial = { abandoned = 0.3; blocked = 0.5; };\n"                     \
    xfer1 " },\n"                                                                     \
    "          { name = \"tier2\"; calls_per_hour = 40.0;\n"                          \
    "            handle_time = { dist = \"lognormal\"; mean = 400.0; cv = 0.7; };\n"  \
    "            patience = { dist = \"exponential\"; mean = 200.0; };\n"             \
    "            queue_capacity = 3;\n"                                                \
    xfer2 " },\n"                                                                     \
    "          { name = \"tier3\"; calls_per_hour = 10.0;\n"                          \
    "            handle_time = { dist = \"exponential\"; mean = 600.0; }; } );\n"     \
    "agents = ( { name = \"front\"; count = 26; serves = [ \"tier1\" ];\n"            \
    "             quality = { fcr = 0.8; }; },\n"                                      \
    "           { name = \"desk\"; count = 10; serves = [ \"tier2\", \"tier3\" ]; },\n" \
    "           { name = \"expert\"; count = 4; serves = [ \"tier3\" ];\n"             \
    "             serve_after = [ 0.0 ]; } );\n"                                       \
    "run = { replications = 8; seed = 5; warmup_minutes = 30; };\n"

#define X_ZERO1                                                                       \
    "transfers = ( { to = \"tier2\"; probability = 0.0; mode = \"warm\"; },\n"       \
    "              { to = \"tier3\"; probability = 0; } );"
#define X_ZERO2 "transfers = ( { to = \"tier3\"; probability = 0.0; mode = \"cold\"; } );"
#define X_LIVE1                                                                       \
    "transfers = ( { to = \"tier2\"; probability = 0.25; mode = \"warm\"; warm_limit = 40; },\n" \
    "              { to = \"tier3\"; probability = 0.05; } );"
#define X_LIVE2 "transfers = ( { to = \"tier3\"; probability = 0.2; mode = \"warm\"; } );"

/* Transfers of probability 0 change nothing: the same report, byte for
 * byte, and the same type and group cells (the xfer cells exist in the
 * second run only: nothing is transferred, the customers are all served
 * at their first contact). */
START_TEST(test_zero_probability_identity)
{
    ccs_scenario *a = parse(TIERS("", ""));
    ccs_scenario *b = parse(TIERS(X_ZERO1, X_ZERO2));
    a->seed = b->seed = ccs_test_seed(1150);
    ck_assert_int_eq(b->types[0].n_transfers, 2);
    ck_assert(!ccs_scenario_has_transfers(b));
    ccs_results *ra = ccs_test_sim(a, 2), *rb = ccs_test_sim(b, 3);
    ck_assert_uint_eq(ra->events, rb->events);
    for (ccs_report_format f = CCS_REPORT_TEXT; f <= CCS_REPORT_JSON; f++) {
        size_t na, nb;
        char *ta = report_text(ra, f, &na), *tb = report_text(rb, f, &nb);
        ck_assert_msg(na == nb && memcmp(ta, tb, na) == 0, "format %d: reports differ", (int)f);
        free(ta);
        free(tb);
    }
    for (int rep = 0; rep < a->replications; rep++) {
        for (int k = 0; k < a->n_intervals; k++) {
            for (int t = 0; t < a->n_types; t++) {
                ck_assert_msg(memcmp(ccs_test_raw(ra, rep, k, t), ccs_test_raw(rb, rep, k, t),
                                     sizeof(ccs_tally)) == 0,
                              "rep %d interval %d type %d differ", rep, k, t);
                for (int g = 0; g < a->n_groups; g++) {
                    ck_assert(memcmp(ccs_test_graw(ra, rep, k, g, t), ccs_test_graw(rb, rep, k, g, t),
                                     sizeof(ccs_group_tally)) == 0);
                }
                const ccs_xfer_tally *x = xraw(rb, rep, k, t);
                ck_assert(x->xfer_out == 0 && x->xfer_in == 0 && x->cust_lost == 0);
                ck_assert_double_eq(x->cust_served, ccs_test_raw(rb, rep, k, t)->handled);
            }
        }
    }
    ccs_results_free(ra);
    ccs_results_free(rb);
    ccs_scenario_free(a);
    ccs_scenario_free(b);
}
END_TEST

/* Conservation of contacts and customers, cell by cell. */
START_TEST(test_conservation)
{
    ccs_scenario *sc = parse(TIERS(X_LIVE1, X_LIVE2));
    sc->seed = ccs_test_seed(1151);
    ck_assert(ccs_scenario_has_transfers(sc));
    ccs_results *r = ccs_test_sim(sc, 0);
    int R = sc->replications, nk = sc->n_intervals;
    double fresh_offered = 0, fresh_handled = 0, any_hold = 0, xfers = 0;
    for (int rep = 0; rep < R; rep++) {
        for (int k = 0; k < nk; k++) {
            const ccs_xfer_tally *t1 = xraw(r, rep, k, 0), *t2 = xraw(r, rep, k, 1);
            const ccs_xfer_tally *t3 = xraw(r, rep, k, 2);
            /* Out of tier1 and tier2 = into tier2 and tier3 (each transfer
             * counts in its customer's arrival interval). */
            ck_assert_double_eq(t1->xfer_out + t2->xfer_out, t2->xfer_in + t3->xfer_in);
            ck_assert_double_eq(t1->xfer_in, 0);
            ck_assert_double_eq(t3->xfer_out, 0);
            for (int t = 0; t < 3; t++) {
                const ccs_tally *c = ccs_test_raw(r, rep, k, t);
                const ccs_xfer_tally *x = xraw(r, rep, k, t);
                /* Every contact that came by transfer ended (the run ends
                 * empty), and no transferred contact retries. */
                ck_assert_double_eq(x->xfer_in, x->xfer_in_handled + x->xfer_in_abandoned +
                                                    x->xfer_in_blocked);
                ck_assert(x->xfer_in_delayed <= c->delayed && x->xfer_in_handled <= c->handled);
                ck_assert(x->xfer_in <= c->offered && x->xfer_out <= c->handled);
                /* Every answered customer ends served or lost: the first
                 * contacts of type t answered are its handled ones less
                 * those that came by transfer. */
                ck_assert_double_eq(x->cust_served + x->cust_lost,
                                    c->handled - x->xfer_in_handled);
                ck_assert(x->cust_wait_s >= x->cust_first_wait_s);
                fresh_offered += c->offered - x->xfer_in;
                fresh_handled += c->handled - x->xfer_in_handled;
                xfers += x->xfer_in;
            }
            /* The lost customers are the transferred contacts that
             * abandoned or were blocked. */
            ck_assert_double_eq(t1->cust_lost + t2->cust_lost + t3->cust_lost,
                                t2->xfer_in_abandoned + t2->xfer_in_blocked +
                                    t3->xfer_in_abandoned + t3->xfer_in_blocked);
            any_hold += t1->warm_hold_s + t2->warm_hold_s;
            ck_assert_double_eq(t3->warm_hold_s, 0);
            /* A warm hold is at most the limit (40 s tier1 -> tier2, 60 s
             * tier2 -> tier3) per transfer. */
            ck_assert(t1->warm_hold_s <= 40.0 * t1->xfer_out + 1e-6);
            ck_assert(t2->warm_hold_s <= 60.0 * t2->xfer_out + 1e-6);
        }
    }
    ck_assert(xfers > 100 && any_hold > 0);
    /* The day counts customers: fresh contacts only. */
    CCS_ASSERT_CLOSE("day offered", r->summary.offered.mean, fresh_offered / R, 1e-12, 0);
    CCS_ASSERT_CLOSE("day handled", r->summary.handled.mean, fresh_handled / R, 1e-12, 0);
    double sum_types = 0;
    for (int t = 0; t < 3; t++) {
        sum_types += r->types[t].offered.mean;
    }
    CCS_ASSERT_CLOSE("types count contacts", sum_types - r->types[1].transfers_in.mean -
                                                 r->types[2].transfers_in.mean,
                     r->summary.offered.mean, 1e-9, 0);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* A warm transfer whose target is always busy (no agent ever frees in
 * time) holds exactly the limit; a cold one holds nothing.  Agent time per
 * customer is its handle times plus the hold. */
START_TEST(test_warm_hold_limit)
{
    static const char text[] =
        "horizon = { intervals = 1; interval_minutes = 600; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 60.0;\n"
        "            handle_time = { dist = \"constant\"; mean = 100.0; };\n"
        "            transfers = ( { to = \"b\"; probability = 1.0; mode = \"warm\";\n"
        "                            warm_limit = 30; } ); },\n"
        "          { name = \"b\"; calls_per_hour = 0.0;\n"
        "            handle_time = { dist = \"constant\"; mean = 50.0; };\n"
        "            patience = { dist = \"constant\"; mean = 10.0; }; } );\n"
        "agents = ( { name = \"A\"; count = 200; serves = [ \"a\" ]; },\n"
        "           { name = \"B\"; count = 0; serves = [ \"b\" ]; } );\n"
        "run = { replications = 2; seed = 3; };\n";
    ccs_scenario *sc = parse(text);
    ccs_results *r = ccs_test_sim(sc, 1);
    for (int rep = 0; rep < 2; rep++) {
        const ccs_xfer_tally *a = xraw(r, rep, 0, 0), *b = xraw(r, rep, 0, 1);
        const ccs_tally *ta = ccs_test_raw(r, rep, 0, 0);
        ck_assert(a->xfer_out > 300);
        ck_assert_double_eq(a->xfer_out, ta->handled);
        ck_assert_double_eq(b->xfer_in, a->xfer_out);
        /* Nobody in b: every transferred caller abandons after 10 s, and
         * the first agent holds those 10 s (the customer left first). */
        ck_assert_double_eq(b->xfer_in_abandoned, b->xfer_in);
        ck_assert_double_eq(a->cust_lost, a->xfer_out);
        ck_assert_double_eq(a->cust_served, 0);
        CCS_ASSERT_CLOSE("hold", a->warm_hold_s, 10.0 * a->xfer_out, 1e-9, 0);
        CCS_ASSERT_CLOSE("handle with hold", ta->handle_s, 110.0 * ta->handled, 1e-9, 0);
    }
    ccs_results_free(r);
    /* With patience beyond the limit the hold is the limit. */
    ccs_scenario_free(sc);
    char t2[2048];
    snprintf(t2, sizeof t2, "%s", text);
    char *p = strstr(t2, "mean = 10.0;");
    ck_assert(p);
    memcpy(p, "mean = 90.0;", 12);
    sc = parse(t2);
    r = ccs_test_sim(sc, 1);
    const ccs_xfer_tally *a = xraw(r, 0, 0, 0);
    CCS_ASSERT_CLOSE("hold at the limit", a->warm_hold_s, 30.0 * a->xfer_out, 1e-9, 0);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* ---- the exact chain -------------------------------------------------------
 *
 * Tier 1: C1 agents, at most K1 waiting, Poisson arrivals L1, exponential
 * handle (mean H1) and patience (mean P1).  After service a caller is
 * transferred (cold, no wrap-up) to tier 2 with probability PX.  Tier 2: C2
 * agents, at most K2 waiting, its own arrivals L2, handle H2, patience
 * P2.  State (b1, q1, b2, q2).  A contact reaching tier 2 (fresh or
 * transferred) sees the state: fresh ones by PASTA, transferred ones with
 * weight b1 / H1 PX (a tier-1 completion). */
enum { C1 = 3, K1 = 2, C2 = 2, K2 = 2 };
static const double L1 = 50.0 / 3600, H1 = 180.0, P1 = 200.0, PX = 0.4;
static const double L2 = 10.0 / 3600, H2 = 300.0, P2 = 300.0;

#define N1 ((C1 + 1) * (K1 + 1))
#define N2 ((C2 + 1) * (K2 + 1))
#define NS (N1 * N2)
static int sidx(int b1, int q1, int b2, int q2)
{
    return ((b1 * (K1 + 1) + q1) * (C2 + 1) + b2) * (K2 + 1) + q2;
}

typedef struct xfer_figs {
    double pwait[2], abandon[2], block[2], queue[2], occ[2];
    double xfer_rate;    /* transfers per second */
    double offered2;     /* tier-2 contacts per second */
} xfer_figs;

static void add(gsl_matrix *Qt, int i, int j, double rate)
{
    gsl_matrix_set(Qt, (size_t)j, (size_t)i, gsl_matrix_get(Qt, (size_t)j, (size_t)i) + rate);
    gsl_matrix_set(Qt, (size_t)i, (size_t)i, gsl_matrix_get(Qt, (size_t)i, (size_t)i) - rate);
}

/* A contact joins tier 2 from (b2, q2): the new (b2, q2), or 0 if blocked. */
static int join2(int b2, int q2, int *nb2, int *nq2)
{
    *nb2 = b2, *nq2 = q2;
    if (b2 < C2) {
        (*nb2)++;
    } else if (q2 < K2) {
        (*nq2)++;
    } else {
        return 0;
    }
    return 1;
}

static void xfer_solve(xfer_figs *f)
{
    gsl_matrix *Qt = gsl_matrix_calloc(NS, NS);
    ck_assert(Qt);
    for (int b1 = 0; b1 <= C1; b1++) {
        for (int q1 = 0; q1 <= K1; q1++) {
            for (int b2 = 0; b2 <= C2; b2++) {
                for (int q2 = 0; q2 <= K2; q2++) {
                    int i = sidx(b1, q1, b2, q2), nb2, nq2;
                    if ((q1 > 0 && b1 < C1) || (q2 > 0 && b2 < C2)) {
                        /* unreachable: keep it out of the chain */
                        gsl_matrix_set(Qt, (size_t)i, (size_t)i, 1.0);
                        continue;
                    }
                    if (b1 < C1) {
                        add(Qt, i, sidx(b1 + 1, q1, b2, q2), L1);
                    } else if (q1 < K1) {
                        add(Qt, i, sidx(b1, q1 + 1, b2, q2), L1);
                    }
                    if (b1 > 0) {
                        int n1b = q1 > 0 ? b1 : b1 - 1, n1q = q1 > 0 ? q1 - 1 : 0;
                        double mu = b1 / H1;
                        if (join2(b2, q2, &nb2, &nq2)) {
                            add(Qt, i, sidx(n1b, n1q, nb2, nq2), mu * PX);
                        } else {
                            add(Qt, i, sidx(n1b, n1q, b2, q2), mu * PX);
                        }
                        add(Qt, i, sidx(n1b, n1q, b2, q2), mu * (1 - PX));
                    }
                    if (q1 > 0) {
                        add(Qt, i, sidx(b1, q1 - 1, b2, q2), q1 / P1);
                    }
                    if (join2(b2, q2, &nb2, &nq2)) {
                        add(Qt, i, sidx(b1, q1, nb2, nq2), L2);
                    }
                    if (b2 > 0) {
                        add(Qt, i, sidx(b1, q1, q2 > 0 ? b2 : b2 - 1, q2 > 0 ? q2 - 1 : 0),
                            b2 / H2);
                    }
                    if (q2 > 0) {
                        add(Qt, i, sidx(b1, q1, b2, q2 - 1), q2 / P2);
                    }
                }
            }
        }
    }
    /* The unreachable states' rows read pi_i = 0; the last reachable
     * state's balance equation is replaced by sum pi = 1. */
    int last = sidx(C1, K1, C2, K2);
    gsl_vector *b = gsl_vector_calloc(NS), *pi = gsl_vector_alloc(NS);
    gsl_permutation *perm = gsl_permutation_alloc(NS);
    ck_assert(b && pi && perm);
    for (int j = 0; j < NS; j++) {
        gsl_matrix_set(Qt, (size_t)last, (size_t)j, 1.0);
    }
    gsl_vector_set(b, (size_t)last, 1.0);
    int sign;
    ck_assert_int_eq(gsl_linalg_LU_decomp(Qt, perm, &sign), 0);
    ck_assert_int_eq(gsl_linalg_LU_solve(Qt, perm, b, pi), 0);
    memset(f, 0, sizeof *f);
    double w2 = 0, del2 = 0, blk2 = 0, total = 0;
    for (int b1 = 0; b1 <= C1; b1++) {
        for (int q1 = 0; q1 <= K1; q1++) {
            for (int b2 = 0; b2 <= C2; b2++) {
                for (int q2 = 0; q2 <= K2; q2++) {
                    double p = gsl_vector_get(pi, (size_t)sidx(b1, q1, b2, q2));
                    ck_assert_msg(p > -1e-12, "negative probability %g", p);
                    total += p;
                    if (b1 == C1) {
                        (q1 < K1 ? f->pwait : f->block)[0] += p;
                    }
                    f->queue[0] += p * q1;
                    f->queue[1] += p * q2;
                    f->occ[0] += p * b1 / C1;
                    f->occ[1] += p * b2 / C2;
                    double w = L2 + PX * b1 / H1; /* rate of tier-2 contacts */
                    f->xfer_rate += p * PX * b1 / H1;
                    w2 += p * w;
                    if (b2 == C2) {
                        if (q2 < K2) {
                            del2 += p * w;
                        } else {
                            blk2 += p * w;
                        }
                    }
                }
            }
        }
    }
    CCS_ASSERT_CLOSE("sum of pi", total, 1.0, 1e-12, 0);
    f->pwait[0] /= 1 - f->block[0];
    f->abandon[0] = f->queue[0] / P1 / L1;
    f->offered2 = w2;
    f->block[1] = blk2 / w2;
    f->pwait[1] = del2 / (w2 - blk2);
    f->abandon[1] = f->queue[1] / P2 / w2;
    /* Little's law for tier 2's agents: E[b2] = answered rate x H2. */
    CCS_ASSERT_CLOSE("tier-2 Little", f->occ[1] * C2,
                     (w2 - blk2 - f->queue[1] / P2) * H2, 1e-9, 0);
    gsl_permutation_free(perm);
    gsl_vector_free(pi);
    gsl_vector_free(b);
    gsl_matrix_free(Qt);
}

typedef enum xfig { X_PWAIT, X_ABANDON, X_BLOCK, X_QUEUE, X_OCC, X_XRATE, X_OFFERED2 } xfig;
static const char *const xfig_name[] = {"P(wait)", "abandon rate", "blocking", "mean queue",
                                        "occupancy", "transfers/s", "tier-2 contacts/s"};

static void xsums(const ccs_results *r, const ccs_scenario *sc, int rep, xfig fig, int t,
                  double *y, double *x)
{
    const ccs_tally *c = ccs_test_raw(r, rep, 0, t);
    const ccs_xfer_tally *xc = xraw(r, rep, 0, t);
    switch (fig) {
    case X_PWAIT:
        *y = c->delayed, *x = c->offered - c->blocked;
        break;
    case X_ABANDON:
        *y = c->abandoned, *x = c->offered;
        break;
    case X_BLOCK:
        *y = c->blocked, *x = c->offered;
        break;
    case X_QUEUE:
        *y = c->queue_area, *x = sc->interval_s;
        break;
    case X_OCC:
        *y = ccs_test_graw(r, rep, 0, t, t)->busy_s, *x = sc->groups[t].count[0] * sc->interval_s;
        break;
    case X_XRATE:
        *y = xc->xfer_out, *x = sc->interval_s;
        break;
    default:
        *y = c->offered, *x = sc->interval_s;
        break;
    }
}

START_TEST(test_against_ctmc)
{
    xfer_figs f;
    xfer_solve(&f);
    char text[2048];
    snprintf(text, sizeof text,
             "horizon = { intervals = 1; interval_minutes = 30000; };\n"
             "calls = ( { name = \"t1\"; calls_per_hour = %g; queue_capacity = %d;\n"
             "            handle_time = { dist = \"exponential\"; mean = %g; };\n"
             "            patience = { dist = \"exponential\"; mean = %g; };\n"
             "            transfers = ( { to = \"t2\"; probability = %g; } ); },\n"
             "          { name = \"t2\"; calls_per_hour = %g; queue_capacity = %d;\n"
             "            handle_time = { dist = \"exponential\"; mean = %g; };\n"
             "            patience = { dist = \"exponential\"; mean = %g; }; } );\n"
             "agents = ( { name = \"G1\"; count = %d; serves = [ \"t1\" ]; },\n"
             "           { name = \"G2\"; count = %d; serves = [ \"t2\" ]; } );\n"
             "run = { replications = 40; warmup_minutes = 600; };\n",
             L1 * 3600, K1, H1, P1, PX, L2 * 3600, K2, H2, P2, C1, C2);
    ccs_scenario *sc = parse(text);
    sc->seed = ccs_test_seed(1152);
    struct {
        xfig fig;
        int t;
        double theta;
    } c[] = {{X_PWAIT, 0, f.pwait[0]},     {X_ABANDON, 0, f.abandon[0]}, {X_BLOCK, 0, f.block[0]},
             {X_QUEUE, 0, f.queue[0]},     {X_OCC, 0, f.occ[0]},         {X_PWAIT, 1, f.pwait[1]},
             {X_ABANDON, 1, f.abandon[1]}, {X_BLOCK, 1, f.block[1]},     {X_QUEUE, 1, f.queue[1]},
             {X_OCC, 1, f.occ[1]},         {X_XRATE, 0, f.xfer_rate},    {X_OFFERED2, 1, f.offered2}};
    int n = (int)(sizeof c / sizeof c[0]), R = sc->replications;
    ccs_results *r = ccs_test_sim(sc, 0);
    double *y = calloc((size_t)R, sizeof *y), *x = calloc((size_t)R, sizeof *x);
    double *ctrl = calloc((size_t)R * 2, sizeof *ctrl);
    ck_assert(y && x && ctrl);
    /* Controls: each type's fresh arrivals minus their mean. */
    for (int t = 0; t < 2; t++) {
        double mean = sc->types[t].rate_per_hour[0] * sc->interval_s / 3600.0;
        for (int rep = 0; rep < R; rep++) {
            ctrl[(size_t)t * (size_t)R + (size_t)rep] =
                ccs_test_raw(r, rep, 0, t)->offered - xraw(r, rep, 0, t)->xfer_in - mean;
        }
    }
    const char *verbose = getenv("CCSIM_TEST_VERBOSE");
    for (int i = 0; i < n; i++) {
        for (int rep = 0; rep < R; rep++) {
            xsums(r, sc, rep, c[i].fig, c[i].t, &y[rep], &x[rep]);
        }
        ccs_ref_ratio_test tst;
        ccs_ref_ratio_test_run(y, x, (size_t)R, ctrl, 2, c[i].theta, &tst);
        double crit = ccs_test_tcrit(CCS_ALPHA_TEST, n, tst.df);
        if (verbose && *verbose) {
            double est = c[i].theta + tst.bias;
            printf("transfer: %-3s %-18s theory %-10.6g sim %-10.6g 95%% CI [%.6g, %.6g] "
                   "z %+5.2f (crit %.2f)\n",
                   sc->types[c[i].t].name, xfig_name[c[i].fig], c[i].theta, tst.ratio,
                   est - 1.96 * tst.se, est + 1.96 * tst.se, tst.bias / tst.se, crit);
        }
        ck_assert_msg(fabs(tst.bias) <= crit * tst.se,
                      "%s %s: simulated %.6g, theory %.6g: %.2f standard errors (limit %.2f; "
                      "seed %llu)",
                      sc->types[c[i].t].name, xfig_name[c[i].fig], tst.ratio, c[i].theta,
                      tst.bias / tst.se, crit, (unsigned long long)sc->seed);
    }
    free(y);
    free(x);
    free(ctrl);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* Jackson: with ample agents nobody waits, and tier 2's contacts are the
 * thinned tier-1 departures, a Poisson stream of rate p lambda1 (Burke);
 * its agents carry p lambda1 h2 Erlangs.  Tested as counts per day and as
 * the busy time of tier 2's group. */
START_TEST(test_jackson_rate)
{
    const double lam = 300.0, p = 0.3, h2 = 420.0, day_s = 8 * 3600.0;
    char text[2048];
    snprintf(text, sizeof text,
             "horizon = { intervals = 16; interval_minutes = 30; };\n"
             "calls = ( { name = \"t1\"; calls_per_hour = %g;\n"
             "            talk_time = { dist = \"exponential\"; mean = 200.0; };\n"
             "            after_call_work = { dist = \"constant\"; mean = 20.0; };\n"
             "            transfers = ( { to = \"t2\"; probability = %g; mode = \"warm\"; } ); },\n"
             "          { name = \"t2\"; calls_per_hour = 0.0;\n"
             "            handle_time = { dist = \"exponential\"; mean = %g; }; } );\n"
             "agents = ( { name = \"G1\"; count = 200; serves = [ \"t1\" ]; },\n"
             "           { name = \"G2\"; count = 200; serves = [ \"t2\" ]; } );\n"
             "run = { replications = 30; warmup_minutes = 60; };\n",
             lam, p, h2);
    ccs_scenario *sc = parse(text);
    sc->seed = ccs_test_seed(1153);
    ccs_results *r = ccs_test_sim(sc, 0);
    int R = sc->replications;
    double df = R - 1, crit = ccs_test_tcrit(CCS_ALPHA_TEST, 3, df);
    const ccs_figures *t2 = &r->types[1];
    double want = p * lam * day_s / 3600.0;
    CCS_ASSERT_Z("tier-2 contacts per day", t2->offered.mean, want,
                 ccs_test_se(t2->offered.lo, t2->offered.hi, df), crit);
    CCS_ASSERT_Z("transfers in per day", t2->transfers_in.mean, want,
                 ccs_test_se(t2->transfers_in.lo, t2->transfers_in.hi, df), crit);
    /* Nobody waits: a warm transfer's hold is 0 and P(wait) is 0. */
    ck_assert_double_eq(r->types[1].prob_wait.mean, 0);
    for (int rep = 0; rep < R; rep++) {
        double hold = 0;
        for (int k = 0; k < sc->n_intervals; k++) {
            hold += xraw(r, rep, k, 0)->warm_hold_s;
        }
        ck_assert_double_eq(hold, 0);
    }
    /* Tier 2's load: busy agents p lambda1 h2 / 3600 on average. */
    const ccs_group_figures *g2 = &r->groups[1];
    double load = p * lam * h2 / 3600.0 / 200.0;
    CCS_ASSERT_Z("tier-2 occupancy", g2->occupancy.mean, load,
                 ccs_test_se(g2->occupancy.lo, g2->occupancy.hi, df), crit);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* The per group x type figures add up to the group's; the writers show
 * them in every multi-skill scenario (a group serving several types, or a
 * type served by several groups: issue 11), the end-to-end figures only
 * with transfers, and neither for a single queue.  Without transfers the
 * figures also add up over groups to each type's calls handled. */
START_TEST(test_group_type_figures)
{
    ccs_scenario *sc = parse(TIERS(X_LIVE1, X_LIVE2));
    ccs_scenario *plain = parse(TIERS("", ""));
    sc->seed = plain->seed = ccs_test_seed(1154);
    ccs_results *r = ccs_test_sim(sc, 0), *rp = ccs_test_sim(plain, 0);
    ck_assert(ccs_results_show_group_types(r) && ccs_results_show_group_types(rp));
    ccs_error e1;
    ccs_scenario *one = ccs_scenario_load("scenarios/mmc.cfg", NULL, 0, &e1);
    ck_assert_ptr_nonnull(one);
    one->replications = 2;
    ccs_results *r1 = ccs_test_sim(one, 0);
    ck_assert(!ccs_results_show_group_types(r1));
    for (int t = 0; t < plain->n_types; t++) {
        double h = 0;
        for (int g = 0; g < plain->n_groups; g++) {
            const ccs_agent_group *gr = &plain->groups[g];
            for (int i = 0; i < gr->n_serves; i++) {
                ccs_group_type_figures f;
                if (gr->serves[i] != t) {
                    continue;
                }
                ck_assert_int_eq(ccs_results_group_type(rp, 0, plain->n_intervals, g, t, &f),
                                 CCS_OK);
                h += f.handled.mean;
            }
        }
        CCS_ASSERT_CLOSE("type handled over groups", h, rp->types[t].handled.mean, 1e-9, 0);
    }
    for (int g = 0; g < sc->n_groups; g++) {
        double h = 0, occ = 0;
        const ccs_agent_group *gr = &sc->groups[g];
        for (int i = 0; i < gr->n_serves; i++) {
            ccs_group_type_figures f;
            ck_assert_int_eq(ccs_results_group_type(r, 0, sc->n_intervals, g, gr->serves[i], &f),
                             CCS_OK);
            h += f.handled.mean;
            occ += f.occupancy.mean;
            ck_assert(f.handled.lo <= f.handled.mean && f.handled.mean <= f.handled.hi);
        }
        CCS_ASSERT_CLOSE("handled by type", h, r->groups[g].handled.mean, 1e-12, 0);
        CCS_ASSERT_CLOSE("occupancy by type", occ, r->groups[g].inbound_share.mean, 1e-12, 1e-15);
    }
    size_t n;
    char *j = report_text(r, CCS_REPORT_JSON, &n), *jp = report_text(rp, CCS_REPORT_JSON, &n);
    ck_assert(strstr(j, "\"by_type\"") && strstr(j, "\"e2e_agent_s\""));
    ck_assert(strstr(jp, "\"by_type\"") && !strstr(jp, "\"e2e_agent_s\""));
    char *j1 = report_text(r1, CCS_REPORT_JSON, &n);
    ck_assert(!strstr(j1, "\"by_type\""));
    free(j1);
    ccs_results_free(r1);
    ccs_scenario_free(one);
    char *c = report_text(r, CCS_REPORT_CSV, &n);
    ck_assert(strstr(c, ",occupancy:desk:tier3,occupancy_lo:desk:tier3,"));
    free(j);
    free(jp);
    free(c);
    ccs_results_free(r);
    ccs_results_free(rp);
    ccs_scenario_free(sc);
    ccs_scenario_free(plain);
}
END_TEST

Suite *transfer_suite(void)
{
    Suite *s = suite_create("transfer");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_zero_probability_identity);
    tcase_add_test(tc, test_conservation);
    tcase_add_test(tc, test_warm_hold_limit);
    tcase_add_test(tc, test_group_type_figures);
    suite_add_tcase(s, tc);
    TCase *tv = tcase_create("validation");
    tcase_set_timeout(tv, 300);
    tcase_add_test(tv, test_against_ctmc);
    tcase_add_test(tv, test_jackson_rate);
    suite_add_tcase(s, tv);
    return s;
}
