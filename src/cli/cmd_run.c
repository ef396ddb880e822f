/*
 * cmd_run.c — `ccsim run`: load a scenario, run its replications, print the
 * report.
 *
 * Options are parsed and checked before anything runs, so a typo costs no
 * simulation time; the only stdout output is the report, written through
 * ccs_cli_out so that --out FILE appears whole or not at all.  Nothing that
 * depends on the thread count or on time reaches the report; the progress
 * line goes to stderr, and only on a terminal for runs longer than ~2 s.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ccsim/plot.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"
#include "ccsim/units.h"

#define MAX_REPS 100000L      /* as the scenario's run.replications */
#define MAX_THREADS 4096L
#define PROGRESS_AFTER_S 2.0

typedef struct run_args {
    const char *path;          /* scenario file; NULL = embedded default */
    const char **sets;         /* [n_sets] "PATH=VALUE", pointing into argv */
    int n_sets;
    char **owned;              /* [n_owned] sets we built (from --seed); freed */
    int n_owned;
    long reps;                 /* 0 = the scenario's */
    long threads;              /* 0 = all cores */
    ccs_report_format format;
    const char *out;           /* NULL = stdout */
    const char *plot;          /* --plot DIR; NULL = no charts */
    int quiet;
    int help;
} run_args;

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: ccsim run [SCENARIO.cfg] [options]\n"
            "\n"
            "Simulates a scenario (the embedded default without a file) and prints\n"
            "service level, waits, abandonment and occupancy with 95%% confidence\n"
            "intervals, for the day, each interval and each call type.\n"
            "\n"
            "options (--opt VALUE or --opt=VALUE):\n"
            "  --reps N            replications, 1..%ld (default: the scenario's run.replications)\n"
            "  --threads N         worker threads, 0 = all cores (default 0); the output\n"
            "                      is the same for any N\n"
            "  --seed N            master seed, 0..%ld (same as --set run.seed=N)\n"
            "  --set PATH=VALUE    override a scenario setting, e.g. --set agents.[0].count=52\n"
            "                      (repeatable; applied in order)\n"
            "  --format FORMAT     text (default), csv (the interval table) or json\n"
            "  --out FILE          write the report to FILE, atomically (default stdout)\n"
            "  --plot DIR          SVG charts (and their CSV data) in DIR, via gnuplot\n"
            "  --quiet             no progress line on stderr\n"
            "  --help              this help\n"
            "\n"
            "Exit status: 0 ok, 1 runtime failure, 2 bad option or scenario.\n"
            "Output formats: docs/output.md.  Scenario keys: docs/scenario-format.md.\n",
            MAX_REPS, LONG_MAX);
}

static void args_fini(run_args *a)
{
    for (int i = 0; i < a->n_owned; i++) {
        free(a->owned[i]);
    }
    free(a->owned);
    free(a->sets);
}

/* The option names that take a value. */
static int takes_value(const char *name)
{
    static const char *const names[] = {"reps", "threads", "seed", "set", "format", "out", "plot"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Checks that --out's directory exists and is writable, so a bad path fails
 * before the simulation rather than after it. */
static int check_out_path(const char *path)
{
    if (strcmp(path, "-") == 0) {
        return CCS_EXIT_OK;
    }
    if (!*path) {
        return ccs_cli_usage_error("run", "--out: expected a file name, got ''");
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        return ccs_cli_usage_error("run", "--out: %s is a directory; expected a file name",
                                   path);
    }
    char dir[1024];
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, sizeof dir, ".");
    } else if (slash == path) {
        snprintf(dir, sizeof dir, "/");
    } else {
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    }
    if (access(dir, W_OK | X_OK) != 0) {
        return ccs_cli_usage_error("run", "--out: cannot write %s: %s", path, strerror(errno));
    }
    return CCS_EXIT_OK;
}

/* Applies one option with its value; returns an exit status (0 = ok). */
static int apply(run_args *a, const char *name, const char *val)
{
    long n;
    if (strcmp(name, "reps") == 0) {
        if (ccs_units_int(val, 1, MAX_REPS, &n) != CCS_OK) {
            return ccs_cli_usage_error("run", "--reps: expected an integer from 1 to %ld, got '%s'",
                                       MAX_REPS, val);
        }
        a->reps = n;
    } else if (strcmp(name, "threads") == 0) {
        if (ccs_units_int(val, 0, MAX_THREADS, &n) != CCS_OK) {
            return ccs_cli_usage_error("run",
                                       "--threads: expected an integer from 0 (all cores) to "
                                       "%ld, got '%s'",
                                       MAX_THREADS, val);
        }
        a->threads = n;
    } else if (strcmp(name, "seed") == 0) {
        if (ccs_units_int(val, 0, LONG_MAX, &n) != CCS_OK) {
            return ccs_cli_usage_error("run", "--seed: expected an integer from 0 to %ld, got '%s'",
                                       LONG_MAX, val);
        }
        char *s = malloc(64);
        if (!s) {
            return ccs_cli_usage_error("run", "out of memory");
        }
        snprintf(s, 64, "run.seed=%ld", n);
        a->owned[a->n_owned++] = s;
        a->sets[a->n_sets++] = s;
    } else if (strcmp(name, "set") == 0) {
        if (!strchr(val, '=') || val[0] == '=') {
            return ccs_cli_usage_error("run",
                                       "--set: expected PATH=VALUE (e.g. run.seed=3), got '%s'",
                                       val);
        }
        a->sets[a->n_sets++] = val;
    } else if (strcmp(name, "format") == 0) {
        if (ccs_report_format_from_name(val, &a->format) != CCS_OK) {
            return ccs_cli_usage_error("run", "--format: expected text, csv or json, got '%s'",
                                       val);
        }
    } else if (strcmp(name, "out") == 0) {
        int rc = check_out_path(val);
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
        a->out = strcmp(val, "-") == 0 ? NULL : val;
    } else if (strcmp(name, "plot") == 0) {
        if (!*val) {
            return ccs_cli_usage_error("run", "--plot: expected a directory, got ''");
        }
        a->plot = val;
    }
    return CCS_EXIT_OK;
}

