/*
 * check_report.c — the report formats on hand-built results: JSON shape and
 * contract keys, null for undefined figures, CSV rows and columns, text with
 * no NaN, the overload flag, and output that ignores the thread count.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/workload.h"

#define N_IV 3
#define N_TY 2

/* A fixture scenario: 3 half-hour intervals, two call types, one group.
 *   sales:   talk exp 180 s, no acw, no patience, no queue limit;
 *            100/h, 0/h, 1000/h
 *   support: talk exp 240 s, acw deterministic 60 s, patience exp 120 s;
 *            60/h, 0/h, 120/h
 *   agents:  10, 10, 40
 * Interval 2's load is (1000*180 + 120*300)/3600 = 60 Erlangs >= 40 agents,
 * and sales never leaves the queue, so it is overloaded; interval 0 carries
 * (100*180 + 60*300)/3600 = 10 Erlangs on 10 agents, also >= agents: it is
 * flagged too (the boundary, load == agents, is unstable). */
typedef struct fixture {
    ccs_scenario sc;
    ccs_call_type types[N_TY];
    ccs_agent_group group;
    double rate[N_TY][N_IV];
    int count[N_IV];
    int serves[N_TY];
    double serve_after[N_TY];
    ccs_results res;
    ccs_figures ivs[N_IV];
    ccs_figures tys[N_TY];
} fixture;

static fixture fx;

static ccs_estimate est(double mean, double lo, double hi)
{
    ccs_estimate e = {mean, lo, hi, 1};
    return e;
}

static ccs_estimate undef(void)
{
    ccs_estimate e = {0, 0, 0, 0};
    return e;
}

/* Figures whose every field is defined, scaled by s so rows differ. */
static ccs_figures figures(double s)
{
    ccs_figures f;
    f.offered = est(500 * s, 480 * s, 520 * s);
    f.handled = est(490 * s, 470 * s, 510 * s);
    f.abandoned = est(10 * s, 8 * s, 12 * s);
    f.abandoned_short = est(2 * s, 1 * s, 3 * s);
    f.blocked = est(0, 0, 0);
    f.retrials = est(0, 0, 0);
    f.service_level = est(0.824, 0.811, 0.837);
    f.prob_wait = est(0.41, 0.39, 0.43);
    f.asa_s = est(12.3, 11.5, 13.1);
    f.abandon_rate = est(0.02, 0.016, 0.024);
    f.occupancy = est(0.85, 0.84, 0.86);
    f.aht_s = est(200, 198, 202);
    f.avg_queue = est(1.25, 1.1, 1.4);
    f.max_queue = est(9, 8, 10);
    f.max_wait_s = est(140, 120, 160);
    f.agents = est(10, 10, 10);
    return f;
}

