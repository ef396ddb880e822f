/*
 * plot.c — charts through gnuplot (see plot.h).
 *
 * Each chart writes its CSV first, then a script that reads that CSV, then
 * runs `gnuplot script` with its output discarded: the CSV is the single
 * source of the chart's numbers, so what a user sees in the SVG is exactly
 * what a spreadsheet would get.  gnuplot is run with fork/exec (no shell),
 * so directory names need no quoting beyond gnuplot's own single quotes.
 */
#include "ccsim/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PATH_MAX_LEN 1024

int ccs_plot_have_gnuplot(void)
{
    const char *path = getenv("PATH");
    if (!path || !*path) {
        return 0;
    }
    const char *p = path;
    while (*p) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        char full[PATH_MAX_LEN];
        if (len == 0) {
            snprintf(full, sizeof full, "./gnuplot");
        } else {
            snprintf(full, sizeof full, "%.*s/gnuplot", (int)len, p);
        }
        struct stat st;
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0) {
            return 1;
        }
        if (!colon) {
            break;
        }
        p = colon + 1;
    }
    return 0;
}

int ccs_plot_prepare_dir(const char *dir, ccs_error *err)
{
    if (!dir || !*dir) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "dir", "expected a directory name");
    }
    if (strlen(dir) > 900) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "dir", "directory name too long");
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, "dir", "cannot create %s: %s", dir,
                             strerror(errno));
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, "dir", "%s is not a directory", dir);
    }
    if (access(dir, W_OK | X_OK) != 0) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, "dir", "cannot write in %s: %s", dir,
                             strerror(errno));
    }
    return CCS_OK;
}

/* ---- files ------------------------------------------------------------ */

typedef struct chart {
    const char *dir;
    char name[256];
    char csv[PATH_MAX_LEN];
    char gp[PATH_MAX_LEN];
    char svg[PATH_MAX_LEN];
    FILE *fp;
} chart;

static int chart_open(chart *c, const char *dir, const char *name, ccs_error *err)
{
    memset(c, 0, sizeof *c);
    c->dir = dir;
    snprintf(c->name, sizeof c->name, "%s", name);
    snprintf(c->csv, sizeof c->csv, "%s/%s.csv", dir, name);
    snprintf(c->gp, sizeof c->gp, "%s/%s.gp", dir, name);
    snprintf(c->svg, sizeof c->svg, "%s/%s.svg", dir, name);
    c->fp = fopen(c->csv, "w");
    if (!c->fp) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, "dir", "cannot write %s: %s", c->csv,
                             strerror(errno));
    }
    return CCS_OK;
}

static int close_checked(FILE *fp, const char *path, ccs_error *err)
{
    int bad = ferror(fp);
    if (fclose(fp) != 0) {
        bad = 1;
    }
    if (bad) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, "dir", "cannot write %s", path);
    }
    return CCS_OK;
}

/* Writes a CSV number; undefined values are empty cells (gnuplot skips them). */
static void num(FILE *fp, double v, int ok, int last)
{
    if (ok && isfinite(v)) {
        fprintf(fp, "%.10g", v);
    }
    fputc(last ? '\n' : ',', fp);
}

/* gnuplot single-quoted string: a ' is written as ''. */
static void quoted(FILE *fp, const char *s)
{
    fputc('\'', fp);
    for (; *s; s++) {
        if (*s == '\'') {
            fputc('\'', fp);
        }
        fputc(*s, fp);
    }
    fputc('\'', fp);
}

/* Opens the script with the common preamble; returns NULL on failure. */
static FILE *script_open(chart *c, const char *title, const char *xlabel, const char *ylabel,
                         ccs_error *err)
{
    FILE *fp = fopen(c->gp, "w");
    if (!fp) {
        ccs_error_set(err, CCS_EIO, NULL, 0, "dir", "cannot write %s: %s", c->gp,
                      strerror(errno));
        return NULL;
    }
    fprintf(fp, "# %s.gp -- written by ccsim; redraw with: gnuplot %s.gp (from its directory's\n"
                "# parent, or edit the paths).  The data is %s.csv beside it.\n",
            c->name, c->name, c->name);
    fprintf(fp, "set terminal svg size 1000,500 dynamic enhanced background rgb 'white' "
                "font 'sans,11'\n");
    fprintf(fp, "set output ");
    quoted(fp, c->svg);
    fprintf(fp, "\nset datafile separator ','\nset title ");
    quoted(fp, title);
    fprintf(fp, " noenhanced\nset xlabel ");
    quoted(fp, xlabel);
    fprintf(fp, "\nset ylabel ");
    quoted(fp, ylabel);
    fprintf(fp, "\nset grid\nset key outside right top vertical Left reverse noenhanced\n");
    fprintf(fp, "data = ");
    quoted(fp, c->csv);
    fputc('\n', fp);
    return fp;
}

