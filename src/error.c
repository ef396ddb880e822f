/*
 * error.c — filling and formatting ccs_error.  Never allocates.
 */
#include "ccsim/error.h"

#include <stdarg.h>
#include <string.h>

void ccs_error_clear(ccs_error *err)
{
    if (!err) {
        return;
    }
    memset(err, 0, sizeof *err);
}

static void copy_str(char *dst, size_t n, const char *src)
{
    if (!src) {
        dst[0] = '\0';
        return;
    }
    snprintf(dst, n, "%s", src);
}

ccs_status ccs_error_set(ccs_error *err, ccs_status code, const char *file,
                         int line, const char *key, const char *fmt, ...)
{
    if (!err) {
        return code;
    }
    err->code = code;
    copy_str(err->file, sizeof err->file, file);
    err->line = line;
    copy_str(err->key, sizeof err->key, key);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

char *ccs_error_format(const ccs_error *err, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    if (err->file[0] && used < n) {
        used += (size_t)snprintf(buf + used, n - used, "%s:", err->file);
        if (err->line > 0 && used < n) {
            used += (size_t)snprintf(buf + used, n - used, "%d:", err->line);
        }
        if (used < n) {
            used += (size_t)snprintf(buf + used, n - used, " ");
        }
    }
    if (err->key[0] && used < n) {
        used += (size_t)snprintf(buf + used, n - used, "%s: ", err->key);
    }
    if (used < n) {
        snprintf(buf + used, n - used, "%s", err->msg[0] ? err->msg : ccs_status_str(err->code));
    }
    return buf;
}

const char *ccs_status_str(ccs_status s)
{
    switch (s) {
    case CCS_OK:        return "ok";
    case CCS_ENOMEM:    return "out of memory";
    case CCS_EINVAL:    return "invalid argument";
    case CCS_ECONFIG:   return "invalid scenario";
    case CCS_EIO:       return "input/output error";
    case CCS_EUNSTABLE: return "unstable: offered load >= agents";
    }
    return "unknown error";
}
