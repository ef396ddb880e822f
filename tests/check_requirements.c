/*
 * check_requirements.c — `ccsim erlang --forecast` (requirements.h) against
 * independent values and its documented outputs:
 *
 *  - every row of tests/data/staffing.csv and staffing_erlang_a.csv (60-digit
 *    references, tests/data/README.md) as one interval of a forecast: the
 *    required and scheduled agents, and the figures at them;
 *  - an interval without calls needs no agent;
 *  - the aht and patience columns override --aht and --patience row by row,
 *    an Erlang C row among Erlang A rows drops the abandon target;
 *  - the text report's header and columns (targets, uncertainty, days),
 *    the CSV's columns (with `day` first for several days), the JSON keys;
 *  - under uncertainty, a binding occupancy cap: the answer is ceil(A/occ);
 *  - with C = A = 0, P(meet) = 1 and E[SL] = SL at the Erlang answer;
 *  - a row no staffing can serve is named by interval, day and line.
 */
#include "ccs_test.h"
#include "ccs_testfile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REL 1e-9
#define ABS 1e-12

/* A forecast of one interval with the reference row's traffic, then one
 * without calls: 60-minute intervals, so calls = the hourly rate. */
static void one_row_forecast(char *path, size_t n, double lambda, double aht, double patience)
{
    char text[256];
    if (patience > 0) {
        snprintf(text, sizeof text, "start,calls,aht,patience\n00:00,%.17g,%.17g,%.17g\n01:00,0,,\n",
                 lambda, aht, patience);
    } else {
        snprintf(text, sizeof text, "start,calls,aht\n00:00,%.17g,%.17g\n01:00,0,\n", lambda, aht);
    }
    ccs_test_tmpfile(path, n, ".csv", text);
}

static void check_empty_interval(const json_t *iv)
{
    ck_assert_int_eq((int)ccs_test_jnum(iv, "required_agents"), 0);
    ck_assert_int_eq((int)ccs_test_jnum(iv, "scheduled_agents"), 0);
    CCS_ASSERT_CLOSE("SL of an interval without calls", ccs_test_jnum(iv, "service_level"), 1, 0,
                     0);
    CCS_ASSERT_CLOSE("its offered load", ccs_test_jnum(iv, "offered_load"), 0, 0, 0);
}

START_TEST(test_reference_erlang_c)
{
    ccs_csv *c = ccs_csv_read("tests/data/staffing.csv");
    for (int i = 0; i < c->nrows; i++) {
        char fc[64], args[512];
        double lambda = ccs_csv_num(c, i, "lambda_per_hour");
        one_row_forecast(fc, sizeof fc, lambda, ccs_csv_num(c, i, "aht_seconds"), 0);
        snprintf(args, sizeof args,
                 "erlang --forecast %s --aht 180 --sl %.17g/%.17g --max-occupancy %.17g "
                 "--asa %.17g --shrinkage %.17g --format json",
                 fc, 100 * ccs_csv_num(c, i, "target_service_level"),
                 ccs_csv_num(c, i, "target_seconds"), ccs_csv_num(c, i, "max_occupancy"),
                 ccs_csv_num(c, i, "asa_target_seconds"), ccs_csv_num(c, i, "shrinkage"));
        json_t *j = ccs_test_run_json(args, 0);
        ck_assert_str_eq(json_string_value(json_object_get(j, "model")), "erlang_c");
        json_t *ivs = json_object_get(j, "intervals");
        ck_assert_int_eq((int)json_array_size(ivs), 2);
        json_t *iv = json_array_get(ivs, 0);
        int req = (int)ccs_csv_num(c, i, "agents_required_all");
        ck_assert_msg((int)ccs_test_jnum(iv, "required_agents") == req,
                      "staffing.csv row %d (%s): %d agents, reference %d", i + 2,
                      ccs_csv_str(c, i, "case"), (int)ccs_test_jnum(iv, "required_agents"), req);
        ck_assert_int_eq((int)ccs_test_jnum(iv, "scheduled_agents"),
                         (int)ccs_csv_num(c, i, "scheduled_agents_all"));
        CCS_ASSERT_CLOSE("offered load", ccs_test_jnum(iv, "offered_load"),
                         ccs_csv_num(c, i, "offered_load_erlangs"), REL, ABS);
        CCS_ASSERT_CLOSE("occupancy = A / N", ccs_test_jnum(iv, "occupancy"),
                         ccs_csv_num(c, i, "offered_load_erlangs") / req, REL, ABS);
        ck_assert(json_is_null(json_object_get(iv, "patience_s")));
        check_empty_interval(json_array_get(ivs, 1));
        json_t *tot = json_object_get(j, "total");
        CCS_ASSERT_CLOSE("calls", ccs_test_jnum(tot, "calls"), lambda, REL, 0);
        CCS_ASSERT_CLOSE("required agent-hours", ccs_test_jnum(tot, "required_agent_hours"), req,
                         REL, 0);
        CCS_ASSERT_CLOSE("scheduled agent-hours", ccs_test_jnum(tot, "scheduled_agent_hours"),
                         ccs_csv_num(c, i, "scheduled_agents_all"), REL, 0);
        json_t *in = json_object_get(j, "inputs");
        CCS_ASSERT_CLOSE("inputs.max_asa_s", ccs_test_jnum(in, "max_asa_s"),
                         ccs_csv_num(c, i, "asa_target_seconds"), REL, 0);
        CCS_ASSERT_CLOSE("inputs.max_occupancy", ccs_test_jnum(in, "max_occupancy"),
                         ccs_csv_num(c, i, "max_occupancy"), REL, 0);
        ck_assert(json_is_null(json_object_get(in, "max_abandon")));
        ck_assert(json_is_null(json_object_get(in, "confidence")));
        json_decref(j);
        unlink(fc);
    }
    ccs_csv_free(c);
}
END_TEST

