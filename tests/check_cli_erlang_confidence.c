/*
 * check_cli_erlang_confidence.c — the text answer of `ccsim erlang
 * --volume-cv C --absenteeism A [--confidence P]` (docs/scheduling.md,
 * "Staffing under uncertainty"): the figures printed are the closed form's
 * (uncertainty.h, itself checked against brute force in
 * check_uncertainty.c), at the precision shown:
 *  - with P: "required agents N (P(meet SL target) p% >= P%; N-1 give q%)",
 *    the Erlang answer at the mean rate, and the "Under uncertainty" block
 *    at the Erlang answer and at N; and the required N is the least with
 *    P(meet) >= P: p >= P > q;
 *  - with one agent required there is no "0 give" clause;
 *  - without P the answer is Erlang's and the block has only its line.
 */
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccs_testfile.h"
#include "ccsim/erlang.h"
#include "ccsim/uncertainty.h"

static ccs_uncertain_staffing closed_form(double calls, double aht, double cv, double absent,
                                          double conf)
{
    ccs_error err;
    ccs_uncertainty *u = ccs_uncertainty_new(cv, absent, &err);
    ck_assert_ptr_nonnull(u);
    ccs_erlang_query q = {calls, aht, 0, 20};
    ccs_staffing_targets t = {0};
    t.service_level = 0.8;
    ccs_uncertain_staffing s;
    ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, conf, &s, &err), CCS_OK);
    ccs_uncertainty_free(u);
    return s;
}

static void has(const char *out, const char *line)
{
    ck_assert_msg(ccs_test_has_line(out, line), "no line [%s] in:\n%s", line, out);
}

START_TEST(test_with_confidence)
{
    char *out = ccs_test_run_ok("erlang --calls 1000 --aht 180 --volume-cv 10% "
                                "--absenteeism 5% --confidence 90%",
                                0);
    ccs_uncertain_staffing s = closed_form(1000, 180, 0.10, 0.05, 0.90);
    ck_assert(s.prob_meet >= 0.9 && s.prob_meet_below < 0.9);
    ck_assert_int_gt(s.agents, s.mean_agents);
    char line[300];
    snprintf(line, sizeof line,
             "  required agents      %d    (P(meet SL target) %.1f%% >= 90%%; %d give %.1f%%)",
             s.agents, 100 * s.prob_meet, s.agents - 1, 100 * s.prob_meet_below);
    has(out, line);
    snprintf(line, sizeof line, "  scheduled agents     %d    (with 0%% shrinkage)", s.agents);
    has(out, line);
    snprintf(line, sizeof line, "  Erlang answer        %d    (at the mean rate, everyone present)",
             s.mean_agents);
    has(out, line);
    has(out, "Under uncertainty (volume cv 10%, absenteeism 5%; P(meet) = P(the interval "
             "meets the SL target))");
    snprintf(line, sizeof line, "  at %-6d (Erlang)    P(meet) %.1f%%, expected SL %.2f%%",
             s.mean_agents, 100 * s.prob_meet_mean, 100 * s.expected_sl_mean);
    has(out, line);
    snprintf(line, sizeof line, "  at %-6d (required)  P(meet) %.1f%%, expected SL %.2f%%",
             s.agents, 100 * s.prob_meet, 100 * s.expected_sl);
    has(out, line);
    free(out);
}
END_TEST

START_TEST(test_one_agent)
{
    char *out = ccs_test_run_ok("erlang --calls 1 --aht 60 --volume-cv 10% --confidence 50%", 0);
    ccs_uncertain_staffing s = closed_form(1, 60, 0.10, 0, 0.50);
    ck_assert_int_eq(s.agents, 1);
    char line[300];
    snprintf(line, sizeof line, "  required agents      1    (P(meet SL target) %.1f%% >= 50%%)",
             100 * s.prob_meet);
    has(out, line);
    free(out);
}
END_TEST

START_TEST(test_without_confidence)
{
    char *out = ccs_test_run_ok("erlang --calls 1000 --aht 180 --volume-cv 10%", 0);
    ccs_uncertain_staffing s = closed_form(1000, 180, 0.10, 0, 0);
    ck_assert_int_eq(s.agents, s.mean_agents);
    ck_assert_int_eq(s.mean_agents, 56);   /* Erlang C at A = 50, 80/20 (tests/data/staffing.csv) */
    has(out, "  required agents      56    (55 would miss: service level)");
    char line[300];
    snprintf(line, sizeof line, "  at %-6d (Erlang)    P(meet) %.1f%%, expected SL %.2f%%", 56,
             100 * s.prob_meet_mean, 100 * s.expected_sl_mean);
    has(out, line);
    ck_assert_msg(strstr(out, "(required)") == NULL, "a required line without a confidence");
    free(out);
}
END_TEST

Suite *cli_erlang_confidence_suite(void)
{
    Suite *s = suite_create("cli_erlang_confidence");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_with_confidence);
    tcase_add_test(tc, test_one_agent);
    tcase_add_test(tc, test_without_confidence);
    suite_add_tcase(s, tc);
    return s;
}
