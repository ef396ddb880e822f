/*
 * cli.h — private to the command-line program: the subcommands and the few
 * helpers they share.  The CLI parses options and calls the library; it
 * holds no model logic.  Exit status: 0 ok, 1 runtime failure, 2 bad input
 * (option, value or scenario), with one line on stderr and nothing on stdout.
 */
#ifndef CCSIM_CLI_H
#define CCSIM_CLI_H

#include <stdio.h>
#include "ccsim/error.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"

#define CCS_EXIT_OK 0
#define CCS_EXIT_FAIL 1
#define CCS_EXIT_USAGE 2

#define CCS_CLI_MAX_REPS 100000L     /* --reps, as the scenario's run.replications */
#define CCS_CLI_MAX_THREADS 4096L    /* --threads */

/* Subcommands: argv[0] is the subcommand name. */
int ccs_cmd_erlang(int argc, char **argv);
int ccs_cmd_run(int argc, char **argv);
int ccs_cmd_staff(int argc, char **argv);
int ccs_cmd_sweep(int argc, char **argv);
int ccs_cmd_trace(int argc, char **argv);
int ccs_cmd_validate(int argc, char **argv);
int ccs_cmd_compare(int argc, char **argv);
int ccs_cmd_schedule(int argc, char **argv);
int ccs_cmd_merge(int argc, char **argv);

/* ---- the run report, shared by run and merge (cmd_run.c) ---------------- */

/* --max-abandon FRAC into ro->max_abandon; 2 after the usage error. */
int ccs_cli_max_abandon(const char *cmd, const char *val, ccs_report_options *ro);

/* What `ccsim run` prints for res: the costs (not in CSV), the report in
 * format to out_path (NULL = stdout) atomically, then the charts in plot
 * (NULL = none).  Returns the exit status, having printed any error. */
struct ccs_results;
int ccs_cli_write_run_report(const char *cmd, const struct ccs_results *res,
                             ccs_report_format format, ccs_report_options *ro,
                             const char *out_path, const char *plot);

/* How run simulates: ccs_sim_run, or bin/ccsim-mpi's replications over
 * ranks (src/cli/mpi/main.c).  NULL results with err->code CCS_OK mean "a
 * worker rank: rank 0 prints the report", and run exits 0 quietly. */
struct ccs_run_options;
extern struct ccs_results *(*ccs_cli_simulate)(const ccs_scenario *sc,
                                               const struct ccs_run_options *opt,
                                               ccs_error *err);

/* Whether run draws its progress line: stderr is a terminal (isatty), or
 * for bin/ccsim-mpi's rank 0, whose stderr is Open MPI's pipe, mpirun's
 * stderr is. */
extern int (*ccs_cli_progress_terminal)(void);

/* The version a raw tallies file records, and that merge requires:
 * "0.1.0", or "0.1.0+<commit>" for a build from git (cmd_merge.c). */
const char *ccs_cli_shard_version(void);

/* ---- help (help.c) ------------------------------------------------------ */

/* The --help text of the program ("ccsim") and of each command, generated
 * from src/cli/help/<name>.txt into build/gen/help_pages.c (docs/building.md,
 * "The help source"); the man pages, the bash completion and docs/cli.md are
 * generated from the same files. */
typedef struct ccs_cli_help_page {
    const char *name;      /* "ccsim", "run", ... */
    const char *summary;   /* one line */
    const char *text;      /* what --help prints */
} ccs_cli_help_page;

extern const ccs_cli_help_page ccs_cli_help_pages[];
extern const int ccs_cli_n_help_pages;

/* Prints the help of name on fp; name must have a page (asserted). */
void ccs_cli_help(FILE *fp, const char *name);

/* The one-line summary of name (asserted to exist). */
const char *ccs_cli_help_summary(const char *name);

/* ---- installed examples (find.c) ----------------------------------------- */