/* Erlang A: the patience column, and the text table's columns parsed
 * against the reference's SL, P(abandon) and occupancy at the answer. */
START_TEST(test_reference_erlang_a)
{
    ccs_csv *c = ccs_csv_read("tests/data/staffing_erlang_a.csv");
    for (int i = 0; i < c->nrows; i++) {
        char fc[64], args[512], opts[256];
        double lambda = ccs_csv_num(c, i, "lambda_per_hour");
        one_row_forecast(fc, sizeof fc, lambda, ccs_csv_num(c, i, "aht_seconds"),
                         ccs_csv_num(c, i, "mean_patience_seconds"));
        snprintf(opts, sizeof opts,
                 "--aht 180 --sl %.17g/%.17g --max-abandon %.17g --max-occupancy %.17g "
                 "--shrinkage %.17g",
                 100 * ccs_csv_num(c, i, "target_service_level"),
                 ccs_csv_num(c, i, "target_seconds"), ccs_csv_num(c, i, "max_prob_abandon"),
                 ccs_csv_num(c, i, "max_occupancy"), ccs_csv_num(c, i, "shrinkage"));
        snprintf(args, sizeof args, "erlang --forecast %s %s --format json", fc, opts);
        json_t *j = ccs_test_run_json(args, 0);
        ck_assert_str_eq(json_string_value(json_object_get(j, "model")), "erlang_a");
        json_t *iv = json_array_get(json_object_get(j, "intervals"), 0);
        int req = (int)ccs_csv_num(c, i, "agents_required_all");
        ck_assert_msg((int)ccs_test_jnum(iv, "required_agents") == req,
                      "staffing_erlang_a.csv row %d: %d agents, reference %d", i + 2,
                      (int)ccs_test_jnum(iv, "required_agents"), req);
        ck_assert_int_eq((int)ccs_test_jnum(iv, "scheduled_agents"),
                         (int)ccs_csv_num(c, i, "scheduled_agents_all"));
        CCS_ASSERT_CLOSE("SL at the answer", ccs_test_jnum(iv, "service_level"),
                         ccs_csv_num(c, i, "service_level_at_all"), REL, ABS);
        CCS_ASSERT_CLOSE("P(abandon) at the answer", ccs_test_jnum(iv, "prob_abandon"),
                         ccs_csv_num(c, i, "prob_abandon_at_all"), REL, ABS);
        CCS_ASSERT_CLOSE("occupancy at the answer", ccs_test_jnum(iv, "occupancy"),
                         ccs_csv_num(c, i, "occupancy_at_all"), REL, ABS);
        CCS_ASSERT_CLOSE("patience", ccs_test_jnum(iv, "patience_s"),
                         ccs_csv_num(c, i, "mean_patience_seconds"), REL, 0);
        check_empty_interval(json_array_get(json_object_get(j, "intervals"), 1));
        json_decref(j);
        /* The text table: start calls load required scheduled SL ASA occ abandon. */
        snprintf(args, sizeof args, "erlang --forecast %s %s", fc, opts);
        char *t = ccs_test_run_ok(args, 0);
        char want[300];
        snprintf(want, sizeof want, "Erlang A requirements per interval: %s\n", fc);
        ck_assert_msg(strncmp(t, want, strlen(want)) == 0, "%s", t);
        snprintf(want, sizeof want, "  max P(abandon)     %.4g%%",
                 100 * ccs_csv_num(c, i, "max_prob_abandon"));
        ck_assert_msg(ccs_test_has_line(t, want), "no '%s' in\n%s", want, t);
        const char *row = strstr(t, "\n  00:00 ");
        ck_assert_msg(row != NULL, "%s", t);
        double calls, load, sl, asa, occ, ab;
        int nreq, nsch;
        ck_assert_int_eq(sscanf(row, " 00:00 %lf %lf %d %d %lf%% %lf %lf%% %lf%%", &calls, &load,
                                &nreq, &nsch, &sl, &asa, &occ, &ab),
                         8);
        ck_assert_int_eq(nreq, req);
        ck_assert_int_eq(nsch, (int)ccs_csv_num(c, i, "scheduled_agents_all"));
        CCS_ASSERT_CLOSE("text load", load, ccs_csv_num(c, i, "offered_load_erlangs"), 0, 0.005);
        CCS_ASSERT_CLOSE("text SL", sl, 100 * ccs_csv_num(c, i, "service_level_at_all"), 0, 0.05);
        CCS_ASSERT_CLOSE("text occupancy", occ, 100 * ccs_csv_num(c, i, "occupancy_at_all"), 0,
                         0.05);
        CCS_ASSERT_CLOSE("text abandon", ab, 100 * ccs_csv_num(c, i, "prob_abandon_at_all"), 0,
                         0.005);
        ck_assert_msg(strstr(t, "\n  01:00        0     0.00         0          0  100.0%"), "%s",
                      t);
        free(t);
        unlink(fc);
    }
    ccs_csv_free(c);
}
END_TEST

