/*
 * error.c — filling and formatting ccs_error.  Never allocates.
 *
 * Every message a user sees passes through ccs_escape(), here: names, keys
 * and values come from files and command lines and may hold newlines,
 * terminal escapes or bytes that are not UTF-8; escaped, a message is
 * always exactly one printable line.
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

/* Length of the well-formed UTF-8 sequence of a printable character at p
 * (2 to 4 bytes), or 0: a stray continuation byte, a truncated or overlong
 * sequence, a surrogate, a code point above U+10FFFF, or a C1 control
 * (U+0080..U+009F, which terminals obey like ESC). */
static size_t utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    size_t len;
    unsigned cp;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            return 0;   /* also stops at the terminating NUL */
        }
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f)) {
        return 0;
    }
    return len;
}

const char *ccs_clip(char *dst, size_t n, const char *src, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; src[i] && k + 5 < n; i++) {
        unsigned char c = (unsigned char)src[i];
        if (i >= max) {
            snprintf(dst + k, n - k, "...");
            k += 3;
            break;
        }
        if (c < 0x20 || c == 0x7f) {
            k += (size_t)snprintf(dst + k, n - k, "\\x%02x", c);
        } else {
            dst[k++] = (char)c;
        }
    }
    dst[k < n ? k : n - 1] = '\0';
    return dst;
}

char *ccs_escape(char *dst, size_t n, const char *src)
{
    static const char hex[] = "0123456789abcdef";
    size_t used = 0;
    if (n == 0) {
        return dst;
    }
    const unsigned char *p = (const unsigned char *)(src ? src : "");
    while (*p) {
        char esc[4 * 4 + 1];
        size_t w = 0;
        size_t take = 1;
        if (*p == '\n' || *p == '\r' || *p == '\t') {
            esc[w++] = '\\';
            esc[w++] = *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't';
        } else if (*p >= 0x20 && *p < 0x7f) {
            esc[w++] = (char)*p;
        } else if (*p >= 0x80 && (take = utf8_len(p)) > 0) {
            for (size_t i = 0; i < take; i++) {
                esc[w++] = (char)p[i];
            }
        } else {
            /* Other controls, DEL, C1 controls and bytes that are not UTF-8:
             * one \xHH per byte (a C1 control's two bytes both). */
            take = (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) ? 2 : 1;
            for (size_t i = 0; i < take; i++) {
                esc[w++] = '\\';
                esc[w++] = 'x';
                esc[w++] = hex[p[i] >> 4];
                esc[w++] = hex[p[i] & 0xf];
            }
        }
        if (used + w >= n) {
            break;   /* truncate at a character boundary */
        }
        memcpy(dst + used, esc, w);
        used += w;
        p += take;
    }
    dst[used] = '\0';
    return dst;
}

/* Appends the escaped src to buf[used..n); returns the new length. */
static size_t append_escaped(char *buf, size_t n, size_t used, const char *src)
{
    if (used + 1 >= n) {
        return used;
    }
    ccs_escape(buf + used, n - used, src);
    return used + strlen(buf + used);
}

char *ccs_error_format(const ccs_error *err, char *buf, size_t n)
{
    size_t used = 0;
    char num[32];
    if (n == 0) {
        return buf;
    }
    buf[0] = '\0';
    if (err->file[0]) {
        used = append_escaped(buf, n, used, err->file);
        used = append_escaped(buf, n, used, ":");
        if (err->line > 0) {
            snprintf(num, sizeof num, "%d:", err->line);
            used = append_escaped(buf, n, used, num);
        }
        used = append_escaped(buf, n, used, " ");
    }
    if (err->key[0]) {
        used = append_escaped(buf, n, used, err->key);
        used = append_escaped(buf, n, used, ": ");
    }
    append_escaped(buf, n, used, err->msg[0] ? err->msg : ccs_status_str(err->code));
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
    case CCS_ELIMIT:    return "a run-time limit was reached";
    }
    return "unknown error";
}
