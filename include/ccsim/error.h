/*
 * error.h — status codes and the caller-supplied error object.
 *
 * The library never prints.  Functions that can fail on bad input return a
 * ccs_status and, when given a ccs_error, fill it with a message that names
 * where the problem is (scenario file and line, key path).  The object has
 * fixed buffers so that reporting an error never allocates.  Only the CLI
 * formats and prints it, as "file:line: key: message".
 */
#ifndef CCSIM_ERROR_H
#define CCSIM_ERROR_H

#include <stdio.h>
#include <stdlib.h>

typedef enum ccs_status {
    CCS_OK = 0,
    CCS_ENOMEM,     /* allocation failed */
    CCS_EINVAL,     /* bad argument or value (CLI or API) */
    CCS_ECONFIG,    /* bad scenario file: syntax, key, type or range */
    CCS_EIO,        /* file could not be read or written */
    CCS_EUNSTABLE,  /* offered load >= agents with no abandonment */
    CCS_ELIMIT      /* a run outgrew a stated bound (callers in the system,
                       pending events): the run stops rather than exhaust memory */
} ccs_status;

typedef struct ccs_error {
    ccs_status code;
    char file[256];     /* scenario file; "" when the error has no file */
    int line;           /* line in file; 0 if none */
    char key[128];      /* dotted key path ("calls.[0].handle_time.mean"), or the
                           library's name of a bad argument (a parameter or struct
                           field: "calls_per_hour", "volume_factor"), never a
                           command-line option: the CLI spells it as its option.
                           A message that names another argument quotes its
                           library name `like_this`. */
    char msg[256];      /* what is wrong and what was expected */
} ccs_error;

/* Clears err (code CCS_OK, empty strings).  err may be NULL. */
void ccs_error_clear(ccs_error *err);

/* Sets err and returns code, so callers can write
 *     return ccs_error_set(err, CCS_ECONFIG, file, line, key, "fmt", ...);
 * file and key may be NULL.  err may be NULL (then only code is returned).
 * Strings longer than the buffers are truncated. */
ccs_status ccs_error_set(ccs_error *err, ccs_status code, const char *file,
                         int line, const char *key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Formats err as "file:line: key: msg" (parts that are empty are left out)
 * into buf of size n, every part escaped with ccs_escape(): the result is
 * one printable line.  Returns buf. */
char *ccs_error_format(const ccs_error *err, char *buf, size_t n);

/* Copies src into dst (size n >= 1) so that it prints as one safe line:
 * newline, carriage return and tab become \n \r \t; other control
 * characters, DEL, C1 controls (U+0080..U+009F) and bytes that are not
 * well-formed UTF-8 become \xHH; printable ASCII and valid UTF-8 are kept.
 * Truncates at a character boundary; always NUL-terminated.  src NULL is
 * "".  Returns dst. */
char *ccs_escape(char *dst, size_t n, const char *src);

/* Copies at most max bytes of src into dst (size n >= 6) for quoting a
 * value in a message: bytes below 0x20 and DEL become \xHH, and "..."
 * marks a value cut at max.  A value quoted this way is short enough that
 * the message keeps its point; ccs_error_format() escapes the rest.
 * Returns dst. */
const char *ccs_clip(char *dst, size_t n, const char *src, size_t max);

/* Short name of a status ("ok", "out of memory", ...); a static string. */
const char *ccs_status_str(ccs_status s);

/* Programmer errors (NULL handle, scheduling in the past): report and abort.
 * Stays on in release builds; keep the condition cheap. */
#define CCS_ASSERT(cond)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "ccsim: assertion failed: %s (%s:%d, %s)\n",      \
                    #cond, __FILE__, __LINE__, __func__);                     \
            abort();                                                          \
        }                                                                     \
    } while (0)

#endif
