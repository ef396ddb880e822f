/*
 * check_scenario.c — the scenario reader: the shipped scenarios parse to
 * the values written in them, units and per-interval forms convert, --set
 * overrides apply before validation, and every bad input in
 * tests/data/bad/ is rejected with the exact "file:line: key: message"
 * recorded next to it (curl-style: add a .cfg and its .expected, no code).
 */
#include "ccs_test.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "ccsim/scenario.h"
#include "ccsim/workload.h"

#define BAD_DIR "tests/data/bad"

static ccs_scenario *load_ok(const char *path, const char *const *sets, int n)
{
    ccs_error e;
    char buf[600];
    ccs_scenario *sc = ccs_scenario_load(path, sets, n, &e);
    ck_assert_msg(sc != NULL, "%s: %s", path ? path : "(default)",
                  ccs_error_format(&e, buf, sizeof buf));
    return sc;
}

static ccs_scenario *parse_ok(const char *text)
{
    ccs_error e;
    char buf[600];
    ccs_scenario *sc = ccs_scenario_parse(text, "inline.cfg", NULL, 0, &e);
    ck_assert_msg(sc != NULL, "inline: %s", ccs_error_format(&e, buf, sizeof buf));
    return sc;
}

/* Line (1-based) of the first line of path containing needle: positions
 * are checked against the file itself, not against what the reader says. */
static int line_of(const char *path, const char *needle)
{
    char *text = ccs_test_slurp(path);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    char *hit = strstr(text, needle);
    ck_assert_msg(hit != NULL, "%s: no \"%s\"", path, needle);
    int line = 1;
    for (char *p = text; p < hit; p++) {
        line += *p == '\n';
    }
    free(text);
    return line;
}

/* A minimal valid scenario around one call type body and one count. */
#define MINI(horizon, call_body, count)                                          \
    "horizon = { " horizon " };\n"                                               \
    "calls = ( { name = \"a\"; " call_body " } );\n"                             \
    "agents = ( { name = \"g\"; count = " count "; serves = [ \"a\" ]; } );\n"

#define EXP180 "handle_time = { dist = \"exponential\"; mean = 180.0; };"

/* ----------------------------------------------------------------- core */

