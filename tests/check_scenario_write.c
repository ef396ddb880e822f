/*
 * check_scenario_write.c — a scenario written back with a new schedule
 * (scenario_write.h), read again with libconfig itself, not with ccsim's
 * reader: the overrides carried with the type the setting has (integer,
 * float, string with or without quotes), a value of another type replacing
 * a group's member, a new member created in an existing group with the
 * type its text implies (integer, 64-bit integer, float, boolean, string),
 * the count array and the service levels (keeping a service_level.wait);
 * and the overrides that cannot be
 * carried, refused with their message and no file written.
 */
#include "ccs_test.h"

#include <libconfig.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ccs_testfile.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_write.h"

static const int counts[8] = {50, 51, 52, 53, 54, 55, 56, 57};

static int write_with(const char *const *sets, int n, const char *out, ccs_error *err)
{
    int types[] = {0};
    ccs_schedule_edit e = {0, counts, 8, 1, types, 0.85, 15.0};
    ccs_error_clear(err);
    return ccs_scenario_write_schedule("scenarios/mmc.cfg", sets, n, &e, out, err);
}

static void out_path(char *p, size_t n)
{
    snprintf(p, n, "/tmp/ccs_sw_%ld.cfg", (long)getpid());
    unlink(p);
}

START_TEST(test_carried_with_types)
{
    static const char *const sets[] = {
        "run.seed=9",                       /* int stays int */
        "calls.[0].calls_per_hour=900.5",   /* float stays float */
        "calls.[0].handle_time.mean=200",   /* an integer text into a float */
        "run.replications=2.5",             /* a float replaces an int member */
        "name=\"Quoted name\"",             /* quotes removed */
        "agents.[0].name=plain",            /* a bare string */
        "run.threads=2",                    /* new members, typed by their text */
        "run.big=3000000000",
        "run.ratio=0.25",
        "run.flag=true",
        "run.word=hello",
    };
    char out[64];
    out_path(out, sizeof out);
    ccs_error err;
    ck_assert_msg(write_with(sets, 11, out, &err) == CCS_OK, "%s", err.msg);
    config_t cfg;
    config_init(&cfg);
    ck_assert_msg(config_read_file(&cfg, out) == CONFIG_TRUE, "%s:%d: %s", out,
                  config_error_line(&cfg), config_error_text(&cfg));
    config_setting_t *s;
    ck_assert_ptr_nonnull(s = config_lookup(&cfg, "run.seed"));
    ck_assert_int_eq(config_setting_type(s), CONFIG_TYPE_INT);
    ck_assert_int_eq(config_setting_get_int(s), 9);
    ck_assert_ptr_nonnull(s = config_lookup(&cfg, "calls.[0].calls_per_hour"));
    ck_assert_int_eq(config_setting_type(s), CONFIG_TYPE_FLOAT);
    ck_assert_double_eq(config_setting_get_float(s), 900.5);
    ck_assert_ptr_nonnull(s = config_lookup(&cfg, "calls.[0].handle_time.mean"));
    ck_assert_int_eq(config_setting_type(s), CONFIG_TYPE_FLOAT);
    ck_assert_double_eq(config_setting_get_float(s), 200.0);
    ck_assert_ptr_nonnull(s = config_lookup(&cfg, "run.replications"));
    ck_assert_int_eq(config_setting_type(s), CONFIG_TYPE_FLOAT);
    ck_assert_double_eq(config_setting_get_float(s), 2.5);
    const char *str;
    ck_assert(config_lookup_string(&cfg, "name", &str) == CONFIG_TRUE);
    ck_assert_str_eq(str, "Quoted name");
    ck_assert(config_lookup_string(&cfg, "agents.[0].name", &str) == CONFIG_TRUE);
    ck_assert_str_eq(str, "plain");
    ck_assert_ptr_nonnull(s = config_lookup(&cfg, "run.threads"));
    ck_assert_int_eq(config_setting_type(s), CONFIG_TYPE_INT);
    ck_assert_int_eq(config_setting_get_int(s), 2);
    ck_assert_ptr_nonnull(s = config_lookup(&cfg, "run.big"));
    ck_assert_int_eq(config_setting_type(s), CONFIG_TYPE_INT64);
    ck_assert(config_setting_get_int64(s) == 3000000000LL);
    ck_assert_ptr_nonnull(s = config_lookup(&cfg, "run.ratio"));
    ck_assert_int_eq(config_setting_type(s), CONFIG_TYPE_FLOAT);
    ck_assert_double_eq(config_setting_get_float(s), 0.25);
    ck_assert_ptr_nonnull(s = config_lookup(&cfg, "run.flag"));
    ck_assert_int_eq(config_setting_type(s), CONFIG_TYPE_BOOL);
    ck_assert_int_eq(config_setting_get_bool(s), 1);
    ck_assert(config_lookup_string(&cfg, "run.word", &str) == CONFIG_TRUE);
    ck_assert_str_eq(str, "hello");
    /* the edit: the count array and the service level */
    ck_assert_ptr_nonnull(s = config_lookup(&cfg, "agents.[0].count"));
    ck_assert_int_eq(config_setting_type(s), CONFIG_TYPE_ARRAY);
    ck_assert_int_eq(config_setting_length(s), 8);
    for (int k = 0; k < 8; k++) {
        ck_assert_int_eq(config_setting_get_int_elem(s, k), counts[k]);
    }
    double v;
    ck_assert(config_lookup_float(&cfg, "calls.[0].service_level.target", &v) == CONFIG_TRUE);
    ck_assert_double_eq(v, 0.85);
    ck_assert(config_lookup_float(&cfg, "calls.[0].service_level.threshold", &v) == CONFIG_TRUE);
    ck_assert_double_eq(v, 15.0);
    /* untouched settings keep their values */
    ck_assert(config_lookup_float(&cfg, "run.warmup_minutes", &v) == CONFIG_FALSE);
    int iv;
    ck_assert(config_lookup_int(&cfg, "run.warmup_minutes", &iv) == CONFIG_TRUE);
    ck_assert_int_eq(iv, 30);
    config_destroy(&cfg);
    unlink(out);
}
END_TEST

