/*
 * check_oom.c — out of memory, everywhere: each operation of the library is
 * run again and again with its first, second, ... allocation failing
 * (tests/failalloc.c), until it runs with no failure.  Every time it must
 * report CCS_ENOMEM (or succeed, where an allocation was optional) and
 * leave nothing behind: no crash, no leak (the sanitizer build checks
 * leaks), and once the failure is past, the same answer as before.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "ccsim/cost.h"
#include "ccsim/cost_report.h"
#include "ccsim/erlang_table.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_write.h"
#include "ccsim/sim.h"
#include "ccsim/staff.h"
#include "ccsim/sweep.h"
#include "ccsim/sweep_report.h"

#define MAX_ALLOCS 200000

/* One operation under test: returns CCS_OK or an error code; ctx is the
 * test's.  It must not call Check (ck_*) itself: Check allocates too, and
 * would fail with the operation. */
typedef int (*op_fn)(void *ctx);

/* Runs op with allocation n failing for n = 0, 1, ... until it completes
 * without a failure; each failing run must return CCS_ENOMEM (or CCS_OK
 * when `optional` allows it).  Returns the number of allocations op made. */
static long each_failure(const char *what, op_fn op, void *ctx, int optional)
{
    for (long n = 0; n < MAX_ALLOCS; n++) {
        ccs_test_fail_alloc(n);
        int rc = op(ctx);
        long hit = ccs_test_fail_alloc_done();
        if (!hit) {
            ck_assert_msg(rc == CCS_OK, "%s: failed (%d) with no allocation failing", what, rc);
            return n;
        }
        ck_assert_msg(rc == CCS_ENOMEM || (optional && rc == CCS_OK),
                      "%s: allocation %ld failed, status %d (want CCS_ENOMEM)", what, n, rc);
    }
    ck_abort_msg("%s: more than %d allocations", what, MAX_ALLOCS);
    return -1;
}

/* ---- operations --------------------------------------------------------- */

typedef struct load_ctx {
    const char *path;     /* NULL: the embedded default */
    const char *const *sets;
    int n_sets;
} load_ctx;

static int op_load(void *p)
{
    load_ctx *c = p;
    ccs_error err;
    ccs_error_clear(&err);
    ccs_scenario *sc = c->path ? ccs_scenario_load(c->path, c->sets, c->n_sets, &err)
                               : ccs_scenario_parse(ccs_scenario_default_text(), "(default)",
                                                    c->sets, c->n_sets, &err);
    if (!sc) {
        return err.code;
    }
    ccs_scenario_free(sc);
    return CCS_OK;
}

static ccs_scenario *load(const char *path, const char *const *sets, int n)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_load(path, sets, n, &err);
    ck_assert_msg(sc != NULL, "%s: %s", path, err.msg);
    return sc;
}

START_TEST(test_scenario_load)
{
    static const char *const files[] = {
        "scenarios/blended.cfg",        "scenarios/hybrid-overflow.cfg",
        "scenarios/two-types.cfg",      "scenarios/outbound-collections.cfg",
        "scenarios/kpo-specialist.cfg", "scenarios/captive.cfg"};
    const char *sets[] = {"run.replications=3", "run.sl_definition=\"answered\""};
    load_ctx c = {NULL, sets, 2};
    ck_assert_int_gt(each_failure("default scenario", op_load, &c, 0), 0);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        c.path = files[i];
        each_failure(files[i], op_load, &c, 0);
    }
}
END_TEST

typedef struct sim_ctx {
    const ccs_scenario *sc;
    int reps;
    ccs_results *keep;    /* the results of the last run, if it succeeded */
} sim_ctx;

static int op_sim(void *p)
{
    sim_ctx *c = p;
    ccs_run_options o = {c->reps, 1, NULL, NULL};
    ccs_error err;
    ccs_error_clear(&err);
    ccs_results_free(c->keep);
    c->keep = ccs_sim_run(c->sc, &o, &err);
    return c->keep ? CCS_OK : err.code;
}

/* The simulation, then everything computed and written from its results. */
typedef struct out_ctx {
    const ccs_results *res[2];
    ccs_report_format fmt;
    int which;    /* 0 report, 1 cost text, 2 cost json, 3 compare text/csv/json */
} out_ctx;

