/*
 * check_charts.c — the charts as a user sees them.  Every chart of run,
 * staff and sweep is converted to PNG with rsvg-convert (Debian
 * librsvg2-bin, installed by `make deps`) and its size checked; the SVG must
 * hold a drawn series for every name in its legend; and what users
 * reported wrong stays fixed: the CI band runs from the lower to the upper
 * bound, the x axis is clock time, step lines cover the last interval, the
 * Erlang lines are drawn over the simulated one, sweep axes are in words.
 *
 * Without gnuplot or rsvg-convert the tests cannot look at a chart: they
 * say so on standard error (a visible line in `make test`), not silently.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ccsim/plot.h"

#define PNG_W 1000   /* the svg terminal's size in src/report/plot.c */
#define PNG_H 500

static int on_path(const char *exe)
{
    const char *path = getenv("PATH");
    char buf[1024];
    while (path && *path) {
        size_t len = strcspn(path, ":");
        snprintf(buf, sizeof buf, "%.*s/%s", (int)len, path, exe);
        if (len > 0 && access(buf, X_OK) == 0) {
            return 1;
        }
        path += len + (path[len] == ':');
    }
    return 0;
}

/* 1 when both tools are present; else one loud line on stderr and 0. */
static int tools_present(const char *test)
{
    int g = ccs_plot_have_gnuplot(), r = on_path("rsvg-convert");
    if (!g || !r) {
        char why[200];
        snprintf(why, sizeof why,
                 "%s not found (Debian %s; `make deps` installs it): the charts were not "
                 "drawn or not converted to PNG",
                 !g ? "gnuplot" : "rsvg-convert", !g ? "gnuplot-nox" : "librsvg2-bin");
        ccs_test_skip(test, why);   /* counted; a failure under CCSIM_TEST_NO_SKIP=1 */
        return 0;
    }
    return 1;
}

static void run_into(const char *args, const char *dir)
{
    char cmd[1024], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s --plot %s", args, dir);
    int rc = ccs_test_run(cmd, &out, &err);
    ck_assert_msg(rc == 0, "ccsim %s: exit %d: %s", cmd, rc, err);
    free(out);
    free(err);
}

static char *slurp2(const char *dir, const char *file)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, file);
    char *s = ccs_test_slurp(p);
    ck_assert_msg(s != NULL, "%s missing", p);
    return s;
}

/* rsvg-convert chart.svg -> chart.png: exit 0, a PNG of the chart's size
 * with enough bytes to hold a drawn chart. */
static void check_png(const char *dir, const char *chart)
{
    char svg[600], png[600], cmd[1400];
    snprintf(svg, sizeof svg, "%s/%s.svg", dir, chart);
    snprintf(png, sizeof png, "%s/%s.png", dir, chart);
    snprintf(cmd, sizeof cmd, "rsvg-convert -o '%s' '%s' 2>/dev/null", png, svg);
    ck_assert_msg(system(cmd) == 0, "rsvg-convert failed on %s", svg);
    FILE *fp = fopen(png, "rb");
    ck_assert_msg(fp != NULL, "%s missing", png);
    unsigned char h[24];
    size_t n = fread(h, 1, sizeof h, fp);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fclose(fp);
    ck_assert_msg(n == 24 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(h + 12, "IHDR", 4) == 0,
                  "%s is not a PNG", png);
    unsigned w = (unsigned)h[16] << 24 | (unsigned)h[17] << 16 | (unsigned)h[18] << 8 | h[19];
    unsigned ht = (unsigned)h[20] << 24 | (unsigned)h[21] << 16 | (unsigned)h[22] << 8 | h[23];
    ck_assert_msg(w == PNG_W && ht == PNG_H, "%s is %ux%u, want %dx%d", png, w, ht, PNG_W,
                  PNG_H);
    ck_assert_msg(size > 15000, "%s has only %ld bytes: an empty chart?", png, size);
}

