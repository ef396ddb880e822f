/*
 * common.c — helpers shared by the subcommands: error lines and atomic
 * output files.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

int ccs_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "ccsim %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return CCS_EXIT_USAGE;
}

int ccs_cli_report_error(const char *cmd, const ccs_error *err)
{
    char buf[800];
    fprintf(stderr, "ccsim %s: %s\n", cmd, ccs_error_format(err, buf, sizeof buf));
    switch (err->code) {
    case CCS_EINVAL:
    case CCS_ECONFIG:
    case CCS_EUNSTABLE:
        return CCS_EXIT_USAGE;
    default:
        return CCS_EXIT_FAIL;
    }
}

int ccs_cli_out_open(ccs_cli_out *o, const char *path, ccs_error *err)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return CCS_OK;
    }
    if (strlen(path) >= sizeof o->path) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "--out", "path too long");
    }
    snprintf(o->path, sizeof o->path, "%s", path);
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp.%ld", path, (long)getpid());
    o->fp = fopen(o->tmp, "w");
    if (!o->fp) {
        return ccs_error_set(err, CCS_EIO, NULL, 0, "--out", "cannot write %s: %s",
                             path, strerror(errno));
    }
    return CCS_OK;
}

int ccs_cli_out_commit(ccs_cli_out *o, ccs_error *err)
{
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
        return ccs_error_set(err, CCS_EIO, NULL, 0, "--out", "cannot write %s: %s",
                             o->path, strerror(e));
    }
    return CCS_OK;
}

void ccs_cli_out_abort(ccs_cli_out *o)
{
    if (o->fp && o->fp != stdout) {
        fclose(o->fp);
        unlink(o->tmp);
    }
    o->fp = NULL;
}
