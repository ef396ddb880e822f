/*
 * check_oom_plan.c — out of memory in the planning layer, as check_oom.c
 * does for the simulator: each operation (read a forecast, staff it, write
 * the requirements; read requirements and shifts, solve, write the roster;
 * simulate and repair) runs again and again with its first, second, ...
 * allocation failing (tests/failalloc.c) until it runs with none failing.
 * Every failing run must report CCS_ENOMEM (never crash, never report
 * success with a hole in its output), and the run with no failure must
 * give the answer of a run that was never disturbed: the same bytes.
 *
 * jansson's allocations go through the same failing allocator
 * (json_set_alloc_funcs), so the JSON writers meet a NULL from jansson too.
 * One exception is allowed: json_dumpf() reports a failed allocation of its
 * own as a failed write, which the writers pass on as CCS_EIO "write
 * error" (their output is a temporary file the CLI then drops); an
 * operation says so by returning DUMP_FAILED, and only from its JSON
 * writer.
 */
#define _GNU_SOURCE
#include "ccs_test.h"
#include "ccs_testfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "ccsim/forecast.h"
#include "ccsim/requirements.h"
#include "ccsim/scenario.h"
#include "ccsim/schedule.h"

#define MAX_ALLOCS 100000
#define DUMP_FAILED 1000   /* the JSON writer's json_dumpf() failed (see above) */

/* rc of writing format f: DUMP_FAILED for the JSON writer's "write error"
 * on a memory stream, which cannot fail to write. */
static int write_rc(int rc, int f, const ccs_error *err)
{
    return rc == CCS_EIO && f == 2 && strcmp(err->msg, "write error") == 0 ? DUMP_FAILED : rc;
}

typedef int (*op_fn)(void *ctx);

/* Runs op with allocation n failing for n = 0, 1, ... until it completes
 * without a failure; each failing run must return CCS_ENOMEM.  Returns the
 * number of allocations op made. */
static long each_failure(const char *what, op_fn op, void *ctx)
{
    json_set_alloc_funcs(malloc, free);
    for (long n = 0; n < MAX_ALLOCS; n++) {
        ccs_test_fail_alloc(n);
        int rc = op(ctx);
        long hit = ccs_test_fail_alloc_done();
        if (!hit) {
            ck_assert_msg(rc == CCS_OK, "%s: failed (%d) with no allocation failing", what, rc);
            return n;
        }
        ck_assert_msg(rc == CCS_ENOMEM || rc == DUMP_FAILED,
                      "%s: allocation %ld failed, status %d (want CCS_ENOMEM)",
                      what, n, rc);
    }
    ck_abort_msg("%s: more than %d allocations", what, MAX_ALLOCS);
    return -1;
}

/* Output of a writer into memory: the bytes, kept for comparison. */
typedef struct sink {
    char *buf;
    size_t len;
    FILE *fp;
} sink;

static int sink_open(sink *s)
{
    s->buf = NULL;
    s->len = 0;
    s->fp = open_memstream(&s->buf, &s->len);
    return s->fp ? CCS_OK : CCS_EIO;
}

/* Closes s; keeps its text in *keep (freeing the old one) when keep. */
static void sink_close(sink *s, char **keep)
{
    fclose(s->fp);
    if (keep) {
        free(*keep);
        *keep = s->buf;
    } else {
        free(s->buf);
    }
}

/* ---- forecast -> requirements ------------------------------------------- */

typedef struct req_ctx {
    const char *path;
    ccs_requirements_spec spec;
    char *text[3];   /* the last complete output of each format */
} req_ctx;

static int op_requirements(void *p)
{
    req_ctx *c = p;
    ccs_error err;
    ccs_error_clear(&err);
    ccs_forecast *fc = ccs_forecast_load(c->path, &err);
    if (!fc) {
        return err.code;
    }
    ccs_requirements_plan *plan = ccs_requirements_compute(fc, &c->spec, &err);
    int rc = plan ? CCS_OK : err.code;
    for (int f = 0; f < 3 && rc == CCS_OK; f++) {
        sink s;
        if ((rc = sink_open(&s)) != CCS_OK) {
            break;
        }
        rc = write_rc(ccs_requirements_write(s.fp, plan, (ccs_erlang_format)f, &err), f, &err);
        sink_close(&s, rc == CCS_OK ? &c->text[f] : NULL);
    }
    ccs_requirements_plan_free(plan);
    ccs_forecast_free(fc);
    return rc;
}

