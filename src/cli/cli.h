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

#define CCS_EXIT_OK 0
#define CCS_EXIT_FAIL 1
#define CCS_EXIT_USAGE 2

#ifndef CCSIM_VERSION
#define CCSIM_VERSION "0.1.0"
#endif

/* Subcommands: argv[0] is the subcommand name. */
int ccs_cmd_erlang(int argc, char **argv);
int ccs_cmd_run(int argc, char **argv);
int ccs_cmd_staff(int argc, char **argv);
int ccs_cmd_sweep(int argc, char **argv);
int ccs_cmd_trace(int argc, char **argv);
int ccs_cmd_validate(int argc, char **argv);
int ccs_cmd_compare(int argc, char **argv);

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
 * it writes to stdout.  Otherwise it writes to "<path>.tmp.<pid>" and
 * ccs_cli_out_commit() renames it over path; ccs_cli_out_abort() removes it,
 * so a failed or interrupted run never leaves a half-written file. */
typedef struct ccs_cli_out {
    FILE *fp;
    char path[1024];
    char tmp[1100];
} ccs_cli_out;

int ccs_cli_out_open(ccs_cli_out *o, const char *path, ccs_error *err);
int ccs_cli_out_commit(ccs_cli_out *o, ccs_error *err);
void ccs_cli_out_abort(ccs_cli_out *o);

/* ---- option helpers shared by staff, sweep, trace and validate
 * (defined in cmd_staff.c) ---- */

/* Walks argv[1..argc) one argument at a time. */
typedef struct ccs_cli_parser {
    const char *cmd;
    int argc;
    char **argv;
    int i;              /* last argument consumed; start at 0 */
    int only_pos;       /* after "--": everything is positional */
    char name[32];      /* the current option's name, without "--" */
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

/* The one stderr line for --plot without gnuplot. */
void ccs_cli_plot_note(const char *dir);

#endif