static void setup(void)
{
    memset(&fx, 0, sizeof fx);
    ccs_scenario *sc = &fx.sc;
    snprintf(sc->name, sizeof sc->name, "Fixture Centre");
    snprintf(sc->file, sizeof sc->file, "tests/fixture.cfg");
    sc->n_intervals = N_IV;
    sc->interval_s = 1800;
    sc->n_types = N_TY;
    sc->types = fx.types;
    sc->n_groups = 1;
    sc->groups = &fx.group;
    sc->replications = 4;
    sc->seed = 42;
    sc->sl_definition = CCS_SL_OFFERED;

    static const double rates[N_TY][N_IV] = {{100, 0, 1000}, {60, 0, 120}};
    memcpy(fx.rate, rates, sizeof rates);
    for (int t = 0; t < N_TY; t++) {
        ccs_call_type *ct = &fx.types[t];
        ct->rate_per_hour = fx.rate[t];
        ct->sl_threshold_s = 20;
        ct->sl_target = 0.8;
        ct->short_abandon_s = 5;
        ct->queue_capacity = -1;
        fx.serves[t] = t;
    }
    snprintf(fx.types[0].name, CCS_NAME_MAX, "sales");
    fx.types[0].talk = ccs_dist_exponential(180);
    snprintf(fx.types[1].name, CCS_NAME_MAX, "support");
    fx.types[1].talk = ccs_dist_exponential(240);
    fx.types[1].acw = ccs_dist_deterministic(60);
    fx.types[1].patience = ccs_dist_exponential(120);

    snprintf(fx.group.name, CCS_NAME_MAX, "all");
    fx.count[0] = 10;
    fx.count[1] = 10;
    fx.count[2] = 40;
    fx.group.count = fx.count;
    fx.group.n_serves = N_TY;
    fx.group.serves = fx.serves;
    fx.group.serve_after_s = fx.serve_after;
    fx.group.aht_factor = 1.0;   /* the loader's defaults: no quality section */
    fx.group.fcr = 1.0;
    sc->volume_factor = 1.0;

    fx.res.sc = sc;
    fx.res.replications = 4;
    fx.res.threads = 1;
    fx.res.events = 123456789;
    fx.res.summary = figures(3);
    fx.ivs[0] = figures(1);
    fx.ivs[2] = figures(2);
    /* Interval 1: no calls, so every ratio is undefined. */
    ccs_figures *e = &fx.ivs[1];
    e->offered = est(0, 0, 0);
    e->handled = est(0, 0, 0);
    e->abandoned = est(0, 0, 0);
    e->abandoned_short = est(0, 0, 0);
    e->blocked = est(0, 0, 0);
    e->retrials = est(0, 0, 0);
    e->service_level = undef();
    e->prob_wait = undef();
    e->asa_s = undef();
    e->abandon_rate = undef();
    e->occupancy = est(0, 0, 0);
    e->aht_s = undef();
    e->avg_queue = est(0, 0, 0);
    e->max_queue = est(0, 0, 0);
    e->max_wait_s = est(0, 0, 0);
    e->agents = est(10, 10, 10);
    fx.res.intervals = fx.ivs;
    fx.tys[0] = figures(1.5);
    fx.tys[1] = figures(0.5);
    fx.tys[1].service_level = est(0.6, 0.55, 0.65);
    fx.res.types = fx.tys;
}

static void teardown(void)
{
}

typedef int (*writer)(FILE *, const ccs_results *, ccs_error *);

/* Runs a writer into memory; returns the malloc'd output. */
static char *render(writer w, const ccs_results *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert(fp != NULL);
    ccs_error err;
    ccs_error_clear(&err);
    int rc = w(fp, r, &err);
    ck_assert_msg(rc == CCS_OK, "report failed: %d %s", rc, err.msg);
    fclose(fp);
    return buf;
}

static json_t *render_json(const ccs_results *r)
{
    char *s = render(ccs_report_json, r);
    json_error_t je;
    json_t *root = json_loads(s, 0, &je);
    ck_assert_msg(root != NULL, "JSON does not parse: line %d: %s", je.line, je.text);
    free(s);
    return root;
}

static const char *const contract_keys[] = {
    "offered", "handled", "abandoned", "service_level",
    "prob_wait", "asa_s", "abandon_rate", "occupancy",
};

#define N_CONTRACT (sizeof contract_keys / sizeof contract_keys[0])

/* obj[key] is {"mean": number, "ci95": [lo, hi]} with lo <= mean <= hi. */
static void check_figure(const json_t *obj, const char *where, const char *key)
{
    json_t *f = json_object_get(obj, key);
    ck_assert_msg(json_is_object(f), "%s.%s: not an object", where, key);
    json_t *m = json_object_get(f, "mean");
    json_t *ci = json_object_get(f, "ci95");
    ck_assert_msg(json_is_array(ci) && json_array_size(ci) == 2, "%s.%s.ci95: not [lo, hi]",
                  where, key);
    json_t *lo = json_array_get(ci, 0), *hi = json_array_get(ci, 1);
    if (json_is_null(m)) {
        ck_assert_msg(json_is_null(lo) && json_is_null(hi), "%s.%s: null mean, CI not null",
                      where, key);
        return;
    }
    ck_assert_msg(json_is_number(m) && json_is_number(lo) && json_is_number(hi),
                  "%s.%s: mean/ci95 not numbers", where, key);
    double vm = json_number_value(m), vl = json_number_value(lo), vh = json_number_value(hi);
    ck_assert_msg(vl <= vm && vm <= vh, "%s.%s: ci95 [%g, %g] does not hold mean %g", where,
                  key, vl, vh, vm);
}

