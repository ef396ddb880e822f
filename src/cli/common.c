/*
 * common.c — helpers shared by the subcommands: error lines, atomic
 * output files and option parsing.
 */
#define _XOPEN_SOURCE 700   /* realpath() */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "ccsim/units.h"
#include "ccsim/workload.h"

int ccs_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    /* The message quotes what the user typed: escaped, it stays one line. */
    char raw[1200];
    char line[4 * sizeof raw];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    fprintf(stderr, "ccsim %s: %s\n", cmd, ccs_escape(line, sizeof line, raw));
    return CCS_EXIT_USAGE;
}

/* The library names an argument by its own name (a struct field or a
 * parameter, e.g. calls_per_hour): as an error's key, and in a message
 * quoted `like_this`.  Each command spells the ones that can reach it as its
 * options.  cmd NULL: every command.  prose: what the quoted name becomes in
 * a message (NULL: opt).  Only the names listed for a command are
 * rewritten, and no name listed is a scenario key (those are dotted paths
 * or top-level sections, which pass through unchanged). */
typedef struct option_name {
    const char *cmd;
    const char *lib;
    const char *opt;
    const char *prose;
} option_name;

static const option_name option_names[] = {
    /* Erlang C/A (erlang.h), the staffing table (erlang_table.h), staffing
     * under uncertainty (uncertainty.h), requirements from a forecast. */
    {"erlang", "calls_per_hour", "--calls", NULL},
    {"erlang", "aht_s", "--aht", "--aht (e.g. --aht 3m)"},
    {"erlang", "patience_s", "--patience", NULL},
    {"erlang", "threshold_s", "--sl", NULL},
    {"erlang", "service_level", "--sl", NULL},
    {"erlang", "max_asa_s", "--asa", NULL},
    {"erlang", "max_occupancy", "--max-occupancy", NULL},
    {"erlang", "max_abandon", "--max-abandon", NULL},
    {"erlang", "shrinkage", "--shrinkage", NULL},
    {"erlang", "agents", "--agents", NULL},
    {"erlang", "format", "--format", NULL},
    {"erlang", "volume_cv", "--volume-cv", NULL},
    {"erlang", "absenteeism", "--absenteeism", NULL},
    {"erlang", "confidence", "--confidence", NULL},
    /* Staffing by simulation (staff.h), which starts from Erlang. */
    {"staff", "group", "--group", NULL},
    {"staff", "sl_target", "--sl", NULL},
    {"staff", "max_abandon", "--max-abandon", NULL},
    {"staff", "max_occupancy", "--max-occupancy", NULL},
    {"staff", "max_asa_s/shrinkage", "--asa/--shrinkage", NULL},
    {"staff", "replications", "--reps", NULL},
    {"staff", "confidence", "--confidence", NULL},
    {"staff", "absenteeism", "--absenteeism", NULL},
    {"staff", "calls_per_hour", "--calls", NULL},
    {"staff", "aht_s", "--aht", NULL},
    {"staff", "patience_s", "--patience", NULL},
    {"staff", "threshold_s", "--sl", NULL},
    {"staff", "service_level", "--sl", NULL},
    {"staff", "max_asa_s", "--asa", NULL},
    {"staff", "shrinkage", "--shrinkage", NULL},
    {"staff", "out", "--write-schedule", NULL},
    /* What-if grids (sweep.h). */
    {"sweep", "axis", "--vary", NULL},
    {"sweep", "axes", "--vary", NULL},
    /* Shifts and rosters (schedule.h). */
    {"schedule", "days", "--days", NULL},
    {"schedule", "scenario", "--simulate", NULL},
    {"schedule", "out", "--into", NULL},
    /* Charts (plot.h) and volume what-ifs (workload.h). */
    {NULL, "dir", "--plot", NULL},
    {NULL, "volume_factor", "--volume-factor", NULL},
};

