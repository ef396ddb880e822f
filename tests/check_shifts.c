/*
 * check_shifts.c — SHIFTS.cfg and `ccsim schedule`'s command line refused
 * with the documented error: one line `ccsim schedule: FILE:LINE: KEY:
 * message`, exit status 2, nothing on stdout (docs/scheduling.md, the key
 * table; BRIEF "bad input").  Every expected line below was written from
 * the rule the case breaks (the key's range or type, the template's fit
 * in the requirements' day) before it was run.
 *
 * The requirements are four 60-minute intervals from 08:00 to 12:00
 * (a day that is not cyclic), two agents each.
 */
#include "ccs_test.h"
#include "ccs_testfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REQ4 "start,required\n08:00,2\n09:00,2\n10:00,2\n11:00,2\n"
#define OK_SHIFT "shifts = ( { name = \"four\"; length = \"4h\"; } );\n"

/* A SHIFTS.cfg and the message after "FILE:"; the text's lines are
 * numbered from 1. */
static const struct {
    const char *cfg;
    const char *want;
} bad_shifts[] = {
    /* the file's top level */
    {OK_SHIFT "foo = 1;\n",
     "2: foo: unknown key (expected one of: shifts, max_total_agents, max_part_time_share, "
     "max_agents_per_interval)"},
    {OK_SHIFT "max_total_agents = -1;\n",
     "2: max_total_agents: expected a whole number from 0 to 1000000, got -1"},
    {OK_SHIFT "max_total_agents = 1.5;\n",
     "2: max_total_agents: expected a whole number from 0 to 1000000"},
    {OK_SHIFT "max_agents_per_interval = 2000000;\n",
     "2: max_agents_per_interval: expected a whole number from 0 to 1000000, got 2000000"},
    {OK_SHIFT "max_part_time_share = \"lots\";\n",
     "2: max_part_time_share: expected a fraction such as 0.3 or \"30%\""},
    {OK_SHIFT "max_part_time_share = 1.5;\n",
     "2: max_part_time_share: expected a number from 0 to 1, got 1.5"},
    {OK_SHIFT "max_part_time_share = true;\n",
     "2: max_part_time_share: expected a number from 0 to 1"},
    {"max_total_agents = 3;\n",
     "1: shifts: required: shifts = ( { name = \"day\"; length = \"8h\"; ... } );"},
    {"shifts = ( );\n",
     "1: shifts: expected a non-empty list of shift templates ( { ... }, ... )"},
    {"shifts = \"four\";\n",
     "1: shifts: expected a non-empty list of shift templates ( { ... }, ... )"},
    {"shifts = ( 3 );\n",
     "1: shifts.[0]: expected a shift template { name = \"...\"; length = \"8h\"; ... }"},
    {"shifts = ( { name = \"x\"; length = \"4h\"; } );\nbad syntax\n", "2: syntax error"},
    /* a template */
    {"shifts = (\n { length = \"4h\"; } );\n", "2: shifts.[0]: required: name = \"...\""},
    {"shifts = (\n { name = 5; length = \"4h\"; } );\n",
     "2: shifts.[0].name: expected a name of 1 to 63 characters"},
    {"shifts = (\n { name = \"\"; length = \"4h\"; } );\n",
     "2: shifts.[0].name: expected a name of 1 to 63 characters"},
    {"shifts = (\n { name = \"a\"; length = \"4h\"; },\n { name = \"a\"; length = \"2h\"; } );\n",
     "3: shifts.[1].name: duplicate shift name \"a\" (first on line 2)"},
    {"shifts = (\n { name = \"a\"; } );\n", "2: shifts.[0]: required: length = \"8h\";"},
    {"shifts = (\n { name = \"a\";\n   length = \"forever\"; } );\n",
     "3: shifts.[0].length: expected a duration such as \"8h\", \"30m\" or seconds, got "
     "\"forever\""},
    {"shifts = (\n { name = \"a\";\n   length = true; } );\n",
     "3: shifts.[0].length: expected a duration such as \"8h\", \"30m\" or seconds"},
    {"shifts = (\n { name = \"a\";\n   length = 30; } );\n",
     "3: shifts.[0].length: expected a duration from 60 s to 7 days, got 30 s"},
    {"shifts = (\n { name = \"a\";\n   length = \"25h\"; } );\n",
     "3: shifts.[0].length: a shift of 25 h is longer than a day"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   earliest_start = \"25:00\"; } );\n",
     "3: shifts.[0].earliest_start: expected a clock time \"HH:MM\" (00:00 to 23:59) or minutes "
     "after midnight"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   earliest_start = 2000; } );\n",
     "3: shifts.[0].earliest_start: expected a clock time \"HH:MM\" (00:00 to 23:59) or minutes "
     "after midnight"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   latest_start = \"+8:00\"; } );\n",
     "3: shifts.[0].latest_start: expected a clock time \"HH:MM\" (00:00 to 23:59) or minutes "
     "after midnight"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   latest_start = [ 1 ]; } );\n",
     "3: shifts.[0].latest_start: expected a clock time \"HH:MM\" (00:00 to 23:59) or minutes "
     "after midnight"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   start_step = \"0s\"; } );\n",
     "3: shifts.[0].start_step: expected a duration from 60 s to 7 days, got 0 s"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   cost_per_hour = -1; } );\n",
     "3: shifts.[0].cost_per_hour: expected a number from 0 to 1e+06, got -1"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   cost_per_hour = \"ten\"; } );\n",
     "3: shifts.[0].cost_per_hour: expected a number from 0 to 1e+06"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   cost_per_shift = 2e7; } );\n",
     "3: shifts.[0].cost_per_shift: expected a number from 0 to 1e+07, got 2e+07"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   min_agents = -2; } );\n",
     "3: shifts.[0].min_agents: expected a whole number from 0 to 1000000, got -2"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   max_agents = 1.0; } );\n",
     "3: shifts.[0].max_agents: expected a whole number from 0 to 1000000"},
    {"shifts = (\n { name = \"a\"; length = \"4h\"; min_agents = 2;\n   max_agents = 1; } );\n",
     "3: shifts.[0].max_agents: max_agents 1 is below min_agents 2"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   part_time = 1; } );\n",
     "3: shifts.[0].part_time: expected true or false"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   days_on = 5; } );\n",
     "3: shifts.[0].days_on: give days_on and days_off together (e.g. 5 and 2)"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   days_off = 2; } );\n",
     "3: shifts.[0].days_off: give days_on and days_off together (e.g. 5 and 2)"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   days_on = 0; days_off = 2; } );\n",
     "3: shifts.[0].days_on: expected a whole number from 1 to 31, got 0"},
    {"shifts = (\n { name = \"a\"; length = \"4h\"; days_on = 5;\n   days_off = 40; } );\n",
     "3: shifts.[0].days_off: expected a whole number from 0 to 31, got 40"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   lenght = \"4h\"; } );\n",
     "3: shifts.[0].lenght: unknown key (expected one of: name, length, earliest_start, "
     "latest_start, start_step, cost_per_hour, cost_per_shift, min_agents, max_agents, "
     "part_time, days_on, days_off, breaks)"},
    /* breaks */
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   breaks = { length = \"30m\"; }; } );\n",
     "3: shifts.[0].breaks: expected a list of breaks ( { length = \"30m\"; ... } )"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   breaks = ( 1 ); } );\n",
     "3: shifts.[0].breaks.[0]: expected a break { length = \"30m\"; earliest = \"3h\"; latest = "
     "\"5h\"; paid = false; }"},
    {"shifts = (\n { name = \"a\"; length = \"8h\";\n   breaks = ( {}, {}, {}, {}, {} ); } );\n",
     "3: shifts.[0].breaks: 5 breaks; at most 4 per shift"},
    {"shifts = (\n { name = \"a\"; length = \"4h\"; breaks = (\n"
     "   { lenght = \"10m\"; } ); } );\n",
     "3: shifts.[0].breaks.[0].lenght: unknown key (expected one of: length, earliest, latest, "
     "paid)"},
    {"shifts = (\n { name = \"a\"; length = \"4h\"; breaks = (\n"
     "   { length = \"10m\"; latest = \"2h\"; } ); } );\n",
     "3: shifts.[0].breaks.[0].earliest: required: the break's earliest"},
    {"shifts = (\n { name = \"a\"; length = \"4h\"; breaks = (\n"
     "   { length = 0; earliest = \"1h\"; latest = \"2h\"; } ); } );\n",
     "3: shifts.[0].breaks.[0].length: expected a duration from 1 s to 7 days, got 0 s"},
    {"shifts = (\n { name = \"a\"; length = \"4h\"; breaks = (\n"
     "   { length = \"10m\"; earliest = \"1h\"; latest = \"2h\"; paid = \"yes\"; } ); } );\n",
     "3: shifts.[0].breaks.[0].paid: expected true or false"},
    {"shifts = (\n { name = \"a\"; length = \"4h\"; breaks = (\n"
     "   { length = \"10m\"; earliest = \"2h\"; latest = \"1h\"; } ); } );\n",
     "3: shifts.[0].breaks.[0].latest: latest (60 min) is before earliest (120 min)"},
    /* the template against the requirements (08:00 to 12:00, hourly) */
    {"shifts = (\n { name = \"a\"; length = \"2h\";\n   start_step = \"90m\"; } );\n",
     "3: start_step: start_step 90 min is not a multiple of the 60-min interval"},
    {"shifts = (\n { name = \"a\"; length = \"2h\";\n   earliest_start = \"08:30\"; } );\n",
     "3: earliest_start: 08:30 is not on the 60-min interval grid of the requirements (which "
     "starts at 08:00)"},
    {"shifts = (\n { name = \"a\"; length = \"2h\";\n   earliest_start = \"07:00\"; } );\n",
     "3: earliest_start: 07:00 is before the requirements' day starts (08:00)"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   latest_start = \"10:00\"; } );\n",
     "3: latest_start: a shift starting at 10:00 ends at 14:00, after the requirements' day "
     "ends (12:00)"},
    {"shifts = (\n { name = \"a\"; length = \"2h\"; earliest_start = \"10:00\";\n"
     "   latest_start = \"09:00\"; } );\n",
     "3: latest_start: latest_start is before earliest_start"},
    {"shifts = (\n { name = \"a\"; length = \"4h\";\n   days_on = 5; days_off = 2; } );\n",
     "3: days_on: a tour of 5 days on and 2 off needs --days 7 and a requirements file with 7 "
     "days (it has 1)"},
    {"shifts = (\n { name = \"a\"; length = \"4h\"; breaks = (\n"
     "   { length = \"10m\"; earliest = \"20m\"; latest = \"40m\"; } ); } );\n",
     "3: breaks: no start between 20 and 40 min into the shift is on the 60-min interval grid"},
};
#define N_BAD_SHIFTS (int)(sizeof bad_shifts / sizeof bad_shifts[0])