/* The text of the plot group titled `name` (from its <title> to the next
 * group), or NULL.  *index gets its gnuplot_plot number. */
static char *group(const char *svg, const char *name, int *index)
{
    char want[300];
    snprintf(want, sizeof want, "><title>%s</title>", name);
    const char *p = strstr(svg, want);
    if (!p) {
        return NULL;
    }
    const char *id = p;
    while (id > svg && strncmp(id, "gnuplot_plot_", 13) != 0) {
        id--;
    }
    if (index) {
        *index = atoi(id + 13);
    }
    const char *end = strstr(p + 1, "<g id=\"gnuplot_plot_");
    if (!end) {
        end = p + strlen(p);
    }
    return strndup(p, (size_t)(end - p));
}

/* Coordinate pairs "x,y" in a piece of SVG; the largest x in *max_x. */
static int coords(const char *s, double *max_x)
{
    int n = 0;
    *max_x = -1;
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > s && (isdigit((unsigned char)p[-1]) ||
                                                      p[-1] == '.'))) {
            continue;
        }
        char *e;
        double x = strtod(p, &e);
        if (*e == ',' && isdigit((unsigned char)e[1]) && strchr(p, '.') && strchr(p, '.') < e) {
            n++;
            if (x > *max_x) {
                *max_x = x;
            }
        }
    }
    return n;
}

/* Every legend name has a group drawing at least min_points coordinates
 * beyond its legend sample. */
static void check_series(const char *dir, const char *chart, const char *const *names,
                         int min_points)
{
    char file[300];
    snprintf(file, sizeof file, "%s.svg", chart);
    char *svg = slurp2(dir, file);
    for (int i = 0; names[i]; i++) {
        char *g = group(svg, names[i], NULL);
        ck_assert_msg(g != NULL, "%s: no series '%s' in the SVG", chart, names[i]);
        double mx;
        int n = coords(g, &mx);
        ck_assert_msg(n >= min_points + 2, "%s: series '%s' draws %d points", chart, names[i], n);
        free(g);
    }
    free(svg);
}

/* x of the tic label `label` (e.g. "20:00"), -1 if absent. */
static double tic_x(const char *svg, const char *label)
{
    char want[64];
    snprintf(want, sizeof want, ">%s</tspan>", label);
    const char *p = strstr(svg, want);
    if (!p) {
        snprintf(want, sizeof want, "> %s</tspan>", label);   /* gnuplot pads numbers */
        p = strstr(svg, want);
    }
    if (!p) {
        return -1;
    }
    const char *t = p;
    while (t > svg && strncmp(t, "translate(", 10) != 0) {
        t--;
    }
    return strtod(t + 10, NULL);
}

/* The rightmost x a stepped series reaches: its own group and the
 * untitled group drawn right after it (the last interval's segment),
 * without the legend sample (which sits right of the plot, so it is
 * measured only from the data: coordinates left of `right_edge` + 1). */
static double step_end(const char *svg, const char *name, double right_edge)
{
    int idx = 0;
    char *g = group(svg, name, &idx);
    ck_assert_msg(g != NULL, "no series '%s'", name);
    char next[64];
    snprintf(next, sizeof next, "<title>gnuplot_plot_%d</title>", idx + 1);
    const char *n = strstr(svg, next);
    double best = -1;
    const char *parts[2] = {g, n};
    for (int i = 0; i < 2; i++) {
        if (!parts[i]) {
            continue;
        }
        /* scan path data "Mx,y Lx,y ..." of this group only */
        /* a plot group closes with a tab-indented </g> (inner ones are not) */
        const char *end = i == 0 ? parts[i] + strlen(parts[i]) : strstr(parts[i], "\n\t</g>");
        for (const char *p = parts[i]; p && p < end; p++) {
            if ((*p == 'M' || *p == 'L') && isdigit((unsigned char)p[1])) {
                double x = strtod(p + 1, NULL);
                if (x <= right_edge + 1 && x > best) {
                    best = x;
                }
            }
        }
    }
    free(g);
    return best;
}

