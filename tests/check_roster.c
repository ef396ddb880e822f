/*
 * check_roster.c — `ccsim schedule` on instances small enough to solve by
 * hand: every limit of SHIFTS.cfg (min/max agents of a template, total
 * agents, seats, the part-time share, cost per shift, paid and unpaid
 * breaks), weekly tours and daily shifts over several days, the deviation
 * objective, infeasibility, and the text, CSV and JSON outputs
 * (docs/scheduling.md, "The model" and "Output").
 *
 * The requirements are four 60-minute intervals from 08:00 to 12:00 (not
 * a cyclic day).  Each expected roster is argued in a comment: the
 * covering program is small enough that its optimum is found by
 * enumeration in the head, and the test compares CBC's answer with it.
 */
#include "ccs_test.h"
#include "ccs_testfile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccsim/forecast.h"
#include "ccsim/schedule.h"

#define REQ_2222 "start,required\n08:00,2\n09:00,2\n10:00,2\n11:00,2\n"
#define FOUR "{ name = \"four\"; length = \"4h\"; cost_per_hour = 10; }"

/* ccsim schedule REQ --shifts (a file holding shifts) ARGS: exit rc, the
 * JSON or the text it prints (decref / free). */
typedef struct inst {
    char req[64];
    char cfg[64];
} inst;

static void inst_make(inst *x, const char *req, const char *shifts)
{
    ccs_test_tmpfile(x->req, sizeof x->req, ".csv", req);
    ccs_test_tmpfile(x->cfg, sizeof x->cfg, ".cfg", shifts);
}

static void inst_free(inst *x)
{
    unlink(x->req);
    unlink(x->cfg);
}

static json_t *solve_json(const inst *x, const char *extra, int rc)
{
    char args[512];
    snprintf(args, sizeof args, "schedule %s --shifts %s --format json %s", x->req, x->cfg,
             extra);
    return ccs_test_run_json(args, rc);
}

static char *solve_text(const inst *x, const char *extra, int rc)
{
    char args[512];
    snprintf(args, sizeof args, "schedule %s --shifts %s %s", x->req, x->cfg, extra);
    return ccs_test_run_ok(args, rc);
}

/* The count of the shifts named name starting at start ("" = any). */
static int count_of(const json_t *j, const char *name, const char *start)
{
    int n = 0;
    json_t *sh = json_object_get(j, "shifts");
    for (size_t i = 0; i < json_array_size(sh); i++) {
        json_t *o = json_array_get(sh, i);
        if (strcmp(json_string_value(json_object_get(o, "name")), name) == 0 &&
            (!start[0] || strcmp(json_string_value(json_object_get(o, "start")), start) == 0)) {
            n += (int)ccs_test_jnum(o, "count");
        }
    }
    return n;
}

static void expect_cost(const json_t *j, double cost, double paid)
{
    ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "optimal");
    CCS_ASSERT_CLOSE("total_cost", ccs_test_jnum(j, "total_cost"), cost, 1e-9, 1e-9);
    CCS_ASSERT_CLOSE("paid_hours", ccs_test_jnum(j, "paid_hours"), paid, 1e-9, 1e-9);
}

/* ---- outputs of the simplest roster -------------------------------------- */