/* The file a command-line argument names: name itself when it exists, is
 * absolute or starts with ./ or ../; else name<ext> (ext such as ".cfg", or
 * NULL) when that is a file; else the first file name or name<ext> -- or the
 * same without a leading "scenarios/" -- in a directory of
 * $CCSIM_SCENARIO_PATH (colon-separated), by default the installed
 * scenarios (CCSIM_SCENARIO_DIR); else name, for the loader to report.  The
 * result is name or buf (n bytes). */
const char *ccs_cli_find(const char *name, const char *ext, char *buf, size_t n);

/* Prints "ccsim <cmd>: <message>" on stderr and returns CCS_EXIT_USAGE. */
int ccs_cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints err as "ccsim <cmd>: file:line: key: message" and returns the exit
 * status for its code (2 for input errors, 1 otherwise). */
int ccs_cli_report_error(const char *cmd, const ccs_error *err);

/* Output that appears all at once or not at all.  With path NULL or "-"
 * it goes to stdout, held in an anonymous temporary file until
 * ccs_cli_out_commit() copies it out, so a run that fails half-way (trace
 * writes while it simulates) prints nothing.  Otherwise it writes to
 * "<path>.tmp.<pid>" and ccs_cli_out_commit() renames it over path;
 * ccs_cli_out_abort() removes it, and so does a fatal signal, so a failed
 * or interrupted run never leaves a half-written file. */
typedef struct ccs_cli_out {
    FILE *fp;
    int held;           /* fp holds stdout's text until the commit */
    int special;        /* path is not a regular file (a device, a FIFO):
                           the held text is written to it at the commit */
    char path[1024];
    char tmp[1100];
} ccs_cli_out;

int ccs_cli_out_open(ccs_cli_out *o, const char *path, ccs_error *err);

/* Checks, before any work, that the output file `path` of option `opt`
 * (--out, --write-schedule) can be written: one rule for every command.
 * Returns 0; 2 after printing the usage error for a malformed value (empty,
 * a directory); 1 after printing the error when its directory is missing or
 * not writable (a write failure, as when the disk is full).  "-" is stdout
 * for --out. */
int ccs_cli_check_out(const char *cmd, const char *opt, const char *path);
int ccs_cli_out_commit(ccs_cli_out *o, ccs_error *err);
void ccs_cli_out_abort(ccs_cli_out *o);

/* ---- option helpers shared by the scenario commands (common.c) ---- */

/* Walks argv[1..argc) one argument at a time. */
typedef struct ccs_cli_parser {
    const char *cmd;
    int argc;
    char **argv;
    int i;              /* last argument consumed; start at 0 */
    int only_pos;       /* after "--": everything is positional */
    char name[32];      /* the current option's name, without "--" */
    int help_exact;     /* 1: only -h and --help ask for help, --help=X is an unknown
                           option (run's wording); 0: "--help takes no value" */
} ccs_cli_parser;

enum { CCS_ARG_END = 0, CCS_ARG_OPT, CCS_ARG_POS, CCS_ARG_ERR };

/* Next argument: CCS_ARG_OPT with *name (valid until the next call) and *val
 * (NULL for a flag; "--opt VALUE" and "--opt=VALUE" both work), CCS_ARG_POS
 * with *val, CCS_ARG_END, or CCS_ARG_ERR after printing a usage error.
 * valued and flags are NULL-terminated option names; "help" is always a
 * flag. */
int ccs_cli_next(ccs_cli_parser *p, const char *const *valued, const char *const *flags,
                 const char **name, const char **val);

/* The --set / --seed overrides of one command, in order.  --seed N becomes
 * "run.seed=N" (owned); --set values point into argv. */
typedef struct ccs_cli_sets {
    const char **v;     /* [n] */
    int n;
    char **owned;
    int n_owned;
} ccs_cli_sets;

int ccs_cli_sets_init(ccs_cli_sets *s, int argc);            /* CCS_OK or CCS_ENOMEM */
int ccs_cli_sets_add(ccs_cli_sets *s, const char *cmd, const char *name, const char *val);
void ccs_cli_sets_fini(ccs_cli_sets *s);

/* Integer option in [lo, hi]; prints the usage error and returns 2 if not. */
int ccs_cli_int_opt(const char *cmd, const char *name, const char *val, long lo, long hi,
                    long *out);