/* Each filledcurves band in the script plots a `_lo` column to a `_hi` one
 * of its CSV. */
static void check_bands(const char *dir, const char *chart)
{
    char file[300];
    snprintf(file, sizeof file, "%s.gp", chart);
    char *gp = slurp2(dir, file);
    snprintf(file, sizeof file, "%s.csv", chart);
    char *csv = slurp2(dir, file);
    char *head[32];
    int nh = 0;
    csv[strcspn(csv, "\n")] = '\0';
    for (char *save = NULL, *t = strtok_r(csv, ",", &save); t && nh < 32;
         t = strtok_r(NULL, ",", &save)) {
        head[nh++] = t;
    }
    int bands = 0;
    for (const char *p = gp; (p = strstr(p, "with filledcurves")) != NULL; p++) {
        const char *u = p;
        while (u > gp && strncmp(u, "using ", 6) != 0) {
            u--;
        }
        /* using X:Y:Z where Y and Z are N or ($N*100) */
        int col[3] = {0, 0, 0};
        const char *q = u + 6;
        for (int i = 0; i < 3; i++) {
            while (*q && !isdigit((unsigned char)*q)) {
                q++;
            }
            col[i] = (int)strtol(q, (char **)&q, 10);
            while (*q && *q != ':' && *q != ' ') {
                q++;
            }
        }
        ck_assert_msg(col[1] >= 1 && col[1] <= nh && col[2] >= 1 && col[2] <= nh,
                      "%s: band columns %d:%d out of the CSV", chart, col[1], col[2]);
        const char *lo = head[col[1] - 1], *hi = head[col[2] - 1];
        size_t ll = strlen(lo), hl = strlen(hi);
        ck_assert_msg(ll > 3 && strcmp(lo + ll - 3, "_lo") == 0 && hl > 3 &&
                          strcmp(hi + hl - 3, "_hi") == 0,
                      "%s: the 95%% CI band is drawn from %s to %s, not lower to upper", chart,
                      lo, hi);
        bands++;
    }
    ck_assert_msg(bands > 0, "%s: no CI band", chart);
    free(gp);
    free(csv);
}