START_TEST(test_bad_shifts)
{
    char req[64], cfg[64], args[256], want[1024];
    ccs_test_tmpfile(req, sizeof req, ".csv", REQ4);
    ccs_test_tmpfile(cfg, sizeof cfg, ".cfg", bad_shifts[_i].cfg);
    snprintf(args, sizeof args, "schedule %s --shifts %s", req, cfg);
    snprintf(want, sizeof want, "ccsim schedule: %s:%s", cfg, bad_shifts[_i].want);
    ccs_test_expect_error(args, 2, want);
    unlink(req);
    unlink(cfg);
}
END_TEST

/* 65 templates: one more than the 64 allowed. */
START_TEST(test_too_many_templates)
{
    char text[8192] = "shifts = (\n";
    for (int i = 0; i < 65; i++) {
        size_t u = strlen(text);
        snprintf(text + u, sizeof text - u, " { name = \"t%d\"; length = \"1h\"; }%s\n", i,
                 i < 64 ? "," : " );");
    }
    char req[64], cfg[64], args[256], want[512];
    ccs_test_tmpfile(req, sizeof req, ".csv", REQ4);
    ccs_test_tmpfile(cfg, sizeof cfg, ".cfg", text);
    snprintf(args, sizeof args, "schedule %s --shifts %s", req, cfg);
    snprintf(want, sizeof want, "ccsim schedule: %s:1: shifts: 65 templates; at most 64", cfg);
    ccs_test_expect_error(args, 2, want);
    unlink(req);
    unlink(cfg);
}
END_TEST

