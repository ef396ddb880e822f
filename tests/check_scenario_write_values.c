/*
 * check_scenario_write_values.c — the less travelled ways through
 * ccs_scenario_write_schedule() (scenario_write.h), each read back with
 * libconfig itself:
 *  - an override whose text does not fit the setting's type replaces the
 *    group member with the type its text implies: an empty value (a
 *    string), an integer beyond 32 bits or beyond 64 bits (64-bit integer,
 *    float), a word for a float, a number for a boolean; a 64-bit or
 *    boolean setting that fits keeps its type; strings with a lone or
 *    unmatched quote are kept as written; a new member at the top level;
 *  - later overrides see the earlier ones, and the first refused one stops
 *    the rest (no file);
 *  - an array element that does not fit is refused (elements keep their
 *    type), and so are agent groups and call types that are not there or
 *    are not groups;
 *  - a group without `count` gets one; a negative threshold leaves the
 *    service levels as they were;
 *  - the default scenario (no source file) written elsewhere names a
 *    relative forecast from the current directory; an empty forecast is
 *    left alone.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <libconfig.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccs_testfile.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_write.h"

static const int counts[8] = {50, 51, 52, 53, 54, 55, 56, 57};

static void out_path(char *p, size_t n)
{
    snprintf(p, n, "/tmp/ccs_swv_%ld.cfg", (long)getpid());
    unlink(p);
}

/* Writes src (NULL: the default scenario) with the overrides and the edit
 * of group 0 (8 intervals) and the SL of call type 0 at 0.85 / threshold. */
static int write_src(const char *src, const char *const *sets, int n, double threshold,
                     const char *out, ccs_error *err)
{
    int types[] = {0};
    ccs_schedule_edit e = {0, counts, 8, 1, types, 0.85, threshold};
    ccs_error_clear(err);
    return ccs_scenario_write_schedule(src, sets, n, &e, out, err);
}

static void read_back(config_t *cfg, const char *out)
{
    config_init(cfg);
    ck_assert_msg(config_read_file(cfg, out) == CONFIG_TRUE, "%s:%d: %s", out,
                  config_error_line(cfg), config_error_text(cfg));
}

/* The setting at path: its type must be type. */
static config_setting_t *typed(config_t *cfg, const char *path, int type)
{
    config_setting_t *s = config_lookup(cfg, path);
    ck_assert_msg(s != NULL, "%s missing", path);
    ck_assert_msg(config_setting_type(s) == type, "%s: type %d, want %d", path,
                  config_setting_type(s), type);
    return s;
}

START_TEST(test_values_that_do_not_fit)
{
    static const char *const sets[] = {
        "run.seed=",                        /* empty: a string replaces the int */
        "run.replications=3000000000",      /* beyond int: a 64-bit integer */
        "run.warmup_minutes=-3000000000",   /* below int: a 64-bit integer */
        "run.big=3000000000",               /* new 64-bit member ... */
        "run.big=4000000000",               /* ... that fits stays 64-bit */
        "run.huge=3000000000",
        "run.huge=99999999999999999999",    /* beyond 64 bits: a float */
        "calls.[0].calls_per_hour=lots",    /* a word for a float: a string */
        "run.flag=true",
        "run.flag=false",                   /* a boolean that fits */
        "run.off=true",
        "run.off=7",                        /* a number for a boolean: an integer */
        "run.neg=-3000000000",              /* new member below int */
        "name=\"",                          /* a lone quote is kept */
        "agents.[0].name=\"open",           /* so is an unmatched one */
        "toplevel=12",                      /* a new member at the top level */
    };
    char out[64];
    out_path(out, sizeof out);
    ccs_error err;
    ck_assert_msg(write_src("scenarios/mmc.cfg", sets, (int)(sizeof sets / sizeof sets[0]), 15.0,
                            out, &err) == CCS_OK,
                  "%s: %s", err.key, err.msg);
    config_t cfg;
    read_back(&cfg, out);
    ck_assert_str_eq(config_setting_get_string(typed(&cfg, "run.seed", CONFIG_TYPE_STRING)), "");
    ck_assert(config_setting_get_int64(typed(&cfg, "run.replications", CONFIG_TYPE_INT64)) ==
              3000000000LL);
    ck_assert(config_setting_get_int64(typed(&cfg, "run.warmup_minutes", CONFIG_TYPE_INT64)) ==
              -3000000000LL);
    ck_assert(config_setting_get_int64(typed(&cfg, "run.big", CONFIG_TYPE_INT64)) ==
              4000000000LL);
    ck_assert_double_eq(config_setting_get_float(typed(&cfg, "run.huge", CONFIG_TYPE_FLOAT)),
                        1e20);
    ck_assert_str_eq(
        config_setting_get_string(typed(&cfg, "calls.[0].calls_per_hour", CONFIG_TYPE_STRING)),
        "lots");
    ck_assert_int_eq(config_setting_get_bool(typed(&cfg, "run.flag", CONFIG_TYPE_BOOL)), 0);
    ck_assert_int_eq(config_setting_get_int(typed(&cfg, "run.off", CONFIG_TYPE_INT)), 7);
    ck_assert(config_setting_get_int64(typed(&cfg, "run.neg", CONFIG_TYPE_INT64)) ==
              -3000000000LL);
    ck_assert_str_eq(config_setting_get_string(typed(&cfg, "name", CONFIG_TYPE_STRING)), "\"");
    ck_assert_str_eq(config_setting_get_string(typed(&cfg, "agents.[0].name", CONFIG_TYPE_STRING)),
                     "\"open");
    ck_assert_int_eq(config_setting_get_int(typed(&cfg, "toplevel", CONFIG_TYPE_INT)), 12);
    /* the edit still happened */
    config_setting_t *c = typed(&cfg, "agents.[0].count", CONFIG_TYPE_ARRAY);
    ck_assert_int_eq(config_setting_length(c), 8);
    ck_assert_int_eq(config_setting_get_int_elem(c, 7), 57);
    config_destroy(&cfg);
    unlink(out);
}
END_TEST