/* Replaces every `lib` in msg (size n) by text. */
static void replace_quoted(char *msg, size_t n, const char *lib, const char *text)
{
    char quoted[160], out[sizeof ((ccs_error *)0)->msg];
    snprintf(quoted, sizeof quoted, "`%s`", lib);
    size_t ql = strlen(quoted), used = 0;
    const char *p = msg, *hit;
    if (!strstr(msg, quoted)) {
        return;
    }
    while ((hit = strstr(p, quoted)) != NULL && used < sizeof out) {
        used += (size_t)snprintf(out + used, sizeof out - used, "%.*s%s", (int)(hit - p), p,
                                 text);
        p = hit + ql;
    }
    if (used < sizeof out) {
        snprintf(out + used, sizeof out - used, "%s", p);
    }
    snprintf(msg, n, "%s", out);
}

/* err with the library's argument names spelled as cmd's options. */
static void name_options(const char *cmd, ccs_error *e)
{
    int keyed = 0;
    for (size_t i = 0; i < sizeof option_names / sizeof option_names[0]; i++) {
        const option_name *o = &option_names[i];
        if (o->cmd && strcmp(o->cmd, cmd) != 0) {
            continue;
        }
        if (!keyed && strcmp(e->key, o->lib) == 0) {
            snprintf(e->key, sizeof e->key, "%s", o->opt);
            keyed = 1;
        }
        replace_quoted(e->msg, sizeof e->msg, o->lib, o->prose ? o->prose : o->opt);
    }
}

int ccs_cli_report_error(const char *cmd, const ccs_error *err)
{
    char buf[800];
    ccs_error named = *err;
    name_options(cmd, &named);
    fprintf(stderr, "ccsim %s: %s\n", cmd, ccs_error_format(&named, buf, sizeof buf));
    switch (err->code) {
    case CCS_EINVAL:
    case CCS_ECONFIG:
    case CCS_EUNSTABLE:
        return CCS_EXIT_USAGE;
    default:
        return CCS_EXIT_FAIL;
    }
}

/* The temporary file of the output being written, removed if the process
 * is killed or aborts before it is committed (the one output a command
 * writes at a time).  Only unlink() and raise() run in the handler. */
static char pending_tmp[1100];
static volatile sig_atomic_t pending_set;

static void remove_pending(int sig)
{
    if (pending_set) {
        unlink(pending_tmp);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch_pending(const char *tmp)
{
    static const int sigs[] = {SIGABRT, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM};
    static int installed;
    pending_set = 0;
    snprintf(pending_tmp, sizeof pending_tmp, "%s", tmp);
    pending_set = 1;
    if (installed) {
        return;
    }
    installed = 1;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_pending;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        struct sigaction old;
        /* A signal the caller ignores (nohup) stays ignored. */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) {
            continue;
        }
        sigaction(sigs[i], &sa, NULL);
    }
}

int ccs_cli_out_open(ccs_cli_out *o, const char *path, ccs_error *err)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = tmpfile();
        o->held = o->fp != NULL;
        if (!o->fp) {
            o->fp = stdout;   /* no temporary file: write straight through */
        }
        return CCS_OK;
    }
    if (strlen(path) >= sizeof o->path) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "--out", "path too long");
    }
    /* A symbolic link is written through: the temporary file goes beside
     * its target and is renamed over the target, so the link stays. */
    char real[PATH_MAX];
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real) &&
        strlen(real) < sizeof o->path) {
        path = real;
    }
    memcpy(o->path, path, strlen(path) + 1);   /* shorter than o->path: checked */
    if (stat(o->path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device, a FIFO or a terminal (/dev/stdout, /dev/null): a rename
         * would replace it by a regular file.  Hold the text, as for
         * stdout, and write it to path at the commit. */
        o->fp = tmpfile();
        if (!o->fp) {
            return ccs_error_set(err, CCS_EIO, NULL, 0, "--out", "cannot write %s: %s",
                                 path, strerror(errno));
        }
        o->held = 1;
        o->special = 1;
        return CCS_OK;
    }
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp.%ld", o->path, (long)getpid());
    watch_pending(o->tmp);
    o->fp = fopen(o->tmp, "w");
    if (!o->fp) {
        pending_set = 0;
        return ccs_error_set(err, CCS_EIO, NULL, 0, "--out", "cannot write %s: %s",
                             path, strerror(errno));
    }
    return CCS_OK;
}

