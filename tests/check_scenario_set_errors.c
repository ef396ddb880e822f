/*
 * check_scenario_set_errors.c — every refusal of a --set PATH=VALUE
 * override (scenario_set.c), by its exact message: the key is the
 * override as given and the message says what is wrong, then the usage
 * ("expected --set PATH=VALUE, e.g. ...").  check_scenario.c checks that
 * each malformed override is refused; here each reason is told apart:
 * a missing group quoted with the key it would hold, a list element that
 * cannot be created, a key libconfig cannot name, an override too long
 * (PATH or VALUE of 512 bytes or more), a group or list as PATH.  And the
 * values a setting cannot take are refused by the scenario's own check,
 * quoting the value as given (a string "5", 1.5, true for an integer).
 */
#include "ccs_test.h"

#include <stdio.h>
#include <string.h>

#include "ccsim/scenario.h"

#define USAGE "; expected --set PATH=VALUE, e.g. --set run.seed=3 or " \
              "--set calls.[0].calls_per_hour=900"

static void refused(const char *set, const char *key, int line, const char *msg)
{
    const char *one[] = {set};
    ccs_error e;
    ccs_scenario *sc = ccs_scenario_load("scenarios/mmc.cfg", one, 1, &e);
    ck_assert_msg(sc == NULL, "--set %s accepted", set);
    if (key) {
        ck_assert_str_eq(e.key, key);
    } else {   /* the key field holds the override's start */
        ck_assert(strlen(e.key) >= 64 && strncmp(e.key, set, strlen(e.key)) == 0);
    }
    ck_assert_int_eq(e.line, line);
    ck_assert_str_eq(e.msg, msg);
}

START_TEST(test_override_refusals)
{
    static const char *const cases[][2] = {
        {"nothing.here=1", "no such setting, and no group \"nothing\" to add \"here\" to"},
        {"calls.[0].name.x=1",
         "no such setting, and no group \"calls.[0].name\" to add \"x\" to"},
        {"calls.[7]=3", "no such setting (list and array elements cannot be added)"},
        {"run.1abc=3", "invalid key name"},
        {"run.x y=1", "invalid key name"},
        {"run.=3", "PATH names a group, list or array; set one value at a time, e.g. "
                   "agents.[0].count.[3]=12"},
        {"=3", "empty PATH"},
        {"run.seed=", "empty VALUE"},
        {"run.seed", "no '=' in the override"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char msg[400];
        snprintf(msg, sizeof msg, "%s" USAGE, cases[i][1]);
        refused(cases[i][0], cases[i][0], 0, msg);
    }
    char set[700];
    memset(set, 'x', 600);
    snprintf(set + 600, sizeof set - 600, "=1");
    refused(set, NULL, 0, "override too long" USAGE);
    snprintf(set, sizeof set, "run.seed=");
    memset(set + 9, '7', 600);
    set[609] = '\0';
    refused(set, NULL, 0, "override too long" USAGE);
}
END_TEST

START_TEST(test_value_refused_by_setting)
{
    refused("run.seed=abc", "run.seed", 12, "expected an integer >= 0, got \"abc\"");
    refused("run.seed=\"5\"", "run.seed", 12, "expected an integer >= 0, got \"5\"");
    refused("run.seed=1.5", "run.seed", 12, "expected an integer >= 0, got 1.5");
    refused("run.seed=true", "run.seed", 12, "expected an integer >= 0, got true");
    refused("horizon.intervals=3L", "horizon.intervals", 6,
            "expected an integer in [1, 100000], got \"3L\"");
}
END_TEST

Suite *scenario_set_errors_suite(void)
{
    Suite *s = suite_create("scenario_set_errors");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_override_refusals);
    tcase_add_test(tc, test_value_refused_by_setting);
    suite_add_tcase(s, tc);
    return s;
}
