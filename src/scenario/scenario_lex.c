/*
 * scenario_lex.c — the overflow scanner of scenario_lex.h.
 *
 * The token rules are libconfig 1.5's (scanner.l), longest match first:
 *
 *   comment    #... or //... to the end of the line, and / * ... * /
 *   string     "..." with backslash escapes; adjacent strings are one value
 *   include    @include "file" at the start of a line (not a value)
 *   name       [A-Za-z*][-A-Za-z0-9_*]*   (true / false, any case: values)
 *   integer    [-+]?[0-9]+           stored with atoi(): wraps beyond int
 *   integer64  [-+]?[0-9]+L(L)?      atoll(): saturates beyond 64 bits
 *   hex        0[Xx][0-9A-Fa-f]+     strtoul() into an int: wraps
 *   hex64      0[Xx][0-9A-Fa-f]+L(L)? strtoull() into a long long: wraps
 *   float      [-+]?[0-9]*\.[0-9]*([eE][-+]?[0-9]+)? or [-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+
 *              atof(): infinite beyond DBL_MAX
 *
 * Anything else is punctuation or garbage; garbage makes libconfig refuse
 * the text, and then the list is not used.
 */
#include "scenario/scenario_lex.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct lexer {
    const char *p;
    int line;
    size_t values;
    int in_string_run;     /* the last value was a string: a next one joins it */
    ccs_literal *list;
    size_t n, cap;
    int failed;
} lexer;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_xdigit(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int name_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*';
}

static int name_char(char c)
{
    return name_start(c) || is_digit(c) || c == '-' || c == '_';
}

/* Skips a string starting at the opening quote; counts its newlines. */
static void skip_string(lexer *lx)
{
    const char *p = lx->p + 1;
    while (*p && *p != '"') {
        if (*p == '\\' && p[1]) {
            p++;
        }
        if (*p == '\n') {
            lx->line++;
        }
        p++;
    }
    lx->p = *p ? p + 1 : p;
}

static void record(lexer *lx, const char *start, size_t len)
{
    if (lx->n == lx->cap) {
        size_t cap = lx->cap ? 2 * lx->cap : 8;
        ccs_literal *l = realloc(lx->list, cap * sizeof *l);
        if (!l) {
            lx->failed = 1;
            return;
        }
        lx->list = l;
        lx->cap = cap;
    }
    ccs_literal *e = &lx->list[lx->n++];
    memset(e, 0, sizeof *e);
    e->index = lx->values;
    e->line = lx->line;
    if (len < sizeof e->text) {
        memcpy(e->text, start, len);
        e->text[len] = '\0';
    } else {
        memcpy(e->text, start, sizeof e->text - 4);
        memcpy(e->text + sizeof e->text - 4, "...", 4);
    }
}

/* Whether the literal [start, start + len) of the given form is stored as
 * another number. */
enum { F_INT, F_INT64, F_HEX, F_HEX64, F_FLOAT };

static int overflows_in(const char *buf, int form)
{
    errno = 0;
    switch (form) {
    case F_INT: {
        long long v = strtoll(buf, NULL, 10);
        return errno == ERANGE || v < INT_MIN || v > INT_MAX;
    }
    case F_INT64:
        (void)strtoll(buf, NULL, 10);
        return errno == ERANGE;
    case F_HEX: {
        unsigned long long v = strtoull(buf, NULL, 16);
        return errno == ERANGE || v > (unsigned long long)INT_MAX;
    }
    case F_HEX64: {
        unsigned long long v = strtoull(buf, NULL, 16);
        return errno == ERANGE || v > (unsigned long long)LLONG_MAX;
    }
    default: {
        double v = strtod(buf, NULL);
        return isinf(v) != 0;   /* glibc: -1 for -inf */
    }
    }
}

/* 1 if it overflows, 0 if not, -1 out of memory.  A long literal (leading
 * zeros, many decimals) is judged by its value like a short one. */
static int overflows(const char *start, size_t len, int form)
{
    char small[512];
    char *buf = len < sizeof small ? small : malloc(len + 1);
    if (!buf) {
        return -1;
    }
    memcpy(buf, start, len);
    buf[len] = '\0';
    int o = overflows_in(buf, form);
    if (buf != small) {
        free(buf);
    }
    return o;
}