/* Copies the held text to dst and closes it; CCS_OK or CCS_EIO. */
static int release_held(ccs_cli_out *o, FILE *dst)
{
    char buf[65536];
    size_t n;
    int bad = fflush(o->fp) != 0 || ferror(o->fp) || fseek(o->fp, 0, SEEK_SET) != 0;
    while (!bad && (n = fread(buf, 1, sizeof buf, o->fp)) > 0) {
        bad = fwrite(buf, 1, n, dst) != n;
    }
    bad |= ferror(o->fp);
    fclose(o->fp);
    o->fp = stdout;
    o->held = 0;
    return bad ? CCS_EIO : CCS_OK;
}

int ccs_cli_out_commit(ccs_cli_out *o, ccs_error *err)
{
    if (o->special) {
        FILE *dst = fopen(o->path, "w");
        int e = errno;
        int rc = dst ? release_held(o, dst) : CCS_EIO;
        if (dst) {
            e = errno;
            if (fclose(dst) != 0 && rc == CCS_OK) {
                e = errno;
                rc = CCS_EIO;
            }
        } else {
            fclose(o->fp);
            o->held = 0;
        }
        o->fp = NULL;
        o->special = 0;
        if (rc != CCS_OK) {
            return ccs_error_set(err, CCS_EIO, NULL, 0, "--out", "cannot write %s: %s",
                                 o->path, strerror(e));
        }
        return CCS_OK;
    }
    if (o->held && release_held(o, stdout) != CCS_OK) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "writing stdout: %s",
                             strerror(errno));
    }
    if (o->fp == stdout) {
        if (fflush(stdout) != 0) {
            return ccs_error_set(err, CCS_EIO, NULL, 0, NULL, "writing stdout: %s",
                                 strerror(errno));
        }
        return CCS_OK;
    }
    int bad = ferror(o->fp);
    if (fclose(o->fp) != 0) {
        bad = 1;
    }
    o->fp = NULL;
    if (bad || rename(o->tmp, o->path) != 0) {
        int e = errno;
        unlink(o->tmp);
        pending_set = 0;
        return ccs_error_set(err, CCS_EIO, NULL, 0, "--out", "cannot write %s: %s",
                             o->path, strerror(e));
    }
    pending_set = 0;
    return CCS_OK;
}

void ccs_cli_out_abort(ccs_cli_out *o)
{
    if (o->held) {
        fclose(o->fp);   /* the held text goes nowhere */
        o->held = 0;
    } else if (o->fp && o->fp != stdout) {
        fclose(o->fp);
        unlink(o->tmp);
        pending_set = 0;
    }
    o->fp = NULL;
}

/* ---- option helpers ----------------------------------------------------- */

static int in_list(const char *name, const char *const *list)
{
    for (; list && *list; list++) {
        if (strcmp(name, *list) == 0) {
            return 1;
        }
    }
    return 0;
}

int ccs_cli_next(ccs_cli_parser *p, const char *const *valued, const char *const *flags,
                 const char **name, const char **val)
{
    *name = NULL;
    *val = NULL;
    while (++p->i < p->argc) {
        const char *arg = p->argv[p->i];
        if (p->only_pos || arg[0] != '-' || strcmp(arg, "-") == 0) {
            *val = arg;
            return CCS_ARG_POS;
        }
        if (strcmp(arg, "--") == 0) {
            p->only_pos = 1;
            continue;
        }
        if (strcmp(arg, "-h") == 0) {
            arg = "--help";
        }
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        if (strncmp(arg, "--", 2) != 0 || len == 0 || len >= sizeof p->name) {
            ccs_cli_usage_error(p->cmd, "unknown option '%s' (see ccsim %s --help)", arg,
                                p->cmd);
            return CCS_ARG_ERR;
        }
        memcpy(p->name, arg + 2, len);
        p->name[len] = '\0';
        *name = p->name;
        if ((strcmp(p->name, "help") == 0 && !(eq && p->help_exact)) ||
            in_list(p->name, flags)) {
            if (eq) {
                ccs_cli_usage_error(p->cmd, "--%s takes no value, got '%s'", p->name, arg);
                return CCS_ARG_ERR;
            }
            return CCS_ARG_OPT;
        }
        if (!in_list(p->name, valued)) {
            ccs_cli_usage_error(p->cmd, "unknown option '%s' (see ccsim %s --help)", arg,
                                p->cmd);
            return CCS_ARG_ERR;
        }
        if (eq) {
            *val = eq + 1;
        } else if (p->i + 1 < p->argc) {
            *val = p->argv[++p->i];
        } else {
            ccs_cli_usage_error(p->cmd, "--%s: missing value (see ccsim %s --help)", p->name,
                                p->cmd);
            return CCS_ARG_ERR;
        }
        return CCS_ARG_OPT;
    }
    return CCS_ARG_END;
}