/* Row values override the defaults: 08:00 takes --aht 180 (100 calls in
 * 30 min = 10 Erlangs: 14 agents, staffing.csv's first row, SL alone),
 * 08:30 its own aht 360 (20 Erlangs) and patience 60 (Erlang A).  The
 * Erlang C row has no abandonment, so --max-abandon does not apply to it
 * and its answer stays 14 even at a 0.1% cap. */
START_TEST(test_row_columns)
{
    char fc[64], args[512];
    ccs_test_tmpfile(fc, sizeof fc, ".csv",
                     "start,calls,aht,patience\n08:00,100,,\n08:30,100,360,60\n");
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180 --max-abandon 0.1%% --format json",
             fc);
    json_t *j = ccs_test_run_json(args, 0);
    ck_assert_str_eq(json_string_value(json_object_get(j, "model")), "erlang_a");
    json_t *a = json_array_get(json_object_get(j, "intervals"), 0);
    json_t *b = json_array_get(json_object_get(j, "intervals"), 1);
    CCS_ASSERT_CLOSE("aht default", ccs_test_jnum(a, "aht_s"), 180, 0, 0);
    ck_assert(json_is_null(json_object_get(a, "patience_s")));
    ck_assert_int_eq((int)ccs_test_jnum(a, "required_agents"), 14);
    CCS_ASSERT_CLOSE("P(abandon) of an Erlang C row", ccs_test_jnum(a, "prob_abandon"), 0, 0, 0);
    CCS_ASSERT_CLOSE("aht of the row", ccs_test_jnum(b, "aht_s"), 360, 0, 0);
    CCS_ASSERT_CLOSE("its load", ccs_test_jnum(b, "offered_load"), 20, 1e-12, 0);
    CCS_ASSERT_CLOSE("patience of the row", ccs_test_jnum(b, "patience_s"), 60, 0, 0);
    ck_assert_msg(ccs_test_jnum(b, "prob_abandon") <= 0.001, "P(abandon) %g above the cap",
                  ccs_test_jnum(b, "prob_abandon"));
    json_decref(j);
    unlink(fc);
}
END_TEST

/* Several days: `day` leads every CSV row and JSON interval; the text has
 * a day column, says "several days" and totals the week.  Two days of two
 * half hours at staffing.csv's first load (100 calls per 30 min at 180 s,
 * 10 Erlangs, 80/20: 14 agents) and half of it on day 2 (5 Erlangs). */