/* Runs gnuplot on the script when present; *drawn incremented on success. */
static int draw(chart *c, int *drawn, ccs_error *err)
{
    if (!ccs_plot_have_gnuplot()) {
        return CCS_OK;
    }
    pid_t pid = fork();
    if (pid < 0) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, "dir", "cannot start gnuplot: %s",
                             strerror(errno));
    }
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execlp("gnuplot", "gnuplot", c->gp, (char *)NULL);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR) {
            return ccs_error_set(err, CCS_EIO, NULL, 0, "dir", "waiting for gnuplot: %s",
                                 strerror(errno));
        }
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, "dir",
                             "gnuplot failed on %s (run `gnuplot %s` to see why)", c->gp, c->gp);
    }
    if (drawn) {
        ++*drawn;
    }
    return CCS_OK;
}

static int finish(chart *c, FILE *gp, int *drawn, ccs_error *err)
{
    if (close_checked(gp, c->gp, err) != CCS_OK) {
        return CCS_EIO;
    }
    return draw(c, drawn, err);
}

/* ---- time axis -------------------------------------------------------- */

/* Interval k's clock columns, the last of the line: "clock,start_s,mid_s,end_s"
 * (seconds after 00:00 of the first day, horizon.start) and the newline. */
static void time_cols(FILE *fp, const ccs_scenario *sc, int k)
{
    double t = sc->start_s + k * sc->interval_s;
    long m = lround(t / 60.0);
    fprintf(fp, "%02ld:%02ld,%.10g,%.10g,%.10g\n", (m / 60) % 24, m % 60, t,
            t + 0.5 * sc->interval_s, t + sc->interval_s);
}

#define TIME_HEAD "clock,start_s,mid_s,end_s"

/* The x axis in clock time over the whole horizon, with a tic step that
 * gives at most about a dozen labels. */
static void time_axis(FILE *gp, const ccs_scenario *sc)
{
    static const double steps[] = {60,   300,   900,   1800,  3600, 7200,
                                   10800, 14400, 21600, 43200, 86400};
    double t0 = sc->start_s, t1 = sc->start_s + sc->n_intervals * sc->interval_s;
    double step = steps[sizeof steps / sizeof steps[0] - 1];
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if ((t1 - t0) / steps[i] <= 12) {
            step = steps[i];
            break;
        }
    }
    fprintf(gp, "set xdata time\nset timefmt '%%s'\nset format x '%%H:%%M'\n"
                "set xrange [%.10g:%.10g]\nset xtics %.10g\n",
            t0, t1, step);
}

/* One value per interval drawn as steps across each whole interval: gnuplot's
 * `steps` (which stops at the last point's x) plus the last interval as a
 * horizontal segment.  ycol is a using-expression ("7", "($6*100)");
 * time columns at s (start) and e (end). */
static void stepped(FILE *gp, int first, int n, int s, int e, const char *ycol, const char *axes,
                    const char *style, const char *title)
{
    fprintf(gp, "%sdata skip 1 using %d:%s%s with steps %s title ", first ? "plot " : ", \\\n     ",
            s, ycol, axes, style);
    quoted(gp, title);
    fprintf(gp, ", \\\n     data skip 1 every ::%d::%d using %d:%s:(column(%d)-column(%d)):(0)%s "
                "with vectors nohead %s notitle",
            n - 1, n - 1, s, ycol, e, s, axes, style);
}

/* ---- run -------------------------------------------------------------- */

