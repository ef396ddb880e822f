/*
 * check_scenario_write_forecast.c — a scenario whose call type reads its
 * rates from a `forecast` CSV, written back with a new schedule
 * (scenario_write.h): the CSV is named relative to the scenario's
 * directory, so
 *  - written into another directory, the forecast becomes the CSV's
 *    absolute path (source given by an absolute path, or by a path
 *    relative to the current directory), and the written scenario loads
 *    with the same rates as the source;
 *  - written into the source's own directory, the name stays as written;
 *  - an absolute forecast path is kept as it is;
 *  - the output path is bounded (1,000 bytes: "path too long"), and an
 *    unwritable directory is refused with "cannot write", leaving no file
 *    (neither the output nor its temporary).
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <libconfig.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ccsim/scenario.h"
#include "ccsim/scenario_write.h"

#define CSV "start,calls\n06:00,8\n06:30,9\n07:00,14\n07:30,22\n08:00,37\n08:30,63\n"
#define SCENARIO(forecast)                                                               \
    "name = \"fc\";\n"                                                                  \
    "horizon = { intervals = 6; interval_minutes = 30; start = \"06:00\"; };\n"         \
    "calls = ( { name = \"care\"; forecast = \"" forecast "\";\n"                       \
    "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"       \
    "agents = ( { name = \"team\"; count = 30; serves = [ \"care\" ]; } );\n"           \
    "run = { replications = 5; seed = 1; };\n"

static const int counts[6] = {3, 4, 5, 6, 7, 8};

static void put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    ck_assert_msg(fp != NULL, "cannot create %s", path);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

static int write_to(const char *src, const char *out, ccs_error *err)
{
    ccs_schedule_edit e = {0, counts, 6, 0, NULL, 0, -1};
    ccs_error_clear(err);
    return ccs_scenario_write_schedule(src, NULL, 0, &e, out, err);
}

/* The forecast string of the written file, read with libconfig. */
static char *forecast_of(const char *path)
{
    config_t cfg;
    config_init(&cfg);
    ck_assert_msg(config_read_file(&cfg, path), "%s: %s", path, config_error_text(&cfg));
    const char *f = NULL;
    ck_assert(config_lookup_string(&cfg, "calls.[0].forecast", &f));
    char *s = strdup(f);
    config_destroy(&cfg);
    return s;
}

/* The written scenario loads, with the source's rates and the new counts. */
static void same_rates(const char *src, const char *out)
{
    ccs_error e;
    ccs_scenario *a = ccs_scenario_load(src, NULL, 0, &e);
    ck_assert_msg(a != NULL, "%s: %s", src, e.msg);
    ccs_scenario *b = ccs_scenario_load(out, NULL, 0, &e);
    ck_assert_msg(b != NULL, "%s: %s", out, e.msg);
    ck_assert_int_eq(b->n_intervals, 6);
    for (int k = 0; k < 6; k++) {
        ck_assert_double_eq(a->types[0].rate_per_hour[k], b->types[0].rate_per_hour[k]);
        ck_assert_int_eq(b->groups[0].count[k], counts[k]);
    }
    ck_assert_double_eq(b->types[0].rate_per_hour[0], 16.0);   /* 8 calls in 30 minutes */
    ccs_scenario_free(a);
    ccs_scenario_free(b);
}

typedef struct dirs {
    char a[64], b[64], src[128], csv[128], out[128];
} dirs;

