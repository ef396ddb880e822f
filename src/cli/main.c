/*
 * main.c — the ccsim command: dispatches to a subcommand.  Sets the
 * process-wide GSL error handler off once, so GSL returns codes that the
 * library checks instead of aborting.
 */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"
#include "ccsim_build.h"

typedef struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
} command;

/* Each has its help, summary and man page in src/cli/help/<name>.txt, whose
 * ccsim.txt lists them in this order. */
static const command commands[] = {
    {"run", ccs_cmd_run},           {"erlang", ccs_cmd_erlang},     {"staff", ccs_cmd_staff},
    {"sweep", ccs_cmd_sweep},       {"trace", ccs_cmd_trace},       {"validate", ccs_cmd_validate},
    {"compare", ccs_cmd_compare},   {"schedule", ccs_cmd_schedule}, {"merge", ccs_cmd_merge},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *fp)
{
    fprintf(fp, "ccsim %s — %s\n\n", CCSIM_VERSION, ccs_cli_help_summary("ccsim"));
    ccs_cli_help(fp, "ccsim");
}

/* "ccsim 0.1.0", and for a build from git "ccsim 0.1.0 (git 1a2b3c4d5e6f)",
 * "-modified" after the commit when the tree had uncommitted changes. */
static void version(void)
{
    if (CCSIM_COMMIT[0]) {
        printf("ccsim %s (git %s)\n", CCSIM_VERSION, CCSIM_COMMIT);
    } else {
        printf("ccsim %s\n", CCSIM_VERSION);
    }
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 2) {
        usage(stderr);
        return CCS_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return CCS_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        version();
        return CCS_EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(cmd, commands[i].name) == 0) {
            return commands[i].fn(argc - 1, argv + 1);
        }
    }
    char safe[256];
    fprintf(stderr, "ccsim: unknown command '%s' (expected one of:",
            ccs_escape(safe, sizeof safe, cmd));
    for (size_t i = 0; i < N_COMMANDS; i++) {
        fprintf(stderr, "%s %s", i ? "," : "", commands[i].name);
    }
    fprintf(stderr, "; see ccsim --help)\n");
    return CCS_EXIT_USAGE;
}