int ccs_plot_run(const char *dir, const ccs_results *r, int *drawn, ccs_error *err)
{
    const ccs_scenario *sc = r->sc;
    if (drawn) {
        *drawn = 0;
    }
    double target = sc->n_types > 0 ? sc->types[0].sl_target : 0;
    chart c;
    if (chart_open(&c, dir, "sl_by_interval", err) != CCS_OK) {
        return CCS_EIO;
    }
    /* columns 1..7 as before; 8 clock, 9 start_s, 10 mid_s, 11 end_s */
    fprintf(c.fp, "interval,start_h,service_level,service_level_lo,service_level_hi,target,"
                  "agents," TIME_HEAD "\n");
    double max_agents = 0;
    for (int k = 0; k < sc->n_intervals; k++) {
        const ccs_figures *f = &r->intervals[k];
        if (f->agents.defined && f->agents.mean > max_agents) {
            max_agents = f->agents.mean;
        }
        fprintf(c.fp, "%d,", k);
        num(c.fp, k * sc->interval_s / 3600.0, 1, 0);
        num(c.fp, f->service_level.mean, f->service_level.defined, 0);
        num(c.fp, f->service_level.lo, f->service_level.defined, 0);
        num(c.fp, f->service_level.hi, f->service_level.defined, 0);
        num(c.fp, target, 1, 0);
        num(c.fp, f->agents.mean, f->agents.defined, 0);
        time_cols(c.fp, sc, k);
    }
    if (close_checked(c.fp, c.csv, err) != CCS_OK) {
        return CCS_EIO;
    }
    char title[300];
    snprintf(title, sizeof title, "%s: service level by interval (%d replication%s)", sc->name,
             r->replications, r->replications == 1 ? "" : "s");
    FILE *gp = script_open(&c, title, "time of day (a point is an interval's figure, at "
                                      "its middle)",
                           "service level (%)", err);
    if (!gp) {
        return CCS_EIO;
    }
    time_axis(gp, sc);
    /* An explicit top: autoscaling would put a flat line on the frame. */
    fprintf(gp, "set y2range [0:%.10g]\n", max_agents > 0 ? 1.15 * max_agents : 1);
    fputs("set y2label 'agents on shift'\nset ytics nomirror\nset y2tics\n"
          "set yrange [0:105]\n"
          "plot data skip 1 using 10:($4*100):($5*100) with filledcurves "
          "fc rgb '#c6dbef' title '95% CI', \\\n"
          "     data skip 1 using 10:($3*100) with linespoints lc rgb '#08519c' pt 7 "
          "title 'service level'",
          gp);
    stepped(gp, 0, sc->n_intervals, 9, 11, "($6*100)", "", "dt 2 lc rgb '#cb181d'", "target");
    stepped(gp, 0, sc->n_intervals, 9, 11, "7", " axes x1y2", "lw 1.5 lc rgb '#636363'",
            "agents on shift");
    fputc('\n', gp);
    int rc = finish(&c, gp, drawn, err);
    if (rc != CCS_OK) {
        return rc;
    }

    if (chart_open(&c, dir, "queue_by_interval", err) != CCS_OK) {
        return CCS_EIO;
    }
    /* columns 1..6 as before; 7 clock, 8 start_s, 9 mid_s, 10 end_s */
    fprintf(c.fp, "interval,start_h,avg_queue,avg_queue_lo,avg_queue_hi,max_queue," TIME_HEAD
                  "\n");
    for (int k = 0; k < sc->n_intervals; k++) {
        const ccs_figures *f = &r->intervals[k];
        fprintf(c.fp, "%d,", k);
        num(c.fp, k * sc->interval_s / 3600.0, 1, 0);
        num(c.fp, f->avg_queue.mean, f->avg_queue.defined, 0);
        num(c.fp, f->avg_queue.lo, f->avg_queue.defined, 0);
        num(c.fp, f->avg_queue.hi, f->avg_queue.defined, 0);
        num(c.fp, f->max_queue.mean, f->max_queue.defined, 0);
        time_cols(c.fp, sc, k);
    }
    if (close_checked(c.fp, c.csv, err) != CCS_OK) {
        return CCS_EIO;
    }
    snprintf(title, sizeof title, "%s: queue length by interval (%d replication%s)", sc->name,
             r->replications, r->replications == 1 ? "" : "s");
    gp = script_open(&c, title, "time of day (a point is an interval's figure, at its "
                                "middle)",
                     "callers waiting", err);
    if (!gp) {
        return CCS_EIO;
    }
    time_axis(gp, sc);
    /* The band is the average queue's 95% CI: lower (col 4) to upper (5). */
    fputs("set yrange [0:*]\n"
          "plot data skip 1 using 9:4:5 with filledcurves fc rgb '#c6dbef' "
          "title '95% CI of the average', \\\n"
          "     data skip 1 using 9:3 with linespoints lc rgb '#08519c' pt 7 "
          "title 'average queue', \\\n"
          "     data skip 1 using 9:6 with linespoints lc rgb '#cb181d' pt 5 "
          "title 'longest queue (mean of the replications)'\n",
          gp);
    return finish(&c, gp, drawn, err);
}

/* ---- staff ------------------------------------------------------------ */

/* An agent count and its separator; an empty cell when undefined (-1). */
static void agents_num(FILE *fp, int v)
{
    if (v >= 0) {
        fprintf(fp, "%d,", v);
    } else {
        fputc(',', fp);
    }
}

