/*
 * check_backoffice.c — the back office (docs/backoffice.md): conservation
 * of items, the back office alone against M/M/c with a completion
 * deadline, a back office without items leaving voice bit for bit, the
 * shards' merge, and bad input.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "ccs_testfile.h"
#include "ccs_testsc.h"
#include "ccsim/backoffice.h"
#include "ccsim/cost.h"
#include "ccsim/erlang.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

static ccs_scenario *parse(const char *text, const char *const *sets, int n_sets)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(text, "bo.cfg", sets, n_sets, &err);
    ck_assert_msg(sc != NULL, "parse: %s:%d: %s: %s", err.file, err.line, err.key, err.msg);
    return sc;
}

/* A voice type and a claims type on one blended pool and a dedicated
 * back-office group, with a rate per interval and two batches. */
static const char *const mixed_cfg =
    "horizon = { intervals = 16; interval_minutes = 30; start = \"09:00\"; };\n"
    "calls = ( { name = \"care\"; calls_per_hour = 200.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 300.0; }; } );\n"
    "backoffice = ( { name = \"claims\"; items_per_hour = 30.0; deadline = \"4h\";\n"
    "                 batches = ( { at = \"09:00\"; items = 40; }, { at = \"13:30\"; items = 25; } );\n"
    "                 handle_time = { dist = \"lognormal\"; mean = \"10m\"; cv = 0.7; }; },\n"
    "               { name = \"mail\"; items_per_hour = [ 10, 10, 10, 10, 20, 20, 20, 20,\n"
    "                   5, 5, 5, 5, 5, 5, 5, 5 ]; deadline = \"1h\";\n"
    "                 handle_time = { dist = \"exponential\"; mean = \"6m\"; }; } );\n"
    "agents = ( { name = \"voice\"; count = 12; serves = [ \"care\" ];\n"
    "             backoffice = [ \"mail\", \"claims\" ]; },\n"
    "           { name = \"claims\"; count = 3; backoffice = [ \"claims\" ]; } );\n"
    "run = { replications = 8; seed = 3; };\n";

/* Per replication: arrived = done + backlog at the day's end, exactly;
 * on time <= done, past due <= backlog; the group shares add up. */