/* ---- the command line ---------------------------------------------------- */

/* Arguments after "schedule REQ --shifts SHIFTS" (%1$s the requirements,
 * %2$s the shifts, %3$s a scenario with two groups, %4$s one with one
 * group and 4 hourly intervals from 08:00) and the message after
 * "ccsim schedule: ". */
static const struct {
    const char *args;
    int rc;
    const char *want;
} bad_args[] = {
    {"--time-limit 0", 2,
     "--time-limit: expected seconds above 0 and at most a day such as 30 or 2m, got '0'"},
    {"--time-limit 2d", 2,
     "--time-limit: expected seconds above 0 and at most a day such as 30 or 2m, got '2d'"},
    {"--time-limit soon", 2,
     "--time-limit: expected seconds above 0 and at most a day such as 30 or 2m, got 'soon'"},
    {"--gap 1", 2, "--gap: expected a fraction from 0 below 1 such as 1% or 0.01, got '1'"},
    {"--gap wide", 2, "--gap: expected a fraction from 0 below 1 such as 1% or 0.01, got 'wide'"},
    {"--sl 0/20 --simulate %4$s", 2,
     "--sl: expected a target such as 80/20 (80% within 20 s), got '0/20'"},
    {"--sl fast --simulate %4$s", 2,
     "--sl: expected a target such as 80/20 (80% within 20 s), got 'fast'"},
    {"--max-rounds 0 --simulate %4$s", 2, "--max-rounds: expected an integer from 1 to 100, got '0'"},
    {"--days 0", 2, "--days: expected an integer from 1 to 31, got '0'"},
    {"--write-scenario %4$s", 2,
     "--write-scenario and --into go together: --write-scenario SCENARIO.cfg --into FILE"},
    {"--into /tmp/ccs_never_written.cfg", 2,
     "--write-scenario and --into go together: --write-scenario SCENARIO.cfg --into FILE"},
    {"--group team", 2, "--group: only with --write-scenario or --simulate"},
    {"--sl 80/20", 2, "--sl and --reps: only with --simulate SCENARIO.cfg"},
    {"--reps 3", 2, "--sl and --reps: only with --simulate SCENARIO.cfg"},
    {"--simulate %4$s --group nosuch", 2, "--group: no agent group named 'nosuch' in %4$s"},
    {"--simulate %3$s", 2,
     "--group: %3$s has 2 agent groups; name the one the roster staffs"},
    {"--simulate scenarios/mmc.cfg", 2,
     "scenarios/mmc.cfg: horizon has 8 intervals of 30 min, the requirements 4 of 60 min: "
     "they must match"},
    {"--write-scenario %3$s --into /tmp/ccs_never_written.cfg --group nosuch", 2,
     "--group: no agent group named 'nosuch' in %3$s"},
    {"--simulate %2$s", 2, "%2$s:1: shifts: unknown key..."},
    {"--days 2", 2,
     "%1$s:2: day: --days 2, but the requirements have 1 day (a `day` column with 2 values)"},
};
#define N_BAD_ARGS (int)(sizeof bad_args / sizeof bad_args[0])

