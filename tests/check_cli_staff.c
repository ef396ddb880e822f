/*
 * check_cli_staff.c — what `ccsim staff` and `ccsim run` show a planner:
 * Erlang C and Erlang A side by side (text, CSV, JSON), the clock start of
 * each interval in every format, and the flag on intervals that meet their
 * targets partly by losing callers (abandon rate above 5% or --max-abandon).
 */
#include "ccs_test.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/erlang.h"

/* Runs ccsim args; fails the test unless it exits 0.  Returns stdout. */
static char *run_ok(const char *args)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "ccsim %s: exit %d: %s", args, rc, err);
    free(err);
    return out;
}

static json_t *run_json(const char *args)
{
    char *out = run_ok(args);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "ccsim %s: bad JSON: %s", args, je.text);
    free(out);
    return root;
}

/* Runs args with --out into a temporary file and reads it as CSV. */
static ccs_csv *run_csv(const char *args)
{
    char path[] = "/tmp/ccs_staff_csvXXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s --out %s", args, path);
    free(run_ok(cmd));
    ccs_csv *c = ccs_csv_read(path);
    unlink(path);
    return c;
}

/* Erlang staffing for 1000 calls/h x 180 s at 80/20, computed here; patience
 * 0 = Erlang C. */
static int erlang_agents(double patience_s)
{
    ccs_erlang_query q = {1000.0, 180.0, patience_s, 20.0};
    ccs_staffing_targets t = {0.80, 0, 0, 0, 0};
    ccs_staffing_result r;
    ck_assert_int_eq(ccs_erlang_staff(&q, &t, &r, NULL), CCS_OK);
    return r.agents;
}

/* The k-th line of text that starts (after blanks) with "k " and a clock,
 * copied into buf; fails the test when absent. */
static void interval_line(const char *text, const char *after, int k, char *buf, size_t n)
{
    const char *p = strstr(text, after);
    ck_assert_msg(p != NULL, "no '%s' in:\n%s", after, text);
    char want[32];
    snprintf(want, sizeof want, "%d ", k);
    while ((p = strchr(p, '\n')) != NULL) {
        p++;
        const char *q = p;
        while (*q == ' ') {
            q++;
        }
        if (strncmp(q, want, strlen(want)) == 0 && q[strlen(want)] != ' ') {
            size_t len = strcspn(p, "\n");
            snprintf(buf, n, "%.*s", (int)len, p);
            return;
        }
    }
    ck_abort_msg("no row for interval %d after '%s'", k, after);
}

/* M/M/c+M (patience 60 s): Erlang C ignores abandonment and asks for more
 * agents than Erlang A; both are shown and labelled; erlang_agents (kept)
 * is the Erlang A answer.  Without patience Erlang A is undefined. */
START_TEST(test_staff_erlang_c_and_a)
{
    const int c = erlang_agents(0), a = erlang_agents(60);
    ck_assert_msg(c > a, "Erlang C %d should exceed Erlang A %d here", c, a);
    const char *base = "staff scenarios/mmc-abandon.cfg --sl 80/20 --set horizon.intervals=2 "
                       "--reps 10 --max-reps 20";
    char args[512];
    snprintf(args, sizeof args, "%s --format json", base);
    json_t *root = run_json(args);
    json_t *ivs = json_object_get(root, "intervals");
    ck_assert_int_eq(json_array_size(ivs), 2);
    for (size_t k = 0; k < 2; k++) {
        json_t *iv = json_array_get(ivs, k);
        ck_assert_int_eq(json_integer_value(json_object_get(iv, "erlang_c_agents")), c);
        ck_assert_int_eq(json_integer_value(json_object_get(iv, "erlang_a_agents")), a);
        ck_assert_int_eq(json_integer_value(json_object_get(iv, "erlang_agents")), a);
    }
    json_decref(root);

    snprintf(args, sizeof args, "%s --format csv", base);
    ccs_csv *t = run_csv(args);
    ck_assert_int_eq(t->nrows, 2);
    for (int k = 0; k < 2; k++) {
        ck_assert_double_eq(ccs_csv_num(t, k, "erlang_c_agents"), c);
        ck_assert_double_eq(ccs_csv_num(t, k, "erlang_a_agents"), a);
        ck_assert_double_eq(ccs_csv_num(t, k, "erlang_agents"), a);
    }
    ccs_csv_free(t);

    char *out = run_ok(base);
    ck_assert_msg(strstr(out, "Erlang C") && strstr(out, "Erlang A"),
                  "text header does not label the Erlang columns:\n%s", out);
    char line[512], want[64];
    interval_line(out, "Erlang C", 0, line, sizeof line);
    snprintf(want, sizeof want, " %d ", c);
    ck_assert_msg(strstr(line, want), "row 0 lacks Erlang C %d: '%s'", c, line);
    snprintf(want, sizeof want, " %d ", a);
    ck_assert_msg(strstr(line, want), "row 0 lacks Erlang A %d: '%s'", a, line);
    free(out);

    /* No patience: Erlang A does not apply. */
    root = run_json("staff scenarios/mmc.cfg --sl 80/20 --set horizon.intervals=1 --reps 10 "
                    "--max-reps 20 --format json");
    json_t *iv = json_array_get(json_object_get(root, "intervals"), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(iv, "erlang_c_agents")), c);
    ck_assert(json_is_null(json_object_get(iv, "erlang_a_agents")));
    json_decref(root);
}
END_TEST

