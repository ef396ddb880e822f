/*
 * check_cli_teach.c — the teaching commands: `ccsim trace` (the event list
 * of a tiny one-agent queue obeys the hand-worked rules of FIFO service)
 * and `ccsim validate` (its theory column against values computed outside
 * ccsim's Erlang code: Erlang C by brute force in the test, Erlang A from the
 * 60-digit reference rows of tests/data/erlang_a.csv; its simulated column
 * near the theory by a z test; its inside_ci flags consistent with both).
 */
#include "ccs_test.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccs_ref.h"

#define TINY "scenarios/teach/00-trace-tiny.cfg"
#define SERVICE_S 100.0     /* the tiny scenario's deterministic handle time */
#define MAX_CALLS 200

typedef struct ev {
    double t;
    char kind[16];
    int call;
    long queue;
    long busy;
    double wait;
} ev;

/* Parses `ccsim trace --format csv` output into evs; returns the count. */
static int parse_trace(char *text, ev *evs, int max)
{
    int n = 0;
    char *save = NULL;
    char *line = strtok_r(text, "\n", &save);
    ck_assert_msg(line && strncmp(line, "time_s,clock,event,call,", 24) == 0,
                  "trace CSV header: got '%s'", line ? line : "(none)");
    while ((line = strtok_r(NULL, "\n", &save)) && n < max) {
        char *f[10];
        int nf = 0;
        char *p = line;
        while (nf < 10) {
            f[nf++] = p;
            char *c = strchr(p, ',');
            if (!c) {
                break;
            }
            *c = '\0';
            p = c + 1;
        }
        ck_assert_msg(nf == 10, "trace row has %d fields", nf);
        ev *e = &evs[n++];
        e->t = strtod(f[0], NULL);
        snprintf(e->kind, sizeof e->kind, "%s", f[2]);
        e->call = *f[3] ? atoi(f[3]) : 0;
        e->queue = atol(f[7]);
        e->busy = atol(f[8]);
        e->wait = *f[9] ? strtod(f[9], NULL) : -1;
    }
    return n;
}

/* Hand rules for one agent and 100 s calls, FIFO: call i is answered at
 * max(arrival_i, departure_{i-1}) and leaves 100 s later; it queues exactly
 * when the agent is busy at its arrival; the queue printed after each event
 * is the number of calls that arrived and are not yet answered. */
START_TEST(test_trace_hand_worked)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("trace " TINY " --until 1h --format csv", &out, &err);
    ck_assert_msg(rc == 0, "trace exit %d: %s", rc, err);
    static ev evs[4000];
    int n = parse_trace(out, evs, 4000);
    ck_assert_msg(n > 20, "expected a few dozen events in an hour, got %d", n);

    double arrive[MAX_CALLS + 1], answer[MAX_CALLS + 1], depart[MAX_CALLS + 1];
    for (int i = 0; i <= MAX_CALLS; i++) {
        arrive[i] = answer[i] = depart[i] = -1;
    }
    int last_arrival = 0, waiting = 0, in_service = 0, answered = 0;
    double prev_t = 0;
    for (int i = 0; i < n; i++) {
        const ev *e = &evs[i];
        ck_assert_msg(e->t >= prev_t - 1e-9, "event %d goes back in time", i);
        prev_t = e->t;
        ck_assert_int_le(e->call, MAX_CALLS);
        if (strcmp(e->kind, "arrival") == 0) {
            ck_assert_msg(e->call == last_arrival + 1, "calls numbered in arrival order: %d "
                          "after %d", e->call, last_arrival);
            last_arrival = e->call;
            arrive[e->call] = e->t;
            /* the next event for this call: answer now if the agent is free,
             * else queue */
            ck_assert_msg(i + 1 < n, "arrival is the last event");
            const ev *nx = &evs[i + 1];
            ck_assert_msg(nx->call == e->call && nx->t == e->t, "call %d: nothing follows its "
                          "arrival at once", e->call);
            ck_assert_msg(strcmp(nx->kind, in_service ? "queue" : "answer") == 0,
                          "call %d arrives with the agent %s but is '%s'", e->call,
                          in_service ? "busy" : "free", nx->kind);
            ck_assert_int_eq(e->busy, in_service);
        } else if (strcmp(e->kind, "queue") == 0) {
            waiting++;
            ck_assert_int_eq(e->busy, 1);
        } else if (strcmp(e->kind, "answer") == 0) {
            int c = e->call;
            ck_assert_msg(c == answered + 1, "FIFO: call %d answered after %d", c, answered);
            double expect = c == 1 ? arrive[1] : fmax(arrive[c], depart[c - 1]);
            CCS_ASSERT_CLOSE("answer time = max(arrival, previous departure)", e->t, expect,
                             1e-9, 2e-3);
            CCS_ASSERT_CLOSE("wait = answer - arrival", e->wait, e->t - arrive[c], 0, 2e-3);
            if (e->t > arrive[c] + 1e-9) {
                waiting--;
            }
            answer[c] = e->t;
            answered = c;
            in_service = 1;
            ck_assert_int_eq(e->busy, 1);
        } else if (strcmp(e->kind, "depart") == 0) {
            int c = e->call;
            ck_assert_msg(answer[c] >= 0, "call %d departs unanswered", c);
            CCS_ASSERT_CLOSE("departure = answer + 100 s", e->t, answer[c] + SERVICE_S, 1e-12,
                             2e-3);
            depart[c] = e->t;
            in_service = 0;
            ck_assert_int_eq(e->busy, 0); /* counts are after the event */
        } else if (strcmp(e->kind, "interval") != 0) {
            ck_abort_msg("unexpected event '%s' (no patience, no capacity)", e->kind);
        }
        ck_assert_msg(e->queue == waiting, "event %d (%s, call %d): queue %ld, by hand %d", i,
                      e->kind, e->call, e->queue, waiting);
    }
    ck_assert_msg(answered >= 10, "only %d calls answered", answered);
    free(out);
    free(err);
}
END_TEST