/* Two agents on the one 4-hour template at 10 per hour: 8 paid hours, 80. */
START_TEST(test_csv_and_text)
{
    inst x;
    inst_make(&x, REQ_2222, "shifts = ( " FOUR " );\n");
    char *csv = solve_text(&x, "--format csv", 0);
    ck_assert_str_eq(csv, "name,start,end,count,breaks,paid_hours,cost_per_agent\n"
                          "\"four\",08:00,12:00,2,,4,40\n");
    free(csv);
    char *t = solve_text(&x, "", 0);
    char head[256];
    snprintf(head, sizeof head, "ccsim schedule: %s with %s", x.req, x.cfg);
    ck_assert_msg(strncmp(t, head, strlen(head)) == 0, "%s", t);
    static const char *const lines[] = {
        "  intervals        4 of 60 min per day, 1 day",
        "  model            1 shift patterns, 4 rows; objective least cost",
        "  total cost       80.00",
        "  paid hours       8.00",
        "  agents           2",
        "  over-staffing    0.00 agent-hours",
        "      2  four              08:00  12:00  -                          4.00      40.00",
        "  08:00        2         2     +0  #|",
        "  11:00        2         2     +0  #|",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        ck_assert_msg(ccs_test_has_line(t, lines[i]), "no line '%s' in:\n%s", lines[i], t);
    }
    ck_assert_msg(strstr(t, "status           optimal (gap 0.00%)"), "%s", t);
    free(t);
    /* --out writes the same bytes as stdout, and nothing on stdout. */
    char out[64], args[512];
    ccs_test_tmpfile(out, sizeof out, ".csv", "");
    snprintf(args, sizeof args, "schedule %s --shifts %s --format csv --out %s", x.req, x.cfg,
             out);
    char *none = ccs_test_run_ok(args, 0);
    ck_assert_str_eq(none, "");
    free(none);
    char *file = ccs_test_slurp(out);
    ck_assert_str_eq(file, "name,start,end,count,breaks,paid_hours,cost_per_agent\n"
                           "\"four\",08:00,12:00,2,,4,40\n");
    free(file);
    unlink(out);
    inst_free(&x);
}
END_TEST

/* The library's writer on a full device reports CCS_EIO, every format. */
START_TEST(test_write_error)
{
    if (access("/dev/full", W_OK) != 0) {
        CCS_SKIP("no writable /dev/full on this system");
    }
    inst x;
    inst_make(&x, REQ_2222, "shifts = ( " FOUR " );\n");
    ccs_error err;
    ccs_requirements *req = ccs_requirements_load(x.req, &err);
    ck_assert_msg(req != NULL, "%s", err.msg);
    ccs_shift_set *set = ccs_shifts_load(x.cfg, &err);
    ck_assert_msg(set != NULL, "%s", err.msg);
    ccs_schedule_options so = {0, 30, 0, CCS_OBJ_COST};
    ccs_schedule_result *r = ccs_schedule_solve(set, req, &so, &err);
    ck_assert_msg(r != NULL, "%s", err.msg);
    for (int fmt = 0; fmt <= 2; fmt++) {
        FILE *fp = fopen("/dev/full", "w");
        ck_assert_ptr_nonnull(fp);
        ccs_error_clear(&err);
        ck_assert_int_eq(ccs_schedule_write(fp, r, NULL, fmt, x.req, &err), CCS_EIO);
        ck_assert_str_eq(err.msg, "write error");
        fclose(fp);
    }
    ccs_schedule_result_free(r);
    free(set);
    ccs_requirements_free(req);
    inst_free(&x);
}
END_TEST

/* ---- the limits ----------------------------------------------------------- */

/* min_agents = 3: three agents where two would do; 12 paid hours, 120, and
 * one agent over for 4 hours. */
START_TEST(test_min_agents)
{
    inst x;
    inst_make(&x, REQ_2222,
              "shifts = ( { name = \"four\"; length = \"4h\"; cost_per_hour = 10; "
              "min_agents = 3; } );\n");
    json_t *j = solve_json(&x, "", 0);
    expect_cost(j, 120, 12);
    ck_assert_int_eq(count_of(j, "four", ""), 3);
    CCS_ASSERT_CLOSE("over", ccs_test_jnum(j, "over_agent_hours"), 4, 0, 1e-9);
    json_decref(j);
    inst_free(&x);
}
END_TEST

/* max_agents = 1 on the cheap 4-hour shift: the second agent of every hour
 * comes from 2-hour shifts at 20 per hour, 08-10 and 10-12 (the only pair
 * of them that covers the four hours): 40 + 2 x 40 = 120. */