/* horizon.start = 08:00: every format writes interval k's start as clock
 * minutes 480 + 30 k, as `run` does. */
START_TEST(test_staff_start_clock_minutes)
{
    const char *base = "staff scenarios/mmc.cfg --sl 80/20 --set 'horizon.start=\"08:00\"' "
                       "--set horizon.intervals=2 --reps 10 --max-reps 20";
    char args[512];
    snprintf(args, sizeof args, "%s --format csv", base);
    ccs_csv *t = run_csv(args);
    snprintf(args, sizeof args, "%s --format json", base);
    json_t *root = run_json(args);
    ccs_csv *r = run_csv("run scenarios/mmc.cfg --set 'horizon.start=\"08:00\"' "
                         "--set horizon.intervals=2 --reps 2 --format csv");
    json_t *ivs = json_object_get(root, "intervals");
    for (int k = 0; k < 2; k++) {
        double want = 480 + 30.0 * k;
        ck_assert_double_eq(ccs_csv_num(t, k, "start_min"), want);
        ck_assert_double_eq(json_number_value(json_object_get(json_array_get(ivs, (size_t)k),
                                                              "start_min")),
                            want);
        ck_assert_double_eq(ccs_csv_num(r, k, "start_min"), want);
    }
    ccs_csv_free(t);
    ccs_csv_free(r);
    json_decref(root);
}
END_TEST

/* run: an interval is flagged in text exactly when its abandon rate (the
 * JSON point estimate) exceeds the threshold; the footnote explains it. */
static void check_run_flags(const char *args, double limit, const char *marker, int expect_any)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s --format json", args);
    json_t *root = run_json(buf);
    char *out = run_ok(args);
    json_t *ivs = json_object_get(root, "intervals");
    int flagged = 0;
    for (size_t k = 0; k < json_array_size(ivs); k++) {
        double ab = json_number_value(
            json_object_get(json_object_get(json_array_get(ivs, k), "abandon_rate"), "mean"));
        char line[512];
        interval_line(out, "Intervals,", (int)k, line, sizeof line);
        int has = strstr(line, marker) != NULL;
        ck_assert_msg(has == (ab > limit), "%s: interval %zu, abandon rate %.4f, limit %.2f: "
                      "flag %s in '%s'",
                      args, k, ab, limit, has ? "shown" : "missing", line);
        flagged += has;
    }
    ck_assert_msg((flagged > 0) == expect_any, "%s: %d intervals flagged", args, flagged);
    ck_assert_msg((strstr(out, "met partly by losing callers") != NULL) == expect_any,
                  "%s: footnote %s", args, expect_any ? "missing" : "shown without a flag");
    free(out);
    json_decref(root);
}

START_TEST(test_run_abandon_flag)
{
    /* 48 agents for 50 Erlangs with 60 s patience: about 9-11% abandon. */
    check_run_flags("run scenarios/mmc-abandon.cfg --set agents.[0].count=48", 0.05,
                    "abandon>5%", 1);
    check_run_flags("run scenarios/mmc-abandon.cfg --set agents.[0].count=48 --max-abandon 10%",
                    0.10, "abandon>10%", 1);
    check_run_flags("run scenarios/mmc.cfg", 0.05, "abandon>", 0);
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("run scenarios/mmc.cfg --max-abandon 2", &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "--max-abandon"));
    free(out);
    free(err);
    out = run_ok("run --help");
    ck_assert_ptr_nonnull(strstr(out, "--max-abandon"));
    free(out);
}
END_TEST

/* staff with a loose SL target and impatient callers: the plan meets 50/20
 * while more than 5% hang up; those rows are flagged, and with
 * --max-abandon the limit becomes a target (and the flag's threshold). */
START_TEST(test_staff_abandon_flag)
{
    const char *base = "staff scenarios/mmc-abandon.cfg --sl 50/20 --set horizon.intervals=2 "
                       "--reps 10 --max-reps 20";
    char args[512];
    snprintf(args, sizeof args, "%s --format json", base);
    json_t *root = run_json(args);
    char *out = run_ok(base);
    json_t *ivs = json_object_get(root, "intervals");
    int flagged = 0;
    for (size_t k = 0; k < json_array_size(ivs); k++) {
        double ab = json_number_value(
            json_object_get(json_object_get(json_array_get(ivs, k), "abandon_rate"), "mean"));
        char line[512];
        interval_line(out, "Erlang C", (int)k, line, sizeof line);
        int has = strstr(line, "abandon>5%") != NULL;
        ck_assert_msg(has == (ab > 0.05), "interval %zu, abandon %.4f: flag %s in '%s'", k, ab,
                      has ? "shown" : "missing", line);
        flagged += has;
    }
    ck_assert_msg(flagged > 0, "50/20 with 60 s patience should lose > 5%% somewhere:\n%s", out);
    ck_assert_ptr_nonnull(strstr(out, "met partly by losing callers"));
    json_decref(root);
    free(out);

    snprintf(args, sizeof args, "%s --max-abandon 20%%", base);
    out = run_ok(args);
    ck_assert_ptr_null(strstr(out, "abandon>5%"));
    free(out);
}
END_TEST

Suite *cli_staff_suite(void)
{
    Suite *s = suite_create("cli_staff");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_staff_erlang_c_and_a);
    tcase_add_test(tc, test_staff_start_clock_minutes);
    tcase_add_test(tc, test_run_abandon_flag);
    tcase_add_test(tc, test_staff_abandon_flag);
    suite_add_tcase(s, tc);
    return s;
}