int ccs_cli_sets_init(ccs_cli_sets *s, int argc)
{
    memset(s, 0, sizeof *s);
    s->v = calloc((size_t)argc + 1, sizeof *s->v);
    s->owned = calloc((size_t)argc + 1, sizeof *s->owned);
    return s->v && s->owned ? CCS_OK : CCS_ENOMEM;
}

int ccs_cli_sets_add(ccs_cli_sets *s, const char *cmd, const char *name, const char *val)
{
    if (strcmp(name, "seed") == 0) {
        long n;
        if (ccs_units_int(val, 0, LONG_MAX, &n) != CCS_OK) {
            return ccs_cli_usage_error(cmd, "--seed: expected an integer from 0 to %ld, got '%s'",
                                       LONG_MAX, val);
        }
        char *t = malloc(64);
        if (!t) {
            return ccs_cli_usage_error(cmd, "out of memory");
        }
        snprintf(t, 64, "run.seed=%ld", n);
        s->owned[s->n_owned++] = t;
        s->v[s->n++] = t;
        return CCS_EXIT_OK;
    }
    if (!strchr(val, '=') || val[0] == '=') {
        return ccs_cli_usage_error(cmd, "--set: expected PATH=VALUE (e.g. run.seed=3), got '%s'",
                                   val);
    }
    s->v[s->n++] = val;
    return CCS_EXIT_OK;
}

void ccs_cli_sets_fini(ccs_cli_sets *s)
{
    for (int i = 0; i < s->n_owned; i++) {
        free(s->owned[i]);
    }
    free(s->owned);
    free(s->v);
    memset(s, 0, sizeof *s);
}

int ccs_cli_int_opt(const char *cmd, const char *name, const char *val, long lo, long hi,
                    long *out)
{
    if (ccs_units_int(val, lo, hi, out) != CCS_OK) {
        return ccs_cli_usage_error(cmd, "--%s: expected an integer from %ld to %ld, got '%s'",
                                   name, lo, hi, val);
    }
    return CCS_EXIT_OK;
}

int ccs_cli_load_error(const char *cmd, const ccs_error *err)
{
    int rc = ccs_cli_report_error(cmd, err);
    return err->code == CCS_ENOMEM ? rc : CCS_EXIT_USAGE;
}

/* ---- the common scenario options --------------------------------------- */

int ccs_cli_common_init(ccs_cli_common *c, const char *cmd, unsigned takes, int argc)
{
    memset(c, 0, sizeof *c);
    c->cmd = cmd;
    c->takes = takes;
    c->min_reps = 1;
    c->formats = CCS_CLI_FMT(CCS_REPORT_TEXT) | CCS_CLI_FMT(CCS_REPORT_CSV) |
                 CCS_CLI_FMT(CCS_REPORT_JSON);
    c->format = CCS_REPORT_TEXT;
    c->volume_factor = 1.0;
    c->path_ext = ".cfg";
    if (ccs_cli_sets_init(&c->sets, argc) != CCS_OK) {
        ccs_cli_sets_fini(&c->sets);   /* either half may have been allocated */
        return ccs_cli_usage_error(cmd, "out of memory");
    }
    return CCS_EXIT_OK;
}

void ccs_cli_common_fini(ccs_cli_common *c)
{
    ccs_cli_sets_fini(&c->sets);
}

