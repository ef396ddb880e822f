/* TEMPORARY placeholder: replaced by the real subcommand. */
#include "cli/cli.h"
int ccs_cmd_erlang(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return ccs_cli_usage_error("erlang", "not implemented yet");
}