static const char two_groups[] =
    "name = \"two\";\n"
    "horizon = { intervals = 4; interval_minutes = 60; start = \"08:00\"; };\n"
    "calls = ( { name = \"c\"; calls_per_hour = 20.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"team\"; count = 2; serves = [ \"c\" ]; },\n"
    "           { name = \"other\"; count = 2; serves = [ \"c\" ]; } );\n";

static const char one_group[] =
    "name = \"one\";\n"
    "horizon = { intervals = 4; interval_minutes = 60; start = \"08:00\"; };\n"
    "calls = ( { name = \"c\"; calls_per_hour = 20.0;\n"
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
    "agents = ( { name = \"team\"; count = 2; serves = [ \"c\" ]; } );\n";

/* Replaces %1$s..%4$s in fmt by v[0..3] (printf's positional arguments
 * are not in C11). */
static void subst(char *out, size_t n, const char *fmt, const char *const *v)
{
    size_t u = 0;
    for (const char *p = fmt; *p && u + 1 < n; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '4' && p[2] == '$' && p[3] == 's') {
            u += (size_t)snprintf(out + u, n - u, "%s", v[p[1] - '1']);
            p += 3;
        } else {
            out[u++] = *p;
        }
    }
    out[u < n ? u : n - 1] = '\0';
}