int ccs_cli_check_out(const char *cmd, const char *opt, const char *path)
{
    if (strcmp(path, "-") == 0 && strcmp(opt, "--out") == 0) {
        return CCS_EXIT_OK;
    }
    if (!*path) {
        return ccs_cli_usage_error(cmd, "%s: expected a file name, got ''", opt);
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        return ccs_cli_usage_error(cmd, "%s: %s is a directory; expected a file name", opt, path);
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or a FIFO is written in place (ccs_cli_out_open). */
        if (access(path, W_OK) != 0) {
            ccs_cli_usage_error(cmd, "%s: cannot write %s: %s", opt, path, strerror(errno));
            return CCS_EXIT_FAIL;
        }
        return CCS_EXIT_OK;
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
        /* The file cannot be written: a runtime failure, like a full disk. */
        ccs_cli_usage_error(cmd, "%s: cannot write %s: %s", opt, path, strerror(errno));
        return CCS_EXIT_FAIL;
    }
    return CCS_EXIT_OK;
}

/* "--format: expected text, csv or json" naming only the formats c takes. */
static int format_error(const ccs_cli_common *c, const char *val)
{
    char list[64] = "";
    int total = 0, n = 0;
    for (int f = CCS_REPORT_TEXT; f <= CCS_REPORT_JSON; f++) {
        total += (c->formats & CCS_CLI_FMT(f)) != 0;
    }
    for (int f = CCS_REPORT_TEXT; f <= CCS_REPORT_JSON; f++) {
        if (c->formats & CCS_CLI_FMT(f)) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s",
                     n == 0 ? "" : n == total - 1 ? " or " : ", ",
                     ccs_report_format_name((ccs_report_format)f));
            n++;
        }
    }
    return ccs_cli_usage_error(c->cmd, "--format: expected %s, got '%s'", list, val);
}

static int has(const ccs_cli_common *c, unsigned bit, const char *name, const char *want)
{
    return (c->takes & bit) && strcmp(name, want) == 0;
}

int ccs_cli_common_opt(ccs_cli_common *c, int kind, const char *name, const char *val, int *rc)
{
    *rc = CCS_EXIT_OK;
    if (kind == CCS_ARG_POS) {
        if (c->path) {
            *rc = ccs_cli_usage_error(c->cmd, "unexpected argument '%s': one scenario file%s "
                                              "(already have '%s')",
                                      val, c->path_optional ? " at most" : "", c->path);
        } else {
            c->path = ccs_cli_find(val, c->path_ext, c->found, sizeof c->found);
        }
        return 1;
    }
    if (kind != CCS_ARG_OPT) {
        return 0;
    }
    if (strcmp(name, "help") == 0) {
        c->help = 1;
    } else if (has(c, CCS_CLI_QUIET, name, "quiet")) {
        c->quiet = 1;
    } else if (has(c, CCS_CLI_REPS, name, "reps")) {
        *rc = ccs_cli_int_opt(c->cmd, name, val, c->min_reps, CCS_CLI_MAX_REPS, &c->reps);
    } else if (has(c, CCS_CLI_THREADS, name, "threads")) {
        if (!c->threads_all_cores) {
            *rc = ccs_cli_int_opt(c->cmd, name, val, 0, CCS_CLI_MAX_THREADS, &c->threads);
        } else if (ccs_units_int(val, 0, CCS_CLI_MAX_THREADS, &c->threads) != CCS_OK) {
            *rc = ccs_cli_usage_error(c->cmd, "--threads: expected an integer from 0 (all cores) "
                                              "to %ld, got '%s'",
                                      CCS_CLI_MAX_THREADS, val);
        }
    } else if (has(c, CCS_CLI_SETS, name, "seed") || has(c, CCS_CLI_SETS, name, "set")) {
        *rc = ccs_cli_sets_add(&c->sets, c->cmd, name, val);
    } else if (has(c, CCS_CLI_FORMAT, name, "format")) {
        ccs_report_format f;
        if (ccs_report_format_from_name(val, &f) != CCS_OK || !(c->formats & CCS_CLI_FMT(f))) {
            *rc = format_error(c, val);
        } else {
            c->format = f;
        }
    } else if (has(c, CCS_CLI_OUT, name, "out")) {
        *rc = ccs_cli_check_out(c->cmd, "--out", val);
        c->out = strcmp(val, "-") == 0 ? NULL : val;
    } else if (has(c, CCS_CLI_VOLUME, name, "volume-factor")) {
        double f;
        if (ccs_units_real(val, &f) != CCS_OK || !isfinite(f) || !(f > 0) ||
            f > CCS_WORKLOAD_MAX_FACTOR) {
            *rc = ccs_cli_usage_error(c->cmd, "--volume-factor: expected a number > 0 and at "
                                              "most %g (e.g. 1.1 for 10%% more calls), got '%s'",
                                      CCS_WORKLOAD_MAX_FACTOR, val);
        } else {
            c->volume_factor = f;
        }
    } else if (has(c, CCS_CLI_PLOT, name, "plot")) {
        if (!*val) {
            *rc = ccs_cli_usage_error(c->cmd, "--plot: expected a directory, got ''");
        }
        c->plot = val;
    } else {
        return 0;
    }
    return 1;
}