static double mean_of(const json_t *obj, const char *key)
{
    json_t *m = json_object_get(json_object_get(obj, key), "mean");
    ck_assert_msg(json_is_number(m), "%s.mean: not a number", key);
    return json_number_value(m);
}

START_TEST(test_json_contract)
{
    json_t *root = render_json(&fx.res);
    ck_assert_str_eq(json_string_value(json_object_get(root, "scenario")), "Fixture Centre");
    ck_assert_int_eq(json_integer_value(json_object_get(root, "replications")), 4);
    ck_assert_int_eq(json_integer_value(json_object_get(root, "events")), 123456789);
    ck_assert_int_eq(json_integer_value(json_object_get(root, "seed")), 42);
    ck_assert_ptr_null(json_object_get(root, "threads"));

    json_t *sum = json_object_get(root, "summary");
    ck_assert(json_is_object(sum));
    for (size_t i = 0; i < N_CONTRACT; i++) {
        check_figure(sum, "summary", contract_keys[i]);
    }
    /* 17 significant digits: values round-trip exactly. */
    ck_assert_double_eq(mean_of(sum, "service_level"), 0.824);
    ck_assert_double_eq(mean_of(sum, "offered"), 1500);

    json_t *ivs = json_object_get(root, "intervals");
    ck_assert(json_is_array(ivs));
    ck_assert_uint_eq(json_array_size(ivs), N_IV);
    for (size_t k = 0; k < N_IV; k++) {
        json_t *iv = json_array_get(ivs, k);
        char where[32];
        snprintf(where, sizeof where, "intervals[%zu]", k);
        for (size_t i = 0; i < N_CONTRACT; i++) {
            check_figure(iv, where, contract_keys[i]);
        }
        ck_assert_int_eq(json_integer_value(json_object_get(iv, "index")), (int)k);
        ck_assert_double_eq(json_number_value(json_object_get(iv, "start_min")), 30.0 * k);
    }
    ck_assert_double_eq(mean_of(json_array_get(ivs, 2), "offered"), 1000);

    json_t *types = json_object_get(root, "call_types");
    ck_assert(json_is_object(types));
    ck_assert_uint_eq(json_object_size(types), N_TY);
    for (int t = 0; t < N_TY; t++) {
        json_t *to = json_object_get(types, fx.types[t].name);
        ck_assert_msg(json_is_object(to), "call_types.%s missing", fx.types[t].name);
        for (size_t i = 0; i < N_CONTRACT; i++) {
            check_figure(to, fx.types[t].name, contract_keys[i]);
        }
    }
    ck_assert_double_eq(mean_of(json_object_get(types, "support"), "service_level"), 0.6);
    json_decref(root);
}
END_TEST

START_TEST(test_json_undefined_is_null)
{
    json_t *root = render_json(&fx.res);
    json_t *iv1 = json_array_get(json_object_get(root, "intervals"), 1);
    static const char *const ratios[] = {"service_level", "prob_wait", "asa_s",
                                         "abandon_rate", "aht_s"};
    for (size_t i = 0; i < sizeof ratios / sizeof ratios[0]; i++) {
        json_t *f = json_object_get(iv1, ratios[i]);
        ck_assert_msg(json_is_null(json_object_get(f, "mean")), "%s: mean not null", ratios[i]);
        json_t *ci = json_object_get(f, "ci95");
        ck_assert_msg(json_array_size(ci) == 2 && json_is_null(json_array_get(ci, 0)) &&
                          json_is_null(json_array_get(ci, 1)),
                      "%s: ci95 not [null, null]", ratios[i]);
    }
    /* A count of zero is a defined 0, not null. */
    ck_assert_double_eq(mean_of(iv1, "offered"), 0.0);
    json_decref(root);
}
END_TEST