START_TEST(test_trace_text_and_until)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("trace " TINY " --until 5m", &out, &err);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(out, "time_s"));
    ck_assert_ptr_nonnull(strstr(out, "interval"));
    /* nothing after 300 s: no clock beyond 00:05:00 */
    ck_assert_ptr_null(strstr(out, "00:05:01"));
    ck_assert_ptr_null(strstr(out, "00:06:"));
    free(out);
    free(err);
}
END_TEST

START_TEST(test_trace_errors)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("trace " TINY " --until soon", &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "--until"));
    ck_assert_ptr_null(strchr(strchr(err, '\n') + 1, '\n'));
    free(out);
    free(err);
    rc = ccs_test_run("trace", &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_ptr_nonnull(strstr(err, "SCENARIO"));
    free(out);
    free(err);
    rc = ccs_test_run("trace " TINY " --format json", &out, &err);
    ck_assert_int_eq(rc, 2);
    free(out);
    free(err);
}
END_TEST

/* The rows of `validate --format json` for the one call type. */
static json_t *validate_rows(const char *args, const char *model, json_t **root)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "validate exit %d: %s", rc, err);
    json_error_t je;
    *root = json_loads(out, 0, &je);
    ck_assert_msg(*root != NULL, "validate JSON: %s", je.text);
    json_t *types = json_object_get(*root, "call_types");
    ck_assert_int_eq(json_array_size(types), 1);
    json_t *t0 = json_array_get(types, 0);
    ck_assert_str_eq(json_string_value(json_object_get(t0, "model")), model);
    free(out);
    free(err);
    return json_object_get(t0, "rows");
}

/* One figure of a row: theory as expected, the flag true exactly when the
 * theory is inside the printed interval; returns the figure. */
static json_t *check_figure(json_t *row, const char *key, double theory, double *lo,
                            double *hi)
{
    json_t *f = json_object_get(row, key);
    ck_assert_msg(json_is_object(f), "no %s", key);
    CCS_ASSERT_CLOSE(key, json_real_value(json_object_get(f, "theory")), theory, 1e-9, 1e-15);
    json_t *ci = json_object_get(f, "ci95");
    *lo = json_real_value(json_array_get(ci, 0));
    *hi = json_real_value(json_array_get(ci, 1));
    int in = theory >= *lo && theory <= *hi;
    ck_assert_int_eq(json_is_true(json_object_get(f, "inside_ci")), in);
    return f;
}

/* validate on M/M/c: the theory column is Erlang C for 1000/h x 180 s on 55
 * agents (brute force: SL 0.7794, P(wait) 0.3845, ASA 13.84 s); after a
 * 4-hour warmup the day's simulated figures lie within the z bound of it. */
