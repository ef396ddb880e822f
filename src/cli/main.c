/*
 * main.c — the ccsim command: dispatches to a subcommand.  Sets the
 * process-wide GSL error handler off once, so GSL returns codes that the
 * library checks instead of aborting.
 */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"

typedef struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"run", ccs_cmd_run, "simulate a scenario: service level, waits, occupancy with 95% CIs"},
    {"erlang", ccs_cmd_erlang, "Erlang C/A staffing: agents needed for a service-level target"},
    {"staff", ccs_cmd_staff, "staffing by simulation, interval by interval, beside Erlang"},
    {"sweep", ccs_cmd_sweep, "what-if grid: vary settings, tabulate SL, ASA, abandons"},
    {"trace", ccs_cmd_trace, "teaching: every event of one replication, as a table"},
    {"validate", ccs_cmd_validate, "teaching: simulated figures beside Erlang C/A theory"},
    {"compare", ccs_cmd_compare, "scenarios side by side (common random numbers): service, cost"},
    {"schedule", ccs_cmd_schedule, "shifts and breaks that cover requirements at least cost (CBC)"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *fp)
{
    fprintf(fp,
            "ccsim %s — call-center simulator\n"
            "\n"
            "usage: ccsim <command> [options]\n"
            "       ccsim <command> --help\n"
            "\n"
            "commands:\n",
            CCSIM_VERSION);
    for (size_t i = 0; i < N_COMMANDS; i++) {
        fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(fp,
            "\n"
            "Times are in seconds and rates per hour unless a unit is written\n"
            "(3m, 1000/h).  See README.md and docs/ for the model and formulas.\n");
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
        printf("ccsim %s\n", CCSIM_VERSION);
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
