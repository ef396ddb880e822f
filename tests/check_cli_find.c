/*
 * check_cli_find.c — a scenario named on the command line that is not a
 * file is found among the installed examples ($CCSIM_SCENARIO_PATH, here
 * pointed at the source tree's scenarios/): `ccsim run captive`,
 * `ccsim run teach/01-mm1`, and the README's `scenarios/captive.cfg` from
 * any directory, for every command that takes a scenario (and erlang's
 * --forecast, schedule's files).  A file in the current directory wins;
 * absolute and ./ paths are never looked up; an empty path turns the
 * lookup off; a name found nowhere is reported as typed.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs script from a fresh empty directory, with $ROOT the project root
 * and CCSIM_SCENARIO_PATH=$ROOT/scenarios unless the script sets it. */
static int in_tmp(const char *script, char **out, char **err)
{
    char *s = NULL;
    ck_assert_int_ge(asprintf(&s,
                              "ROOT=$(pwd); export CCSIM_SCENARIO_PATH=$ROOT/scenarios\n"
                              "d=$(mktemp -d) && cd \"$d\" || exit 9\n"
                              "( %s ); st=$?; cd / && rm -rf \"$d\"; exit $st\n",
                              script),
                     0);
    int st = ccs_test_sh(s, out, err);
    free(s);
    return st;
}

static void expect_ok(const char *script, const char *in_out)
{
    char *out = NULL, *err = NULL;
    int st = in_tmp(script, &out, &err);
    ck_assert_msg(st == 0, "%s: exit %d: %s", script, st, err);
    ck_assert_msg(strstr(out, in_out) != NULL, "%s: output lacks '%s':\n%s", script, in_out, out);
    free(out);
    free(err);
}

static void expect_missing(const char *script, const char *line)
{
    char *out = NULL, *err = NULL;
    int st = in_tmp(script, &out, &err);
    ck_assert_msg(st == 2, "%s: exit %d, want 2: %s", script, st, err);
    ck_assert_msg(out[0] == '\0', "%s: stdout not empty: %s", script, out);
    ck_assert_msg(strstr(err, line) != NULL, "%s: stderr lacks '%s': %s", script, line, err);
    free(out);
    free(err);
}

START_TEST(test_run_by_name)
{
    expect_ok("\"$CCSIM\" run captive --reps 2", "scenarios/captive.cfg\n");
    expect_ok("\"$CCSIM\" run captive.cfg --reps 2", "scenarios/captive.cfg\n");
    expect_ok("\"$CCSIM\" run teach/01-mm1 --reps 2", "scenarios/teach/01-mm1.cfg\n");
    /* The README's spelling, outside the source tree. */
    expect_ok("\"$CCSIM\" run scenarios/mmc.cfg --reps 2", "file             /");
    /* The first directory of the path that has it. */
    expect_ok("CCSIM_SCENARIO_PATH=/nonexistent:$ROOT/scenarios/teach \"$CCSIM\" run 01-mm1 "
              "--reps 2",
              "scenarios/teach/01-mm1.cfg\n");
}
END_TEST

START_TEST(test_local_file_wins)
{
    /* ./captive.cfg here is the M/M/c scenario: it, not the installed one. */
    expect_ok("cp \"$ROOT/scenarios/mmc.cfg\" captive.cfg && \"$CCSIM\" run captive --reps 2",
              "ccsim run: M/M/c textbook\n  file             captive.cfg\n");
    expect_ok("cp \"$ROOT/scenarios/mmc.cfg\" captive && \"$CCSIM\" run captive --reps 2",
              "ccsim run: M/M/c textbook\n  file             captive\n");
}
END_TEST

START_TEST(test_not_found)
{
    expect_missing("\"$CCSIM\" run captiv", "ccsim run: captiv: cannot open scenario");
    expect_missing("CCSIM_SCENARIO_PATH= \"$CCSIM\" run captive",
                   "ccsim run: captive: cannot open scenario");
    /* Paths that say where they are are taken as they are. */
    expect_missing("\"$CCSIM\" run ./captive.cfg", "ccsim run: ./captive.cfg: cannot open");
    expect_missing("\"$CCSIM\" run /nonexistent/captive.cfg",
                   "ccsim run: /nonexistent/captive.cfg: cannot open");
}
END_TEST

START_TEST(test_other_commands)
{
    expect_ok("\"$CCSIM\" validate teach/01-mm1 --reps 2", "teach/01-mm1.cfg");
    expect_ok("\"$CCSIM\" trace teach/00-trace-tiny --until 10m", "arrival");
    expect_ok("\"$CCSIM\" sweep mmc --vary agents.[0].count=54:55:1 --reps 2", "54");
    expect_ok("\"$CCSIM\" compare captive bpo-offshore --reps 2", "captive.cfg");
    expect_ok("\"$CCSIM\" staff teach/02-mmc-80-20 --sl 80/20 --reps 20 --max-reps 20",
              "teach/02-mmc-80-20.cfg");
    expect_ok("\"$CCSIM\" erlang --forecast planning/forecast --aht 180 --format csv",
              "required_agents");
    expect_ok("\"$CCSIM\" erlang --forecast planning/forecast --aht 180 --format csv --out r.csv"
              " && \"$CCSIM\" schedule r.csv --shifts planning/shifts --time-limit 20",
              "planning/shifts.cfg");
}
END_TEST

Suite *cli_find_suite(void)
{
    Suite *s = suite_create("cli_find");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_run_by_name);
    tcase_add_test(tc, test_local_file_wins);
    tcase_add_test(tc, test_not_found);
    tcase_add_test(tc, test_other_commands);
    suite_add_tcase(s, tc);
    return s;
}