START_TEST(test_validate_mmc)
{
    char args[256];
    snprintf(args, sizeof args,
             "validate scenarios/mmc.cfg --reps 30 --set run.warmup_minutes=240 "
             "--format json%s",
             ccs_test_seed_arg(101));
    json_t *root;
    json_t *rows = validate_rows(args, "erlang_c", &root);
    ck_assert_int_eq(json_array_size(rows), 9);   /* 8 intervals + the day */
    ccs_ref_mmc m;
    ccs_ref_erlang_c_figures(1000.0, 180.0, 55, 20.0, &m);
    CCS_ASSERT_CLOSE("reference SL", m.service_level, 0.779365, 0, 1e-6);
    double z = ccs_test_zcrit(CCS_ALPHA_TEST, 3);
    for (size_t i = 0; i < 9; i++) {
        json_t *r = json_array_get(rows, i);
        double lo, hi;
        json_t *f[3] = {check_figure(r, "service_level", m.service_level, &lo, &hi), NULL, NULL};
        f[1] = check_figure(r, "prob_wait", m.prob_wait, &lo, &hi);
        f[2] = check_figure(r, "asa_s", m.asa_s, &lo, &hi);
        if (i < 8) {
            continue;
        }
        ck_assert_str_eq(json_string_value(json_object_get(r, "interval")), "day");
        const double th[3] = {m.service_level, m.prob_wait, m.asa_s};
        for (int j = 0; j < 3; j++) {
            json_t *ci = json_object_get(f[j], "ci95");
            double l = json_real_value(json_array_get(ci, 0));
            double h = json_real_value(json_array_get(ci, 1));
            CCS_ASSERT_Z("day's simulated figure vs theory",
                         json_real_value(json_object_get(f[j], "mean")), th[j],
                         ccs_test_se(l, h, 29), z);
        }
    }
    json_decref(root);
}
END_TEST

/* validate on M/M/c+M (patience 60 s) on 50 agents: theory from the
 * reference row "A=50 N=50 patience 60 s" of tests/data/erlang_a.csv. */
START_TEST(test_validate_erlang_a)
{
    ccs_csv *ref = ccs_csv_read("tests/data/erlang_a.csv");
    int row = -1;
    for (int i = 0; i < ref->nrows; i++) {
        if (strcmp(ccs_csv_str(ref, i, "case"), "A=50 N=50 patience 60 s (project M/M/c+M "
                                                "example load)") == 0) {
            row = i;
        }
    }
    ck_assert_int_ge(row, 0);
    char args[256];
    snprintf(args, sizeof args,
             "validate scenarios/mmc-abandon.cfg --reps 20 --set agents.[0].count=50 "
             "--set horizon.intervals=2 --format json%s",
             ccs_test_seed_arg(102));
    json_t *root;
    json_t *rows = validate_rows(args, "erlang_a", &root);
    ck_assert_int_eq(json_array_size(rows), 3);
    for (size_t i = 0; i < 3; i++) {
        json_t *r = json_array_get(rows, i);
        double lo, hi;
        check_figure(r, "service_level", ccs_csv_num(ref, row, "service_level"), &lo, &hi);
        check_figure(r, "prob_wait", ccs_csv_num(ref, row, "prob_wait"), &lo, &hi);
        check_figure(r, "asa_s", ccs_csv_num(ref, row, "asa_answered_seconds"), &lo, &hi);
        check_figure(r, "abandon_rate", ccs_csv_num(ref, row, "prob_abandon"), &lo, &hi);
    }
    json_decref(root);
    ccs_csv_free(ref);
}
END_TEST

/* Load >= agents without patience: theory says "unstable", never nan. */
START_TEST(test_validate_unstable)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("validate scenarios/mmc.cfg --set agents.[0].count=48 "
                          "--set horizon.intervals=2 --reps 3",
                          &out, &err);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(out, "unstable"));
    ck_assert_ptr_null(strstr(out, "nan"));
    free(out);
    free(err);
    rc = ccs_test_run("validate scenarios/mmc.cfg --set agents.[0].count=48 "
                      "--set horizon.intervals=2 --reps 3 --format json",
                      &out, &err);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(out, "\"unstable\": true"));
    free(out);
    free(err);
}
END_TEST

START_TEST(test_validate_no_theory_and_warnings)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("validate scenarios/two-types.cfg --reps 2", &out, &err);
    ck_assert_msg(rc == 0, "validate exit %d: %s", rc, err);
    ck_assert_ptr_nonnull(strstr(out, "no theory"));
    ck_assert_ptr_nonnull(strstr(out, "warm"));
    ck_assert_ptr_nonnull(strstr(out, "not exponential"));
    free(out);
    free(err);
    rc = ccs_test_run("validate scenarios/mmc.cfg --format csv", &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_ptr_nonnull(strstr(err, "--format"));
    free(out);
    free(err);
}
END_TEST

Suite *cli_teach_suite(void)
{
    Suite *s = suite_create("cli_teach");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_trace_hand_worked);
    tcase_add_test(tc, test_trace_text_and_until);
    tcase_add_test(tc, test_validate_mmc);
    tcase_add_test(tc, test_validate_erlang_a);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_trace_errors);
    tcase_add_test(tc, test_validate_no_theory_and_warnings);
    tcase_add_test(tc, test_validate_unstable);
    suite_add_tcase(s, tc);
    return s;
}