static void make_dirs(dirs *d, const char *forecast_text)
{
    snprintf(d->a, sizeof d->a, "/tmp/ccs_swf_a_XXXXXX");
    snprintf(d->b, sizeof d->b, "/tmp/ccs_swf_b_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(d->a));
    ck_assert_ptr_nonnull(mkdtemp(d->b));
    snprintf(d->src, sizeof d->src, "%s/s.cfg", d->a);
    snprintf(d->csv, sizeof d->csv, "%s/f.csv", d->a);
    snprintf(d->out, sizeof d->out, "%s/w.cfg", d->b);
    put(d->csv, CSV);
    put(d->src, forecast_text);
}

static void remove_dirs(dirs *d)
{
    char p[160];
    unlink(d->src);
    unlink(d->csv);
    unlink(d->out);
    snprintf(p, sizeof p, "%s/w.cfg", d->a);
    unlink(p);
    rmdir(d->a);
    rmdir(d->b);
}

START_TEST(test_other_directory_absolute)
{
    dirs d;
    make_dirs(&d, SCENARIO("f.csv"));
    ccs_error e;
    ck_assert_int_eq(write_to(d.src, d.out, &e), CCS_OK);
    char *f = forecast_of(d.out);
    ck_assert_str_eq(f, d.csv);
    free(f);
    same_rates(d.src, d.out);
    remove_dirs(&d);
}
END_TEST

START_TEST(test_relative_source)
{
    dirs d;
    make_dirs(&d, SCENARIO("f.csv"));
    char cwd[PATH_MAX], was[PATH_MAX];
    ck_assert_ptr_nonnull(getcwd(was, sizeof was));
    ck_assert_int_eq(chdir("/tmp"), 0);
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    const char *rel = d.src + strlen("/tmp/");   /* "ccs_swf_a_XXXXXX/s.cfg" */
    ccs_error e;
    int rc = write_to(rel, d.out, &e);
    char want[2 * PATH_MAX];
    snprintf(want, sizeof want, "%s/%s", cwd, d.csv + strlen("/tmp/"));
    ck_assert_int_eq(chdir(was), 0);
    ck_assert_msg(rc == CCS_OK, "%s", e.msg);
    char *f = forecast_of(d.out);
    ck_assert_str_eq(f, want);
    free(f);
    same_rates(d.src, d.out);
    remove_dirs(&d);
}
END_TEST

START_TEST(test_same_directory_kept)
{
    dirs d;
    make_dirs(&d, SCENARIO("f.csv"));
    char out[160];
    snprintf(out, sizeof out, "%s/w.cfg", d.a);
    ccs_error e;
    ck_assert_int_eq(write_to(d.src, out, &e), CCS_OK);
    char *f = forecast_of(out);
    ck_assert_str_eq(f, "f.csv");
    free(f);
    same_rates(d.src, out);
    remove_dirs(&d);
}
END_TEST

START_TEST(test_absolute_forecast_kept)
{
    dirs d;
    make_dirs(&d, SCENARIO("f.csv"));
    char text[1024];
    snprintf(text, sizeof text,
             "name = \"fc\";\n"
             "horizon = { intervals = 6; interval_minutes = 30; start = \"06:00\"; };\n"
             "calls = ( { name = \"care\"; forecast = \"%s\";\n"
             "            handle_time = { dist = \"exponential\"; mean = 180.0; }; } );\n"
             "agents = ( { name = \"team\"; count = 30; serves = [ \"care\" ]; } );\n",
             d.csv);
    put(d.src, text);
    ccs_error e;
    ck_assert_int_eq(write_to(d.src, d.out, &e), CCS_OK);
    char *f = forecast_of(d.out);
    ck_assert_str_eq(f, d.csv);
    free(f);
    same_rates(d.src, d.out);
    remove_dirs(&d);
}
END_TEST

START_TEST(test_output_refused)
{
    dirs d;
    make_dirs(&d, SCENARIO("f.csv"));
    ccs_error e;
    char longp[1100];
    memset(longp, 'x', sizeof longp - 1);
    longp[0] = '/';
    longp[sizeof longp - 1] = '\0';
    ck_assert_int_eq(write_to(d.src, longp, &e), CCS_EINVAL);
    ck_assert_str_eq(e.key, "out");
    ck_assert_str_eq(e.msg, "path too long");
    char bad[200];
    snprintf(bad, sizeof bad, "%s/no-such-dir/w.cfg", d.b);
    ck_assert_int_eq(write_to(d.src, bad, &e), CCS_EIO);
    ck_assert_str_eq(e.key, "out");
    char want[300];
    snprintf(want, sizeof want, "cannot write %s: No such file or directory", bad);
    ck_assert_str_eq(e.msg, want);
    /* A FIFO (like a device or a link) is refused, not replaced by a file. */
    char fifo[200];
    snprintf(fifo, sizeof fifo, "%s/pipe.cfg", d.b);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(write_to(d.src, fifo, &e), CCS_EINVAL);
    snprintf(want, sizeof want, "%s is not a regular file; expected a file name", fifo);
    ck_assert_str_eq(e.msg, want);
    struct stat st;
    ck_assert_int_eq(lstat(fifo, &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
    unlink(fifo);
    /* Nothing left in b: rmdir succeeds only on an empty directory. */
    unlink(d.src);
    unlink(d.csv);
    ck_assert_int_eq(rmdir(d.b), 0);
    rmdir(d.a);
}
END_TEST

Suite *scenario_write_forecast_suite(void)
{
    Suite *s = suite_create("scenario_write_forecast");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_other_directory_absolute);
    tcase_add_test(tc, test_relative_source);
    tcase_add_test(tc, test_same_directory_kept);
    tcase_add_test(tc, test_absolute_forecast_kept);
    tcase_add_test(tc, test_output_refused);
    suite_add_tcase(s, tc);
    return s;
}