START_TEST(test_max_agents)
{
    inst x;
    inst_make(&x, REQ_2222,
              "shifts = ( { name = \"four\"; length = \"4h\"; cost_per_hour = 10; "
              "max_agents = 1; },\n"
              "           { name = \"two\"; length = \"2h\"; cost_per_hour = 20; } );\n");
    json_t *j = solve_json(&x, "", 0);
    expect_cost(j, 120, 8);
    ck_assert_int_eq(count_of(j, "four", ""), 1);
    ck_assert_int_eq(count_of(j, "two", "08:00"), 1);
    ck_assert_int_eq(count_of(j, "two", "10:00"), 1);
    json_decref(j);
    inst_free(&x);
}
END_TEST

/* One cost per shift and none per hour: 2 agents x 7. */
START_TEST(test_cost_per_shift)
{
    inst x;
    inst_make(&x, REQ_2222,
              "shifts = ( { name = \"four\"; length = \"4h\"; cost_per_hour = 0; "
              "cost_per_shift = 7; } );\n");
    json_t *j = solve_json(&x, "", 0);
    expect_cost(j, 14, 8);
    json_decref(j);
    inst_free(&x);
}
END_TEST

/* Full-time 4 h at 10/h, part-time 2 h at 1/h (starts 08, 09, 10).  With
 * no limit the two agents of every hour are part-timers 08-10 and 10-12,
 * twice: 4 x 2 = 8.  With at most share s of part-timers per day,
 * (1-s) P <= s F: one full-timer and two part-timers (cost 40 + 4 = 44)
 * need s >= 2/3; below that two full-timers (80) are the only roster (one
 * full-timer leaves an agent short every hour that two part-timers must
 * fill). */
START_TEST(test_part_time_share)
{
    static const struct {
        const char *limit;
        double cost, paid;
        int full, part;
    } cases[] = {
        {"", 8, 8, 0, 4},
        {"max_part_time_share = 0.5;\n", 80, 8, 2, 0},
        {"max_part_time_share = \"60%\";\n", 80, 8, 2, 0},
        {"max_part_time_share = \"70%\";\n", 44, 8, 1, 2},
        {"max_part_time_share = 1;\n", 8, 8, 0, 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "%sshifts = ( { name = \"full\"; length = \"4h\"; cost_per_hour = 10; },\n"
                 "  { name = \"part\"; length = \"2h\"; cost_per_hour = 1; part_time = true; } );\n",
                 cases[i].limit);
        inst x;
        inst_make(&x, REQ_2222, text);
        json_t *j = solve_json(&x, "", 0);
        expect_cost(j, cases[i].cost, cases[i].paid);
        ck_assert_msg(count_of(j, "full", "") == cases[i].full &&
                          count_of(j, "part", "") == cases[i].part,
                      "%s: %d full, %d part; want %d and %d", cases[i].limit,
                      count_of(j, "full", ""), count_of(j, "part", ""), cases[i].full,
                      cases[i].part);
        json_decref(j);
        inst_free(&x);
    }
}
END_TEST

/* max_total_agents = 1 or one seat per interval: one agent where every
 * hour needs two.  Infeasible, exit 1; the least total shortfall is one
 * agent in each of the four hours, named on stderr and in every output. */
