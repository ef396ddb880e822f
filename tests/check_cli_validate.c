/*
 * check_cli_validate.c — `ccsim validate` on a loss system: with
 * queue_capacity = 0 (M/M/N/N) the theory is Erlang B's blocking
 * probability, checked here against the reference vector of
 * tests/data/erlang_b.csv; every row names its formula.
 */
#include "ccs_test.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A = 200/h x 180 s = 10 Erlangs on 10 agents, no waiting room. */
#define LOSS "validate scenarios/mmc.cfg --set calls.[0].calls_per_hour=200 " \
             "--set agents.[0].count=10 --set calls.[0].queue_capacity=0"

/* B(10, 10) from the reference file (A = N = 10). */
static double reference_b_10_10(void)
{
    ccs_csv *c = ccs_csv_read("tests/data/erlang_b.csv");
    double b = NAN;
    for (int i = 0; i < c->nrows; i++) {
        if (ccs_csv_num(c, i, "offered_load_erlangs") == 10 && ccs_csv_num(c, i, "agents") == 10) {
            b = ccs_csv_num(c, i, "blocking_probability");
        }
    }
    ccs_csv_free(c);
    ck_assert_msg(isfinite(b), "tests/data/erlang_b.csv has no A = N = 10 row");
    return b;
}

static json_t *run_json(const char *args)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "ccsim %s: exit %d: %s", args, rc, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "ccsim %s: JSON: %s", args, je.text);
    free(out);
    free(err);
    return root;
}

static const char *fstr(json_t *row, const char *fig, const char *key)
{
    json_t *v = json_object_get(json_object_get(row, fig), key);
    ck_assert_msg(json_is_string(v), "%s.%s is not a string", fig, key);
    return json_string_value(v);
}

static double fnum(json_t *row, const char *fig, const char *key)
{
    return json_number_value(json_object_get(json_object_get(row, fig), key));
}

/* Checks one loss-system run: model erlang_b, blocking theory = B(10, 10)
 * in every interval and the day, SL theory = 1 - B, nobody waits, theory
 * inside the CI for the day and in most intervals. */
static void check_loss(const char *args, double b)
{
    json_t *root = run_json(args);
    json_t *t0 = json_array_get(json_object_get(root, "call_types"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(t0, "model")), "erlang_b");
    json_t *rows = json_object_get(t0, "rows");
    size_t n = json_array_size(rows);
    ck_assert_int_eq(n, 9);   /* 8 intervals and the day */
    int inside = 0;
    for (size_t k = 0; k < n; k++) {
        json_t *r = json_array_get(rows, k);
        CCS_ASSERT_CLOSE("Erlang B theory", fnum(r, "block_rate", "theory"), b, 1e-12, 0);
        CCS_ASSERT_CLOSE("SL theory = 1 - B", fnum(r, "service_level", "theory"), 1 - b, 1e-12,
                         0);
        ck_assert_str_eq(fstr(r, "block_rate", "formula"), "erlang_b");
        ck_assert_str_eq(fstr(r, "service_level", "formula"), "1-erlang_b");
        ck_assert_str_eq(fstr(r, "prob_wait", "formula"), "zero");
        ck_assert_double_eq(fnum(r, "prob_wait", "mean"), 0.0);
        ck_assert_double_eq(fnum(r, "asa_s", "mean"), 0.0);
        int in = json_is_true(json_object_get(json_object_get(r, "block_rate"), "inside_ci"));
        inside += in;
        if (k == n - 1) {
            ck_assert_msg(in, "%s: the day's blocking [%g, %g] misses Erlang B %g", args,
                          json_number_value(json_array_get(
                              json_object_get(json_object_get(r, "block_rate"), "ci95"), 0)),
                          json_number_value(json_array_get(
                              json_object_get(json_object_get(r, "block_rate"), "ci95"), 1)),
                          b);
        }
    }
    /* 95% intervals: about one in twenty may miss. */
    ck_assert_msg(inside >= 7, "%s: Erlang B inside only %d of 9 blocking CIs", args, inside);
    json_decref(root);
}

START_TEST(test_validate_erlang_b)
{
    double b = reference_b_10_10();
    check_loss(LOSS " --format json", b);
    /* Erlang B is insensitive to the handle-time distribution: a fixed
     * 180 s gives the same blocking, and no warning says otherwise. */
    check_loss(LOSS " --set 'calls.[0].handle_time.dist=\"deterministic\"' --format json", b);
    json_t *root =
        run_json(LOSS " --set 'calls.[0].handle_time.dist=\"deterministic\"' --format json");
    json_t *w = json_object_get(root, "warnings");
    for (size_t i = 0; i < json_array_size(w); i++) {
        const char *s = json_string_value(json_array_get(w, i));
        ck_assert_msg(strstr(s, "not exponential") == NULL && strstr(s, "queue capacit") == NULL,
                      "loss system warned: %s", s);
    }
    json_decref(root);
}
END_TEST

/* The text says Erlang B for the type, shows P(block) and a formula
 * column on every figure row; no loss-system row says NO for SL. */
START_TEST(test_validate_text_formulas)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(LOSS, &out, &err);
    ck_assert_int_eq(rc, 0);
    ck_assert_msg(strstr(out, "Erlang B (M/M/N/N"), "no Erlang B model line:\n%s", out);
    ck_assert_ptr_nonnull(strstr(out, "formula"));
    ck_assert_ptr_nonnull(strstr(out, "P(block)"));
    int rows = 0;
    for (const char *p = out; (p = strstr(p, "  SL  ")) != NULL; p++) {
        size_t len = strcspn(p, "\n");
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        ck_assert_msg(strstr(line, "1 - Erlang B"), "SL row without its formula: '%s'", line);
        rows++;
    }
    ck_assert_int_eq(rows, 9);
    free(out);
    free(err);
    /* M/M/c: every row says Erlang C, abandon theory is 0 by construction. */
    rc = ccs_test_run("validate scenarios/mmc.cfg --reps 4", &out, &err);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(out, "Erlang C (M/M/N"));
    ck_assert_ptr_nonnull(strstr(out, "0 (no patience)"));
    ck_assert_ptr_null(strstr(out, "P(block)"));
    free(out);
    free(err);
}
END_TEST

Suite *cli_validate_suite(void)
{
    Suite *s = suite_create("cli_validate");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_validate_erlang_b);
    tcase_add_test(tc, test_validate_text_formulas);
    suite_add_tcase(s, tc);
    return s;
}
