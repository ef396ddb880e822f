/*
 * check_plot.c — --plot on run, staff and sweep: the CSV data is always
 * written and holds the figures the report prints; the SVG charts are drawn
 * when gnuplot is on PATH and render (rsvg-convert, Debian librsvg2-bin,
 * parses and draws each one) with their title; without gnuplot the command
 * still succeeds and says which package to install.  Tests that need a
 * missing tool say so (SKIP lines, counted by the runner); CI installs both.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "ccsim/plot.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

static void make_dir(char *tmpl)
{
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
}

static void remove_dir(const char *dir)
{
    char cmd[1024] = "rm -rf '";
    size_t n = strlen(cmd);
    for (const char *p = dir; *p && n + 6 < sizeof cmd; p++) {
        if (*p == '\'') {
            memcpy(cmd + n, "'\\''", 4);
            n += 4;
        } else {
            cmd[n++] = *p;
        }
    }
    cmd[n++] = '\'';
    cmd[n] = '\0';
    ck_assert_int_eq(system(cmd), 0);
}

static int exists(const char *dir, const char *file)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, file);
    return access(p, R_OK) == 0;
}

/* Is a program on PATH? */
static int have_tool(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    int st = system(cmd);
    return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* A drawable SVG chart: rsvg-convert parses and renders it to a non-empty
 * PNG, and it carries the chart's title (gnuplot writes it as text). */
static void assert_svg(const char *dir, const char *file, const char *title)
{
    char p[512], png[600], cmd[1400];
    snprintf(p, sizeof p, "%s/%s", dir, file);
    char *text = ccs_test_slurp(p);
    ck_assert_msg(text != NULL, "%s missing", p);
    ck_assert_msg(strstr(text, "<svg") && strstr(text, "</svg>"), "%s is not an SVG", p);
    ck_assert_msg(strstr(text, title) != NULL, "%s: no title '%s'", p, title);
    free(text);
    snprintf(png, sizeof png, "%s.png", p);
    snprintf(cmd, sizeof cmd, "rsvg-convert -f png -o '%s' '%s' 2>/dev/null", png, p);
    int st = system(cmd);
    ck_assert_msg(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
                  "rsvg-convert cannot render %s", p);
    char *img = ccs_test_slurp(png);
    ck_assert_msg(img && strncmp(img + 1, "PNG", 3) == 0, "%s: no PNG drawn", p);
    free(img);
    unlink(png);
}

/* Skips (with the reason) unless gnuplot and rsvg-convert are installed. */
#define NEED_CHART_TOOLS()                                                            \
    do {                                                                              \
        if (!ccs_plot_have_gnuplot()) {                                               \
            CCS_SKIP("gnuplot not on PATH (Debian gnuplot-nox)");                     \
        }                                                                             \
        if (!have_tool("rsvg-convert")) {                                             \
            CCS_SKIP("rsvg-convert not on PATH (Debian librsvg2-bin)");               \
        }                                                                             \
    } while (0)

/* The chart data is the report's figures: sl_by_interval.csv against the
 * JSON report of the same run, interval by interval. */
START_TEST(test_run_plot)
{
    NEED_CHART_TOOLS();
    char dir[] = "/tmp/ccs_plot_runXXXXXX";
    make_dir(dir);
    char args[512];
    snprintf(args, sizeof args, "run scenarios/mmc.cfg --reps 3 --plot %s --format json%s",
             dir, ccs_test_seed_arg(71));
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(args, &out, &err);
    ck_assert_msg(rc == 0, "run --plot exit %d: %s", rc, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "run JSON: %s", je.text);
    json_t *ivs = json_object_get(root, "intervals");
    assert_svg(dir, "sl_by_interval.svg", "service level by interval (3 replications)");
    assert_svg(dir, "queue_by_interval.svg", "queue length by interval");
    /* the chart's data: header + one row per interval (8) */
    char p[512];
    snprintf(p, sizeof p, "%s/sl_by_interval.csv", dir);
    ccs_csv *c = ccs_csv_read(p);
    ck_assert_int_eq(c->nrows, 8);
    ck_assert_int_eq(json_array_size(ivs), 8);
    for (int k = 0; k < 8; k++) {
        json_t *sl = json_object_get(json_array_get(ivs, (size_t)k), "service_level");
        json_t *ci = json_object_get(sl, "ci95");
        ck_assert_double_eq(ccs_csv_num(c, k, "agents"), 55.0);
        ck_assert_double_eq(ccs_csv_num(c, k, "target"), 0.80);
        CCS_ASSERT_CLOSE("chart SL = report SL", ccs_csv_num(c, k, "service_level"),
                         json_number_value(json_object_get(sl, "mean")), 1e-9, 1e-12);
        CCS_ASSERT_CLOSE("chart SL lo", ccs_csv_num(c, k, "service_level_lo"),
                         json_number_value(json_array_get(ci, 0)), 1e-9, 1e-12);
        CCS_ASSERT_CLOSE("chart SL hi", ccs_csv_num(c, k, "service_level_hi"),
                         json_number_value(json_array_get(ci, 1)), 1e-9, 1e-12);
    }
    ccs_csv_free(c);
    json_decref(root);
    free(out);
    free(err);
    remove_dir(dir);
}
END_TEST

START_TEST(test_staff_and_sweep_plots)
{
    int have = ccs_plot_have_gnuplot() && have_tool("rsvg-convert");
    if (!have) {
        ccs_test_skip(__func__, "the SVG half: gnuplot or rsvg-convert not on PATH");
    }
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
        assert_svg(dir, "agents_by_interval.svg", "agents by interval, group team");
        assert_svg(dir, "sl_achieved.svg", "service level at the simulated staffing");
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
        assert_svg(dir, "sl_vs_agents_0_count.svg", "service level vs agents, group team");
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
    /* (run writes its report before it finds the --plot directory bad:
     * reported, not asserted here.) */
    rc = ccs_test_run("run scenarios/mmc.cfg --reps 1 --plot scenarios/mmc.cfg", &out, &err);
    ck_assert_int_eq(rc, 1);
    ck_assert_ptr_nonnull(strstr(err, "not a directory"));
    free(out);
    free(err);
}
END_TEST

/* The library's chart writers on a real run, with every way they can
 * fail: a directory that is not one, a name too long or empty, a chart
 * file that cannot be created (a directory in its place), and a gnuplot
 * that fails (a stand-in on PATH exiting 1) or is found through an empty
 * PATH element.  Each failure is CCS_EIO (CCS_EINVAL for the names) naming
 * --plot; nothing crashes. */
START_TEST(test_plot_errors)
{
    ccs_error err;
    char seed[40];
    snprintf(seed, sizeof seed, "run.seed=%llu", (unsigned long long)ccs_test_seed(171));
    const char *sets[] = {seed, "horizon.intervals=2"};
    ccs_scenario *sc = ccs_scenario_load("scenarios/mmc.cfg", sets, 2, &err);
    ck_assert_ptr_nonnull(sc);
    ccs_run_options ro = {2, 1, NULL, NULL};
    ccs_results *res = ccs_sim_run(sc, &ro, &err);
    ck_assert_ptr_nonnull(res);
    ck_assert_int_eq(ccs_plot_prepare_dir("", &err), CCS_EINVAL);
    ck_assert_str_eq(err.key, "dir");
    char longdir[1000];
    memset(longdir, 'd', sizeof longdir - 1);
    longdir[sizeof longdir - 1] = '\0';
    ck_assert_int_eq(ccs_plot_prepare_dir(longdir, &err), CCS_EINVAL);
    ck_assert_int_eq(ccs_plot_prepare_dir("scenarios/mmc.cfg", &err), CCS_EIO);
    ck_assert_ptr_nonnull(strstr(err.msg, "not a directory"));

    /* A stand-in gnuplot that fails, first on PATH; the directory name
     * carries a quote, which the scripts must escape. */
    char bin[] = "/tmp/ccs_plot_binXXXXXX", dir[] = "/tmp/ccs_plot_it'sXXXXXX";
    make_dir(bin);
    make_dir(dir);
    char fake[600];
    snprintf(fake, sizeof fake, "%s/gnuplot", bin);
    FILE *fp = fopen(fake, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("#!/bin/sh\nexit 1\n", fp);
    fclose(fp);
    ck_assert_int_eq(chmod(fake, 0755), 0);
    const char *old = getenv("PATH");
    char *saved = strdup(old ? old : "");
    char path[1200];
    snprintf(path, sizeof path, "%s:%s", bin, saved);
    setenv("PATH", path, 1);
    ck_assert(ccs_plot_have_gnuplot());
    int drawn = -1;
    ck_assert_int_eq(ccs_plot_run(dir, res, &drawn, &err), CCS_EIO);
    ck_assert_ptr_nonnull(strstr(err.msg, "gnuplot failed"));
    ck_assert(exists(dir, "sl_by_interval.csv"));
    /* No gnuplot at all: an empty PATH, and one whose only entry is empty
     * (the current directory, which has none). */
    setenv("PATH", "", 1);
    ck_assert(!ccs_plot_have_gnuplot());
    setenv("PATH", ":", 1);
    ck_assert(!ccs_plot_have_gnuplot());
    drawn = -1;
    ck_assert_int_eq(ccs_plot_run(dir, res, &drawn, &err), CCS_OK);
    ck_assert_int_eq(drawn, 0);
    ck_assert_int_eq(ccs_plot_run(dir, res, NULL, &err), CCS_OK);
    /* A chart file that cannot be written: a directory in its place, for
     * each file of each chart of a run. */
    static const char *const files[] = {"sl_by_interval.csv", "sl_by_interval.gp",
                                        "queue_by_interval.csv", "queue_by_interval.gp"};
    setenv("PATH", path, 1);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char d2[] = "/tmp/ccs_plot_blkXXXXXX", blk[600];
        make_dir(d2);
        snprintf(blk, sizeof blk, "%s/%s", d2, files[i]);
        ck_assert_int_eq(mkdir(blk, 0755), 0);
        ck_assert_msg(ccs_plot_run(d2, res, &drawn, &err) == CCS_EIO, "%s in the way", files[i]);
        ck_assert_str_eq(err.key, "dir");
        remove_dir(d2);
    }
    setenv("PATH", saved, 1);
    free(saved);
    remove_dir(bin);
    remove_dir(dir);
    ccs_results_free(res);
    ccs_scenario_free(sc);
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
    tcase_add_test(tc, test_plot_errors);
    suite_add_tcase(s, tc);
    return s;
}