START_TEST(test_bo_conservation)
{
    ccs_scenario *sc = parse(mixed_cfg, NULL, 0);
    sc->seed = ccs_test_seed(1201);
    ccs_results *r = ccs_test_sim(sc, 2);
    int nk = sc->n_intervals;
    double all_done = 0;
    for (int b = 0; b < sc->n_backoffice; b++) {
        for (int rep = 0; rep < r->replications; rep++) {
            ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
            double arrived = 0, done = 0, on_time = 0, busy = 0, vbusy = 0;
            for (int k = 0; k < nk; k++) {
                const ccs_bo_tally *t = ccs_bo_tally_at(&v, k, b);
                arrived += t->arrived;
                done += t->done;
                on_time += t->done_on_time;
                busy += t->busy_s;
                vbusy += t->voice_busy_s;
                ck_assert(t->backlog_late <= t->backlog);
                ck_assert(t->oldest_age_s >= 0);
            }
            double backlog = ccs_bo_tally_at(&v, nk - 1, b)->backlog;
            ck_assert_msg(arrived == done + backlog,
                          "type %d rep %d: arrived %.0f != done %.0f + backlog %.0f", b, rep,
                          arrived, done, backlog);
            ck_assert(on_time <= done && vbusy <= busy);
            all_done += done;
        }
    }
    ck_assert(all_done > 0);
    /* Back-office agent time and items by type are the sums over groups. */
    for (int rep = 0; rep < r->replications; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        for (int b = 0; b < sc->n_backoffice; b++) {
            double by_type = 0, by_group = 0, done = 0, done_g = 0;
            for (int k = 0; k < nk; k++) {
                by_type += ccs_bo_tally_at(&v, k, b)->busy_s;
                done += ccs_bo_tally_at(&v, k, b)->done;
                for (int g = 0; g < sc->n_groups; g++) {
                    by_group += ccs_bogroup_tally_at(&v, k, g, b)->busy_s;
                    done_g += ccs_bogroup_tally_at(&v, k, g, b)->done;
                }
            }
            CCS_ASSERT_CLOSE("busy by type vs by group", by_type, by_group, 1e-12, 1e-9);
            ck_assert(done == done_g);
        }
    }
    /* The reported day figure is the mean of the per-replication sums. */
    ccs_bo_figures f;
    ck_assert_int_eq(ccs_results_backoffice(r, 0, 0, nk, &f), CCS_OK);
    double sum = 0;
    for (int rep = 0; rep < r->replications; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        for (int k = 0; k < nk; k++) {
            sum += ccs_bo_tally_at(&v, k, 0)->arrived;
        }
    }
    CCS_ASSERT_CLOSE("arrived", f.arrived.mean, sum / r->replications, 1e-12, 0);
    ck_assert(f.arrived.mean >= 65.0); /* the two batches at least */
    ck_assert_int_eq(ccs_results_backoffice(r, 2, 0, nk, &f), CCS_EINVAL);
    ck_assert_int_eq(ccs_results_backoffice(r, 0, 3, 3, &f), CCS_EINVAL);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* P(T > d) for the sojourn T of M/M/c FIFO: the wait is 0 with
 * probability 1 - C, else Exp(theta) with theta = c mu - lambda; T adds an
 * Exp(mu) service:
 *   P(T > d) = e^{-mu d} + C mu / (theta - mu) (e^{-mu d} - e^{-theta d})
 * (theta != mu), e^{-mu d} (1 + C mu d) when theta = mu. */
static double mmc_late(int c, double lambda, double mu, double d)
{
    double C = ccs_erlang_c(c, lambda / mu), theta = c * mu - lambda;
    if (fabs(theta - mu) < 1e-12 * mu) {
        return exp(-mu * d) * (1 + C * mu * d);
    }
    return exp(-mu * d) + C * mu / (theta - mu) * (exp(-mu * d) - exp(-theta * d));
}

/* Voice arrivals zero: the back office alone is M/M/c.  Items of
 * 10/h, exponential handle time of 15 min (mu = 4/h), c = 4 agents
 * (a = 2.5, C(4, 2.5) = 0.31986), a deadline of 30 min on completion:
 * P(late) = P(T > d) = 0.19006; mean wait C / theta, mean sojourn
 * C / theta + 1/mu.  400 hours after 10 hours of warm-up, 30 replications. */
START_TEST(test_bo_mmc_deadline)
{
    static const char *const cfg =
        "horizon = { intervals = 400; interval_minutes = 60; };\n"
        "calls = ( { name = \"v\"; calls_per_hour = 0.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
        "backoffice = ( { name = \"claims\"; items_per_hour = 10.0; deadline = \"30m\";\n"
        "                 handle_time = { dist = \"exponential\"; mean = \"15m\"; }; } );\n"
        "agents = ( { name = \"pool\"; count = 4; serves = [ \"v\" ];\n"
        "             backoffice = [ \"claims\" ]; } );\n"
        "run = { replications = 30; warmup_minutes = 600; };\n";
    ccs_scenario *sc = parse(cfg, NULL, 0);
    sc->seed = ccs_test_seed(1202);
    ccs_results *r = ccs_test_sim(sc, 2);
    const int c = 4;
    const double lambda = 10.0 / 3600, mu = 1.0 / 900, d = 1800;
    double C = ccs_erlang_c(c, lambda / mu), theta = c * mu - lambda;
    double late = mmc_late(c, lambda, mu, d);
    /* Independent values (the closed forms evaluated by hand). */
    CCS_ASSERT_CLOSE("C(4, 2.5)", C, 0.31985670419652, 1e-9, 0);
    CCS_ASSERT_CLOSE("P(T > 30 min)", late, 0.19006162335224, 1e-9, 0);
    ccs_bo_figures f;
    ck_assert_int_eq(ccs_results_backoffice(r, 0, 0, sc->n_intervals, &f), CCS_OK);
    double df = r->replications - 1;
    double z = ccs_test_tcrit(CCS_ALPHA_TEST, 3, df);
    double got_late = 1.0 - f.on_time_share.mean;
    CCS_ASSERT_Z("fraction late", got_late, late,
                 ccs_test_se(f.on_time_share.lo, f.on_time_share.hi, df), z);
    CCS_ASSERT_Z("mean wait s", f.wait_s.mean, C / theta, ccs_test_se(f.wait_s.lo, f.wait_s.hi, df),
                 z);
    CCS_ASSERT_Z("mean sojourn s", f.sojourn_s.mean, C / theta + 1 / mu,
                 ccs_test_se(f.sojourn_s.lo, f.sojourn_s.hi, df), z);
    /* Power: the interval is narrow enough to see a 2-point error. */
    ck_assert_msg(f.on_time_share.hi - f.on_time_share.lo < 0.02, "CI too wide: [%g, %g]",
                  f.on_time_share.lo, f.on_time_share.hi);
    /* A start deadline would give P(W > d) = C e^{-theta d} = 0.0159: far
     * from what is measured, so the test tells the two apart. */
    ck_assert(fabs(got_late - C * exp(-theta * d)) > 0.1);
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* The voice day of test_bo_empty_identical, a literal because it is a
 * format (-Wformat-nonliteral at -O0, as in make coverage). */
#define BO_EMPTY_BASE \
        "horizon = { intervals = 8; interval_minutes = 30; };\n" \
        "calls = ( { name = \"care\"; calls_per_hour = 400.0;\n" \
        "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n" \
        "            patience = { dist = \"exponential\"; mean = 200.0; }; } );\n" \
        "agents = ( { name = \"voice\"; count = 22; serves = [ \"care\" ]; }%s );\n" \
        "%s" \
        "run = { replications = 4; seed = 9; };\n"

/* A back office with no items and no group but a dedicated one changes
 * nothing of voice: the type and group cells are identical bit for bit. */
START_TEST(test_bo_empty_identical)
{
    char a[2048], b[2048];
    snprintf(a, sizeof a, BO_EMPTY_BASE, "", "");
    snprintf(b, sizeof b, BO_EMPTY_BASE, ", { name = \"bo\"; count = 2; backoffice = [ \"x\" ]; }",
             "backoffice = ( { name = \"x\"; items_per_hour = 0.0;\n"
             "  handle_time = { dist = \"exponential\"; mean = 600.0; }; } );\n");
    ccs_scenario *sa = parse(a, NULL, 0), *sb = parse(b, NULL, 0);
    ccs_results *ra = ccs_test_sim(sa, 1), *rb = ccs_test_sim(sb, 2);
    for (int rep = 0; rep < 4; rep++) {
        for (int k = 0; k < 8; k++) {
            ck_assert(memcmp(ccs_test_raw(ra, rep, k, 0), ccs_test_raw(rb, rep, k, 0),
                             sizeof(ccs_tally)) == 0);
            ck_assert(memcmp(ccs_test_graw(ra, rep, k, 0, 0), ccs_test_graw(rb, rep, k, 0, 0),
                             sizeof(ccs_group_tally)) == 0);
        }
    }
    /* The back-office group is out of the voice rows: same occupancy. */
    const ccs_estimate *ea = &ra->summary.offered, *eb = &rb->summary.offered;
    for (size_t i = 0; i < sizeof ra->summary / sizeof *ea; i++) {
        ck_assert(ea[i].mean == eb[i].mean && ea[i].lo == eb[i].lo && ea[i].hi == eb[i].hi);
    }
    ccs_results_free(ra);
    ccs_results_free(rb);
    ccs_scenario_free(sa);
    ccs_scenario_free(sb);
}
END_TEST

/* Replications run in two ranges and put together give the full run's
 * back-office cells (what a shard merge does). */
START_TEST(test_bo_ranges)
{
    ccs_scenario *sc = parse(mixed_cfg, NULL, 0);
    ccs_run_options opt = {0};
    opt.threads = 2;
    ccs_error err;
    ccs_tallies *whole = ccs_sim_run_range(sc, &opt, 0, 8, NULL, &err);
    ccs_tallies *lo = ccs_sim_run_range(sc, &opt, 0, 3, NULL, &err);
    ccs_tallies *hi = ccs_sim_run_range(sc, &opt, 3, 5, NULL, &err);
    ck_assert(whole && lo && hi);
    size_t cells = ccs_tally_cells(&(ccs_tally_dims){.intervals = sc->n_intervals, .types = 1,
                                                      .groups = 2, .backoffice = 2},
                                   CCS_TALLY_KIND_BO);
    for (int rep = 0; rep < 8; rep++) {
        ccs_tally_rep w = ccs_tallies_rep(whole, rep);
        ccs_tally_rep p = rep < 3 ? ccs_tallies_rep(lo, rep) : ccs_tallies_rep(hi, rep - 3);
        ck_assert(memcmp(w.bo, p.bo, cells * sizeof(ccs_bo_tally)) == 0);
    }
    ccs_tallies_free(whole);
    ccs_tallies_free(lo);
    ccs_tallies_free(hi);
    ccs_scenario_free(sc);
}
END_TEST

/* Bad input: file:line and the key, CCS_ECONFIG. */
START_TEST(test_bo_bad_input)
{
    static const struct {
        const char *set;   /* --set override of mixed_cfg */
        const char *key;
    } cases[] = {
        {"backoffice.[0].deadline=-1", "backoffice.[0].deadline"},
        {"backoffice.[0].deadline=0", "backoffice.[0].deadline"},
        {"backoffice.[0].deadline=\"2y\"", "backoffice.[0].deadline"},
        {"backoffice.[0].items_per_hour=-3", "backoffice.[0].items_per_hour"},
        {"backoffice.[0].batches.[0].at=\"08:00\"", "backoffice.[0].batches.[0].at"},
        {"backoffice.[0].batches.[0].at=\"14:00\"", "backoffice.[0].batches.[1].at"},
        {"backoffice.[0].batches.[1].at=\"17:00\"", "backoffice.[0].batches.[1].at"},
        {"backoffice.[0].batches.[0].items=-1", "backoffice.[0].batches.[0].items"},
        {"backoffice.[0].name=\"mail\"", "backoffice.[1].name"},
        {"agents.[1].backoffice.[0]=\"nope\"", "agents.[1].backoffice.[0]"},
        {"agents.[0].backoffice.[1]=\"mail\"", "agents.[0].backoffice.[1]"},
        {"backoffice.[1].handle_time.mean=0", "backoffice.[1].handle_time.mean"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *sets[] = {cases[i].set};
        ccs_error err;
        ccs_scenario *sc = ccs_scenario_parse(mixed_cfg, "bo.cfg", sets, 1, &err);
        ck_assert_msg(sc == NULL, "case %zu (%s) accepted", i, cases[i].set);
        ck_assert_msg(err.code == CCS_ECONFIG, "case %zu: code %d: %s", i, (int)err.code,
                      err.msg);
        ck_assert_str_eq(err.file, "bo.cfg");
        ck_assert_msg(strcmp(err.key, cases[i].key) == 0, "case %zu: key %s, want %s (%s)", i,
                      err.key, cases[i].key, err.msg);
    }
    /* A type nobody works; a group with neither calls nor back office. */
    static const char *const orphan =
        "calls = ( { name = \"v\"; calls_per_hour = 10.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
        "backoffice = ( { name = \"x\"; items_per_hour = 1.0;\n"
        "                 handle_time = { dist = \"exponential\"; mean = 600.0; }; } );\n"
        "agents = ( { name = \"a\"; count = 2; serves = [ \"v\" ]; } );\n";
    ccs_error err;
    ck_assert_ptr_null(ccs_scenario_parse(orphan, "o.cfg", NULL, 0, &err));
    ck_assert_int_eq(err.line, 3);
    ck_assert_str_eq(err.key, "backoffice.[0]");
    ck_assert_ptr_nonnull(strstr(err.msg, "worked by no agent group"));
    const char *none[] = {"agents.[0].serves=[]"};
    ck_assert_ptr_null(ccs_scenario_parse(orphan, "o.cfg", none, 1, &err));
    /* The CLI: one line on stderr, nothing on stdout, exit 2. */
    FILE *fp = fopen("/tmp/ccsim-bo-bad.cfg", "w");
    ck_assert_ptr_nonnull(fp);
    fputs(mixed_cfg, fp);
    fclose(fp);
    char *out = NULL, *errs = NULL;
    int st = ccs_test_run("run /tmp/ccsim-bo-bad.cfg --set 'backoffice.[0].deadline=-4'", &out, &errs);
    ck_assert_int_eq(st, 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(errs, "/tmp/ccsim-bo-bad.cfg:5: backoffice.[0].deadline:"));
    ck_assert_ptr_null(strchr(errs, '\n') ? strchr(strchr(errs, '\n') + 1, '\n') : NULL);
    free(out);
    free(errs);
    remove("/tmp/ccsim-bo-bad.cfg");
}
END_TEST

/* ---- several days ---------------------------------------------------------- */

/* A light back office (everything done by the day's end) beside voice:
 * nothing carries over from one day to the next. */
static const char *const light_cfg =
    "horizon = { intervals = 12; interval_minutes = 30; start = \"08:00\"; days = 4; };\n"
    "calls = ( { name = \"care\"; calls_per_hour = 150.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 240.0; }; } );\n"
    "backoffice = ( { name = \"claims\"; items_per_hour = 6.0; deadline = \"2h\";\n"
    "                 batches = ( { at = \"08:00\"; items = 5; } );\n"
    "                 handle_time = { dist = \"exponential\"; mean = \"5m\"; }; } );\n"
    "agents = ( { name = \"voice\"; count = 10; serves = [ \"care\" ];\n"
    "             backoffice = [ \"claims\" ]; },\n"
    "           { name = \"bo\"; count = [ 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 6, 6 ];\n"
    "             backoffice = [ \"claims\" ]; } );\n"
    "run = { replications = 3; seed = 5; };\n";

/* Day d of replication r of the several-day run rm equals replication
 * rep of the one-day run rs, every kind of cell bit for bit. */
static void assert_day_is(const ccs_results *rm, int r, int d, const ccs_results *rs, int rep)
{
    ccs_tally_dims dd = ccs_tally_dims_of(rs->sc);
    ccs_tally_rep vm = ccs_tallies_rep(rm->tallies, r);
    ccs_tally_rep vs = ccs_tallies_rep(rs->tallies, rep);
    for (int k = 0; k < CCS_TALLY_N_KINDS; k++) {
        size_t n = ccs_tally_cells(&dd, (ccs_tally_kind)k) *
                   (size_t)ccs_tally_kind_info_of((ccs_tally_kind)k)->n_fields;
        const double *a = ccs_tally_rep_data(&vm, (ccs_tally_kind)k) + (size_t)d * n;
        const double *b = ccs_tally_rep_data(&vs, (ccs_tally_kind)k);
        ck_assert_msg(memcmp(a, b, n * sizeof(double)) == 0,
                      "kind %d: day %d of replication %d differs from its one day", k, d, r);
    }
}

/* Every kind's cells of day d of a several-day run's replication r equal
 * those of replication r x days + d of the one-day run, bit for bit, when
 * nothing carries over (checked: no backlog at any day's end). */
START_TEST(test_days_equal_single_days)
{
    ccs_scenario *multi = parse(light_cfg, NULL, 0);
    const char *one[] = {"horizon.days=1"};
    ccs_scenario *single = parse(light_cfg, one, 1);
    ck_assert_int_eq(multi->n_intervals, 48);
    ck_assert_int_eq(single->n_intervals, 12);
    single->replications = 12;
    ccs_results *rm = ccs_test_sim(multi, 2), *rs = ccs_test_sim(single, 1);
    int nd = 12;
    for (int r = 0; r < 3; r++) {
        ccs_tally_rep vm = ccs_tallies_rep(rm->tallies, r);
        for (int d = 0; d < 4; d++) {
            ck_assert_msg(ccs_bo_tally_at(&vm, d * nd + nd - 1, 0)->backlog == 0,
                          "rep %d day %d: a backlog carries over (the test needs none)", r, d);
            assert_day_is(rm, r, d, rs, r * 4 + d);
        }
    }
    /* The reported interval start of day 2, interval 3: 24 h + 08:00 + 90 min. */
    CCS_ASSERT_CLOSE("start", ccs_scenario_interval_start(multi, 15), 86400 + 8 * 3600 + 5400,
                     0, 0);
    ccs_results_free(rm);
    ccs_results_free(rs);
    ccs_scenario_free(multi);
    ccs_scenario_free(single);
}
END_TEST

/* An overloaded back office over five days: the backlog carries over
 * (arrived = done + backlog at the last day's end, per replication), ages
 * run through the night, and the day factors scale every arrival (a day
 * of factor 0 has none, its batch included). */
START_TEST(test_days_carry_over)
{
    const char *sets[] = {"horizon.days=5", "backoffice.[0].items_per_hour=200.0"};
    char text[4096];
    snprintf(text, sizeof text, "%s", light_cfg);
    /* One back-office agent: the back office is overloaded. */
    char *c = strstr(text, "count = [ 3,");
    ck_assert_ptr_nonnull(c);
    memset(c, ' ', (size_t)(strchr(c, ']') - c) + 1);
    memcpy(c, "count = 1", 9);
    /* day_factors: a text edit (a --set cannot write an array). */
    char *h = strstr(text, "days = 4; };");
    ck_assert_ptr_nonnull(h);
    char rest[4096];
    snprintf(rest, sizeof rest, "%s", h + strlen("days = 4; };"));
    snprintf(h, sizeof text - (size_t)(h - text),
             "days = 4; day_factors = [ 1.0, 0.0, 1.5, 1.0, 1.0 ]; };%s", rest);
    ccs_scenario *sc = parse(text, sets, 2);
    ck_assert_int_eq(sc->days, 5);
    ck_assert_int_eq(sc->n_intervals, 60);
    CCS_ASSERT_CLOSE("day 3 rate", sc->types[0].rate_per_hour[2 * 12 + 4], 225.0, 1e-15, 0);
    ck_assert_double_eq(sc->backoffice[0].rate_per_hour[12 + 3], 0.0);
    ccs_results *r = ccs_test_sim(sc, 2);
    for (int rep = 0; rep < 3; rep++) {
        ccs_tally_rep v = ccs_tallies_rep(r->tallies, rep);
        double arrived = 0, done = 0, day2 = 0, calls2 = 0;
        for (int k = 0; k < 60; k++) {
            const ccs_bo_tally *t = ccs_bo_tally_at(&v, k, 0);
            arrived += t->arrived;
            done += t->done;
            if (k >= 12 && k < 24) {
                day2 += t->arrived;
                calls2 += ccs_tally_at(&v, k, 0)->offered;
            }
        }
        double backlog = ccs_bo_tally_at(&v, 59, 0)->backlog;
        ck_assert_msg(arrived == done + backlog, "rep %d: %.0f != %.0f + %.0f", rep, arrived,
                      done, backlog);
        ck_assert(backlog > 0);
        ck_assert_double_eq(day2, 0);
        ck_assert_double_eq(calls2, 0);
        /* Day 2 has no arrivals: its first interval's oldest item is from
         * day 1, more than the 14 h of the night old. */
        ck_assert(ccs_bo_tally_at(&v, 12, 0)->oldest_age_s > 14 * 3600.0);
    }
    ccs_results_free(r);
    ccs_scenario_free(sc);
}
END_TEST

/* Bad several-day input: file:line and the key. */
/* A schedule per day (count with days x intervals entries): day d of a
 * several-day run's replication r equals replication r x days + d of a
 * one-day run with day d's schedule, bit for bit (nothing carries over);
 * a group with one day's counts repeats them. */
static const char per_day_cfg[] =
    "horizon = { intervals = 4; interval_minutes = 60; start = \"09:00\"; days = 2; };\n"
    "calls = ( { name = \"care\"; calls_per_hour = 100.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 240.0; }; } );\n"
    "agents = ( { name = \"voice\"; count = %s; serves = [ \"care\" ]; },\n"
    "           { name = \"spare\"; count = [ 1, 1, 2, 2 ]; serves = [ \"care\" ]; } );\n"
    "run = { replications = 3; seed = 9; };\n";

START_TEST(test_days_schedule_per_day)
{
    char text[2048];
    snprintf(text, sizeof text, per_day_cfg, "[ 6, 7, 7, 5, 2, 3, 3, 2 ]");
    ccs_scenario *multi = parse(text, NULL, 0);
    ck_assert_int_eq(multi->n_intervals, 8);
    ck_assert(multi->groups[0].count_by_day);
    ck_assert(!multi->groups[1].count_by_day);
    static const int want0[8] = {6, 7, 7, 5, 2, 3, 3, 2}, want1[8] = {1, 1, 2, 2, 1, 1, 2, 2};
    for (int k = 0; k < 8; k++) {
        ck_assert_int_eq(multi->groups[0].count[k], want0[k]);
        ck_assert_int_eq(multi->groups[1].count[k], want1[k]);
    }
    const char *one[] = {"horizon.days=1"};
    snprintf(text, sizeof text, per_day_cfg, "[ 6, 7, 7, 5 ]");
    ccs_scenario *day1 = parse(text, one, 1);
    snprintf(text, sizeof text, per_day_cfg, "[ 2, 3, 3, 2 ]");
    ccs_scenario *day2 = parse(text, one, 1);
    day1->replications = day2->replications = 6;
    ccs_results *rm = ccs_test_sim(multi, 2), *r1 = ccs_test_sim(day1, 1),
                *r2 = ccs_test_sim(day2, 1);
    for (int r = 0; r < 3; r++) {
        for (int d = 0; d < 2; d++) {
            assert_day_is(rm, r, d, d ? r2 : r1, r * 2 + d);
        }
    }
    /* the days differ (the second is short-staffed): the test can fail */
    ccs_tally_rep v0 = ccs_tallies_rep(rm->tallies, 0);
    ck_assert_double_gt(ccs_tally_at(&v0, 5, 0)->wait_answered_s,
                        ccs_tally_at(&v0, 1, 0)->wait_answered_s);
    ccs_results_free(rm);
    ccs_results_free(r1);
    ccs_results_free(r2);
    ccs_scenario_free(multi);
    ccs_scenario_free(day1);
    ccs_scenario_free(day2);

    /* neither one day's counts nor every day's: refused with both lengths */
    snprintf(text, sizeof text, per_day_cfg, "[ 6, 7, 7, 5, 2, 3 ]");
    ccs_error err;
    ck_assert_ptr_null(ccs_scenario_parse(text, "d.cfg", NULL, 0, &err));
    ck_assert_str_eq(err.key, "agents.[0].count");
    ck_assert_int_eq(err.line, 5);
    ck_assert_str_eq(err.msg, "expected 4 values (one per interval: horizon.intervals = 4) or 8 "
                              "(one per interval of each of horizon.days = 2), got 6");
}
END_TEST

/* Chat over several days: each day's chats are that day's (rates times
 * the day factor), and day d of replication r equals replication
 * r x days + d of the one-day run scaled by that factor, bit for bit. */
static const char chat_days_cfg[] =
    "horizon = { intervals = 4; interval_minutes = 60; start = \"09:00\"; days = 3;\n"
    "            day_factors = [ %s ]; };\n"
    "calls = ( { name = \"voice\"; calls_per_hour = 60.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"pool\"; count = [ 5, 6, 6, 5 ]; serves = [ \"voice\" ];\n"
    "             chat_slots = 3; chat_factors = [ 1.0, 1.3, 1.6 ]; } );\n"
    "chat = { chats_per_hour = [ 20.0, 30.0, 30.0, 20.0 ];\n"
    "         handle_time = { dist = \"gamma\"; mean = 600.0; cv = 0.7; };\n"
    "         patience = { dist = \"exponential\"; mean = 300.0; }; };\n"
    "run = { replications = 2; seed = 13; };\n";

START_TEST(test_days_chat)
{
    char text[2048];
    snprintf(text, sizeof text, chat_days_cfg, "1.0, 0.5, 1.5");
    ccs_scenario *multi = parse(text, NULL, 0);
    ck_assert_int_eq(multi->n_intervals, 12);
    CCS_ASSERT_CLOSE("day 3's chat rate", multi->chat.rate_per_hour[9], 45.0, 0, 1e-12);
    ccs_results *rm = ccs_test_sim(multi, 2);
    static const double factor[3] = {1.0, 0.5, 1.5};
    for (int d = 0; d < 3; d++) {
        char one_text[2048];
        char f[32];
        snprintf(f, sizeof f, "%g", factor[d]);
        snprintf(one_text, sizeof one_text, chat_days_cfg, f);
        const char *one[] = {"horizon.days=1"};
        /* one day with day d's factor: the day_factors array of length 1 */
        ccs_scenario *single = parse(one_text, one, 1);
        single->replications = 6;
        ccs_results *rs = ccs_test_sim(single, 1);
        for (int r = 0; r < 2; r++) {
            assert_day_is(rm, r, d, rs, r * 3 + d);
        }
        ccs_results_free(rs);
        ccs_scenario_free(single);
    }
    /* chats did arrive and were answered on every day; the days' figures
     * (the report's "Chat by day", JSON days[].chat) add up to the run's */
    ccs_tally_rep v0 = ccs_tallies_rep(rm->tallies, 0);
    double sum = 0;
    for (int d = 0; d < 3; d++) {
        ck_assert_double_gt(ccs_chat_tally_at(&v0, d * 4 + 1)->answered, 0);
        ccs_chat_figures f;
        ck_assert_int_eq(ccs_results_chat(rm, d * 4, d * 4 + 4, &f), CCS_OK);
        sum += f.offered.mean;
    }
    ck_assert_ptr_nonnull(rm->chat);
    CCS_ASSERT_CLOSE("days' chats", sum, rm->chat->offered.mean, 1e-12, 0);
    ccs_chat_figures bad;
    ck_assert_int_eq(ccs_results_chat(rm, 4, 4, &bad), CCS_EINVAL);
    ck_assert_int_eq(ccs_results_chat(rm, 0, 13, &bad), CCS_EINVAL);
    ccs_results_free(rm);
    ccs_scenario_free(multi);
}
END_TEST

/* The reports of chat over several days: the text's "Chat by day" table
 * has a row per day, JSON days[].chat the day's figures, whose chats add
 * up to the run's. */
START_TEST(test_days_chat_reports)
{
    char text[2048], path[64];
    snprintf(text, sizeof text, chat_days_cfg, "1.0, 0.5, 1.5");
    ccs_test_tmpfile(path, sizeof path, ".cfg", text);
    char args[160];
    snprintf(args, sizeof args, "run %s --reps 4 --format json", path);
    json_t *j = ccs_test_run_json(args, 0);
    json_t *days = json_object_get(j, "days");
    ck_assert_int_eq((int)json_array_size(days), 3);
    double sum = 0;
    for (size_t d = 0; d < 3; d++) {
        json_t *c = json_object_get(json_array_get(days, d), "chat");
        ck_assert_msg(json_is_object(c), "days[%zu] has no chat", d);
        sum += ccs_test_jnum(json_object_get(c, "offered"), "mean");
        ck_assert_ptr_nonnull(json_object_get(c, "service_level"));
        ck_assert_ptr_null(json_object_get(c, "intervals"));
    }
    CCS_ASSERT_CLOSE("days' chats",
                     sum, ccs_test_jnum(json_object_get(json_object_get(j, "chat"), "offered"),
                                        "mean"),
                     1e-12, 1e-9);
    json_decref(j);
    snprintf(args, sizeof args, "run %s --reps 4", path);
    char *out = ccs_test_run_ok(args, 0);
    const char *t = strstr(out, "Chat by day");
    ck_assert_msg(t != NULL, "no chat table in:\n%s", out);
    for (int d = 1; d <= 3; d++) {
        char row[32];
        snprintf(row, sizeof row, "\n    %d  ", d);
        ck_assert_msg(strstr(t, row) != NULL, "no row for day %d", d);
    }
    free(out);
    unlink(path);

    /* the voice and back-office tables of a week: a row per day */
    out = ccs_test_run_ok("run scenarios/bpo-backoffice.cfg --reps 2", 0);
    const char *v = strstr(out, "\nDays, mean");
    const char *b = strstr(out, "\nBack office \"claims\" by day");
    ck_assert_ptr_nonnull(v);
    ck_assert_ptr_nonnull(b);
    for (int d = 1; d <= 5; d++) {
        char row[32];
        snprintf(row, sizeof row, "\n    %d ", d);
        ck_assert_msg(strstr(v, row) != NULL && strstr(b, row) != NULL, "no row for day %d", d);
    }
    free(out);
}
END_TEST

/* The guaranteed share: one pool of 8 agents answering overloaded voice
 * (a queue always waiting) and working an overloaded back office.  With
 * backoffice_share = s, ceil(8 s) agents work items whenever items wait,
 * so the back office's part of the pool's time is ceil(8 s) / 8 (a little
 * more: an agent the voice queue leaves idle for a moment takes an item;
 * a little less at the start, before the first agents free up);
 * without it, only idle time goes to items: almost none. */
static const char share_cfg[] =
    "horizon = { intervals = 8; interval_minutes = 60; start = \"08:00\"; };\n"
    "calls = ( { name = \"care\"; calls_per_hour = 400.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 600.0; }; } );\n"
    "backoffice = ( { name = \"claims\"; items_per_hour = 100.0; deadline = \"8h\";\n"
    "                 handle_time = { dist = \"exponential\"; mean = \"5m\"; }; } );\n"
    "agents = ( { name = \"pool\"; count = 8; serves = [ \"care\" ];\n"
    "             backoffice = [ \"claims\" ]; backoffice_share = %s; } );\n"
    "run = { replications = 10; seed = 17; };\n";

static double bo_part(const char *share)
{
    char text[2048];
    snprintf(text, sizeof text, share_cfg, share);
    ccs_scenario *sc = parse(text, NULL, 0);
    ccs_results *res = ccs_test_sim(sc, 2);
    double busy = 0, staffed = 0;
    int g = 0;
    for (int r = 0; r < res->replications; r++) {
        ccs_tally_rep v = ccs_tallies_rep(res->tallies, r);
        for (int k = 0; k < sc->n_intervals; k++) {
            busy += ccs_bogroup_tally_at(&v, k, 0, 0)->busy_s;
        }
        staffed += ccs_tally_staffed_s(&v, 0, sc->n_intervals, &g, 1);
        /* items always wait: the share is never starved */
        ck_assert_double_gt(ccs_bo_tally_at(&v, sc->n_intervals - 1, 0)->backlog, 20);
    }
    ccs_results_free(res);
    ccs_scenario_free(sc);
    return busy / staffed;
}

START_TEST(test_bo_guaranteed_share)
{
    double none = bo_part("0.0"), quarter = bo_part("0.25"), third = bo_part("0.3");
    ck_assert_msg(none < 0.02, "no share: %g of the time on items", none);
    ck_assert_msg(quarter > 0.245 && quarter < 0.26, "share 0.25 (2 of 8): %g", quarter);
    /* ceil(0.3 x 8) = 3 agents */
    ck_assert_msg(third > 0.37 && third < 0.385, "share 0.3 (3 of 8): %g", third);

    /* a share without the types to work, or out of [0, 1]: refused */
    char text[2048];
    snprintf(text, sizeof text, share_cfg, "1.5");
    ccs_error err;
    ck_assert_ptr_null(ccs_scenario_parse(text, "s.cfg", NULL, 0, &err));
    ck_assert_str_eq(err.key, "agents.[0].backoffice_share");
    ck_assert_int_eq(err.line, 8);
    snprintf(text, sizeof text, share_cfg, "0.5");
    char *b = strstr(text, "backoffice = [ \"claims\" ]; ");
    ck_assert_ptr_nonnull(b);
    memset(b, ' ', strlen("backoffice = [ \"claims\" ]; "));
    ck_assert_ptr_null(ccs_scenario_parse(text, "s.cfg", NULL, 0, &err));
    ck_assert_str_eq(err.key, "agents.[0].backoffice_share");
}
END_TEST

/* Outbound over several days: a blended campaign (a fresh list each day,
 * outcome probabilities per interval) on the inbound pool; day d of
 * replication r equals replication r x 2 + d of the one-day run, bit for
 * bit, and the outcome probabilities of each day's intervals are the
 * file's. */
static const char *const outbound_days_cfg =
    "horizon = { intervals = 4; interval_minutes = 30; start = \"09:00\"; days = 2; };\n"
    "calls = ( { name = \"care\"; calls_per_hour = 300.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 120.0; }; } );\n"
    "agents = ( { name = \"team\"; count = 26; serves = [ \"care\" ]; } );\n"
    "outbound = { campaigns = ( {\n"
    "  name = \"sales\"; mode = \"predictive\"; agents = [ \"team\" ]; reserve = 2;\n"
    "  list_size = 3000;\n"
    "  outcomes = { no_answer = [ 0.5, 0.4, 0.5, 0.6 ]; machine = 0.2;\n"
    "               right_party = [ 0.3, 0.4, 0.3, 0.2 ]; };\n"
    "  talk_time = { right_party = { dist = \"exponential\"; mean = 200.0; }; };\n"
    "} ); };\n"
    "run = { replications = 2; seed = 21; };\n";

START_TEST(test_days_outbound)
{
    ccs_scenario *multi = parse(outbound_days_cfg, NULL, 0);
    ck_assert_int_eq(multi->n_intervals, 8);
    /* day 2's interval 1 has the file's interval 1 outcomes */
    const double *p = multi->campaigns[0].p;
    for (int o = 0; o < CCS_N_OUTCOMES; o++) {
        ck_assert_double_eq(p[(size_t)5 * CCS_N_OUTCOMES + (size_t)o],
                            p[(size_t)1 * CCS_N_OUTCOMES + (size_t)o]);
    }
    const char *one[] = {"horizon.days=1"};
    ccs_scenario *single = parse(outbound_days_cfg, one, 1);
    single->replications = 4;
    ccs_results *rm = ccs_test_sim(multi, 2), *rs = ccs_test_sim(single, 1);
    for (int r = 0; r < 2; r++) {
        for (int d = 0; d < 2; d++) {
            assert_day_is(rm, r, d, rs, r * 2 + d);
        }
    }
    /* the campaign dialled on both days */
    ccs_tally_rep v = ccs_tallies_rep(rm->tallies, 0);
    for (int d = 0; d < 2; d++) {
        double dials = 0;
        for (int k = d * 4; k < d * 4 + 4; k++) {
            dials += ccs_campaign_tally_at(&v, k, 0)->dials;
        }
        ck_assert_double_gt(dials, 50);
    }
    ccs_results_free(rm);
    ccs_results_free(rs);
    ccs_scenario_free(multi);
    ccs_scenario_free(single);
}
END_TEST

/* Round the clock: two 24-hour days with round_the_clock = true run as
 * one stretch of 48 hours — bit for bit the one-day scenario of 48 hourly
 * intervals with the same rates (the second day's times its factor), the
 * same counts and the batch on both days; the voice queue left at
 * midnight carries over (no arrivals from 00:00 to 01:00, yet callers
 * wait then), which it does not with nights closed. */
static const char rtc_cfg[] =
    "horizon = { intervals = %d; interval_minutes = 60; start = \"00:00\"; %s };\n"
    "calls = ( { name = \"care\"; calls_per_hour = [ %s ];\n"
    "            handle_time = { dist = \"exponential\"; mean = 240.0; };\n"
    "            patience = { dist = \"exponential\"; mean = 1800.0; }; } );\n"
    "backoffice = ( { name = \"mail\"; items_per_hour = %s; deadline = \"12h\";\n"
    "                 batches = ( %s );\n"
    "                 handle_time = { dist = \"exponential\"; mean = \"10m\"; }; } );\n"
    "agents = ( { name = \"team\"; count = [ %s ]; serves = [ \"care\" ];\n"
    "             backoffice = [ \"mail\" ]; } );\n"
    "run = { replications = 3; seed = 23; };\n";

static void rtc_day(char *rates, char *counts, size_t n, double f)
{
    /* 0 calls 00-01, 30/h at night, 120/h by day, a late rush 22-24 */
    size_t lr = strlen(rates), lc = strlen(counts);
    for (int h = 0; h < 24; h++) {
        double r = h == 0 ? 0 : h < 7 ? 30 : h < 22 ? 120 : 200;
        int c = h < 7 ? 3 : h < 22 ? 10 : 4;
        lr += (size_t)snprintf(rates + lr, n - lr, "%s%.1f", lr ? ", " : "", r * f);
        lc += (size_t)snprintf(counts + lc, n - lc, "%s%d", lc ? ", " : "", c);
    }
}

START_TEST(test_days_round_the_clock)
{
    char rates1[1024] = "", counts1[512] = "", rates2[2048] = "", counts2[1024] = "";
    rtc_day(rates1, counts1, sizeof counts1, 1.0);
    rtc_day(rates2, counts2, sizeof counts2, 1.0);
    rtc_day(rates2, counts2, sizeof counts2, 0.5);
    char text[8192];
    snprintf(text, sizeof text, rtc_cfg, 24,
             "days = 2; day_factors = [ 1.0, 0.5 ]; round_the_clock = true;", rates1, "4.0",
             "{ at = \"08:00\"; items = 11; }", counts1);
    ccs_scenario *rtc = parse(text, NULL, 0);
    char mail2[512] = "";
    for (int k = 0; k < 48; k++) {
        size_t l = strlen(mail2);
        snprintf(mail2 + l, sizeof mail2 - l, "%s%.1f", k ? ", " : "", k < 24 ? 4.0 : 2.0);
    }
    char mail_list[600];
    snprintf(mail_list, sizeof mail_list, "[ %s ]", mail2);
    snprintf(text, sizeof text, rtc_cfg, 48, "", rates2, mail_list,
             "{ at = \"08:00\"; items = 11; }, { at = \"32:00\"; items = 6; }", counts2);
    ccs_scenario *one = parse(text, NULL, 0);
    ck_assert_int_eq(rtc->n_intervals, 48);
    ccs_results *rr = ccs_test_sim(rtc, 2), *ro = ccs_test_sim(one, 1);
    for (int r = 0; r < 3; r++) {
        assert_day_is(rr, r, 0, ro, r);   /* the whole 48 h: one "day" of each */
        ccs_tally_rep v = ccs_tallies_rep(rr->tallies, r);
        /* the batches came on both days at 08:00, in the interval that
         * starts then (6 = round(11 x 0.5) on day 2) */
        ck_assert_double_ge(ccs_bo_tally_at(&v, 8, 0)->arrived, 11);
        ck_assert_double_ge(ccs_bo_tally_at(&v, 32, 0)->arrived, 6);
        ck_assert_double_lt(ccs_bo_tally_at(&v, 31, 0)->arrived, 6);
    }
    /* callers wait from 00:00 to 01:00 of day 2 though none arrive then */
    double carried = 0;
    for (int r = 0; r < 3; r++) {
        ccs_tally_rep v = ccs_tallies_rep(rr->tallies, r);
        ck_assert_double_eq(ccs_tally_at(&v, 24, 0)->offered, 0);
        carried += ccs_tally_at(&v, 24, 0)->queue_area;
    }
    ck_assert_double_gt(carried, 0);
    ccs_results_free(rr);
    ccs_results_free(ro);
    ccs_scenario_free(one);

    /* nights closed (the default): nothing waits at day 2's 00:00 */
    const char *closed[] = {"horizon.round_the_clock=false"};
    snprintf(text, sizeof text, rtc_cfg, 24, "days = 2; day_factors = [ 1.0, 0.5 ]; "
             "round_the_clock = true;", rates1, "4.0", "{ at = \"08:00\"; items = 11; }",
             counts1);
    ccs_scenario *nights = parse(text, closed, 1);
    ccs_results *rn = ccs_test_sim(nights, 1);
    for (int r = 0; r < 3; r++) {
        ccs_tally_rep v = ccs_tallies_rep(rn->tallies, r);
        ck_assert_double_eq(ccs_tally_at(&v, 24, 0)->queue_area, 0);
    }
    ccs_results_free(rn);
    ccs_scenario_free(nights);
    ccs_scenario_free(rtc);

    /* a campaign's window repeats every day round the clock: dials in
     * 08:00-18:00 of both days, none outside */
    static const char camp_cfg[] =
        "horizon = { intervals = 24; interval_minutes = 60; days = 2;\n"
        "            round_the_clock = true; };\n"
        "agents = ( { name = \"team\"; count = 6; } );\n"
        "outbound = { campaigns = ( {\n"
        "  name = \"sales\"; mode = \"progressive\"; agents = [ \"team\" ];\n"
        "  list_size = 20000; window = [ 8, 17 ];\n"
        "  outcomes = { no_answer = 0.5; machine = 0.2; right_party = 0.3; };\n"
        "  talk_time = { right_party = { dist = \"exponential\"; mean = 200.0; }; };\n"
        "} ); };\n"
        "run = { replications = 1; seed = 29; };\n";
    ccs_scenario *cs = parse(camp_cfg, NULL, 0);
    ccs_results *rc = ccs_test_sim(cs, 1);
    ccs_tally_rep vc = ccs_tallies_rep(rc->tallies, 0);
    for (int k = 0; k < 48; k++) {
        int in = k % 24 >= 8 && k % 24 <= 17;
        double dials = ccs_campaign_tally_at(&vc, k, 0)->dials;
        ck_assert_msg(in ? dials > 10 : dials == 0, "interval %d: %g dials", k, dials);
    }
    ccs_results_free(rc);
    ccs_scenario_free(cs);

    /* a day that is not 24 h cannot run round the clock */
    snprintf(text, sizeof text, rtc_cfg, 23, "days = 2; round_the_clock = true;", "10.0", "4.0",
             "{ at = \"08:00\"; items = 1; }", "5");
    ccs_error err;
    ck_assert_ptr_null(ccs_scenario_parse(text, "r.cfg", NULL, 0, &err));
    ck_assert_str_eq(err.key, "horizon.round_the_clock");
    ck_assert_int_eq(err.line, 1);
}
END_TEST

START_TEST(test_days_bad_input)
{
    static const struct {
        const char *set, *key;
    } cases[] = {
        {"horizon.days=0", "horizon.days"},
        {"horizon.days=367", "horizon.days"},
        {"horizon.days=-2", "horizon.days"},
        {"horizon.days=3", "horizon.day_factors"},
        {"horizon.day_factors.[1]=-0.5", "horizon.day_factors.[1]"},
        {"horizon.interval_minutes=150", "horizon.days"},
    };
    char text[4096];
    snprintf(text, sizeof text, "%s", light_cfg);
    char *h = strstr(text, "days = 4; };");
    ck_assert_ptr_nonnull(h);
    char rest[4096];
    snprintf(rest, sizeof rest, "%s", h + strlen("days = 4; };"));
    snprintf(h, sizeof text - (size_t)(h - text),
             "days = 4; day_factors = [ 1.0, 0.5, 1.5, 1.0 ]; };%s", rest);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *sets[] = {cases[i].set};
        ccs_error err;
        ck_assert_msg(ccs_scenario_parse(text, "d.cfg", sets, 1, &err) == NULL, "case %zu", i);
        ck_assert_msg(err.code == CCS_ECONFIG && strcmp(err.key, cases[i].key) == 0 &&
                          err.line == 1,
                      "case %zu: %d %s:%d %s: %s", i, (int)err.code, err.file, err.line, err.key,
                      err.msg);
    }
}
END_TEST

/* Costs over several days: each day is costed on its own intervals and a
 * replication's figures are its average day's, so with nothing carried
 * over the cost of replication r is the mean of the one-day run's
 * replications r x N + d, item by item; with day factors the days differ
 * and so do their costs. */
START_TEST(test_days_costs)
{
    char text[4096];
    snprintf(text, sizeof text, "%s", light_cfg);
    char *g = strstr(text, "backoffice = [ \"claims\" ]; },");
    ck_assert_ptr_nonnull(g);
    char rest[4096];
    snprintf(rest, sizeof rest, "%s", g + strlen("backoffice = [ \"claims\" ]; },"));
    snprintf(g, sizeof text - (size_t)(g - text),
             "backoffice = [ \"claims\" ];\n"
             "  cost = { model = \"captive\"; wage_per_hour = 20.0; benefits = 0.3;\n"
             "           shrinkage = 0.25; seat_per_month = 600.0; telephony_per_minute = 0.01;\n"
             "           agents_per_supervisor = 8; supervisor_wage_per_hour = 30.0; }; },%s",
             rest);
    size_t l = strlen(text);
    snprintf(text + l, sizeof text - l,
             "cost = { sla = { target = 0.8; penalty_per_point = 10.0; period = \"day\"; }; };\n");
    ccs_scenario *multi = parse(text, NULL, 0);
    const char *one[] = {"horizon.days=1"};
    ccs_scenario *single = parse(text, one, 1);
    single->replications = 12;
    ccs_results *rm = ccs_test_sim(multi, 2), *rs = ccs_test_sim(single, 1);
    ccs_error err;
    ccs_cost_result *cm = ccs_cost_compute(rm, &err), *cs = ccs_cost_compute(rs, &err);
    ck_assert_ptr_nonnull(cm);
    ck_assert_ptr_nonnull(cs);
    ck_assert(cm->costed);
    for (int r = 0; r < 3; r++) {
        double want = 0, wages = 0, handled = 0;
        for (int d = 0; d < 4; d++) {
            want += cs->rep[r * 4 + d].total / 4;
            wages += cs->rep[r * 4 + d].item[CCS_ITEM_WAGES] / 4;
            handled += cs->rep[r * 4 + d].handled / 4;
        }
        CCS_ASSERT_CLOSE("total", cm->rep[r].total, want, 1e-12, 1e-9);
        CCS_ASSERT_CLOSE("wages", cm->rep[r].item[CCS_ITEM_WAGES], wages, 1e-12, 1e-9);
        CCS_ASSERT_CLOSE("handled", cm->rep[r].handled, handled, 1e-12, 1e-9);
        ck_assert_double_gt(cm->rep[r].total, 0);
    }
    /* per day is the average day, per month that times the days a month */
    CCS_ASSERT_CLOSE("per month", cm->per_month.mean,
                     cm->per_day.mean * multi->cost.operating_days_per_month, 1e-12, 0);
    CCS_ASSERT_CLOSE("per hour", cm->per_hour.mean, cm->per_day.mean / 6.0, 1e-12, 0);
    ccs_cost_result_free(cm);
    ccs_cost_result_free(cs);
    ccs_results_free(rm);
    ccs_results_free(rs);
    ccs_scenario_free(multi);
    ccs_scenario_free(single);
}
END_TEST

Suite *backoffice_suite(void)
{
    Suite *s = suite_create("backoffice");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_bo_conservation);
    tcase_add_test(tc, test_bo_mmc_deadline);
    tcase_add_test(tc, test_bo_empty_identical);
    tcase_add_test(tc, test_bo_ranges);
    tcase_add_test(tc, test_bo_bad_input);
    tcase_add_test(tc, test_days_equal_single_days);
    tcase_add_test(tc, test_days_schedule_per_day);
    tcase_add_test(tc, test_days_chat);
    tcase_add_test(tc, test_days_chat_reports);
    tcase_add_test(tc, test_bo_guaranteed_share);
    tcase_add_test(tc, test_days_outbound);
    tcase_add_test(tc, test_days_round_the_clock);
    tcase_add_test(tc, test_days_costs);
    tcase_add_test(tc, test_days_carry_over);
    tcase_add_test(tc, test_days_bad_input);
    suite_add_tcase(s, tc);
    return s;
}