START_TEST(test_mmc)
{
    ccs_scenario *sc = load_ok("scenarios/mmc.cfg", NULL, 0);
    ck_assert_str_eq(sc->name, "M/M/c textbook");
    ck_assert_str_eq(sc->file, "scenarios/mmc.cfg");
    ck_assert_int_eq(sc->n_intervals, 8);
    ck_assert_double_eq_tol(sc->interval_s, 1800.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(sc->n_types, 1);
    const ccs_call_type *ct = &sc->types[0];
    ck_assert_str_eq(ct->name, "sales");
    ck_assert_int_eq(ct->line, line_of("scenarios/mmc.cfg", "calls = ( {"));
    for (int i = 0; i < 8; i++) {
        ck_assert_double_eq_tol(ct->rate_per_hour[i], 1000.0, CCS_TOL_TIGHT);
    }
    ck_assert_int_eq(ct->talk.kind, CCS_DIST_EXPONENTIAL);
    ck_assert_double_eq_tol(ct->talk.mean, 180.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(ct->acw.kind, CCS_DIST_NONE);
    ck_assert_int_eq(ct->patience.kind, CCS_DIST_NONE);
    ck_assert_double_eq_tol(ct->volume_cv, 0.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(ct->sl_threshold_s, 20.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(ct->sl_target, 0.80, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(ct->short_abandon_s, 5.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(ct->queue_capacity, -1);
    ck_assert_double_eq_tol(ct->retry_abandoned, 0.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(ct->retry_blocked, 0.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(ct->retry_delay.kind, CCS_DIST_EXPONENTIAL);
    ck_assert_double_eq_tol(ct->retry_delay.mean, 300.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(ct->max_retrials, 3);
    ck_assert_int_eq(sc->n_groups, 1);
    const ccs_agent_group *g = &sc->groups[0];
    ck_assert_str_eq(g->name, "team");
    for (int i = 0; i < 8; i++) {
        ck_assert_int_eq(g->count[i], 55);
    }
    ck_assert_int_eq(g->n_serves, 1);
    ck_assert_int_eq(g->serves[0], 0);
    ck_assert_double_eq_tol(g->serve_after_s[0], 0.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(sc->replications, 20);
    ck_assert_uint_eq(sc->seed, 7);
    ck_assert_double_eq_tol(sc->warmup_s, 1800.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(sc->sl_definition, CCS_SL_OFFERED);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_mmc_abandon)
{
    ccs_scenario *sc = load_ok("scenarios/mmc-abandon.cfg", NULL, 0);
    ck_assert_int_eq(sc->types[0].patience.kind, CCS_DIST_EXPONENTIAL);
    ck_assert_double_eq_tol(sc->types[0].patience.mean, 60.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(sc->types[0].talk.mean, 180.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(sc->groups[0].count[7], 55);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_two_types)
{
    static const double sales[16] = {250, 320, 400, 450, 460, 430, 360, 300,
                                     330, 400, 440, 420, 380, 330, 280, 220};
    ccs_scenario *sc = load_ok("scenarios/two-types.cfg", NULL, 0);
    ck_assert_int_eq(sc->n_types, 2);
    ck_assert_int_eq(sc->n_groups, 3);
    int s = ccs_scenario_find_type(sc, "sales");
    int v = ccs_scenario_find_type(sc, "service");
    ck_assert_int_eq(s, 0);
    ck_assert_int_eq(v, 1);
    const ccs_call_type *ts = &sc->types[s];
    const ccs_call_type *tv = &sc->types[v];
    for (int i = 0; i < 16; i++) {
        ck_assert_double_eq_tol(ts->rate_per_hour[i], sales[i], CCS_TOL_TIGHT);
        ck_assert_double_eq_tol(tv->rate_per_hour[i], 600.0, 1e-9);   /* "10/min" */
    }
    ck_assert_int_eq(ts->talk.kind, CCS_DIST_ERLANG);
    ck_assert_int_eq(ts->talk.k, 3);
    ck_assert_int_eq(ts->acw.kind, CCS_DIST_DETERMINISTIC);
    ck_assert_double_eq_tol(ts->acw.mean, 40.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(ts->patience.kind, CCS_DIST_EMPIRICAL);
    ck_assert_int_eq(ts->patience.n, 5);
    ck_assert_ptr_nonnull(ts->patience.cdf);
    ck_assert_double_eq_tol(ts->patience.x[3], 120.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(ts->patience.cdf[3], 0.80, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(ts->sl_target, 0.80, CCS_TOL_TIGHT);   /* "80%" */
    ck_assert_double_eq_tol(ts->retry_abandoned, 0.2, CCS_TOL_TIGHT);
    ck_assert_int_eq(tv->talk.kind, CCS_DIST_GAMMA);
    ck_assert_double_eq_tol(tv->talk.mean, 360.0, 1e-9);           /* "6m" */
    ck_assert_double_eq_tol(tv->talk.cv, 0.9, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(tv->patience.mean, 240.0, 1e-9);       /* "4m" */
    ck_assert_double_eq_tol(tv->sl_threshold_s, 60.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(tv->sl_target, 0.90, CCS_TOL_TIGHT);
    ck_assert_int_eq(tv->queue_capacity, 40);
    ck_assert_double_eq_tol(tv->retry_blocked, 0.7, CCS_TOL_TIGHT);
    ck_assert_int_eq(tv->retry_delay.kind, CCS_DIST_UNIFORM);
    ck_assert_double_eq_tol(tv->retry_delay.min, 120.0, 1e-9);
    ck_assert_double_eq_tol(tv->retry_delay.max, 600.0, 1e-9);
    ck_assert_int_eq(tv->max_retrials, 2);

    int gs = ccs_scenario_find_group(sc, "sales-team");
    int gv = ccs_scenario_find_group(sc, "service-team");
    int gg = ccs_scenario_find_group(sc, "generalists");
    ck_assert(gs == 0 && gv == 1 && gg == 2);
    ck_assert_int_eq(ccs_scenario_find_group(sc, "nobody"), -1);
    ck_assert_int_eq(ccs_scenario_find_type(sc, "Sales"), -1);
    ck_assert_int_eq(sc->groups[gs].count[3], 30);
    ck_assert_int_eq(sc->groups[gs].serves[0], s);
    ck_assert_int_eq(sc->groups[gs].serves[1], v);
    ck_assert_double_eq_tol(sc->groups[gs].serve_after_s[1], 30.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(sc->groups[gv].serves[0], v);
    ck_assert_double_eq_tol(sc->groups[gv].serve_after_s[1], 60.0, 1e-9);   /* "1m" */
    ck_assert_int_eq(sc->groups[gg].count[0], 6);
    ck_assert_double_eq_tol(sc->groups[gg].serve_after_s[1], 0.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(sc->sl_definition, CCS_SL_EXCL_SHORT);
    ck_assert_uint_eq(sc->seed, 42);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_per_interval_and_counts)
{
    /* calls_per_interval counts become rates: 100 per 30 min = 200/h,
     * 100 per 15 min = 400/h. */
    ccs_scenario *sc = parse_ok(MINI("intervals = 3; interval_minutes = 30;",
                                     "calls_per_interval = ( 100, 0, 250.5 ); " EXP180,
                                     "[ 10, 0, 12 ]"));
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[0], 200.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[1], 0.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[2], 501.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(sc->groups[0].count[0], 10);
    ck_assert_int_eq(sc->groups[0].count[1], 0);
    ck_assert_int_eq(sc->groups[0].count[2], 12);
    ccs_scenario_free(sc);

    sc = parse_ok(MINI("intervals = 2; interval_minutes = 15;",
                       "calls_per_interval = 100; " EXP180, "9"));
    ck_assert_double_eq_tol(sc->interval_s, 900.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[1], 400.0, CCS_TOL_TIGHT);
    ccs_scenario_free(sc);

    /* A per-hour array may mix numbers and unit strings in a list ( ). */
    sc = parse_ok(MINI("intervals = 2;", "calls_per_hour = ( 600, \"20/min\" ); " EXP180, "9"));
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[0], 600.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[1], 1200.0, 1e-9);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_units)
{
    ccs_scenario *sc = parse_ok(
        "horizon = { intervals = 4; interval_minutes = \"15m\"; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = \"16/min\";\n"
        "  talk_time = { dist = \"lognormal\"; mean = \"3m\"; cv = 0.5; };\n"
        "  after_call_work = { dist = \"uniform\"; min = \"10s\"; max = \"1.5m\"; };\n"
        "  patience = { dist = \"empirical\"; values = ( 30, \"1m\", 90.0 ); };\n"
        "  service_level = \"90/30\"; short_abandon = \"3s\"; } );\n"
        "agents = ( { name = \"g\"; count = 9; serves = [ \"a\" ]; } );\n"
        "run = { warmup_minutes = \"1h\"; };\n");
    const ccs_call_type *ct = &sc->types[0];
    ck_assert_double_eq_tol(sc->interval_s, 900.0, 1e-9);
    ck_assert_double_eq_tol(ct->rate_per_hour[3], 960.0, 1e-9);
    ck_assert_double_eq_tol(ct->talk.mean, 180.0, 1e-9);
    ck_assert_double_eq_tol(ct->acw.min, 10.0, 1e-9);
    ck_assert_double_eq_tol(ct->acw.max, 90.0, 1e-9);
    ck_assert_int_eq(ct->patience.n, 3);
    ck_assert_ptr_null(ct->patience.cdf);
    ck_assert_double_eq_tol(ct->patience.x[1], 60.0, 1e-9);
    ck_assert_double_eq_tol(ct->sl_target, 0.90, 1e-12);
    ck_assert_double_eq_tol(ct->sl_threshold_s, 30.0, 1e-12);
    ck_assert_double_eq_tol(ct->short_abandon_s, 3.0, 1e-12);
    ck_assert_double_eq_tol(sc->warmup_s, 3600.0, 1e-9);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_defaults_and_name)
{
    ccs_error e;
    /* No horizon, no run, no name: the documented defaults; the name is the
     * file's base name. */
    ccs_scenario *sc = ccs_scenario_parse(MINI("", "calls_per_hour = 100; " EXP180, "5"),
                                          "some/dir/minimal.cfg", NULL, 0, &e);
    ck_assert_ptr_nonnull(sc);
    ck_assert_str_eq(sc->name, "minimal");
    ck_assert_str_eq(sc->file, "some/dir/minimal.cfg");
    ck_assert_int_eq(sc->n_intervals, 48);
    ck_assert_double_eq_tol(sc->interval_s, 1800.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(sc->replications, 10);
    ck_assert_uint_eq(sc->seed, 1);
    ck_assert_double_eq_tol(sc->warmup_s, 0.0, CCS_TOL_TIGHT);
    ck_assert_int_eq(sc->sl_definition, CCS_SL_OFFERED);
    ck_assert_int_eq(sc->groups[0].count[47], 5);
    ccs_scenario_free(sc);
    ck_assert_str_eq(ccs_sl_def_name(CCS_SL_OFFERED), "offered");
    ck_assert_str_eq(ccs_sl_def_name(CCS_SL_EXCL_SHORT), "excluding_short");
    ck_assert_str_eq(ccs_sl_def_name(CCS_SL_ANSWERED), "answered");
    ccs_scenario_free(NULL);
}
END_TEST

START_TEST(test_default_scenario)
{
    ccs_scenario *sc = load_ok(NULL, NULL, 0);
    ck_assert_str_eq(sc->file, "(default)");
    ck_assert_int_eq(sc->n_intervals, 28);
    ck_assert_int_eq(sc->n_types, 1);
    const ccs_call_type *ct = &sc->types[0];
    double calls = 0.0;
    double peak_am = 0.0;
    double peak_pm = 0.0;
    for (int i = 0; i < sc->n_intervals; i++) {
        double c = ct->rate_per_hour[i] * sc->interval_s / 3600.0;
        calls += c;
        if (i < 12 && c > peak_am) {
            peak_am = c;
        }
        if (i >= 12 && c > peak_pm) {
            peak_pm = c;
        }
    }
    /* A day of 10-20k calls with two peaks around a lunch dip (12:30). */
    ck_assert_msg(calls >= 10000 && calls <= 20000, "calls per day %g", calls);
    double lunch = ct->rate_per_hour[11] * sc->interval_s / 3600.0;
    ck_assert(lunch < peak_am && lunch < peak_pm);
    /* AHT about 300 s as talk + acw, patience ~3 min, 30% retry. */
    ck_assert_int_eq(ct->talk.kind, CCS_DIST_LOGNORMAL);
    ck_assert_int_eq(ct->acw.kind, CCS_DIST_GAMMA);
    ck_assert_double_eq_tol(ccs_dist_mean(&ct->talk) + ccs_dist_mean(&ct->acw), 300.0, 1e-9);
    ck_assert_int_eq(ct->patience.kind, CCS_DIST_EXPONENTIAL);
    ck_assert_double_eq_tol(ct->patience.mean, 180.0, 1e-9);
    ck_assert_double_eq_tol(ct->retry_abandoned, 0.30, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(ct->retry_delay.mean, 300.0, 1e-9);
    ck_assert_int_eq(sc->replications, 10);
    ck_assert_uint_eq(sc->seed, 1);
    /* The schedule follows the load: the offered load per agent stays
     * below 1 in every interval (a staffing that Erlang C could accept). */
    for (int i = 0; i < sc->n_intervals; i++) {
        double load = ct->rate_per_hour[i] * 300.0 / 3600.0;
        ck_assert_msg(load < sc->groups[0].count[i], "interval %d: load %g on %d agents", i,
                      load, sc->groups[0].count[i]);
        ck_assert_msg(load > 0.75 * sc->groups[0].count[i], "interval %d: overstaffed", i);
    }
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_default_text_identical)
{
    char *file = ccs_test_slurp("scenarios/default.cfg");
    ck_assert_msg(file != NULL, "cannot read scenarios/default.cfg");
    const char *emb = ccs_scenario_default_text();
    ck_assert_uint_eq(strlen(emb), strlen(file));
    ck_assert_msg(strcmp(emb, file) == 0,
                  "src/scenario/scenario_default.c differs from scenarios/default.cfg: regenerate it "
                  "(see the comment at its top)");
    free(file);
}
END_TEST

/* The derived quantities of workload.h, by hand from the files: mmc.cfg is
 * 1000 calls/h of 180 s on 55 agents, 8 half-hour intervals and a 30 min
 * warm-up; two-types.cfg's first group has a per-interval count;
 * outbound-collections.cfg talks 240 s and wraps 60 s per right party. */
START_TEST(test_derived_quantities)
{
    ccs_scenario *sc = load_ok("scenarios/mmc.cfg", NULL, 0);
    CCS_ASSERT_CLOSE("aht", ccs_workload_type_aht(&sc->types[0]), 180.0, CCS_TOL_TIGHT, 0);
    CCS_ASSERT_CLOSE("load", ccs_workload_erlangs(sc, 0, 3, -1), 50.0, CCS_TOL_TIGHT, 0);
    CCS_ASSERT_CLOSE("arrivals", ccs_workload_arrivals(sc, 0), 1000.0 * 0.5 * 9, CCS_TOL_TIGHT,
                     0);
    ck_assert_int_eq(ccs_workload_agents(sc, 7), 55);
    CCS_ASSERT_CLOSE("staffed", ccs_workload_staffed_s(sc, 0, 2), 55 * 1800.0, 0, 0);
    ccs_scenario_free(sc);

    sc = load_ok("scenarios/two-types.cfg", NULL, 0);
    ck_assert_int_eq(ccs_workload_agents(sc, 3), 30 + 58 + 6);
    CCS_ASSERT_CLOSE("staffed", ccs_workload_staffed_s(sc, 0, 15), 14 * 1800.0, 0, 0);
    ccs_scenario_free(sc);

    sc = load_ok("scenarios/outbound-collections.cfg", NULL, 0);
    CCS_ASSERT_CLOSE("campaign aht", ccs_workload_campaign_aht(&sc->campaigns[0]), 300.0,
                     CCS_TOL_TIGHT, 0);
    ccs_scenario_free(sc);
}
END_TEST

/* ------------------------------------------------------------ overrides */

START_TEST(test_set_existing)
{
    const char *sets[] = {
        "agents.[0].count=60",              /* int stays int */
        "calls.[0].calls_per_hour=900",     /* float given an int stays float */
        "run.warmup_minutes=7.5",           /* int given a float becomes float */
        "calls.[0].handle_time.mean=4m",    /* a unit string */
        "run.seed=5000000000",              /* beyond 32 bits */
        "name=123",                         /* a string stays a string */
    };
    ccs_scenario *sc = load_ok("scenarios/mmc.cfg", sets, 6);
    ck_assert_int_eq(sc->groups[0].count[3], 60);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[0], 900.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(sc->warmup_s, 450.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(sc->types[0].talk.mean, 240.0, 1e-9);
    ck_assert_uint_eq(sc->seed, 5000000000ULL);
    ck_assert_str_eq(sc->name, "123");
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_set_create_and_elements)
{
    const char *sets[] = {
        "run.sl_definition=answered",         /* created, bare string */
        "calls.[0].queue_capacity=10",        /* created in an existing group */
        "name=\"Quoted name\"",
        "calls.[0].volume_cv=0.1",
    };
    ccs_scenario *sc = load_ok("scenarios/mmc.cfg", sets, 4);
    ck_assert_int_eq(sc->sl_definition, CCS_SL_ANSWERED);
    ck_assert_int_eq(sc->types[0].queue_capacity, 10);
    ck_assert_str_eq(sc->name, "Quoted name");
    ck_assert_double_eq_tol(sc->types[0].volume_cv, 0.1, CCS_TOL_TIGHT);
    ccs_scenario_free(sc);

    /* Elements of per-interval arrays, including a float into an int array. */
    const char *el[] = {"agents.[0].count.[6]=150", "calls.[0].calls_per_interval.[0]=224.5"};
    sc = load_ok(NULL, el, 2);
    ck_assert_int_eq(sc->groups[0].count[6], 150);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[0], 449.0, CCS_TOL_TIGHT);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_set_out_of_range)
{
    ccs_error e;
    /* Overrides are validated like the file: the key and the line of the
     * original setting. */
    const char *bad[] = {"run.seed=-4"};
    ck_assert_ptr_null(ccs_scenario_load("scenarios/mmc.cfg", bad, 1, &e));
    ck_assert_int_eq(e.code, CCS_ECONFIG);
    ck_assert_str_eq(e.key, "run.seed");
    ck_assert_str_eq(e.file, "scenarios/mmc.cfg");
    ck_assert_int_eq(e.line, line_of("scenarios/mmc.cfg", "run = {"));

    /* An int setting given a fraction becomes a float and is refused. */
    const char *frac[] = {"agents.[0].count=54.5"};
    ck_assert_ptr_null(ccs_scenario_load("scenarios/mmc.cfg", frac, 1, &e));
    ck_assert_int_eq(e.code, CCS_ECONFIG);
    ck_assert_str_eq(e.key, "agents.[0].count");
    ck_assert_msg(strstr(e.msg, "54.5") != NULL, "msg: %s", e.msg);

    /* A created setting has no line. */
    const char *created[] = {"calls.[0].queue_capacity=-1"};
    ck_assert_ptr_null(ccs_scenario_load("scenarios/mmc.cfg", created, 1, &e));
    ck_assert_int_eq(e.code, CCS_ECONFIG);
    ck_assert_str_eq(e.key, "calls.[0].queue_capacity");
    ck_assert_int_eq(e.line, 0);

    const char *typo[] = {"run.sede=3"};
    ck_assert_ptr_null(ccs_scenario_load("scenarios/mmc.cfg", typo, 1, &e));
    ck_assert_int_eq(e.code, CCS_ECONFIG);
    ck_assert_str_eq(e.key, "run.sede");
}
END_TEST

/* An override that changes a setting's type re-creates it (libconfig's
 * setters keep types) and re-creates its later siblings behind it: the
 * file's order, lines and numbers as written must survive. */
START_TEST(test_set_retyped_keeps_place)
{
    ccs_error e;
    /* Element 0 becomes a float; element 7, re-created behind it, keeps its
     * line in the file. */
    const char *el[] = {"calls.[0].calls_per_interval.[0]=224.5",
                        "calls.[0].calls_per_interval.[7]=-3"};
    ck_assert_ptr_null(ccs_scenario_load("scenarios/default.cfg", el, 2, &e));
    ck_assert_int_eq(e.code, CCS_ECONFIG);
    ck_assert_str_eq(e.key, "calls.[0].calls_per_interval.[7]");
    ck_assert_int_eq(e.line, line_of("scenarios/default.cfg", "782,"));
    ck_assert_str_eq(e.file, "scenarios/default.cfg");

    /* A retyped setting keeps its own line too. */
    const char *frac[] = {"agents.[0].count=54.5"};
    ck_assert_ptr_null(ccs_scenario_load("scenarios/mmc.cfg", frac, 1, &e));
    ck_assert_int_eq(e.line, line_of("scenarios/mmc.cfg", "count = 55"));

    /* A number libconfig 1.5 cannot store, in a re-created sibling, is
     * still quoted as written, at its line. */
    static const char text[] =
        MINI("intervals = 2; interval_minutes = 30;", "calls_per_hour = 10.0; " EXP180, "5")
        "run = { warmup_minutes = 0;\n"
        "        replications = 4294967298; };\n";
    const char *warm[] = {"run.warmup_minutes=1.5"};
    ck_assert_ptr_null(ccs_scenario_parse(text, "inline.cfg", warm, 1, &e));
    ck_assert_str_eq(e.key, "run.replications");
    ck_assert_int_eq(e.line, 5);
    ck_assert_msg(strstr(e.msg, "got 4294967298") != NULL, "msg: %s", e.msg);

    /* Members keep their order: the first unknown key is still the first. */
    static const char order[] =
        MINI("intervals = 2; interval_minutes = 30;", "calls_per_hour = 10.0; " EXP180, "5")
        "run = { zz = 1; yy = 2; };\n";
    const char *zz[] = {"run.zz=1.5"};
    ck_assert_ptr_null(ccs_scenario_parse(order, "inline.cfg", zz, 1, &e));
    ck_assert_str_eq(e.key, "run.zz");

    /* And the values that follow a retyped one are read as before. */
    const char *ok[] = {"calls.[0].calls_per_interval.[0]=224.5"};
    ccs_scenario *sc = load_ok(NULL, ok, 1);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[0], 449.0, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[7], 782.0 * 2, CCS_TOL_TIGHT);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[27], 127.0 * 2, CCS_TOL_TIGHT);
    ccs_scenario_free(sc);

    /* A group re-created behind a retyped member keeps its members' lines. */
    static const char nested[] = "horizon = { intervals = 2; interval_minutes = 30; };\n"
                                 "calls = ( { name = \"a\"; calls_per_hour = 10;\n"
                                 "            handle_time = { dist = \"exponential\";\n"
                                 "                            mean = 180.0; }; } );\n"
                                 "agents = ( { name = \"g\"; count = 5; serves = [ \"a\" ]; } );\n";
    const char *mean[] = {"calls.[0].calls_per_hour=10.5", "calls.[0].handle_time.mean=-1"};
    ck_assert_ptr_null(ccs_scenario_parse(nested, "inline.cfg", mean, 2, &e));
    ck_assert_str_eq(e.key, "calls.[0].handle_time.mean");
    ck_assert_int_eq(e.line, 4);
}
END_TEST

START_TEST(test_set_malformed)
{
    static const char *const cases[] = {
        "run.seed",                     /* no '=' */
        "=3",                           /* empty path */
        "run.seed=",                    /* empty value */
        "calls.[0].patience.mean=60",   /* parent group missing */
        "nothing.here=1",               /* parent group missing */
        "calls=3",                      /* a list, not a value */
        "calls.[7]=3",                  /* no such element, cannot create */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ccs_error e;
        const char *one[] = {cases[i]};
        ccs_scenario *sc = ccs_scenario_load("scenarios/mmc.cfg", one, 1, &e);
        ck_assert_msg(sc == NULL, "--set %s accepted", cases[i]);
        ck_assert_msg(e.code == CCS_EINVAL, "--set %s: code %d", cases[i], (int)e.code);
        ck_assert_str_eq(e.key, cases[i]);
        ck_assert_msg(strstr(e.msg, "--set PATH=VALUE") != NULL, "--set %s: msg %s", cases[i],
                      e.msg);
    }
}
END_TEST

/* --------------------------------------------------------------- errors */

static char *chomp(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) {
        s[--n] = '\0';
    }
    return s;
}

START_TEST(test_bad_inputs)
{
    DIR *d = opendir(BAD_DIR);
    ck_assert_msg(d != NULL, "cannot open %s", BAD_DIR);
    int n = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len < 5 || strcmp(ent->d_name + len - 4, ".cfg") != 0) {
            continue;
        }
        char cfg[512];
        char exp_path[512];
        snprintf(cfg, sizeof cfg, "%s/%s", BAD_DIR, ent->d_name);
        snprintf(exp_path, sizeof exp_path, "%s/%.*s.expected", BAD_DIR, (int)(len - 4),
                 ent->d_name);
        char *want = ccs_test_slurp(exp_path);
        ck_assert_msg(want != NULL, "%s has no %s", cfg, exp_path);
        chomp(want);

        ccs_error e;
        char got[600];
        ccs_scenario *sc = ccs_scenario_load(cfg, NULL, 0, &e);
        ck_assert_msg(sc == NULL, "%s was accepted", cfg);
        ck_assert_msg(e.code == CCS_ECONFIG, "%s: code %d", cfg, (int)e.code);
        ccs_error_format(&e, got, sizeof got);
        /* The expected line may be the whole message or a prefix of it. */
        ck_assert_msg(strncmp(got, want, strlen(want)) == 0, "%s:\n  got  %s\n  want %s", cfg,
                      got, want);
        free(want);
        n++;
    }
    closedir(d);
    ck_assert_msg(n >= 16, "only %d bad-input cases in %s", n, BAD_DIR);
}
END_TEST

START_TEST(test_bad_inputs_cli)
{
    /* The CLI prints the same line and exits 2; one case is enough here. */
    char *out = NULL;
    char *err = NULL;
    int rc = ccs_test_run("run " BAD_DIR "/neg_aht.cfg", &out, &err);
    char *want = ccs_test_slurp(BAD_DIR "/neg_aht.expected");
    ck_assert_ptr_nonnull(want);
    chomp(want);
    ck_assert_int_eq(rc, 2);
    ck_assert_msg(err && strstr(err, want) != NULL, "stderr: %s", err ? err : "(none)");
    ck_assert_msg(out && out[0] == '\0', "stdout not empty: %s", out ? out : "");
    free(want);
    free(out);
    free(err);
}
END_TEST

START_TEST(test_missing_file)
{
    ccs_error e;
    ck_assert_ptr_null(ccs_scenario_load("tests/data/no-such-scenario.cfg", NULL, 0, &e));
    ck_assert_int_eq(e.code, CCS_EIO);
    ck_assert_str_eq(e.file, "tests/data/no-such-scenario.cfg");
    ck_assert_msg(strstr(e.msg, strerror(ENOENT)) != NULL, "msg: %s", e.msg);
    /* A directory opens but cannot be read. */
    ck_assert_ptr_null(ccs_scenario_load("tests/data", NULL, 0, &e));
    ck_assert_int_eq(e.code, CCS_EIO);
}
END_TEST

START_TEST(test_parse_errors_inline)
{
    ccs_error e;
    ck_assert_ptr_null(ccs_scenario_parse("a = ;\n", "inline-name", NULL, 0, &e));
    ck_assert_int_eq(e.code, CCS_ECONFIG);
    ck_assert_str_eq(e.file, "inline-name");
    ck_assert_int_eq(e.line, 1);
    /* err may be NULL. */
    ck_assert_ptr_null(ccs_scenario_parse("calls = 3;\n", "x", NULL, 0, NULL));
    /* Failing after arrays were allocated frees them (ASan checks). */
    ck_assert_ptr_null(ccs_scenario_parse(
        MINI("intervals = 3;", "calls_per_hour = [1.0, 2.0, 3.0]; " EXP180
                               " patience = { dist = \"empirical\"; values = [1.0, 2.0];"
                               " cdf = [0.0, 1.0]; };",
             "[1, 2, 3]") "run = { replications = 0; };\n",
        "x", NULL, 0, &e));
    ck_assert_str_eq(e.key, "run.replications");
}
END_TEST

/* horizon.start: a clock time or minutes after midnight; labels only. */
START_TEST(test_horizon_start)
{
    ccs_scenario *sc = parse_ok(MINI("intervals = 2; start = \"07:30\";",
                                     "calls_per_hour = 10.0; " EXP180, "1"));
    ck_assert_double_eq_tol(sc->start_s, 7.5 * 3600, 1e-9);
    ccs_scenario_free(sc);
    sc = parse_ok(MINI("intervals = 2; start = 480;", "calls_per_hour = 10.0; " EXP180, "1"));
    ck_assert_double_eq_tol(sc->start_s, 8 * 3600, 1e-9);
    ccs_scenario_free(sc);
    sc = load_ok(NULL, NULL, 0);
    ck_assert_double_eq_tol(sc->start_s, 7 * 3600, 1e-9);
    ccs_scenario_free(sc);
    ccs_error e;
    ck_assert_ptr_null(ccs_scenario_parse(
        MINI("intervals = 2; start = \"25:00\";", "calls_per_hour = 10.0; " EXP180, "1"),
        "inline.cfg", NULL, 0, &e));
    ck_assert_str_eq(e.key, "horizon.start");
    ck_assert_int_eq(e.line, 1);
}
END_TEST

/* --------------------------------------------------------------- limits */

START_TEST(test_limits)
{
    ccs_error e;
    /* A seed beyond 32 bits needs libconfig's L suffix in a file. */
    ccs_scenario *sc = parse_ok(MINI("intervals = 1;", "calls_per_hour = 0; " EXP180, "0")
                                "run = { seed = 5000000000L; replications = 100000; };\n");
    ck_assert_uint_eq(sc->seed, 5000000000ULL);
    ck_assert_int_eq(sc->replications, 100000);
    ck_assert_double_eq_tol(sc->types[0].rate_per_hour[0], 0.0, CCS_TOL_TIGHT);
    ccs_scenario_free(sc);

    /* Names: 63 characters fit, 64 do not. */
    char text[1024];
    char name[80];
    memset(name, 'n', 63);
    name[63] = '\0';
    snprintf(text, sizeof text,
             "calls = ( { name = \"%s\"; calls_per_hour = 1; " EXP180 " } );\n"
             "agents = ( { name = \"g\"; count = 1; serves = [ \"%s\" ]; } );\n",
             name, name);
    sc = parse_ok(text);
    ck_assert_uint_eq(strlen(sc->types[0].name), 63);
    ccs_scenario_free(sc);
    memset(name, 'n', 64);
    name[64] = '\0';
    snprintf(text, sizeof text,
             "calls = ( { name = \"%s\"; calls_per_hour = 1; " EXP180 " } );\n"
             "agents = ( { name = \"g\"; count = 1; serves = [ \"%s\" ]; } );\n",
             name, name);
    ck_assert_ptr_null(ccs_scenario_parse(text, "x", NULL, 0, &e));
    ck_assert_str_eq(e.key, "calls.[0].name");

    /* Interval count bounds. */
    ck_assert_ptr_null(ccs_scenario_parse(
        MINI("intervals = 100001;", "calls_per_hour = 1; " EXP180, "1"), "x", NULL, 0, &e));
    ck_assert_str_eq(e.key, "horizon.intervals");
    ck_assert_ptr_null(ccs_scenario_parse(
        MINI("interval_minutes = 0;", "calls_per_hour = 1; " EXP180, "1"), "x", NULL, 0, &e));
    ck_assert_str_eq(e.key, "horizon.interval_minutes");

    /* Deterministic may be 0 (no acw); an exponential may not. */
    sc = parse_ok(MINI("intervals = 1;",
                       "calls_per_hour = 1; talk_time = { dist = \"exponential\"; mean = 9; };"
                       " after_call_work = { dist = \"deterministic\"; mean = 0; };",
                       "1"));
    ck_assert_int_eq(sc->types[0].acw.kind, CCS_DIST_DETERMINISTIC);
    ccs_scenario_free(sc);
    ck_assert_ptr_null(ccs_scenario_parse(
        MINI("intervals = 1;", "calls_per_hour = 1; handle_time = { dist = \"exponential\"; "
                               "mean = 0; };", "1"), "x", NULL, 0, &e));
    ck_assert_str_eq(e.key, "calls.[0].handle_time.mean");
}
END_TEST

/* Bad values of every kind, each the first problem of an otherwise valid
 * scenario: the reader refuses it with CCS_ECONFIG naming the key (and a
 * line when the key is in the text).  Overrides of the default scenario
 * for scalars; inline files for groups, arrays and outbound campaigns. */
#define BASE_OB                                                                            \
    "horizon = { intervals = 2; interval_minutes = 30; };\n"                              \
    "agents = ( { name = \"g\"; count = 5; } );\n"                                      \
    "outbound = { campaigns = ( { name = \"c\"; mode = \"progressive\"; agents = [ \"g\" ];\n" \
    "  list_size = 100; outcomes = { no_answer = 0.5; right_party = 0.5; };\n"           \
    "  talk_time = { right_party = { dist = \"exponential\"; mean = 100.0; }; }; %s } ); };\n"

#define BASE_IN                                                                            \
    "horizon = { intervals = 2; interval_minutes = 30; };\n"                              \
    "calls = ( { name = \"a\"; calls_per_hour = 100.0; %s } );\n"                        \
    "agents = ( { name = \"g\"; count = 5; serves = [ \"a\" ]; %s } );\n"

START_TEST(test_bad_values)
{
    static const struct {
        const char *set, *key;
    } sets[] = {
        {"calls.[0].name=\"a,b\"", "calls.[0].name"},
        {"calls.[0].name=\"\"", "calls.[0].name"},
        {"run.replications=2.5", "run.replications"},
        {"run.replications=0", "run.replications"},
        {"run.sl_definition=3", "run.sl_definition"},
        {"run.sl_definition=\"best\"", "run.sl_definition"},
        {"run.warmup_minutes=-1", "run.warmup_minutes"},
        {"horizon.interval_minutes=0", "horizon.interval_minutes"},
        {"horizon.start=\"25:00\"", "horizon.start"},
        {"horizon.start=true", "horizon.start"},
        {"calls.[0].volume_cv=-0.1", "calls.[0].volume_cv"},
        {"calls.[0].short_abandon=-1", "calls.[0].short_abandon"},
        {"calls.[0].retrial.max=-1", "calls.[0].retrial.max"},
        {"calls.[0].retrial.abandoned=2", "calls.[0].retrial.abandoned"},
        {"calls.[0].retrial.blocked=-0.5", "calls.[0].retrial.blocked"},
        {"calls.[0].queue_capacity=-5", "calls.[0].queue_capacity"},
        {"calls.[0].ours=1", "calls.[0].ours"},
        {"calls.[0].talk_time.cv=-1", "calls.[0].talk_time.cv"},
        {"calls.[0].talk_time.mean=\"soon\"", "calls.[0].talk_time.mean"},
        {"calls.[0].patience.dist=\"nosuch\"", "calls.[0].patience.dist"},
        {"calls.[0].patience.dist=7", "calls.[0].patience.dist"},
        {"calls.[0].service_level.target=0", "calls.[0].service_level.target"},
        {"calls.[0].service_level.threshold=-1", "calls.[0].service_level.threshold"},
        {"calls.[0].calls_per_interval.[0]=-3", "calls.[0].calls_per_interval.[0]"},
        {"agents.[0].count.[2]=-1", "agents.[0].count.[2]"},
        {"agents.[0].count.[2]=1.5", "agents.[0].count.[2]"},
        {"agents.[0].name=\"x\ty\"", "agents.[0].name"},
        {"agents.[0].serves.[0]=\"nobody\"", "agents.[0].serves.[0]"},
        {"agents.[0].serves.[0]=3", "agents.[0].serves.[0]"},
        {"name=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
         "name"},
    };
    ccs_error err;
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        const char *one[] = {sets[i].set};
        ccs_scenario *sc = ccs_scenario_parse(ccs_scenario_default_text(), "(default)", one, 1,
                                              &err);
        ck_assert_msg(sc == NULL, "--set %s accepted", sets[i].set);
        ck_assert_msg(err.code == CCS_ECONFIG, "--set %s: code %d", sets[i].set, err.code);
        ck_assert_msg(strcmp(err.key, sets[i].key) == 0, "--set %s: key '%s', want '%s' (%s)",
                      sets[i].set, err.key, sets[i].key, err.msg);
        ck_assert_msg(strncmp(err.msg, "expected", 8) == 0 || strstr(err.msg, "unknown") ||
                          strstr(err.msg, "no call type"),
                      "--set %s: message '%s'", sets[i].set, err.msg);
    }
    static const struct {
        const char *type_extra, *group_extra, *ob_extra, *key;
    } texts[] = {
        /* distributions */
        {"handle_time = { dist = \"uniform\"; min = 10.0; max = 5.0; };", "", NULL,
         "calls.[0].handle_time.max"},
        {"handle_time = { dist = \"gamma\"; mean = 10.0; };", "", NULL,
         "calls.[0].handle_time.cv"},
        {"handle_time = { dist = \"erlang\"; mean = 10.0; k = 0; };", "", NULL,
         "calls.[0].handle_time.k"},
        {"handle_time = { dist = \"empirical\"; values = [ 1.0, 2.0 ]; cdf = [ 0.0 ]; };", "",
         NULL, "calls.[0].handle_time.cdf"},
        {"handle_time = { dist = \"empirical\"; values = [ 2.0, 1.0 ]; cdf = [ 0.0, 1.0 ]; };",
         "", NULL, "calls.[0].handle_time.values.[1]"},
        {"handle_time = { dist = \"empirical\"; values = [ 1.0, 2.0 ]; cdf = [ 0.2, 1.0 ]; };",
         "", NULL, "calls.[0].handle_time.cdf"},
        {"handle_time = { dist = \"empirical\"; values = [ ]; };", "", NULL,
         "calls.[0].handle_time.values"},
        {"handle_time = { dist = \"empirical\"; values = 3.0; };", "", NULL,
         "calls.[0].handle_time.values"},
        {"handle_time = \"3m\";", "", NULL, "calls.[0].handle_time"},
        {"handle_time = { dist = \"exponential\"; mean = 60.0; }; "
         "talk_time = { dist = \"exponential\"; mean = 60.0; };",
         "", NULL, "calls.[0].talk_time"},
        {"talk_time = { dist = \"exponential\"; mean = 60.0; }; "
         "handle_time = { dist = \"exponential\"; mean = 60.0; }; "
         "after_call_work = { dist = \"exponential\"; mean = 6.0; };",
         "", NULL, "calls.[0].talk_time"},
        {"handle_time = { dist = \"exponential\"; mean = 60.0; }; service_level = \"80\";", "",
         NULL, "calls.[0].service_level"},
        {"handle_time = { dist = \"exponential\"; mean = 60.0; }; service_level = 5;", "", NULL,
         "calls.[0].service_level"},
        {"handle_time = { dist = \"exponential\"; mean = 60.0; }; ours = \"yes\";", "", NULL,
         "calls.[0].ours"},
        /* agent groups */
        {"handle_time = { dist = \"exponential\"; mean = 60.0; };",
         "quality = { fcr = 2.0; };", NULL, "agents.[0].quality.fcr"},
        {"handle_time = { dist = \"exponential\"; mean = 60.0; };",
         "quality = { aht_factor = 0.0; };", NULL, "agents.[0].quality.aht_factor"},
        {"handle_time = { dist = \"exponential\"; mean = 60.0; };", "serve_after = [ -1.0 ];",
         NULL, "agents.[0].serve_after.[0]"},
        /* outbound campaigns */
        {NULL, NULL, "window = [ 1, 0 ];", "outbound.campaigns.[0].window"},
        {NULL, NULL, "window = [ 0 ];", "outbound.campaigns.[0].window"},
        {NULL, NULL, "window = [ 0, 5 ];", "outbound.campaigns.[0].window.[1]"},
        {NULL, NULL, "pacing = \"wild\";", "outbound.campaigns.[0].pacing"},
        {NULL, NULL, "lines_per_agent = 0.0;", "outbound.campaigns.[0].lines_per_agent"},
        {NULL, NULL, "reserve = -1;", "outbound.campaigns.[0].reserve"},
        {NULL, NULL, "max_attempts = 0;", "outbound.campaigns.[0].max_attempts"},
        {NULL, NULL, "success = 1.5;", "outbound.campaigns.[0].success"},
        {NULL, NULL, "grace = -1.0;", "outbound.campaigns.[0].grace"},
        {NULL, NULL, "ring_timeout = 0.0;", "outbound.campaigns.[0].ring_timeout"},
        {NULL, NULL, "amd = { enabled = 1; };", "outbound.campaigns.[0].amd.enabled"},
        {NULL, NULL, "amd = { enabled = true; false_positive = 2.0; };",
         "outbound.campaigns.[0].amd.false_positive"},
        {NULL, NULL, "amd = 3;", "outbound.campaigns.[0].amd"},
        {NULL, NULL, "retry_delay = { no_answer = -5.0; };",
         "outbound.campaigns.[0].retry_delay.no_answer"},
        {NULL, NULL, "retry_delay = { never = 5.0; };",
         "outbound.campaigns.[0].retry_delay.never"},
        {NULL, NULL, "preview_time = { dist = \"exponential\"; mean = -1.0; };",
         "outbound.campaigns.[0].preview_time.mean"},
    };
    char wrong[8192] = "";
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char text[2048];
        if (texts[i].ob_extra) {
            snprintf(text, sizeof text, BASE_OB, texts[i].ob_extra);
        } else {
            snprintf(text, sizeof text, BASE_IN, texts[i].type_extra, texts[i].group_extra);
        }
        ccs_scenario *sc = ccs_scenario_parse(text, "bad.cfg", NULL, 0, &err);
        if (sc) {
            ccs_scenario_free(sc);
            snprintf(err.key, sizeof err.key, "(accepted)");
        }
        if (!sc && err.code == CCS_ECONFIG && err.line > 0 &&
            strcmp(err.key, texts[i].key) == 0) {
            continue;
        }
        size_t len = strlen(wrong);
        snprintf(wrong + len, sizeof wrong - len, "\n  case %zu: key '%s' line %d, want '%s' (%s)",
                 i, err.key, err.line, texts[i].key, sc ? "" : err.msg);
    }
    ck_assert_msg(wrong[0] == '\0', "bad inline scenarios:%s", wrong);
}
END_TEST

/* Outbound-only, preview and duplicate names: valid and invalid wholes. */
START_TEST(test_outbound_structure)
{
    ccs_error err;
    char text[2048];
    snprintf(text, sizeof text, BASE_OB, "mode = \"preview\";");
    /* mode given twice is a libconfig syntax error */
    ck_assert_ptr_null(ccs_scenario_parse(text, "bad.cfg", NULL, 0, &err));
    const char *sets[] = {"outbound.campaigns.[0].mode=\"preview\""};
    snprintf(text, sizeof text, BASE_OB, "");
    ccs_scenario *sc = ccs_scenario_parse(text, "ok.cfg", sets, 1, &err);
    ck_assert_msg(sc != NULL, "%s", err.msg);
    ck_assert_int_eq(sc->campaigns[0].mode, CCS_DIAL_PREVIEW);
    ck_assert_str_eq(ccs_dial_mode_name(CCS_DIAL_PREVIEW), "preview");
    ck_assert_str_eq(ccs_dial_mode_name(CCS_DIAL_PROGRESSIVE), "progressive");
    ck_assert_str_eq(ccs_dial_mode_name(CCS_DIAL_PREDICTIVE), "predictive");
    ck_assert_str_eq(ccs_outcome_name(CCS_OUT_RIGHT_PARTY), "right_party");
    ck_assert_str_eq(ccs_outcome_name(CCS_N_OUTCOMES), "?");
    ck_assert_int_eq(sc->n_types, 0);
    ccs_scenario_free(sc);
    static const char *const bad[] = {
        /* duplicate campaign name */
        "horizon = { intervals = 1; };\n"
        "agents = ( { name = \"g\"; count = 5; } );\n"
        "outbound = { campaigns = ( { name = \"c\"; mode = \"progressive\"; agents = [ \"g\" ];\n"
        "  list_size = 10; outcomes = { right_party = 1.0; };\n"
        "  talk_time = { right_party = { dist = \"exponential\"; mean = 100.0; }; }; },\n"
        " { name = \"c\"; mode = \"progressive\"; agents = [ \"g\" ];\n"
        "  list_size = 10; outcomes = { right_party = 1.0; };\n"
        "  talk_time = { right_party = { dist = \"exponential\"; mean = 100.0; }; }; } ); };\n",
        /* no right-party talk time */
        "horizon = { intervals = 1; };\n"
        "agents = ( { name = \"g\"; count = 5; } );\n"
        "outbound = { campaigns = ( { name = \"c\"; mode = \"progressive\"; agents = [ \"g\" ];\n"
        "  list_size = 10; outcomes = { right_party = 1.0; };\n"
        "  talk_time = { wrong_party = { dist = \"exponential\"; mean = 100.0; }; }; } ); };\n",
        /* no agents for the campaign */
        "horizon = { intervals = 1; };\n"
        "agents = ( { name = \"g\"; count = 5; } );\n"
        "outbound = { campaigns = ( { name = \"c\"; mode = \"progressive\"; agents = [ ];\n"
        "  list_size = 10; outcomes = { right_party = 1.0; };\n"
        "  talk_time = { right_party = { dist = \"exponential\"; mean = 100.0; }; }; } ); };\n",
        /* an outcome array of the wrong length */
        "horizon = { intervals = 2; };\n"
        "agents = ( { name = \"g\"; count = 5; } );\n"
        "outbound = { campaigns = ( { name = \"c\"; mode = \"progressive\"; agents = [ \"g\" ];\n"
        "  list_size = 10; outcomes = { right_party = [ 1.0 ]; };\n"
        "  talk_time = { right_party = { dist = \"exponential\"; mean = 100.0; }; }; } ); };\n",
        /* a group serving nothing and no campaign */
        "horizon = { intervals = 1; };\n"
        "agents = ( { name = \"g\"; count = 5; } );\n",
        /* duplicate agent group */
        "horizon = { intervals = 1; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 10.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 5; serves = [ \"a\" ]; },\n"
        "           { name = \"g\"; count = 5; serves = [ \"a\" ]; } );\n",
        /* an empty serves list */
        "horizon = { intervals = 1; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 10.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 5; serves = [ ]; } );\n",
        /* serves listing a type twice */
        "horizon = { intervals = 1; };\n"
        "calls = ( { name = \"a\"; calls_per_hour = 10.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 5; serves = [ \"a\", \"a\" ]; } );\n",
        /* no calls_per_hour */
        "horizon = { intervals = 1; };\n"
        "calls = ( { name = \"a\"; handle_time = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 5; serves = [ \"a\" ]; } );\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sc = ccs_scenario_parse(bad[i], "bad.cfg", NULL, 0, &err);
        ck_assert_msg(sc == NULL, "case %zu accepted", i);
        /* (a missing top-level key has no line) */
        ck_assert_msg(err.code == CCS_ECONFIG && (err.line > 0 || i == 4) && err.key[0],
                      "case %zu: code %d line %d key '%s'", i, err.code, err.line, err.key);
    }
}
END_TEST

Suite *scenario_suite(void)
{
    Suite *s = suite_create("scenario");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_mmc);
    tcase_add_test(core, test_mmc_abandon);
    tcase_add_test(core, test_two_types);
    tcase_add_test(core, test_per_interval_and_counts);
    tcase_add_test(core, test_units);
    tcase_add_test(core, test_defaults_and_name);
    tcase_add_test(core, test_default_scenario);
    tcase_add_test(core, test_default_text_identical);
    tcase_add_test(core, test_derived_quantities);
    tcase_add_test(core, test_set_existing);
    tcase_add_test(core, test_set_create_and_elements);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_set_out_of_range);
    tcase_add_test(errors, test_set_retyped_keeps_place);
    tcase_add_test(errors, test_set_malformed);
    tcase_add_test(errors, test_bad_inputs);
    tcase_add_test(errors, test_bad_inputs_cli);
    tcase_add_test(errors, test_missing_file);
    tcase_add_test(errors, test_parse_errors_inline);
    tcase_add_test(errors, test_horizon_start);
    tcase_add_test(errors, test_bad_values);
    tcase_add_test(errors, test_outbound_structure);
    suite_add_tcase(s, errors);
    TCase *limits = tcase_create("limits");
    tcase_add_test(limits, test_limits);
    suite_add_tcase(s, limits);
    return s;
}
