/* TEMPORARY placeholder: replaced by the real subcommand. */
#include "cli/cli.h"
int ccs_cmd_run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return ccs_cli_usage_error("run", "not implemented yet");
}