START_TEST(test_json_overload_and_load)
{
    json_t *root = render_json(&fx.res);
    json_t *ivs = json_object_get(root, "intervals");
    /* See the fixture comment for the hand computation. */
    static const double load[N_IV] = {10.0, 0.0, 60.0};
    static const int over[N_IV] = {1, 0, 1};
    for (size_t k = 0; k < N_IV; k++) {
        json_t *iv = json_array_get(ivs, k);
        CCS_ASSERT_CLOSE("load_erl", json_number_value(json_object_get(iv, "load_erl")),
                         load[k], CCS_TOL_TIGHT, 0);
        ck_assert_msg(json_is_true(json_object_get(iv, "overloaded")) == over[k],
                      "interval %zu: overloaded flag", k);
    }
    json_decref(root);
}
END_TEST

START_TEST(test_overload_rule)
{
    ck_assert(ccs_report_overloaded(&fx.sc, 2));
    ck_assert(!ccs_report_overloaded(&fx.sc, 1));   /* no calls */
    /* The rule is the scenario's (workload.h); the report only shows it. */
    ck_assert(ccs_workload_overloaded(&fx.sc, 2));
    ck_assert(!ccs_workload_overloaded(&fx.sc, 1));
    ck_assert_int_eq(ccs_report_agents(&fx.sc, 2), 40);
    /* One more agent makes interval 0 stable (10 Erlangs on 11 agents). */
    fx.count[0] = 11;
    ck_assert(!ccs_report_overloaded(&fx.sc, 0));
    /* Sales callers that abandon, or a queue limit, make the queue stable. */
    fx.types[0].patience = ccs_dist_exponential(300);
    ck_assert(!ccs_report_overloaded(&fx.sc, 2));
    fx.types[0].patience.kind = CCS_DIST_NONE;
    fx.types[0].queue_capacity = 50;
    ck_assert(!ccs_report_overloaded(&fx.sc, 2));
}
END_TEST

START_TEST(test_csv)
{
    char path[] = "/tmp/ccs_report_csvXXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    ccs_error err;
    ck_assert_int_eq(ccs_report_csv(fp, &fx.res, &err), CCS_OK);
    fclose(fp);
    ccs_csv *c = ccs_csv_read(path);
    unlink(path);
    ck_assert_int_eq(c->nrows, N_IV);
    ck_assert_str_eq(c->head[0], "interval");
    for (int k = 0; k < N_IV; k++) {
        ck_assert_double_eq(ccs_csv_num(c, k, "interval"), k);
        ck_assert_double_eq(ccs_csv_num(c, k, "start_min"), 30.0 * k);
    }
    ck_assert_double_eq(ccs_csv_num(c, 0, "service_level"), 0.824);
    ck_assert_double_eq(ccs_csv_num(c, 0, "service_level_lo"), 0.811);
    ck_assert_double_eq(ccs_csv_num(c, 0, "service_level_hi"), 0.837);
    ck_assert_double_eq(ccs_csv_num(c, 2, "offered"), 1000);
    ck_assert_double_eq(ccs_csv_num(c, 2, "overloaded"), 1);
    ck_assert_double_eq(ccs_csv_num(c, 1, "overloaded"), 0);
    /* Undefined: empty cells. */
    ck_assert_str_eq(ccs_csv_str(c, 1, "service_level"), "");
    ck_assert_str_eq(ccs_csv_str(c, 1, "asa_s_hi"), "");
    ck_assert_double_eq(ccs_csv_num(c, 1, "offered"), 0);
    static const char *const cols[] = {"offered_lo", "offered_hi", "agents", "prob_wait",
                                       "asa_s", "abandon_rate", "occupancy", "load_erl"};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        (void)ccs_csv_col(c, cols[i]);
    }
    ccs_csv_free(c);
}
END_TEST