START_TEST(test_bad_args)
{
    char req[64], cfg[64], two[64], one[64];
    ccs_test_tmpfile(req, sizeof req, ".csv", REQ4);
    ccs_test_tmpfile(cfg, sizeof cfg, ".cfg", OK_SHIFT);
    ccs_test_tmpfile(two, sizeof two, ".cfg", two_groups);
    ccs_test_tmpfile(one, sizeof one, ".cfg", one_group);
    const char *v[] = {req, cfg, two, one};
    char tail[512], want[1100], args[1024], w[1024];
    subst(tail, sizeof tail, bad_args[_i].args, v);
    subst(w, sizeof w, bad_args[_i].want, v);
    snprintf(args, sizeof args, "schedule %s --shifts %s %s", req, cfg, tail);
    snprintf(want, sizeof want, "ccsim schedule: %s", w);
    ccs_test_expect_error(args, bad_args[_i].rc, want);
    ck_assert_int_ne(access("/tmp/ccs_never_written.cfg", F_OK), 0);
    unlink(req);
    unlink(cfg);
    unlink(two);
    unlink(one);
}
END_TEST

/* Requirements without REQUIREMENTS, with several days and no --days, and
 * requirements files with a bad column. */
START_TEST(test_bad_requirements)
{
    char req[64], cfg[64], args[256], want[600];
    ccs_test_tmpfile(cfg, sizeof cfg, ".cfg", OK_SHIFT);
    snprintf(args, sizeof args, "schedule --shifts %s", cfg);
    ccs_test_expect_error(args, 2, "ccsim schedule: missing REQUIREMENTS: expected a CSV file "
                                   "(e.g. ccsim schedule req.csv --shifts shifts.cfg)");
    static const struct {
        const char *csv;
        const char *want;
    } files[] = {
        {"day,start,required\n1,08:00,2\n1,09:00,2\n2,08:00,1\n2,09:00,1\n",
         "%1$s has 2 days (a day column): give --days 2"},
        {"start,agents\n08:00,2\n09:00,2\n",
         "%1$s:1: required: missing column: expected a `required` column (agents per interval) "
         "or the `scheduled_agents` column of ccsim erlang/staff --format csv"},
        {"start,required\n08:00,2\n09:00,-1\n",
         "%1$s:3: required: expected a number of agents from 0 to 1000000, got '-1'"},
        {"start_min,required\n480,2\n540,x\n",
         "%1$s:3: required: expected a number of agents from 0 to 1000000, got 'x'"},
        {"start_min,required\n480,2\n08:00,2\n",
         "%1$s:3: start_min: expected minutes after midnight from 0 up to 1440, got '08:00'"},
        {"when,required\n480,2\n540,2\n",
         "%1$s:1: start: missing column: expected a `start` column (\"HH:MM\" or minutes after "
         "midnight)"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char w[512];
        ccs_test_tmpfile(req, sizeof req, ".csv", files[i].csv);
        snprintf(args, sizeof args, "schedule %s --shifts %s", req, cfg);
        const char *v[] = {req, cfg, "", ""};
        subst(w, sizeof w, files[i].want, v);
        snprintf(want, sizeof want, "ccsim schedule: %s", w);
        ccs_test_expect_error(args, 2, want);
        unlink(req);
    }
    unlink(cfg);
}
END_TEST

/* start_min (minutes after midnight) is the same grid as start. */
START_TEST(test_start_min_column)
{
    char req[64], cfg[64], args[256];
    ccs_test_tmpfile(req, sizeof req, ".csv", "start_min,required\n480,2\n540,2\n600,2\n660,2\n");
    ccs_test_tmpfile(cfg, sizeof cfg, ".cfg", OK_SHIFT);
    snprintf(args, sizeof args, "schedule %s --shifts %s --format json", req, cfg);
    json_t *j = ccs_test_run_json(args, 0);
    json_t *cov = json_object_get(j, "coverage");
    ck_assert_int_eq((int)json_array_size(cov), 4);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(cov, 0), "start")), "08:00");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(cov, 3), "start")), "11:00");
    /* Two agents on one 4-hour shift at the default 1 per hour. */
    CCS_ASSERT_CLOSE("total cost", ccs_test_jnum(j, "total_cost"), 8.0, 0, 1e-9);
    json_decref(j);
    unlink(req);
    unlink(cfg);
}
END_TEST

Suite *shifts_suite(void)
{
    Suite *s = suite_create("shifts");
    TCase *tc = tcase_create("errors");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_bad_shifts, 0, N_BAD_SHIFTS);
    tcase_add_test(tc, test_too_many_templates);
    tcase_add_loop_test(tc, test_bad_args, 0, N_BAD_ARGS);
    tcase_add_test(tc, test_bad_requirements);
    tcase_add_test(tc, test_start_min_column);
    suite_add_tcase(s, tc);
    return s;
}