static int parse(run_args *a, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->format = CCS_REPORT_TEXT;
    a->sets = calloc((size_t)argc + 1, sizeof *a->sets);
    a->owned = calloc((size_t)argc + 1, sizeof *a->owned);
    if (!a->sets || !a->owned) {
        return ccs_cli_usage_error("run", "out of memory");
    }
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (a->path) {
                return ccs_cli_usage_error("run",
                                           "unexpected argument '%s': one scenario file at most "
                                           "(already have '%s')",
                                           arg, a->path);
            }
            a->path = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            a->help = 1;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) {
            return ccs_cli_usage_error("run", "unknown option '%s' (see ccsim run --help)", arg);
        }
        char name[32];
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        if (len == 0 || len >= sizeof name) {
            return ccs_cli_usage_error("run", "unknown option '%s' (see ccsim run --help)", arg);
        }
        memcpy(name, arg + 2, len);
        name[len] = '\0';
        if (strcmp(name, "quiet") == 0) {
            if (eq) {
                return ccs_cli_usage_error("run", "--quiet takes no value, got '%s'", arg);
            }
            a->quiet = 1;
            continue;
        }
        if (!takes_value(name)) {
            return ccs_cli_usage_error("run", "unknown option '%s' (see ccsim run --help)", arg);
        }
        const char *val;
        if (eq) {
            val = eq + 1;
        } else if (i + 1 < argc) {
            val = argv[++i];
        } else {
            return ccs_cli_usage_error("run", "--%s: missing value (see ccsim run --help)", name);
        }
        int rc = apply(a, name, val);
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
    }
    return CCS_EXIT_OK;
}

/* ---- progress ---------------------------------------------------------- */

typedef struct progress {
    struct timespec t0;
    double last_s;   /* when the line was last drawn, seconds since t0 */
    int shown;       /* a line is on the terminal and must be cleared */
} progress;

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (now.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* Called under the simulation's lock after each replication. */
static void on_progress(void *ctx, int done, int total)
{
    progress *p = ctx;
    double t = seconds_since(&p->t0);
    /* Redrawn at most ten times a second: short replications would
     * otherwise spend their time writing to the terminal. */
    if (t < PROGRESS_AFTER_S || (p->shown && t - p->last_s < 0.1 && done < total)) {
        return;
    }
    fprintf(stderr, "\rccsim run: replication %d/%d", done, total);
    fflush(stderr);
    p->shown = 1;
    p->last_s = t;
}

static void progress_clear(progress *p)
{
    if (p->shown) {
        fprintf(stderr, "\r%*s\r", 60, "");
        fflush(stderr);
        p->shown = 0;
    }
}

/* Exit status for a scenario that failed to load: a file that is missing
 * or unreadable is bad input too (2); only running out of memory is not. */
static int load_status(int reported, const ccs_error *err)
{
    return err->code == CCS_ENOMEM ? reported : CCS_EXIT_USAGE;
}

int ccs_cmd_run(int argc, char **argv)
{
    run_args a;
    int rc = parse(&a, argc, argv);
    if (rc != CCS_EXIT_OK || a.help) {
        if (rc == CCS_EXIT_OK) {
            usage(stdout);
        }
        args_fini(&a);
        return rc;
    }

    ccs_error err;
    ccs_error_clear(&err);
    ccs_scenario *sc = ccs_scenario_load(a.path, a.sets, a.n_sets, &err);
    if (!sc) {
        rc = load_status(ccs_cli_report_error("run", &err), &err);
        args_fini(&a);
        return rc;
    }

    progress prog = {{0, 0}, 0.0, 0};
    ccs_run_options opt = {0};
    opt.replications = (int)a.reps;
    opt.threads = (int)a.threads;
    if (!a.quiet && isatty(STDERR_FILENO)) {
        clock_gettime(CLOCK_MONOTONIC, &prog.t0);
        opt.progress = on_progress;
        opt.progress_ctx = &prog;
    }
    ccs_results *res = ccs_sim_run(sc, &opt, &err);
    progress_clear(&prog);
    if (!res) {
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }

    ccs_cli_out out;
    if (ccs_cli_out_open(&out, a.out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }
    if (ccs_report_write(out.fp, res, a.format, &err) != CCS_OK) {
        ccs_cli_out_abort(&out);
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }
    if (ccs_cli_out_commit(&out, &err) != CCS_OK) {
        rc = ccs_cli_report_error("run", &err);
        goto done;
    }
    if (a.plot) {
        /* Charts come after the report: a chart problem never costs the run. */
        if (ccs_plot_prepare_dir(a.plot, &err) != CCS_OK ||
            ccs_plot_run(a.plot, res, NULL, &err) != CCS_OK) {
            rc = ccs_cli_report_error("run", &err);
            goto done;
        }
        if (!ccs_plot_have_gnuplot()) {
            ccs_cli_plot_note(a.plot);
        }
    }
    rc = CCS_EXIT_OK;
done:
    ccs_results_free(res);
    ccs_scenario_free(sc);
    args_fini(&a);
    return rc;
}