START_TEST(test_infeasible_limits)
{
    static const char *const limits[] = {"max_total_agents = 1;\n",
                                         "max_agents_per_interval = 1;\n"};
    for (size_t i = 0; i < 2; i++) {
        char text[256], args[512], want[512];
        snprintf(text, sizeof text, "%sshifts = ( " FOUR " );\n", limits[i]);
        inst x;
        inst_make(&x, REQ_2222, text);
        snprintf(args, sizeof args, "schedule %s --shifts %s", x.req, x.cfg);
        char *out, *err;
        ck_assert_int_eq(ccs_test_run(args, &out, &err), 1);
        snprintf(want, sizeof want,
                 "ccsim schedule: infeasible: 4 intervals cannot be covered within the limits "
                 "of %s: 08:00 (short 1), 09:00 (short 1), 10:00 (short 1), 11:00 (short 1)\n",
                 x.cfg);
        ck_assert_str_eq(err, want);
        ck_assert_msg(strstr(out, "  status           infeasible\n"), "%s", out);
        ck_assert_msg(strstr(out, "\nNo roster covers every interval within the limits."), "%s",
                      out);
        for (int h = 8; h < 12; h++) {
            char line[64];
            snprintf(line, sizeof line, "  %02d:00  required 2, short by 1", h);
            ck_assert_msg(ccs_test_has_line(out, line), "no '%s' in\n%s", line, out);
        }
        free(out);
        free(err);
        json_t *j = solve_json(&x, "", 1);
        ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "infeasible");
        json_t *cov = json_object_get(j, "coverage");
        ck_assert_int_eq((int)json_array_size(cov), 4);
        for (size_t k = 0; k < 4; k++) {
            CCS_ASSERT_CLOSE("uncovered", ccs_test_jnum(json_array_get(cov, k), "uncovered"), 1,
                             0, 1e-6);
        }
        json_decref(j);
        /* CSV has no roster: the header alone. */
        char *csv = solve_text(&x, "--format csv", 1);
        ck_assert_str_eq(csv, "name,start,end,count,breaks,paid_hours,cost_per_agent\n");
        free(csv);
        inst_free(&x);
    }
}
END_TEST

/* One hour of break, starting 1 or 2 hours into the 4-hour shift.  One
 * agent per hour needs two agents with their breaks at different hours
 * (09:00 and 10:00: each covers three hours, together 2,1,1,2).  Unpaid:
 * 3 paid hours each, 2 x 30 = 60; paid: 2 x 40 = 80. */
START_TEST(test_breaks_paid_and_unpaid)
{
    static const struct {
        const char *paid;
        double cost, hours;
        const char *rows;
    } cases[] = {
        {"false", 60, 6,
         "\"four\",08:00,12:00,1,09:00,3,30\n\"four\",08:00,12:00,1,10:00,3,30\n"},
        {"true", 80, 8,
         "\"four\",08:00,12:00,1,09:00,4,40\n\"four\",08:00,12:00,1,10:00,4,40\n"},
    };
    for (size_t i = 0; i < 2; i++) {
        char text[512], want[512];
        snprintf(text, sizeof text,
                 "shifts = ( { name = \"four\"; length = \"4h\"; cost_per_hour = 10;\n"
                 "  breaks = ( { length = \"1h\"; earliest = \"1h\"; latest = \"2h\"; "
                 "paid = %s; } ); } );\n",
                 cases[i].paid);
        inst x;
        inst_make(&x, "start,required\n08:00,1\n09:00,1\n10:00,1\n11:00,1\n", text);
        json_t *j = solve_json(&x, "", 0);
        expect_cost(j, cases[i].cost, cases[i].hours);
        json_t *cov = json_object_get(j, "coverage");
        static const double on[4] = {2, 1, 1, 2};
        for (size_t k = 0; k < 4; k++) {
            CCS_ASSERT_CLOSE("scheduled", ccs_test_jnum(json_array_get(cov, k), "scheduled"),
                             on[k], 0, 1e-9);
        }
        json_decref(j);
        char *csv = solve_text(&x, "--format csv", 0);
        snprintf(want, sizeof want, "name,start,end,count,breaks,paid_hours,cost_per_agent\n%s",
                 cases[i].rows);
        ck_assert_str_eq(csv, want);
        free(csv);
        char *t = solve_text(&x, "", 0);
        ck_assert_msg(strstr(t, "      1  four              08:00  12:00  09:00"), "%s", t);
        ck_assert_msg(strstr(t, "      1  four              08:00  12:00  10:00"), "%s", t);
        free(t);
        inst_free(&x);
    }
}
END_TEST