static void remove_dir(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* run: captive (08:00-20:00, 24 intervals, a schedule that changes). */
START_TEST(test_run_charts)
{
    if (!tools_present("check_charts run")) {
        return;
    }
    char dir[] = "/tmp/ccs_charts_runXXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    run_into("run scenarios/captive.cfg --reps 3", dir);
    static const char *const sl[] = {"95% CI", "service level", "target", "agents on shift",
                                     NULL};
    static const char *const q[] = {"95% CI of the average", "average queue",
                                    "longest queue (mean of the replications)", NULL};
    check_series(dir, "sl_by_interval", sl, 24);
    check_series(dir, "queue_by_interval", q, 24);
    check_bands(dir, "sl_by_interval");
    check_bands(dir, "queue_by_interval");
    char *svg = slurp2(dir, "sl_by_interval.svg");
    /* Clock time: the axis runs from 08:00 to 20:00. */
    double x0 = tic_x(svg, "08:00"), x1 = tic_x(svg, "20:00");
    ck_assert_msg(x0 > 0 && x1 > x0, "no 08:00 .. 20:00 clock axis (tics at %g, %g)", x0, x1);
    /* The agents line covers the last interval (19:30-20:00) too. */
    double end = step_end(svg, "agents on shift", x1);
    ck_assert_msg(fabs(end - x1) < 1.0, "the agents line stops at x = %.2f, the day ends at %.2f",
                  end, x1);
    end = step_end(svg, "target", x1);
    ck_assert_msg(fabs(end - x1) < 1.0, "the target line stops at x = %.2f, not %.2f", end, x1);
    free(svg);
    check_png(dir, "sl_by_interval");
    check_png(dir, "queue_by_interval");
    remove_dir(dir);
}
END_TEST

/* staff: Erlang C and Erlang A (exponential patience) over the simulated
 * answer, drawn after it and thinner, so neither hides the other. */
START_TEST(test_staff_charts)
{
    if (!tools_present("check_charts staff")) {
        return;
    }
    char dir[] = "/tmp/ccs_charts_stXXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    run_into("staff scenarios/mmc-abandon.cfg --sl 80/20 --set horizon.intervals=4 "
             "--set 'horizon.start=\"09:00\"' --reps 10 --max-reps 20",
             dir);
    static const char *const ag[] = {"simulation", "Erlang C", "Erlang A", NULL};
    static const char *const sl[] = {"95% CI", "service level", "target", NULL};
    check_series(dir, "agents_by_interval", ag, 4);
    check_series(dir, "sl_achieved", sl, 4);
    check_bands(dir, "sl_achieved");
    char *svg = slurp2(dir, "agents_by_interval.svg");
    int is = 0, ic = 0, ia = 0;
    char *gs = group(svg, "simulation", &is), *gc = group(svg, "Erlang C", &ic),
         *ga = group(svg, "Erlang A", &ia);
    ck_assert_msg(ic > is && ia > is, "the Erlang lines (plots %d, %d) are drawn before the "
                  "simulated one (%d), which hides them",
                  ic, ia, is);
    double ws = strtod(strstr(gs, "stroke-width=\"") + 14, NULL);
    double wc = strtod(strstr(gc, "stroke-width=\"") + 14, NULL);
    ck_assert_msg(wc < ws, "Erlang C (width %g) is not thinner than the simulation (%g)", wc,
                  ws);
    double x0 = tic_x(svg, "09:00"), x1 = tic_x(svg, "11:00");
    ck_assert_msg(x0 > 0 && x1 > x0, "no 09:00 .. 11:00 clock axis");
    ck_assert_msg(fabs(step_end(svg, "simulation", x1) - x1) < 1.0,
                  "the simulated line does not cover the last interval");
    ck_assert_msg(fabs(step_end(svg, "Erlang C", x1) - x1) < 1.0,
                  "the Erlang C line does not cover the last interval");
    free(gs);
    free(gc);
    free(ga);
    free(svg);
    check_png(dir, "agents_by_interval");
    check_png(dir, "sl_achieved");
    remove_dir(dir);
}
END_TEST

/* sweep: axes, title and key in words, not `agents.[0].count`. */
START_TEST(test_sweep_chart)
{
    if (!tools_present("check_charts sweep")) {
        return;
    }
    char dir[] = "/tmp/ccs_charts_swXXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    run_into("sweep scenarios/mmc.cfg --vary agents.[0].count=52:58:2 "
             "--vary calls.[0].handle_time.mean=170:180:10 --set horizon.intervals=2 --reps 3",
             dir);
    static const char *const names[] = {"170", "180", NULL};
    check_series(dir, "sl_vs_agents_0_count", names, 4);
    char *svg = slurp2(dir, "sl_vs_agents_0_count.svg");
    ck_assert_msg(strstr(svg, "agents, group team") != NULL, "x axis not in words");
    ck_assert_msg(strstr(svg, "mean handle time (s), call type sales") != NULL,
                  "second setting not in words");
    ck_assert_msg(strstr(svg, "agents.[0].count") == NULL &&
                      strstr(svg, "handle_time.mean") == NULL,
                  "a raw setting path is shown in the chart");
    /* whole-number tics for a whole-number setting */
    ck_assert_msg(tic_x(svg, "52") > 0 && tic_x(svg, "52.5") < 0, "agents axis tics are not "
                                                                  "whole numbers");
    free(svg);
    check_png(dir, "sl_vs_agents_0_count");
    remove_dir(dir);
}
END_TEST

Suite *charts_suite(void)
{
    Suite *s = suite_create("charts");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_run_charts);
    tcase_add_test(tc, test_staff_charts);
    tcase_add_test(tc, test_sweep_chart);
    suite_add_tcase(s, tc);
    return s;
}