static int op_cost(void *p)
{
    out_ctx *c = p;
    ccs_error err;
    ccs_cost_result *cost = ccs_cost_compute(c->res[0], &err);
    if (!cost) {
        return err.code;
    }
    ccs_cost_result_free(cost);
    return CCS_OK;
}

static int op_write(void *p)
{
    out_ctx *c = p;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp) {
        return CCS_EIO;
    }
    ccs_error err;
    ccs_error_clear(&err);
    int rc = CCS_OK;
    ccs_cost_result *cost[2] = {NULL, NULL};
    if (c->which == 0) {
        /* The run report with its cost section, as `ccsim run` writes it. */
        cost[0] = ccs_cost_compute(c->res[0], &err);
        ccs_report_options ro = {0, cost[0]};
        rc = cost[0] ? ccs_report_write_opts(fp, c->res[0], c->fmt, &ro, &err) : (int)err.code;
    } else {
        for (int i = 0; i < 2 && rc == CCS_OK; i++) {
            cost[i] = ccs_cost_compute(c->res[i], &err);
            rc = cost[i] ? CCS_OK : err.code;
        }
        if (rc == CCS_OK && c->which == 1) {
            ccs_cost_report_text(fp, c->res[0], cost[0]);
        } else if (rc == CCS_OK && c->which == 2) {
            struct json_t *j = ccs_cost_report_json(c->res[0], cost[0]);
            rc = j ? CCS_OK : CCS_ENOMEM;
            json_decref(j);
        } else if (rc == CCS_OK) {
            const ccs_results *const r[2] = {c->res[0], c->res[1]};
            const ccs_cost_result *const cc[2] = {cost[0], cost[1]};
            ccs_compare *cmp = ccs_compare_compute(r, cc, 2, &err);
            rc = !cmp                        ? (int)err.code
                 : c->fmt == CCS_REPORT_TEXT ? ccs_compare_text(fp, cmp, &err)
                 : c->fmt == CCS_REPORT_CSV  ? ccs_compare_csv(fp, cmp, &err)
                                             : ccs_compare_json(fp, cmp, &err);
            ccs_compare_free(cmp);
        }
    }
    ccs_cost_result_free(cost[0]);
    ccs_cost_result_free(cost[1]);
    fclose(fp);
    free(buf);
    return rc;
}

START_TEST(test_simulate_and_report)
{
    static const char *const files[] = {"scenarios/hybrid-overflow.cfg", "scenarios/blended.cfg",
                                        "scenarios/two-types.cfg"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        ccs_scenario *sc = load(files[i], NULL, 0);
        sim_ctx s = {sc, 2, NULL};
        each_failure(files[i], op_sim, &s, 0);
        ck_assert_ptr_nonnull(s.keep);
        out_ctx o = {{s.keep, s.keep}, CCS_REPORT_TEXT, 0};
        each_failure("cost", op_cost, &o, 0);
        for (int w = 0; w < 4; w++) {
            for (int f = CCS_REPORT_TEXT; f <= CCS_REPORT_JSON; f++) {
                o.which = w;
                o.fmt = (ccs_report_format)f;
                each_failure(files[i], op_write, &o, 0);
                if (w == 1 || w == 2) {
                    break;   /* one format each */
                }
            }
        }
        ccs_results_free(s.keep);
        ccs_scenario_free(sc);
    }
}
END_TEST

typedef struct staff_ctx {
    const ccs_scenario *sc;
    ccs_staff_options o;
} staff_ctx;

static int op_staff(void *p)
{
    staff_ctx *c = p;
    ccs_error err;
    ccs_error_clear(&err);
    ccs_staff_result *r = ccs_staff_search(c->sc, &c->o, &err);
    if (!r) {
        return err.code;
    }
    ccs_staff_result_free(r);
    return CCS_OK;
}

START_TEST(test_staff)
{
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(
        "horizon = { intervals = 2; interval_minutes = 30; };\n"
        "calls = ( { name = \"c\"; calls_per_hour = 600.0;\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; };\n"
        "            patience = { dist = \"exponential\"; mean = 60.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 30; serves = [ \"c\" ];\n"
        "             cost = { model = \"captive\"; wage_per_hour = 20.0; }; } );\n",
        "staff.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s", err.msg);
    staff_ctx c = {sc, {0}};
    ccs_staff_options_init(&c.o);
    c.o.replications = 4;
    c.o.max_replications = 8;
    c.o.max_abandon = 0.05;
    c.o.threads = 1;
    each_failure("staff", op_staff, &c, 0);
    ccs_scenario_free(sc);
}
END_TEST