START_TEST(test_several_days)
{
    char fc[64], args[512];
    ccs_test_tmpfile(fc, sizeof fc, ".csv",
                     "day,start,calls\n1,08:00,100\n1,08:30,100\n2,08:00,50\n2,08:30,0\n");
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180 --format csv", fc);
    char *csv = ccs_test_run_ok(args, 0);
    ck_assert_msg(strncmp(csv, "day,start,calls,offered_load,required_agents,scheduled_agents,"
                               "service_level,asa_s,occupancy,prob_abandon\n1,08:00,100,10,14,14,",
                          strlen("day,start,calls,offered_load,required_agents,scheduled_agents,"
                                 "service_level,asa_s,occupancy,prob_abandon\n1,08:00,100,10,14,"
                                 "14,")) == 0,
                  "%s", csv);
    ck_assert_msg(strstr(csv, "\n2,08:30,0,0,0,0,1,0,0,0\n"), "%s", csv);
    free(csv);
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180 --format json", fc);
    json_t *j = ccs_test_run_json(args, 0);
    json_t *ivs = json_object_get(j, "intervals");
    ck_assert_int_eq((int)json_array_size(ivs), 4);
    ck_assert_int_eq((int)ccs_test_jnum(json_array_get(ivs, 0), "day"), 1);
    ck_assert_int_eq((int)ccs_test_jnum(json_array_get(ivs, 3), "day"), 2);
    ck_assert_int_eq((int)ccs_test_jnum(json_array_get(ivs, 1), "required_agents"), 14);
    json_decref(j);
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180", fc);
    char *t = ccs_test_run_ok(args, 0);
    ck_assert_msg(ccs_test_has_line(t, "  intervals          4 of 30 min (several days)"), "%s", t);
    ck_assert_msg(strstr(t, "\nday  start    calls     load  required  scheduled      SL   ASA s  "
                            "occupancy\n"),
                  "%s", t);
    ck_assert_msg(strstr(t, "\n  1  08:00      100    10.00        14         14 "), "%s", t);
    ck_assert_msg(strstr(t, "\nweek total: 250 calls, "), "%s", t);
    free(t);
    unlink(fc);
}
END_TEST

/* The text header echoes every target and the uncertainty model; with
 * C = A = 0 the confidence answer is the Erlang one, met for sure
 * (P(meet) 100%) with E[SL] its SL: staffing.csv's first row (14 agents,
 * SL 88.8%). */
START_TEST(test_text_header_and_uncertainty)
{
    char fc[64], args[512];
    ccs_test_tmpfile(fc, sizeof fc, ".csv", "start,calls\n08:00,200\n09:00,200\n");
    snprintf(args, sizeof args,
             "erlang --forecast %s --aht 180 --asa 30 --max-occupancy 90%% --shrinkage 30%% "
             "--volume-cv 0 --absenteeism 0 --confidence 90%%",
             fc);
    char *t = ccs_test_run_ok(args, 0);
    static const char *const lines[] = {
        "  intervals          2 of 60 min",
        "  service level      80% answered within 20 s",
        "  max ASA            30 s",
        "  max occupancy      90%",
        "  shrinkage          30%",
        "  volume cv          0% (gamma multiplier of each interval's rate)",
        "  absenteeism        0% (each planned agent absent independently)",
        "  confidence         90%: required = fewest planned agents meeting the SL target with "
        "this probability",
        "  start    calls     load  required  scheduled      SL   ASA s  occupancy  P(meet)  E[SL]"
        "  erlang  P(meet) at erlang",
        "  08:00      200    10.00        14         20   88.8%    7.84      71.4%   100.0%  88.8% "
        "     14              100.0%",
        "day total: 400 calls, 28.00 required agent-hours, 40.00 scheduled agent-hours",
        "SL, ASA and occupancy are at the required agents and the forecast rate, everyone "
        "present; P(meet) and E[SL] are over the volume error and absence.",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        ck_assert_msg(ccs_test_has_line(t, lines[i]), "no line\n'%s'\nin\n%s", lines[i], t);
    }
    free(t);
    /* Uncertainty without a confidence target: required = Erlang at the mean. */
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180 --volume-cv 10%%", fc);
    t = ccs_test_run_ok(args, 0);
    ck_assert_msg(ccs_test_has_line(t, "  confidence         none: required = Erlang at the mean"),
                  "%s", t);
    ck_assert_msg(strstr(t, "\n  08:00      200    10.00        14         14   88.8%"), "%s", t);
    free(t);
    /* Its CSV and JSON columns. */
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180 --volume-cv 10%% --format csv", fc);
    t = ccs_test_run_ok(args, 0);
    ck_assert_msg(strncmp(t, "start,calls,offered_load,required_agents,scheduled_agents,"
                             "service_level,asa_s,occupancy,prob_abandon,prob_meet_target,"
                             "expected_service_level,erlang_agents,prob_meet_target_erlang,"
                             "expected_service_level_erlang\n08:00,200,10,14,14,",
                          200) == 0,
                  "%s", t);
    free(t);
    snprintf(args, sizeof args,
             "erlang --forecast %s --aht 180 --volume-cv 10%% --absenteeism 5%% --format json", fc);
    json_t *j = ccs_test_run_json(args, 0);
    json_t *iv = json_array_get(json_object_get(j, "intervals"), 0);
    static const char *const keys[] = {"prob_meet_target", "expected_service_level",
                                       "erlang_agents", "prob_meet_target_erlang",
                                       "expected_service_level_erlang"};
    for (size_t k = 0; k < 5; k++) {
        double v = ccs_test_jnum(iv, keys[k]);
        ck_assert_msg(k == 2 ? v == 14 : (v > 0 && v <= 1), "%s = %g", keys[k], v);
    }
    json_t *in = json_object_get(j, "inputs");
    CCS_ASSERT_CLOSE("volume_cv", ccs_test_jnum(in, "volume_cv"), 0.1, 1e-12, 0);
    CCS_ASSERT_CLOSE("absenteeism", ccs_test_jnum(in, "absenteeism"), 0.05, 1e-12, 0);
    json_decref(j);
    unlink(fc);
}
END_TEST