int ccs_cli_parse(ccs_cli_common *c, int argc, char **argv, const char *const *own,
                  ccs_cli_apply_fn apply, void *ctx)
{
    static const struct {
        unsigned bit;
        const char *name;
    } common_valued[] = {
        {CCS_CLI_REPS, "reps"},     {CCS_CLI_THREADS, "threads"}, {CCS_CLI_SETS, "seed"},
        {CCS_CLI_SETS, "set"},      {CCS_CLI_FORMAT, "format"},   {CCS_CLI_OUT, "out"},
        {CCS_CLI_PLOT, "plot"},     {CCS_CLI_VOLUME, "volume-factor"},
    };
    enum { N_COMMON = sizeof common_valued / sizeof common_valued[0] };
    const char *valued[32 + N_COMMON + 1];
    size_t n = 0;
    for (; own && *own; own++) {
        CCS_ASSERT(n < 32);
        valued[n++] = *own;
    }
    for (size_t i = 0; i < N_COMMON; i++) {
        if (c->takes & common_valued[i].bit) {
            valued[n++] = common_valued[i].name;
        }
    }
    valued[n] = NULL;
    const char *const flags[] = {(c->takes & CCS_CLI_QUIET) ? "quiet" : NULL, NULL};
    ccs_cli_parser p = {c->cmd, argc, argv, 0, 0, "", c->help_exact};
    const char *name, *val;
    int kind, rc;
    while ((kind = ccs_cli_next(&p, valued, flags, &name, &val)) != CCS_ARG_END) {
        if (kind == CCS_ARG_ERR) {
            return CCS_EXIT_USAGE;
        }
        if (!ccs_cli_common_opt(c, kind, name, val, &rc)) {
            rc = apply ? apply(ctx, name, val) : CCS_EXIT_OK;
        }
        if (rc != CCS_EXIT_OK) {
            return rc;
        }
    }
    return CCS_EXIT_OK;
}

int ccs_cli_need_path(const ccs_cli_common *c, const char *example)
{
    if (c->path) {
        return CCS_EXIT_OK;
    }
    return ccs_cli_usage_error(c->cmd, "missing SCENARIO: expected a scenario file (e.g. ccsim "
                                       "%s %s)",
                               c->cmd, example);
}

ccs_scenario *ccs_cli_common_load(const ccs_cli_common *c, ccs_error *err, int *rc)
{
    ccs_scenario *sc = ccs_scenario_load(c->path, c->sets.v, c->sets.n, err);
    if (!sc) {
        *rc = ccs_cli_load_error(c->cmd, err);
    } else if (c->volume_factor != 1.0 && ccs_workload_scale(sc, c->volume_factor, err) != CCS_OK) {
        *rc = ccs_cli_load_error(c->cmd, err);
        ccs_scenario_free(sc);
        sc = NULL;
    }
    return sc;
}

void ccs_cli_plot_note(const char *dir)
{
    char safe[1024];
    fprintf(stderr,
            "ccsim: --plot: gnuplot not found; install the Debian package gnuplot-nox "
            "(charts skipped; data written to %s/*.csv)\n",
            ccs_escape(safe, sizeof safe, dir));
}