static void requirements_case(const char *path, const ccs_requirements_spec *spec)
{
    req_ctx ref = {path, *spec, {NULL, NULL, NULL}};
    ck_assert_int_eq(op_requirements(&ref), CCS_OK);
    req_ctx c = {path, *spec, {NULL, NULL, NULL}};
    ck_assert_int_gt(each_failure(path, op_requirements, &c), 0);
    for (int f = 0; f < 3; f++) {
        ck_assert_msg(c.text[f] && strcmp(c.text[f], ref.text[f]) == 0,
                      "%s: format %d differs after the failures", path, f);
        free(c.text[f]);
        free(ref.text[f]);
    }
}

START_TEST(test_requirements)
{
    /* Four half hours: a row without calls, one with its own handle time,
     * one with its own patience (Erlang A). */
    char fc[64];
    ccs_test_tmpfile(fc, sizeof fc, ".csv",
                     "start,calls,aht,patience\n08:00,100,,\n08:30,0,,\n09:00,150,200,\n"
                     "09:30,120,,90\n");
    ccs_requirements_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.targets.service_level = 0.8;
    spec.threshold_s = 20;
    spec.aht_s = 300;
    spec.targets.shrinkage = 0.3;
    requirements_case(fc, &spec);
    /* With uncertainty and a confidence target. */
    spec.volume_cv = 0.1;
    spec.absenteeism = 0.05;
    spec.confidence = 0.9;
    requirements_case(fc, &spec);
    unlink(fc);
}
END_TEST

/* ---- requirements -> roster --------------------------------------------- */

typedef struct sched_ctx {
    const char *req, *shifts;
    ccs_schedule_options so;
    char *text[3];
} sched_ctx;

static int op_schedule(void *p)
{
    sched_ctx *c = p;
    ccs_error err;
    ccs_error_clear(&err);
    ccs_requirements *req = ccs_requirements_load(c->req, &err);
    if (!req) {
        return err.code;
    }
    ccs_shift_set *set = ccs_shifts_load(c->shifts, &err);
    ccs_schedule_result *r = set ? ccs_schedule_solve(set, req, &c->so, &err) : NULL;
    int rc = r ? CCS_OK : err.code;
    for (int f = 0; f < 3 && rc == CCS_OK; f++) {
        sink s;
        if ((rc = sink_open(&s)) != CCS_OK) {
            break;
        }
        rc = write_rc(ccs_schedule_write(s.fp, r, NULL, f, c->req, &err), f, &err);
        sink_close(&s, rc == CCS_OK ? &c->text[f] : NULL);
    }
    ccs_schedule_result_free(r);
    free(set);
    ccs_requirements_free(req);
    return rc;
}

/* The text output prints CBC's solve time, which differs from run to run:
 * the line is cut out before comparing. */
static void drop_solve_time(char *t)
{
    char *p = t ? strstr(t, ", solved in ") : NULL;
    if (p) {
        char *nl = strchr(p, '\n');
        memmove(p, nl, strlen(nl) + 1);
    }
    p = t ? strstr(t, "\"solve_s\": ") : NULL;
    if (p) {
        char *nl = strchr(p, '\n');
        memmove(p, nl, strlen(nl) + 1);
    }
}

static void schedule_case(const char *req, const char *shifts, int days)
{
    sched_ctx ref = {req, shifts, {days, 30, 0, CCS_OBJ_COST}, {NULL, NULL, NULL}};
    ck_assert_int_eq(op_schedule(&ref), CCS_OK);
    sched_ctx c = ref;
    memset(c.text, 0, sizeof c.text);
    ck_assert_int_gt(each_failure(req, op_schedule, &c), 0);
    for (int f = 0; f < 3; f++) {
        drop_solve_time(c.text[f]);
        drop_solve_time(ref.text[f]);
        ck_assert_msg(c.text[f] && strcmp(c.text[f], ref.text[f]) == 0,
                      "%s: format %d differs after the failures:\n%s\n---\n%s", req, f,
                      c.text[f], ref.text[f]);
        free(c.text[f]);
        free(ref.text[f]);
    }
}