typedef struct sweep_ctx {
    ccs_sweep_axis ax[2];
} sweep_ctx;

static int op_sweep(void *p)
{
    sweep_ctx *c = p;
    ccs_error err;
    ccs_error_clear(&err);
    const char *sets[] = {"horizon.intervals=1"};
    ccs_run_options ro = {2, 1, NULL, NULL};
    ccs_sweep_result *r = ccs_sweep_run("scenarios/mmc.cfg", sets, 1, c->ax, 2, &ro, &err);
    if (!r) {
        return err.code;
    }
    int rc = CCS_OK;
    for (int f = CCS_REPORT_TEXT; f <= CCS_REPORT_JSON && rc == CCS_OK; f++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        rc = ccs_sweep_write(fp, r, (ccs_report_format)f, &err);
        fclose(fp);
        free(buf);
    }
    ccs_sweep_result_free(r);
    return rc;
}

START_TEST(test_sweep)
{
    sweep_ctx c;
    ccs_error err;
    ck_assert_int_eq(ccs_sweep_axis_parse("agents.[0].count=54:55:1", &c.ax[0], &err), CCS_OK);
    ck_assert_int_eq(ccs_sweep_axis_parse("calls.[0].handle_time.mean=170:180:10", &c.ax[1], &err),
                     CCS_OK);
    each_failure("sweep", op_sweep, &c, 0);
}
END_TEST

typedef struct write_ctx {
    const char *src;
    char out[64];
} write_ctx;

static int op_write_schedule(void *p)
{
    write_ctx *c = p;
    int counts[8] = {50, 51, 52, 53, 54, 55, 56, 57}, types[] = {0};
    ccs_schedule_edit e = {0, counts, 8, 1, types, 0.85, 15.0};
    const char *sets[] = {"run.seed=9", "calls.[0].calls_per_hour=900.0"};
    ccs_error err;
    ccs_error_clear(&err);
    return ccs_scenario_write_schedule(c->src, sets, 2, &e, c->out, &err);
}

START_TEST(test_write_schedule)
{
    write_ctx c = {"scenarios/mmc.cfg", "/tmp/ccs_oom_schedXXXXXX"};
    int fd = mkstemp(c.out);
    ck_assert(fd >= 0);
    close(fd);
    each_failure("write schedule", op_write_schedule, &c, 0);
    unlink(c.out);
}
END_TEST

static int op_erlang_table(void *p)
{
    const ccs_erlang_table *t = p;
    ccs_error err;
    int rc = CCS_OK;
    for (int f = CCS_ERLANG_TEXT; f <= CCS_ERLANG_JSON && rc == CCS_OK; f++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        rc = ccs_erlang_table_write(fp, t, (ccs_erlang_format)f, &err);
        fclose(fp);
        free(buf);
    }
    return rc;
}

START_TEST(test_erlang_table)
{
    static const int rows[] = {50, 51, 52, 53, 54, 55, 56};
    ccs_erlang_table t;
    memset(&t, 0, sizeof t);
    t.query = (ccs_erlang_query){1000, 180, 60, 20};
    t.targets.service_level = 0.8;
    ccs_error err;
    ck_assert_int_eq(ccs_erlang_staff(&t.query, &t.targets, &t.staffing, &err), CCS_OK);
    t.agents = rows;
    t.n_agents = 7;
    each_failure("erlang table", op_erlang_table, &t, 0);
}
END_TEST

Suite *oom_suite(void)
{
    Suite *s = suite_create("oom");
    TCase *tc = tcase_create("errors");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_scenario_load);
    tcase_add_test(tc, test_simulate_and_report);
    tcase_add_test(tc, test_staff);
    tcase_add_test(tc, test_sweep);
    tcase_add_test(tc, test_write_schedule);
    tcase_add_test(tc, test_erlang_table);
    suite_add_tcase(s, tc);
    return s;
}