/* A scenario with arrays and lists of numbers, a group without `count`, a
 * second group that is a list, and a call type that is a scalar. */
#define SHAPES                                                                             \
    "name = \"shapes\";\n"                                                                 \
    "horizon = { intervals = 8; interval_minutes = 30; };\n"                               \
    "calls = ( { name = \"a\"; calls_per_hour = 10.0;\n"                                   \
    "            service_level = { threshold = 20.0; target = 0.8; }; }, 7 );\n"           \
    "agents = ( { name = \"g\"; serves = [ \"a\" ]; levels = [ 1, 2, 3 ]; },\n"            \
    "           ( 1, 2 ) );\n"                                                             \
    "run = { seed = 1; };\n"

/* The override, the edit's group and call type, then the status, the key and
 * the message; nothing is written. */
static const struct {
    const char *set;
    int group, type;
    int rc;
    const char *key, *msg;
} refusals[] = {
    {"agents.[0].levels.[1]=abc", 0, 0, CCS_EINVAL, "agents.[0].levels.[1]=abc",
     "value does not fit the setting's type"},
    {NULL, 1, 0, CCS_EINVAL, "agents", "no agent group 1"},   /* a list, not a group */
    {NULL, 2, 0, CCS_EINVAL, "agents", "no agent group 2"},   /* not there */
    {NULL, -1, 0, CCS_EINVAL, "agents", "no agent group -1"},
    {NULL, 0, 1, CCS_EINVAL, "calls", "no call type 1"},      /* a scalar */
    {NULL, 0, 5, CCS_EINVAL, "calls", "no call type 5"},
    /* the first refused override stops the rest */
    {"=1", 0, 0, CCS_EINVAL, "=1", "expected PATH=VALUE"},
};

START_TEST(test_shapes_refused)
{
    char src[64], out[64];
    ccs_test_tmpfile(src, sizeof src, ".cfg", SHAPES);
    out_path(out, sizeof out);
    int types[] = {refusals[_i].type};
    ccs_schedule_edit e = {refusals[_i].group, counts, 8, 1, types, 0.85, 15.0};
    const char *sets[] = {refusals[_i].set, "run.seed=nosuch.[5]=1"};
    ccs_error err;
    ccs_error_clear(&err);
    int rc = ccs_scenario_write_schedule(src, sets, refusals[_i].set ? 2 : 0, &e, out, &err);
    int absent = access(out, F_OK) != 0;
    unlink(out);
    unlink(src);
    ck_assert_int_eq(rc, refusals[_i].rc);
    ck_assert_str_eq(err.key, refusals[_i].key);
    ck_assert_str_eq(err.msg, refusals[_i].msg);
    ck_assert(absent);
}
END_TEST

/* The group without `count` gets the array; with a negative threshold the
 * service level stays as in the source. */