/* Reports a scenario load error; exit status 2 unless out of memory. */
int ccs_cli_load_error(const char *cmd, const ccs_error *err);

/* The options that every scenario command words the same way, and the
 * scenario they name.  A command says which it takes (`takes`, CCS_CLI_*)
 * and the few ways they differ between commands; ccs_cli_parse() fills the
 * rest.  Set up with ccs_cli_common_init(), release with
 * ccs_cli_common_fini(). */
enum {
    CCS_CLI_REPS = 1 << 0,      /* --reps N, min_reps..CCS_CLI_MAX_REPS */
    CCS_CLI_THREADS = 1 << 1,   /* --threads N, 0..CCS_CLI_MAX_THREADS */
    CCS_CLI_SETS = 1 << 2,      /* --set PATH=VALUE and --seed N, into sets */
    CCS_CLI_FORMAT = 1 << 3,    /* --format, one of `formats` */
    CCS_CLI_OUT = 1 << 4,       /* --out FILE ("-" = stdout) */
    CCS_CLI_PLOT = 1 << 5,      /* --plot DIR */
    CCS_CLI_QUIET = 1 << 6,     /* the flag --quiet */
    CCS_CLI_VOLUME = 1 << 7,    /* --volume-factor F, applied by ccs_cli_common_load() */
};

/* Bit of a format in ccs_cli_common.formats. */
#define CCS_CLI_FMT(f) (1u << (f))

typedef struct ccs_cli_common {
    /* what the command takes, set before parsing */
    const char *cmd;
    unsigned takes;           /* CCS_CLI_* */
    long min_reps;            /* --reps lower bound: 1, or 2 where a CI needs two */
    unsigned formats;         /* CCS_CLI_FMT() of the accepted --format values */
    int threads_all_cores;    /* word --threads' error "from 0 (all cores) to" */
    int check_out;            /* unused: every command checks --out while parsing */
    int path_optional;        /* the scenario file may be left out (run) */
    int help_exact;           /* as ccs_cli_parser.help_exact */
    /* what the command line said */
    const char *path;         /* the scenario file: into argv, or found[] when
                                 ccs_cli_find() found it installed; NULL if none */
    const char *path_ext;     /* the extension ccs_cli_find() may add: ".cfg" */
    char found[4096];
    ccs_cli_sets sets;        /* --set / --seed, in order */
    long reps;                /* 0 = the scenario's */
    long threads;             /* 0 = all cores */
    ccs_report_format format; /* CCS_REPORT_TEXT unless --format */
    const char *out;          /* NULL = stdout */
    const char *plot;         /* NULL = no charts */
    double volume_factor;     /* --volume-factor; 1 unless given */
    int quiet;
    int help;
} ccs_cli_common;

/* Zeroes c, sets cmd, takes, min_reps 1 and every format, and allocates
 * room for argc overrides.  Returns CCS_EXIT_OK, or prints "out of memory"
 * and returns CCS_EXIT_USAGE. */
int ccs_cli_common_init(ccs_cli_common *c, const char *cmd, unsigned takes, int argc);
void ccs_cli_common_fini(ccs_cli_common *c);

/* Handles one argument from ccs_cli_next() if it is common: the scenario
 * file (kind CCS_ARG_POS), --help, or an option c->takes.  Returns 1 when
 * it consumed it, with *rc the exit status (0, or 2 after printing the
 * usage error); 0 when the argument is the command's own. */
int ccs_cli_common_opt(ccs_cli_common *c, int kind, const char *name, const char *val, int *rc);

/* One command's own options: applies --name val (val NULL for a flag) and
 * returns an exit status (0 = ok), having printed any error. */
typedef int (*ccs_cli_apply_fn)(void *ctx, const char *name, const char *val);

/* Parses argv[1..argc): the common options into c, the command's own
 * valued options (`own`, NULL-terminated, may be NULL) through apply(ctx,
 * ...).  Stops at the first error; returns its exit status (already
 * printed), or CCS_EXIT_OK. */