static int has_nan(const char *s)
{
    return strstr(s, "nan") || strstr(s, "NaN") || strstr(s, "NAN") || strstr(s, "inf");
}

START_TEST(test_text)
{
    char *s = render(ccs_report_text, &fx.res);
    ck_assert_msg(!has_nan(s), "text has nan/inf:\n%s", s);
    ck_assert_ptr_nonnull(strstr(s, "Fixture Centre"));
    ck_assert_ptr_nonnull(strstr(s, "tests/fixture.cfg"));
    ck_assert_ptr_nonnull(strstr(s, "123456789"));
    /* The day's SL as "82.4% [81.1, 83.7]" and its target verdict. */
    ck_assert_msg(strstr(s, "82.4% [81.1, 83.7]") != NULL, "no SL with CI in:\n%s", s);
    ck_assert_ptr_nonnull(strstr(s, ": met"));
    /* Interval rows labelled by clock offset; interval 1 has "-" ratios. */
    const char *row1 = strstr(s, "00:30");
    ck_assert_ptr_nonnull(row1);
    const char *eol = strchr(row1, '\n');
    ck_assert_ptr_nonnull(eol);
    char line[256];
    snprintf(line, sizeof line, "%.*s", (int)(eol - row1), row1);
    ck_assert_msg(strstr(line, " - ") != NULL, "undefined SL not '-': %s", line);
    ck_assert_ptr_nonnull(strstr(s, "01:00"));
    ck_assert_ptr_nonnull(strstr(s, "overloaded"));
    /* Two call types: a call-type table naming both. */
    ck_assert_ptr_nonnull(strstr(s, "Call types"));
    ck_assert_ptr_nonnull(strstr(s, "support"));
    ck_assert_ptr_nonnull(strstr(s, "60.0%"));
    ck_assert_ptr_null(strstr(s, "thread"));
    /* Readable width: no line over 120 columns (the ± sign is 2 bytes). */
    for (const char *p = s; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        size_t cols = 0;
        for (size_t i = 0; i < len; i++) {
            cols += ((unsigned char)p[i] & 0xC0) != 0x80;
        }
        ck_assert_msg(cols <= 120, "line of %zu columns: %.*s", cols, (int)len, p);
        p = e ? e + 1 : p + len;
    }
    free(s);
}
END_TEST

START_TEST(test_text_one_type)
{
    fx.sc.n_types = 1;
    char *s = render(ccs_report_text, &fx.res);
    ck_assert_ptr_null(strstr(s, "Call types"));
    free(s);
}
END_TEST

/* A NaN or infinity that slips into a defined estimate never reaches the
 * output: text shows "-", CSV an empty cell, JSON null. */
START_TEST(test_nonfinite_never_printed)
{
    fx.res.summary.asa_s = est(NAN, NAN, NAN);
    fx.ivs[0].service_level = est(0.5, -INFINITY, INFINITY);
    fx.ivs[2].occupancy = est(INFINITY, 0, INFINITY);
    writer ws[] = {ccs_report_text, ccs_report_csv, ccs_report_json};
    for (size_t i = 0; i < 3; i++) {
        char *s = render(ws[i], &fx.res);
        ck_assert_msg(!has_nan(s), "format %zu prints nan/inf", i);
        free(s);
    }
    json_t *root = render_json(&fx.res);
    json_t *f = json_object_get(json_array_get(json_object_get(root, "intervals"), 0),
                                "service_level");
    ck_assert_double_eq(json_number_value(json_object_get(f, "mean")), 0.5);
    ck_assert(json_is_null(json_array_get(json_object_get(f, "ci95"), 0)));
    json_decref(root);
}
END_TEST

/* The output must not depend on the number of threads that ran: a real
 * simulation run with 1 and with 3 threads, every format byte for byte
 * (the results differ in their thread count, which no writer may show). */