START_TEST(test_count_created_sl_kept)
{
    char src[64], out[64];
    ccs_test_tmpfile(src, sizeof src, ".cfg", SHAPES);
    out_path(out, sizeof out);
    ccs_error err;
    int rc = write_src(src, NULL, 0, -1.0, out, &err);
    unlink(src);
    ck_assert_msg(rc == CCS_OK, "%s", err.msg);
    config_t cfg;
    read_back(&cfg, out);
    config_setting_t *c = typed(&cfg, "agents.[0].count", CONFIG_TYPE_ARRAY);
    ck_assert_int_eq(config_setting_length(c), 8);
    for (int k = 0; k < 8; k++) {
        ck_assert_int_eq(config_setting_get_int_elem(c, k), counts[k]);
    }
    double v;
    ck_assert(config_lookup_float(&cfg, "calls.[0].service_level.target", &v) == CONFIG_TRUE);
    ck_assert_double_eq(v, 0.8);
    ck_assert(config_lookup_float(&cfg, "calls.[0].service_level.threshold", &v) == CONFIG_TRUE);
    ck_assert_double_eq(v, 20.0);
    /* the array the edit did not touch keeps its values */
    c = typed(&cfg, "agents.[0].levels", CONFIG_TYPE_ARRAY);
    ck_assert_int_eq(config_setting_get_int_elem(c, 2), 3);
    config_destroy(&cfg);
    unlink(out);
}
END_TEST

/* The default scenario (src NULL) with a relative forecast added by an
 * override, written into another directory: the forecast is named from
 * the current directory.  An empty forecast is left as it is. */
START_TEST(test_default_source_forecast)
{
    char cwd[PATH_MAX], want[PATH_MAX + 32], out[64];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    snprintf(want, sizeof want, "%s/fc.csv", cwd);
    out_path(out, sizeof out);
    ccs_error err;
    const char *sets[] = {"calls.[0].forecast=\"fc.csv\""};
    ck_assert_msg(write_src(NULL, sets, 1, 15.0, out, &err) == CCS_OK, "%s", err.msg);
    config_t cfg;
    read_back(&cfg, out);
    ck_assert_str_eq(
        config_setting_get_string(typed(&cfg, "calls.[0].forecast", CONFIG_TYPE_STRING)), want);
    config_destroy(&cfg);
    unlink(out);

    const char *empty[] = {"calls.[0].forecast=\"\""};
    ck_assert_msg(write_src(NULL, empty, 1, 15.0, out, &err) == CCS_OK, "%s", err.msg);
    read_back(&cfg, out);
    ck_assert_str_eq(
        config_setting_get_string(typed(&cfg, "calls.[0].forecast", CONFIG_TYPE_STRING)), "");
    config_destroy(&cfg);
    unlink(out);
}
END_TEST

/* A source in another directory of the same name length as the output's:
 * the forecast must still be rebased (the directories differ). */
START_TEST(test_same_length_other_directory)
{
    char d1[] = "/tmp/ccs_swa_XXXXXX", d2[] = "/tmp/ccs_swb_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(d1));
    ck_assert_ptr_nonnull(mkdtemp(d2));
    char src[128], out[128], want[160];
    snprintf(src, sizeof src, "%s/s.cfg", d1);
    snprintf(out, sizeof out, "%s/o.cfg", d2);
    snprintf(want, sizeof want, "%s/rates.csv", d1);
    FILE *fp = fopen(src, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("name = \"x\";\nhorizon = { intervals = 8; interval_minutes = 30; };\n"
          "calls = ( { name = \"a\"; forecast = \"rates.csv\"; } );\n"
          "agents = ( { name = \"g\"; count = 3; serves = [ \"a\" ]; } );\n",
          fp);
    ck_assert_int_eq(fclose(fp), 0);
    ccs_error err;
    int rc = write_src(src, NULL, 0, 15.0, out, &err);
    unlink(src);
    ck_assert_msg(rc == CCS_OK, "%s", err.msg);
    config_t cfg;
    read_back(&cfg, out);
    ck_assert_str_eq(
        config_setting_get_string(typed(&cfg, "calls.[0].forecast", CONFIG_TYPE_STRING)), want);
    config_destroy(&cfg);
    unlink(out);
    rmdir(d1);
    rmdir(d2);
}
END_TEST

Suite *scenario_write_values_suite(void)
{
    Suite *s = suite_create("scenario_write_values");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_values_that_do_not_fit);
    tcase_add_loop_test(tc, test_shapes_refused, 0, (int)(sizeof refusals / sizeof refusals[0]));
    tcase_add_test(tc, test_count_created_sl_kept);
    tcase_add_test(tc, test_default_source_forecast);
    tcase_add_test(tc, test_same_length_other_directory);
    suite_add_tcase(s, tc);
    return s;
}