/* Under uncertainty an occupancy cap still holds: 1000 calls an hour of
 * 180 s is 50 Erlangs, at most 50% occupancy needs ceil(50 / 0.5) = 100
 * agents, far above what the SL at 90% confidence needs (about 60). */
START_TEST(test_uncertain_with_occupancy_cap)
{
    json_t *j = ccs_test_run_json("erlang --calls 1000 --aht 180 --volume-cv 10% --confidence 90% "
                                  "--max-occupancy 50% --format json",
                                  0);
    ck_assert_int_eq((int)ccs_test_jnum(j, "required_agents"), 100);
    json_decref(j);
    char fc[64], args[256];
    ccs_test_tmpfile(fc, sizeof fc, ".csv", "start,calls\n08:00,1000\n09:00,500\n");
    snprintf(args, sizeof args, "erlang --forecast %s --aht 180 --volume-cv 10%% --confidence 90%% "
                                "--max-occupancy 50%% --format json",
             fc);
    j = ccs_test_run_json(args, 0);
    json_t *ivs = json_object_get(j, "intervals");
    ck_assert_int_eq((int)ccs_test_jnum(json_array_get(ivs, 0), "required_agents"), 100);
    ck_assert_int_eq((int)ccs_test_jnum(json_array_get(ivs, 1), "required_agents"), 50);
    json_decref(j);
    unlink(fc);
}
END_TEST

/* ---- errors ---------------------------------------------------------------- */

START_TEST(test_errors)
{
    static const struct {
        const char *csv;
        const char *opts;
        const char *want;   /* after "ccsim erlang: FILE" */
    } cases[] = {
        {"start,calls,aht\n08:00,10,\n08:30,5,100\n", "",
         ":2: aht: empty cell and no default: give --aht (e.g. --aht 3m)"},
        {"start,calls\n08:00,10\n08:30,5\n", "",
         ":2: aht: the forecast has no aht column: give --aht (e.g. --aht 3m)"},
    };
    char fc[64], args[512], want[512];
    /* A row past the load the staffing supports: named by interval, day and
     * line, exit 2. */
    ccs_test_tmpfile(fc, sizeof fc, ".csv", "start,calls\n08:00,5\n08:30,1e9\n");
    snprintf(args, sizeof args, "erlang --forecast %s --aht 86400", fc);
    ccs_test_expect_error(args, 2,
                          "ccsim erlang: --calls: offered load 4.8e+10 Erlangs (calls x AHT) is "
                          "above the supported 5000000 (interval 08:30 of day 1, line 3)");
    unlink(fc);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ccs_test_tmpfile(fc, sizeof fc, ".csv", cases[i].csv);
        snprintf(args, sizeof args, "erlang --forecast %s %s", fc, cases[i].opts);
        snprintf(want, sizeof want, "ccsim erlang: %s%s", fc, cases[i].want);
        ccs_test_expect_error(args, 2, want);
        unlink(fc);
    }
}
END_TEST

Suite *requirements_suite(void)
{
    Suite *s = suite_create("requirements");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_reference_erlang_c);
    tcase_add_test(tc, test_reference_erlang_a);
    tcase_add_test(tc, test_row_columns);
    tcase_add_test(tc, test_several_days);
    tcase_add_test(tc, test_text_header_and_uncertainty);
    tcase_add_test(tc, test_uncertain_with_occupancy_cap);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);
    return s;
}