/* Requirements 2, 2, 1, 1 and one 4-hour template.  Least cost covers every
 * hour: two agents, over by one in the last two hours (2 agent-hours).
 * Least deviation: one agent or two both deviate by 2 agent-intervals;
 * the shift cost breaks the tie, one agent (40). */
START_TEST(test_deviation_objective)
{
    inst x;
    inst_make(&x, "start,required\n08:00,2\n09:00,2\n10:00,1\n11:00,1\n", "shifts = ( " FOUR " );\n");
    json_t *j = solve_json(&x, "", 0);
    expect_cost(j, 80, 8);
    CCS_ASSERT_CLOSE("over", ccs_test_jnum(j, "over_agent_hours"), 2, 0, 1e-9);
    json_decref(j);
    j = solve_json(&x, "--objective deviation", 0);
    expect_cost(j, 40, 4);
    CCS_ASSERT_CLOSE("deviation", ccs_test_jnum(j, "deviation"), 2, 0, 1e-9);
    json_decref(j);
    char *t = solve_text(&x, "--objective deviation", 0);
    ck_assert_msg(ccs_test_has_line(t, "  model            1 shift patterns, 4 rows; objective "
                                       "least deviation"),
                  "%s", t);
    ck_assert_msg(ccs_test_has_line(t, "  deviation        2 agent-intervals (sum of |scheduled - "
                                       "required|)"),
                  "%s", t);
    /* The bar of an interval short of its requirement marks it with '!'. */
    ck_assert_msg(ccs_test_has_line(t, "  08:00        2         1     -1  #!"), "%s", t);
    free(t);
    inst_free(&x);
}
END_TEST

/* ---- several days -------------------------------------------------------- */

#define REQ_3DAYS                                                                       \
    "day,start,required\n1,08:00,2\n1,09:00,2\n1,10:00,2\n1,11:00,2\n2,08:00,1\n"    \
    "2,09:00,1\n2,10:00,1\n2,11:00,1\n3,08:00,1\n3,09:00,1\n3,10:00,1\n3,11:00,1\n"

/* Tours of 2 days on and 1 off over 3 days needing 2, 1 and 1 agents: with
 * x_k the agents off on day k, day 1 has x2 + x3 >= 2, day 2 x1 + x3 >= 1,
 * day 3 x1 + x2 >= 1; the least x1 + x2 + x3 is 2, only at x2 = x3 = 1.
 * Each tour works 2 days of 4 hours at 10/h: 80 an agent, 160, 16 paid
 * hours.  The CSV's day is the first working day after the days off. */
START_TEST(test_tours)
{
    inst x;
    inst_make(&x, REQ_3DAYS,
              "shifts = ( { name = \"tour\"; length = \"4h\"; cost_per_hour = 10; days_on = 2; "
              "days_off = 1; } );\n");
    json_t *j = solve_json(&x, "--days 3", 0);
    expect_cost(j, 160, 16);
    json_t *sh = json_object_get(j, "shifts");
    ck_assert_int_eq((int)json_array_size(sh), 2);
    for (size_t i = 0; i < 2; i++) {
        json_t *o = json_array_get(sh, i);
        json_t *off = json_object_get(o, "days_off");
        ck_assert_int_eq((int)json_array_size(off), 1);
        int d = (int)json_integer_value(json_array_get(off, 0));
        ck_assert_msg(d == 2 || d == 3, "a tour off on day %d", d);
        ck_assert_int_eq((int)json_array_size(json_object_get(o, "days")), 2);
    }
    json_decref(j);
    char *csv = solve_text(&x, "--days 3 --format csv", 0);
    ck_assert_str_eq(csv, "name,day,days_off,start,end,count,breaks,paid_hours,cost_per_agent\n"
                          "\"tour\",1,3,08:00,12:00,1,,4,80\n"
                          "\"tour\",3,2,08:00,12:00,1,,4,80\n");
    free(csv);
    char *t = solve_text(&x, "--days 3", 0);
    static const char *const lines[] = {
        "  intervals        4 of 60 min per day, 3 days",
        "  agents           2 (shifts or tours)",
        "  count  shift            days off  start    end  breaks                   paid h "
        "cost/agent",
        "      1  tour             3         08:00  12:00  -                          4.00      "
        "80.00",
        "      1  tour             2         08:00  12:00  -                          4.00      "
        "80.00",
        "  day start required scheduled   over",
        "    1 08:00        2         2     +0  #|",
        "    3 11:00        1         1     +0  |",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        ck_assert_msg(ccs_test_has_line(t, lines[i]), "no line '%s' in:\n%s", lines[i], t);
    }
    free(t);
    inst_free(&x);
}
END_TEST