int ccs_cli_parse(ccs_cli_common *c, int argc, char **argv, const char *const *own,
                  ccs_cli_apply_fn apply, void *ctx);

/* When c->path is NULL, prints "missing SCENARIO: expected a scenario file
 * (e.g. ccsim <cmd> <example>)" and returns 2; else CCS_EXIT_OK. */
int ccs_cli_need_path(const ccs_cli_common *c, const char *example);

/* Loads c->path with c->sets applied, then scales its arrivals by
 * c->volume_factor.  On failure reports the error (as ccs_cli_load_error)
 * and stores the exit status in *rc; returns NULL. */
ccs_scenario *ccs_cli_common_load(const ccs_cli_common *c, ccs_error *err, int *rc);

/* The one stderr line for --plot without gnuplot. */
void ccs_cli_plot_note(const char *dir);

/* ---- shards of sweep and compare, and their merge (shard_jobs.c) ---------- */

/* --reps-range / --cells A:B: the form and 0 <= A < B here (2 after the
 * usage error); ccs_cli_range_beyond() is the error for B beyond R (or the
 * grid's N cells). */
int ccs_cli_parse_range(const char *cmd, const char *opt, const char *val, long *first,
                        long *end);
int ccs_cli_range_beyond(const char *cmd, const char *opt, const char *val, long n);

/* A shard's options: --raw FILE, --reps-range A:B, and a sweep's --cells
 * A:B (NULL when not given). */
typedef struct ccs_cli_shard_opts {
    const char *raw;
    const char *range;
    long first, end;
    const char *cells;
    long cfirst, cend;
} ccs_cli_shard_opts;

/* The checks every shard command makes once its options are parsed:
 * --reps-range or --cells need --raw; --raw takes neither --out nor
 * --plot.  2 after the usage error. */
int ccs_cli_shard_check(const char *cmd, const ccs_cli_shard_opts *so, const char *out,
                        const char *plot);

/* Writes the shard of `ccsim sweep ... --raw` (specs: the --vary texts)
 * and of `ccsim compare ... --raw` (the scenario files, each with its
 * overrides; seed_opt -1 and reps_opt 0 = the first scenario's).  Return
 * the exit status, having printed any error. */
struct ccs_sweep_axis;
struct ccs_run_options;
int ccs_cli_sweep_shard(const ccs_cli_common *c, const struct ccs_sweep_axis *axes,
                        const char *const *specs, int n_axes, const ccs_cli_shard_opts *so,
                        const struct ccs_run_options *opt);
int ccs_cli_compare_shard(const char *const *paths, const char *const *const *sets,
                          const int *n_sets, int n, double volume_factor, long seed_opt,
                          long reps_opt, const ccs_cli_shard_opts *so,
                          const struct ccs_run_options *opt);

/* The merge of a sweep's or a compare's shards (ccs_shard_open() done):
 * the bytes `ccsim sweep` / `ccsim compare` print. */
struct ccs_shard_set;
int ccs_cli_merge_sweep(struct ccs_shard_set *set, ccs_report_format format, const char *out,
                        const char *plot);
int ccs_cli_merge_compare(struct ccs_shard_set *set, ccs_report_format format,
                          const char *out);

/* What `ccsim sweep` prints for r (format to out, NULL = stdout, then the
 * charts in plot, NULL = none; cmd_sweep.c) and what `ccsim compare`
 * prints for the results res[0..n) of its scenarios (their costs and
 * paired differences; cmd_compare.c).  Exit status, any error printed. */
struct ccs_sweep_result;
int ccs_cli_sweep_report(const char *cmd, const struct ccs_sweep_result *r,
                         ccs_report_format format, const char *out, const char *plot);
int ccs_cli_compare_report(const char *cmd, const struct ccs_results *const *res, int n,
                           ccs_report_format format, const char *out);

/* 1 in bin/ccsim-mpi's ranks other than 0: sweep and compare compute as
 * rank 0 does (every rank holds the gathered tallies) but print nothing. */
extern int ccs_cli_worker;

#endif