START_TEST(test_schedule)
{
    char req[64], cfg[64], week[64], wcfg[64], tight[64];
    ccs_test_tmpfile(req, sizeof req, ".csv", "start,required\n08:00,1\n09:00,2\n10:00,2\n11:00,1\n");
    ccs_test_tmpfile(cfg, sizeof cfg, ".cfg",
                     "shifts = ( { name = \"four\"; length = \"4h\"; cost_per_hour = 10;\n"
                     "  breaks = ( { length = \"1h\"; earliest = \"1h\"; latest = \"2h\"; } ); },\n"
                     "  { name = \"two\"; length = \"2h\"; part_time = true; max_agents = 3; } );\n"
                     "max_part_time_share = 0.5;\nmax_agents_per_interval = 9;\n"
                     "max_total_agents = 9;\n");
    /* Infeasible: the elastic model that names the shortfall runs too. */
    ccs_test_tmpfile(tight, sizeof tight, ".cfg",
                     "max_total_agents = 1;\nshifts = ( { name = \"four\"; length = \"4h\"; } );\n");
    ccs_test_tmpfile(week, sizeof week, ".csv",
                     "day,start,required\n1,08:00,2\n1,09:00,2\n2,08:00,1\n2,09:00,1\n3,08:00,1\n"
                     "3,09:00,1\n");
    ccs_test_tmpfile(wcfg, sizeof wcfg, ".cfg",
                     "shifts = ( { name = \"tour\"; length = \"2h\"; days_on = 2; days_off = 1; },\n"
                     "  { name = \"day\"; length = \"1h\"; cost_per_hour = 5; } );\n");
    schedule_case(req, cfg, 0);
    schedule_case(req, tight, 0);
    schedule_case(week, wcfg, 3);
    unlink(req);
    unlink(cfg);
    unlink(tight);
    unlink(week);
    unlink(wcfg);
}
END_TEST

/* ---- simulate and repair ------------------------------------------------- */

typedef struct repair_ctx {
    const char *req, *shifts;
    const ccs_scenario *sc;
    char *text[3];
} repair_ctx;

static int op_repair(void *p)
{
    repair_ctx *c = p;
    ccs_error err;
    ccs_error_clear(&err);
    ccs_requirements *req = ccs_requirements_load(c->req, &err);
    if (!req) {
        return err.code;
    }
    ccs_shift_set *set = ccs_shifts_load(c->shifts, &err);
    ccs_schedule_options so = {0, 30, 0, CCS_OBJ_COST};
    ccs_repair_options ro = {0, 0.8, 20, 3, 2, 1};
    ccs_repair_result *rep = set ? ccs_schedule_repair(set, req, &so, c->sc, &ro, &err) : NULL;
    int rc = rep ? CCS_OK : err.code;
    for (int f = 0; f < 3 && rc == CCS_OK; f++) {
        sink s;
        if ((rc = sink_open(&s)) != CCS_OK) {
            break;
        }
        rc = write_rc(ccs_schedule_write(s.fp, rep->final, rep, f, c->req, &err), f, &err);
        sink_close(&s, rc == CCS_OK ? &c->text[f] : NULL);
    }
    ccs_repair_result_free(rep);
    free(set);
    ccs_requirements_free(req);
    return rc;
}

START_TEST(test_repair)
{
    char req[64], cfg[64];
    /* One agent an hour is far too few for 30 calls an hour of 3 minutes
     * (1.5 Erlangs): the repair raises the requirement. */
    ccs_test_tmpfile(req, sizeof req, ".csv", "start,required\n08:00,1\n09:00,1\n");
    ccs_test_tmpfile(cfg, sizeof cfg, ".cfg", "shifts = ( { name = \"one\"; length = \"1h\"; } );\n");
    ccs_error err;
    ccs_scenario *sc = ccs_scenario_parse(
        "horizon = { intervals = 2; interval_minutes = 60; start = \"08:00\"; };\n"
        "calls = ( { name = \"c\"; calls_per_hour = [ 0.0, 30.0 ];\n"
        "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
        "agents = ( { name = \"g\"; count = 1; serves = [ \"c\" ]; } );\n"
        "run = { seed = 3; };\n",
        "repair.cfg", NULL, 0, &err);
    ck_assert_msg(sc != NULL, "%s", err.msg);
    repair_ctx ref = {req, cfg, sc, {NULL, NULL, NULL}};
    ck_assert_int_eq(op_repair(&ref), CCS_OK);
    repair_ctx c = ref;
    memset(c.text, 0, sizeof c.text);
    ck_assert_int_gt(each_failure("repair", op_repair, &c), 0);
    for (int f = 0; f < 3; f++) {
        drop_solve_time(c.text[f]);
        drop_solve_time(ref.text[f]);
        ck_assert_msg(c.text[f] && strcmp(c.text[f], ref.text[f]) == 0,
                      "repair: format %d differs after the failures", f);
        free(c.text[f]);
        free(ref.text[f]);
    }
    ccs_scenario_free(sc);
    unlink(req);
    unlink(cfg);
}
END_TEST

Suite *oom_plan_suite(void)
{
    Suite *s = suite_create("oom_plan");
    TCase *tc = tcase_create("requirements");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_requirements);
    suite_add_tcase(s, tc);
    tc = tcase_create("schedule");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_schedule);
    suite_add_tcase(s, tc);
    tc = tcase_create("repair");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_repair);
    suite_add_tcase(s, tc);
    return s;
}