/* The override, then the message in err; nothing is written. */
static const struct {
    const char *set;
    const char *msg;
} refused[] = {
    {"run.seed", "expected PATH=VALUE"},
    {"=5", "expected PATH=VALUE"},
    {"agents=1", "cannot carry an override of a group, list or array into the written scenario"},
    {"run=1", "cannot carry an override of a group, list or array into the written scenario"},
    {"nosuch.key=1", "no such setting, and no group to create it in"},
    {"agents.[5]=1", "no such setting, and no group to create it in"},
    {"run.[3]=1", "no such setting, and no group to create it in"},
    {"run.9x=1", "cannot store the value"},    /* not a libconfig name */
};

START_TEST(test_refused)
{
    char out[64];
    out_path(out, sizeof out);
    ccs_error err;
    const char *sets[] = {refused[_i].set};
    ck_assert_int_eq(write_with(sets, 1, out, &err), CCS_EINVAL);
    ck_assert_str_eq(err.msg, refused[_i].msg);
    ck_assert_str_eq(err.key, refused[_i].set);
    int absent = access(out, F_OK) != 0;
    unlink(out);
    ck_assert(absent);
}
END_TEST

/* The written file with its carried overrides is the scenario the reader
 * gets from the source and the same overrides. */
START_TEST(test_same_scenario)
{
    static const char *const sets[] = {"run.seed=9", "calls.[0].calls_per_hour=900.5"};
    char out[64];
    out_path(out, sizeof out);
    ccs_error err;
    ck_assert_msg(write_with(sets, 2, out, &err) == CCS_OK, "%s", err.msg);
    ccs_scenario *w = ccs_scenario_load(out, NULL, 0, &err);
    ck_assert_msg(w != NULL, "%s", err.msg);
    ck_assert_int_eq((int)w->seed, 9);
    ck_assert_int_eq(w->n_types, 1);
    ck_assert_str_eq(w->name, "M/M/c textbook");
    ccs_scenario_free(w);
    unlink(out);
}
END_TEST

/* The rewritten service level keeps the type's service_level.wait (the
 * edit writes threshold and target only). */
START_TEST(test_sl_wait_kept)
{
    static const char *const sets[] = {"calls.[0].service_level.wait=total"};
    char out[64];
    out_path(out, sizeof out);
    ccs_error err;
    ck_assert_msg(write_with(sets, 1, out, &err) == CCS_OK, "%s", err.msg);
    ccs_scenario *w = ccs_scenario_load(out, NULL, 0, &err);
    ck_assert_msg(w != NULL, "%s", err.msg);
    ck_assert_int_eq(w->types[0].sl_wait_total, 1);
    ck_assert_double_eq(w->types[0].sl_target, 0.85);
    ck_assert_double_eq(w->types[0].sl_threshold_s, 15.0);
    ccs_scenario_free(w);
    unlink(out);
}
END_TEST

Suite *scenario_write_suite(void)
{
    Suite *s = suite_create("scenario_write");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_carried_with_types);
    tcase_add_loop_test(tc, test_refused, 0, (int)(sizeof refused / sizeof refused[0]));
    tcase_add_test(tc, test_same_scenario);
    tcase_add_test(tc, test_sl_wait_kept);
    suite_add_tcase(s, tc);
    return s;
}