/* A template without days_on over 3 days is a daily shift: 2, 1, 1 agents
 * on days 1, 2, 3 at 40 each (160).  A tour of all 3 days (days_off = 0)
 * is the only choice of the second file: 2 agents every day, 2 x 3 x 40 =
 * 240, over by one agent for 8 hours on days 2 and 3. */
START_TEST(test_daily_shifts_and_full_week)
{
    inst x;
    inst_make(&x, REQ_3DAYS, "shifts = ( " FOUR " );\n");
    char *csv = solve_text(&x, "--days 3 --format csv", 0);
    ck_assert_str_eq(csv, "name,day,days_off,start,end,count,breaks,paid_hours,cost_per_agent\n"
                          "\"four\",1,,08:00,12:00,2,,4,40\n"
                          "\"four\",2,,08:00,12:00,1,,4,40\n"
                          "\"four\",3,,08:00,12:00,1,,4,40\n");
    free(csv);
    char *t = solve_text(&x, "--days 3", 0);
    ck_assert_msg(strstr(t, "      2  four             day 1     08:00  12:00"), "%s", t);
    free(t);
    inst_free(&x);
    inst_make(&x, REQ_3DAYS,
              "shifts = ( { name = \"week\"; length = \"4h\"; cost_per_hour = 10; days_on = 3; "
              "days_off = 0; } );\n");
    json_t *j = solve_json(&x, "--days 3", 0);
    expect_cost(j, 240, 24);
    CCS_ASSERT_CLOSE("over", ccs_test_jnum(j, "over_agent_hours"), 8, 0, 1e-9);
    json_decref(j);
    t = solve_text(&x, "--days 3", 0);
    ck_assert_msg(strstr(t, "      2  week             none      08:00  12:00"), "%s", t);
    free(t);
    inst_free(&x);
}
END_TEST

/* Over three days with at most one agent a day, day 1 (two needed) is short
 * by one agent every hour: the text names the day. */
START_TEST(test_infeasible_days)
{
    inst x;
    inst_make(&x, REQ_3DAYS, "max_total_agents = 1;\nshifts = ( " FOUR " );\n");
    char *t = solve_text(&x, "--days 3", 1);
    ck_assert_msg(ccs_test_has_line(t, "  day 1  08:00  required 2, short by 1"), "%s", t);
    ck_assert_msg(ccs_test_has_line(t, "  day 1  11:00  required 2, short by 1"), "%s", t);
    ck_assert_msg(!strstr(t, "day 2 "), "%s", t);
    free(t);
    inst_free(&x);
}
END_TEST

Suite *roster_suite(void)
{
    Suite *s = suite_create("roster");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_csv_and_text);
    tcase_add_test(tc, test_write_error);
    tcase_add_test(tc, test_min_agents);
    tcase_add_test(tc, test_max_agents);
    tcase_add_test(tc, test_cost_per_shift);
    tcase_add_test(tc, test_part_time_share);
    tcase_add_test(tc, test_infeasible_limits);
    tcase_add_test(tc, test_breaks_paid_and_unpaid);
    tcase_add_test(tc, test_deviation_objective);
    tcase_add_test(tc, test_tours);
    tcase_add_test(tc, test_daily_shifts_and_full_week);
    tcase_add_test(tc, test_infeasible_days);
    suite_add_tcase(s, tc);
    return s;
}
