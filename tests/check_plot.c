/*
 * check_plot.c — --plot on run, staff and sweep: the CSV data is always
 * written; the SVG charts are drawn when gnuplot is on PATH; without it the
 * command still succeeds and says which package to install.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ccsim/plot.h"

static void make_dir(char *tmpl)
{
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
}

static void remove_dir(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static int exists(const char *dir, const char *file)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, file);
    return access(p, R_OK) == 0;
}

/* An SVG document (gnuplot's svg terminal writes one <svg ...> element). */
static void assert_svg(const char *dir, const char *file)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, file);
    char *text = ccs_test_slurp(p);
    ck_assert_msg(text != NULL, "%s missing", p);
    ck_assert_msg(strstr(text, "<svg") && strstr(text, "</svg>"), "%s is not an SVG", p);
    free(text);
}

START_TEST(test_run_plot)
{
    if (!ccs_plot_have_gnuplot()) {
        return;   /* the not-installed path is tested below */
    }
    char dir[] = "/tmp/ccs_plot_runXXXXXX";
    make_dir(dir);
    char args[256];
    snprintf(args, sizeof args, "run scenarios/mmc.cfg --reps 3 --plot %s", dir);
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "run --plot exit %d: %s", rc, err);
    ck_assert_ptr_nonnull(strstr(out, "Day summary"));
    assert_svg(dir, "sl_by_interval.svg");
    assert_svg(dir, "queue_by_interval.svg");
    /* the chart's data: header + one row per interval (8) */
    char p[512];
    snprintf(p, sizeof p, "%s/sl_by_interval.csv", dir);
    ccs_csv *c = ccs_csv_read(p);
    ck_assert_int_eq(c->nrows, 8);
    for (int k = 0; k < 8; k++) {
        ck_assert_double_eq(ccs_csv_num(c, k, "agents"), 55.0);
        ck_assert_double_eq(ccs_csv_num(c, k, "target"), 0.80);
        double sl = ccs_csv_num(c, k, "service_level");
        ck_assert(sl >= ccs_csv_num(c, k, "service_level_lo") &&
                  sl <= ccs_csv_num(c, k, "service_level_hi"));
    }
    ccs_csv_free(c);
    free(out);
    free(err);
    remove_dir(dir);
}
END_TEST

START_TEST(test_staff_and_sweep_plots)
{
    int have = ccs_plot_have_gnuplot();
    char dir[] = "/tmp/ccs_plot_stXXXXXX";
    make_dir(dir);
    char args[512];
    snprintf(args, sizeof args,
             "staff scenarios/mmc.cfg --sl 80/20 --set horizon.intervals=2 --reps 10 "
             "--max-reps 20 --plot %s",
             dir);
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "staff --plot exit %d: %s", rc, err);
    ck_assert(exists(dir, "agents_by_interval.csv"));
    ck_assert(exists(dir, "sl_achieved.csv"));
    if (have) {
        assert_svg(dir, "agents_by_interval.svg");
        assert_svg(dir, "sl_achieved.svg");
    }
    free(out);
    free(err);
    snprintf(args, sizeof args,
             "sweep scenarios/mmc.cfg --vary agents.[0].count=52:56:2 "
             "--vary calls.[0].handle_time.mean=170:180:10 --set horizon.intervals=1 "
             "--reps 2 --plot %s",
             dir);
    rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "sweep --plot exit %d: %s", rc, err);
    ck_assert(exists(dir, "sl_vs_agents_0_count.csv"));
    char p[512];
    snprintf(p, sizeof p, "%s/sl_vs_agents_0_count.csv", dir);
    ccs_csv *c = ccs_csv_read(p);
    ck_assert_int_eq(c->nrows, 3);           /* 52, 54, 56 */
    ck_assert_int_eq(c->ncols, 1 + 3 * 2);   /* x, then (SL, lo, hi) per handle time */
    ccs_csv_free(c);
    if (have) {
        assert_svg(dir, "sl_vs_agents_0_count.svg");
    }
    free(out);
    free(err);
    remove_dir(dir);
}
END_TEST

/* Without gnuplot on PATH: exit 0, the report as usual, the CSV written, no
 * SVG, and one stderr line naming the package. */
START_TEST(test_no_gnuplot)
{
    char dir[] = "/tmp/ccs_plot_noXXXXXX";
    make_dir(dir);
    char bin[1024];
    const char *b = ccs_test_bin();
    if (b[0] == '/') {
        snprintf(bin, sizeof bin, "%s", b);
    } else {
        char cwd[900];
        ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
        snprintf(bin, sizeof bin, "%s/%s", cwd, b);
    }
    char of[] = "/tmp/ccs_plot_outXXXXXX", ef[] = "/tmp/ccs_plot_errXXXXXX";
    int ofd = mkstemp(of), efd = mkstemp(ef);
    ck_assert(ofd >= 0 && efd >= 0);
    close(ofd);
    close(efd);
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "/usr/bin/env PATH=/nonexistent %s run scenarios/mmc.cfg --reps 2 --plot %s "
             "</dev/null >%s 2>%s",
             bin, dir, of, ef);
    int st = system(cmd);
    ck_assert(WIFEXITED(st));
    char *out = ccs_test_slurp(of), *err = ccs_test_slurp(ef);
    ck_assert_msg(WEXITSTATUS(st) == 0, "exit %d: %s", WEXITSTATUS(st), err);
    ck_assert_ptr_nonnull(strstr(out, "Day summary"));
    ck_assert_ptr_nonnull(strstr(err, "gnuplot not found"));
    ck_assert_ptr_nonnull(strstr(err, "gnuplot-nox"));
    ck_assert_ptr_null(strchr(strchr(err, '\n') + 1, '\n'));   /* one line */
    ck_assert(exists(dir, "sl_by_interval.csv"));
    ck_assert(exists(dir, "queue_by_interval.csv"));
    ck_assert(!exists(dir, "sl_by_interval.svg"));
    free(out);
    free(err);
    unlink(of);
    unlink(ef);
    remove_dir(dir);
}
END_TEST

START_TEST(test_plot_dir_errors)
{
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("sweep scenarios/mmc.cfg --vary agents.[0].count=50:51:1 "
                          "--plot /nonexistent/deeper/dir",
                          &out, &err);
    ck_assert_int_eq(rc, 1);
    ck_assert_ptr_nonnull(strstr(err, "--plot"));
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
}
END_TEST

Suite *plot_suite(void)
{
    Suite *s = suite_create("plot");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_run_plot);
    tcase_add_test(tc, test_staff_and_sweep_plots);
    tcase_add_test(tc, test_no_gnuplot);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_test(tc, test_plot_dir_errors);
    suite_add_tcase(s, tc);
    return s;
}