START_TEST(test_threads_not_printed)
{
    ccs_error err;
    char seed[40];
    snprintf(seed, sizeof seed, "run.seed=%llu", (unsigned long long)ccs_test_seed(131));
    const char *sets[] = {seed};
    ccs_scenario *sc = ccs_scenario_load("scenarios/two-types.cfg", sets, 1, &err);
    ck_assert_msg(sc != NULL, "%s", err.msg);
    ccs_run_options o1 = {5, 1, NULL, NULL}, o3 = {5, 3, NULL, NULL};
    ccs_results *a = ccs_sim_run(sc, &o1, &err), *b = ccs_sim_run(sc, &o3, &err);
    ck_assert(a && b);
    ck_assert_int_eq(a->threads, 1);
    ck_assert_int_eq(b->threads, 3);
    writer ws[] = {ccs_report_text, ccs_report_csv, ccs_report_json};
    for (size_t i = 0; i < 3; i++) {
        char *ta = render(ws[i], a);
        char *tb = render(ws[i], b);
        ck_assert_msg(strcmp(ta, tb) == 0, "format %zu changes with threads", i);
        ck_assert_msg(strlen(ta) > 200, "format %zu: output too short", i);
        free(ta);
        free(tb);
    }
    ccs_results_free(a);
    ccs_results_free(b);
    ccs_scenario_free(sc);
}
END_TEST

START_TEST(test_format_names)
{
    ccs_report_format f = CCS_REPORT_TEXT;
    ck_assert_int_eq(ccs_report_format_from_name("json", &f), CCS_OK);
    ck_assert_int_eq(f, CCS_REPORT_JSON);
    ck_assert_int_eq(ccs_report_format_from_name("csv", &f), CCS_OK);
    ck_assert_int_eq(f, CCS_REPORT_CSV);
    ck_assert_int_eq(ccs_report_format_from_name("xml", &f), CCS_EINVAL);
    ck_assert_int_eq(ccs_report_format_from_name("JSON", &f), CCS_EINVAL);
    ck_assert_int_eq(ccs_report_format_from_name("", &f), CCS_EINVAL);
    ck_assert_int_eq(f, CCS_REPORT_CSV);
    ck_assert_str_eq(ccs_report_format_name(CCS_REPORT_TEXT), "text");
}
END_TEST

/* Writing to a full device is reported as CCS_EIO by every format. */
START_TEST(test_write_error)
{
    if (access("/dev/full", W_OK) != 0) {
        CCS_SKIP("no writable /dev/full on this system");
    }
    for (int f = CCS_REPORT_TEXT; f <= CCS_REPORT_JSON; f++) {
        FILE *fp = fopen("/dev/full", "w");
        ck_assert(fp != NULL);
        setvbuf(fp, NULL, _IONBF, 0);
        ccs_error err;
        ccs_error_clear(&err);
        int rc = ccs_report_write(fp, &fx.res, (ccs_report_format)f, &err);
        ck_assert_msg(rc == CCS_EIO, "format %d: got status %d", f, rc);
        ck_assert_int_eq(err.code, CCS_EIO);
        fclose(fp);
    }
}
END_TEST

Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_json_contract);
    tcase_add_test(tc, test_json_undefined_is_null);
    tcase_add_test(tc, test_json_overload_and_load);
    tcase_add_test(tc, test_overload_rule);
    tcase_add_test(tc, test_csv);
    tcase_add_test(tc, test_text);
    tcase_add_test(tc, test_text_one_type);
    tcase_add_test(tc, test_threads_not_printed);
    tcase_add_test(tc, test_format_names);
    suite_add_tcase(s, tc);
    TCase *lim = tcase_create("limits");
    tcase_add_checked_fixture(lim, setup, teardown);
    tcase_add_test(lim, test_nonfinite_never_printed);
    suite_add_tcase(s, lim);
    TCase *er = tcase_create("errors");
    tcase_add_checked_fixture(er, setup, teardown);
    tcase_add_test(er, test_write_error);
    suite_add_tcase(s, er);
    return s;
}