int ccs_plot_staff(const char *dir, const ccs_scenario *sc, const ccs_staff_result *s,
                   double sl_target, int *drawn, ccs_error *err)
{
    if (drawn) {
        *drawn = 0;
    }
    chart c;
    if (chart_open(&c, dir, "agents_by_interval", err) != CCS_OK) {
        return CCS_EIO;
    }
    /* columns 1..4 as before; 5 erlang_c_agents, 6 erlang_a_agents, 7 clock,
     * 8 start_s, 9 mid_s, 10 end_s */
    fprintf(c.fp, "interval,start_h,erlang_agents,simulated_agents,erlang_c_agents,"
                  "erlang_a_agents," TIME_HEAD "\n");
    int have_c = 0, have_a = 0;
    for (int k = 0; k < s->n_intervals; k++) {
        const ccs_staff_interval *iv = &s->intervals[k];
        fprintf(c.fp, "%d,", k);
        num(c.fp, k * sc->interval_s / 3600.0, 1, 0);
        fprintf(c.fp, "%d,%d,", iv->erlang_agents, iv->agents);
        agents_num(c.fp, iv->erlang_c_agents);
        agents_num(c.fp, iv->erlang_a_agents);
        time_cols(c.fp, sc, k);
        have_c |= iv->erlang_c_agents >= 0;
        have_a |= iv->erlang_a_agents >= 0;
    }
    if (close_checked(c.fp, c.csv, err) != CCS_OK) {
        return CCS_EIO;
    }
    char title[300];
    snprintf(title, sizeof title, "%s: agents by interval, group %s", sc->name,
             sc->groups[s->group].name);
    FILE *gp = script_open(&c, title, "time of day", "agents", err);
    if (!gp) {
        return CCS_EIO;
    }
    time_axis(gp, sc);
    fputs("set yrange [0:*]\n", gp);
    /* The simulated answer is a wide pale band drawn first, the formulas
     * thin lines on top of it: where they agree, both stay visible. */
    int n = s->n_intervals;
    stepped(gp, 1, n, 8, 10, "4", "", "lw 7 lc rgb '#9ecae1'", "simulation");
    if (have_c) {
        stepped(gp, 0, n, 8, 10, "5", "", "lw 2 dt 2 lc rgb '#d94801'", "Erlang C");
    }
    if (have_a) {
        stepped(gp, 0, n, 8, 10, "6", "", "lw 2 lc rgb '#252525'", "Erlang A");
    }
    fputc('\n', gp);
    int rc = finish(&c, gp, drawn, err);
    if (rc != CCS_OK) {
        return rc;
    }

    if (chart_open(&c, dir, "sl_achieved", err) != CCS_OK) {
        return CCS_EIO;
    }
    /* columns 1..6 as before; 7 clock, 8 start_s, 9 mid_s, 10 end_s */
    fprintf(c.fp, "interval,start_h,service_level,service_level_lo,service_level_hi,target," TIME_HEAD
                  "\n");
    for (int k = 0; k < s->n_intervals; k++) {
        const ccs_estimate *e = &s->intervals[k].fig.service_level;
        fprintf(c.fp, "%d,", k);
        num(c.fp, k * sc->interval_s / 3600.0, 1, 0);
        num(c.fp, e->mean, e->defined, 0);
        num(c.fp, e->lo, e->defined, 0);
        num(c.fp, e->hi, e->defined, 0);
        num(c.fp, sl_target, 1, 0);
        time_cols(c.fp, sc, k);
    }
    if (close_checked(c.fp, c.csv, err) != CCS_OK) {
        return CCS_EIO;
    }
    snprintf(title, sizeof title, "%s: service level at the simulated staffing (%d "
                                  "replications)",
             sc->name, s->replications);
    gp = script_open(&c, title, "time of day (a point is an interval's figure, at its "
                                "middle)",
                     "service level (%)", err);
    if (!gp) {
        return CCS_EIO;
    }
    time_axis(gp, sc);
    fputs("set yrange [0:105]\n"
          "plot data skip 1 using 9:($4*100):($5*100) with filledcurves "
          "fc rgb '#c6dbef' title '95% CI', \\\n"
          "     data skip 1 using 9:($3*100) with linespoints lc rgb '#08519c' pt 7 "
          "title 'service level'",
          gp);
    stepped(gp, 0, s->n_intervals, 8, 10, "($6*100)", "", "dt 2 lc rgb '#cb181d'", "target");
    fputc('\n', gp);
    return finish(&c, gp, drawn, err);
}

