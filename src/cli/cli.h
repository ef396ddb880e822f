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

#endif
