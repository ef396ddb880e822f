/*
 * help.c — `--help` for the program and every command.  The texts are
 * generated at build time from src/cli/help/<command>.txt (scripts/gen-help,
 * into build/gen/help_pages.c), the same sources as the man pages, the bash
 * completion and the option tables of docs/cli.md, so none of them can say
 * something the others do not.
 */
#include "cli/cli.h"

#include <string.h>

static const ccs_cli_help_page *find_page(const char *name)
{
    for (int i = 0; i < ccs_cli_n_help_pages; i++) {
        if (strcmp(ccs_cli_help_pages[i].name, name) == 0) {
            return &ccs_cli_help_pages[i];
        }
    }
    return NULL;
}

void ccs_cli_help(FILE *fp, const char *name)
{
    const ccs_cli_help_page *p = find_page(name);
    CCS_ASSERT(p != NULL);   /* every command has src/cli/help/<name>.txt */
    fputs(p->text, fp);
}

const char *ccs_cli_help_summary(const char *name)
{
    const ccs_cli_help_page *p = find_page(name);
    CCS_ASSERT(p != NULL);
    return p->summary;
}