/* ---- sweep ------------------------------------------------------------ */

static void var_name(const char *path, char *buf, size_t n)
{
    size_t j = 0;
    int under = 0;
    for (const char *p = path; *p && j + 1 < n; p++) {
        int alnum = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9');
        if (alnum) {
            buf[j++] = *p;
            under = 0;
        } else if (!under && j > 0) {
            buf[j++] = '_';
            under = 1;
        }
    }
    while (j > 0 && buf[j - 1] == '_') {
        j--;
    }
    buf[j] = '\0';
}

int ccs_plot_sweep(const char *dir, const ccs_sweep_result *s, int *drawn, ccs_error *err)
{
    if (drawn) {
        *drawn = 0;
    }
    if (s->n_axes > 2) {
        return CCS_OK;
    }
    const ccs_sweep_axis *x = &s->axes[0];
    const ccs_sweep_axis *y = s->n_axes == 2 ? &s->axes[1] : NULL;
    int ny = y ? y->n : 1;
    char var[200], name[256];
    var_name(x->path, var, sizeof var);
    snprintf(name, sizeof name, "sl_vs_%s", var);
    chart c;
    if (chart_open(&c, dir, name, err) != CCS_OK) {
        return CCS_EIO;
    }
    /* Wide layout: one row per value of the first axis, three columns
     * (SL, lo, hi) per value of the second. */
    fprintf(c.fp, "%s", x->path);
    for (int j = 0; j < ny; j++) {
        char v[64] = "";
        if (y) {
            snprintf(v, sizeof v, y->integer ? "%.0f" : "%.12g", ccs_sweep_axis_value(y, j));
        }
        fprintf(c.fp, ",service_level%s%s,lo%s%s,hi%s%s", y ? "@" : "", v, y ? "@" : "", v,
                y ? "@" : "", v);
    }
    fputc('\n', c.fp);
    for (int i = 0; i < x->n; i++) {
        fprintf(c.fp, x->integer ? "%.0f" : "%.12g", ccs_sweep_axis_value(x, i));
        for (int j = 0; j < ny; j++) {
            const ccs_estimate *e = &s->cells[i * ny + j].summary.service_level;
            fputc(',', c.fp);
            num(c.fp, e->mean, e->defined, 0);
            num(c.fp, e->lo, e->defined, 0);
            if (e->defined && isfinite(e->hi)) {
                fprintf(c.fp, "%.10g", e->hi);
            }
        }
        fputc('\n', c.fp);
    }
    if (close_checked(c.fp, c.csv, err) != CCS_OK) {
        return CCS_EIO;
    }
    /* Axes in words ("agents, group team"), the path as a fallback. */
    const char *xl = x->label[0] ? x->label : x->path;
    const char *yl = y && y->label[0] ? y->label : y ? y->path : "";
    char title[400];
    snprintf(title, sizeof title, "%s: service level vs %s (%d replications per point)",
             s->scenario, xl, s->replications);
    FILE *gp = script_open(&c, title, xl, "service level (%)", err);
    if (!gp) {
        return CCS_EIO;
    }
    /* Room at both ends so the first and last error bars are not hidden
     * by the frame; whole-number tics for a whole-number setting. */
    fprintf(gp, "set autoscale xfix\nset offsets graph 0.04, graph 0.04, 0, 0\n");
    if (y) {
        /* The second setting names the key; its entries are the values. */
        fprintf(gp, "set key title ");
        quoted(gp, yl);
        fputc('\n', gp);
    }
    if (x->integer && x->n > 1) {
        double step = x->step;
        while ((x->hi - x->lo) / step > 12) {
            step *= 2;
        }
        fprintf(gp, "set xtics %.12g, %.12g\nset mxtics 1\n", x->lo, step);
    }
    fprintf(gp, "set yrange [0:105]\nplot ");
    for (int j = 0; j < ny; j++) {
        char t[300];
        if (y) {
            char v[64];
            snprintf(v, sizeof v, y->integer ? "%.0f" : "%.12g", ccs_sweep_axis_value(y, j));
            snprintf(t, sizeof t, "%s", v);
        } else {
            snprintf(t, sizeof t, "service level (95%% CI)");
        }
        fprintf(gp, "%sdata skip 1 using 1:($%d*100):($%d*100):($%d*100) with yerrorlines "
                    "title ",
                j ? ", \\\n     " : "", 2 + 3 * j, 3 + 3 * j, 4 + 3 * j);
        quoted(gp, t);
    }
    fputc('\n', gp);
    return finish(&c, gp, drawn, err);
}