/* Length of a digit run at p. */
static size_t digits(const char *p)
{
    size_t n = 0;
    while (is_digit(p[n])) {
        n++;
    }
    return n;
}

/* Length of an exponent [eE][-+]?[0-9]+ at p, or 0. */
static size_t exponent(const char *p)
{
    if (*p != 'e' && *p != 'E') {
        return 0;
    }
    size_t n = 1 + (p[1] == '-' || p[1] == '+');
    size_t d = digits(p + n);
    return d ? n + d : 0;
}

/* A number at lx->p (which starts with a sign, a digit or a '.'): consumes
 * it and returns 1, or returns 0 if it is not one (a lone sign). */
static int number(lexer *lx)
{
    const char *s = lx->p;
    size_t len;
    int form;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && is_xdigit(s[2])) {
        len = 2;
        while (is_xdigit(s[len])) {
            len++;
        }
        form = F_HEX;
        if (s[len] == 'L') {
            len += 1 + (s[len + 1] == 'L');
            form = F_HEX64;
        }
    } else {
        size_t sign = (s[0] == '-' || s[0] == '+');
        size_t ip = digits(s + sign);
        len = sign + ip;
        if (s[len] == '.') {
            len++;
            len += digits(s + len);
            len += exponent(s + len);
            form = F_FLOAT;
        } else if (ip > 0 && exponent(s + len) > 0) {
            len += exponent(s + len);
            form = F_FLOAT;
        } else if (ip > 0) {
            form = F_INT;
            if (s[len] == 'L') {
                len += 1 + (s[len + 1] == 'L');
                form = F_INT64;
            }
        } else {
            return 0;
        }
    }
    int o = overflows(s, len, form);
    if (o < 0) {
        lx->failed = 1;
    } else if (o) {
        record(lx, s, len);
    }
    lx->values++;
    lx->in_string_run = 0;
    lx->p = s + len;
    return 1;
}

/* At the start of a line (only blanks before p on it): an @include? */
static int include_at(const char *p)
{
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (strncmp(p, "@include", 8) != 0 || (p[8] != ' ' && p[8] != '\t')) {
        return 0;
    }
    p += 8;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    return *p == '"';
}

int ccs__lex_overflows(const char *text, ccs_literal **out, size_t *n, size_t *n_values)
{
    lexer lx = {text, 1, 0, 0, NULL, 0, 0, 0};
    int line_start = 1;
    while (*lx.p && !lx.failed) {
        const char *p = lx.p;
        char c = *p;
        if (line_start && include_at(p)) {
            lx.p = strchr(p, '"');
            skip_string(&lx);   /* the file name: not a value */
            line_start = 0;
            continue;
        }
        if (c == '\n') {
            lx.line++;
            lx.p++;
            line_start = 1;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
            lx.p++;
            continue;
        }
        line_start = 0;
        if (c == '#' || (c == '/' && p[1] == '/')) {
            while (*lx.p && *lx.p != '\n') {
                lx.p++;
            }
            continue;
        }
        if (c == '/' && p[1] == '*') {
            lx.p += 2;
            while (*lx.p && !(lx.p[0] == '*' && lx.p[1] == '/')) {
                lx.line += *lx.p == '\n';
                lx.p++;
            }
            lx.p += *lx.p ? 2 : 0;
            continue;
        }
        if (c == '"') {
            if (!lx.in_string_run) {
                lx.values++;
            }
            lx.in_string_run = 1;
            skip_string(&lx);
            continue;
        }
        if (name_start(c)) {
            size_t len = 1;
            while (name_char(p[len])) {
                len++;
            }
            if ((len == 4 && strncasecmp(p, "true", 4) == 0) ||
                (len == 5 && strncasecmp(p, "false", 5) == 0)) {
                lx.values++;
            }
            lx.in_string_run = 0;
            lx.p += len;
            continue;
        }
        if ((is_digit(c) || c == '.' || c == '-' || c == '+') && number(&lx)) {
            continue;
        }
        lx.in_string_run = 0;   /* punctuation (or garbage) */
        lx.p++;
    }
    if (lx.failed) {
        free(lx.list);
        *out = NULL;
        *n = 0;
        return -1;
    }
    *out = lx.list;
    *n = lx.n;
    *n_values = lx.values;
    return 0;
}
